//! The column driver: per-column quantization of block rows too tall for a tile, i.e. blocks of
//! one column spanning many rows (per channel down the columns, `[0, 1]` on a `[K, N]` weight).
//! Every code depends on the whole column, so the weight is streamed twice (three times where
//! parameters must be scored):
//! 1. per-column min/max over the rows, in parallel over fixed row groups (min/max are exact,
//!    so the merge order does not matter);
//! 2. the parameters of every column (the method's [`ColumnMethod::params`], in vectorized
//!    batches); where a column has two candidates, their squared errors are summed in the
//!    order of [`super::stream::reduce_blocks`] (rows ascending, partial sums per `row_chunk`
//!    rows added in order), by column strips in parallel, or column by column when only a few
//!    differ;
//! 3. the codes, in parallel over fixed row groups, written straight to the output rows.
//!
//! Same results as the streaming driver, for any thread count (see [`super::tiles`]). The
//! methods (integer and FP with a float scale) implement [`ColumnMethod`] in the `int` and
//! `fp` modules. The three per-row kernels are compiled for each level of [`crate::arch`] and
//! picked by the [`Isa`] passed in.

use rayon::prelude::*;

use super::tiles::minmax_columns;
use crate::{
    arch::{Isa, dispatch},
    blocks::BlockLayout,
    element::Element,
    load::{load_f32_at, with_scratch},
};

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

/// Raw code pointer shared by the row tasks (each writes its own rows).
#[derive(Clone, Copy)]
struct CodesPtr(*mut u8);
// SAFETY: a `CodesPtr` holds the address of `quantize_columns`' code buffer, which outlives
// every parallel loop that uses it; each task writes only the rows of its own row group (see
// `code_rows`), and nothing reads the buffer until the loops are over, so moving the pointer
// to another thread races with nothing.
unsafe impl Send for CodesPtr {}
// SAFETY: shared between the row tasks for the same reason: the rows they write are disjoint.
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

/// A per-thread row buffer.
fn with_row<R>(n: usize, f: impl FnOnce(&mut [f32]) -> R) -> R {
    with_scratch(n, f)
}

dispatch! {
    /// [`minmax_rows`] compiled for `isa`.
    fn minmax_rows_isa<T: Element>(
        w: &[T], lay: &BlockLayout, brow: usize, k0: usize, k1: usize, mn: &mut [f32],
        mx: &mut [f32], xr: &mut [f32],
    ) -> bool = minmax_rows for [avx2]
}

dispatch! {
    /// [`score_strip`] compiled for `isa`.
    fn score_strip_isa<T: Element, M: ColumnMethod>(
        w: &[T], lay: &BlockLayout, brow: usize, row_chunk: usize, c0: usize, cw: usize, m: &M,
        p: &ColParams, xs: &mut [f32],
    ) -> Vec<[f64; 2]> = score_strip for [avx2]
}

dispatch! {
    /// [`code_rows`] compiled for `isa`.
    fn code_rows_isa<T: Element, M: ColumnMethod>(
        w: &[T], lay: &BlockLayout, brow: usize, k0: usize, k1: usize, m: &M, p: &ColParams,
        cp: CodesPtr, xr: &mut [f32],
    ) -> () = code_rows for [avx2]
}

/// Folds rows `k0..k1` of block row `brow` into the per-column min/max (`xr`: a row buffer).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn minmax_rows<T: Element>(
    isa: Isa,
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
        load_f32_at(isa, &w[row * l..(row + 1) * l], xr);
        bad |= minmax_columns(xr, mn, mx);
    }
    bad != 0
}

/// The two squared errors of columns `c0 .. c0 + cw` of block row `brow`, summed in the
/// reduction's order (`xs`: a buffer of `cw` values).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn score_strip<T: Element, M: ColumnMethod>(
    isa: Isa,
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
            load_f32_at(isa, &w[row * l + c0..row * l + c0 + cw], xs);
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
    isa: Isa,
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
        load_f32_at(isa, &w[row * l..(row + 1) * l], xr);
        // SAFETY: `cp` points to `lay.num_elements()` codes and `row < lay.num_rows()`, so
        // `row * l .. (row + 1) * l` lies inside the buffer; row `row` belongs to this task's
        // row group alone (row groups of a block row are disjoint, block rows are disjoint),
        // so no other task holds a reference to it.
        let out = unsafe { std::slice::from_raw_parts_mut(cp.0.add(row * l), l) };
        m.codes(p, xr, out);
    }
}

#[cfg(test)]
mod tests {
    use half::{bf16, f16};

    use super::*;
    use crate::{
        element::FloatType,
        quantize::{
            QScheme, QuantDType,
            fp::{FpKernel, with_fp_encoder},
            int::IntKernel,
            params::{FpRule, IntRule},
            stream::sse_row_chunk,
            tiles::{SWEEP_DIV, TileGrid},
        },
        testutil::SplitMix64,
    };

