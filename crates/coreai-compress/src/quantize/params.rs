//! Quantization parameters: data type, scheme, scale storage, and their validation.

use crate::{
    element::FloatType,
    formats::{E2M1FN_MAX, E4M3FN_MAX, E5M2_MAX, ElemType},
};

use super::QuantizeError;

/// A quantized weight data type (spec A.1, `DType` without the scale-only `fp8_e8m0fnu`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuantDType {
    /// `int2` → `si2`.
    Int2,
    /// `uint2` → `ui2`.
    UInt2,
    /// `int4` → `si4`.
    Int4,
    /// `uint4` → `ui4`.
    UInt4,
    /// `int8` → `si8`.
    Int8,
    /// `uint8` → `ui8`.
    UInt8,
    /// `fp4_e2m1fn` → `f4E2M1FN`.
    Fp4E2M1fn,
    /// `fp8_e4m3fn` → `f8E4M3FN`.
    Fp8E4M3fn,
    /// `fp8_e5m2` → `f8E5M2`.
    Fp8E5M2,
}

impl QuantDType {
    /// Every data type, in spec order.
    pub const ALL: [QuantDType; 9] = [
        QuantDType::Int2,
        QuantDType::UInt2,
        QuantDType::Int4,
        QuantDType::UInt4,
        QuantDType::Int8,
        QuantDType::UInt8,
        QuantDType::Fp4E2M1fn,
        QuantDType::Fp8E4M3fn,
        QuantDType::Fp8E5M2,
    ];

    /// The spec's name (`int4`, `fp8_e4m3fn`, ...).
    pub fn name(self) -> &'static str {
        match self {
            QuantDType::Int2 => "int2",
            QuantDType::UInt2 => "uint2",
            QuantDType::Int4 => "int4",
            QuantDType::UInt4 => "uint4",
            QuantDType::Int8 => "int8",
            QuantDType::UInt8 => "uint8",
            QuantDType::Fp4E2M1fn => "fp4_e2m1fn",
            QuantDType::Fp8E4M3fn => "fp8_e4m3fn",
            QuantDType::Fp8E5M2 => "fp8_e5m2",
        }
    }

    /// Parses a spec name; `None` for anything else (including `fp8_e8m0fnu`).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.name() == name)
    }

    /// The storage element type of the codes.
    pub fn elem_type(self) -> ElemType {
        match self {
            QuantDType::Fp4E2M1fn => ElemType::F4E2M1FN,
            QuantDType::Fp8E4M3fn => ElemType::F8E4M3FN,
            QuantDType::Fp8E5M2 => ElemType::F8E5M2,
            _ => ElemType::Int {
                bits: self.bits() as u8,
                signed: self.is_signed(),
            },
        }
    }

    /// Bits per code.
    pub fn bits(self) -> u32 {
        match self {
            QuantDType::Int2 | QuantDType::UInt2 => 2,
            QuantDType::Int4 | QuantDType::UInt4 | QuantDType::Fp4E2M1fn => 4,
            _ => 8,
        }
    }

    /// True for FP4/FP8.
    pub fn is_float(self) -> bool {
        matches!(
            self,
            QuantDType::Fp4E2M1fn | QuantDType::Fp8E4M3fn | QuantDType::Fp8E5M2
        )
    }

    /// True for the signed integer types and the floats.
    pub fn is_signed(self) -> bool {
        !matches!(
            self,
            QuantDType::UInt2 | QuantDType::UInt4 | QuantDType::UInt8
        )
    }

    /// Largest finite value of an FP type (448, 57344, 6), `None` for integers.
    pub fn fmax(self) -> Option<f32> {
        match self {
            QuantDType::Fp4E2M1fn => Some(E2M1FN_MAX),
            QuantDType::Fp8E4M3fn => Some(E4M3FN_MAX),
            QuantDType::Fp8E5M2 => Some(E5M2_MAX),
            _ => None,
        }
    }

    /// The integer range `[qmin, qmax]` for a scheme (spec D.1 table), `None` for FP types.
    pub fn int_range(self, scheme: QScheme) -> Option<(i32, i32)> {
        if self.is_float() {
            return None;
        }
        let n = self.bits();
        let (mut lo, mut hi) = if self.is_signed() {
            (-(1i32 << (n - 1)), (1i32 << (n - 1)) - 1)
        } else {
            (0, (1i32 << n) - 1)
        };
        if scheme == QScheme::Symmetric {
            if self.is_signed() {
                lo += 1;
            } else {
                hi -= 1;
            }
        }
        Some((lo, hi))
    }
}

