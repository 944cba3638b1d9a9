//! The check of the `kernels` fuzz target (fuzz/fuzz_targets/kernels.rs), shared with the
//! regression test that replays fuzz/regressions/kernels: every numeric kernel of
//! `coreai-compress` on arbitrary data and parameters derived from the input bytes.
//!
//! Contract checked: bad input is a returned `Err`, never a panic (the debug assertions and
//! overflow checks of the fuzz build and of `cargo test` are on), plus cheap invariants of
//! successful results: output lengths match their shapes, codes fit their width, scales and
//! LUTs are finite, finite weights decode to finite values, `unpack(pack(x)) == x`, and the
//! decoders agree with the kernels' own `decompress`/`to_dense`.
//!
//! Byte 0 picks the kernel; the rest is read through `arbitrary::Unstructured`. Shapes are
//! kept small (at most 4 dims, at most 512 elements) except in the "huge shape" cases, which
//! only exercise the size and overflow checks (no buffer of that size is ever built).

use arbitrary::{Result, Unstructured};
use coreai_compress::{
    Element, FloatType,
    blocks::{self, BlockLayout},
    decode,
    formats::{self, ElemType},
    pack,
    palettize::{Granularity, PalettizeConfig, palettize},
    quantize::{QScheme, QuantDType, QuantParams, ScaleStorage, quantize},
    sparsify::{self, Sparsified},
};
use half::{bf16, f16};

const MAX_ELEMS: usize = 512;

/// `COREAI_FUZZ_DEBUG=1` prints each kernel call (to read a crash input). Every finding kept in
/// fuzz/regressions/kernels is fixed, so nothing is stepped around.
fn debug() -> bool {
    static DEBUG: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *DEBUG.get_or_init(|| std::env::var_os("COREAI_FUZZ_DEBUG").is_some())
}

/// Runs the kernel that byte 0 of `data` picks on the rest: the check of the `kernels` fuzz
/// target. Panics (an assertion or a kernel panic) on a finding.
pub fn check(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let mut u = Unstructured::new(rest);
    // Running out of bytes is not a finding.
    let _ = match which % 8 {
        0 => fuzz_quantize(&mut u),
        1 => fuzz_palettize(&mut u),
        2 => fuzz_sparsify(&mut u),
        3 => fuzz_pack(&mut u),
        4 => fuzz_formats(&mut u),
        5 => fuzz_bss(&mut u),
        6 => fuzz_lut(&mut u),
        _ => fuzz_sparse_decode(&mut u),
    };
}

// ------------------------------------------------------------------------------------------
// Input helpers
// ------------------------------------------------------------------------------------------

/// A small shape: rank 0..=4, each dim 0..=8, at most MAX_ELEMS elements.
fn small_shape(u: &mut Unstructured, min_rank: usize) -> Result<Vec<usize>> {
    let rank = u.int_in_range(min_rank..=4)?;
    let mut shape = Vec::with_capacity(rank);
    for _ in 0..rank {
        shape.push(u.int_in_range(0..=8)?);
    }
    while shape.iter().product::<usize>() > MAX_ELEMS {
        if let Some(d) = shape.iter_mut().max() {
            *d /= 2;
        }
    }
    Ok(shape)
}

/// A dim that is sometimes absurd (to reach the overflow checks).
fn any_dim(u: &mut Unstructured) -> Result<usize> {
    Ok(match u.int_in_range(0u8..=15)? {
        0 => usize::MAX,
        1 => usize::MAX / 2 + 1,
        2 => 1 << 32,
        3 => 0,
        _ => u.int_in_range(1..=8)?,
    })
}

fn n_elems(shape: &[usize]) -> usize {
    shape.iter().product()
}

/// How many elements to actually supply: usually the shape's count, sometimes off by a bit.
fn supplied_len(u: &mut Unstructured, n: usize) -> Result<usize> {
    Ok(match u.int_in_range(0u8..=15)? {
        0 => n + 1,
        1 => n.saturating_sub(1),
        2 => u.int_in_range(0..=MAX_ELEMS)?,
        _ => n,
    })
}

