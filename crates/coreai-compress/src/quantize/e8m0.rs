//! E8M0 (power-of-two) scales for MX FP8/FP4: this project's choice (F.1) and the reference's.
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

use super::{
    QuantDType, QuantizeError, Quantized, ScaleStorage,
    kernel::{SseReducer, reduce_blocks},
    prepare, with_fp_encoder,
};
use crate::{
    blocks::BlockLayout,
    element::{Element, FloatType},
    formats::{e8m0_from_f32, e8m0_to_f32, pow2},
};

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
        let r = SseReducer {
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
    let codes = super::fp_codes(w, &lay, &unrounded, dtype);
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
