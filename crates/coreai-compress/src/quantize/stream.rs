//! The streaming driver: per-block reductions and a per-element code map over the canonical
//! `rows × L` view of [`BlockLayout`], for layouts that neither tile nor run down single columns
//! (and as the reference order the other drivers reproduce). A method plugs in a
//! [`BlockReducer`] (min/max, squared errors) and a [`BlockMapper`] (codes).
//!
//! # Parallelism and determinism
//! - Reductions run in parallel over block rows. Inside a block row, work is cut into a fixed
//!   grid of tasks (`rows × columns`, sized by [`TASK_ELEMS`] and [`TASK_COLS`] from the shape
//!   alone). Each task reduces its rows in ascending order, and task results are merged in
//!   task order, so floating-point sums are identical for any number of threads (rayon #663).
//! - The code map is element-wise: output chunks of [`TASK_ELEMS`] elements are independent.
//! - Rows are widened to f32 one task-sized piece at a time; the whole tensor is never copied.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::prims::non_finite;
use crate::{
    blocks::BlockLayout,
    element::Element,
    load::{load_f32, with_scratch},
};

/// Elements per parallel task. A constant: the partition depends only on the shape.
pub(crate) const TASK_ELEMS: usize = 1 << 16;
/// Columns per reduction task when a row is longer.
pub(crate) const TASK_COLS: usize = 1 << 14;

/// The fixed task grid of one block row.
#[derive(Clone, Copy, Debug)]
struct Plan {
    row_chunk: usize,
    col_chunk: usize,
    n_rc: usize,
    n_cc: usize,
    rows: usize,
    row_len: usize,
}

impl Plan {
    fn new(lay: &BlockLayout) -> Self {
        let l = lay.row_len();
        let lb = lay.last_block();
        let col_chunk = if l <= TASK_COLS {
            l
        } else if lb <= TASK_COLS {
            TASK_COLS / lb * lb
        } else {
            TASK_COLS
        };
        let rows = lay.rows_per_block_row();
        let row_chunk = (TASK_ELEMS / col_chunk).clamp(1, rows.max(1));
        Plan {
            row_chunk,
            col_chunk,
            n_rc: rows.div_ceil(row_chunk),
            n_cc: l.div_ceil(col_chunk),
            rows,
            row_len: l,
        }
    }

    fn tasks(&self) -> usize {
        self.n_rc * self.n_cc
    }

    /// Rows `k0..k1` of the block row and columns `c0..c1` of task `t` (row-chunk major).
    fn task(&self, t: usize) -> (usize, usize, usize, usize) {
        let (rc, cc) = (t / self.n_cc, t % self.n_cc);
        let k0 = rc * self.row_chunk;
        let c0 = cc * self.col_chunk;
        (
            k0,
            (k0 + self.row_chunk).min(self.rows),
            c0,
            (c0 + self.col_chunk).min(self.row_len),
        )
    }
}

/// A per-block reduction. `segment` and `columns` return true if they saw a non-finite value.
pub(crate) trait BlockReducer: Sync {
    /// Per-block accumulator.
    type Acc: Clone + Send + Sync;
    /// The empty accumulator.
    fn identity(&self) -> Self::Acc;
    /// All of `vals` belong to block `blk` (flat scale index).
    fn segment(&self, blk: usize, vals: &[f32], acc: &mut Self::Acc) -> bool;
    /// `vals[j]` belongs to block `blk0 + j` (block size 1 along the row).
    fn columns(&self, blk0: usize, vals: &[f32], accs: &mut [Self::Acc]) -> bool;
    /// Folds `from` into `into`; called in task order.
    fn merge(&self, into: &mut Self::Acc, from: &Self::Acc);
}

/// Rows per task of a block row in [`reduce_blocks`]' fixed grid: a block's reduction is the
/// in-order sum of its per-chunk partial results (what the fused tile kernels reproduce).
pub(crate) fn sse_row_chunk(lay: &BlockLayout) -> usize {
    Plan::new(lay).row_chunk
}

