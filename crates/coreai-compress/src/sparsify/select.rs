//! Exact order statistics by radix histograms, and numpy's linear percentile on top of them.
//!
//! Keys are the bit patterns of non-negative floats (monotone in the value). Items may carry a
//! multiplicity, so a per-block map broadcast to its elements is selected without being
//! materialised. Keys of up to 16 bits (f16/bf16 magnitudes) take one streaming pass over a
//! `2^bits` histogram; wider keys take two (top 16 bits, then the low 16 bits inside the one or
//! two buckets that hold the wanted ranks).
//!
//! # Parallelism
//! Histograms are built per fixed chunk of [`CHUNK`] items and added together; integer sums
//! are exact, so results never depend on the thread count.

use rayon::prelude::*;

/// Items per histogram task (small under test so that unit tests cover the parallel merge).
pub(crate) const CHUNK: usize = if cfg!(test) { 1 << 12 } else { 1 << 20 };

/// Histogram of `bucket(key)` over all items (weighted).
fn histogram<F, B>(n_items: usize, buckets: usize, item: &F, bucket: B) -> Vec<u64>
where
    F: Fn(usize) -> (u32, u64) + Sync,
    B: Fn(u32) -> Option<usize> + Sync,
{
    let chunk_hist = |start: usize| {
        // Two interleaved histograms: neighbouring items often share a bucket, and one
        // histogram would make each increment wait for the previous one's store.
        let mut h = vec![0u64; 2 * buckets];
        let (h0, h1) = h.split_at_mut(buckets);
        let end = (start + CHUNK).min(n_items);
        let mut i = start;
        while i + 2 <= end {
            let (k0, w0) = item(i);
            let (k1, w1) = item(i + 1);
            if let Some(b) = bucket(k0) {
                h0[b] += w0;
            }
            if let Some(b) = bucket(k1) {
                h1[b] += w1;
            }
            i += 2;
        }
        if i < end {
            let (k, wt) = item(i);
            if let Some(b) = bucket(k) {
                h0[b] += wt;
            }
        }
        for (a, &b) in h0.iter_mut().zip(h1.iter()) {
            *a += b;
        }
        h.truncate(buckets);
        h
    };
    if n_items <= CHUNK {
        return chunk_hist(0);
    }
    (0..n_items.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| chunk_hist(c * CHUNK))
        .reduce(
            || vec![0u64; buckets],
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(&b) {
                    *x += y;
                }
                a
            },
        )
}

/// Index of the bucket holding rank `r` (0-based) and the rank within that bucket.
fn locate(h: &[u64], r: u64) -> (usize, u64) {
    let mut before = 0u64;
    for (i, &c) in h.iter().enumerate() {
        if before + c > r {
            return (i, r - before);
        }
        before += c;
    }
    // Unreachable for r < total; report the last non-empty bucket.
    let last = h.iter().rposition(|&c| c > 0).unwrap_or(0);
    (last, h[last].saturating_sub(1))
}

/// The keys at ranks `r0` and `r1` (0-based, `< total weight`) of the weighted multiset
/// `{item(i)}`. `key_bits` bounds the keys (`key < 2^key_bits`).
pub(crate) fn select_ranks<F>(
    n_items: usize,
    key_bits: u32,
    item: F,
    r0: u64,
    r1: u64,
) -> (u32, u32)
where
    F: Fn(usize) -> (u32, u64) + Sync,
{
    if key_bits <= 16 {
        let h = histogram(n_items, 1 << key_bits, &item, |k| Some(k as usize));
        return (locate(&h, r0).0 as u32, locate(&h, r1).0 as u32);
    }
    let top = histogram(n_items, 1 << (key_bits - 16), &item, |k| {
        Some((k >> 16) as usize)
    });
    let (b0, q0) = locate(&top, r0);
    let (b1, q1) = locate(&top, r1);
    let (b0u, b1u) = (b0 as u32, b1 as u32);
    let low = histogram(n_items, 2 << 16, &item, |k| {
        let hi = k >> 16;
        if hi == b0u {
            Some((k & 0xFFFF) as usize)
        } else if hi == b1u {
            Some((1 << 16) + (k & 0xFFFF) as usize)
        } else {
            None
        }
    });
    let (l0, _) = locate(&low[..1 << 16], q0);
    let l1 = if b1 == b0 {
        locate(&low[..1 << 16], q1).0
    } else {
        locate(&low[1 << 16..], q1).0
    };
    ((b0u << 16) | l0 as u32, (b1u << 16) | l1 as u32)
}

/// What a percentile threshold prunes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cut {
    /// Nothing (`q == 0`).
    Nothing,
    /// Every element (`q == 100`).
    Everything,
    /// Keys `<= key`.
    AtMost(u32),
}

