//! Reading and writing `coreai.constant` data.
//!
//! Reading borrows the attribute's storage in place: inline `dense<...>` data through
//! `mlirDenseElementsAttrGetRawData`, `dense_resource` blobs through the C++ shim. Weights
//! are viewed as `&[f16]`/`&[bf16]`/`&[f32]` without copies whenever the storage is aligned,
//! so no f32 copy of a whole model is ever made.
//!
//! Writing follows spec C.3: splats and small (< 256 elements, byte-sized) constants are
//! inline `dense<...>`; sub-byte integers, FP4, FP8 and E8M0 data and every constant of 256
//! elements or more become `dense_resource` blobs with content-hash names
//! (`resource_<64-bit hash>`), so names are deterministic and equal data share one blob.

use crate::ir::{self, Op, Val, to_ref};
use coreai_compress::formats::{self, ElemType};
use half::{bf16, f16};
use mlir_sys::*;
use std::{borrow::Cow, collections::HashMap, ffi::c_void};

/// Constants with fewer elements than this are written inline (spec C.3).
pub(crate) const INLINE_LIMIT: usize = 256;

/// The most elements a pass materialises from a splat or decodes into one tensor (2^32, 16 GB
/// as f32). Larger tensors are reported instead of aborting on allocation.
pub(crate) const MAX_MATERIALISED: usize = 1 << 32;

/// The number of elements of `shape`, `None` if it overflows.
pub(crate) fn checked_elements(shape: &[usize]) -> Option<usize> {
    shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d))
}

/// Checks that a tensor of `shape` can be materialised.
pub(crate) fn check_materialisable(shape: &[usize]) -> Result<usize, String> {
    match checked_elements(shape) {
        Some(n) if n <= MAX_MATERIALISED => Ok(n),
        Some(n) => Err(format!(
            "the tensor has {n} elements, more than the {MAX_MATERIALISED} this tool materialises"
        )),
        None => Err(format!("the element count of shape {shape:?} overflows")),
    }
}

/// The data of a constant, in blob layout (sub-byte values bit-packed LSB-first).
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
    pub fn to_f32(&self) -> Result<Vec<f32>, String> {
        check_materialisable(&self.shape)?;
        if self.splat {
            let v = formats::decode_buffer(self.elem, &self.bytes, 1).map_err(|e| e.to_string())?;
            return Ok(vec![v.first().copied().unwrap_or(0.0); self.num_elements()]);
        }
        formats::decode_buffer(self.elem, &self.bytes, self.num_elements())
            .map_err(|e| e.to_string())
    }

    /// Bytes the constant takes in its blob layout.
    pub fn storage_bytes(&self) -> usize {
        self.elem.storage_len(self.num_elements()).unwrap_or(0)
    }
}

/// A weight viewed in its own element type.
pub(crate) enum Weights<'a> {
    F16(Cow<'a, [f16]>),
    BF16(Cow<'a, [bf16]>),
    F32(Cow<'a, [f32]>),
}

/// Reads the constant attribute of a `coreai.constant`.
pub(crate) fn read_constant(op: Op) -> Result<ConstantData<'static>, String> {
    let attr = op
        .attr("value")
        .ok_or("coreai.constant has no 'value' attribute")?;
    read_elements(attr)
}

/// Reads a dense or dense_resource elements attribute.
pub(crate) fn read_elements(attr: MlirAttribute) -> Result<ConstantData<'static>, String> {
    let ty = unsafe { mlirAttributeGetType(attr) };
    let tt = ir::TensorType::of(ty).ok_or("constant is not a ranked tensor")?;
    let shape = tt.static_shape().ok_or("constant has a dynamic shape")?;
    let elem = ir::elem_type(tt.elem)
        .ok_or_else(|| format!("unsupported element type {}", ir::type_string(tt.elem)))?;
    let count = checked_elements(&shape);
    if unsafe { mlirAttributeIsADenseResourceElements(attr) } {
        let count = count.ok_or("the element count of the constant overflows")?;
        let mut data: *const c_void = std::ptr::null();
        let mut size = 0usize;
        // SAFETY: the shim only writes the two out-parameters.
        let ok = unsafe {
            coreai_dialect::ffi::coreaiDenseResourceGetRawData(attr, &mut data, &mut size)
        };
        if !ok {
            return Err("dense_resource has no blob".into());
        }
        let expected = elem.storage_len(count).map_err(|e| e.to_string())?;
        if size != expected {
            return Err(format!(
                "dense_resource blob holds {size} bytes, but {count} {elem} elements need {expected}"
            ));
        }
        // SAFETY: the blob lives as long as the context; the passes do not outlive it.
        let bytes: &'static [u8] = if size == 0 {
            &[]
        } else {
            unsafe { std::slice::from_raw_parts(data.cast::<u8>(), size) }
        };
        return Ok(ConstantData {
            elem,
            shape,
            bytes: Cow::Borrowed(bytes),
            splat: false,
        });
    }
    if !unsafe { mlirAttributeIsADenseElements(attr) } {
        return Err("constant value is neither dense nor dense_resource".into());
    }
    let splat = unsafe { mlirDenseElementsAttrIsSplat(attr) };
    let n = if splat {
        1
    } else {
        count.ok_or("the element count of the constant overflows")?
    };
    let bits = elem.bit_width() as usize;
    if bits == 1 {
        // i1 storage differs between MLIR versions; read element by element.
        let mut packed = vec![0u8; n.div_ceil(8)];
        for i in 0..n {
            if unsafe { mlirDenseElementsAttrGetBoolValue(attr, i as isize) } {
                packed[i / 8] |= 1 << (i % 8);
            }
        }
        return Ok(ConstantData {
            elem,
            shape,
            bytes: Cow::Owned(packed),
            splat,
        });
    }
    let raw = unsafe { mlirDenseElementsAttrGetRawData(attr) }.cast::<u8>();
    let stride = bits.div_ceil(8);
    // SAFETY: inline dense storage holds `n` elements of `stride` bytes each.
    let raw: &'static [u8] = if n == 0 || raw.is_null() {
        &[]
    } else {
        unsafe { std::slice::from_raw_parts(raw, n * stride) }
    };
    if bits < 8 {
        // Inline sub-byte data takes one byte per element; repack to the blob layout.
        let values: Vec<u8> = raw.to_vec();
        let packed = coreai_compress::pack::pack_low_bits(&values, bits as u32)
            .map_err(|e| e.to_string())?;
        return Ok(ConstantData {
            elem,
            shape,
            bytes: Cow::Owned(packed),
            splat,
        });
    }
    Ok(ConstantData {
        elem,
        shape,
        bytes: Cow::Borrowed(raw),
        splat,
    })
}

