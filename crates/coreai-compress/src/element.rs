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
    fn round_trips_and_rounding() {
        assert_eq!(FloatType::F16.round_f32(1.0 + 1.0 / 4096.0), 1.0); // tie to even
        assert_eq!(FloatType::BF16.round_f32(1.0 + 1.0 / 256.0), 1.0);
        assert_eq!(<f16 as Element>::from_f32(0.5).to_f32(), 0.5);
        assert_eq!(<bf16 as Element>::TYPE.size_bytes(), 2);
    }
}
