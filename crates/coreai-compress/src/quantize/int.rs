//! Integer quantization (spec D.1 with F.3): one method, with its tile, column and streaming
//! implementations side by side so that they can be read (and kept) alike.
//!
//! Per block, [`IntRule::ours`] gives a scale and zero point; with f16 scales the reference's
//! f16-arithmetic parameters ([`IntRule::reference_f16`]) are a second candidate, kept where
//! its squared error `Σ (s·q − w)²` (f64, the driver's fixed order) is strictly lower. Codes
//! are [`int_code`].
//!
//! - [`IntKernel`] as a [`TileMethod`]: everything for one tile in cache; the second candidate
//!   is scored block by block, or for column tiles with many differing blocks in one
//!   vectorized sweep over the gathered columns.
//! - [`IntKernel`] as a [`ColumnMethod`]: blocks of one tall column.
//! - [`streaming`]: the two-pass form ([`IntMapper`], [`IntSseReducer`]) for the other
//!   layouts.

use super::{
    columns::{ColParams, ColumnMethod},
    params::IntRule,
    prims::{MAGIC, MAGIC_BITS},
    stream::{BlockMapper, BlockReducer, map_blocks, score_blocks},
    tiles::{Scratch, Tile, TileMethod, TileOut, block_sse_seq, column_sse2, gather_flagged, take},
};
use crate::{blocks::BlockLayout, element::Element};

// ---------------------------------------------------------------------------------------------
// Scalar primitives
// ---------------------------------------------------------------------------------------------

/// `clip(x / s, lo, hi)`: a true f32 division, so codes equal the formula bit for bit.
#[inline(always)]
fn int_clip(x: f32, s: f32, lo: f32, hi: f32) -> f32 {
    let v = x / s;
    let v = if v < lo { lo } else { v };
    if v > hi { hi } else { v }
}

/// `round_half_even(clip(x / s, lo, hi))` as f32 (exact after the clip, see [`MAGIC`]).
#[inline(always)]
fn int_q(x: f32, s: f32, lo: f32, hi: f32) -> f32 {
    (int_clip(x, s, lo, hi) + MAGIC) - MAGIC
}

/// Integer code `clip(round(x / s) + zp, qmin, qmax)` as the low byte of its two's complement
/// (`lo = qmin - zp`, `hi = qmax - zp`: clipping before rounding is the same, the bounds being
/// integers; the rounded integer is read off the low mantissa bits).
#[inline(always)]
pub(crate) fn int_code(x: f32, s: f32, lo: f32, hi: f32, zp: i32) -> u8 {
    let k = ((int_clip(x, s, lo, hi) + MAGIC).to_bits() as i32).wrapping_sub(MAGIC_BITS);
    k.wrapping_add(zp) as u8
}

/// Squared error of the integer reconstruction `s · q` of `x`.
#[inline(always)]
pub(crate) fn int_sq(x: f32, s: f32, lo: f32, hi: f32) -> f64 {
    let d = f64::from(s * int_q(x, s, lo, hi)) - f64::from(x);
    d * d
}

// ---------------------------------------------------------------------------------------------
// Tiles and columns
// ---------------------------------------------------------------------------------------------

/// Integer quantization (D.1, F.3) of tiles and tall columns.
pub(crate) struct IntKernel {
    /// The parameter rule.
    pub rule: IntRule,
    /// Mask of the code bits.
    pub mask: u8,
    /// [`super::tiles::SWEEP_DIV`] (tests force either scoring path with 0 or `usize::MAX`).
    pub sweep_div: usize,
}

impl TileMethod for IntKernel {
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

impl ColumnMethod for IntKernel {
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

// ---------------------------------------------------------------------------------------------
// Streaming
// ---------------------------------------------------------------------------------------------

/// Integer codes from per-block scale and zero point.
pub(crate) struct IntMapper<'a> {
    pub scale: &'a [f32],
    pub lo: &'a [f32],
    pub hi: &'a [f32],
    pub zp: &'a [i32],
    pub mask: u8,
}

impl BlockMapper for IntMapper<'_> {
    #[inline(always)]
    fn segment(&self, blk: usize, vals: &[f32], out: &mut [u8]) {
        let (s, lo, hi, zp, mask) = (
            self.scale[blk],
            self.lo[blk],
            self.hi[blk],
            self.zp[blk],
            self.mask,
        );
        for (o, &x) in out.iter_mut().zip(vals) {
            *o = int_code(x, s, lo, hi, zp) & mask;
        }
    }

    #[inline(always)]
    fn columns(&self, blk0: usize, vals: &[f32], out: &mut [u8]) {
        let n = vals.len();
        let (s, lo, hi, zp) = (
            &self.scale[blk0..blk0 + n],
            &self.lo[blk0..blk0 + n],
            &self.hi[blk0..blk0 + n],
            &self.zp[blk0..blk0 + n],
        );
        for j in 0..n.min(out.len()) {
            out[j] = int_code(vals[j], s[j], lo[j], hi[j], zp[j]) & self.mask;
        }
    }
}

