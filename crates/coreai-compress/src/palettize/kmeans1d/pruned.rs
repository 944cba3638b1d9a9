//! The pruned DP for large inputs ([`super::kmeans1d_weighted_pruned`]): bounds over bins of
//! consecutive values prove which rows of each layer can lie on an optimal path, and the exact
//! DP runs over those bands only.

use super::{
    PruneParams,
    dp::{Layer, solve_range, solve_rows},
    prefix::Prefix,
};
use crate::arch::Isa;

// ---------------------------------------------------------------------------------------------
// Pruned DP for large inputs (`kmeans1d_weighted_pruned`).
//
// Notation: `u` values in `B` bins, bin `b` = values `edges[b]..edges[b + 1]`. A row `i` of
// layer `m` ends cluster `m`; its best full path costs `D[m][i] + S[m][i]`, where `S[m][i]` is
// the optimal cost of values `i+1..u` in `kk-1-m` clusters.
//
// Lower bound of `D[m][i]` for `i` in bin `b`: take any partition of `0..=i` into `m + 1`
// runs, let `a_t` be the bin holding the start of run `t` (t = 1..m), and keep of run `t` only
// the whole bins strictly between `a_t` and `a_{t+1}` (`a_{m+1} = b`, `a_0 = -1`). A subset of
// a run costs at most the run (SSE around the subset's own mean), so the partition costs at
// least `Σ_t C(a_t + 1, a_{t+1} - 1)` with `C` the cost of a range of whole bins (0 if empty).
// Minimising over `a_1 <= ... <= a_m <= b` gives `F[m][b]`:
//   F[0][b] = C(0, b-1),   F[m][0] = 0,   F[m][b] = min_{0 <= a < b} F[m-1][a] + C(a+1, b-1).
// (Sequences with repeated `a_t` or `a_m = b` are covered: `F` is non-decreasing in `b`, and
// `a = b - 1` contributes `F[m-1][b-1] + 0`.) This is a `m`-link path problem over the bins
// with the weight `C(a+1, b-1)`, which again obeys the quadrangle inequality, so the same
// monotone divide and conquer with Knuth's bound applies. The suffix bound is the same
// recursion over the reversed bins.
//
// A cell (m, i) survives if F[m][bin(i)] + G[kk-2-m][...] <= UB + tolerance. Every cell of
// every optimal path survives (its bounds are at most its true cost, OPT <= UB), so the DP over
// the surviving bands finds the optimum, and the same leftmost-argmin choices as the full DP.
//
// Refinement rounds compute the bounds only inside the current bands: the rows of layer m are
// the bins of band m (plus the bin of the next run's first value) and its boundary bins `a`
// those rows of layer m-1, with `a <= b` (`a = b` explicit, as monotonicity in `b` no longer
// holds). Such a restricted minimum is not a bound for every cell, but it still is for the
// cells of every optimal path, whose relaxed image (the bins of its run starts) lies inside
// the previous bands; those are the cells that must survive. Knuth's bound is not used on
// restricted tables (it can fail off the optimal paths); the monotonicity within a layer holds
// for any contiguous block of rows and columns. The upper bound only has to be some partition's
// cost: the best partition aligned to the bins inside the bands, polished by Lloyd steps.
// ---------------------------------------------------------------------------------------------

/// Lower-bound layers over `nb` bins: calls `each(m, row)` for `m = 0..layers` with
/// `row[b] = F[m][b]`, `b = 0..=nb`. `cost(x, y)` is the cost of bins `x..=y` (`x <= y`).
fn lower_bound_layers(
    nb: usize,
    layers: usize,
    cost: impl Fn(usize, usize) -> f64,
    mut each: impl FnMut(usize, &[f64]),
) {
    let mut prev: Vec<f64> = (0..=nb)
        .map(|b| if b == 0 { 0.0 } else { cost(0, b - 1) })
        .collect();
    let mut cur = vec![0.0f64; nb + 1];
    let (mut arg_prev, mut arg_cur) = (vec![0u32; nb], vec![0u32; nb]);
    each(0, &prev);
    for m in 1..layers {
        // Rows b = 1..=nb are stored at b - 1; the candidates of row b are a = 0..b.
        let (prev_ref, lower) = (&prev, &arg_prev);
        solve_rows(&mut arg_cur, &mut cur[1..], |r, a, bb| {
            let b = r + 1;
            let lo = if m > 1 { lower[r] as usize } else { 0 };
            let a = a.max(lo).min(b - 1);
            let bb = bb.min(b - 1).max(a);
            let mut best = a;
            let mut bv = f64::INFINITY;
            for (x, &p) in prev_ref.iter().enumerate().take(bb + 1).skip(a) {
                let c = if x + 1 < b { cost(x + 1, b - 1) } else { 0.0 };
                let v = p + c;
                if v < bv {
                    bv = v;
                    best = x;
                }
            }
            (best, bv)
        });
        cur[0] = 0.0;
        each(m, &cur);
        std::mem::swap(&mut prev, &mut cur);
        std::mem::swap(&mut arg_prev, &mut arg_cur);
    }
}

