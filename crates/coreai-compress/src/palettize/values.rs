//! Palettization of a flat list of values as one group, in the values' own dtype: the kernel of
//! joint sparsity + palettization (spec D.6, last bullet; F.10).
//!
//! D.6 clusters the non-zero values of a pruned weight as **one** group, **in the weight
//! dtype**, with no f16 cast and no fast-mode rounding. The LUT is `[1, 2^n, 1]` in the weight
//! type and the indices are `ui{n}[nnz]`. [`palettize_values`] computes the LUT and the (unpacked)
//! indices; the pass reshapes and packs them.
//!
//! ## Algorithm
//! - f16/bf16: a 65,536-bin histogram of the bit patterns (`-0.0` merged into `+0.0`) gives the
//!   sorted unique values and their counts; exact weighted 1-D k-means on them (at most 65,536
//!   values, so the plain DP); the centroids rounded to the dtype form the LUT; a pattern →
//!   index table writes the indices. This reuses the scalar palettization helpers.
//! - f32: the values' order-preserving 32-bit keys are radix-sorted, the unique values with
//!   their counts go to exact weighted k-means in f64
//!   ([`kmeans1d_weighted_pruned`], which stays fast for millions of unique values), and the
//!   centroids are rounded to f32. Each value's index is found among the `n_clusters - 1`
//!   decision thresholds (the smallest f32 that is strictly nearer the next LUT entry).
//!
//! ## Invariants
//! - `n_clusters = min(#unique values, 2^n_bits)`; LUT rows `n_clusters..` are 0; every LUT
//!   value is exactly representable in `T` (returned as f32) and the used rows are strictly
//!   increasing (each rounded centroid stays inside its run, and runs are disjoint).
//! - Every index points at the nearest stored LUT entry, ties to the lower index: the rule of
//!   [`palettize`](super::palettize). f16/bf16 share its code (distances as f64 differences,
//!   exact for f16, and for bf16 unless the values span more than 2^45); f32 decides it
//!   exactly with error-free sums. This equals the k-means labels except where rounding a
//!   centroid to `T` moved a midpoint, and never increases the reconstruction error.
//!
//! ## Parallelisation
//! The finiteness scan, the histogram and the index pass run on rayon over fixed chunks of
//! `CHUNK` values (integer histogram merges, disjoint output chunks, first-offender search
//! in chunk order); sorting and k-means are sequential. The output is identical for any
//! number of threads.

use rayon::prelude::*;

use super::{
    PalettizeError, PalettizeParamsError,
    codes::{CodeMap, N_CODES},
    kmeans1d::kmeans1d_weighted_pruned,
    scalar::cluster_uniques,
};
use crate::{
    Element, FloatType,
    load::{as_f32, as_u16_bits},
};

/// Fixed chunk size (values) of the parallel passes.
const CHUNK: usize = 1 << 16;

/// The result of [`palettize_values`].
#[derive(Clone, Debug, PartialEq)]
pub struct PalettizedValues {
    /// The LUT, `2^n_bits` entries: the cluster centres rounded to the values' dtype (exactly
    /// representable in it), ascending; entries `n_clusters..` are 0.
    pub lut: Vec<f32>,
    /// One LUT index per value (unpacked), each `< n_clusters`.
    pub indices: Vec<u8>,
    /// Number of clusters, `min(#unique values, 2^n_bits)`.
    pub n_clusters: usize,
}

impl PalettizedValues {
    /// The reconstructed values `lut[indices[i]]`.
    pub fn decompress(&self) -> Vec<f32> {
        self.indices.iter().map(|&i| self.lut[i as usize]).collect()
    }
}

