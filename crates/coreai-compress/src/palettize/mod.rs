//! Palettization kernels: k-means LUT compression of a weight (spec D.4 steps 1-8, F.4, F.9,
//! F.10). LUT quantization (D.5) is composed by the caller with the quantize kernel.
//!
//! [`palettize`] follows D.4:
//! 1. (the `cluster_dim` / conv `groups` check of step 1 is the pass's job);
//! 2. optional per-channel scale `pcs = max(|w|, axis=ch, keepdims)` (reducing **over** `ch`),
//!    zeros replaced by 1, `w = w / pcs` (in f32);
//! 3. conversion to the *group dtype*: f16, or bf16 for bf16 weights (F.9: bf16's exponent
//!    range exceeds f16's, so converting bf16 weights to f16 could overflow);
//! 4. fast mode: `round_half_even(w·10^p)/10^p` in f32 (F.4), back to the group dtype;
//! 5. grouping along `ch` by the B.4 block size (`0`/`dim` → one group, else `G`);
//! 6. per group, exact weighted 1-D k-means on the unique values (`cluster_dim == 1`) or seeded
//!    k-means++ + Lloyd on `cluster_dim`-vectors;
//! 7. assembly: LUT `[1.., n_groups at ch, ..1, 2^n, cd]`, indices in the weight shape with
//!    `shape[ch] /= cd`, vector axis `ch` if `cd > 1` else 0.
//!
//! Decoding is `W' = LUT_g[idx]`, times `pcs` if present ([`Palettized::decompress`]).
//!
//! Indices point at the *nearest stored* LUT row (ties to the lower index), i.e. at the
//! centroids after rounding to the group dtype: equal to the k-means labels except where that
//! rounding moved a cluster boundary, and never worse.
//!
//! ## Design
//! Steps 2-4 map every element to a 16-bit group-dtype pattern, so a group is clustered from a
//! 65,536-bin histogram of patterns (integer counts: exact and order-independent), and the
//! indices are written by one streaming pass through a 65,536-entry pattern → index table.
//! f16/bf16 weights are read in place; f32 or scaled weights are converted in small buffers.
//! No f32 copy of the tensor is made (the vector path, which needs random access to samples,
//! keeps one f32 copy of its samples).
//!
//! ## Invariants
//! - Every LUT value is exactly representable in [`Palettized::lut_type`] (the group dtype)
//!   and finite; LUT rows beyond a group's cluster count are 0; every index is
//!   `< n_clusters <= 2^n_bits`.
//! - NaN/Inf weights are rejected ([`PalettizeError::NonFinite`]), as are finite f32 weights
//!   that overflow f16 ([`PalettizeError::OutOfRange`]); the pass warns and skips them.
//!
//! ## Parallelisation
//! rayon parallelises across channel groups and, inside large groups, across fixed chunks
//! whose partial results are merged in chunk order (or are exact integer counts). The random
//! streams of vector k-means are seeded per group from `(seed, group index)` and drawn on one
//! thread. The output is byte-identical for any number of threads.

pub mod kmeans1d;
pub mod rng;
pub mod values;

mod codes;
mod scalar;
mod source;
mod vector;

use rayon::prelude::*;
use thiserror::Error;

use self::{
    codes::{CodeMap, group_type},
    kmeans1d::KMeans1dError,
    scalar::{Scratch, scalar_group},
    source::{KeyGen, Layout, Source},
};
use crate::{
    Element, FloatType,
    load::{as_u16_bits, load_f32},
};

pub use self::values::{PalettizedValues, palettize_values};

/// Palettization granularity along the output-channel axis (spec A.3, B.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Granularity {
    /// One LUT for the whole tensor (block size 0).
    PerTensor,
    /// One LUT per output channel (block size 1).
    PerChannel,
    /// One LUT per `group_size` output channels (`0` or the full dim mean one group).
    PerGroupedChannel {
        /// Channels per group.
        group_size: usize,
    },
}

