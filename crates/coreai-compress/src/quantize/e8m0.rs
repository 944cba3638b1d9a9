//! FP8/FP4 with E8M0 (power-of-two) scales for MX formats: this project's choice (F.1), with
//! its tile and streaming implementations side by side (there is no column implementation:
//! tall one-column blocks stream), and the reference's behaviour for comparisons.
//!
//! # Choice (F.1)
//! Per block, `r = amax / fmax` in f32. The candidates are `2^floor(log2 r)` and
//! `2^ceil(log2 r)` (one candidate if `r` is a power of two), clamped to E8M0's range
//! `2^-127 ..= 2^127`. For each candidate `s` the codes are `q = cast_RNE(clip(w/s, ±fmax))`
//! (for a fixed `s` these are the element-wise optimal codes) and the block error is
//! `Σ (s·q − w)²`, accumulated in f64 in row-major order within the block. The candidate with
//! the lower error is stored, with exactly the codes it was scored with.
//! - **Ties**: on exactly equal errors the **smaller exponent** wins (finer resolution; the
//!   larger one gains nothing).
//! - **All-zero blocks** (`amax == 0`): the scale is **1.0** (code 127) and every code encodes
//!   zero (`0x00`, or the negative-zero code for a `-0.0` weight). 1.0 is representable in every
//!   float type a runtime might widen the scale to, unlike `2^±127`, which become 0 or inf in
//!   f16 and could turn `0 · scale` into NaN.
//!
//! # Reference
//! [`reference_e8m0`] reproduces coreai-opt 0.3.0 (spec D.2/D.3), computed in f32: codes use
//! the unrounded scale `(2·amax + 1e-6) / (2·fmax)`, while the stored scale is that value
//! rounded by ml_dtypes' rule ([`crate::formats::e8m0_from_f32`]). It exists so that tests can
//! show the F.1 choice is never worse per block.
//!
//! # Implementations
//! - [`E8m0Kernel`] as a [`TileMethod`]: both candidates are encoded and scored in one sweep
//!   over the tile, and the better block's codes are kept.
//! - [`streaming`]: [`choose_scales`] (one scoring reduction with [`E8m0SseReducer`]), then
//!   the FP code map of [`super::fp`].
//!
//! Both sum a block's squared error in the same order: within a row piece four fixed lanes
//! (element `i` in lane `i % 4`, the remainder in lane 0, combined as `(0 + 1) + (2 + 3)`),
//! pieces in the driver's order.

use super::{
    QuantDType, QuantizeError, Quantized, ScaleStorage, fp,
    fp::with_fp_encoder,
    prepare,
    prims::{amax, clip},
    stream::{BlockReducer, reduce_blocks},
    tiles::{Scratch, Tile, TileMethod, TileOut, take},
};
use crate::{
    blocks::BlockLayout,
    element::{Element, FloatType},
    formats::{e8m0_from_f32, e8m0_to_f32, pow2},
};

// ---------------------------------------------------------------------------------------------
// Candidates
// ---------------------------------------------------------------------------------------------

/// The candidate exponents `(floor(log2 r), ceil(log2 r))` of `r = amax / fmax`, clamped to
/// `-127..=127`; the upper one is dropped (`hi = lo`) where `fmax · 2^hi` would decode to
/// infinity in the output type `out`. `amax` must be positive and finite.
pub(crate) fn candidate_exponents(amax: f32, fmax: f32, out: FloatType) -> (i32, i32) {
    let r = amax / fmax;
    // Widening makes f32 subnormals normal, so the exponent reads off the bits.
    let bits = f64::from(r).to_bits();
    let e = ((bits >> 52) & 0x7FF) as i32 - 1023;
    let exact = bits & ((1u64 << 52) - 1) == 0;
    let lo = e.clamp(-127, 127);
    let hi = if exact { e } else { e + 1 }.clamp(-127, 127);
    let hi = if out.holds(f64::from(fmax) * 2f64.powi(hi)) {
        hi
    } else {
        lo
    };
    (lo, hi)
}

