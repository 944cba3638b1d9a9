//! Exact, globally optimal weighted 1-D k-means (spec F.10).
//!
//! The input is a sorted list of values with positive weights (for palettization: the unique
//! values of a channel group and their counts). Optimal 1-D k-means clusters are contiguous runs
//! of the sorted values, so the problem is a dynamic programme over prefix partitions
//! (Wang & Song 2011, "Ckmeans.1d.dp"; Grønlund et al. 2017, "Fast exact k-means, k-medians and
//! Bregman divergence clustering in 1D"):
//!
//! `D[m][i] = min_{m <= j <= i} D[m-1][j-1] + cost(j, i)`, where `cost(j, i)` is the weighted
//! sum of squared deviations of values `j..=i` from their weighted mean.
//!
//! `cost` obeys the quadrangle inequality, so every layer's matrix `M[i][j] = D[m-1][j-1] +
//! cost(j, i)` is Monge: its leftmost row minima are non-decreasing in `i`, and they are also
//! non-decreasing in the layer `m`. Each layer is solved by divide and conquer over the rows
//! (`O(u log u)` lookups worst case, so `O(k·u·log u)` in total; Grønlund et al. discuss this
//! and the SMAWK variant), with every row's column range further clipped below by the previous
//! layer's optimum (Knuth's bound). On palettization data that leaves about 4-5 lookups per DP
//! cell, fewer than SMAWK's ~10 (measured), and the lookups are short straight loops over
//! contiguous f64 prefix sums.
//!
//! ## Memory
//! The plain DP keeps `k·u` 32-bit back pointers. When that exceeds a budget
//! ([`BACK_POINTER_BUDGET`] cells, 64 MiB), [`kmeans1d_weighted`] switches to a Hirschberg-style
//! divide and conquer over the number of clusters: a forward pass keeps two layers and, for
//! every row after a middle layer `mid`, the start of cluster `mid + 1` on that row's optimal
//! path (propagated through the current layer's back pointers). The last row yields the split;
//! the two halves (`mid + 1` clusters on the values before it, the rest after it) are solved
//! recursively, by the plain DP as soon as they fit the budget. Memory is `O(u)` (about 56
//! bytes per value including the prefix sums), time at most about twice the plain DP's.
//!
//! [`kmeans1d_weighted_pruned`] solves the same problem for large inputs (millions of values)
//! much faster: upper and lower bounds from coarse problems over bins of consecutive values
//! prove which rows of each layer can lie on an optimal path, and the DP runs only over those
//! bands (see its documentation).
//!
//! ## Invariants
//! - `cost` is evaluated from f64 prefix sums of values shifted by their weighted mean (which
//!   keeps the cancellation in `Σw·x² - (Σw·x)²/Σw` small) and clamped at 0. Every solver path
//!   (plain, Hirschberg, pruned) uses the prefix sums of the *whole* input, so a cost is the same
//!   f64 whichever path evaluates it.
//! - The number of clusters is `min(#values, k)`; every cluster is non-empty; centroids are the
//!   weighted means of their runs, computed directly (not from prefix differences), and are
//!   non-decreasing (strictly increasing when the values are strictly increasing).
//! - Tie rule: each back pointer is the leftmost minimising start, so among optimal partitions
//!   the result has the smallest start of the last cluster, then (given that) the smallest start
//!   of the second-to-last, and so on. The result is a pure function of the input.
//! - The three paths agree on that rule in exact arithmetic: the Hirschberg forward pass is the
//!   plain DP's forward pass, so its split is the plain result's start of cluster `mid + 1`;
//!   the reverse-lexicographic minimum restricted to either side of that split is the
//!   sub-problem's own minimum; and the pruned bands contain every optimal path. They return
//!   identical partitions whenever the optimum is unique. Only when two partitions' costs
//!   differ by rounding error (or tie exactly) can the paths pick different ones: their SSEs
//!   then agree to rounding.
//!
//! ## Parallelisation
//! None: the kernel is sequential and deterministic. Callers parallelise across groups.

use thiserror::Error;

use crate::arch::{Isa, dispatch};

/// Back-pointer cells (`k × u`, 4 bytes each) the plain DP may allocate: 2^24, i.e. 64 MiB.
/// Larger problems take the Hirschberg path. Palettization (`u <= 65,536`, `k <= 256`) always
/// fits.
pub const BACK_POINTER_BUDGET: usize = 1 << 24;