/// Round an f64 lower bound down to f32 (stays a lower bound).
fn f32_down(x: f64) -> f32 {
    let y = x as f32;
    if f64::from(y) > x { y.next_down() } else { y }
}

/// The pruned DP (see [`super::kmeans1d_weighted_pruned`]) for `2 <= kk`, `u >= 4·kk`. `None` if
/// rounding left a layer without a reachable surviving row (not expected).
pub(super) fn pruned_starts(
    isa: Isa,
    values: &[f64],
    pre: &Prefix,
    kk: usize,
    params: &PruneParams,
) -> Option<Vec<usize>> {
    let u = pre.len();
    let target = (kk.saturating_mul(params.bins_per_cluster))
        .clamp(params.min_bins, params.max_bins)
        .min(u / 4)
        .max(2 * kk);
    let edges = spread_edges(values, target);
    let nb = edges.len() - 1;
    let bins = pre.sample(&edges);

    // Upper bound: the best bin-aligned partition, polished by Lloyd steps on the values.
    let mut best = Vec::with_capacity(kk);
    solve_range(isa, &bins, 0, nb, kk, params.budget, &mut best);
    for s in &mut best {
        *s = edges[*s];
    }
    let mut ub = lloyd_polish(values, pre, &mut best, 50);
    // Rounding tolerance: every cost carries an absolute error of a few ulps of the total
    // shifted sum of squares, and a path sums kk of them.
    let abs_tol = 1024.0 * f64::EPSILON * kk as f64 * pre.s2[u];
    let threshold = |ub: f64| ub + 1e-9 * ub + abs_tol;
    let thresh = threshold(ub);

    // Forward lower bounds F[m][b] for m = 0..=kk-2, stored rounded down to f32.
    let layers = kk - 1;
    let mut fwd = vec![0.0f32; layers * (nb + 1)];
    lower_bound_layers(
        nb,
        layers,
        |x, y| bins.cost(x, y),
        |m, row| {
            for (d, &v) in fwd[m * (nb + 1)..(m + 1) * (nb + 1)].iter_mut().zip(row) {
                *d = f32_down(v);
            }
        },
    );
    // Backward bounds G[m'][c] over the reversed bins (the last c bins, m'+1 clusters); the
    // cell (m, i in bin b) pairs F[m][b] with G[kk-2-m][nb-1-b]. Surviving bins per layer.
    let mut band_bins = vec![(usize::MAX, 0usize); kk - 1];
    lower_bound_layers(
        nb,
        layers,
        |x, y| bins.cost(nb - 1 - y, nb - 1 - x),
        |mr, row| {
            let m = kk - 2 - mr;
            let f = &fwd[m * (nb + 1)..(m + 1) * (nb + 1)];
            for b in 0..nb {
                if f64::from(f[b]) + row[nb - 1 - b] <= thresh {
                    let e = &mut band_bins[m];
                    e.0 = e.0.min(b);
                    e.1 = e.1.max(b);
                }
            }
        },
    );
    drop(fwd);
    let mut bands = Vec::with_capacity(kk);
    for (m, &(b0, b1)) in band_bins.iter().enumerate() {
        if b0 > b1 {
            return None;
        }
        bands.push((edges[b0].max(m), (edges[b1 + 1] - 1).min(u - kk + m)));
    }
    bands.push((u - 1, u - 1));
    let mut bands = staircase(bands)?;
    let mut cells: usize = bands.iter().map(|&(lo, hi)| hi - lo + 1).sum();

    // Refinement rounds: every cluster of the best partition so far cut into `q` bins (4x
    // more each round), a better upper bound from the best partition aligned to them, and
    // lower bounds inside the current bands only; while that keeps shrinking the bands and the
    // bins hold at least `min_bin_values` values on average.
    let mut q = (nb / kk).max(1) * 4;
    while cells > u && kk * q * params.min_bin_values.max(2) <= u {
        let edges = cluster_edges(&best, u, q);
        if let Some(mut s) = bin_aligned_in_bands(isa, pre, &edges, &bands, params.budget) {
            let c = lloyd_polish(values, pre, &mut s, 50);
            if c < ub {
                ub = c;
                best = s;
            }
        }
        let refined = refine_bands(pre, &bands, &edges, threshold(ub))?;
        let new_cells: usize = refined.iter().map(|&(lo, hi)| hi - lo + 1).sum();
        bands = refined;
        let shrink = new_cells * 4 < cells * 3;
        cells = new_cells;
        q *= 4;
        if !shrink {
            break;
        }
    }
    let mut starts = Vec::with_capacity(kk);
    banded_range(isa, pre, 0, &bands, params.budget, &mut starts);
    Some(starts)
}

