//! Group layout along the channel axis, and the per-element key generator (spec D.4 steps 2-5).
//!
//! A weight of shape `[outer..., D, inner...]` with channel axis `ch` is viewed as
//! `(outer, D, inner)`. Group `g` (of `G` channels) consists of `outer` contiguous *slabs*
//! `[o·D·inner + g·G·inner, +G·inner)`. A group's elements are visited in *virtual order*:
//! slab by slab, which for the scalar k-means is as good as the spec's swapped row-major order
//! (the exact 1-D k-means only sees the multiset of values).
//!
//! [`KeyGen`] yields the 16-bit group-dtype *codes* of weight elements: f16/bf16 weights are
//! read in place (their bits already are codes); f32 weights and per-channel-scaled weights are
//! converted per element into a small buffer. No f32 copy of the tensor is ever made. The
//! fast-mode rounding is applied later through the [`CodeMap`] (code → key), once per distinct
//! code rather than once per element.
//!
//! ## Invariants
//! - A code depends only on the element's value and, with a per-channel scale, on its scale:
//!   never on the chunking, so every parallel split produces the same codes.

use half::{
    bf16, f16,
    slice::{HalfBitsSliceExt, HalfFloatSliceExt},
};

use super::codes::CodeMap;
use crate::{Element, FloatType, load::load_f32};

/// `(outer, D, inner)` view of a weight plus its channel grouping.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Layout {
    /// Product of the dims before the channel axis.
    pub outer: usize,
    /// The channel-axis dim.
    pub d: usize,
    /// Product of the dims after the channel axis.
    pub inner: usize,
    /// Channels per group (divides `d`).
    pub g: usize,
    /// Number of groups, `d / g`.
    pub n_groups: usize,
}

impl Layout {
    /// Elements per slab (`g · inner`).
    pub fn slab_len(&self) -> usize {
        self.g * self.inner
    }

    /// Elements per group.
    pub fn group_len(&self) -> usize {
        self.outer * self.slab_len()
    }

    /// Flat index of the first element of slab `o` of group `group`.
    pub fn slab_start(&self, group: usize, o: usize) -> usize {
        o * self.d * self.inner + group * self.slab_len()
    }
}

/// Where the 16-bit group-dtype pattern of an element comes from.
pub(crate) enum Source<'a, T> {
    /// f16/bf16 weight without per-channel scale: its bits already are group-dtype bits.
    Bits(&'a [u16]),
    /// Any weight, converted per element (optionally divided by its per-channel scale).
    Convert { w: &'a [T], pcs: Option<&'a [f32]> },
}

/// Computes group-dtype keys of weight elements.
pub(crate) struct KeyGen<'a, T> {
    pub src: Source<'a, T>,
    pub map: &'a CodeMap,
    pub layout: Layout,
}

/// Reusable buffers of [`KeyGen::for_each_run`].
pub(crate) struct RunBuf {
    codes: Vec<u16>,
    vals: Vec<f32>,
}

impl RunBuf {
    /// Buffers for runs of at most `len` elements.
    pub fn new(len: usize) -> Self {
        Self {
            codes: vec![0; len.max(1)],
            vals: vec![0.0; len.max(1)],
        }
    }
}

/// Round f32 values to group-dtype codes (RNE), with SIMD slice conversion for f16.
fn narrow(ty: FloatType, src: &[f32], dst: &mut [u16]) {
    match ty {
        FloatType::BF16 => dst
            .reinterpret_cast_mut::<bf16>()
            .convert_from_f32_slice(src),
        _ => dst
            .reinterpret_cast_mut::<f16>()
            .convert_from_f32_slice(src),
    }
}

