//! Micro benchmark of the quantization kernels on a seeded 4096×4096 f16 matrix.
//!
//! Run with `cargo run --release --example bench_quantize` (set `RAYON_NUM_THREADS=1` for the
//! single-core figure). Prints the best of several runs in ns/element.

use std::time::{Duration, Instant};

use coreai_compress::{
    FloatType, pack,
    quantize::{QScheme, QuantDType, QuantParams, ScaleStorage, quantize},
    sparsify::{prune_magnitude, prune_n_m},
    testutil::normal_f16,
};

fn best_of<F: FnMut() -> usize>(runs: usize, mut f: F) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut check = 0;
    for _ in 0..runs {
        let t = Instant::now();
        check = f();
        best = best.min(t.elapsed());
    }
    (best, check)
}

fn main() {
    // An optional argument keeps only the cases whose name contains it (for profiling).
    let filter = std::env::args().nth(1).unwrap_or_default();
    let (k, n) = (4096usize, 4096usize);
    let w = normal_f16(k * n, 42);
    let elems = (k * n) as f64;
    let threads = rayon::current_num_threads();
    let runs = if filter.is_empty() { 5 } else { 40 };
    println!("4096x4096 f16, {threads} rayon thread(s); best of {runs} runs");
    let f16s = ScaleStorage::Float(FloatType::F16);
    let cases: [(&str, QuantDType, QScheme, ScaleStorage, [usize; 2]); 7] = [
        (
            "int8 per-channel, blocks along the row ([1,0])",
            QuantDType::Int8,
            QScheme::Symmetric,
            f16s,
            [1, 0],
        ),
        (
            "int8 per-channel, blocks down columns ([0,1])",
            QuantDType::Int8,
            QScheme::Symmetric,
            f16s,
            [0, 1],
        ),
        (
            "int8 per-channel asym ([1,0])",
            QuantDType::Int8,
            QScheme::Asymmetric,
            f16s,
            [1, 0],
        ),
        (
            "int4 per-block 32 along the row ([1,32])",
            QuantDType::Int4,
            QScheme::Symmetric,
            f16s,
            [1, 32],
        ),
        (
            "int4 per-block 32 strided ([32,1])",
            QuantDType::Int4,
            QScheme::Symmetric,
            f16s,
            [32, 1],
        ),
        (
            "fp8 e4m3 per-channel f16 scale ([1,0])",
            QuantDType::Fp8E4M3fn,
            QScheme::Symmetric,
            f16s,
            [1, 0],
        ),
        (
            "fp4 MX E8M0 per-block 32 ([1,32])",
            QuantDType::Fp4E2M1fn,
            QScheme::Symmetric,
            ScaleStorage::E8M0,
            [1, 32],
        ),
    ];
    for (name, dtype, scheme, scale, bs) in cases {
        if !name.contains(&filter) {
            continue;
        }
        let p = QuantParams::new(dtype, scheme, scale).expect("valid parameters");
        let (t, check) = best_of(runs, || {
            let q = quantize(&w, &[k, n], &bs, &p).expect("quantize");
            q.codes.len() + q.scale.len()
        });
        println!(
            "  {name:<48} {:>7.3} ms  {:>6.3} ns/elem  (157M params: {:.3} s)  [{check}]",
            t.as_secs_f64() * 1e3,
            t.as_secs_f64() * 1e9 / elems,
            t.as_secs_f64() / elems * 157e6,
        );
    }
    if "pack".contains(&filter) {
        let codes: Vec<u8> = (0..k * n)
            .map(|i| ((i * 2_654_435_761) >> 7) as u8)
            .collect();
        for bits in [1u32, 2, 3, 4, 6] {
            let masked: Vec<u8> = codes.iter().map(|&c| c & ((1 << bits) - 1)).collect();
            let (t, check) = best_of(3, || {
                pack::pack_unsigned(&masked, bits)
                    .map(|p| p.len())
                    .unwrap_or(0)
            });
            let packed = pack::pack_unsigned(&masked, bits).unwrap_or_default();
            let (tu, _) = best_of(3, || {
                pack::unpack_unsigned(&packed, k * n, bits)
                    .map(|p| p.len())
                    .unwrap_or(0)
            });
            println!(
                "  pack / unpack {bits} bits {:>32} {:>6.3} / {:.3} ns/elem  [{check}]",
                "",
                t.as_secs_f64() * 1e9 / elems,
                tu.as_secs_f64() * 1e9 / elems
            );
        }
    }
    if !"sparsify".contains(&filter) {
        return;
    }
    let (t, check) = best_of(3, || {
        prune_magnitude(&w, &[k, n], 0.5)
            .map(|s| s.nnz())
            .unwrap_or(0)
    });
    println!(
        "  {:<48} {:>7.3} ms  {:>6.3} ns/elem  [{check}]",
        "sparsify 50% unstructured",
        t.as_secs_f64() * 1e3,
        t.as_secs_f64() * 1e9 / elems
    );
    let (t, check) = best_of(3, || {
        prune_n_m(&w, &[k, n], 1, 2, 4)
            .map(|s| s.nnz())
            .unwrap_or(0)
    });
    println!(
        "  {:<48} {:>7.3} ms  {:>6.3} ns/elem  [{check}]",
        "sparsify 2:4 along axis 1",
        t.as_secs_f64() * 1e3,
        t.as_secs_f64() * 1e9 / elems
    );
}
