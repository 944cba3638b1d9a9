//! Magnitude pruning: unstructured, block-structured and n:m (spec D.6).
//!
//! # Rules
//! - **Unstructured** ([`prune_magnitude`]): `M = |w|`, `q = 100 · target_sparsity`. `q == 100`
//!   prunes everything, `q == 0` nothing; otherwise `w[M <= percentile(M, q)] = 0` with numpy's
//!   linear percentile (ties at the threshold are all pruned). The order statistics come from
//!   an exact radix selection (one 32768-bucket histogram pass for f16/bf16 magnitudes, two
//!   passes for f32), never from a sort, and the threshold arithmetic is numpy's, so the
//!   pruned set equals numpy's exactly (for f16/bf16 the `b − a` difference is rounded to the
//!   weight dtype, as numpy does).
//! - **Block** ([`prune_block`], `dim` = output axis): blocks of `block_size` consecutive
//!   channels along `dim` (the channel axis zero-padded to a multiple of `block_size`). Each
//!   block's L2 norm is broadcast to its elements, **cropped to the weight's shape**, and the
//!   unstructured rule runs on that per-element map: the percentile is taken over the `N`
//!   elements of the cropped map (a partial last block counts once per real element), which is
//!   coremltools' order of operations (broadcast, crop, then threshold). Norms are computed in
//!   f64 and rounded to f32, and the map difference `b − a` is rounded to f32; the reference
//!   computes norms in the weight dtype (f16 arithmetic for f16 weights), so blocks whose norms
//!   differ by less than f16 resolution can order differently.
//! - **n:m** ([`prune_n_m`], `dim` = input axis): along `dim`, each run of `m` consecutive
//!   channels (zero-padded) loses its `n` smallest magnitudes. The reference's unstable argsort
//!   leaves ties unspecified; here the order is **magnitude ascending, then padding entries
//!   first, then lower channel index first**, so a partial last group prunes its padding before
//!   any real weight of equal (zero) magnitude.
//! - Layout checks (D.6): block and n:m need rank 2..=5 and `dim` in {0, 1}
//!   ([`SparsifyError::UnsupportedLayout`]); `block_size > C/2` or `m > C/2` is
//!   [`SparsifyError::NotApplicable`], which the pass reports as a warning and skips.
//!
//! # Output
//! [`Sparsified`] holds `mask = (w_pruned != 0)` (pre-existing zeros, including `-0.0`, are not
//! in the mask) packed as the `ui1` blob (row-major, LSB-first, last byte zero-padded), and the
//! kept values in row-major order in the weight's element type.
//!
//! # Non-finite weights
//! NaN or infinite weights give [`SparsifyError::NonFinite`] (numpy's percentile would return
//! NaN or propagate infinities); the pass skips the constant with a warning.
//!
//! # Parallelism and determinism
//! Histograms are summed per fixed chunk (exact integers), block norms are summed in channel
//! order per block, n:m groups are independent, and the mask is built per fixed chunk of
//! elements whose kept values are concatenated in order. Results never depend on the thread
//! count.

mod select;

use half::{bf16, f16};
use rayon::prelude::*;
use thiserror::Error;

use crate::{
    blocks::num_elements,
    element::{Element, FloatType},
    load::as_u16_bits,
};
use select::{Cut, percentile_cut};

/// Elements per mask-building task (a multiple of 64: chunks map to whole groups of 8 mask
/// bytes).
const MASK_CHUNK: usize = 1 << 16;

/// For every mask byte, the positions of its set bits in ascending order, padded with 0.
static COMPACT: [[u8; 8]; 256] = {
    let mut t = [[0u8; 8]; 256];
    let mut b = 0;
    while b < 256 {
        let mut k = 0;
        let mut j = 0;
        while j < 8 {
            if b >> j & 1 == 1 {
                t[b][k] = j as u8;
                k += 1;
            }
            j += 1;
        }
        b += 1;
    }
    t
};

