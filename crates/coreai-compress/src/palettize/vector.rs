//! Vector palettization of one channel group (spec D.4 step 6, `cluster_dim > 1`, F.10):
//! seeded greedy k-means++ followed by Lloyd.
//!
//! The samples are `cluster_dim`-vectors of group-dtype values in the spec's order. With at most
//! `k` distinct vectors the LUT is exactly the distinct vectors (ascending lexicographic order)
//! and reconstruction is lossless. Otherwise:
//! - k-means++ as in scikit-learn: first centre uniform, then `2 + ⌊ln k⌋` D²-sampled
//!   candidates per centre, keeping the one with the lowest resulting potential;
//! - Lloyd iterations (at most [`MAX_ITER`]) until the labels stop changing or the total
//!   squared centre shift is at most `tol · mean_j var(X[:, j])` with `tol = 1e-2`, as sklearn;
//!   empty clusters are moved to the samples farthest from their centres, as sklearn does;
//! - the centres are rounded to the group dtype and every sample is assigned to the nearest
//!   *stored* LUT row (ties to the lower index).
//!
//! Distances are computed in f32 from exact group-dtype values; all sums (potentials, centre
//! sums, variances) accumulate in f64.
//!
//! The samples are stored dimension-major (structure of arrays) so that the distance kernels
//! run over blocks of samples in vectorisable loops; the order of every floating-point
//! operation is fixed by the block structure, not by the vector width.
//!
//! ## Parallelisation and determinism
//! Every pass over the samples uses fixed chunks of [`CHUNK`] samples; per-chunk partial
//! results (f64 sums over [`LANES`] fixed interleaved accumulators) are collected in chunk order
//! and combined sequentially. Random draws happen only on
//! the calling thread, from a [`Xoshiro256StarStar`] seeded per group. Results are therefore
//! byte-identical for any thread count.

use std::{cell::RefCell, collections::HashMap};

use rayon::prelude::*;

use super::{
    codes::{CodeMap, N_CODES, bits_to_f32, f64_to_bits},
    rng::Xoshiro256StarStar,
};

/// Maximum number of Lloyd iterations (sklearn's default).
pub const MAX_ITER: usize = 300;
/// Relative tolerance on the squared centre shift (sklearn's default scaled by the variance).
pub const TOL: f64 = 1e-2;
/// Samples per parallel chunk.
const CHUNK: usize = 8192;
/// Samples per block of the distance kernels (keeps the block buffers in L1).
const BLOCK: usize = 256;
/// Interleaved f64 accumulators of the chunk sums (sample `i` goes to lane `i % LANES`).
const LANES: usize = 8;

/// The result for one group: LUT (`k · cd`, rows beyond `n_clusters` are 0) and one label per
/// sample.
pub(crate) struct VectorOut {
    pub lut: Vec<f32>,
    pub n_clusters: usize,
    pub labels: Vec<u8>,
}

/// Samples in dimension-major layout: coordinate `j` of sample `i` is `x[j * n + i]`.
struct Samples {
    x: Vec<f32>,
    n: usize,
    cd: usize,
}

impl Samples {
    /// Per-dimension slices of samples `start..end`.
    fn dims(&self, start: usize, end: usize) -> Vec<&[f32]> {
        (0..self.cd)
            .map(|j| &self.x[j * self.n + start..j * self.n + end])
            .collect()
    }

    /// Sample `i` as a row vector.
    fn row(&self, i: usize) -> Vec<f32> {
        (0..self.cd).map(|j| self.x[j * self.n + i]).collect()
    }

    fn chunk(&self, c: usize) -> (usize, usize) {
        (c * CHUNK, ((c + 1) * CHUNK).min(self.n))
    }
}

