//! The chain builders: one weight's kernel result as the decompression chain of spec C.
//!
//! - [`quantize_chain`]: data, scale, offset1 and offset2 feeding `blockwise_shift_scale`
//!   (C.4–C.6).
//! - [`palettize_chain`]: indices and LUT feeding `lut_to_dense`, with `cast` and
//!   `blockwise_shift_scale` for a quantized LUT or a per-channel scale (C.7, C.8, F.5).
//! - [`prune_chain`]: pruning to `build_sparse_with_bitmask` + `sparse_with_bitmask_to_dense`,
//!   alone or with quantization or palettization of the kept values (C.9–C.11, D.6, F.6).
//!
//! Errors are classified where they arise: a weight that cannot be compressed this way
//! (non-finite values, a dim the block or group size does not divide, a layout the structured
//! pruning does not handle, a missing channel axis) is [`BuildError::Ineligible`], which the
//! passes report as a warning and skip; anything else is [`BuildError::Internal`], a bug or an
//! inconsistent input that fails the pass.

use super::{Chain, ChainError, Node, OpKind};
use crate::{
    blocks::BlockError,
    element::{Element, FloatType},
    formats::ElemType,
    pack::{self, PackError},
    palettize::{self, PalettizeConfig, PalettizeError, Palettized},
    quantize::{
        QScheme, QuantDType, QuantParams, QuantizeError, ScaleStorage, quantize, quantize_as,
    },
    sparsify::{Sparsified, SparsifyError, prune_block, prune_magnitude, prune_n_m},
};
use half::{bf16, f16};
use std::borrow::Cow;
use thiserror::Error;

/// A weight viewed in its own element type (borrowed from the IR when possible).
#[derive(Clone, Debug)]
pub enum Weights<'a> {
    /// f16 weights.
    F16(Cow<'a, [f16]>),
    /// bf16 weights.
    BF16(Cow<'a, [bf16]>),
    /// f32 weights.
    F32(Cow<'a, [f32]>),
}

impl Weights<'_> {
    /// The element type.
    pub fn float_type(&self) -> FloatType {
        match self {
            Weights::F16(_) => FloatType::F16,
            Weights::BF16(_) => FloatType::BF16,
            Weights::F32(_) => FloatType::F32,
        }
    }

    /// The number of weights.
    pub fn len(&self) -> usize {
        match self {
            Weights::F16(v) => v.len(),
            Weights::BF16(v) => v.len(),
            Weights::F32(v) => v.len(),
        }
    }

    /// True if there are no weights.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The weights widened to f32 (exact).
    pub fn values_f32(&self) -> Box<dyn Iterator<Item = f32> + '_> {
        match self {
            Weights::F16(v) => Box::new(v.iter().map(|x| x.to_f32())),
            Weights::BF16(v) => Box::new(v.iter().map(|x| x.to_f32())),
            Weights::F32(v) => Box::new(v.iter().copied()),
        }
    }
}

/// Why a weight cannot be compressed with the given options: the pass warns and keeps it.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum Ineligible {
    /// The quantization kernel cannot quantize this weight.
    #[error(transparent)]
    Quantize(QuantizeError),
    /// The palettization kernel cannot palettize this weight.
    #[error(transparent)]
    Palettize(PalettizeError),
    /// The pruning kernel does not apply to this weight.
    #[error(transparent)]
    Sparsify(SparsifyError),
    /// The weight's rank has no axis the options need.
    #[error("a rank-{rank} weight has no {axis} axis")]
    NoAxis {
        /// The weight's rank.
        rank: usize,
        /// `output-channel` or `input-channel`.
        axis: &'static str,
    },
}

/// A failure that valid options and a readable weight never cause: the pass fails.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum Internal {
    /// A quantization kernel error outside the weight's control.
    #[error(transparent)]
    Quantize(QuantizeError),
    /// A palettization kernel error outside the weight's control.
    #[error(transparent)]
    Palettize(PalettizeError),
    /// A pruning kernel error outside the weight's control.
    #[error(transparent)]
    Sparsify(SparsifyError),
    /// A chain constant that cannot be built.
    #[error(transparent)]
    Chain(#[from] ChainError),
    /// Codes that cannot be packed.
    #[error(transparent)]
    Pack(#[from] PackError),
    /// The quantize chain of the kept values does not have the form of C.4.
    #[error("unexpected quantize chain")]
    UnexpectedChain,
}

/// Errors of the chain builders.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum BuildError {
    /// The weight cannot be compressed this way (a warning; the weight stays).
    #[error(transparent)]
    Ineligible(Ineligible),
    /// Anything else (an error; the pass fails).
    #[error(transparent)]
    Internal(Internal),
}

