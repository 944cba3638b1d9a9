//! Block geometry shared by the quantization kernels and the decoders.
//!
//! A tensor of shape `d` is cut into blocks by per-axis block sizes `bs` (spec B.4 convention:
//! `bs[i] == 0` means the whole axis is one block). Every `bs[i]` must divide `d[i]`. The
//! parameter (scale) tensor has shape `d[i] / bs[i]` (1 for a whole axis), the weight's rank, and
//! element `p` belongs to block `b(p)_i = p_i / bs[i]`, which is also the
//! `blockwise_shift_scale` rule `b(i)_d = floor(i_d / (data.shape[d] / scale.shape[d]))`.
//!
//! # Canonical layout
//! [`BlockLayout`] merges adjacent axes where that does not change the block structure (size-1
//! axes are dropped; an axis that is one whole block merges into the axis before it; two axes of
//! block size 1 merge) and then views the tensor as `rows × L`, where `L` is the last canonical
//! axis. A *block row* is the set of rows that share the same scale indices on every leading
//! axis; they all have `L / b_last` blocks along the row. Every block row holds the same number
//! of rows, they form a box in row index space, and [`BlockLayout::row_of_block_row`] enumerates
//! them in ascending (row-major) order. Kernels reduce over a block row's rows in that order,
//! which keeps floating-point sums independent of the thread count.
//!
//! For example a `[K, N]` weight quantized per block of 32 along axis 0 (`bs = [32, 1]`) has
//! `L = N`, `b_last = 1`, `K/32` block rows of 32 rows each; per channel along the last axis
//! (`bs = [1, 0]`) gives one block of `L = K` elements per row.

use thiserror::Error;

/// Errors of block geometry.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum BlockError {
    /// `block_sizes` (or the parameter shape) does not have the tensor's rank.
    #[error("block sizes have rank {got}, but the tensor has rank {expected}")]
    RankMismatch {
        /// The tensor rank.
        expected: usize,
        /// The rank given.
        got: usize,
    },
    /// A block size that does not divide its axis.
    #[error("invalid block_sizes: block size {block} does not divide dim {dim} of axis {axis}")]
    NotDivisible {
        /// The axis.
        axis: usize,
        /// The axis length.
        dim: usize,
        /// The block size.
        block: usize,
    },
    /// A parameter dim that does not divide the data dim.
    #[error("parameter dim {param} of axis {axis} does not divide data dim {dim}")]
    ParamNotDivisor {
        /// The axis.
        axis: usize,
        /// The data dim.
        dim: usize,
        /// The parameter dim.
        param: usize,
    },
    /// An axis of length zero (such tensors are never compressed).
    #[error("axis {axis} has length 0")]
    ZeroSizedAxis {
        /// The axis.
        axis: usize,
    },
    /// The element count overflows `usize`.
    #[error("tensor shape {shape:?} is too large")]
    TooLarge {
        /// The shape.
        shape: Vec<usize>,
    },
    /// A data buffer whose length does not match its shape.
    #[error("buffer has {got} elements, but shape {shape:?} needs {expected}")]
    LengthMismatch {
        /// The shape.
        shape: Vec<usize>,
        /// Elements the shape needs.
        expected: usize,
        /// Elements given.
        got: usize,
    },
}

/// Number of elements of `shape`, or [`BlockError::TooLarge`] on overflow.
///
/// # Errors
/// [`BlockError::TooLarge`] if the product overflows `usize`.
pub fn num_elements(shape: &[usize]) -> Result<usize, BlockError> {
    shape
        .iter()
        .try_fold(1usize, |a, &d| a.checked_mul(d))
        .ok_or_else(|| BlockError::TooLarge {
            shape: shape.to_vec(),
        })
}