/// Cluster the `keys.len() / cd` sample vectors given by their group-dtype keys (row-major,
/// one `cd`-vector per sample).
pub(crate) fn cluster_vectors(
    keys: &[u16],
    cd: usize,
    k: usize,
    map: &CodeMap,
    seed: u64,
) -> VectorOut {
    let n = keys.len() / cd;
    debug_assert!(
        n > 0 && cd > 0 && keys.len() == n * cd,
        "bad sample buffer: {} keys, cd {cd}",
        keys.len()
    );
    if let Some(out) = few_distinct(keys, cd, k, map) {
        return out;
    }
    let mut x = vec![0.0f32; n * cd];
    for (i, s) in keys.chunks_exact(cd).enumerate() {
        for (j, &key) in s.iter().enumerate() {
            x[j * n + i] = map.value_of_key(key);
        }
    }
    let xs = Samples { x, n, cd };
    let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
    let init = kmeans_plusplus(&xs, k, &mut rng);
    let distinct = Distinct::build(keys, cd, map);
    let centers = match &distinct {
        Some(dv) => lloyd_distinct(&xs, dv, k, init),
        None => lloyd(&xs, k, init),
    };
    let mut lut = vec![0.0f32; k * cd];
    for (dst, &c) in lut.iter_mut().zip(&centers) {
        *dst = bits_to_f32(map.ty, f64_to_bits(map.ty, c));
    }
    let labels = match &distinct {
        Some(dv) => dv.expand(&assign(&dv.x, &lut, k)),
        None => assign(&xs, &lut, k),
    };
    VectorOut {
        lut,
        n_clusters: k,
        labels,
    }
}

/// Distinct sample vectors with their multiplicities, for Lloyd iterations whose sums are
/// exact (see [`Distinct::build`]).
struct Distinct {
    /// The distinct vectors (ascending key order).
    x: Samples,
    /// Multiplicity of each distinct vector.
    counts: Vec<u32>,
    /// The distinct vector of every sample.
    ids: Vec<u32>,
}

/// Largest product of the per-dimension distinct-key counts that [`Distinct::build`] indexes
/// directly (a `u32` table of this many entries).
const DIRECT_LIMIT: usize = 1 << 22;

impl Distinct {
    /// The distinct vectors of the `keys.len() / cd` samples, or `None` when deduplication is
    /// not worth it (more than half the samples distinct, or too many key combinations) or
    /// could change a result.
    ///
    /// Lloyd's centre sums are f64 sums of group-dtype values in a fixed order. Every such
    /// value is an integer multiple of the smallest ulp `q` among the values present, so every
    /// partial sum (of any subset, in any order, and every `count · value`) is a multiple of
    /// `q` bounded by `n · max|x|`; when that is below `2^52 · q` all of them are exact in
    /// f64, and summing per distinct vector gives bit-identical sums. Labels, counts and
    /// label changes are per-vector functions or integer sums, hence identical too.
    fn build(keys: &[u16], cd: usize, map: &CodeMap) -> Option<Self> {
        let n = keys.len() / cd;
        if n < 2 * CHUNK || u32::try_from(n).is_err() {
            return None;
        }
        // Dense rank of every present key, per dimension.
        let mut rank = vec![vec![u32::MAX; N_CODES]; cd];
        for s in keys.chunks_exact(cd) {
            for (r, &key) in rank.iter_mut().zip(s) {
                r[key as usize] = 0;
            }
        }
        let mut values: Vec<Vec<f32>> = Vec::with_capacity(cd);
        let mut total = 1usize;
        let (mut max_abs, mut min_ulp) = (0.0f64, f64::INFINITY);
        for r in &mut rank {
            let mut vals = Vec::new();
            for (key, slot) in r.iter_mut().enumerate() {
                if *slot == 0 {
                    *slot = vals.len() as u32;
                    let v = map.value_of_key(key as u16);
                    vals.push(v);
                    if v != 0.0 {
                        max_abs = max_abs.max(f64::from(v.abs()));
                        // The ulp of a finite group-dtype value: the gap to its successor in
                        // magnitude (a power of two, exact in f64).
                        let bits = super::codes::bits_of_key(key as u16) & 0x7FFF;
                        let next = super::codes::bits_to_f32(map.ty, bits + 1);
                        let ulp = f64::from(next) - f64::from(v.abs());
                        min_ulp = min_ulp.min(ulp);
                    }
                }
            }
            total = total.checked_mul(vals.len())?;
            values.push(vals);
        }
        // (Neither side is NaN: `min_ulp` is +inf only when every value is 0.)
        if total > DIRECT_LIMIT || n as f64 * max_abs >= min_ulp * 2f64.powi(52) {
            return None;
        }
        // Mixed-radix index of every sample's vector (ascending key order).
        let mut ids: Vec<u32> = keys
            .par_chunks(CHUNK * cd)
            .flat_map_iter(|c| {
                c.chunks_exact(cd).map(|s| {
                    let mut id = 0usize;
                    for ((r, vals), &key) in rank.iter().zip(&values).zip(s) {
                        id = id * vals.len() + r[key as usize] as usize;
                    }
                    id as u32
                })
            })
            .collect();
        let mut table = vec![0u32; total];
        for &id in &ids {
            table[id as usize] += 1;
        }
        let n_distinct = table.iter().filter(|&&c| c > 0).count();
        if 2 * n_distinct > n {
            return None;
        }
        let mut counts = Vec::with_capacity(n_distinct);
        let mut x = vec![0.0f32; n_distinct * cd];
        for (id, slot) in table.iter_mut().enumerate() {
            if *slot > 0 {
                let d = counts.len();
                counts.push(*slot);
                let mut rest = id;
                for j in (0..cd).rev() {
                    let m = values[j].len();
                    x[j * n_distinct + d] = values[j][rest % m];
                    rest /= m;
                }
                *slot = d as u32;
            }
        }
        ids.par_iter_mut().for_each(|id| *id = table[*id as usize]);
        Some(Self {
            x: Samples {
                x,
                n: n_distinct,
                cd,
            },
            counts,
            ids,
        })
    }

