//! Unit tests of the pruning kernels against sort-based references of D.6.

use half::{bf16, f16};

use super::{select::numpy_percentile_sorted, *};
use crate::{pack, testutil::SplitMix64};

/// The D.6 rule written directly: sort, numpy percentile, `M <= thr`, then `w != 0`.
fn reference_keep(
    m: &[f64],
    w_nonzero: &[bool],
    target: f64,
    round: impl Fn(f64) -> f64,
) -> Vec<bool> {
    let q = 100.0 * target;
    if q == 100.0 {
        return vec![false; m.len()];
    }
    if q == 0.0 {
        return w_nonzero.to_vec();
    }
    let mut sorted = m.to_vec();
    sorted.sort_by(f64::total_cmp);
    let thr = numpy_percentile_sorted(&sorted, q, round);
    m.iter()
        .zip(w_nonzero)
        .map(|(&x, &nz)| x > thr && nz)
        .collect()
}

fn check_against_reference<T: Element>(w: &[T], target: f64) {
    let s = prune_magnitude(w, &[w.len()], target).unwrap();
    let m: Vec<f64> = w.iter().map(|x| f64::from(x.to_f32().abs())).collect();
    let nz: Vec<bool> = w.iter().map(|x| x.to_f32() != 0.0).collect();
    let want = reference_keep(&m, &nz, target, |d| round_diff(T::TYPE, d));
    assert_eq!(
        s.mask_bools(),
        want,
        "{:?} n={} target={target}",
        T::TYPE,
        w.len()
    );
    let vals: Vec<T> = w
        .iter()
        .zip(&want)
        .filter(|(_, k)| **k)
        .map(|(x, _)| *x)
        .collect();
    assert_eq!(s.values, vals);
    assert_eq!(s.mask, pack::pack_bools(&want));
}

/// Random weights with many exact ties and zeros (few distinct magnitudes when `coarse`).
fn tied(n: usize, seed: u64, coarse: bool) -> Vec<f32> {
    let mut rng = SplitMix64::new(seed);
    (0..n)
        .map(|_| {
            let r = rng.below(10);
            if r == 0 {
                0.0
            } else if coarse || r < 4 {
                (rng.below(9) as f32 - 4.0) * 0.25
            } else {
                rng.normal() as f32
            }
        })
        .collect()
}

const TARGETS: [f64; 11] = [
    0.0, 0.01, 0.1, 0.25, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999999, 1.0,
];

#[test]
fn unstructured_matches_numpy_rule_exactly() {
    for n in [1usize, 2, 3, 7, 8, 100, 1001] {
        for coarse in [false, true] {
            let w = tied(n, n as u64 * 31 + u64::from(coarse), coarse);
            let w16: Vec<f16> = w.iter().map(|&x| f16::from_f32(x)).collect();
            let wb: Vec<bf16> = w.iter().map(|&x| bf16::from_f32(x)).collect();
            for t in TARGETS {
                check_against_reference(&w, t);
                check_against_reference(&w16, t);
                check_against_reference(&wb, t);
            }
        }
    }
}

#[test]
fn unstructured_large_inputs_use_parallel_histograms() {
    // More than one histogram chunk, both for the one-level (f16) and two-level (f32) paths.
    let n = 3 * select::CHUNK + 4099;
    let w = tied(n, 5, false);
    let w16: Vec<f16> = w.iter().map(|&x| f16::from_f32(x)).collect();
    for t in [0.37, 0.5] {
        check_against_reference(&w, t);
        check_against_reference(&w16, t);
    }
}

#[test]
fn achieved_sparsity_without_ties_is_the_percentile_count() {
    // Distinct magnitudes: the pruned count is floor(h) + 1 or floor(h) + 2 (threshold at b).
    let n = 1000;
    let w: Vec<f32> = (0..n)
        .map(|i| (i as f32 + 1.0) * if i % 2 == 0 { 1.0 } else { -1.0 })
        .collect();
    for t in [0.1f64, 0.5, 0.75] {
        let s = prune_magnitude(&w, &[n], t).unwrap();
        let pruned = n - s.nnz();
        let h = (n - 1) as f64 * t;
        // thr = a + (b - a) * frac < b unless frac == 0: exactly floor(h) + 1 pruned.
        assert_eq!(pruned, h.floor() as usize + 1, "t={t}");
        let exact = (n as f64 * t).floor() as usize;
        assert!(pruned.abs_diff(exact) <= 1);
    }
}

#[test]
fn spec_c9_shape() {
    let w: Vec<f16> = crate::testutil::normal_f16(32, 9);
    let s = prune_magnitude(&w, &[8, 4], 0.5).unwrap();
    assert_eq!(s.nnz(), 16);
    assert_eq!(s.mask.len(), 4);
    assert_eq!(s.mask.iter().map(|b| b.count_ones()).sum::<u32>(), 16);
    let dense = s.to_dense();
    assert_eq!(dense.iter().filter(|x| x.to_f32() != 0.0).count(), 16);
    assert!(!s.is_empty() && s.len() == 32);
}

