//! Reference evaluators of the decompression ops (spec C.2 and E), used by
//! `--coreai-decompress` and by round-trip tests.
//!
//! - [`blockwise_shift_scale`]: `out[i] = scale[b(i)] · (data[i] − offset1[b(i)]) +
//!   offset2[b(i)]` with `b(i)_d = floor(i_d / (data.shape[d] / scale.shape[d]))`, computed in
//!   f32; the caller converts to the result type with RNE.
//! - [`lut_to_dense`]: scalar and vector LUTs with per-group tables.
//! - [`sparse_to_dense`] / [`sparse_to_dense_bools`]: scatter of the non-zeros into a zero tensor
//!   in row-major mask order.
//!
//! # Invariants
//! Every shape or length mismatch is a [`DecodeError`] whose message is written to be shown as
//! an MLIR diagnostic (lower case, no trailing period, both values named); nothing here panics
//! on bad input.
//!
//! # Parallelism
//! These evaluators are sequential and element-wise: decoding is not performance critical.

use thiserror::Error;

use crate::{
    blocks::{BlockError, BlockLayout, num_elements},
    pack::{self, PackError},
};

/// Errors of the decoders. The messages are MLIR diagnostics.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A buffer whose length does not match its shape.
    #[error("'{what}' has {got} elements, but its shape {shape:?} needs {expected}")]
    Length {
        /// The operand name.
        what: &'static str,
        /// Its shape.
        shape: Vec<usize>,
        /// Elements the shape needs.
        expected: usize,
        /// Elements given.
        got: usize,
    },
    /// Operands of different ranks.
    #[error("'{what}' has rank {got}, but '{other}' has rank {expected}")]
    Rank {
        /// The operand name.
        what: &'static str,
        /// The operand it must agree with.
        other: &'static str,
        /// The rank of `other`.
        expected: usize,
        /// The rank of `what`.
        got: usize,
    },
    /// A parameter dim that does not divide the data dim.
    #[error("'{what}' dim {axis} ({param}) must divide '{other}' dim {axis} ({dim})")]
    NotDivisor {
        /// The parameter operand.
        what: &'static str,
        /// The data operand.
        other: &'static str,
        /// The axis.
        axis: usize,
        /// The parameter dim.
        param: usize,
        /// The data dim.
        dim: usize,
    },
    /// A zero-length dim.
    #[error("'{what}' dim {axis} must be positive")]
    ZeroDim {
        /// The operand name.
        what: &'static str,
        /// The axis.
        axis: usize,
    },
    /// A shape whose element count overflows.
    #[error("'{what}' shape {shape:?} is too large")]
    TooLarge {
        /// The operand name.
        what: &'static str,
        /// The shape.
        shape: Vec<usize>,
    },
    /// An index beyond the palette.
    #[error("index {value} at position {position} is out of range for a LUT of {palette} entries")]
    IndexOutOfRange {
        /// Flat position in `indices`.
        position: usize,
        /// The index value.
        value: u32,
        /// The palette size `P`.
        palette: usize,
    },
    /// A vector axis outside the indices' rank.
    #[error("'axis' {axis} is out of range for rank {rank}")]
    AxisOutOfRange {
        /// The axis given.
        axis: i64,
        /// The indices rank.
        rank: usize,
    },
    /// Mask bit count and value count disagree.
    #[error("'bitmask' has {set} set bits, but there are {values} values")]
    MaskCount {
        /// Set bits in the mask.
        set: usize,
        /// Number of values.
        values: usize,
    },
    /// A packed mask of the wrong byte length.
    #[error("'bitmask' packing: {0}")]
    Pack(#[from] PackError),
}

fn check_len(what: &'static str, shape: &[usize], got: usize) -> Result<usize, DecodeError> {
    let expected = num_elements(shape).map_err(|_| DecodeError::TooLarge {
        what,
        shape: shape.to_vec(),
    })?;
    if expected != got {
        return Err(DecodeError::Length {
            what,
            shape: shape.to_vec(),
            expected,
            got,
        });
    }
    Ok(expected)
}

