//! `--coreai-report`: the compression report of an already compressed program (made by our
//! passes or by the reference), computed by decoding each decompression chain.
//!
//! Every operand of a non-decompression op that is produced by a chain (`blockwise_shift_scale`,
//! `lut_to_dense`, `cast`, `sparse_with_bitmask_to_dense`) over constants is a compressed
//! weight; float constants of more than `weight-num-threshold` elements used directly are
//! reported as uncompressed (the float test and the threshold of spec B.1, from
//! `eligibility`). With `original=<file>` (the uncompressed program), weights are matched by
//! graph, consumer position and operand number, and the SNR and maximum error of every decoded
//! weight are reported too.

use crate::{
    constants::{ConstantError, ResultTypeError, dense_result, read_constant},
    eligibility,
    ir::{self, Op, OwnedModule, Value, names},
    options::{OptionDecl, OptionError, PassOptions, Report, WEIGHT_NUM_THRESHOLD, pass_options},
    pass::{PassBody, PassFailed, PassId, PassInfo, create_pass},
    report::{CompressionReport, ConstantReport, Decision, ReportConfig, error_stats},
};
use coreai_compress::chain::{EvalError, OpKind, Tensor, checked_elements, eval_op};
use melior::pass::Pass;
use std::collections::HashMap;
use thiserror::Error;

pass_options! {
    /// Options of `--coreai-report`.
    pub struct ReportOptions for "coreai-report" {
        /// The uncompressed program (text or bytecode), to report the reconstruction error;
        /// empty for none.
        original: String = OptionDecl {
            name: "original",
            default: String::new(),
            help: "the uncompressed program (text or bytecode), to report the reconstruction error",
            values: None,
        },
        /// Dense float constants with at most this many elements are not listed.
        weight_num_threshold: u64 = OptionDecl {
            help: "dense float constants with at most this many elements are not listed",
            ..WEIGHT_NUM_THRESHOLD
        },
        /// Where to report: remarks unless a JSON file is given.
        report: Report = OptionDecl {
            name: "report",
            default: Report::Remarks,
            help: "write the JSON report to this file; `report` without a path (or no report option) emits remarks, `report=false` nothing",
            values: None,
        },
    }
}

static ID: PassId = PassId::new();

/// The declaration of `--coreai-report`.
pub static INFO: PassInfo = PassInfo {
    argument: ReportOptions::PASS,
    name: "CoreAIReport",
    summary: "report the compressed weights of a program by decoding each chain",
    description: r#"An analysis pass: the IR is not changed. For each weight it reports the
decompression chain's storage (bytes, bits per weight) and, given the uncompressed program with
`original=<file>`, the SNR and maximum absolute error of the decoded weight. It works on the
output of any producer of Core AI compression, e.g. coreai-opt (Python):

```
coreai-opt compressed.mlir --coreai-report="original=model.mlir report=report.json" -o /dev/null
```"#,
    options: ReportOptions::table,
    create,
};

#[derive(Clone)]
struct ReportPass {
    original: Option<String>,
    threshold: u64,
    report: ReportConfig,
}

fn create(text: &str) -> Result<Pass, OptionError> {
    let options = ReportOptions::from_option_string(text)?;
    let report = ReportConfig::new(&options.report, text);
    Ok(create_with_report(&options, report))
}

/// Creates `--coreai-report` for a melior `PassManager`, writing JSON to `json` if given
/// (remarks otherwise).
pub fn create_report_pass(original: Option<&str>, json: Option<&str>) -> Pass {
    let options = ReportOptions {
        original: original.unwrap_or_default().to_string(),
        report: json.map_or(Report::Remarks, |p| Report::Json(p.into())),
        ..Default::default()
    };
    create_with_report(&options, ReportConfig::new(&options.report, ""))
}

/// The pass for `options`, reporting to `report`.
pub(crate) fn create_with_report(options: &ReportOptions, report: ReportConfig) -> Pass {
    create_pass(
        ReportPass {
            original: Some(options.original.clone()).filter(|s| !s.is_empty()),
            threshold: options.weight_num_threshold,
            report,
        },
        &ID,
    )
}

/// A weight use: (graph, consumer position among non-weight ops, operand number).
type Key = (String, usize, usize);

/// Whether `op` is a decompression op.
fn is_chain_op(op: Op<'_>) -> bool {
    OpKind::from_name(op.name()).is_some()
}

/// Every weight operand under `root`: the key, the consumer and the value.
fn weight_uses(root: Op<'_>) -> Vec<(Key, Op<'_>, Value<'_>)> {
    let mut out = Vec::new();
    let mut ordinals: HashMap<String, usize> = HashMap::new();
    for op in ir::collect_ops(root, |op| op.ancestor(names::GRAPH).is_some()) {
        if op.is(names::CONSTANT) || is_chain_op(op) {
            continue;
        }
        let graph = eligibility::graph_name(op).unwrap_or_default();
        let ordinal = ordinals.entry(graph.clone()).or_default();
        for (i, v) in op.operands().enumerate() {
            if v.defining_op()
                .is_some_and(|d| d.is(names::CONSTANT) || is_chain_op(d))
            {
                out.push(((graph.clone(), *ordinal, i), op, v));
            }
        }
        *ordinal += 1;
    }
    out
}