/// About `target` bins over the sorted `values`, each holding at most `2u / target` values
/// and spanning at most `2 / target` of the value range (so that sparse tails get narrow
/// bins). Returns the bin edges (`0 = e[0] < ... < e[nb] = u`).
fn spread_edges(values: &[f64], target: usize) -> Vec<usize> {
    let u = values.len();
    let max_count = (2 * u).div_ceil(target).max(1);
    let span = 2.0 * (values[u - 1] - values[0]) / target as f64;
    let mut edges = vec![0usize];
    let mut i = 0;
    while i < u {
        let limit = values[i] + span;
        let by_span = i + values[i..].partition_point(|&x| x <= limit);
        let next = (i + max_count).min(by_span).max(i + 1).min(u);
        edges.push(next);
        i = next;
    }
    edges
}

/// Bin edges cutting every run of the partition `starts` (of `0..u`) into `q` pieces of
/// (nearly) equal counts (fewer if the run is shorter).
fn cluster_edges(starts: &[usize], u: usize, q: usize) -> Vec<usize> {
    let mut edges = Vec::with_capacity(starts.len() * q + 1);
    for (c, &s) in starts.iter().enumerate() {
        let e = starts.get(c + 1).copied().unwrap_or(u);
        let len = e - s;
        let pieces = q.min(len);
        for t in 0..pieces {
            edges.push(s + t * len / pieces);
        }
    }
    edges.push(u);
    edges
}

/// The best partition whose runs are unions of whole bins (`edges`) and whose boundaries lie
/// in `bands`, as fine run starts; `None` if the bands admit no such partition.
fn bin_aligned_in_bands(
    isa: Isa,
    pre: &Prefix,
    edges: &[usize],
    bands: &[(usize, usize)],
    budget: usize,
) -> Option<Vec<usize>> {
    let nb = edges.len() - 1;
    let bins = pre.sample(edges);
    // Bin b ends at value edges[b + 1] - 1; layer m may end at bins whose end is in its band.
    let bin_bands: Vec<(usize, usize)> = bands
        .iter()
        .map(|&(lo, hi)| {
            let b0 = edges[1..].partition_point(|&e| e - 1 < lo);
            let b1 = edges[1..].partition_point(|&e| e - 1 <= hi);
            (b0, b1.wrapping_sub(1))
        })
        .collect();
    if bin_bands
        .iter()
        .any(|&(b0, b1)| b1 == usize::MAX || b0 > b1)
    {
        return None;
    }
    let bin_bands = staircase(bin_bands)?;
    if bin_bands[bin_bands.len() - 1] != (nb - 1, nb - 1) || bin_bands[0].0 >= nb {
        return None;
    }
    let mut s = Vec::with_capacity(bands.len());
    banded_range(isa, &bins, 0, &bin_bands, budget, &mut s);
    Some(s.into_iter().map(|b| edges[b]).collect())
}

