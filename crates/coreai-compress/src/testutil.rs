//! Deterministic test data: a SplitMix64 generator and Box-Muller normals.
//!
//! Exported (hidden from the docs) so that tests, examples and the passes' tests can build the
//! same seeded weights, e.g. the spec E reference weight (a 256×64 f16 N(0,1) matrix).

use half::f16;

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for test data.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
    spare: Option<f64>,
}

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 {
            state: seed,
            spare: None,
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform integer in `0..n` (`n > 0`; slightly biased for huge `n`, fine for tests).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A standard normal sample (Box-Muller, both outputs used).
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        // 1 - u is in (0, 1], so the log is finite.
        let u1 = 1.0 - self.next_f64();
        let u2 = self.next_f64();
        let r = (-2.0 * u1.ln()).sqrt();
        let t = std::f64::consts::TAU * u2;
        self.spare = Some(r * t.sin());
        r * t.cos()
    }
}

/// `n` N(0,1) samples rounded to f16, from `seed`.
pub fn normal_f16(n: usize, seed: u64) -> Vec<f16> {
    let mut rng = SplitMix64::new(seed);
    (0..n).map(|_| f16::from_f64(rng.normal())).collect()
}

/// `n` N(0,1) samples as f32, from `seed`.
pub fn normal_f32(n: usize, seed: u64) -> Vec<f32> {
    let mut rng = SplitMix64::new(seed);
    (0..n).map(|_| rng.normal() as f32).collect()
}

/// Relative RMS error `sqrt(Σ(a-b)² / Σb²)` of `approx` against `exact`.
pub fn relative_rms(approx: &[f32], exact: &[f32]) -> f64 {
    let (num, den) = approx
        .iter()
        .zip(exact)
        .fold((0f64, 0f64), |(n, d), (&a, &b)| {
            let e = f64::from(a) - f64::from(b);
            (n + e * e, d + f64::from(b) * f64::from(b))
        });
    (num / den).sqrt()
}

/// Runs `f` on a fresh rayon pool of `threads` threads (determinism tests).
///
/// # Panics
/// If the pool cannot be built.
pub fn run_in_pool<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("rayon pool")
        .install(f)
}

/// Reports a skipped test: writes `note: TEST SKIPPED: WHY` straight to the process's stderr,
/// so that the note shows in a plain `cargo test` run (the harness captures `eprintln!` of
/// passing tests, not writes to the stderr handle).
pub fn skip_note(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "note: {test} SKIPPED: {why}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normals_look_normal_and_are_deterministic() {
        let a = normal_f32(20_000, 1);
        assert_eq!(a, normal_f32(20_000, 1));
        let mean = a.iter().map(|&x| f64::from(x)).sum::<f64>() / a.len() as f64;
        let var = a
            .iter()
            .map(|&x| (f64::from(x) - mean).powi(2))
            .sum::<f64>()
            / a.len() as f64;
        assert!(
            mean.abs() < 0.03 && (var - 1.0).abs() < 0.05,
            "{mean} {var}"
        );
        let mut r = SplitMix64::new(5);
        assert!((0..1000).all(|_| r.below(7) < 7));
        assert_eq!(relative_rms(&[1.0, 2.0], &[1.0, 2.0]), 0.0);
    }
}
