//! Reading and writing `coreai.constant` data.
//!
//! Reading borrows the attribute's storage in place (inline `dense<...>` data and
//! `dense_resource` blobs, through [`crate::ir`]). Weights are viewed as
//! `&[f16]`/`&[bf16]`/`&[f32]` without copies whenever the storage is aligned, so no f32 copy of
//! a whole model is ever made.
//!
//! Writing follows spec C.3: splats and small (< 256 elements, byte-sized) constants are
//! inline `dense<...>`; sub-byte integers, FP4, FP8 and E8M0 data and every constant of 256
//! elements or more become `dense_resource` blobs with content-hash names
//! (`resource_<64-bit hash>`), so names are deterministic and equal data share one blob.
//!
//! ## Parallelisation
//! [`ConstantData`] and [`Weights`] are plain data borrowed from the context: the compression
//! passes hand them to rayon threads; the IR itself is only touched on the pass's thread.

use crate::ir::{self, Attr, DenseStorage, Elements, Op, Type, Value};
use coreai_compress::{
    chain::{
        ResultType, SizeError, Tensor, Weights, check_materialisable, checked_elements, is_splat,
    },
    formats::{self, ElemType, FormatError},
    pack::PackError,
};
use half::{bf16, f16};
use std::{borrow::Cow, collections::HashMap};
use thiserror::Error;

/// Why the data of a constant cannot be read (or decoded to f32).
#[derive(Debug, Error, Clone, PartialEq)]
pub enum ConstantError {
    /// The value is not the result of a `coreai.constant`.
    #[error("the value is not defined by a coreai.constant")]
    NotConstant,
    /// A `coreai.constant` without its `value` attribute.
    #[error("coreai.constant has no 'value' attribute")]
    NoValue,
    /// The value's type is not a ranked tensor.
    #[error("constant is not a ranked tensor")]
    NotRankedTensor,
    /// The value's type has a dynamic dimension.
    #[error("constant has a dynamic shape")]
    DynamicShape,
    /// An element type the passes do not handle, spelled as in MLIR.
    #[error("unsupported element type {0}")]
    UnsupportedElement(String),
    /// The attribute is neither `dense<...>` nor `dense_resource<...>`.
    #[error("constant value is neither dense nor dense_resource")]
    NotElements,
    /// The element count of the shape overflows `usize`.
    #[error("the element count of the constant overflows")]
    CountOverflow,
    /// A `dense_resource` whose blob is missing.
    #[error("dense_resource has no blob")]
    NoBlob,
    /// A `dense_resource` blob of the wrong length.
    #[error("dense_resource blob holds {got} bytes, but {count} {elem} elements need {expected}")]
    BlobLength {
        /// The blob's length in bytes.
        got: usize,
        /// The element count of the type.
        count: usize,
        /// The element type.
        elem: ElemType,
        /// The length the type needs.
        expected: usize,
    },
    /// A constant too large to materialise.
    #[error(transparent)]
    Size(#[from] SizeError),
    /// Storage that the element codec rejects.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// Inline sub-byte data that does not fit its width.
    #[error(transparent)]
    Pack(#[from] PackError),
}

/// Why a constant cannot be viewed as weights.
#[derive(Debug, Error, Clone, PartialEq)]
pub(crate) enum ViewError {
    /// A splat too large to materialise.
    #[error(transparent)]
    Size(#[from] SizeError),
    /// Not a float (f16, bf16, f32) constant.
    #[error("{0} is not a weight type")]
    NotWeight(ElemType),
}

/// Why a constant cannot be written.
#[derive(Debug, Error, Clone, PartialEq)]
pub(crate) enum WriteError {
    /// Values that the element type cannot represent.
    #[error(transparent)]
    Encode(#[from] FormatError),
    /// MLIR did not build the attribute, e.g. for an invalid type.
    #[error("cannot build a constant of type {0}")]
    Attribute(String),
    /// The constant op could not be inserted before the given op.
    #[error("cannot insert a constant here")]
    Insert,
}

/// Why the result of a decompression op has no dense type to decode to.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub(crate) enum ResultTypeError {
    /// The op has no result.
    #[error("the op has no result")]
    NoResult,
    /// The result is not a ranked tensor.
    #[error("result is not a ranked tensor")]
    NotRankedTensor,
    /// The result has a dynamic dimension.
    #[error("result has a dynamic shape")]
    DynamicShape,
    /// An element type the decoder does not produce, spelled as in MLIR.
    #[error("cannot decode to element type {0}")]
    UnsupportedElement(String),
}

/// Constants with fewer elements than this are written inline (spec C.3).
pub(crate) const INLINE_LIMIT: usize = 256;

/// The data of a constant, in blob layout (sub-byte values bit-packed LSB-first), borrowed
/// from the context where possible.
#[derive(Debug)]
pub(crate) struct ConstantData<'a> {
    pub elem: ElemType,
    pub shape: Vec<usize>,
    /// Storage bytes. For a splat, the bytes of one element (packed types: one element
    /// packed alone).
    pub bytes: Cow<'a, [u8]>,
    pub splat: bool,
}

impl ConstantData<'_> {
    /// The number of elements (saturating: a splat can have an absurd shape).
    pub fn num_elements(&self) -> usize {
        checked_elements(&self.shape).unwrap_or(usize::MAX)
    }

    /// Decodes every element to f32 (splats expanded).
    pub fn to_f32(&self) -> Result<Vec<f32>, ConstantError> {
        check_materialisable(&self.shape)?;
        if self.splat {
            let v = formats::decode_buffer(self.elem, &self.bytes, 1)?;
            return Ok(vec![v.first().copied().unwrap_or(0.0); self.num_elements()]);
        }
        Ok(formats::decode_buffer(
            self.elem,
            &self.bytes,
            self.num_elements(),
        )?)
    }

    /// The decoded constant as a dense chain tensor.
    pub fn to_tensor(&self) -> Result<Tensor, ConstantError> {
        Ok(Tensor::dense(self.elem, self.shape.clone(), self.to_f32()?))
    }

    /// Bytes the constant takes in its blob layout.
    pub fn storage_bytes(&self) -> usize {
        self.elem.storage_len(self.num_elements()).unwrap_or(0)
    }

    /// Bytes the constant takes as stored: one element for a splat.
    pub fn stored_bytes(&self) -> usize {
        if self.splat {
            self.elem.storage_len(1).unwrap_or(0)
        } else {
            self.storage_bytes()
        }
    }
}

/// Reads the value of a `coreai.constant`.
pub(crate) fn read_constant<'a>(op: Op<'a>) -> Result<ConstantData<'a>, ConstantError> {
    let attr = op
        .attr(ir::names::VALUE_ATTR)
        .ok_or(ConstantError::NoValue)?;
    read_elements(attr)
}

