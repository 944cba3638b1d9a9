//! The exact DP over layers: the plain DP with all back pointers ([`solve_range`] for problems
//! that fit the budget), the Hirschberg split that bounds memory beyond it, and one layer's
//! row minima by monotone divide and conquer ([`Layer`], [`solve_rows`]).

use super::{
    prefix::Prefix,
    scan::{scan_avx512, scan_scalar, scan4_avx512},
};
use crate::arch::{Isa, dispatch};

/// Optimal run starts (global indices, appended to `out`) of the `kk` clusters of values
/// `base..base + n` (`1 <= kk <= n`): the plain DP if its back pointers fit `budget`, else one
/// Hirschberg split and recursion on both sides.
pub(super) fn solve_range(
    isa: Isa,
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
        out.extend(plain_starts(isa, pre, base, n, kk));
    } else {
        // Left: clusters 0..=mid on base..j; right: clusters mid+1.. on j..base+n.
        let mid = kk / 2 - 1;
        let j = split_start(isa, pre, base, n, kk, mid);
        debug_assert!(j - base > mid && base + n - j >= kk - mid - 1);
        solve_range(isa, pre, base, j - base, mid + 1, budget, out);
        solve_range(isa, pre, j, base + n - j, kk - mid - 1, budget, out);
    }
}

/// The DP with all back pointers, for `2 <= kk < n`, over values `base..base + n`: returns the
/// run starts (global indices) of an optimal partition.
fn plain_starts(isa: Isa, pre: &Prefix, base: usize, n: usize, kk: usize) -> Vec<usize> {
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
            layer.solve(isa, row, &mut cur);
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
fn split_start(isa: Isa, pre: &Prefix, base: usize, n: usize, kk: usize, mid: usize) -> usize {
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
        layer.solve(isa, &mut back_cur, &mut cur);
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
pub(super) fn solve_rows(
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
pub(super) struct Layer<'a> {
    pub(super) pre: &'a Prefix,
    /// `prev[t]` = the previous layer's value at row `first - 1 + t`.
    pub(super) prev: &'a [f64],
    /// Smallest admissible start: start `j` reads `prev[j - first]`.
    pub(super) first: usize,
    /// The row stored at index 0 by [`Layer::solve`].
    pub(super) row0: usize,
    /// Knuth's bound: the previous layer's optimal starts, `lower.0[t]` for row
    /// `lower.1 + t` (`None`: no bound, e.g. layer 1, whose predecessor starts at `first - 1`).
    pub(super) lower: Option<(&'a [u32], usize)>,
}

impl Layer<'_> {
    /// Smallest admissible start for row `i`.
    #[inline]
    pub(super) fn lo(&self, i: usize) -> usize {
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
    pub(super) fn hi(&self, i: usize) -> usize {
        i.min(self.first + self.prev.len() - 1)
    }

    /// Leftmost argmin and minimum of row `i` over starts `a..=b` (`a <= b <= hi(i)`), scalar.
    #[inline(always)]
    pub(super) fn scan(&self, i: usize, a: usize, b: usize) -> (usize, f64) {
        scan_scalar(self.pre, self.prev, self.first, i, a, b)
    }

    /// All rows `row0..row0 + back.len()` of the layer: [`solve_rows`]' bracketing order with
    /// every row's range clipped by [`Layer::lo`] and [`Layer::hi`], with the row scans of
    /// level `isa` (the AVX-512 ones perform the same f64 operations per candidate, so the
    /// result is the same).
    pub(super) fn solve(&self, isa: Isa, back: &mut [u32], cur: &mut [f64]) {
        dispatch!(isa, avx512 => solve_avx512(self, back, cur), _ => self.solve_with::<false>(back, cur))
    }

    /// Leftmost argmin and minimum of row `i` over `a..=b` (`a <= b <= hi(i)`): with `AVX512`,
    /// [`scan4_avx512`] for at most four starts and [`scan_avx512`] beyond; else
    /// [`scan_scalar`].
    #[inline(always)]
    fn scan_any<const AVX512: bool>(&self, i: usize, a: usize, b: usize) -> (usize, f64) {
        if !AVX512 {
            return self.scan(i, a, b);
        }
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `solve_with::<true>` (the only caller with `AVX512`) is only instantiated by
        // `solve_avx512`, which `solve` calls only when its `Isa` has the `avx512` level, so the
        // CPU has AVX-512F and AVX-512VL, all that the two scans enable.
        unsafe {
            return if b - a < 4 {
                scan4_avx512(self.pre, self.prev, self.first, i, a, b)
            } else {
                scan_avx512(self.pre, self.prev, self.first, i, a, b)
            };
        }
        #[allow(unreachable_code)]
        self.scan(i, a, b)
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
}

/// [`Layer::solve`] with the AVX-512 row scans, the whole layer compiled for AVX-512.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512vl")]
fn solve_avx512(layer: &Layer, back: &mut [u32], cur: &mut [f64]) {
    layer.solve_with::<true>(back, cur);
}
