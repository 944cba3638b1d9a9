//! Scalar palettization of one channel group (spec D.4 step 6, `cluster_dim == 1`, F.10).
//!
//! Pipeline per group: histogram of the 16-bit group-dtype codes → codes merged into keys by
//! the fast-mode rounding → sorted unique values with counts → exact weighted 1-D k-means
//! ([`kmeans1d_weighted`]) → centroids rounded to the group dtype (the LUT) → a code →
//! LUT-index table → one streaming pass writing the indices.
//!
//! Each value is assigned to the *nearest stored* LUT entry (ties to the lower index). The
//! optimal partition's runs are contiguous and its centroids lie between the runs, so this
//! only differs from the raw k-means labels at run boundaries where rounding a centroid to the
//! group dtype moved the midpoint; it never increases the reconstruction error.
//!
//! ## Parallelisation
//! Small groups (below [`LARGE_GROUP`] elements) are processed sequentially with a reusable
//! scratch histogram of keys that only touches the bins it uses; the caller runs groups in
//! parallel. Large groups histogram raw codes (no per-element map lookup) and merge codes into
//! keys once at the end.
//! Large groups split their elements into fixed chunks of [`CHUNK`]: partial histograms are
//! summed (integer addition, so the merge order is irrelevant) and the index pass writes
//! disjoint chunks. Results are therefore byte-identical for every thread count.

use rayon::prelude::*;

use super::{
    codes::{CodeMap, N_CODES},
    kmeans1d::{KMeans1dError, kmeans1d_weighted},
    source::{KeyGen, Layout, RunBuf},
};
use crate::Element;

/// Groups with at least this many elements are histogrammed and assigned in parallel chunks.
pub(crate) const LARGE_GROUP: usize = 1 << 20;
/// Fixed chunk size (elements) of the parallel passes inside a large group.
pub(crate) const CHUNK: usize = 1 << 16;
/// Size of the key buffer of the streaming passes.
const BUF: usize = 4096;
/// Slabs shorter than this take [`strided_groups`] (see [`use_strided`]).
const STRIDED_SLAB: usize = 256;
/// Target elements per row block of the [`strided_groups`] sweeps.
const SWEEP_BLOCK: usize = 1 << 16;
/// Target bytes of the keys of one band of groups of [`strided_groups`].
const BAND_BYTES: usize = 4 << 20;
/// Elements of a row read at a time by the [`strided_groups`] sweeps.
const TILE: usize = 512;
/// Rows ahead that the [`strided_groups`] key sweep prefetches.
const PREFETCH_ROWS: usize = 4;

/// The result for one group: LUT (length `k`, rows beyond `n_clusters` are 0) and the
/// indices of its elements in virtual order.
pub(crate) struct GroupOut {
    pub lut: Vec<f32>,
    pub n_clusters: usize,
    pub indices: Vec<u8>,
}

/// A zeroed table indexed by 16-bit codes, allocated on the heap directly (a boxed array
/// literal would be built on the stack first). The fixed length lets the compiler drop the
/// bounds checks of `table[code as usize]`.
fn zeroed_table<T: Copy + Default + std::fmt::Debug>() -> Box<[T; N_CODES]> {
    vec![T::default(); N_CODES]
        .into_boxed_slice()
        .try_into()
        .expect("a vector of N_CODES elements converts to [T; N_CODES]")
}

/// Per-worker scratch buffers for small groups. The histogram is all zero between uses.
pub(crate) struct Scratch {
    hist: Box<[u32; N_CODES]>,
    touched: Vec<u16>,
    keys: Vec<u16>,
    table: Box<[u8; N_CODES]>,
    buf: RunBuf,
}

impl Scratch {
    pub fn new() -> Self {
        Self {
            hist: zeroed_table(),
            touched: Vec::new(),
            keys: Vec::new(),
            table: zeroed_table(),
            buf: RunBuf::new(BUF),
        }
    }
}

