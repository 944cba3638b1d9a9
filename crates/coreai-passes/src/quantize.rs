//! `--coreai-quantize`: linear (affine) weight quantization, the equivalent of
//! `coreai_opt.coreai_utils.quantize_weights` (spec A.2, B, C.4–C.6, D.1–D.3, F.1–F.3).
//!
//! Each eligible weight becomes `coreai.constant` data, scale, offset1 and offset2 feeding
//! `coreai.blockwise_shift_scale`. The numerics are in `coreai_compress::quantize`: f32
//! arithmetic, data quantized with the scale as stored, and E8M0 (MX) scales chosen as the
//! power of two with the lower block error.

use crate::{
    chain::Chain,
    compress::{
        CompressionOptions, Compressor, ReportConfig, Skip, create_from_text, create_with_report,
        parse_options,
    },
    constants::Weights,
    eligibility::Candidate,
    options::{OptionError, OptionKind, OptionSpec, ParsedOptions},
    registry::{ErasedBody, PassId, PassInfo},
};
use coreai_compress::{
    element::FloatType,
    formats::ElemType,
    quantize::{QScheme, QuantDType, QuantParams, ScaleStorage, quantize},
};
use melior::pass::Pass;

/// Compression granularity (spec A.1 `CompressionGranularity`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Granularity {
    /// One scale (or LUT) for the whole tensor.
    PerTensor,
    /// One per output channel.
    PerChannel,
    /// Blocks of `block_size` along the input axis (quantization only).
    PerBlock,
    /// Groups of `group_size` output channels (palettization only).
    PerGroupedChannel,
}

impl Granularity {
    /// The spec name.
    pub fn name(self) -> &'static str {
        match self {
            Granularity::PerTensor => "per_tensor",
            Granularity::PerChannel => "per_channel",
            Granularity::PerBlock => "per_block",
            Granularity::PerGroupedChannel => "per_grouped_channel",
        }
    }

    /// Parses a spec name (`-` and `_` alike).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.replace('-', "_").as_str() {
            "per_tensor" => Some(Granularity::PerTensor),
            "per_channel" => Some(Granularity::PerChannel),
            "per_block" => Some(Granularity::PerBlock),
            "per_grouped_channel" => Some(Granularity::PerGroupedChannel),
            _ => None,
        }
    }
}

static OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        name: "dtype",
        kind: OptionKind::Enum(&[
            "int2",
            "uint2",
            "int4",
            "uint4",
            "int8",
            "uint8",
            "fp4_e2m1fn",
            "fp8_e4m3fn",
            "fp8_e5m2",
            "fp8_e8m0fnu",
        ]),
        default: "int8",
        help: "data type of the quantized weights (fp8_e8m0fnu is only valid as scale-dtype)",
    },
    OptionSpec {
        name: "qscheme",
        kind: OptionKind::Enum(&["symmetric", "asymmetric"]),
        default: "symmetric",
        help: "symmetric (zero point at the middle of the range) or asymmetric (min/max range); FP types are symmetric",
    },
    OptionSpec {
        name: "granularity",
        kind: OptionKind::Enum(&[
            "per_tensor",
            "per_channel",
            "per_block",
            "per_grouped_channel",
        ]),
        default: "per_channel",
        help: "one scale per tensor, per output channel, or per block of block-size along the input axis",
    },
    OptionSpec {
        name: "block-size",
        kind: OptionKind::UInt,
        default: "32",
        help: "block size along the input-channel axis for per_block (0 behaves like per_channel)",
    },
    OptionSpec {
        name: "weight-num-threshold",
        kind: OptionKind::UInt,
        default: "1024",
        help: "weights with at most this many elements are left alone",
    },
    OptionSpec {
        name: "scale-dtype",
        kind: OptionKind::Enum(&[
            "none",
            "int2",
            "uint2",
            "int4",
            "uint4",
            "int8",
            "uint8",
            "fp4_e2m1fn",
            "fp8_e4m3fn",
            "fp8_e5m2",
            "fp8_e8m0fnu",
        ]),
        default: "none",
        help: "scale storage: none (the weight's float type) or fp8_e8m0fnu (MX power-of-two scales, FP8 only)",
    },
    OptionSpec {
        name: "report",
        kind: OptionKind::Path,
        default: "",
        help: "write a JSON compression report to this file; `report` without a path emits remarks",
    },
];

/// The declaration of `--coreai-quantize`.
pub static INFO: PassInfo = PassInfo {
    argument: "coreai-quantize",
    name: "CoreAIQuantize",
    summary: "quantize eligible weights to blockwise_shift_scale chains",
    description: r#"Replaces each eligible weight constant (spec B: a float constant with more than
`weight-num-threshold` elements, used by matmul, conv2d, gather_nd or transpose) by quantized
data, a scale, offset1 (the zero point, in the data type) and offset2 (zero, in the weight type)
feeding `coreai.blockwise_shift_scale`. Integer data is stored as `si*`/`ui*` (sub-byte types
bit-packed), FP8/FP4 data with float or E8M0 (MX) scales.