/// Views a float constant as weights in its own element type (no copy when aligned).
pub(crate) fn weights<'a>(data: &'a ConstantData<'_>) -> Result<Weights<'a>, String> {
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
            // SAFETY: aligned, the right length, and every bit pattern is a valid f16/bf16/f32.
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
        other => return Err(format!("{other} is not a weight type")),
    })
}

/// The storage bytes of weight values (f16, bf16 or f32, little-endian).
pub(crate) fn element_bytes<T: coreai_compress::element::Element>(values: &[T]) -> Vec<u8> {
    // SAFETY: `Element` is implemented only for f16, bf16 and f32: plain data without padding,
    // stored little-endian on the targets this crate builds for.
    unsafe {
        std::slice::from_raw_parts(values.as_ptr().cast::<u8>(), std::mem::size_of_val(values))
    }
    .to_vec()
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
    // SAFETY: `user` is the boxed owner leaked in `resource_attr`.
    drop(unsafe { Box::from_raw(user.cast::<BlobOwner>()) });
}

/// Creates constants, sharing one `dense_resource` per distinct (type, content).
#[derive(Default)]
pub(crate) struct ConstantFactory {
    resources: HashMap<(u64, usize), MlirAttribute>,
}

impl ConstantFactory {
    /// The attribute for `bytes` (blob layout) of type `tensor<shape x elem>`. A
    /// `dense_resource` takes ownership of `bytes` without copying them.
    pub fn attribute(
        &mut self,
        ctx: MlirContext,
        elem: ElemType,
        shape: &[usize],
        bytes: Vec<u8>,
    ) -> MlirAttribute {
        let ty = ir::tensor_type(shape, ir::mlir_type(ctx, elem), None);
        let count = checked_elements(shape).unwrap_or(usize::MAX);
        if count > 0 && is_splat(elem, &bytes, count) {
            return dense_attr(ty, elem, &first_element(elem, &bytes), 1);
        }
        let inline_ok = !elem.is_packed()
            && !matches!(
                elem,
                ElemType::F8E4M3FN | ElemType::F8E5M2 | ElemType::F8E8M0FNU
            );
        if inline_ok && count < INLINE_LIMIT {
            return dense_attr(ty, elem, &bytes, count);
        }
        let key = (content_hash(&bytes, &ir::type_string(ty)), ty.ptr as usize);
        if let Some(a) = self.resources.get(&key) {
            return *a;
        }
        let attr = resource_attr(ty, &format!("resource_{}", key.0), bytes);
        self.resources.insert(key, attr);
        attr
    }

    /// Creates a `coreai.constant` before `before` and returns its result.
    pub fn constant(&mut self, before: Op, elem: ElemType, shape: &[usize], bytes: Vec<u8>) -> Val {
        let attr = self.attribute(before.context(), elem, shape, bytes);
        let ty = unsafe { mlirAttributeGetType(attr) };
        ir::create_op_before(before, "coreai.constant", &[], &[ty], &[("value", attr)]).result(0)
    }

    /// A constant holding `values` encoded (RNE) into `elem`.
    pub fn constant_f32(
        &mut self,
        before: Op,
        elem: ElemType,
        shape: &[usize],
        values: &[f32],
    ) -> Result<Val, String> {
        let bytes = formats::encode_buffer(elem, values).map_err(|e| e.to_string())?;
        Ok(self.constant(before, elem, shape, bytes))
    }
}

