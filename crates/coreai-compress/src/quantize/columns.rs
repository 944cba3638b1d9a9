//! Per-column quantization of block rows too tall for a tile: blocks of one column spanning
//! many rows (per channel down the columns, `[0, 1]` on a `[K, N]` weight). Every code depends
//! on the whole column, so the weight is streamed twice (three times where parameters must be
//! scored):
//! 1. per-column min/max over the rows, in parallel over fixed row groups (min/max are exact,
//!    so the merge order does not matter);
//! 2. the parameters of every column ([`IntRule`]/[`FpRule`] in vectorized batches); where a
//!    column has two candidates, their squared errors are summed in the order of
//!    [`super::kernel::reduce_blocks`] (rows ascending, partial sums per `row_chunk` rows added
//!    in order), by column strips in parallel, or column by column when only a few differ;
//! 3. the codes, in parallel over fixed row groups, written straight to the output rows.
//!
//! Same results as the streaming reducers, for any thread count (see [`super::fused`]).

use rayon::prelude::*;

use super::{
    fused::{FpTile, IntTile, Isa, clip, int_code, int_sq, minmax_columns, take},
    load::load_f32,
};
use crate::{blocks::BlockLayout, element::Element};

/// Rows per task of the min/max and code passes.
const ROW_GROUP: usize = 16;
/// Columns per task of the scoring pass.
const STRIP: usize = 256;
/// Below `columns / SPARSE_DIV` columns to score, they are scored one by one.
const SPARSE_DIV: usize = 64;

/// Per-column parameters of one block row (SoA).
#[derive(Default)]
pub(crate) struct ColParams {
    /// f32 arrays of the method (scales, bounds, reciprocals).
    pub f: [Vec<f32>; 6],
    /// i32 arrays of the method (zero points).
    pub i: [Vec<i32>; 2],
    /// Columns with two candidates.
    pub flag: Vec<u8>,
}

/// A per-column quantization method.
pub(crate) trait ColumnMethod: Sync {
    /// Fills `p` for `mn.len()` columns from their min/max; returns how many columns have two
    /// candidate parameter sets (flagged in `p.flag`).
    fn params(&self, mn: &[f32], mx: &[f32], p: &mut ColParams) -> usize;
    /// Adds the two squared errors of every value of `xs` (columns `c0..`) to `l0`, `l1`.
    fn add_errors(&self, p: &ColParams, c0: usize, xs: &[f32], l0: &mut [f64], l1: &mut [f64]);
    /// Keeps the second candidate of column `c` (flagged, with errors `e`) if it is strictly
    /// better.
    fn choose(&self, p: &mut ColParams, c: usize, e: [f64; 2]);
    /// Prepares `p` for [`ColumnMethod::codes`] after the choice.
    fn finish(&self, p: &mut ColParams);
    /// The codes of one row.
    fn codes(&self, p: &ColParams, xr: &[f32], out: &mut [u8]);
    /// The scales and zero points.
    fn emit(&self, p: &ColParams, scale: &mut [f32], zp: &mut [i32]);
}

impl ColumnMethod for IntTile {
    #[inline(always)]
    fn params(&self, mn: &[f32], mx: &[f32], p: &mut ColParams) -> usize {
        let n = mn.len();
        let [s, rs, lo, hi, rlo, rhi] = &mut p.f;
        let (s, rs, lo, hi) = (take(s, n), take(rs, n), take(lo, n), take(hi, n));
        let (rlo, rhi) = (take(rlo, n), take(rhi, n));
        let [zp, rzp] = &mut p.i;
        let (zp, rzp) = (take(zp, n), take(rzp, n));
        let flag = take(&mut p.flag, n);
        self.rule.ours_batch(mn, mx, s, zp);
        flag.fill(0);
        let mut ndiff = 0;
        if self.rule.compares_reference() {
            self.rule.reference_f16_batch(mn, mx, rs, rzp);
            for c in 0..n {
                let d = rs[c] != s[c] || rzp[c] != zp[c];
                flag[c] = u8::from(d);
                ndiff += usize::from(d);
            }
        }
        let (qmin, qmax) = (self.rule.qmin, self.rule.qmax);
        for c in 0..n {
            (lo[c], hi[c]) = ((qmin - zp[c]) as f32, (qmax - zp[c]) as f32);
            (rlo[c], rhi[c]) = ((qmin - rzp[c]) as f32, (qmax - rzp[c]) as f32);
        }
        ndiff
    }

