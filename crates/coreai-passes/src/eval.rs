//! The spec-E evaluator of one decompression op over decoded tensors, shared by
//! `--coreai-decompress` (over IR constants) and the compression report (over chains).

use crate::chain::ResultType;
use coreai_compress::{decode, element::FloatType, formats::ElemType};

/// A decoded tensor: f32 values plus, for a bitmask sparse tensor, its mask (then `values`
/// holds only the non-zeros, in row-major order).
#[derive(Clone, Debug)]
pub(crate) struct Tensor {
    pub elem: ElemType,
    pub shape: Vec<usize>,
    pub values: Vec<f32>,
    pub mask: Option<Vec<bool>>,
}

impl Tensor {
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

fn scalar(t: &Tensor) -> Result<i64, String> {
    t.values
        .first()
        .map(|v| *v as i64)
        .ok_or_else(|| "'axis' is empty".to_string())
}

/// Evaluates one op. `result` is the op's result type.
pub(crate) fn eval_op(
    name: &str,
    inputs: &[&Tensor],
    result: &ResultType,
) -> Result<Tensor, String> {
    let count = crate::constants::check_materialisable(&result.shape)?;
    if count == 0 {
        // A zero-sized result decodes to nothing, whatever its chain.
        let sparse = matches!(
            name,
            "coreai.build_sparse_with_bitmask" | "coreai.lut_to_sparse_with_bitmask"
        );
        return Ok(Tensor {
            elem: result.elem,
            shape: result.shape.clone(),
            values: Vec::new(),
            mask: sparse.then(Vec::new),
        });
    }
    let need = |n: usize| -> Result<(), String> {
        if inputs.len() == n {
            Ok(())
        } else {
            Err(format!("{name} expects {n} operands, got {}", inputs.len()))
        }
    };
    let mut values = match name {
        "coreai.blockwise_shift_scale" => {
            need(4)?;
            decode::blockwise_shift_scale(
                &inputs[0].values,
                &inputs[0].shape,
                &inputs[1].values,
                &inputs[2].values,
                &inputs[3].values,
                &inputs[1].shape,
            )
            .map_err(|e| e.to_string())?
        }
        "coreai.lut_to_dense" => {
            need(3)?;
            let indices: Vec<u32> = inputs[0].values.iter().map(|&v| v as u32).collect();
            let (values, shape) = decode::lut_to_dense(
                &indices,
                &inputs[0].shape,
                &inputs[1].values,
                &inputs[1].shape,
                scalar(inputs[2])?,
            )
            .map_err(|e| e.to_string())?;
            if shape != result.shape {
                return Err(format!(
                    "decoded shape {shape:?} does not match the result shape {:?}",
                    result.shape
                ));
            }
            values
        }
        "coreai.cast" => {
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
        "coreai.build_sparse_with_bitmask" => {
            need(2)?;
            let mask: Vec<bool> = inputs[1].values.iter().map(|&v| v != 0.0).collect();
            let set = mask.iter().filter(|&&b| b).count();
            if set != inputs[0].values.len() {
                return Err(format!(
                    "bitmask has {set} set bits, but there are {} values",
                    inputs[0].values.len()
                ));
            }
            return Ok(Tensor {
                elem: result.elem,
                shape: result.shape.clone(),
                values: inputs[0].values.clone(),
                mask: Some(mask),
            });
        }
        "coreai.lut_to_sparse_with_bitmask" => {
            need(3)?;
            let mask = inputs[0]
                .mask
                .as_ref()
                .ok_or("'indices' is not a sparse tensor")?;
            // Expand the non-zero indices to the dense index tensor, decode it like
            // lut_to_dense (per-group and vector LUTs included), then keep the positions that
            // came from a non-zero: each one becomes V positions along the axis.
            let dense_idx =
                decode::sparse_to_dense_bools(&inputs[0].values, mask, &inputs[0].shape)
                    .map_err(|e| e.to_string())?;
            let indices: Vec<u32> = dense_idx.iter().map(|&v| v as u32).collect();
            let axis = scalar(inputs[2])?;
            let (dense, shape) = decode::lut_to_dense(
                &indices,
                &inputs[0].shape,
                &inputs[1].values,
                &inputs[1].shape,
                axis,
            )
            .map_err(|e| e.to_string())?;
            if shape != result.shape {
                return Err(format!(
                    "decoded shape {shape:?} does not match the result shape {:?}",
                    result.shape
                ));
            }
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
                    decode::lut_to_dense(&mask_idx, &inputs[0].shape, &lut, &lut_shape, axis)
                        .map_err(|e| e.to_string())?;
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
        "coreai.sparse_with_bitmask_to_dense" => {
            need(1)?;
            let mask = inputs[0]
                .mask
                .as_ref()
                .ok_or("input is not a sparse tensor")?;
            decode::sparse_to_dense_bools(&inputs[0].values, mask, &result.shape)
                .map_err(|e| e.to_string())?
        }
        other => return Err(format!("cannot evaluate {other}")),
    };
    round_to(result.elem, &mut values);
    Ok(Tensor::dense(result.elem, result.shape.clone(), values))
}
