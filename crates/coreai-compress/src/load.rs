//! Exact widening of weight slices to f32 and raw views of them, shared by every kernel.
//!
//! The kernels are generic over [`Element`]; converting element by element through
//! `Element::to_f32` would not vectorize for f16 (half checks the CPU per call). These helpers
//! recognise the concrete type by `TypeId` and convert whole slices: f16 with F16C eight at a
//! time on the `avx2` level of [`crate::arch`] (half's slice conversion otherwise), bf16 by a
//! shift. Every path is exact, so the result does not depend on the path.

use std::any::TypeId;

use half::{bf16, f16, slice::HalfFloatSliceExt};

use crate::{
    arch::{Isa, dispatch},
    element::Element,
};

/// Widens `src` into `dst` (same length) exactly, with the kernels of the detected level.
#[inline]
pub(crate) fn load_f32<T: Element>(src: &[T], dst: &mut [f32]) {
    load_f32_at(Isa::detect(), src, dst);
}

/// [`load_f32`] with the kernels of level `isa` (callers that already dispatched pass theirs).
#[inline]
pub(crate) fn load_f32_at<T: Element>(isa: Isa, src: &[T], dst: &mut [f32]) {
    debug_assert_eq!(src.len(), dst.len(), "load_f32 length mismatch");
    let n = src.len().min(dst.len());
    let (src, dst) = (&src[..n], &mut dst[..n]);
    if let Some(s) = as_u16_bits(src) {
        if T::TYPE == crate::FloatType::BF16 {
            // bf16 is the top half of an f32: a shift, which the compiler vectorizes.
            for (d, &h) in dst.iter_mut().zip(s) {
                *d = f32::from_bits(u32::from(h) << 16);
            }
        } else {
            f16_bits_to_f32(isa, s, dst);
        }
    } else if let Some(s) = as_f32(src) {
        dst.copy_from_slice(s);
    } else {
        for (d, s) in dst.iter_mut().zip(src) {
            *d = s.to_f32();
        }
    }
}

/// f16 bit patterns to f32 (same length): [`f16_bits_to_f32_f16c`] on the `avx2` level, half's
/// slice conversion otherwise.
#[inline]
fn f16_bits_to_f32(isa: Isa, src: &[u16], dst: &mut [f32]) {
    dispatch!(isa, avx2 => f16_bits_to_f32_f16c(src, dst), _ => f16_bits_to_f32_portable(src, dst))
}

/// The portable path of [`f16_bits_to_f32`]: half's slice conversion (which may detect F16C by
/// itself; it is exact either way).
fn f16_bits_to_f32_portable(src: &[u16], dst: &mut [f32]) {
    let n = src.len().min(dst.len());
    f16_view(&src[..n]).convert_to_f32_slice(&mut dst[..n]);
}

/// f16 bit patterns to f32 with `vcvtph2ps`, eight at a time, then one by one.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx,f16c")]
fn f16_bits_to_f32_f16c(src: &[u16], dst: &mut [f32]) {
    use std::arch::x86_64::{__m128i, _mm_loadu_si128, _mm256_cvtph_ps, _mm256_storeu_ps};
    let n = src.len().min(dst.len());
    let mut i = 0;
    while i + 8 <= n {
        // SAFETY: `i + 8 <= n <= src.len(), dst.len()`, so the unaligned 16-byte load reads
        // `src[i..i + 8]` and the unaligned 32-byte store writes `dst[i..i + 8]`, both in
        // bounds; `dst` is borrowed mutably, so nothing else observes the write.
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

/// `bits` viewed as f16 values.
fn f16_view(bits: &[u16]) -> &[f16] {
    // SAFETY: `half::f16` is a `#[repr(transparent)]` wrapper of `u16` (same size, alignment
    // and validity: every bit pattern is an f16), and the view keeps the borrow's lifetime.
    unsafe { std::slice::from_raw_parts(bits.as_ptr().cast::<f16>(), bits.len()) }
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
        // SAFETY: `T` is exactly `half::f16` or `half::bf16` (same `TypeId`), both
        // `#[repr(transparent)]` wrappers of `u16`, so size, alignment and validity match; the
        // view keeps the borrow's lifetime.
        Some(unsafe { std::slice::from_raw_parts(src.as_ptr().cast::<u16>(), src.len()) })
    } else {
        None
    }
}

/// An f32 slice as `&[f32]`, `None` for other types.
pub(crate) fn as_f32<T: Element>(src: &[T]) -> Option<&[f32]> {
    if TypeId::of::<T>() == TypeId::of::<f32>() {
        // SAFETY: `T` is exactly `f32` (same `TypeId`), so this is the same slice type; the
        // view keeps the borrow's lifetime.
        Some(unsafe { std::slice::from_raw_parts(src.as_ptr().cast::<f32>(), src.len()) })
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
        assert_eq!(as_f32(&v).unwrap()[3], v[3]);
        assert!(as_f32(&h).is_none());
        let allb: Vec<bf16> = (0..=u16::MAX).map(bf16::from_bits).collect();
        let mut out = vec![0f32; allb.len()];
        load_f32(&allb, &mut out);
        for (o, x) in out.iter().zip(&allb) {
            assert!(o.to_bits() == x.to_f32().to_bits() || (o.is_nan() && x.is_nan()));
        }
        assert_eq!(with_scratch(5, |b| b.len()), 5);
    }

    /// The F16C kernel and the portable path give half's software conversion
    /// (`to_f32_const`), bit for bit, for every f16 bit pattern, at every level this CPU runs,
    /// for every length of the scalar tail and every misalignment of the vector loop.
    #[test]
    fn f16_widening_variants_match_the_scalar_path() {
        let isas = Isa::supported();
        if isas.len() == 1 {
            crate::testutil::skip_note(
                "f16_widening_variants_match_the_scalar_path",
                "this CPU has no F16C level of crate::arch; only the portable path ran",
            );
        }
        let all: Vec<u16> = (0..=u16::MAX).collect();
        let want: Vec<u32> = all
            .iter()
            .map(|&b| f16::from_bits(b).to_f32_const().to_bits())
            .collect();
        for isa in isas {
            for skip in 0..9 {
                for tail in [0usize, 1, 7, 8, 9] {
                    let src = &all[skip..all.len() - tail];
                    let mut out = vec![0f32; src.len()];
                    f16_bits_to_f32(isa, src, &mut out);
                    for (i, o) in out.iter().enumerate() {
                        assert_eq!(
                            o.to_bits(),
                            want[skip + i],
                            "{isa:?}: f16 {:#06x}",
                            all[skip + i]
                        );
                    }
                    // Through the generic entry point too.
                    let h: Vec<f16> = src.iter().map(|&b| f16::from_bits(b)).collect();
                    let mut out2 = vec![0f32; h.len()];
                    load_f32_at(isa, &h, &mut out2);
                    assert!(
                        out.iter()
                            .zip(&out2)
                            .all(|(a, b)| a.to_bits() == b.to_bits())
                    );
                }
            }
            for n in 0..20 {
                let mut out = vec![0f32; n];
                f16_bits_to_f32(isa, &all[1000..1000 + n], &mut out);
                assert!(
                    out.iter()
                        .zip(&want[1000..])
                        .all(|(o, &w)| o.to_bits() == w),
                    "{isa:?}: length {n}"
                );
            }
        }
    }
}
