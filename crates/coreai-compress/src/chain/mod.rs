//! Decompression chains, independent of MLIR.
//!
//! A compression kernel's result is turned into a [`Chain`]: constants (already in blob
//! layout) and decompression ops over them, whose last node replaces the weight. Chains are
//! built in parallel without touching IR, then emitted sequentially in walk order by the
//! passes (`coreai-passes`' `emit`), which keeps the output deterministic.
//! [`Chain::evaluate`] decodes a chain with the spec-E evaluators of [`eval_op`] for the
//! compression report; `--coreai-decompress` evaluates chains read back from IR with the same
//! function.
//!
//! - [`build`]: the chain builders of each compression method ([`quantize_chain`],
//!   [`palettize_chain`], [`prune_chain`]) and their [`BuildError`], which separates a weight
//!   that cannot be compressed ([`BuildError::Ineligible`]) from a failure that valid options
//!   and a readable weight never cause ([`BuildError::Internal`]).
//! - [`eval`]: the decoded [`Tensor`] and the evaluator of one op, with [`EvalError`].
//!
//! Nothing here is parallel: the builders call the (parallel) kernels, whose results do not
//! depend on the number of threads.

pub mod build;
pub mod eval;

pub use build::{
    BuildError, Ineligible, Internal, Joint, Pruning, Weights, float_elem, palettize_chain,
    prune_chain, quantize_chain,
};
pub use eval::{EvalError, Tensor, eval_op};

use crate::formats::{self, ElemType, FormatError};
use thiserror::Error;

/// The decompression ops of Core AI (spec C.2), with their MLIR names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OpKind {
    /// `coreai.blockwise_shift_scale`: `scale · (data − offset1) + offset2` per block.
    BlockwiseShiftScale,
    /// `coreai.lut_to_dense`: LUT lookup of packed indices.
    LutToDense,
    /// `coreai.cast`: element type conversion.
    Cast,
    /// `coreai.build_sparse_with_bitmask`: kept values plus a `ui1` mask.
    BuildSparseWithBitmask,
    /// `coreai.lut_to_sparse_with_bitmask`: LUT lookup of sparse indices.
    LutToSparseWithBitmask,
    /// `coreai.sparse_with_bitmask_to_dense`: scatter of a bitmask sparse tensor.
    SparseWithBitmaskToDense,
}

impl OpKind {
    /// Every decompression op.
    pub const ALL: [OpKind; 6] = [
        OpKind::BlockwiseShiftScale,
        OpKind::LutToDense,
        OpKind::Cast,
        OpKind::BuildSparseWithBitmask,
        OpKind::LutToSparseWithBitmask,
        OpKind::SparseWithBitmaskToDense,
    ];

    /// The op name, e.g. `coreai.lut_to_dense`.
    pub const fn name(self) -> &'static str {
        match self {
            OpKind::BlockwiseShiftScale => "coreai.blockwise_shift_scale",
            OpKind::LutToDense => "coreai.lut_to_dense",
            OpKind::Cast => "coreai.cast",
            OpKind::BuildSparseWithBitmask => "coreai.build_sparse_with_bitmask",
            OpKind::LutToSparseWithBitmask => "coreai.lut_to_sparse_with_bitmask",
            OpKind::SparseWithBitmaskToDense => "coreai.sparse_with_bitmask_to_dense",
        }
    }

    /// The op with this name, if it is a decompression op.
    pub fn from_name(name: &str) -> Option<OpKind> {
        OpKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// True for the ops whose result is a bitmask sparse tensor.
    pub fn is_sparse(self) -> bool {
        matches!(
            self,
            OpKind::BuildSparseWithBitmask | OpKind::LutToSparseWithBitmask
        )
    }
}

/// The most elements a tensor may have to be materialised here (2^32, 16 GB as f32). Larger
/// tensors are reported instead of aborting on allocation.
pub const MAX_MATERIALISED: usize = 1 << 32;

