//! Linear weight quantization to int2/4/8, uint2/4/8, FP8 (E4M3FN, E5M2) and FP4 (E2M1FN)
//! with per-block scales (spec D.1, D.2, D.3 with the project's F.1, F.2, F.3).
//!
//! # Numerics
//! Blocks follow [`crate::blocks`] (B.4 block sizes, `0` = whole axis). Per block, with `min`,
//! `max` and `m = max(|min|, |max|)`:
//! - **Integers** (D.1): symmetric `vmin = -m, vmax = m`; asymmetric `vmin = min(0, min)`,
//!   `vmax = max(0, max)`. `scale = (vmax - vmin + 1e-6) / (qmax - qmin)` in f32, **rounded to
//!   the scale storage type first** (F.3), then `q = clip(round_half_even(w / scale) + zp,
//!   qmin, qmax)` with that stored scale. Zero points: 0 for signed symmetric, `qmax / 2` for
//!   unsigned symmetric (127, 7, 1), and for asymmetric
//!   `clip(round_half_even((qmin·vmax − qmax·vmin) / (vmax − vmin + 1e-6)), qmin, qmax)`.
//! - **FP8/FP4 with a float scale** (D.2): `scale = (2m + 1e-6) / (2·fmax)` in f32 (never in f16,
//!   so E5M2 works for f16 weights, F.2), rounded to storage, then
//!   `q = cast_RNE(clip(w / scale, -fmax, fmax))`.
//! - **E8M0 scales** (F.1): per block `r = amax / fmax` (f32); the candidates are
//!   `2^floor(log2 r)` and `2^ceil(log2 r)` (one if `r` is a power of two), clamped to
//!   `2^-127 ..= 2^127`. Each is scored by the block error `Σ (s·q − w)²` (f64, fixed summation
//!   order) with its own codes `q = cast_RNE(clip(w/s, ±fmax))`; the lower error wins and its
//!   codes are stored. **Ties** go to the smaller exponent. **All-zero blocks** get scale 1.0
//!   (E8M0 code 127) and zero codes: 1.0 survives a runtime that widens the scale to f16, where
//!   `2^±127` would become 0 or inf (and `0 · inf` NaN). [`reference_e8m0`] is the reference's
//!   behaviour (codes from the unrounded scale, E8M0-rounded scale stored), kept for tests.
//!
//! Division is a true f32 division (not a multiplication by the reciprocal), so codes equal the
//! formula bit for bit. Reductions are exact (min/max) or f64 in a fixed order (E8M0 errors).
//!
//! # Scale guards
//! A scale never is 0, inf or NaN. A scale that rounds to 0 in its storage type (only f16 can
//! underflow: an all-zero block gives `1e-6 / (qmax − qmin)`, below f16's smallest subnormal)
//! is raised to the storage type's **smallest positive value** (`2^-24` for f16). Raising a
//! scale never makes codes overflow; an all-zero block then gets codes equal to its zero point.
//! A scale that overflows the storage type (only possible when the scale type is narrower than
//! the weights) is clamped to the **largest finite value**, and codes clip.
//!
//! # Non-finite weights
//! A NaN or infinite weight makes [`quantize`] return [`QuantizeError::NonFinite`] with the
//! first offending index; the pass skips the constant with a warning.
//!
//! # Layout of the implementation
//! One file per method, each holding that method's tile, column and streaming code: `int`
//! (D.1), `fp` (D.2 with a float scale) and `e8m0` (F.1). The generic drivers are separate:
//! `tiles` (fused, cache-sized tiles: most layouts), `columns` (one-column blocks too tall
//! for a tile) and `stream` (everything else, and the summation order the other two
//! reproduce). `params` holds the types and the per-block parameter arithmetic, `prims` the
//! scalar primitives. The driver is picked from the layout alone.
//!
//! # Parallelism and determinism
//! Reductions run in parallel over block rows, each cut into a fixed grid of tasks that depends
//! only on the shape; task results are merged in task order. The code map is element-wise over
//! fixed chunks. The output is therefore byte-identical for any `RAYON_NUM_THREADS`, and for
//! every instruction-set level of the crate's SIMD dispatch (`COREAI_FORCE_SCALAR=1` gives
//! the same bytes). Weights are read in place (f16/bf16 widened per task, never copied whole).

mod columns;
mod e8m0;
mod fp;
mod int;
mod params;
mod prims;
mod stream;
mod tiles;

use thiserror::Error;

pub use e8m0::reference_e8m0;
pub use params::{QScheme, QuantDType, QuantParams, ScaleStorage};

