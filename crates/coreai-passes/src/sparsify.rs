//! `--coreai-sparsify`: magnitude, block and n:m pruning, alone or joint with quantization or
//! palettization of the kept values; the equivalent of
//! `coreai_opt.coreai_utils.sparsify_weights` (spec A.4, B, C.9–C.11, D.6, F.6).
//!
//! The pruned weight becomes `coreai.build_sparse_with_bitmask` over the kept values and a
//! packed `ui1` mask, followed by `coreai.sparse_with_bitmask_to_dense`. Joint forms quantize
//! (reusing the quantize kernel) or palettize (reusing the exact 1-D k-means) the kept values.
//! With a non-zero zero point (uint8) the values are dequantized before the scatter so that
//! pruned positions decode to exactly 0 (F.6). The chain is built by
//! `coreai_compress::chain::prune_chain`.

use crate::{
    compress::{CompressionOptions, Compressor, PlanError, create_from_text, create_with_report},
    eligibility::Weight,
    options::{
        DType, OptionDecl, OptionError, PassOptions, REPORT, Report, WEIGHT_NUM_THRESHOLD,
        pass_options,
    },
    pass::{PassId, PassInfo},
    report::ReportConfig,
};
pub use coreai_compress::chain::Pruning;
use coreai_compress::{
    chain::{Chain, Joint, Weights, prune_chain},
    quantize::QuantDType,
};
use melior::pass::Pass;

const N_BITS: [u32; 6] = [1, 2, 3, 4, 6, 8];

pass_options! {
    /// Options of `--coreai-sparsify` (reference names and defaults).
    /// [`SparsifyOptions::check`] validates them.
    ///
    /// As in the reference, `target_sparsity` and `n_m_ratio` are mutually exclusive, so n:m
    /// pruning needs `target_sparsity: None`. On the command line, `n-m-ratio` without
    /// `target-sparsity` implies `target-sparsity=none`.
    pub struct SparsifyOptions for "coreai-sparsify" {
        /// Fraction pruned, in [0, 1] (magnitude or block pruning).
        target_sparsity: Option<f64> = OptionDecl {
            name: "target-sparsity",
            default: Some(0.5),
            help: "fraction of weights to prune, in [0, 1] (magnitude percentile; ties at the threshold are pruned)",
            values: None,
        },
        /// Prune blocks of this many output channels by L2 norm (> 1).
        block_size: Option<usize> = OptionDecl {
            name: "block-size",
            default: None,
            help: "prune blocks of this many output channels by L2 norm (> 1)",
            values: None,
        },
        /// n:m sparsity along the input axis: `[n, m]`.
        n_m_ratio: Option<Vec<u64>> = OptionDecl {
            name: "n-m-ratio",
            default: None,
            help: "n:m sparsity along the input axis, e.g. 2,4 (excludes target-sparsity)",
            values: None,
        },
        /// Quantize the kept values (int8, uint8, fp8_e4m3fn, fp8_e5m2).
        quantize_dtype: Option<DType> = OptionDecl {
            name: "quantize-dtype",
            default: None,
            help: "also quantize the kept values (per tensor, symmetric)",
            values: Some(&["int8", "uint8", "fp8_e4m3fn", "fp8_e5m2"]),
        },
        /// Palettize the kept values with `2^n` entries.
        palettize_nbits: Option<u32> = OptionDecl {
            name: "palettize-nbits",
            default: None,
            help: "also palettize the kept values with 2^n entries: 1, 2, 3, 4, 6 or 8",
            values: None,
        },
        /// Weights with at most this many elements are skipped.
        weight_num_threshold: u64 = WEIGHT_NUM_THRESHOLD,
        /// Where to report.
        report: Report = REPORT,
    }
    implied: n_m_ratio_without_target_sparsity;
}

/// `n-m-ratio` set (not `none`) without `target-sparsity` means `target-sparsity=none`.
fn n_m_ratio_without_target_sparsity(options: &mut SparsifyOptions, given: &[&str]) {
    if options.n_m_ratio.is_some() && !given.contains(&"target-sparsity") {
        options.target_sparsity = None;
    }
}

