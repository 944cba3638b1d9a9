//! `--coreai-report`: the compression report of an already compressed program (made by our
//! passes or by the reference), computed by decoding each decompression chain.
//!
//! Every operand of a non-decompression op that is produced by a chain (`blockwise_shift_scale`,
//! `lut_to_dense`, `cast`, `sparse_with_bitmask_to_dense`) over constants is a compressed
//! weight; float constants of more than `weight-num-threshold` elements used directly are
//! reported as uncompressed. With `original=<file>` (the uncompressed program), weights are
//! matched by graph, consumer position and operand number, and the SNR and maximum error of
//! every decoded weight are reported too.

use crate::{
    chain::ResultType,
    compress::ReportConfig,
    constants::read_constant,
    diagnostics, eligibility,
    eval::{self, Tensor},
    ir::{self, Op, TensorType, Val},
    options::{OptionError, OptionKind, OptionSpec, ParsedOptions},
    registry::{ErasedBody, PassBody, PassFailed, PassId, PassInfo, create_pass},
    report::{CompressionReport, ConstantReport, Decision, error_stats},
};
use melior::pass::Pass;
use std::collections::HashMap;

static OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        name: "original",
        kind: OptionKind::Path,
        default: "",
        help: "the uncompressed program (text or bytecode), to report the reconstruction error",
    },
    OptionSpec {
        name: "weight-num-threshold",
        kind: OptionKind::UInt,
        default: "1024",
        help: "dense float constants with at most this many elements are not listed",
    },
    OptionSpec {
        name: "report",
        kind: OptionKind::Path,
        default: "",
        help: "write the JSON report to this file; `report` without a path (or no report option) emits remarks",
    },
];

/// The declaration of `--coreai-report`.
pub static INFO: PassInfo = PassInfo {
    argument: "coreai-report",
    name: "CoreAIReport",
    summary: "report the compressed weights of a program by decoding each chain",
    description: r#"An analysis pass: the IR is not changed. For each weight it reports the
decompression chain's storage (bytes, bits per weight) and, given the uncompressed program with
`original=<file>`, the SNR and maximum absolute error of the decoded weight. It works on the
output of any producer of Core AI compression, e.g. coreai-opt (Python):

```
coreai-opt compressed.mlir --coreai-report="original=model.mlir report=report.json" -o /dev/null
```"#,
    options: OPTIONS,
    implied: None,
    create,
    id: &ID,
};

static ID: PassId = PassId;

#[derive(Clone)]
struct ReportPass {
    original: Option<String>,
    threshold: u64,
    report: ReportConfig,
}

fn create(text: &str) -> Result<Box<dyn ErasedBody>, OptionError> {
    let parsed = ParsedOptions::parse("coreai-report", OPTIONS, text)?;
    let mut report = ReportConfig::from_option(parsed.string("report"), text);
    if report.json.is_none() {
        report.remarks = true;
    }
    Ok(Box::new(ReportPass {
        original: parsed.string("original").filter(|s| !s.is_empty()),
        threshold: parsed.uint("weight-num-threshold").unwrap_or(1024),
        report,
    }))
}

const CHAIN_OPS: &[&str] = &[
    "coreai.blockwise_shift_scale",
    "coreai.lut_to_dense",
    "coreai.cast",
    "coreai.build_sparse_with_bitmask",
    "coreai.lut_to_sparse_with_bitmask",
    "coreai.sparse_with_bitmask_to_dense",
];

/// A weight use: (graph, consumer position among non-weight ops, operand number).
type Key = (String, usize, usize);

/// Every weight operand under `root`: the key, the consumer and the value.
fn weight_uses(root: Op) -> Vec<(Key, Op, Val)> {
    let mut out = Vec::new();
    let mut ordinals: HashMap<String, usize> = HashMap::new();
    for op in ir::collect_ops(root, |op| op.ancestor("coreai.graph").is_some()) {
        let name = op.name();
        if name == "coreai.constant" || CHAIN_OPS.contains(&name) {
            continue;
        }
        let graph = eligibility::graph_name(op).unwrap_or_default();
        let ordinal = ordinals.entry(graph.clone()).or_default();
        for (i, v) in op.operands().enumerate() {
            if v.defining_op()
                .is_some_and(|d| d.is("coreai.constant") || CHAIN_OPS.contains(&d.name()))
            {
                out.push(((graph.clone(), *ordinal, i), op, v));
            }
        }
        *ordinal += 1;
    }
    out
}