/// Options of [`palettize`] (the reference's `palettize_weights` parameters, minus the
/// driver-only ones and `lut_dtype`, plus the channel axis and a seed).
#[derive(Clone, Debug, PartialEq)]
pub struct PalettizeConfig {
    /// Index bit width: 1, 2, 3, 4, 6 or 8; the LUT has `2^n_bits` rows per group.
    pub n_bits: u32,
    /// The output-channel axis (B.3), already normalised to `0..rank`.
    pub ch: usize,
    /// Grouping along `ch`.
    pub granularity: Granularity,
    /// Vector length (≥ 1); `> 1` clusters vectors of consecutive elements along `ch`.
    pub cluster_dim: usize,
    /// Normalise by `max(|w|)` over `ch` before clustering (D.4 step 2).
    pub enable_per_channel_scale: bool,
    /// Round to `rounding_precision` decimals before clustering (D.4 step 4).
    pub enable_fast_kmeans_mode: bool,
    /// Decimals of the fast-mode rounding (negative values round to tens, hundreds, ...).
    pub rounding_precision: i32,
    /// Seed of the vector k-means (the pass derives it per tensor).
    pub seed: u64,
}

impl PalettizeConfig {
    /// The reference defaults (A.3): per-tensor, `cluster_dim` 1, no per-channel scale, fast
    /// mode with 4 decimals, seed 0.
    pub fn new(n_bits: u32, ch: usize) -> Self {
        Self {
            n_bits,
            ch,
            granularity: Granularity::PerTensor,
            cluster_dim: 1,
            enable_per_channel_scale: false,
            enable_fast_kmeans_mode: true,
            rounding_precision: 4,
            seed: 0,
        }
    }

    /// Check the options that do not depend on the weight (A.3).
    ///
    /// # Errors
    /// [`PalettizeParamsError`] for an unsupported `n_bits`, `cluster_dim == 0`, or a
    /// per-channel scale combined with `cluster_dim > 1`.
    pub fn validate(&self) -> Result<(), PalettizeParamsError> {
        if !matches!(self.n_bits, 1 | 2 | 3 | 4 | 6 | 8) {
            return Err(PalettizeParamsError::NBits(self.n_bits));
        }
        if self.cluster_dim == 0 {
            return Err(PalettizeParamsError::ZeroClusterDim);
        }
        if self.enable_per_channel_scale && self.cluster_dim > 1 {
            return Err(PalettizeParamsError::PerChannelScaleWithVector(
                self.cluster_dim,
            ));
        }
        Ok(())
    }

    /// The B.4 block size along `ch`: 0 (whole axis), 1, or `group_size`.
    pub fn block_size(&self) -> usize {
        match self.granularity {
            Granularity::PerTensor => 0,
            Granularity::PerChannel => 1,
            Granularity::PerGroupedChannel { group_size } => group_size,
        }
    }

    /// Number of LUT rows per group, `2^n_bits`.
    pub fn n_entries(&self) -> usize {
        1usize << self.n_bits
    }
}

/// Invalid palettization options (A.3); the pass reports them when it is created.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum PalettizeParamsError {
    /// `n_bits` outside {1, 2, 3, 4, 6, 8}.
    #[error("n_bits must be one of 1, 2, 3, 4, 6, 8, got {0}")]
    NBits(u32),
    /// `cluster_dim == 0`.
    #[error("cluster_dim must be at least 1, got 0")]
    ZeroClusterDim,
    /// Per-channel scale with vector palettization.
    #[error("enable_per_channel_scale is not supported with cluster_dim > 1, got cluster_dim {0}")]
    PerChannelScaleWithVector(usize),
}

