//! Fused per-tile quantization for blocks small enough to sit in cache (per block 32 along
//! either axis, per channel along rows up to [`TILE_ELEMS`] elements).
//!
//! A **tile** is one block row of the canonical `rows × L` layout ([`BlockLayout`]) cut to a
//! strip of whole blocks (`R` rows × `W` columns, `R·W <= TILE_ELEMS`). Each tile is read from
//! memory once, widened into an f32 scratch, and then everything happens in cache: the per-block
//! min/max, the parameters of every block, the scoring of the blocks that have two candidate
//! parameter sets, and the codes, which are written straight to the output rows.
//!
//! # Same results as the streaming passes
//! The output is bit-identical to the two-pass formulation of [`super::kernel`] (which the
//! layouts that do not tile still use):
//! - min/max are exact, so their order does not matter (for `±0` see [`super::params`]);
//! - the parameters come from the same [`IntRule`]/[`FpRule`]/E8M0 arithmetic;
//! - a block's squared error is summed in exactly the order of
//!   [`super::kernel::reduce_blocks`]: the rows of the block row are cut into chunks of
//!   `row_chunk` rows (the reduction's fixed task grid); within a chunk, rows ascending and each
//!   row's piece of the block element by element (E8M0 pieces: four fixed lanes, as
//!   `SseReducer::segment`); the chunk sums are added in chunk order;
//! - a block is scored only when its candidates differ; elsewhere both errors are the same sum
//!   and the first candidate is kept either way;
//! - codes use the same formulas (`x · (1/s)` for power-of-two `s` is `x / s` exactly).
//!
//! Tiles write disjoint parts of the outputs and share nothing, so the result does not depend on
//! the thread count or schedule.
//!
//! # Vectorization
//! The loops are written over SoA per-block arrays with selects and bit operations only. On
//! x86-64 with AVX2 and F16C the whole tile body is compiled a second time with those features
//! ([`Isa::Avx2`]), chosen at run time; other targets use the baseline build of the same code.

use std::{
    cell::RefCell,
    sync::atomic::{AtomicBool, Ordering},
};

use rayon::prelude::*;

use super::{
    e8m0::candidate_scales,
    load::load_f32,
    params::{FpRule, IntRule, MAGIC, MAGIC_BITS, amax},
};
use crate::{blocks::BlockLayout, element::Element};

/// Elements per tile (`R · W`): 64 KiB of f32 scratch, which stays in L2 while the tile is
/// processed. At most `kernel::TASK_COLS`, so a block is never cut by the reduction's column
/// chunks.
pub(crate) const TILE_ELEMS: usize = 1 << 14;
/// Narrowest strip worth tiling (narrower strips read too little of each row); layouts that
/// would need one use the streaming passes.
const MIN_STRIP: usize = 32;
/// Below `nb / SWEEP_DIV` differing blocks in a column tile, they are scored one by one;
/// otherwise they are gathered and scored in one vectorized sweep.
pub(crate) const SWEEP_DIV: usize = 64;

/// The instruction set the tile body is compiled for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Isa {
    /// The baseline target.
    Generic,
    /// x86-64 with AVX2 and F16C.
    #[cfg(target_arch = "x86_64")]
    Avx2,
}

impl Isa {
    /// The best variant this CPU runs.
    pub(crate) fn detect() -> Self {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("f16c")
        {
            return Isa::Avx2;
        }
        Isa::Generic
    }
}

/// The tile grid of a layout.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TileGrid {
    /// Rows per block row (`R`).
    r: usize,
    /// Row length `L`.
    l: usize,
    /// Block size along the row.
    lb: usize,
    /// Strip width `W` (a multiple of `lb`, at most `L`).
    w: usize,
    /// Strips per block row.
    strips: usize,
    /// Block rows.
    nbr: usize,
    /// Blocks per row.
    bpr: usize,
    /// Rows per chunk of the squared-error order (the reduction's task grid).
    row_chunk: usize,
}

impl TileGrid {
    /// The grid, or `None` if a block does not fit in a tile or strips would be too narrow.
    pub(crate) fn new(lay: &BlockLayout, row_chunk: usize) -> Option<Self> {
        let (r, l, lb) = (lay.rows_per_block_row(), lay.row_len(), lay.last_block());
        if r.checked_mul(lb)? > TILE_ELEMS {
            return None;
        }
        let w = (TILE_ELEMS / r / lb * lb).min(l);
        if w < MIN_STRIP && w < l {
            return None;
        }
        Some(TileGrid {
            r,
            l,
            lb,
            w,
            strips: l.div_ceil(w),
            nbr: lay.num_block_rows(),
            bpr: lay.blocks_per_row(),
            row_chunk: row_chunk.max(1),
        })
    }

    fn tiles(&self) -> usize {
        self.nbr * self.strips
    }
}

/// One loaded tile.
pub(crate) struct Tile<'a> {
    /// `r` rows of `cw` values.
    pub x: &'a [f32],
    /// Rows.
    pub r: usize,
    /// Columns.
    pub cw: usize,
    /// Block size along the row.
    pub lb: usize,
    /// Blocks (`cw / lb`).
    pub nb: usize,
    /// Rows per squared-error chunk.
    pub row_chunk: usize,
    /// Flat index of the tile's first block.
    #[cfg_attr(not(test), allow(dead_code))]
    pub b0: usize,
    /// Per-block minimum and maximum.
    pub mn: &'a [f32],
    /// See `mn`.
    pub mx: &'a [f32],
}

impl Tile<'_> {
    #[inline(always)]
    fn row(&self, k: usize) -> &[f32] {
        &self.x[k * self.cw..(k + 1) * self.cw]
    }
}

/// Raw output pointers shared by the tiles (each tile writes a disjoint part).
#[derive(Clone, Copy)]
struct OutPtr {
    codes: *mut u8,
    scale: *mut f32,
    zp: *mut i32,
}

// SAFETY: the pointers are only used to write disjoint ranges (see `TileOut`).
unsafe impl Send for OutPtr {}
// SAFETY: as above.
unsafe impl Sync for OutPtr {}