/// Binds `$key` to the magnitude key function of `$w` and evaluates `$body`, dispatching on
/// the element type once (the body is monomorphised per branch, so hot loops see a plain
/// closure). Keys are the bit patterns of `|w|`, monotone in the magnitude: 15 bits for
/// f16/bf16, 31 bits otherwise; key 0 is exactly ±0. Keys are only compared within one tensor.
macro_rules! with_key {
    ($w:expr, |$key:ident| $body:expr) => {
        match as_u16_bits($w) {
            Some(bits) => {
                let $key = |i: usize| u32::from(bits[i] & 0x7FFF);
                $body
            }
            None => {
                let w = $w;
                let $key = |i: usize| w[i].to_f32().to_bits() & 0x7FFF_FFFF;
                $body
            }
        }
    };
}

/// Width of the magnitude keys of `T` (see [`with_key!`]).
fn key_bits<T: Element>(w: &[T]) -> u32 {
    if as_u16_bits(w).is_some() { 15 } else { 31 }
}

/// The magnitude a key of `T` stands for.
fn key_value<T: Element>(w: &[T], k: u32) -> f64 {
    match (as_u16_bits(w).is_some(), T::TYPE) {
        (true, FloatType::BF16) => bf16::from_bits(k as u16).to_f64(),
        (true, _) => f16::from_bits(k as u16).to_f64(),
        (false, _) => f64::from(f32::from_bits(k)),
    }
}

/// Index of the first NaN/inf in `w`, scanning fixed chunks in parallel.
fn first_non_finite<T: Element>(w: &[T]) -> Option<usize> {
    fn scan<X: Sync>(v: &[X], bad: impl Fn(&X) -> bool + Sync) -> Option<usize> {
        let any = v
            .par_chunks(MASK_CHUNK)
            .any(|c| c.iter().fold(false, |b, x| b | bad(x)));
        if any { v.iter().position(bad) } else { None }
    }
    /// 16-bit patterns: a value is non-finite iff its magnitude bits reach `inf` (the
    /// all-ones exponent), so a chunk holds one iff its largest magnitude does; the maximum
    /// vectorizes, unlike a per-element test.
    fn scan16(v: &[u16], inf: u16) -> Option<usize> {
        let any = v
            .par_chunks(MASK_CHUNK)
            .any(|c| c.iter().map(|&h| h & 0x7FFF).max().unwrap_or(0) >= inf);
        if any {
            v.iter().position(|&h| h & 0x7FFF >= inf)
        } else {
            None
        }
    }
    match (as_u16_bits(w), T::TYPE) {
        (Some(b), FloatType::BF16) => scan16(b, 0x7F80),
        (Some(b), _) => scan16(b, 0x7C00),
        (None, _) => scan(w, |x| !x.to_f32().is_finite()),
    }
}

/// Errors of the pruning kernels.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum SparsifyError {
    /// The weight slice does not match the shape (or the shape overflows).
    #[error("weight has {got} elements, but shape {shape:?} needs {expected}")]
    LengthMismatch {
        /// The shape.
        shape: Vec<usize>,
        /// Elements the shape needs.
        expected: usize,
        /// Elements given.
        got: usize,
    },
    /// An empty weight.
    #[error("cannot sparsify an empty tensor")]
    Empty,
    /// `target_sparsity` outside `[0, 1]` (numpy rejects percentiles outside `[0, 100]`).
    #[error("target_sparsity must be in [0, 1], got {value}")]
    InvalidTargetSparsity {
        /// The value given.
        value: f64,
    },
    /// `block_size == 0`, or an invalid `n:m` ratio.
    #[error("{0}")]
    InvalidParameter(String),
    /// A layout the structured modes do not handle (rank outside 2..=5, `dim` not 0 or 1).
    #[error("{0}")]
    UnsupportedLayout(String),
    /// The structure does not fit the channel count (`block_size > C/2`, `m > C/2`).
    #[error("{0}")]
    NotApplicable(String),
    /// A NaN or infinite weight.
    #[error("non-finite weight at index {index}")]
    NonFinite {
        /// Flat index of the first non-finite weight.
        index: usize,
    },
}