    /// Per-sample labels from per-distinct-vector labels.
    fn expand(&self, labels: &[u8]) -> Vec<u8> {
        let mut out = vec![0u8; self.ids.len()];
        out.par_chunks_mut(CHUNK)
            .zip(self.ids.par_chunks(CHUNK))
            .for_each(|(o, ids)| {
                for (l, &id) in o.iter_mut().zip(ids) {
                    *l = labels[id as usize];
                }
            });
        out
    }
}

/// With at most `k` distinct sample vectors: the exact LUT (distinct vectors in ascending key
/// order, i.e. ascending lexicographic value order) and labels. `None` if there are more.
fn few_distinct(keys: &[u16], cd: usize, k: usize, map: &CodeMap) -> Option<VectorOut> {
    let mut seen: HashMap<&[u16], u8> = HashMap::new();
    for s in keys.chunks_exact(cd) {
        if !seen.contains_key(s) {
            if seen.len() == k {
                return None;
            }
            seen.insert(s, 0);
        }
    }
    let mut distinct: Vec<&[u16]> = seen.keys().copied().collect();
    distinct.sort_unstable();
    let mut lut = vec![0.0f32; k * cd];
    for (i, d) in distinct.iter().enumerate() {
        if let Some(v) = seen.get_mut(d) {
            *v = i as u8;
        }
        for (j, &key) in d.iter().enumerate() {
            lut[i * cd + j] = map.value_of_key(key);
        }
    }
    let labels = keys
        .chunks_exact(cd)
        .map(|s| seen.get(s).copied().unwrap_or(0))
        .collect();
    Some(VectorOut {
        lut,
        n_clusters: distinct.len(),
        labels,
    })
}

/// Squared distances of the block's samples to `point` (`cd` coordinates), summed over the
/// dimensions in order.
#[inline]
fn dist_to(dims: &[&[f32]], point: &[f32], out: &mut [f32]) {
    out.fill(0.0);
    for (xj, &pj) in dims.iter().zip(point) {
        for (o, &v) in out.iter_mut().zip(xj.iter()) {
            let e = v - pj;
            *o += e * e;
        }
    }
}

/// Nearest of the `k` row-major `centers` for each sample of a block (ties to the lower index).
fn nearest_block(
    dims: &[&[f32]],
    centers: &[f32],
    k: usize,
    best_d: &mut [f32],
    best_i: &mut [u32],
    tmp: &mut [f32],
) {
    let cd = dims.len();
    best_d.fill(f32::INFINITY);
    best_i.fill(0);
    for c in 0..k {
        dist_to(dims, &centers[c * cd..(c + 1) * cd], tmp);
        let c = c as u32;
        // Fixed-width chunks computed into locals and stored whole: LLVM otherwise sinks the
        // selects into per-lane conditional stores and does not vectorise.
        let mut bdc = best_d.chunks_exact_mut(8);
        let mut bic = best_i.chunks_exact_mut(8);
        let mut tc = tmp.chunks_exact(8);
        for ((bd, bi), d) in (&mut bdc).zip(&mut bic).zip(&mut tc) {
            let mut nd = [0.0f32; 8];
            let mut ni = [0u32; 8];
            for l in 0..8 {
                // All-ones where strictly better (ties keep the lower index), as bit masks.
                let m = u32::from(d[l] < bd[l]).wrapping_neg();
                nd[l] = f32::from_bits((d[l].to_bits() & m) | (bd[l].to_bits() & !m));
                ni[l] = (c & m) | (bi[l] & !m);
            }
            bd.copy_from_slice(&nd);
            bi.copy_from_slice(&ni);
        }
        for ((bd, bi), &d) in bdc
            .into_remainder()
            .iter_mut()
            .zip(bic.into_remainder().iter_mut())
            .zip(tc.remainder())
        {
            if d < *bd {
                *bd = d;
                *bi = c;
            }
        }
    }
}

