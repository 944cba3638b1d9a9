//! `--coreai-palettize`: k-means palettization, the equivalent of
//! `coreai_opt.coreai_utils.palettize_weights` (spec A.3, B, C.7, C.8, D.4, D.5, F.4–F.10,
//! F.14).
//!
//! Each eligible weight becomes `ui<n>` indices and a LUT feeding `coreai.lut_to_dense`.
//! Scalar groups use exact, globally optimal 1-D k-means; vector groups (`cluster-dim > 1`)
//! seeded k-means++ and Lloyd (`coreai_compress::palettize`). A quantized LUT (`lut-dtype`)
//! and the per-channel scale are decoded by `coreai.cast` and `coreai.blockwise_shift_scale`;
//! with both, the fused scale has the per-channel-scale shape (F.5).

use crate::{
    chain::Chain,
    compress::{
        CompressionOptions, Compressor, ReportConfig, Skip, create_from_text, create_with_report,
        parse_options, run_compression,
    },
    constants::Weights,
    eligibility::Candidate,
    ir::Op,
    options::{OptionError, OptionKind, OptionSpec, ParsedOptions},
    quantize::{Granularity, float_elem},
    registry::{ErasedBody, PassFailed, PassId, PassInfo},
};
use coreai_compress::{
    element::FloatType,
    formats::ElemType,
    palettize::{self, PalettizeConfig, Palettized},
    quantize::{QScheme, QuantDType, QuantParams, ScaleStorage, quantize_as},
};
use melior::pass::Pass;

static OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        name: "n-bits",
        kind: OptionKind::UInt,
        default: "4",
        help: "index width: the LUT has 2^n-bits entries (1, 2, 3, 4, 6 or 8)",
    },
    OptionSpec {
        name: "lut-dtype",
        kind: OptionKind::Enum(&["none", "int8", "uint8", "fp8_e4m3fn", "fp8_e5m2"]),
        default: "none",
        help: "quantize the LUT to this type (per tensor, symmetric); none keeps it in the weight type",
    },
    OptionSpec {
        name: "granularity",
        kind: OptionKind::Enum(&[
            "per_tensor",
            "per_channel",
            "per_grouped_channel",
            "per_block",
        ]),
        default: "per_tensor",
        help: "one LUT per tensor, per output channel, or per group of group-size output channels",
    },
    OptionSpec {
        name: "group-size",
        kind: OptionKind::UInt,
        default: "32",
        help: "output channels per LUT for per_grouped_channel",
    },
    OptionSpec {
        name: "cluster-dim",
        kind: OptionKind::UInt,
        default: "1",
        help: "vector size: cluster vectors of this many consecutive output channels (1 = scalar)",
    },
    OptionSpec {
        name: "enable-per-channel-scale",
        kind: OptionKind::Bool,
        default: "false",
        help: "normalise by the max |w| over the output axis before clustering (scalar only)",
    },
    OptionSpec {
        name: "weight-num-threshold",
        kind: OptionKind::UInt,
        default: "1024",
        help: "weights with at most this many elements are left alone",
    },
    OptionSpec {
        name: "num-kmeans-workers",
        kind: OptionKind::UInt,
        default: "4",
        help: "threads for k-means (0 = all cores); the output never depends on it",
    },
    OptionSpec {
        name: "enable-fast-kmeans-mode",
        kind: OptionKind::Bool,
        default: "true",
        help: "round the weights to rounding-precision decimals (in f32) before clustering",
    },
    OptionSpec {
        name: "rounding-precision",
        kind: OptionKind::UInt,
        default: "4",
        help: "decimals kept by enable-fast-kmeans-mode (0 to 10)",
    },
    OptionSpec {
        name: "report",
        kind: OptionKind::Path,
        default: "",
        help: "write a JSON compression report to this file; `report` without a path emits remarks",
    },
];