/// numpy's `percentile(M, q)` with the default linear method, reduced to a key cut, for
/// `M <= percentile(M, q)` (D.6). `q = 100 * target` must be in `[0, 100]` (checked by the
/// caller). The threshold lies between the order statistics `a = M[lo]` and `b = M[lo+1]`, so
/// only whether it reaches `b` matters; it is computed exactly as numpy 2 does
/// (`h = (n-1)·(q/100)`, `diff = b - a` in the map's dtype via `round_diff`, then `a + diff·t`
/// for `t < 0.5`, `b − diff·(1−t)` otherwise, in f64).
pub(crate) fn percentile_cut<F, V, R>(
    n_items: usize,
    total: u64,
    key_bits: u32,
    item: F,
    value: V,
    round_diff: R,
    target: f64,
) -> Cut
where
    F: Fn(usize) -> (u32, u64) + Sync,
    V: Fn(u32) -> f64,
    R: Fn(f64) -> f64,
{
    let q = 100.0 * target;
    if total == 0 || q == 0.0 {
        return Cut::Nothing;
    }
    if q == 100.0 {
        return Cut::Everything;
    }
    let h = (total - 1) as f64 * (q / 100.0);
    let (r0, r1) = if h >= (total - 1) as f64 {
        (total - 1, total - 1)
    } else {
        let lo = h.floor() as u64;
        (lo, (lo + 1).min(total - 1))
    };
    let (ka, kb) = select_ranks(n_items, key_bits, item, r0, r1);
    let (a, b) = (value(ka), value(kb));
    let t = h - h.floor();
    let diff = round_diff(b - a);
    let thr = if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    };
    Cut::AtMost(if thr >= b { kb } else { ka })
}

/// numpy's `percentile(sorted, q)` (linear method) on an already sorted f64 slice, with the
/// difference rounded by `round_diff`. The direct, sort-based definition used by the tests.
#[cfg(test)]
pub(crate) fn numpy_percentile_sorted(
    sorted: &[f64],
    q: f64,
    round_diff: impl Fn(f64) -> f64,
) -> f64 {
    let n = sorted.len();
    let h = (n - 1) as f64 * (q / 100.0);
    if h >= (n - 1) as f64 {
        return sorted[n - 1];
    }
    let lo = h.floor() as usize;
    let (a, b) = (sorted[lo], sorted[lo + 1]);
    let t = h - h.floor();
    let diff = round_diff(b - a);
    if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::SplitMix64;

    #[test]
    fn select_matches_sort_with_weights_and_ties() {
        let mut rng = SplitMix64::new(17);
        for (n, bits) in [(1usize, 31u32), (7, 31), (1000, 31), (5000, 15), (3000, 20)] {
            let items: Vec<(u32, u64)> = (0..n)
                .map(|_| {
                    let k = if rng.below(4) == 0 {
                        12345 % (1 << bits.min(20))
                    } else {
                        (rng.next_u64() % (1u64 << bits)) as u32
                    };
                    (k, 1 + rng.below(3))
                })
                .collect();
            let mut expanded: Vec<u32> = items
                .iter()
                .flat_map(|&(k, w)| std::iter::repeat_n(k, w as usize))
                .collect();
            expanded.sort_unstable();
            let total = expanded.len() as u64;
            for r in [0, total / 3, total / 2, total - 1] {
                let r1 = (r + 1).min(total - 1);
                let got = select_ranks(items.len(), bits, |i| items[i], r, r1);
                assert_eq!(
                    got,
                    (expanded[r as usize], expanded[r1 as usize]),
                    "n={n} r={r}"
                );
            }
        }
    }

    #[test]
    fn cut_edges() {
        let items = [(5u32, 1u64), (9, 1)];
        let f = |i: usize| items[i];
        let v = |k: u32| f64::from(k);
        assert_eq!(percentile_cut(2, 2, 8, f, v, |d| d, 0.0), Cut::Nothing);
        assert_eq!(percentile_cut(2, 2, 8, f, v, |d| d, 1.0), Cut::Everything);
        assert_eq!(percentile_cut(2, 2, 8, f, v, |d| d, 0.5), Cut::AtMost(5));
        assert_eq!(percentile_cut(2, 2, 8, f, v, |d| d, 0.999), Cut::AtMost(5));
        assert_eq!(
            percentile_cut(1, 1, 8, |_| (3, 1), v, |d| d, 0.3),
            Cut::AtMost(3)
        );
        assert_eq!(numpy_percentile_sorted(&[1.0, 2.0, 3.0], 50.0, |d| d), 2.0);
        assert_eq!(numpy_percentile_sorted(&[1.0, 2.0], 25.0, |d| d), 1.25);
    }
}