/// Maps block-geometry errors of a (data, parameter) pair to named diagnostics.
fn param_layout(
    data_shape: &[usize],
    param_shape: &[usize],
    data: &'static str,
    param: &'static str,
) -> Result<BlockLayout, DecodeError> {
    if let Some(axis) = data_shape.iter().position(|&d| d == 0) {
        return Err(DecodeError::ZeroDim { what: data, axis });
    }
    BlockLayout::from_param_shape(data_shape, param_shape).map_err(|e| match e {
        BlockError::RankMismatch { expected, got } => DecodeError::Rank {
            what: param,
            other: data,
            expected,
            got,
        },
        BlockError::ParamNotDivisor {
            axis,
            dim,
            param: p,
        } => DecodeError::NotDivisor {
            what: param,
            other: data,
            axis,
            param: p,
            dim,
        },
        BlockError::ZeroSizedAxis { axis } => DecodeError::ZeroDim { what: param, axis },
        _ => DecodeError::TooLarge {
            what: data,
            shape: data_shape.to_vec(),
        },
    })
}

/// Evaluates `coreai.blockwise_shift_scale` in f32.
///
/// `scale`, `offset1` and `offset2` all have shape `param_shape`, whose dims divide
/// `data_shape`'s.
///
/// # Errors
/// [`DecodeError::Length`], [`DecodeError::Rank`], [`DecodeError::NotDivisor`],
/// [`DecodeError::ZeroDim`] for inconsistent operands.
///
/// # Examples
/// ```
/// use coreai_compress::decode::blockwise_shift_scale;
/// // int4 per block of 2 rows: scale [2,1] on data [4,1].
/// let out = blockwise_shift_scale(&[1.0, -2.0, 3.0, 7.0], &[4, 1], &[0.5, 2.0], &[0.0, 1.0], &[0.0, 0.0], &[2, 1])?;
/// assert_eq!(out, vec![0.5, -1.0, 4.0, 12.0]);
/// # Ok::<(), coreai_compress::decode::DecodeError>(())
/// ```
pub fn blockwise_shift_scale(
    data: &[f32],
    data_shape: &[usize],
    scale: &[f32],
    offset1: &[f32],
    offset2: &[f32],
    param_shape: &[usize],
) -> Result<Vec<f32>, DecodeError> {
    check_len("data", data_shape, data.len())?;
    check_len("scale", param_shape, scale.len())?;
    check_len("offset1", param_shape, offset1.len())?;
    check_len("offset2", param_shape, offset2.len())?;
    let lay = param_layout(data_shape, param_shape, "data", "scale")?;
    let (l, lb, bpr) = (lay.row_len(), lay.last_block(), lay.blocks_per_row());
    let mut out = Vec::with_capacity(data.len());
    for (row, d) in data.chunks(l).enumerate() {
        let base = lay.block_row_of_row(row) * bpr;
        out.extend(d.iter().enumerate().map(|(c, &x)| {
            let b = base + c / lb;
            scale[b] * (x - offset1[b]) + offset2[b]
        }));
    }
    Ok(out)
}