impl<T: Element> KeyGen<'_, T> {
    /// Group-dtype codes (bit patterns, before the fast-mode rounding of the [`CodeMap`]) of
    /// the contiguous flat range `[flat, flat + out.len())`, which must lie inside one slab of
    /// outer index `o`. `vals` is scratch of at least `out.len()` elements.
    #[inline]
    pub fn fill_flat(&self, flat: usize, o: usize, out: &mut [u16], vals: &mut [f32]) {
        let end = flat + out.len();
        match &self.src {
            Source::Bits(bits) => out.copy_from_slice(&bits[flat..end]),
            Source::Convert { w, pcs } => {
                let vals = &mut vals[..out.len()];
                load_f32(&w[flat..end], vals);
                if let Some(pcs) = pcs
                    && self.layout.inner == 1
                {
                    // One scale for the whole slab (the channel axis is the last one): the
                    // same division as below, without a loop iteration per element.
                    let p = pcs[o];
                    for v in vals.iter_mut() {
                        *v /= p;
                    }
                } else if let Some(pcs) = pcs {
                    // Divide in f32, then round once to the group dtype: for f16/bf16 weights
                    // this equals the correctly rounded quotient (f32 has >= 2p+2 bits).
                    let inner = self.layout.inner;
                    let row = &pcs[o * inner..(o + 1) * inner];
                    let mut i = flat % inner;
                    let mut done = 0;
                    while done < vals.len() {
                        let n = (inner - i).min(vals.len() - done);
                        for (v, p) in vals[done..done + n].iter_mut().zip(&row[i..i + n]) {
                            *v /= p;
                        }
                        done += n;
                        i = 0;
                    }
                }
                narrow(self.map.ty, vals, out);
            }
        }
    }

    /// Codes of elements `span` (offsets within the row) of outer row `o`: a slice of the
    /// weight for f16/bf16 input, else `out` (of `span.len()` elements) filled through `vals`
    /// (scratch of at least `span.len()` elements).
    #[inline]
    pub fn row_codes<'s>(
        &'s self,
        o: usize,
        span: std::ops::Range<usize>,
        out: &'s mut [u16],
        vals: &mut [f32],
    ) -> &'s [u16] {
        let start = o * self.layout.d * self.layout.inner + span.start;
        match &self.src {
            Source::Bits(bits) => &bits[start..start + span.len()],
            Source::Convert { .. } => {
                self.fill_flat(start, o, out, vals);
                out
            }
        }
    }

    /// Prefetch the elements `span` (offsets within the row) of outer row `o` into the cache.
    #[inline]
    pub fn prefetch_row(&self, o: usize, span: std::ops::Range<usize>) {
        let start = o * self.layout.d * self.layout.inner + span.start;
        let end = start + span.len();
        let (ptr, step) = match &self.src {
            Source::Bits(bits) if end <= bits.len() => (bits[start..end].as_ptr().cast::<u8>(), 2),
            Source::Convert { w, .. } if end <= w.len() => (
                w[start..end].as_ptr().cast::<u8>(),
                std::mem::size_of::<T>(),
            ),
            _ => return,
        };
        let bytes = span.len() * step;
        #[cfg(target_arch = "x86_64")]
        for off in (0..bytes).step_by(64) {
            use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
            // SAFETY: `off < bytes`: the address lies inside the checked range; prefetching
            // has no architectural effect.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(ptr.add(off).cast::<i8>()) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = (ptr, bytes);
    }

    /// Whether codes are computed (and thus worth caching) rather than read in place.
    pub fn converts(&self) -> bool {
        !matches!(self.src, Source::Bits(_))
    }

    /// Call `f` on the codes of group `group`'s elements at virtual indices `[v0, v0 + len)`,
    /// in order, as a sequence of non-empty slices: slices of the weight itself for f16/bf16
    /// input, pieces of `buf` otherwise.
    pub fn for_each_run(
        &self,
        group: usize,
        v0: usize,
        len: usize,
        buf: &mut RunBuf,
        mut f: impl FnMut(&[u16]),
    ) {
        let l = &self.layout;
        let sl = l.slab_len();
        let (mut v, end) = (v0, v0 + len);
        while v < end {
            let o = v / sl;
            let off = v % sl;
            let take = (sl - off).min(end - v);
            let flat = l.slab_start(group, o) + off;
            match &self.src {
                Source::Bits(bits) => f(&bits[flat..flat + take]),
                Source::Convert { .. } => {
                    let mut done = 0;
                    while done < take {
                        let n = buf.codes.len().min(take - done);
                        self.fill_flat(flat + done, o, &mut buf.codes[..n], &mut buf.vals);
                        f(&buf.codes[..n]);
                        done += n;
                    }
                }
            }
            v += take;
        }
    }
}
