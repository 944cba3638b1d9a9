//! Emission of a decompression chain ([`Chain`], built without MLIR by `coreai-compress`) as
//! IR before the weight it replaces.

use crate::{
    constants::{ConstantFactory, WriteError},
    ir::{self, Op, Type, Value},
};
use coreai_compress::chain::{Chain, ChainError, Node};
use thiserror::Error;

/// Why a chain cannot be emitted.
#[derive(Debug, Error, Clone, PartialEq)]
pub(crate) enum EmitError {
    /// A constant of the chain cannot be written.
    #[error(transparent)]
    Constant(#[from] WriteError),
    /// An op whose operand is not an earlier node.
    #[error("a chain op uses a later node")]
    ForwardOperand,
    /// MLIR did not create the op before the weight.
    #[error("cannot insert the chain here")]
    Insert,
    /// A chain without nodes.
    #[error(transparent)]
    Chain(#[from] ChainError),
}

/// Emits `chain` before `before` and returns the value of its last node. The constants'
/// bytes move into the IR without a copy.
pub(crate) fn emit<'a>(
    chain: Chain,
    before: Op<'a>,
    factory: &mut ConstantFactory<'a>,
) -> Result<Value<'a>, EmitError> {
    let ctx = before.context();
    let mut values: Vec<Value<'a>> = Vec::with_capacity(chain.nodes.len());
    for node in chain.nodes {
        let v = match node {
            Node::Const { elem, shape, bytes } => factory.constant(before, elem, &shape, bytes)?,
            Node::Op {
                kind,
                operands,
                result,
            } => {
                let elem = Type::of_elem(ctx, result.elem);
                let ty = match result.sparse_nnz {
                    Some(nnz) => Type::sparse_tensor(ctx, &result.shape, elem, nnz),
                    None => Type::ranked_tensor(&result.shape, elem, None),
                };
                let ops = operands
                    .iter()
                    .map(|&i| values.get(i).copied())
                    .collect::<Option<Vec<Value<'a>>>>()
                    .ok_or(EmitError::ForwardOperand)?;
                ir::create_op_before(before, kind.name(), &ops, &[ty], &[])
                    .and_then(|op| op.result(0))
                    .ok_or(EmitError::Insert)?
            }
        };
        values.push(v);
    }
    values
        .last()
        .copied()
        .ok_or(EmitError::Chain(ChainError::Empty))
}