/// The outputs of one tile: its code rows and its blocks' scales and zero points.
pub(crate) struct TileOut<'a> {
    ptr: OutPtr,
    /// Flat offsets of the tile's code rows (row start + strip start).
    rows: &'a [usize],
    cw: usize,
    /// Scales of the tile's blocks.
    pub scale: &'a mut [f32],
    /// Zero points of the tile's blocks.
    pub zp: &'a mut [i32],
}

impl TileOut<'_> {
    /// The codes of row `k` of the tile.
    #[inline(always)]
    pub(crate) fn row(&mut self, k: usize) -> &mut [u8] {
        // SAFETY: `rows[k] .. rows[k] + cw` lies inside the codes buffer and belongs to this
        // tile only (rows of distinct block rows differ, strips are disjoint); `&mut self`
        // keeps at most one row borrowed at a time.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.codes.add(self.rows[k]), self.cw) }
    }
}

/// Per-thread scratch, reused across tiles.
#[derive(Default)]
pub(crate) struct Scratch {
    x: Vec<f32>,
    mn: Vec<f32>,
    mx: Vec<f32>,
    rows: Vec<usize>,
    /// Per-block f32 arrays of the methods.
    pub f: [Vec<f32>; 8],
    /// Per-block i32 arrays of the methods.
    pub i: [Vec<i32>; 3],
    /// Per-block f64 accumulators of the methods.
    pub d: [Vec<f64>; 6],
    /// Gathered columns (`r` rows of the scored columns).
    pub gx: Vec<f32>,
    /// Gathered per-column f32 parameters.
    pub gf: [Vec<f32>; 6],
    /// Indices of the gathered columns.
    pub idx: Vec<usize>,
    /// Per-block flags: the block has two candidates and was scored (its errors are in
    /// `d[0]`, `d[1]` after [`TileMethod::run`]).
    pub flag: Vec<u8>,
    /// Per-block choice of the second candidate.
    pub pick: Vec<u8>,
    /// Tile-sized code buffers.
    pub q: [Vec<u8>; 2],
}

/// `v[..n]`, grown if needed (contents unspecified).
#[inline(always)]
pub(crate) fn take<T: Copy + Default>(v: &mut Vec<T>, n: usize) -> &mut [T] {
    if v.len() < n {
        v.resize(n, T::default());
    }
    &mut v[..n]
}

/// A quantization method on loaded tiles.
pub(crate) trait TileMethod: Sync {
    /// Computes the parameters and codes of tile `t` into `out`. Afterwards `scr.flag[j]` tells
    /// whether block `j` had two candidates, and then `scr.d[0][j]`, `scr.d[1][j]` hold their
    /// squared errors (read by the tests).
    fn run(&self, t: &Tile, scr: &mut Scratch, out: &mut TileOut);
}

/// Quantizes every tile of `w` with `m`. Returns codes, scales, zero points and whether a
/// non-finite weight was seen (then the other results are meaningless).
pub(crate) fn quantize_tiles<T: Element, M: TileMethod>(
    w: &[T],
    lay: &BlockLayout,
    g: &TileGrid,
    m: &M,
    isa: Isa,
) -> (Vec<u8>, Vec<f32>, Vec<i32>, bool) {
    let mut codes = vec![0u8; lay.num_elements()];
    let mut scale = vec![0f32; lay.num_blocks()];
    let mut zp = vec![0i32; lay.num_blocks()];
    let ptr = OutPtr {
        codes: codes.as_mut_ptr(),
        scale: scale.as_mut_ptr(),
        zp: zp.as_mut_ptr(),
    };
    let bad = AtomicBool::new(false);
    thread_local! {
        static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
    }
    (0..g.tiles()).into_par_iter().for_each(|t| {
        let any_bad = SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scr) => run_tile(isa, w, lay, g, m, t, &mut scr, ptr),
            Err(_) => run_tile(isa, w, lay, g, m, t, &mut Scratch::default(), ptr),
        });
        if any_bad {
            bad.store(true, Ordering::Relaxed);
        }
    });
    (codes, scale, zp, bad.load(Ordering::Relaxed))
}