impl From<QuantizeError> for BuildError {
    fn from(e: QuantizeError) -> Self {
        match e {
            QuantizeError::NonFinite { .. }
            | QuantizeError::Block(
                BlockError::NotDivisible { .. }
                | BlockError::ZeroSizedAxis { .. }
                | BlockError::TooLarge { .. },
            ) => BuildError::Ineligible(Ineligible::Quantize(e)),
            QuantizeError::Block(
                BlockError::RankMismatch { .. }
                | BlockError::ParamNotDivisor { .. }
                | BlockError::LengthMismatch { .. },
            )
            | QuantizeError::LengthMismatch { .. }
            | QuantizeError::AsymmetricFloat { .. }
            | QuantizeError::E8M0ForInteger { .. } => BuildError::Internal(Internal::Quantize(e)),
        }
    }
}

impl From<PalettizeError> for BuildError {
    fn from(e: PalettizeError) -> Self {
        match e {
            PalettizeError::EmptyInput
            | PalettizeError::GroupSizeIndivisible { .. }
            | PalettizeError::ClusterDimIndivisible { .. }
            | PalettizeError::NonFinite { .. }
            | PalettizeError::OutOfRange { .. } => BuildError::Ineligible(Ineligible::Palettize(e)),
            PalettizeError::Params(_)
            | PalettizeError::ShapeMismatch { .. }
            | PalettizeError::AxisOutOfRange { .. }
            | PalettizeError::KMeans(_) => BuildError::Internal(Internal::Palettize(e)),
        }
    }
}

impl From<SparsifyError> for BuildError {
    fn from(e: SparsifyError) -> Self {
        match e {
            SparsifyError::Empty
            | SparsifyError::UnsupportedLayout(_)
            | SparsifyError::NotApplicable(_)
            | SparsifyError::NonFinite { .. } => BuildError::Ineligible(Ineligible::Sparsify(e)),
            SparsifyError::LengthMismatch { .. }
            | SparsifyError::InvalidTargetSparsity { .. }
            | SparsifyError::InvalidParameter(_) => BuildError::Internal(Internal::Sparsify(e)),
        }
    }
}

impl From<ChainError> for BuildError {
    fn from(e: ChainError) -> Self {
        BuildError::Internal(Internal::Chain(e))
    }
}

impl From<PackError> for BuildError {
    fn from(e: PackError) -> Self {
        BuildError::Internal(Internal::Pack(e))
    }
}

impl From<Ineligible> for BuildError {
    fn from(e: Ineligible) -> Self {
        BuildError::Ineligible(e)
    }
}

/// The [`ElemType`] of a weight float type.
pub fn float_elem(f: FloatType) -> ElemType {
    match f {
        FloatType::F16 => ElemType::F16,
        FloatType::BF16 => ElemType::BF16,
        FloatType::F32 => ElemType::F32,
    }
}

const SI16: ElemType = ElemType::Int {
    bits: 16,
    signed: true,
};