/// Cluster sorted unique keys with their counts into at most `k` entries.
///
/// Returns the LUT (length `k`, zero padded), the number of clusters and the LUT index of every
/// unique key.
pub(crate) fn cluster_uniques(
    map: &CodeMap,
    keys: &[u16],
    counts: &[u64],
    k: usize,
) -> Result<(Vec<f32>, usize, Vec<u8>), KMeans1dError> {
    debug_assert!(
        keys.iter().all(|&key| map.key_is_finite(key)),
        "non-finite values reached clustering (keys {:?}..{:?})",
        keys.first(),
        keys.last()
    );
    let values: Vec<f64> = keys
        .iter()
        .map(|&key| f64::from(map.value_of_key(key)))
        .collect();
    let weights: Vec<f64> = counts.iter().map(|&c| c as f64).collect();
    let r = kmeans1d_weighted(&values, &weights, k)?;
    let nc = r.n_clusters();
    let mut lut = vec![0.0f32; k];
    for (dst, &c) in lut.iter_mut().zip(&r.centroids) {
        let bits = super::codes::f64_to_bits(map.ty, c);
        *dst = super::codes::bits_to_f32(map.ty, bits);
    }
    let stored: Vec<f64> = lut[..nc].iter().map(|&x| f64::from(x)).collect();
    Ok((lut, nc, nearest_sorted(&values, &stored)))
}

/// Index of the nearest entry of the non-decreasing `lut` for every ascending value (ties to
/// the lower index), by a single monotone sweep.
fn nearest_sorted(values: &[f64], lut: &[f64]) -> Vec<u8> {
    let n = lut.len();
    let mut out = Vec::with_capacity(values.len());
    let mut c = 0usize;
    for &x in values {
        loop {
            let mut nx = c + 1;
            while nx < n && lut[nx] == lut[c] {
                nx += 1;
            }
            if nx < n && (x - lut[nx]).abs() < (x - lut[c]).abs() {
                c = nx;
            } else {
                break;
            }
        }
        out.push(c as u8);
    }
    out
}

/// Palettize group `group` with `k` entries.
pub(crate) fn scalar_group<T: Element>(
    kg: &KeyGen<'_, T>,
    group: usize,
    k: usize,
    scratch: &mut Scratch,
) -> Result<GroupOut, KMeans1dError> {
    let glen = kg.layout.group_len();
    if glen >= LARGE_GROUP || glen > u32::MAX as usize {
        large_group(kg, group, k)
    } else {
        small_group(kg, group, k, scratch)
    }
}

fn small_group<T: Element>(
    kg: &KeyGen<'_, T>,
    group: usize,
    k: usize,
    s: &mut Scratch,
) -> Result<GroupOut, KMeans1dError> {
    let glen = kg.layout.group_len();
    let Scratch {
        hist,
        touched,
        keys,
        table,
        buf,
    } = s;
    // Pass 1: histogram of keys (codes after the fast-mode rounding, which leaves far fewer
    // distinct bins than raw codes), remembering which bins were touched so that only those
    // are read and reset. Converted keys are cached for pass 2.
    let map = kg.map;
    let cache = kg.converts();
    touched.clear();
    keys.clear();
    kg.for_each_run(group, 0, glen, buf, |run| {
        for &c in run {
            let key = map.key_of_group_bits(c);
            count_key(hist, touched, key);
            if cache {
                keys.push(key);
            }
        }
    });
    let (lut, n_clusters) = cluster_touched(map, hist, touched, table, k)?;
    // Pass 2: indices.
    let mut indices = Vec::with_capacity(glen);
    if cache {
        indices.extend(keys.iter().map(|&key| table[key as usize]));
    } else {
        kg.for_each_run(group, 0, glen, buf, |run| {
            indices.extend(
                run.iter()
                    .map(|&c| table[map.key_of_group_bits(c) as usize]),
            );
        });
    }
    Ok(GroupOut {
        lut,
        n_clusters,
        indices,
    })
}

/// Count `key` in the scratch histogram, remembering first-touched bins.
#[inline(always)]
fn count_key(hist: &mut [u32; N_CODES], touched: &mut Vec<u16>, key: u16) {
    let h = &mut hist[key as usize];
    if *h == 0 {
        touched.push(key);
    }
    *h += 1;
}

