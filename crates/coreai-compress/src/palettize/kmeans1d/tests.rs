//! Tests of the exact 1-D k-means: brute force on small inputs, the plain, Hirschberg and pruned
//! paths against each other, the AVX-512 solver against the scalar one, and the errors.

use super::*;
use crate::palettize::rng::Xoshiro256StarStar;

/// Optimal SSE over all partitions of `0..u` into exactly `kk` contiguous non-empty runs.
fn brute_force(values: &[f64], weights: &[f64], kk: usize) -> f64 {
    fn run_sse(v: &[f64], w: &[f64]) -> f64 {
        let ws: f64 = w.iter().sum();
        let m = v.iter().zip(w).map(|(a, b)| a * b).sum::<f64>() / ws;
        v.iter().zip(w).map(|(a, b)| b * (a - m) * (a - m)).sum()
    }
    fn rec(v: &[f64], w: &[f64], start: usize, left: usize) -> f64 {
        let u = v.len();
        if left == 1 {
            return run_sse(&v[start..], &w[start..]);
        }
        let mut best = f64::INFINITY;
        // The first run is start..end; leave at least `left - 1` values.
        for end in start + 1..=u - (left - 1) {
            let c = run_sse(&v[start..end], &w[start..end]) + rec(v, w, end, left - 1);
            best = best.min(c);
        }
        best
    }
    rec(values, weights, 0, kk)
}

fn random_input(
    rng: &mut Xoshiro256StarStar,
    u: usize,
    integer_weights: bool,
) -> (Vec<f64>, Vec<f64>) {
    let mut v: Vec<f64> = (0..u).map(|_| rng.next_f64() * 20.0 - 10.0).collect();
    v.sort_by(f64::total_cmp);
    let w = (0..u)
        .map(|_| {
            if integer_weights {
                (1 + rng.below(50)) as f64
            } else {
                0.01 + rng.next_f64() * 5.0
            }
        })
        .collect();
    (v, w)
}

#[test]
fn matches_brute_force_on_random_weighted_inputs() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(7);
    for case in 0..600 {
        let u = 1 + rng.below(12) as usize;
        let k = 1 + rng.below(5) as usize;
        let (v, w) = random_input(&mut rng, u, case % 2 == 0);
        let r = kmeans1d_weighted(&v, &w, k).unwrap();
        let kk = k.min(u);
        assert_eq!(r.n_clusters(), kk);
        let bf = brute_force(&v, &w, kk);
        let tol = 1e-9 * bf.abs().max(1e-12);
        assert!(
            (r.sse - bf).abs() <= tol,
            "case {case}: u={u} k={k} dp={} brute={bf}",
            r.sse
        );
        assert!(r.centroids.windows(2).all(|c| c[0] < c[1]));
    }
}

#[test]
fn clustered_data_with_duplicated_weights() {
    // Three obvious clusters; heavy weights pull the means.
    let v = [0.0, 0.1, 0.2, 5.0, 5.1, 9.0, 9.5];
    let w = [1.0, 1.0, 2.0, 1.0, 3.0, 1.0, 1.0];
    let r = kmeans1d_weighted(&v, &w, 3).unwrap();
    assert_eq!(r.starts, vec![0, 3, 5]);
    assert!((r.centroids[0] - 0.125).abs() < 1e-12);
    assert!((r.centroids[1] - 5.075).abs() < 1e-12);
    assert!((r.centroids[2] - 9.25).abs() < 1e-12);
    assert_eq!(r.labels(7), vec![0, 0, 0, 1, 1, 2, 2]);
}

/// Weighted 1-D Lloyd from a random initialisation; returns its SSE.
fn lloyd_sse(v: &[f64], w: &[f64], k: usize, rng: &mut Xoshiro256StarStar) -> f64 {
    let u = v.len();
    let mut c: Vec<f64> = (0..k).map(|_| v[rng.below(u as u64) as usize]).collect();
    let assign = |c: &[f64], x: f64| {
        let mut best = 0;
        for j in 1..c.len() {
            if (x - c[j]).abs() < (x - c[best]).abs() {
                best = j;
            }
        }
        best
    };
    for _ in 0..100 {
        let mut sum = vec![0.0; k];
        let mut cnt = vec![0.0; k];
        for (&x, &wt) in v.iter().zip(w) {
            let a = assign(&c, x);
            sum[a] += wt * x;
            cnt[a] += wt;
        }
        for j in 0..k {
            if cnt[j] > 0.0 {
                c[j] = sum[j] / cnt[j];
            }
        }
    }
    v.iter()
        .zip(w)
        .map(|(&x, &wt)| {
            let a = assign(&c, x);
            wt * (x - c[a]) * (x - c[a])
        })
        .sum()
}