/// Errors of [`kmeans1d_weighted`].
#[derive(Debug, Error, Clone, PartialEq)]
pub enum KMeans1dError {
    /// `k` was 0.
    #[error("k must be at least 1, got 0")]
    ZeroK,
    /// There are no values to cluster.
    #[error("cannot cluster an empty set of values")]
    EmptyInput,
    /// `values` and `weights` differ in length.
    #[error("values and weights differ in length: {values} vs {weights}")]
    LengthMismatch {
        /// Number of values.
        values: usize,
        /// Number of weights.
        weights: usize,
    },
    /// A value is NaN or infinite.
    #[error("value {index} is not finite")]
    NonFiniteValue {
        /// Position of the value.
        index: usize,
    },
    /// A weight is not a finite positive number.
    #[error("weight {index} must be finite and > 0, got {weight}")]
    BadWeight {
        /// Position of the weight.
        index: usize,
        /// The offending weight.
        weight: f64,
    },
    /// More values than the 32-bit back pointers of the DP can address.
    #[error("too many values for exact k-means: {0} (at most 2^32 - 1)")]
    TooManyValues(usize),
    /// The values are not sorted ascending.
    #[error("values must be sorted ascending, but value {index} is below its predecessor")]
    Unsorted {
        /// Position of the first value smaller than its predecessor.
        index: usize,
    },
}

/// An optimal clustering of sorted weighted values into contiguous runs.
#[derive(Clone, Debug, PartialEq)]
pub struct KMeans1d {
    /// Cluster centres: the weighted mean of each run, ascending.
    pub centroids: Vec<f64>,
    /// Index of the first value of each run; `starts[0] == 0`, strictly increasing.
    pub starts: Vec<usize>,
    /// The weighted sum of squared errors of the partition, computed directly from the runs.
    pub sse: f64,
}

impl KMeans1d {
    /// Number of clusters (`min(#values, k)`).
    pub fn n_clusters(&self) -> usize {
        self.centroids.len()
    }

    /// The cluster label of every input value (non-decreasing), for `n_values` inputs.
    pub fn labels(&self, n_values: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(n_values);
        for c in 0..self.starts.len() {
            let end = self.starts.get(c + 1).copied().unwrap_or(n_values);
            out.extend(std::iter::repeat_n(c, end.saturating_sub(self.starts[c])));
        }
        out
    }
}

/// Exact weighted 1-D k-means on sorted `values` with positive `weights`.
///
/// Returns `min(values.len(), k)` clusters minimising `Σ weights[i] · (values[i] - c(i))²`,
/// where `c(i)` is the centroid of the run containing `i`. Duplicate values are allowed (they
/// may end up in the same or in adjacent runs), but palettization passes unique values.
///
/// Cost: `O(k·u·log u)` lookups worst case (a few per DP cell in practice), for
/// `u = values.len()`; palettization has `u <= 65,536`. Memory: `4·k·u` bytes of back
/// pointers up to [`BACK_POINTER_BUDGET`] cells, `O(u)` beyond (at most about twice the time).
///
/// # Errors
/// [`KMeans1dError`] for `k == 0`, empty or mismatched input, more than `2^32 - 1` values,
/// non-finite values, non-positive or non-finite weights, or unsorted values.
///
/// # Examples
/// ```
/// use coreai_compress::palettize::kmeans1d::kmeans1d_weighted;
/// let r = kmeans1d_weighted(&[1.0, 2.0, 10.0, 11.0], &[1.0, 1.0, 1.0, 3.0], 2).unwrap();
/// assert_eq!(r.starts, vec![0, 2]);
/// assert_eq!(r.centroids, vec![1.5, 10.75]);
/// ```
pub fn kmeans1d_weighted(
    values: &[f64],
    weights: &[f64],
    k: usize,
) -> Result<KMeans1d, KMeans1dError> {
    kmeans1d_weighted_with_budget(values, weights, k, BACK_POINTER_BUDGET)
}

/// [`kmeans1d_weighted`] with an explicit back-pointer budget (cells): problems with
/// `k × (u - k + 1)` above it take the memory-bounded Hirschberg path.
pub(crate) fn kmeans1d_weighted_with_budget(
    values: &[f64],
    weights: &[f64],
    k: usize,
    budget: usize,
) -> Result<KMeans1d, KMeans1dError> {
    validate(values, weights, k)?;
    let u = values.len();
    let kk = k.min(u);
    let pre = Prefix::new(values, weights);
    let mut starts = Vec::with_capacity(kk);
    solve_range(&pre, 0, u, kk, budget, &mut starts);
    Ok(finish(values, weights, starts))
}