/// Cluster the keys counted in `hist` (bins listed in `touched`, which is sorted; the
/// histogram is left all zero) and fill `table[key]` with the LUT index of every counted key.
/// Returns the LUT and the number of clusters.
fn cluster_touched(
    map: &CodeMap,
    hist: &mut [u32; N_CODES],
    touched: &mut [u16],
    table: &mut [u8; N_CODES],
    k: usize,
) -> Result<(Vec<f32>, usize), KMeans1dError> {
    touched.sort_unstable();
    let counts: Vec<u64> = touched
        .iter()
        .map(|&key| {
            let h = &mut hist[key as usize];
            let n = u64::from(*h);
            *h = 0;
            n
        })
        .collect();
    let (lut, n_clusters, assign) = cluster_uniques(map, touched, &counts, k)?;
    for (&key, &a) in touched.iter().zip(&assign) {
        table[key as usize] = a;
    }
    Ok((lut, n_clusters))
}

/// `dst.copy_from_slice(src)` for short slices, without a `memcpy` call per slice.
#[inline(always)]
fn copy_short(dst: &mut [u8], src: &[u8]) {
    let mut d = dst.chunks_exact_mut(16);
    let mut s = src.chunks_exact(16);
    for (a, b) in (&mut d).zip(&mut s) {
        a.copy_from_slice(b);
    }
    for (a, &b) in d.into_remainder().iter_mut().zip(s.remainder()) {
        *a = b;
    }
}

/// Whether [`strided_groups`] should handle the layout: several groups made of many short
/// slabs (e.g. groups of columns of a row-major matrix), none of them large.
pub(crate) fn use_strided(l: &Layout) -> bool {
    l.n_groups > 1 && l.outer > 1 && l.slab_len() < STRIDED_SLAB && l.group_len() < LARGE_GROUP
}

