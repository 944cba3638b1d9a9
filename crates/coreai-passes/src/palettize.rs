//! `--coreai-palettize`: k-means palettization, the equivalent of
//! `coreai_opt.coreai_utils.palettize_weights` (spec A.3, B, C.7, C.8, D.4, D.5, F.4–F.10,
//! F.14).
//!
//! Each eligible weight becomes `ui<n>` indices and a LUT feeding `coreai.lut_to_dense`.
//! Scalar groups use exact, globally optimal 1-D k-means; vector groups (`cluster-dim > 1`)
//! seeded k-means++ and Lloyd (`coreai_compress::palettize`). A quantized LUT (`lut-dtype`)
//! and the per-channel scale are decoded by `coreai.cast` and `coreai.blockwise_shift_scale`;
//! with both, the fused scale has the per-channel-scale shape (F.5). The chain is built by
//! `coreai_compress::chain::palettize_chain`.
//!
//! ## Parallelisation
//! k-means runs in a pool of `num-kmeans-workers` threads (the current pool for 0); the
//! output never depends on it.

use crate::{
    compress::{
        CompressionOptions, Compressor, PlanError, Skip, create_from_text, create_with_report,
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
    chain::{BuildError, Chain, Ineligible, Weights, palettize_chain},
    palettize,
    quantize::QuantDType,
};
use melior::pass::Pass;

const N_BITS: [u32; 6] = [1, 2, 3, 4, 6, 8];

pass_options! {
    /// Options of `--coreai-palettize` (reference names and defaults).
    /// [`PalettizeOptions::check`] validates them.
    pub struct PalettizeOptions for "coreai-palettize" {
        /// Index width (1, 2, 3, 4, 6 or 8).
        n_bits: u32 = OptionDecl {
            name: "n-bits",
            default: 4,
            help: "index width: the LUT has 2^n-bits entries (1, 2, 3, 4, 6 or 8)",
            values: None,
        },
        /// Quantize the LUT to int8, uint8, fp8_e4m3fn or fp8_e5m2.
        lut_dtype: Option<DType> = OptionDecl {
            name: "lut-dtype",
            default: None,
            help: "quantize the LUT to this type (per tensor, symmetric); none keeps it in the weight type",
            values: Some(&["none", "int8", "uint8", "fp8_e4m3fn", "fp8_e5m2"]),
        },
        /// per_tensor, per_channel or per_grouped_channel.
        granularity: Granularity = OptionDecl {
            name: "granularity",
            default: Granularity::PerTensor,
            help: "one LUT per tensor, per output channel, or per group of group-size output channels",
            values: Some(&["per_tensor", "per_channel", "per_grouped_channel", "per_block"]),
        },
        /// Output channels per LUT for per_grouped_channel.
        group_size: usize = OptionDecl {
            name: "group-size",
            default: 32,
            help: "output channels per LUT for per_grouped_channel",
            values: None,
        },
        /// Vector size.
        cluster_dim: usize = OptionDecl {
            name: "cluster-dim",
            default: 1,
            help: "vector size: cluster vectors of this many consecutive output channels (1 = scalar)",
            values: None,
        },
        /// Normalise by the per-channel scale first.
        enable_per_channel_scale: bool = OptionDecl {
            name: "enable-per-channel-scale",
            default: false,
            help: "normalise by the max |w| over the output axis before clustering (scalar only)",
            values: None,
        },
        /// Weights with at most this many elements are skipped.
        weight_num_threshold: u64 = WEIGHT_NUM_THRESHOLD,
        /// Threads for k-means (0 = all); never changes the output.
        num_kmeans_workers: usize = OptionDecl {
            name: "num-kmeans-workers",
            default: 4,
            help: "threads for k-means (0 = all cores); the output never depends on it",
            values: None,
        },
        /// Round to `rounding_precision` decimals before clustering.
        enable_fast_kmeans_mode: bool = OptionDecl {
            name: "enable-fast-kmeans-mode",
            default: true,
            help: "round the weights to rounding-precision decimals (in f32) before clustering",
            values: None,
        },
        /// Decimals kept in fast mode.
        rounding_precision: u32 = OptionDecl {
            name: "rounding-precision",
            default: 4,
            help: "decimals kept by enable-fast-kmeans-mode (0 to 10)",
            values: None,
        },
        /// Where to report.
        report: Report = REPORT,
    }
}

/// Checked options of `--coreai-palettize` ([`PalettizeOptions::check`]).
#[derive(Clone, Debug, PartialEq)]
pub struct PalettizeConfig {
    n_bits: u32,
    lut_dtype: Option<QuantDType>,
    granularity: Granularity,
    group_size: usize,
    cluster_dim: usize,
    enable_per_channel_scale: bool,
    weight_num_threshold: u64,
    num_kmeans_workers: usize,
    enable_fast_kmeans_mode: bool,
    rounding_precision: u32,
    report: Report,
}

impl PalettizeConfig {
    /// Index width.
    pub fn n_bits(&self) -> u32 {
        self.n_bits
    }
    /// The LUT's quantized type, if any.
    pub fn lut_dtype(&self) -> Option<QuantDType> {
        self.lut_dtype
    }
    /// per_tensor, per_channel or per_grouped_channel.
    pub fn granularity(&self) -> Granularity {
        self.granularity
    }
    /// Output channels per LUT for per_grouped_channel.
    pub fn group_size(&self) -> usize {
        self.group_size
    }
    /// Vector size.
    pub fn cluster_dim(&self) -> usize {
        self.cluster_dim
    }
    /// Whether weights are normalised by their per-channel scale.
    pub fn enable_per_channel_scale(&self) -> bool {
        self.enable_per_channel_scale
    }
    /// `weight-num-threshold`.
    pub fn weight_num_threshold(&self) -> u64 {
        self.weight_num_threshold
    }
    /// Threads for k-means (0 = all).
    pub fn num_kmeans_workers(&self) -> usize {
        self.num_kmeans_workers
    }
    /// Whether weights are rounded before clustering.
    pub fn enable_fast_kmeans_mode(&self) -> bool {
        self.enable_fast_kmeans_mode
    }
    /// Decimals kept in fast mode.
    pub fn rounding_precision(&self) -> u32 {
        self.rounding_precision
    }
}

impl PalettizeOptions {
    /// Checks the options (spec A.3, plus ranges the reference does not check).
    ///
    /// # Errors
    /// An [`OptionError`] naming the rule that failed.
    pub fn check(&self) -> Result<PalettizeConfig, OptionError> {
        let err = |m: String| Err(OptionError::new(Self::PASS, m));
        if self.enable_per_channel_scale && self.cluster_dim > 1 {
            return err(format!(
                "enable-per-channel-scale is not supported with cluster-dim > 1; got cluster-dim={}",
                self.cluster_dim
            ));
        }
        let lut_dtype = match self.lut_dtype.map(|d| (d, d.quant())) {
            None => None,
            Some((
                _,
                Some(
                    q @ (QuantDType::Int8
                    | QuantDType::UInt8
                    | QuantDType::Fp8E4M3fn
                    | QuantDType::Fp8E5M2),
                ),
            )) => Some(q),
            Some((d, _)) => {
                return err(format!(
                    "'lut-dtype' must be one of none, int8, uint8, fp8_e4m3fn, fp8_e5m2; got {}",
                    d.name()
                ));
            }
        };
        if !N_BITS.contains(&self.n_bits) {
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
        Ok(PalettizeConfig {
            n_bits: self.n_bits,
            lut_dtype,
            granularity: self.granularity,
            group_size: self.group_size,
            cluster_dim: self.cluster_dim,
            enable_per_channel_scale: self.enable_per_channel_scale,
            weight_num_threshold: self.weight_num_threshold,
            num_kmeans_workers: self.num_kmeans_workers,
            enable_fast_kmeans_mode: self.enable_fast_kmeans_mode,
            rounding_precision: self.rounding_precision,
            report: self.report.clone(),
        })
    }
}

impl std::str::FromStr for PalettizeOptions {
    type Err = OptionError;

    /// Parses and checks MLIR pass options, e.g. `n-bits=4 granularity=per_grouped_channel
    /// group-size=16`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let options = Self::from_option_string(s)?;
        options.check()?;
        Ok(options)
    }
}

static ID: PassId = PassId::new();

/// The declaration of `--coreai-palettize`.
pub static INFO: PassInfo = PassInfo {
    argument: PalettizeOptions::PASS,
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
    options: PalettizeOptions::table,
    create: create_from_text::<PalettizeOptions>,
};

/// Creates `--coreai-palettize` for a melior `PassManager`.
///
/// # Errors
/// If the options are invalid (spec A.3).
pub fn create_palettize_pass(options: &PalettizeOptions) -> Result<Pass, OptionError> {
    let config = options.check()?;
    let report = ReportConfig::new(&config.report, "");
    Ok(create_with_report(config, report))
}

impl PalettizeConfig {
    /// The kernel configuration for channel axis `ch`.
    fn kernel_config(&self, ch: usize) -> palettize::PalettizeConfig {
        let mut cfg = palettize::PalettizeConfig::new(self.n_bits, ch);
        cfg.granularity = match self.granularity {
            Granularity::PerChannel => palettize::Granularity::PerChannel,
            Granularity::PerGroupedChannel => palettize::Granularity::PerGroupedChannel {
                group_size: self.group_size,
            },
            _ => palettize::Granularity::PerTensor,
        };
        cfg.cluster_dim = self.cluster_dim;
        cfg.enable_per_channel_scale = self.enable_per_channel_scale;
        cfg.enable_fast_kmeans_mode = self.enable_fast_kmeans_mode;
        cfg.rounding_precision = self.rounding_precision as i32;
        cfg
    }

    /// D.4 step 1 with F.14: each conv2d user's output channels per group must be divisible
    /// by cluster-dim.
    fn check_cluster_dim(&self, w: &Weight<'_>, ch: usize) -> Result<(), Skip> {
        let cd = self.cluster_dim;
        if cd <= 1 {
            return Ok(());
        }
        for groups in &w.conv_groups {
            let Some(groups) = groups.filter(|g| *g > 0) else {
                return Err(Skip::new(
                    "The `cluster_dim` is invalid: conv2d groups is not a constant",
                ));
            };
            let per_group = w.shape[ch] as u64 / groups;
            if !per_group.is_multiple_of(cd as u64) {
                return Err(Skip::new(format!(
                    "The `cluster_dim` is invalid: {} output channels in {groups} conv2d groups are not divisible by cluster_dim {cd}",
                    w.shape[ch]
                )));
            }
        }
        Ok(())
    }
}

impl CompressionOptions for PalettizeOptions {
    type Config = PalettizeConfig;

    fn check_options(&self) -> Result<PalettizeConfig, OptionError> {
        self.check()
    }
}

impl Compressor for PalettizeConfig {
    fn info() -> &'static PassInfo {
        &INFO
    }

    fn id() -> &'static PassId {
        &ID
    }

    fn verb(&self) -> &'static str {
        "palettize"
    }

    fn threshold(&self) -> u64 {
        self.weight_num_threshold
    }

    fn report(&self) -> &Report {
        &self.report
    }

    fn workers(&self) -> Option<usize> {
        Some(self.num_kmeans_workers)
    }

    fn plan(&self, w: &Weight<'_>, values: &Weights<'_>) -> Result<Chain, PlanError> {
        let ch = w
            .axes
            .out
            .ok_or(BuildError::Ineligible(Ineligible::NoAxis {
                rank: w.shape.len(),
                axis: "output-channel",
            }))?;
        self.check_cluster_dim(w, ch)?;
        Ok(palettize_chain(
            values,
            &w.shape,
            &self.kernel_config(ch),
            self.lut_dtype,
        )?)
    }
}