/// Why a weight could not be palettized. Apart from `Params`, these are per-constant
/// conditions: the pass warns and leaves the constant unchanged.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum PalettizeError {
    /// Invalid options.
    #[error(transparent)]
    Params(#[from] PalettizeParamsError),
    /// The weight has no elements (or a zero-sized dim).
    #[error("cannot palettize an empty weight")]
    EmptyInput,
    /// The slice length does not match the shape.
    #[error("weight has {len} elements but shape {shape:?} has {expected}")]
    ShapeMismatch {
        /// Slice length.
        len: usize,
        /// The shape.
        shape: Vec<usize>,
        /// Product of the shape (saturating).
        expected: usize,
    },
    /// The channel axis is not an axis of the weight.
    #[error("channel axis {axis} is out of range for a weight of rank {rank}")]
    AxisOutOfRange {
        /// The axis.
        axis: usize,
        /// The weight's rank.
        rank: usize,
    },
    /// The channel dim is not divisible by the group size (D.4 step 5).
    #[error(
        "can't perform palettization: dim {dim} of axis {axis} is not divisible by group size {group_size}"
    )]
    GroupSizeIndivisible {
        /// The channel axis.
        axis: usize,
        /// Its dim.
        dim: usize,
        /// The group size.
        group_size: usize,
    },
    /// The group size is not divisible by `cluster_dim` (D.4 step 5).
    #[error(
        "can't perform palettization: group size {group_size} is not divisible by cluster_dim {cluster_dim}"
    )]
    ClusterDimIndivisible {
        /// The group size.
        group_size: usize,
        /// The vector length.
        cluster_dim: usize,
    },
    /// A weight is NaN or infinite.
    #[error("non-finite weight at index {index}")]
    NonFinite {
        /// Flat (row-major) index of the first such element.
        index: usize,
    },
    /// A finite weight overflows the group dtype (an f32 weight beyond f16's range).
    #[error("weight element {index} ({value}) overflows the {dtype:?} clustering dtype")]
    OutOfRange {
        /// Flat (row-major) index of the first such element.
        index: usize,
        /// Its value.
        value: f32,
        /// The group dtype.
        dtype: FloatType,
    },
    /// Internal k-means failure (not expected for validated input).
    #[error("k-means failed: {0}")]
    KMeans(#[from] KMeans1dError),
}

/// The per-channel scale of D.4 step 2.
#[derive(Clone, Debug, PartialEq)]
pub struct PerChannelScale {
    /// Scale values (exact weight-dtype values, zeros replaced by 1), row-major.
    pub values: Vec<f32>,
    /// Its shape: the weight shape with `shape[ch] = 1`.
    pub shape: Vec<usize>,
}

/// A palettized weight: what `coreai.lut_to_dense` (and an optional `blockwise_shift_scale`
/// for the per-channel scale) needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Palettized {
    /// LUT indices, one `u8` per index element, row-major in `indices_shape` (unpacked).
    pub indices: Vec<u8>,
    /// The weight shape with `shape[ch] /= cluster_dim`.
    pub indices_shape: Vec<usize>,
    /// LUT values, row-major in `lut_shape`; each is exactly representable in `lut_type`.
    pub lut: Vec<f32>,
    /// `[1.., n_groups at ch, ..1, 2^n_bits, cluster_dim]` (rank = weight rank + 2).
    pub lut_shape: Vec<usize>,
    /// The group dtype the LUT values belong to (f16, or bf16 for bf16 weights). Every LUT
    /// value is exact in it, hence also in the weight type (f32 ⊃ f16); with `lut_dtype=None`
    /// the pass stores the LUT in the weight type (D.4 step 8).
    pub lut_type: FloatType,
    /// The `lut_to_dense` axis operand: `ch` if `cluster_dim > 1`, else 0.
    pub vector_axis: usize,
    /// The channel axis the groups (and vectors) run along.
    pub ch: usize,
    /// The per-channel scale, if enabled.
    pub per_channel_scale: Option<PerChannelScale>,
    /// Number of clusters actually used by each group (`<= 2^n_bits`).
    pub n_clusters: Vec<usize>,
}