/// All groups of a layout whose slabs are short (see [`use_strided`]): reading a group slab
/// by slab would touch a new cache line (and page) every few elements, so the weight is swept
/// row by row instead, one band of [`BAND_BYTES`] of keys (a range of groups) at a time:
///
/// 1. Sweep: the keys of the band's elements, row block by row block, stored per block as
///    `[group][row][slab]`, so that each group's keys form one contiguous segment per block.
/// 2. Per group (in parallel): histogram of its segments, exact k-means, and its indices in
///    virtual order (segments in block order are exactly the slab order).
/// 3. Sweep: the indices to their row-major positions.
///
/// Returns the row-major indices, the LUTs (`k` per group) and the cluster counts. Every group
/// sees the same keys with the same counts as [`small_group`], so the output is identical.
pub(crate) fn strided_groups<T: Element>(
    kg: &KeyGen<'_, T>,
    k: usize,
) -> Result<super::Parts, KMeans1dError> {
    let l = kg.layout;
    let map = kg.map;
    let sl = l.slab_len();
    let glen = l.group_len();
    let row = l.d * l.inner;
    let band = (BAND_BYTES / (2 * glen)).clamp(1, l.n_groups);
    let band_row = band * sl;
    let rows_per_block = (SWEEP_BLOCK / band_row).clamp(1, l.outer);
    let n_blocks = l.outer.div_ceil(rows_per_block);
    // Groups per tile of the sweeps: at least TILE elements of each row at a time.
    let tile = TILE.div_ceil(sl).clamp(1, band);

    let mut keys = vec![0u16; band * glen];
    let mut idx = vec![0u8; band * glen];
    let mut out = vec![0u8; l.outer * row];
    let mut luts = Vec::with_capacity(l.n_groups * k);
    let mut n_clusters = Vec::with_capacity(l.n_groups);
    for g0 in (0..l.n_groups).step_by(band) {
        let nb = band.min(l.n_groups - g0);
        let keys = &mut keys[..nb * glen];
        let block_len = rows_per_block * nb * sl;
        keys.par_chunks_mut(block_len).enumerate().for_each_init(
            || (vec![0u16; tile * sl], vec![0.0f32; tile * sl]),
            |(codes, vals), (b, dst)| {
                let o0 = b * rows_per_block;
                let nr = dst.len() / (nb * sl);
                for t0 in (0..nb).step_by(tile) {
                    let t1 = (t0 + tile).min(nb);
                    let span = (g0 + t0) * sl..(g0 + t1) * sl;
                    for r in 0..nr {
                        // Each row is a new page: help the hardware prefetcher.
                        if r + PREFETCH_ROWS < nr {
                            kg.prefetch_row(o0 + r + PREFETCH_ROWS, span.clone());
                        }
                        let src = kg.row_codes(o0 + r, span.clone(), codes, vals);
                        for (t, slab) in (t0..t1).zip(src.chunks_exact(sl)) {
                            let d = &mut dst[(t * nr + r) * sl..(t * nr + r + 1) * sl];
                            for (x, &c) in d.iter_mut().zip(slab) {
                                *x = map.key_of_group_bits(c);
                            }
                        }
                    }
                }
            },
        );
        let keys = &*keys;
        // Group t's (of the band) segment of block b.
        let segment = |b: usize, t: usize| {
            let nr = rows_per_block.min(l.outer - b * rows_per_block);
            let base = b * block_len;
            &keys[base + t * nr * sl..base + (t + 1) * nr * sl]
        };
        let results: Vec<(Vec<f32>, usize)> = idx[..nb * glen]
            .par_chunks_mut(glen)
            .enumerate()
            .map_init(Scratch::new, |s, (t, indices)| {
                let Scratch {
                    hist,
                    touched,
                    table,
                    ..
                } = s;
                touched.clear();
                for b in 0..n_blocks {
                    for &key in segment(b, t) {
                        count_key(hist, touched, key);
                    }
                }
                let res = cluster_touched(map, hist, touched, table, k)?;
                let mut pos = 0;
                for b in 0..n_blocks {
                    let seg = segment(b, t);
                    for (o, &key) in indices[pos..pos + seg.len()].iter_mut().zip(seg) {
                        *o = table[key as usize];
                    }
                    pos += seg.len();
                }
                Ok(res)
            })
            .collect::<Result<_, KMeans1dError>>()?;
        for (lut, nc) in results {
            luts.extend_from_slice(&lut);
            n_clusters.push(nc);
        }
        let idx = &idx[..nb * glen];
        out.par_chunks_mut(rows_per_block * row)
            .enumerate()
            .for_each(|(b, dst)| {
                let o0 = b * rows_per_block;
                for t0 in (0..nb).step_by(tile) {
                    let t1 = (t0 + tile).min(nb);
                    for (r, drow) in dst.chunks_exact_mut(row).enumerate() {
                        let o = o0 + r;
                        let d = &mut drow[(g0 + t0) * sl..(g0 + t1) * sl];
                        for (t, dd) in (t0..t1).zip(d.chunks_exact_mut(sl)) {
                            copy_short(dd, &idx[t * glen + o * sl..t * glen + (o + 1) * sl]);
                        }
                    }
                }
            });
    }
    Ok((out, luts, n_clusters))
}