/// Evaluates `coreai.lut_to_dense`: returns the output and its shape.
///
/// `lut_shape` is `[B_0, .., B_{r-1}, P, V]` for indices of rank `r`; each `B_i` divides
/// `indices_shape[i]`. For index position `p` the block is `b_i = p_i / (indices_shape[i] /
/// B_i)` and the vector `lut[b.., indices[p], :]` is written to `p` with
/// `p[axis] → p[axis]·V + j`; the output shape is the indices' with `shape[axis] *= V`. `axis`
/// may be negative (counted from the end) and is only checked when `V > 1`.
///
/// # Errors
/// [`DecodeError::Rank`] unless `lut` has rank `r + 2`, [`DecodeError::NotDivisor`],
/// [`DecodeError::Length`], [`DecodeError::ZeroDim`], [`DecodeError::AxisOutOfRange`] and
/// [`DecodeError::IndexOutOfRange`].
pub fn lut_to_dense<T: Copy>(
    indices: &[u32],
    indices_shape: &[usize],
    lut: &[T],
    lut_shape: &[usize],
    axis: i64,
) -> Result<(Vec<T>, Vec<usize>), DecodeError> {
    let r = indices_shape.len();
    check_len("indices", indices_shape, indices.len())?;
    check_len("lut", lut_shape, lut.len())?;
    if lut_shape.len() != r + 2 {
        return Err(DecodeError::Rank {
            what: "lut",
            other: "indices + 2",
            expected: r + 2,
            got: lut_shape.len(),
        });
    }
    let (palette, v) = (lut_shape[r], lut_shape[r + 1]);
    if palette == 0 {
        return Err(DecodeError::ZeroDim {
            what: "lut",
            axis: r,
        });
    }
    if v == 0 {
        return Err(DecodeError::ZeroDim {
            what: "lut",
            axis: r + 1,
        });
    }
    let lay = param_layout(indices_shape, &lut_shape[..r], "indices", "lut")?;
    let axis_n = if v > 1 {
        let a = if axis < 0 { axis + r as i64 } else { axis };
        if a < 0 || a >= r as i64 {
            return Err(DecodeError::AxisOutOfRange { axis, rank: r });
        }
        a as usize
    } else {
        0
    };
    if let Some(position) = indices.iter().position(|&i| i as usize >= palette) {
        return Err(DecodeError::IndexOutOfRange {
            position,
            value: indices[position],
            palette,
        });
    }
    let mut out_shape = indices_shape.to_vec();
    if v > 1 {
        out_shape[axis_n] *= v;
    }
    let Some(&first) = lut.first() else {
        return Ok((Vec::new(), out_shape));
    };
    let mut out = vec![first; indices.len() * v];
    // Strides of the output, to place element j of a vector at p[axis]*V + j.
    let mut ostride = vec![1usize; r];
    for i in (0..r.saturating_sub(1)).rev() {
        ostride[i] = ostride[i + 1] * out_shape[i + 1];
    }
    let mut p = vec![0usize; r];
    for (flat, &idx) in indices.iter().enumerate() {
        let blk = lay.block_of(flat);
        let src = (blk * palette + idx as usize) * v;
        if v == 1 {
            out[flat] = lut[src];
        } else {
            let mut o = 0;
            for i in 0..r {
                let pi = if i == axis_n { p[i] * v } else { p[i] };
                o += pi * ostride[i];
            }
            for j in 0..v {
                out[o + j * ostride[axis_n]] = lut[src + j];
            }
        }
        // Advance the row-major counter.
        for i in (0..r).rev() {
            p[i] += 1;
            if p[i] < indices_shape[i] {
                break;
            }
            p[i] = 0;
        }
    }
    Ok((out, out_shape))
}

/// Evaluates `build_sparse_with_bitmask` + `sparse_with_bitmask_to_dense` with a packed `ui1`
/// mask (LSB-first, row-major): `out = zeros(shape); out[mask == 1] = values`.
///
/// # Errors
/// [`DecodeError::Pack`] if the mask is not `ceil(N/8)` bytes, [`DecodeError::MaskCount`] if its
/// set bits do not match `values.len()`, [`DecodeError::TooLarge`].
pub fn sparse_to_dense<T: Copy + Default>(
    values: &[T],
    mask: &[u8],
    shape: &[usize],
) -> Result<Vec<T>, DecodeError> {
    let n = num_elements(shape).map_err(|_| DecodeError::TooLarge {
        what: "bitmask",
        shape: shape.to_vec(),
    })?;
    let bools = pack::unpack_bools(mask, n)?;
    sparse_to_dense_bools(values, &bools, shape)
}

