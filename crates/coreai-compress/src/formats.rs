//! Storage element types of compressed constants and exact conversions between them and `f32`.
//!
//! [`ElemType`] names every element type the compression passes read or write: the float weight
//! types, the OCP 8-bit and 4-bit minifloats (`f8E4M3FN`, `f8E5M2`, `f4E2M1FN`), the power-of-two
//! scale type `f8E8M0FNU` and the signed/unsigned integers `si*`/`ui*` of 1..=8 bits (16 and 32
//! bits are accepted for reading generic constants).
//!
//! # Invariants
//! - Minifloat encoders round to nearest, ties to even (RNE), and **saturate**: a finite value
//!   beyond the largest finite code becomes that code, with its sign. This is what quantization
//!   needs (`cast_RNE(clip(x, -fmax, fmax))`, spec D.2) and it makes the encoders total on finite
//!   input. Decoding any code and re-encoding the result gives the code back (except that the
//!   NaN codes of a type collapse to one canonical NaN).
//! - Negative zero keeps its sign bit, as an RNE cast does (`-0.0` encodes to `0x80` in FP8).
//! - [`e8m0_from_f32`] reproduces ml_dtypes 0.6.0's conversion (spec D.3): round to the nearest
//!   power of two with halfway cases (`1.5·2^k`) rounded **up**, zero/negative/NaN/overflow to
//!   the NaN code `0xFF`, anything below `2^-127` to `0x00`. The spec's wording "ties go to the
//!   even exponent" does not match its own examples (0.375→0.5, 0.75→1.0, 1.5→2.0 are all
//!   rounded up); ml_dtypes rounds on the significand whose kept bit is the implicit leading 1,
//!   so every tie rounds up. The examples are what is implemented and tested.
//! - Buffer layouts follow the dialect contract (spec C.3, D.7, F.7, F.8): sub-byte integers
//!   and FP4 are bit-packed row-major, LSB-first, last byte zero-padded; 8-bit types take one
//!   byte per element; 16/32-bit types are little-endian.
//!
//! # Parallelism
//! The buffer codecs are element-wise; large buffers are split into fixed-size chunks by
//! [`crate::pack`], so results never depend on the number of threads.

use half::{bf16, f16};
use std::borrow::Cow;

use thiserror::Error;

use crate::pack::{self, PackError};

/// Errors of the storage codecs.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum FormatError {
    /// An integer type with an unsupported bit width.
    #[error("unsupported integer width {bits}: expected 1..=8, 16 or 32")]
    InvalidIntWidth {
        /// The rejected width.
        bits: u8,
    },
    /// A raw buffer whose length does not match its element count.
    #[error("buffer of {ty} with {count} elements must have {expected} bytes, got {got}")]
    BufferLength {
        /// The element type, spelled as in MLIR.
        ty: String,
        /// The element count.
        count: usize,
        /// The required byte length.
        expected: usize,
        /// The actual byte length.
        got: usize,
    },
    /// A value that the target type cannot represent (NaN into an integer or FP4).
    #[error("value {value} at index {index} is not representable as {ty}")]
    NotRepresentable {
        /// Position of the value.
        index: usize,
        /// The value.
        value: f32,
        /// The target type, spelled as in MLIR.
        ty: String,
    },
    /// An FP4 blob stored one byte per element with a byte above 15.
    #[error("unpacked {ty} blob: byte {byte:#04x} at index {index} is not a 4-bit code")]
    UnpackedCode {
        /// Position of the byte.
        index: usize,
        /// The byte.
        byte: u8,
        /// The element type, spelled as in MLIR.
        ty: String,
    },
    /// The element count times the bit width overflows `usize`.
    #[error("buffer size overflows for {count} elements of {ty}")]
    TooLarge {
        /// The element count.
        count: usize,
        /// The element type.
        ty: String,
    },
    /// A bit-packing failure (propagated from [`crate::pack`]).
    #[error(transparent)]
    Pack(#[from] PackError),
}

/// A storage element type of a constant read or written by the compression passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ElemType {
    /// IEEE binary32, little-endian.
    F32,
    /// IEEE binary16, little-endian.
    F16,
    /// bfloat16, little-endian.
    BF16,
    /// OCP FP8 E4M3FN: bias 7, no infinities, NaN = `S.1111.111`, max 448.
    F8E4M3FN,
    /// OCP FP8 E5M2: bias 15, IEEE-style infinities and NaNs, max 57344.
    F8E5M2,
    /// OCP FP4 E2M1FN: ±{0, 0.5, 1, 1.5, 2, 3, 4, 6}, sign in bit 3; packed two per byte.
    F4E2M1FN,
    /// OCP E8M0FNU scale: `2^(e-127)` for e in 0..=254, `0xFF` is NaN; no sign, no zero.
    F8E8M0FNU,
    /// An integer: MLIR `si<bits>` (`signed`) or `ui<bits>`. Bits 1..=8 are bit-packed; 16 and
    /// 32 are little-endian. The signless `i1` (bools) has the layout of `ui1` and is read as
    /// `Int { bits: 1, signed: false }`; keeping the signless spelling is the IR layer's job.
    Int {
        /// Width in bits: 1..=8, 16 or 32.
        bits: u8,
        /// Two's complement if true, unsigned otherwise.
        signed: bool,
    },
}

impl ElemType {
    /// Unsigned 1-bit integer, the element type of sparsity bitmasks.
    pub const UI1: ElemType = ElemType::Int {
        bits: 1,
        signed: false,
    };