/// Quantizes `w` and builds the `blockwise_shift_scale` chain of spec C.4–C.6. Scales are
/// stored as E8M0 for FP4 and when `mx_scales` is set, in the weight type otherwise.
///
/// # Errors
/// [`BuildError`]: ineligible for non-finite weights and block sizes that do not divide.
pub fn quantize_chain(
    w: &Weights<'_>,
    shape: &[usize],
    block_sizes: &[usize],
    dtype: QuantDType,
    scheme: QScheme,
    mx_scales: bool,
) -> Result<Chain, BuildError> {
    let float = w.float_type();
    let storage = if dtype == QuantDType::Fp4E2M1fn || mx_scales {
        ScaleStorage::E8M0
    } else {
        ScaleStorage::Float(float)
    };
    let params = QuantParams::new(dtype, scheme, storage)?;
    let mut q = match w {
        Weights::F16(v) => quantize(v, shape, block_sizes, &params)?,
        Weights::BF16(v) => quantize(v, shape, block_sizes, &params)?,
        Weights::F32(v) => quantize(v, shape, block_sizes, &params)?,
    };
    let weight_elem = float_elem(float);
    let data_elem = dtype.elem_type();
    let mut chain = Chain::default();
    // 8-bit codes are stored as they are: move them instead of copying.
    let codes = if data_elem.bit_width() == 8 {
        std::mem::take(&mut q.codes)
    } else {
        q.packed_codes()?
    };
    let data = chain.constant(data_elem, shape, codes);
    let scale = match q.e8m0_scale_codes() {
        Some(codes) => chain.constant(ElemType::F8E8M0FNU, &q.scale_shape, codes),
        None => chain.constant_f32(weight_elem, &q.scale_shape, &q.scale)?,
    };
    let zp = q.zero_point_codes();
    let offset1 = if data_elem.is_packed() {
        chain.constant(
            data_elem,
            &q.scale_shape,
            pack::pack_low_bits(&zp, data_elem.bit_width())?,
        )
    } else {
        chain.constant(data_elem, &q.scale_shape, zp)
    };
    let offset2 = chain.splat(weight_elem, &q.scale_shape, 0.0)?;
    chain.op(
        OpKind::BlockwiseShiftScale,
        &[data, scale, offset1, offset2],
        weight_elem,
        shape,
    );
    Ok(chain)
}

/// Palettizes `w` with `cfg` and builds its decompression chain (C.7, C.8 with F.5 and F.12);
/// `lut_dtype` quantizes the LUT (per tensor, symmetric, D.5).
///
/// # Errors
/// [`BuildError`]: ineligible for non-finite or out-of-range weights and group sizes that do
/// not divide.
pub fn palettize_chain(
    w: &Weights<'_>,
    shape: &[usize],
    cfg: &PalettizeConfig,
    lut_dtype: Option<QuantDType>,
) -> Result<Chain, BuildError> {
    let p = match w {
        Weights::F16(v) => palettize::palettize(v, shape, cfg)?,
        Weights::BF16(v) => palettize::palettize(v, shape, cfg)?,
        Weights::F32(v) => palettize::palettize(v, shape, cfg)?,
    };
    palettized_chain(&p, shape, w.float_type(), lut_dtype)
}