/// Exact weighted 1-D k-means like [`kmeans1d_weighted`] (same inputs, errors and optimum),
/// built for large inputs such as millions of unique f32 values.
///
/// Small problems (`k × u` up to 2^21 cells, or fewer than 64 values per cluster) go straight
/// to [`kmeans1d_weighted`]. Otherwise the DP is restricted to the rows that can lie on an
/// optimal path, found with bounds over bins of consecutive values:
/// 1. Bins: about `128·k` of them (4,096 to 32,768), bounded both in count and in value span.
/// 2. Upper bound `UB`: the best partition into whole bins (the DP over the bins, with the
///    exact prefix sums at their edges), improved by Lloyd steps on the values.
/// 3. Lower bounds: a partition costs at least the sum over its runs of the cost of the whole
///    bins strictly inside each run (the bin holding each run boundary is dropped), which is
///    again a DP over bins, run forwards and backwards. For layer `m` and row `i` the sum of
///    both bounds every path whose cluster `m` ends at `i`; rows whose bound exceeds `UB` (plus
///    a rounding tolerance) lie on no optimal path. The rest forms one band of rows per layer.
/// 4. Refinement rounds repeat 2 and 3 inside the bands with 4x finer bins, cut from the runs of
///    the best partition so far (so that every run holds equally many), while the bands shrink.
/// 5. The exact DP runs over the bands, with Hirschberg splits (as in [`kmeans1d_weighted`])
///    once they exceed [`BACK_POINTER_BUDGET`] cells.
///
/// Every optimal path survives the pruning, so the result is optimal and follows the same tie
/// rule (module documentation): it equals [`kmeans1d_weighted`]'s whenever the optimum is
/// unique. Time is dominated by the final banded DP: on 7.9M unique normal f32 values it is
/// about 0.2 s for k = 16 and a few seconds for k = 256 (the full DP: about 20 s and several
/// minutes). Memory: `O(u)` plus the bound tables (at most about 34 MiB for k = 256).
///
/// # Errors
/// As [`kmeans1d_weighted`].
pub fn kmeans1d_weighted_pruned(
    values: &[f64],
    weights: &[f64],
    k: usize,
) -> Result<KMeans1d, KMeans1dError> {
    kmeans1d_weighted_pruned_with(values, weights, k, PruneParams::default())
}

/// Tuning of [`kmeans1d_weighted_pruned`] (tests shrink the thresholds).
#[derive(Clone, Copy, Debug)]
pub(crate) struct PruneParams {
    /// Problems with at most this many DP cells (`k × u`) use the plain DP.
    pub min_cells: usize,
    /// ... as do problems with fewer than this many values per cluster.
    pub min_values_per_cluster: usize,
    /// First-round bins per cluster, clamped to `min_bins..=max_bins` (and to `u / 4`).
    pub bins_per_cluster: usize,
    /// Lower clamp of the first-round bin count.
    pub min_bins: usize,
    /// Upper clamp of the first-round bin count.
    pub max_bins: usize,
    /// Refinement rounds stop before bins hold fewer values than this.
    pub min_bin_values: usize,
    /// Back-pointer budget of the final banded DP (beyond it: banded Hirschberg).
    pub budget: usize,
}

impl Default for PruneParams {
    fn default() -> Self {
        Self {
            min_cells: 1 << 21,
            min_values_per_cluster: 64,
            bins_per_cluster: 128,
            min_bins: 4096,
            max_bins: 32768,
            min_bin_values: 2,
            budget: BACK_POINTER_BUDGET,
        }
    }
}

pub(crate) fn kmeans1d_weighted_pruned_with(
    values: &[f64],
    weights: &[f64],
    k: usize,
    params: PruneParams,
) -> Result<KMeans1d, KMeans1dError> {
    validate(values, weights, k)?;
    let u = values.len();
    let kk = k.min(u);
    if kk <= 1
        || kk == u
        || kk.saturating_mul(u - kk + 1) <= params.min_cells
        || u / kk < params.min_values_per_cluster.max(4)
    {
        return kmeans1d_weighted_with_budget(values, weights, k, params.budget);
    }
    let pre = Prefix::new(values, weights);
    match pruned_starts(values, &pre, kk, &params) {
        Some(starts) => Ok(finish(values, weights, starts)),
        None => kmeans1d_weighted_with_budget(values, weights, k, params.budget),
    }
}

fn validate(values: &[f64], weights: &[f64], k: usize) -> Result<(), KMeans1dError> {
    if k == 0 {
        return Err(KMeans1dError::ZeroK);
    }
    if values.len() != weights.len() {
        return Err(KMeans1dError::LengthMismatch {
            values: values.len(),
            weights: weights.len(),
        });
    }
    if values.is_empty() {
        return Err(KMeans1dError::EmptyInput);
    }
    if u32::try_from(values.len()).is_err() {
        return Err(KMeans1dError::TooManyValues(values.len()));
    }
    for (index, (&v, &w)) in values.iter().zip(weights).enumerate() {
        if !v.is_finite() {
            return Err(KMeans1dError::NonFiniteValue { index });
        }
        if !(w.is_finite() && w > 0.0) {
            return Err(KMeans1dError::BadWeight { index, weight: w });
        }
        if index > 0 && v < values[index - 1] {
            return Err(KMeans1dError::Unsorted { index });
        }
    }
    Ok(())
}