pub(crate) fn is_splat(elem: ElemType, bytes: &[u8], count: usize) -> bool {
    if count == 1 {
        return true;
    }
    let bits = elem.bit_width() as usize;
    if bits >= 8 {
        // Every element equals the first iff every element equals the one before it: one
        // shifted comparison (memcmp), instead of a loop per element.
        let size = bits / 8;
        let len = (count * size).min(bytes.len());
        return len >= size && bytes[size..len] == bytes[..len - size];
    }
    let get = |i: usize| -> u32 {
        let bit = i * bits;
        let mut v = 0u32;
        for k in 0..bits {
            let b = bit + k;
            v |= u32::from((bytes[b / 8] >> (b % 8)) & 1) << k;
        }
        v
    };
    let first = get(0);
    if 8 % bits == 0 {
        // 1, 2 and 4 bits: whole bytes must all be `first` replicated, then the last,
        // partial byte element by element.
        let per_byte = 8 / bits;
        let full = count / per_byte;
        let pattern = (0..per_byte).fold(0u8, |b, k| b | ((first as u8) << (k * bits)));
        return bytes.len() >= count.div_ceil(per_byte)
            && bytes[..full].iter().all(|&b| b == pattern)
            && (full * per_byte..count).all(|i| get(i) == first);
    }
    (1..count).all(|i| get(i) == first)
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
fn dense_attr(ty: MlirType, elem: ElemType, bytes: &[u8], n: usize) -> MlirAttribute {
    let bits = elem.bit_width() as usize;
    let raw: Cow<[u8]> = if bits < 8 {
        // Inline storage uses one byte per sub-byte element (sign-extended for signed
        // types, so that e.g. si4 -1 reads back as -1).
        let mut out =
            coreai_compress::pack::unpack_unsigned(bytes, n, bits as u32).unwrap_or_default();
        if let ElemType::Int { signed: true, .. } = elem {
            for v in &mut out {
                let shift = 8 - bits;
                *v = (((*v << shift) as i8) >> shift) as u8;
            }
        }
        Cow::Owned(out)
    } else {
        Cow::Borrowed(bytes)
    };
    if bits == 1 {
        let values: Vec<i32> = raw.iter().map(|&b| i32::from(b & 1)).collect();
        return unsafe { mlirDenseElementsAttrBoolGet(ty, values.len() as isize, values.as_ptr()) };
    }
    unsafe { mlirDenseElementsAttrRawBufferGet(ty, raw.len(), raw.as_ptr().cast()) }
}

/// A `dense_resource` attribute owning `bytes` (moved, or copied once if not 16-byte aligned).
fn resource_attr(ty: MlirType, name: &str, bytes: Vec<u8>) -> MlirAttribute {
    let len = bytes.len();
    let owner = if bytes.as_ptr().align_offset(16) == 0 {
        BlobOwner::Bytes(bytes)
    } else {
        let mut buf = vec![0u128; len.div_ceil(16).max(1)];
        // SAFETY: `buf` has at least `len` bytes.
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), buf.as_mut_ptr().cast::<u8>(), len)
        };
        BlobOwner::Aligned(buf)
    };
    let mut owner = Box::new(owner);
    let data = match owner.as_mut() {
        BlobOwner::Bytes(b) => b.as_mut_ptr().cast::<c_void>(),
        BlobOwner::Aligned(b) => b.as_mut_ptr().cast::<c_void>(),
    };
    let user = Box::into_raw(owner).cast::<c_void>();
    // SAFETY: `data` stays valid until MLIR calls `free_blob` with `user`.
    unsafe {
        mlirUnmanagedDenseResourceElementsAttrGet(
            ty,
            to_ref(name),
            data,
            len,
            16,
            false,
            Some(free_blob),
            user,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast paths agree with an element-by-element comparison, for whole-byte and
    /// sub-byte types, full and partial last bytes, and a difference in any position.
    #[test]
    fn is_splat_matches_element_comparison() {
        for bits in [1u8, 2, 3, 4, 6, 8, 16] {
            let elem = ElemType::Int {
                bits,
                signed: false,
            };
            for count in [2usize, 3, 7, 8, 9, 33, 64] {
                let value = (1u32 << (bits.min(8) - 1)) | 1;
                let mut codes = vec![value; count];
                let pack = |c: &[u32]| -> Vec<u8> {
                    let b = usize::from(bits);
                    let mut out = vec![0u8; (c.len() * b).div_ceil(8)];
                    for (i, &v) in c.iter().enumerate() {
                        for k in 0..b {
                            out[(i * b + k) / 8] |= (((v >> k) & 1) as u8) << ((i * b + k) % 8);
                        }
                    }
                    out
                };
                assert!(is_splat(elem, &pack(&codes), count), "{bits} bits, {count}");
                for i in [1, count / 2, count - 1] {
                    codes[i] ^= 1;
                    assert!(
                        !is_splat(elem, &pack(&codes), count),
                        "{bits} bits, {count}, {i}"
                    );
                    codes[i] ^= 1;
                }
            }
        }
        assert!(!is_splat(ElemType::F16, &[], 2));
    }
}