    /// Runs `m` at every level this CPU runs and checks that codes, scales and zero points
    /// (or the non-finite verdict) equal the scalar path's bit for bit.
    fn same_on_every_isa<T: Element, M: ColumnMethod>(
        w: &[T],
        lay: &BlockLayout,
        m: &M,
        tag: &str,
    ) {
        let rc = sse_row_chunk(lay);
        let bits = |o: Option<(Vec<u8>, Vec<f32>, Vec<i32>)>| {
            o.map(|(c, s, z)| (c, s.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), z))
        };
        let want = bits(quantize_columns(w, lay, m, rc, Isa::SCALAR));
        for isa in Isa::supported().into_iter().skip(1) {
            let got = bits(quantize_columns(w, lay, m, rc, isa));
            assert!(got == want, "{tag} {isa:?}: differs from the scalar path");
        }
    }

    /// Every SIMD variant of the three column kernels (min/max, scoring, codes) gives the
    /// scalar path's output for the integer and FP methods, both scoring paths (strips and
    /// single columns), f16, bf16 and f32 weights, and a non-finite weight.
    #[test]
    fn column_variants_match_the_scalar_path() {
        if Isa::supported().len() == 1 {
            crate::testutil::skip_note(
                "column_variants_match_the_scalar_path",
                "this CPU runs no SIMD level of crate::arch; only the scalar path ran",
            );
        }
        for (li, (shape, bs)) in [
            (vec![1000usize, 40], vec![0usize, 1]),
            (vec![2, 600, 48], vec![1, 0, 1]),
            (vec![4100, 17], vec![0, 1]),
        ]
        .into_iter()
        .enumerate()
        {
            let lay = BlockLayout::new(&shape, &bs).unwrap();
            assert!(TileGrid::new(&lay, sse_row_chunk(&lay)).is_none() && lay.last_block() == 1);
            let mut r = SplitMix64::new(70 + li as u64);
            let wh: Vec<f16> = (0..lay.num_elements())
                .map(|i| match i % 89 {
                    0 => f16::from_f32(-0.0),
                    1 => f16::from_bits(3),
                    2 => f16::from_f32(65504.0),
                    // Columns of very different ranges, so that many (asymmetric, f16 scales)
                    // or few (symmetric) parameter sets differ from the reference's.
                    _ => f16::from_f64(r.normal() * if i % 5 == 0 { 1.0 } else { 0.02 }),
                })
                .collect();
            let wb: Vec<bf16> = wh.iter().map(|x| bf16::from_f32(x.to_f32())).collect();
            let wf: Vec<f32> = wh.iter().map(|x| x.to_f32()).collect();
            let mut bad = wh.clone();
            bad[lay.num_elements() / 3] = f16::NAN;
            let tag = format!("{shape:?} {bs:?}");
            for (dtype, scheme) in [
                (QuantDType::Int8, QScheme::Symmetric),
                (QuantDType::UInt4, QScheme::Asymmetric),
                (QuantDType::Int4, QScheme::Asymmetric),
            ] {
                for ft in [FloatType::F16, FloatType::BF16, FloatType::F32] {
                    let rule = IntRule::new(dtype, scheme, ft, FloatType::F16).unwrap();
                    let m = IntKernel {
                        rule,
                        mask: dtype.code_mask(),
                        sweep_div: SWEEP_DIV,
                    };
                    let t = format!("{tag} {dtype} {scheme} {ft:?}");
                    same_on_every_isa(&wh, &lay, &m, &t);
                    same_on_every_isa(&wb, &lay, &m, &t);
                    same_on_every_isa(&wf, &lay, &m, &t);
                    same_on_every_isa(&bad, &lay, &m, &t);
                }
            }
            for dtype in [
                QuantDType::Fp8E4M3fn,
                QuantDType::Fp8E5M2,
                QuantDType::Fp4E2M1fn,
            ] {
                for ft in [FloatType::F16, FloatType::F32] {
                    let rule = FpRule {
                        fmax: dtype.fmax().unwrap(),
                        ft,
                        out: FloatType::F16,
                    };
                    let t = format!("{tag} {dtype} {ft:?}");
                    with_fp_encoder!(dtype, |encode, round| {
                        let m = FpKernel {
                            rule,
                            sweep_div: SWEEP_DIV,
                            encode,
                            round,
                        };
                        same_on_every_isa(&wh, &lay, &m, &t);
                        same_on_every_isa(&wf, &lay, &m, &t);
                        same_on_every_isa(&bad, &lay, &m, &t);
                    });
                }
            }
        }
    }
}
