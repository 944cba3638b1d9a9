//! Types: reading ranked tensor types and element types, building them from [`ElemType`].

use super::{Attr, Context, print_to_string};
use coreai_compress::formats::ElemType;
use mlir_sys::*;
use std::marker::PhantomData;

/// A type handle (types are uniqued in the context, which outlives `'a`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Type<'a> {
    raw: MlirType,
    _ir: PhantomData<&'a ()>,
}

/// Shape and element type of a ranked tensor type.
#[derive(Clone, Debug)]
pub(crate) struct TensorType<'a> {
    /// Dims; `None` for a dynamic dim.
    pub dims: Vec<Option<usize>>,
    /// The element type.
    pub elem: Type<'a>,
}

impl TensorType<'_> {
    /// The static shape, if every dim is static.
    pub fn static_shape(&self) -> Option<Vec<usize>> {
        self.dims.iter().copied().collect()
    }
}

impl<'a> Type<'a> {
    pub(super) fn new(raw: MlirType) -> Self {
        Type {
            raw,
            _ir: PhantomData,
        }
    }

    pub(super) fn raw(self) -> MlirType {
        self.raw
    }

    /// An identity key, equal for equal types of one context (plain data, e.g. for maps).
    pub fn key(self) -> usize {
        self.raw.ptr as usize
    }

    /// The type as MLIR prints it, e.g. `tensor<8x4xf16>`.
    pub fn text(self) -> String {
        // SAFETY: `raw` is a type of a live context.
        print_to_string(|cb, user| unsafe { mlirTypePrint(self.raw, cb, user) })
    }

    /// Shape and element type, if this is a ranked tensor type.
    pub fn tensor(self) -> Option<TensorType<'a>> {
        let ty = self.raw;
        // SAFETY: `ty` is a type of a live context; the shaped-type queries are only made on
        // a ranked tensor type, with dim indices below its rank.
        unsafe {
            if !mlirTypeIsARankedTensor(ty) {
                return None;
            }
            let rank = mlirShapedTypeGetRank(ty).max(0) as usize;
            let dims = (0..rank)
                .map(|i| {
                    let d = mlirShapedTypeGetDimSize(ty, i as isize);
                    (!mlirShapedTypeIsDynamicDim(ty, i as isize) && d >= 0).then_some(d as usize)
                })
                .collect();
            Some(TensorType {
                dims,
                elem: Type::new(mlirShapedTypeGetElementType(ty)),
            })
        }
    }

    /// The [`ElemType`] of this element type, if it is one the passes handle.
    pub fn elem_type(self) -> Option<ElemType> {
        let ty = self.raw;
        // SAFETY: `ty` is a type of a live context; the integer width and signedness are only
        // read from an integer type.
        unsafe {
            if mlirTypeIsAF16(ty) {
                Some(ElemType::F16)
            } else if mlirTypeIsABF16(ty) {
                Some(ElemType::BF16)
            } else if mlirTypeIsAF32(ty) {
                Some(ElemType::F32)
            } else if mlirTypeIsAFloat8E4M3FN(ty) {
                Some(ElemType::F8E4M3FN)
            } else if mlirTypeIsAFloat8E5M2(ty) {
                Some(ElemType::F8E5M2)
            } else if mlirTypeIsAFloat4E2M1FN(ty) {
                Some(ElemType::F4E2M1FN)
            } else if mlirTypeIsAFloat8E8M0FNU(ty) {
                Some(ElemType::F8E8M0FNU)
            } else if mlirTypeIsAInteger(ty) {
                let bits = mlirIntegerTypeGetWidth(ty);
                if !(1..=32).contains(&bits) || (bits > 8 && bits != 16 && bits != 32) {
                    return None;
                }
                Some(ElemType::Int {
                    bits: bits as u8,
                    signed: mlirIntegerTypeIsSigned(ty),
                })
            } else {
                None
            }
        }
    }

    /// Storage bits per element of an integer or float type (`None` for other types).
    pub(super) fn bit_width(self) -> Option<u32> {
        let ty = self.raw;
        // SAFETY: `ty` is a type of a live context; widths are only read from integer and
        // float types.
        unsafe {
            if mlirTypeIsAInteger(ty) {
                Some(mlirIntegerTypeGetWidth(ty))
            } else if mlirTypeIsAFloat(ty) {
                Some(mlirFloatTypeGetWidth(ty))
            } else {
                None
            }
        }
    }

    /// The MLIR element type of an [`ElemType`]. Integers are signed (`si*`) or unsigned
    /// (`ui*`), as Core AI requires; `Int { bits: 1, signed: false }` is `ui1`.
    pub fn of_elem(ctx: Context<'a>, ty: ElemType) -> Type<'a> {
        let ctx = ctx.raw;
        // SAFETY: `ctx` is a live context; the getters only create or look up types in it.
        let raw = unsafe {
            match ty {
                ElemType::F16 => mlirF16TypeGet(ctx),
                ElemType::BF16 => mlirBF16TypeGet(ctx),
                ElemType::F32 => mlirF32TypeGet(ctx),
                ElemType::F8E4M3FN => mlirFloat8E4M3FNTypeGet(ctx),
                ElemType::F8E5M2 => mlirFloat8E5M2TypeGet(ctx),
                ElemType::F4E2M1FN => mlirFloat4E2M1FNTypeGet(ctx),
                ElemType::F8E8M0FNU => mlirFloat8E8M0FNUTypeGet(ctx),
                ElemType::Int { bits, signed: true } => {
                    mlirIntegerTypeSignedGet(ctx, u32::from(bits))
                }
                ElemType::Int {
                    bits,
                    signed: false,
                } => mlirIntegerTypeUnsignedGet(ctx, u32::from(bits)),
            }
        };
        Type::new(raw)
    }

    /// `tensor<shape x elem>`, with an optional encoding.
    pub fn ranked_tensor(shape: &[usize], elem: Type<'a>, encoding: Option<Attr<'a>>) -> Type<'a> {
        let dims: Vec<i64> = shape.iter().map(|&d| d as i64).collect();
        let enc = encoding.map(Attr::raw);
        // SAFETY: `elem` and the encoding are live; `dims` holds `dims.len()` values for the
        // duration of the call. A null attribute means no encoding.
        let raw = unsafe {
            let enc = enc.unwrap_or_else(|| mlirAttributeGetNull());
            mlirRankedTensorTypeGet(dims.len() as isize, dims.as_ptr(), elem.raw, enc)
        };
        Type::new(raw)
    }

    /// `tensor<shape x elem, #coreai.sparse_tensor_encoding<bitmask, numNonZero = nnz,
    /// posWidth = 1, crdWidth = 1>>`.
    pub fn sparse_tensor(
        ctx: Context<'a>,
        shape: &[usize],
        elem: Type<'a>,
        nnz: usize,
    ) -> Type<'a> {
        // SAFETY: `ctx` is a live context in which the coreai dialect is loaded (the passes
        // depend on it); the shim only builds the attribute.
        let encoding = unsafe {
            coreai_dialect::ffi::coreaiSparseTensorEncodingAttrGet(ctx.raw, nnz as i64, 1, 1)
        };
        Type::ranked_tensor(shape, elem, Attr::from_raw(encoding))
    }
}