/// Block squared errors of two integer parameter sets `(scale, zero point)` per block: for
/// each, `Σ (s·(clip(round(x/s) + zp, qmin, qmax) − zp) − x)²` in f64, element order within
/// the block. Used to keep whichever of our and the reference's parameters reconstructs a
/// block better (spec F.3: "no worse than the reference").
pub(crate) struct IntSseReducer<'a> {
    pub s: [&'a [f32]; 2],
    pub zp: [&'a [i32]; 2],
    pub qmin: f32,
    pub qmax: f32,
}

impl IntSseReducer<'_> {
    /// The squared error of `x` with parameter set `k` of block `blk`: [`int_sq`] with
    /// `lo = qmin - z` and `hi = qmax - z` (`clip(round(x/s) + z, qmin, qmax) - z` equals
    /// `round(clip(x/s, qmin - z, qmax - z))`, the bounds being integers).
    #[inline(always)]
    fn sq(&self, k: usize, blk: usize, x: f32) -> f64 {
        let s = self.s[k][blk];
        let z = self.zp[k][blk] as f32;
        int_sq(x, s, self.qmin - z, self.qmax - z)
    }

    /// Both parameter sets of block `blk` are equal, so are its two errors: the block is
    /// skipped (left at 0, 0), which leaves the caller's choice (strictly lower error wins)
    /// unchanged.
    #[inline(always)]
    fn same(&self, blk: usize) -> bool {
        self.s[0][blk] == self.s[1][blk] && self.zp[0][blk] == self.zp[1][blk]
    }
}

impl BlockReducer for IntSseReducer<'_> {
    type Acc = [f64; 2];

    fn identity(&self) -> [f64; 2] {
        [0.0; 2]
    }

    fn segment(&self, blk: usize, vals: &[f32], acc: &mut [f64; 2]) -> bool {
        if self.same(blk) {
            return false;
        }
        for &x in vals {
            acc[0] += self.sq(0, blk, x);
            acc[1] += self.sq(1, blk, x);
        }
        false
    }

    fn columns(&self, blk0: usize, vals: &[f32], accs: &mut [[f64; 2]]) -> bool {
        for (j, (acc, &x)) in accs.iter_mut().zip(vals).enumerate() {
            if self.same(blk0 + j) {
                continue;
            }
            acc[0] += self.sq(0, blk0 + j, x);
            acc[1] += self.sq(1, blk0 + j, x);
        }
        false
    }

    fn merge(&self, into: &mut [f64; 2], from: &[f64; 2]) {
        into[0] += from[0];
        into[1] += from[1];
    }
}

/// Codes, scales and zero points of the integer method by the streaming driver, from the
/// per-block `[min, max]`.
pub(super) fn streaming<T: Element>(
    w: &[T],
    lay: &BlockLayout,
    rule: IntRule,
    mask: u8,
    minmax: &[[f32; 2]],
) -> (Vec<u8>, Vec<f32>, Vec<i32>) {
    let nb = lay.num_blocks();
    let (mut scale, mut zp): (Vec<f32>, Vec<i32>) =
        minmax.iter().map(|m| rule.ours(m[0], m[1])).unzip();
    if rule.compares_reference() {
        // Keep the reference's f16-arithmetic parameters for the blocks where they
        // reconstruct better (F.3: never worse than the reference). Only blocks whose
        // two parameter sets differ can change: elsewhere both errors are the same sum.
        let (ref_scale, ref_zp): (Vec<f32>, Vec<i32>) = minmax
            .iter()
            .map(|m| rule.reference_f16(m[0], m[1]))
            .unzip();
        let differ: Vec<usize> = (0..nb)
            .filter(|&b| ref_scale[b] != scale[b] || ref_zp[b] != zp[b])
            .collect();
        if !differ.is_empty() {
            let r = IntSseReducer {
                s: [&scale, &ref_scale],
                zp: [&zp, &ref_zp],
                qmin: rule.qmin as f32,
                qmax: rule.qmax as f32,
            };
            for (b, e) in score_blocks(w, lay, &r, &differ) {
                if e[1] < e[0] {
                    scale[b] = ref_scale[b];
                    zp[b] = ref_zp[b];
                }
            }
        }
    }
    let lo: Vec<f32> = zp.iter().map(|&z| (rule.qmin - z) as f32).collect();
    let hi: Vec<f32> = zp.iter().map(|&z| (rule.qmax - z) as f32).collect();
    let codes = map_blocks(
        w,
        lay,
        &IntMapper {
            scale: &scale,
            lo: &lo,
            hi: &hi,
            zp: &zp,
            mask,
        },
    );
    (codes, scale, zp)
}