/// Run `f(block_start, dims, len)` over the blocks of samples `start..end`.
fn for_blocks(xs: &Samples, start: usize, end: usize, mut f: impl FnMut(usize, &[&[f32]])) {
    let mut b = start;
    while b < end {
        let e = (b + BLOCK).min(end);
        f(b, &xs.dims(b, e));
        b = e;
    }
}

/// Add `v` into [`LANES`] interleaved f64 accumulators (element `t` into lane `t % LANES`,
/// counted from the start of `v`). The order of additions is fixed by the caller's fixed
/// blocks, so sums are deterministic, and the independent lanes vectorise.
#[inline]
fn lane_sum(v: &[f32], acc: &mut [f64; LANES]) {
    let mut it = v.chunks_exact(LANES);
    for ch in &mut it {
        for l in 0..LANES {
            acc[l] += f64::from(ch[l]);
        }
    }
    for (a, &x) in acc.iter_mut().zip(it.remainder()) {
        *a += f64::from(x);
    }
}

/// Like [`lane_sum`], for `(v - mean)²` in f64.
#[inline]
fn lane_sum_sq_dev(v: &[f32], mean: f64, acc: &mut [f64; LANES]) {
    let mut it = v.chunks_exact(LANES);
    for ch in &mut it {
        for l in 0..LANES {
            let d = f64::from(ch[l]) - mean;
            acc[l] += d * d;
        }
    }
    for (a, &x) in acc.iter_mut().zip(it.remainder()) {
        let d = f64::from(x) - mean;
        *a += d * d;
    }
}

fn fold_lanes(acc: &[f64; LANES]) -> f64 {
    acc.iter().sum()
}

/// Greedy k-means++ seeding (sklearn's `_kmeans_plusplus`); returns `k · cd` centres.
///
/// `closest` (each sample's squared distance to its nearest chosen centre) is updated lazily:
/// the centre chosen in one round is applied during the next round's candidate pass, which
/// reads the samples anyway. The chunk sums of the updated `closest` are the chosen
/// candidate's potential partials (the same values, lanes and order), and the candidates of a
/// round are drawn from the updated values of the chunks they fall in.
fn kmeans_plusplus(xs: &Samples, k: usize, rng: &mut Xoshiro256StarStar) -> Vec<f32> {
    let (n, cd) = (xs.n, xs.cd);
    let trials = 2 + (k as f64).ln().floor() as usize;
    let mut centers = Vec::with_capacity(k * cd);
    let first = rng.below(n as u64) as usize;
    centers.extend_from_slice(&xs.row(first));
    let mut closest = vec![0.0f32; n];
    // closest = d(x, first centre); returns the chunk sums.
    let mut chunk_sums: Vec<f64> = closest
        .par_chunks_mut(CHUNK)
        .enumerate()
        .map(|(c, cl)| {
            let (s, e) = xs.chunk(c);
            let mut acc = [0.0f64; LANES];
            for_blocks(xs, s, e, |b, dims| {
                let dst = &mut cl[b - s..b - s + dims[0].len()];
                dist_to(dims, &centers[..cd], dst);
                lane_sum(dst, &mut acc);
            });
            fold_lanes(&acc)
        })
        .collect();
    // The centre chosen last, not yet applied to `closest`.
    let mut pending: Option<Vec<f32>> = None;
    for _ in 1..k {
        let pot: f64 = chunk_sums.iter().sum();
        let cand: Vec<usize> = (0..trials)
            .map(|_| {
                sample_d2(
                    xs,
                    &closest,
                    pending.as_deref(),
                    &chunk_sums,
                    rng.next_f64() * pot,
                )
            })
            .collect();
        let cand_pts: Vec<Vec<f32>> = cand.iter().map(|&i| xs.row(i)).collect();
        // Apply the pending centre, then the potential of each candidate, per chunk.
        let pend = pending.as_deref();
        let partial: Vec<Vec<f64>> = closest
            .par_chunks_mut(CHUNK)
            .enumerate()
            .map(|(c, cl)| {
                let (s, e) = xs.chunk(c);
                let mut tmp = vec![0.0f32; BLOCK];
                let mut mins = vec![0.0f32; BLOCK];
                let mut acc = vec![[0.0f64; LANES]; trials];
                for_blocks(xs, s, e, |b, dims| {
                    let t = &mut tmp[..dims[0].len()];
                    let cur = &mut cl[b - s..b - s + t.len()];
                    if let Some(p) = pend {
                        dist_to(dims, p, t);
                        for (d, &v) in cur.iter_mut().zip(t.iter()) {
                            *d = if v < *d { v } else { *d };
                        }
                    }
                    let mins = &mut mins[..t.len()];
                    for (ti, cp) in cand_pts.iter().enumerate() {
                        dist_to(dims, cp, t);
                        for ((m, &d), &c) in mins.iter_mut().zip(t.iter()).zip(cur.iter()) {
                            *m = if d < c { d } else { c };
                        }
                        lane_sum(mins, &mut acc[ti]);
                    }
                });
                acc.iter().map(fold_lanes).collect()
            })
            .collect();
        let mut pots = vec![0.0f64; trials];
        for p in &partial {
            for (a, b) in pots.iter_mut().zip(p) {
                *a += b;
            }
        }
        let mut best = 0usize;
        for t in 1..trials {
            if pots[t] < pots[best] {
                best = t;
            }
        }
        centers.extend_from_slice(&cand_pts[best]);
        chunk_sums = partial.iter().map(|p| p[best]).collect();
        pending = Some(cand_pts[best].clone());
    }
    centers
}

