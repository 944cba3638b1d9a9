//! The driver shared by the compression passes: find eligible constants (spec B), compute
//! their decompression chains in parallel, then rewrite the IR sequentially in walk order.
//!
//! ## Parallelisation and determinism
//! Chains are computed with rayon across constants (and inside the kernels, across blocks and
//! groups) from plain data ([`Weight`]: shapes and constant bytes borrowed from the context);
//! the kernels combine partial results in a fixed order, so each chain is the same for any
//! thread count. IR is only touched on the pass's thread, in walk order, so resource names and
//! op order are deterministic too.
//!
//! ## Errors
//! A weight the options cannot compress ([`Skip`], built explicitly from real ineligibility)
//! gets a warning and stays; an internal error is an error diagnostic and fails the pass.

use crate::{
    constants::{ConstantFactory, ViewError, weights},
    eligibility::{self, Candidate, Ineligible, Weight},
    emit::emit,
    ir::Op,
    options::{Granularity, OptionError, PassOptions},
    pass::{PassBody, PassFailed, PassId, PassInfo, create_pass},
    progress::Progress,
    report::{CompressionReport, ConstantReport, Decision, ErrorStats, ReportConfig, error_stats},
};
use coreai_compress::chain::{BuildError, Chain, Weights};
use melior::pass::Pass;
use rayon::prelude::*;
use thiserror::Error;

/// Why a weight was not compressed by a pass: a reason the warning and the report show.
pub(crate) struct Skip {
    reason: String,
}

impl Skip {
    /// A skip for `reason` ("cannot compress this weight because ...").
    pub fn new(reason: impl Into<String>) -> Self {
        Skip {
            reason: reason.into(),
        }
    }
}

/// Why a chain was not built.
pub(crate) enum PlanError {
    /// The weight cannot be compressed with these options: a warning.
    Skip(Skip),
    /// Anything else: an error that fails the pass.
    Internal(InternalError),
}

/// A failure that valid options and a readable weight never cause: the pass fails.
#[derive(Debug, Error, Clone, PartialEq)]
pub(crate) enum InternalError {
    /// A chain builder failed.
    #[error(transparent)]
    Build(#[from] coreai_compress::chain::Internal),
    /// An eligible weight whose data is not a float tensor.
    #[error(transparent)]
    View(ViewError),
    /// A granularity `QuantizeOptions::check` rejects.
    #[error("{} is not a quantization granularity", .0.name())]
    QuantizeGranularity(Granularity),
}

impl From<InternalError> for PlanError {
    fn from(e: InternalError) -> Self {
        PlanError::Internal(e)
    }
}

impl From<ViewError> for PlanError {
    fn from(e: ViewError) -> Self {
        match e {
            // A splat too large to materialise: the weight stays as it is.
            ViewError::Size(size) => PlanError::Skip(Skip::new(size.to_string())),
            ViewError::NotWeight(_) => PlanError::Internal(InternalError::View(e)),
        }
    }
}

impl From<Skip> for PlanError {
    fn from(s: Skip) -> Self {
        PlanError::Skip(s)
    }
}

impl From<BuildError> for PlanError {
    fn from(e: BuildError) -> Self {
        match e {
            BuildError::Ineligible(why) => PlanError::Skip(Skip::new(why.to_string())),
            BuildError::Internal(e) => PlanError::Internal(e.into()),
        }
    }
}

/// The checked config of a compression pass, which also does the compression.
pub(crate) trait Compressor: Clone + Send + Sync + 'static {
    /// The pass declaration.
    fn info() -> &'static PassInfo;
    /// The pass type id.
    fn id() -> &'static PassId;
    /// The verb of warnings: "quantize", "palettize" or "sparsify".
    fn verb(&self) -> &'static str;
    /// `weight-num-threshold`.
    fn threshold(&self) -> u64;
    /// `report`.
    fn report(&self) -> &crate::options::Report;
    /// Threads of the pool the chains are computed in (`None`: the current pool).
    fn workers(&self) -> Option<usize> {
        None
    }
    /// The chain replacing `weight` (whose values are `values`), computed without touching
    /// IR.
    fn plan(&self, weight: &Weight<'_>, values: &Weights<'_>) -> Result<Chain, PlanError>;
}