/// Runs `r` over every block. Returns the accumulators (flat scale order) and whether any
/// non-finite value was seen.
pub(crate) fn reduce_blocks<T: Element, R: BlockReducer>(
    w: &[T],
    lay: &BlockLayout,
    r: &R,
) -> (Vec<R::Acc>, bool) {
    let plan = Plan::new(lay);
    let bpr = lay.blocks_per_row();
    let (l, lb) = (lay.row_len(), lay.last_block());
    let mut accs = vec![r.identity(); lay.num_blocks()];
    let bad = AtomicBool::new(false);

    // Reduces task `t` of block row `brow` into `local`, whose first entry is row block `b0`.
    let run = |brow: usize, t: usize, local: &mut [R::Acc], b0: usize| -> bool {
        let (k0, k1, c0, c1) = plan.task(t);
        let gbase = brow * bpr;
        with_scratch(c1 - c0, |buf| {
            let mut any_bad = false;
            for k in k0..k1 {
                let row = lay.row_of_block_row(brow, k);
                load_f32(&w[row * l + c0..row * l + c1], buf);
                any_bad |= reduce_buf(r, buf, lb, gbase, c0, local, b0);
            }
            any_bad
        })
    };

    accs.par_chunks_mut(bpr.max(1))
        .enumerate()
        .for_each(|(brow, out)| {
            let any_bad = if plan.tasks() == 1 {
                run(brow, 0, out, 0)
            } else {
                let parts: Vec<(usize, Vec<R::Acc>, bool)> = (0..plan.tasks())
                    .into_par_iter()
                    .map(|t| {
                        let (_, _, c0, c1) = plan.task(t);
                        let (b0, b1) = (c0 / lb, (c1 - 1) / lb + 1);
                        let mut local = vec![r.identity(); b1 - b0];
                        let b = run(brow, t, &mut local, b0);
                        (b0, local, b)
                    })
                    .collect();
                let mut any_bad = false;
                for (b0, local, b) in &parts {
                    any_bad |= *b;
                    for (i, a) in local.iter().enumerate() {
                        r.merge(&mut out[b0 + i], a);
                    }
                }
                any_bad
            };
            if any_bad {
                bad.store(true, Ordering::Relaxed);
            }
        });
    (accs, bad.load(Ordering::Relaxed))
}

/// Runs `r` over the listed blocks only (flat scale indices), returning their accumulators in
/// the order of `blocks`. Each accumulator is bit-identical to the one [`reduce_blocks`] computes
/// for that block: the same task grid, the same slices handed to `segment`/`columns` in the
/// same order, task results merged in task order. Meant for a few blocks (each one is read on
/// its own, strided when blocks run down columns).
pub(crate) fn reduce_selected_blocks<T: Element, R: BlockReducer>(
    w: &[T],
    lay: &BlockLayout,
    r: &R,
    blocks: &[usize],
) -> Vec<R::Acc> {
    let plan = Plan::new(lay);
    let bpr = lay.blocks_per_row().max(1);
    let (l, lb) = (lay.row_len(), lay.last_block());
    blocks
        .par_iter()
        .map(|&b| {
            let (brow, cb) = (b / bpr, b % bpr);
            let (bc0, bc1) = (cb * lb, ((cb + 1) * lb).min(l));
            let mut acc = r.identity();
            let mut buf = vec![0f32; bc1 - bc0];
            for t in 0..plan.tasks() {
                let (k0, k1, c0, c1) = plan.task(t);
                let (x0, x1) = (bc0.max(c0), bc1.min(c1));
                if x0 >= x1 {
                    continue;
                }
                let mut local = r.identity();
                let vals = &mut buf[..x1 - x0];
                for k in k0..k1 {
                    let row = lay.row_of_block_row(brow, k);
                    load_f32(&w[row * l + x0..row * l + x1], vals);
                    if lb == 1 {
                        r.columns(b, vals, std::slice::from_mut(&mut local));
                    } else {
                        r.segment(b, vals, &mut local);
                    }
                }
                r.merge(&mut acc, &local);
            }
            acc
        })
        .collect()
}

/// An element-wise map from weights to one code byte per element.
pub(crate) trait BlockMapper: Sync {
    /// All of `vals` belong to block `blk`.
    fn segment(&self, blk: usize, vals: &[f32], out: &mut [u8]);
    /// `vals[j]` belongs to block `blk0 + j`.
    fn columns(&self, blk0: usize, vals: &[f32], out: &mut [u8]);
}

