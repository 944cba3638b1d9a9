//! 16-bit "group dtype" codes: the value domain that palettization clusters (spec D.4 steps 3-4).
//!
//! Every weight is converted to the group dtype (f16, or bf16 for bf16 weights, F.9) and, in
//! fast mode, rounded to `rounding_precision` decimals (F.4). The result is one of at most
//! 65,536 bit patterns, so clustering works on a histogram of patterns instead of on the
//! values themselves.
//!
//! A pattern is represented by its *key*: an order-preserving `u16` (sign-magnitude turned
//! into offset binary), so ascending keys are ascending values. `-0.0` is canonicalised to
//! `+0.0` before keying (they are the same value; numpy's `unique` merges them too), so key
//! `0x7FFF` never occurs.
//!
//! ## Invariants
//! - [`CodeMap::key_of_group_bits`] is a pure function of the group-dtype bit pattern: the
//!   rounding of step 4 depends on nothing else. That is what allows a 65,536-entry table.
//! - Non-finite patterns keep a non-finite key; callers detect them from the histogram and
//!   report an error instead of clustering them.

use half::{bf16, f16};

use crate::FloatType;

/// Number of distinct 16-bit patterns.
pub const N_CODES: usize = 1 << 16;

/// Order-preserving key of a sign-magnitude 16-bit float pattern.
#[inline]
pub fn key_of_bits(b: u16) -> u16 {
    if b & 0x8000 != 0 { !b } else { b | 0x8000 }
}

/// Inverse of [`key_of_bits`].
#[inline]
pub fn bits_of_key(k: u16) -> u16 {
    if k & 0x8000 != 0 { k & 0x7FFF } else { !k }
}

/// The group dtype of a weight type: bf16 for bf16 weights (bf16's exponent range exceeds
/// f16's), f16 otherwise (D.4 step 3).
pub fn group_type(weight: FloatType) -> FloatType {
    match weight {
        FloatType::BF16 => FloatType::BF16,
        FloatType::F16 | FloatType::F32 => FloatType::F16,
    }
}

/// Decode a group-dtype bit pattern to f32 (exact).
#[inline]
pub fn bits_to_f32(t: FloatType, b: u16) -> f32 {
    match t {
        FloatType::BF16 => bf16::from_bits(b).to_f32(),
        _ => f16::from_bits(b).to_f32(),
    }
}

/// Encode an f32 to the group dtype with round-to-nearest-even.
#[inline]
pub fn f32_to_bits(t: FloatType, v: f32) -> u16 {
    match t {
        FloatType::BF16 => bf16::from_f32(v).to_bits(),
        _ => f16::from_f32(v).to_bits(),
    }
}

/// Encode an f64 to the group dtype with a single round-to-nearest-even.
#[inline]
pub fn f64_to_bits(t: FloatType, v: f64) -> u16 {
    match t {
        FloatType::BF16 => bf16::from_f64(v).to_bits(),
        _ => f16::from_f64(v).to_bits(),
    }
}

/// Fast-mode rounding `round_half_even(v·10^p)/10^p` evaluated in f32 (F.4).
///
/// Where the scaled value has no fractional bits left (|v·10^p| ≥ 2^23) the rounding is the
/// identity and `v` is returned unchanged; that also avoids the overflow of `v·10^p` for large
/// bf16 values. A negative `p` rounds to tens, hundreds, ... as numpy does (divide, round,
/// multiply).
pub fn round_decimals_f32(v: f32, p: i32) -> f32 {
    if !v.is_finite() {
        return v;
    }
    const INTEGRAL: f32 = 8_388_608.0; // 2^23
    if p >= 0 {
        let s = 10f32.powi(p);
        let x = v * s;
        if !s.is_finite() || !x.is_finite() || x.abs() >= INTEGRAL {
            return v;
        }
        x.round_ties_even() / s
    } else {
        let f = 10f32.powi(-p);
        if !f.is_finite() {
            // Rounding to 10^39 or coarser maps every finite f32 to 0.
            return 0.0;
        }
        let x = v / f;
        if x.abs() >= INTEGRAL {
            return v;
        }
        let r = x.round_ties_even() * f;
        if r.is_finite() { r } else { v }
    }
}

