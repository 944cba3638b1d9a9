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
//!
//! ## Layout
//! - this module: the API, input validation and the final centroids;
//! - `prefix`: the prefix sums every cost is computed from;
//! - `dp`: the plain and Hirschberg DP over layers (monotone divide and conquer per layer);
//! - `scan`: one DP row's scan over its candidate starts, scalar and AVX-512 (the same f64
//!   operations, compared in its tests), picked through the crate's ISA dispatch (`arch`);
//! - `pruned`: the pruned DP for large inputs ([`kmeans1d_weighted_pruned`]).

mod dp;
mod prefix;
mod pruned;
mod scan;

use thiserror::Error;

use crate::arch::Isa;
use dp::solve_range;
use prefix::Prefix;
use pruned::pruned_starts;

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
    with_budget_at(Isa::detect(), values, weights, k, budget)
}

/// [`kmeans1d_weighted_with_budget`] with the row scans of instruction-set level `isa`.
fn with_budget_at(
    isa: Isa,
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
    solve_range(isa, &pre, 0, u, kk, budget, &mut starts);
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
    pruned_at(Isa::detect(), values, weights, k, params)
}

/// [`kmeans1d_weighted_pruned_with`] with the row scans of instruction-set level `isa`.
fn pruned_at(
    isa: Isa,
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
        return with_budget_at(isa, values, weights, k, params.budget);
    }
    let pre = Prefix::new(values, weights);
    match pruned_starts(isa, values, &pre, kk, &params) {
        Some(starts) => Ok(finish(values, weights, starts)),
        None => with_budget_at(isa, values, weights, k, params.budget),
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

#[cfg(test)]
mod tests;
