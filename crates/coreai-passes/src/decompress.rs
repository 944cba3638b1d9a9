//! `--coreai-decompress`: folds every compressed chain whose inputs are constants into one
//! dense `coreai.constant`, following the decoding formulas of spec section E.
//!
//! It is the project's reference evaluator: every compression pass is tested by running it
//! and then this pass. The arithmetic lives in `coreai_compress::decode`; this file only
//! reads constants, calls the decoders in program order (so that chains such as
//! `lut_to_dense` → `cast` → `blockwise_shift_scale` fold step by step) and writes results.
//! Ops whose inputs are not all constants are left alone.

use crate::{
    constants::{ConstantData, ConstantFactory, read_constant},
    diagnostics,
    ir::{self, Op, TensorType, Val},
    options::{OptionError, OptionSpec, ParsedOptions},
    registry::{PassBody, PassFailed, PassId, PassInfo, create_pass},
};
use coreai_compress::{decode, formats::ElemType};
use melior::pass::Pass;
use std::collections::HashSet;

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
    create,
};

static ID: PassId = PassId;

fn create(options: &str) -> Result<Pass, OptionError> {
    ParsedOptions::parse("coreai-decompress", OPTIONS, options)?;
    Ok(create_pass(DecompressPass, &ID))
}

/// Creates the pass for a melior `PassManager`.
pub fn create_decompress_pass() -> Pass {
    create_pass(DecompressPass, &ID)
}

#[derive(Clone)]
struct DecompressPass;

const FOLDABLE: &[&str] = &[
    "coreai.blockwise_shift_scale",
    "coreai.lut_to_dense",
    "coreai.cast",
    "coreai.sparse_with_bitmask_to_dense",
];