/// The candidate scales `(2^lo, 2^hi)` of [`candidate_exponents`] for `amax > 0`, and
/// `(1, 1)` for an all-zero block (or NaN), branch-free on the f32 bits of `r = amax / fmax` so
/// that loops over blocks vectorize. `limit` is the output type's
/// [`FloatType::overflow_bound`] as f32 (infinite for f32): the upper candidate is dropped
/// where `fmax · 2^hi` reaches it (the product is exact, or infinite on overflow).
#[inline(always)]
pub(crate) fn candidate_scales(amax: f32, fmax: f32, limit: f32) -> (f32, f32) {
    let r = amax / fmax;
    let b = r.to_bits() & 0x7FFF_FFFF;
    let ef = (b >> 23) as i32;
    let e = ef - 127;
    let exact = b & 0x007F_FFFF == 0;
    // Normal r: floor(log2 r) = e (at most 127 after the clamp; only inf exceeds it).
    let lo_n = if e > 127 { 127 } else { e };
    let hi_n = if exact { e } else { e + 1 };
    let hi_n = if hi_n > 127 { 127 } else { hi_n };
    // Subnormal r (< 2^-126): floor(log2 r) <= -127, so lo clamps to -127, and hi is -126
    // only for r in (2^-127, 2^-126).
    let sub = ef == 0;
    let lo = if sub { -127 } else { lo_n };
    let hi = if sub {
        if b > 0x0040_0000 { -126 } else { -127 }
    } else {
        hi_n
    };
    // 2^e for e in -127..=127 (2^-127 is the subnormal 0x0040_0000).
    let p = |e: i32| {
        if e >= -126 {
            f32::from_bits(((e + 127) as u32) << 23)
        } else {
            f32::from_bits(0x0040_0000)
        }
    };
    let (s0, s1) = (p(lo), p(hi));
    let s1 = if fmax * s1 < limit { s1 } else { s0 };
    if amax > 0.0 { (s0, s1) } else { (1.0, 1.0) }
}

// ---------------------------------------------------------------------------------------------
// Tiles
// ---------------------------------------------------------------------------------------------

/// FP8/FP4 with E8M0 scales (F.1) on tiles: both power-of-two candidates are scored and
/// encoded in one sweep over the tile, and the better block's codes are kept.
pub(crate) struct E8m0Kernel<E, R> {
    /// Largest finite value of the code type.
    pub fmax: f32,
    /// The output type's overflow bound as f32 (see [`candidate_scales`]).
    pub limit: f32,
    /// Encoder of finite, clipped values.
    pub encode: E,
    /// `decode ∘ encode` of finite, clipped values.
    pub round: R,
}

/// `Σ (r[i] − x[i])²` of one row piece in `E8m0SseReducer::segment`'s order: element `i` in lane
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

impl<E, R> TileMethod for E8m0Kernel<E, R>
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

// ---------------------------------------------------------------------------------------------
// Streaming
// ---------------------------------------------------------------------------------------------

/// Per-block squared errors `Σ (s·q − w)²` (f64) of two candidate scales per block.
/// `round` is `decode ∘ encode` of the FP type for clipped input (see
/// `formats::round_e4m3fn_finite`), so no table lookup blocks vectorization.
pub(crate) struct E8m0SseReducer<'a, R: Fn(f32) -> f32 + Sync> {
    pub s0: &'a [f32],
    pub s1: &'a [f32],
    pub fmax: f32,
    pub round: R,
}

impl<R: Fn(f32) -> f32 + Sync> E8m0SseReducer<'_, R> {
    /// Squared error of `x` for the power-of-two scale `s` with reciprocal `inv`: `x * inv` is
    /// exactly `x / s` because `1/s` is an exact power of two, and `s * grid value` is exact
    /// in f32 (down to 2^-149).
    #[inline(always)]
    fn sq(&self, s: f32, inv: f32, x: f32) -> f64 {
        let d = f64::from(s * (self.round)(clip(x * inv, self.fmax))) - f64::from(x);
        d * d
    }
}