    #[inline(always)]
    fn add_errors(&self, p: &ColParams, c0: usize, xs: &[f32], l0: &mut [f64], l1: &mut [f64]) {
        let n = xs.len().min(l0.len()).min(l1.len());
        let [s, rs, lo, hi, rlo, rhi] = &p.f;
        let (s, rs, lo, hi) = (
            &s[c0..c0 + n],
            &rs[c0..c0 + n],
            &lo[c0..c0 + n],
            &hi[c0..c0 + n],
        );
        let (rlo, rhi) = (&rlo[c0..c0 + n], &rhi[c0..c0 + n]);
        for c in 0..n {
            l0[c] += int_sq(xs[c], s[c], lo[c], hi[c]);
            l1[c] += int_sq(xs[c], rs[c], rlo[c], rhi[c]);
        }
    }

    #[inline(always)]
    fn choose(&self, p: &mut ColParams, c: usize, e: [f64; 2]) {
        if p.flag[c] != 0 && e[1] < e[0] {
            p.f[0][c] = p.f[1][c];
            p.i[0][c] = p.i[1][c];
        }
    }

    #[inline(always)]
    fn finish(&self, p: &mut ColParams) {
        let n = p.flag.len();
        let (qmin, qmax) = (self.rule.qmin, self.rule.qmax);
        let [zp, _] = &p.i;
        let [_, _, lo, hi, _, _] = &mut p.f;
        for c in 0..n {
            (lo[c], hi[c]) = ((qmin - zp[c]) as f32, (qmax - zp[c]) as f32);
        }
    }

    #[inline(always)]
    fn codes(&self, p: &ColParams, xr: &[f32], out: &mut [u8]) {
        let n = xr.len().min(out.len()).min(p.flag.len());
        let [s, _, lo, hi, _, _] = &p.f;
        let (s, lo, hi, zp) = (&s[..n], &lo[..n], &hi[..n], &p.i[0][..n]);
        let (xr, out) = (&xr[..n], &mut out[..n]);
        for c in 0..n {
            out[c] = int_code(xr[c], s[c], lo[c], hi[c], zp[c]) & self.mask;
        }
    }

    fn emit(&self, p: &ColParams, scale: &mut [f32], zp: &mut [i32]) {
        scale.copy_from_slice(&p.f[0][..scale.len()]);
        zp.copy_from_slice(&p.i[0][..zp.len()]);
    }
}

impl<E, R> ColumnMethod for FpTile<E, R>
where
    E: Fn(f32) -> u8 + Sync,
    R: Fn(f32) -> f32 + Sync,
{
    #[inline(always)]
    fn params(&self, mn: &[f32], mx: &[f32], p: &mut ColParams) -> usize {
        let n = mn.len();
        let [s, rs, ..] = &mut p.f;
        let (s, rs) = (take(s, n), take(rs, n));
        let flag = take(&mut p.flag, n);
        self.rule.ours_batch(mn, mx, s);
        flag.fill(0);
        let mut ndiff = 0;
        if self.rule.compares_reference() {
            self.rule.reference_f16_batch(mn, mx, s, rs);
            for c in 0..n {
                let d = rs[c] != s[c];
                flag[c] = u8::from(d);
                ndiff += usize::from(d);
            }
        }
        ndiff
    }

    #[inline(always)]
    fn add_errors(&self, p: &ColParams, c0: usize, xs: &[f32], l0: &mut [f64], l1: &mut [f64]) {
        let n = xs.len().min(l0.len()).min(l1.len());
        let (s, rs) = (&p.f[0][c0..c0 + n], &p.f[1][c0..c0 + n]);
        for c in 0..n {
            l0[c] += self.sq(xs[c], s[c]);
            l1[c] += self.sq(xs[c], rs[c]);
        }
    }

    #[inline(always)]
    fn choose(&self, p: &mut ColParams, c: usize, e: [f64; 2]) {
        if p.flag[c] != 0 && e[1] < e[0] {
            p.f[0][c] = p.f[1][c];
        }
    }

    fn finish(&self, _p: &mut ColParams) {}

    #[inline(always)]
    fn codes(&self, p: &ColParams, xr: &[f32], out: &mut [u8]) {
        let n = xr.len().min(out.len()).min(p.flag.len());
        let (s, xr, out) = (&p.f[0][..n], &xr[..n], &mut out[..n]);
        let fmax = self.rule.fmax;
        for c in 0..n {
            out[c] = (self.encode)(clip(xr[c] / s[c], fmax));
        }
    }

    fn emit(&self, p: &ColParams, scale: &mut [f32], zp: &mut [i32]) {
        scale.copy_from_slice(&p.f[0][..scale.len()]);
        zp.fill(0);
    }
}

