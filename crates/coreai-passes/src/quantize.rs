//! `--coreai-quantize`: linear (affine) weight quantization, the equivalent of
//! `coreai_opt.coreai_utils.quantize_weights` (spec A.2, B, C.4–C.6, D.1–D.3, F.1–F.3).
//!
//! Each eligible weight becomes `coreai.constant` data, scale, offset1 and offset2 feeding
//! `coreai.blockwise_shift_scale`. The numerics are in `coreai_compress::quantize`: f32
//! arithmetic, data quantized with the scale as stored, and E8M0 (MX) scales chosen as the
//! power of two with the lower block error. The chain is built by
//! `coreai_compress::chain::quantize_chain`.

use crate::{
    compress::{
        CompressionOptions, Compressor, InternalError, PlanError, create_from_text,
        create_with_report,
    },
    eligibility::Weight,
    options::{
        DType, Granularity, OptionDecl, OptionError, PassOptions, REPORT, Report,
        WEIGHT_NUM_THRESHOLD, pass_options,
    },
    pass::{PassId, PassInfo},
    report::ReportConfig,
};
use coreai_compress::{
    chain::{BuildError, Chain, Ineligible, Weights, quantize_chain},
    quantize::{QScheme, QuantDType},
};
use melior::pass::Pass;

pass_options! {
    /// Options of `--coreai-quantize`, with the reference's names and defaults (except
    /// `dtype`, which defaults to int8). [`QuantizeOptions::check`] validates them.
    pub struct QuantizeOptions for "coreai-quantize" {
        /// Quantized data type (`fp8_e8m0fnu` is only valid as `scale_dtype`).
        dtype: DType = OptionDecl {
            name: "dtype",
            default: DType::Int8,
            help: "data type of the quantized weights (fp8_e8m0fnu is only valid as scale-dtype)",
            values: None,
        },
        /// Symmetric or asymmetric (FP types are symmetric).
        qscheme: QScheme = OptionDecl {
            name: "qscheme",
            default: QScheme::Symmetric,
            help: "symmetric (zero point at the middle of the range) or asymmetric (min/max range); FP types are symmetric",
            values: None,
        },
        /// per_tensor, per_channel or per_block.
        granularity: Granularity = OptionDecl {
            name: "granularity",
            default: Granularity::PerChannel,
            help: "one scale per tensor, per output channel, or per block of block-size along the input axis",
            values: None,
        },
        /// Block size along the input axis for per_block (0 behaves like per_channel).
        block_size: usize = OptionDecl {
            name: "block-size",
            default: 32,
            help: "block size along the input-channel axis for per_block (0 behaves like per_channel)",
            values: None,
        },
        /// Weights with at most this many elements are skipped.
        weight_num_threshold: u64 = WEIGHT_NUM_THRESHOLD,
        /// `None` stores scales in the weight type; `fp8_e8m0fnu` uses MX scales (FP8 only;
        /// FP4 always uses E8M0).
        scale_dtype: Option<DType> = OptionDecl {
            name: "scale-dtype",
            default: None,
            help: "scale storage: none (the weight's float type) or fp8_e8m0fnu (MX power-of-two scales, FP8 only)",
            values: Some(&[
                "none", "int2", "uint2", "int4", "uint4", "int8", "uint8", "fp4_e2m1fn",
                "fp8_e4m3fn", "fp8_e5m2", "fp8_e8m0fnu",
            ]),
        },
        /// Where to report.
        report: Report = REPORT,
    }
}

/// Checked options of `--coreai-quantize` ([`QuantizeOptions::check`]).
#[derive(Clone, Debug, PartialEq)]
pub struct QuantizeConfig {
    dtype: QuantDType,
    scheme: QScheme,
    granularity: Granularity,
    block_size: usize,
    mx_scales: bool,
    weight_num_threshold: u64,
    report: Report,
}

impl QuantizeConfig {
    /// The quantized data type.
    pub fn dtype(&self) -> QuantDType {
        self.dtype
    }
    /// The scheme.
    pub fn qscheme(&self) -> QScheme {
        self.scheme
    }
    /// per_tensor, per_channel or per_block.
    pub fn granularity(&self) -> Granularity {
        self.granularity
    }
    /// The block size of per_block.
    pub fn block_size(&self) -> usize {
        self.block_size
    }
    /// Whether scales are E8M0 (FP4, or FP8 with `scale-dtype=fp8_e8m0fnu`).
    pub fn mx_scales(&self) -> bool {
        self.mx_scales || self.dtype == QuantDType::Fp4E2M1fn
    }
    /// `weight-num-threshold`.
    pub fn weight_num_threshold(&self) -> u64 {
        self.weight_num_threshold
    }
}

