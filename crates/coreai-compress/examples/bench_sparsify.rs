//! Times the pruning kernels on seeded N(0, 0.02) f16 weights of the benchmark's 157M "LLM
//! block" shapes (or `--small`), best of five runs per kernel.
//!
//! ```text
//! cargo run --release -p coreai-compress --example bench_sparsify [-- --small] [magnitude|block|nm ...]
//! RAYON_NUM_THREADS=1 ... (single-core figures)
//! ```

use std::time::Instant;

use coreai_compress::sparsify::{prune_block, prune_magnitude, prune_n_m};
use half::f16;

fn weights(n: usize, seed: u64) -> Vec<f16> {
    let mut s = seed;
    let mut next = move || {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|_| {
            // Sum of four uniforms: close enough to a normal for timing.
            let u = (next() + next() + next() + next() - 2.0) * 0.0346;
            f16::from_f64(u)
        })
        .collect()
}

fn best<R>(mut f: impl FnMut() -> R) -> (f64, R) {
    let mut out = None;
    let mut t = f64::INFINITY;
    for _ in 0..5 {
        let s = Instant::now();
        let r = f();
        t = t.min(s.elapsed().as_secs_f64());
        out = Some(r);
    }
    (t, out.expect("ran"))
}

fn main() {
    let small = std::env::args().any(|a| a == "--small");
    let named: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let run = |k: &str| named.is_empty() || named.iter().any(|a| a == k);
    let (d, ffn) = if small { (512, 1376) } else { (4096, 11008) };
    let shapes = [
        vec![d, d],
        vec![d, d],
        vec![d, d],
        vec![d, d],
        vec![ffn, d],
        vec![d, ffn],
    ];
    let ws: Vec<Vec<f16>> = shapes
        .iter()
        .enumerate()
        .map(|(i, s)| weights(s.iter().product(), i as u64))
        .collect();
    let total: usize = ws.iter().map(Vec::len).sum();
    println!(
        "{} params ({:.1} MB f16), {} threads",
        total,
        total as f64 * 2e-6,
        rayon::current_num_threads()
    );
    if run("magnitude") {
        let (t, kept) = best(|| {
            ws.iter()
                .zip(&shapes)
                .map(|(w, s)| prune_magnitude(w, s, 0.5).expect("prune").nnz())
                .sum::<usize>()
        });
        println!("magnitude 50%: {t:.3} s ({kept} kept)");
    }
    if run("block") {
        let (t, kept) = best(|| {
            ws.iter()
                .zip(&shapes)
                .map(|(w, s)| prune_block(w, s, 0, 2, 0.5).expect("prune").nnz())
                .sum::<usize>()
        });
        println!("block 2, 50%:  {t:.3} s ({kept} kept)");
    }
    if run("nm") {
        let (t, kept) = best(|| {
            ws.iter()
                .zip(&shapes)
                .map(|(w, s)| prune_n_m(w, s, 1, 2, 4).expect("prune").nnz())
                .sum::<usize>()
        });
        println!("n:m 2:4:       {t:.3} s ({kept} kept)");
    }
}