/// The number of elements of `shape`, `None` if it overflows.
pub fn checked_elements(shape: &[usize]) -> Option<usize> {
    shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d))
}

/// A tensor too large to materialise.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum SizeError {
    /// More than [`MAX_MATERIALISED`] elements.
    #[error(
        "the tensor has {count} elements, more than the {MAX_MATERIALISED} this tool materialises"
    )]
    TooMany {
        /// The element count.
        count: usize,
    },
    /// The element count overflows `usize`.
    #[error("the element count of shape {shape:?} overflows")]
    Overflow {
        /// The shape.
        shape: Vec<usize>,
    },
}

/// The element count of `shape`, if a tensor of that shape can be materialised.
///
/// # Errors
/// [`SizeError`] if the count overflows or exceeds [`MAX_MATERIALISED`].
pub fn check_materialisable(shape: &[usize]) -> Result<usize, SizeError> {
    match checked_elements(shape) {
        Some(n) if n <= MAX_MATERIALISED => Ok(n),
        Some(count) => Err(SizeError::TooMany { count }),
        None => Err(SizeError::Overflow {
            shape: shape.to_vec(),
        }),
    }
}

/// Whether the first `count` elements of `bytes` (blob layout of `elem`) are all equal.
pub fn is_splat(elem: ElemType, bytes: &[u8], count: usize) -> bool {
    if count == 1 {
        return true;
    }
    let bits = elem.bit_width() as usize;
    if bits >= 8 {
        // Every element equals the first iff every element equals the one before it: one
        // shifted comparison (memcmp), instead of a loop per element.
        let size = bits / 8;
        let len = (count * size).min(bytes.len());
        return len >= size && bytes[size..len] == bytes[..len - size];
    }
    let get = |i: usize| -> u32 {
        let bit = i * bits;
        let mut v = 0u32;
        for k in 0..bits {
            let b = bit + k;
            v |= u32::from((bytes[b / 8] >> (b % 8)) & 1) << k;
        }
        v
    };
    let first = get(0);
    if 8 % bits == 0 {
        // 1, 2 and 4 bits: whole bytes must all be `first` replicated, then the last,
        // partial byte element by element.
        let per_byte = 8 / bits;
        let full = count / per_byte;
        let pattern = (0..per_byte).fold(0u8, |b, k| b | ((first as u8) << (k * bits)));
        return bytes.len() >= count.div_ceil(per_byte)
            && bytes[..full].iter().all(|&b| b == pattern)
            && (full * per_byte..count).all(|i| get(i) == first);
    }
    (1..count).all(|i| get(i) == first)
}

/// The type of an op result in a chain.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultType {
    /// Element type.
    pub elem: ElemType,
    /// Static shape.
    pub shape: Vec<usize>,
    /// `Some(nnz)` for a bitmask sparse tensor.
    pub sparse_nnz: Option<usize>,
}

impl ResultType {
    /// A dense result.
    pub fn dense(elem: ElemType, shape: Vec<usize>) -> Self {
        ResultType {
            elem,
            shape,
            sparse_nnz: None,
        }
    }
}

/// A node of a chain.
#[derive(Clone, Debug)]
pub enum Node {
    /// A `coreai.constant` with data in blob layout.
    Const {
        /// Element type.
        elem: ElemType,
        /// Shape.
        shape: Vec<usize>,
        /// The data in blob layout (sub-byte values bit-packed LSB-first).
        bytes: Vec<u8>,
    },
    /// An op over earlier nodes.
    Op {
        /// Which op.
        kind: OpKind,
        /// Indices of the operand nodes.
        operands: Vec<usize>,
        /// The result type.
        result: ResultType,
    },
}