/// Centroids and SSE of the runs given by `starts`, computed directly in f64.
fn finish(values: &[f64], weights: &[f64], starts: Vec<usize>) -> KMeans1d {
    let u = values.len();
    let mut centroids = Vec::with_capacity(starts.len());
    let mut sse = 0.0;
    for (c, &s) in starts.iter().enumerate() {
        let e = starts.get(c + 1).copied().unwrap_or(u);
        let (vs, ws) = (&values[s..e], &weights[s..e]);
        let wsum: f64 = ws.iter().sum();
        let mean = vs.iter().zip(ws).map(|(v, w)| v * w).sum::<f64>() / wsum;
        // The mean of a run lies within the run's range; clamp against rounding so that the
        // centroids stay ordered like the runs.
        let mean = mean.clamp(vs[0], vs[vs.len() - 1]);
        sse += vs
            .iter()
            .zip(ws)
            .map(|(v, w)| w * (v - mean) * (v - mean))
            .sum::<f64>();
        centroids.push(mean);
    }
    KMeans1d {
        centroids,
        starts,
        sse,
    }
}

/// Prefix sums of weights, shifted values and shifted squares.
struct Prefix {
    w: Vec<f64>,
    s1: Vec<f64>,
    s2: Vec<f64>,
    /// The weighted mean subtracted from every value.
    shift: f64,
}

impl Prefix {
    fn new(values: &[f64], weights: &[f64]) -> Self {
        let wsum: f64 = weights.iter().sum();
        let shift = values.iter().zip(weights).map(|(v, w)| v * w).sum::<f64>() / wsum;
        let n = values.len();
        let (mut w, mut s1, mut s2) = (
            Vec::with_capacity(n + 1),
            Vec::with_capacity(n + 1),
            Vec::with_capacity(n + 1),
        );
        let (mut a, mut b, mut c) = (0.0f64, 0.0f64, 0.0f64);
        w.push(a);
        s1.push(b);
        s2.push(c);
        for (&v, &wt) in values.iter().zip(weights) {
            let x = v - shift;
            a += wt;
            b += wt * x;
            c += wt * x * x;
            w.push(a);
            s1.push(b);
            s2.push(c);
        }
        Self { w, s1, s2, shift }
    }

    /// The prefix sums at `edges` only: item `b` of the result is the run of values
    /// `edges[b]..edges[b + 1]`, and its costs are bit-identical to the corresponding costs of
    /// `self` (same f64 operands).
    fn sample(&self, edges: &[usize]) -> Self {
        Self {
            w: edges.iter().map(|&e| self.w[e]).collect(),
            s1: edges.iter().map(|&e| self.s1[e]).collect(),
            s2: edges.iter().map(|&e| self.s2[e]).collect(),
            shift: self.shift,
        }
    }

    /// Number of items.
    fn len(&self) -> usize {
        self.w.len() - 1
    }

    /// Weighted SSE of values `j..=i` around their weighted mean (`j <= i`).
    #[inline]
    fn cost(&self, j: usize, i: usize) -> f64 {
        let w = self.w[i + 1] - self.w[j];
        let s = self.s1[i + 1] - self.s1[j];
        let q = self.s2[i + 1] - self.s2[j];
        let c = q - s * s / w;
        if c > 0.0 { c } else { 0.0 }
    }
}

/// Optimal run starts (global indices, appended to `out`) of the `kk` clusters of values
/// `base..base + n` (`1 <= kk <= n`): the plain DP if its back pointers fit `budget`, else one
/// Hirschberg split and recursion on both sides.
fn solve_range(
    pre: &Prefix,
    base: usize,
    n: usize,
    kk: usize,
    budget: usize,
    out: &mut Vec<usize>,
) {
    if kk == 1 {
        out.push(base);
    } else if kk == n {
        out.extend(base..base + n);
    } else if kk.saturating_mul(n - kk + 1) <= budget {
        out.extend(plain_starts(pre, base, n, kk));
    } else {
        // Left: clusters 0..=mid on base..j; right: clusters mid+1.. on j..base+n.
        let mid = kk / 2 - 1;
        let j = split_start(pre, base, n, kk, mid);
        debug_assert!(j - base > mid && base + n - j >= kk - mid - 1);
        solve_range(pre, base, j - base, mid + 1, budget, out);
        solve_range(pre, j, base + n - j, kk - mid - 1, budget, out);
    }
}