/// [`sparse_to_dense`] with an unpacked boolean mask of `prod(shape)` entries.
///
/// # Errors
/// [`DecodeError::Length`] for a mask of the wrong length, [`DecodeError::MaskCount`].
pub fn sparse_to_dense_bools<T: Copy + Default>(
    values: &[T],
    mask: &[bool],
    shape: &[usize],
) -> Result<Vec<T>, DecodeError> {
    check_len("bitmask", shape, mask.len())?;
    let set = mask.iter().filter(|&&b| b).count();
    if set != values.len() {
        return Err(DecodeError::MaskCount {
            set,
            values: values.len(),
        });
    }
    let mut it = values.iter();
    Ok(mask
        .iter()
        .map(|&m| {
            if m {
                it.next().copied().unwrap_or_default()
            } else {
                T::default()
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        FloatType,
        quantize::{QScheme, QuantDType, QuantParams, ScaleStorage, quantize},
        testutil::normal_f32,
    };

    #[test]
    fn c5_int4_per_block_layout() {
        // [K=8, N=4] with bs = [4, 1]: scale [2, 4], b(i) = (i0 / 4, i1).
        let w = normal_f32(32, 11);
        let p = QuantParams::new(
            QuantDType::Int4,
            QScheme::Symmetric,
            ScaleStorage::Float(FloatType::F32),
        )
        .unwrap();
        let q = quantize(&w, &[8, 4], &[4, 1], &p).unwrap();
        assert_eq!(q.scale_shape, vec![2, 4]);
        assert_eq!(q.packed_codes().unwrap().len(), 16);
        let data: Vec<f32> = q.codes.iter().map(|&c| q.code_value(c)).collect();
        let zp: Vec<f32> = q.zero_point.iter().map(|&z| z as f32).collect();
        let out = blockwise_shift_scale(&data, &[8, 4], &q.scale, &zp, &[0.0; 8], &[2, 4]).unwrap();
        for i0 in 0..8 {
            for i1 in 0..4 {
                let b = (i0 / 4) * 4 + i1;
                assert_eq!(out[i0 * 4 + i1], q.scale[b] * data[i0 * 4 + i1]);
            }
        }
        assert_eq!(out, q.dequantize());
    }

    #[test]
    fn c7_vector_lut() {
        // indices [16, 4] ui2, LUT [1, 1, 4, 2], axis 1 -> out [16, 8].
        let idx: Vec<u32> = (0..64).map(|i| (i * 7 % 4) as u32).collect();
        let lut: Vec<f32> = (0..8).map(|i| i as f32 * 10.0).collect();
        let (out, shape) = lut_to_dense(&idx, &[16, 4], &lut, &[1, 1, 4, 2], 1).unwrap();
        assert_eq!(shape, vec![16, 8]);
        for r in 0..16 {
            for c in 0..4 {
                let k = idx[r * 4 + c] as usize;
                for j in 0..2 {
                    assert_eq!(out[r * 8 + c * 2 + j], lut[k * 2 + j]);
                }
            }
        }
        // Vector along axis 0 (negative spelling): out [32, 4].
        let (out, shape) = lut_to_dense(&idx, &[16, 4], &lut, &[1, 1, 4, 2], -2).unwrap();
        assert_eq!(shape, vec![32, 4]);
        assert_eq!(out[4], lut[idx[0] as usize * 2 + 1]);
    }

    #[test]
    fn per_group_scalar_lut() {
        // indices [4, 6], LUT [2, 3, 4, 1]: block (p0 / 2, p1 / 2).
        let idx: Vec<u32> = (0..24).map(|i| (i % 4) as u32).collect();
        let lut: Vec<f32> = (0..24).map(|i| i as f32).collect();
        let (out, shape) = lut_to_dense(&idx, &[4, 6], &lut, &[2, 3, 4, 1], 0).unwrap();
        assert_eq!(shape, vec![4, 6]);
        for p0 in 0..4 {
            for p1 in 0..6 {
                let b = (p0 / 2) * 3 + p1 / 2;
                assert_eq!(out[p0 * 6 + p1], lut[b * 4 + idx[p0 * 6 + p1] as usize]);
            }
        }
        // C.11: 1-D indices with a rank-3 LUT [1, 16, 1].
        let idx: Vec<u32> = (0..16).collect();
        let lut: Vec<f32> = (0..16).map(|i| -(i as f32)).collect();
        let (out, shape) = lut_to_dense(&idx, &[16], &lut, &[1, 16, 1], 0).unwrap();
        assert_eq!((out, shape), (lut.clone(), vec![16]));
    }

    #[test]
    fn f6_sparse_uint8_pruned_positions_are_zero() {
        // Values quantized as uint8 (zp 127) are dequantized by a 1-D blockwise_shift_scale
        // first; the scatter then leaves pruned positions at exactly 0.
        let mask_bytes = [0xC4u8, 0xD7, 0x68, 0x4D];
        let q: Vec<f32> = (0..16).map(|i| (100 + i * 3) as f32).collect();
        let vals = blockwise_shift_scale(&q, &[16], &[0.02], &[127.0], &[0.0], &[1]).unwrap();
        let dense = sparse_to_dense(&vals, &mask_bytes, &[8, 4]).unwrap();
        let bits = pack::unpack_bools(&mask_bytes, 32).unwrap();
        let mut k = 0;
        for (d, b) in dense.iter().zip(&bits) {
            if *b {
                assert_eq!(*d, 0.02 * (q[k] - 127.0));
                k += 1;
            } else {
                assert_eq!(*d, 0.0);
            }
        }
    }

    #[test]
    fn errors_are_clear() {
        let e = blockwise_shift_scale(&[0.0; 8], &[8], &[1.0; 3], &[0.0; 3], &[0.0; 3], &[3])
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "'scale' dim 0 (3) must divide 'data' dim 0 (8)"
        );
        let e =
            blockwise_shift_scale(&[0.0; 8], &[8], &[1.0], &[0.0], &[0.0], &[1, 1]).unwrap_err();
        assert_eq!(e.to_string(), "'scale' has rank 2, but 'data' has rank 1");
        let e =
            blockwise_shift_scale(&[0.0; 8], &[8], &[1.0, 2.0], &[0.0], &[0.0], &[1]).unwrap_err();
        assert!(
            matches!(e, DecodeError::Length { what: "scale", .. }),
            "{e}"
        );
        let e =
            blockwise_shift_scale(&[0.0; 8], &[8, 1], &[1.0], &[0.0], &[0.0], &[1]).unwrap_err();
        assert_eq!(e.to_string(), "'scale' has rank 1, but 'data' has rank 2");
        let e = blockwise_shift_scale(&[0.0; 7], &[8], &[1.0], &[0.0], &[0.0], &[1]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "'data' has 7 elements, but its shape [8] needs 8"
        );
        let e =
            blockwise_shift_scale(&[0.0; 8], &[8], &[1.0], &[0.0, 1.0], &[0.0], &[1]).unwrap_err();
        assert!(matches!(
            e,
            DecodeError::Length {
                what: "offset1",
                ..
            }
        ));
        let e = blockwise_shift_scale(&[], &[0], &[], &[], &[], &[0]).unwrap_err();
        assert!(matches!(e, DecodeError::ZeroDim { .. }));

        let e = lut_to_dense(&[0u32, 5], &[2], &[0.0f32; 4], &[1, 4, 1], 0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "index 5 at position 1 is out of range for a LUT of 4 entries"
        );
        let e = lut_to_dense(&[0u32, 1], &[2], &[0.0f32; 4], &[4, 1], 0).unwrap_err();
        assert!(matches!(e, DecodeError::Rank { what: "lut", .. }));
        let e = lut_to_dense(&[0u32; 4], &[4], &[0.0f32; 12], &[3, 2, 2], 0).unwrap_err();
        assert!(matches!(e, DecodeError::NotDivisor { what: "lut", .. }));
        let e = lut_to_dense(&[0u32; 4], &[4], &[0.0f32; 4], &[1, 2, 2], 1).unwrap_err();
        assert_eq!(e.to_string(), "'axis' 1 is out of range for rank 1");
        let e = lut_to_dense(&[0u32; 4], &[4], &[0.0f32; 0], &[1, 0, 1], 0).unwrap_err();
        assert!(matches!(e, DecodeError::ZeroDim { what: "lut", .. }));

        let e = sparse_to_dense(&[1.0f32], &[0x03], &[2, 2]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "'bitmask' has 2 set bits, but there are 1 values"
        );
        let e = sparse_to_dense(&[1.0f32], &[0x01, 0x00], &[2, 2]).unwrap_err();
        assert!(matches!(e, DecodeError::Pack(_)));
        let e = sparse_to_dense_bools(&[1.0f32], &[true], &[2]).unwrap_err();
        assert!(matches!(
            e,
            DecodeError::Length {
                what: "bitmask",
                ..
            }
        ));
        assert!(matches!(
            sparse_to_dense(&[0.0f32], &[], &[usize::MAX, 4]),
            Err(DecodeError::TooLarge { .. })
        ));
    }
}