/// A pruned weight: packed mask plus kept values.
#[derive(Clone, Debug, PartialEq)]
pub struct Sparsified<T> {
    /// The weight shape (and the mask shape).
    pub shape: Vec<usize>,
    /// `w_pruned != 0` as the `ui1` blob: bit `i % 8` of byte `i / 8` is element `i`
    /// (row-major), last byte zero-padded.
    pub mask: Vec<u8>,
    /// The kept (non-zero) values in row-major order.
    pub values: Vec<T>,
}

impl<T: Element> Sparsified<T> {
    /// Number of kept values (`numNonZero`).
    pub fn nnz(&self) -> usize {
        self.values.len()
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.shape.iter().product()
    }

    /// True for a tensor without elements (never produced by the kernels).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether element `i` is kept.
    pub fn is_kept(&self, i: usize) -> bool {
        self.mask.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1)
    }

    /// The mask as booleans.
    pub fn mask_bools(&self) -> Vec<bool> {
        (0..self.len()).map(|i| self.is_kept(i)).collect()
    }

    /// The pruned dense weight (zeros where the mask is 0).
    pub fn to_dense(&self) -> Vec<T> {
        let zero = T::from_f32(0.0);
        let mut it = self.values.iter();
        (0..self.len())
            .map(|i| {
                if self.is_kept(i) {
                    it.next().copied().unwrap_or(zero)
                } else {
                    zero
                }
            })
            .collect()
    }
}

/// Checks the length and finiteness of `w`.
fn check<T: Element>(w: &[T], shape: &[usize]) -> Result<usize, SparsifyError> {
    let n = num_elements(shape).map_err(|_| SparsifyError::LengthMismatch {
        shape: shape.to_vec(),
        expected: usize::MAX,
        got: w.len(),
    })?;
    if n != w.len() {
        return Err(SparsifyError::LengthMismatch {
            shape: shape.to_vec(),
            expected: n,
            got: w.len(),
        });
    }
    if n == 0 {
        return Err(SparsifyError::Empty);
    }
    if let Some(index) = first_non_finite(w) {
        return Err(SparsifyError::NonFinite { index });
    }
    Ok(n)
}

fn check_target(target: f64) -> Result<(), SparsifyError> {
    let q = 100.0 * target;
    if (0.0..=100.0).contains(&q) {
        Ok(())
    } else {
        Err(SparsifyError::InvalidTargetSparsity { value: target })
    }
}