/// Resolves the B.4 convention: `0` becomes the axis length. Checks rank and divisibility.
///
/// # Errors
/// [`BlockError::RankMismatch`], [`BlockError::ZeroSizedAxis`], [`BlockError::NotDivisible`].
pub fn effective_block_sizes(
    shape: &[usize],
    block_sizes: &[usize],
) -> Result<Vec<usize>, BlockError> {
    if shape.len() != block_sizes.len() {
        return Err(BlockError::RankMismatch {
            expected: shape.len(),
            got: block_sizes.len(),
        });
    }
    shape
        .iter()
        .zip(block_sizes)
        .enumerate()
        .map(|(axis, (&dim, &bs))| {
            if dim == 0 {
                return Err(BlockError::ZeroSizedAxis { axis });
            }
            let b = if bs == 0 { dim } else { bs };
            if dim % b != 0 {
                return Err(BlockError::NotDivisible {
                    axis,
                    dim,
                    block: bs,
                });
            }
            Ok(b)
        })
        .collect()
}

/// The scale (parameter) shape for `block_sizes`: `dim / bs` per axis, 1 where `bs == 0`.
///
/// # Errors
/// As [`effective_block_sizes`].
pub fn scale_shape(shape: &[usize], block_sizes: &[usize]) -> Result<Vec<usize>, BlockError> {
    let eff = effective_block_sizes(shape, block_sizes)?;
    Ok(shape.iter().zip(&eff).map(|(d, b)| d / b).collect())
}

/// Block sizes implied by a parameter shape (`data.shape[d] / param.shape[d]`).
///
/// # Errors
/// [`BlockError::RankMismatch`], [`BlockError::ZeroSizedAxis`] (data or parameter dim 0) and
/// [`BlockError::ParamNotDivisor`].
pub fn block_sizes_from_param_shape(
    data_shape: &[usize],
    param_shape: &[usize],
) -> Result<Vec<usize>, BlockError> {
    if data_shape.len() != param_shape.len() {
        return Err(BlockError::RankMismatch {
            expected: data_shape.len(),
            got: param_shape.len(),
        });
    }
    data_shape
        .iter()
        .zip(param_shape)
        .enumerate()
        .map(|(axis, (&dim, &param))| {
            if dim == 0 || param == 0 {
                return Err(BlockError::ZeroSizedAxis { axis });
            }
            if dim % param != 0 {
                return Err(BlockError::ParamNotDivisor { axis, dim, param });
            }
            Ok(dim / param)
        })
        .collect()
}

/// The canonical `rows × L` block layout of a tensor (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockLayout {
    shape: Vec<usize>,
    block: Vec<usize>,
    scale_shape: Vec<usize>,
    /// Leading canonical axes: (dim, block).
    lead: Vec<(usize, usize)>,
    row_len: usize,
    last_block: usize,
    num_elements: usize,
    num_rows: usize,
    num_block_rows: usize,
    rows_per_block_row: usize,
}

impl BlockLayout {
    /// Builds the layout for `shape` and B.4-style `block_sizes`.
    ///
    /// # Errors
    /// As [`effective_block_sizes`], plus [`BlockError::TooLarge`].
    pub fn new(shape: &[usize], block_sizes: &[usize]) -> Result<Self, BlockError> {
        let block = effective_block_sizes(shape, block_sizes)?;
        Self::from_effective(shape, block)
    }

    /// Builds the layout of a data tensor and its parameter (scale) shape.
    ///
    /// # Errors
    /// As [`block_sizes_from_param_shape`], plus [`BlockError::TooLarge`].
    pub fn from_param_shape(
        data_shape: &[usize],
        param_shape: &[usize],
    ) -> Result<Self, BlockError> {
        let block = block_sizes_from_param_shape(data_shape, param_shape)?;
        Self::from_effective(data_shape, block)
    }

