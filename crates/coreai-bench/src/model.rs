//! The benchmark programs: seeded N(0, 0.02) f16 weights in LLM-block shapes, written as a
//! Core AI module in MLIR text with a `dense_resource` (hex) trailer.
//!
//! One block = one `coreai.graph` (a signature as coreai-torch exports it, so the program is
//! also written as a `.aimodel`):
//! - `q_proj`, `k_proj`, `v_proj`, `o_proj`: `[d, d]`, each the **y operand** of
//!   `coreai.batch_matmul` (`[K, N]`, output axis 1, input axis 0 — per-block quantization
//!   blocks run down the columns);
//! - `gate_proj`: `[ffn, d]`, an `nn.Linear` weight `[out, in]` → `coreai.transpose` →
//!   batch_matmul y (output axis 0, input axis 1 — blocks along the rows), as the PyTorch
//!   exporter emits it;
//! - `up_proj`: `[d, ffn]`, batch_matmul y directly.
//!
//! Weights are a pure function of (seed, block, weight, element index): a counter-based
//! SplitMix64 hash feeds Box-Muller, so any tensor (or chunk) can be regenerated
//! independently, in parallel, bit-identically.

use half::f16;
use rayon::prelude::*;
use std::{
    fmt::Write as _,
    io::{self, Write},
};

/// A benchmark set.
#[derive(Clone, Debug)]
pub struct ModelSpec {
    /// Set name (`small`, `llm`, `1.5b`).
    pub name: String,
    /// Hidden size d.
    pub d: usize,
    /// MLP size.
    pub ffn: usize,
    /// Number of blocks (graphs).
    pub blocks: usize,
    /// Seed of the weights.
    pub seed: u64,
    /// Standard deviation of the weights.
    pub sigma: f32,
}

/// One weight of the program.
#[derive(Clone, Debug)]
pub struct WeightSpec {
    /// Resource name, e.g. `b0_q_proj`.
    pub name: String,
    /// Shape as stored in the constant.
    pub shape: [usize; 2],
    /// Whether the constant goes through `coreai.transpose` (nn.Linear layout).
    pub transposed: bool,
    /// Global index (generation stream).
    pub index: u64,
}

impl WeightSpec {
    /// Element count.
    pub fn len(&self) -> usize {
        self.shape[0] * self.shape[1]
    }
}

impl ModelSpec {
    /// The named sets.
    pub fn named(name: &str, seed: u64) -> Option<Self> {
        let (d, ffn, blocks) = match name {
            "small" => (512, 1376, 1),
            "llm" | "157m" => (4096, 11008, 1),
            "1.5b" => (4096, 11008, 10),
            _ => return None,
        };
        Some(ModelSpec {
            name: if name == "157m" {
                "llm".into()
            } else {
                name.into()
            },
            d,
            ffn,
            blocks,
            seed,
            sigma: 0.02,
        })
    }

    /// Every weight, in program (and matmul) order.
    pub fn weights(&self) -> Vec<WeightSpec> {
        let mut out = Vec::new();
        let (d, f) = (self.d, self.ffn);
        for b in 0..self.blocks {
            for (n, shape, t) in [
                ("q_proj", [d, d], false),
                ("k_proj", [d, d], false),
                ("v_proj", [d, d], false),
                ("o_proj", [d, d], false),
                ("gate_proj", [f, d], true),
                ("up_proj", [d, f], false),
            ] {
                let index = out.len() as u64;
                out.push(WeightSpec {
                    name: format!("b{b}_{n}"),
                    shape,
                    transposed: t,
                    index,
                });
            }
        }
        out
    }

    /// Total parameters.
    pub fn params(&self) -> usize {
        self.weights().iter().map(WeightSpec::len).sum()
    }

    /// Total weight bytes (f16).
    pub fn weight_bytes(&self) -> usize {
        2 * self.params()
    }

    /// The module without its resource trailer.
    pub fn module_text(&self) -> String {
        let (d, f) = (self.d, self.ffn);
        let mut s = String::from("module {\n");
        let ws = self.weights();
        for b in 0..self.blocks {
            let w = &ws[b * 6..b * 6 + 6];
            let _ = writeln!(
                s,
                "  coreai.graph @block{b}(%arg0: tensor<1x{d}xf16> {{coreai.name = \"x\"}}) -> (tensor<1x{f}xf16> {{coreai.name = \"gate\"}}, tensor<1x{f}xf16> {{coreai.name = \"up\"}}) {{"
            );
            let mut x = "%arg0".to_string();
            let mut v = 0usize;
            for wq in &w[..4] {
                let _ = writeln!(
                    s,
                    "    %{v} = coreai.constant dense_resource<{}> : tensor<{d}x{d}xf16>",
                    wq.name
                );
                let _ = writeln!(
                    s,
                    "    %{} = coreai.batch_matmul {x}, %{v} : (tensor<1x{d}xf16>, tensor<{d}x{d}xf16>) -> tensor<1x{d}xf16>",
                    v + 1
                );
                x = format!("%{}", v + 1);
                v += 2;
            }
            let _ = writeln!(
                s,
                "    %{v} = coreai.constant dense_resource<{}> : tensor<{f}x{d}xf16>",
                w[4].name
            );
            let _ = writeln!(
                s,
                "    %{} = coreai.constant dense<[1, 0]> : tensor<2xui32>",
                v + 1
            );
            let _ = writeln!(
                s,
                "    %{} = coreai.transpose %{v}, %{} : (tensor<{f}x{d}xf16>, tensor<2xui32>) -> tensor<{d}x{f}xf16>",
                v + 2,
                v + 1
            );
            let _ = writeln!(
                s,
                "    %{} = coreai.batch_matmul {x}, %{} : (tensor<1x{d}xf16>, tensor<{d}x{f}xf16>) -> tensor<1x{f}xf16>",
                v + 3,
                v + 2
            );
            let gate = v + 3;
            v += 4;
            let _ = writeln!(
                s,
                "    %{v} = coreai.constant dense_resource<{}> : tensor<{d}x{f}xf16>",
                w[5].name
            );
            let _ = writeln!(
                s,
                "    %{} = coreai.batch_matmul {x}, %{v} : (tensor<1x{d}xf16>, tensor<{d}x{f}xf16>) -> tensor<1x{f}xf16>",
                v + 1
            );
            let _ = writeln!(
                s,
                "    coreai.output %{gate}, %{} : tensor<1x{f}xf16>, tensor<1x{f}xf16>",
                v + 1
            );
            s.push_str("  }\n");
        }
        s.push_str("}\n");
        s
    }