/// The DP with all back pointers, for `2 <= kk < n`, over values `base..base + n`: returns the
/// run starts (global indices) of an optimal partition.
fn plain_starts(pre: &Prefix, base: usize, n: usize, kk: usize) -> Vec<usize> {
    // Layer m only needs rows i in [base+m, base+n-kk+m]: m+1 clusters need m+1 values, and
    // the remaining kk-1-m clusters need one value each. Row i of layer m is stored at
    // i - (base + m).
    let width = n - kk + 1;
    let mut prev: Vec<f64> = (0..width).map(|r| pre.cost(base, base + r)).collect();
    let mut cur = vec![0.0f64; width];
    // back[m][i - base - m] = start of the last run of the optimal (m+1)-partition of
    // base..=i (layer 0's row is unused).
    let mut back = vec![0u32; kk * width];
    for m in 1..kk {
        let (done, rest) = back.split_at_mut(m * width);
        let first = base + m;
        let layer = Layer {
            pre,
            prev: &prev,
            first,
            row0: first,
            lower: (m > 1).then(|| (&done[(m - 1) * width..], first - 1)),
        };
        let row = &mut rest[..width];
        if m == kk - 1 {
            // Last layer: only row base+n-1 is needed.
            let i = base + n - 1;
            let (j, v) = layer.scan(i, layer.lo(i), layer.hi(i));
            row[i - first] = j as u32;
            cur[i - first] = v;
        } else {
            layer.solve(row, &mut cur);
            std::mem::swap(&mut prev, &mut cur);
        }
    }
    // Backtrack from the last value.
    let mut starts = vec![base; kk];
    let mut i = base + n - 1;
    for m in (1..kk).rev() {
        let j = back[m * width + (i - base - m)] as usize;
        starts[m] = j;
        i = j - 1;
    }
    debug_assert!(
        starts.windows(2).all(|w| w[0] < w[1]),
        "run starts must increase: {starts:?}"
    );
    starts
}

/// Hirschberg step, for `2 <= kk < n` and `mid < kk - 1`: the start of cluster `mid + 1` in the
/// partition [`plain_starts`] would return, in `O(n)` memory. The forward pass is exactly the
/// plain DP's (same layers, same order, same bounds); instead of all back pointers it keeps two
/// layers of them plus `cross`: for every row of a layer after `mid`, the start of cluster
/// `mid + 1` on that row's optimal path.
fn split_start(pre: &Prefix, base: usize, n: usize, kk: usize, mid: usize) -> usize {
    let width = n - kk + 1;
    let mut prev: Vec<f64> = (0..width).map(|r| pre.cost(base, base + r)).collect();
    let mut cur = vec![0.0f64; width];
    let (mut back_prev, mut back_cur) = (vec![0u32; width], vec![0u32; width]);
    let (mut cross_prev, mut cross_cur) = (vec![0u32; width], vec![0u32; width]);
    for m in 1..kk {
        let first = base + m;
        let layer = Layer {
            pre,
            prev: &prev,
            first,
            row0: first,
            lower: (m > 1).then(|| (&back_prev[..], first - 1)),
        };
        if m == kk - 1 {
            let i = base + n - 1;
            let (j, _) = layer.scan(i, layer.lo(i), layer.hi(i));
            // Row j-1 of layer m-1 is stored at j-1 - (first-1) = j - first.
            return if m == mid + 1 {
                j
            } else {
                cross_prev[j - first] as usize
            };
        }
        layer.solve(&mut back_cur, &mut cur);
        if m == mid + 1 {
            cross_cur.copy_from_slice(&back_cur);
        } else if m > mid + 1 {
            for (c, &j) in cross_cur.iter_mut().zip(&back_cur) {
                *c = cross_prev[j as usize - first];
            }
        }
        std::mem::swap(&mut prev, &mut cur);
        std::mem::swap(&mut back_prev, &mut back_cur);
        std::mem::swap(&mut cross_prev, &mut cross_cur);
    }
    unreachable!("the last layer returns (kk >= 2)")
}

/// Row minima of a matrix whose leftmost row argmins are non-decreasing, by divide and
/// conquer over the rows in bracketing order: first the two ends, then for `s` = 2^p down to 1
/// the rows at odd multiples of `s`. `put(r, a, b)` must return the leftmost argmin and the
/// minimum of row `r`, searched between `a` (the argmin of row `r - s`, or 0) and `b` (that of
/// row `r + s`, or `usize::MAX`), both clamped to the row's admissible columns.
fn solve_rows(
    back: &mut [u32],
    cur: &mut [f64],
    put: impl Fn(usize, usize, usize) -> (usize, f64),
) {
    let last = back.len() - 1;
    let set = |back: &mut [u32], cur: &mut [f64], r: usize, a: usize, b: usize| {
        let (j, v) = put(r, a, b);
        back[r] = j as u32;
        cur[r] = v;
    };
    set(back, cur, 0, 0, usize::MAX);
    if last == 0 {
        return;
    }
    set(back, cur, last, 0, usize::MAX);
    if last == 1 {
        return;
    }
    let mut s = (last - 1).next_power_of_two();
    if s >= last {
        s /= 2;
    }
    while s >= 1 {
        let mut r = s;
        while r < last {
            let a = back[r - s] as usize;
            let b = back[(r + s).min(last)] as usize;
            set(back, cur, r, a, b);
            r += 2 * s;
        }
        s /= 2;
    }
}