#[test]
fn never_worse_than_lloyd() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(11);
    for case in 0..60 {
        let u = 20 + rng.below(400) as usize;
        let k = 2 + rng.below(16) as usize;
        let (v, w) = random_input(&mut rng, u, case % 2 == 1);
        let r = kmeans1d_weighted(&v, &w, k).unwrap();
        let l = lloyd_sse(&v, &w, k, &mut rng);
        assert!(
            r.sse <= l * (1.0 + 1e-12) + 1e-12,
            "case {case}: u={u} k={k} dp={} lloyd={l}",
            r.sse
        );
    }
}

#[test]
fn degenerate_sizes() {
    let r = kmeans1d_weighted(&[3.0], &[2.0], 4).unwrap();
    assert_eq!(
        (r.centroids.clone(), r.starts.clone(), r.sse),
        (vec![3.0], vec![0], 0.0)
    );
    let r = kmeans1d_weighted(&[1.0, 2.0, 4.0], &[1.0, 1.0, 2.0], 1).unwrap();
    assert!((r.centroids[0] - 2.75).abs() < 1e-15);
    let r = kmeans1d_weighted(&[1.0, 2.0, 4.0], &[1.0, 1.0, 2.0], 3).unwrap();
    assert_eq!(r.centroids, vec![1.0, 2.0, 4.0]);
    assert_eq!(r.sse, 0.0);
}

#[test]
fn larger_input_is_exact_against_quadratic_dp() {
    // Cross-check the divide-and-conquer DP against a plain O(k·u²) DP on a few hundred values.
    let mut rng = Xoshiro256StarStar::seed_from_u64(3);
    for _ in 0..5 {
        let (v, w) = random_input(&mut rng, 300, true);
        for k in [2usize, 3, 7, 16] {
            let r = kmeans1d_weighted(&v, &w, k).unwrap();
            let pre = Prefix::new(&v, &w);
            let u = v.len();
            let mut d: Vec<f64> = (0..u).map(|i| pre.cost(0, i)).collect();
            for m in 1..k {
                let mut nd = vec![f64::INFINITY; u];
                for (i, slot) in nd.iter_mut().enumerate().skip(m) {
                    for j in m..=i {
                        *slot = slot.min(d[j - 1] + pre.cost(j, i));
                    }
                }
                d = nd;
            }
            let q = d[u - 1];
            assert!(
                (r.sse - q).abs() <= 1e-9 * q.max(1e-12),
                "k={k}: {} vs {q}",
                r.sse
            );
        }
    }
}

/// Inputs with structure: uniform, clustered with gaps, heavy-tailed, and coarse grids
/// (many exact ties between partitions).
fn structured_input(rng: &mut Xoshiro256StarStar, u: usize, kind: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v: Vec<f64> = match kind {
        0 => (0..u).map(|_| rng.next_f64() * 20.0 - 10.0).collect(),
        1 => (0..u)
            .map(|_| {
                let c = rng.below(7) as f64 * 3.0;
                c + rng.next_f64() * 0.5
            })
            .collect(),
        2 => (0..u)
            .map(|_| {
                let x = rng.next_f64() - 0.5;
                x * x * x * 100.0
            })
            .collect(),
        _ => (0..u).map(|i| (i / 2) as f64 * 0.25).collect(),
    };
    v.sort_by(f64::total_cmp);
    let w = (0..u)
        .map(|i| match kind {
            3 => 1.0,
            _ if i % 3 == 0 => (1 + rng.below(20)) as f64,
            _ => 0.1 + rng.next_f64() * 3.0,
        })
        .collect();
    (v, w)
}

#[test]
fn hirschberg_matches_brute_force() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(17);
    for case in 0..600 {
        let u = 1 + rng.below(12) as usize;
        let k = 1 + rng.below(5) as usize;
        let (v, w) = random_input(&mut rng, u, case % 2 == 0);
        // Budget 0: every level splits, down to one cluster or one value per cluster.
        let r = kmeans1d_weighted_with_budget(&v, &w, k, 0).unwrap();
        let kk = k.min(u);
        assert_eq!(r.n_clusters(), kk);
        let bf = brute_force(&v, &w, kk);
        let tol = 1e-9 * bf.abs().max(1e-12);
        assert!(
            (r.sse - bf).abs() <= tol,
            "case {case}: u={u} k={k} hirschberg={} brute={bf}",
            r.sse
        );
        assert_eq!(r, kmeans1d_weighted(&v, &w, k).unwrap(), "case {case}");
    }
}