/// Palettize `values` as one group with `2^n_bits` LUT entries, clustering exactly in `T`
/// (spec D.6, joint sparsity + palettization): optimal weighted 1-D k-means on the unique
/// values of `T`, centroids rounded to `T`, each value indexed to its nearest LUT entry.
///
/// # Errors
/// [`PalettizeError::Params`] for `n_bits` outside {1, 2, 3, 4, 6, 8};
/// [`PalettizeError::EmptyInput`] for no values; [`PalettizeError::NonFinite`] (with the first
/// offending position) for NaN or ±inf.
///
/// # Examples
/// ```
/// use coreai_compress::palettize::palettize_values;
/// let v = [std::f32::consts::PI, -std::f32::consts::PI, 1e5, 2.5, 1e5];
/// let p = palettize_values(&v, 2).unwrap();
/// assert_eq!(p.lut, vec![-std::f32::consts::PI, 2.5, std::f32::consts::PI, 1e5]);
/// assert_eq!(p.indices, vec![2, 0, 3, 1, 3]);
/// assert_eq!(p.decompress(), v);
/// ```
pub fn palettize_values<T: Element>(
    values: &[T],
    n_bits: u32,
) -> Result<PalettizedValues, PalettizeError> {
    if !matches!(n_bits, 1 | 2 | 3 | 4 | 6 | 8) {
        return Err(PalettizeParamsError::NBits(n_bits).into());
    }
    if values.is_empty() {
        return Err(PalettizeError::EmptyInput);
    }
    let k = 1usize << n_bits;
    match as_u16_bits(values) {
        Some(bits) => {
            let ty = if T::TYPE == FloatType::BF16 {
                FloatType::BF16
            } else {
                FloatType::F16
            };
            palettize_bits16(bits, ty, k)
        }
        None => match as_f32(values) {
            Some(v) => palettize_f32(v, k),
            None => {
                let v: Vec<f32> = values.par_iter().map(|x| x.to_f32()).collect();
                palettize_f32(&v, k)
            }
        },
    }
}

/// Position of the first value for which `bad` holds, scanning fixed chunks in parallel.
fn first_bad<X: Sync>(xs: &[X], bad: impl Fn(&X) -> bool + Sync) -> Option<usize> {
    xs.par_chunks(CHUNK).enumerate().find_map_first(|(ci, c)| {
        let any = c.iter().fold(false, |a, x| a | bad(x));
        any.then(|| c.iter().position(&bad).map(|p| ci * CHUNK + p))
            .flatten()
    })
}

/// f16/bf16 values as bit patterns of dtype `ty`.
fn palettize_bits16(
    bits: &[u16],
    ty: FloatType,
    k: usize,
) -> Result<PalettizedValues, PalettizeError> {
    let inf = if ty == FloatType::BF16 {
        0x7F80
    } else {
        0x7C00
    };
    if let Some(index) = first_bad(bits, |&b| b & 0x7FFF >= inf) {
        return Err(PalettizeError::NonFinite { index });
    }
    // Histogram of patterns: integer partial counts, so the merge order does not matter.
    let hist = bits
        .par_chunks(CHUNK)
        .fold(
            || vec![0u64; N_CODES],
            |mut h, c| {
                for &b in c {
                    h[b as usize] += 1;
                }
                h
            },
        )
        .reduce(
            || vec![0u64; N_CODES],
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(&b) {
                    *x += y;
                }
                a
            },
        );
    // Keys (order-preserving, -0.0 merged into +0.0) of the values present, with counts.
    let map = CodeMap::new(ty, None);
    let mut by_key = vec![0u64; N_CODES];
    for (code, &n) in hist.iter().enumerate() {
        if n > 0 {
            by_key[map.key_of_group_bits(code as u16) as usize] += n;
        }
    }
    let (keys, counts): (Vec<u16>, Vec<u64>) = by_key
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c > 0)
        .map(|(key, &c)| (key as u16, c))
        .unzip();
    let (lut, n_clusters, assign) = cluster_uniques(&map, &keys, &counts, k)?;
    // Pattern -> index for the patterns present.
    let mut by_key_index = vec![0u8; N_CODES];
    for (&key, &a) in keys.iter().zip(&assign) {
        by_key_index[key as usize] = a;
    }
    let table: Vec<u8> = (0..N_CODES)
        .map(|code| by_key_index[map.key_of_group_bits(code as u16) as usize])
        .collect();
    let mut indices = vec![0u8; bits.len()];
    indices
        .par_chunks_mut(CHUNK)
        .zip(bits.par_chunks(CHUNK))
        .for_each(|(out, src)| {
            for (o, &b) in out.iter_mut().zip(src) {
                *o = table[b as usize];
            }
        });
    Ok(PalettizedValues {
        lut,
        indices,
        n_clusters,
    })
}

