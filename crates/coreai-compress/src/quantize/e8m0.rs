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
    element::Element,
    formats::{e8m0_from_f32, e8m0_to_f32, pow2},
};

/// The candidate exponents `(floor(log2 r), ceil(log2 r))` of `r = amax / fmax`, clamped to
/// `-127..=127`. `amax` must be positive and finite.
pub(crate) fn candidate_exponents(amax: f32, fmax: f32) -> (i32, i32) {
    let r = amax / fmax;
    // Widening makes f32 subnormals normal, so the exponent reads off the bits.
    let bits = f64::from(r).to_bits();
    let e = ((bits >> 52) & 0x7FF) as i32 - 1023;
    let exact = bits & ((1u64 << 52) - 1) == 0;
    let lo = e.clamp(-127, 127);
    let hi = if exact { e } else { e + 1 }.clamp(-127, 127);
    (lo, hi)
}

/// Chooses the E8M0 scale of every block (F.1) given the per-block `amax`.
pub(crate) fn choose_scales<T: Element>(
    w: &[T],
    lay: &BlockLayout,
    amax: &[f32],
    dtype: QuantDType,
) -> Vec<f32> {
    let fmax = dtype.fmax().unwrap_or(1.0);
    let (s0, s1): (Vec<f32>, Vec<f32>) = amax
        .iter()
        .map(|&m| {
            if m > 0.0 {
                let (lo, hi) = candidate_exponents(m, fmax);
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
        assert_eq!(candidate_exponents(6.0, 6.0), (0, 0));
        assert_eq!(candidate_exponents(5.0, 6.0), (-1, 0));
        assert_eq!(candidate_exponents(448.0 * 3.0, 448.0), (1, 2));
        assert_eq!(candidate_exponents(1e-40, 448.0), (-127, -127));
        assert_eq!(candidate_exponents(f32::MAX, 6.0), (125, 126));
    }
}