use crate::{
    arch::Isa,
    blocks::{BlockError, BlockLayout},
    element::{Element, FloatType},
    formats::{decode_e2m1fn, decode_e4m3fn, decode_e5m2, e8m0_from_pow2},
    pack::{self, PackError},
};
use columns::quantize_columns;
use e8m0::E8m0Kernel;
use fp::{FpKernel, with_fp_encoder};
use int::IntKernel;
#[cfg(test)]
use params::store_scale;
use params::{FpRule, IntRule};
use stream::{MinMax, reduce_blocks, sse_row_chunk};
use tiles::{SWEEP_DIV, TileGrid, quantize_tiles};

/// Errors of [`quantize`].
#[derive(Debug, Error, Clone, PartialEq)]
pub enum QuantizeError {
    /// Invalid block geometry (rank, divisibility, size).
    #[error(transparent)]
    Block(#[from] BlockError),
    /// The weight slice does not match the shape.
    #[error("weight has {got} elements, but shape {shape:?} needs {expected}")]
    LengthMismatch {
        /// The shape.
        shape: Vec<usize>,
        /// Elements the shape needs.
        expected: usize,
        /// Elements given.
        got: usize,
    },
    /// A NaN or infinite weight.
    #[error("non-finite weight at index {index}")]
    NonFinite {
        /// Flat index of the first non-finite weight.
        index: usize,
    },
    /// An FP type with the asymmetric scheme.
    #[error("asymmetric quantization is not supported for FP dtype {dtype}")]
    AsymmetricFloat {
        /// The data type.
        dtype: QuantDType,
    },
    /// E8M0 scales with an integer type.
    #[error("E8M0 scales are only supported for FP8/FP4 dtypes, not {dtype}")]
    E8M0ForInteger {
        /// The data type.
        dtype: QuantDType,
    },
}

/// The result of [`quantize`]: codes, per-block scales and zero points.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantized {
    /// The code type.
    pub dtype: QuantDType,
    /// How [`Quantized::scale`] is stored.
    pub scale_storage: ScaleStorage,
    /// The weight shape (and the shape of the codes).
    pub shape: Vec<usize>,
    /// The scale and zero-point shape (same rank as the weight).
    pub scale_shape: Vec<usize>,
    /// One byte per element, row-major: the storage bit pattern (the low `bits` bits of the two's
    /// complement for signed integers, the FP8/FP4 code). Pack with
    /// [`Quantized::packed_codes`].
    pub codes: Vec<u8>,
    /// Per-block scales, exactly representable in [`Quantized::scale_storage`]; positive and
    /// finite.
    pub scale: Vec<f32>,
    /// Per-block zero points (all 0 for FP types).
    pub zero_point: Vec<i32>,
}

impl Quantized {
    /// The numeric value of a code (sign-extended integer or decoded FP).
    pub fn code_value(&self, code: u8) -> f32 {
        match self.dtype {
            QuantDType::Fp8E4M3fn => decode_e4m3fn(code),
            QuantDType::Fp8E5M2 => decode_e5m2(code),
            QuantDType::Fp4E2M1fn => decode_e2m1fn(code),
            d if d.is_signed() => {
                let sh = 8 - d.bits();
                f32::from(((code << sh) as i8) >> sh)
            }
            _ => f32::from(code),
        }
    }

    /// Dequantized weights `scale_b · (value(q) − zp_b)` in f32 (spec E composite form).
    ///
    /// # Panics
    /// Only if the public fields were edited into an inconsistent state (`scale` or
    /// `zero_point` shorter than the number of blocks); a mismatched `scale_shape` yields an
    /// empty vector.
    pub fn dequantize(&self) -> Vec<f32> {
        let Ok(lay) = BlockLayout::from_param_shape(&self.shape, &self.scale_shape) else {
            return Vec::new();
        };
        let table: Vec<f32> = (0..=255u8).map(|c| self.code_value(c)).collect();
        let (l, lb, bpr) = (lay.row_len(), lay.last_block(), lay.blocks_per_row());
        let mut out = Vec::with_capacity(self.codes.len());
        for (row, codes) in self.codes.chunks(l).enumerate() {
            let base = lay.block_row_of_row(row) * bpr;
            out.extend(codes.iter().enumerate().map(|(c, &q)| {
                let b = base + c / lb;
                self.scale[b] * (table[q as usize] - self.zero_point[b] as f32)
            }));
        }
        out
    }

    /// The codes in their storage layout: bit-packed for sub-byte types (LSB-first, FP4 two per
    /// byte low nibble first), one byte per element otherwise.
    ///
    /// # Errors
    /// Only if `codes` was modified to hold bits above the type's width.
    pub fn packed_codes(&self) -> Result<Vec<u8>, PackError> {
        let bits = self.dtype.bits();
        if bits == 8 {
            Ok(self.codes.clone())
        } else {
            pack::pack_unsigned(&self.codes, bits)
        }
    }

