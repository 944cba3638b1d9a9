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

    /// The smallest magnitude that rounds to infinity in this type (round to nearest even):
    /// the largest finite value plus half an ulp. 65520 for f16, about 3.3962e38 for bf16,
    /// `f32::MAX + 2^103` for f32. A product of an f32 scale and a code of at most 24 bits is
    /// exact in f64, so comparing it with this bound is exact.
    pub fn overflow_bound(self) -> f64 {
        match self {
            FloatType::F16 => 65520.0,
            FloatType::BF16 => f64::from(f32::from_bits(0x7F7F_8000)),
            FloatType::F32 => f64::from(f32::MAX) + 2f64.powi(103),
        }
    }

    /// Whether `v` (computed exactly, e.g. a decoded weight) stays finite once rounded to this
    /// type. f16 overflows from 65520 on, bf16 from about 3.3962e38.
    pub fn holds(self, v: f64) -> bool {
        v.abs() < self.overflow_bound()
    }

    /// The largest value of this type below the positive value `v` (a value of this type, or
    /// +inf, which gives the largest finite value); 0 stays 0.
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

    /// `scale` rounded to this type; where `scale * max_code` would then decode to infinity in
    /// `output`, the largest value of this type that keeps it finite instead. A scale that
    /// rounds up can otherwise turn the largest code into infinity (e.g. 448 x 146.25 = 65520
    /// in f16), and so can an asymmetric grid whose top code lies above the block's maximum.
    pub fn fit_scale(self, scale: f32, max_code: f32, output: FloatType) -> f32 {
        let s = self.round_f32(scale);
        if s <= 0.0 || output.holds(f64::from(s) * f64::from(max_code)) {
            return s;
        }
        // The bound over the code, rounded to this type, then stepped down: at most a few
        // steps, as each rounding moves it by at most half an ulp.
        let mut t = self.round_f32((output.overflow_bound() / f64::from(max_code)) as f32);
        while t > 0.0 && !output.holds(f64::from(t) * f64::from(max_code)) {
            t = self.next_below(t);
        }
        t.min(s)
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
        assert!(
            s < 146.25 && FloatType::F16.holds(f64::from(s) * 448.0),
            "{s}"
        );
        assert_eq!(FloatType::F16.fit_scale(0.5, 127.0, FloatType::F16), 0.5);
        assert!(!FloatType::F16.holds(65520.0) && FloatType::F16.holds(65519.0));
        assert!(!FloatType::F32.holds(3.5e38) && FloatType::BF16.holds(1e38));
        assert_eq!(
            FloatType::F32.next_below(1.0),
            f32::from_bits(1.0f32.to_bits() - 1)
        );
        // The bounds are exactly where rounding to the type gives infinity.
        for t in [FloatType::F16, FloatType::BF16, FloatType::F32] {
            let b = t.overflow_bound();
            // The next value below the bound (in f32 for f16 and bf16, whose bounds are f32
            // values; rounding f32 to them is exact in `half`).
            let below = match t {
                FloatType::F32 => f64::from_bits(b.to_bits() - 1),
                _ => f64::from(f32::from_bits((b as f32).to_bits() - 1)),
            };
            assert!(t.holds(below) && !t.holds(b) && !t.holds(-b), "{t:?}");
            let r = |v: f64| match t {
                FloatType::F32 => f64::from(v as f32),
                _ => f64::from(t.round_f32(v as f32)),
            };
            assert!(r(b).is_infinite() && r(below).is_finite(), "{t:?}");
        }
    }

    #[test]
    fn round_trips_and_rounding() {
        assert_eq!(FloatType::F16.round_f32(1.0 + 1.0 / 4096.0), 1.0); // tie to even
        assert_eq!(FloatType::BF16.round_f32(1.0 + 1.0 / 256.0), 1.0);
        assert_eq!(<f16 as Element>::from_f32(0.5).to_f32(), 0.5);
        assert_eq!(<bf16 as Element>::TYPE.size_bytes(), 2);
    }
}