impl Palettized {
    /// Reconstruct the weight in f32: `LUT_g[idx]` (spec E), times the per-channel scale if
    /// present (computed in f32; the LUT and scale values are exact).
    pub fn decompress(&self) -> Vec<f32> {
        let rank = self.indices_shape.len();
        let lrank = self.lut_shape.len();
        if rank + 2 != lrank || rank == 0 {
            return Vec::new();
        }
        let k = self.lut_shape[lrank - 2];
        let cd = self.lut_shape[lrank - 1];
        let ch = self.ch.min(rank - 1);
        let n_groups = self.lut_shape[ch];
        let outer: usize = self.indices_shape[..ch].iter().product();
        let dq = self.indices_shape[ch];
        let inner: usize = self.indices_shape[ch + 1..].iter().product();
        let per_group = (dq / n_groups.max(1)).max(1);
        let mut out = vec![0.0f32; self.indices.len() * cd];
        for o in 0..outer {
            for q in 0..dq {
                let g = q / per_group;
                for i in 0..inner {
                    let idx = self.indices[(o * dq + q) * inner + i] as usize;
                    for j in 0..cd {
                        let mut v = self.lut[(g * k + idx) * cd + j];
                        if let Some(p) = &self.per_channel_scale {
                            v *= p.values[o * inner + i];
                        }
                        out[(o * dq * cd + q * cd + j) * inner + i] = v;
                    }
                }
            }
        }
        out
    }
}

/// Palettize weight `w` of shape `shape` (row-major) as spec D.4 describes.
///
/// # Errors
/// [`PalettizeError`]: invalid options, a shape that does not match `w`, an out-of-range
/// channel axis, an empty weight, indivisible group or vector sizes, non-finite weights, or an
/// f32 weight that overflows f16.
///
/// # Examples
/// ```
/// use coreai_compress::palettize::{PalettizeConfig, palettize};
/// // 4 distinct values, 2 bits: the LUT holds exactly those values.
/// let w: Vec<f32> = (0..16).map(|i| [-1.0, 0.5, 2.0, 3.0][i % 4]).collect();
/// let p = palettize(&w, &[4, 4], &PalettizeConfig::new(2, 0)).unwrap();
/// assert_eq!(p.lut, vec![-1.0, 0.5, 2.0, 3.0]);
/// assert_eq!(p.lut_shape, vec![1, 1, 4, 1]);
/// assert_eq!(p.decompress(), w);
/// ```
pub fn palettize<T: Element>(
    w: &[T],
    shape: &[usize],
    cfg: &PalettizeConfig,
) -> Result<Palettized, PalettizeError> {
    cfg.validate()?;
    let rank = shape.len();
    let ch = cfg.ch;
    if ch >= rank {
        return Err(PalettizeError::AxisOutOfRange { axis: ch, rank });
    }
    let expected = shape
        .iter()
        .try_fold(1usize, |a, &d| a.checked_mul(d))
        .unwrap_or(usize::MAX);
    if expected != w.len() {
        return Err(PalettizeError::ShapeMismatch {
            len: w.len(),
            shape: shape.to_vec(),
            expected,
        });
    }
    if w.is_empty() {
        return Err(PalettizeError::EmptyInput);
    }
    let d = shape[ch];
    let bs = cfg.block_size();
    let g = if bs == 0 || bs == d { d } else { bs };
    if !d.is_multiple_of(g) {
        return Err(PalettizeError::GroupSizeIndivisible {
            axis: ch,
            dim: d,
            group_size: g,
        });
    }
    let cd = cfg.cluster_dim;
    if !g.is_multiple_of(cd) {
        return Err(PalettizeError::ClusterDimIndivisible {
            group_size: g,
            cluster_dim: cd,
        });
    }
    let layout = Layout {
        outer: shape[..ch].iter().product(),
        d,
        inner: shape[ch + 1..].iter().product(),
        g,
        n_groups: d / g,
    };
    let gt = group_type(T::TYPE);
    check_finite(w, gt, cfg.enable_per_channel_scale)?;

    let pcs = cfg
        .enable_per_channel_scale
        .then(|| per_channel_scale(w, &layout));
    let map = CodeMap::new(
        gt,
        cfg.enable_fast_kmeans_mode
            .then_some(cfg.rounding_precision),
    );
    let src = match (&pcs, as_u16_bits(w)) {
        (None, Some(bits)) if T::TYPE == gt => Source::Bits(bits),
        (p, _) => Source::Convert {
            w,
            pcs: p.as_deref(),
        },
    };
    let kg = KeyGen {
        src,
        map: &map,
        layout,
    };
    let k = cfg.n_entries();

    let (indices, luts, n_clusters) = if cd == 1 {
        palettize_scalar(&kg, k)?
    } else {
        palettize_vector(&kg, shape, ch, cd, k, cfg.seed)
    };

    let mut lut_shape = vec![1usize; rank];
    lut_shape[ch] = layout.n_groups;
    lut_shape.push(k);
    lut_shape.push(cd);
    let mut indices_shape = shape.to_vec();
    indices_shape[ch] /= cd;
    let mut pcs_shape = shape.to_vec();
    pcs_shape[ch] = 1;
    Ok(Palettized {
        indices,
        indices_shape,
        lut: luts,
        lut_shape,
        lut_type: gt,
        vector_axis: if cd > 1 { ch } else { 0 },
        ch,
        per_channel_scale: pcs.map(|values| PerChannelScale {
            values,
            shape: pcs_shape,
        }),
        n_clusters,
    })
}

