//! Tests of [`palettize`]: shapes (spec C.7), exactness, error cases, determinism across thread
//! counts and reconstruction error against the reference figures of spec E.

use half::{bf16, f16};

use super::{rng::Xoshiro256StarStar, *};
use crate::testutil::run_in_pool;

/// Seeded N(0, sigma) samples (Box-Muller on xoshiro256**).
fn normal(n: usize, sigma: f64, seed: u64) -> Vec<f64> {
    let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
    let mut out = Vec::with_capacity(n + 1);
    while out.len() < n {
        let u1 = 1.0 - rng.next_f64(); // (0, 1]
        let u2 = rng.next_f64();
        let r = (-2.0 * u1.ln()).sqrt() * sigma;
        let t = 2.0 * std::f64::consts::PI * u2;
        out.push(r * t.cos());
        out.push(r * t.sin());
    }
    out.truncate(n);
    out
}

fn normal_f16(n: usize, sigma: f64, seed: u64) -> Vec<f16> {
    normal(n, sigma, seed)
        .into_iter()
        .map(f16::from_f64)
        .collect()
}

fn cfg(n_bits: u32, ch: usize, granularity: Granularity) -> PalettizeConfig {
    PalettizeConfig {
        granularity,
        ..PalettizeConfig::new(n_bits, ch)
    }
}

fn rel_rms<T: Element>(w: &[T], p: &Palettized) -> f64 {
    let r = p.decompress();
    assert_eq!(r.len(), w.len());
    let (mut num, mut den) = (0.0f64, 0.0f64);
    for (a, b) in w.iter().zip(&r) {
        let a = f64::from(a.to_f32());
        num += (a - f64::from(*b)).powi(2);
        den += a * a;
    }
    (num / den).sqrt()
}

/// Structural invariants every result must satisfy.
fn check_invariants(p: &Palettized, n_bits: u32) {
    let k = 1usize << n_bits;
    let lrank = p.lut_shape.len();
    assert_eq!(lrank, p.indices_shape.len() + 2);
    assert_eq!(p.lut_shape[lrank - 2], k);
    assert_eq!(p.lut.len(), p.lut_shape.iter().product::<usize>());
    assert_eq!(p.indices.len(), p.indices_shape.iter().product::<usize>());
    let n_groups = p.lut_shape[p.ch];
    assert_eq!(p.n_clusters.len(), n_groups);
    let cd = p.lut_shape[lrank - 1];
    for (g, &nc) in p.n_clusters.iter().enumerate() {
        assert!(nc >= 1 && nc <= k);
        for e in nc..k {
            for j in 0..cd {
                assert_eq!(p.lut[(g * k + e) * cd + j], 0.0, "unused LUT row must be 0");
            }
        }
    }
    let max_nc = *p.n_clusters.iter().max().unwrap();
    assert!(
        p.indices
            .iter()
            .all(|&i| (i as usize) < max_nc && (i as usize) < k)
    );
    for &v in &p.lut {
        assert!(v.is_finite());
        assert_eq!(
            p.lut_type.round_f32(v),
            v,
            "LUT value {v} not exact in {:?}",
            p.lut_type
        );
    }
}

#[test]
fn c7_per_tensor_shapes() {
    let w = normal_f16(16 * 8, 1.0, 1);
    let p = palettize(&w, &[16, 8], &PalettizeConfig::new(4, 1)).unwrap();
    assert_eq!(p.indices_shape, vec![16, 8]);
    assert_eq!(p.lut_shape, vec![1, 1, 16, 1]);
    assert_eq!(p.lut_type, FloatType::F16);
    assert_eq!(p.vector_axis, 0);
    check_invariants(&p, 4);
    // Scalar LUTs come out ascending.
    assert!(p.lut[..p.n_clusters[0]].windows(2).all(|x| x[0] <= x[1]));
}