    /// Checks the integer width (1..=8, 16 or 32); float types are always valid.
    ///
    /// # Errors
    /// [`FormatError::InvalidIntWidth`] for any other integer width.
    pub fn validate(self) -> Result<(), FormatError> {
        match self {
            ElemType::Int { bits, .. } if !matches!(bits, 1..=8 | 16 | 32) => {
                Err(FormatError::InvalidIntWidth { bits })
            }
            _ => Ok(()),
        }
    }

    /// Width of one element in bits.
    pub fn bit_width(self) -> u32 {
        match self {
            ElemType::F32 => 32,
            ElemType::F16 | ElemType::BF16 => 16,
            ElemType::F8E4M3FN | ElemType::F8E5M2 | ElemType::F8E8M0FNU => 8,
            ElemType::F4E2M1FN => 4,
            ElemType::Int { bits, .. } => u32::from(bits),
        }
    }

    /// True for types stored bit-packed (integers below 8 bits and FP4).
    pub fn is_packed(self) -> bool {
        self.bit_width() < 8
    }

    /// True for the integer types.
    pub fn is_int(self) -> bool {
        matches!(self, ElemType::Int { .. })
    }

    /// The inclusive value range of an integer type, `None` for float types and for widths
    /// outside `1..=63` (which no Core AI type has).
    pub fn int_range(self) -> Option<(i64, i64)> {
        match self {
            ElemType::Int { bits, .. } if bits == 0 || bits > 63 => None,
            ElemType::Int { bits, signed: true } => {
                let half = 1i64 << (bits - 1);
                Some((-half, half - 1))
            }
            ElemType::Int {
                bits,
                signed: false,
            } => Some((0, (1i64 << bits) - 1)),
            _ => None,
        }
    }

    /// The MLIR spelling of the type (`f16`, `f8E4M3FN`, `si4`, `ui1`, ...).
    pub fn mlir_name(self) -> String {
        match self {
            ElemType::F32 => "f32".into(),
            ElemType::F16 => "f16".into(),
            ElemType::BF16 => "bf16".into(),
            ElemType::F8E4M3FN => "f8E4M3FN".into(),
            ElemType::F8E5M2 => "f8E5M2".into(),
            ElemType::F4E2M1FN => "f4E2M1FN".into(),
            ElemType::F8E8M0FNU => "f8E8M0FNU".into(),
            ElemType::Int { bits, signed } => format!("{}i{bits}", if signed { "s" } else { "u" }),
        }
    }

    /// Byte length of a buffer holding `count` elements (packed types round up).
    ///
    /// # Errors
    /// [`FormatError::InvalidIntWidth`] for an invalid integer width and
    /// [`FormatError::TooLarge`] if the size overflows `usize`.
    pub fn storage_len(self, count: usize) -> Result<usize, FormatError> {
        self.validate()?;
        let bits = count
            .checked_mul(self.bit_width() as usize)
            .ok_or_else(|| FormatError::TooLarge {
                count,
                ty: self.mlir_name(),
            })?;
        Ok(bits.div_ceil(8))
    }
}

impl std::fmt::Display for ElemType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.mlir_name())
    }
}

// ---------------------------------------------------------------------------------------------
// Minifloats
// ---------------------------------------------------------------------------------------------

/// Parameters of a signed minifloat with subnormals.
#[derive(Clone, Copy)]
struct Mini {
    /// Mantissa (fraction) bits.
    man: u32,
    /// Exponent bias.
    bias: i32,
    /// Magnitude code of the largest finite value.
    max_code: u32,
    /// Position of the sign bit.
    sign_bit: u32,
}

impl Mini {
    /// Smallest normal value, `2^(1-bias)`.
    #[inline(always)]
    fn min_normal(self) -> f32 {
        pow2(1 - self.bias)
    }

    /// `2^(emin - man + 23)`: adding it to a subnormal-range magnitude rounds the magnitude to a
    /// multiple of the subnormal spacing `2^(emin - man)` (RNE), and the integer multiple is the
    /// difference of the bit patterns.
    #[inline(always)]
    fn sub_magic(self) -> f32 {
        pow2(1 - self.bias - self.man as i32 + 23)
    }

    /// Saturating RNE encode of a non-NaN value (infinities saturate too).
    #[inline(always)]
    fn encode_sat(self, x: f32) -> u8 {
        let bits = x.to_bits();
        let sign = bits >> 31;
        let abs_bits = bits & 0x7FFF_FFFF;
        let abs = f32::from_bits(abs_bits);
        // Subnormal range: round on the fixed spacing. A carry to 2^man lands exactly on the
        // smallest normal's code, so no special case is needed.
        let magic = self.sub_magic();
        let sub_code = (abs + magic).to_bits().wrapping_sub(magic.to_bits());
        // Normal range: RNE on the f32 bit pattern at the target mantissa width; a mantissa carry
        // propagates into the exponent. The wrapping ops only matter on the unselected branch.
        let sh = 23 - self.man;
        let rounded = abs_bits
            .wrapping_add((1 << (sh - 1)) - 1)
            .wrapping_add((abs_bits >> sh) & 1);
        let norm_code = (rounded >> sh).wrapping_sub(((127 - self.bias) as u32) << self.man);
        let code = if abs < self.min_normal() {
            sub_code
        } else {
            norm_code
        };
        let code = if code > self.max_code {
            self.max_code
        } else {
            code
        };
        (code | (sign << self.sign_bit)) as u8
    }