/// Reads the value defined by `value`, which must be a `coreai.constant`.
pub(crate) fn read_value<'a>(value: Value<'a>) -> Result<ConstantData<'a>, ConstantError> {
    let op = value
        .defining_op()
        .filter(|op| op.is(ir::names::CONSTANT))
        .ok_or(ConstantError::NotConstant)?;
    read_constant(op)
}

/// Reads a dense or dense_resource elements attribute.
pub(crate) fn read_elements<'a>(attr: Attr<'a>) -> Result<ConstantData<'a>, ConstantError> {
    let tt = attr.ty().tensor().ok_or(ConstantError::NotRankedTensor)?;
    let shape = tt.static_shape().ok_or(ConstantError::DynamicShape)?;
    let elem = tt
        .elem
        .elem_type()
        .ok_or_else(|| ConstantError::UnsupportedElement(tt.elem.text()))?;
    let count = checked_elements(&shape);
    match attr.elements().ok_or(ConstantError::NotElements)? {
        Elements::Resource(blob) => {
            let count = count.ok_or(ConstantError::CountOverflow)?;
            let bytes = blob.ok_or(ConstantError::NoBlob)?;
            // FP4 blobs may be unpacked, one code per byte (the reference's layout): repacked.
            let bytes = formats::canonical_blob(elem, bytes, count).map_err(|e| match e {
                FormatError::BufferLength { expected, got, .. } => ConstantError::BlobLength {
                    got,
                    count,
                    elem,
                    expected,
                },
                e => ConstantError::Format(e),
            })?;
            Ok(ConstantData {
                elem,
                shape,
                bytes,
                splat: false,
            })
        }
        Elements::Dense { splat, storage } => {
            if !splat {
                count.ok_or(ConstantError::CountOverflow)?;
            }
            let bits = elem.bit_width();
            let bytes = match storage {
                DenseStorage::Bools(values) => {
                    let mut packed = vec![0u8; values.len().div_ceil(8)];
                    for (i, _) in values.iter().enumerate().filter(|(_, b)| **b) {
                        packed[i / 8] |= 1 << (i % 8);
                    }
                    Cow::Owned(packed)
                }
                // Inline sub-byte data takes one byte per element; repack to the blob layout.
                DenseStorage::Bytes(raw) if bits < 8 => {
                    Cow::Owned(coreai_compress::pack::pack_low_bits(raw, bits)?)
                }
                DenseStorage::Bytes(raw) => Cow::Borrowed(raw),
            };
            Ok(ConstantData {
                elem,
                shape,
                bytes,
                splat,
            })
        }
    }
}