/// The options type of a compression pass: checked into its [`Compressor`].
pub(crate) trait CompressionOptions: PassOptions {
    /// The checked config.
    type Config: Compressor;
    /// Checks the options (spec A).
    fn check_options(&self) -> Result<Self::Config, OptionError>;
}

/// A compression pass: its checked config and where it reports.
#[derive(Clone)]
struct CompressionPass<C> {
    config: C,
    report: ReportConfig,
}

impl<C: Compressor> PassBody for CompressionPass<C> {
    fn info(&self) -> &'static PassInfo {
        C::info()
    }

    fn run_on(&mut self, root: Op<'_>) -> Result<(), PassFailed> {
        run_compression(root, &self.config, &self.report)
    }
}

/// The factory registered for `O`'s pass: options text to pass.
pub(crate) fn create_from_text<O: CompressionOptions>(text: &str) -> Result<Pass, OptionError> {
    let config = O::from_option_string(text)?.check_options()?;
    let report = ReportConfig::new(config.report(), text);
    Ok(create_pass(
        CompressionPass { config, report },
        O::Config::id(),
    ))
}

/// The pass of a checked config, reporting to `report`.
pub(crate) fn create_with_report<C: Compressor>(config: C, report: ReportConfig) -> Pass {
    create_pass(CompressionPass { config, report }, C::id())
}

struct Planned {
    chain: Result<Chain, PlanError>,
    stats: Option<ErrorStats>,
}

/// Computes the chain of every weight, in parallel, in `pass`'s pool.
fn plan_all<C: Compressor>(
    pass: &C,
    weights_to_plan: &[&Weight<'_>],
    want_report: bool,
    progress: &Progress,
) -> Vec<Planned> {
    let plan = || {
        weights_to_plan
            .par_iter()
            .map(|w| {
                let planned = match weights(&w.data) {
                    Ok(values) => {
                        let chain = pass.plan(w, &values);
                        let stats = match (&chain, want_report) {
                            (Ok(chain), true) => chain
                                .evaluate()
                                .ok()
                                .map(|decoded| error_stats(values.values_f32(), &decoded)),
                            _ => None,
                        };
                        Planned { chain, stats }
                    }
                    Err(e) => Planned {
                        chain: Err(e.into()),
                        stats: None,
                    },
                };
                progress.step(w.data.bytes.len() as u64);
                planned
            })
            .collect()
    };
    match pass.workers() {
        Some(n) if n > 0 => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(pool) => pool.install(plan),
            Err(_) => plan(),
        },
        _ => plan(),
    }
}