/// Reject NaN/Inf weights, and (without a per-channel scale) finite weights that overflow the
/// group dtype. Reports the first offending flat index.
fn check_finite<T: Element>(w: &[T], gt: FloatType, scaled: bool) -> Result<(), PalettizeError> {
    // f32 -> f16 rounds to infinity from 65520 (the midpoint between f16::MAX and 2^16) on;
    // bf16 weights keep bf16, and scaled values lie in [-1, 1]. NaN fails the comparison.
    let limit = if scaled || gt == FloatType::BF16 {
        f32::INFINITY
    } else {
        65520.0
    };
    let bad = |x: &T| x.to_f32().abs().partial_cmp(&limit) != Some(std::cmp::Ordering::Less);
    // Fixed chunks: a branch-free "any" per chunk (vectorisable), then the first offender of
    // the first bad chunk. `find_map_first` keeps the result independent of the thread count.
    const SCAN: usize = 1 << 16;
    let pos = match as_u16_bits(w) {
        Some(bits) => {
            let inf = if T::TYPE == FloatType::BF16 {
                0x7F80
            } else {
                0x7C00
            };
            bits.par_chunks(SCAN).enumerate().find_map_first(|(ci, c)| {
                let any = c.iter().fold(false, |a, &b| a | (b & 0x7FFF >= inf));
                any.then(|| {
                    c.iter()
                        .position(|&b| b & 0x7FFF >= inf)
                        .map(|p| ci * SCAN + p)
                })
                .flatten()
            })
        }
        None => w.par_chunks(SCAN).enumerate().find_map_first(|(ci, c)| {
            let any = c.iter().fold(false, |a, x| a | bad(x));
            any.then(|| c.iter().position(bad).map(|p| ci * SCAN + p))
                .flatten()
        }),
    };
    match pos {
        None => Ok(()),
        Some(index) => {
            let value = w[index].to_f32();
            if value.is_finite() {
                Err(PalettizeError::OutOfRange {
                    index,
                    value,
                    dtype: gt,
                })
            } else {
                Err(PalettizeError::NonFinite { index })
            }
        }
    }
}