    fn from_effective(shape: &[usize], block: Vec<usize>) -> Result<Self, BlockError> {
        let num_elements = num_elements(shape)?;
        let scale_shape: Vec<usize> = shape.iter().zip(&block).map(|(d, b)| d / b).collect();
        let mut canon: Vec<(usize, usize)> = Vec::new();
        for (&d, &b) in shape.iter().zip(&block) {
            if d == 1 {
                continue;
            }
            match canon.last_mut() {
                // The new axis is one whole block: blocks of the previous axis extend over it.
                Some(last) if b == d => *last = (last.0 * d, last.1 * d),
                // Two per-element axes: one per-element axis.
                Some(last) if last.1 == 1 && b == 1 => *last = (last.0 * d, 1),
                _ => canon.push((d, b)),
            }
        }
        let (row_len, last_block) = canon.pop().unwrap_or((1, 1));
        let num_rows = canon.iter().map(|a| a.0).product();
        let num_block_rows = canon.iter().map(|a| a.0 / a.1).product();
        let rows_per_block_row = canon.iter().map(|a| a.1).product();
        Ok(BlockLayout {
            shape: shape.to_vec(),
            block,
            scale_shape,
            lead: canon,
            row_len,
            last_block,
            num_elements,
            num_rows,
            num_block_rows,
            rows_per_block_row,
        })
    }

    /// The tensor shape.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// Effective block sizes (no zeros).
    pub fn block_sizes(&self) -> &[usize] {
        &self.block
    }

    /// The parameter (scale) shape, with the tensor's rank.
    pub fn scale_shape(&self) -> &[usize] {
        &self.scale_shape
    }

    /// Number of tensor elements.
    pub fn num_elements(&self) -> usize {
        self.num_elements
    }

    /// Number of blocks (elements of the scale tensor).
    pub fn num_blocks(&self) -> usize {
        self.num_block_rows * self.blocks_per_row()
    }

    /// Elements per block.
    pub fn block_len(&self) -> usize {
        self.block.iter().product()
    }

    /// Length `L` of a canonical row (contiguous in memory).
    pub fn row_len(&self) -> usize {
        self.row_len
    }

    /// Number of canonical rows (`num_elements / row_len`).
    pub fn num_rows(&self) -> usize {
        self.num_rows
    }

    /// Block size along the canonical row (1: every column is its own block).
    pub fn last_block(&self) -> usize {
        self.last_block
    }

    /// Blocks along a row, `row_len / last_block`.
    pub fn blocks_per_row(&self) -> usize {
        self.row_len / self.last_block
    }

    /// Number of block rows. Block row `r` owns scale entries
    /// `r * blocks_per_row() .. (r + 1) * blocks_per_row()`.
    pub fn num_block_rows(&self) -> usize {
        self.num_block_rows
    }

    /// Rows in every block row.
    pub fn rows_per_block_row(&self) -> usize {
        self.rows_per_block_row
    }

    /// The block row of canonical row `row`.
    #[inline]
    pub fn block_row_of_row(&self, row: usize) -> usize {
        let mut rem = row;
        let mut stride_s = 1;
        let mut srow = 0;
        for &(d, b) in self.lead.iter().rev() {
            let p = rem % d;
            rem /= d;
            srow += (p / b) * stride_s;
            stride_s *= d / b;
        }
        srow
    }

    /// The `k`-th row (ascending order, `k < rows_per_block_row()`) of block row `brow`.
    #[inline]
    pub fn row_of_block_row(&self, brow: usize, k: usize) -> usize {
        let mut rs = brow;
        let mut rk = k;
        let mut stride = 1;
        let mut row = 0;
        for &(d, b) in self.lead.iter().rev() {
            let s = rs % (d / b);
            rs /= d / b;
            let kk = rk % b;
            rk /= b;
            row += (s * b + kk) * stride;
            stride *= d;
        }
        row
    }

    /// The block (flat scale index) of flat element index `flat`.
    #[inline]
    pub fn block_of(&self, flat: usize) -> usize {
        let row = flat / self.row_len;
        let col = flat % self.row_len;
        self.block_row_of_row(row) * self.blocks_per_row() + col / self.last_block
    }
}

