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
//! contiguous f64 prefix sums. Memory: `O(k·u)` 32-bit back pointers.
//!
//! ## Invariants
//! - `cost` is evaluated from f64 prefix sums of values shifted by their weighted mean (which
//!   keeps the cancellation in `Σw·x² - (Σw·x)²/Σw` small) and clamped at 0.
//! - The number of clusters is `min(#values, k)`; every cluster is non-empty; centroids are the
//!   weighted means of their runs, computed directly (not from prefix differences), and are
//!   non-decreasing (strictly increasing when the values are strictly increasing).
//! - Ties between equally good partitions are broken towards the leftmost start index, so the
//!   result is a pure function of the input.
//!
//! ## Parallelisation
//! None: the kernel is sequential and deterministic. Callers parallelise across groups.

use thiserror::Error;

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
/// Cost: `O(k·u·log u)` lookups worst case (a few per DP cell in practice) and `4·k·u` bytes
/// of back pointers, for `u = values.len()`; palettization has `u <= 65,536`.
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
    validate(values, weights, k)?;
    let u = values.len();
    let kk = k.min(u);
    let starts = if kk == 1 {
        vec![0]
    } else if kk == u {
        (0..u).collect()
    } else {
        optimal_starts(values, weights, kk)
    };
    Ok(finish(values, weights, starts))
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
        Self { w, s1, s2 }
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

/// The DP itself, for `2 <= kk < u`: returns the run starts of an optimal partition.
fn optimal_starts(values: &[f64], weights: &[f64], kk: usize) -> Vec<usize> {
    let u = values.len();
    let pre = Prefix::new(values, weights);
    // Layer m only needs rows i in [m, u - kk + m]: m+1 clusters need m+1 values, and the
    // remaining kk-1-m clusters need one value each. Row i of layer m is stored at i - m.
    let width = u - kk + 1;
    let mut prev: Vec<f64> = (0..width).map(|i| pre.cost(0, i)).collect();
    let mut cur = vec![0.0f64; width];
    // back[m][i - m] = start of the last run of the optimal (m+1)-partition of 0..=i.
    let mut back = vec![0u32; kk * width];
    for m in 1..kk {
        let (done, rest) = back.split_at_mut(m * width);
        let lower = &done[(m - 1) * width..];
        let row = &mut rest[..width];
        let layer = Layer {
            pre: &pre,
            prev: &prev,
            m,
            lower,
        };
        if m == kk - 1 {
            // Last layer: only row u-1 is needed.
            let i = u - 1;
            let (j, v) = layer.scan(i, layer.lo(i), i);
            row[i - m] = j as u32;
            cur[i - m] = v;
        } else {
            layer.solve(row, &mut cur);
            std::mem::swap(&mut prev, &mut cur);
        }
    }
    // Backtrack from the last value.
    let mut starts = vec![0usize; kk];
    let mut i = u - 1;
    for m in (1..kk).rev() {
        let j = back[m * width + (i - m)] as usize;
        starts[m] = j;
        i = j - 1;
    }
    debug_assert!(
        starts.windows(2).all(|w| w[0] < w[1]),
        "run starts must increase: {starts:?}"
    );
    starts
}

/// One DP layer `m`: `D[m][i] = min_{lo(i) <= j <= i} D[m-1][j-1] + cost(j, i)`.
///
/// Monotonicity of the leftmost optimal start (a consequence of the quadrangle inequality):
/// it is non-decreasing in `i` within a layer, and at least the previous layer's start for the
/// same `i`. Divide and conquer over the rows uses the first property to bound each row's
/// column range by its neighbours' optima, and the second to raise the lower end.
struct Layer<'a> {
    pre: &'a Prefix,
    /// `prev[t] = D[m-1][m-1+t]`.
    prev: &'a [f64],
    m: usize,
    /// `lower[t]` = optimal start of row `m-1+t` in layer m-1 (0 for layer 0).
    lower: &'a [u32],
}

impl Layer<'_> {
    /// Smallest admissible start for row `i`.
    #[inline]
    fn lo(&self, i: usize) -> usize {
        let m = self.m;
        // Row i of layer m-1 is stored at i - (m-1); layer 0 has start 0 everywhere. The top
        // row of layer m is one past layer m-1's range: its predecessor's start is still a
        // valid (weaker) bound, as starts are non-decreasing in i.
        let prev_start = if m == 1 {
            0
        } else {
            let t = (i - (m - 1)).min(self.lower.len() - 1);
            self.lower[t] as usize
        };
        prev_start.max(m)
    }

    /// Leftmost argmin and minimum of row `i` over starts `a..=b` (`a <= b <= i`): a straight
    /// loop over contiguous prefix sums (the ranges are a few starts long).
    #[inline(always)]
    fn scan(&self, i: usize, a: usize, b: usize) -> (usize, f64) {
        let p = self.pre;
        let (wi, si, qi) = (p.w[i + 1], p.s1[i + 1], p.s2[i + 1]);
        let n = b + 1 - a;
        // prev index of start j is j - 1 - (m - 1) = j - m.
        let prev = &self.prev[a - self.m..a - self.m + n];
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

    /// All rows of the layer (row `r` is `i = m + r`), in bracketing order: first the two
    /// ends, then for `s` = 2^p down to 1 the rows at odd multiples of `s`, each searched only
    /// between the optima of its already-solved neighbours `r ± s` (the divide-and-conquer
    /// recursion, flattened into loops).
    fn solve(&self, back: &mut [u32], cur: &mut [f64]) {
        let m = self.m;
        let last = back.len() - 1;
        let put = |back: &mut [u32], cur: &mut [f64], r: usize, a: usize, b: usize| {
            let i = m + r;
            let a = a.max(self.lo(i)).min(i);
            let b = b.min(i).max(a);
            let (j, v) = self.scan(i, a, b);
            back[r] = j as u32;
            cur[r] = v;
        };
        put(back, cur, 0, m, m);
        if last == 0 {
            return;
        }
        put(back, cur, last, m, m + last);
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
                put(back, cur, r, a, b);
                r += 2 * s;
            }
            s /= 2;
        }
    }
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