    /// The E8M0 codes of the scales, if they are stored as E8M0 (every scale is an exact power
    /// of two in range by construction).
    pub fn e8m0_scale_codes(&self) -> Option<Vec<u8>> {
        if self.scale_storage != ScaleStorage::E8M0 {
            return None;
        }
        self.scale.iter().map(|&s| e8m0_from_pow2(s)).collect()
    }

    /// The zero points as storage bit patterns of the code type (the `offset1` constant):
    /// the low `bits` bits of each zero point's two's complement; 0 for FP types.
    pub fn zero_point_codes(&self) -> Vec<u8> {
        let mask = self.dtype.code_mask();
        self.zero_point.iter().map(|&z| z as u8 & mask).collect()
    }
}

/// Validates the geometry and the weight length.
fn layout<T: Element>(
    w: &[T],
    shape: &[usize],
    block_sizes: &[usize],
) -> Result<BlockLayout, QuantizeError> {
    let lay = BlockLayout::new(shape, block_sizes)?;
    if w.len() != lay.num_elements() {
        return Err(QuantizeError::LengthMismatch {
            shape: shape.to_vec(),
            expected: lay.num_elements(),
            got: w.len(),
        });
    }
    Ok(lay)
}

/// The [`QuantizeError::NonFinite`] error of `w`.
fn non_finite_error<T: Element>(w: &[T]) -> QuantizeError {
    let index = w.iter().position(|x| !x.to_f32().is_finite()).unwrap_or(0);
    QuantizeError::NonFinite { index }
}

/// Validates the geometry and computes per-block `[min, max]`.
fn prepare<T: Element>(
    w: &[T],
    shape: &[usize],
    block_sizes: &[usize],
) -> Result<(BlockLayout, Vec<[f32; 2]>), QuantizeError> {
    let lay = layout(w, shape, block_sizes)?;
    let (minmax, bad) = reduce_blocks(w, &lay, &MinMax);
    if bad {
        return Err(non_finite_error(w));
    }
    Ok((lay, minmax))
}

/// The quantization method of validated parameters.
#[derive(Clone, Copy, Debug)]
enum Method {
    /// Integer codes.
    Int(IntRule),
    /// FP codes with a float scale.
    Fp(FpRule),
    /// FP codes with E8M0 scales.
    E8m0 {
        /// Largest finite value of the code type.
        fmax: f32,
        /// The type the chain decodes to.
        out: FloatType,
    },
}

impl Method {
    fn new(params: &QuantParams, out: FloatType) -> Result<Self, QuantizeError> {
        let dtype = params.dtype;
        Ok(match (dtype.fmax(), params.scale) {
            (Some(fmax), ScaleStorage::E8M0) => Method::E8m0 { fmax, out },
            (Some(fmax), ScaleStorage::Float(ft)) => Method::Fp(FpRule { fmax, ft, out }),
            (None, ScaleStorage::Float(ft)) => Method::Int(
                IntRule::new(dtype, params.scheme, ft, out)
                    .ok_or(QuantizeError::AsymmetricFloat { dtype })?,
            ),
            (None, ScaleStorage::E8M0) => return Err(QuantizeError::E8M0ForInteger { dtype }),
        })
    }
}

/// Codes, scales and zero points of every block, or `None` for a non-finite weight: the tile
/// driver where the layout tiles, the column driver for one-column blocks too tall for a tile
/// (E8M0 has no column implementation and streams), the streaming driver otherwise.
fn quantize_with<T: Element>(
    isa: Isa,
    w: &[T],
    lay: &BlockLayout,
    dtype: QuantDType,
    method: Method,
) -> Option<(Vec<u8>, Vec<f32>, Vec<i32>)> {
    let row_chunk = sse_row_chunk(lay);
    match TileGrid::new(lay, row_chunk) {
        Some(g) => {
            let (codes, scale, zp, bad) = match method {
                Method::Int(rule) => quantize_tiles(w, lay, &g, &int_kernel(rule, dtype), isa),
                Method::Fp(rule) => with_fp_encoder!(dtype, |encode, round| quantize_tiles(
                    w,
                    lay,
                    &g,
                    &FpKernel {
                        rule,
                        sweep_div: SWEEP_DIV,
                        encode,
                        round
                    },
                    isa
                )),
                Method::E8m0 { fmax, out } => {
                    with_fp_encoder!(dtype, |encode, round| quantize_tiles(
                        w,
                        lay,
                        &g,
                        &E8m0Kernel {
                            fmax,
                            limit: out.overflow_bound() as f32,
                            encode,
                            round
                        },
                        isa
                    ))
                }
            };
            (!bad).then_some((codes, scale, zp))
        }
        None if lay.last_block() == 1 => match method {
            Method::Int(rule) => quantize_columns(w, lay, &int_kernel(rule, dtype), row_chunk, isa),
            Method::Fp(rule) => with_fp_encoder!(dtype, |encode, round| quantize_columns(
                w,
                lay,
                &FpKernel {
                    rule,
                    sweep_div: SWEEP_DIV,
                    encode,
                    round
                },
                row_chunk,
                isa
            )),
            Method::E8m0 { .. } => quantize_streaming(w, lay, dtype, method),
        },
        None => quantize_streaming(w, lay, dtype, method),
    }
}