    /// The value `decode(encode_sat(x))` for a finite `x` with `|x| <= max`, computed without
    /// a table lookup so that the kernels vectorize.
    #[inline(always)]
    fn round_value(self, x: f32) -> f32 {
        let bits = x.to_bits();
        let sign = bits & 0x8000_0000;
        let abs_bits = bits & 0x7FFF_FFFF;
        let abs = f32::from_bits(abs_bits);
        let magic = self.sub_magic();
        let sub = (abs + magic) - magic;
        let sh = 23 - self.man;
        let norm_bits = abs_bits
            .wrapping_add((1 << (sh - 1)) - 1)
            .wrapping_add((abs_bits >> sh) & 1)
            & !((1u32 << sh) - 1);
        let r = if abs < self.min_normal() {
            sub
        } else {
            f32::from_bits(norm_bits)
        };
        f32::from_bits(r.to_bits() | sign)
    }

    /// Decodes a finite code (the caller handles NaN/inf codes).
    fn decode_finite(self, code: u8) -> f32 {
        let code = u32::from(code);
        let sign = (code >> self.sign_bit) & 1;
        let mag = code & ((1 << self.sign_bit) - 1);
        let exp = (mag >> self.man) as i32;
        let frac = mag & ((1 << self.man) - 1);
        let v = if exp == 0 {
            frac as f32 * pow2(1 - self.bias - self.man as i32)
        } else {
            (1.0 + frac as f32 * pow2(-(self.man as i32))) * pow2(exp - self.bias)
        };
        if sign == 1 { -v } else { v }
    }
}

const E4M3: Mini = Mini {
    man: 3,
    bias: 7,
    max_code: 0x7E,
    sign_bit: 7,
};
const E5M2: Mini = Mini {
    man: 2,
    bias: 15,
    max_code: 0x7B,
    sign_bit: 7,
};
const E2M1: Mini = Mini {
    man: 1,
    bias: 1,
    max_code: 0x7,
    sign_bit: 3,
};

/// Largest finite E4M3FN value.
pub const E4M3FN_MAX: f32 = 448.0;
/// Largest finite E5M2 value.
pub const E5M2_MAX: f32 = 57344.0;
/// Largest finite E2M1FN value.
pub const E2M1FN_MAX: f32 = 6.0;
/// The canonical (positive) NaN code of E4M3FN.
pub const E4M3FN_NAN: u8 = 0x7F;
/// The canonical (positive, quiet) NaN code of E5M2.
pub const E5M2_NAN: u8 = 0x7E;
/// The NaN code of E8M0FNU.
pub const E8M0_NAN: u8 = 0xFF;

/// `2^e` as an exact f32, for `e` in `-149..=127` (subnormals included).
#[inline(always)]
pub fn pow2(e: i32) -> f32 {
    debug_assert!((-149..=127).contains(&e), "pow2 exponent {e} out of range");
    if e >= -126 {
        f32::from_bits(((e + 127) as u32) << 23)
    } else {
        f32::from_bits(1u32 << (e + 149))
    }
}

/// Encodes to FP8 E4M3FN with RNE; finite values beyond ±448 and infinities saturate to ±448,
/// NaN becomes [`E4M3FN_NAN`] (with the input's sign bit).
#[inline(always)]
pub fn encode_e4m3fn(x: f32) -> u8 {
    if x.is_nan() {
        return E4M3FN_NAN | ((x.to_bits() >> 24) as u8 & 0x80);
    }
    E4M3.encode_sat(x)
}

/// Decodes an FP8 E4M3FN code (`S.1111.111` is NaN).
pub fn decode_e4m3fn(code: u8) -> f32 {
    if code & 0x7F == 0x7F {
        return f32::NAN;
    }
    E4M3.decode_finite(code)
}

/// Encodes to FP8 E5M2 with RNE; finite values beyond ±57344 saturate, infinities stay
/// infinite and NaN becomes [`E5M2_NAN`] (with the input's sign bit).
#[inline(always)]
pub fn encode_e5m2(x: f32) -> u8 {
    if x.is_nan() {
        return E5M2_NAN | ((x.to_bits() >> 24) as u8 & 0x80);
    }
    if x.is_infinite() {
        return if x > 0.0 { 0x7C } else { 0xFC };
    }
    E5M2.encode_sat(x)
}

/// Decodes an FP8 E5M2 code (exponent 31: infinity if the mantissa is 0, NaN otherwise).
pub fn decode_e5m2(code: u8) -> f32 {
    match code & 0x7F {
        0x7C => {
            if code & 0x80 != 0 {
                f32::NEG_INFINITY
            } else {
                f32::INFINITY
            }
        }
        0x7D..=0x7F => f32::NAN,
        _ => E5M2.decode_finite(code),
    }
}

/// Encodes to FP4 E2M1FN with RNE; values beyond ±6 (and infinities) saturate. E2M1FN has no
/// NaN: NaN encodes to +0 here, and the buffer encoder rejects it instead.
#[inline(always)]
pub fn encode_e2m1fn(x: f32) -> u8 {
    if x.is_nan() {
        return 0;
    }
    E2M1.encode_sat(x)
}

/// Decodes an FP4 E2M1FN code (only the low 4 bits are read).
pub fn decode_e2m1fn(code: u8) -> f32 {
    E2M1.decode_finite(code & 0xF)
}

