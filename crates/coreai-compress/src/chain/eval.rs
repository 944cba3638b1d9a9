//! The spec-E evaluator of one decompression op over decoded tensors, shared by
//! `--coreai-decompress` (over IR constants), `--coreai-report` and the compression report
//! (over chains, [`super::Chain::evaluate`]).

use super::{ChainError, OpKind, ResultType, SizeError, check_materialisable};
use crate::{
    decode::{self, DecodeError},
    element::FloatType,
    formats::{ElemType, FormatError},
};
use thiserror::Error;

/// Errors of evaluating a decompression op or chain. The messages are MLIR diagnostics.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum EvalError {
    /// The op has the wrong number of operands.
    #[error("{op} expects {expected} operands, got {got}")]
    Operands {
        /// The op name.
        op: &'static str,
        /// Operands it takes.
        expected: usize,
        /// Operands given.
        got: usize,
    },
    /// A decoder rejected its inputs.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// A constant's data cannot be decoded.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// A tensor too large to materialise.
    #[error(transparent)]
    Size(#[from] SizeError),
    /// The decoded shape is not the op's result shape.
    #[error("decoded shape {decoded:?} does not match the result shape {result:?}")]
    Shape {
        /// What the decoder produced.
        decoded: Vec<usize>,
        /// The op's result shape.
        result: Vec<usize>,
    },
    /// A bitmask whose set bits do not match the number of values.
    #[error("bitmask has {set} set bits, but there are {values} values")]
    Bitmask {
        /// Set bits.
        set: usize,
        /// Values given.
        values: usize,
    },
    /// An operand that must be a sparse tensor is dense.
    #[error("{0} is not a sparse tensor")]
    NotSparse(&'static str),
    /// The `axis` operand has no element.
    #[error("'axis' is empty")]
    EmptyAxis,
    /// A malformed chain.
    #[error(transparent)]
    Chain(#[from] ChainError),
}

/// A decoded tensor: f32 values plus, for a bitmask sparse tensor, its mask (then `values`
/// holds only the non-zeros, in row-major order).
#[derive(Clone, Debug, PartialEq)]
pub struct Tensor {
    /// Element type.
    pub elem: ElemType,
    /// Shape.
    pub shape: Vec<usize>,
    /// Values (the non-zeros only for a sparse tensor).
    pub values: Vec<f32>,
    /// The mask of a sparse tensor.
    pub mask: Option<Vec<bool>>,
}

impl Tensor {
    /// A dense tensor.
    pub fn dense(elem: ElemType, shape: Vec<usize>, values: Vec<f32>) -> Self {
        Tensor {
            elem,
            shape,
            values,
            mask: None,
        }
    }
}

/// Rounds f32 values to what `elem` can hold (RNE for floats; integers are exact here).
fn round_to(elem: ElemType, values: &mut [f32]) {
    let ft = match elem {
        ElemType::F16 => FloatType::F16,
        ElemType::BF16 => FloatType::BF16,
        _ => return,
    };
    values.iter_mut().for_each(|v| *v = ft.round_f32(*v));
}

fn scalar(t: &Tensor) -> Result<i64, EvalError> {
    t.values
        .first()
        .map(|v| *v as i64)
        .ok_or(EvalError::EmptyAxis)
}

fn check_shape(decoded: Vec<usize>, result: &ResultType) -> Result<(), EvalError> {
    if decoded == result.shape {
        Ok(())
    } else {
        Err(EvalError::Shape {
            decoded,
            result: result.shape.clone(),
        })
    }
}

/// Evaluates one op. `result` is the op's result type.
///
/// # Errors
/// [`EvalError`] if the operands do not fit the op or cannot be decoded.
pub fn eval_op(op: OpKind, inputs: &[&Tensor], result: &ResultType) -> Result<Tensor, EvalError> {
    let count = check_materialisable(&result.shape)?;
    if count == 0 {
        // A zero-sized result decodes to nothing, whatever its chain.
        return Ok(Tensor {
            elem: result.elem,
            shape: result.shape.clone(),
            values: Vec::new(),
            mask: op.is_sparse().then(Vec::new),
        });
    }
    let need = |n: usize| -> Result<(), EvalError> {
        if inputs.len() == n {
            Ok(())
        } else {
            Err(EvalError::Operands {
                op: op.name(),
                expected: n,
                got: inputs.len(),
            })
        }
    };
    let mut values = match op {
        OpKind::BlockwiseShiftScale => {
            need(4)?;
            decode::blockwise_shift_scale(
                &inputs[0].values,
                &inputs[0].shape,
                &inputs[1].values,
                &inputs[2].values,
                &inputs[3].values,
                &inputs[1].shape,
            )?
        }
        OpKind::LutToDense => {
            need(3)?;
            let indices: Vec<u32> = inputs[0].values.iter().map(|&v| v as u32).collect();
            let (values, shape) = decode::lut_to_dense(
                &indices,
                &inputs[0].shape,
                &inputs[1].values,
                &inputs[1].shape,
                scalar(inputs[2])?,
            )?;
            check_shape(shape, result)?;
            values
        }
        OpKind::Cast => {
            need(1)?;
            let mut v = inputs[0].values.clone();
            if result.elem.is_int() && !inputs[0].elem.is_int() {
                v.iter_mut().for_each(|x| *x = x.trunc());
            }
            if inputs[0].mask.is_some() {
                return Ok(Tensor {
                    elem: result.elem,
                    shape: result.shape.clone(),
                    values: v,
                    mask: inputs[0].mask.clone(),
                });
            }
            v
        }
        OpKind::BuildSparseWithBitmask => {
            need(2)?;
            let mask: Vec<bool> = inputs[1].values.iter().map(|&v| v != 0.0).collect();
            let set = mask.iter().filter(|&&b| b).count();
            if set != inputs[0].values.len() {
                return Err(EvalError::Bitmask {
                    set,
                    values: inputs[0].values.len(),
                });
            }
            return Ok(Tensor {
                elem: result.elem,
                shape: result.shape.clone(),
                values: inputs[0].values.clone(),
                mask: Some(mask),
            });
        }
        OpKind::LutToSparseWithBitmask => {
            need(3)?;
            let mask = inputs[0]
                .mask
                .as_ref()
                .ok_or(EvalError::NotSparse("'indices'"))?;
            // Expand the non-zero indices to the dense index tensor, decode it like
            // lut_to_dense (per-group and vector LUTs included), then keep the positions that
            // came from a non-zero: each one becomes V positions along the axis.
            let dense_idx =
                decode::sparse_to_dense_bools(&inputs[0].values, mask, &inputs[0].shape)?;
            let indices: Vec<u32> = dense_idx.iter().map(|&v| v as u32).collect();
            let axis = scalar(inputs[2])?;
            let (dense, shape) = decode::lut_to_dense(
                &indices,
                &inputs[0].shape,
                &inputs[1].values,
                &inputs[1].shape,
                axis,
            )?;
            check_shape(shape, result)?;
            let vector = inputs[1].shape.last().copied().unwrap_or(1);
            let out_mask: Vec<bool> = if vector == 1 {
                mask.clone()
            } else {
                // The mask expands along the axis like the indices do: decode it through a
                // LUT whose every vector is all ones, at the mask positions.
                let lut_shape = [
                    inputs[0].shape.iter().map(|_| 1).collect::<Vec<_>>(),
                    vec![2, vector],
                ]
                .concat();
                let mut lut = vec![0.0f32; 2 * vector];
                lut[vector..].iter_mut().for_each(|v| *v = 1.0);
                let mask_idx: Vec<u32> = mask.iter().map(|&m| u32::from(m)).collect();
                let (m, _) =
                    decode::lut_to_dense(&mask_idx, &inputs[0].shape, &lut, &lut_shape, axis)?;
                m.into_iter().map(|v| v != 0.0).collect()
            };
            let values: Vec<f32> = dense
                .iter()
                .zip(&out_mask)
                .filter(|(_, m)| **m)
                .map(|(v, _)| *v)
                .collect();
            return Ok(Tensor {
                elem: result.elem,
                shape: result.shape.clone(),
                values,
                mask: Some(out_mask),
            });
        }
        OpKind::SparseWithBitmaskToDense => {
            need(1)?;
            let mask = inputs[0]
                .mask
                .as_ref()
                .ok_or(EvalError::NotSparse("input"))?;
            decode::sparse_to_dense_bools(&inputs[0].values, mask, &result.shape)?
        }
    };
    round_to(result.elem, &mut values);
    Ok(Tensor::dense(result.elem, result.shape.clone(), values))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(elem: ElemType, shape: &[usize], values: &[f32]) -> Tensor {
        Tensor::dense(elem, shape.to_vec(), values.to_vec())
    }

    const UI2: ElemType = ElemType::Int {
        bits: 2,
        signed: false,
    };
    const SI16: ElemType = ElemType::Int {
        bits: 16,
        signed: true,
    };

    #[test]
    fn lut_to_dense_then_sparse_round_trip() {
        let indices = t(UI2, &[2, 2], &[1.0, 2.0, 3.0, 0.0]);
        let lut = t(ElemType::F16, &[1, 1, 4, 1], &[0.0, 0.5, 1.0, 1.5]);
        let axis = t(SI16, &[], &[0.0]);
        let r = ResultType::dense(ElemType::F16, vec![2, 2]);
        let d = eval_op(OpKind::LutToDense, &[&indices, &lut, &axis], &r).unwrap();
        assert_eq!(d.values, vec![0.5, 1.0, 1.5, 0.0]);

        let values = t(ElemType::F16, &[3], &[0.5, 1.0, 1.5]);
        let mask = t(ElemType::UI1, &[2, 2], &[1.0, 1.0, 1.0, 0.0]);
        let sparse_type = ResultType {
            sparse_nnz: Some(3),
            ..r.clone()
        };
        let s = eval_op(
            OpKind::BuildSparseWithBitmask,
            &[&values, &mask],
            &sparse_type,
        )
        .unwrap();
        let dense = eval_op(OpKind::SparseWithBitmaskToDense, &[&s], &r).unwrap();
        assert_eq!(dense, d);
    }

    #[test]
    fn errors_name_what_is_wrong() {
        let x = t(ElemType::F16, &[2], &[1.0, 2.0]);
        let r = ResultType::dense(ElemType::F16, vec![2]);
        assert_eq!(
            eval_op(OpKind::LutToDense, &[&x], &r)
                .unwrap_err()
                .to_string(),
            "coreai.lut_to_dense expects 3 operands, got 1"
        );
        assert_eq!(
            eval_op(OpKind::SparseWithBitmaskToDense, &[&x], &r)
                .unwrap_err()
                .to_string(),
            "input is not a sparse tensor"
        );
        let mask = t(ElemType::UI1, &[2], &[1.0, 0.0]);
        assert_eq!(
            eval_op(OpKind::BuildSparseWithBitmask, &[&x, &mask], &r)
                .unwrap_err()
                .to_string(),
            "bitmask has 1 set bits, but there are 2 values"
        );
        // Zero-sized results decode to nothing, whatever the operands.
        let empty = ResultType::dense(ElemType::F16, vec![0, 4]);
        assert!(
            eval_op(OpKind::Cast, &[], &empty)
                .unwrap()
                .values
                .is_empty()
        );
    }

    #[test]
    fn results_are_rounded_to_their_type() {
        let x = t(ElemType::F32, &[1], &[1.0 + 1.0 / 4096.0]);
        let r = ResultType::dense(ElemType::F16, vec![1]);
        assert_eq!(eval_op(OpKind::Cast, &[&x], &r).unwrap().values, vec![1.0]);
        let r = ResultType::dense(
            ElemType::Int {
                bits: 8,
                signed: true,
            },
            vec![1],
        );
        let y = t(ElemType::F32, &[1], &[-2.75]);
        assert_eq!(eval_op(OpKind::Cast, &[&y], &r).unwrap().values, vec![-2.0]);
    }
}
