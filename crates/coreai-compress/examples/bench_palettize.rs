//! Wall-clock benchmark of the palettization kernels on LLM-sized f16 weights.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-palettize cargo run --release --example bench_palettize
//! CARGO_TARGET_DIR=/work/target-palettize cargo run --release --example bench_palettize -- --model
//! RAYON_NUM_THREADS=1 ... (single-core figures)
//! ```
//!
//! Default: one seeded N(0, 0.02) f16 4096x4096 matrix (out axis 0), every configuration.
//! An extra argument runs only the configurations whose name contains it.
//! `--model`: the 157M-parameter set (4x 4096x4096, 11008x4096, 4096x11008) for the four
//! target configurations, timed end to end.

use std::time::Instant;

use coreai_compress::palettize::{Granularity, PalettizeConfig, palettize};
use half::f16;

/// SplitMix64 + Box-Muller: a seeded N(0, sigma) f16 matrix.
fn normal_f16(n: usize, sigma: f64, seed: u64) -> Vec<f16> {
    let mut s = seed;
    let mut next = move || {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut out = Vec::with_capacity(n + 1);
    while out.len() < n {
        let (u1, u2) = (1.0 - next(), next());
        let r = (-2.0 * u1.ln()).sqrt() * sigma;
        let t = 2.0 * std::f64::consts::PI * u2;
        out.push(f16::from_f64(r * t.cos()));
        out.push(f16::from_f64(r * t.sin()));
    }
    out.truncate(n);
    out
}

fn configs() -> Vec<(&'static str, PalettizeConfig)> {
    let base = PalettizeConfig::new(4, 0);
    vec![
        ("4-bit per-tensor", base.clone()),
        (
            "4-bit grouped 16",
            PalettizeConfig {
                granularity: Granularity::PerGroupedChannel { group_size: 16 },
                ..base.clone()
            },
        ),
        ("8-bit per-tensor", PalettizeConfig::new(8, 0)),
        (
            "4-bit + per-channel scale",
            PalettizeConfig {
                enable_per_channel_scale: true,
                ..base.clone()
            },
        ),
        ("3-bit per-tensor", PalettizeConfig::new(3, 0)),
        (
            "vector cd=2 4-bit",
            PalettizeConfig {
                cluster_dim: 2,
                ..base.clone()
            },
        ),
        (
            "6-bit per-channel",
            PalettizeConfig {
                granularity: Granularity::PerChannel,
                ..PalettizeConfig::new(6, 0)
            },
        ),
        (
            "4-bit per-tensor, no fast mode",
            PalettizeConfig {
                enable_fast_kmeans_mode: false,
                ..base.clone()
            },
        ),
        (
            "8-bit per-tensor, no fast mode",
            PalettizeConfig {
                enable_fast_kmeans_mode: false,
                ..PalettizeConfig::new(8, 0)
            },
        ),
        (
            "4-bit grouped 16, out axis 1",
            PalettizeConfig {
                granularity: Granularity::PerGroupedChannel { group_size: 16 },
                ..PalettizeConfig::new(4, 1)
            },
        ),
    ]
}

fn main() {
    let model = std::env::args().any(|a| a == "--model");
    // Optional name filter: run only configurations whose name contains it.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let selected = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    println!("rayon threads: {}", rayon::current_num_threads());
    if model {
        let shapes = [
            [4096, 4096],
            [4096, 4096],
            [4096, 4096],
            [4096, 4096],
            [11008, 4096],
            [4096, 11008],
        ];
        let weights: Vec<(Vec<f16>, [usize; 2])> = shapes
            .iter()
            .enumerate()
            .map(|(i, s)| (normal_f16(s[0] * s[1], 0.02, i as u64), *s))
            .collect();
        let total: usize = weights.iter().map(|(w, _)| w.len()).sum();
        println!("model: {} tensors, {total} parameters", weights.len());
        for (name, cfg) in configs().into_iter().take(4) {
            if !selected(name) {
                continue;
            }
            let t = Instant::now();
            for (w, s) in &weights {
                let p = palettize(w, s, &cfg).expect("palettize");
                std::hint::black_box(&p);
            }
            let dt = t.elapsed().as_secs_f64();
            println!(
                "{name:34} {:9.1} ms  {:6.2} ns/element",
                dt * 1e3,
                dt * 1e9 / total as f64
            );
        }
        return;
    }
    let (rows, cols) = (4096, 4096);
    let w = normal_f16(rows * cols, 0.02, 42);
    let n = w.len() as f64;
    println!("weight: f16 {rows}x{cols}, N(0, 0.02)");
    for (name, cfg) in configs() {
        if !selected(name) {
            continue;
        }
        // One warm-up run, then the best of three.
        let mut best = f64::INFINITY;
        let mut rms = 0.0;
        for rep in 0..4 {
            let t = Instant::now();
            let p = palettize(&w, &[rows, cols], &cfg).expect("palettize");
            let dt = t.elapsed().as_secs_f64();
            if rep > 0 {
                best = best.min(dt);
            }
            if rep == 0 {
                let r = p.decompress();
                let (mut num, mut den) = (0.0f64, 0.0f64);
                for (a, b) in w.iter().zip(&r) {
                    let a = f64::from(a.to_f32());
                    num += (a - f64::from(*b)).powi(2);
                    den += a * a;
                }
                rms = (num / den).sqrt();
            }
            if name.starts_with("vector") {
                best = best.min(dt);
                break;
            }
        }
        println!(
            "{name:34} {:9.1} ms  {:6.2} ns/element  rel. RMS {rms:.4}",
            best * 1e3,
            best * 1e9 / n
        );
    }
}