/// Block norms broadcast to elements (cropped), then the unstructured rule.
fn reference_block(w: &[f32], shape: &[usize], dim: usize, bs: usize, target: f64) -> Vec<bool> {
    let a: usize = shape[..dim].iter().product();
    let c = shape[dim];
    let s: usize = shape[dim + 1..].iter().product();
    let mut map = vec![0f64; w.len()];
    for ai in 0..a {
        for si in 0..s {
            for g0 in (0..c).step_by(bs) {
                let chans = g0..(g0 + bs).min(c);
                let sq: f64 = chans
                    .clone()
                    .map(|ch| f64::from(w[(ai * c + ch) * s + si]).powi(2))
                    .sum();
                let norm = f64::from(sq.sqrt() as f32);
                for ch in chans {
                    map[(ai * c + ch) * s + si] = norm;
                }
            }
        }
    }
    let nz: Vec<bool> = w.iter().map(|&x| x != 0.0).collect();
    reference_keep(&map, &nz, target, |d| f64::from(d as f32))
}

#[test]
fn block_sparsity_matches_reference_and_structure() {
    for (shape, dim, bs) in [
        (vec![16usize, 8], 0usize, 2usize),
        (vec![8, 16], 1, 4),
        (vec![10, 6], 0, 4), // partial last block (C = 10)
        (vec![6, 4, 3, 3], 0, 2),
        (vec![4, 6, 3, 2], 1, 3),
        (vec![12, 3, 2, 2, 2], 0, 5),
    ] {
        let n: usize = shape.iter().product();
        let w = tied(n, n as u64, false);
        for t in [0.0, 0.3, 0.5, 0.8, 1.0] {
            let s = prune_block(&w, &shape, dim, bs, t).unwrap();
            let want = reference_block(&w, &shape, dim, bs, t);
            assert_eq!(s.mask_bools(), want, "{shape:?} dim={dim} bs={bs} t={t}");
            // Structure: inside a block, a nonzero weight is kept iff its block is kept.
            let a: usize = shape[..dim].iter().product();
            let c = shape[dim];
            let sp: usize = shape[dim + 1..].iter().product();
            for ai in 0..a {
                for si in 0..sp {
                    for g0 in (0..c).step_by(bs) {
                        let idx: Vec<usize> = (g0..(g0 + bs).min(c))
                            .map(|ch| (ai * c + ch) * sp + si)
                            .collect();
                        let kept_any = idx.iter().any(|&i| s.is_kept(i));
                        for &i in &idx {
                            assert_eq!(s.is_kept(i), kept_any && w[i] != 0.0);
                        }
                    }
                }
            }
        }
    }
}

/// n:m written directly: sort each padded group by (magnitude, padding first, index).
fn reference_n_m(w: &[f32], shape: &[usize], dim: usize, n: usize, m: usize) -> Vec<bool> {
    let a: usize = shape[..dim].iter().product();
    let c = shape[dim];
    let s: usize = shape[dim + 1..].iter().product();
    let mut keep: Vec<bool> = w.iter().map(|&x| x != 0.0).collect();
    for ai in 0..a {
        for si in 0..s {
            for g0 in (0..c).step_by(m) {
                let mut grp: Vec<(f32, u8, usize)> = (g0..g0 + m)
                    .map(|ch| {
                        if ch < c {
                            (w[(ai * c + ch) * s + si].abs(), 1, ch)
                        } else {
                            (0.0, 0, ch)
                        }
                    })
                    .collect();
                grp.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
                for &(_, real, ch) in &grp[..n] {
                    if real == 1 {
                        keep[(ai * c + ch) * s + si] = false;
                    }
                }
            }
        }
    }
    keep
}

