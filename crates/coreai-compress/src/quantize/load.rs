//! Fast widening of weight slices to f32 and raw-bit views, shared by the kernels.
//!
//! The kernels are generic over [`Element`]; converting element by element through
//! `Element::to_f32` would not vectorize for f16 (half checks the CPU per call). These helpers
//! recognise the concrete type by `TypeId` and use half's slice conversions (F16C when the CPU
//! has it), which is exact.

use std::any::TypeId;

use half::{bf16, f16, slice::HalfFloatSliceExt};

use crate::element::Element;

/// Widens `src` into `dst` (same length) exactly.
#[inline]
pub(crate) fn load_f32<T: Element>(src: &[T], dst: &mut [f32]) {
    debug_assert_eq!(src.len(), dst.len(), "load_f32 length mismatch");
    let n = src.len().min(dst.len());
    let (src, dst) = (&src[..n], &mut dst[..n]);
    if TypeId::of::<T>() == TypeId::of::<f16>() {
        // SAFETY: T is f16 (same TypeId), a `#[repr(transparent)]` u16.
        let s = unsafe { std::slice::from_raw_parts(src.as_ptr().cast::<u16>(), n) };
        f16_bits_to_f32(s, dst);
    } else if TypeId::of::<T>() == TypeId::of::<bf16>() {
        // SAFETY: T is bf16, a `#[repr(transparent)]` u16.
        let s = unsafe { std::slice::from_raw_parts(src.as_ptr().cast::<u16>(), n) };
        // bf16 is the top half of an f32: a shift, which the compiler vectorizes.
        for (d, &h) in dst.iter_mut().zip(s) {
            *d = f32::from_bits(u32::from(h) << 16);
        }
    } else if TypeId::of::<T>() == TypeId::of::<f32>() {
        // SAFETY: T is f32.
        let s = unsafe { std::slice::from_raw_parts(src.as_ptr().cast::<f32>(), n) };
        dst.copy_from_slice(s);
    } else {
        for (d, s) in dst.iter_mut().zip(src) {
            *d = s.to_f32();
        }
    }
}

/// f16 bit patterns to f32: `vcvtph2ps` eight at a time when the CPU has F16C (checked once
/// per call; std caches the CPUID result), half's conversion otherwise.
fn f16_bits_to_f32(src: &[u16], dst: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("f16c") && std::arch::is_x86_feature_detected!("avx") {
        // SAFETY: the required CPU features were just detected.
        unsafe { f16_bits_to_f32_f16c(src, dst) };
        return;
    }
    // SAFETY: f16 is a `#[repr(transparent)]` u16.
    let s = unsafe { std::slice::from_raw_parts(src.as_ptr().cast::<f16>(), src.len()) };
    s.convert_to_f32_slice(&mut dst[..s.len()]);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx,f16c")]
unsafe fn f16_bits_to_f32_f16c(src: &[u16], dst: &mut [f32]) {
    use std::arch::x86_64::{__m128i, _mm_loadu_si128, _mm256_cvtph_ps, _mm256_storeu_ps};
    let n = src.len().min(dst.len());
    let mut i = 0;
    while i + 8 <= n {
        // SAFETY: i + 8 <= n bounds both unaligned accesses.
        unsafe {
            let h = _mm_loadu_si128(src.as_ptr().add(i).cast::<__m128i>());
            _mm256_storeu_ps(dst.as_mut_ptr().add(i), _mm256_cvtph_ps(h));
        }
        i += 8;
    }
    for j in i..n {
        dst[j] = f16::from_bits(src[j]).to_f32();
    }
}

/// Runs `f` with a scratch f32 buffer of length `n`, reusing a per-thread allocation (the
/// kernels call this once per task; zeroing or page-faulting a fresh buffer each time showed up
/// in profiles). The contents on entry are unspecified.
pub(crate) fn with_scratch<R>(n: usize, f: impl FnOnce(&mut [f32]) -> R) -> R {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<f32>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            if buf.len() < n {
                buf.resize(n, 0.0);
            }
            f(&mut buf[..n])
        }
        // Re-entered on this thread (not expected): fall back to a fresh buffer.
        Err(_) => f(&mut vec![0f32; n]),
    })
}

/// The raw 16-bit patterns of an f16 or bf16 slice, `None` for other types.
pub(crate) fn as_u16_bits<T: Element>(src: &[T]) -> Option<&[u16]> {
    if TypeId::of::<T>() == TypeId::of::<f16>() || TypeId::of::<T>() == TypeId::of::<bf16>() {
        // SAFETY: f16 and bf16 are `#[repr(transparent)]` wrappers of u16.
        Some(unsafe { std::slice::from_raw_parts(src.as_ptr().cast::<u16>(), src.len()) })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_is_exact_for_every_type() {
        let v: Vec<f32> = (0..100).map(|i| (i as f32 - 50.0) * 0.37).collect();
        let h: Vec<f16> = v.iter().map(|&x| f16::from_f32(x)).collect();
        let b: Vec<bf16> = v.iter().map(|&x| bf16::from_f32(x)).collect();
        let mut out = vec![0f32; 100];
        load_f32(&h, &mut out);
        assert!(out.iter().zip(&h).all(|(o, x)| *o == x.to_f32()));
        load_f32(&b, &mut out);
        assert!(out.iter().zip(&b).all(|(o, x)| *o == x.to_f32()));
        load_f32(&v, &mut out);
        assert_eq!(out, v);
        assert_eq!(as_u16_bits(&h).unwrap()[3], h[3].to_bits());
        assert_eq!(as_u16_bits(&b).unwrap()[3], b[3].to_bits());
        assert!(as_u16_bits(&v).is_none());
        // Every f16 bit pattern, through the vector path (and its scalar tail).
        let all: Vec<f16> = (0..=u16::MAX).map(f16::from_bits).collect();
        let mut out = vec![0f32; all.len() - 3];
        load_f32(&all[3..], &mut out);
        for (o, x) in out.iter().zip(&all[3..]) {
            assert!(o.to_bits() == x.to_f32().to_bits() || (o.is_nan() && x.is_nan()));
        }
        let allb: Vec<bf16> = (0..=u16::MAX).map(bf16::from_bits).collect();
        let mut out = vec![0f32; allb.len()];
        load_f32(&allb, &mut out);
        for (o, x) in out.iter().zip(&allb) {
            assert!(o.to_bits() == x.to_f32().to_bits() || (o.is_nan() && x.is_nan()));
        }
        assert_eq!(with_scratch(5, |b| b.len()), 5);
    }
}
