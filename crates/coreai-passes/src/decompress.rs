//! `--coreai-decompress`: folds every compressed chain whose inputs are constants into one
//! dense `coreai.constant`, following the decoding formulas of spec section E.
//!
//! It is the project's reference evaluator: every compression pass is tested by running it
//! and then this pass. The arithmetic lives in `coreai_compress::decode`; this file only
//! reads constants, calls the decoders in program order (so that chains such as
//! `lut_to_dense` → `cast` → `blockwise_shift_scale` fold step by step) and writes results.
//! Ops whose inputs are not all constants are left alone.

use crate::{
    chain::ResultType,
    constants::{ConstantFactory, read_constant},
    diagnostics,
    eval::{self, Tensor},
    ir::{self, Op, TensorType, Val},
    options::{OptionError, OptionSpec, ParsedOptions},
    registry::{ErasedBody, PassBody, PassFailed, PassId, PassInfo, create_pass},
};
use melior::pass::Pass;
use std::collections::{HashMap, HashSet};

static OPTIONS: &[OptionSpec] = &[];

/// The declaration of `--coreai-decompress`.
pub static INFO: PassInfo = PassInfo {
    argument: "coreai-decompress",
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
    options: OPTIONS,
    implied: None,
    create,
    id: &ID,
};

static ID: PassId = PassId;

fn create(options: &str) -> Result<Box<dyn ErasedBody>, OptionError> {
    ParsedOptions::parse("coreai-decompress", OPTIONS, options)?;
    Ok(Box::new(DecompressPass))
}

/// Creates the pass for a melior `PassManager`.
pub fn create_decompress_pass() -> Pass {
    create_pass(DecompressPass)
}

#[derive(Clone)]
struct DecompressPass;

const FOLDABLE: &[&str] = &[
    "coreai.blockwise_shift_scale",
    "coreai.lut_to_dense",
    "coreai.cast",
    "coreai.build_sparse_with_bitmask",
    "coreai.lut_to_sparse_with_bitmask",
    "coreai.sparse_with_bitmask_to_dense",
];

impl PassBody for DecompressPass {
    fn info(&self) -> &'static PassInfo {
        &INFO
    }

    fn run_on(&mut self, root: Op) -> Result<(), PassFailed> {
        let ops = ir::collect_ops(root, |op| FOLDABLE.contains(&op.name()));
        let mut factory = ConstantFactory::default();
        // Decoded values of folded ops (sparse results are only kept here).
        let mut known: HashMap<usize, Tensor> = HashMap::new();
        let mut maybe_dead: Vec<Op> = Vec::new();
        let mut failed = false;
        for op in ops {
            let inputs = match inputs(op, &known) {
                Ok(Some(inputs)) => inputs,
                Ok(None) => continue,
                Err(e) => {
                    diagnostics::error(op, &e);
                    failed = true;
                    continue;
                }
            };
            let result = match result_type(op) {
                Ok(r) => r,
                Err(e) => {
                    diagnostics::remark(op, &format!("not decompressed: {e}"));
                    continue;
                }
            };
            let refs: Vec<&Tensor> = inputs.iter().collect();
            let tensor = match eval::eval_op(op.name(), &refs, &result) {
                Ok(t) => t,
                Err(e) => {
                    diagnostics::error(op, &format!("cannot decompress: {e}"));
                    failed = true;
                    continue;
                }
            };
            maybe_dead.extend(op.operands().filter_map(Val::defining_op));
            if tensor.mask.is_some() {
                known.insert(op.result(0).0.ptr as usize, tensor);
                maybe_dead.push(op);
                continue;
            }
            let new = match factory.constant_f32(op, result.elem, &result.shape, &tensor.values) {
                Ok(v) => v,
                Err(e) => {
                    diagnostics::error(op, &format!("cannot store the decoded values: {e}"));
                    failed = true;
                    continue;
                }
            };
            known.insert(new.0.ptr as usize, tensor);
            op.result(0).replace_all_uses_with(new);
            op.erase();
        }
        erase_dead(maybe_dead);
        if failed { Err(PassFailed) } else { Ok(()) }
    }
}

/// Erases the given ops, and the ops feeding them, once they have no uses.
fn erase_dead(mut candidates: Vec<Op>) {
    let mut erased: HashSet<Op> = HashSet::new();
    while let Some(op) = candidates.pop() {
        if erased.contains(&op) || !op.results_unused() {
            continue;
        }
        let feeders: Vec<Op> = op.operands().filter_map(Val::defining_op).collect();
        op.erase();
        erased.insert(op);
        candidates.extend(feeders);
    }
}

/// The decoded operands of `op`, or `None` if one of them is not known.
fn inputs(op: Op, known: &HashMap<usize, Tensor>) -> Result<Option<Vec<Tensor>>, String> {
    let mut out = Vec::with_capacity(op.num_operands());
    for v in op.operands() {
        if let Some(t) = known.get(&(v.0.ptr as usize)) {
            out.push(t.clone());
            continue;
        }
        let Some(def) = v.defining_op() else {
            return Ok(None);
        };
        if !def.is("coreai.constant") {
            return Ok(None);
        }
        let data = read_constant(def)?;
        out.push(Tensor::dense(data.elem, data.shape.clone(), data.to_f32()?));
    }
    Ok(Some(out))
}

fn result_type(op: Op) -> Result<ResultType, String> {
    let ty = op.result(0).ty();
    let tt = TensorType::of(ty).ok_or("result is not a ranked tensor")?;
    let shape = tt.static_shape().ok_or("result has a dynamic shape")?;
    let elem = ir::elem_type(tt.elem)
        .ok_or_else(|| format!("cannot decode to element type {}", ir::type_string(tt.elem)))?;
    Ok(ResultType {
        elem,
        shape,
        sparse_nnz: None,
    })
}