/// Squared distance of sample `i` to `point`, exactly as [`dist_to`] computes it.
#[inline]
fn dist_one(xs: &Samples, i: usize, point: &[f32]) -> f32 {
    let mut d = 0.0f32;
    for (j, &pj) in point.iter().enumerate() {
        let e = xs.x[j * xs.n + i] - pj;
        d += e * e;
    }
    d
}

/// The first sample whose running D² sum exceeds `r` (numpy `searchsorted(..., side='right')`
/// on the cumulative sum), so a sample with zero distance is never drawn. The chunk is found
/// from the chunk sums, the sample by a running sum inside it. D² is `closest`, updated with
/// `pending` (a centre not yet applied to it) if given.
fn sample_d2(
    xs: &Samples,
    closest: &[f32],
    pending: Option<&[f32]>,
    chunk_sums: &[f64],
    r: f64,
) -> usize {
    let d2 = |i: usize| match pending {
        Some(p) => {
            let v = dist_one(xs, i, p);
            let d = closest[i];
            if v < d { v } else { d }
        }
        None => closest[i],
    };
    let mut acc = 0.0f64;
    for (c, &s) in chunk_sums.iter().enumerate() {
        if acc + s > r {
            let start = c * CHUNK;
            let end = (start + CHUNK).min(closest.len());
            let mut a = acc;
            for i in start..end {
                a += f64::from(d2(i));
                if a > r {
                    return i;
                }
            }
        }
        acc += s;
    }
    // Only reachable through rounding at the very end: take the last sample with positive D².
    (0..closest.len()).rev().find(|&i| d2(i) > 0.0).unwrap_or(0)
}

/// Per-chunk E-step result: centre sums, counts, label changes.
struct Partial {
    sums: Vec<f64>,
    counts: Vec<u64>,
    changed: usize,
}

/// Lloyd iterations from `init`; returns the final centres (`k · cd`, f64).
fn lloyd(xs: &Samples, k: usize, init: Vec<f32>) -> Vec<f64> {
    let labels = RefCell::new(vec![0u8; xs.n]);
    let estep =
        |centers32: &[f32]| estep_partials(xs, None, &mut labels.borrow_mut(), centers32, k);
    lloyd_loop(xs, k, init, estep, || labels.borrow().clone())
}

