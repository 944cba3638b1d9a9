//! Benchmark of the quantization kernel on the 157M-parameter "LLM block" of `coreai-bench`:
//! seeded N(0, 0.02) f16 weights, quantized per method with the pass's block sizes.
//!
//! - `q_proj`, `k_proj`, `v_proj`, `o_proj`: `[4096, 4096]` and `up_proj`: `[4096, 11008]`, the
//!   y operand of batch_matmul (`[K, N]`, output axis 1): per channel is `[0, 1]`, per block 32
//!   is `[32, 1]` (blocks run down the columns);
//! - `gate_proj`: `[11008, 4096]` with output axis 0: `[1, 0]` and `[1, 32]`.
//!
//! Run with `cargo run --release --example bench_quantize [filter|=name] [runs]`. Every method is
//! timed on one rayon thread and on all threads (best of `runs`, default 3, whole model per
//! run). The last column is a hash of every output (codes, scales, zero points): it must not
//! change when the kernels are optimised. `pack` and `sparsify` as filters time those kernels
//! on one 4096×4096 matrix.

use std::time::{Duration, Instant};

use coreai_compress::{
    FloatType, pack,
    quantize::{QScheme, QuantDType, QuantParams, Quantized, ScaleStorage, quantize},
    sparsify::{prune_magnitude, prune_n_m},
    testutil::{SplitMix64, normal_f16},
};
use half::f16;
use rayon::prelude::*;

/// The fastest of `runs` runs of `f`, which times itself; the check value of the last run.
fn best_of<F: FnMut() -> (Duration, u64)>(runs: usize, mut f: F) -> (Duration, u64) {
    let mut best = Duration::MAX;
    let mut check = 0;
    for _ in 0..runs {
        let (t, c) = f();
        best = best.min(t);
        check = c;
    }
    (best, check)
}

/// Times `f` (whose result is a check value).
fn timed(mut f: impl FnMut() -> u64) -> impl FnMut() -> (Duration, u64) {
    move || {
        let t = Instant::now();
        let c = f();
        (t.elapsed(), c)
    }
}

/// A 64-bit hash of every output field (codes, scale bits, zero points).
fn hash(h: &mut u64, q: &Quantized) {
    let mut eat = |bytes: &[u8]| {
        for c in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..c.len()].copy_from_slice(c);
            *h = (*h ^ u64::from_le_bytes(b))
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .rotate_left(29);
        }
        *h ^= bytes.len() as u64;
    };
    eat(&q.codes);
    let s: Vec<u8> = q
        .scale
        .iter()
        .flat_map(|s| s.to_bits().to_le_bytes())
        .collect();
    eat(&s);
    let z: Vec<u8> = q.zero_point.iter().flat_map(|z| z.to_le_bytes()).collect();
    eat(&z);
}

/// One weight of the model: shape and whether its output axis is 0 (`gate_proj`).
struct Weight {
    shape: [usize; 2],
    out_axis0: bool,
    w: Vec<f16>,
}

fn model() -> Vec<Weight> {
    let (d, f) = (4096usize, 11008usize);
    let shapes = [
        ([d, d], false),
        ([d, d], false),
        ([d, d], false),
        ([d, d], false),
        ([f, d], true),
        ([d, f], false),
    ];
    shapes
        .par_iter()
        .enumerate()
        .map(|(i, &(shape, out_axis0))| {
            let mut rng = SplitMix64::new(1000 + i as u64);
            let w = (0..shape[0] * shape[1])
                .map(|_| f16::from_f32((rng.normal() * 0.02) as f32))
                .collect();
            Weight {
                shape,
                out_axis0,
                w,
            }
        })
        .collect()
}

/// Granularity of a method: per channel or per block of 32 along the input axis.
#[derive(Clone, Copy)]
enum Gran {
    Channel,
    Block32,
}

