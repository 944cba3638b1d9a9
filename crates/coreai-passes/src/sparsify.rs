//! `--coreai-sparsify`: magnitude, block and n:m pruning, alone or joint with quantization or
//! palettization of the kept values; the equivalent of
//! `coreai_opt.coreai_utils.sparsify_weights` (spec A.4, B, C.9–C.11, D.6, F.6).
//!
//! The pruned weight becomes `coreai.build_sparse_with_bitmask` over the kept values and a
//! packed `ui1` mask, followed by `coreai.sparse_with_bitmask_to_dense`. Joint forms quantize
//! (reusing the quantize kernel) or palettize (reusing the exact 1-D k-means) the kept values.
//! With a non-zero zero point (uint8) the values are dequantized before the scatter so that
//! pruned positions decode to exactly 0 (F.6).

use crate::{
    chain::{Chain, Node},
    compress::{
        CompressionOptions, Compressor, ReportConfig, Skip, create_from_text, create_with_report,
        parse_options,
    },
    constants::{Weights, element_bytes},
    eligibility::Candidate,
    options::{OptionError, OptionKind, OptionSpec, ParsedOptions},
    quantize::{QuantizeOptions, float_elem, quantize_chain},
    registry::{ErasedBody, PassId, PassInfo},
};
use coreai_compress::{
    element::Element,
    formats::ElemType,
    palettize,
    quantize::{QScheme, QuantDType},
    sparsify::{Sparsified, prune_block, prune_magnitude, prune_n_m},
};
use melior::pass::Pass;
use std::borrow::Cow;

static OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        name: "target-sparsity",
        kind: OptionKind::Float,
        default: "0.5",
        help: "fraction of weights to prune, in [0, 1] (magnitude percentile; ties at the threshold are pruned)",
    },
    OptionSpec {
        name: "block-size",
        kind: OptionKind::UInt,
        default: "",
        help: "prune blocks of this many output channels by L2 norm (> 1)",
    },
    OptionSpec {
        name: "n-m-ratio",
        kind: OptionKind::UIntList,
        default: "",
        help: "n:m sparsity along the input axis, e.g. 2,4 (excludes target-sparsity)",
    },
    OptionSpec {
        name: "quantize-dtype",
        kind: OptionKind::Enum(&["int8", "uint8", "fp8_e4m3fn", "fp8_e5m2"]),
        default: "",
        help: "also quantize the kept values (per tensor, symmetric)",
    },
    OptionSpec {
        name: "palettize-nbits",
        kind: OptionKind::UInt,
        default: "",
        help: "also palettize the kept values with 2^n entries: 1, 2, 3, 4, 6 or 8",
    },
    OptionSpec {
        name: "weight-num-threshold",
        kind: OptionKind::UInt,
        default: "1024",
        help: "weights with at most this many elements are left alone",
    },
    OptionSpec {
        name: "report",
        kind: OptionKind::Path,
        default: "",
        help: "write a JSON compression report to this file; `report` without a path emits remarks",
    },
];

/// The declaration of `--coreai-sparsify`.
pub static INFO: PassInfo = PassInfo {
    argument: "coreai-sparsify",
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
    options: OPTIONS,
    implied: Some(implied),
    create,
    id: &ID,
};

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

/// Options of `--coreai-sparsify` (reference names and defaults).
#[derive(Clone, Debug, PartialEq)]
pub struct SparsifyOptions {
    /// Unstructured (`target_sparsity`), block (`block_size`) or `n_m_ratio`.
    pub pruning: Pruning,
    /// Quantize the kept values (int8, uint8, fp8_e4m3fn, fp8_e5m2).
    pub quantize_dtype: Option<QuantDType>,
    /// Palettize the kept values with `2^n` entries.
    pub palettize_nbits: Option<u32>,
    /// Weights with at most this many elements are skipped.
    pub weight_num_threshold: u64,
}