/// Checked options of `--coreai-sparsify` ([`SparsifyOptions::check`]).
#[derive(Clone, Debug, PartialEq)]
pub struct SparsifyConfig {
    pruning: Pruning,
    joint: Joint,
    weight_num_threshold: u64,
    report: Report,
}

impl SparsifyConfig {
    /// How weights are pruned.
    pub fn pruning(&self) -> Pruning {
        self.pruning
    }
    /// The quantized type of the kept values, if any.
    pub fn quantize_dtype(&self) -> Option<QuantDType> {
        match self.joint {
            Joint::Quantize(d) => Some(d),
            _ => None,
        }
    }
    /// The palettization width of the kept values, if any.
    pub fn palettize_nbits(&self) -> Option<u32> {
        match self.joint {
            Joint::Palettize(b) => Some(b),
            _ => None,
        }
    }
    /// `weight-num-threshold`.
    pub fn weight_num_threshold(&self) -> u64 {
        self.weight_num_threshold
    }
}

impl SparsifyOptions {
    /// These options with `pruning`: sets `target_sparsity`, `block_size` and `n_m_ratio`.
    pub fn with_pruning(self, pruning: Pruning) -> Self {
        let (target_sparsity, block_size, n_m_ratio) = match pruning {
            Pruning::Magnitude { target_sparsity } => (Some(target_sparsity), None, None),
            Pruning::Block {
                target_sparsity,
                block_size,
            } => (Some(target_sparsity), Some(block_size), None),
            Pruning::NM { n, m } => (None, None, Some(vec![n as u64, m as u64])),
        };
        SparsifyOptions {
            target_sparsity,
            block_size,
            n_m_ratio,
            ..self
        }
    }

    /// Checks the options (spec A.4, plus the [0, 1] range of target-sparsity).
    ///
    /// # Errors
    /// An [`OptionError`] naming the rule that failed.
    pub fn check(&self) -> Result<SparsifyConfig, OptionError> {
        let err = |m: String| Err(OptionError::new(Self::PASS, m));
        let pruning = match (&self.n_m_ratio, self.target_sparsity) {
            (Some(_), Some(_)) => {
                return err("target-sparsity and n-m-ratio are mutually exclusive".into());
            }
            (Some(_), None) if self.block_size.is_some() => {
                return err("block-size and n-m-ratio are mutually exclusive".into());
            }
            (Some(list), None) => match list[..] {
                [n, m] => Pruning::NM {
                    n: usize::try_from(n).unwrap_or(usize::MAX),
                    m: usize::try_from(m).unwrap_or(usize::MAX),
                },
                _ => {
                    return err(format!(
                        "'n-m-ratio' must have 2 entries (n,m); got {}",
                        list.len()
                    ));
                }
            },
            (None, None) => return err("one of target-sparsity and n-m-ratio must be set".into()),
            (None, Some(target_sparsity)) => match self.block_size {
                Some(block_size) => Pruning::Block {
                    target_sparsity,
                    block_size,
                },
                None => Pruning::Magnitude { target_sparsity },
            },
        };
        let joint = match (self.quantize_dtype, self.palettize_nbits) {
            (Some(_), Some(_)) => {
                return err("quantize-dtype and palettize-nbits are mutually exclusive".into());
            }
            (Some(d), None) => match d.quant() {
                Some(
                    q @ (QuantDType::Int8
                    | QuantDType::UInt8
                    | QuantDType::Fp8E4M3fn
                    | QuantDType::Fp8E5M2),
                ) => Joint::Quantize(q),
                _ => {
                    return err(format!(
                        "quantize-dtype must be one of int8, uint8, fp8_e4m3fn, fp8_e5m2; got {}",
                        d.name()
                    ));
                }
            },
            (None, Some(b)) if !N_BITS.contains(&b) => {
                return err(format!(
                    "'palettize-nbits' must be one of 1, 2, 3, 4, 6, 8; got {b}"
                ));
            }
            (None, Some(b)) => Joint::Palettize(b),
            (None, None) => Joint::None,
        };
        match pruning {
            Pruning::Magnitude { target_sparsity }
            | Pruning::Block {
                target_sparsity, ..
            } if !(0.0..=1.0).contains(&target_sparsity) => {
                return err(format!(
                    "'target-sparsity' must be in [0, 1]; got {target_sparsity}"
                ));
            }
            Pruning::Block { block_size, .. } if block_size <= 1 => {
                return err(format!(
                    "'block-size' must be greater than 1; got {block_size}"
                ));
            }
            Pruning::NM { n, m } if m == 0 || n > m => {
                return err(format!(
                    "'n-m-ratio' must satisfy m > 0 and 0 <= n <= m; got {n},{m}"
                ));
            }
            Pruning::NM { m, .. } if m >= 1 << 31 => {
                return err(format!("'n-m-ratio' m must be below 2^31; got {m}"));
            }
            _ => {}
        }
        Ok(SparsifyConfig {
            pruning,
            joint,
            weight_num_threshold: self.weight_num_threshold,
            report: self.report.clone(),
        })
    }
}