/// The integer method's tile and column kernel.
fn int_kernel(rule: IntRule, dtype: QuantDType) -> IntKernel {
    IntKernel {
        rule,
        mask: dtype.code_mask(),
        sweep_div: SWEEP_DIV,
    }
}

/// Codes, scales and zero points by the streaming driver: one min/max reduction, then the
/// method's parameters, scoring and code map. Returns `None` for a non-finite weight.
fn quantize_streaming<T: Element>(
    w: &[T],
    lay: &BlockLayout,
    dtype: QuantDType,
    method: Method,
) -> Option<(Vec<u8>, Vec<f32>, Vec<i32>)> {
    let (minmax, bad) = reduce_blocks(w, lay, &MinMax);
    if bad {
        return None;
    }
    Some(match method {
        Method::Int(rule) => int::streaming(w, lay, rule, dtype.code_mask(), &minmax),
        Method::Fp(rule) => fp::streaming(w, lay, dtype, rule, &minmax),
        Method::E8m0 { out, .. } => e8m0::streaming(w, lay, dtype, out, &minmax),
    })
}

/// Quantizes a weight per block.
///
/// `shape` is the weight shape (row-major `w`), `block_sizes` the B.4 block sizes (`0` = whole
/// axis, e.g. `[1, 0]` per channel on axis 0, `[1, 32]` per block of 32 along axis 1).
///
/// # Errors
/// [`QuantizeError::Block`] for a rank mismatch or a block size that does not divide its axis,
/// [`QuantizeError::LengthMismatch`], [`QuantizeError::NonFinite`] for NaN/inf weights, and the
/// parameter errors of [`QuantParams::validate`].
///
/// # Examples
/// ```
/// use coreai_compress::quantize::{quantize, QScheme, QuantDType, QuantParams, ScaleStorage};
/// use coreai_compress::FloatType;
///
/// let w = [-1.0f32, 0.5, 0.25, 1.0];
/// let p = QuantParams::new(QuantDType::Int8, QScheme::Symmetric, ScaleStorage::Float(FloatType::F32))?;
/// let q = quantize(&w, &[2, 2], &[1, 0], &p)?; // per channel along axis 0
/// assert_eq!(q.scale_shape, vec![2, 1]);
/// assert_eq!(q.codes, vec![0x81, 63, 32, 127]); // [-127, 63] and [32, 127]
/// # Ok::<(), coreai_compress::quantize::QuantizeError>(())
/// ```
pub fn quantize<T: Element>(
    w: &[T],
    shape: &[usize],
    block_sizes: &[usize],
    params: &QuantParams,
) -> Result<Quantized, QuantizeError> {
    quantize_as(w, shape, block_sizes, params, T::TYPE)
}

/// [`quantize`] for a chain that decodes to `output` rather than to the weight's own type
/// (e.g. an f32 LUT whose chain produces the f16 weight): every scale is chosen so that
/// `(q - zp) · scale` stays finite in `output` for every code `q` of the range. A scale
/// rounded up to its storage type could otherwise decode the largest code to infinity, which
/// only happens for weights at the top of `output`'s range; there the scale is lowered by as
/// many ulps as needed (and the E8M0 candidate `2^ceil` dropped).
///
/// # Errors
/// As [`quantize`].
pub fn quantize_as<T: Element>(
    w: &[T],
    shape: &[usize],
    block_sizes: &[usize],
    params: &QuantParams,
    output: FloatType,
) -> Result<Quantized, QuantizeError> {
    quantize_at(Isa::detect(), w, shape, block_sizes, params, output)
}

/// [`quantize_as`] with the kernels of instruction-set level `isa`.
fn quantize_at<T: Element>(
    isa: Isa,
    w: &[T],
    shape: &[usize],
    block_sizes: &[usize],
    params: &QuantParams,
    output: FloatType,
) -> Result<Quantized, QuantizeError> {
    params.validate()?;
    let lay = layout(w, shape, block_sizes)?;
    let dtype = params.dtype;
    let method = Method::new(params, output)?;
    let (codes, scale, zero_point) =
        quantize_with(isa, w, &lay, dtype, method).ok_or_else(|| non_finite_error(w))?;
    Ok(Quantized {
        dtype,
        scale_storage: params.scale,
        shape: shape.to_vec(),
        scale_shape: lay.scale_shape().to_vec(),
        codes,
        scale,
        zero_point,
    })
}

#[cfg(test)]
mod tests;