/// Errors of building chain constants.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum ChainError {
    /// Values that cannot be encoded into the constant's element type.
    #[error(transparent)]
    Encode(#[from] FormatError),
    /// A constant too large to build.
    #[error(transparent)]
    Size(#[from] SizeError),
    /// A chain without nodes.
    #[error("empty decompression chain")]
    Empty,
}

/// A decompression chain; the last node is the decompressed weight.
#[derive(Clone, Debug, Default)]
pub struct Chain {
    /// The nodes, operands before their users.
    pub nodes: Vec<Node>,
    /// Warnings to emit at the weight's location when the chain is emitted.
    pub warnings: Vec<String>,
}

impl Chain {
    /// Adds a constant and returns its index.
    pub fn constant(&mut self, elem: ElemType, shape: &[usize], bytes: Vec<u8>) -> usize {
        self.nodes.push(Node::Const {
            elem,
            shape: shape.to_vec(),
            bytes,
        });
        self.nodes.len() - 1
    }

    /// Adds a constant from f32 values, encoded (RNE) into `elem`.
    ///
    /// # Errors
    /// [`ChainError::Encode`] if a value cannot be encoded.
    pub fn constant_f32(
        &mut self,
        elem: ElemType,
        shape: &[usize],
        values: &[f32],
    ) -> Result<usize, ChainError> {
        let bytes = formats::encode_buffer(elem, values)?;
        Ok(self.constant(elem, shape, bytes))
    }

    /// A splat constant of `value`.
    ///
    /// # Errors
    /// As [`Chain::constant_f32`], and [`ChainError::Size`] for a shape too large to build.
    pub fn splat(
        &mut self,
        elem: ElemType,
        shape: &[usize],
        value: f32,
    ) -> Result<usize, ChainError> {
        let n = check_materialisable(shape)?;
        self.constant_f32(elem, shape, &vec![value; n])
    }

    /// Adds an op and returns its index.
    pub fn op(
        &mut self,
        kind: OpKind,
        operands: &[usize],
        elem: ElemType,
        shape: &[usize],
    ) -> usize {
        self.nodes.push(Node::Op {
            kind,
            operands: operands.to_vec(),
            result: ResultType::dense(elem, shape.to_vec()),
        });
        self.nodes.len() - 1
    }

    /// Adds `build_sparse_with_bitmask` + `sparse_with_bitmask_to_dense` over `values` and
    /// `mask` and returns the dense result.
    pub fn sparse(
        &mut self,
        values: usize,
        mask: usize,
        elem: ElemType,
        shape: &[usize],
        nnz: usize,
    ) -> usize {
        self.nodes.push(Node::Op {
            kind: OpKind::BuildSparseWithBitmask,
            operands: vec![values, mask],
            result: ResultType {
                elem,
                shape: shape.to_vec(),
                sparse_nnz: Some(nnz),
            },
        });
        let sparse = self.nodes.len() - 1;
        self.op(OpKind::SparseWithBitmaskToDense, &[sparse], elem, shape)
    }

    /// Total bytes of the chain's constants as stored: blob layout, one element for a splat.
    pub fn constant_bytes(&self) -> usize {
        self.nodes
            .iter()
            .map(|n| match n {
                Node::Const { elem, shape, bytes } => {
                    let count = checked_elements(shape).unwrap_or(usize::MAX);
                    if count > 1 && is_splat(*elem, bytes, count) {
                        elem.storage_len(1).unwrap_or(0)
                    } else {
                        bytes.len()
                    }
                }
                Node::Op { .. } => 0,
            })
            .sum()
    }

    /// Decodes the chain (spec E) to the values of its last node.
    ///
    /// # Errors
    /// [`EvalError`] if a constant or an op cannot be decoded.
    pub fn evaluate(&self) -> Result<Vec<f32>, EvalError> {
        let mut tensors: Vec<Tensor> = Vec::with_capacity(self.nodes.len());
        for node in &self.nodes {
            let t = match node {
                Node::Const { elem, shape, bytes } => {
                    let n = check_materialisable(shape)?;
                    Tensor::dense(
                        *elem,
                        shape.clone(),
                        formats::decode_buffer(*elem, bytes, n)?,
                    )
                }
                Node::Op {
                    kind,
                    operands,
                    result,
                } => {
                    let inputs: Vec<&Tensor> = operands.iter().map(|&i| &tensors[i]).collect();
                    eval_op(*kind, &inputs, result)?
                }
            };
            tensors.push(t);
        }
        tensors
            .pop()
            .map(|t| t.values)
            .ok_or(EvalError::Chain(ChainError::Empty))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast paths agree with an element-by-element comparison, for whole-byte and
    /// sub-byte types, full and partial last bytes, and a difference in any position.
    #[test]
    fn is_splat_matches_element_comparison() {
        for bits in [1u8, 2, 3, 4, 6, 8, 16] {
            let elem = ElemType::Int {
                bits,
                signed: false,
            };
            for count in [2usize, 3, 7, 8, 9, 33, 64] {
                let value = (1u32 << (bits.min(8) - 1)) | 1;
                let mut codes = vec![value; count];
                let pack = |c: &[u32]| -> Vec<u8> {
                    let b = usize::from(bits);
                    let mut out = vec![0u8; (c.len() * b).div_ceil(8)];
                    for (i, &v) in c.iter().enumerate() {
                        for k in 0..b {
                            out[(i * b + k) / 8] |= (((v >> k) & 1) as u8) << ((i * b + k) % 8);
                        }
                    }
                    out
                };
                assert!(is_splat(elem, &pack(&codes), count), "{bits} bits, {count}");
                for i in [1, count / 2, count - 1] {
                    codes[i] ^= 1;
                    assert!(
                        !is_splat(elem, &pack(&codes), count),
                        "{bits} bits, {count}, {i}"
                    );
                    codes[i] ^= 1;
                }
            }
        }
        assert!(!is_splat(ElemType::F16, &[], 2));
    }

    #[test]
    fn op_names_round_trip() {
        for k in OpKind::ALL {
            assert_eq!(OpKind::from_name(k.name()), Some(k));
            assert!(k.name().starts_with("coreai."));
        }
        assert_eq!(OpKind::from_name("coreai.constant"), None);
    }

    #[test]
    fn materialisation_limits() {
        assert_eq!(check_materialisable(&[2, 3]), Ok(6));
        assert!(matches!(
            check_materialisable(&[1 << 20, 1 << 20]),
            Err(SizeError::TooMany { .. })
        ));
        assert!(matches!(
            check_materialisable(&[usize::MAX, 2]),
            Err(SizeError::Overflow { .. })
        ));
    }

    /// A constant, a splat and an op: sizes count a splat as one element, and evaluation
    /// follows the ops.
    #[test]
    fn constant_bytes_and_evaluation() {
        let mut c = Chain::default();
        let data = c.constant(
            ElemType::Int {
                bits: 8,
                signed: true,
            },
            &[2, 2],
            vec![1, 2, 3, 0xFF],
        );
        let scale = c.splat(ElemType::F32, &[1, 1], 0.5).unwrap();
        let off1 = c
            .splat(
                ElemType::Int {
                    bits: 8,
                    signed: true,
                },
                &[1, 1],
                0.0,
            )
            .unwrap();
        let off2 = c.splat(ElemType::F32, &[1, 1], 0.0).unwrap();
        c.op(
            OpKind::BlockwiseShiftScale,
            &[data, scale, off1, off2],
            ElemType::F32,
            &[2, 2],
        );
        assert_eq!(c.constant_bytes(), 4 + 4 + 1 + 4);
        assert_eq!(c.evaluate().unwrap(), vec![0.5, 1.0, 1.5, -0.5]);
        assert_eq!(
            Chain::default().evaluate(),
            Err(EvalError::Chain(ChainError::Empty))
        );
    }
}