/// The decompression chain of a palettized weight.
fn palettized_chain(
    p: &Palettized,
    shape: &[usize],
    float: FloatType,
    lut_dtype: Option<QuantDType>,
) -> Result<Chain, BuildError> {
    let weight_elem = float_elem(float);
    let bits = (p.lut_shape[p.lut_shape.len() - 2] as u32).trailing_zeros();
    let idx_elem = ElemType::Int {
        bits: bits as u8,
        signed: false,
    };
    let mut chain = Chain::default();
    let indices = chain.constant(
        idx_elem,
        &p.indices_shape,
        pack::pack_unsigned(&p.indices, bits)?,
    );
    let axis = chain.constant(SI16, &[], (p.vector_axis as i16).to_le_bytes().to_vec());
    let rank = shape.len();
    let ones = vec![1usize; rank];
    let pcs_shape = p.per_channel_scale.as_ref().map(|s| s.shape.clone());
    let param_shape = pcs_shape.clone().unwrap_or_else(|| ones.clone());
    let pcs: Vec<f32> = match &p.per_channel_scale {
        Some(s) => s.values.clone(),
        None => vec![1.0],
    };
    match lut_dtype {
        None => {
            let lut = chain.constant_f32(weight_elem, &p.lut_shape, &p.lut)?;
            let dense = chain.op(
                OpKind::LutToDense,
                &[indices, lut, axis],
                weight_elem,
                shape,
            );
            if p.per_channel_scale.is_some() {
                let scale = chain.constant_f32(weight_elem, &param_shape, &pcs)?;
                let off1 = chain.splat(weight_elem, &param_shape, 0.0)?;
                let off2 = chain.splat(weight_elem, &param_shape, 0.0)?;
                chain.op(
                    OpKind::BlockwiseShiftScale,
                    &[dense, scale, off1, off2],
                    weight_elem,
                    shape,
                );
            }
        }
        Some(dtype) => {
            // D.5: the LUT is quantized per tensor, symmetric, over all groups, with the scale
            // as stored in the weight type (F.3).
            let params = QuantParams::new(dtype, QScheme::Symmetric, ScaleStorage::Float(float))?;
            let zeros = vec![0usize; p.lut_shape.len()];
            // The chain decodes to the weight type, so the scale must keep every code finite
            // there (the LUT itself is f32).
            let q = quantize_as(&p.lut, &p.lut_shape, &zeros, &params, float)?;
            let lut_scale = q.scale[0];
            let zp = q.zero_point[0] as f32;
            let data_elem = dtype.elem_type();
            let lut = chain.constant(data_elem, &p.lut_shape, q.packed_codes()?);
            let dense = chain.op(OpKind::LutToDense, &[indices, lut, axis], data_elem, shape);
            let cast = chain.op(OpKind::Cast, &[dense], weight_elem, shape);
            // F.5: the fused scale has the per-channel-scale shape; offset1 is the unscaled
            // zero point.
            // Each fused scale is stored in the weight type; lower it where rounding up would
            // push the largest decoded value to infinity.
            let max_code = q
                .codes
                .iter()
                .map(|&c| (q.code_value(c) - zp).abs())
                .fold(0f32, f32::max);
            let fused: Vec<f32> = pcs
                .iter()
                .map(|s| float.fit_scale(s * lut_scale, max_code, float))
                .collect();
            let scale = chain.constant_f32(weight_elem, &param_shape, &fused)?;
            let n: usize = param_shape.iter().product();
            let off1 = chain.constant_f32(weight_elem, &param_shape, &vec![zp; n])?;
            let off2 = chain.splat(weight_elem, &param_shape, 0.0)?;
            chain.op(
                OpKind::BlockwiseShiftScale,
                &[cast, scale, off1, off2],
                weight_elem,
                shape,
            );
        }
    }
    Ok(chain)
}

/// How weights are pruned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Pruning {
    /// Unstructured magnitude pruning to `target_sparsity`.
    Magnitude {
        /// Fraction pruned, in [0, 1].
        target_sparsity: f64,
    },
    /// Blocks of `block_size` output channels by L2 norm.
    Block {
        /// Fraction pruned, in [0, 1].
        target_sparsity: f64,
        /// Channels per block (> 1).
        block_size: usize,
    },
    /// `n` of every `m` input channels.
    NM {
        /// Pruned per group.
        n: usize,
        /// Group size.
        m: usize,
    },
}

/// What else happens to the kept values of a pruned weight (D.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Joint {
    /// Nothing: plain sparsity (C.9).
    None,
    /// Per-tensor symmetric quantization to this type (C.10, F.6).
    Quantize(QuantDType),
    /// Exact k-means palettization with `2^n` entries (C.11).
    Palettize(u32),
}

/// Prunes `w` and builds its sparse chain. `out_axis` and `in_axis` are the weight's channel
/// axes (spec B.3): block pruning needs the first, n:m the second.
///
/// # Errors
/// [`BuildError`]: ineligible for non-finite weights, layouts the structured pruning does not
/// handle, and a missing axis.
pub fn prune_chain(
    w: &Weights<'_>,
    shape: &[usize],
    pruning: Pruning,
    out_axis: Option<usize>,
    in_axis: Option<usize>,
    joint: Joint,
) -> Result<Chain, BuildError> {
    let float = w.float_type();
    let prune = |w: &Weights<'_>| -> Result<Pruned, BuildError> {
        Ok(match w {
            Weights::F16(v) => Pruned::F16(prune(v, shape, pruning, out_axis, in_axis)?),
            Weights::BF16(v) => Pruned::BF16(prune(v, shape, pruning, out_axis, in_axis)?),
            Weights::F32(v) => Pruned::F32(prune(v, shape, pruning, out_axis, in_axis)?),
        })
    };
    match prune(w)? {
        Pruned::F16(s) => sparse_chain(
            &s.values,
            Weights::F16(Cow::Borrowed(&s.values)),
            s.mask,
            shape,
            float,
            joint,
        ),
        Pruned::BF16(s) => sparse_chain(
            &s.values,
            Weights::BF16(Cow::Borrowed(&s.values)),
            s.mask,
            shape,
            float,
            joint,
        ),
        Pruned::F32(s) => sparse_chain(
            &s.values,
            Weights::F32(Cow::Borrowed(&s.values)),
            s.mask,
            shape,
            float,
            joint,
        ),
    }
}