/// [`lloyd`] over the distinct sample vectors, each weighted by its multiplicity: the same
/// centres (see [`Distinct::build`]), with the E-step done once per distinct vector.
fn lloyd_distinct(xs: &Samples, dv: &Distinct, k: usize, init: Vec<f32>) -> Vec<f64> {
    let labels = RefCell::new(vec![0u8; dv.x.n]);
    let estep = |centers32: &[f32]| {
        estep_partials(
            &dv.x,
            Some(&dv.counts),
            &mut labels.borrow_mut(),
            centers32,
            k,
        )
    };
    lloyd_loop(xs, k, init, estep, || dv.expand(&labels.borrow()))
}

/// One E-step over `ds`: every sample's nearest centre into `labels`, and per chunk the
/// centre sums, counts and label changes, each sample counted `weights[i]` times (once
/// without weights; `1 · x` is `x` exactly, so both forms sum alike, see [`Distinct::build`]).
fn estep_partials(
    ds: &Samples,
    weights: Option<&[u32]>,
    labels: &mut [u8],
    centers32: &[f32],
    k: usize,
) -> Vec<Partial> {
    let cd = ds.cd;
    labels
        .par_chunks_mut(CHUNK)
        .enumerate()
        .map(|(c, lab)| {
            let (s, e) = ds.chunk(c);
            let mut p = Partial {
                sums: vec![0.0; k * cd],
                counts: vec![0; k],
                changed: 0,
            };
            let (mut bd, mut bi, mut tmp) =
                (vec![0.0f32; BLOCK], vec![0u32; BLOCK], vec![0.0f32; BLOCK]);
            for_blocks(ds, s, e, |b, dims| {
                let len = dims[0].len();
                nearest_block(
                    dims,
                    centers32,
                    k,
                    &mut bd[..len],
                    &mut bi[..len],
                    &mut tmp[..len],
                );
                for (t, &ci) in bi[..len].iter().enumerate() {
                    let cnt = weights.map_or(1, |w| w[b + t]);
                    let l = &mut lab[b - s + t];
                    let ci = ci as usize;
                    if *l as usize != ci {
                        p.changed += cnt as usize;
                        *l = ci as u8;
                    }
                    p.counts[ci] += u64::from(cnt);
                    for (j, xj) in dims.iter().enumerate() {
                        p.sums[ci * cd + j] += f64::from(cnt) * f64::from(xj[t]);
                    }
                }
            });
            p
        })
        .collect()
}

/// The Lloyd loop: `estep(centres)` assigns the samples and returns the per-chunk partial
/// results (in chunk order); `labels()` returns the per-sample labels of the last E-step
/// (needed only to relocate empty clusters).
fn lloyd_loop(
    xs: &Samples,
    k: usize,
    init: Vec<f32>,
    mut estep: impl FnMut(&[f32]) -> Vec<Partial>,
    labels: impl Fn() -> Vec<u8>,
) -> Vec<f64> {
    let cd = xs.cd;
    let tol = TOL * mean_variance(xs);
    let mut centers: Vec<f64> = init.iter().map(|&c| f64::from(c)).collect();
    let mut centers32 = init;
    for iter in 0..MAX_ITER {
        let parts = estep(&centers32);
        let mut sums = vec![0.0f64; k * cd];
        let mut counts = vec![0u64; k];
        let mut changed = 0usize;
        for p in &parts {
            for (a, b) in sums.iter_mut().zip(&p.sums) {
                *a += b;
            }
            for (a, b) in counts.iter_mut().zip(&p.counts) {
                *a += b;
            }
            changed += p.changed;
        }
        // Labels start at 0, so the first pass must not count as "unchanged".
        if iter > 0 && changed == 0 {
            break;
        }
        if counts.contains(&0) {
            relocate_empty(xs, &labels(), &centers32, &mut sums, &mut counts);
        }
        let mut shift = 0.0f64;
        for c in 0..k {
            if counts[c] == 0 {
                continue;
            }
            let cnt = counts[c] as f64;
            for j in 0..cd {
                let nv = sums[c * cd + j] / cnt;
                let dlt = nv - centers[c * cd + j];
                shift += dlt * dlt;
                centers[c * cd + j] = nv;
            }
        }
        centers32 = centers.iter().map(|&c| c as f32).collect();
        if shift <= tol {
            break;
        }
    }
    centers
}

