//! Scalar primitives shared by every quantization method and driver, each defined once here.
//!
//! They are branch-free (selects and bit operations, no libm calls, no run-time CPU checks) so
//! that the loops calling them vectorize, and they are exact: each equals its formula bit for
//! bit, which is what keeps the tile, column and streaming paths byte-identical.

/// `1.5 * 2^23`: adding it to `|v| <= 2^22` rounds `v` to an integer (RNE) in the low mantissa
/// bits. This replaces `round_ties_even`, which is a libm call without SSE4.1.
pub(crate) const MAGIC: f32 = 12_582_912.0;
/// The bit pattern of [`MAGIC`].
pub(crate) const MAGIC_BITS: i32 = 0x4B40_0000;

/// `v` clipped to `[-fmax, fmax]` (NaN stays NaN; the kernels never pass one).
#[inline(always)]
pub(crate) fn clip(v: f32, fmax: f32) -> f32 {
    let v = if v < -fmax { -fmax } else { v };
    if v > fmax { fmax } else { v }
}

/// 1 if `x` is NaN or infinite (its exponent bits are all ones), else 0: a mask that ORs
/// across vector lanes, unlike `is_finite`'s `bool`.
#[inline(always)]
pub(crate) fn non_finite(x: f32) -> u32 {
    u32::from(x.to_bits() & 0x7F80_0000 == 0x7F80_0000)
}

/// `max(|mn|, |mx|)`.
#[inline(always)]
pub(crate) fn amax(mn: f32, mx: f32) -> f32 {
    let (a, b) = (mn.abs(), mx.abs());
    if b > a { b } else { a }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_rounding_is_rne() {
        for i in -2000..=2000 {
            let x = i as f32 * 0.25;
            let want = x.round_ties_even();
            let got = ((x + MAGIC).to_bits() as i32).wrapping_sub(MAGIC_BITS) as f32;
            assert_eq!(got, want, "{x}");
        }
    }

    #[test]
    fn clip_non_finite_and_amax() {
        assert_eq!(clip(500.0, 448.0), 448.0);
        assert_eq!(clip(-500.0, 448.0), -448.0);
        assert_eq!(clip(-3.5, 6.0), -3.5);
        assert!(clip(f32::NAN, 6.0).is_nan());
        for x in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY, -f32::NAN] {
            assert_eq!(non_finite(x), 1, "{x}");
        }
        for x in [0.0, -0.0, f32::MAX, f32::MIN, f32::MIN_POSITIVE, 1e-45] {
            assert_eq!(non_finite(x), 0, "{x}");
        }
        assert_eq!(amax(-3.0, 2.0), 3.0);
        assert_eq!(amax(-1.0, 2.0), 2.0);
    }
}
