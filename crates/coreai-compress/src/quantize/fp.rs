//! FP8/FP4 quantization with a float scale (spec D.2 with F.2, F.3): one method, with its tile,
//! column and streaming implementations side by side. The FP code map ([`codes`],
//! [`FpMapper`]) and the encoder selection ([`with_fp_encoder!`]) are shared with the E8M0
//! method (module `e8m0`), whose codes are FP codes too.
//!
//! Per block, [`FpRule::ours`] gives the scale; with f16 scales the reference's f16-arithmetic
//! scale is a second candidate, kept where its squared error is strictly lower. Codes are
//! `encode_RNE(clip(x / s, -fmax, fmax))`.

use super::{
    QuantDType,
    columns::{ColParams, ColumnMethod},
    params::FpRule,
    prims::{amax, clip},
    stream::{BlockMapper, BlockReducer, map_blocks, score_blocks},
    tiles::{Scratch, Tile, TileMethod, TileOut, block_sse_seq, column_sse2, gather_flagged, take},
};
use crate::{blocks::BlockLayout, element::Element};

/// Calls `$body` with `$enc` bound to the finite FP encoder of `$dtype` and `$round` to its
/// `decode ∘ encode` (function items, so the kernels are monomorphised and inlined).
macro_rules! with_fp_encoder {
    ($dtype:expr, |$enc:ident, $round:ident| $body:expr) => {
        match $dtype {
            $crate::quantize::QuantDType::Fp8E5M2 => {
                let $enc = $crate::formats::encode_e5m2_finite;
                let $round = $crate::formats::round_e5m2_finite;
                $body
            }
            $crate::quantize::QuantDType::Fp4E2M1fn => {
                let $enc = $crate::formats::encode_e2m1fn_finite;
                let $round = $crate::formats::round_e2m1fn_finite;
                $body
            }
            _ => {
                let $enc = $crate::formats::encode_e4m3fn_finite;
                let $round = $crate::formats::round_e4m3fn_finite;
                $body
            }
        }
    };
}
pub(crate) use with_fp_encoder;

// ---------------------------------------------------------------------------------------------
// Scalar primitives
// ---------------------------------------------------------------------------------------------

/// The FP code of `x` with the float scale `s`: `encode_RNE(clip(x / s, -fmax, fmax))` (a true
/// f32 division; `encode` takes finite, clipped values).
#[inline(always)]
fn fp_code(encode: &impl Fn(f32) -> u8, x: f32, s: f32, fmax: f32) -> u8 {
    encode(clip(x / s, fmax))
}

/// Squared error `(s · q − x)²` (f64) of `x` reconstructed with the float scale `s`, `round`
/// being `decode ∘ encode` of the code type.
#[inline(always)]
fn fp_sq(round: &impl Fn(f32) -> f32, x: f32, s: f32, fmax: f32) -> f64 {
    let d = f64::from(s * round(clip(x / s, fmax))) - f64::from(x);
    d * d
}

// ---------------------------------------------------------------------------------------------
// Tiles and columns
// ---------------------------------------------------------------------------------------------

/// FP8/FP4 quantization with a float scale (D.2, F.2, F.3) of tiles and tall columns. `E` encodes a clipped
/// value, `R` is `decode ∘ encode`.
pub(crate) struct FpKernel<E, R> {
    /// The scale rule.
    pub rule: FpRule,
    /// [`super::tiles::SWEEP_DIV`] (tests force either scoring path with 0 or `usize::MAX`).
    pub sweep_div: usize,
    /// Encoder of finite, clipped values.
    pub encode: E,
    /// `decode ∘ encode` of finite, clipped values.
    pub round: R,
}

impl<E, R> FpKernel<E, R>
where
    E: Fn(f32) -> u8 + Sync,
    R: Fn(f32) -> f32 + Sync,
{
    /// Squared error of `x` reconstructed with the float scale `s`.
    #[inline(always)]
    pub(crate) fn sq(&self, x: f32, s: f32) -> f64 {
        fp_sq(&self.round, x, s, self.rule.fmax)
    }
}

impl<E, R> TileMethod for FpKernel<E, R>
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
                    o[c] = fp_code(&self.encode, xr[c], s[c], fmax);
                }
            } else {
                for (j, (xs, os)) in xr
                    .chunks_exact(t.lb)
                    .zip(o.chunks_exact_mut(t.lb))
                    .enumerate()
                {
                    let sj = s[j];
                    for (oc, &xc) in os.iter_mut().zip(xs) {
                        *oc = fp_code(&self.encode, xc, sj, fmax);
                    }
                }
            }
        }
        out.scale.copy_from_slice(s);
        out.zp.fill(0);
    }
}