/// The pruned weight in its own element type.
enum Pruned {
    F16(Sparsified<f16>),
    BF16(Sparsified<bf16>),
    F32(Sparsified<f32>),
}

fn prune<T: Element>(
    w: &[T],
    shape: &[usize],
    pruning: Pruning,
    out_axis: Option<usize>,
    in_axis: Option<usize>,
) -> Result<Sparsified<T>, BuildError> {
    let axis = |a: Option<usize>, axis: &'static str| {
        a.ok_or(Ineligible::NoAxis {
            rank: shape.len(),
            axis,
        })
    };
    Ok(match pruning {
        Pruning::Magnitude { target_sparsity } => prune_magnitude(w, shape, target_sparsity)?,
        Pruning::Block {
            target_sparsity,
            block_size,
        } => prune_block(
            w,
            shape,
            axis(out_axis, "output-channel")?,
            block_size,
            target_sparsity,
        )?,
        Pruning::NM { n, m } => prune_n_m(w, shape, axis(in_axis, "input-channel")?, n, m)?,
    })
}

/// The storage bytes of weight values (f16, bf16 or f32, little-endian).
fn element_bytes<T: Element>(values: &[T]) -> Vec<u8> {
    // SAFETY: `Element` is implemented only for f16, bf16 and f32: plain data without padding
    // or invalid bit patterns, so viewing their memory as bytes is sound; the bytes are their
    // little-endian storage on the little-endian targets this project builds for (the passes
    // refuse to compile on big-endian ones).
    unsafe {
        std::slice::from_raw_parts(values.as_ptr().cast::<u8>(), std::mem::size_of_val(values))
    }
    .to_vec()
}

/// The chain of a pruned weight: `values` are the kept values, `kept` the same values viewed
/// as weights (for the quantize kernel), `mask` the packed `ui1` mask.
fn sparse_chain<T: Element>(
    values: &[T],
    kept: Weights<'_>,
    mask: Vec<u8>,
    shape: &[usize],
    float: FloatType,
    joint: Joint,
) -> Result<Chain, BuildError> {
    let weight_elem = float_elem(float);
    let nnz = values.len();
    let mut chain = Chain::default();
    if nnz == 0 || joint == Joint::None {
        if joint != Joint::None {
            // Nothing kept: the joint forms have nothing to compress (D.6: plain sparsity).
            chain.warnings.push(
                "every weight was pruned: nothing left to quantize or palettize, stored as plain sparsity".into(),
            );
        }
        // C.9: the kept values as they are (their storage bytes, no conversion).
        let v = chain.constant(weight_elem, &[nnz], element_bytes(values));
        let m = chain.constant(ElemType::UI1, shape, mask);
        chain.sparse(v, m, weight_elem, shape, nnz);
        return Ok(chain);
    }
    let bits = match joint {
        Joint::Quantize(dtype) => return quantized_sparse_chain(&kept, mask, shape, dtype),
        Joint::Palettize(bits) => bits,
        Joint::None => unreachable!("handled above"),
    };
    // C.11: exact k-means of the kept values as one group, in the weight dtype, without
    // fast-mode rounding (D.6).
    let lut = palettize::palettize_values(values, bits)?;
    let idx_elem = ElemType::Int {
        bits: bits as u8,
        signed: false,
    };
    let indices = chain.constant(idx_elem, &[nnz], pack::pack_unsigned(&lut.indices, bits)?);
    let table = chain.constant_f32(weight_elem, &[1, 1usize << bits, 1], &lut.lut)?;
    let axis = chain.constant(SI16, &[], vec![0, 0]);
    let v = chain.op(
        OpKind::LutToDense,
        &[indices, table, axis],
        weight_elem,
        &[nnz],
    );
    let m = chain.constant(ElemType::UI1, shape, mask);
    chain.sparse(v, m, weight_elem, shape, nnz);
    Ok(chain)
}