impl PassBody for DecompressPass {
    fn info(&self) -> &'static PassInfo {
        &INFO
    }

    fn run_on(&mut self, root: Op) -> Result<(), PassFailed> {
        let ops = ir::collect_ops(root, |op| FOLDABLE.contains(&op.name()));
        let mut factory = ConstantFactory::default();
        let mut maybe_dead: Vec<Op> = Vec::new();
        let mut failed = false;
        for op in ops {
            match fold(op) {
                Ok(Some((values, elem, shape, inputs))) => {
                    let new = match factory.constant_f32(op, elem, &shape, &values) {
                        Ok(v) => v,
                        Err(e) => {
                            diagnostics::error(op, &format!("cannot store the decoded values: {e}"));
                            failed = true;
                            continue;
                        }
                    };
                    op.result(0).replace_all_uses_with(new);
                    op.erase();
                    maybe_dead.extend(inputs);
                }
                Ok(None) => {}
                Err(e) => {
                    diagnostics::error(op, &e);
                    failed = true;
                }
            }
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

/// The decoded values of one op, with the result element type and shape, and the ops
/// whose results it consumed.
type Folded = (Vec<f32>, ElemType, Vec<usize>, Vec<Op>);

/// A constant operand, decoded.
struct Input {
    data: ConstantData<'static>,
    op: Op,
}

fn constant_input(v: Val) -> Result<Option<Input>, String> {
    let Some(op) = v.defining_op() else { return Ok(None) };
    if !op.is("coreai.constant") {
        return Ok(None);
    }
    Ok(Some(Input { data: read_constant(op)?, op }))
}

/// Decodes the ops that produce a dense tensor from a sparse one: the result values of
/// `build_sparse_with_bitmask` or `lut_to_sparse_with_bitmask` over constants.
fn sparse_source(v: Val) -> Result<Option<(Vec<f32>, Vec<bool>, Vec<Op>)>, String> {
    let Some(op) = v.defining_op() else { return Ok(None) };
    match op.name() {
        "coreai.build_sparse_with_bitmask" => {
            let (Some(values), Some(mask)) = (constant_input(op.operand(0))?, constant_input(op.operand(1))?) else {
                return Ok(None);
            };
            let mask_bits = mask_bools(&mask.data)?;
            Ok(Some((values.data.to_f32()?, mask_bits, vec![op, values.op, mask.op])))
        }
        "coreai.lut_to_sparse_with_bitmask" => {
            let Some((indices, mask, mut used)) = sparse_source(op.operand(0))? else { return Ok(None) };
            let (Some(lut), Some(axis)) = (constant_input(op.operand(1))?, constant_input(op.operand(2))?) else {
                return Ok(None);
            };
            let axis_value = scalar(&axis.data)?;
            let index_values: Vec<u32> = indices.iter().map(|&v| v as u32).collect();
            let (values, _) = decode::lut_to_dense(
                &index_values,
                &[index_values.len()],
                &lut.data.to_f32()?,
                &collapse_lut_shape(&lut.data.shape),
                axis_value,
            )
            .map_err(|e| e.to_string())?;
            used.extend([op, lut.op, axis.op]);
            Ok(Some((values, mask, used)))
        }
        _ => Ok(None),
    }
}

/// The LUT shape of `lut_to_sparse_with_bitmask` seen from the 1-D list of non-zeros: one
/// block, `[1, P, V]`.
fn collapse_lut_shape(shape: &[usize]) -> Vec<usize> {
    let n = shape.len();
    if n < 2 {
        return shape.to_vec();
    }
    vec![shape[..n - 2].iter().product(), shape[n - 2], shape[n - 1]]
}

fn mask_bools(data: &ConstantData<'_>) -> Result<Vec<bool>, String> {
    Ok(data.to_f32()?.into_iter().map(|v| v != 0.0).collect())
}

fn scalar(data: &ConstantData<'_>) -> Result<i64, String> {
    let v = data.to_f32()?;
    v.first().map(|x| *x as i64).ok_or_else(|| "'axis' is empty".to_string())
}

fn result_type(op: Op) -> Result<(ElemType, Vec<usize>), String> {
    let ty = op.result(0).ty();
    let tt = TensorType::of(ty).ok_or("result is not a ranked tensor")?;
    let shape = tt.static_shape().ok_or("result has a dynamic shape")?;
    let elem = ir::elem_type(tt.elem)
        .ok_or_else(|| format!("cannot decode to element type {}", ir::type_string(tt.elem)))?;
    Ok((elem, shape))
}

fn fold(op: Op) -> Result<Option<Folded>, String> {
    match op.name() {
        "coreai.blockwise_shift_scale" => {
            let mut inputs = Vec::with_capacity(4);
            for i in 0..4 {
                match constant_input(op.operand(i))? {
                    Some(input) => inputs.push(input),
                    None => return Ok(None),
                }
            }
            let (elem, shape) = result_type(op)?;
            let values = decode::blockwise_shift_scale(
                &inputs[0].data.to_f32()?,
                &inputs[0].data.shape,
                &inputs[1].data.to_f32()?,
                &inputs[2].data.to_f32()?,
                &inputs[3].data.to_f32()?,
                &inputs[1].data.shape,
            )
            .map_err(|e| e.to_string())?;
            Ok(Some((values, elem, shape, inputs.iter().map(|i| i.op).collect())))
        }
        "coreai.lut_to_dense" => {
            let mut inputs = Vec::with_capacity(3);
            for i in 0..3 {
                match constant_input(op.operand(i))? {
                    Some(input) => inputs.push(input),
                    None => return Ok(None),
                }
            }
            let (elem, shape) = result_type(op)?;
            let indices: Vec<u32> = inputs[0].data.to_f32()?.into_iter().map(|v| v as u32).collect();
            let axis = scalar(&inputs[2].data)?;
            let (values, out_shape) = decode::lut_to_dense(
                &indices,
                &inputs[0].data.shape,
                &inputs[1].data.to_f32()?,
                &inputs[1].data.shape,
                axis,
            )
            .map_err(|e| e.to_string())?;
            if out_shape != shape {
                return Err(format!("decoded shape {out_shape:?} does not match the result shape {shape:?}"));
            }
            Ok(Some((values, elem, shape, inputs.iter().map(|i| i.op).collect())))
        }
        "coreai.cast" => {
            let Some(input) = constant_input(op.operand(0))? else { return Ok(None) };
            let (elem, shape) = result_type(op)?;
            let mut values = input.data.to_f32()?;
            if elem.is_int() && !input.data.elem.is_int() {
                // Float to integer truncates toward zero (C-style cast).
                values.iter_mut().for_each(|v| *v = v.trunc());
            }
            Ok(Some((values, elem, shape, vec![input.op])))
        }
        "coreai.sparse_with_bitmask_to_dense" => {
            let Some((values, mask, used)) = sparse_source(op.operand(0))? else { return Ok(None) };
            let (elem, shape) = result_type(op)?;
            let dense = decode::sparse_to_dense_bools(&values, &mask, &shape).map_err(|e| e.to_string())?;
            Ok(Some((dense, elem, shape, used)))
        }
        _ => Ok(None),
    }
}