/// One DP layer: `D[i] = min_{lo(i) <= j <= hi(i)} prev(j - 1) + cost(j, i)`.
///
/// Monotonicity of the leftmost optimal start (a consequence of the quadrangle inequality):
/// it is non-decreasing in `i` within a layer (whatever `prev` is), and, in the full DP, at
/// least the previous layer's start for the same `i` (Knuth's bound, `lower`). Divide and
/// conquer over the rows uses the first property to bound each row's column range by its
/// neighbours' optima, and the second to raise the lower end.
struct Layer<'a> {
    pre: &'a Prefix,
    /// `prev[t]` = the previous layer's value at row `first - 1 + t`.
    prev: &'a [f64],
    /// Smallest admissible start: start `j` reads `prev[j - first]`.
    first: usize,
    /// The row stored at index 0 by [`Layer::solve`].
    row0: usize,
    /// Knuth's bound: the previous layer's optimal starts, `lower.0[t]` for row
    /// `lower.1 + t` (`None`: no bound, e.g. layer 1, whose predecessor starts at `first - 1`).
    lower: Option<(&'a [u32], usize)>,
}

impl Layer<'_> {
    /// Smallest admissible start for row `i`.
    #[inline]
    fn lo(&self, i: usize) -> usize {
        match self.lower {
            // The top row of a layer is one past the previous layer's range: its predecessor's
            // start is still a valid (weaker) bound, as starts are non-decreasing in i.
            Some((lower, r0)) => {
                let t = (i - r0).min(lower.len() - 1);
                (lower[t] as usize).max(self.first)
            }
            None => self.first,
        }
    }

    /// Largest admissible start for row `i`: `i` itself (a one-value run), or the last start
    /// whose predecessor row exists.
    #[inline]
    fn hi(&self, i: usize) -> usize {
        i.min(self.first + self.prev.len() - 1)
    }

    /// Leftmost argmin and minimum of row `i` over starts `a..=b` (`a <= b <= hi(i)`): a
    /// straight loop over contiguous prefix sums (the ranges are a few starts long).
    #[inline(always)]
    fn scan(&self, i: usize, a: usize, b: usize) -> (usize, f64) {
        let p = self.pre;
        let (wi, si, qi) = (p.w[i + 1], p.s1[i + 1], p.s2[i + 1]);
        let n = b + 1 - a;
        let prev = &self.prev[a - self.first..a - self.first + n];
        let (w, s1, s2) = (&p.w[a..a + n], &p.s1[a..a + n], &p.s2[a..a + n]);
        let mut best = 0usize;
        let mut bv = f64::INFINITY;
        for t in 0..n {
            let s = si - s1[t];
            let c = (qi - s2[t]) - s * s / (wi - w[t]);
            let v = prev[t] + if c > 0.0 { c } else { 0.0 };
            if v < bv {
                bv = v;
                best = t;
            }
        }
        (a + best, bv)
    }

    /// All rows `row0..row0 + back.len()` of the layer: [`solve_rows`]' bracketing order with
    /// every row's range clipped by [`Layer::lo`] and [`Layer::hi`]. Short ranges are scanned
    /// inline; long ones vectorised where the CPU allows (the same f64 operations per
    /// candidate, so the same result).
    fn solve(&self, back: &mut [u32], cur: &mut [f64]) {
        dispatch!(Isa::detect(), avx512 => Self::solve_avx512(self, back, cur),
            _ => self.solve_with::<false>(back, cur))
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512vl")]
    fn solve_avx512(&self, back: &mut [u32], cur: &mut [f64]) {
        self.solve_with::<true>(back, cur);
    }

    /// Leftmost argmin and minimum of row `i` over `a..=b` (`a <= b <= hi(i)`): inline for
    /// short ranges, else [`Layer::scan_avx512`] (`AVX512`, which the caller must have
    /// checked) or [`Layer::scan`].
    #[inline(always)]
    fn scan_any<const AVX512: bool>(&self, i: usize, a: usize, b: usize) -> (usize, f64) {
        if !AVX512 {
            return self.scan(i, a, b);
        }
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `AVX512` is only set by `solve_avx512`, which `solve` runs only when the
        // detected `Isa` has the `avx512` level (AVX-512F and AVX-512VL).
        unsafe {
            return if b - a < 4 {
                self.scan4_avx512(i, a, b)
            } else {
                self.scan_avx512(i, a, b)
            };
        }
        #[allow(unreachable_code)]
        self.scan(i, a, b)
    }

    /// [`Layer::scan`] for at most four starts, branch-free: the four candidates in one
    /// vector (lanes past `b` masked to +inf), then the leftmost minimum.
    ///
    /// # Safety
    /// The CPU must support AVX-512F and AVX-512VL, and `a <= b <= hi(i)`, `b - a < 4`.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512vl")]
    #[inline]
    unsafe fn scan4_avx512(&self, i: usize, a: usize, b: usize) -> (usize, f64) {
        use std::arch::x86_64::*;
        let p = self.pre;
        let n = b + 1 - a;
        assert!(i + 1 < p.w.len() && b - self.first < self.prev.len() && a <= b && n <= 4);
        let mask: __mmask8 = (1u8 << n) - 1;
        // SAFETY: lanes `t < n` read `a + t <= b` of the prefix sums and `a - first + t` of
        // `prev`, in bounds (asserted); masked lanes are not read.
        let (w, s1, s2, pv) = unsafe {
            (
                _mm256_maskz_loadu_pd(mask, p.w.as_ptr().add(a)),
                _mm256_maskz_loadu_pd(mask, p.s1.as_ptr().add(a)),
                _mm256_maskz_loadu_pd(mask, p.s2.as_ptr().add(a)),
                _mm256_maskz_loadu_pd(mask, self.prev.as_ptr().add(a - self.first)),
            )
        };
        let s = _mm256_sub_pd(_mm256_set1_pd(p.s1[i + 1]), s1);
        let c = _mm256_sub_pd(
            _mm256_sub_pd(_mm256_set1_pd(p.s2[i + 1]), s2),
            _mm256_div_pd(
                _mm256_mul_pd(s, s),
                _mm256_sub_pd(_mm256_set1_pd(p.w[i + 1]), w),
            ),
        );
        let v = _mm256_add_pd(pv, _mm256_max_pd(c, _mm256_setzero_pd()));
        let v = _mm256_mask_blend_pd(mask, _mm256_set1_pd(f64::INFINITY), v);
        // The leftmost lane holding the minimum (values are never NaN).
        let m = _mm256_min_pd(v, _mm256_permute4x64_pd::<0b01_00_11_10>(v));
        let m = _mm_min_pd(
            _mm256_castpd256_pd128(m),
            _mm_permute_pd::<1>(_mm256_castpd256_pd128(m)),
        );
        let bv = _mm_cvtsd_f64(m);
        let eq = _mm256_cmp_pd_mask::<_CMP_EQ_OQ>(v, _mm256_set1_pd(bv));
        let best = eq.trailing_zeros() as usize;
        (a + best, bv)
    }

    #[inline(always)]
    fn put<const AVX512: bool>(
        &self,
        back: &mut [u32],
        cur: &mut [f64],
        r: usize,
        a: usize,
        b: usize,
    ) {
        let i = self.row0 + r;
        let hi = self.hi(i);
        let a = a.max(self.lo(i)).min(hi);
        let b = b.min(hi).max(a);
        let (j, v) = self.scan_any::<AVX512>(i, a, b);
        back[r] = j as u32;
        cur[r] = v;
    }

    /// [`solve_rows`] specialised to this layer (same rows, same order, same ranges).
    #[inline(always)]
    fn solve_with<const AVX512: bool>(&self, back: &mut [u32], cur: &mut [f64]) {
        let last = back.len() - 1;
        self.put::<AVX512>(back, cur, 0, 0, usize::MAX);
        if last == 0 {
            return;
        }
        self.put::<AVX512>(back, cur, last, 0, usize::MAX);
        if last == 1 {
            return;
        }
        let mut s = (last - 1).next_power_of_two();
        if s >= last {
            s /= 2;
        }
        while s >= 1 {
            let mut r = s;
            while r < last {
                let a = back[r - s] as usize;
                let b = back[(r + s).min(last)] as usize;
                self.put::<AVX512>(back, cur, r, a, b);
                r += 2 * s;
            }
            s /= 2;
        }
    }

    /// [`Layer::scan`] on eight candidates at a time: the same f64 operations per candidate,
    /// the leftmost minimum kept per lane, then the smallest start among the lanes that hold
    /// the overall minimum (values are never NaN: weights are positive).
    ///
    /// # Safety
    /// The CPU must support AVX-512F, and `a <= b <= hi(i)`.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    #[inline]
    unsafe fn scan_avx512(&self, i: usize, a: usize, b: usize) -> (usize, f64) {
        use std::arch::x86_64::*;
        let p = self.pre;
        let n = b + 1 - a;
        // Bounds: b <= i < p.len(), and b - first < prev.len() (b <= hi(i)).
        assert!(i + 1 < p.w.len() && b - self.first < self.prev.len() && a <= b);
        let (wi, si, qi) = (
            _mm512_set1_pd(p.w[i + 1]),
            _mm512_set1_pd(p.s1[i + 1]),
            _mm512_set1_pd(p.s2[i + 1]),
        );
        // SAFETY: lanes `t < n` read indices `a + t <= b` of the prefix sums and
        // `a - first + t <= b - first` of `prev`, in bounds (asserted); masked lanes are not
        // read.
        let (pw, ps1, ps2, pp) = unsafe {
            (
                p.w.as_ptr().add(a),
                p.s1.as_ptr().add(a),
                p.s2.as_ptr().add(a),
                self.prev.as_ptr().add(a - self.first),
            )
        };
        let zero = _mm512_setzero_pd();
        let mut bv = _mm512_set1_pd(f64::INFINITY);
        let mut bi = _mm512_setzero_si512();
        let mut idx = _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7);
        let eight = _mm512_set1_epi64(8);
        let mut t = 0;
        while t < n {
            let left = n - t;
            let mask: __mmask8 = if left >= 8 { 0xFF } else { (1u8 << left) - 1 };
            // SAFETY: see above; `t < n`.
            let (w, s1, s2, pv) = unsafe {
                (
                    _mm512_maskz_loadu_pd(mask, pw.add(t)),
                    _mm512_maskz_loadu_pd(mask, ps1.add(t)),
                    _mm512_maskz_loadu_pd(mask, ps2.add(t)),
                    _mm512_maskz_loadu_pd(mask, pp.add(t)),
                )
            };
            let s = _mm512_sub_pd(si, s1);
            let c = _mm512_sub_pd(
                _mm512_sub_pd(qi, s2),
                _mm512_div_pd(_mm512_mul_pd(s, s), _mm512_sub_pd(wi, w)),
            );
            // max(c, 0) is `if c > 0 { c } else { 0 }` (MAXPD returns the second operand
            // unless the first is greater).
            let v = _mm512_add_pd(pv, _mm512_max_pd(c, zero));
            let lt = _mm512_mask_cmp_pd_mask::<_CMP_LT_OQ>(mask, v, bv);
            bv = _mm512_mask_mov_pd(bv, lt, v);
            bi = _mm512_mask_mov_epi64(bi, lt, idx);
            idx = _mm512_add_epi64(idx, eight);
            t += 8;
        }
        let mv = _mm512_reduce_min_pd(bv);
        let eq = _mm512_cmp_pd_mask::<_CMP_EQ_OQ>(bv, _mm512_set1_pd(mv));
        // One block: lane = start offset, so the leftmost minimum is the lowest set bit.
        let j = if n <= 8 {
            eq.trailing_zeros() as i64
        } else {
            _mm512_mask_reduce_min_epi64(eq, bi)
        };
        (a + j as usize, mv)
    }
}

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