Before (`--coreai-quantize="dtype=int4 granularity=per_block block-size=4 weight-num-threshold=16"`):

```mlir
%0 = coreai.constant dense<...> : tensor<8x4xf16>
%1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
```

After:

```mlir
%0 = coreai.constant dense_resource<resource_...> : tensor<8x4xsi4>
%1 = coreai.constant dense<[[...], [...]]> : tensor<2x4xf16>
%2 = coreai.constant dense<0> : tensor<2x4xsi4>
%3 = coreai.constant dense<0.000000e+00> : tensor<2x4xf16>
%4 = coreai.blockwise_shift_scale %0, %1, %2, %3 : (tensor<8x4xsi4>, tensor<2x4xf16>, tensor<2x4xsi4>, tensor<2x4xf16>) -> tensor<8x4xf16>
%5 = coreai.batch_matmul %arg0, %4 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
```"#,
    options: OPTIONS,
    implied: None,
    create,
    id: &ID,
};

/// Options of `--coreai-quantize`, with the reference's names and defaults (except `dtype`,
/// which defaults to int8).
#[derive(Clone, Debug, PartialEq)]
pub struct QuantizeOptions {
    /// Quantized data type.
    pub dtype: QuantDType,
    /// Symmetric or asymmetric.
    pub qscheme: QScheme,
    /// per_tensor, per_channel or per_block.
    pub granularity: Granularity,
    /// Block size along the input axis for per_block.
    pub block_size: usize,
    /// Weights with at most this many elements are skipped.
    pub weight_num_threshold: u64,
    /// `None` stores scales in the weight type; `Some(E8M0)` uses MX scales (FP8 only; FP4
    /// always uses E8M0).
    pub scale_dtype: Option<ScaleDType>,
}

/// A scale data type given by `scale-dtype`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScaleDType {
    /// `fp8_e8m0fnu`.
    E8M0,
    /// Any other DType name (always rejected; kept for the reference's error messages).
    Other(&'static str),
}

impl Default for QuantizeOptions {
    fn default() -> Self {
        QuantizeOptions {
            dtype: QuantDType::Int8,
            qscheme: QScheme::Symmetric,
            granularity: Granularity::PerChannel,
            block_size: 32,
            weight_num_threshold: 1024,
            scale_dtype: None,
        }
    }
}

impl QuantizeOptions {
    /// Checks the options in the order of spec A.2.
    ///
    /// # Errors
    /// An [`OptionError`] naming the rule that failed.
    pub fn validate(&self) -> Result<(), OptionError> {
        let err = |m: String| Err(OptionError::new("coreai-quantize", m));
        let d = self.dtype;
        if !d.is_float() && self.scale_dtype.is_some() {
            return err(format!(
                "scale-dtype must be none for integer dtype {}",
                d.name()
            ));
        }
        if d.is_float() && self.qscheme != QScheme::Symmetric {
            return err(format!(
                "asymmetric quantization is not supported for FP dtype {}",
                d.name()
            ));
        }
        if d == QuantDType::Fp4E2M1fn {
            if self.scale_dtype.is_some() {
                return err("scale-dtype must be none for FP4 dtype fp4_e2m1fn (its scale is always fp8_e8m0fnu)".into());
            }
            if self.granularity != Granularity::PerBlock || self.block_size != 32 {
                return err(format!(
                    "dtype fp4_e2m1fn requires granularity=per_block and block-size=32 for a valid MXFP4 encoding; got granularity={} block-size={}",
                    self.granularity.name(),
                    self.block_size
                ));
            }
        }
        if let Some(ScaleDType::Other(name)) = self.scale_dtype {
            return err(format!(
                "invalid scale-dtype {name} for dtype {}; expected none or fp8_e8m0fnu",
                d.name()
            ));
        }
        if self.granularity == Granularity::PerGroupedChannel {
            return err("granularity per_grouped_channel is not supported for quantization; use per_tensor, per_channel or per_block".into());
        }
        Ok(())
    }

    fn from_parsed(o: &ParsedOptions) -> Result<Self, OptionError> {
        let dtype_name = o.enumeration("dtype").unwrap_or_default();
        let dtype = QuantDType::from_name(&dtype_name).ok_or_else(|| {
            o.error(format!(
                "unsupported weight dtype {dtype_name}; fp8_e8m0fnu is only valid as scale-dtype"
            ))
        })?;
        let scale_dtype = match o.enumeration("scale-dtype").as_deref() {
            None | Some("none") => None,
            Some("fp8_e8m0fnu") => Some(ScaleDType::E8M0),
            Some(other) => Some(ScaleDType::Other(
                OPTIONS[5]
                    .kind_values()
                    .iter()
                    .copied()
                    .find(|v| *v == other)
                    .unwrap_or("unknown"),
            )),
        };
        let options = QuantizeOptions {
            dtype,
            qscheme: QScheme::from_name(&o.enumeration("qscheme").unwrap_or_default())
                .unwrap_or(QScheme::Symmetric),
            granularity: Granularity::from_name(&o.enumeration("granularity").unwrap_or_default())
                .unwrap_or(Granularity::PerChannel),
            block_size: o.uint("block-size").unwrap_or(32) as usize,
            weight_num_threshold: o.uint("weight-num-threshold").unwrap_or(1024),
            scale_dtype,
        };
        options.validate()?;
        Ok(options)
    }
}