/// The declaration of `--coreai-palettize`.
pub static INFO: PassInfo = PassInfo {
    argument: "coreai-palettize",
    name: "CoreAIPalettize",
    summary: "palettize eligible weights to lut_to_dense chains with exact k-means",
    description: r#"Replaces each eligible weight by `ui<n-bits>` indices and a lookup table feeding
`coreai.lut_to_dense`. Scalar LUTs are the globally optimal 1-D k-means of each group (exact
dynamic programming); vector LUTs (`cluster-dim > 1`) come from seeded k-means++ and Lloyd. The
LUT shape is `[groups on the output axis, 1 on the other axes..., 2^n, cluster-dim]`.

Before (`--coreai-palettize="n-bits=4 weight-num-threshold=16"`):

```mlir
%0 = coreai.constant dense<...> : tensor<16x8xf16>
```

After:

```mlir
%0 = coreai.constant dense_resource<resource_...> : tensor<16x8xui4>
%1 = coreai.constant dense<0> : tensor<si16>
%2 = coreai.constant dense<[[[[...], ... 16 entries ...]]]> : tensor<1x1x16x1xf16>
%3 = coreai.lut_to_dense %0, %2, %1 : (tensor<16x8xui4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<16x8xf16>
```

With `lut-dtype=int8 enable-per-channel-scale` the LUT is `si8`, and
`coreai.cast` to the weight type plus `coreai.blockwise_shift_scale` (scale = LUT scale times
the per-channel scale, offset1 = the zero point) restore the values."#,
    options: OPTIONS,
    implied: None,
    create,
    id: &ID,
};

/// Options of `--coreai-palettize` (reference names and defaults).
#[derive(Clone, Debug, PartialEq)]
pub struct PalettizeOptions {
    /// Index width (1, 2, 3, 4, 6 or 8).
    pub n_bits: u32,
    /// Quantize the LUT to int8, uint8, fp8_e4m3fn or fp8_e5m2.
    pub lut_dtype: Option<QuantDType>,
    /// per_tensor, per_channel or per_grouped_channel.
    pub granularity: Granularity,
    /// Output channels per LUT for per_grouped_channel.
    pub group_size: usize,
    /// Vector size.
    pub cluster_dim: usize,
    /// Normalise by the per-channel scale first.
    pub enable_per_channel_scale: bool,
    /// Weights with at most this many elements are skipped.
    pub weight_num_threshold: u64,
    /// Threads for k-means (0 = all); never changes the output.
    pub num_kmeans_workers: usize,
    /// Round to `rounding_precision` decimals before clustering.
    pub enable_fast_kmeans_mode: bool,
    /// Decimals kept in fast mode.
    pub rounding_precision: u32,
}

impl Default for PalettizeOptions {
    fn default() -> Self {
        PalettizeOptions {
            n_bits: 4,
            lut_dtype: None,
            granularity: Granularity::PerTensor,
            group_size: 32,
            cluster_dim: 1,
            enable_per_channel_scale: false,
            weight_num_threshold: 1024,
            num_kmeans_workers: 4,
            enable_fast_kmeans_mode: true,
            rounding_precision: 4,
        }
    }
}