/// Builds the output from a per-element keep predicate (which must reject zeros itself), in
/// two parallel passes over fixed chunks: the mask bytes and each chunk's kept count, then
/// every chunk's kept values straight into its place in the output (the prefix sums of the
/// counts), so nothing is zero-filled or copied twice.
fn build<T: Element>(
    w: &[T],
    shape: &[usize],
    kept: impl Fn(usize) -> bool + Sync,
) -> Sparsified<T> {
    let n = w.len();
    let zero = T::from_f32(0.0);
    let mut mask = vec![0u8; n.div_ceil(8)];
    let counts: Vec<usize> = mask
        .par_chunks_mut(MASK_CHUNK / 8)
        .enumerate()
        .map(|(ci, bytes)| {
            let mut count = 0;
            for (bi, byte) in bytes.iter_mut().enumerate() {
                let i0 = ci * MASK_CHUNK + bi * 8;
                let mut b = 0u8;
                if i0 + 8 <= n {
                    // A fixed trip count, so that the eight tests unroll.
                    for j in 0..8 {
                        b |= u8::from(kept(i0 + j)) << j;
                    }
                } else {
                    for i in i0..n {
                        b |= u8::from(kept(i)) << (i - i0);
                    }
                }
                *byte = b;
                count += b.count_ones() as usize;
            }
            count
        })
        .collect();
    let nnz = counts.iter().sum();
    let mut values: Vec<T> = Vec::with_capacity(nnz);
    let mut parts = Vec::with_capacity(counts.len());
    let mut rest = &mut values.spare_capacity_mut()[..nnz];
    for &c in &counts {
        let (part, tail) = rest.split_at_mut(c);
        parts.push(part);
        rest = tail;
    }
    parts
        .into_par_iter()
        .zip(mask.par_chunks(MASK_CHUNK / 8))
        .enumerate()
        .for_each(|(ci, (dst, bytes))| {
            // Per 8 mask bytes: every byte writes its 8 candidates unconditionally into a
            // staging buffer (positions from `COMPACT`) and advances by its popcount, so no
            // branch depends on the mask; the kept prefix is then copied out.
            let mut stage = [zero; 72];
            let mut len = 0;
            for (gi, group) in bytes.chunks(8).enumerate() {
                let base = ci * MASK_CHUNK + gi * 64;
                let mut k = 0;
                for (bi, &b) in group.iter().enumerate() {
                    let i0 = base + bi * 8;
                    if i0 + 8 <= n {
                        let x: &[T; 8] = w[i0..i0 + 8].try_into().expect("8 values");
                        let pos = &COMPACT[usize::from(b)];
                        for t in 0..8 {
                            stage[k + t] = x[usize::from(pos[t])];
                        }
                    } else {
                        // The last, partial byte (its bits beyond `n` are 0).
                        let mut bits = b;
                        let mut t = 0;
                        while bits != 0 {
                            stage[k + t] = w[i0 + bits.trailing_zeros() as usize];
                            t += 1;
                            bits &= bits - 1;
                        }
                    }
                    k += b.count_ones() as usize;
                }
                for (d, &v) in dst[len..len + k].iter_mut().zip(&stage[..k]) {
                    d.write(v);
                }
                len += k;
            }
            debug_assert_eq!(len, dst.len());
        });
    // SAFETY: `values` has capacity `nnz` (`with_capacity`); the chunks' slices tile its spare
    // capacity `[..nnz]`, and each chunk wrote exactly as many values as its mask bytes have
    // set bits, which is its slice's length (`counts`, from the same bytes), so every element
    // below `nnz` is initialised (`T` is `Copy`: nothing to drop either way).
    unsafe { values.set_len(nnz) };
    Sparsified {
        shape: shape.to_vec(),
        mask,
        values,
    }
}

/// `b − a` rounded to the weight dtype, as numpy computes it on an array of that dtype.
fn round_diff(ft: FloatType, d: f64) -> f64 {
    match ft {
        FloatType::F16 => f16::from_f64(d).to_f64(),
        FloatType::BF16 => bf16::from_f64(d).to_f64(),
        FloatType::F32 => f64::from(d as f32),
    }
}

/// Unstructured magnitude pruning to `target_sparsity` (see the module docs).
///
/// # Errors
/// [`SparsifyError::LengthMismatch`], [`SparsifyError::Empty`],
/// [`SparsifyError::InvalidTargetSparsity`], [`SparsifyError::NonFinite`].
///
/// # Examples
/// ```
/// use coreai_compress::sparsify::prune_magnitude;
/// let w = [0.5f32, -2.0, 0.1, 3.0, 0.0, -0.2, 1.0, 0.3];
/// let s = prune_magnitude(&w, &[2, 4], 0.5)?;
/// assert_eq!(s.values, vec![0.5, -2.0, 3.0, 1.0]); // |w| <= 0.4 (the median) pruned
/// assert_eq!(s.mask, vec![0b0100_1011]);
/// # Ok::<(), coreai_compress::sparsify::SparsifyError>(())
/// ```
pub fn prune_magnitude<T: Element>(
    w: &[T],
    shape: &[usize],
    target_sparsity: f64,
) -> Result<Sparsified<T>, SparsifyError> {
    check_target(target_sparsity)?;
    let n = check(w, shape)?;
    with_key!(w, |key| {
        let cut = percentile_cut(
            n,
            n as u64,
            key_bits(w),
            |i| (key(i), 1),
            |k| key_value(w, k),
            |d| round_diff(T::TYPE, d),
            target_sparsity,
        );
        Ok(match cut {
            Cut::Everything => build(w, shape, |_| false),
            Cut::Nothing => build(w, shape, |i| key(i) != 0),
            Cut::AtMost(c) => build(w, shape, |i| key(i) > c),
        })
    })
}