/// Runs a compression pass on `root`.
fn run_compression<C: Compressor>(
    root: Op<'_>,
    pass: &C,
    report: &ReportConfig,
) -> Result<(), PassFailed> {
    let argument = C::info().argument;
    let want_report = report.wanted();
    let mut entries: Vec<Option<ConstantReport>> = Vec::new();
    let mut locations = Vec::new();
    let mut candidates: Vec<(usize, Candidate<'_>)> = Vec::new();
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
                        op.emit_remark(&msg);
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
                        op.emit_warning_with_note(&msg, user, "this use implies different axes");
                        Some(msg)
                    }
                    Ineligible::Unreadable(e) => {
                        let msg = format!("cannot read the constant: {e}; skipped this constant");
                        op.emit_warning(&msg);
                        Some(msg)
                    }
                };
                entries.push(reason.and_then(|r| want_report.then(|| skipped_entry(op, r))));
            }
        }
    }

    let total_bytes: u64 = candidates
        .iter()
        .map(|(_, c)| c.weight.data.bytes.len() as u64)
        .sum();
    let progress = Progress::new(argument, candidates.len(), total_bytes);
    let to_plan: Vec<&Weight<'_>> = candidates.iter().map(|(_, c)| &c.weight).collect();
    let planned = plan_all(pass, &to_plan, want_report, &progress);

    let mut factory = ConstantFactory::default();
    let mut failed = false;
    for ((index, c), planned) in candidates.into_iter().zip(planned) {
        let mut entry = want_report.then(|| candidate_entry(&c));
        match planned.chain {
            Ok(mut chain) => {
                let bytes_after = chain.constant_bytes();
                let warnings = std::mem::take(&mut chain.warnings);
                match emit(chain, c.op, &mut factory) {
                    Ok(value) => {
                        for w in &warnings {
                            c.op.emit_warning(w);
                        }
                        if let Some(old) = c.op.result(0) {
                            old.replace_all_uses_with(value);
                        }
                        // SAFETY: the constant's only result has no uses left (just replaced),
                        // and its handle is not used again: `c` is consumed by this loop and
                        // no other handle to the op was kept (locations are context data).
                        unsafe { c.op.erase() };
                        if let Some(e) = entry.as_mut() {
                            e.decision = Decision::Compressed;
                            e.bytes_after = bytes_after;
                            e.bits_per_weight =
                                8.0 * e.bytes_after as f64 / c.weight.num_elements().max(1) as f64;
                            e.snr_db = planned.stats.and_then(|s| s.snr_db);
                            e.max_abs_error = planned.stats.map(|s| s.max_abs_error);
                        }
                    }
                    Err(e) => {
                        c.op.emit_error(&format!("cannot build the compressed form: {e}"));
                        failed = true;
                    }
                }
            }
            Err(PlanError::Skip(skip)) => {
                let msg = format!(
                    "Failed to {} op: {}. Skipped this op.",
                    pass.verb(),
                    skip.reason
                );
                c.op.emit_warning(&msg);
                if let Some(e) = entry.as_mut() {
                    e.decision = Decision::Skipped(skip.reason);
                }
            }
            Err(PlanError::Internal(e)) => {
                c.op.emit_error(&format!("internal error in {argument}: {e}"));
                failed = true;
            }
        }
        entries[index] = entry;
    }

    if want_report {
        if report.remarks {
            // At the constant's location, which the replacement ops carry too.
            for (loc, c) in locations.iter().zip(&entries) {
                if let Some(c) = c {
                    loc.emit_remark(&CompressionReport::remark_text(c));
                }
            }
        }
        let report_value = CompressionReport {
            pass: argument.to_string(),
            options: report.options.clone(),
            constants: entries.into_iter().flatten().collect(),
        };
        if !report.deliver(report_value, root) {
            failed = true;
        }
    }
    if failed { Err(PassFailed) } else { Ok(()) }
}

fn axis_text(a: Option<usize>) -> String {
    a.map_or("-".into(), |v| v.to_string())
}

fn candidate_entry(c: &Candidate<'_>) -> ConstantReport {
    let w = &c.weight;
    let bytes = w.data.bytes.len();
    ConstantReport {
        location: c.op.loc().text(),
        graph: c.graph.clone(),
        shape: w.shape.clone(),
        element_type: w.data.elem.to_string(),
        consumers: c.consumers.iter().map(|s| s.to_string()).collect(),
        output_axis: w.axes.out,
        input_axis: w.axes.input,
        decision: Decision::Skipped(String::new()),
        bytes_before: bytes,
        bytes_after: bytes,
        bits_per_weight: 8.0 * bytes as f64 / w.num_elements().max(1) as f64,
        snr_db: None,
        max_abs_error: None,
    }
}

fn skipped_entry(op: Op<'_>, reason: String) -> ConstantReport {
    let (shape, elem, bytes) = match crate::constants::read_constant(op) {
        Ok(d) => (d.shape.clone(), d.elem.to_string(), d.storage_bytes()),
        Err(_) => (Vec::new(), String::new(), 0),
    };
    let n = coreai_compress::chain::checked_elements(&shape).unwrap_or(usize::MAX);
    ConstantReport {
        location: op.loc().text(),
        graph: eligibility::graph_name(op),
        shape,
        element_type: elem,
        consumers: op
            .result(0)
            .map(|r| r.uses())
            .unwrap_or_default()
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
