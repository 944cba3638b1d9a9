//! The tile driver: fused per-tile quantization for blocks small enough to sit in cache (per
//! block 32 along either axis, per channel along rows up to [`TILE_ELEMS`] elements).
//!
//! A **tile** is one block row of the canonical `rows × L` layout ([`BlockLayout`]) cut to a
//! strip of whole blocks (`R` rows × `W` columns, `R·W <= TILE_ELEMS`). Each tile is read from
//! memory once, widened into an f32 scratch, and then everything happens in cache: the per-block
//! min/max (here), then the method's [`TileMethod::run`]: the parameters of every block, the
//! scoring of the blocks that have two candidate parameter sets, and the codes, which are
//! written straight to the output rows. The methods live in the `int`, `fp` and
//! `e8m0` modules; this module holds the driver and the helpers they share.
//!
//! # Same results as the streaming driver
//! The output is bit-identical to the two-pass formulation of [`super::stream`] (which the
//! layouts that do not tile still use):
//! - min/max are exact, so their order does not matter (for `±0` see [`super::params`]);
//! - the parameters come from the same `IntRule`/`FpRule`/E8M0 arithmetic;
//! - a block's squared error is summed in exactly the order of
//!   [`super::stream::reduce_blocks`]: the rows of the block row are cut into chunks of
//!   `row_chunk` rows (the reduction's fixed task grid); within a chunk, rows ascending and each
//!   row's piece of the block element by element (E8M0 pieces: four fixed lanes, as
//!   `E8m0SseReducer::segment`); the chunk sums are added in chunk order;
//! - a block is scored only when its candidates differ; elsewhere both errors are the same sum
//!   and the first candidate is kept either way;
//! - codes use the same formulas (`x · (1/s)` for power-of-two `s` is `x / s` exactly).
//!
//! Tiles write disjoint parts of the outputs and share nothing, so the result does not depend on
//! the thread count or schedule.
//!
//! # Vectorization
//! The loops are written over SoA per-block arrays with selects and bit operations only. The
//! whole tile body, method included, is compiled a second time for the `avx2` level of
//! [`crate::arch`] and chosen at run time by the [`Isa`] passed in; other targets use the
//! baseline build of the same code.

use std::{
    cell::RefCell,
    sync::atomic::{AtomicBool, Ordering},
};

use rayon::prelude::*;

use super::prims::non_finite;
use crate::{
    arch::{Isa, dispatch},
    blocks::BlockLayout,
    element::Element,
    load::load_f32_at,
};

/// Elements per tile (`R · W`): 64 KiB of f32 scratch, which stays in L2 while the tile is
/// processed. At most `stream::TASK_COLS`, so a block is never cut by the reduction's column
/// chunks.
pub(crate) const TILE_ELEMS: usize = 1 << 14;
/// Narrowest strip worth tiling (narrower strips read too little of each row); layouts that
/// would need one use the streaming passes.
const MIN_STRIP: usize = 32;
/// Below `nb / SWEEP_DIV` differing blocks in a column tile, they are scored one by one;
/// otherwise they are gathered and scored in one vectorized sweep.
pub(crate) const SWEEP_DIV: usize = 64;

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
    pub(crate) fn row(&self, k: usize) -> &[f32] {
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

// SAFETY: an `OutPtr` holds the addresses of `quantize_tiles`' output buffers, which outlive
// its parallel loop; every task writes through it only to its own tile's code rows, scales and
// zero points (disjoint ranges, see `TileOut::row` and `tile_body`), and nothing reads the
// buffers until the loop is over, so moving it to another thread races with nothing.
unsafe impl Send for OutPtr {}
// SAFETY: shared between the tasks for the same reason: the ranges they write are disjoint.
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
        // SAFETY: a `TileOut` is only built by `tile_body`, with `rows[k] = row * L + c0` and
        // `cw <= L - c0` for rows of the layout, so `rows[k] .. rows[k] + cw` (`rows[k]` is
        // bounds-checked) lies inside the codes buffer of `quantize_tiles`, which outlives the
        // tile. Those codes belong to this tile only (rows of distinct block rows differ,
        // strips are disjoint), and `&mut self` keeps at most one row borrowed at a time.
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
            Ok(mut scr) => tile(isa, w, lay, g, m, t, &mut scr, ptr),
            Err(_) => tile(isa, w, lay, g, m, t, &mut Scratch::default(), ptr),
        });
        if any_bad {
            bad.store(true, Ordering::Relaxed);
        }
    });
    (codes, scale, zp, bad.load(Ordering::Relaxed))
}