impl Default for SparsifyOptions {
    fn default() -> Self {
        SparsifyOptions {
            pruning: Pruning::Magnitude {
                target_sparsity: 0.5,
            },
            quantize_dtype: None,
            palettize_nbits: None,
            weight_num_threshold: 1024,
        }
    }
}

const NBITS: [u32; 6] = [1, 2, 3, 4, 6, 8];

impl SparsifyOptions {
    /// Checks the options (spec A.4, plus the [0, 1] range of target-sparsity).
    ///
    /// # Errors
    /// An [`OptionError`] naming the rule that failed.
    pub fn validate(&self) -> Result<(), OptionError> {
        let err = |m: String| Err(OptionError::new("coreai-sparsify", m));
        if self.quantize_dtype.is_some() && self.palettize_nbits.is_some() {
            return err("quantize-dtype and palettize-nbits are mutually exclusive".into());
        }
        if let Some(d) = self.quantize_dtype
            && !matches!(
                d,
                QuantDType::Int8 | QuantDType::UInt8 | QuantDType::Fp8E4M3fn | QuantDType::Fp8E5M2
            )
        {
            return err(format!(
                "quantize-dtype must be one of int8, uint8, fp8_e4m3fn, fp8_e5m2; got {}",
                d.name()
            ));
        }
        if let Some(b) = self.palettize_nbits
            && !NBITS.contains(&b)
        {
            return err(format!(
                "'palettize-nbits' must be one of 1, 2, 3, 4, 6, 8; got {b}"
            ));
        }
        match self.pruning {
            Pruning::Magnitude { target_sparsity }
            | Pruning::Block {
                target_sparsity, ..
            } if !(0.0..=1.0).contains(&target_sparsity) => err(format!(
                "'target-sparsity' must be in [0, 1]; got {target_sparsity}"
            )),
            Pruning::Block { block_size, .. } if block_size <= 1 => err(format!(
                "'block-size' must be greater than 1; got {block_size}"
            )),
            Pruning::NM { n, m } if m == 0 || n > m => err(format!(
                "'n-m-ratio' must satisfy m > 0 and 0 <= n <= m; got {n},{m}"
            )),
            _ => Ok(()),
        }
    }

    fn from_parsed(o: &ParsedOptions) -> Result<Self, OptionError> {
        let nm = o.uint_list("n-m-ratio");
        let pruning = match nm {
            Some(list) => {
                if o.is_set("target-sparsity") && o.float("target-sparsity").is_some() {
                    return Err(o.error("target-sparsity and n-m-ratio are mutually exclusive"));
                }
                if o.is_set("block-size") {
                    return Err(o.error("block-size and n-m-ratio are mutually exclusive"));
                }
                if list.len() != 2 {
                    return Err(o.error(format!(
                        "'n-m-ratio' must have 2 entries (n,m); got {}",
                        list.len()
                    )));
                }
                Pruning::NM {
                    n: list[0] as usize,
                    m: list[1] as usize,
                }
            }
            None => {
                if o.is_set("target-sparsity") && o.float("target-sparsity").is_none() {
                    return Err(o.error("one of target-sparsity and n-m-ratio must be set"));
                }
                let target_sparsity = o.float("target-sparsity").unwrap_or(0.5);
                match o.uint("block-size") {
                    Some(b) => Pruning::Block {
                        target_sparsity,
                        block_size: b as usize,
                    },
                    None => Pruning::Magnitude { target_sparsity },
                }
            }
        };
        let options = SparsifyOptions {
            pruning,
            quantize_dtype: o
                .enumeration("quantize-dtype")
                .and_then(|d| QuantDType::from_name(&d)),
            palettize_nbits: o.uint("palettize-nbits").map(|b| b as u32),
            weight_num_threshold: o.uint("weight-num-threshold").unwrap_or(1024),
        };
        if options.palettize_nbits.is_some_and(|b| b > 8) {
            return Err(o.error(format!(
                "'palettize-nbits' must be one of 1, 2, 3, 4, 6, 8; got {}",
                options.palettize_nbits.unwrap_or(0)
            )));
        }
        options.validate()?;
        Ok(options)
    }
}