#[allow(clippy::too_many_arguments)]
#[inline]
fn run_tile<T: Element, M: TileMethod>(
    isa: Isa,
    w: &[T],
    lay: &BlockLayout,
    g: &TileGrid,
    m: &M,
    t: usize,
    scr: &mut Scratch,
    ptr: OutPtr,
) -> bool {
    match isa {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `Isa::Avx2` is only chosen when the CPU has AVX2 and F16C.
        Isa::Avx2 => unsafe { tile_avx2(w, lay, g, m, t, scr, ptr) },
        Isa::Generic => tile_body(w, lay, g, m, t, scr, ptr),
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,f16c")]
#[allow(clippy::too_many_arguments)]
unsafe fn tile_avx2<T: Element, M: TileMethod>(
    w: &[T],
    lay: &BlockLayout,
    g: &TileGrid,
    m: &M,
    t: usize,
    scr: &mut Scratch,
    ptr: OutPtr,
) -> bool {
    tile_body(w, lay, g, m, t, scr, ptr)
}

/// Loads tile `t`, reduces its per-block min/max and hands it to the method.
#[inline(always)]
fn tile_body<T: Element, M: TileMethod>(
    w: &[T],
    lay: &BlockLayout,
    g: &TileGrid,
    m: &M,
    t: usize,
    scr: &mut Scratch,
    ptr: OutPtr,
) -> bool {
    let (brow, strip) = (t / g.strips, t % g.strips);
    let c0 = strip * g.w;
    let cw = g.w.min(g.l - c0);
    let (r, lb) = (g.r, g.lb);
    let nb = cw / lb;
    let b0 = brow * g.bpr + c0 / lb;
    let Scratch {
        x, mn, mx, rows, ..
    } = scr;
    let x = take(x, r * cw);
    let mn = take(mn, nb);
    let mx = take(mx, nb);
    let rows = take(rows, r);
    mn.fill(f32::INFINITY);
    mx.fill(f32::NEG_INFINITY);
    let mut bad = 0u32;
    for (k, xr) in x.chunks_exact_mut(cw).enumerate() {
        let row = lay.row_of_block_row(brow, k);
        rows[k] = row * g.l + c0;
        load_f32(&w[rows[k]..rows[k] + cw], xr);
        bad |= if lb == 1 {
            minmax_columns(xr, mn, mx)
        } else {
            minmax_segments(xr, lb, mn, mx)
        };
    }
    // Move the loaded data out of the scratch borrow so the method can use the rest.
    let (x, mn, mx, rows) = (
        std::mem::take(&mut scr.x),
        std::mem::take(&mut scr.mn),
        std::mem::take(&mut scr.mx),
        std::mem::take(&mut scr.rows),
    );
    let tile = Tile {
        x: &x[..r * cw],
        r,
        cw,
        lb,
        nb,
        row_chunk: g.row_chunk,
        b0,
        mn: &mn[..nb],
        mx: &mx[..nb],
    };
    // SAFETY: blocks `b0 .. b0 + nb` are this tile's alone and inside the parameter buffers.
    let (scale, zp) = unsafe {
        (
            std::slice::from_raw_parts_mut(ptr.scale.add(b0), nb),
            std::slice::from_raw_parts_mut(ptr.zp.add(b0), nb),
        )
    };
    let mut out = TileOut {
        ptr,
        rows: &rows[..r],
        cw,
        scale,
        zp,
    };
    m.run(&tile, scr, &mut out);
    (scr.x, scr.mn, scr.mx, scr.rows) = (x, mn, mx, rows);
    bad != 0
}

#[inline(always)]
fn non_finite(x: f32) -> u32 {
    u32::from(x.to_bits() & 0x7F80_0000 == 0x7F80_0000)
}

/// Folds one row into per-column min/max (block size 1 along the row).
#[inline(always)]
pub(crate) fn minmax_columns(xr: &[f32], mn: &mut [f32], mx: &mut [f32]) -> u32 {
    // Eight columns at a time through local arrays: a plain `mn[c] = select(..)` becomes a
    // masked store, which is slow on some CPUs.
    let mut bad = [0u32; 8];
    let n = xr.len().min(mn.len()).min(mx.len());
    let full = n / 8 * 8;
    for ((xc, a), b) in xr[..full]
        .chunks_exact(8)
        .zip(mn[..full].chunks_exact_mut(8))
        .zip(mx[..full].chunks_exact_mut(8))
    {
        let mut lo = [0f32; 8];
        let mut hi = [0f32; 8];
        for j in 0..8 {
            lo[j] = if xc[j] < a[j] { xc[j] } else { a[j] };
            hi[j] = if xc[j] > b[j] { xc[j] } else { b[j] };
            bad[j] |= non_finite(xc[j]);
        }
        a.copy_from_slice(&lo);
        b.copy_from_slice(&hi);
    }
    for c in full..n {
        let v = xr[c];
        mn[c] = if v < mn[c] { v } else { mn[c] };
        mx[c] = if v > mx[c] { v } else { mx[c] };
        bad[0] |= non_finite(v);
    }
    bad.iter().fold(0, |a, &b| a | b)
}

/// Folds one row into per-block min/max (blocks of `lb > 1` along the row).
#[inline(always)]
fn minmax_segments(xr: &[f32], lb: usize, mn: &mut [f32], mx: &mut [f32]) -> u32 {
    let mut bad = 0u32;
    for ((seg, a), b) in xr.chunks_exact(lb).zip(mn.iter_mut()).zip(mx.iter_mut()) {
        let mut lo = [f32::INFINITY; 8];
        let mut hi = [f32::NEG_INFINITY; 8];
        let mut nf = [0u32; 8];
        let chunks = seg.chunks_exact(8);
        let rem = chunks.remainder();
        for c in chunks {
            for j in 0..8 {
                lo[j] = if c[j] < lo[j] { c[j] } else { lo[j] };
                hi[j] = if c[j] > hi[j] { c[j] } else { hi[j] };
                nf[j] |= non_finite(c[j]);
            }
        }
        for &v in rem {
            lo[0] = if v < lo[0] { v } else { lo[0] };
            hi[0] = if v > hi[0] { v } else { hi[0] };
            nf[0] |= non_finite(v);
        }
        // Tree reduction of the lanes (min/max are exact in any order).
        for w in [4, 2, 1] {
            for j in 0..w {
                lo[j] = if lo[j + w] < lo[j] { lo[j + w] } else { lo[j] };
                hi[j] = if hi[j + w] > hi[j] { hi[j + w] } else { hi[j] };
                nf[j] |= nf[j + w];
            }
        }
        *a = if lo[0] < *a { lo[0] } else { *a };
        *b = if hi[0] > *b { hi[0] } else { *b };
        bad |= nf[0];
    }
    bad
}

/// Two squared errors of one block in the reduction's order (see the module docs) for
/// methods whose pieces are summed element by element: `f(x)` gives `x`'s two errors; the
/// block is columns `c0..c1` of the tile.
#[inline(always)]
fn block_sse_seq(t: &Tile, c0: usize, c1: usize, f: impl Fn(f32) -> [f64; 2]) -> [f64; 2] {
    let mut acc = [0f64; 2];
    let mut k0 = 0;
    while k0 < t.r {
        let k1 = (k0 + t.row_chunk).min(t.r);
        let mut loc = [0f64; 2];
        for k in k0..k1 {
            for piece in t.row(k)[c0..c1].chunks(32) {
                // The errors vectorize; only the sums are sequential.
                let mut e = [[0f64; 2]; 32];
                for (ei, &v) in e.iter_mut().zip(piece) {
                    *ei = f(v);
                }
                for ei in &e[..piece.len()] {
                    loc[0] += ei[0];
                    loc[1] += ei[1];
                }
            }
        }
        acc[0] += loc[0];
        acc[1] += loc[1];
        k0 = k1;
    }
    acc
}

/// `x` clipped to `[-fmax, fmax]`.
#[inline(always)]
pub(crate) fn clip(v: f32, fmax: f32) -> f32 {
    let v = if v < -fmax { -fmax } else { v };
    if v > fmax { fmax } else { v }
}

/// `round_half_even(clip(x / s, lo, hi))` as f32 (exact after the clip, see `MAGIC`).
#[inline(always)]
fn int_q(x: f32, s: f32, lo: f32, hi: f32) -> f32 {
    let v = x / s;
    let v = if v < lo { lo } else { v };
    let v = if v > hi { hi } else { v };
    (v + MAGIC) - MAGIC
}

/// Integer code `clip(round(x / s) + zp, qmin, qmax)` as the low byte of its two's complement
/// (`lo = qmin - zp`, `hi = qmax - zp`: clipping before rounding is the same, the bounds being
/// integers; the rounded integer is read off the low mantissa bits).
#[inline(always)]
pub(crate) fn int_code(x: f32, s: f32, lo: f32, hi: f32, zp: i32) -> u8 {
    let v = x / s;
    let v = if v < lo { lo } else { v };
    let v = if v > hi { hi } else { v };
    let k = ((v + MAGIC).to_bits() as i32).wrapping_sub(MAGIC_BITS);
    k.wrapping_add(zp) as u8
}

/// Squared error of the integer reconstruction `s · q` of `x`.
#[inline(always)]
pub(crate) fn int_sq(x: f32, s: f32, lo: f32, hi: f32) -> f64 {
    let d = f64::from(s * int_q(x, s, lo, hi)) - f64::from(x);
    d * d
}

/// Integer quantization (D.1, F.3) on tiles.
pub(crate) struct IntTile {
    /// The parameter rule.
    pub rule: IntRule,
    /// Mask of the code bits.
    pub mask: u8,
    /// [`SWEEP_DIV`] (tests force either scoring path with 0 or `usize::MAX`).
    pub sweep_div: usize,
}

impl TileMethod for IntTile {
    #[inline(always)]
    fn run(&self, t: &Tile, scr: &mut Scratch, out: &mut TileOut) {
        let nb = t.nb;
        let rule = self.rule;
        let [s, rs, lo, hi, rlo, rhi, ..] = &mut scr.f;
        let (s, rs, lo, hi) = (take(s, nb), take(rs, nb), take(lo, nb), take(hi, nb));
        let (rlo, rhi) = (take(rlo, nb), take(rhi, nb));
        let [zp, rzp, ..] = &mut scr.i;
        let (zp, rzp) = (take(zp, nb), take(rzp, nb));
        let flag = take(&mut scr.flag, nb);
        let (qmin, qmax) = (rule.qmin, rule.qmax);
        rule.ours_batch(t.mn, t.mx, s, zp);
        flag.fill(0);
        if rule.compares_reference() {
            rule.reference_f16_batch(t.mn, t.mx, rs, rzp);
            let mut ndiff = 0usize;
            for j in 0..nb {
                let d = rs[j] != s[j] || rzp[j] != zp[j];
                flag[j] = u8::from(d);
                ndiff += usize::from(d);
            }
            if ndiff > 0 {
                for j in 0..nb {
                    (lo[j], hi[j]) = ((qmin - zp[j]) as f32, (qmax - zp[j]) as f32);
                    (rlo[j], rhi[j]) = ((qmin - rzp[j]) as f32, (qmax - rzp[j]) as f32);
                }
                let [a0, a1, c0, c1, l0, l1] = &mut scr.d;
                let (a0, a1) = (take(a0, nb), take(a1, nb));
                let pick = |j: usize, e: [f64; 2]| e[1] < e[0] && flag[j] != 0;
                if t.lb == 1 && ndiff.saturating_mul(self.sweep_div) >= nb {
                    let nd = gather_flagged(t, flag, &mut scr.gx, &mut scr.idx);
                    let idx = &scr.idx[..nd];
                    let [gs, gl, gh, grs, grl, grh] = &mut scr.gf;
                    let (gs, gl, gh) = (take(gs, nd), take(gl, nd), take(gh, nd));
                    let (grs, grl, grh) = (take(grs, nd), take(grl, nd), take(grh, nd));
                    for (i, &c) in idx.iter().enumerate() {
                        (gs[i], gl[i], gh[i]) = (s[c], lo[c], hi[c]);
                        (grs[i], grl[i], grh[i]) = (rs[c], rlo[c], rhi[c]);
                    }
                    let (c0, c1) = (take(c0, nd), take(c1, nd));
                    let (l0, l1) = (take(l0, nd), take(l1, nd));
                    column_sse2(&scr.gx, nd, t.r, t.row_chunk, c0, c1, l0, l1, |i, x| {
                        [
                            int_sq(x, gs[i], gl[i], gh[i]),
                            int_sq(x, grs[i], grl[i], grh[i]),
                        ]
                    });
                    for (i, &j) in idx.iter().enumerate() {
                        (a0[j], a1[j]) = (c0[i], c1[i]);
                        if pick(j, [c0[i], c1[i]]) {
                            (s[j], zp[j]) = (rs[j], rzp[j]);
                        }
                    }
                } else {
                    for j in 0..nb {
                        if flag[j] == 0 {
                            continue;
                        }
                        let (sa, la, ha) = (s[j], lo[j], hi[j]);
                        let (sb, lb_, hb) = (rs[j], rlo[j], rhi[j]);
                        let e = block_sse_seq(t, j * t.lb, (j + 1) * t.lb, |x| {
                            [int_sq(x, sa, la, ha), int_sq(x, sb, lb_, hb)]
                        });
                        (a0[j], a1[j]) = (e[0], e[1]);
                        if pick(j, e) {
                            (s[j], zp[j]) = (rs[j], rzp[j]);
                        }
                    }
                }
            }
        }
        for j in 0..nb {
            (lo[j], hi[j]) = ((qmin - zp[j]) as f32, (qmax - zp[j]) as f32);
        }
        let mask = self.mask;
        for k in 0..t.r {
            let xr = t.row(k);
            let o = out.row(k);
            if t.lb == 1 {
                let n = xr.len().min(o.len()).min(nb);
                let (xr, o, s, lo, hi, zp) =
                    (&xr[..n], &mut o[..n], &s[..n], &lo[..n], &hi[..n], &zp[..n]);
                for c in 0..n {
                    o[c] = int_code(xr[c], s[c], lo[c], hi[c], zp[c]) & mask;
                }
            } else {
                for (j, (xs, os)) in xr
                    .chunks_exact(t.lb)
                    .zip(o.chunks_exact_mut(t.lb))
                    .enumerate()
                {
                    let (sj, lj, hj, zj) = (s[j], lo[j], hi[j], zp[j]);
                    for (oc, &xc) in os.iter_mut().zip(xs) {
                        *oc = int_code(xc, sj, lj, hj, zj) & mask;
                    }
                }
            }
        }
        out.scale.copy_from_slice(s);
        out.zp.copy_from_slice(zp);
    }
}

/// Two squared errors per column of `r` rows of `n` columns (`x`, row-major): `f(c, x)` gives
/// the two errors of `x` in column `c`. Sums in the reduction's order: per chunk of `row_chunk`
/// rows into `l0`/`l1`, then into `a0`/`a1`.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn column_sse2(
    x: &[f32],
    n: usize,
    r: usize,
    row_chunk: usize,
    a0: &mut [f64],
    a1: &mut [f64],
    l0: &mut [f64],
    l1: &mut [f64],
    f: impl Fn(usize, f32) -> [f64; 2],
) {
    let n = n.min(a0.len()).min(a1.len()).min(l0.len()).min(l1.len());
    let (a0, a1, l0, l1) = (&mut a0[..n], &mut a1[..n], &mut l0[..n], &mut l1[..n]);
    a0.fill(0.0);
    a1.fill(0.0);
    let mut k0 = 0;
    while k0 < r {
        let k1 = (k0 + row_chunk).min(r);
        l0.fill(0.0);
        l1.fill(0.0);
        for xr in x[k0 * n..k1 * n].chunks_exact(n) {
            for c in 0..n {
                let e = f(c, xr[c]);
                l0[c] += e[0];
                l1[c] += e[1];
            }
        }
        for c in 0..n {
            a0[c] += l0[c];
            a1[c] += l1[c];
        }
        k0 = k1;
    }
}

/// Gathers the flagged columns of a column tile into `scr.gx` (`r` rows of `nd` values) and
/// their indices into `scr.idx`; returns `nd`.
#[inline(always)]
fn gather_flagged(t: &Tile, flag: &[u8], gx: &mut Vec<f32>, idx: &mut Vec<usize>) -> usize {
    idx.clear();
    idx.extend((0..t.nb).filter(|&c| flag[c] != 0));
    let nd = idx.len();
    let gx = take(gx, t.r * nd);
    for (k, g) in gx.chunks_exact_mut(nd.max(1)).take(t.r).enumerate() {
        let xr = t.row(k);
        for (gi, &c) in g.iter_mut().zip(idx.iter()) {
            *gi = xr[c];
        }
    }
    nd
}

/// FP8/FP4 quantization with a float scale (D.2, F.2, F.3) on tiles. `E` encodes a clipped
/// value, `R` is `decode ∘ encode`.
pub(crate) struct FpTile<E, R> {
    /// The scale rule.
    pub rule: FpRule,
    /// [`SWEEP_DIV`] (tests force either scoring path with 0 or `usize::MAX`).
    pub sweep_div: usize,
    /// Encoder of finite, clipped values.
    pub encode: E,
    /// `decode ∘ encode` of finite, clipped values.
    pub round: R,
}

impl<E, R> FpTile<E, R>
where
    E: Fn(f32) -> u8 + Sync,
    R: Fn(f32) -> f32 + Sync,
{
    /// Squared error of `x` reconstructed with the float scale `s`.
    #[inline(always)]
    pub(crate) fn sq(&self, x: f32, s: f32) -> f64 {
        let d = f64::from(s * (self.round)(clip(x / s, self.rule.fmax))) - f64::from(x);
        d * d
    }
}

impl<E, R> TileMethod for FpTile<E, R>
where
    E: Fn(f32) -> u8 + Sync,
    R: Fn(f32) -> f32 + Sync,
{
    #[inline(always)]
    fn run(&self, t: &Tile, scr: &mut Scratch, out: &mut TileOut) {
        let nb = t.nb;
        let rule = self.rule;
        let fmax = rule.fmax;
        let [s, rs, ..] = &mut scr.f;
        let (s, rs) = (take(s, nb), take(rs, nb));
        let flag = take(&mut scr.flag, nb);
        rule.ours_batch(t.mn, t.mx, s);
        flag.fill(0);
        if rule.compares_reference() {
            rule.reference_f16_batch(t.mn, t.mx, s, rs);
            let mut ndiff = 0usize;
            for j in 0..nb {
                let d = rs[j] != s[j];
                flag[j] = u8::from(d);
                ndiff += usize::from(d);
            }
            if ndiff > 0 {
                let [a0, a1, c0, c1, l0, l1] = &mut scr.d;
                let (a0, a1) = (take(a0, nb), take(a1, nb));
                if t.lb == 1 && ndiff.saturating_mul(self.sweep_div) >= nb {
                    let nd = gather_flagged(t, flag, &mut scr.gx, &mut scr.idx);
                    let idx = &scr.idx[..nd];
                    let [gs, grs, ..] = &mut scr.gf;
                    let (gs, grs) = (take(gs, nd), take(grs, nd));
                    for (i, &c) in idx.iter().enumerate() {
                        (gs[i], grs[i]) = (s[c], rs[c]);
                    }
                    let (c0, c1) = (take(c0, nd), take(c1, nd));
                    let (l0, l1) = (take(l0, nd), take(l1, nd));
                    column_sse2(&scr.gx, nd, t.r, t.row_chunk, c0, c1, l0, l1, |i, x| {
                        [self.sq(x, gs[i]), self.sq(x, grs[i])]
                    });
                    for (i, &j) in idx.iter().enumerate() {
                        (a0[j], a1[j]) = (c0[i], c1[i]);
                        if c1[i] < c0[i] {
                            s[j] = rs[j];
                        }
                    }
                } else {
                    for j in 0..nb {
                        if flag[j] == 0 {
                            continue;
                        }
                        let (sa, sb) = (s[j], rs[j]);
                        let e = block_sse_seq(t, j * t.lb, (j + 1) * t.lb, |x| {
                            [self.sq(x, sa), self.sq(x, sb)]
                        });
                        (a0[j], a1[j]) = (e[0], e[1]);
                        if e[1] < e[0] {
                            s[j] = sb;
                        }
                    }
                }
            }
        }
        for k in 0..t.r {
            let xr = t.row(k);
            let o = out.row(k);
            if t.lb == 1 {
                let n = xr.len().min(o.len()).min(nb);
                let (xr, o, s) = (&xr[..n], &mut o[..n], &s[..n]);
                for c in 0..n {
                    o[c] = (self.encode)(clip(xr[c] / s[c], fmax));
                }
            } else {
                for (j, (xs, os)) in xr
                    .chunks_exact(t.lb)
                    .zip(o.chunks_exact_mut(t.lb))
                    .enumerate()
                {
                    let sj = s[j];
                    for (oc, &xc) in os.iter_mut().zip(xs) {
                        *oc = (self.encode)(clip(xc / sj, fmax));
                    }
                }
            }
        }
        out.scale.copy_from_slice(s);
        out.zp.fill(0);
    }
}

/// FP8/FP4 with E8M0 scales (F.1) on tiles: both power-of-two candidates are scored and
/// encoded in one sweep over the tile, and the better block's codes are kept.
pub(crate) struct E8m0Tile<E, R> {
    /// Largest finite value of the code type.
    pub fmax: f32,
    /// The output type's overflow bound as f32 (see [`candidate_scales`]).
    pub limit: f32,
    /// Encoder of finite, clipped values.
    pub encode: E,
    /// `decode ∘ encode` of finite, clipped values.
    pub round: R,
}

/// `Σ (r[i] − x[i])²` of one row piece in `SseReducer::segment`'s order: element `i` in lane
/// `i % 4`, the remainder in lane 0, lanes combined as `(0 + 1) + (2 + 3)`.
#[inline(always)]
fn lanes4_sse(x: &[f32], r: &[f32]) -> f64 {
    let mut la = [0f64; 4];
    let full = x.len() / 4 * 4;
    for (xs, rs) in x[..full].chunks_exact(4).zip(r[..full].chunks_exact(4)) {
        for l in 0..4 {
            let d = f64::from(rs[l]) - f64::from(xs[l]);
            la[l] += d * d;
        }
    }
    for (&xv, &rv) in x[full..].iter().zip(&r[full..]) {
        let d = f64::from(rv) - f64::from(xv);
        la[0] += d * d;
    }
    (la[0] + la[1]) + (la[2] + la[3])
}

impl<E, R> TileMethod for E8m0Tile<E, R>
where
    E: Fn(f32) -> u8 + Sync,
    R: Fn(f32) -> f32 + Sync,
{
    #[inline(always)]
    fn run(&self, t: &Tile, scr: &mut Scratch, out: &mut TileOut) {
        let (nb, cw, lb) = (t.nb, t.cw, t.lb);
        let fmax = self.fmax;
        // Per-block candidates and their reciprocals.
        let [s0, s1, i0, i1, r0, r1, ..] = &mut scr.f;
        let (s0, s1, i0, i1) = (take(s0, nb), take(s1, nb), take(i0, nb), take(i1, nb));
        let (r0, r1) = (take(r0, cw), take(r1, cw));
        let flag = take(&mut scr.flag, nb);
        let mut two = 0usize;
        for j in 0..nb {
            let (a, b) = candidate_scales(amax(t.mn[j], t.mx[j]), fmax, self.limit);
            (s0[j], s1[j]) = (a, b);
            flag[j] = u8::from(a != b);
            two += usize::from(a != b);
        }
        for j in 0..nb {
            (i0[j], i1[j]) = (1.0 / s0[j], 1.0 / s1[j]);
        }
        if two == 0 {
            for k in 0..t.r {
                let xr = t.row(k);
                let o = out.row(k);
                if lb == 1 {
                    for ((oc, &x), &inv) in o.iter_mut().zip(xr).zip(&*i0) {
                        *oc = (self.encode)(clip(x * inv, fmax));
                    }
                } else {
                    for ((os, xs), &inv) in
                        o.chunks_exact_mut(lb).zip(xr.chunks_exact(lb)).zip(&*i0)
                    {
                        for (oc, &x) in os.iter_mut().zip(xs) {
                            *oc = (self.encode)(clip(x * inv, fmax));
                        }
                    }
                }
            }
            out.scale.copy_from_slice(s0);
            out.zp.fill(0);
            return;
        }
        let [q0, q1] = &mut scr.q;
        let (q0, q1) = (take(q0, t.r * cw), take(q1, t.r * cw));
        let [a0, a1, l0, l1, ..] = &mut scr.d;
        let (a0, a1, l0, l1) = (take(a0, nb), take(a1, nb), take(l0, nb), take(l1, nb));
        a0.fill(0.0);
        a1.fill(0.0);
        let mut k0 = 0;
        while k0 < t.r {
            let k1 = (k0 + t.row_chunk).min(t.r);
            l0.fill(0.0);
            l1.fill(0.0);
            for k in k0..k1 {
                let xr = t.row(k);
                let (qa, qb) = (&mut q0[k * cw..(k + 1) * cw], &mut q1[k * cw..(k + 1) * cw]);
                // f32 phase (full vector width): codes and reconstructions `s · q`.
                if lb == 1 {
                    let n = nb.min(xr.len());
                    let (s0, s1, i0, i1) = (&s0[..n], &s1[..n], &i0[..n], &i1[..n]);
                    let (qa, qb, r0, r1) = (&mut qa[..n], &mut qb[..n], &mut r0[..n], &mut r1[..n]);
                    for c in 0..n {
                        let x = xr[c];
                        let (va, vb) = (clip(x * i0[c], fmax), clip(x * i1[c], fmax));
                        qa[c] = (self.encode)(va);
                        qb[c] = (self.encode)(vb);
                        r0[c] = s0[c] * (self.round)(va);
                        r1[c] = s1[c] * (self.round)(vb);
                    }
                } else {
                    for (j, ((((xs, qas), qbs), ras), rbs)) in xr
                        .chunks_exact(lb)
                        .zip(qa.chunks_exact_mut(lb))
                        .zip(qb.chunks_exact_mut(lb))
                        .zip(r0.chunks_exact_mut(lb))
                        .zip(r1.chunks_exact_mut(lb))
                        .enumerate()
                    {
                        let (sa, sb, ia, ib) = (s0[j], s1[j], i0[j], i1[j]);
                        for ((((&x, qa), qb), ra), rb) in xs
                            .iter()
                            .zip(qas.iter_mut())
                            .zip(qbs.iter_mut())
                            .zip(ras.iter_mut())
                            .zip(rbs.iter_mut())
                        {
                            let (va, vb) = (clip(x * ia, fmax), clip(x * ib, fmax));
                            *qa = (self.encode)(va);
                            *qb = (self.encode)(vb);
                            *ra = sa * (self.round)(va);
                            *rb = sb * (self.round)(vb);
                        }
                    }
                }
                // f64 phase: squared errors in the reduction's order.
                if lb == 1 {
                    for c in 0..nb.min(xr.len()) {
                        let da = f64::from(r0[c]) - f64::from(xr[c]);
                        let db = f64::from(r1[c]) - f64::from(xr[c]);
                        l0[c] += da * da;
                        l1[c] += db * db;
                    }
                } else {
                    for (j, ((xs, ra), rb)) in xr
                        .chunks_exact(lb)
                        .zip(r0.chunks_exact(lb))
                        .zip(r1.chunks_exact(lb))
                        .enumerate()
                    {
                        l0[j] += lanes4_sse(xs, ra);
                        l1[j] += lanes4_sse(xs, rb);
                    }
                }
            }
            for j in 0..nb {
                a0[j] += l0[j];
                a1[j] += l1[j];
            }
            k0 = k1;
        }
        // Ties keep the smaller exponent (candidate 0).
        let pick = take(&mut scr.pick, nb);
        for j in 0..nb {
            pick[j] = u8::from(flag[j] != 0 && a1[j] < a0[j]);
        }
        for k in 0..t.r {
            let (qa, qb) = (&q0[k * cw..(k + 1) * cw], &q1[k * cw..(k + 1) * cw]);
            let o = out.row(k);
            if lb == 1 {
                for (((oc, &ca), &cb), &f) in o.iter_mut().zip(qa).zip(qb).zip(&*pick) {
                    *oc = if f != 0 { cb } else { ca };
                }
            } else {
                for (j, ((os, qas), qbs)) in o
                    .chunks_exact_mut(lb)
                    .zip(qa.chunks_exact(lb))
                    .zip(qb.chunks_exact(lb))
                    .enumerate()
                {
                    os.copy_from_slice(if pick[j] != 0 { qbs } else { qas });
                }
            }
        }
        for j in 0..nb {
            out.scale[j] = if pick[j] != 0 { s1[j] } else { s0[j] };
        }
        out.zp.fill(0);
    }
}

/// Test hook: runs a method and records the squared errors of every scored block.
#[cfg(test)]
pub(crate) struct Probe<'a, M> {
    /// The method.
    pub inner: M,
    /// `(block, [error 0, error 1])` of every scored block.
    pub errors: &'a std::sync::Mutex<Vec<(usize, [f64; 2])>>,
}