/// Tighten row bands to what a path can use: starts increase, so `L[m] >= L[m-1] + 1` and
/// `R[m] <= R[m+1] - 1` (every optimal path already satisfies both). `None` if a band empties.
fn staircase(mut bands: Vec<(usize, usize)>) -> Option<Vec<(usize, usize)>> {
    for m in 1..bands.len() {
        bands[m].0 = bands[m].0.max(bands[m - 1].0 + 1);
    }
    for m in (0..bands.len() - 1).rev() {
        bands[m].1 = bands[m].1.min(bands[m + 1].1 - 1);
    }
    bands.iter().all(|&(lo, hi)| lo <= hi).then_some(bands)
}

/// Lloyd steps from the partition `starts` on the sorted `values` (boundaries at the midpoints
/// of adjacent means, runs kept non-empty), keeping the cheapest partition seen; returns its
/// cost (fine prefix costs). Used only as an upper bound, so any partition is admissible.
fn lloyd_polish(values: &[f64], pre: &Prefix, starts: &mut Vec<usize>, iters: usize) -> f64 {
    let u = values.len();
    let kk = starts.len();
    let end = |s: &[usize], c: usize| s.get(c + 1).copied().unwrap_or(u);
    let cost_of = |s: &[usize]| -> f64 { (0..kk).map(|c| pre.cost(s[c], end(s, c) - 1)).sum() };
    let mut best = cost_of(starts);
    let mut means = vec![0.0f64; kk];
    for _ in 0..iters {
        for (c, m) in means.iter_mut().enumerate() {
            let (s, e) = (starts[c], end(starts, c));
            *m = (pre.s1[e] - pre.s1[s]) / (pre.w[e] - pre.w[s]) + pre.shift;
        }
        let mut next = starts.clone();
        for c in 1..kk {
            let mid = 0.5 * (means[c - 1] + means[c]);
            next[c] = values
                .partition_point(|&x| x <= mid)
                .clamp(next[c - 1] + 1, u - (kk - c));
        }
        if next == *starts {
            break;
        }
        let cost = cost_of(&next);
        // Stop unless strictly better (also on NaN, which cannot occur for valid input).
        if cost.partial_cmp(&best) != Some(std::cmp::Ordering::Less) {
            break;
        }
        best = cost;
        *starts = next;
    }
    best
}

/// One refinement round: lower bounds over the bins `edges`, computed only for the bins of the current
/// `bands` (so only paths inside them are bounded, which is enough: every optimal path lies
/// inside), and the new bands of the cells whose bound is within `thresh`.
fn refine_bands(
    pre: &Prefix,
    bands: &[(usize, usize)],
    edges: &[usize],
    thresh: f64,
) -> Option<Vec<(usize, usize)>> {
    let u = pre.len();
    let kk = bands.len();
    let nb = edges.len() - 1;
    let bins = pre.sample(edges);
    let bin_of = |i: usize| edges.partition_point(|&e| e <= i) - 1;
    // Forward rows of layer m: the bins of its rows and of the next cluster's first value.
    let rows_f: Vec<(usize, usize)> = bands[..kk - 1]
        .iter()
        .map(|&(lo, hi)| (bin_of(lo), bin_of((hi + 1).min(u - 1))))
        .collect();
    // Backward: the reversed problem (value u-1-i), whose layer m' ends where the original
    // cluster kk-1-m' starts: rows u-2-R[kk-2-m'] ..= u-2-L[kk-2-m'].
    let bin_rev = |i: usize| nb - 1 - bin_of(u - 1 - i);
    let rows_r: Vec<(usize, usize)> = (0..kk - 1)
        .map(|mr| {
            let (lo, hi) = bands[kk - 2 - mr];
            let (l, r) = (u - 2 - hi, u - 2 - lo);
            (bin_rev(l), bin_rev((r + 1).min(u - 1)))
        })
        .collect();
    let (fwd, off_f) = banded_lower_bounds(&rows_f, |x, y| bins.cost(x, y));
    let (bwd, off_r) = banded_lower_bounds(&rows_r, |x, y| bins.cost(nb - 1 - y, nb - 1 - x));
    let mut out = Vec::with_capacity(kk);
    for (m, &(lo, hi)) in bands[..kk - 1].iter().enumerate() {
        let mr = kk - 2 - m;
        let (mut b0, mut b1) = (usize::MAX, 0usize);
        for b in bin_of(lo)..=bin_of(hi) {
            let f = fwd[off_f[m] + b - rows_f[m].0];
            let g = bwd[off_r[mr] + (nb - 1 - b) - rows_r[mr].0];
            if f64::from(f) + f64::from(g) <= thresh {
                b0 = b0.min(b);
                b1 = b1.max(b);
            }
        }
        if b0 > b1 {
            return None;
        }
        out.push((edges[b0].max(lo), (edges[b1 + 1] - 1).min(hi)));
    }
    out.push(bands[kk - 1]);
    staircase(out)
}