    /// The f16 values of one weight (deterministic, generated in parallel chunks).
    pub fn generate(&self, w: &WeightSpec) -> Vec<f16> {
        let n = w.len();
        let mut out = vec![f16::ZERO; n];
        let stream = self
            .seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(w.index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        let sigma = self.sigma;
        const CHUNK: usize = 1 << 16; // even, so pairs never straddle chunks
        out.par_chunks_mut(CHUNK)
            .enumerate()
            .for_each(|(c, chunk)| {
                let base = (c * CHUNK / 2) as u64;
                for (p, pair) in chunk.chunks_mut(2).enumerate() {
                    let (z0, z1) = normal_pair(stream, base + p as u64);
                    pair[0] = f16::from_f32(z0 * sigma);
                    if pair.len() > 1 {
                        pair[1] = f16::from_f32(z1 * sigma);
                    }
                }
            });
        out
    }

    /// Writes the whole program (module + hex resource trailer), generating weights one at a
    /// time. Returns the energy (Σ w², f64) of every weight.
    pub fn write_text(&self, out: &mut impl Write) -> io::Result<Vec<f64>> {
        out.write_all(self.module_text().as_bytes())?;
        out.write_all(b"\n{-#\n  dialect_resources: {\n    builtin: {\n")?;
        let ws = self.weights();
        let mut energies = Vec::with_capacity(ws.len());
        for (i, w) in ws.iter().enumerate() {
            let values = self.generate(w);
            energies.push(energy(&values));
            write!(out, "      {}: \"0x10000000", w.name)?;
            // SAFETY: f16 is 2 plain bytes; the blob is little-endian (this host is too).
            let bytes: &[u8] = unsafe {
                std::slice::from_raw_parts(values.as_ptr().cast::<u8>(), values.len() * 2)
            };
            write_hex(out, bytes)?;
            out.write_all(if i + 1 < ws.len() { b"\",\n" } else { b"\"\n" })?;
        }
        out.write_all(b"    }\n  }\n#-}\n")?;
        Ok(energies)
    }
}

/// Σ w² in f64.
pub fn energy(values: &[f16]) -> f64 {
    values
        .par_chunks(1 << 16)
        .map(|c| c.iter().map(|v| f64::from(v.to_f32()).powi(2)).sum::<f64>())
        .collect::<Vec<_>>()
        .into_iter()
        .sum()
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Two N(0, 1) samples for pair `p` of stream `stream` (Box-Muller on one 64-bit hash).
fn normal_pair(stream: u64, p: u64) -> (f32, f32) {
    let h = splitmix(stream ^ splitmix(p));
    let u1 = ((h >> 40) as f32 + 1.0) * (1.0 / 16_777_216.0); // (0, 1]
    let u2 = (h & 0xFF_FFFF) as f32 * (1.0 / 16_777_216.0); // [0, 1)
    let r = (-2.0 * u1.ln()).sqrt();
    let (s, c) = (std::f32::consts::TAU * u2).sin_cos();
    (r * c, r * s)
}

/// Uppercase hex, as MLIR prints blobs, encoded in parallel chunks.
pub fn write_hex(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    const CHUNK: usize = 1 << 22;
    for group in bytes.chunks(CHUNK * 8) {
        let encoded: Vec<Vec<u8>> = group
            .par_chunks(CHUNK)
            .map(|c| {
                let mut s = Vec::with_capacity(c.len() * 2);
                for &b in c {
                    s.push(DIGITS[(b >> 4) as usize]);
                    s.push(DIGITS[(b & 15) as usize]);
                }
                s
            })
            .collect();
        for e in encoded {
            out.write_all(&e)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_normal() {
        let m = ModelSpec::named("small", 7).unwrap();
        let w = &m.weights()[0];
        let a = m.generate(w);
        assert_eq!(a, m.generate(w));
        let n = a.len() as f64;
        let mean = a.iter().map(|v| f64::from(v.to_f32())).sum::<f64>() / n;
        let sd = (energy(&a) / n - mean * mean).sqrt();
        assert!(mean.abs() < 1e-3, "{mean}");
        assert!((sd - 0.02).abs() < 2e-4, "{sd}");
        assert_eq!(m.params(), 4 * 512 * 512 + 2 * 512 * 1376);
    }
}