/// `max(|w|)` over the channel axis, zeros replaced by 1; shape `(outer, inner)`.
fn per_channel_scale<T: Element>(w: &[T], l: &Layout) -> Vec<f32> {
    if l.inner == 1 {
        // The channel axis is the last one: one contiguous run of `d` elements per scale,
        // widened a slice at a time (`max` is exact, so the order does not matter).
        let mut pcs: Vec<f32> = (0..l.outer)
            .into_par_iter()
            .map(|o| {
                let mut buf = [0.0f32; 1024];
                let mut m = 0.0f32;
                for c in w[o * l.d..(o + 1) * l.d].chunks(buf.len()) {
                    let b = &mut buf[..c.len()];
                    load_f32(c, b);
                    m = b.iter().fold(m, |a, v| a.max(v.abs()));
                }
                m
            })
            .collect();
        for p in &mut pcs {
            if *p == 0.0 {
                *p = 1.0;
            }
        }
        return pcs;
    }
    // Rows of `inner` elements; chunks of rows along `d`. `max` is exact, so the merge order
    // does not matter.
    let rows_per_chunk = ((1usize << 16) / l.inner.max(1)).max(1);
    let n_chunks = l.d.div_ceil(rows_per_chunk);
    let partial: Vec<Vec<f32>> = (0..l.outer * n_chunks)
        .into_par_iter()
        .map(|t| {
            let (o, c) = (t / n_chunks, t % n_chunks);
            let mut m = vec![0.0f32; l.inner];
            let x0 = c * rows_per_chunk;
            let x1 = (x0 + rows_per_chunk).min(l.d);
            for x in x0..x1 {
                let row = &w[(o * l.d + x) * l.inner..(o * l.d + x + 1) * l.inner];
                for (a, v) in m.iter_mut().zip(row) {
                    *a = a.max(v.to_f32().abs());
                }
            }
            m
        })
        .collect();
    let mut pcs = vec![0.0f32; l.outer * l.inner];
    for (t, m) in partial.iter().enumerate() {
        let o = t / n_chunks;
        for (a, &b) in pcs[o * l.inner..(o + 1) * l.inner].iter_mut().zip(m) {
            *a = a.max(b);
        }
    }
    for p in &mut pcs {
        if *p == 0.0 {
            *p = 1.0;
        }
    }
    pcs
}

/// Row-major indices, LUTs (`k` values per group) and per-group cluster counts.
pub(crate) type Parts = (Vec<u8>, Vec<f32>, Vec<usize>);

fn palettize_scalar<T: Element>(kg: &KeyGen<'_, T>, k: usize) -> Result<Parts, PalettizeError> {
    let l = kg.layout;
    if scalar::use_strided(&l) {
        return Ok(scalar::strided_groups(kg, k)?);
    }
    let groups: Vec<_> = (0..l.n_groups)
        .into_par_iter()
        .map_init(Scratch::new, |s, g| scalar_group(kg, g, k, s))
        .collect::<Result<Vec<_>, _>>()?;
    let mut luts = Vec::with_capacity(l.n_groups * k);
    let mut n_clusters = Vec::with_capacity(l.n_groups);
    for gr in &groups {
        luts.extend_from_slice(&gr.lut);
        n_clusters.push(gr.n_clusters);
    }
    let indices = if groups.len() == 1 {
        groups
            .into_iter()
            .next()
            .map(|gr| gr.indices)
            .unwrap_or_default()
    } else {
        // Scatter the per-group virtual-order indices back to row-major positions.
        let sl = l.slab_len();
        let mut out = vec![0u8; l.outer * l.d * l.inner];
        out.par_chunks_mut(l.d * l.inner)
            .enumerate()
            .for_each(|(o, row)| {
                for (g, gr) in groups.iter().enumerate() {
                    row[g * sl..(g + 1) * sl].copy_from_slice(&gr.indices[o * sl..(o + 1) * sl]);
                }
            });
        out
    };
    Ok((indices, luts, n_clusters))
}

