//! The driver shared by the compression passes: find eligible constants (spec B), compute
//! their decompression chains in parallel, then rewrite the IR sequentially in walk order.
//!
//! ## Parallelisation and determinism
//! Chains are computed with rayon across constants (and inside the kernels, across blocks and
//! groups); the kernels combine partial results in a fixed order, so each chain is the same
//! for any thread count. IR is only touched on the pass's thread, in walk order, so resource
//! names and op order are deterministic too.

use crate::{
    chain::Chain,
    constants::{ConstantFactory, Weights, weights},
    diagnostics,
    eligibility::{self, Candidate, Ineligible},
    ir::Op,
    options::{OptionError, ParsedOptions},
    progress::Progress,
    registry::{ErasedBody, PassBody, PassFailed, PassInfo, create_pass},
    report::{CompressionReport, ConstantReport, Decision, error_stats},
};
use melior::pass::Pass;
use rayon::prelude::*;
use std::{
    path::PathBuf,
    sync::{Arc, Mutex},
};

/// Where a pass reports what it did.
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
    /// Parses the `report` option: a path writes JSON, an empty value (bare `report`) emits
    /// remarks.
    pub fn from_option(value: Option<String>, options: &str) -> Self {
        match value {
            None => ReportConfig {
                options: options.to_string(),
                ..Default::default()
            },
            Some(v) if v.is_empty() || v == "true" => ReportConfig {
                remarks: true,
                options: options.to_string(),
                ..Default::default()
            },
            Some(v) => ReportConfig {
                json: Some(PathBuf::from(v)),
                options: options.to_string(),
                ..Default::default()
            },
        }
    }

    fn wanted(&self) -> bool {
        self.json.is_some() || self.remarks || self.sink.is_some()
    }
}

/// Why a candidate was not compressed by a pass.
pub(crate) struct Skip {
    pub reason: String,
}

impl<E: std::fmt::Display> From<E> for Skip {
    fn from(e: E) -> Self {
        Skip {
            reason: e.to_string(),
        }
    }
}

/// The options of a compression pass, which also do the compression: parsing and validation
/// here, the chain of one weight in [`Compressor`]. [`CompressionPass`] wraps them into an MLIR
/// pass, the same way for every compression pass.
pub(crate) trait CompressionOptions: Compressor + Clone + Send + Sized + 'static {
    /// The pass declaration.
    fn info() -> &'static PassInfo;
    /// Builds the options from parsed text (and validates them).
    fn from_parsed(o: &ParsedOptions) -> Result<Self, OptionError>;
    /// Checks the options (spec section A).
    fn validate(&self) -> Result<(), OptionError>;
    /// Runs the pass (palettize overrides it to run in its own thread pool).
    fn run(&self, root: Op, report: &ReportConfig) -> Result<(), PassFailed> {
        run_compression(root, self, report)
    }
}

/// A compression pass: its options and where it reports.
#[derive(Clone)]
pub(crate) struct CompressionPass<O> {
    pub options: O,
    pub report: ReportConfig,
}

impl<O: CompressionOptions> PassBody for CompressionPass<O> {
    fn info(&self) -> &'static PassInfo {
        O::info()
    }

    fn run_on(&mut self, root: Op) -> Result<(), PassFailed> {
        self.options.run(root, &self.report)
    }
}

/// Parses options in MLIR's syntax for `O`'s pass.
pub(crate) fn parse_options<O: CompressionOptions>(text: &str) -> Result<O, OptionError> {
    let info = O::info();
    O::from_parsed(&ParsedOptions::parse(info.argument, info.options, text)?)
}

/// The factory registered for `O`'s pass: options text to pass.
pub(crate) fn create_from_text<O: CompressionOptions>(
    text: &str,
) -> Result<Box<dyn ErasedBody>, OptionError> {
    let info = O::info();
    let parsed = ParsedOptions::parse(info.argument, info.options, text)?;
    let options = O::from_parsed(&parsed)?;
    let report = ReportConfig::from_option(parsed.string("report"), text);
    Ok(Box::new(CompressionPass { options, report }))
}