/// Views `shape` as `[A, C, S]` around axis `dim` after checking the D.6 layout rules.
fn split_axis(
    shape: &[usize],
    dim: usize,
    what: &str,
) -> Result<(usize, usize, usize), SparsifyError> {
    if !(2..=5).contains(&shape.len()) {
        return Err(SparsifyError::UnsupportedLayout(format!(
            "{what} needs a weight of rank 2 to 5, got rank {}",
            shape.len()
        )));
    }
    if dim > 1 {
        return Err(SparsifyError::UnsupportedLayout(format!(
            "{what} needs the channel axis to be 0 or 1, got {dim}"
        )));
    }
    let a = shape[..dim].iter().product();
    let s = shape[dim + 1..].iter().product();
    Ok((a, shape[dim], s))
}

/// Block-structured pruning along `dim` (the output axis) to `target_sparsity`.
///
/// # Errors
/// [`SparsifyError::InvalidParameter`] for `block_size == 0`,
/// [`SparsifyError::UnsupportedLayout`], [`SparsifyError::NotApplicable`] (`block_size > C/2`),
/// and the errors of [`prune_magnitude`].
pub fn prune_block<T: Element>(
    w: &[T],
    shape: &[usize],
    dim: usize,
    block_size: usize,
    target_sparsity: f64,
) -> Result<Sparsified<T>, SparsifyError> {
    if block_size == 0 {
        return Err(SparsifyError::InvalidParameter(
            "block_size must be positive".into(),
        ));
    }
    check_target(target_sparsity)?;
    let (a, c, s) = split_axis(shape, dim, "block sparsity")?;
    if 2 * block_size > c {
        return Err(SparsifyError::NotApplicable(format!(
            "block_size > channel / 2 is not applicable (block_size {block_size}, channel {c})"
        )));
    }
    let n = check(w, shape)?;
    let g = c.div_ceil(block_size);
    // Norm of block (a, g, s) at index (a*G + g)*S + s, summed in channel order.
    let mut norms = vec![0f32; a * g * s];
    // Norms of the blocks (ai, gi, ..): squares summed in channel order, in f64.
    let block_norms = |ai: usize, gi: usize, out: &mut [f32], acc: &mut Vec<f64>| {
        acc.clear();
        acc.resize(s, 0.0);
        for ch in gi * block_size..((gi + 1) * block_size).min(c) {
            let row = &w[(ai * c + ch) * s..(ai * c + ch + 1) * s];
            for (x, v) in acc.iter_mut().zip(row) {
                let v = f64::from(v.to_f32());
                *x += v * v;
            }
        }
        for (o, x) in out.iter_mut().zip(acc.iter()) {
            *o = x.sqrt() as f32;
        }
    };
    if a > 1 {
        // One task per leading index, reusing the accumulator across its groups.
        norms
            .par_chunks_mut(g * s)
            .enumerate()
            .for_each(|(ai, out)| {
                let mut acc = Vec::with_capacity(s);
                for (gi, o) in out.chunks_mut(s).enumerate() {
                    block_norms(ai, gi, o, &mut acc);
                }
            });
    } else {
        norms.par_chunks_mut(s).enumerate().for_each(|(gi, out)| {
            block_norms(0, gi, out, &mut Vec::with_capacity(s));
        });
    }
    let items = norms.len();
    let item = |i: usize| {
        let gi = (i / s) % g;
        let real = ((gi + 1) * block_size).min(c) - gi * block_size;
        (norms[i].to_bits(), real as u64)
    };
    let cut = percentile_cut(
        items,
        n as u64,
        31,
        item,
        |k| f64::from(f32::from_bits(k)),
        |d| f64::from(d as f32),
        target_sparsity,
    );
    let block_key = |i: usize| {
        let (ai, rest) = (i / (c * s), i % (c * s));
        let (ch, si) = (rest / s, rest % s);
        norms[(ai * g + ch / block_size) * s + si].to_bits()
    };
    with_key!(w, |key| Ok(match cut {
        Cut::Everything => build(w, shape, |_| false),
        Cut::Nothing => build(w, shape, |i| key(i) != 0),
        Cut::AtMost(k) => build(w, shape, |i| block_key(i) > k && key(i) != 0),
    }))
}