/// The memory-bounded path returns the plain DP's partition on continuous random data
/// (unique optima), and its SSE on data with ties.
#[test]
fn hirschberg_matches_plain_dp() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(23);
    let mut identical = 0;
    let mut total = 0;
    for case in 0..16 {
        let u = 50 + rng.below(4951) as usize;
        let kind = case % 4;
        let (v, w) = structured_input(&mut rng, u, kind);
        for k in [2usize, 3, 4, 8, 16, 64] {
            let plain = kmeans1d_weighted(&v, &w, k).unwrap();
            // A budget of 0 splits down to the leaves; u splits a few levels, then the
            // plain DP finishes.
            for budget in [0, u] {
                let low = kmeans1d_weighted_with_budget(&v, &w, k, budget).unwrap();
                assert_eq!(low.n_clusters(), plain.n_clusters());
                let tol = 1e-9 * plain.sse.max(1e-300);
                assert!(
                    (low.sse - plain.sse).abs() <= tol,
                    "case {case} kind {kind}: u={u} k={k} budget={budget}: {} vs {}",
                    low.sse,
                    plain.sse
                );
                if kind != 3 {
                    assert_eq!(low, plain, "case {case}: u={u} k={k} budget={budget}");
                }
                total += 1;
                identical += usize::from(low == plain);
            }
        }
    }
    eprintln!("hirschberg == plain in {identical} of {total} runs (ties allowed in kind 3)");
}

fn small_prune_params() -> PruneParams {
    PruneParams {
        min_cells: 0,
        min_values_per_cluster: 4,
        bins_per_cluster: 16,
        min_bins: 64,
        max_bins: 1024,
        min_bin_values: 2,
        budget: BACK_POINTER_BUDGET,
    }
}

/// The pruned DP (forced on small inputs) takes its banded path and returns the plain DP's
/// partition (its SSE where ties are possible).
#[test]
fn pruned_matches_plain_dp() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(29);
    let params = small_prune_params();
    let mut band_fraction: f64 = 0.0;
    for case in 0..16 {
        let u = 300 + rng.below(12_000) as usize;
        let kind = case % 4;
        let (v, w) = structured_input(&mut rng, u, kind);
        for k in [2usize, 3, 4, 8, 16, 64] {
            if u < 4 * k {
                continue;
            }
            let plain = kmeans1d_weighted(&v, &w, k).unwrap();
            let pre = Prefix::new(&v, &w);
            let starts = pruned_starts(Isa::detect(), &v, &pre, k, &params)
                .unwrap_or_else(|| panic!("case {case}: u={u} k={k}: no bands"));
            let pruned = finish(&v, &w, starts);
            let tol = 1e-9 * plain.sse.max(1e-300);
            assert!(
                (pruned.sse - plain.sse).abs() <= tol,
                "case {case} kind {kind}: u={u} k={k}: {} vs {}",
                pruned.sse,
                plain.sse
            );
            if kind != 3 {
                assert_eq!(pruned, plain, "case {case}: u={u} k={k}");
            }
            let api = kmeans1d_weighted_pruned_with(&v, &w, k, params).unwrap();
            assert_eq!(api, pruned);
            // Budget 0: the banded Hirschberg path all the way down.
            let low = PruneParams {
                budget: 0,
                ..params
            };
            let low = finish(
                &v,
                &w,
                pruned_starts(Isa::detect(), &v, &pre, k, &low).unwrap(),
            );
            assert!(
                (low.sse - plain.sse).abs() <= tol,
                "case {case}: u={u} k={k}"
            );
            if kind != 3 {
                assert_eq!(low, plain, "case {case}: u={u} k={k} (banded hirschberg)");
            }
            band_fraction = band_fraction.max(k as f64 / u as f64);
        }
    }
    // Default parameters: small inputs take the plain DP.
    let (v, w) = structured_input(&mut rng, 1000, 0);
    assert_eq!(
        kmeans1d_weighted_pruned(&v, &w, 16).unwrap(),
        kmeans1d_weighted(&v, &w, 16).unwrap()
    );
    assert!(band_fraction > 0.0);
}

#[test]
fn pruned_matches_brute_force() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(31);
    let params = PruneParams {
        min_bins: 8,
        bins_per_cluster: 2,
        ..small_prune_params()
    };
    for case in 0..400 {
        let k = 1 + rng.below(3) as usize;
        let u = 4 * k + rng.below(13 - 4 * k as u64 + 1) as usize;
        let (v, w) = random_input(&mut rng, u.min(12), case % 2 == 0);
        let r = kmeans1d_weighted_pruned_with(&v, &w, k, params).unwrap();
        let bf = brute_force(&v, &w, k.min(v.len()));
        assert!(
            (r.sse - bf).abs() <= 1e-9 * bf.abs().max(1e-12),
            "case {case}: u={} k={k} pruned={} brute={bf}",
            v.len(),
            r.sse
        );
    }
}