/// Vector case: samples are `cd`-vectors along `ch` in the spec's order `(G/cd, rest...)`,
/// where `rest` are the dims of `swapaxes(w, 0, ch)` after the first.
fn palettize_vector<T: Element>(
    kg: &KeyGen<'_, T>,
    shape: &[usize],
    ch: usize,
    cd: usize,
    k: usize,
    seed: u64,
) -> Parts {
    let l = kg.layout;
    let total = l.outer * l.d * l.inner / cd;
    // For ch 0 and 1 the rest dims are (outer dims, inner dims) in order, so a sample's rest
    // index is `o * inner + i`: gathered and scattered by row sweeps. Other axes take the
    // general (slower) path.
    let general = (ch > 1).then(|| VectorRest::new(shape, ch, cd));
    let results: Vec<vector::VectorOut> = (0..l.n_groups)
        .into_par_iter()
        .map(|g| {
            let keys = match &general {
                None => gather_vectors(kg, g, cd),
                Some(rest) => rest.gather(kg, g),
            };
            let seed_g = rng::derive_seed(seed, g as u64);
            vector::cluster_vectors(&keys, cd, k, kg.map, seed_g)
        })
        .collect();
    let mut luts = Vec::with_capacity(l.n_groups * k * cd);
    let mut n_clusters = Vec::with_capacity(l.n_groups);
    for res in &results {
        luts.extend_from_slice(&res.lut);
        n_clusters.push(res.n_clusters);
    }
    let indices = match &general {
        None => scatter_labels(&l, cd, &results),
        Some(rest) => {
            let mut indices = vec![0u8; total];
            for (g, res) in results.iter().enumerate() {
                rest.scatter(g, &res.labels, &mut indices);
            }
            indices
        }
    };
    (indices, luts, n_clusters)
}

/// Vectors per task of [`gather_vectors`] (a task reads `VECTOR_TILE · cd · inner` elements
/// of every row).
const VECTOR_TILE: usize = 256;
/// Rows per task of [`scatter_labels`].
const LABEL_ROWS: usize = 64;

/// The keys of group `g`'s vectors in sample order `(v, o·inner + i, j)`, for `ch` 0 or 1:
/// one sweep over the rows per tile of vectors.
fn gather_vectors<T: Element>(kg: &KeyGen<'_, T>, g: usize, cd: usize) -> Vec<u16> {
    let l = kg.layout;
    let (r, vpg, inner) = (l.outer * l.inner, l.g / cd, l.inner);
    let map = kg.map;
    let mut keys = vec![0u16; vpg * r * cd];
    let tile = VECTOR_TILE.min(vpg);
    keys.par_chunks_mut(tile * r * cd)
        .enumerate()
        .for_each_init(
            || {
                (
                    vec![0u16; tile * cd * inner],
                    vec![0.0f32; tile * cd * inner],
                )
            },
            |(codes, vals), (t, dst)| {
                let v0 = t * tile;
                let nv = dst.len() / (r * cd);
                let x0 = g * l.g + v0 * cd;
                let span = x0 * inner..(x0 + nv * cd) * inner;
                for o in 0..l.outer {
                    if o + 4 < l.outer {
                        kg.prefetch_row(o + 4, span.clone());
                    }
                    let n = span.len();
                    let src = kg.row_codes(o, span.clone(), &mut codes[..n], vals);
                    for v in 0..nv {
                        let d = &mut dst[(v * r + o * inner) * cd..(v * r + (o + 1) * inner) * cd];
                        for j in 0..cd {
                            let s = &src[(v * cd + j) * inner..(v * cd + j + 1) * inner];
                            for (x, &c) in d[j..].iter_mut().step_by(cd).zip(s) {
                                *x = map.key_of_group_bits(c);
                            }
                        }
                    }
                }
            },
        );
    keys
}