impl QuantizeOptions {
    /// Checks the options in the order of spec A.2.
    ///
    /// # Errors
    /// An [`OptionError`] naming the rule that failed.
    pub fn check(&self) -> Result<QuantizeConfig, OptionError> {
        let err = |m: String| Err(OptionError::new(Self::PASS, m));
        let Some(d) = self.dtype.quant() else {
            return err(format!(
                "unsupported weight dtype {}; fp8_e8m0fnu is only valid as scale-dtype",
                self.dtype.name()
            ));
        };
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
        if let Some(s) = self.scale_dtype
            && s != DType::Fp8E8M0fnu
        {
            return err(format!(
                "invalid scale-dtype {} for dtype {}; expected none or fp8_e8m0fnu",
                s.name(),
                d.name()
            ));
        }
        if self.granularity == Granularity::PerGroupedChannel {
            return err("granularity per_grouped_channel is not supported for quantization; use per_tensor, per_channel or per_block".into());
        }
        Ok(QuantizeConfig {
            dtype: d,
            scheme: self.qscheme,
            granularity: self.granularity,
            block_size: self.block_size,
            mx_scales: self.scale_dtype == Some(DType::Fp8E8M0fnu),
            weight_num_threshold: self.weight_num_threshold,
            report: self.report.clone(),
        })
    }
}

impl std::str::FromStr for QuantizeOptions {
    type Err = OptionError;

    /// Parses and checks MLIR pass options, e.g. `dtype=int4 granularity=per_block
    /// block-size=32`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let options = Self::from_option_string(s)?;
        options.check()?;
        Ok(options)
    }
}

static ID: PassId = PassId::new();

/// The declaration of `--coreai-quantize`.
pub static INFO: PassInfo = PassInfo {
    argument: QuantizeOptions::PASS,
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
    options: QuantizeOptions::table,
    create: create_from_text::<QuantizeOptions>,
};

/// Creates `--coreai-quantize` for a melior `PassManager`.
///
/// # Errors
/// If the options are invalid (spec A.2).
pub fn create_quantize_pass(options: &QuantizeOptions) -> Result<Pass, OptionError> {
    let config = options.check()?;
    let report = ReportConfig::new(&config.report, "");
    Ok(create_with_report(config, report))
}

/// Spec B.4 block sizes for quantization.
fn quantization_block_sizes(
    config: &QuantizeConfig,
    rank: usize,
    out: Option<usize>,
    input: Option<usize>,
) -> Result<Vec<usize>, PlanError> {
    let no_axis = |axis| PlanError::from(BuildError::Ineligible(Ineligible::NoAxis { rank, axis }));
    let mut bs = vec![0usize; rank];
    let granularity = match config.granularity {
        Granularity::PerBlock if config.block_size == 0 => Granularity::PerChannel,
        g => g,
    };
    match granularity {
        Granularity::PerTensor => {}
        Granularity::PerChannel | Granularity::PerBlock => {
            let out = out.ok_or_else(|| no_axis("output-channel"))?;
            bs[out] = 1;
            if granularity == Granularity::PerBlock {
                let input = input.ok_or_else(|| no_axis("input-channel"))?;
                bs[input] = config.block_size;
            }
        }
        // Rejected by `check`.
        Granularity::PerGroupedChannel => {
            return Err(InternalError::QuantizeGranularity(granularity).into());
        }
    }
    Ok(bs)
}

impl CompressionOptions for QuantizeOptions {
    type Config = QuantizeConfig;

    fn check_options(&self) -> Result<QuantizeConfig, OptionError> {
        self.check()
    }
}

impl Compressor for QuantizeConfig {
    fn info() -> &'static PassInfo {
        &INFO
    }

    fn id() -> &'static PassId {
        &ID
    }

    fn verb(&self) -> &'static str {
        "quantize"
    }

    fn threshold(&self) -> u64 {
        self.weight_num_threshold
    }

    fn report(&self) -> &Report {
        &self.report
    }

    fn plan(&self, w: &Weight<'_>, values: &Weights<'_>) -> Result<Chain, PlanError> {
        let bs = quantization_block_sizes(self, w.shape.len(), w.axes.out, w.axes.input)?;
        Ok(quantize_chain(
            values,
            &w.shape,
            &bs,
            self.dtype,
            self.scheme,
            self.mx_scales,
        )?)
    }
}