/// Raw weight bits: arbitrary (NaN, inf, subnormal) or drawn from a small value set, so that
/// ties and "few distinct values" cases are frequent.
fn weights_f32(u: &mut Unstructured, len: usize) -> Result<Vec<f32>> {
    let mode = u.int_in_range(0u8..=5)?;
    let palette: Vec<f32> = (0..u.int_in_range(1..=6)?)
        .map(|_| f32::from_bits(u.arbitrary::<u32>().unwrap_or(0)))
        .collect();
    (0..len)
        .map(|_| {
            Ok(match mode {
                0 => f32::from_bits(u.arbitrary()?),
                1 => palette[u.choose_index(palette.len())?],
                2 => 0.0,
                3 => (u.arbitrary::<i8>()? as f32) / 16.0,
                4 => [
                    65504.0, -65504.0, 1e30, -1e30, 3.0e38, -3.4e38, 6e-8, -1e-40, 0.0, -0.0,
                ][u.choose_index(10)?],
                _ => (u.arbitrary::<i16>()? as f32) * 1e-3,
            })
        })
        .collect()
}

/// Weights of any element type; f16/bf16 come from the same draw (rounded) or raw bits.
fn weights<T: Element>(u: &mut Unstructured, len: usize) -> Result<Vec<T>> {
    let raw = u.arbitrary::<bool>()?;
    if raw && T::TYPE != FloatType::F32 {
        return (0..len)
            .map(|_| {
                let b: u16 = u.arbitrary()?;
                Ok(match T::TYPE {
                    FloatType::F16 => T::from_f32(f16::from_bits(b).to_f32()),
                    _ => T::from_f32(bf16::from_bits(b).to_f32()),
                })
            })
            .collect();
    }
    Ok(weights_f32(u, len)?.into_iter().map(T::from_f32).collect())
}

fn all_finite<T: Element>(w: &[T]) -> bool {
    w.iter().all(|x| x.to_f32().is_finite())
}

/// Dispatches on the weight element type.
macro_rules! with_elem {
    ($u:expr, |$t:ident| $body:expr) => {
        match $u.int_in_range(0u8..=2)? {
            0 => {
                type $t = f32;
                $body
            }
            1 => {
                type $t = f16;
                $body
            }
            _ => {
                type $t = bf16;
                $body
            }
        }
    };
}

// ------------------------------------------------------------------------------------------
// quantize
// ------------------------------------------------------------------------------------------

fn fuzz_quantize(u: &mut Unstructured) -> Result<()> {
    with_elem!(u, |T| quantize_typed::<T>(u))
}