/// Order-preserving key of an f32 (`-0.0` merged into `+0.0`): ascending keys are ascending
/// values for finite inputs.
#[inline]
fn key_of_f32(x: f32) -> u32 {
    let b = if x == 0.0 { 0 } else { x.to_bits() };
    if b & 0x8000_0000 != 0 {
        !b
    } else {
        b | 0x8000_0000
    }
}

/// Inverse of [`key_of_f32`].
#[inline]
fn f32_of_key(k: u32) -> f32 {
    f32::from_bits(if k & 0x8000_0000 != 0 {
        k & 0x7FFF_FFFF
    } else {
        !k
    })
}

/// LSD radix sort of 32-bit keys (three passes of 11 bits).
fn radix_sort(keys: &mut Vec<u32>) {
    const BITS: u32 = 11;
    const RADIX: usize = 1 << BITS;
    let mut counts = vec![[0usize; RADIX]; 3];
    for &k in keys.iter() {
        for (p, c) in counts.iter_mut().enumerate() {
            c[((k >> (BITS * p as u32)) as usize) & (RADIX - 1)] += 1;
        }
    }
    let mut tmp = vec![0u32; keys.len()];
    for (p, c) in counts.iter().enumerate() {
        // Skip a pass whose digit is the same for every key.
        if c.contains(&keys.len()) {
            continue;
        }
        let mut pos = [0usize; RADIX];
        let mut acc = 0;
        for (d, &n) in c.iter().enumerate() {
            pos[d] = acc;
            acc += n;
        }
        let shift = BITS * p as u32;
        for &k in keys.iter() {
            let d = ((k >> shift) as usize) & (RADIX - 1);
            tmp[pos[d]] = k;
            pos[d] += 1;
        }
        std::mem::swap(keys, &mut tmp);
    }
}

/// `a + b` as an unevaluated sum `(s, e)` with `s = fl(a + b)` and `s + e = a + b` exactly
/// (Knuth's TwoSum).
#[inline]
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// `x` is strictly nearer `hi` than `lo` (`lo < hi`), decided exactly: the nearest-entry rule
/// with ties to the lower index, as the scalar path's sweep (whose f64 differences of f16
/// values are exact). f64 differences of f32 values can round, hence the error-free sums.
#[inline]
fn nearer_next(x: f32, lo: f32, hi: f32) -> bool {
    if x <= lo {
        return false;
    }
    if x >= hi {
        return true;
    }
    let (x, lo, hi) = (f64::from(x), f64::from(lo), f64::from(hi));
    let (s1, e1) = two_sum(x, -lo); // x - lo > 0
    let (s2, e2) = two_sum(hi, -x); // hi - x > 0
    // Rounding is monotone, so s2 < s1 implies hi - x < x - lo; equal heads compare the tails.
    s2 < s1 || (s2 == s1 && e2 < e1)
}

/// f32 values, clustered in f64 on their unique f32 values.
fn palettize_f32(values: &[f32], k: usize) -> Result<PalettizedValues, PalettizeError> {
    if let Some(index) = first_bad(values, |x| !x.is_finite()) {
        return Err(PalettizeError::NonFinite { index });
    }
    let mut keys: Vec<u32> = values.par_iter().map(|&x| key_of_f32(x)).collect();
    radix_sort(&mut keys);
    let mut uniq: Vec<f64> = Vec::new();
    let mut counts: Vec<f64> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let mut j = i + 1;
        while j < keys.len() && keys[j] == keys[i] {
            j += 1;
        }
        uniq.push(f64::from(f32_of_key(keys[i])));
        counts.push((j - i) as f64);
        i = j;
    }
    drop(keys);
    let r = kmeans1d_weighted_pruned(&uniq, &counts, k)?;
    drop((uniq, counts));
    let n_clusters = r.n_clusters();
    let mut lut = vec![0.0f32; k];
    for (d, &c) in lut.iter_mut().zip(&r.centroids) {
        *d = c as f32;
    }
    // Decision thresholds: thr[c] = the smallest f32 strictly nearer lut[c+1] than lut[c]
    // (the predicate is monotone in x between the two entries), found by bisection on keys.
    let used = &lut[..n_clusters];
    let thr: Vec<f32> = used
        .windows(2)
        .map(|w| {
            let (mut a, mut b) = (key_of_f32(w[0]), key_of_f32(w[1]));
            // Invariant: key a is not nearer w[1], key b is.
            while b - a > 1 {
                let m = a + (b - a) / 2;
                if nearer_next(f32_of_key(m), w[0], w[1]) {
                    b = m;
                } else {
                    a = m;
                }
            }
            f32_of_key(b)
        })
        .collect();
    let mut indices = vec![0u8; values.len()];
    indices
        .par_chunks_mut(CHUNK)
        .zip(values.par_chunks(CHUNK))
        .for_each(|(out, src)| {
            if thr.len() < 32 {
                for (o, &x) in out.iter_mut().zip(src) {
                    *o = thr.iter().map(|&t| u8::from(t <= x)).sum();
                }
            } else {
                for (o, &x) in out.iter_mut().zip(src) {
                    *o = thr.partition_point(|&t| t <= x) as u8;
                }
            }
        });
    Ok(PalettizedValues {
        lut,
        indices,
        n_clusters,
    })
}