/// 2,000,000 distinct values, k = 256: 5.1e8 DP cells, far beyond the back-pointer budget,
/// so this runs the Hirschberg path with O(u) memory (run in release:
/// `cargo test --release huge_input_bounded_memory -- --ignored --nocapture`).
#[test]
#[ignore = "slow: about a minute in release"]
fn huge_input_bounded_memory() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(37);
    let u = 2_000_000;
    let mut v: Vec<f64> = (0..u).map(|_| rng.next_f64() * 2.0 - 1.0).collect();
    v.sort_by(f64::total_cmp);
    v.dedup();
    let w: Vec<f64> = (0..v.len()).map(|i| 1.0 + (i % 3) as f64).collect();
    let cpu = || {
        let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
        let ns: u64 = s
            .split_whitespace()
            .next()
            .and_then(|x| x.parse().ok())
            .unwrap_or(0);
        std::time::Duration::from_nanos(ns)
    };
    let (t, c) = (std::time::Instant::now(), cpu());
    let r = kmeans1d_weighted(&v, &w, 256).unwrap();
    let (dt, dc) = (t.elapsed(), cpu() - c);
    assert_eq!(r.n_clusters(), 256);
    assert!(r.centroids.windows(2).all(|c| c[0] < c[1]));
    let (t, c) = (std::time::Instant::now(), cpu());
    let p = kmeans1d_weighted_pruned(&v, &w, 256).unwrap();
    let (dtp, dcp) = (t.elapsed(), cpu() - c);
    assert!((p.sse - r.sse).abs() <= 1e-9 * r.sse);
    assert_eq!(p.starts, r.starts);
    eprintln!(
        "u={} k=256: hirschberg wall {dt:?} cpu {dc:?}; pruned wall {dtp:?} cpu {dcp:?}; \
         sse {} / {}, same partition: {}",
        v.len(),
        r.sse,
        p.sse,
        p == r
    );
}

/// The whole solver (plain DP, Hirschberg splits, pruned bands) with the AVX-512 row scans
/// returns exactly the scalar solver's partition, centroids and SSE. Skipped, with a note on
/// stderr, on a CPU without AVX-512F/VL.
#[test]
fn avx512_solver_matches_the_scalar_solver() {
    let Some(isa) = Isa::supported().into_iter().find(|i| i.avx512()) else {
        crate::testutil::skip_note(
            "palettize::kmeans1d::tests::avx512_solver_matches_the_scalar_solver",
            "this CPU has no AVX-512F/AVX-512VL, so the AVX-512 solver was NOT compared",
        );
        return;
    };
    let mut rng = Xoshiro256StarStar::seed_from_u64(43);
    for case in 0..12 {
        let u = 300 + rng.below(6000) as usize;
        let (v, w) = structured_input(&mut rng, u, case % 4);
        for k in [2usize, 3, 8, 16, 64] {
            for budget in [BACK_POINTER_BUDGET, u, 0] {
                let want = with_budget_at(Isa::SCALAR, &v, &w, k, budget).unwrap();
                let got = with_budget_at(isa, &v, &w, k, budget).unwrap();
                assert_eq!(got, want, "case {case}: u={u} k={k} budget={budget}");
            }
            if u >= 4 * k {
                let params = small_prune_params();
                let want = pruned_at(Isa::SCALAR, &v, &w, k, params).unwrap();
                let got = pruned_at(isa, &v, &w, k, params).unwrap();
                assert_eq!(got, want, "case {case}: u={u} k={k} pruned");
            }
        }
    }
}

#[test]
fn errors() {
    assert_eq!(
        kmeans1d_weighted(&[1.0], &[1.0], 0),
        Err(KMeans1dError::ZeroK)
    );
    assert_eq!(
        kmeans1d_weighted(&[], &[], 2),
        Err(KMeans1dError::EmptyInput)
    );
    assert_eq!(
        kmeans1d_weighted(&[1.0], &[], 2),
        Err(KMeans1dError::LengthMismatch {
            values: 1,
            weights: 0
        })
    );
    assert_eq!(
        kmeans1d_weighted(&[1.0, f64::NAN], &[1.0, 1.0], 2),
        Err(KMeans1dError::NonFiniteValue { index: 1 })
    );
    assert_eq!(
        kmeans1d_weighted(&[1.0, 2.0], &[1.0, 0.0], 2),
        Err(KMeans1dError::BadWeight {
            index: 1,
            weight: 0.0
        })
    );
    assert_eq!(
        kmeans1d_weighted(&[2.0, 1.0], &[1.0, 1.0], 2),
        Err(KMeans1dError::Unsorted { index: 1 })
    );
}
