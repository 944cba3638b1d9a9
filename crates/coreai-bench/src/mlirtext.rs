//! Reads the weights back out of a (decompressed) Core AI text program: the constant behind
//! every `coreai.batch_matmul` y operand (through an optional `coreai.transpose`), in matmul
//! order, with its blob from the `dense_resource` trailer. Used to score the SNR of any
//! program decoded by `coreai-opt --coreai-decompress` (ours or the reference's) against the
//! regenerated originals, streaming (one weight in memory at a time).

use crate::model::{ModelSpec, WeightSpec};
use half::f16;
use rayon::prelude::*;
use std::{
    collections::HashMap,
    fs::File,
    io::{BufRead, BufReader},
    path::Path,
};

/// Reconstruction error over the whole program.
#[derive(Clone, Copy, Debug, Default)]
pub struct ErrorTotals {
    /// Σ (decoded − original)².
    pub sse: f64,
    /// Σ original².
    pub energy: f64,
    /// max |decoded − original|.
    pub max_abs: f64,
    /// Weights compared.
    pub weights: usize,
}

impl ErrorTotals {
    /// 10·log10(energy / sse); `None` when exact.
    pub fn snr_db(&self) -> Option<f64> {
        (self.sse > 0.0).then(|| 10.0 * (self.energy / self.sse).log10())
    }
}

#[derive(Clone, Debug)]
enum Def {
    Resource(String),
    Transpose(String),
    Other,
}

fn ssa_def(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_start();
    if !t.starts_with('%') {
        return None;
    }
    let eq = t.find(" = ")?;
    Some((&t[..eq], &t[eq + 3..]))
}

fn operands(rest: &str, op: &str) -> Vec<String> {
    let body = rest[op.len()..].split(" :").next().unwrap_or("");
    body.split(',').map(|s| s.trim().to_string()).collect()
}

/// Scores `path` against the originals of `model`. Fails if a matmul weight is not a
/// `dense_resource` constant or a blob is missing.
pub fn score_program(path: &Path, model: &ModelSpec) -> Result<ErrorTotals, String> {
    let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut r = BufReader::with_capacity(1 << 20, file);
    let weights = model.weights();
    let mut defs: HashMap<String, Def> = HashMap::new();
    // resource name -> weight indices.
    let mut wanted: HashMap<String, Vec<usize>> = HashMap::new();
    let mut matmuls = 0usize;
    let mut line = Vec::new();
    let mut in_trailer = false;
    let mut totals = ErrorTotals::default();
    let mut seen = vec![false; weights.len()];
    loop {
        line.clear();
        if r.read_until(b'\n', &mut line).map_err(|e| e.to_string())? == 0 {
            break;
        }
        if !in_trailer {
            let l = String::from_utf8_lossy(&line);
            if l.starts_with("{-#") {
                in_trailer = true;
                continue;
            }
            if l.contains("coreai.graph ") {
                defs.clear();
                continue;
            }
            let Some((lhs, rest)) = ssa_def(&l) else {
                continue;
            };
            let def = if let Some(c) = rest.strip_prefix("coreai.constant dense_resource<") {
                Def::Resource(c.split('>').next().unwrap_or("").to_string())
            } else if rest.starts_with("coreai.transpose ") {
                Def::Transpose(operands(rest, "coreai.transpose ")[0].clone())
            } else if rest.starts_with("coreai.batch_matmul ") {
                let ops = operands(rest, "coreai.batch_matmul ");
                let mut y = ops.get(1).cloned().unwrap_or_default();
                if let Some(Def::Transpose(src)) = defs.get(&y) {
                    y = src.clone();
                }
                match defs.get(&y) {
                    Some(Def::Resource(name)) => {
                        wanted.entry(name.clone()).or_default().push(matmuls);
                    }
                    _ => {
                        return Err(format!(
                            "matmul {matmuls}: weight {y} is not a dense_resource constant"
                        ));
                    }
                }
                matmuls += 1;
                Def::Other
            } else {
                Def::Other
            };
            defs.insert(lhs.to_string(), def);
            continue;
        }
        // Trailer: `      name: "0x<align LE32><hex>",`
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let name = String::from_utf8_lossy(&line[..colon]).trim().to_string();
        let Some(idx) = wanted.get(&name) else {
            continue;
        };
        let rest = &line[colon + 1..];
        let start = rest
            .windows(3)
            .position(|w| w == b"\"0x")
            .ok_or_else(|| format!("blob {name} is not a hex string"))?
            + 3
            + 8;
        let end = rest[start..]
            .iter()
            .position(|&b| b == b'"')
            .ok_or("unterminated blob")?
            + start;
        let hex = &rest[start..end];
        for &i in idx {
            let w = &weights[i];
            let e = compare(hex, model, w)?;
            totals.sse += e.sse;
            totals.energy += e.energy;
            totals.max_abs = totals.max_abs.max(e.max_abs);
            totals.weights += 1;
            seen[i] = true;
        }
    }
    if matmuls != weights.len() {
        return Err(format!(
            "found {matmuls} matmuls, the model has {}",
            weights.len()
        ));
    }
    if let Some(i) = seen.iter().position(|s| !s) {
        return Err(format!("no blob for weight {}", weights[i].name));
    }
    Ok(totals)
}

fn nibble(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => 0,
    }
}

fn compare(hex: &[u8], model: &ModelSpec, w: &WeightSpec) -> Result<ErrorTotals, String> {
    let n = w.len();
    if hex.len() != 4 * n {
        return Err(format!(
            "blob of {} holds {} bytes, expected {} f16",
            w.name,
            hex.len() / 2,
            n
        ));
    }
    let orig = model.generate(w);
    const CHUNK: usize = 1 << 16;
    let parts: Vec<ErrorTotals> = orig
        .par_chunks(CHUNK)
        .zip(hex.par_chunks(CHUNK * 4))
        .map(|(o, h)| {
            let mut t = ErrorTotals::default();
            for (x, q) in o.iter().zip(h.chunks_exact(4)) {
                let lo = (nibble(q[0]) << 4) | nibble(q[1]);
                let hi = (nibble(q[2]) << 4) | nibble(q[3]);
                let d = f64::from(f16::from_le_bytes([lo, hi]).to_f32());
                let x = f64::from(x.to_f32());
                let e = d - x;
                t.sse += e * e;
                t.energy += x * x;
                t.max_abs = t.max_abs.max(e.abs());
            }
            t
        })
        .collect();
    Ok(parts
        .iter()
        .fold(ErrorTotals::default(), |a, b| ErrorTotals {
            sse: a.sse + b.sse,
            energy: a.energy + b.energy,
            max_abs: a.max_abs.max(b.max_abs),
            weights: 0,
        }))
}
