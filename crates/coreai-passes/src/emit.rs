//! Emission of a decompression chain ([`Chain`], built without MLIR by `coreai-compress`) as
//! IR before the weight it replaces.

use crate::{
    constants::ConstantFactory,
    ir::{self, Op, Type, Value},
};
use coreai_compress::chain::{Chain, Node};

/// Emits `chain` before `before` and returns the value of its last node. The constants'
/// bytes move into the IR without a copy.
pub(crate) fn emit<'a>(
    chain: Chain,
    before: Op<'a>,
    factory: &mut ConstantFactory<'a>,
) -> Result<Value<'a>, String> {
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
                    .ok_or("a chain op uses a later node")?;
                ir::create_op_before(before, kind.name(), &ops, &[ty], &[])
                    .and_then(|op| op.result(0))
                    .ok_or("cannot insert the chain here")?
            }
        };
        values.push(v);
    }
    values
        .last()
        .copied()
        .ok_or_else(|| "empty decompression chain".to_string())
}