#[cfg(test)]
mod tests {
    use half::{bf16, f16};

    use super::*;
    use crate::palettize::{
        Granularity, PalettizeConfig, kmeans1d::kmeans1d_weighted, palettize,
        rng::Xoshiro256StarStar,
    };
    use crate::testutil::run_in_pool;

    fn normal(n: usize, seed: u64) -> Vec<f64> {
        let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
        (0..n)
            .map(|_| {
                let u1 = 1.0 - rng.next_f64();
                let u2 = rng.next_f64();
                (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
            })
            .collect()
    }

    /// Reconstruction SSE in f64.
    fn recon_sse<T: Element>(v: &[T], p: &PalettizedValues) -> f64 {
        v.iter()
            .zip(&p.indices)
            .map(|(x, &i)| (f64::from(x.to_f32()) - f64::from(p.lut[i as usize])).powi(2))
            .sum()
    }

    /// Structural invariants of every result.
    fn check<T: Element>(v: &[T], p: &PalettizedValues, n_bits: u32) {
        let k = 1usize << n_bits;
        assert_eq!(p.lut.len(), k);
        assert_eq!(p.indices.len(), v.len());
        let mut uniq: Vec<f32> = v.iter().map(|x| x.to_f32() + 0.0).collect();
        uniq.sort_by(f32::total_cmp);
        uniq.dedup();
        assert_eq!(p.n_clusters, uniq.len().min(k));
        assert!(p.lut[p.n_clusters..].iter().all(|&x| x == 0.0));
        let used = &p.lut[..p.n_clusters];
        assert!(used.windows(2).all(|w| w[0] < w[1]), "{used:?}");
        assert!(used.iter().all(|&x| T::TYPE.round_f32(x) == x));
        assert!(p.indices.iter().all(|&i| (i as usize) < p.n_clusters));
        // Nearest stored entry, ties to the lower index.
        for (x, &i) in v.iter().zip(&p.indices) {
            let x = x.to_f32();
            let mut best = 0;
            for c in 1..p.n_clusters {
                if nearer_next(x, used[best], used[c]) {
                    best = c;
                }
            }
            assert_eq!(i as usize, best, "value {x}");
        }
    }

    #[test]
    fn f32_values_keep_f32_precision() {
        use std::f32::consts::PI;
        let v = [PI, -PI, 1e5, 2.5];
        let p = palettize_values(&v, 2).unwrap();
        assert_eq!(p.lut, vec![-PI, 2.5, PI, 1e5]);
        assert_eq!(p.indices, vec![2, 0, 3, 1]);
        assert_eq!(p.n_clusters, 4);
        assert_eq!(p.decompress(), v);
        check(&v, &p, 2);
        // Far beyond f16's range and resolution.
        let v = [1e30f32, -1e30, 1.0 + f32::EPSILON, 1.0, 1e-30, 1e30];
        let p = palettize_values(&v, 3).unwrap();
        assert_eq!(p.n_clusters, 5);
        assert_eq!(&p.lut[..5], &[-1e30, 1e-30, 1.0, 1.0 + f32::EPSILON, 1e30]);
        assert_eq!(p.decompress(), v);
        // Two clusters: exact f32 means of f32 values.
        let v = [1.0f32, 2.0, 4.0, 100.0, 101.0];
        let p = palettize_values(&v, 1).unwrap();
        assert_eq!(p.lut, vec![(7.0f64 / 3.0) as f32, 100.5]);
        assert_eq!(p.indices, vec![0, 0, 0, 1, 1]);
    }

    #[test]
    fn zero_signs_merge_and_constant_input() {
        let p = palettize_values(&[-0.0f32, 0.0, 1.0, -0.0], 2).unwrap();
        assert_eq!(p.n_clusters, 2);
        assert_eq!(p.indices, vec![0, 0, 1, 0]);
        assert_eq!(p.lut, vec![0.0, 1.0, 0.0, 0.0]);
        let h = [f16::from_f32(-0.0), f16::from_f32(0.0), f16::ONE];
        assert_eq!(palettize_values(&h, 2).unwrap().n_clusters, 2);
        let p = palettize_values(&[0.75f32; 10], 4).unwrap();
        assert_eq!((p.n_clusters, p.lut[0]), (1, 0.75));
        assert!(p.indices.iter().all(|&i| i == 0));
    }

    /// f16/bf16 values: the same LUT and indices as `palettize` of a 1-D weight with one group
    /// and no fast-mode rounding (same histogram, k-means and assignment).
    #[test]
    fn half_types_match_per_tensor_palettize() {
        let base = normal(20_000, 3);
        let cfg = |n_bits| PalettizeConfig {
            granularity: Granularity::PerTensor,
            enable_fast_kmeans_mode: false,
            ..PalettizeConfig::new(n_bits, 0)
        };
        for n_bits in [1, 2, 3, 4, 6, 8] {
            let h: Vec<f16> = base.iter().map(|&x| f16::from_f64(x)).collect();
            let p = palettize_values(&h, n_bits).unwrap();
            check(&h, &p, n_bits);
            let q = palettize(&h, &[h.len()], &cfg(n_bits)).unwrap();
            assert_eq!((&p.lut, &p.indices), (&q.lut, &q.indices), "f16 {n_bits}");
            assert_eq!(p.n_clusters, q.n_clusters[0]);

            let b: Vec<bf16> = base.iter().map(|&x| bf16::from_f64(x * 1e20)).collect();
            let p = palettize_values(&b, n_bits).unwrap();
            check(&b, &p, n_bits);
            let q = palettize(&b, &[b.len()], &cfg(n_bits)).unwrap();
            assert_eq!((&p.lut, &p.indices), (&q.lut, &q.indices), "bf16 {n_bits}");
        }
    }

    /// Optimal SSE over all partitions of the sorted unique values into `kk` runs.
    fn brute_force(v: &[f64], w: &[f64], kk: usize) -> f64 {
        fn sse(v: &[f64], w: &[f64]) -> f64 {
            let ws: f64 = w.iter().sum();
            let m = v.iter().zip(w).map(|(a, b)| a * b).sum::<f64>() / ws;
            v.iter().zip(w).map(|(a, b)| b * (a - m) * (a - m)).sum()
        }
        fn rec(v: &[f64], w: &[f64], s: usize, left: usize) -> f64 {
            if left == 1 {
                return sse(&v[s..], &w[s..]);
            }
            (s + 1..=v.len() - (left - 1))
                .map(|e| sse(&v[s..e], &w[s..e]) + rec(v, w, e, left - 1))
                .fold(f64::INFINITY, f64::min)
        }
        rec(v, w, 0, kk)
    }

    fn uniques(v: &[f32]) -> (Vec<f64>, Vec<f64>) {
        let mut s: Vec<f32> = v.iter().map(|&x| x + 0.0).collect();
        s.sort_by(f32::total_cmp);
        let (mut u, mut c) = (Vec::<f64>::new(), Vec::<f64>::new());
        for x in s {
            if u.last() == Some(&f64::from(x)) {
                *c.last_mut().unwrap() += 1.0;
            } else {
                u.push(f64::from(x));
                c.push(1.0);
            }
        }
        (u, c)
    }

    #[test]
    fn matches_brute_force_on_small_inputs() {
        let mut rng = Xoshiro256StarStar::seed_from_u64(41);
        for case in 0..400 {
            let n = 1 + rng.below(14) as usize;
            let n_bits = 1 + rng.below(2) as u32;
            // Few distinct values (duplicates) or arbitrary f32 values.
            let v: Vec<f32> = (0..n)
                .map(|_| {
                    if case % 2 == 0 {
                        rng.below(7) as f32 * 0.5 - 1.0
                    } else {
                        (rng.next_f64() * 200.0 - 100.0) as f32
                    }
                })
                .collect();
            let p = palettize_values(&v, n_bits).unwrap();
            check(&v, &p, n_bits);
            let (u, c) = uniques(&v);
            let bf = brute_force(&u, &c, (1usize << n_bits).min(u.len()));
            let got = recon_sse(&v, &p);
            // Never below the optimum; above it only by the rounding of the centroids to f32.
            let lmax = p.lut.iter().fold(0.0f64, |a, &x| a.max(f64::from(x).abs()));
            let allowance = n as f64 * (lmax * f64::from(f32::EPSILON)).powi(2) + 1e-12 * bf;
            assert!(got >= bf * (1.0 - 1e-12), "case {case}: {got} < {bf}");
            assert!(got <= bf + allowance, "case {case}: {got} vs optimum {bf}");
        }
    }

    /// Weighted 1-D Lloyd from random initial centres (f64); returns its SSE.
    fn lloyd_sse(v: &[f64], k: usize, rng: &mut Xoshiro256StarStar) -> f64 {
        let mut c: Vec<f64> = (0..k)
            .map(|_| v[rng.below(v.len() as u64) as usize])
            .collect();
        let nearest = |c: &[f64], x: f64| {
            (0..c.len())
                .min_by(|&a, &b| (x - c[a]).abs().total_cmp(&(x - c[b]).abs()))
                .unwrap()
        };
        for _ in 0..100 {
            let (mut s, mut n) = (vec![0.0; k], vec![0.0; k]);
            for &x in v {
                let a = nearest(&c, x);
                s[a] += x;
                n[a] += 1.0;
            }
            for j in 0..k {
                if n[j] > 0.0 {
                    c[j] = s[j] / n[j];
                }
            }
        }
        v.iter().map(|&x| (x - c[nearest(&c, x)]).powi(2)).sum()
    }

    #[test]
    fn never_worse_than_lloyd() {
        let mut rng = Xoshiro256StarStar::seed_from_u64(43);
        for case in 0..12 {
            let n = 500 + rng.below(3000) as usize;
            let v: Vec<f32> = normal(n, 100 + case).iter().map(|&x| x as f32).collect();
            let v64: Vec<f64> = v.iter().map(|&x| f64::from(x)).collect();
            for n_bits in [1u32, 2, 3, 4] {
                let p = palettize_values(&v, n_bits).unwrap();
                let got = recon_sse(&v, &p);
                let l = lloyd_sse(&v64, 1 << n_bits, &mut rng);
                assert!(
                    got <= l * (1.0 + 1e-9),
                    "case {case} n_bits {n_bits}: {got} vs {l}"
                );
            }
        }
    }

    /// Enough unique f32 values for the pruned k-means path: the LUT is the plain DP's
    /// centroids rounded to f32.
    #[test]
    fn many_unique_f32_values_use_exact_clusters() {
        let v: Vec<f32> = normal(150_000, 7).iter().map(|&x| x as f32).collect();
        let p = palettize_values(&v, 4).unwrap();
        check(&v, &p, 4);
        let (u, c) = uniques(&v);
        assert!(u.len() * 16 > 1 << 21, "must exercise the pruned path");
        let r = kmeans1d_weighted(&u, &c, 16).unwrap();
        let expect: Vec<f32> = r.centroids.iter().map(|&x| x as f32).collect();
        assert_eq!(p.lut, expect);
    }

    #[test]
    fn deterministic_across_thread_counts() {
        let base = normal(300_001, 9);
        let v32: Vec<f32> = base.iter().map(|&x| x as f32).collect();
        let v16: Vec<f16> = base.iter().map(|&x| f16::from_f64(x)).collect();
        let vb: Vec<bf16> = base.iter().map(|&x| bf16::from_f64(x)).collect();
        for n_bits in [2, 4] {
            let a = run_in_pool(1, || palettize_values(&v32, n_bits).unwrap());
            let b = run_in_pool(4, || palettize_values(&v32, n_bits).unwrap());
            assert_eq!(a, b);
            let a = run_in_pool(1, || palettize_values(&v16, n_bits).unwrap());
            let b = run_in_pool(4, || palettize_values(&v16, n_bits).unwrap());
            assert_eq!(a, b);
            let a = run_in_pool(1, || palettize_values(&vb, n_bits).unwrap());
            let b = run_in_pool(4, || palettize_values(&vb, n_bits).unwrap());
            assert_eq!(a, b);
        }
    }

    #[test]
    fn errors() {
        assert_eq!(
            palettize_values::<f32>(&[], 4),
            Err(PalettizeError::EmptyInput)
        );
        assert_eq!(
            palettize_values(&[1.0f32], 5),
            Err(PalettizeError::Params(PalettizeParamsError::NBits(5)))
        );
        let mut v = vec![1.0f32; 200_000];
        v[150_000] = f32::NAN;
        v[190_000] = f32::INFINITY;
        assert_eq!(
            palettize_values(&v, 4),
            Err(PalettizeError::NonFinite { index: 150_000 })
        );
        let mut h = vec![f16::ONE; 100];
        h[7] = f16::NEG_INFINITY;
        assert_eq!(
            palettize_values(&h, 4),
            Err(PalettizeError::NonFinite { index: 7 })
        );
        let mut b = vec![bf16::ONE; 100];
        b[3] = bf16::NAN;
        assert_eq!(
            palettize_values(&b, 4),
            Err(PalettizeError::NonFinite { index: 3 })
        );
        // Values beyond f16's range are fine for f32 (no f16 cast).
        assert!(palettize_values(&[1e30f32, 7e4], 1).is_ok());
    }

    #[test]
    fn exact_nearest_rule() {
        // Exact midpoint: ties go to the lower entry.
        assert!(!nearer_next(1.5, 1.0, 2.0));
        assert!(nearer_next(1.5f32.next_up(), 1.0, 2.0));
        // f64 differences would round here (|x| tiny against 1e30).
        assert!(!nearer_next(0.0, -1e30, 1e30));
        assert!(nearer_next(1e-30, -1e30, 1e30));
        assert!(!nearer_next(-1e-30, -1e30, 1e30));
        for (x, lo, hi) in [(3.0f32, 1.0, 2.0), (0.5, 1.0, 2.0), (2.0, 1.0, 2.0)] {
            assert_eq!(nearer_next(x, lo, hi), (x - hi).abs() < (x - lo).abs());
        }
        assert_eq!(f32_of_key(key_of_f32(-2.5)), -2.5);
        assert!(key_of_f32(-1.0) < key_of_f32(-0.0) && key_of_f32(0.0) < key_of_f32(1e-45));
    }

    /// On-CPU time of the calling thread (Linux `schedstat`), to time on a loaded machine.
    fn thread_cpu_time() -> Option<std::time::Duration> {
        let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
        Some(std::time::Duration::from_nanos(ns))
    }

    /// 8M N(0,1) f32 values (about 7.9M unique) at 4 and 8 bits on one thread; prints wall and
    /// CPU times (run in release:
    /// `cargo test --release large_f32_timing -- --ignored --nocapture`).
    #[test]
    #[ignore = "timing; run in release"]
    fn large_f32_timing() {
        let v: Vec<f32> = normal(8 << 20, 11).iter().map(|&x| x as f32).collect();
        for n_bits in [4u32, 8] {
            let (p, dt, cpu) = run_in_pool(1, || {
                let (t, c) = (std::time::Instant::now(), thread_cpu_time());
                let p = palettize_values(&v, n_bits).unwrap();
                let cpu = thread_cpu_time().zip(c).map(|(b, a)| b - a);
                (p, t.elapsed(), cpu)
            });
            let energy: f64 = v.iter().map(|&x| f64::from(x).powi(2)).sum();
            let rel = (recon_sse(&v, &p) / energy).sqrt();
            eprintln!(
                "8M f32, {n_bits} bits, 1 thread: wall {dt:?}, cpu {cpu:?}, rel. RMS {rel:.5}"
            );
        }
    }
}