/// Saturating RNE encode to E4M3FN without the NaN check, for the quantization kernels whose
/// input is finite and already clipped.
#[inline(always)]
pub(crate) fn encode_e4m3fn_finite(x: f32) -> u8 {
    E4M3.encode_sat(x)
}

/// Saturating RNE encode to E5M2 without the NaN/inf checks (finite, clipped input).
#[inline(always)]
pub(crate) fn encode_e5m2_finite(x: f32) -> u8 {
    E5M2.encode_sat(x)
}

/// Saturating RNE encode to E2M1FN without the NaN check (finite, clipped input).
#[inline(always)]
pub(crate) fn encode_e2m1fn_finite(x: f32) -> u8 {
    E2M1.encode_sat(x)
}

/// `decode(encode(x))` for E4M3FN, finite `|x| <= 448`, without a table.
#[inline(always)]
pub(crate) fn round_e4m3fn_finite(x: f32) -> f32 {
    E4M3.round_value(x)
}

/// `decode(encode(x))` for E5M2, finite `|x| <= 57344`, without a table.
#[inline(always)]
pub(crate) fn round_e5m2_finite(x: f32) -> f32 {
    E5M2.round_value(x)
}

/// `decode(encode(x))` for E2M1FN, finite `|x| <= 6`, without a table.
#[inline(always)]
pub(crate) fn round_e2m1fn_finite(x: f32) -> f32 {
    E2M1.round_value(x)
}

/// The minifloat data types of quantization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MiniKind {
    E4M3,
    E5M2,
    E2M1,
}

impl MiniKind {
    /// Decode table of all codes (256 entries; FP4 uses the first 16).
    pub(crate) fn decode_table(self) -> [f32; 256] {
        let mut t = [0f32; 256];
        for (c, v) in t.iter_mut().enumerate() {
            *v = match self {
                MiniKind::E4M3 => decode_e4m3fn(c as u8),
                MiniKind::E5M2 => decode_e5m2(c as u8),
                MiniKind::E2M1 => decode_e2m1fn(c as u8),
            };
        }
        t
    }
}

// ---------------------------------------------------------------------------------------------
// E8M0
// ---------------------------------------------------------------------------------------------

/// Decodes an E8M0FNU code: `2^(e-127)`, `0xFF` is NaN. `0x00` is `2^-127`, an f32 subnormal.
pub fn e8m0_to_f32(code: u8) -> f32 {
    if code == E8M0_NAN {
        f32::NAN
    } else {
        pow2(i32::from(code) - 127)
    }
}

/// The E8M0 code of `2^e`, or `None` if `e` is outside `-127..=127`.
pub fn e8m0_from_exponent(e: i32) -> Option<u8> {
    (-127..=127).contains(&e).then(|| (e + 127) as u8)
}

/// The E8M0 code of an exact power of two in `2^-127..=2^127`, `None` for anything else.
pub fn e8m0_from_pow2(x: f32) -> Option<u8> {
    if x.is_nan() || x <= 0.0 || x.is_infinite() {
        return None;
    }
    let bits = (x as f64).to_bits();
    let exp = ((bits >> 52) & 0x7FF) as i32 - 1023;
    if bits & ((1u64 << 52) - 1) != 0 {
        return None;
    }
    e8m0_from_exponent(exp)
}

/// General conversion to E8M0 with ml_dtypes 0.6.0 semantics (spec D.3): the nearest power of
/// two, halfway cases (`1.5·2^k`) rounded up; values below `2^-127` give `0x00`; zero,
/// negative values, NaN, infinities and values rounding above `2^127` give NaN (`0xFF`).
pub fn e8m0_from_f32(x: f32) -> u8 {
    if x.is_nan() || x <= 0.0 || x.is_infinite() {
        return E8M0_NAN;
    }
    // Widening to f64 makes f32 subnormals normal, so exponent and fraction read off directly.
    let bits = (x as f64).to_bits();
    let mut exp = ((bits >> 52) & 0x7FF) as i32 - 1023;
    // The first fraction bit decides: >= 0.5 rounds up (ties included, see the module docs).
    exp += ((bits >> 51) & 1) as i32;
    if exp < -127 {
        0x00
    } else if exp > 127 {
        E8M0_NAN
    } else {
        (exp + 127) as u8
    }
}

// ---------------------------------------------------------------------------------------------
// Buffers
// ---------------------------------------------------------------------------------------------

/// The blob of `count` elements of type `ty` in the layout the kernels use (sub-byte types
/// bit-packed, LSB first). FP4 blobs are also accepted unpacked, one code per byte (what the
/// reference passes write, while spec F.8 and coreai-torch pack them): such a blob is
/// repacked. The two layouts are told apart by size: `ceil(count / 2)` bytes packed, `count`
/// bytes unpacked (equal only for `count <= 1`, where both layouts are the same byte).
///
/// # Errors
/// [`FormatError::BufferLength`] if `bytes` has neither length,
/// [`FormatError::UnpackedCode`] for an unpacked FP4 byte above 15.
pub fn canonical_blob(
    ty: ElemType,
    bytes: &[u8],
    count: usize,
) -> Result<Cow<'_, [u8]>, FormatError> {
    let expected = ty.storage_len(count)?;
    if bytes.len() == expected {
        return Ok(Cow::Borrowed(bytes));
    }
    if ty == ElemType::F4E2M1FN && bytes.len() == count {
        if let Some(index) = bytes.iter().position(|&b| b > 0xF) {
            return Err(FormatError::UnpackedCode {
                index,
                byte: bytes[index],
                ty: ty.mlir_name(),
            });
        }
        return Ok(Cow::Owned(pack::pack_unsigned(bytes, 4)?));
    }
    Err(FormatError::BufferLength {
        ty: ty.mlir_name(),
        count,
        expected,
        got: bytes.len(),
    })
}