/// sklearn's `_relocate_empty_clusters_dense`: each empty cluster takes over one of the samples
/// farthest from their assigned centres (distance descending, index ascending), which is
/// removed from its old cluster's sums.
fn relocate_empty(
    xs: &Samples,
    labels: &[u8],
    centers32: &[f32],
    sums: &mut [f64],
    counts: &mut [u64],
) {
    let cd = xs.cd;
    let empty: Vec<usize> = (0..counts.len()).filter(|&c| counts[c] == 0).collect();
    let m = empty.len();
    let order = |a: &(f32, usize), b: &(f32, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    // Top-m per chunk, merged in chunk order: deterministic.
    let tops: Vec<Vec<(f32, usize)>> = labels
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, lab)| {
            let (s, _) = xs.chunk(c);
            let mut v: Vec<(f32, usize)> = lab
                .iter()
                .enumerate()
                .map(|(t, &l)| {
                    let i = s + t;
                    let l = l as usize;
                    let mut d = 0.0f32;
                    for j in 0..cd {
                        let e = xs.x[j * xs.n + i] - centers32[l * cd + j];
                        d += e * e;
                    }
                    (d, i)
                })
                .collect();
            v.sort_by(order);
            v.truncate(m);
            v
        })
        .collect();
    let mut all: Vec<(f32, usize)> = tops.into_iter().flatten().collect();
    all.sort_by(order);
    for (&e, &(_, s)) in empty.iter().zip(&all) {
        let old = labels[s] as usize;
        for j in 0..cd {
            let v = f64::from(xs.x[j * xs.n + s]);
            sums[e * cd + j] = v;
            sums[old * cd + j] -= v;
        }
        counts[e] = 1;
        counts[old] = counts[old].saturating_sub(1);
    }
}

/// `mean_j var(X[:, j])` (population variance), two-pass in f64 over fixed chunks.
fn mean_variance(xs: &Samples) -> f64 {
    let n = xs.n;
    let chunked = |col: &[f32], f: &(dyn Fn(&[f32], &mut [f64; LANES]) + Sync)| -> f64 {
        let parts: Vec<f64> = col
            .par_chunks(CHUNK)
            .map(|c| {
                let mut acc = [0.0f64; LANES];
                f(c, &mut acc);
                fold_lanes(&acc)
            })
            .collect();
        parts.iter().sum()
    };
    let mut total = 0.0;
    for j in 0..xs.cd {
        let col = &xs.x[j * n..(j + 1) * n];
        let mean = chunked(col, &|c, acc| lane_sum(c, acc)) / n as f64;
        total += chunked(col, &|c, acc| lane_sum_sq_dev(c, mean, acc)) / n as f64;
    }
    total / xs.cd as f64
}