impl std::fmt::Display for QuantDType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Quantization scheme (spec A.1 `QScheme`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum QScheme {
    /// Symmetric range around zero (the default).
    #[default]
    Symmetric,
    /// Asymmetric range with a zero point (integers only).
    Asymmetric,
}

impl QScheme {
    /// The spec's name (`symmetric`, `asymmetric`).
    pub fn name(self) -> &'static str {
        match self {
            QScheme::Symmetric => "symmetric",
            QScheme::Asymmetric => "asymmetric",
        }
    }

    /// Parses a spec name.
    pub fn from_name(name: &str) -> Option<Self> {
        [QScheme::Symmetric, QScheme::Asymmetric]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

impl std::fmt::Display for QScheme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How the per-block scale is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScaleStorage {
    /// A float type; the pass uses the weight's element type (`scale_dtype = None`).
    Float(FloatType),
    /// `f8E8M0FNU` power-of-two scales (MX formats; FP8 optional, FP4 always).
    E8M0,
}

impl ScaleStorage {
    /// The storage element type.
    pub fn elem_type(self) -> ElemType {
        match self {
            ScaleStorage::Float(FloatType::F16) => ElemType::F16,
            ScaleStorage::Float(FloatType::BF16) => ElemType::BF16,
            ScaleStorage::Float(FloatType::F32) => ElemType::F32,
            ScaleStorage::E8M0 => ElemType::F8E8M0FNU,
        }
    }
}

/// Validated parameters of [`super::quantize`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct QuantParams {
    /// The code data type.
    pub dtype: QuantDType,
    /// The scheme; FP types must be symmetric.
    pub scheme: QScheme,
    /// The scale storage type.
    pub scale: ScaleStorage,
}

impl QuantParams {
    /// Builds and validates parameters.
    ///
    /// # Errors
    /// [`QuantizeError::AsymmetricFloat`] for an asymmetric FP type and
    /// [`QuantizeError::E8M0ForInteger`] for E8M0 scales with an integer type.
    pub fn new(
        dtype: QuantDType,
        scheme: QScheme,
        scale: ScaleStorage,
    ) -> Result<Self, QuantizeError> {
        let p = QuantParams {
            dtype,
            scheme,
            scale,
        };
        p.validate()?;
        Ok(p)
    }

    /// Checks the combination (the fields are public, so [`super::quantize`] re-checks).
    ///
    /// The pass-level rules of spec A.2 that depend on granularity (FP4 needs per-block 32) or
    /// on `scale_dtype = None` (FP4 always uses E8M0) are the pass's to enforce; the kernel
    /// accepts any FP scale storage for FP4.
    ///
    /// # Errors
    /// As [`QuantParams::new`].
    pub fn validate(&self) -> Result<(), QuantizeError> {
        if self.dtype.is_float() && self.scheme != QScheme::Symmetric {
            return Err(QuantizeError::AsymmetricFloat { dtype: self.dtype });
        }
        if !self.dtype.is_float() && self.scale == ScaleStorage::E8M0 {
            return Err(QuantizeError::E8M0ForInteger { dtype: self.dtype });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_match_spec_table() {
        use QScheme::*;
        let table = [
            (QuantDType::Int8, (-127, 127), (-128, 127)),
            (QuantDType::UInt8, (0, 254), (0, 255)),
            (QuantDType::Int4, (-7, 7), (-8, 7)),
            (QuantDType::UInt4, (0, 14), (0, 15)),
            (QuantDType::Int2, (-1, 1), (-2, 1)),
            (QuantDType::UInt2, (0, 2), (0, 3)),
        ];
        for (d, sym, asym) in table {
            assert_eq!(d.int_range(Symmetric), Some(sym), "{d}");
            assert_eq!(d.int_range(Asymmetric), Some(asym), "{d}");
        }
        assert_eq!(QuantDType::Fp8E4M3fn.int_range(Symmetric), None);
    }

    #[test]
    fn names_types_and_validation() {
        for d in QuantDType::ALL {
            assert_eq!(QuantDType::from_name(d.name()), Some(d));
        }
        assert_eq!(QuantDType::from_name("fp8_e8m0fnu"), None);
        assert_eq!(QScheme::from_name("asymmetric"), Some(QScheme::Asymmetric));
        assert_eq!(QScheme::Symmetric.to_string(), "symmetric");
        assert_eq!(QuantDType::Int4.elem_type().mlir_name(), "si4");
        assert_eq!(QuantDType::UInt2.elem_type().mlir_name(), "ui2");
        assert_eq!(QuantDType::Fp4E2M1fn.elem_type(), ElemType::F4E2M1FN);
        assert_eq!(ScaleStorage::E8M0.elem_type(), ElemType::F8E8M0FNU);
        assert_eq!(
            ScaleStorage::Float(FloatType::BF16).elem_type(),
            ElemType::BF16
        );
        assert_eq!(QuantDType::Fp8E5M2.fmax(), Some(57344.0));
        assert_eq!(
            QuantParams::new(
                QuantDType::Fp8E4M3fn,
                QScheme::Asymmetric,
                ScaleStorage::E8M0
            ),
            Err(QuantizeError::AsymmetricFloat {
                dtype: QuantDType::Fp8E4M3fn
            })
        );
        assert_eq!(
            QuantParams::new(QuantDType::Int8, QScheme::Symmetric, ScaleStorage::E8M0),
            Err(QuantizeError::E8M0ForInteger {
                dtype: QuantDType::Int8
            })
        );
        assert!(
            QuantParams::new(
                QuantDType::UInt4,
                QScheme::Asymmetric,
                ScaleStorage::Float(FloatType::F16)
            )
            .is_ok()
        );
    }
}