/// Decodes a raw storage buffer of `count` elements of type `ty` to f32.
///
/// Packed types (sub-byte integers, FP4) are read LSB-first; multi-byte types little-endian.
/// Integers are converted exactly for widths up to 24 bits and rounded (RNE) above.
///
/// # Errors
/// [`FormatError::BufferLength`] if `bytes` is not exactly [`ElemType::storage_len`] long
/// (FP4 may also be unpacked, see [`canonical_blob`]),
/// [`FormatError::InvalidIntWidth`] for an invalid integer type.
pub fn decode_buffer(ty: ElemType, bytes: &[u8], count: usize) -> Result<Vec<f32>, FormatError> {
    let bytes = &*canonical_blob(ty, bytes, count)?;
    Ok(match ty {
        ElemType::F32 => bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
        ElemType::F16 => bytes
            .chunks_exact(2)
            .map(|c| f16::from_le_bytes([c[0], c[1]]).to_f32())
            .collect(),
        ElemType::BF16 => bytes
            .chunks_exact(2)
            .map(|c| bf16::from_le_bytes([c[0], c[1]]).to_f32())
            .collect(),
        ElemType::F8E4M3FN => {
            let t = MiniKind::E4M3.decode_table();
            bytes.iter().map(|&b| t[b as usize]).collect()
        }
        ElemType::F8E5M2 => {
            let t = MiniKind::E5M2.decode_table();
            bytes.iter().map(|&b| t[b as usize]).collect()
        }
        ElemType::F8E8M0FNU => bytes.iter().map(|&b| e8m0_to_f32(b)).collect(),
        ElemType::F4E2M1FN => {
            let t = MiniKind::E2M1.decode_table();
            pack::unpack_unsigned(bytes, count, 4)?
                .into_iter()
                .map(|c| t[c as usize])
                .collect()
        }
        ElemType::Int { bits, signed } => match bits {
            16 => bytes
                .chunks_exact(2)
                .map(|c| {
                    if signed {
                        f32::from(i16::from_le_bytes([c[0], c[1]]))
                    } else {
                        f32::from(u16::from_le_bytes([c[0], c[1]]))
                    }
                })
                .collect(),
            32 => bytes
                .chunks_exact(4)
                .map(|c| {
                    let a = [c[0], c[1], c[2], c[3]];
                    if signed {
                        i32::from_le_bytes(a) as f32
                    } else {
                        u32::from_le_bytes(a) as f32
                    }
                })
                .collect(),
            _ if signed => pack::unpack_signed(bytes, count, u32::from(bits))?
                .into_iter()
                .map(f32::from)
                .collect(),
            _ => pack::unpack_unsigned(bytes, count, u32::from(bits))?
                .into_iter()
                .map(f32::from)
                .collect(),
        },
    })
}