/// n:m pruning along `dim` (the input axis): in every run of `m` consecutive channels, the `n`
/// smallest magnitudes are zeroed (tie order in the module docs).
///
/// # Errors
/// [`SparsifyError::InvalidParameter`] unless `0 < m` and `n <= m`,
/// [`SparsifyError::UnsupportedLayout`], [`SparsifyError::NotApplicable`] (`m > C/2`), and
/// [`SparsifyError::LengthMismatch`], [`SparsifyError::Empty`], [`SparsifyError::NonFinite`].
pub fn prune_n_m<T: Element>(
    w: &[T],
    shape: &[usize],
    dim: usize,
    n: usize,
    m: usize,
) -> Result<Sparsified<T>, SparsifyError> {
    if m == 0 || n > m || m >= 1 << 31 {
        return Err(SparsifyError::InvalidParameter(format!(
            "n_m_ratio must satisfy 0 <= n <= m and m > 0, got {n}:{m}"
        )));
    }
    let (_, c, s) = split_axis(shape, dim, "n:m sparsity")?;
    if 2 * m > c {
        return Err(SparsifyError::NotApplicable(format!(
            "n_m_ratio m > channel / 2 is not applicable (m {m}, channel {c})"
        )));
    }
    check(w, shape)?;
    with_key!(w, |key| {
        let mut pruned = vec![false; w.len()];
        pruned
            .par_chunks_mut(c * s)
            .enumerate()
            .for_each(|(ai, flags)| {
                // Sort key (magnitude << 32) | (real << 31) | position in the group: a total
                // order (magnitude, padding first, lower channel first), all keys distinct.
                let base = ai * c * s;
                let sort_key = |g0: usize, si: usize, j: usize| {
                    if g0 + j < c {
                        u64::from(key(base + (g0 + j) * s + si)) << 32 | 1 << 31 | j as u64
                    } else {
                        j as u64
                    }
                };
                let mut group: Vec<u64> = Vec::with_capacity(m);
                for si in 0..s {
                    for g0 in (0..c).step_by(m) {
                        let real = m.min(c - g0);
                        if m <= 16 {
                            // Branch-free ranking: an entry is pruned iff fewer than n keys
                            // are smaller.
                            let mut keys = [u64::MAX; 16];
                            for (j, k) in keys[..m].iter_mut().enumerate() {
                                *k = sort_key(g0, si, j);
                            }
                            for j in 0..real {
                                let k = keys[j];
                                let rank: usize =
                                    keys[..m].iter().map(|&o| usize::from(o < k)).sum();
                                flags[(g0 + j) * s + si] = rank < n;
                            }
                        } else {
                            group.clear();
                            group.extend((0..m).map(|j| sort_key(g0, si, j)));
                            if n < m {
                                group.select_nth_unstable(n);
                            }
                            for &k in &group[..n] {
                                let j = (k & 0x7FFF_FFFF) as usize;
                                if j < real {
                                    flags[(g0 + j) * s + si] = true;
                                }
                            }
                        }
                    }
                }
            });
        Ok(build(w, shape, |i| !pruned[i] && key(i) != 0))
    })
}

#[cfg(test)]
mod tests;