#[cfg(test)]
impl<M: TileMethod> TileMethod for Probe<'_, M> {
    fn run(&self, t: &Tile, scr: &mut Scratch, out: &mut TileOut) {
        self.inner.run(t, scr, out);
        let mut e = self.errors.lock().unwrap();
        for j in 0..t.nb {
            if scr.flag[j] != 0 {
                e.push((t.b0 + j, [scr.d[0][j], scr.d[1][j]]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use half::f16;

    use super::*;
    use crate::{
        element::FloatType,
        formats::{
            encode_e2m1fn_finite, encode_e4m3fn_finite, pow2, round_e2m1fn_finite,
            round_e4m3fn_finite,
        },
        quantize::{
            QScheme, QuantDType,
            kernel::{
                FpSseReducer, IntSseReducer, MinMax, SseReducer, reduce_blocks, sse_row_chunk,
            },
        },
        testutil::SplitMix64,
    };

    /// Layouts that tile: blocks down columns (row chunks of 16 and of 5 rows, several strips),
    /// along rows, both, and non-contiguous block rows.
    fn layouts() -> Vec<(Vec<usize>, Vec<usize>)> {
        vec![
            (vec![64, 1100], vec![32, 1]),
            (vec![64, 11008], vec![32, 1]),
            (vec![32, 4096], vec![32, 1]),
            (vec![40, 4096], vec![1, 32]),
            (vec![12, 4096], vec![1, 0]),
            (vec![64, 96], vec![8, 12]),
            (vec![4, 6, 10], vec![2, 3, 5]),
            (vec![96, 17], vec![3, 1]),
            (vec![24, 40], vec![1, 8]),
            (vec![256, 250], vec![0, 1]),
            (vec![16, 16384], vec![8, 2048]),
            (vec![8, 20000], vec![8, 16]),
        ]
    }

    fn weights(n: usize, seed: u64) -> Vec<f16> {
        let mut r = SplitMix64::new(seed);
        (0..n)
            .map(|i| {
                let s = if (i / 64) % 3 == 0 { 1.0 } else { 0.02 };
                f16::from_f64(r.normal() * s)
            })
            .collect()
    }

    fn probe<M: TileMethod>(
        w: &[f16],
        lay: &BlockLayout,
        inner: M,
        isa: Isa,
    ) -> Vec<(usize, [f64; 2])> {
        let g = TileGrid::new(lay, sse_row_chunk(lay)).expect("layout tiles");
        let errors = Mutex::new(Vec::new());
        quantize_tiles(
            w,
            lay,
            &g,
            &Probe {
                inner,
                errors: &errors,
            },
            isa,
        );
        let mut e = errors.into_inner().unwrap();
        e.sort_by_key(|p| p.0);
        e
    }

    fn same_bits(got: &[(usize, [f64; 2])], all: &[[f64; 2]], what: &str) {
        for &(b, e) in got {
            assert_eq!(
                [e[0].to_bits(), e[1].to_bits()],
                [all[b][0].to_bits(), all[b][1].to_bits()],
                "{what}: block {b}"
            );
        }
    }

    /// Every scored block's two squared errors equal the streaming reducers' bit for bit, for
    /// every method, the gathered-sweep and the one-by-one scoring paths, and both instruction
    /// sets.
    #[test]
    fn tile_errors_match_the_reducers_bit_for_bit() {
        let isas = [Isa::Generic, Isa::detect()];
        for (li, (shape, bs)) in layouts().into_iter().enumerate() {
            let lay = BlockLayout::new(&shape, &bs).unwrap();
            let w = weights(lay.num_elements(), 40 + li as u64);
            let mm = reduce_blocks(&w, &lay, &MinMax).0;
            for isa in isas {
                let tag = format!("{shape:?} {bs:?} {isa:?}");
                // Integers: uint4 asym (many blocks differ: sweep), int8 sym (few: one by one).
                for (dtype, scheme, sweep_div) in [
                    (QuantDType::UInt4, QScheme::Asymmetric, SWEEP_DIV),
                    (QuantDType::UInt4, QScheme::Asymmetric, 0),
                    (QuantDType::Int8, QScheme::Symmetric, SWEEP_DIV),
                    (QuantDType::Int8, QScheme::Symmetric, usize::MAX),
                    (QuantDType::Int4, QScheme::Asymmetric, 0),
                ] {
                    let rule = IntRule::new(dtype, scheme, FloatType::F16, FloatType::F16).unwrap();
                    let m = IntTile {
                        rule,
                        mask: 0xFF,
                        sweep_div,
                    };
                    let got = probe(&w, &lay, m, isa);
                    let (s0, z0): (Vec<f32>, Vec<i32>) =
                        mm.iter().map(|m| rule.ours(m[0], m[1])).unzip();
                    let (s1, z1): (Vec<f32>, Vec<i32>) =
                        mm.iter().map(|m| rule.reference_f16(m[0], m[1])).unzip();
                    let differ = (0..mm.len()).filter(|&b| s0[b] != s1[b] || z0[b] != z1[b]);
                    assert!(
                        got.iter().map(|p| p.0).eq(differ),
                        "{tag} {dtype}: scored set"
                    );
                    if scheme == QScheme::Asymmetric {
                        assert!(!got.is_empty(), "{tag} {dtype}: nothing scored");
                    }
                    let r = IntSseReducer {
                        s: [&s0, &s1],
                        zp: [&z0, &z1],
                        qmin: rule.qmin as f32,
                        qmax: rule.qmax as f32,
                    };
                    same_bits(
                        &got,
                        &reduce_blocks(&w, &lay, &r).0,
                        &format!("{tag} {dtype}"),
                    );
                }
                // FP8 with f16 scales: the reference scale rarely differs; score what does.
                let rule = FpRule {
                    fmax: 448.0,
                    ft: FloatType::F16,
                    out: FloatType::F16,
                };
                let mut got = Vec::new();
                for sweep_div in [0, usize::MAX] {
                    let m = FpTile {
                        rule,
                        sweep_div,
                        encode: encode_e4m3fn_finite,
                        round: round_e4m3fn_finite,
                    };
                    got.extend(probe(&w, &lay, m, isa));
                }
                let s0: Vec<f32> = mm.iter().map(|m| rule.ours(amax(m[0], m[1]))).collect();
                let s1: Vec<f32> = mm
                    .iter()
                    .zip(&s0)
                    .map(|(m, &o)| rule.reference_f16_or(amax(m[0], m[1]), o))
                    .collect();
                let r = FpSseReducer {
                    s: [&s0, &s1],
                    fmax: 448.0,
                    round: round_e4m3fn_finite,
                };
                same_bits(&got, &reduce_blocks(&w, &lay, &r).0, &format!("{tag} fp8"));
                // E8M0: every block with two candidates.
                for (fmax, fp4) in [(448.0f32, false), (6.0, true)] {
                    let got = if fp4 {
                        probe(
                            &w,
                            &lay,
                            E8m0Tile {
                                fmax,
                                limit: 65520.0,
                                encode: encode_e2m1fn_finite,
                                round: round_e2m1fn_finite,
                            },
                            isa,
                        )
                    } else {
                        probe(
                            &w,
                            &lay,
                            E8m0Tile {
                                fmax,
                                limit: 65520.0,
                                encode: encode_e4m3fn_finite,
                                round: round_e4m3fn_finite,
                            },
                            isa,
                        )
                    };
                    let (s0, s1): (Vec<f32>, Vec<f32>) = mm
                        .iter()
                        .map(|m| {
                            let (lo, hi) = super::super::e8m0::candidate_exponents(
                                amax(m[0], m[1]),
                                fmax,
                                FloatType::F16,
                            );
                            (pow2(lo), pow2(hi))
                        })
                        .unzip();
                    let two = (0..mm.len()).filter(|&b| s0[b] != s1[b]).count();
                    assert_eq!(got.len(), two, "{tag} e8m0 {fmax}: scored set");
                    assert!(two > 0);
                    let all = if fp4 {
                        reduce_blocks(
                            &w,
                            &lay,
                            &SseReducer {
                                s0: &s0,
                                s1: &s1,
                                fmax,
                                round: round_e2m1fn_finite,
                            },
                        )
                        .0
                    } else {
                        reduce_blocks(
                            &w,
                            &lay,
                            &SseReducer {
                                s0: &s0,
                                s1: &s1,
                                fmax,
                                round: round_e4m3fn_finite,
                            },
                        )
                        .0
                    };
                    same_bits(&got, &all, &format!("{tag} e8m0 {fmax}"));
                }
            }
        }
    }

    #[test]
    fn grid_choice() {
        let g = |shape: &[usize], bs: &[usize]| {
            let lay = BlockLayout::new(shape, bs).unwrap();
            TileGrid::new(&lay, sse_row_chunk(&lay)).map(|g| (g.r, g.w, g.strips, g.row_chunk))
        };
        assert_eq!(g(&[4096, 4096], &[32, 1]), Some((32, 512, 8, 16)));
        assert_eq!(g(&[4096, 11008], &[32, 1]), Some((32, 512, 22, 5)));
        assert_eq!(g(&[11008, 4096], &[1, 32]), Some((1, 4096, 1, 1)));
        // Per channel along rows: one canonical row of 4096-element blocks, 4 per tile.
        assert_eq!(g(&[11008, 4096], &[1, 0]), Some((1, 16384, 2752, 1)));
        // Per channel down the columns, per tensor and very long rows stream.
        assert_eq!(g(&[4096, 4096], &[0, 1]), None);
        assert_eq!(g(&[512, 512], &[0, 0]), None);
        assert_eq!(g(&[2, 20000], &[1, 0]), None);
    }
}