/// Row-major indices (`ch` 0 or 1) from every group's labels in sample order.
fn scatter_labels(l: &Layout, cd: usize, results: &[vector::VectorOut]) -> Vec<u8> {
    let (r, vpg, inner) = (l.outer * l.inner, l.g / cd, l.inner);
    let row = l.d / cd * inner;
    let mut indices = vec![0u8; l.outer * row];
    indices
        .par_chunks_mut(LABEL_ROWS * row)
        .enumerate()
        .for_each(|(b, dst)| {
            let o0 = b * LABEL_ROWS;
            let nr = dst.len() / row;
            for (g, res) in results.iter().enumerate() {
                for v in 0..vpg {
                    let lab = &res.labels[v * r + o0 * inner..v * r + (o0 + nr) * inner];
                    let col = (g * vpg + v) * inner;
                    for (drow, s) in dst.chunks_exact_mut(row).zip(lab.chunks_exact(inner)) {
                        drow[col..col + inner].copy_from_slice(s);
                    }
                }
            }
        });
    indices
}

/// Sample order of the general vector case (`ch >= 2`): offsets of every `rest` position in
/// the weight and in the index tensor.
struct VectorRest {
    rest_w: Vec<usize>,
    rest_i: Vec<usize>,
    /// Strides of `ch` in the weight and in the index tensor.
    sw0: usize,
    si0: usize,
    cd: usize,
}

impl VectorRest {
    fn new(shape: &[usize], ch: usize, cd: usize) -> Self {
        let rank = shape.len();
        // Row-major strides of the weight and of the index tensor.
        let strides = |s: &[usize]| {
            let mut st = vec![1usize; s.len()];
            for a in (0..s.len().saturating_sub(1)).rev() {
                st[a] = st[a + 1] * s[a + 1];
            }
            st
        };
        let mut ishape = shape.to_vec();
        ishape[ch] /= cd;
        let (wst, ist) = (strides(shape), strides(&ishape));
        // Swapped layout: axis 0 <-> ch.
        let mut perm: Vec<usize> = (0..rank).collect();
        perm.swap(0, ch);
        // Offsets of every `rest` position, row-major over the swapped dims 1.. .
        let mut rest_w = vec![0usize];
        let mut rest_i = vec![0usize];
        for &a in &perm[1..] {
            let (n, sw, si) = (shape[a], wst[a], ist[a]);
            rest_w = rest_w
                .iter()
                .flat_map(|&b| (0..n).map(move |t| b + t * sw))
                .collect();
            rest_i = rest_i
                .iter()
                .flat_map(|&b| (0..n).map(move |t| b + t * si))
                .collect();
        }
        Self {
            rest_w,
            rest_i,
            sw0: wst[ch],
            si0: ist[ch],
            cd,
        }
    }

    /// The keys of group `g` in sample order `(v, rest)`.
    fn gather<T: Element>(&self, kg: &KeyGen<'_, T>, g: usize) -> Vec<u16> {
        let l = kg.layout;
        let (r, cd) = (self.rest_w.len(), self.cd);
        let mut keys = vec![0u16; l.g / cd * r * cd];
        keys.par_chunks_mut(r * cd)
            .enumerate()
            .for_each(|(v, dst)| {
                let mut one = [0u16; 1];
                let mut val = [0.0f32; 1];
                for (q, s) in dst.chunks_exact_mut(cd).enumerate() {
                    for (j, key) in s.iter_mut().enumerate() {
                        let flat = (g * l.g + v * cd + j) * self.sw0 + self.rest_w[q];
                        let o = flat / (l.d * l.inner);
                        kg.fill_flat(flat, o, &mut one, &mut val);
                        *key = kg.map.key_of_group_bits(one[0]);
                    }
                }
            });
        keys
    }

    /// Write group `g`'s labels (sample order) into the row-major indices.
    fn scatter(&self, g: usize, labels: &[u8], indices: &mut [u8]) {
        let r = self.rest_i.len();
        let vpg = labels.len() / r;
        for (s, &lab) in labels.iter().enumerate() {
            let (v, q) = (s / r, s % r);
            indices[(g * vpg + v) * self.si0 + self.rest_i[q]] = lab;
        }
    }
}

#[cfg(test)]
mod tests;