fn quantize_typed<T: Element>(u: &mut Unstructured) -> Result<()> {
    let dtype = QuantDType::ALL[u.choose_index(QuantDType::ALL.len())?];
    let scheme = if u.arbitrary()? {
        QScheme::Asymmetric
    } else {
        QScheme::Symmetric
    };
    let same_type = u.int_in_range(0u8..=3)? != 0;
    let scale = if dtype.is_float() && u.arbitrary()? {
        ScaleStorage::E8M0
    } else if same_type {
        ScaleStorage::Float(T::TYPE)
    } else {
        [
            ScaleStorage::Float(FloatType::F16),
            ScaleStorage::Float(FloatType::BF16),
            ScaleStorage::Float(FloatType::F32),
            ScaleStorage::E8M0,
        ][u.choose_index(4)?]
    };
    let shape = small_shape(u, 0)?;
    let mut block_sizes: Vec<usize> = shape
        .iter()
        .map(|&d| u.int_in_range(0..=d + 1))
        .collect::<Result<_>>()?;
    if u.int_in_range(0u8..=15)? == 0 {
        block_sizes.push(1); // rank mismatch
    }
    let n = n_elems(&shape);
    let len = supplied_len(u, n)?;
    let w: Vec<T> = weights(u, len)?;
    let params = QuantParams {
        dtype,
        scheme,
        scale,
    };
    if debug() {
        eprintln!(
            "quantize::<{:?}>(w={w:?}, shape={shape:?}, block_sizes={block_sizes:?}, {params:?})",
            T::TYPE
        );
    }
    let Ok(q) = quantize(&w, &shape, &block_sizes, &params) else {
        return Ok(());
    };
    assert_eq!(
        len, n,
        "quantize accepted {len} weights for shape {shape:?}"
    );
    assert!(all_finite(&w), "quantize accepted non-finite weights");
    assert_eq!(q.codes.len(), n);
    assert_eq!(q.scale_shape.len(), shape.len());
    let nb = n_elems(&q.scale_shape);
    assert_eq!(
        q.scale.len(),
        nb,
        "scale len vs scale shape {:?}",
        q.scale_shape
    );
    assert_eq!(q.zero_point.len(), nb);
    for &s in &q.scale {
        assert!(s > 0.0 && s.is_finite(), "bad scale {s} ({params:?})");
    }
    let bits = dtype.bits();
    if bits < 8 {
        for &c in &q.codes {
            assert!(
                u32::from(c) < (1 << bits),
                "code {c:#x} does not fit {bits} bits"
            );
        }
    }
    if let Some((lo, hi)) = dtype.int_range(QScheme::Asymmetric) {
        for &z in &q.zero_point {
            assert!(
                (lo..=hi).contains(&z),
                "zero point {z} outside [{lo}, {hi}]"
            );
        }
    }
    let packed = q.packed_codes().expect("packing quantized codes");
    assert_eq!(packed.len(), pack::packed_len(n, bits));
    let deq = q.dequantize();
    assert_eq!(deq.len(), n);
    // Same-type float scales on moderate weights: the reconstruction must be finite and
    // within the quantization step (plus the storage rounding of the scale).
    let amax = w.iter().map(|x| x.to_f32().abs()).fold(0.0f32, f32::max);
    if scale == ScaleStorage::Float(T::TYPE) && amax < 1e30 {
        for (i, (&d, x)) in deq.iter().zip(&w).enumerate() {
            // Finite in the weight type itself (the chain decodes to it), not just in f32.
            assert!(
                T::TYPE.holds(f64::from(d)),
                "dequantized[{i}] = {d} overflows {:?} for weight {x:?} ({params:?})",
                T::TYPE
            );
        }
        if !dtype.is_float() {
            let lay = BlockLayout::new(&shape, &block_sizes).expect("layout of a success");
            let (qmin, qmax) = dtype.int_range(scheme).expect("integer range");
            let levels = (qmax - qmin) as f32;
            for (i, (&d, x)) in deq.iter().zip(&w).enumerate() {
                let s = q.scale[lay.block_of(i)];
                // Half a step, plus the clipping that a scale rounded down to its storage
                // type causes at the range ends (up to `levels` times its rounding error).
                let ulp = match T::TYPE {
                    FloatType::F16 => (s * 2f32.powi(-10)).max(2f32.powi(-24)),
                    FloatType::BF16 => (s * 2f32.powi(-7)).max(2f32.powi(-133)),
                    FloatType::F32 => (s * 2f32.powi(-23)).max(f32::from_bits(1)),
                };
                // A block whose extreme lies within a step of the type's overflow bound may
                // need a scale lowered below the range's (so that no code decodes to inf in
                // the weight type, where the f32 dequantization here would not show it): one
                // more step of clipping there.
                let edge = f64::from(amax) + f64::from(s) >= T::TYPE.overflow_bound();
                let tol = 0.5 * s + levels * ulp + amax * 1e-6 + 1e-30 + if edge { s } else { 0.0 };
                let err = (d - x.to_f32()).abs();
                assert!(
                    err <= tol,
                    "|dequant - w| = {err} > {tol} at {i} (w {x:?}, dequant {d}, scale {s}, {params:?}, shape {shape:?}, bs {block_sizes:?})"
                );
            }
        }
    }
    if amax < 1e30 {
        for (i, &d) in deq.iter().enumerate() {
            assert!(!d.is_nan(), "dequantized[{i}] is NaN ({params:?})");
        }
    }
    if scale == ScaleStorage::E8M0 {
        let codes = q.e8m0_scale_codes().expect("E8M0 codes");
        assert_eq!(codes.len(), nb);
        assert!(
            codes.iter().all(|&c| c != formats::E8M0_NAN),
            "NaN E8M0 scale"
        );
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------
// palettize
// ------------------------------------------------------------------------------------------

fn fuzz_palettize(u: &mut Unstructured) -> Result<()> {
    with_elem!(u, |T| palettize_typed::<T>(u))
}

fn palettize_typed<T: Element>(u: &mut Unstructured) -> Result<()> {
    let shape = small_shape(u, 0)?;
    let rank = shape.len();
    let n_bits = [1, 2, 3, 4, 6, 8, 0, 5, 7, 9, 32][u.choose_index(11)?];
    let ch = u.int_in_range(0..=rank)?;
    let granularity = match u.int_in_range(0u8..=2)? {
        0 => Granularity::PerTensor,
        1 => Granularity::PerChannel,
        _ => Granularity::PerGroupedChannel {
            group_size: u.int_in_range(0..=9)?,
        },
    };
    let cfg = PalettizeConfig {
        n_bits,
        ch,
        granularity,
        cluster_dim: u.int_in_range(0..=4)?,
        enable_per_channel_scale: u.arbitrary()?,
        enable_fast_kmeans_mode: u.arbitrary()?,
        rounding_precision: u.int_in_range(-40..=40)?,
        seed: u.arbitrary()?,
    };
    let n = n_elems(&shape);
    let len = supplied_len(u, n)?;
    let w: Vec<T> = weights(u, len)?;
    if debug() {
        eprintln!(
            "palettize::<{:?}>(w={w:?}, shape={shape:?}, {cfg:?})",
            T::TYPE
        );
    }
    let Ok(p) = palettize(&w, &shape, &cfg) else {
        return Ok(());
    };
    assert_eq!(len, n);
    assert!(all_finite(&w), "palettize accepted non-finite weights");
    let cd = cfg.cluster_dim;
    let k = 1usize << n_bits;
    assert_eq!(p.lut_shape.len(), rank + 2, "lut shape {:?}", p.lut_shape);
    assert_eq!(p.lut_shape[rank], k);
    assert_eq!(p.lut_shape[rank + 1], cd);
    assert_eq!(p.lut.len(), n_elems(&p.lut_shape));
    assert_eq!(p.indices_shape.len(), rank);
    assert_eq!(p.indices_shape[ch] * cd, shape[ch]);
    assert_eq!(p.indices.len(), n_elems(&p.indices_shape));
    for &i in &p.indices {
        assert!((i as usize) < k, "index {i} >= 2^{n_bits}");
    }
    for (j, &v) in p.lut.iter().enumerate() {
        assert!(v.is_finite(), "lut[{j}] = {v} ({cfg:?})");
    }
    for &c in &p.n_clusters {
        assert!(c <= k);
    }
    if let Some(pcs) = &p.per_channel_scale {
        assert_eq!(pcs.values.len(), n_elems(&pcs.shape));
        for &s in &pcs.values {
            assert!(s.is_finite() && s != 0.0, "per-channel scale {s}");
        }
    }
    let dec = p.decompress();
    assert_eq!(dec.len(), n, "decompress length");
    for (j, &v) in dec.iter().enumerate() {
        assert!(v.is_finite(), "decompressed[{j}] = {v} ({cfg:?})");
    }
    // The LUT decoder agrees with the kernel's own reconstruction (no per-channel scale).
    if p.per_channel_scale.is_none() {
        let idx: Vec<u32> = p.indices.iter().map(|&i| u32::from(i)).collect();
        let axis = p.vector_axis as i64;
        let (out, out_shape) =
            decode::lut_to_dense(&idx, &p.indices_shape, &p.lut, &p.lut_shape, axis)
                .expect("lut_to_dense on the kernel's own output");
        assert_eq!(out_shape, shape);
        assert_eq!(out, dec, "lut_to_dense vs Palettized::decompress ({cfg:?})");
    }
    // Few distinct values, scalar clusters, no rounding or scaling: the LUT is exact.
    if cd == 1
        && !cfg.enable_per_channel_scale
        && !cfg.enable_fast_kmeans_mode
        && T::TYPE != FloatType::F32
    {
        let mut uniq: Vec<u32> = w.iter().map(|x| x.to_f32().to_bits()).collect();
        uniq.sort_unstable();
        uniq.dedup();
        if uniq.len() <= k {
            for (j, (&d, x)) in dec.iter().zip(&w).enumerate() {
                assert_eq!(
                    d,
                    x.to_f32(),
                    "element {j} not exact with {} unique values <= {k}",
                    uniq.len()
                );
            }
        }
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------
// sparsify
// ------------------------------------------------------------------------------------------

fn fuzz_sparsify(u: &mut Unstructured) -> Result<()> {
    with_elem!(u, |T| sparsify_typed::<T>(u))
}

fn sparsify_typed<T: Element + Default>(u: &mut Unstructured) -> Result<()> {
    let shape = small_shape(u, 0)?;
    let n = n_elems(&shape);
    let len = supplied_len(u, n)?;
    let target = match u.int_in_range(0u8..=9)? {
        0 => f64::NAN,
        1 => -0.25,
        2 => 1.5,
        3 => 0.0,
        4 => 1.0,
        _ => f64::from(u.int_in_range(0u16..=1000)?) / 1000.0,
    };
    let mode = u.int_in_range(0u8..=2)?;
    let dim = u.int_in_range(0..=2)?;
    let a = u.int_in_range(0..=9)?;
    let b = u.int_in_range(0..=9)?;
    let w: Vec<T> = weights(u, len)?;
    if debug() {
        eprintln!(
            "sparsify::<{:?}>(mode={mode}, w={w:?}, shape={shape:?}, target={target}, dim={dim}, a={a}, b={b})",
            T::TYPE
        );
    }
    let r = match mode {
        0 => sparsify::prune_magnitude(&w, &shape, target),
        1 => sparsify::prune_block(&w, &shape, dim, a, target),
        _ => sparsify::prune_n_m(&w, &shape, dim, a, b),
    };
    let Ok(s) = r else {
        return Ok(());
    };
    assert_eq!(len, n);
    assert!(all_finite(&w), "sparsify accepted non-finite weights");
    check_sparsified(&w, &s);
    if mode != 2 && target >= 1.0 {
        assert_eq!(
            s.nnz(),
            0,
            "target_sparsity {target} kept {} values",
            s.nnz()
        );
    }
    if mode == 2 {
        // n:m never prunes more than n of every m real channels: at least (m - n) / m kept
        // of the non-zeros, roughly; only check the trivial n = 0 case exactly.
        if a == 0 {
            let nz = w.iter().filter(|x| x.to_f32() != 0.0).count();
            assert_eq!(s.nnz(), nz, "0:m pruned something");
        }
    }
    Ok(())
}

fn check_sparsified<T: Element + Default>(w: &[T], s: &Sparsified<T>) {
    let n = w.len();
    assert_eq!(s.len(), n);
    assert_eq!(s.mask.len(), n.div_ceil(8), "mask bytes");
    let set: usize = s.mask.iter().map(|b| b.count_ones() as usize).sum();
    assert_eq!(set, s.nnz(), "mask popcount vs values (padding bits set?)");
    let dense = s.to_dense();
    for (i, (d, x)) in dense.iter().zip(w).enumerate() {
        if s.is_kept(i) {
            assert_eq!(
                d.to_f32().to_bits(),
                x.to_f32().to_bits(),
                "kept value {i} changed"
            );
            assert!(x.to_f32() != 0.0, "zero kept at {i}");
        }
    }
    let via_decoder = decode::sparse_to_dense(&s.values, &s.mask, &s.shape)
        .expect("sparse_to_dense on the kernel's own output");
    assert_eq!(via_decoder, dense);
}

// ------------------------------------------------------------------------------------------
// pack / unpack
// ------------------------------------------------------------------------------------------

fn fuzz_pack(u: &mut Unstructured) -> Result<()> {
    let bits = u.int_in_range(0u32..=10)?;
    let count = u.int_in_range(0..=300)?;
    match u.int_in_range(0u8..=6)? {
        0 => {
            let v: Vec<u8> = (0..count).map(|_| u.arbitrary()).collect::<Result<_>>()?;
            if let Ok(p) = pack::pack_unsigned(&v, bits) {
                assert_eq!(p.len(), pack::packed_len(count, bits));
                assert_eq!(pack::unpack_unsigned(&p, count, bits).expect("unpack"), v);
            }
        }
        1 => {
            let v: Vec<i8> = (0..count).map(|_| u.arbitrary()).collect::<Result<_>>()?;
            if let Ok(p) = pack::pack_signed(&v, bits) {
                assert_eq!(pack::unpack_signed(&p, count, bits).expect("unpack"), v);
            }
        }
        2 => {
            let v: Vec<u8> = (0..count).map(|_| u.arbitrary()).collect::<Result<_>>()?;
            if let Ok(p) = pack::pack_low_bits(&v, bits) {
                let mask = if bits >= 8 { 0xFF } else { (1u8 << bits) - 1 };
                let back = pack::unpack_unsigned(&p, count, bits).expect("unpack");
                let want: Vec<u8> = v.iter().map(|x| x & mask).collect();
                assert_eq!(back, want);
            }
        }
        3 => {
            // Arbitrary bytes: unpack, repack, compare with the padding bits cleared.
            let bytes: Vec<u8> = u.arbitrary()?;
            let count = if u.arbitrary()? {
                count
            } else {
                bytes.len() * 8 / bits.max(1) as usize
            };
            if let Ok(v) = pack::unpack_unsigned(&bytes, count, bits) {
                let p = pack::pack_unsigned(&v, bits).expect("repack");
                assert_eq!(p.len(), bytes.len());
                let total = count * bits as usize;
                for (i, (a, b)) in p.iter().zip(&bytes).enumerate() {
                    let valid = total.saturating_sub(i * 8).min(8);
                    let m = if valid >= 8 {
                        0xFF
                    } else {
                        (1u16 << valid) as u8 - 1
                    };
                    assert_eq!(a & m, b & m, "byte {i}");
                }
                let s = pack::unpack_signed(&bytes, count, bits).expect("signed unpack");
                assert_eq!(s.len(), count);
            }
        }
        4 => {
            let v: Vec<bool> = (0..count).map(|_| u.arbitrary()).collect::<Result<_>>()?;
            let p = pack::pack_bools(&v);
            assert_eq!(pack::unpack_bools(&p, count).expect("unpack bools"), v);
            let bytes: Vec<u8> = u.arbitrary()?;
            let _ = pack::unpack_bools(&bytes, count);
        }
        5 => {
            let v: Vec<u8> = (0..count).map(|_| u.arbitrary()).collect::<Result<_>>()?;
            if let Ok(p) = pack::pack_fp4(&v) {
                assert_eq!(pack::unpack_fp4(&p, count).expect("unpack fp4"), v);
            }
        }
        _ => {
            // Sizes near usize::MAX.
            let count = any_dim(u)?;
            let _ = pack::packed_len(count, bits.min(8));
            let bytes: Vec<u8> = u.arbitrary()?;
            let _ = pack::unpack_unsigned(&bytes, count, bits);
            let _ = pack::unpack_bools(&bytes, count);
            let _ = pack::unpack_fp4(&bytes, count);
        }
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------
// formats
// ------------------------------------------------------------------------------------------

fn elem_type(u: &mut Unstructured) -> Result<ElemType> {
    Ok(match u.int_in_range(0u8..=7)? {
        0 => ElemType::F32,
        1 => ElemType::F16,
        2 => ElemType::BF16,
        3 => ElemType::F8E4M3FN,
        4 => ElemType::F8E5M2,
        5 => ElemType::F4E2M1FN,
        6 => ElemType::F8E8M0FNU,
        _ => ElemType::Int {
            bits: u.int_in_range(0u8..=40)?,
            signed: u.arbitrary()?,
        },
    })
}

fn fuzz_formats(u: &mut Unstructured) -> Result<()> {
    let ty = elem_type(u)?;
    match u.int_in_range(0u8..=3)? {
        0 => {
            let bytes: Vec<u8> = u.arbitrary()?;
            let count = if u.arbitrary()? {
                any_dim(u)?
            } else {
                (bytes.len() * 8)
                    .checked_div(ty.bit_width() as usize)
                    .unwrap_or(0)
            };
            if let Ok(v) = formats::decode_buffer(ty, &bytes, count) {
                assert_eq!(v.len(), count);
                // decode -> encode -> decode is the identity on the decoded values.
                if let Ok(e) = formats::encode_buffer(ty, &v) {
                    let again = formats::decode_buffer(ty, &e, count).expect("decode of encode");
                    for (i, (a, b)) in v.iter().zip(&again).enumerate() {
                        assert!(
                            a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
                            "{ty}: element {i}: {a} re-decodes as {b}"
                        );
                    }
                }
            }
        }
        1 => {
            let len = u.int_in_range(0..=64)?;
            let v = weights_f32(u, len)?;
            if let Ok(e) = formats::encode_buffer(ty, &v) {
                assert_eq!(
                    Ok(e.len()),
                    ty.storage_len(len).map_err(|_| ()),
                    "{ty} length"
                );
                let d = formats::decode_buffer(ty, &e, len).expect("decode of encode");
                assert_eq!(d.len(), len);
            }
        }
        2 => {
            let _ = ty.storage_len(any_dim(u)?);
            // regressions/kernels/int-range-width-0: widths 0 and > 63 give None.
            if let ElemType::Int { bits, .. } = ty
                && (bits == 0 || bits > 63)
            {
                assert_eq!(ty.int_range(), None, "{ty:?}");
            } else {
                let _ = ty.int_range();
            }
            let _ = ty.mlir_name();
        }
        _ => {
            let x = f32::from_bits(u.arbitrary()?);
            let c: u8 = u.arbitrary()?;
            for (enc, dec) in [
                (
                    formats::encode_e4m3fn as fn(f32) -> u8,
                    formats::decode_e4m3fn as fn(u8) -> f32,
                ),
                (formats::encode_e5m2, formats::decode_e5m2),
                (formats::encode_e2m1fn, formats::decode_e2m1fn),
            ] {
                let y = dec(enc(x));
                if x.is_finite() {
                    // Saturating RNE: the result never is NaN for a finite input.
                    assert!(!y.is_nan(), "encode({x}) decodes to NaN");
                }
                let d = dec(c);
                if d.is_finite() {
                    assert_eq!(
                        dec(enc(d)).to_bits(),
                        d.to_bits(),
                        "code {c:#x} does not round-trip"
                    );
                }
            }
            let e = formats::e8m0_from_f32(x);
            if e != formats::E8M0_NAN {
                assert!(formats::e8m0_to_f32(e) > 0.0);
            }
            let _ = formats::e8m0_from_pow2(x);
            let _ = formats::e8m0_from_exponent(u.arbitrary()?);
            // Documented domain only (`-149..=127`; outside it is a debug assertion).
            let _ = formats::pow2(u.int_in_range(-149..=127)?);
        }
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------
// decoders
// ------------------------------------------------------------------------------------------

fn maybe_huge_shape(u: &mut Unstructured, rank: usize) -> Result<Vec<usize>> {
    if u.int_in_range(0u8..=15)? == 0 {
        (0..rank).map(|_| any_dim(u)).collect()
    } else {
        (0..rank).map(|_| u.int_in_range(0..=8)).collect()
    }
}

fn vals(u: &mut Unstructured, n: usize) -> Result<Vec<f32>> {
    let n = supplied_len(u, n.min(MAX_ELEMS))?;
    weights_f32(u, n)
}

fn fuzz_bss(u: &mut Unstructured) -> Result<()> {
    let rank = u.int_in_range(0..=4)?;
    let data_shape = maybe_huge_shape(u, rank)?;
    let prank = if u.int_in_range(0u8..=7)? == 0 {
        u.int_in_range(0..=4)?
    } else {
        rank
    };
    let param_shape: Vec<usize> = if u.arbitrary()? {
        // Divisors of the data dims.
        data_shape
            .iter()
            .take(prank)
            .map(|&d| {
                let divs: Vec<usize> = (1..=d.min(8)).filter(|x| d % x == 0).collect();
                Ok(if divs.is_empty() {
                    d
                } else {
                    divs[u.choose_index(divs.len())?]
                })
            })
            .collect::<Result<_>>()?
    } else {
        maybe_huge_shape(u, prank)?
    };
    let nd = data_shape
        .iter()
        .try_fold(1usize, |a, &d| a.checked_mul(d))
        .unwrap_or(usize::MAX);
    let np = param_shape
        .iter()
        .try_fold(1usize, |a, &d| a.checked_mul(d))
        .unwrap_or(usize::MAX);
    let data = vals(u, nd)?;
    let scale = vals(u, np)?;
    let o1 = vals(u, np)?;
    let o2 = vals(u, np)?;
    let _ = BlockLayout::from_param_shape(&data_shape, &param_shape);
    let _ = blocks::scale_shape(&data_shape, &param_shape);
    if let Ok(out) =
        decode::blockwise_shift_scale(&data, &data_shape, &scale, &o1, &o2, &param_shape)
    {
        assert_eq!(out.len(), data.len());
        assert_eq!(out.len(), nd);
    }
    Ok(())
}

fn fuzz_lut(u: &mut Unstructured) -> Result<()> {
    let rank = u.int_in_range(0..=3)?;
    let ishape = maybe_huge_shape(u, rank)?;
    let lrank = if u.int_in_range(0u8..=7)? == 0 {
        u.int_in_range(0..=6)?
    } else {
        rank + 2
    };
    let mut lshape: Vec<usize> = Vec::with_capacity(lrank);
    // `i` also compares against `rank` and `lrank` may exceed `ishape.len()`.
    #[allow(clippy::needless_range_loop)]
    for i in 0..lrank {
        let d = if i < rank && u.arbitrary()? {
            let d = ishape[i];
            let divs: Vec<usize> = (1..=d.min(8)).filter(|x| d % x == 0).collect();
            if divs.is_empty() {
                d
            } else {
                divs[u.choose_index(divs.len())?]
            }
        } else if i == rank {
            [0usize, 1, 2, 4, 8, 16, 3][u.choose_index(7)?]
        } else {
            u.int_in_range(0..=4)?
        };
        lshape.push(d);
    }
    let ni = ishape
        .iter()
        .try_fold(1usize, |a, &d| a.checked_mul(d))
        .unwrap_or(usize::MAX);
    let nl = lshape
        .iter()
        .try_fold(1usize, |a, &d| a.checked_mul(d))
        .unwrap_or(usize::MAX);
    let ilen = supplied_len(u, ni.min(MAX_ELEMS))?;
    let palette = lshape.get(rank).copied().unwrap_or(1).max(1) as u32;
    let indices: Vec<u32> = (0..ilen)
        .map(|_| {
            Ok(if u.int_in_range(0u8..=31)? == 0 {
                u.arbitrary()?
            } else {
                u.int_in_range(0..=palette - 1)?
            })
        })
        .collect::<Result<_>>()?;
    let lut = vals(u, nl)?;
    let axis: i64 = u.int_in_range(-5..=5)?;
    if let Ok((out, out_shape)) = decode::lut_to_dense(&indices, &ishape, &lut, &lshape, axis) {
        assert_eq!(
            out.len(),
            n_elems(&out_shape),
            "output length vs shape {out_shape:?}"
        );
        let v = lshape[rank + 1];
        assert_eq!(out.len(), indices.len() * v);
    }
    Ok(())
}

fn fuzz_sparse_decode(u: &mut Unstructured) -> Result<()> {
    let rank = u.int_in_range(0..=4)?;
    let shape = maybe_huge_shape(u, rank)?;
    let mask: Vec<u8> = u.arbitrary()?;
    let nv = u.int_in_range(0..=MAX_ELEMS)?;
    let values = weights_f32(u, nv)?;
    if let Ok(out) = decode::sparse_to_dense(&values, &mask, &shape) {
        let n = n_elems(&shape);
        assert_eq!(out.len(), n);
        let kept = pack::unpack_bools(&mask, n).expect("mask accepted once");
        let mut it = values.iter();
        for (i, (&o, &k)) in out.iter().zip(&kept).enumerate() {
            if k {
                assert_eq!(
                    o.to_bits(),
                    it.next().expect("enough values").to_bits(),
                    "element {i}"
                );
            } else {
                assert_eq!(o, 0.0, "element {i}");
            }
        }
    }
    let bools: Vec<bool> = (0..u.int_in_range(0..=64)?)
        .map(|_| u.arbitrary())
        .collect::<Result<_>>()?;
    let _ = decode::sparse_to_dense_bools(&values, &bools, &shape);
    Ok(())
}
