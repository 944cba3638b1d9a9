//! CPU feature detection and the crate's one ISA dispatch.
//!
//! Every SIMD kernel of the crate is picked at run time by [`dispatch!`] from an [`Isa`], the
//! instruction-set level this CPU runs, detected once per process and cached. Each kernel has
//! a scalar path (code for the baseline target), and its SIMD variants give the same bytes: they
//! perform the same floating-point operations in the same order. Each variant is tested against
//! the scalar path on the same inputs, in the kernel's own module.
//!
//! # Levels
//! | level | x86-64 features | kernels with a variant |
//! |---|---|---|
//! | scalar | the baseline (SSE2), and every other target | all |
//! | `avx2` | AVX, AVX2, F16C | quantization tiles and columns (their generic code compiled again), f16 widening |
//! | `avx512` | `avx2` and AVX-512F, AVX-512VL | the exact k-means DP row scan |
//!
//! A kernel without a variant for the detected level runs its best variant below it.
//!
//! # Forcing the scalar path
//! With `COREAI_FORCE_SCALAR` set to anything but `""` or `0` when the first kernel runs,
//! [`Isa::detect`] returns the scalar level, so every kernel takes its scalar path (the output
//! is byte-identical either way; this exists to show that, and to rule SIMD out when hunting a
//! bug). `half`'s slice conversions, which some kernels call, detect F16C on their own; they are
//! exact, so that changes no output.
//!
//! # Safety
//! An [`Isa`] above scalar can only be made by detection ([`Isa::detect`], `Isa::supported`):
//! holding one proves that the CPU has every feature of its level. [`dispatch!`] relies on that
//! alone to call `#[target_feature]` functions, each of which enables only features of the
//! level it is listed under.

use std::{ffi::OsStr, sync::OnceLock};

/// The environment variable that forces the scalar path (see the module docs).
pub(crate) const FORCE_SCALAR_ENV: &str = "COREAI_FORCE_SCALAR";

/// Instruction-set levels, each a superset of the one before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    /// The baseline target.
    Scalar,
    /// x86-64 with AVX, AVX2 and F16C.
    Avx2,
    /// [`Level::Avx2`] plus AVX-512F and AVX-512VL.
    Avx512,
}

/// A detected instruction-set level: proof that this CPU runs the kernels of that level.
///
/// The field is private, so outside this module an `Isa` only comes from [`Isa::detect`],
/// `Isa::supported` (tests) or [`Isa::SCALAR`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Isa(Level);

impl Isa {
    /// The scalar level, which every CPU runs.
    pub(crate) const SCALAR: Isa = Isa(Level::Scalar);

    /// The level the kernels use: the best this CPU runs, or scalar when
    /// `COREAI_FORCE_SCALAR` is set. Detected on the first call, then cached.
    #[inline]
    pub(crate) fn detect() -> Isa {
        static ISA: OnceLock<Isa> = OnceLock::new();
        *ISA.get_or_init(|| {
            if forced_scalar(std::env::var_os(FORCE_SCALAR_ENV).as_deref()) {
                Isa::SCALAR
            } else {
                Isa(best_level())
            }
        })
    }

    /// Every level this CPU runs, scalar first, whatever `COREAI_FORCE_SCALAR` says (for tests
    /// that compare each variant with the scalar path).
    #[cfg(test)]
    pub(crate) fn supported() -> Vec<Isa> {
        let best = best_level();
        [Level::Scalar, Level::Avx2, Level::Avx512]
            .into_iter()
            .filter(|&l| l <= best)
            .map(Isa)
            .collect()
    }

    /// Whether this level includes AVX, AVX2 and F16C.
    #[inline(always)]
    pub(crate) fn avx2(self) -> bool {
        self.0 >= Level::Avx2
    }

    /// Whether this level includes AVX-512F and AVX-512VL (and AVX2).
    #[inline(always)]
    pub(crate) fn avx512(self) -> bool {
        self.0 >= Level::Avx512
    }
}

/// Whether a value of `COREAI_FORCE_SCALAR` forces the scalar path.
fn forced_scalar(value: Option<&OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty() && v != "0")
}

/// The best level this CPU runs (std caches the CPUID results).
fn best_level() -> Level {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        if has!("avx") && has!("avx2") && has!("f16c") {
            return if has!("avx512f") && has!("avx512vl") {
                Level::Avx512
            } else {
                Level::Avx2
            };
        }
    }
    Level::Scalar
}