/// Raw code pointer shared by the row tasks (each writes its own rows).
#[derive(Clone, Copy)]
struct CodesPtr(*mut u8);
// SAFETY: only used to write disjoint rows.
unsafe impl Send for CodesPtr {}
// SAFETY: as above.
unsafe impl Sync for CodesPtr {}

/// Codes, scales and zero points of a layout with one-column blocks (`last_block() == 1`),
/// or `None` for a non-finite weight.
pub(crate) fn quantize_columns<T: Element, M: ColumnMethod>(
    w: &[T],
    lay: &BlockLayout,
    m: &M,
    row_chunk: usize,
    isa: Isa,
) -> Option<(Vec<u8>, Vec<f32>, Vec<i32>)> {
    debug_assert_eq!(lay.last_block(), 1);
    let (l, r) = (lay.row_len(), lay.rows_per_block_row());
    let row_chunk = row_chunk.max(1);
    let mut codes = vec![0u8; lay.num_elements()];
    let mut scale = vec![0f32; lay.num_blocks()];
    let mut zp = vec![0i32; lay.num_blocks()];
    let cp = CodesPtr(codes.as_mut_ptr());
    let mut p = ColParams::default();
    for (brow, (scale, zp)) in scale.chunks_mut(l).zip(zp.chunks_mut(l)).enumerate() {
        // 1. Min/max.
        let groups = r.div_ceil(ROW_GROUP);
        let (mn, mx, bad) = (0..groups)
            .into_par_iter()
            .fold(
                || (vec![f32::INFINITY; l], vec![f32::NEG_INFINITY; l], false),
                |(mut mn, mut mx, bad), g| {
                    // Backwards, so that the code pass (forwards) starts on rows still in cache.
                    let g = groups - 1 - g;
                    let (k0, k1) = (g * ROW_GROUP, ((g + 1) * ROW_GROUP).min(r));
                    let b = with_row(l, |xr| {
                        minmax_rows_isa(isa, w, lay, brow, k0, k1, &mut mn, &mut mx, xr)
                    });
                    (mn, mx, bad | b)
                },
            )
            .reduce(
                || (vec![f32::INFINITY; l], vec![f32::NEG_INFINITY; l], false),
                |(mut a, mut b, x), (c, d, y)| {
                    for i in 0..l {
                        a[i] = if c[i] < a[i] { c[i] } else { a[i] };
                        b[i] = if d[i] > b[i] { d[i] } else { b[i] };
                    }
                    (a, b, x | y)
                },
            );
        if bad {
            return None;
        }
        // 2. Parameters, and the scoring of columns with two candidates.
        let ndiff = m.params(&mn, &mx, &mut p);
        if ndiff > 0 {
            let cols: Vec<(usize, usize)> = if ndiff * SPARSE_DIV < l {
                (0..l).filter(|&c| p.flag[c] != 0).map(|c| (c, 1)).collect()
            } else {
                (0..l.div_ceil(STRIP))
                    .map(|s| (s * STRIP, STRIP.min(l - s * STRIP)))
                    .collect()
            };
            let errs: Vec<(usize, Vec<[f64; 2]>)> = cols
                .par_iter()
                .map(|&(c0, cw)| {
                    let e = with_row(cw, |xs| {
                        score_strip_isa(isa, w, lay, brow, row_chunk, c0, cw, m, &p, xs)
                    });
                    (c0, e)
                })
                .collect();
            for (c0, e) in errs {
                for (i, e) in e.into_iter().enumerate() {
                    m.choose(&mut p, c0 + i, e);
                }
            }
        }
        m.finish(&mut p);
        m.emit(&p, scale, zp);
        // 3. Codes.
        let p = &p;
        (0..r.div_ceil(ROW_GROUP)).into_par_iter().for_each(|g| {
            let (k0, k1) = (g * ROW_GROUP, ((g + 1) * ROW_GROUP).min(r));
            with_row(l, |xr| {
                code_rows_isa(isa, w, lay, brow, k0, k1, m, p, cp, xr)
            });
        });
    }
    Some((codes, scale, zp))
}

