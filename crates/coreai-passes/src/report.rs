//! The compression report: one entry per float `coreai.constant` a pass considered, with the
//! decision, sizes, bits per weight and the reconstruction error computed with the decoders,
//! plus module totals. Written as JSON (`report=<file>`), emitted as remarks (`report` without
//! a path), or returned by the Rust API. Modelled on coremltools' `get_weights_metadata`,
//! extended with error figures.

use crate::{ir::Op, options::Report};
use std::{
    fmt::Write as _,
    path::PathBuf,
    sync::{Arc, Mutex},
};

/// Where a pass run reports what it did.
#[derive(Clone, Debug, Default)]
pub(crate) struct ReportConfig {
    /// Write a JSON report to this file.
    pub json: Option<PathBuf>,
    /// Emit one remark per considered constant.
    pub remarks: bool,
    /// Collect the report for the Rust API.
    pub sink: Option<Arc<Mutex<Vec<CompressionReport>>>>,
    /// The options text, for the report header.
    pub options: String,
}

impl ReportConfig {
    /// The destinations of the `report` option; `options` is the option text as given.
    pub fn new(report: &Report, options: &str) -> Self {
        ReportConfig {
            json: match report {
                Report::Json(path) => Some(path.clone()),
                _ => None,
            },
            remarks: *report == Report::Remarks,
            sink: None,
            options: options.to_string(),
        }
    }

    /// A report collected for the Rust API (and written where `report` says).
    pub fn collected(report: &Report, sink: Arc<Mutex<Vec<CompressionReport>>>) -> Self {
        ReportConfig {
            sink: Some(sink),
            ..ReportConfig::new(report, "")
        }
    }

    /// Whether anything wants the report.
    pub fn wanted(&self) -> bool {
        self.json.is_some() || self.remarks || self.sink.is_some()
    }

    /// Writes the JSON file and hands the report to the sink. Returns false after an error
    /// diagnostic at `root` if the file cannot be written.
    pub fn deliver(&self, report: CompressionReport, root: Op<'_>) -> bool {
        let mut ok = true;
        if let Some(path) = &self.json
            && let Err(e) = std::fs::write(path, report.to_json())
        {
            root.emit_error(&format!(
                "cannot write the report to {}: {e}",
                path.display()
            ));
            ok = false;
        }
        if let Some(sink) = &self.sink
            && let Ok(mut sink) = sink.lock()
        {
            sink.push(report);
        }
        ok
    }
}

/// What happened to one constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    /// Replaced by a decompression chain.
    Compressed,
    /// Left unchanged, with the reason.
    Skipped(String),
}

/// The report entry of one constant.
#[derive(Clone, Debug, PartialEq)]
pub struct ConstantReport {
    /// Source location, as MLIR prints it (e.g. `"model.mlir":12:10`).
    pub location: String,
    /// The enclosing `coreai.graph`.
    pub graph: Option<String>,
    /// Weight shape.
    pub shape: Vec<usize>,
    /// Element type, e.g. `f16`.
    pub element_type: String,
    /// The ops using the constant (one entry per use).
    pub consumers: Vec<String>,
    /// Chosen output-channel axis (spec B.3).
    pub output_axis: Option<usize>,
    /// Chosen input-channel axis.
    pub input_axis: Option<usize>,
    /// Compressed or skipped.
    pub decision: Decision,
    /// Bytes of the original data.
    pub bytes_before: usize,
    /// Bytes of every constant of the decompression chain (equal to `bytes_before` if
    /// skipped).
    pub bytes_after: usize,
    /// `8 * bytes_after / elements`.
    pub bits_per_weight: f64,
    /// Signal-to-noise ratio of the decoded weights in dB; `None` if skipped or exact.
    pub snr_db: Option<f64>,
    /// Largest absolute reconstruction error; `None` if skipped.
    pub max_abs_error: Option<f64>,
}

/// Error figures of a reconstruction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ErrorStats {
    /// SNR in dB (`None` when the reconstruction is exact).
    pub snr_db: Option<f64>,
    /// Largest absolute error.
    pub max_abs_error: f64,
    /// Sum of squared errors.
    pub sse: f64,
    /// Sum of squared weights.
    pub energy: f64,
}

/// Compares decoded weights with the originals.
pub fn error_stats(original: impl Iterator<Item = f32>, decoded: &[f32]) -> ErrorStats {
    let mut sse = 0f64;
    let mut energy = 0f64;
    let mut max = 0f64;
    for (w, d) in original.zip(decoded) {
        let e = f64::from(*d) - f64::from(w);
        sse += e * e;
        energy += f64::from(w) * f64::from(w);
        max = max.max(e.abs());
    }
    let snr_db = (sse > 0.0).then(|| 10.0 * (energy.max(f64::MIN_POSITIVE) / sse).log10());
    ErrorStats {
        snr_db,
        max_abs_error: max,
        sse,
        energy,
    }
}

/// The report of one pass run over a module.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompressionReport {
    /// The pass argument, e.g. `coreai-quantize`.
    pub pass: String,
    /// The options the pass ran with, as given.
    pub options: String,
    /// One entry per considered constant, in walk order.
    pub constants: Vec<ConstantReport>,
}

impl CompressionReport {
    /// Number of compressed constants.
    pub fn compressed(&self) -> usize {
        self.constants
            .iter()
            .filter(|c| c.decision == Decision::Compressed)
            .count()
    }