/// Views a float constant as weights in its own element type (no copy when aligned).
pub(crate) fn weights<'a>(data: &'a ConstantData<'_>) -> Result<Weights<'a>, ViewError> {
    fn view<'a, T: Copy + Default>(
        bytes: &'a [u8],
        n: usize,
        splat: bool,
        from_le: impl Fn(&[u8]) -> T,
    ) -> Cow<'a, [T]> {
        let size = std::mem::size_of::<T>();
        if splat {
            let v = if bytes.len() >= size {
                from_le(&bytes[..size])
            } else {
                T::default()
            };
            return Cow::Owned(vec![v; n]);
        }
        if bytes.as_ptr().align_offset(std::mem::align_of::<T>()) == 0 && bytes.len() == n * size {
            // SAFETY: aligned, the right length, and every bit pattern is a valid f16/bf16/f32
            // (the only types this is called with); the bytes are little-endian, as is the
            // target.
            return Cow::Borrowed(unsafe {
                std::slice::from_raw_parts(bytes.as_ptr().cast::<T>(), n)
            });
        }
        Cow::Owned(bytes.chunks_exact(size).map(from_le).collect())
    }
    let n = if data.splat {
        check_materialisable(&data.shape)?
    } else {
        data.num_elements()
    };
    let b: &'a [u8] = &data.bytes;
    Ok(match data.elem {
        ElemType::F16 => Weights::F16(view(b, n, data.splat, |c| f16::from_le_bytes([c[0], c[1]]))),
        ElemType::BF16 => Weights::BF16(view(b, n, data.splat, |c| {
            bf16::from_le_bytes([c[0], c[1]])
        })),
        ElemType::F32 => Weights::F32(view(b, n, data.splat, |c| {
            f32::from_le_bytes([c[0], c[1], c[2], c[3]])
        })),
        other => return Err(ViewError::NotWeight(other)),
    })
}

/// The dense type the result of decompression op `op` decodes to, and that result.
pub(crate) fn dense_result<'a>(op: Op<'a>) -> Result<(ResultType, Value<'a>), ResultTypeError> {
    let value = op.result(0).ok_or(ResultTypeError::NoResult)?;
    let tt = value
        .ty()
        .tensor()
        .ok_or(ResultTypeError::NotRankedTensor)?;
    let shape = tt.static_shape().ok_or(ResultTypeError::DynamicShape)?;
    let elem = tt
        .elem
        .elem_type()
        .ok_or_else(|| ResultTypeError::UnsupportedElement(tt.elem.text()))?;
    Ok((ResultType::dense(elem, shape), value))
}

/// 64-bit content hash used for resource names: four independent multiply-xor lanes over
/// 8-byte words, so hashing runs at memory speed on big blobs. Deterministic across runs.
pub(crate) fn content_hash(bytes: &[u8], salt: &str) -> u64 {
    const K: [u64; 4] = [
        0x9E37_79B9_7F4A_7C15,
        0xC2B2_AE3D_27D4_EB4F,
        0x1656_67B1_9E37_79F9,
        0x85EB_CA77_C2B2_AE63,
    ];
    let mut lanes = [K[0] ^ bytes.len() as u64, K[1], K[2], K[3]];
    for b in salt.bytes() {
        lanes[0] = (lanes[0] ^ u64::from(b)).wrapping_mul(K[1]);
    }
    let mut chunks = bytes.chunks_exact(32);
    for c in &mut chunks {
        for (i, lane) in lanes.iter_mut().enumerate() {
            let w = u64::from_le_bytes(c[i * 8..i * 8 + 8].try_into().unwrap_or([0; 8]));
            *lane = (*lane ^ w).wrapping_mul(K[i]).rotate_left(29);
        }
    }
    for (i, b) in chunks.remainder().iter().enumerate() {
        lanes[i % 4] = (lanes[i % 4] ^ u64::from(*b))
            .wrapping_mul(K[i % 4])
            .rotate_left(13);
    }
    let mut h =
        lanes[0] ^ lanes[1].rotate_left(17) ^ lanes[2].rotate_left(31) ^ lanes[3].rotate_left(47);
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h
}