impl PalettizeOptions {
    /// Checks the options (spec A.3, plus ranges the reference does not check).
    ///
    /// # Errors
    /// An [`OptionError`] naming the rule that failed.
    pub fn validate(&self) -> Result<(), OptionError> {
        let err = |m: String| Err(OptionError::new("coreai-palettize", m));
        if self.enable_per_channel_scale && self.cluster_dim > 1 {
            return err(format!(
                "enable-per-channel-scale is not supported with cluster-dim > 1; got cluster-dim={}",
                self.cluster_dim
            ));
        }
        if let Some(d) = self.lut_dtype
            && !matches!(
                d,
                QuantDType::Int8 | QuantDType::UInt8 | QuantDType::Fp8E4M3fn | QuantDType::Fp8E5M2
            )
        {
            return err(format!(
                "'lut-dtype' must be one of none, int8, uint8, fp8_e4m3fn, fp8_e5m2; got {}",
                d.name()
            ));
        }
        if !matches!(self.n_bits, 1 | 2 | 3 | 4 | 6 | 8) {
            return err(format!(
                "'n-bits' must be one of 1, 2, 3, 4, 6, 8; got {}",
                self.n_bits
            ));
        }
        if self.granularity == Granularity::PerBlock {
            return err("granularity per_block is not supported for palettization; use per_tensor, per_channel or per_grouped_channel".into());
        }
        if self.cluster_dim == 0 {
            return err("'cluster-dim' must be at least 1; got 0".into());
        }
        if self.granularity == Granularity::PerGroupedChannel && self.group_size == 0 {
            return err("'group-size' must be at least 1; got 0".into());
        }
        if self.rounding_precision > 10 {
            return err(format!(
                "'rounding-precision' must be at most 10; got {}",
                self.rounding_precision
            ));
        }
        Ok(())
    }

    fn from_parsed(o: &ParsedOptions) -> Result<Self, OptionError> {
        let options = PalettizeOptions {
            n_bits: o.uint("n-bits").unwrap_or(4).min(u64::from(u32::MAX)) as u32,
            lut_dtype: o
                .enumeration("lut-dtype")
                .and_then(|d| QuantDType::from_name(&d)),
            granularity: Granularity::from_name(&o.enumeration("granularity").unwrap_or_default())
                .unwrap_or(Granularity::PerTensor),
            group_size: o.uint("group-size").unwrap_or(32) as usize,
            cluster_dim: o.uint("cluster-dim").unwrap_or(1) as usize,
            enable_per_channel_scale: o.bool("enable-per-channel-scale"),
            weight_num_threshold: o.uint("weight-num-threshold").unwrap_or(1024),
            num_kmeans_workers: o.uint("num-kmeans-workers").unwrap_or(4) as usize,
            enable_fast_kmeans_mode: o.bool("enable-fast-kmeans-mode"),
            rounding_precision: o
                .uint("rounding-precision")
                .unwrap_or(4)
                .min(u64::from(u32::MAX)) as u32,
        };
        options.validate()?;
        Ok(options)
    }
}

impl std::str::FromStr for PalettizeOptions {
    type Err = OptionError;

    /// Parses MLIR pass options, e.g. `n-bits=4 granularity=per_grouped_channel group-size=16`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_options(s)
    }
}

static ID: PassId = PassId;

fn create(text: &str) -> Result<Box<dyn ErasedBody>, OptionError> {
    create_from_text::<PalettizeOptions>(text)
}

/// Creates `--coreai-palettize` for a melior `PassManager`.
///
/// # Errors
/// If the options are invalid (spec A.3).
pub fn create_palettize_pass(options: &PalettizeOptions) -> Result<Pass, OptionError> {
    create_with_report(options, ReportConfig::default())
}

impl PalettizeOptions {
    fn config(&self, ch: usize) -> PalettizeConfig {
        let o = self;
        let mut cfg = PalettizeConfig::new(o.n_bits, ch);
        cfg.granularity = match o.granularity {
            Granularity::PerChannel => palettize::Granularity::PerChannel,
            Granularity::PerGroupedChannel => palettize::Granularity::PerGroupedChannel {
                group_size: o.group_size,
            },
            _ => palettize::Granularity::PerTensor,
        };
        cfg.cluster_dim = o.cluster_dim;
        cfg.enable_per_channel_scale = o.enable_per_channel_scale;
        cfg.enable_fast_kmeans_mode = o.enable_fast_kmeans_mode;
        cfg.rounding_precision = o.rounding_precision as i32;
        cfg
    }