/// Encodes f32 values into a raw storage buffer of type `ty`, the inverse of [`decode_buffer`].
///
/// Floats round to nearest even. FP8/FP4 saturate at their largest finite value (see the
/// module docs); E8M0 uses [`e8m0_from_f32`]. Integers round half to even and saturate to the
/// type's range. Sub-byte results are bit-packed.
///
/// # Errors
/// [`FormatError::NotRepresentable`] for NaN into an integer or FP4 type,
/// [`FormatError::InvalidIntWidth`] for an invalid integer type.
pub fn encode_buffer(ty: ElemType, values: &[f32]) -> Result<Vec<u8>, FormatError> {
    ty.validate()?;
    let nan_check = |values: &[f32]| -> Result<(), FormatError> {
        match values.iter().position(|v| v.is_nan()) {
            Some(index) => Err(FormatError::NotRepresentable {
                index,
                value: values[index],
                ty: ty.mlir_name(),
            }),
            None => Ok(()),
        }
    };
    Ok(match ty {
        ElemType::F32 => values.iter().flat_map(|v| v.to_le_bytes()).collect(),
        ElemType::F16 => values
            .iter()
            .flat_map(|&v| f16::from_f32(v).to_le_bytes())
            .collect(),
        ElemType::BF16 => values
            .iter()
            .flat_map(|&v| bf16::from_f32(v).to_le_bytes())
            .collect(),
        ElemType::F8E4M3FN => values.iter().map(|&v| encode_e4m3fn(v)).collect(),
        ElemType::F8E5M2 => values.iter().map(|&v| encode_e5m2(v)).collect(),
        ElemType::F8E8M0FNU => values.iter().map(|&v| e8m0_from_f32(v)).collect(),
        ElemType::F4E2M1FN => {
            nan_check(values)?;
            let codes: Vec<u8> = values.iter().map(|&v| encode_e2m1fn(v)).collect();
            pack::pack_unsigned(&codes, 4)?
        }
        ElemType::Int { bits, signed } => {
            nan_check(values)?;
            let (lo, hi) = ty.int_range().unwrap_or((0, 0));
            let ints = values
                .iter()
                .map(|&v| (v as f64).round_ties_even().clamp(lo as f64, hi as f64) as i64);
            match bits {
                16 => ints
                    .flat_map(|i| (i as u16).to_le_bytes())
                    .collect::<Vec<u8>>(),
                32 => ints
                    .flat_map(|i| (i as u32).to_le_bytes())
                    .collect::<Vec<u8>>(),
                _ => {
                    let low: Vec<u8> = ints.map(|i| i as u8).collect();
                    if signed {
                        pack::pack_low_bits(&low, u32::from(bits))?
                    } else {
                        pack::pack_unsigned(&low, u32::from(bits))?
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FP4_VALUES: [f32; 8] = [0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0];

    /// Reference RNE to the grid of all finite codes, by exhaustive nearest search with
    /// ties to the even code. Used to check the bit-trick encoders.
    fn reference_encode(x: f32, decode: fn(u8) -> f32, ncodes: u32, max: f32) -> u8 {
        let x = x.clamp(-max, max);
        let mut best: Option<(f64, u8)> = None;
        for c in 0..ncodes {
            let c = c as u8;
            let v = decode(c);
            if !v.is_finite() {
                continue;
            }
            // Only codes with the sign of x (zero keeps x's sign bit like an RNE cast).
            if (v.is_sign_negative()) != x.is_sign_negative() {
                continue;
            }
            let d = (f64::from(v) - f64::from(x)).abs();
            best = match best {
                None => Some((d, c)),
                Some((bd, bc)) => {
                    if d < bd || (d == bd && c.is_multiple_of(2) && !bc.is_multiple_of(2)) {
                        Some((d, c))
                    } else {
                        Some((bd, bc))
                    }
                }
            };
        }
        best.map(|b| b.1).unwrap_or(0)
    }

    #[test]
    fn fp4_blobs_packed_or_unpacked() {
        let values = [1.0f32, -6.0, 0.5, 0.0, 3.0];
        let packed = encode_buffer(ElemType::F4E2M1FN, &values).unwrap();
        assert_eq!(packed.len(), 3);
        let codes = pack::unpack_unsigned(&packed, values.len(), 4).unwrap();
        // The reference's layout: one code per byte.
        assert_eq!(codes.len(), values.len());
        assert!(matches!(
            canonical_blob(ElemType::F4E2M1FN, &packed, 5).unwrap(),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            &*canonical_blob(ElemType::F4E2M1FN, &codes, 5).unwrap(),
            &packed[..]
        );
        assert_eq!(
            decode_buffer(ElemType::F4E2M1FN, &codes, 5).unwrap(),
            values
        );
        assert_eq!(
            decode_buffer(ElemType::F4E2M1FN, &packed, 5).unwrap(),
            values
        );
        // Neither length; a byte that is no 4-bit code; other types stay strict.
        assert!(matches!(
            decode_buffer(ElemType::F4E2M1FN, &codes[..4], 5),
            Err(FormatError::BufferLength { .. })
        ));
        let mut bad = codes.clone();
        bad[3] = 0x10;
        assert_eq!(
            canonical_blob(ElemType::F4E2M1FN, &bad, 5),
            Err(FormatError::UnpackedCode {
                index: 3,
                byte: 0x10,
                ty: "f4E2M1FN".into()
            })
        );
        let int4 = ElemType::Int {
            bits: 4,
            signed: false,
        };
        assert!(canonical_blob(int4, &codes, 5).is_err());
    }

    #[test]
    fn fp4_table_and_roundtrip() {
        for (c, &v) in FP4_VALUES.iter().enumerate() {
            assert_eq!(decode_e2m1fn(c as u8), v);
            assert_eq!(decode_e2m1fn(c as u8 | 8), -v);
            assert_eq!(encode_e2m1fn(v), c as u8);
            assert_eq!(encode_e2m1fn(-v), c as u8 | 8);
        }
    }

    #[test]
    fn fp4_rounding_boundaries_spec_d2() {
        for (x, want) in [
            (0.25f32, 0.0f32),
            (0.75, 1.0),
            (1.25, 1.0),
            (1.75, 2.0),
            (2.5, 2.0),
            (3.5, 4.0),
            (5.0, 4.0),
            (5.5, 6.0),
            (7.0, 6.0),
            (1e9, 6.0),
            (f32::INFINITY, 6.0),
            (0.2500001, 0.5),
            (0.2499999, 0.0),
        ] {
            assert_eq!(decode_e2m1fn(encode_e2m1fn(x)), want, "x={x}");
            assert_eq!(decode_e2m1fn(encode_e2m1fn(-x)), -want, "x=-{x}");
        }
    }

    #[test]
    fn fp8_every_code_roundtrips() {
        for c in 0..=255u8 {
            let v = decode_e4m3fn(c);
            if v.is_nan() {
                assert_eq!(c & 0x7F, 0x7F);
                assert_eq!(encode_e4m3fn(v) & 0x7F, 0x7F);
            } else {
                assert_eq!(encode_e4m3fn(v), c, "e4m3 code {c:#x} value {v}");
            }
            let v = decode_e5m2(c);
            if v.is_nan() {
                assert!(matches!(c & 0x7F, 0x7D..=0x7F));
            } else {
                assert_eq!(encode_e5m2(v), c, "e5m2 code {c:#x} value {v}");
            }
        }
        assert_eq!(decode_e4m3fn(0x7E), 448.0);
        assert_eq!(decode_e4m3fn(0x01), pow2(-9));
        assert_eq!(decode_e4m3fn(0x08), pow2(-6));
        assert_eq!(decode_e5m2(0x7B), 57344.0);
        assert_eq!(decode_e5m2(0x01), pow2(-16));
        assert_eq!(decode_e5m2(0x7C), f32::INFINITY);
    }

    #[test]
    fn fp8_rne_ties_and_midpoints_exhaustive() {
        // For each pair of adjacent finite codes, the midpoint goes to the even code, and points
        // just inside either side go to that side.
        type Dec = fn(u8) -> f32;
        type Enc = fn(f32) -> u8;
        let cases: [(Dec, Enc, u8); 3] = [
            (decode_e4m3fn, encode_e4m3fn, 0x7E),
            (decode_e5m2, encode_e5m2, 0x7B),
            (decode_e2m1fn, encode_e2m1fn, 0x7),
        ];
        for (dec, enc, max_code) in cases {
            for c in 0..max_code {
                let (lo, hi) = (dec(c), dec(c + 1));
                let mid = ((f64::from(lo) + f64::from(hi)) / 2.0) as f32;
                assert_eq!(f64::from(mid), (f64::from(lo) + f64::from(hi)) / 2.0);
                let even = if c % 2 == 0 { c } else { c + 1 };
                assert_eq!(enc(mid), even, "tie between {lo} and {hi}");
                assert_eq!(enc(mid.next_down()), c, "below mid of {lo},{hi}");
                assert_eq!(enc(mid.next_up()), c + 1, "above mid of {lo},{hi}");
            }
        }
    }

    #[test]
    fn fp8_matches_reference_on_samples() {
        let mut rng = crate::testutil::SplitMix64::new(7);
        for _ in 0..20_000 {
            let x = (rng.normal() * 10f64.powf(rng.next_f64() * 8.0 - 5.0)) as f32;
            assert_eq!(
                encode_e4m3fn(x),
                reference_encode(x, decode_e4m3fn, 256, 448.0),
                "e4m3 {x}"
            );
            assert_eq!(
                encode_e5m2(x),
                reference_encode(x, decode_e5m2, 256, 57344.0),
                "e5m2 {x}"
            );
            assert_eq!(
                encode_e2m1fn(x),
                reference_encode(x, decode_e2m1fn, 16, 6.0),
                "e2m1 {x}"
            );
        }
    }

    #[test]
    fn round_value_matches_decode_of_encode() {
        let mut rng = crate::testutil::SplitMix64::new(21);
        type Case = (fn(f32) -> f32, fn(f32) -> u8, fn(u8) -> f32, f32);
        let cases: [Case; 3] = [
            (round_e4m3fn_finite, encode_e4m3fn, decode_e4m3fn, 448.0),
            (round_e5m2_finite, encode_e5m2, decode_e5m2, 57344.0),
            (round_e2m1fn_finite, encode_e2m1fn, decode_e2m1fn, 6.0),
        ];
        for (round, enc, dec, max) in cases {
            let check = |x: f32| {
                let x = x.clamp(-max, max);
                let (a, b) = (round(x), dec(enc(x)));
                assert_eq!(a.to_bits(), b.to_bits(), "x={x} round={a} decode={b}");
            };
            for c in 0..=255u8 {
                let v = dec(c);
                if v.is_finite() && v.abs() <= max {
                    for x in [v, v.next_up(), v.next_down(), v * 1.03, v * 0.97] {
                        check(x);
                    }
                }
            }
            for _ in 0..20_000 {
                check((rng.normal() * 10f64.powf(rng.next_f64() * 8.0 - 5.0)) as f32);
            }
        }
    }

    #[test]
    fn fp8_saturation_and_specials() {
        assert_eq!(encode_e4m3fn(464.0), 0x7E);
        assert_eq!(encode_e4m3fn(1e30), 0x7E);
        assert_eq!(encode_e4m3fn(-1e30), 0xFE);
        assert_eq!(encode_e4m3fn(f32::INFINITY), 0x7E);
        assert_eq!(encode_e4m3fn(f32::NAN), 0x7F);
        assert_eq!(encode_e5m2(1e30), 0x7B);
        assert_eq!(encode_e5m2(f32::NEG_INFINITY), 0xFC);
        assert!(decode_e5m2(encode_e5m2(f32::NAN)).is_nan());
        assert_eq!(encode_e4m3fn(-0.0), 0x80);
        assert_eq!(encode_e4m3fn(pow2(-10)), 0); // tie to even 0
        assert_eq!(encode_e4m3fn(pow2(-10).next_up()), 1);
    }

    #[test]
    fn e8m0_ml_dtypes_rule() {
        for (x, want) in [
            (0.3f32, 0.25f32),
            (0.375, 0.5),
            (0.75, 1.0),
            (1.5, 2.0),
            (std::f32::consts::SQRT_2, 1.0),
            (1.0, 1.0),
            (3.0, 4.0),
            (2.9, 2.0),
        ] {
            assert_eq!(e8m0_to_f32(e8m0_from_f32(x)), want, "x={x}");
        }
        assert_eq!(e8m0_from_f32(0.0), 0xFF);
        assert_eq!(e8m0_from_f32(-1.0), 0xFF);
        assert_eq!(e8m0_from_f32(f32::NAN), 0xFF);
        assert_eq!(e8m0_from_f32(f32::INFINITY), 0xFF);
        assert_eq!(e8m0_from_f32(1e-45), 0x00);
        assert_eq!(e8m0_from_f32(pow2(-127)), 0x00);
        assert_eq!(e8m0_from_f32(pow2(-127) * 1.5), 0x01);
        assert_eq!(e8m0_from_f32(pow2(127)), 0xFE);
        assert_eq!(e8m0_from_f32(pow2(127) * 1.5), 0xFF);
        assert!(e8m0_to_f32(0xFF).is_nan());
        assert_eq!(e8m0_to_f32(127), 1.0);
        assert_eq!(e8m0_to_f32(0), pow2(-127));
        for c in 0..=254u8 {
            let v = e8m0_to_f32(c);
            assert_eq!(e8m0_from_f32(v), c);
            assert_eq!(e8m0_from_pow2(v), Some(c));
        }
        assert_eq!(e8m0_from_pow2(3.0), None);
        assert_eq!(e8m0_from_pow2(pow2(-128)), None);
        assert_eq!(e8m0_from_exponent(128), None);
    }

    #[test]
    fn buffers_roundtrip_every_type() {
        let types = [
            ElemType::F32,
            ElemType::F16,
            ElemType::BF16,
            ElemType::F8E4M3FN,
            ElemType::F8E5M2,
            ElemType::F4E2M1FN,
            ElemType::F8E8M0FNU,
        ];
        let vals = [0.5f32, -1.5, 2.0, 4.0, 0.0, 6.0, -3.0];
        for ty in types {
            let vals: Vec<f32> = if ty == ElemType::F8E8M0FNU {
                vec![0.5, 2.0, 1.0, 4.0, 0.25, 1024.0, pow2(-127)]
            } else {
                vals.to_vec()
            };
            let bytes = encode_buffer(ty, &vals).unwrap();
            assert_eq!(bytes.len(), ty.storage_len(vals.len()).unwrap(), "{ty}");
            assert_eq!(decode_buffer(ty, &bytes, vals.len()).unwrap(), vals, "{ty}");
        }
        for bits in [1u8, 2, 3, 4, 5, 6, 7, 8, 16, 32] {
            for signed in [false, true] {
                let ty = ElemType::Int { bits, signed };
                let (lo, hi) = ty.int_range().unwrap();
                let vals: Vec<f32> = (0..37)
                    .map(|i| (lo + (i * 7919) % (hi - lo + 1)) as f32)
                    .collect();
                let bytes = encode_buffer(ty, &vals).unwrap();
                assert_eq!(bytes.len(), ty.storage_len(37).unwrap());
                assert_eq!(decode_buffer(ty, &bytes, 37).unwrap(), vals, "{ty}");
            }
        }
    }

    #[test]
    fn buffer_layouts_and_errors() {
        // Widths no Core AI type has give no range (no shift overflow; fuzz regression).
        for bits in [0u8, 64, 200] {
            for signed in [false, true] {
                assert_eq!(ElemType::Int { bits, signed }.int_range(), None);
            }
        }
        assert_eq!(
            ElemType::Int {
                bits: 4,
                signed: true
            }
            .int_range(),
            Some((-8, 7))
        );
        // FP4: element 0 in the low nibble (F.8).
        assert_eq!(
            encode_buffer(ElemType::F4E2M1FN, &[1.0, -6.0, 0.5]).unwrap(),
            vec![0xF2, 0x01]
        );
        // si4 two's complement nibbles, low first.
        let si4 = ElemType::Int {
            bits: 4,
            signed: true,
        };
        assert_eq!(encode_buffer(si4, &[-1.0, 7.0]).unwrap(), vec![0x7F]);
        // Saturation and RNE for integers.
        assert_eq!(
            encode_buffer(si4, &[100.0, -100.0, 2.5]).unwrap(),
            vec![0x87, 0x02]
        );
        assert!(matches!(
            decode_buffer(si4, &[0, 0], 2),
            Err(FormatError::BufferLength {
                expected: 1,
                got: 2,
                ..
            })
        ));
        assert!(matches!(
            encode_buffer(si4, &[f32::NAN]),
            Err(FormatError::NotRepresentable { index: 0, .. })
        ));
        assert!(matches!(
            encode_buffer(ElemType::F4E2M1FN, &[0.0, f32::NAN]),
            Err(FormatError::NotRepresentable { index: 1, .. })
        ));
        let bad = ElemType::Int {
            bits: 12,
            signed: false,
        };
        assert_eq!(
            bad.validate(),
            Err(FormatError::InvalidIntWidth { bits: 12 })
        );
        assert!(decode_buffer(bad, &[], 0).is_err());
        assert_eq!(ElemType::UI1.mlir_name(), "ui1");
        assert_eq!(si4.to_string(), "si4");
        assert_eq!(ElemType::F8E8M0FNU.to_string(), "f8E8M0FNU");
        assert_eq!(ElemType::F4E2M1FN.storage_len(3).unwrap(), 2);
        assert_eq!(
            ElemType::Int {
                bits: 3,
                signed: false
            }
            .storage_len(8)
            .unwrap(),
            3
        );
        assert!(ElemType::F4E2M1FN.is_packed() && !ElemType::F8E5M2.is_packed());
        assert!(si4.is_int());
        assert!(matches!(
            ElemType::F32.storage_len(usize::MAX),
            Err(FormatError::TooLarge { .. })
        ));
    }
}
