//! `--coreai-sparsify` end to end: the number of pruned weights follows the percentile rule,
//! block and n:m structure hold, decoding restores every kept weight exactly (or within the
//! quantizer's bound) and every pruned one as exactly 0, and the output is identical for 1 and
//! 4 threads.

use super::common::*;
use coreai_passes::{SparsifyOptions, api, options::DType, sparsify::Pruning};
use half::f16;

fn options(pruning: Pruning) -> SparsifyOptions {
    SparsifyOptions {
        weight_num_threshold: 0,
        ..Default::default()
    }
    .with_pruning(pruning)
}

/// numpy's `percentile(|w|, q)` with linear interpolation, and the number of `|w| <= t`.
fn percentile_count(w: &[f16], target: f64) -> usize {
    let mut m: Vec<f64> = w.iter().map(|v| f64::from(v.to_f32().abs())).collect();
    m.sort_by(f64::total_cmp);
    let h = (m.len() - 1) as f64 * target;
    let lo = h.floor() as usize;
    let t = if lo + 1 < m.len() {
        m[lo] + (h - lo as f64) * (m[lo + 1] - m[lo])
    } else {
        m[lo]
    };
    m.iter().filter(|&&v| v <= t).count()
}

fn run(w: &[f16], k: usize, n: usize, o: &SparsifyOptions) -> Vec<f32> {
    let context = coreai_dialect::context();
    let mut module = parse(&context, &matmul_program(w, k, n));
    let report = api::sparsify_weights(&mut module, o).expect("sparsify");
    assert_eq!(report.compressed(), 1, "{report:?}");
    decoded_weight(&context, &module)
}

#[test]
fn unstructured_pruning_follows_the_percentile_rule_and_decodes_exactly() {
    let w = normal_weight(128 * 64, 4);
    for target in [0.0, 0.3, 0.5, 0.75, 0.9, 1.0] {
        let decoded = run(
            &w,
            128,
            64,
            &options(Pruning::Magnitude {
                target_sparsity: target,
            }),
        );
        let zeros = decoded.iter().filter(|v| **v == 0.0).count();
        let expected = if target == 0.0 {
            w.iter().filter(|v| v.to_f32() == 0.0).count()
        } else {
            percentile_count(&w, target)
        };
        assert_eq!(zeros, expected, "target {target}");
        for (i, (d, o)) in decoded.iter().zip(&w).enumerate() {
            assert!(
                *d == 0.0 || *d == o.to_f32(),
                "target {target}: element {i} decoded {d}, original {o}"
            );
        }
    }
}

#[test]
fn block_and_n_m_structure_holds() {
    // y operand [K=64, N=32]: output axis 1 (blocks of output channels), input axis 0 (n:m).
    let w = normal_weight(64 * 32, 8);
    let decoded = run(
        &w,
        64,
        32,
        &options(Pruning::Block {
            target_sparsity: 0.5,
            block_size: 4,
        }),
    );
    for row in 0..64 {
        for block in 0..8 {
            let zeros: Vec<bool> = (0..4)
                .map(|j| decoded[row * 32 + block * 4 + j] == 0.0)
                .collect();
            assert!(
                zeros.iter().all(|&z| z) || zeros.iter().all(|&z| !z),
                "row {row} block {block}: {zeros:?}"
            );
        }
    }
    let decoded = run(&w, 64, 32, &options(Pruning::NM { n: 2, m: 4 }));
    for col in 0..32 {
        for group in 0..16 {
            let zeros = (0..4)
                .filter(|j| decoded[(group * 4 + j) * 32 + col] == 0.0)
                .count();
            assert_eq!(zeros, 2, "column {col}, group {group}");
        }
    }
}

#[test]
fn joint_forms_decode_pruned_weights_to_exactly_zero() {
    let w = normal_weight(64 * 32, 12);
    let pruned = run(
        &w,
        64,
        32,
        &options(Pruning::Magnitude {
            target_sparsity: 0.5,
        }),
    );
    for (name, o) in [
        (
            "int8",
            SparsifyOptions {
                quantize_dtype: Some(DType::Int8),
                ..options(Pruning::Magnitude {
                    target_sparsity: 0.5,
                })
            },
        ),
        (
            "uint8 (F.6)",
            SparsifyOptions {
                quantize_dtype: Some(DType::UInt8),
                ..options(Pruning::Magnitude {
                    target_sparsity: 0.5,
                })
            },
        ),
        (
            "fp8 e4m3",
            SparsifyOptions {
                quantize_dtype: Some(DType::Fp8E4M3fn),
                ..options(Pruning::Magnitude {
                    target_sparsity: 0.5,
                })
            },
        ),
        (
            "4-bit palettization",
            SparsifyOptions {
                palettize_nbits: Some(4),
                ..options(Pruning::Magnitude {
                    target_sparsity: 0.5,
                })
            },
        ),
        (
            "3-bit palettization",
            SparsifyOptions {
                palettize_nbits: Some(3),
                ..options(Pruning::NM { n: 1, m: 4 })
            },
        ),
    ] {
        let decoded = run(&w, 64, 32, &o);
        let plain = if name.starts_with("3-bit") {
            run(&w, 64, 32, &options(Pruning::NM { n: 1, m: 4 }))
        } else {
            pruned.clone()
        };
        let amax = w.iter().map(|v| v.to_f32().abs()).fold(0f32, f32::max);
        for (i, (d, p)) in decoded.iter().zip(&plain).enumerate() {
            if *p == 0.0 {
                assert_eq!(*d, 0.0, "{name}: pruned element {i} decodes to {d}");
            } else if name == "int8" || name.starts_with("uint8") {
                // Per-tensor symmetric 8-bit: |error| <= scale/2 (+ f16 rounding of the result).
                let scale = (2.0 * amax + 1e-6) / 254.0;
                assert!(
                    (d - p).abs() <= scale * 0.5 * 1.01 + p.abs() * 1e-3,
                    "{name}: element {i}: {d} vs {p}"
                );
            }
        }
        println!("{name}: relative RMS {:.5}", relative_rms(&decoded, &w));
    }
}

#[test]
fn output_is_identical_for_1_and_4_threads() {
    let w = normal_weight(512 * 256, 13);
    let source = matmul_program(&w, 512, 256);
    let all = [
        options(Pruning::Magnitude {
            target_sparsity: 0.5,
        }),
        options(Pruning::Block {
            target_sparsity: 0.5,
            block_size: 2,
        }),
        options(Pruning::NM { n: 2, m: 4 }),
        SparsifyOptions {
            quantize_dtype: Some(DType::UInt8),
            ..options(Pruning::Magnitude {
                target_sparsity: 0.5,
            })
        },
        SparsifyOptions {
            palettize_nbits: Some(4),
            ..options(Pruning::Magnitude {
                target_sparsity: 0.5,
            })
        },
    ];
    for o in all {
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                let context = coreai_dialect::context();
                let mut module = parse(&context, &source);
                api::sparsify_weights(&mut module, &o).unwrap();
                print(&module)
            })
        };
        assert_eq!(
            run(1),
            run(4),
            "output differs between 1 and 4 threads for {o:?}"
        );
    }
}