#[test]
fn c7_per_channel_and_grouped_shapes() {
    let (kk, n) = (16, 8);
    let w = normal_f16(kk * n, 1.0, 2);
    let p = palettize(&w, &[kk, n], &cfg(4, 1, Granularity::PerChannel)).unwrap();
    assert_eq!(p.lut_shape, vec![1, n, 16, 1]);
    check_invariants(&p, 4);
    let p = palettize(
        &w,
        &[kk, n],
        &cfg(2, 1, Granularity::PerGroupedChannel { group_size: 4 }),
    )
    .unwrap();
    assert_eq!(p.lut_shape, vec![1, n / 4, 4, 1]);
    assert_eq!(p.indices_shape, vec![kk, n]);
    check_invariants(&p, 2);
}

#[test]
fn c7_conv_grouped_shape() {
    let w = normal_f16(8 * 4 * 3 * 3, 1.0, 3);
    let p = palettize(
        &w,
        &[8, 4, 3, 3],
        &cfg(2, 0, Granularity::PerGroupedChannel { group_size: 4 }),
    )
    .unwrap();
    assert_eq!(p.lut_shape, vec![2, 1, 1, 1, 4, 1]);
    assert_eq!(p.indices_shape, vec![8, 4, 3, 3]);
    check_invariants(&p, 2);
}

#[test]
fn c7_vector_shape() {
    let w = normal_f16(16 * 8, 1.0, 4);
    let c = PalettizeConfig {
        cluster_dim: 2,
        ..PalettizeConfig::new(2, 1)
    };
    let p = palettize(&w, &[16, 8], &c).unwrap();
    assert_eq!(p.indices_shape, vec![16, 4]);
    assert_eq!(p.lut_shape, vec![1, 1, 4, 2]);
    assert_eq!(p.vector_axis, 1);
    check_invariants(&p, 2);
    assert!(rel_rms(&w, &p) < 0.8);
}