impl<E, R> ColumnMethod for FpKernel<E, R>
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
            out[c] = fp_code(&self.encode, xr[c], s[c], fmax);
        }
    }

    fn emit(&self, p: &ColParams, scale: &mut [f32], zp: &mut [i32]) {
        scale.copy_from_slice(&p.f[0][..scale.len()]);
        zp.fill(0);
    }
}

// ---------------------------------------------------------------------------------------------
// Streaming
// ---------------------------------------------------------------------------------------------

/// FP8/FP4 codes `encode_RNE(clip(x / s, -fmax, fmax))` from a per-block scale.
pub(crate) struct FpMapper<'a, E: Fn(f32) -> u8 + Sync> {
    pub scale: &'a [f32],
    pub fmax: f32,
    pub encode: E,
}

impl<E: Fn(f32) -> u8 + Sync> BlockMapper for FpMapper<'_, E> {
    #[inline(always)]
    fn segment(&self, blk: usize, vals: &[f32], out: &mut [u8]) {
        let s = self.scale[blk];
        for (o, &x) in out.iter_mut().zip(vals) {
            *o = fp_code(&self.encode, x, s, self.fmax);
        }
    }

    #[inline(always)]
    fn columns(&self, blk0: usize, vals: &[f32], out: &mut [u8]) {
        let s = &self.scale[blk0..blk0 + vals.len()];
        for ((o, &x), &s) in out.iter_mut().zip(vals).zip(s) {
            *o = fp_code(&self.encode, x, s, self.fmax);
        }
    }
}

/// Block squared errors of two float scales per block for FP8/FP4 codes (RNE of `x/s`,
/// clipped to ±fmax), like `e8m0::E8m0SseReducer` but for arbitrary (non power-of-two) scales.
pub(crate) struct FpSseReducer<'a, R: Fn(f32) -> f32 + Sync> {
    pub s: [&'a [f32]; 2],
    pub fmax: f32,
    pub round: R,
}

impl<R: Fn(f32) -> f32 + Sync> FpSseReducer<'_, R> {
    #[inline(always)]
    fn sq(&self, k: usize, blk: usize, x: f32) -> f64 {
        let s = self.s[k][blk];
        fp_sq(&self.round, x, s, self.fmax)
    }
}

impl<R: Fn(f32) -> f32 + Sync> BlockReducer for FpSseReducer<'_, R> {
    type Acc = [f64; 2];

    fn identity(&self) -> [f64; 2] {
        [0.0; 2]
    }

    fn segment(&self, blk: usize, vals: &[f32], acc: &mut [f64; 2]) -> bool {
        for &x in vals {
            acc[0] += self.sq(0, blk, x);
            acc[1] += self.sq(1, blk, x);
        }
        false
    }

    fn columns(&self, blk0: usize, vals: &[f32], accs: &mut [[f64; 2]]) -> bool {
        for (j, (acc, &x)) in accs.iter_mut().zip(vals).enumerate() {
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

/// FP8/FP4 codes for per-block scales.
pub(super) fn codes<T: Element>(
    w: &[T],
    lay: &BlockLayout,
    scale: &[f32],
    dtype: QuantDType,
) -> Vec<u8> {
    let fmax = dtype.fmax().unwrap_or(1.0);
    with_fp_encoder!(dtype, |encode, _round| map_blocks(
        w,
        lay,
        &FpMapper {
            scale,
            fmax,
            encode
        }
    ))
}

/// Codes and scales of the FP method by the streaming driver, from the per-block `[min, max]`.
pub(super) fn streaming<T: Element>(
    w: &[T],
    lay: &BlockLayout,
    dtype: QuantDType,
    rule: FpRule,
    minmax: &[[f32; 2]],
) -> (Vec<u8>, Vec<f32>, Vec<i32>) {
    let nb = lay.num_blocks();
    let mut scale: Vec<f32> = minmax.iter().map(|m| rule.ours(amax(m[0], m[1]))).collect();
    if rule.compares_reference() {
        let theirs: Vec<f32> = minmax
            .iter()
            .zip(&scale)
            .map(|(m, &o)| rule.reference_f16_or(amax(m[0], m[1]), o))
            .collect();
        // Only blocks whose two scales differ can change.
        let differ: Vec<usize> = (0..nb).filter(|&b| theirs[b] != scale[b]).collect();
        if !differ.is_empty() {
            let sse = with_fp_encoder!(dtype, |_encode, round| score_blocks(
                w,
                lay,
                &FpSseReducer {
                    s: [&scale, &theirs],
                    fmax: rule.fmax,
                    round
                },
                &differ
            ));
            for (b, e) in sse {
                if e[1] < e[0] {
                    scale[b] = theirs[b];
                }
            }
        }
    }
    (codes(w, lay, &scale, dtype), scale, vec![0; nb])
}