impl std::str::FromStr for SparsifyOptions {
    type Err = OptionError;

    /// Parses MLIR pass options, e.g. `target-sparsity=0.75 quantize-dtype=int8`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_options(s)
    }
}

static ID: PassId = PassId;

/// With `n-m-ratio`, `target-sparsity` defaults to `none` (the two are exclusive).
fn implied(o: &mut ParsedOptions) {
    if o.is_set("n-m-ratio") {
        o.imply("target-sparsity", "none");
    }
}

fn create(text: &str) -> Result<Box<dyn ErasedBody>, OptionError> {
    create_from_text::<SparsifyOptions>(text)
}

/// Creates `--coreai-sparsify` for a melior `PassManager`.
///
/// # Errors
/// If the options are invalid (spec A.4).
pub fn create_sparsify_pass(options: &SparsifyOptions) -> Result<Pass, OptionError> {
    create_with_report(options, ReportConfig::default())
}

/// The pruned weight in its own element type.
enum Pruned {
    F16(Sparsified<half::f16>),
    BF16(Sparsified<half::bf16>),
    F32(Sparsified<f32>),
}

fn prune<T: Element>(w: &[T], c: &Candidate, pruning: Pruning) -> Result<Sparsified<T>, Skip> {
    let axis = |a: Option<usize>, what: &str| {
        a.ok_or_else(|| Skip {
            reason: format!("a rank-{} weight has no {what} axis", c.shape.len()),
        })
    };
    Ok(match pruning {
        Pruning::Magnitude { target_sparsity } => prune_magnitude(w, &c.shape, target_sparsity)?,
        Pruning::Block {
            target_sparsity,
            block_size,
        } => prune_block(
            w,
            &c.shape,
            axis(c.axes.out, "output-channel")?,
            block_size,
            target_sparsity,
        )?,
        Pruning::NM { n, m } => prune_n_m(w, &c.shape, axis(c.axes.input, "input-channel")?, n, m)?,
    })
}