#[test]
fn four_distinct_values_give_exact_lut() {
    let vals = [-0.75f32, 0.125, 1.5, 3.0];
    let w: Vec<f16> = (0..64).map(|i| f16::from_f32(vals[(i * 7) % 4])).collect();
    for fast in [false, true] {
        let c = PalettizeConfig {
            enable_fast_kmeans_mode: fast,
            ..PalettizeConfig::new(2, 0)
        };
        let p = palettize(&w, &[8, 8], &c).unwrap();
        assert_eq!(p.lut, vals.to_vec());
        assert_eq!(p.n_clusters, vec![4]);
        let r = p.decompress();
        assert!(w.iter().zip(&r).all(|(a, b)| a.to_f32() == *b));
    }
    // Fewer distinct values than entries: the rest of the LUT is 0.
    let w: Vec<f32> = (0..32)
        .map(|i| if i % 2 == 0 { 1.0 } else { -2.0 })
        .collect();
    let p = palettize(&w, &[4, 8], &PalettizeConfig::new(3, 1)).unwrap();
    assert_eq!(p.n_clusters, vec![2]);
    assert_eq!(p.lut, vec![-2.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
    check_invariants(&p, 3);
}

#[test]
fn vector_lossless_with_few_distinct_vectors_any_axis() {
    // At most 2^n distinct vectors -> exact reconstruction, which checks the sample gathering
    // and index placement for several ranks and axes.
    let pool = [[1.0f32, -1.0], [0.5, 2.0], [-3.0, 0.25], [4.0, 4.0]];
    let cases: [(&[usize], usize, usize); 5] = [
        (&[8, 6], 0, 2),
        (&[6, 8], 1, 4),
        (&[4, 6, 3], 1, 2),
        (&[8, 2, 3, 3], 0, 4),
        (&[3, 2, 8], 2, 8),
    ];
    for (shape, ch, g) in cases {
        let n: usize = shape.iter().product();
        let mut w = vec![0.0f32; n];
        // Fill pairs along `ch` with pool vectors.
        let outer: usize = shape[..ch].iter().product();
        let d = shape[ch];
        let inner: usize = shape[ch + 1..].iter().product();
        let mut t = 0usize;
        for o in 0..outer {
            for x in (0..d).step_by(2) {
                for i in 0..inner {
                    let v = pool[(t * 5 + x) % 4];
                    t += 1;
                    w[(o * d + x) * inner + i] = v[0];
                    w[(o * d + x + 1) * inner + i] = v[1];
                }
            }
        }
        let c = PalettizeConfig {
            cluster_dim: 2,
            granularity: Granularity::PerGroupedChannel { group_size: g },
            ..PalettizeConfig::new(2, ch)
        };
        let p = palettize(&w, shape, &c).unwrap();
        check_invariants(&p, 2);
        assert_eq!(p.vector_axis, ch);
        assert_eq!(p.decompress(), w, "shape {shape:?} ch {ch}");
    }
}

#[test]
fn per_channel_scale_shapes_and_values() {
    // [K, N] with ch = 1 -> pcs [K, 1]: one scale per input row.
    let w: Vec<f32> = vec![1.0, -4.0, 2.0, 0.0, 0.0, 0.0, -0.5, 0.25, 0.125];
    let c = PalettizeConfig {
        enable_per_channel_scale: true,
        ..PalettizeConfig::new(4, 1)
    };
    let p = palettize(&w, &[3, 3], &c).unwrap();
    let s = p.per_channel_scale.as_ref().unwrap();
    assert_eq!(s.shape, vec![3, 1]);
    assert_eq!(s.values, vec![4.0, 1.0, 0.5]); // the all-zero row gets 1
    // [Cout, Cin] with ch = 0 -> pcs [1, Cin].
    let c0 = PalettizeConfig { ch: 0, ..c.clone() };
    let p0 = palettize(&w, &[3, 3], &c0).unwrap();
    let s0 = p0.per_channel_scale.as_ref().unwrap();
    assert_eq!(s0.shape, vec![1, 3]);
    assert_eq!(s0.values, vec![1.0, 4.0, 2.0]);
    // Few distinct scaled values -> exact.
    assert_eq!(p.decompress(), w);
    assert_eq!(p0.decompress(), w);
    check_invariants(&p, 4);
}

#[test]
fn errors_are_reported() {
    let w = vec![0.0f32; 16];
    let bad = |c: PalettizeConfig, shape: &[usize]| palettize(&w, shape, &c).unwrap_err();
    assert_eq!(
        bad(PalettizeConfig::new(5, 0), &[4, 4]),
        PalettizeError::Params(PalettizeParamsError::NBits(5))
    );
    assert_eq!(
        bad(
            PalettizeConfig {
                cluster_dim: 0,
                ..PalettizeConfig::new(4, 0)
            },
            &[4, 4]
        ),
        PalettizeError::Params(PalettizeParamsError::ZeroClusterDim)
    );
    assert_eq!(
        bad(
            PalettizeConfig {
                cluster_dim: 2,
                enable_per_channel_scale: true,
                ..PalettizeConfig::new(4, 0)
            },
            &[4, 4]
        ),
        PalettizeError::Params(PalettizeParamsError::PerChannelScaleWithVector(2))
    );
    assert_eq!(
        bad(PalettizeConfig::new(4, 2), &[4, 4]),
        PalettizeError::AxisOutOfRange { axis: 2, rank: 2 }
    );
    assert!(matches!(
        bad(PalettizeConfig::new(4, 0), &[4, 5]),
        PalettizeError::ShapeMismatch { .. }
    ));
    assert_eq!(
        palettize::<f32>(&[], &[0, 4], &PalettizeConfig::new(4, 0)).unwrap_err(),
        PalettizeError::EmptyInput
    );
    assert_eq!(
        bad(
            cfg(4, 0, Granularity::PerGroupedChannel { group_size: 3 }),
            &[4, 4]
        ),
        PalettizeError::GroupSizeIndivisible {
            axis: 0,
            dim: 4,
            group_size: 3
        }
    );
    assert_eq!(
        bad(
            PalettizeConfig {
                cluster_dim: 2,
                ..cfg(4, 0, Granularity::PerChannel)
            },
            &[4, 4]
        ),
        PalettizeError::ClusterDimIndivisible {
            group_size: 1,
            cluster_dim: 2
        }
    );
    assert_eq!(
        bad(
            PalettizeConfig {
                cluster_dim: 3,
                ..PalettizeConfig::new(4, 0)
            },
            &[4, 4]
        ),
        PalettizeError::ClusterDimIndivisible {
            group_size: 4,
            cluster_dim: 3
        }
    );
    // Group size equal to the dim is the whole axis.
    assert!(
        palettize(
            &w,
            &[4, 4],
            &cfg(4, 0, Granularity::PerGroupedChannel { group_size: 4 })
        )
        .is_ok()
    );

    let mut w = normal_f16(64, 1.0, 5);
    w[37] = f16::NAN;
    w[50] = f16::INFINITY;
    assert_eq!(
        palettize(&w, &[8, 8], &PalettizeConfig::new(4, 0)).unwrap_err(),
        PalettizeError::NonFinite { index: 37 }
    );
    let mut w32 = vec![1.0f32; 64];
    w32[9] = f32::NEG_INFINITY;
    let c = PalettizeConfig {
        enable_per_channel_scale: true,
        ..PalettizeConfig::new(4, 0)
    };
    assert_eq!(
        palettize(&w32, &[8, 8], &c).unwrap_err(),
        PalettizeError::NonFinite { index: 9 }
    );
    w32[9] = 1.0e6;
    assert_eq!(
        palettize(&w32, &[8, 8], &PalettizeConfig::new(4, 0)).unwrap_err(),
        PalettizeError::OutOfRange {
            index: 9,
            value: 1.0e6,
            dtype: FloatType::F16
        }
    );
    // ... but with a per-channel scale the scaled values fit.
    let p = palettize(&w32, &[8, 8], &c).unwrap();
    check_invariants(&p, 4);
}

#[test]
fn bf16_uses_bf16_group_dtype() {
    let w: Vec<bf16> = normal(32 * 32, 1.0e10, 6)
        .into_iter()
        .map(bf16::from_f64)
        .collect();
    let p = palettize(&w, &[32, 32], &PalettizeConfig::new(4, 0)).unwrap();
    assert_eq!(p.lut_type, FloatType::BF16);
    check_invariants(&p, 4);
    let e = rel_rms(&w, &p);
    assert!(e < 0.15, "bf16 rel rms {e}");
}

#[test]
fn f32_and_f16_inputs_agree() {
    // Same values through the bit-lookup path (f16) and the conversion path (f32).
    let w16 = normal_f16(64 * 32, 1.0, 7);
    let w32: Vec<f32> = w16.iter().map(|x| x.to_f32()).collect();
    for c in [
        PalettizeConfig::new(4, 0),
        cfg(3, 1, Granularity::PerGroupedChannel { group_size: 8 }),
        PalettizeConfig {
            enable_fast_kmeans_mode: false,
            ..PalettizeConfig::new(6, 1)
        },
        PalettizeConfig {
            cluster_dim: 4,
            ..PalettizeConfig::new(4, 0)
        },
    ] {
        let a = palettize(&w16, &[64, 32], &c).unwrap();
        let b = palettize(&w32, &[64, 32], &c).unwrap();
        assert_eq!(a, b, "{c:?}");
    }
}

#[test]
fn f32_weights_are_rounded_to_f16_first() {
    // Values that differ in f32 but collide in f16 count as one value.
    let w: Vec<f32> = (0..16).map(|i| 1.0 + (i % 2) as f32 * 1.0e-5).collect();
    let c = PalettizeConfig {
        enable_fast_kmeans_mode: false,
        ..PalettizeConfig::new(2, 0)
    };
    let p = palettize(&w, &[4, 4], &c).unwrap();
    assert_eq!(p.n_clusters, vec![1]);
    assert_eq!(p.lut[0], 1.0);
}

#[test]
fn fast_mode_rounding_merges_values() {
    // 0.5 and 0.52 are distinct f16 values; rounded to 1 decimal they coincide.
    let w: Vec<f16> = (0..16)
        .map(|i| f16::from_f32(if i % 2 == 0 { 0.5 } else { 0.52 }))
        .collect();
    let c = PalettizeConfig {
        rounding_precision: 1,
        ..PalettizeConfig::new(2, 0)
    };
    let p = palettize(&w, &[4, 4], &c).unwrap();
    assert_eq!(p.n_clusters, vec![1]);
    assert_eq!(p.lut[0], 0.5);
    let c = PalettizeConfig {
        enable_fast_kmeans_mode: false,
        ..c
    };
    assert_eq!(palettize(&w, &[4, 4], &c).unwrap().n_clusters, vec![2]);
    // Large values do not overflow the rounding (F.4): 60000 * 10^4 is fine in f32.
    let w: Vec<f16> = (0..16)
        .map(|i| f16::from_f32(if i % 2 == 0 { 60000.0 } else { -3.0 }))
        .collect();
    let p = palettize(&w, &[4, 4], &PalettizeConfig::new(1, 0)).unwrap();
    assert_eq!(p.lut, vec![-3.0, 60000.0]);
}

#[test]
fn deterministic_across_thread_counts() {
    let (rows, cols) = (1024, 1056); // > LARGE_GROUP elements: exercises the chunked path
    let w = normal_f16(rows * cols, 0.02, 8);
    let configs = [
        PalettizeConfig::new(4, 0),
        cfg(4, 0, Granularity::PerGroupedChannel { group_size: 16 }),
        cfg(2, 1, Granularity::PerGroupedChannel { group_size: 32 }),
        PalettizeConfig {
            enable_per_channel_scale: true,
            ..PalettizeConfig::new(4, 1)
        },
    ];
    for c in &configs {
        let a = run_in_pool(1, || palettize(&w, &[rows, cols], c).unwrap());
        let b = run_in_pool(4, || palettize(&w, &[rows, cols], c).unwrap());
        assert!(a == b, "thread-count dependent result for {c:?}");
        check_invariants(&a, c.n_bits);
    }
    // Vector k-means: seeded, chunked reductions.
    let w = normal_f16(128 * 96, 1.0, 9);
    for c in [
        PalettizeConfig {
            cluster_dim: 2,
            seed: 3,
            ..PalettizeConfig::new(4, 0)
        },
        PalettizeConfig {
            cluster_dim: 4,
            ..cfg(3, 1, Granularity::PerGroupedChannel { group_size: 8 })
        },
    ] {
        let a = run_in_pool(1, || palettize(&w, &[128, 96], &c).unwrap());
        let b = run_in_pool(4, || palettize(&w, &[128, 96], &c).unwrap());
        assert!(a == b, "thread-count dependent result for {c:?}");
        check_invariants(&a, c.n_bits);
    }
}

#[test]
fn seed_changes_vector_result_only() {
    let w = normal_f16(64 * 32, 1.0, 10);
    let c0 = PalettizeConfig {
        cluster_dim: 2,
        ..PalettizeConfig::new(3, 0)
    };
    let c1 = PalettizeConfig {
        seed: 99,
        ..c0.clone()
    };
    let a = palettize(&w, &[64, 32], &c0).unwrap();
    let b = palettize(&w, &[64, 32], &c1).unwrap();
    assert_ne!(a.lut, b.lut);
    let s0 = PalettizeConfig::new(3, 0);
    let s1 = PalettizeConfig {
        seed: 99,
        ..s0.clone()
    };
    assert_eq!(
        palettize(&w, &[64, 32], &s0).unwrap(),
        palettize(&w, &[64, 32], &s1).unwrap()
    );
}

/// Spec E: relative RMS on a 256x64 f16 N(0,1) weight.
///
/// The reference figures match a weight used as a matmul `y` operand `[K=256, N=64]`, i.e. out
/// axis 1 (with out axis 0, 6-bit per-channel has 64 values per 64-entry LUT and is lossless,
/// and the per-channel scale is taken over the other axis). One draw of 16,384 values moves
/// the figures by about ±1 %, and exact k-means is optimal for *its* draw, so the check
/// averages 8 seeded draws and allows 1 % for the sampling difference from the reference's
/// numpy draw.
#[test]
fn relative_rms_no_worse_than_reference() {
    let shape = [256, 64];
    let cases: [(&str, PalettizeConfig, f64); 3] = [
        ("pal 4-bit per-tensor", PalettizeConfig::new(4, 1), 0.097),
        (
            "pal 6-bit per-channel",
            cfg(6, 1, Granularity::PerChannel),
            0.015,
        ),
        (
            "pal 4-bit + pcs",
            PalettizeConfig {
                enable_per_channel_scale: true,
                ..PalettizeConfig::new(4, 1)
            },
            0.0875,
        ),
    ];
    const SEEDS: u64 = 8;
    let ws: Vec<Vec<f16>> = (0..SEEDS)
        .map(|s| normal_f16(256 * 64, 1.0, 2024 + s))
        .collect();
    for (name, c, reference) in cases {
        let mut sum = 0.0;
        let mut per_seed = Vec::new();
        for w in &ws {
            let p = palettize(w, &shape, &c).unwrap();
            check_invariants(&p, c.n_bits);
            let e = rel_rms(w, &p);
            per_seed.push(format!("{e:.5}"));
            sum += e;
        }
        let mean = sum / SEEDS as f64;
        println!(
            "{name}: mean relative RMS {mean:.5} (reference {reference}); per seed {per_seed:?}"
        );
        assert!(
            mean <= reference * 1.01,
            "{name}: relative RMS {mean} exceeds reference {reference}"
        );
    }
}

#[test]
fn all_bit_widths_and_granularities_satisfy_invariants() {
    let w = normal_f16(48 * 40, 0.5, 11);
    for n_bits in [1, 2, 3, 4, 6, 8] {
        for (ch, gran) in [
            (0, Granularity::PerTensor),
            (1, Granularity::PerChannel),
            (0, Granularity::PerGroupedChannel { group_size: 12 }),
            (1, Granularity::PerGroupedChannel { group_size: 8 }),
        ] {
            for fast in [false, true] {
                let c = PalettizeConfig {
                    enable_fast_kmeans_mode: fast,
                    ..cfg(n_bits, ch, gran)
                };
                let p = palettize(&w, &[48, 40], &c).unwrap();
                check_invariants(&p, n_bits);
                assert!(rel_rms(&w, &p) < 1.0);
            }
        }
    }
}

/// Survey of the spec E figures over seeds and both out axes (`cargo test --release
/// rms_seed_survey -- --ignored --nocapture`).
#[test]
#[ignore]
fn rms_seed_survey() {
    for ch in [0usize, 1] {
        for seed in 0..8u64 {
            let w = normal_f16(256 * 64, 1.0, seed);
            let a = rel_rms(
                &w,
                &palettize(&w, &[256, 64], &PalettizeConfig::new(4, ch)).unwrap(),
            );
            let b = rel_rms(
                &w,
                &palettize(&w, &[256, 64], &cfg(6, ch, Granularity::PerChannel)).unwrap(),
            );
            let c = rel_rms(
                &w,
                &palettize(
                    &w,
                    &[256, 64],
                    &PalettizeConfig {
                        enable_per_channel_scale: true,
                        ..PalettizeConfig::new(4, ch)
                    },
                )
                .unwrap(),
            );
            let d = rel_rms(
                &w,
                &palettize(
                    &w,
                    &[256, 64],
                    &cfg(8, ch, Granularity::PerGroupedChannel { group_size: 16 }),
                )
                .unwrap(),
            );
            println!("ch {ch} seed {seed}: 4b {a:.5} 6b/ch {b:.5} pcs {c:.5} 8b/g16 {d:.5}");
        }
    }
}

/// SplitMix64, local to the golden test so that its inputs never change.
struct GoldenRng(u64);
impl GoldenRng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Seeded weights: zero runs, exact multiples of 1/8, uniform, tiny and N(0, 0.025)-like values.
fn golden_weights(n: usize, seed: u64) -> Vec<f32> {
    let mut r = GoldenRng(seed);
    (0..n)
        .map(|i| {
            if (i / 16) % 13 == 5 {
                return 0.0;
            }
            match r.below(10) {
                0 => 0.0,
                1 => (r.below(16) as f64 - 8.0) as f32 * 0.125,
                2 => (r.unit() * 2.0 - 1.0) as f32 * 3.0,
                3 => 1e-6 * (r.below(5) as f32 - 2.0),
                _ => ((r.unit() - 0.5) * 0.05) as f32,
            }
        })
        .collect()
}

/// FNV-1a.
fn fnv(h: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *h = (*h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3);
    }
}

/// FNV-1a over every output (or error message) of every option set on one weight.
fn golden_hash<T: Element>(w: &[T], shape: &[usize]) -> u64 {
    let mut h = 0xCBF2_9CE4_8422_2325u64;
    for ch in 0..shape.len() {
        for n_bits in [1u32, 2, 3, 4, 6, 8] {
            for gran in [
                Granularity::PerTensor,
                Granularity::PerChannel,
                Granularity::PerGroupedChannel { group_size: 2 },
                Granularity::PerGroupedChannel { group_size: 4 },
            ] {
                for cd in [1usize, 2, 4] {
                    for pcs in [false, true] {
                        for fast in [true, false] {
                            let mut c = PalettizeConfig::new(n_bits, ch);
                            c.granularity = gran;
                            c.cluster_dim = cd;
                            c.enable_per_channel_scale = pcs;
                            c.enable_fast_kmeans_mode = fast;
                            c.seed = 17;
                            match palettize(w, shape, &c) {
                                Ok(p) => {
                                    fnv(&mut h, &p.indices);
                                    for v in &p.lut {
                                        fnv(&mut h, &v.to_bits().to_le_bytes());
                                    }
                                    for v in &p.n_clusters {
                                        fnv(&mut h, &v.to_le_bytes());
                                    }
                                    for v in &p.lut_shape {
                                        fnv(&mut h, &v.to_le_bytes());
                                    }
                                    if let Some(s) = &p.per_channel_scale {
                                        for v in &s.values {
                                            fnv(&mut h, &v.to_bits().to_le_bytes());
                                        }
                                    }
                                }
                                Err(e) => fnv(&mut h, e.to_string().as_bytes()),
                            }
                        }
                    }
                }
            }
        }
    }
    for n_bits in [1u32, 2, 4, 8] {
        match palettize_values(w, n_bits) {
            Ok(p) => {
                fnv(&mut h, &p.indices);
                for v in &p.lut {
                    fnv(&mut h, &v.to_bits().to_le_bytes());
                }
            }
            Err(e) => fnv(&mut h, e.to_string().as_bytes()),
        }
    }
    h
}

/// Byte-identical outputs: hashes of every option combination (axis, bits, granularity,
/// vector length, per-channel scale, fast mode) and of [`palettize_values`], for f16, bf16 and
/// f32 weights, with 1 and 2 threads. The constants were taken before the strided-group,
/// vector gather/scatter and vectorised k-means kernels, which reproduce them.
#[test]
fn golden_outputs_are_unchanged() {
    let shapes: [&[usize]; 7] = [
        &[64, 96],
        &[96, 64],
        &[4, 8, 10],
        &[8, 4, 3, 3],
        &[96, 17],
        &[16, 1024],
        &[512, 8],
    ];
    let want: [[u64; 3]; 7] = [
        [0x5073ea4f7642170d, 0xb980558b43d0d848, 0x2a514f01164ceedf],
        [0xaedac88fbf942d02, 0xdc175c549b937369, 0x2d37ff327536bc7d],
        [0xf526bd8f31152a25, 0x130ff51e23147a66, 0xa04f386090dfee9b],
        [0x110c34552b4d8432, 0xcac12112b138d9b7, 0xc1d6c82c4d00b8b7],
        [0xfcd3ab6918366dd5, 0xa639131f51167c0f, 0xd5d69b37e934dd87],
        [0x48b9b31aee03e44c, 0x0a342106a8e5bfa0, 0x2c0707fef0170103],
        [0xa94192022bf91b3d, 0xb23595d0dccb84b1, 0xad70abeed9e459d7],
    ];
    for (i, s) in shapes.iter().enumerate() {
        let n: usize = s.iter().product();
        let wf = golden_weights(n, 7 + i as u64);
        let wh: Vec<f16> = wf.iter().map(|&x| f16::from_f32(x)).collect();
        let wb: Vec<bf16> = wf.iter().map(|&x| bf16::from_f32(x)).collect();
        let got = run_in_pool(1 + i % 2, || {
            [
                golden_hash(&wh, s),
                golden_hash(&wb, s),
                golden_hash(&wf, s),
            ]
        });
        assert_eq!(got, want[i], "shape {s:?} (f16, bf16, f32 weights)");
    }
}