impl BlockLayout {
    /// Calls `f(start, len, block)` for every maximal run of consecutive elements (row-major)
    /// that share a block, in ascending order of `start`. Runs never cross a canonical row, so
    /// a per-column layout (`last_block() == 1`) gives runs of length 1; kernels that care use
    /// [`BlockLayout::block_row_of_row`] instead.
    pub fn for_each_segment(&self, mut f: impl FnMut(usize, usize, usize)) {
        let (l, lb, bpr) = (self.row_len, self.last_block, self.blocks_per_row());
        for row in 0..self.num_rows {
            let base = self.block_row_of_row(row) * bpr;
            for b in 0..bpr {
                f(row * l + b * lb, lb, base + b);
            }
        }
    }
}

/// Upsamples a parameter tensor to the data shape: every entry is repeated
/// `data_shape[d] / param_shape[d]` times along `d` (coremltools `repeat_data_as`).
///
/// # Errors
/// As [`BlockLayout::from_param_shape`], plus [`BlockError::LengthMismatch`] if `param` does not
/// have `prod(param_shape)` elements.
pub fn repeat_as<T: Copy>(
    param: &[T],
    param_shape: &[usize],
    data_shape: &[usize],
) -> Result<Vec<T>, BlockError> {
    let layout = BlockLayout::from_param_shape(data_shape, param_shape)?;
    if param.len() != layout.num_blocks() {
        return Err(BlockError::LengthMismatch {
            shape: param_shape.to_vec(),
            expected: layout.num_blocks(),
            got: param.len(),
        });
    }
    let l = layout.row_len();
    let lb = layout.last_block();
    let bpr = layout.blocks_per_row();
    let mut out = Vec::with_capacity(layout.num_elements());
    for row in 0..layout.num_rows() {
        let base = layout.block_row_of_row(row) * bpr;
        out.extend((0..l).map(|c| param[base + c / lb]));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Direct definition: b(p)_i = p_i / bs_i, raveled over the scale shape.
    fn naive_block_of(shape: &[usize], bs: &[usize], flat: usize) -> usize {
        let eff = effective_block_sizes(shape, bs).unwrap();
        let mut rem = flat;
        let mut idx = vec![0; shape.len()];
        for i in (0..shape.len()).rev() {
            idx[i] = rem % shape[i];
            rem /= shape[i];
        }
        let mut b = 0;
        for i in 0..shape.len() {
            b = b * (shape[i] / eff[i]) + idx[i] / eff[i];
        }
        b
    }

    #[test]
    fn layout_matches_definition() {
        let cases: Vec<(Vec<usize>, Vec<usize>)> = vec![
            (vec![8, 4], vec![1, 0]),
            (vec![8, 4], vec![0, 1]),
            (vec![8, 4], vec![4, 1]),
            (vec![8, 4, 3, 3], vec![1, 2, 0, 0]),
            (vec![8, 4, 3, 3], vec![0, 0, 0, 0]),
            (vec![8, 4, 3, 3], vec![1, 0, 0, 0]),
            (vec![2, 6, 1, 4], vec![1, 3, 1, 2]),
            (vec![4, 6, 5], vec![2, 1, 1]),
            (vec![4, 1, 6], vec![0, 1, 3]),
            (vec![3, 4, 2], vec![1, 1, 2]),
            (vec![7], vec![0]),
            (vec![6], vec![2]),
            (vec![], vec![]),
        ];
        for (shape, bs) in cases {
            let lay = BlockLayout::new(&shape, &bs).unwrap();
            let n = lay.num_elements();
            assert_eq!(lay.num_rows() * lay.row_len(), n);
            assert_eq!(
                lay.num_blocks(),
                lay.scale_shape().iter().product::<usize>()
            );
            for flat in 0..n {
                assert_eq!(
                    lay.block_of(flat),
                    naive_block_of(&shape, &bs, flat),
                    "{shape:?} {bs:?} {flat}"
                );
            }
            // Segments tile the tensor in order and agree with block_of.
            let mut next = 0;
            lay.for_each_segment(|start, len, blk| {
                assert_eq!(start, next);
                for i in start..start + len {
                    assert_eq!(lay.block_of(i), blk);
                }
                next = start + len;
            });
            assert_eq!(next, n);
            // Block rows enumerate every row exactly once, ascending.
            let mut seen = vec![false; lay.num_rows()];
            for br in 0..lay.num_block_rows() {
                let mut prev = None;
                for k in 0..lay.rows_per_block_row() {
                    let r = lay.row_of_block_row(br, k);
                    assert_eq!(lay.block_row_of_row(r), br);
                    assert!(prev.is_none_or(|p| p < r));
                    prev = Some(r);
                    assert!(!seen[r]);
                    seen[r] = true;
                }
            }
            assert!(seen.iter().all(|&s| s));
        }
    }

    #[test]
    fn scale_shapes_from_spec() {
        // C.5: conv [8,4,3,3] bs=2 on the input axis -> scale 8x2x1x1.
        assert_eq!(
            scale_shape(&[8, 4, 3, 3], &[1, 2, 0, 0]).unwrap(),
            vec![8, 2, 1, 1]
        );
        // gather_nd [64,32] bs=8 -> 64x4.
        assert_eq!(scale_shape(&[64, 32], &[1, 8]).unwrap(), vec![64, 4]);
        // B.3: [32, 2048] with block 16: per-tensor, per-channel, per-block.
        assert_eq!(scale_shape(&[32, 2048], &[0, 0]).unwrap(), vec![1, 1]);
        assert_eq!(scale_shape(&[32, 2048], &[1, 0]).unwrap(), vec![32, 1]);
        assert_eq!(scale_shape(&[32, 2048], &[1, 16]).unwrap(), vec![32, 128]);
        let lay = BlockLayout::new(&[4096, 4096], &[32, 1]).unwrap();
        assert_eq!(
            (
                lay.row_len(),
                lay.last_block(),
                lay.num_block_rows(),
                lay.rows_per_block_row()
            ),
            (4096, 1, 128, 32)
        );
        assert_eq!(lay.block_len(), 32);
    }

    #[test]
    fn errors() {
        assert_eq!(
            scale_shape(&[8, 4], &[3, 0]),
            Err(BlockError::NotDivisible {
                axis: 0,
                dim: 8,
                block: 3
            })
        );
        assert_eq!(
            scale_shape(&[8, 4], &[1]),
            Err(BlockError::RankMismatch {
                expected: 2,
                got: 1
            })
        );
        assert_eq!(
            scale_shape(&[8, 0], &[1, 0]),
            Err(BlockError::ZeroSizedAxis { axis: 1 })
        );
        assert_eq!(
            BlockLayout::from_param_shape(&[8, 4], &[3, 1]),
            Err(BlockError::ParamNotDivisor {
                axis: 0,
                dim: 8,
                param: 3
            })
        );
        assert!(matches!(
            BlockLayout::new(&[usize::MAX, 4], &[0, 0]),
            Err(BlockError::TooLarge { .. })
        ));
        assert!(matches!(
            repeat_as(&[1.0f32, 2.0], &[1, 1], &[2, 2]),
            Err(BlockError::LengthMismatch {
                expected: 1,
                got: 2,
                ..
            })
        ));
        assert!(
            BlockError::NotDivisible {
                axis: 0,
                dim: 8,
                block: 3
            }
            .to_string()
            .contains("invalid block_sizes")
        );
    }

    #[test]
    fn repeat_as_interleaves() {
        // scale [2,1] onto data [4,3]: rows 0-1 get s0, rows 2-3 get s1.
        let up = repeat_as(&[1, 2], &[2, 1], &[4, 3]).unwrap();
        assert_eq!(up, vec![1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
        // scale [1,2] onto [2,4]: columns 0-1 get s0, 2-3 get s1.
        let up = repeat_as(&[1, 2], &[1, 2], &[2, 4]).unwrap();
        assert_eq!(up, vec![1, 1, 2, 2, 1, 1, 2, 2]);
    }
}