/// The crate's one ISA dispatch, in two forms.
///
/// **Call form**: `dispatch!(isa, avx512 => f(a, b), avx2 => g(a, b), _ => scalar(a, b))` runs
/// the first listed variant whose level `isa` reaches (list them from the highest level down),
/// else the expression after `_`. A variant is a `#[target_feature]` function whose features lie
/// within its level's, called with plain variables (a path and identifiers only), so that the
/// `unsafe` the macro adds covers that call and nothing else. Variants exist on x86-64 only.
///
/// **Definition form**: `dispatch! { fn name<G: Bound, ..>(a: A, ..) -> R = body for [avx2] }`
/// (attributes and visibility allowed before `fn`) defines `name(isa, a, ..)`, which runs the
/// `#[inline(always)]` function `body(isa, a, ..)` compiled once more with the `avx2` features
/// and picks that copy or the plain one by `isa` (the same source, so the same operations: the
/// compiler only gets wider registers and F16C for it). `body` receives the `isa` so that it
/// can hand it on to the kernels it calls.
macro_rules! dispatch {
    (
        $(#[$meta:meta])*
        $vis:vis fn $name:ident<$($g:ident: $bound:path),* $(,)?>($($a:ident: $t:ty),* $(,)?) -> $r:ty
            = $body:ident for [avx2]
    ) => {
        $(#[$meta])*
        #[allow(clippy::too_many_arguments)]
        #[inline]
        $vis fn $name<$($g: $bound),*>(isa: $crate::arch::Isa, $($a: $t),*) -> $r {
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx2,f16c")]
            #[allow(clippy::too_many_arguments)]
            fn avx2<$($g: $bound),*>(isa: $crate::arch::Isa, $($a: $t),*) -> $r {
                $body(isa, $($a),*)
            }
            $crate::arch::dispatch!(isa, avx2 => avx2(isa, $($a),*), _ => $body(isa, $($a),*))
        }
    };
    (
        $isa:expr,
        $($level:ident => $($f:ident)::+ ($($a:ident),* $(,)?)),+ ,
        _ => $scalar:expr $(,)?
    ) => {{
        let isa: $crate::arch::Isa = $isa;
        'dispatch: {
            $(
                #[cfg(target_arch = "x86_64")]
                if isa.$level() {
                    // SAFETY: `isa` reaches this level, and an `Isa` reaches a level only when
                    // detection found every feature of that level on this CPU (the invariant
                    // of `crate::arch`); the variant enables no feature outside its level.
                    break 'dispatch unsafe { $($f)::+($($a),*) };
                }
            )+
            $scalar
        }
    }};
}
pub(crate) use dispatch;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_ordered_and_scalar_is_always_supported() {
        let all = Isa::supported();
        assert_eq!(all[0], Isa::SCALAR);
        assert!(all.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(!Isa::SCALAR.avx2() && !Isa::SCALAR.avx512());
        // The cached level is one of the supported ones (scalar when forced).
        assert!(all.contains(&Isa::detect()));
        assert_eq!(Isa::detect(), Isa::detect());
        for isa in all {
            assert!(!isa.avx512() || isa.avx2(), "avx512 implies avx2");
        }
    }

    #[test]
    fn force_scalar_values() {
        assert!(!forced_scalar(None));
        assert!(!forced_scalar(Some(OsStr::new(""))));
        assert!(!forced_scalar(Some(OsStr::new("0"))));
        assert!(forced_scalar(Some(OsStr::new("1"))));
        assert!(forced_scalar(Some(OsStr::new("yes"))));
        if forced_scalar(std::env::var_os(FORCE_SCALAR_ENV).as_deref()) {
            assert_eq!(Isa::detect(), Isa::SCALAR);
        } else {
            assert_eq!(Isa::detect(), *Isa::supported().last().unwrap());
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,f16c")]
    fn level_avx2(x: u32) -> (&'static str, u32) {
        ("avx2", x)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512vl")]
    fn level_avx512(x: u32) -> (&'static str, u32) {
        ("avx512", x)
    }

    fn which(isa: Isa, x: u32) -> (&'static str, u32) {
        dispatch!(isa, avx512 => level_avx512(x), avx2 => level_avx2(x), _ => ("scalar", x))
    }

    #[inline(always)]
    fn twice<T: crate::Element>(_isa: Isa, x: T) -> f32 {
        x.to_f32() * 2.0
    }

    dispatch! {
        /// `twice` through the definition form.
        fn twice_isa<T: crate::Element>(x: T) -> f32 = twice for [avx2]
    }

    #[test]
    fn dispatch_runs_the_highest_listed_variant_of_the_level() {
        assert_eq!(which(Isa::SCALAR, 7), ("scalar", 7));
        for isa in Isa::supported() {
            let want = if isa.avx512() {
                "avx512"
            } else if isa.avx2() {
                "avx2"
            } else {
                "scalar"
            };
            assert_eq!(which(isa, 3), (want, 3), "{isa:?}");
            assert_eq!(twice_isa(isa, 21.0f32), 42.0);
            assert_eq!(twice_isa(isa, half::f16::from_f32(1.5)), 3.0);
        }
    }
}