impl std::str::FromStr for QuantizeOptions {
    type Err = OptionError;

    /// Parses MLIR pass options, e.g. `dtype=int4 granularity=per_block block-size=32`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_options(s)
    }
}

static ID: PassId = PassId;

fn create(text: &str) -> Result<Box<dyn ErasedBody>, OptionError> {
    create_from_text::<QuantizeOptions>(text)
}

/// Creates `--coreai-quantize` for a melior `PassManager`.
///
/// # Errors
/// If the options are invalid (spec A.2).
pub fn create_quantize_pass(options: &QuantizeOptions) -> Result<Pass, OptionError> {
    create_with_report(options, ReportConfig::default())
}

/// Spec B.4 block sizes for quantization.
pub(crate) fn quantization_block_sizes(
    options: &QuantizeOptions,
    rank: usize,
    out: Option<usize>,
    input: Option<usize>,
) -> Result<Vec<usize>, String> {
    let mut bs = vec![0usize; rank];
    let granularity = match options.granularity {
        Granularity::PerBlock if options.block_size == 0 => Granularity::PerChannel,
        g => g,
    };
    match granularity {
        Granularity::PerTensor => {}
        Granularity::PerChannel | Granularity::PerBlock => {
            let out =
                out.ok_or_else(|| format!("a rank-{rank} weight has no output-channel axis"))?;
            bs[out] = 1;
            if granularity == Granularity::PerBlock {
                let input = input
                    .ok_or_else(|| format!("a rank-{rank} weight has no input-channel axis"))?;
                bs[input] = options.block_size;
            }
        }
        Granularity::PerGroupedChannel => {
            return Err("per_grouped_channel is not a quantization granularity".into());
        }
    }
    Ok(bs)
}

/// Quantizes `w` and builds the `blockwise_shift_scale` chain of spec C.4–C.6.
pub(crate) fn quantize_chain(
    w: &Weights<'_>,
    shape: &[usize],
    block_sizes: &[usize],
    options: &QuantizeOptions,
    float: FloatType,
) -> Result<Chain, Skip> {
    let storage = match (options.dtype, options.scale_dtype) {
        (QuantDType::Fp4E2M1fn, _) | (_, Some(ScaleDType::E8M0)) => ScaleStorage::E8M0,
        _ => ScaleStorage::Float(float),
    };
    let params = QuantParams::new(options.dtype, options.qscheme, storage)?;
    let mut q = match w {
        Weights::F16(v) => quantize(v, shape, block_sizes, &params)?,
        Weights::BF16(v) => quantize(v, shape, block_sizes, &params)?,
        Weights::F32(v) => quantize(v, shape, block_sizes, &params)?,
    };
    let weight_elem = float_elem(float);
    let data_elem = options.dtype.elem_type();
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
            coreai_compress::pack::pack_low_bits(&zp, data_elem.bit_width())?,
        )
    } else {
        chain.constant(data_elem, &q.scale_shape, zp)
    };
    let offset2 = chain.splat(weight_elem, &q.scale_shape, 0.0)?;
    chain.op(
        "coreai.blockwise_shift_scale",
        &[data, scale, offset1, offset2],
        weight_elem,
        shape,
    );
    Ok(chain)
}

/// The [`ElemType`] of a weight float type.
pub(crate) fn float_elem(f: FloatType) -> ElemType {
    match f {
        FloatType::F16 => ElemType::F16,
        FloatType::BF16 => ElemType::BF16,
        FloatType::F32 => ElemType::F32,
    }
}

impl CompressionOptions for QuantizeOptions {
    fn info() -> &'static PassInfo {
        &INFO
    }

    fn from_parsed(o: &ParsedOptions) -> Result<Self, OptionError> {
        QuantizeOptions::from_parsed(o)
    }

    fn validate(&self) -> Result<(), OptionError> {
        QuantizeOptions::validate(self)
    }
}

impl Compressor for QuantizeOptions {
    fn argument(&self) -> &'static str {
        INFO.argument
    }

    fn verb(&self) -> &'static str {
        "quantize"
    }

    fn threshold(&self) -> u64 {
        self.weight_num_threshold
    }

    fn plan(&self, c: &Candidate, w: &Weights<'_>) -> Result<Chain, Skip> {
        let bs = quantization_block_sizes(self, c.shape.len(), c.axes.out, c.axes.input)?;
        quantize_chain(w, &c.shape, &bs, self, c.float)
    }
}
