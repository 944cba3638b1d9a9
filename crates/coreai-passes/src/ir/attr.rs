//! Attributes: string attributes, reading the data of elements attributes in place, and
//! building inline `dense<...>` and `dense_resource` attributes.

use super::{Type, str_of, to_ref};
use mlir_sys::*;
use std::{ffi::c_void, marker::PhantomData};

/// An attribute handle (attributes are uniqued in the context, which outlives `'a`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Attr<'a> {
    raw: MlirAttribute,
    _ir: PhantomData<&'a ()>,
}

/// The data of an elements attribute, borrowed from the context.
#[derive(Debug)]
pub(crate) enum Elements<'a> {
    /// A `dense_resource` blob; `None` if the resource has no blob.
    Resource(Option<&'a [u8]>),
    /// Inline `dense<...>` data of a splat (one element) or of every element.
    Dense {
        /// One element stands for all.
        splat: bool,
        /// The elements.
        storage: DenseStorage<'a>,
    },
}

/// Inline dense storage.
#[derive(Debug)]
pub(crate) enum DenseStorage<'a> {
    /// `i1`/`ui1` elements, one `bool` each.
    Bools(Vec<bool>),
    /// Other integer and float elements: `ceil(bits / 8)` little-endian bytes each (sub-byte
    /// types take one byte per element).
    Bytes(&'a [u8]),
}

impl<'a> Attr<'a> {
    pub(super) fn from_raw(raw: MlirAttribute) -> Option<Self> {
        (!raw.ptr.is_null()).then_some(Attr {
            raw,
            _ir: PhantomData,
        })
    }

    pub(super) fn raw(self) -> MlirAttribute {
        self.raw
    }