impl<R: Fn(f32) -> f32 + Sync> BlockReducer for E8m0SseReducer<'_, R> {
    type Acc = [f64; 2];

    fn identity(&self) -> [f64; 2] {
        [0.0; 2]
    }

    #[inline(always)]
    fn segment(&self, blk: usize, vals: &[f32], acc: &mut [f64; 2]) -> bool {
        let (a, b) = (self.s0[blk], self.s1[blk]);
        let (ia, ib) = (1.0 / a, 1.0 / b);
        // Four fixed lanes (element j in lane j % 4, remainder in lane 0), combined in a fixed
        // order: vectorizable, and still independent of the thread count.
        let mut la = [0f64; 4];
        let mut lb = [0f64; 4];
        let chunks = vals.chunks_exact(4);
        let rem = chunks.remainder();
        for c in chunks {
            for j in 0..4 {
                la[j] += self.sq(a, ia, c[j]);
                lb[j] += self.sq(b, ib, c[j]);
            }
        }
        for &x in rem {
            la[0] += self.sq(a, ia, x);
            lb[0] += self.sq(b, ib, x);
        }
        acc[0] += (la[0] + la[1]) + (la[2] + la[3]);
        acc[1] += (lb[0] + lb[1]) + (lb[2] + lb[3]);
        false
    }

    #[inline(always)]
    fn columns(&self, blk0: usize, vals: &[f32], accs: &mut [[f64; 2]]) -> bool {
        let (s0, s1) = (&self.s0[blk0..], &self.s1[blk0..]);
        for (((acc, &x), &a), &b) in accs.iter_mut().zip(vals).zip(s0).zip(s1) {
            acc[0] += self.sq(a, 1.0 / a, x);
            acc[1] += self.sq(b, 1.0 / b, x);
        }
        false
    }

    fn merge(&self, into: &mut [f64; 2], from: &[f64; 2]) {
        into[0] += from[0];
        into[1] += from[1];
    }
}

/// Chooses the E8M0 scale of every block (F.1) given the per-block `amax`.
pub(crate) fn choose_scales<T: Element>(
    w: &[T],
    lay: &BlockLayout,
    amax: &[f32],
    dtype: QuantDType,
    out: FloatType,
) -> Vec<f32> {
    let fmax = dtype.fmax().unwrap_or(1.0);
    let (s0, s1): (Vec<f32>, Vec<f32>) = amax
        .iter()
        .map(|&m| {
            if m > 0.0 {
                let (lo, hi) = candidate_exponents(m, fmax, out);
                (pow2(lo), pow2(hi))
            } else {
                (1.0, 1.0)
            }
        })
        .unzip();
    if s0 == s1 {
        return s0;
    }
    let sse = with_fp_encoder!(dtype, |_encode, round| {
        let r = E8m0SseReducer {
            s0: &s0,
            s1: &s1,
            fmax,
            round,
        };
        reduce_blocks(w, lay, &r).0
    });
    s0.iter()
        .zip(&s1)
        .zip(&sse)
        .map(|((&a, &b), e)| if e[1] < e[0] { b } else { a })
        .collect()
}

/// Codes and scales of the E8M0 method by the streaming driver, from the per-block
/// `[min, max]`.
pub(super) fn streaming<T: Element>(
    w: &[T],
    lay: &BlockLayout,
    dtype: QuantDType,
    out: FloatType,
    minmax: &[[f32; 2]],
) -> (Vec<u8>, Vec<f32>, Vec<i32>) {
    let amaxes: Vec<f32> = minmax.iter().map(|m| amax(m[0], m[1])).collect();
    let scale = choose_scales(w, lay, &amaxes, dtype, out);
    (
        fp::codes(w, lay, &scale, dtype),
        scale,
        vec![0; lay.num_blocks()],
    )
}

// ---------------------------------------------------------------------------------------------
// The reference
// ---------------------------------------------------------------------------------------------