/// The 65,536-entry map from a group-dtype bit pattern to the key of its clustered value.
pub struct CodeMap {
    /// The group dtype.
    pub ty: FloatType,
    map: Box<[u16; N_CODES]>,
}

impl CodeMap {
    /// Build the map for group dtype `ty`, with fast-mode rounding to `rounding` decimals if
    /// given.
    pub fn new(ty: FloatType, rounding: Option<i32>) -> Self {
        let map: Vec<u16> = (0..N_CODES)
            .map(|b| {
                let b = b as u16;
                let mut out = b;
                if let Some(p) = rounding {
                    let v = bits_to_f32(ty, b);
                    if v.is_finite() {
                        // A value whose rounding overflows the group type (65504 to thousands
                        // is 66000, inf in f16) stays unrounded: it is already the type's
                        // largest magnitude up to that rounding.
                        let r = f32_to_bits(ty, round_decimals_f32(v, p));
                        if bits_to_f32(ty, r).is_finite() {
                            out = r;
                        }
                    }
                }
                if out == 0x8000 {
                    out = 0;
                }
                key_of_bits(out)
            })
            .collect();
        let map = map
            .into_boxed_slice()
            .try_into()
            .expect("the map has exactly N_CODES entries");
        Self { ty, map }
    }

    /// Key of the clustered value of group-dtype pattern `b`.
    #[inline]
    pub fn key_of_group_bits(&self, b: u16) -> u16 {
        self.map[b as usize]
    }

    /// The value (as f32, exact) of a key.
    #[inline]
    pub fn value_of_key(&self, k: u16) -> f32 {
        bits_to_f32(self.ty, bits_of_key(k))
    }

    /// Whether a key denotes a finite value.
    #[inline]
    pub fn key_is_finite(&self, k: u16) -> bool {
        self.value_of_key(k).is_finite()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use half::f16;

    #[test]
    fn keys_are_order_preserving() {
        let mut finite: Vec<u16> = (0..=u16::MAX)
            .filter(|&b| f16::from_bits(b).is_finite() && b != 0x8000)
            .collect();
        finite.sort_by(|&a, &b| {
            f16::from_bits(a)
                .to_f32()
                .total_cmp(&f16::from_bits(b).to_f32())
        });
        let keys: Vec<u16> = finite.iter().map(|&b| key_of_bits(b)).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        for b in 0..=u16::MAX {
            assert_eq!(bits_of_key(key_of_bits(b)), b);
        }
    }

    #[test]
    fn rounding_matches_spec() {
        assert_eq!(round_decimals_f32(0.123_45, 4), 0.1234); // 1234.5 -> 1234 (half even)
        assert_eq!(round_decimals_f32(0.123_55, 4), 0.1236);
        assert_eq!(round_decimals_f32(1234.0, -2), 1200.0);
        assert_eq!(round_decimals_f32(60000.0, 4), 60000.0); // would overflow f16, not f32
        assert_eq!(round_decimals_f32(3.0e38, 4), 3.0e38); // identity, no overflow
        assert_eq!(round_decimals_f32(5.0, -40), 0.0);
        // Rounding that would overflow the group type keeps the value.
        let m = CodeMap::new(FloatType::F16, Some(-3));
        let top = f16::from_f32(65504.0).to_bits();
        assert_eq!(m.map[top as usize], key_of_bits(top));
        assert_eq!(m.map[(top | 0x8000) as usize], key_of_bits(top | 0x8000));
        let v = f16::from_f32(1234.0).to_bits();
        assert_eq!(
            m.map[v as usize],
            key_of_bits(f16::from_f32(1000.0).to_bits())
        );
        let m = CodeMap::new(FloatType::F16, Some(4));
        let b = f16::from_f32(-0.00004).to_bits();
        assert_eq!(m.value_of_key(m.key_of_group_bits(b)), 0.0);
        assert_eq!(m.key_of_group_bits(b), key_of_bits(0)); // -0.0 canonicalised to +0.0
        let big = f16::from_f32(65504.0).to_bits();
        assert_eq!(m.value_of_key(m.key_of_group_bits(big)), 65504.0);
        assert!(!m.key_is_finite(m.key_of_group_bits(f16::INFINITY.to_bits())));
        assert!(!m.key_is_finite(m.key_of_group_bits(f16::NAN.to_bits())));
    }
}