/// Lower bounds `F[m][b]` (see the notes above [`lower_bound_layers`]) for `b` in
/// `rows[m].0..=rows[m].1`, with the boundary bins of layer `m` restricted to `rows[m - 1]`
/// (`a <= b`, including `a = b`: two boundaries in one bin). Requires
/// `rows[m - 1].0 <= rows[m].0`. Returns the values rounded down to f32, layer after layer,
/// and each layer's offset. No Knuth bound (the restriction can break it off the optimal paths).
fn banded_lower_bounds(
    rows: &[(usize, usize)],
    cost: impl Fn(usize, usize) -> f64,
) -> (Vec<f32>, Vec<usize>) {
    let mut offsets = Vec::with_capacity(rows.len());
    let mut total = 0;
    for &(lo, hi) in rows {
        offsets.push(total);
        total += hi - lo + 1;
    }
    let mut out = vec![0.0f32; total];
    let (lo0, hi0) = rows[0];
    let mut prev: Vec<f64> = (lo0..=hi0)
        .map(|b| if b == 0 { 0.0 } else { cost(0, b - 1) })
        .collect();
    let mut cur = Vec::new();
    let mut arg = Vec::new();
    for (d, &v) in out[..prev.len()].iter_mut().zip(&prev) {
        *d = f32_down(v);
    }
    for m in 1..rows.len() {
        let (lo, hi) = rows[m];
        let (plo, phi) = rows[m - 1];
        debug_assert!(plo <= lo);
        cur.clear();
        cur.resize(hi - lo + 1, 0.0);
        arg.clear();
        arg.resize(hi - lo + 1, 0u32);
        let prev_ref = &prev;
        solve_rows(&mut arg, &mut cur, |r, a, bb| {
            let b = lo + r;
            let cmax = b.min(phi);
            let a = a.max(plo).min(cmax);
            let bb = bb.min(cmax).max(a);
            let mut best = a;
            let mut bv = f64::INFINITY;
            for x in a..=bb {
                let c = if x + 2 <= b { cost(x + 1, b - 1) } else { 0.0 };
                let v = prev_ref[x - plo] + c;
                if v < bv {
                    bv = v;
                    best = x;
                }
            }
            (best, bv)
        });
        for (d, &v) in out[offsets[m]..offsets[m] + cur.len()].iter_mut().zip(&cur) {
            *d = f32_down(v);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (out, offsets)
}

/// Optimal run starts (appended to `out`) of values `start..=bands[last].0` in `bands.len()`
/// clusters, over the rows `bands[m].0..=bands[m].1` of every layer `m` (the last band is the
/// single row of the last value): the banded DP with all back pointers if they fit `budget`,
/// else a Hirschberg split as in [`solve_range`] and recursion on both sides.
fn banded_range(
    isa: Isa,
    pre: &Prefix,
    start: usize,
    bands: &[(usize, usize)],
    budget: usize,
    out: &mut Vec<usize>,
) {
    let kk = bands.len();
    let cells: usize = bands.iter().map(|&(lo, hi)| hi - lo + 1).sum();
    if kk == 1 {
        out.push(start);
    } else if cells <= budget {
        out.extend(banded_starts(isa, pre, start, bands));
    } else {
        let mid = kk / 2 - 1;
        let j = banded_split(isa, pre, start, bands, mid);
        // Left: layers 0..=mid on start..j (layer m keeps room for mid - m more clusters);
        // right: layers mid+1.. on j.. (layer t needs t + 1 values from j on).
        let left: Vec<(usize, usize)> = (0..=mid)
            .map(|m| {
                let (lo, hi) = bands[m];
                if m == mid {
                    (j - 1, j - 1)
                } else {
                    (lo, hi.min(j - 1 - (mid - m)))
                }
            })
            .collect();
        let right: Vec<(usize, usize)> = bands[mid + 1..]
            .iter()
            .enumerate()
            .map(|(t, &(lo, hi))| (lo.max(j + t), hi))
            .collect();
        debug_assert!(left.iter().chain(&right).all(|&(lo, hi)| lo <= hi));
        debug_assert_eq!(left[mid], (j - 1, j - 1));
        banded_range(isa, pre, start, &left, budget, out);
        banded_range(isa, pre, j, &right, budget, out);
    }
}

/// The exact DP over values `start..`, restricted to rows `bands[m].0..=bands[m].1` of every
/// layer `m` (the last band is the single row of the last value). The restricted matrices are
/// still Monge, so the monotone divide and conquer is exact; Knuth's bound is not used (band
/// restrictions can break it off the optimal paths).
fn banded_starts(isa: Isa, pre: &Prefix, start: usize, bands: &[(usize, usize)]) -> Vec<usize> {
    let kk = bands.len();
    let offsets: Vec<usize> = bands
        .iter()
        .scan(0usize, |acc, &(lo, hi)| {
            let o = *acc;
            *acc += hi - lo + 1;
            Some(o)
        })
        .collect();
    let total = offsets[kk - 1] + 1;
    let mut back = vec![0u32; total];
    let (lo0, hi0) = bands[0];
    let mut prev: Vec<f64> = (lo0..=hi0).map(|i| pre.cost(start, i)).collect();
    let mut cur = Vec::new();
    for m in 1..kk {
        let (lo, hi) = bands[m];
        let layer = Layer {
            pre,
            prev: &prev,
            first: bands[m - 1].0 + 1,
            row0: lo,
            lower: None,
        };
        let row = &mut back[offsets[m]..offsets[m] + hi - lo + 1];
        cur.clear();
        cur.resize(hi - lo + 1, 0.0);
        layer.solve(isa, row, &mut cur);
        std::mem::swap(&mut prev, &mut cur);
    }
    let mut starts = vec![start; kk];
    let mut i = bands[kk - 1].0;
    for m in (1..kk).rev() {
        let j = back[offsets[m] + i - bands[m].0] as usize;
        starts[m] = j;
        i = j - 1;
    }
    debug_assert!(
        starts.windows(2).all(|w| w[0] < w[1]),
        "run starts must increase: {starts:?}"
    );
    starts
}

/// Hirschberg step of [`banded_starts`] (`mid < bands.len() - 1`): the start of cluster
/// `mid + 1` in the partition it would return, keeping two layers (as `dp::split_start`).
fn banded_split(
    isa: Isa,
    pre: &Prefix,
    start: usize,
    bands: &[(usize, usize)],
    mid: usize,
) -> usize {
    let kk = bands.len();
    let wmax = bands.iter().map(|&(lo, hi)| hi - lo + 1).max().unwrap_or(1);
    let (lo0, hi0) = bands[0];
    let mut prev: Vec<f64> = (lo0..=hi0).map(|i| pre.cost(start, i)).collect();
    let mut cur = Vec::with_capacity(wmax);
    let mut back = vec![0u32; wmax];
    let (mut cross_prev, mut cross_cur) = (vec![0u32; wmax], vec![0u32; wmax]);
    for m in 1..kk {
        let (lo, hi) = bands[m];
        let width = hi - lo + 1;
        let first = bands[m - 1].0 + 1;
        let layer = Layer {
            pre,
            prev: &prev,
            first,
            row0: lo,
            lower: None,
        };
        cur.clear();
        cur.resize(width, 0.0);
        layer.solve(isa, &mut back[..width], &mut cur);
        if m == kk - 1 {
            let j = back[0] as usize;
            return if m == mid + 1 {
                j
            } else {
                cross_prev[j - first] as usize
            };
        }
        if m == mid + 1 {
            cross_cur[..width].copy_from_slice(&back[..width]);
        } else if m > mid + 1 {
            for (c, &j) in cross_cur[..width].iter_mut().zip(&back[..width]) {
                *c = cross_prev[j as usize - first];
            }
        }
        std::mem::swap(&mut prev, &mut cur);
        std::mem::swap(&mut cross_prev, &mut cross_cur);
    }
    unreachable!("the last layer returns (at least two bands)")
}