/// Maps every element of `w` through `m`, in parallel over fixed element chunks.
pub(crate) fn map_blocks<T: Element, M: BlockMapper>(w: &[T], lay: &BlockLayout, m: &M) -> Vec<u8> {
    let n = lay.num_elements();
    let (l, lb, bpr) = (lay.row_len(), lay.last_block(), lay.blocks_per_row());
    let mut codes = vec![0u8; n];
    codes
        .par_chunks_mut(TASK_ELEMS)
        .enumerate()
        .for_each(|(ci, out)| {
            let f0 = ci * TASK_ELEMS;
            let f1 = f0 + out.len();
            with_scratch(out.len(), |buf| {
                load_f32(&w[f0..f1], buf);
                let mut f = f0;
                while f < f1 {
                    let (row, c) = (f / l, f % l);
                    let cend = l.min(c + (f1 - f));
                    let base = lay.block_row_of_row(row) * bpr;
                    let vals = &buf[f - f0..f - f0 + (cend - c)];
                    let o = &mut out[f - f0..f - f0 + (cend - c)];
                    map_buf(m, vals, o, lb, base, c);
                    f += cend - c;
                }
            });
        });
    codes
}

/// Reduces one loaded row piece `buf` (columns `c0..`) of block row base `gbase` into `local`
/// (whose first entry is row block `b0`).
#[inline(always)]
fn reduce_buf<R: BlockReducer>(
    r: &R,
    buf: &[f32],
    lb: usize,
    gbase: usize,
    c0: usize,
    local: &mut [R::Acc],
    b0: usize,
) -> bool {
    let c1 = c0 + buf.len();
    if lb == 1 {
        return r.columns(gbase + c0, buf, &mut local[c0 - b0..c1 - b0]);
    }
    let mut any_bad = false;
    let mut c = c0;
    while c < c1 {
        let blk = c / lb;
        let end = c1.min((blk + 1) * lb);
        any_bad |= r.segment(gbase + blk, &buf[c - c0..end - c0], &mut local[blk - b0]);
        c = end;
    }
    any_bad
}

/// Maps one row piece `vals` (columns `c..`, block row base `base`) into `out`.
#[inline(always)]
fn map_buf<M: BlockMapper>(m: &M, vals: &[f32], out: &mut [u8], lb: usize, base: usize, c: usize) {
    if lb == 1 {
        m.columns(base + c, vals, out);
        return;
    }
    let cend = c + vals.len();
    let mut cc = c;
    while cc < cend {
        let blk = cc / lb;
        let e = cend.min((blk + 1) * lb);
        m.segment(base + blk, &vals[cc - c..e - c], &mut out[cc - c..e - c]);
        cc = e;
    }
}

/// Per-block `[min, max]`.
pub(crate) struct MinMax;

impl BlockReducer for MinMax {
    type Acc = [f32; 2];

    fn identity(&self) -> [f32; 2] {
        [f32::INFINITY, f32::NEG_INFINITY]
    }

    #[inline(always)]
    fn segment(&self, _blk: usize, vals: &[f32], acc: &mut [f32; 2]) -> bool {
        // Eight independent lanes so that the compiler emits packed min/max.
        let mut mn = [f32::INFINITY; 8];
        let mut mx = [f32::NEG_INFINITY; 8];
        let mut bad = [0u32; 8];
        let chunks = vals.chunks_exact(8);
        let rem = chunks.remainder();
        for c in chunks {
            for j in 0..8 {
                let x = c[j];
                mn[j] = if x < mn[j] { x } else { mn[j] };
                mx[j] = if x > mx[j] { x } else { mx[j] };
                bad[j] |= non_finite(x);
            }
        }
        for &x in rem {
            mn[0] = if x < mn[0] { x } else { mn[0] };
            mx[0] = if x > mx[0] { x } else { mx[0] };
            bad[0] |= non_finite(x);
        }
        for j in 0..8 {
            acc[0] = if mn[j] < acc[0] { mn[j] } else { acc[0] };
            acc[1] = if mx[j] > acc[1] { mx[j] } else { acc[1] };
        }
        bad.iter().any(|&b| b != 0)
    }

    #[inline(always)]
    fn columns(&self, _blk0: usize, vals: &[f32], accs: &mut [[f32; 2]]) -> bool {
        let mut bad = 0u32;
        for (a, &x) in accs.iter_mut().zip(vals) {
            a[0] = if x < a[0] { x } else { a[0] };
            a[1] = if x > a[1] { x } else { a[1] };
            bad |= non_finite(x);
        }
        bad != 0
    }