/// Defines `$name(isa, args..)`, which runs the `#[inline(always)]` function `$body` compiled
/// for `isa` (a `#[target_feature]` copy for AVX2).
macro_rules! isa_variants {
    ($name:ident, $body:ident, <$($g:ident: $b:path),*>, ($($a:ident: $t:ty),*) -> $r:ty) => {
        #[allow(clippy::too_many_arguments)]
        #[inline]
        fn $name<$($g: $b),*>(isa: Isa, $($a: $t),*) -> $r {
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx2,f16c")]
            #[allow(clippy::too_many_arguments)]
            unsafe fn avx2<$($g: $b),*>($($a: $t),*) -> $r {
                $body($($a),*)
            }
            match isa {
                #[cfg(target_arch = "x86_64")]
                // SAFETY: `Isa::Avx2` is only chosen when the CPU has AVX2 and F16C.
                Isa::Avx2 => unsafe { avx2($($a),*) },
                Isa::Generic => $body($($a),*),
            }
        }
    };
}

isa_variants!(minmax_rows_isa, minmax_rows, <T: Element>, (
    w: &[T], lay: &BlockLayout, brow: usize, k0: usize, k1: usize, mn: &mut [f32],
    mx: &mut [f32], xr: &mut [f32]
) -> bool);
isa_variants!(score_strip_isa, score_strip, <T: Element, M: ColumnMethod>, (
    w: &[T], lay: &BlockLayout, brow: usize, row_chunk: usize, c0: usize, cw: usize, m: &M,
    p: &ColParams, xs: &mut [f32]
) -> Vec<[f64; 2]>);
isa_variants!(code_rows_isa, code_rows, <T: Element, M: ColumnMethod>, (
    w: &[T], lay: &BlockLayout, brow: usize, k0: usize, k1: usize, m: &M, p: &ColParams,
    cp: CodesPtr, xr: &mut [f32]
) -> ());

/// A per-thread row buffer.
fn with_row<R>(n: usize, f: impl FnOnce(&mut [f32]) -> R) -> R {
    super::load::with_scratch(n, f)
}

/// Folds rows `k0..k1` of block row `brow` into the per-column min/max (`xr`: a row buffer).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn minmax_rows<T: Element>(
    w: &[T],
    lay: &BlockLayout,
    brow: usize,
    k0: usize,
    k1: usize,
    mn: &mut [f32],
    mx: &mut [f32],
    xr: &mut [f32],
) -> bool {
    let l = lay.row_len();
    let mut bad = 0;
    for k in k0..k1 {
        let row = lay.row_of_block_row(brow, k);
        load_f32(&w[row * l..(row + 1) * l], xr);
        bad |= minmax_columns(xr, mn, mx);
    }
    bad != 0
}

/// The two squared errors of columns `c0 .. c0 + cw` of block row `brow`, summed in the
/// reduction's order (`xs`: a buffer of `cw` values).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn score_strip<T: Element, M: ColumnMethod>(
    w: &[T],
    lay: &BlockLayout,
    brow: usize,
    row_chunk: usize,
    c0: usize,
    cw: usize,
    m: &M,
    p: &ColParams,
    xs: &mut [f32],
) -> Vec<[f64; 2]> {
    let (l, r) = (lay.row_len(), lay.rows_per_block_row());
    let (mut a0, mut a1) = (vec![0f64; cw], vec![0f64; cw]);
    let (mut l0, mut l1) = (vec![0f64; cw], vec![0f64; cw]);
    let mut k0 = 0;
    while k0 < r {
        let k1 = (k0 + row_chunk).min(r);
        l0.fill(0.0);
        l1.fill(0.0);
        for k in k0..k1 {
            let row = lay.row_of_block_row(brow, k);
            load_f32(&w[row * l + c0..row * l + c0 + cw], xs);
            m.add_errors(p, c0, xs, &mut l0, &mut l1);
        }
        for c in 0..cw {
            a0[c] += l0[c];
            a1[c] += l1[c];
        }
        k0 = k1;
    }
    a0.into_iter().zip(a1).map(|(a, b)| [a, b]).collect()
}

/// Writes the codes of rows `k0..k1` of block row `brow` (`xr`: a row buffer).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn code_rows<T: Element, M: ColumnMethod>(
    w: &[T],
    lay: &BlockLayout,
    brow: usize,
    k0: usize,
    k1: usize,
    m: &M,
    p: &ColParams,
    cp: CodesPtr,
    xr: &mut [f32],
) {
    let l = lay.row_len();
    for k in k0..k1 {
        let row = lay.row_of_block_row(brow, k);
        load_f32(&w[row * l..(row + 1) * l], xr);
        // SAFETY: row `row` belongs to this task alone and lies inside the codes buffer.
        let out = unsafe { std::slice::from_raw_parts_mut(cp.0.add(row * l), l) };
        m.codes(p, xr, out);
    }
}
