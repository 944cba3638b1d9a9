//! Quantization parameters: data type, scheme, scale storage, and their validation; and the
//! per-block parameter arithmetic of the kernels ([`IntRule`], [`FpRule`], [`store_scale`]).
//!
//! The per-block arithmetic is written branch-free (selects, bit operations, no libm calls, no
//! runtime CPU checks) so that the kernels' loops over blocks vectorize; every function equals
//! the formula of the module docs of [`super`] bit for bit.

use crate::{
    element::FloatType,
    formats::{E2M1FN_MAX, E4M3FN_MAX, E5M2_MAX, ElemType},
};

use super::{
    QuantizeError,
    prims::{MAGIC, MAGIC_BITS, amax},
};

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

    /// The mask of the code bits in a code byte (`0xFF` for 8-bit types).
    pub(crate) fn code_mask(self) -> u8 {
        if self.bits() == 8 {
            0xFF
        } else {
            (1u8 << self.bits()) - 1
        }
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

// ---------------------------------------------------------------------------------------------
// Per-block parameter arithmetic
// ---------------------------------------------------------------------------------------------

/// Smallest normal f16, `2^-14`.
const F16_MIN_NORMAL: f32 = 6.103_515_6e-5;

/// `f16::from_f32(v).to_f32()` (RNE, overflow to infinity, NaN stays NaN) without half's
/// per-call CPU check, so that loops over blocks vectorize.
#[inline(always)]
pub(crate) fn round_f16(v: f32) -> f32 {
    let b = v.to_bits();
    let sign = b & 0x8000_0000;
    let a = b & 0x7FFF_FFFF;
    let af = f32::from_bits(a);
    // Below 2^-14 the f16 grid is 2^-24; `0.5 + af` has exactly that ulp, so the addition
    // rounds `af` to the grid (RNE) and the subtraction is exact.
    let sub = ((af + 0.5) - 0.5).to_bits();
    // Normal range: RNE at 10 fraction bits on the bit pattern (a carry bumps the exponent);
    // 65520 and up round to 2^16, which is out of range: infinity.
    let n = a.wrapping_add(0xFFF + ((a >> 13) & 1)) & !0x1FFF;
    let n = if n >= 0x4780_0000 { 0x7F80_0000 } else { n };
    let r = if af < F16_MIN_NORMAL { sub } else { n };
    let r = if a > 0x7F80_0000 { a | 0x0040_0000 } else { r };
    f32::from_bits(r | sign)
}

/// `bf16::from_f32(v).to_f32()` (RNE; NaN stays NaN), branch-free.
#[inline(always)]
pub(crate) fn round_bf16(v: f32) -> f32 {
    let b = v.to_bits();
    let r = b.wrapping_add(0x7FFF + ((b >> 16) & 1)) & 0xFFFF_0000;
    let r = if b & 0x7FFF_FFFF > 0x7F80_0000 {
        (b | 0x0040_0000) & 0xFFFF_0000
    } else {
        r
    };
    f32::from_bits(r)
}

/// Rounds `v` to the float type `ft` (RNE), as f32.
#[inline(always)]
pub(crate) fn round_to(ft: FloatType, v: f32) -> f32 {
    match ft {
        FloatType::F16 => round_f16(v),
        FloatType::BF16 => round_bf16(v),
        FloatType::F32 => v,
    }
}

/// Rounds a positive scale to its storage type and applies the guards of the module docs of
/// [`super`]: a result of 0 (or NaN) becomes the smallest positive value of the type, an
/// infinite one the largest finite value.
#[inline(always)]
pub(crate) fn store_scale(ft: FloatType, s: f32) -> f32 {
    let r = round_to(ft, s);
    let (min_pos, max) = match ft {
        FloatType::F16 => (f32::from_bits(0x3380_0000), 65504.0),
        FloatType::BF16 => (f32::from_bits(0x0001_0000), f32::from_bits(0x7F7F_0000)),
        FloatType::F32 => (f32::from_bits(1), f32::MAX),
    };
    let inf = r.abs() == f32::INFINITY;
    if r > 0.0 && r < f32::INFINITY {
        r
    } else if inf {
        max
    } else {
        min_pos
    }
}

/// `v.round_ties_even().clamp(lo, hi) as i32` for integer bounds `|lo|, |hi| <= 2^22`: clipping
/// first is the same (the bounds are integers), and NaN gives 0 like the `as` cast.
#[inline(always)]
fn round_clamp(v: f32, lo: f32, hi: f32) -> i32 {
    let c = if v < lo { lo } else { v };
    let c = if c > hi { hi } else { c };
    let k = ((c + MAGIC).to_bits() as i32).wrapping_sub(MAGIC_BITS);
    if v.is_nan() { 0 } else { k }
}

/// Integer quantization of one block (D.1 with F.3): our parameters in f32 with the stored
/// scale, and the reference's f16-arithmetic parameters (compared per block when the scale is
/// stored as f16).
#[derive(Clone, Copy, Debug)]
pub(crate) struct IntRule {
    /// Symmetric or asymmetric range.
    pub scheme: QScheme,
    /// Signed code type.
    pub signed: bool,
    /// `qmin`.
    pub qmin: i32,
    /// `qmax`.
    pub qmax: i32,
    /// The scale storage type.
    pub ft: FloatType,
    /// The type the chain decodes to: `(q - zp) * scale` must stay finite in it.
    pub out: FloatType,
}

impl IntRule {
    /// The rule of an integer `dtype` decoding to `out`; `None` for FP types.
    pub(crate) fn new(
        dtype: QuantDType,
        scheme: QScheme,
        ft: FloatType,
        out: FloatType,
    ) -> Option<Self> {
        let (qmin, qmax) = dtype.int_range(scheme)?;
        Some(IntRule {
            scheme,
            signed: dtype.is_signed(),
            qmin,
            qmax,
            ft,
            out,
        })
    }

    /// Whether the reference's parameters are candidates (f16 scales, F.3).
    pub(crate) fn compares_reference(&self) -> bool {
        self.ft == FloatType::F16
    }

    /// `(vmin, vmax)` of a block. Which of `±0` a comparison keeps does not matter: every use
    /// below gives the same result for either.
    #[inline(always)]
    fn vrange(&self, mn: f32, mx: f32) -> (f32, f32) {
        match self.scheme {
            QScheme::Symmetric => {
                let (a, b) = (mn.abs(), mx.abs());
                let m = if b > a { b } else { a };
                (-m, m)
            }
            QScheme::Asymmetric => (
                if mn < 0.0 { mn } else { 0.0 },
                if mx > 0.0 { mx } else { 0.0 },
            ),
        }
    }

    /// The symmetric zero point, or `None` for the asymmetric scheme.
    #[inline(always)]
    fn sym_zp(&self) -> Option<i32> {
        match self.scheme {
            QScheme::Symmetric if self.signed => Some(0),
            QScheme::Symmetric => Some(self.qmax / 2),
            QScheme::Asymmetric => None,
        }
    }

    /// Our scale (rounded to storage, guarded, fitted to the output) and zero point of a block
    /// with `[mn, mx]`.
    #[inline(always)]
    pub(crate) fn ours(&self, mn: f32, mx: f32) -> (f32, i32) {
        let (vmin, vmax) = self.vrange(mn, mx);
        let (qmin, qmax) = (self.qmin as f32, self.qmax as f32);
        let range = vmax - vmin + 1e-6;
        if range == f32::INFINITY {
            return self.ours_wide(vmin, vmax);
        }
        let scale = store_scale(self.ft, range / (self.qmax - self.qmin) as f32);
        let zp = match self.sym_zp() {
            Some(z) => z,
            None => round_clamp((qmin * vmax - qmax * vmin) / range, qmin, qmax),
        };
        (self.fit(scale, zp), zp)
    }

    /// [`IntRule::ours`] for f32 blocks whose range `vmax - vmin` overflows f32 (both ends
    /// beyond `f32::MAX / 2` in magnitude): the same formulas in f64 (spec F.3).
    #[cold]
    fn ours_wide(&self, vmin: f32, vmax: f32) -> (f32, i32) {
        let (vmin, vmax) = (f64::from(vmin), f64::from(vmax));
        let (qmin, qmax) = (f64::from(self.qmin), f64::from(self.qmax));
        let range = vmax - vmin + 1e-6;
        let scale = store_scale(self.ft, (range / (qmax - qmin)) as f32);
        let zp = match self.sym_zp() {
            Some(z) => z,
            None => round_clamp(
                ((qmin * vmax - qmax * vmin) / range) as f32,
                qmin as f32,
                qmax as f32,
            ),
        };
        (self.fit(scale, zp), zp)
    }

    /// `scale`, lowered where it would decode a code of the range to infinity in the output
    /// type (a scale rounded up to its storage type can, e.g. 257 for f16 weights in
    /// `[0, 65504]` with int8 asymmetric: `255 * 257 = 65535`).
    #[inline(always)]
    fn fit(&self, scale: f32, zp: i32) -> f32 {
        let top = (self.qmax - zp).max(zp - self.qmin) as f32;
        if f64::from(scale) * f64::from(top) < self.out.overflow_bound() {
            scale
        } else {
            fit_cold(self.ft, scale, top, self.out)
        }
    }

    /// The reference's scale and zero point for f16 weights: D.1 evaluated in f16 arithmetic
    /// (every operation rounded to f16, as numpy does for f16 arrays), scale guarded.
    #[inline(always)]
    pub(crate) fn reference_f16(&self, mn: f32, mx: f32) -> (f32, i32) {
        let h = round_f16;
        let (vmin, vmax) = self.vrange(mn, mx);
        let (qmin, qmax) = (self.qmin as f32, self.qmax as f32);
        let range = h(h(vmax - vmin) + h(1e-6));
        if range == f32::INFINITY {
            // The reference overflows f16 here (its scale is inf and its zero point NaN):
            // there is no reference candidate, only ours.
            return self.ours(mn, mx);
        }
        let scale = store_scale(FloatType::F16, h(range / (self.qmax - self.qmin) as f32));
        let zp = match self.sym_zp() {
            Some(z) => z,
            None => round_clamp(h(h(h(qmin * vmax) - h(qmax * vmin)) / range), qmin, qmax),
        };
        (self.fit(scale, zp), zp)
    }
}

/// [`FloatType::fit_scale`] out of line (rarely taken: only for weights at the top of the
/// output type's range).
#[cold]
#[inline(never)]
fn fit_cold(ft: FloatType, scale: f32, top: f32, out: FloatType) -> f32 {
    ft.fit_scale(scale, top, out)
}

/// FP8/FP4 quantization of one block with a float scale (D.2 with F.2/F.3).
#[derive(Clone, Copy, Debug)]
pub(crate) struct FpRule {
    /// Largest finite value of the code type.
    pub fmax: f32,
    /// The scale storage type.
    pub ft: FloatType,
    /// The type the chain decodes to: `fmax * scale` must stay finite in it.
    pub out: FloatType,
}

impl FpRule {
    /// Whether the reference's scale is a candidate (f16 scales, F.3).
    pub(crate) fn compares_reference(&self) -> bool {
        self.ft == FloatType::F16
    }

    /// Our scale `(2·amax + 1e-6) / (2·fmax)` in f32, rounded to storage and guarded.
    #[inline(always)]
    pub(crate) fn ours(&self, amax: f32) -> f32 {
        let range = 2.0 * amax + 1e-6;
        let scale = if range < f32::INFINITY {
            range / (2.0 * self.fmax)
        } else {
            // f32 weights beyond f32::MAX / 2: the same formula in f64 (F.3).
            ((2.0 * f64::from(amax) + 1e-6) / (2.0 * f64::from(self.fmax))) as f32
        };
        self.fit(store_scale(self.ft, scale))
    }

    /// `scale`, lowered where `fmax * scale` would be infinite in the output type.
    #[inline(always)]
    fn fit(&self, scale: f32) -> f32 {
        if f64::from(scale) * f64::from(self.fmax) < self.out.overflow_bound() {
            scale
        } else {
            fit_cold(self.ft, scale, self.fmax, self.out)
        }
    }

    /// The reference's scale for f16 weights (D.2 in f16 arithmetic), or `ours` where it is not
    /// a usable scale (E5M2: `2 * 57344` overflows f16, F.2).
    #[inline(always)]
    pub(crate) fn reference_f16_or(&self, amax: f32, ours: f32) -> f32 {
        let h = round_f16;
        let s = h(h(h(2.0 * amax) + h(1e-6)) / h(2.0 * self.fmax));
        if s > 0.0 && s < f32::INFINITY {
            self.fit(s)
        } else {
            ours
        }
    }
}

/// Scale storage types as types, so that batched loops are monomorphized per storage type
/// (a `match` inside the loop would keep it from vectorizing).
trait Storage {
    const FT: FloatType;
}
struct StoreF16;
struct StoreBf16;
struct StoreF32;
impl Storage for StoreF16 {
    const FT: FloatType = FloatType::F16;
}
impl Storage for StoreBf16 {
    const FT: FloatType = FloatType::BF16;
}
impl Storage for StoreF32 {
    const FT: FloatType = FloatType::F32;
}

/// Calls `$body` with `$S` bound to the [`Storage`] type of `$ft`.
macro_rules! with_storage {
    ($ft:expr, $S:ident => $body:expr) => {
        match $ft {
            FloatType::F16 => {
                type $S = StoreF16;
                $body
            }
            FloatType::BF16 => {
                type $S = StoreBf16;
                $body
            }
            FloatType::F32 => {
                type $S = StoreF32;
                $body
            }
        }
    };
}

impl IntRule {
    /// This rule with storage and scheme known at compile time.
    #[inline(always)]
    fn at<S: Storage, const ASYM: bool>(&self) -> IntRule {
        IntRule {
            scheme: if ASYM {
                QScheme::Asymmetric
            } else {
                QScheme::Symmetric
            },
            ft: S::FT,
            ..*self
        }
    }

    #[inline(always)]
    fn ours_loop<S: Storage, const ASYM: bool>(
        &self,
        mn: &[f32],
        mx: &[f32],
        s: &mut [f32],
        zp: &mut [i32],
    ) {
        let r = self.at::<S, ASYM>();
        for (((&a, &b), s), z) in mn.iter().zip(mx).zip(s.iter_mut()).zip(zp.iter_mut()) {
            (*s, *z) = r.ours(a, b);
        }
    }

    #[inline(always)]
    fn reference_loop<const ASYM: bool>(
        &self,
        mn: &[f32],
        mx: &[f32],
        s: &mut [f32],
        zp: &mut [i32],
    ) {
        let r = self.at::<StoreF16, ASYM>();
        for (((&a, &b), s), z) in mn.iter().zip(mx).zip(s.iter_mut()).zip(zp.iter_mut()) {
            (*s, *z) = r.reference_f16(a, b);
        }
    }

    /// [`IntRule::ours`] of every block (`s`, `zp` as long as `mn`).
    #[inline(always)]
    pub(crate) fn ours_batch(&self, mn: &[f32], mx: &[f32], s: &mut [f32], zp: &mut [i32]) {
        match self.scheme {
            QScheme::Symmetric => {
                with_storage!(self.ft, S => self.ours_loop::<S, false>(mn, mx, s, zp))
            }
            QScheme::Asymmetric => {
                with_storage!(self.ft, S => self.ours_loop::<S, true>(mn, mx, s, zp))
            }
        }
    }

    /// [`IntRule::reference_f16`] of every block.
    #[inline(always)]
    pub(crate) fn reference_f16_batch(
        &self,
        mn: &[f32],
        mx: &[f32],
        s: &mut [f32],
        zp: &mut [i32],
    ) {
        match self.scheme {
            QScheme::Symmetric => self.reference_loop::<false>(mn, mx, s, zp),
            QScheme::Asymmetric => self.reference_loop::<true>(mn, mx, s, zp),
        }
    }
}

impl FpRule {
    #[inline(always)]
    fn ours_loop<S: Storage>(&self, mn: &[f32], mx: &[f32], s: &mut [f32]) {
        let r = FpRule { ft: S::FT, ..*self };
        for ((&a, &b), s) in mn.iter().zip(mx).zip(s.iter_mut()) {
            *s = r.ours(amax(a, b));
        }
    }

    /// [`FpRule::ours`] of every block given its min/max.
    #[inline(always)]
    pub(crate) fn ours_batch(&self, mn: &[f32], mx: &[f32], s: &mut [f32]) {
        with_storage!(self.ft, S => self.ours_loop::<S>(mn, mx, s))
    }

    /// [`FpRule::reference_f16_or`] of every block given its min/max and our scale.
    #[inline(always)]
    pub(crate) fn reference_f16_batch(&self, mn: &[f32], mx: &[f32], ours: &[f32], s: &mut [f32]) {
        for (((&a, &b), &o), s) in mn.iter().zip(mx).zip(ours).zip(s.iter_mut()) {
            *s = self.reference_f16_or(amax(a, b), o);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use half::{bf16, f16};

    /// Every f32 bit pattern with a stride, plus every pattern within 64 ulps of each f16 and
    /// bf16 rounding boundary region (subnormal edge, overflow edge, ties).
    #[test]
    fn branch_free_roundings_match_half() {
        let check = |b: u32| {
            let v = f32::from_bits(b);
            let (h, bb) = (f16::from_f32(v).to_f32(), bf16::from_f32(v).to_f32());
            let (rh, rb) = (round_f16(v), round_bf16(v));
            assert!(
                rh.to_bits() == h.to_bits() || (rh.is_nan() && h.is_nan()),
                "f16 {b:#x}: {rh} vs {h}"
            );
            assert!(
                rb.to_bits() == bb.to_bits() || (rb.is_nan() && bb.is_nan()),
                "bf16 {b:#x}: {rb} vs {bb}"
            );
        };
        let mut b = 0u32;
        while let Some(n) = b.checked_add(65_521) {
            check(b);
            b = n;
        }
        for center in [
            0x3380_0000u32, // 2^-24
            0x3300_0000,    // 2^-25
            0x3880_0000,    // 2^-14
            0x477F_E000,    // 65504
            0x477F_F000,    // 65520
            0x4780_0000,    // 65536
            0x7F7F_FFFF,
            0x7F80_0000,
            0x3F80_1000, // a 1.0 + half-ulp tie of f16
            0x3F80_3000,
            0x3F80_8000, // a bf16 tie
            0x3F81_8000,
        ] {
            for d in 0..64u32 {
                for sign in [0, 0x8000_0000] {
                    check((center.wrapping_add(d)) | sign);
                    check((center.wrapping_sub(d)) | sign);
                }
            }
        }
        for i in 0..=u16::MAX {
            // Every f16 value and the midpoints next to it.
            let v = f16::from_bits(i).to_f32().to_bits();
            for d in [0u32, 1, 0xFFF, 0x1000, 0x1001] {
                check(v.wrapping_add(d));
                check(v.wrapping_sub(d));
            }
        }
    }

    #[test]
    fn store_scale_guards() {
        assert_eq!(
            store_scale(FloatType::F16, 1e-9),
            f16::from_bits(1).to_f32()
        );
        assert_eq!(store_scale(FloatType::F16, 1e6), f16::MAX.to_f32());
        assert_eq!(
            store_scale(FloatType::BF16, 0.0),
            bf16::from_bits(1).to_f32()
        );
        assert_eq!(store_scale(FloatType::BF16, f32::MAX), bf16::MAX.to_f32());
        assert_eq!(store_scale(FloatType::F32, f32::INFINITY), f32::MAX);
        assert_eq!(store_scale(FloatType::F32, 0.0), f32::from_bits(1));
        assert_eq!(store_scale(FloatType::F32, f32::NAN), f32::from_bits(1));
        assert_eq!(store_scale(FloatType::F16, 0.25), 0.25);
    }

    #[test]
    fn round_clamp_is_round_then_clamp() {
        for i in -3000..3000 {
            let v = i as f32 * 0.125;
            let want = v.round_ties_even().clamp(-128.0, 127.0) as i32;
            assert_eq!(round_clamp(v, -128.0, 127.0), want, "{v}");
        }
        for v in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 1e30, -1e30] {
            let want = v.round_ties_even().clamp(0.0, 15.0) as i32;
            assert_eq!(round_clamp(v, 0.0, 15.0), want, "{v}");
        }
    }

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