fn large_group<T: Element>(
    kg: &KeyGen<'_, T>,
    group: usize,
    k: usize,
) -> Result<GroupOut, KMeans1dError> {
    let glen = kg.layout.group_len();
    let n_chunks = glen.div_ceil(CHUNK);
    // Integer partial histograms of codes: the sum is exact, so the reduction order does not
    // matter.
    let hist: Box<[u64; N_CODES]> = (0..n_chunks)
        .into_par_iter()
        .with_min_len(16)
        .fold(
            || (zeroed_table::<u64>(), RunBuf::new(BUF)),
            |(mut h, mut buf), c| {
                let start = c * CHUNK;
                let len = CHUNK.min(glen - start);
                kg.for_each_run(group, start, len, &mut buf, |run| {
                    for &code in run {
                        h[code as usize] += 1;
                    }
                });
                (h, buf)
            },
        )
        .map(|(h, _)| h)
        .reduce(zeroed_table::<u64>, |mut a, b| {
            for (x, y) in a.iter_mut().zip(b.iter()) {
                *x += y;
            }
            a
        });
    // Merge codes into keys (fast-mode rounding), then the sorted uniques.
    let mut by_key = vec![0u64; N_CODES];
    for (code, &n) in hist.iter().enumerate() {
        if n > 0 {
            by_key[kg.map.key_of_group_bits(code as u16) as usize] += n;
        }
    }
    let (keys, counts): (Vec<u16>, Vec<u64>) = by_key
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c > 0)
        .map(|(key, &c)| (key as u16, c))
        .unzip();
    let (lut, n_clusters, assign) = cluster_uniques(kg.map, &keys, &counts, k)?;
    // key -> index (keys that do not occur get their predecessor's index), then code -> index.
    let mut key_table = vec![0u8; N_CODES];
    let mut next = 0usize;
    let mut cur = 0u8;
    for (key, slot) in key_table.iter_mut().enumerate() {
        if next < keys.len() && keys[next] as usize == key {
            cur = assign[next];
            next += 1;
        }
        *slot = cur;
    }
    let mut table: Box<[u8; N_CODES]> = zeroed_table::<u8>();
    for (code, slot) in table.iter_mut().enumerate() {
        *slot = key_table[kg.map.key_of_group_bits(code as u16) as usize];
    }
    let mut indices = vec![0u8; glen];
    indices.par_chunks_mut(CHUNK).enumerate().for_each_init(
        || RunBuf::new(BUF),
        |buf, (c, out)| {
            let mut pos = 0;
            kg.for_each_run(group, c * CHUNK, out.len(), buf, |run| {
                for (o, &code) in out[pos..pos + run.len()].iter_mut().zip(run) {
                    *o = table[code as usize];
                }
                pos += run.len();
            });
        },
    );
    Ok(GroupOut {
        lut,
        n_clusters,
        indices,
    })
}

#[cfg(test)]
mod tests {
    use half::f16;

    use super::*;
    use crate::{
        FloatType,
        palettize::{
            rng::Xoshiro256StarStar,
            source::{Layout, Source},
        },
    };

    #[test]
    fn nearest_sweep_handles_duplicates_and_ties() {
        let lut = [1.0, 2.0, 2.0, 3.0];
        let v = [0.0, 1.5, 1.6, 2.0, 2.5, 2.9, 9.0];
        assert_eq!(nearest_sorted(&v, &lut), vec![0, 0, 1, 1, 1, 3, 3]);
        assert_eq!(nearest_sorted(&[5.0], &[7.0]), vec![0]);
    }

    /// The sequential (small) and chunked parallel (large) paths give identical groups, for
    /// in-place f16 codes and for converted codes with a per-channel scale.
    #[test]
    fn small_and_large_paths_agree() {
        let mut rng = Xoshiro256StarStar::seed_from_u64(5);
        let (outer, d, inner, g) = (3usize, 8usize, 700usize, 4usize);
        let w: Vec<f16> = (0..outer * d * inner)
            .map(|_| f16::from_f64((rng.next_f64() - 0.5) * 0.2))
            .collect();
        let w32: Vec<f32> = w.iter().map(|x| x.to_f32()).collect();
        let pcs: Vec<f32> = (0..outer * inner)
            .map(|i| 0.05 + (i % 7) as f32 * 0.01)
            .collect();
        let layout = Layout {
            outer,
            d,
            inner,
            g,
            n_groups: d / g,
        };
        let bits: Vec<u16> = w.iter().map(|x| x.to_bits()).collect();
        for rounding in [None, Some(3)] {
            let map = CodeMap::new(FloatType::F16, rounding);
            let sources = [
                Source::Bits(&bits),
                Source::Convert {
                    w: &w32,
                    pcs: Some(&pcs),
                },
            ];
            for src in sources {
                let kg = KeyGen {
                    src,
                    map: &map,
                    layout,
                };
                for group in 0..layout.n_groups {
                    let a = small_group(&kg, group, 16, &mut Scratch::new()).unwrap();
                    let b = large_group(&kg, group, 16).unwrap();
                    assert_eq!(a.lut, b.lut);
                    assert_eq!(a.n_clusters, b.n_clusters);
                    assert_eq!(a.indices, b.indices);
                }
            }
        }
    }
}