/// The reference's E8M0 quantization (coreai-opt 0.3.0, D.2/D.3; see the module docs): codes
/// from the unrounded scale, stored scale rounded to E8M0 afterwards. For comparisons only.
///
/// # Errors
/// As [`super::quantize`]; [`QuantizeError::E8M0ForInteger`] for an integer `dtype`.
pub fn reference_e8m0<T: Element>(
    w: &[T],
    shape: &[usize],
    block_sizes: &[usize],
    dtype: QuantDType,
) -> Result<Quantized, QuantizeError> {
    let fmax = dtype
        .fmax()
        .ok_or(QuantizeError::E8M0ForInteger { dtype })?;
    let (lay, minmax) = prepare(w, shape, block_sizes)?;
    let unrounded: Vec<f32> = minmax
        .iter()
        .map(|m| (2.0 * m[0].abs().max(m[1].abs()) + 1e-6) / (2.0 * fmax))
        .collect();
    let codes = fp::codes(w, &lay, &unrounded, dtype);
    let scale = unrounded
        .iter()
        .map(|&s| e8m0_to_f32(e8m0_from_f32(s)))
        .collect();
    Ok(Quantized {
        dtype,
        scale_storage: ScaleStorage::E8M0,
        shape: shape.to_vec(),
        scale_shape: lay.scale_shape().to_vec(),
        zero_point: vec![0; lay.num_blocks()],
        codes,
        scale,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates() {
        let f32t = FloatType::F32;
        assert_eq!(candidate_exponents(6.0, 6.0, f32t), (0, 0));
        assert_eq!(candidate_exponents(5.0, 6.0, f32t), (-1, 0));
        assert_eq!(candidate_exponents(448.0 * 3.0, 448.0, f32t), (1, 2));
        assert_eq!(candidate_exponents(1e-40, 448.0, f32t), (-127, -127));
        // 6 * 2^126 overflows f32: only the lower candidate remains.
        assert_eq!(candidate_exponents(f32::MAX, 6.0, f32t), (125, 125));
        // f16 65504 with FP8 E4M3: 448 * 2^8 = 114688 is inf in f16, 448 * 2^7 = 57344 is not.
        assert_eq!(candidate_exponents(65504.0, 448.0, FloatType::F16), (7, 7));
        assert_eq!(candidate_exponents(65504.0, 448.0, FloatType::BF16), (7, 8));
    }

    #[test]
    fn candidate_scales_match_the_exponents() {
        let check = |amax: f32| {
            for (fmax, out) in [448.0f32, 57344.0, 6.0]
                .into_iter()
                .flat_map(|f| [FloatType::F16, FloatType::BF16, FloatType::F32].map(|o| (f, o)))
            {
                let want = if amax > 0.0 {
                    let (lo, hi) = candidate_exponents(amax, fmax, out);
                    (pow2(lo), pow2(hi))
                } else {
                    (1.0, 1.0)
                };
                let got = candidate_scales(amax, fmax, out.overflow_bound() as f32);
                assert_eq!(
                    (got.0.to_bits(), got.1.to_bits()),
                    (want.0.to_bits(), want.1.to_bits()),
                    "amax {amax:e} ({:#x}) fmax {fmax}",
                    amax.to_bits()
                );
            }
        };
        // Every positive finite f32 with a stride, every power of two and its neighbours, the
        // subnormal range in full near 2^-127 * fmax, and zero.
        let mut b = 0u32;
        while b < 0x7F80_0000 {
            check(f32::from_bits(b));
            b += 4093;
        }
        for e in 0..255u32 {
            for d in [0u32, 1, 2, 0x3F_FFFF, 0x40_0000, 0x7F_FFFF] {
                for base in [e << 23, (e << 23).wrapping_sub(d)] {
                    let v = f32::from_bits(base.wrapping_add(d) & 0x7FFF_FFFF);
                    if v.is_finite() {
                        check(v);
                    }
                }
            }
        }
        for fmax in [448.0f32, 57344.0, 6.0] {
            // amax values whose ratio lands around 2^-127 and 2^-126.
            for k in -2000i32..2000 {
                let v = fmax * pow2(-127) * (1.0 + k as f32 / 4096.0);
                if v > 0.0 {
                    check(v);
                }
            }
        }
        check(0.0);
        check(f32::MAX);
    }
}