/// Why a compressed weight cannot be decoded.
#[derive(Debug, Error, Clone, PartialEq)]
enum DecodeError {
    /// A constant of the chain cannot be read.
    #[error(transparent)]
    Constant(#[from] ConstantError),
    /// A chain op without a dense result type.
    #[error(transparent)]
    ResultType(#[from] ResultTypeError),
    /// A chain op that does not evaluate.
    #[error(transparent)]
    Eval(#[from] EvalError),
}

/// Decodes the value `v` (a constant or a chain over constants) and collects the bytes and
/// op names of the chain. `None` if something in it is not a constant.
fn decode(
    v: Value<'_>,
    bytes: &mut usize,
    forms: &mut Vec<String>,
) -> Result<Option<Tensor>, DecodeError> {
    let Some(op) = v.defining_op() else {
        return Ok(None);
    };
    if op.is(names::CONSTANT) {
        let data = read_constant(op)?;
        *bytes += data.stored_bytes();
        return Ok(Some(data.to_tensor()?));
    }
    let Some(kind) = OpKind::from_name(op.name()) else {
        return Ok(None);
    };
    let mut inputs = Vec::new();
    for operand in op.operands() {
        match decode(operand, bytes, forms)? {
            Some(t) => inputs.push(t),
            None => return Ok(None),
        }
    }
    let (result, _) = dense_result(op)?;
    forms.push(op.name().trim_start_matches("coreai.").to_string());
    let refs: Vec<&Tensor> = inputs.iter().collect();
    Ok(Some(eval_op(kind, &refs, &result)?))
}

/// The dense weights of the original program, by key.
fn original_weights(root: Op<'_>) -> HashMap<Key, Vec<f32>> {
    let mut out = HashMap::new();
    for (key, _, v) in weight_uses(root) {
        let mut bytes = 0;
        let mut forms = Vec::new();
        if let Ok(Some(t)) = decode(v, &mut bytes, &mut forms) {
            out.insert(key, t.values);
        }
    }
    out
}

impl PassBody for ReportPass {
    fn info(&self) -> &'static PassInfo {
        &INFO
    }

    fn run_on(&mut self, root: Op<'_>) -> Result<(), PassFailed> {
        let originals = match &self.original {
            None => HashMap::new(),
            Some(path) => match OwnedModule::parse_file(root.context(), path) {
                Some(module) => original_weights(module.body()),
                None => {
                    root.emit_error(&format!("cannot parse the original program {path}"));
                    return Err(PassFailed);
                }
            },
        };
        let mut constants = Vec::new();
        let mut failed = false;
        for (key, user, v) in weight_uses(root) {
            let def = v.defining_op().unwrap_or(user);
            let Some(tt) = v.ty().tensor() else {
                continue;
            };
            let Some(shape) = tt.static_shape() else {
                continue;
            };
            let Some(elem) = tt.elem.elem_type() else {
                continue;
            };
            let n = checked_elements(&shape).unwrap_or(usize::MAX);
            let is_float = eligibility::float_type(elem).is_some();
            let compressed = !def.is(names::CONSTANT);
            if !is_float || (!compressed && !eligibility::above_threshold(n as u64, self.threshold))
            {
                continue;
            }
            let mut bytes = 0;
            let mut forms = Vec::new();
            let decoded = match decode(v, &mut bytes, &mut forms) {
                Ok(Some(t)) => t,
                Ok(None) => continue,
                Err(e) => {
                    def.emit_error(&format!("cannot decode this weight: {e}"));
                    failed = true;
                    continue;
                }
            };
            let stats = originals
                .get(&key)
                .filter(|o| o.len() == decoded.values.len())
                .map(|o| error_stats(o.iter().copied(), &decoded.values));
            let before = elem.storage_len(n).unwrap_or(0);
            let entry = ConstantReport {
                location: def.loc().text(),
                graph: Some(key.0.clone()),
                shape: shape.clone(),
                element_type: elem.to_string(),
                consumers: vec![user.name().to_string()],
                output_axis: None,
                input_axis: None,
                decision: if compressed {
                    Decision::Compressed
                } else {
                    Decision::Skipped("not compressed".into())
                },
                bytes_before: before,
                bytes_after: bytes,
                bits_per_weight: 8.0 * bytes as f64 / n.max(1) as f64,
                snr_db: stats.and_then(|s| s.snr_db),
                max_abs_error: stats.map(|s| s.max_abs_error),
            };
            if self.report.remarks {
                let text = CompressionReport::remark_text(&entry);
                let chain = if forms.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", forms.join(" -> "))
                };
                def.emit_remark(&format!("{text}{chain}"));
            }
            constants.push(entry);
        }
        let report = CompressionReport {
            pass: INFO.argument.to_string(),
            options: self.report.options.clone(),
            constants,
        };
        if !self.report.deliver(report, root) {
            failed = true;
        }
        if failed { Err(PassFailed) } else { Ok(()) }
    }
}