/// `O`'s pass with the given options and report destination.
pub(crate) fn create_with_report<O: CompressionOptions>(
    options: &O,
    report: ReportConfig,
) -> Result<Pass, OptionError> {
    options.validate()?;
    Ok(create_pass(CompressionPass {
        options: options.clone(),
        report,
    }))
}

/// One compression pass: builds the decompression chain of an eligible constant.
pub(crate) trait Compressor: Sync {
    /// The pass argument.
    fn argument(&self) -> &'static str;
    /// The verb of warnings: "quantize", "palettize" or "sparsify".
    fn verb(&self) -> &'static str;
    /// `weight-num-threshold`.
    fn threshold(&self) -> u64;
    /// The chain replacing `candidate`, computed without touching IR.
    fn plan(&self, candidate: &Candidate, weights: &Weights<'_>) -> Result<Chain, Skip>;
}

struct Planned {
    chain: Result<Chain, Skip>,
    stats: Option<crate::report::ErrorStats>,
}

fn original_values<'a>(w: &'a Weights<'_>) -> Box<dyn Iterator<Item = f32> + 'a> {
    match w {
        Weights::F16(v) => Box::new(v.iter().map(|x| x.to_f32())),
        Weights::BF16(v) => Box::new(v.iter().map(|x| x.to_f32())),
        Weights::F32(v) => Box::new(v.iter().copied()),
    }
}

/// Runs a compression pass on `root`.
pub(crate) fn run_compression(
    root: Op,
    pass: &dyn Compressor,
    report: &ReportConfig,
) -> Result<(), PassFailed> {
    let want_report = report.wanted();
    let mut entries: Vec<Option<ConstantReport>> = Vec::new();
    let mut locations: Vec<mlir_sys::MlirLocation> = Vec::new();
    let mut candidates: Vec<(usize, Candidate)> = Vec::new();
    for (op, class) in eligibility::classify_all(root, pass.threshold()) {
        locations.push(op.loc());
        match class {
            Ok(c) => {
                entries.push(None);
                candidates.push((entries.len() - 1, c));
            }
            Err(why) => {
                let reason = match why {
                    Ineligible::Silent(reason) => reason.map(str::to_string),
                    Ineligible::Unused => {
                        let msg = "unused constant left uncompressed".to_string();
                        diagnostics::remark(op, &msg);
                        Some(msg)
                    }
                    Ineligible::Ambiguous { first, other, user } => {
                        let msg = format!(
                            "uses disagree on the channel axes (output/input {}/{} vs {}/{}); skipped this constant",
                            axis_text(first.out),
                            axis_text(first.input),
                            axis_text(other.out),
                            axis_text(other.input)
                        );
                        diagnostics::warning_with_note(
                            op,
                            &msg,
                            user,
                            "this use implies different axes",
                        );
                        Some(msg)
                    }
                    Ineligible::Unreadable(e) => {
                        let msg = format!("cannot read the constant: {e}; skipped this constant");
                        diagnostics::warning(op, &msg);
                        Some(msg)
                    }
                };
                entries.push(reason.and_then(|r| want_report.then(|| skipped_entry(op, r))));
            }
        }
    }

    let total_bytes: u64 = candidates
        .iter()
        .map(|(_, c)| c.data.bytes.len() as u64)
        .sum();
    let progress = Progress::new(pass.argument(), candidates.len(), total_bytes);
    let planned: Vec<Planned> = candidates
        .par_iter()
        .map(|(_, c)| {
            let planned = match weights(&c.data) {
                Ok(w) => {
                    let chain = pass.plan(c, &w);
                    let stats = match (&chain, want_report) {
                        (Ok(chain), true) => chain
                            .evaluate()
                            .ok()
                            .map(|decoded| error_stats(original_values(&w), &decoded)),
                        _ => None,
                    };
                    Planned { chain, stats }
                }
                Err(e) => Planned {
                    chain: Err(Skip { reason: e }),
                    stats: None,
                },
            };
            progress.step(c.data.bytes.len() as u64);
            planned
        })
        .collect();

    let mut factory = ConstantFactory::default();
    let mut failed = false;
    for ((index, c), planned) in candidates.into_iter().zip(planned) {
        let mut entry = want_report.then(|| candidate_entry(&c));
        match planned.chain {
            Ok(mut chain) => {
                let bytes_after = chain.constant_bytes();
                let warnings = std::mem::take(&mut chain.warnings);
                match chain.emit(c.op, &mut factory) {
                    Ok(value) => {
                        for w in &warnings {
                            diagnostics::warning(c.op, w);
                        }
                        c.op.result(0).replace_all_uses_with(value);
                        c.op.erase();
                        if let Some(e) = entry.as_mut() {
                            e.decision = Decision::Compressed;
                            e.bytes_after = bytes_after;
                            e.bits_per_weight =
                                8.0 * e.bytes_after as f64 / c.num_elements().max(1) as f64;
                            e.snr_db = planned.stats.and_then(|s| s.snr_db);
                            e.max_abs_error = planned.stats.map(|s| s.max_abs_error);
                        }
                    }
                    Err(e) => {
                        diagnostics::error(c.op, &format!("cannot build the compressed form: {e}"));
                        failed = true;
                    }
                }
            }
            Err(skip) => {
                let msg = format!(
                    "Failed to {} op: {}. Skipped this op.",
                    pass.verb(),
                    skip.reason
                );
                diagnostics::warning(c.op, &msg);
                if let Some(e) = entry.as_mut() {
                    e.decision = Decision::Skipped(skip.reason);
                }
            }
        }
        entries[index] = entry;
    }

    if want_report {
        if report.remarks {
            // At the constant's location, which the replacement ops carry too.
            for (loc, c) in locations.iter().zip(&entries) {
                if let Some(c) = c {
                    diagnostics::remark_at(*loc, &CompressionReport::remark_text(c));
                }
            }
        }
        let report_value = CompressionReport {
            pass: pass.argument().to_string(),
            options: report.options.clone(),
            constants: entries.into_iter().flatten().collect(),
        };
        if let Some(path) = &report.json
            && let Err(e) = std::fs::write(path, report_value.to_json())
        {
            diagnostics::error(
                root,
                &format!("cannot write the report to {}: {e}", path.display()),
            );
            failed = true;
        }
        if let Some(sink) = &report.sink
            && let Ok(mut sink) = sink.lock()
        {
            sink.push(report_value);
        }
    }
    if failed { Err(PassFailed) } else { Ok(()) }
}

fn axis_text(a: Option<usize>) -> String {
    a.map_or("-".into(), |v| v.to_string())
}

fn candidate_entry(c: &Candidate) -> ConstantReport {
    let bytes = c.data.bytes.len();
    ConstantReport {
        location: c.op.loc_string(),
        graph: c.graph.clone(),
        shape: c.shape.clone(),
        element_type: c.data.elem.to_string(),
        consumers: c.consumers.iter().map(|s| s.to_string()).collect(),
        output_axis: c.axes.out,
        input_axis: c.axes.input,
        decision: Decision::Skipped(String::new()),
        bytes_before: bytes,
        bytes_after: bytes,
        bits_per_weight: 8.0 * bytes as f64 / c.num_elements().max(1) as f64,
        snr_db: None,
        max_abs_error: None,
    }
}

fn skipped_entry(op: Op, reason: String) -> ConstantReport {
    let (shape, elem, bytes) = match crate::constants::read_constant(op) {
        Ok(d) => (d.shape.clone(), d.elem.to_string(), d.storage_bytes()),
        Err(_) => (Vec::new(), String::new(), 0),
    };
    let n = crate::constants::checked_elements(&shape).unwrap_or(usize::MAX);
    ConstantReport {
        location: op.loc_string(),
        graph: eligibility::graph_name(op),
        shape,
        element_type: elem,
        consumers: op
            .result(0)
            .uses()
            .iter()
            .map(|u| u.owner.name().to_string())
            .collect(),
        output_axis: None,
        input_axis: None,
        decision: Decision::Skipped(reason),
        bytes_before: bytes,
        bytes_after: bytes,
        bits_per_weight: 8.0 * bytes as f64 / n.max(1) as f64,
        snr_db: None,
        max_abs_error: None,
    }
}
