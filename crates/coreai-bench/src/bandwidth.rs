//! The machine's memory-bandwidth floor for a weight set: the time to read the weight bytes
//! once and write them once (a buffer copy), the least any pass that reads every weight and
//! writes its output could take.

use rayon::prelude::*;
use std::time::Instant;

/// Copy timings for `bytes` bytes.
#[derive(Clone, Debug)]
pub struct Floor {
    /// Bytes copied.
    pub bytes: usize,
    /// Best single-thread copy into an already-faulted buffer (seconds).
    pub copy_1t_s: f64,
    /// Best copy with all rayon threads into an already-faulted buffer.
    pub copy_mt_s: f64,
    /// Best copy into a freshly allocated buffer (page faults included), all threads.
    pub copy_fresh_s: f64,
    /// Best read-only pass (sum of u64 words), all threads.
    pub read_s: f64,
}

impl Floor {
    /// The floor: the faster of the two warm copies.
    pub fn floor_s(&self) -> f64 {
        self.copy_1t_s.min(self.copy_mt_s)
    }

    /// GB/s of read+write traffic at the floor.
    pub fn gbps(&self) -> f64 {
        2.0 * self.bytes as f64 / self.floor_s() / 1e9
    }
}

/// Measures the floor for `bytes` bytes (best of `runs`).
pub fn measure(bytes: usize, runs: usize) -> Floor {
    let words = bytes.div_ceil(8);
    let src: Vec<u64> = (0..words as u64)
        .into_par_iter()
        .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .collect();
    let mut dst = vec![1u64; words];
    let best = |f: &mut dyn FnMut()| {
        let mut b = f64::MAX;
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            f();
            b = b.min(t.elapsed().as_secs_f64());
        }
        b
    };
    let copy_1t_s = best(&mut || {
        dst.copy_from_slice(&src);
        std::hint::black_box(&dst);
    });
    const CHUNK: usize = 1 << 18;
    let copy_mt_s = best(&mut || {
        dst.par_chunks_mut(CHUNK)
            .zip(src.par_chunks(CHUNK))
            .for_each(|(d, s)| d.copy_from_slice(s));
        std::hint::black_box(&dst);
    });
    drop(dst);
    let copy_fresh_s = best(&mut || {
        let mut fresh: Vec<u64> = Vec::with_capacity(words);
        fresh.spare_capacity_mut()[..words]
            .par_chunks_mut(CHUNK)
            .zip(src.par_chunks(CHUNK))
            .for_each(|(d, s)| {
                for (d, &s) in d.iter_mut().zip(s) {
                    d.write(s);
                }
            });
        // SAFETY: all `words` elements were initialised just above.
        unsafe { fresh.set_len(words) };
        std::hint::black_box(&fresh);
    });
    let read_s = best(&mut || {
        let s: u64 = src
            .par_chunks(CHUNK)
            .map(|c| c.iter().fold(0u64, |a, &b| a.wrapping_add(b)))
            .reduce(|| 0, u64::wrapping_add);
        std::hint::black_box(s);
    });
    Floor {
        bytes,
        copy_1t_s,
        copy_mt_s,
        copy_fresh_s,
        read_s,
    }
}