    /// D.4 step 1 with F.14: each conv2d user's output channels per group must be divisible
    /// by cluster-dim.
    fn check_cluster_dim(&self, c: &Candidate, ch: usize) -> Result<(), Skip> {
        let cd = self.cluster_dim;
        if cd <= 1 {
            return Ok(());
        }
        for groups in &c.conv_groups {
            let Some(groups) = groups.filter(|g| *g > 0) else {
                return Err(Skip {
                    reason: "The `cluster_dim` is invalid: conv2d groups is not a constant".into(),
                });
            };
            let per_group = c.shape[ch] as u64 / groups;
            if !per_group.is_multiple_of(cd as u64) {
                return Err(Skip {
                    reason: format!(
                        "The `cluster_dim` is invalid: {} output channels in {groups} conv2d groups are not divisible by cluster_dim {cd}",
                        c.shape[ch]
                    ),
                });
            }
        }
        Ok(())
    }
}

/// The decompression chain of a palettized weight (C.7, C.8 with F.5 and F.12).
fn palettize_chain(
    p: &Palettized,
    shape: &[usize],
    float: FloatType,
    lut_dtype: Option<QuantDType>,
) -> Result<Chain, Skip> {
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
        coreai_compress::pack::pack_unsigned(&p.indices, bits)?,
    );
    let axis = chain.constant(
        ElemType::Int {
            bits: 16,
            signed: true,
        },
        &[],
        (p.vector_axis as i16).to_le_bytes().to_vec(),
    );
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
                "coreai.lut_to_dense",
                &[indices, lut, axis],
                weight_elem,
                shape,
            );
            if p.per_channel_scale.is_some() {
                let scale = chain.constant_f32(weight_elem, &param_shape, &pcs)?;
                let off1 = chain.splat(weight_elem, &param_shape, 0.0)?;
                let off2 = chain.splat(weight_elem, &param_shape, 0.0)?;
                chain.op(
                    "coreai.blockwise_shift_scale",
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
            let dense = chain.op(
                "coreai.lut_to_dense",
                &[indices, lut, axis],
                data_elem,
                shape,
            );
            let cast = chain.op("coreai.cast", &[dense], weight_elem, shape);
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
                "coreai.blockwise_shift_scale",
                &[cast, scale, off1, off2],
                weight_elem,
                shape,
            );
        }
    }
    Ok(chain)
}

impl CompressionOptions for PalettizeOptions {
    fn info() -> &'static PassInfo {
        &INFO
    }

    fn from_parsed(o: &ParsedOptions) -> Result<Self, OptionError> {
        PalettizeOptions::from_parsed(o)
    }

    fn validate(&self) -> Result<(), OptionError> {
        PalettizeOptions::validate(self)
    }

    /// k-means runs in a pool of `num-kmeans-workers` threads (all cores for 0).
    fn run(&self, root: Op, report: &ReportConfig) -> Result<(), PassFailed> {
        let workers = self.num_kmeans_workers;
        if workers == 0 {
            return run_compression(root, self, report);
        }
        match rayon::ThreadPoolBuilder::new().num_threads(workers).build() {
            Ok(pool) => pool.install(|| run_compression(root, self, report)),
            Err(_) => run_compression(root, self, report),
        }
    }
}

impl Compressor for PalettizeOptions {
    fn argument(&self) -> &'static str {
        INFO.argument
    }

    fn verb(&self) -> &'static str {
        "palettize"
    }

    fn threshold(&self) -> u64 {
        self.weight_num_threshold
    }

    fn plan(&self, c: &Candidate, w: &Weights<'_>) -> Result<Chain, Skip> {
        let ch = c.axes.out.ok_or_else(|| Skip {
            reason: format!("a rank-{} weight has no output-channel axis", c.shape.len()),
        })?;
        self.check_cluster_dim(c, ch)?;
        let cfg = self.config(ch);
        let p = match w {
            Weights::F16(v) => palettize::palettize(v, &c.shape, &cfg)?,
            Weights::BF16(v) => palettize::palettize(v, &c.shape, &cfg)?,
            Weights::F32(v) => palettize::palettize(v, &c.shape, &cfg)?,
        };
        palettize_chain(&p, &c.shape, c.float, self.lut_dtype)
    }
}
