//! One DP row's scan: the leftmost argmin and the minimum of
//! `prev[j - first] + cost(j, i)` over the starts `j = a..=b`, scalar ([`scan_scalar`]) and
//! with AVX-512 ([`scan4_avx512`] for at most four starts, [`scan_avx512`] for more).
//!
//! All three perform the same f64 operations per candidate (`max(c, 0)` as MAXPD is the
//! scalar `if c > 0 { c } else { 0 }`, and no contraction into FMA) and break ties the same way
//! (the leftmost start), so they return the same start and the same bits; the tests here
//! compare them on the same inputs. `dp::Layer::solve` picks them through
//! [`crate::arch`].

use super::prefix::Prefix;

/// Leftmost argmin and minimum of row `i` over starts `a..=b`, `first <= a <= b <= i`: a
/// straight loop over contiguous prefix sums (the ranges are a few starts long).
#[inline(always)]
pub(super) fn scan_scalar(
    pre: &Prefix,
    prev: &[f64],
    first: usize,
    i: usize,
    a: usize,
    b: usize,
) -> (usize, f64) {
    let p = pre;
    let (wi, si, qi) = (p.w[i + 1], p.s1[i + 1], p.s2[i + 1]);
    let n = b + 1 - a;
    let prev = &prev[a - first..a - first + n];
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

/// [`scan_scalar`] for at most four starts, branch-free: the four candidates in one vector
/// (lanes past `b` masked to +inf), then the leftmost minimum. Needs AVX-512F and AVX-512VL
/// (callers dispatch through [`crate::arch`]).
///
/// # Panics
/// Unless `first <= a <= b <= i`, `b - a < 4`, `i + 1 < pre.w.len()` and
/// `b - first < prev.len()` (which keeps every load in bounds).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512vl")]
#[inline]
pub(super) fn scan4_avx512(
    pre: &Prefix,
    prev: &[f64],
    first: usize,
    i: usize,
    a: usize,
    b: usize,
) -> (usize, f64) {
    use std::arch::x86_64::*;
    let p = pre;
    let n = b + 1 - a;
    assert!(
        first <= a && a <= b && b <= i && i + 1 < p.w.len() && b - first < prev.len() && n <= 4
    );
    let mask: __mmask8 = (1u8 << n) - 1;
    // SAFETY: lane `t < n` reads index `a + t <= b < pre.w.len()` of the three prefix sums
    // (which have the same length) and `a - first + t <= b - first < prev.len()` of `prev`,
    // all in bounds (asserted above); masked-off lanes are not accessed (AVX-512 masked loads
    // suppress their faults), so the pointers past the end are never read.
    let (w, s1, s2, pv) = unsafe {
        (
            _mm256_maskz_loadu_pd(mask, p.w.as_ptr().add(a)),
            _mm256_maskz_loadu_pd(mask, p.s1.as_ptr().add(a)),
            _mm256_maskz_loadu_pd(mask, p.s2.as_ptr().add(a)),
            _mm256_maskz_loadu_pd(mask, prev.as_ptr().add(a - first)),
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

/// [`scan_scalar`] on eight candidates at a time: the same f64 operations per candidate, the
/// leftmost minimum kept per lane, then the smallest start among the lanes that hold the
/// overall minimum (values are never NaN: weights are positive). Needs AVX-512F (callers
/// dispatch through [`crate::arch`]).
///
/// # Panics
/// Unless `first <= a <= b <= i`, `i + 1 < pre.w.len()` and `b - first < prev.len()`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
#[inline]
pub(super) fn scan_avx512(
    pre: &Prefix,
    prev: &[f64],
    first: usize,
    i: usize,
    a: usize,
    b: usize,
) -> (usize, f64) {
    use std::arch::x86_64::*;
    let p = pre;
    let n = b + 1 - a;
    // Bounds: b <= i < p.len(), and b - first < prev.len() (b <= hi(i)).
    assert!(first <= a && a <= b && b <= i && i + 1 < p.w.len() && b - first < prev.len());
    let (wi, si, qi) = (
        _mm512_set1_pd(p.w[i + 1]),
        _mm512_set1_pd(p.s1[i + 1]),
        _mm512_set1_pd(p.s2[i + 1]),
    );
    // SAFETY: `a <= b < pre.w.len()` and `a - first <= b - first < prev.len()` (asserted
    // above), so the four base pointers lie inside their slices (the prefix sums have the same
    // length).
    let (pw, ps1, ps2, pp) = unsafe {
        (
            p.w.as_ptr().add(a),
            p.s1.as_ptr().add(a),
            p.s2.as_ptr().add(a),
            prev.as_ptr().add(a - first),
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
        // SAFETY: lane `l` of this step reads offset `t + l` from the base pointers only if
        // `t + l < n` (the mask), i.e. index `a + t + l <= b` of the prefix sums and
        // `a - first + t + l <= b - first` of `prev`: in bounds (asserted above). Masked-off
        // lanes are not accessed (AVX-512 masked loads suppress their faults).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        arch::{Isa, dispatch},
        palettize::rng::Xoshiro256StarStar,
    };

    /// The scan `Layer::solve` runs for this range at level `isa`.
    fn scan_at(
        isa: Isa,
        pre: &Prefix,
        prev: &[f64],
        first: usize,
        i: usize,
        a: usize,
        b: usize,
    ) -> (usize, f64) {
        if b - a < 4 {
            dispatch!(isa, avx512 => scan4_avx512(pre, prev, first, i, a, b),
                _ => scan_scalar(pre, prev, first, i, a, b))
        } else {
            dispatch!(isa, avx512 => scan_avx512(pre, prev, first, i, a, b),
                _ => scan_scalar(pre, prev, first, i, a, b))
        }
    }

    /// Sorted values with positive weights: continuous, clustered, and a coarse grid (many
    /// equal costs, so ties between starts).
    fn input(rng: &mut Xoshiro256StarStar, u: usize, kind: usize) -> (Vec<f64>, Vec<f64>) {
        let mut v: Vec<f64> = (0..u)
            .map(|i| match kind {
                0 => rng.next_f64() * 20.0 - 10.0,
                1 => rng.below(7) as f64 * 3.0 + rng.next_f64() * 0.5,
                _ => (i / 3) as f64 * 0.25,
            })
            .collect();
        v.sort_by(f64::total_cmp);
        let w = (0..u)
            .map(|i| match kind {
                2 => 1.0,
                _ if i % 3 == 0 => (1 + rng.below(20)) as f64,
                _ => 0.1 + rng.next_f64() * 3.0,
            })
            .collect();
        (v, w)
    }

    /// The AVX-512 scans return the scalar scan's start and minimum (bits) for random rows and
    /// ranges of every length up to 40 (both scans, every mask remainder), on inputs with and
    /// without ties. Skipped, with a note on stderr, on a CPU without AVX-512F/VL.
    #[test]
    fn avx512_row_scans_match_the_scalar_scan() {
        let Some(isa) = Isa::supported().into_iter().find(|i| i.avx512()) else {
            crate::testutil::skip_note(
                "palettize::kmeans1d::scan::tests::avx512_row_scans_match_the_scalar_scan",
                "this CPU has no AVX-512F/AVX-512VL, so the AVX-512 row scans were NOT compared",
            );
            return;
        };
        let mut rng = Xoshiro256StarStar::seed_from_u64(41);
        let mut compared = 0usize;
        for kind in 0..3 {
            let u = 600;
            let (v, w) = input(&mut rng, u, kind);
            let pre = Prefix::new(&v, &w);
            for first in [1usize, 5, 37] {
                // A previous layer: non-negative, non-decreasing values like a DP layer's.
                let mut acc = 0.0;
                let prev: Vec<f64> = (first - 1..u)
                    .map(|j| {
                        acc += pre.cost(j.saturating_sub(3), j) * 0.5;
                        acc
                    })
                    .collect();
                for _ in 0..400 {
                    let len = 1 + rng.below(40) as usize;
                    let a = first + rng.below((u - first - len) as u64) as usize;
                    let b = a + len - 1;
                    let i = (b + rng.below(8) as usize).min(u - 1);
                    if b - first >= prev.len() {
                        continue;
                    }
                    let want = scan_scalar(&pre, &prev, first, i, a, b);
                    let got = scan_at(isa, &pre, &prev, first, i, a, b);
                    assert_eq!(
                        (got.0, got.1.to_bits()),
                        (want.0, want.1.to_bits()),
                        "kind {kind} first {first} row {i} starts {a}..={b}"
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 3000);
    }
}
