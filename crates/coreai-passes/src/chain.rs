//! Decompression chains, independent of MLIR.
//!
//! A compression kernel's result is turned into a [`Chain`]: constants (already in blob
//! layout) and decompression ops over them, whose last node replaces the weight. Chains are
//! built in parallel without touching IR, then emitted sequentially in walk order by
//! [`Chain::emit`], which keeps the output deterministic. [`Chain::evaluate`] decodes a chain
//! with the spec-E evaluators of [`crate::eval`] for the compression report.

use crate::{
    constants::ConstantFactory,
    eval::{self, Tensor},
    ir::{self, Op, Val},
};
use coreai_compress::formats::{self, ElemType};
use mlir_sys::MlirAttribute;

/// The type of an op result in a chain.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ResultType {
    pub elem: ElemType,
    pub shape: Vec<usize>,
    /// `Some(nnz)` for a bitmask sparse tensor.
    pub sparse_nnz: Option<usize>,
}

/// A node of a chain.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    /// A `coreai.constant` with data in blob layout.
    Const {
        elem: ElemType,
        shape: Vec<usize>,
        bytes: Vec<u8>,
    },
    /// An op over earlier nodes.
    Op {
        name: &'static str,
        operands: Vec<usize>,
        result: ResultType,
    },
}

/// A decompression chain; the last node is the decompressed weight.
#[derive(Clone, Debug, Default)]
pub(crate) struct Chain {
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
    pub fn constant_f32(
        &mut self,
        elem: ElemType,
        shape: &[usize],
        values: &[f32],
    ) -> Result<usize, String> {
        let bytes = formats::encode_buffer(elem, values).map_err(|e| e.to_string())?;
        Ok(self.constant(elem, shape, bytes))
    }

    /// A splat constant of `value`.
    pub fn splat(&mut self, elem: ElemType, shape: &[usize], value: f32) -> Result<usize, String> {
        let n: usize = shape.iter().product();
        self.constant_f32(elem, shape, &vec![value; n])
    }

    /// Adds an op and returns its index.
    pub fn op(
        &mut self,
        name: &'static str,
        operands: &[usize],
        elem: ElemType,
        shape: &[usize],
    ) -> usize {
        self.nodes.push(Node::Op {
            name,
            operands: operands.to_vec(),
            result: ResultType {
                elem,
                shape: shape.to_vec(),
                sparse_nnz: None,
            },
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
            name: "coreai.build_sparse_with_bitmask",
            operands: vec![values, mask],
            result: ResultType {
                elem,
                shape: shape.to_vec(),
                sparse_nnz: Some(nnz),
            },
        });
        let sparse = self.nodes.len() - 1;
        self.op(
            "coreai.sparse_with_bitmask_to_dense",
            &[sparse],
            elem,
            shape,
        )
    }

    /// Total bytes of the chain's constants as stored: blob layout, one element for a splat.
    pub fn constant_bytes(&self) -> usize {
        self.nodes
            .iter()
            .map(|n| match n {
                Node::Const { elem, shape, bytes } => {
                    let count = crate::constants::checked_elements(shape).unwrap_or(usize::MAX);
                    if count > 1 && crate::constants::is_splat(*elem, bytes, count) {
                        elem.storage_len(1).unwrap_or(0)
                    } else {
                        bytes.len()
                    }
                }
                Node::Op { .. } => 0,
            })
            .sum()
    }

    /// Emits the chain before `before` and returns the value of its last node. The
    /// constants' bytes move into the IR without a copy.
    pub fn emit(self, before: Op, factory: &mut ConstantFactory) -> Result<Val, String> {
        let ctx = before.context();
        let mut values: Vec<Val> = Vec::with_capacity(self.nodes.len());
        for node in self.nodes {
            let v = match node {
                Node::Const { elem, shape, bytes } => factory.constant(before, elem, &shape, bytes),
                Node::Op {
                    name,
                    operands,
                    result,
                } => {
                    let encoding: Option<MlirAttribute> = result.sparse_nnz.map(|nnz| unsafe {
                        coreai_dialect::ffi::coreaiSparseTensorEncodingAttrGet(
                            ctx, nnz as i64, 1, 1,
                        )
                    });
                    let ty =
                        ir::tensor_type(&result.shape, ir::mlir_type(ctx, result.elem), encoding);
                    let ops: Vec<Val> = operands.iter().map(|&i| values[i]).collect();
                    ir::create_op_before(before, name, &ops, &[ty], &[]).result(0)
                }
            };
            values.push(v);
        }
        values
            .last()
            .copied()
            .ok_or_else(|| "empty decompression chain".to_string())
    }

    /// Decodes the chain (spec E) to the values of its last node.
    pub fn evaluate(&self) -> Result<Vec<f32>, String> {
        let mut tensors: Vec<Tensor> = Vec::with_capacity(self.nodes.len());
        for node in &self.nodes {
            let t = match node {
                Node::Const { elem, shape, bytes } => {
                    let n = crate::constants::check_materialisable(shape)?;
                    Tensor::dense(
                        *elem,
                        shape.clone(),
                        formats::decode_buffer(*elem, bytes, n).map_err(|e| e.to_string())?,
                    )
                }
                Node::Op {
                    name,
                    operands,
                    result,
                } => {
                    let inputs: Vec<&Tensor> = operands.iter().map(|&i| &tensors[i]).collect();
                    eval::eval_op(name, &inputs, result)?
                }
            };
            tensors.push(t);
        }
        tensors
            .pop()
            .map(|t| t.values)
            .ok_or_else(|| "empty decompression chain".to_string())
    }
}