#[test]
fn n_m_matches_reference_and_structure() {
    for (shape, dim) in [
        (vec![8usize, 16], 1usize),
        (vec![16, 8], 0),
        (vec![6, 10], 1), // C = 10: partial last group of 4 for m = 4 (padding pruned first)
        (vec![4, 8, 3, 3], 1),
        (vec![8, 4, 3], 0),
        (vec![2, 8, 1, 2, 3], 1),
    ] {
        let total: usize = shape.iter().product();
        let w = tied(total, total as u64 + 1, true);
        let c = shape[dim];
        for (n, m) in [(1usize, 2usize), (2, 4), (3, 4), (0, 2), (4, 4)] {
            if 2 * m > c {
                continue;
            }
            let s = prune_n_m(&w, &shape, dim, n, m).unwrap();
            let want = reference_n_m(&w, &shape, dim, n, m);
            assert_eq!(s.mask_bools(), want, "{shape:?} dim={dim} {n}:{m}");
            // At most m - n kept per full group.
            let a: usize = shape[..dim].iter().product();
            let sp: usize = shape[dim + 1..].iter().product();
            for ai in 0..a {
                for si in 0..sp {
                    for g0 in (0..c - c % m).step_by(m) {
                        let kept = (g0..g0 + m)
                            .filter(|&ch| s.is_kept((ai * c + ch) * sp + si))
                            .count();
                        assert!(kept <= m - n);
                    }
                }
            }
        }
    }
    // Padding goes first: C = 6, m = 4 (but 2m > C is not applicable), so use C = 10, m = 4:
    // the last group has 2 real + 2 padding entries and 2:4 prunes the padding only.
    let w: Vec<f32> = (1..=10).map(|x| x as f32).collect();
    let s = prune_n_m(&w, &[1, 10], 1, 2, 4).unwrap();
    assert_eq!(s.values, vec![3.0, 4.0, 7.0, 8.0, 9.0, 10.0]);
}

#[test]
fn errors_and_not_applicable() {
    let w = vec![1.0f32; 32];
    assert_eq!(
        prune_block(&w, &[8, 4], 0, 5, 0.5),
        Err(SparsifyError::NotApplicable(
            "block_size > channel / 2 is not applicable (block_size 5, channel 8)".into()
        ))
    );
    assert!(prune_block(&w, &[8, 4], 0, 4, 0.5).is_ok());
    assert!(matches!(
        prune_n_m(&w, &[8, 4], 1, 1, 4),
        Err(SparsifyError::NotApplicable(_))
    ));
    assert!(matches!(
        prune_n_m(&w, &[32], 0, 1, 2),
        Err(SparsifyError::UnsupportedLayout(_))
    ));
    assert!(matches!(
        prune_block(&w, &[8, 4], 2, 2, 0.5),
        Err(SparsifyError::UnsupportedLayout(_))
    ));
    assert!(matches!(
        prune_block(&w, &[1, 1, 2, 2, 2, 4], 0, 1, 0.5),
        Err(SparsifyError::UnsupportedLayout(_))
    ));
    assert!(matches!(
        prune_n_m(&w, &[8, 4], 0, 3, 2),
        Err(SparsifyError::InvalidParameter(_))
    ));
    assert!(matches!(
        prune_n_m(&w, &[8, 4], 0, 0, 0),
        Err(SparsifyError::InvalidParameter(_))
    ));
    assert!(matches!(
        prune_block(&w, &[8, 4], 0, 0, 0.5),
        Err(SparsifyError::InvalidParameter(_))
    ));
    assert_eq!(
        prune_magnitude(&w, &[32], 1.5),
        Err(SparsifyError::InvalidTargetSparsity { value: 1.5 })
    );
    assert!(matches!(
        prune_magnitude(&w, &[32], f64::NAN),
        Err(SparsifyError::InvalidTargetSparsity { .. })
    ));
    assert!(matches!(
        prune_magnitude(&w, &[33], 0.5),
        Err(SparsifyError::LengthMismatch { .. })
    ));
    assert!(matches!(
        prune_magnitude::<f32>(&[], &[0], 0.5),
        Err(SparsifyError::Empty)
    ));
    let mut w16 = crate::testutil::normal_f16(16, 1);
    w16[9] = f16::NAN;
    assert_eq!(
        prune_magnitude(&w16, &[16], 0.5),
        Err(SparsifyError::NonFinite { index: 9 })
    );
    assert_eq!(
        prune_n_m(&w16, &[4, 4], 1, 1, 2),
        Err(SparsifyError::NonFinite { index: 9 })
    );
}

#[test]
fn existing_zeros_are_not_in_the_mask() {
    let w = [0.0f32, -0.0, 1.0, 2.0];
    let s = prune_magnitude(&w, &[4], 0.0).unwrap();
    assert_eq!((s.values, s.mask), (vec![1.0, 2.0], vec![0b1100]));
    let s = prune_magnitude(&w, &[4], 1.0).unwrap();
    assert_eq!((s.nnz(), s.mask), (0, vec![0]));
}

#[test]
fn deterministic_across_thread_counts() {
    let w: Vec<f16> = crate::testutil::normal_f16(512 * 512, 3);
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| {
                (
                    prune_magnitude(&w, &[512, 512], 0.6).unwrap(),
                    prune_block(&w, &[512, 512], 0, 4, 0.5).unwrap(),
                    prune_n_m(&w, &[512, 512], 1, 2, 4).unwrap(),
                )
            })
    };
    assert_eq!(run(1), run(4));
}