    fn merge(&self, into: &mut [f32; 2], from: &[f32; 2]) {
        into[0] = into[0].min(from[0]);
        into[1] = into[1].max(from[1]);
    }
}

/// Below `num_blocks / SELECTED_BLOCKS_DIV` blocks to score, they are read one by one
/// ([`reduce_selected_blocks`]) instead of in a full pass over the weight.
const SELECTED_BLOCKS_DIV: usize = 64;

/// Scores two parameter sets on the blocks `differ` with reducer `r` (one by one when they are
/// few, in a full pass otherwise) and returns each listed block's two errors.
pub(crate) fn score_blocks<T: Element, R: BlockReducer<Acc = [f64; 2]>>(
    w: &[T],
    lay: &BlockLayout,
    r: &R,
    differ: &[usize],
) -> Vec<(usize, [f64; 2])> {
    if differ.len() * SELECTED_BLOCKS_DIV < lay.num_blocks() {
        differ
            .iter()
            .copied()
            .zip(reduce_selected_blocks(w, lay, r, differ))
            .collect()
    } else {
        let all = reduce_blocks(w, lay, r).0;
        differ.iter().map(|&b| (b, all[b])).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantize::int::IntSseReducer;

    #[test]
    fn selected_blocks_match_the_full_reduction_bit_for_bit() {
        use half::f16;
        let mut state = 0x1234_5678_9abc_def0u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for (shape, bs) in [
            (vec![300usize, 70000], vec![1usize, 0]),
            (vec![4096, 64], vec![0, 1]),
            (vec![256, 96], vec![32, 1]),
            (vec![96, 256], vec![1, 32]),
            (vec![8, 3, 40000], vec![1, 0, 8]),
            (vec![64, 64], vec![0, 0]),
        ] {
            let lay = BlockLayout::new(&shape, &bs).unwrap();
            let w: Vec<f16> = (0..lay.num_elements())
                .map(|_| f16::from_f32(((next() >> 40) as f32 / 16_777_216.0 - 0.5) * 0.1))
                .collect();
            let nb = lay.num_blocks();
            let s0: Vec<f32> = (0..nb).map(|i| 0.0004 + i as f32 * 1e-7).collect();
            let s1: Vec<f32> = s0.iter().map(|s| s * 1.01).collect();
            let z0 = vec![0i32; nb];
            let z1: Vec<i32> = (0..nb).map(|i| (i % 3) as i32 - 1).collect();
            let r = IntSseReducer {
                s: [&s0, &s1],
                zp: [&z0, &z1],
                qmin: -127.0,
                qmax: 127.0,
            };
            let all = reduce_blocks(&w, &lay, &r).0;
            let pick: Vec<usize> = (0..nb).filter(|b| b % 5 == 0 || *b == nb - 1).collect();
            let some = reduce_selected_blocks(&w, &lay, &r, &pick);
            for (&b, e) in pick.iter().zip(&some) {
                assert_eq!(
                    e[0].to_bits(),
                    all[b][0].to_bits(),
                    "{shape:?} {bs:?} block {b}"
                );
                assert_eq!(
                    e[1].to_bits(),
                    all[b][1].to_bits(),
                    "{shape:?} {bs:?} block {b}"
                );
            }
            let mm = reduce_blocks(&w, &lay, &MinMax).0;
            let mm_some = reduce_selected_blocks(&w, &lay, &MinMax, &pick);
            for (&b, e) in pick.iter().zip(&mm_some) {
                assert_eq!(*e, mm[b]);
            }
        }
    }

    #[test]
    fn plan_covers_every_row_and_column() {
        for (shape, bs) in [
            (vec![4096usize, 4096], vec![0usize, 1]),
            (vec![4096, 4096], vec![0, 0]),
            (vec![64, 40000], vec![1, 8]),
            (vec![3, 50000], vec![1, 0]),
        ] {
            let lay = BlockLayout::new(&shape, &bs).unwrap();
            let p = Plan::new(&lay);
            let mut cells = 0;
            for t in 0..p.tasks() {
                let (k0, k1, c0, c1) = p.task(t);
                assert!(k1 > k0 && c1 > c0);
                cells += (k1 - k0) * (c1 - c0);
            }
            assert_eq!(cells * lay.num_block_rows(), lay.num_elements());
        }
    }
}