fn block_sizes(g: Gran, out_axis0: bool) -> [usize; 2] {
    match (g, out_axis0) {
        (Gran::Channel, false) => [0, 1],
        (Gran::Channel, true) => [1, 0],
        (Gran::Block32, false) => [32, 1],
        (Gran::Block32, true) => [1, 32],
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let filter = args.next().unwrap_or_default();
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let all = rayon::current_num_threads();
    let f16s = ScaleStorage::Float(FloatType::F16);
    let e8m0 = ScaleStorage::E8M0;
    use QScheme::{Asymmetric as Asym, Symmetric as Sym};
    use QuantDType::*;
    let methods: [(&str, QuantDType, QScheme, ScaleStorage, Gran); 8] = [
        ("int8 per-channel", Int8, Sym, f16s, Gran::Channel),
        ("int8 per-channel asym", Int8, Asym, f16s, Gran::Channel),
        ("int4 per-block 32", Int4, Sym, f16s, Gran::Block32),
        ("uint4 asym per-block 32", UInt4, Asym, f16s, Gran::Block32),
        ("fp8 e4m3 per-channel", Fp8E4M3fn, Sym, f16s, Gran::Channel),
        (
            "fp8 e4m3 per-block 32 E8M0",
            Fp8E4M3fn,
            Sym,
            e8m0,
            Gran::Block32,
        ),
        (
            "fp8 e4m3 per-block 32 f16",
            Fp8E4M3fn,
            Sym,
            f16s,
            Gran::Block32,
        ),
        (
            "fp4 MX (per-block 32 E8M0)",
            Fp4E2M1fn,
            Sym,
            e8m0,
            Gran::Block32,
        ),
    ];
    // `=name` selects one method exactly, anything else is a substring filter.
    let wanted = |name: &str| match filter.strip_prefix('=') {
        Some(exact) => name == exact,
        None => name.contains(filter.as_str()),
    };
    if methods.iter().any(|m| wanted(m.0)) {
        let t = Instant::now();
        let weights = model();
        let n: usize = weights.iter().map(|w| w.w.len()).sum();
        println!(
            "LLM block: 4x[4096,4096] + [4096,11008] (out axis 1), [11008,4096] (out axis 0); \
             {n} f16 params, generated in {:.1} s; best of {runs}",
            t.elapsed().as_secs_f64()
        );
        println!(
            "  {:<30} {:>10} {:>10}  output hash",
            "method",
            "1 thread",
            format!("{all} threads")
        );
        for (name, dtype, scheme, storage, gran) in methods {
            if !wanted(name) {
                continue;
            }
            let p = QuantParams::new(dtype, scheme, storage).expect("valid parameters");
            // Only the quantize calls are timed; the hash is taken outside the clock.
            let run_model = || {
                let mut h = 0xCBF2_9CE4_8422_2325u64;
                let mut t = Duration::ZERO;
                for w in &weights {
                    let bs = block_sizes(gran, w.out_axis0);
                    let t0 = Instant::now();
                    let q = quantize(&w.w, &w.shape, &bs, &p).expect("quantize");
                    t += t0.elapsed();
                    hash(&mut h, &q);
                }
                (t, h)
            };
            let one = rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .build()
                .expect("thread pool");
            let (t1, h1) = one.install(|| best_of(runs, run_model));
            let (ta, ha) = best_of(runs, run_model);
            assert_eq!(h1, ha, "{name}: output depends on the thread count");
            println!(
                "  {name:<30} {:>8.3} s {:>8.3} s  {h1:016x}",
                t1.as_secs_f64(),
                ta.as_secs_f64()
            );
        }
    }
    let (k, n) = (4096usize, 4096usize);
    let elems = (k * n) as f64;
    if filter == "pack" {
        let codes: Vec<u8> = (0..k * n)
            .map(|i| ((i * 2_654_435_761) >> 7) as u8)
            .collect();
        for bits in [1u32, 2, 3, 4, 6] {
            let masked: Vec<u8> = codes.iter().map(|&c| c & ((1 << bits) - 1)).collect();
            let (t, check) = best_of(
                3,
                timed(|| pack::pack_unsigned(&masked, bits).map_or(0, |p| p.len() as u64)),
            );
            let packed = pack::pack_unsigned(&masked, bits).unwrap_or_default();
            let (tu, _) = best_of(
                3,
                timed(|| pack::unpack_unsigned(&packed, k * n, bits).map_or(0, |p| p.len() as u64)),
            );
            println!(
                "  pack / unpack {bits} bits, 4096x4096: {:.3} / {:.3} ns/elem  [{check}]",
                t.as_secs_f64() * 1e9 / elems,
                tu.as_secs_f64() * 1e9 / elems
            );
        }
    }
    if filter == "sparsify" {
        let w = normal_f16(k * n, 42);
        let (t, check) = best_of(
            3,
            timed(|| prune_magnitude(&w, &[k, n], 0.5).map_or(0, |s| s.nnz() as u64)),
        );
        println!(
            "  sparsify 50% unstructured, 4096x4096: {:.3} ms  [{check}]",
            t.as_secs_f64() * 1e3
        );
        let (t, check) = best_of(
            3,
            timed(|| prune_n_m(&w, &[k, n], 1, 2, 4).map_or(0, |s| s.nnz() as u64)),
        );
        println!(
            "  sparsify 2:4 along axis 1, 4096x4096: {:.3} ms  [{check}]",
            t.as_secs_f64() * 1e3
        );
    }
}
