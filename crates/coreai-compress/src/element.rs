//! Weight element types: the floating-point types a `coreai.constant` weight can have.
//!
//! Kernels are generic over [`Element`] so that they read f16, bf16 and f32 weights in place,
//! without materialising an f32 copy of a whole tensor.

use half::{bf16, f16};

/// The floating-point storage type of a weight (the element type of the original constant).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FloatType {
    /// IEEE binary16 (`f16`).
    F16,
    /// bfloat16 (`bf16`).
    BF16,
    /// IEEE binary32 (`f32`).
    F32,
}

impl FloatType {
    /// Bytes per element.
    pub fn size_bytes(self) -> usize {
        match self {
            FloatType::F16 | FloatType::BF16 => 2,
            FloatType::F32 => 4,
        }
    }

    /// Whether `v` (computed exactly, e.g. a decoded weight) stays finite once rounded to this
    /// type. f16 overflows from 65520 on, bf16 from about 3.3962e38.
    pub fn holds(self, v: f64) -> bool {
        let f = v as f32;
        f.is_finite() && self.round_f32(f).is_finite()
    }

    /// The largest value of this type below the positive finite value `v` (itself a value of
    /// this type); 0 stays 0.
    pub fn next_below(self, v: f32) -> f32 {
        if v <= 0.0 {
            return v;
        }
        match self {
            FloatType::F16 => f16::from_bits(f16::from_f32(v).to_bits() - 1).to_f32(),
            FloatType::BF16 => bf16::from_bits(bf16::from_f32(v).to_bits() - 1).to_f32(),
            FloatType::F32 => f32::from_bits(v.to_bits() - 1),
        }
    }

    /// `scale` rounded to this type, then lowered one step at a time (at most a few) until
    /// `scale * max_code` decodes to a finite value of `output`. A scale that rounds up can
    /// otherwise turn the largest code into infinity (e.g. 448 x 146.25 = 65520 in f16).
    pub fn fit_scale(self, scale: f32, max_code: f32, output: FloatType) -> f32 {
        let mut s = self.round_f32(scale);
        for _ in 0..16 {
            if s <= 0.0 || output.holds(f64::from(s) * f64::from(max_code)) {
                break;
            }
            s = self.next_below(s);
        }
        s
    }

    /// Round an f32 to the nearest value representable in this type (round to nearest even),
    /// returned as f32.
    pub fn round_f32(self, v: f32) -> f32 {
        match self {
            FloatType::F16 => f16::from_f32(v).to_f32(),
            FloatType::BF16 => bf16::from_f32(v).to_f32(),
            FloatType::F32 => v,
        }
    }
}

/// A weight element: f16, bf16 or f32.
pub trait Element: Copy + Send + Sync + PartialEq + std::fmt::Debug + 'static {
    /// The matching [`FloatType`].
    const TYPE: FloatType;
    /// Exact widening to f32.
    fn to_f32(self) -> f32;
    /// Round-to-nearest-even narrowing from f32.
    fn from_f32(v: f32) -> Self;
}

impl Element for f32 {
    const TYPE: FloatType = FloatType::F32;
    #[inline]
    fn to_f32(self) -> f32 {
        self
    }
    #[inline]
    fn from_f32(v: f32) -> Self {
        v
    }
}

impl Element for f16 {
    const TYPE: FloatType = FloatType::F16;
    #[inline]
    fn to_f32(self) -> f32 {
        f16::to_f32(self)
    }
    #[inline]
    fn from_f32(v: f32) -> Self {
        f16::from_f32(v)
    }
}

impl Element for bf16 {
    const TYPE: FloatType = FloatType::BF16;
    #[inline]
    fn to_f32(self) -> f32 {
        bf16::to_f32(self)
    }
    #[inline]
    fn from_f32(v: f32) -> Self {
        bf16::from_f32(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_that_would_overflow_their_output_are_lowered() {
        // 131008 / 896 = 146.21 rounds up to 146.25 in f16, and 448 * 146.25 = 65520 is inf.
        let s = FloatType::F16.fit_scale(131008.0 / 896.0, 448.0, FloatType::F16);
        assert!(s < 146.25 && FloatType::F16.holds(f64::from(s) * 448.0), "{s}");
        assert_eq!(FloatType::F16.fit_scale(0.5, 127.0, FloatType::F16), 0.5);
        assert!(!FloatType::F16.holds(65520.0) && FloatType::F16.holds(65519.0));
        assert!(!FloatType::F32.holds(3.5e38) && FloatType::BF16.holds(1e38));
        assert_eq!(FloatType::F32.next_below(1.0), f32::from_bits(1.0f32.to_bits() - 1));
    }

    #[test]
    fn round_trips_and_rounding() {
        assert_eq!(FloatType::F16.round_f32(1.0 + 1.0 / 4096.0), 1.0); // tie to even
        assert_eq!(FloatType::BF16.round_f32(1.0 + 1.0 / 256.0), 1.0);
        assert_eq!(<f16 as Element>::from_f32(0.5).to_f32(), 0.5);
        assert_eq!(<bf16 as Element>::TYPE.size_bytes(), 2);
    }
}