impl SparsifyOptions {
    /// The chain of a pruned weight: `values` are the kept values, `kept` the same values
    /// viewed as weights (for the quantize kernel), `mask` the packed `ui1` mask.
    fn chain<T: Element>(
        &self,
        values: &[T],
        kept: Weights<'_>,
        mask: Vec<u8>,
        c: &Candidate,
    ) -> Result<Chain, Skip> {
        let weight_elem = float_elem(c.float);
        let nnz = values.len();
        let mut chain = Chain::default();
        let joint = self.quantize_dtype.is_some() || self.palettize_nbits.is_some();
        if nnz == 0 || !joint {
            if joint {
                // Nothing kept: the joint forms have nothing to compress (D.6: plain sparsity).
                chain.warnings.push(
                    "every weight was pruned: nothing left to quantize or palettize, stored as plain sparsity".into(),
                );
            }
            // C.9: the kept values as they are (their storage bytes, no conversion).
            let v = chain.constant(weight_elem, &[nnz], element_bytes(values));
            let m = chain.constant(ElemType::UI1, &c.shape, mask);
            chain.sparse(v, m, weight_elem, &c.shape, nnz);
            return Ok(chain);
        }
        if let Some(dtype) = self.quantize_dtype {
            let q_options = QuantizeOptions {
                dtype,
                qscheme: QScheme::Symmetric,
                granularity: crate::quantize::Granularity::PerTensor,
                weight_num_threshold: 0,
                ..Default::default()
            };
            // Per tensor, symmetric, over the 1-D vector of kept values (D.6): data, scale,
            // offset1 (the zero point) and offset2 feeding blockwise_shift_scale.
            let mut q = quantize_chain(&kept, &[nnz], &[0], &q_options, c.float)?;
            let zero_point_is_zero =
                matches!(&q.nodes[2], Node::Const { bytes, .. } if bytes.iter().all(|&b| b == 0));
            if !zero_point_is_zero {
                // F.6: dequantize the kept values first, so that pruned positions decode to 0.
                let values = q.nodes.len() - 1;
                let m = q.constant(ElemType::UI1, &c.shape, mask);
                q.sparse(values, m, weight_elem, &c.shape, nnz);
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
                return Err(Skip {
                    reason: "unexpected quantize chain".into(),
                });
            };
            let ones = vec![1usize; c.shape.len()];
            let qv = chain.constant(data_elem, &[nnz], data);
            let scale = chain.constant(scale_elem, &ones, scale);
            let off1 = chain.constant(data_elem, &ones, zp);
            let m = chain.constant(ElemType::UI1, &c.shape, mask);
            let dense = chain.sparse(qv, m, data_elem, &c.shape, nnz);
            let off2 = chain.splat(weight_elem, &ones, 0.0)?;
            chain.op(
                "coreai.blockwise_shift_scale",
                &[dense, scale, off1, off2],
                weight_elem,
                &c.shape,
            );
            return Ok(chain);
        }
        let bits = self.palettize_nbits.unwrap_or(4);
        // C.11: exact k-means of the kept values as one group, in the weight dtype, without
        // fast-mode rounding (D.6).
        let lut = palettize::palettize_values(values, bits)?;
        let idx_elem = ElemType::Int {
            bits: bits as u8,
            signed: false,
        };
        let indices = chain.constant(
            idx_elem,
            &[nnz],
            coreai_compress::pack::pack_unsigned(&lut.indices, bits)?,
        );
        let table = chain.constant_f32(weight_elem, &[1, 1usize << bits, 1], &lut.lut)?;
        let axis = chain.constant(
            ElemType::Int {
                bits: 16,
                signed: true,
            },
            &[],
            vec![0, 0],
        );
        let v = chain.op(
            "coreai.lut_to_dense",
            &[indices, table, axis],
            weight_elem,
            &[nnz],
        );
        let m = chain.constant(ElemType::UI1, &c.shape, mask);
        chain.sparse(v, m, weight_elem, &c.shape, nnz);
        Ok(chain)
    }
}

impl CompressionOptions for SparsifyOptions {
    fn info() -> &'static PassInfo {
        &INFO
    }

    fn from_parsed(o: &ParsedOptions) -> Result<Self, OptionError> {
        SparsifyOptions::from_parsed(o)
    }

    fn validate(&self) -> Result<(), OptionError> {
        SparsifyOptions::validate(self)
    }
}

impl Compressor for SparsifyOptions {
    fn argument(&self) -> &'static str {
        INFO.argument
    }

    fn verb(&self) -> &'static str {
        "sparsify"
    }

    fn threshold(&self) -> u64 {
        self.weight_num_threshold
    }

    fn plan(&self, c: &Candidate, w: &Weights<'_>) -> Result<Chain, Skip> {
        let pruned = match w {
            Weights::F16(v) => Pruned::F16(prune(v, c, self.pruning)?),
            Weights::BF16(v) => Pruned::BF16(prune(v, c, self.pruning)?),
            Weights::F32(v) => Pruned::F32(prune(v, c, self.pruning)?),
        };
        match pruned {
            Pruned::F16(s) => {
                self.chain(&s.values, Weights::F16(Cow::Borrowed(&s.values)), s.mask, c)
            }
            Pruned::BF16(s) => self.chain(
                &s.values,
                Weights::BF16(Cow::Borrowed(&s.values)),
                s.mask,
                c,
            ),
            Pruned::F32(s) => {
                self.chain(&s.values, Weights::F32(Cow::Borrowed(&s.values)), s.mask, c)
            }
        }
    }
}