    /// Total bytes before and after.
    pub fn bytes(&self) -> (usize, usize) {
        self.constants
            .iter()
            .fold((0, 0), |(a, b), c| (a + c.bytes_before, b + c.bytes_after))
    }

    /// Total number of weights considered.
    pub fn elements(&self) -> usize {
        self.constants
            .iter()
            .map(|c| c.shape.iter().product::<usize>())
            .sum()
    }

    /// The report as JSON.
    pub fn to_json(&self) -> String {
        let mut s = String::new();
        let (before, after) = self.bytes();
        let elements = self.elements();
        let _ = writeln!(s, "{{");
        let _ = writeln!(s, "  \"pass\": {},", json_string(&self.pass));
        let _ = writeln!(s, "  \"options\": {},", json_string(&self.options));
        let _ = writeln!(s, "  \"constants\": [");
        for (i, c) in self.constants.iter().enumerate() {
            let (decision, reason) = match &c.decision {
                Decision::Compressed => ("compressed", None),
                Decision::Skipped(r) => ("skipped", Some(r.as_str())),
            };
            let _ = write!(
                s,
                "    {{\"location\": {}, \"graph\": {}, \"shape\": [{}], \"element_type\": {}, \"consumers\": [{}], \
                 \"output_axis\": {}, \"input_axis\": {}, \"decision\": {}, \"reason\": {}, \"bytes_before\": {}, \
                 \"bytes_after\": {}, \"bits_per_weight\": {}, \"snr_db\": {}, \"max_abs_error\": {}}}",
                json_string(&c.location),
                c.graph.as_deref().map_or("null".into(), json_string),
                c.shape
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                json_string(&c.element_type),
                c.consumers
                    .iter()
                    .map(|x| json_string(x))
                    .collect::<Vec<_>>()
                    .join(", "),
                json_opt(c.output_axis.map(|v| v as f64)),
                json_opt(c.input_axis.map(|v| v as f64)),
                json_string(decision),
                reason.map_or("null".into(), json_string),
                c.bytes_before,
                c.bytes_after,
                json_num(c.bits_per_weight),
                json_opt(c.snr_db),
                json_opt(c.max_abs_error),
            );
            let _ = writeln!(
                s,
                "{}",
                if i + 1 < self.constants.len() {
                    ","
                } else {
                    ""
                }
            );
        }
        let _ = writeln!(s, "  ],");
        let _ = writeln!(
            s,
            "  \"totals\": {{\"constants\": {}, \"compressed\": {}, \"elements\": {}, \"bytes_before\": {}, \
             \"bytes_after\": {}, \"bits_per_weight\": {}, \"compression_ratio\": {}}}",
            self.constants.len(),
            self.compressed(),
            elements,
            before,
            after,
            json_num(if elements > 0 {
                8.0 * after as f64 / elements as f64
            } else {
                0.0
            }),
            json_num(if after > 0 {
                before as f64 / after as f64
            } else {
                0.0
            }),
        );
        let _ = writeln!(s, "}}");
        s
    }

    /// One remark text per constant.
    pub fn remark_text(c: &ConstantReport) -> String {
        let shape = c
            .shape
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("x");
        match &c.decision {
            Decision::Compressed => format!(
                "compressed {shape}x{}: {} -> {} bytes, {:.3} bits/weight, SNR {}, max abs error {}",
                c.element_type,
                c.bytes_before,
                c.bytes_after,
                c.bits_per_weight,
                c.snr_db
                    .map_or("exact".to_string(), |v| format!("{v:.2} dB")),
                c.max_abs_error
                    .map_or("0".to_string(), |v| format!("{v:.3e}")),
            ),
            Decision::Skipped(reason) => format!("skipped {shape}x{}: {reason}", c.element_type),
        }
    }
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_num(v: f64) -> String {
    if v.is_finite() {
        format!("{}", (v * 1e6).round() / 1e6)
    } else {
        "null".into()
    }
}

fn json_opt(v: Option<f64>) -> String {
    v.map_or("null".into(), json_num)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_stats_and_json() {
        let s = error_stats([1.0f32, -2.0].into_iter(), &[1.0, -1.0]);
        assert_eq!(s.max_abs_error, 1.0);
        assert!((s.snr_db.unwrap() - 10.0 * (5.0f64).log10()).abs() < 1e-12);
        assert_eq!(error_stats([1.0f32].into_iter(), &[1.0]).snr_db, None);
        let r = CompressionReport {
            pass: "coreai-quantize".into(),
            options: "dtype=\"int8\"".into(),
            constants: vec![ConstantReport {
                location: "\"a.mlir\":1:2".into(),
                graph: Some("main".into()),
                shape: vec![2, 2],
                element_type: "f16".into(),
                consumers: vec!["coreai.batch_matmul".into()],
                output_axis: Some(1),
                input_axis: Some(0),
                decision: Decision::Compressed,
                bytes_before: 8,
                bytes_after: 4,
                bits_per_weight: 8.0,
                snr_db: Some(40.0),
                max_abs_error: Some(0.01),
            }],
        };
        let j = r.to_json();
        assert!(j.contains("\"location\": \"\\\"a.mlir\\\":1:2\""));
        assert!(j.contains("\"options\": \"dtype=\\\"int8\\\"\""));
        assert!(j.contains("\"compression_ratio\": 2"));
    }
}