impl std::str::FromStr for SparsifyOptions {
    type Err = OptionError;

    /// Parses and checks MLIR pass options, e.g. `target-sparsity=0.75 quantize-dtype=int8`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let options = Self::from_option_string(s)?;
        options.check()?;
        Ok(options)
    }
}

static ID: PassId = PassId::new();

/// The declaration of `--coreai-sparsify`.
pub static INFO: PassInfo = PassInfo {
    argument: SparsifyOptions::PASS,
    name: "CoreAISparsify",
    summary: "prune eligible weights to bitmask sparse chains",
    description: r#"Prunes each eligible weight by magnitude (`target-sparsity`), by blocks of output
channels (`block-size`) or n:m along the input channels (`n-m-ratio`), and stores the kept
values with a packed `ui1` bitmask. `quantize-dtype` or `palettize-nbits` also compress the
kept values.

Before (`--coreai-sparsify="target-sparsity=0.5 weight-num-threshold=16"`):

```mlir
%0 = coreai.constant dense<...> : tensor<8x4xf16>
```

After:

```mlir
%0 = coreai.constant dense<[...]> : tensor<16xf16>
%1 = coreai.constant dense_resource<resource_...> : tensor<8x4xui1>
%2 = coreai.build_sparse_with_bitmask %0, %1 : (tensor<16xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
%3 = coreai.sparse_with_bitmask_to_dense %2 : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
```"#,
    options: SparsifyOptions::table,
    create: create_from_text::<SparsifyOptions>,
};

/// Creates `--coreai-sparsify` for a melior `PassManager`.
///
/// # Errors
/// If the options are invalid (spec A.4).
pub fn create_sparsify_pass(options: &SparsifyOptions) -> Result<Pass, OptionError> {
    let config = options.check()?;
    let report = ReportConfig::new(&config.report, "");
    Ok(create_with_report(config, report))
}

impl CompressionOptions for SparsifyOptions {
    type Config = SparsifyConfig;

    fn check_options(&self) -> Result<SparsifyConfig, OptionError> {
        self.check()
    }
}

impl Compressor for SparsifyConfig {
    fn info() -> &'static PassInfo {
        &INFO
    }

    fn id() -> &'static PassId {
        &ID
    }

    fn verb(&self) -> &'static str {
        "sparsify"
    }

    fn threshold(&self) -> u64 {
        self.weight_num_threshold
    }

    fn report(&self) -> &Report {
        &self.report
    }

    fn plan(&self, w: &Weight<'_>, values: &Weights<'_>) -> Result<Chain, PlanError> {
        Ok(prune_chain(
            values,
            &w.shape,
            self.pruning,
            w.axes.out,
            w.axes.input,
            self.joint,
        )?)
    }
}