/// Decodes the value `v` (a constant or a chain over constants) and collects the bytes and
/// op names of the chain. `None` if something in it is not a constant.
fn decode(v: Val, bytes: &mut usize, forms: &mut Vec<String>) -> Result<Option<Tensor>, String> {
    let Some(op) = v.defining_op() else {
        return Ok(None);
    };
    if op.is("coreai.constant") {
        let data = read_constant(op)?;
        *bytes += if data.splat {
            data.elem.storage_len(1).unwrap_or(0)
        } else {
            data.storage_bytes()
        };
        return Ok(Some(Tensor::dense(
            data.elem,
            data.shape.clone(),
            data.to_f32()?,
        )));
    }
    if !CHAIN_OPS.contains(&op.name()) {
        return Ok(None);
    }
    let mut inputs = Vec::new();
    for operand in op.operands() {
        match decode(operand, bytes, forms)? {
            Some(t) => inputs.push(t),
            None => return Ok(None),
        }
    }
    let tt = TensorType::of(op.result(0).ty()).ok_or("result is not a ranked tensor")?;
    let shape = tt.static_shape().ok_or("result has a dynamic shape")?;
    let elem = ir::elem_type(tt.elem).ok_or("unsupported result element type")?;
    forms.push(op.name().trim_start_matches("coreai.").to_string());
    let refs: Vec<&Tensor> = inputs.iter().collect();
    eval::eval_op(
        op.name(),
        &refs,
        &ResultType {
            elem,
            shape,
            sparse_nnz: None,
        },
    )
    .map(Some)
}

/// The dense weights of the original program, by key.
fn original_weights(root: Op) -> HashMap<Key, Vec<f32>> {
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

    fn run_on(&mut self, root: Op) -> Result<(), PassFailed> {
        let originals = match &self.original {
            None => HashMap::new(),
            Some(path) => {
                let ctx = root.context();
                // SAFETY: the module is created and destroyed here; the path is copied.
                let module =
                    unsafe { mlir_sys::mlirModuleCreateParseFromFile(ctx, ir::to_ref(path)) };
                if module.ptr.is_null() {
                    diagnostics::error(root, &format!("cannot parse the original program {path}"));
                    return Err(PassFailed);
                }
                let weights =
                    original_weights(Op(unsafe { mlir_sys::mlirModuleGetOperation(module) }));
                unsafe { mlir_sys::mlirModuleDestroy(module) };
                weights
            }
        };
        let mut constants = Vec::new();
        let mut failed = false;
        for (key, user, v) in weight_uses(root) {
            let def = v.defining_op().unwrap_or(user);
            let Some(tt) = TensorType::of(v.ty()) else {
                continue;
            };
            let Some(shape) = tt.static_shape() else {
                continue;
            };
            let Some(elem) = ir::elem_type(tt.elem) else {
                continue;
            };
            let n = crate::constants::checked_elements(&shape).unwrap_or(usize::MAX);
            let is_float = matches!(
                elem,
                coreai_compress::formats::ElemType::F16
                    | coreai_compress::formats::ElemType::BF16
                    | coreai_compress::formats::ElemType::F32
            );
            let compressed = !def.is("coreai.constant");
            if !is_float || (!compressed && (n as u64) <= self.threshold) {
                continue;
            }
            let mut bytes = 0;
            let mut forms = Vec::new();
            let decoded = match decode(v, &mut bytes, &mut forms) {
                Ok(Some(t)) => t,
                Ok(None) => continue,
                Err(e) => {
                    diagnostics::error(def, &format!("cannot decode this weight: {e}"));
                    failed = true;
                    continue;
                }
            };
            let stats = originals
                .get(&key)
                .filter(|o| o.len() == decoded.values.len())
                .map(|o| error_stats(o.iter().copied(), &decoded.values));
            let before = elem.storage_len(n).unwrap_or(0);
            constants.push(ConstantReport {
                location: def.loc_string(),
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
            });
            if self.report.remarks {
                let text = CompressionReport::remark_text(constants.last().expect("just pushed"));
                let chain = if forms.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", forms.join(" -> "))
                };
                diagnostics::remark(def, &format!("{text}{chain}"));
            }
        }
        let report = CompressionReport {
            pass: INFO.argument.to_string(),
            options: self.report.options.clone(),
            constants,
        };
        if let Some(path) = &self.report.json
            && let Err(e) = std::fs::write(path, report.to_json())
        {
            diagnostics::error(
                root,
                &format!("cannot write the report to {}: {e}", path.display()),
            );
            failed = true;
        }
        if let Some(sink) = &self.report.sink
            && let Ok(mut sink) = sink.lock()
        {
            sink.push(report);
        }
        if failed { Err(PassFailed) } else { Ok(()) }
    }
}

/// Creates `--coreai-report` for a melior `PassManager`, writing JSON to `json` if given
/// (remarks otherwise).
pub fn create_report_pass(original: Option<&str>, json: Option<&str>) -> Pass {
    let report = ReportConfig {
        json: json.map(Into::into),
        remarks: json.is_none(),
        ..Default::default()
    };
    create_pass(ReportPass {
        original: original.map(str::to_string),
        threshold: 1024,
        report,
    })
}

pub(crate) fn create_with_report(original: Option<&str>, report: ReportConfig) -> Pass {
    create_pass(ReportPass {
        original: original.map(str::to_string),
        threshold: 1024,
        report,
    })
}