/// Nearest stored LUT row of every sample (ties to the lower index).
fn assign(xs: &Samples, lut: &[f32], k: usize) -> Vec<u8> {
    let mut labels = vec![0u8; xs.n];
    labels
        .par_chunks_mut(CHUNK)
        .enumerate()
        .for_each(|(c, lab)| {
            let (s, e) = xs.chunk(c);
            let (mut bd, mut bi, mut tmp) =
                (vec![0.0f32; BLOCK], vec![0u32; BLOCK], vec![0.0f32; BLOCK]);
            for_blocks(xs, s, e, |b, dims| {
                let len = dims[0].len();
                nearest_block(
                    dims,
                    lut,
                    k,
                    &mut bd[..len],
                    &mut bi[..len],
                    &mut tmp[..len],
                );
                for (l, &ci) in lab[b - s..b - s + len].iter_mut().zip(&bi[..len]) {
                    *l = ci as u8;
                }
            });
        });
    labels
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FloatType;
    use half::f16;

    fn keys_of(v: &[f32], map: &CodeMap) -> Vec<u16> {
        v.iter()
            .map(|&x| map.key_of_group_bits(f16::from_f32(x).to_bits()))
            .collect()
    }

    #[test]
    fn few_distinct_vectors_are_exact() {
        let map = CodeMap::new(FloatType::F16, None);
        let v = [1.0, 2.0, -1.0, 0.5, 1.0, 2.0, -1.0, 0.5, 3.0, 3.0];
        let r = cluster_vectors(&keys_of(&v, &map), 2, 4, &map, 0);
        assert_eq!(r.n_clusters, 3);
        assert_eq!(r.lut, vec![-1.0, 0.5, 1.0, 2.0, 3.0, 3.0, 0.0, 0.0]);
        assert_eq!(r.labels, vec![1, 0, 1, 0, 2]);
    }

    #[test]
    fn separated_blobs_are_recovered() {
        let map = CodeMap::new(FloatType::F16, None);
        let mut rng = Xoshiro256StarStar::seed_from_u64(1);
        let centres = [(-4.0f32, -4.0f32), (4.0, -4.0), (0.0, 5.0), (6.0, 6.0)];
        let mut v = Vec::new();
        for i in 0..4000 {
            let (a, b) = centres[i % 4];
            v.push(a + (rng.next_f64() as f32 - 0.5) * 0.5);
            v.push(b + (rng.next_f64() as f32 - 0.5) * 0.5);
        }
        let r = cluster_vectors(&keys_of(&v, &map), 2, 4, &map, 9);
        for (i, &l) in r.labels.iter().enumerate() {
            let (a, b) = centres[i % 4];
            let (p, q) = (r.lut[l as usize * 2], r.lut[l as usize * 2 + 1]);
            assert!(
                (p - a).abs() < 0.1 && (q - b).abs() < 0.1,
                "sample {i}: ({p}, {q}) vs ({a}, {b})"
            );
        }
    }

    /// Lloyd on the distinct vectors (with multiplicities) gives bit-identical centres and
    /// labels to Lloyd on every sample, for f16 and bf16 groups with many repeated vectors.
    #[test]
    fn distinct_lloyd_matches_plain_lloyd() {
        for (ty, cd, n, levels) in [
            (FloatType::F16, 2, 4 * CHUNK, 90),
            (FloatType::BF16, 2, 3 * CHUNK, 40),
            (FloatType::F16, 4, 2 * CHUNK + 5, 6),
        ] {
            let map = CodeMap::new(ty, None);
            let mut rng = Xoshiro256StarStar::seed_from_u64(cd as u64);
            let keys: Vec<u16> = (0..n * cd)
                .map(|_| {
                    let level = (rng.next_f64() * levels as f64) as i32 - levels / 2;
                    let v = level as f32 / 64.0;
                    map.key_of_group_bits(super::super::codes::f32_to_bits(ty, v))
                })
                .collect();
            let dv = Distinct::build(&keys, cd, &map).expect("deduplicated");
            assert!(dv.x.n < n / 2, "{} distinct of {n}", dv.x.n);
            let mut x = vec![0.0f32; n * cd];
            for (i, s) in keys.chunks_exact(cd).enumerate() {
                for (j, &key) in s.iter().enumerate() {
                    x[j * n + i] = map.value_of_key(key);
                }
            }
            let xs = Samples { x, n, cd };
            for k in [4usize, 16] {
                let init = kmeans_plusplus(&xs, k, &mut Xoshiro256StarStar::seed_from_u64(3));
                let plain = lloyd(&xs, k, init.clone());
                let dedup = lloyd_distinct(&xs, &dv, k, init);
                let bits = |c: &[f64]| c.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&plain), bits(&dedup), "{ty:?} cd {cd} k {k}");
                let lut: Vec<f32> = plain.iter().map(|&c| c as f32).collect();
                assert_eq!(assign(&xs, &lut, k), dv.expand(&assign(&dv.x, &lut, k)));
            }
        }
    }

    #[test]
    fn sampling_skips_zero_distances() {
        let closest = vec![0.0, 1.0, 0.0, 2.0];
        let sums = vec![3.0];
        let xs = Samples {
            x: vec![0.0; 4],
            n: 4,
            cd: 1,
        };
        assert_eq!(sample_d2(&xs, &closest, None, &sums, 0.0), 1);
        assert_eq!(sample_d2(&xs, &closest, None, &sums, 0.999), 1);
        assert_eq!(sample_d2(&xs, &closest, None, &sums, 1.0), 3);
        assert_eq!(sample_d2(&xs, &closest, None, &sums, 2.999), 3);
        // A pending centre at 0 makes every distance 0 but sample 3's (x = 1, d² = 1).
        let xs = Samples {
            x: vec![0.0, 0.0, 0.0, 1.0],
            n: 4,
            cd: 1,
        };
        let sums = vec![1.0];
        assert_eq!(sample_d2(&xs, &closest, Some(&[0.0]), &sums, 0.5), 3);
    }
}