    /// The attribute's type.
    pub fn ty(self) -> Type<'a> {
        // SAFETY: `raw` is an attribute of a live context.
        Type::new(unsafe { mlirAttributeGetType(self.raw) })
    }

    /// The value of a string attribute.
    pub fn string_value(self) -> Option<&'a str> {
        // SAFETY: `raw` is an attribute of a live context; the value is only read from a
        // string attribute, whose storage is uniqued in the context and outlives 'a.
        unsafe {
            mlirAttributeIsAString(self.raw).then(|| str_of(mlirStringAttrGetValue(self.raw)))
        }
    }

    /// The data of a dense or dense_resource elements attribute.
    pub fn elements(self) -> Option<Elements<'a>> {
        let attr = self.raw;
        // SAFETY: `attr` is an attribute of a live context.
        if unsafe { mlirAttributeIsADenseResourceElements(attr) } {
            let mut data: *const c_void = std::ptr::null();
            let mut size = 0usize;
            // SAFETY: the shim only writes the two out-parameters.
            let ok = unsafe {
                coreai_dialect::ffi::coreaiDenseResourceGetRawData(attr, &mut data, &mut size)
            };
            if !ok {
                return Some(Elements::Resource(None));
            }
            let bytes: &'a [u8] = if size == 0 || data.is_null() {
                &[]
            } else {
                // SAFETY: the blob holds `size` bytes at `data`; it belongs to the context's
                // resource manager and stays valid while the context lives, beyond 'a.
                unsafe { std::slice::from_raw_parts(data.cast::<u8>(), size) }
            };
            return Some(Elements::Resource(Some(bytes)));
        }
        // SAFETY: as above.
        if !unsafe { mlirAttributeIsADenseElements(attr) } {
            return None;
        }
        // SAFETY: `attr` is a dense elements attribute.
        let (splat, count) = unsafe {
            (
                mlirDenseElementsAttrIsSplat(attr),
                mlirElementsAttrGetNumElements(attr),
            )
        };
        let count = if splat {
            1
        } else {
            usize::try_from(count).ok()?
        };
        let bits = self.ty().tensor()?.elem.bit_width()?;
        if bits == 1 {
            // i1 storage differs between MLIR versions; read element by element.
            // SAFETY: `attr` is a dense i1 attribute and every index is below its element
            // count (1 for a splat).
            let values = (0..count)
                .map(|i| unsafe { mlirDenseElementsAttrGetBoolValue(attr, i as isize) })
                .collect();
            return Some(Elements::Dense {
                splat,
                storage: DenseStorage::Bools(values),
            });
        }
        let len = count.checked_mul(bits.div_ceil(8) as usize)?;
        // SAFETY: `attr` is a dense attribute.
        let raw = unsafe { mlirDenseElementsAttrGetRawData(attr) }.cast::<u8>();
        let bytes: &'a [u8] = if len == 0 || raw.is_null() {
            &[]
        } else {
            // SAFETY: inline dense storage of a non-i1 integer or float type holds `count`
            // elements (one for a splat) of `ceil(bits / 8)` bytes each, uniqued in the
            // context, which outlives 'a.
            unsafe { std::slice::from_raw_parts(raw, len) }
        };
        Some(Elements::Dense {
            splat,
            storage: DenseStorage::Bytes(bytes),
        })
    }

    /// An inline `dense<...>` attribute of tensor type `ty` from raw storage (`ceil(bits/8)`
    /// bytes per element): every element, or one for a splat. `None` if `bytes` has neither
    /// length, or `ty` is not a tensor of integers or floats wider than one bit.
    pub fn dense_raw(ty: Type<'a>, bytes: &[u8]) -> Option<Attr<'a>> {
        let tensor = ty.tensor()?;
        let bits = tensor.elem.bit_width()?;
        let count = tensor
            .static_shape()?
            .iter()
            .try_fold(1usize, |a, &d| a.checked_mul(d))?;
        let size = bits.div_ceil(8) as usize;
        if bits <= 1 || (bytes.len() != size && Some(bytes.len()) != count.checked_mul(size)) {
            return None;
        }
        // SAFETY: `ty` is a live static tensor type and `bytes` is a valid raw buffer for it
        // (one element or all of them), which MLIR copies.
        let raw = unsafe {
            mlirDenseElementsAttrRawBufferGet(ty.raw(), bytes.len(), bytes.as_ptr().cast())
        };
        Attr::from_raw(raw)
    }

    /// An inline `dense<...>` attribute of an `i1`/`ui1` tensor type: every element, or one
    /// for a splat. `None` if the count fits neither.
    pub fn dense_bools(ty: Type<'a>, values: &[bool]) -> Option<Attr<'a>> {
        let count = ty
            .tensor()?
            .static_shape()?
            .iter()
            .try_fold(1usize, |a, &d| a.checked_mul(d))?;
        if values.len() != 1 && values.len() != count {
            return None;
        }
        let ints: Vec<i32> = values.iter().map(|&b| i32::from(b)).collect();
        // SAFETY: `ty` is a live i1 tensor type and `ints` holds one value or one per
        // element, which MLIR copies.
        let raw =
            unsafe { mlirDenseElementsAttrBoolGet(ty.raw(), ints.len() as isize, ints.as_ptr()) };
        Attr::from_raw(raw)
    }

    /// A `dense_resource<name>` attribute of type `ty` that takes ownership of `bytes`
    /// (moved, or copied once into 16-byte aligned storage if they are not aligned).
    pub fn resource(ty: Type<'a>, name: &str, bytes: Vec<u8>) -> Option<Attr<'a>> {
        let len = bytes.len();
        let owner = if bytes.as_ptr().align_offset(16) == 0 {
            BlobOwner::Bytes(bytes)
        } else {
            let mut buf = vec![0u128; len.div_ceil(16).max(1)];
            for (dst, src) in buf.iter_mut().zip(bytes.chunks(16)) {
                let mut word = [0u8; 16];
                word[..src.len()].copy_from_slice(src);
                *dst = u128::from_le_bytes(word);
            }
            BlobOwner::Aligned(buf)
        };
        let mut owner = Box::new(owner);
        let data = match owner.as_mut() {
            BlobOwner::Bytes(b) => b.as_mut_ptr().cast::<c_void>(),
            BlobOwner::Aligned(b) => b.as_mut_ptr().cast::<c_void>(),
        };
        let user = Box::into_raw(owner).cast::<c_void>();
        // SAFETY: `data` points to `len` bytes owned by the box at `user`, which stays alive
        // (and the heap buffer in place) until MLIR calls `free_blob` with `user`, exactly
        // once, when the blob is released. The name is copied.
        let raw = unsafe {
            mlirUnmanagedDenseResourceElementsAttrGet(
                ty.raw(),
                to_ref(name),
                data,
                len,
                16,
                false,
                Some(free_blob),
                user,
            )
        };
        Attr::from_raw(raw)
    }
}

/// The owner of a blob handed to MLIR: the kernel's own buffer when it is 16-byte aligned
/// (always, with the system allocator on x86-64), otherwise an aligned copy.
enum BlobOwner {
    Bytes(Vec<u8>),
    Aligned(Vec<u128>),
}

unsafe extern "C" fn free_blob(
    user: *mut c_void,
    _data: *const c_void,
    _size: usize,
    _align: usize,
) {
    // SAFETY: `user` is the box leaked in `Attr::resource`, released here exactly once.
    drop(unsafe { Box::from_raw(user.cast::<BlobOwner>()) });
}