/// Creates constants, sharing one `dense_resource` per distinct (type, content).
#[derive(Default)]
pub(crate) struct ConstantFactory<'a> {
    resources: HashMap<(u64, usize), Attr<'a>>,
}

impl<'a> ConstantFactory<'a> {
    /// The attribute for `bytes` (blob layout) of type `tensor<shape x elem>`. A
    /// `dense_resource` takes ownership of `bytes` without copying them.
    pub fn attribute(
        &mut self,
        ctx: ir::Context<'a>,
        elem: ElemType,
        shape: &[usize],
        bytes: Vec<u8>,
    ) -> Result<Attr<'a>, WriteError> {
        let ty = Type::ranked_tensor(shape, Type::of_elem(ctx, elem), None);
        let count = checked_elements(shape).unwrap_or(usize::MAX);
        let built = if count > 0 && is_splat(elem, &bytes, count) {
            dense_attr(ty, elem, &first_element(elem, &bytes), 1)
        } else if inline_ok(elem) && count < INLINE_LIMIT {
            dense_attr(ty, elem, &bytes, count)
        } else {
            let key = (content_hash(&bytes, &ty.text()), ty.key());
            if let Some(a) = self.resources.get(&key) {
                return Ok(*a);
            }
            let attr = Attr::resource(ty, &format!("resource_{}", key.0), bytes);
            if let Some(attr) = attr {
                self.resources.insert(key, attr);
            }
            attr
        };
        built.ok_or_else(|| WriteError::Attribute(ty.text()))
    }

    /// Creates a `coreai.constant` before `before` and returns its result.
    pub fn constant(
        &mut self,
        before: Op<'a>,
        elem: ElemType,
        shape: &[usize],
        bytes: Vec<u8>,
    ) -> Result<Value<'a>, WriteError> {
        let attr = self.attribute(before.context(), elem, shape, bytes)?;
        ir::create_op_before(
            before,
            ir::names::CONSTANT,
            &[],
            &[attr.ty()],
            &[(ir::names::VALUE_ATTR, attr)],
        )
        .and_then(|op| op.result(0))
        .ok_or(WriteError::Insert)
    }

    /// A constant holding `values` encoded (RNE) into `elem`.
    pub fn constant_f32(
        &mut self,
        before: Op<'a>,
        elem: ElemType,
        shape: &[usize],
        values: &[f32],
    ) -> Result<Value<'a>, WriteError> {
        let bytes = formats::encode_buffer(elem, values)?;
        self.constant(before, elem, shape, bytes)
    }
}

/// Element types MLIR can hold inline with their blob bytes (byte-sized integers and floats
/// other than the 8-bit minifloats).
fn inline_ok(elem: ElemType) -> bool {
    !elem.is_packed()
        && !matches!(
            elem,
            ElemType::F8E4M3FN | ElemType::F8E5M2 | ElemType::F8E8M0FNU
        )
}

/// The first element of `bytes`, alone, in blob layout.
fn first_element(elem: ElemType, bytes: &[u8]) -> Vec<u8> {
    let bits = elem.bit_width() as usize;
    if bits >= 8 {
        bytes[..bits / 8].to_vec()
    } else {
        vec![bytes[0] & ((1u16 << bits) - 1) as u8]
    }
}

/// An inline `dense<...>` attribute. `bytes` is in blob layout; `n` is 1 for a splat.
fn dense_attr<'a>(ty: Type<'a>, elem: ElemType, bytes: &[u8], n: usize) -> Option<Attr<'a>> {
    let bits = elem.bit_width() as usize;
    if bits >= 8 {
        return Attr::dense_raw(ty, bytes);
    }
    // Inline storage uses one byte per sub-byte element (sign-extended for signed types,
    // so that e.g. si4 -1 reads back as -1).
    let mut out = coreai_compress::pack::unpack_unsigned(bytes, n, bits as u32).unwrap_or_default();
    if bits == 1 {
        let values: Vec<bool> = out.iter().map(|&b| b & 1 != 0).collect();
        return Attr::dense_bools(ty, &values);
    }
    if let ElemType::Int { signed: true, .. } = elem {
        let shift = 8 - bits;
        for v in &mut out {
            *v = (((*v << shift) as i8) >> shift) as u8;
        }
    }
    Attr::dense_raw(ty, &out)
}