/// The pruned DP (see [`kmeans1d_weighted_pruned`]) for `2 <= kk`, `u >= 4·kk`. `None` if
/// rounding left a layer without a reachable surviving row (not expected).
fn pruned_starts(
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
    solve_range(&bins, 0, nb, kk, params.budget, &mut best);
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
        if let Some(mut s) = bin_aligned_in_bands(pre, &edges, &bands, params.budget) {
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
    banded_range(pre, 0, &bands, params.budget, &mut starts);
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
    banded_range(&bins, 0, &bin_bands, budget, &mut s);
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
        out.extend(banded_starts(pre, start, bands));
    } else {
        let mid = kk / 2 - 1;
        let j = banded_split(pre, start, bands, mid);
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
        banded_range(pre, start, &left, budget, out);
        banded_range(pre, j, &right, budget, out);
    }
}

/// The exact DP over values `start..`, restricted to rows `bands[m].0..=bands[m].1` of every
/// layer `m` (the last band is the single row of the last value). The restricted matrices are
/// still Monge, so the monotone divide and conquer is exact; Knuth's bound is not used (band
/// restrictions can break it off the optimal paths).
fn banded_starts(pre: &Prefix, start: usize, bands: &[(usize, usize)]) -> Vec<usize> {
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
        layer.solve(row, &mut cur);
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
/// `mid + 1` in the partition it would return, keeping two layers (as [`split_start`]).
fn banded_split(pre: &Prefix, start: usize, bands: &[(usize, usize)], mid: usize) -> usize {
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
        layer.solve(&mut back[..width], &mut cur);
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

#[cfg(test)]
mod tests {
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
    fn structured_input(
        rng: &mut Xoshiro256StarStar,
        u: usize,
        kind: usize,
    ) -> (Vec<f64>, Vec<f64>) {
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
                let starts = pruned_starts(&v, &pre, k, &params)
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
                let low = finish(&v, &w, pruned_starts(&v, &pre, k, &low).unwrap());
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
}
