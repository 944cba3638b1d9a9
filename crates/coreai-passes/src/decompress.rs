//! `--coreai-decompress`: folds every compressed chain whose inputs are constants into one
//! dense `coreai.constant`, following the decoding formulas of spec section E.
//!
//! It is the project's reference evaluator: every compression pass is tested by running it
//! and then this pass. The arithmetic lives in `coreai_compress::decode` (through the chain
//! evaluator `coreai_compress::chain::eval_op`); this file only reads constants, evaluates the
//! ops in program order (so that chains such as `lut_to_dense` → `cast` →
//! `blockwise_shift_scale` fold step by step) and writes results. Ops whose inputs are not all
//! constants are left alone.

use crate::{
    constants::{ConstantError, ConstantFactory, dense_result, read_constant},
    ir::{self, Op, Value, names},
    options::{OptionError, PassOptions, pass_options},
    pass::{PassBody, PassFailed, PassId, PassInfo, create_pass},
};
use coreai_compress::chain::{OpKind, Tensor, eval_op};
use melior::pass::Pass;
use std::collections::{HashMap, HashSet};

pass_options! {
    /// Options of `--coreai-decompress` (it has none).
    pub struct DecompressOptions for "coreai-decompress" {}
}

static ID: PassId = PassId::new();

/// The declaration of `--coreai-decompress`.
pub static INFO: PassInfo = PassInfo {
    argument: DecompressOptions::PASS,
    name: "CoreAIDecompress",
    summary: "fold compressed weight chains with constant inputs into dense constants",
    description: r#"Evaluates `coreai.blockwise_shift_scale`, `coreai.lut_to_dense`, `coreai.cast`,
`coreai.sparse_with_bitmask_to_dense` (of `coreai.build_sparse_with_bitmask` or
`coreai.lut_to_sparse_with_bitmask`) whenever all their inputs are constants, and replaces
each with one `coreai.constant` holding the decoded values (computed in f32, rounded to the
result type with round-to-nearest-even). Ops left without uses are erased.

Before:

```mlir
%0 = coreai.constant dense<[[1, 2], [3, 0]]> : tensor<2x2xui2>
%1 = coreai.constant dense<0> : tensor<si16>
%2 = coreai.constant dense<[[[[0.0], [0.5], [1.0], [1.5]]]]> : tensor<1x1x4x1xf16>
%3 = coreai.lut_to_dense %0, %2, %1 : (tensor<2x2xui2>, tensor<1x1x4x1xf16>, tensor<si16>) -> tensor<2x2xf16>
```

After:

```mlir
%0 = coreai.constant dense<[[5.000000e-01, 1.000000e+00], [1.500000e+00, 0.000000e+00]]> : tensor<2x2xf16>
```"#,
    options: DecompressOptions::table,
    create,
};

fn create(options: &str) -> Result<Pass, OptionError> {
    DecompressOptions::from_option_string(options)?;
    Ok(create_decompress_pass())
}

/// Creates the pass for a melior `PassManager`.
pub fn create_decompress_pass() -> Pass {
    create_pass(DecompressPass, &ID)
}

#[derive(Clone)]
struct DecompressPass;

impl PassBody for DecompressPass {
    fn info(&self) -> &'static PassInfo {
        &INFO
    }

    fn run_on(&mut self, root: Op<'_>) -> Result<(), PassFailed> {
        let ops = ir::collect_ops(root, |op| OpKind::from_name(op.name()).is_some());
        let mut factory = ConstantFactory::default();
        // Decoded values of folded ops, by value (sparse results are only kept here).
        let mut known: HashMap<usize, Tensor> = HashMap::new();
        let mut maybe_dead: Vec<Op<'_>> = Vec::new();
        let mut failed = false;
        for op in ops {
            let Some(kind) = OpKind::from_name(op.name()) else {
                continue;
            };
            let inputs = match inputs(op, &known) {
                Ok(Some(inputs)) => inputs,
                Ok(None) => continue,
                Err(e) => {
                    op.emit_error(&e.to_string());
                    failed = true;
                    continue;
                }
            };
            let (result, value) = match dense_result(op) {
                Ok(r) => r,
                Err(e) => {
                    op.emit_remark(&format!("not decompressed: {e}"));
                    continue;
                }
            };
            let refs: Vec<&Tensor> = inputs.iter().collect();
            let tensor = match eval_op(kind, &refs, &result) {
                Ok(t) => t,
                Err(e) => {
                    op.emit_error(&format!("cannot decompress: {e}"));
                    failed = true;
                    continue;
                }
            };
            maybe_dead.extend(op.operands().filter_map(Value::defining_op));
            if tensor.mask.is_some() {
                known.insert(value.key(), tensor);
                maybe_dead.push(op);
                continue;
            }
            let new = match factory.constant_f32(op, result.elem, &result.shape, &tensor.values) {
                Ok(v) => v,
                Err(e) => {
                    op.emit_error(&format!("cannot store the decoded values: {e}"));
                    failed = true;
                    continue;
                }
            };
            known.insert(new.key(), tensor);
            value.replace_all_uses_with(new);
            // SAFETY: the op's only result has no uses left (just replaced), and no handle
            // to it is used again: `maybe_dead` only holds ops that define operands of later
            // ops, whose uses of this op were just replaced, and `known` holds plain keys.
            unsafe { op.erase() };
        }
        erase_dead(maybe_dead);
        if failed { Err(PassFailed) } else { Ok(()) }
    }
}

/// Erases the given ops, and the ops feeding them, once they have no uses.
fn erase_dead(mut candidates: Vec<Op<'_>>) {
    let mut erased: HashSet<Op<'_>> = HashSet::new();
    while let Some(op) = candidates.pop() {
        if erased.contains(&op) || !op.results_unused() {
            continue;
        }
        let feeders: Vec<Op<'_>> = op.operands().filter_map(Value::defining_op).collect();
        // SAFETY: the op is live (it was never erased: `erased` records every erasure, and
        // handles are only compared by address after that) and has no uses; no handle to it
        // is dereferenced afterwards.
        unsafe { op.erase() };
        erased.insert(op);
        candidates.extend(feeders);
    }
}

/// The decoded operands of `op`, or `None` if one of them is not known.
fn inputs(
    op: Op<'_>,
    known: &HashMap<usize, Tensor>,
) -> Result<Option<Vec<Tensor>>, ConstantError> {
    let mut out = Vec::with_capacity(op.num_operands());
    for v in op.operands() {
        if let Some(t) = known.get(&v.key()) {
            out.push(t.clone());
            continue;
        }
        let Some(def) = v.defining_op() else {
            return Ok(None);
        };
        if !def.is(names::CONSTANT) {
            return Ok(None);
        }
        out.push(read_constant(def)?.to_tensor()?);
    }
    Ok(Some(out))
}