/// Sparsity with quantized kept values (C.10, F.6).
fn quantized_sparse_chain(
    kept: &Weights<'_>,
    mask: Vec<u8>,
    shape: &[usize],
    dtype: QuantDType,
) -> Result<Chain, BuildError> {
    let weight_elem = float_elem(kept.float_type());
    let nnz = kept.len();
    // Per tensor, symmetric, over the 1-D vector of kept values (D.6): data, scale,
    // offset1 (the zero point) and offset2 feeding blockwise_shift_scale.
    let mut q = quantize_chain(kept, &[nnz], &[0], dtype, QScheme::Symmetric, false)?;
    let zero_point_is_zero =
        matches!(&q.nodes[2], Node::Const { bytes, .. } if bytes.iter().all(|&b| b == 0));
    if !zero_point_is_zero {
        // F.6: dequantize the kept values first, so that pruned positions decode to 0.
        let values = q.nodes.len() - 1;
        let m = q.constant(ElemType::UI1, shape, mask);
        q.sparse(values, m, weight_elem, shape, nnz);
        return Ok(q);
    }
    // C.10: scatter the codes, then dequantize the dense tensor with parameters of
    // shape [1] * rank.
    let mut nodes = q.nodes.into_iter();
    let (
        Some(Node::Const {
            elem: data_elem,
            bytes: data,
            ..
        }),
        Some(Node::Const {
            elem: scale_elem,
            bytes: scale,
            ..
        }),
        Some(Node::Const { bytes: zp, .. }),
    ) = (nodes.next(), nodes.next(), nodes.next())
    else {
        return Err(BuildError::Internal(Internal::UnexpectedChain));
    };
    let mut chain = Chain::default();
    let ones = vec![1usize; shape.len()];
    let qv = chain.constant(data_elem, &[nnz], data);
    let scale = chain.constant(scale_elem, &ones, scale);
    let off1 = chain.constant(data_elem, &ones, zp);
    let m = chain.constant(ElemType::UI1, shape, mask);
    let dense = chain.sparse(qv, m, data_elem, shape, nnz);
    let off2 = chain.splat(weight_elem, &ones, 0.0)?;
    chain.op(
        OpKind::BlockwiseShiftScale,
        &[dense, scale, off1, off2],
        weight_elem,
        shape,
    );
    Ok(chain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil;

    fn f16_weights(n: usize, seed: u64) -> Weights<'static> {
        Weights::F16(Cow::Owned(testutil::normal_f16(n, seed)))
    }

    fn kinds(c: &Chain) -> Vec<Option<OpKind>> {
        c.nodes
            .iter()
            .map(|n| match n {
                Node::Op { kind, .. } => Some(*kind),
                Node::Const { .. } => None,
            })
            .collect()
    }

    /// int4 per block of 8 along the input axis: packed codes, f16 scales, packed zero
    /// points and a splat offset2, and the chain decodes to within half a step.
    #[test]
    fn quantize_chain_has_the_c4_form_and_decodes() {
        let w = f16_weights(16 * 8, 3);
        let c = quantize_chain(
            &w,
            &[16, 8],
            &[1, 8],
            QuantDType::Int4,
            QScheme::Symmetric,
            false,
        )
        .unwrap();
        assert_eq!(
            kinds(&c),
            [None, None, None, None, Some(OpKind::BlockwiseShiftScale)]
        );
        let Node::Const { elem, bytes, .. } = &c.nodes[0] else {
            panic!("data first")
        };
        assert_eq!(
            (*elem, bytes.len()),
            (QuantDType::Int4.elem_type(), 16 * 8 / 2)
        );
        let decoded = c.evaluate().unwrap();
        let original: Vec<f32> = w.values_f32().collect();
        let rms = testutil::relative_rms(&decoded, &original);
        assert!(rms < 0.15, "relative RMS {rms}");
    }

    #[test]
    fn ineligible_weights_are_told_apart_from_internal_errors() {
        let mut v = testutil::normal_f16(64, 1);
        v[5] = f16::NAN;
        let nan = Weights::F16(Cow::Owned(v));
        let e = quantize_chain(
            &nan,
            &[8, 8],
            &[1, 0],
            QuantDType::Int8,
            QScheme::Symmetric,
            false,
        )
        .unwrap_err();
        assert!(matches!(e, BuildError::Ineligible(_)), "{e:?}");
        assert_eq!(e.to_string(), "non-finite weight at index 5");
        let w = f16_weights(64, 1);
        // A block size that does not divide the axis: the weight is skipped.
        let e = quantize_chain(
            &w,
            &[8, 8],
            &[1, 3],
            QuantDType::Int8,
            QScheme::Symmetric,
            false,
        )
        .unwrap_err();
        assert!(matches!(e, BuildError::Ineligible(_)), "{e:?}");
        // Block sizes of the wrong rank are a bug of the caller.
        let e = quantize_chain(
            &w,
            &[8, 8],
            &[1],
            QuantDType::Int8,
            QScheme::Symmetric,
            false,
        )
        .unwrap_err();
        assert!(matches!(e, BuildError::Internal(_)), "{e:?}");
        // n:m pruning of a rank-1 weight has no input axis.
        let e = prune_chain(
            &w,
            &[64],
            Pruning::NM { n: 2, m: 4 },
            None,
            None,
            Joint::None,
        )
        .unwrap_err();
        assert_eq!(
            e,
            BuildError::Ineligible(Ineligible::NoAxis {
                rank: 1,
                axis: "input-channel"
            })
        );
        assert_eq!(e.to_string(), "a rank-1 weight has no input-channel axis");
    }

    /// Palettization with an int8 LUT and a per-channel scale: lut_to_dense, cast and
    /// blockwise_shift_scale (F.5), decoding close to the weight.
    #[test]
    fn palettize_chain_with_quantized_lut() {
        let w = f16_weights(32 * 16, 9);
        let mut cfg = PalettizeConfig::new(4, 0);
        cfg.enable_per_channel_scale = true;
        let c = palettize_chain(&w, &[32, 16], &cfg, Some(QuantDType::Int8)).unwrap();
        let ops: Vec<OpKind> = kinds(&c).into_iter().flatten().collect();
        assert_eq!(
            ops,
            [
                OpKind::LutToDense,
                OpKind::Cast,
                OpKind::BlockwiseShiftScale
            ]
        );
        let original: Vec<f32> = w.values_f32().collect();
        let rms = testutil::relative_rms(&c.evaluate().unwrap(), &original);
        assert!(rms < 0.15, "relative RMS {rms}");
    }

    /// Plain, quantized (zero and non-zero zero point) and palettized sparsity: every chain
    /// decodes pruned positions to exactly 0, and kept ones exactly (plain) or within the
    /// method's relative RMS error.
    #[test]
    fn sparse_chains_keep_pruned_positions_zero() {
        let w = f16_weights(16 * 16, 4);
        let original: Vec<f32> = w.values_f32().collect();
        for (joint, bound) in [
            (Joint::None, 0.0),
            (Joint::Quantize(QuantDType::Int8), 0.01),
            (Joint::Quantize(QuantDType::UInt8), 0.01),
            (Joint::Palettize(3), 0.1),
        ] {
            let pruning = Pruning::Magnitude {
                target_sparsity: 0.5,
            };
            let c = prune_chain(&w, &[16, 16], pruning, Some(1), Some(0), joint).unwrap();
            let decoded = c.evaluate().unwrap();
            let zeros = decoded.iter().filter(|v| **v == 0.0).count();
            assert_eq!(zeros, 128, "{joint:?}");
            let (kept, exact): (Vec<f32>, Vec<f32>) = decoded
                .iter()
                .zip(&original)
                .filter(|(d, _)| **d != 0.0)
                .map(|(d, o)| (*d, *o))
                .unzip();
            let rms = testutil::relative_rms(&kept, &exact);
            assert!(rms <= bound, "{joint:?}: relative RMS {rms} > {bound}");
        }
        // Everything pruned: plain sparsity with a warning.
        let pruning = Pruning::Magnitude {
            target_sparsity: 1.0,
        };
        let c = prune_chain(
            &w,
            &[16, 16],
            pruning,
            Some(1),
            Some(0),
            Joint::Palettize(2),
        )
        .unwrap();
        assert_eq!(c.warnings.len(), 1);
        assert!(c.evaluate().unwrap().iter().all(|v| *v == 0.0));
    }
}