dispatch! {
    /// [`tile_body`] compiled for `isa`.
    fn tile<T: Element, M: TileMethod>(
        w: &[T],
        lay: &BlockLayout,
        g: &TileGrid,
        m: &M,
        t: usize,
        scr: &mut Scratch,
        ptr: OutPtr,
    ) -> bool = tile_body for [avx2]
}

/// Loads tile `t`, reduces its per-block min/max and hands it to the method.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn tile_body<T: Element, M: TileMethod>(
    isa: Isa,
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
        load_f32_at(isa, &w[rows[k]..rows[k] + cw], xr);
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
    // SAFETY: `ptr.scale` and `ptr.zp` point to `lay.num_blocks()` values that outlive this
    // call, and blocks `b0 .. b0 + nb` (block row `brow`, the strip's `nb` whole blocks) lie
    // inside them and belong to this tile alone, so no other reference to them exists while
    // these slices live.
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
pub(crate) fn block_sse_seq(
    t: &Tile,
    c0: usize,
    c1: usize,
    f: impl Fn(f32) -> [f64; 2],
) -> [f64; 2] {
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

/// Two squared errors per column of `r` rows of `n` columns (`x`, row-major): `f(c, x)` gives
/// the two errors of `x` in column `c`. Sums in the reduction's order: per chunk of `row_chunk`
/// rows into `l0`/`l1`, then into `a0`/`a1`.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(crate) fn column_sse2(
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
pub(crate) fn gather_flagged(
    t: &Tile,
    flag: &[u8],
    gx: &mut Vec<f32>,
    idx: &mut Vec<usize>,
) -> usize {
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
            e8m0::{E8m0Kernel, E8m0SseReducer, candidate_exponents},
            fp::{FpKernel, FpSseReducer},
            int::{IntKernel, IntSseReducer},
            params::{FpRule, IntRule},
            prims::amax,
            stream::{MinMax, reduce_blocks, sse_row_chunk},
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
    /// every method, the gathered-sweep and the one-by-one scoring paths, and every instruction
    /// set this CPU runs.
    #[test]
    fn tile_errors_match_the_reducers_bit_for_bit() {
        let isas = Isa::supported();
        for (li, (shape, bs)) in layouts().into_iter().enumerate() {
            let lay = BlockLayout::new(&shape, &bs).unwrap();
            let w = weights(lay.num_elements(), 40 + li as u64);
            let mm = reduce_blocks(&w, &lay, &MinMax).0;
            for &isa in &isas {
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
                    let m = IntKernel {
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
                    let m = FpKernel {
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
                            E8m0Kernel {
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
                            E8m0Kernel {
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
                            let (lo, hi) =
                                candidate_exponents(amax(m[0], m[1]), fmax, FloatType::F16);
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
                            &E8m0SseReducer {
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
                            &E8m0SseReducer {
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

    /// Runs `m` on every tile of `w` at every level this CPU runs and checks that the outputs
    /// (codes, scales, zero points, non-finite flag) equal the scalar path's bit for bit.
    fn same_on_every_isa<T: Element, M: TileMethod>(w: &[T], lay: &BlockLayout, m: &M, tag: &str) {
        let g = TileGrid::new(lay, sse_row_chunk(lay)).expect("layout tiles");
        let bits = |o: (Vec<u8>, Vec<f32>, Vec<i32>, bool)| {
            let s: Vec<u32> = o.1.iter().map(|x| x.to_bits()).collect();
            (o.0, s, o.2, o.3)
        };
        let want = bits(quantize_tiles(w, lay, &g, m, Isa::SCALAR));
        for isa in Isa::supported().into_iter().skip(1) {
            let got = bits(quantize_tiles(w, lay, &g, m, isa));
            if want.3 {
                // A non-finite weight: only the flag is meaningful.
                assert!(got.3, "{tag} {isa:?}: non-finite weight missed");
            } else {
                assert!(got == want, "{tag} {isa:?}: differs from the scalar path");
            }
        }
    }

    /// Every SIMD variant of the tile body (method included) gives the scalar path's output,
    /// for every method and scoring path, on f16, bf16 and f32 weights with zeros, signed
    /// zeros, subnormals and values at the top of f16, and flags a NaN or infinity the same way.
    #[test]
    fn tile_variants_match_the_scalar_path() {
        if Isa::supported().len() == 1 {
            crate::testutil::skip_note(
                "tile_variants_match_the_scalar_path",
                "this CPU runs no SIMD level of crate::arch; only the scalar path ran",
            );
        }
        let storages = [FloatType::F16, FloatType::BF16, FloatType::F32];
        for (li, (shape, bs)) in layouts().into_iter().enumerate() {
            let lay = BlockLayout::new(&shape, &bs).unwrap();
            let mut wh = weights(lay.num_elements(), 90 + li as u64);
            for (i, v) in wh.iter_mut().enumerate() {
                match i % 97 {
                    0 => *v = f16::from_f32(-0.0),
                    1 => *v = f16::from_bits(1),
                    2 => *v = f16::from_f32(65504.0),
                    _ if (i / 256) % 7 == 3 => *v = f16::from_f32(0.0),
                    _ => {}
                }
            }
            let wb: Vec<half::bf16> = wh
                .iter()
                .map(|x| half::bf16::from_f32(x.to_f32()))
                .collect();
            let wf: Vec<f32> = wh.iter().map(|x| x.to_f32()).collect();
            let mut bad = wh.clone();
            bad[lay.num_elements() / 2] = f16::INFINITY;
            let tag = format!("{shape:?} {bs:?}");
            for (dtype, scheme) in [
                (QuantDType::Int8, QScheme::Symmetric),
                (QuantDType::UInt8, QScheme::Symmetric),
                (QuantDType::Int4, QScheme::Asymmetric),
                (QuantDType::UInt4, QScheme::Asymmetric),
                (QuantDType::Int2, QScheme::Asymmetric),
            ] {
                for ft in storages {
                    for sweep_div in [SWEEP_DIV, 0, usize::MAX] {
                        let rule = IntRule::new(dtype, scheme, ft, FloatType::F16).unwrap();
                        let mask = if dtype.bits() == 8 {
                            0xFF
                        } else {
                            (1u8 << dtype.bits()) - 1
                        };
                        let m = IntKernel {
                            rule,
                            mask,
                            sweep_div,
                        };
                        let t = format!("{tag} {dtype} {scheme} {ft:?} sweep {sweep_div}");
                        same_on_every_isa(&wh, &lay, &m, &t);
                        same_on_every_isa(&wb, &lay, &m, &t);
                        same_on_every_isa(&wf, &lay, &m, &t);
                        same_on_every_isa(&bad, &lay, &m, &t);
                    }
                }
            }
            for dtype in [
                QuantDType::Fp8E4M3fn,
                QuantDType::Fp8E5M2,
                QuantDType::Fp4E2M1fn,
            ] {
                let fmax = dtype.fmax().unwrap();
                for ft in storages {
                    for sweep_div in [0, usize::MAX] {
                        let rule = FpRule {
                            fmax,
                            ft,
                            out: FloatType::F16,
                        };
                        let t = format!("{tag} {dtype} {ft:?} sweep {sweep_div}");
                        crate::quantize::fp::with_fp_encoder!(dtype, |encode, round| {
                            let m = FpKernel {
                                rule,
                                sweep_div,
                                encode,
                                round,
                            };
                            same_on_every_isa(&wh, &lay, &m, &t);
                            same_on_every_isa(&wb, &lay, &m, &t);
                            same_on_every_isa(&wf, &lay, &m, &t);
                            same_on_every_isa(&bad, &lay, &m, &t);
                        });
                    }
                }
                let t = format!("{tag} {dtype} e8m0");
                crate::quantize::fp::with_fp_encoder!(dtype, |encode, round| {
                    let m = E8m0Kernel {
                        fmax,
                        limit: 65520.0,
                        encode,
                        round,
                    };
                    same_on_every_isa(&wh, &lay, &m, &t);
                    same_on_every_isa(&wb, &lay, &m, &t);
                    same_on_every_isa(&wf, &lay, &m, &t);
                    same_on_every_isa(&bad, &lay, &m, &t);
                });
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
