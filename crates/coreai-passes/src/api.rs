//! A Rust API mirroring `coreai_opt.coreai_utils`: compress the weights of a melior
//! [`Module`] in place and get a per-constant [`CompressionReport`] back.
//!
//! ```
//! use coreai_passes::{api, QuantizeOptions};
//! use melior::ir::Module;
//!
//! let context = coreai_dialect::context();
//! let mut module = Module::parse(&context, r#"
//!   coreai.graph @main(%x: tensor<1x64xf16>) -> tensor<1x32xf16> {
//!     %w = coreai.constant dense<0.5> : tensor<64x32xf16>
//!     %y = coreai.batch_matmul %x, %w : (tensor<1x64xf16>, tensor<64x32xf16>) -> tensor<1x32xf16>
//!     coreai.output %y : tensor<1x32xf16>
//!   }"#).unwrap();
//! let options = QuantizeOptions { weight_num_threshold: 0, ..Default::default() };
//! let report = api::quantize_weights(&mut module, &options)?;
//! assert_eq!(report.compressed(), 1);
//! // A splat weight quantizes to splat codes: well under 8 bits per weight.
//! assert!(report.constants[0].bits_per_weight < 8.0);
//! assert_eq!(report.constants[0].max_abs_error, Some(0.0));
//! # Ok::<(), api::CompressError>(())
//! ```

use crate::{
    compress::{CompressionOptions, Compressor, create_with_report},
    constants::read_value,
    ir,
    options::{OptionError, Report},
    palettize::PalettizeOptions,
    quantize::QuantizeOptions,
    registry,
    report::{CompressionReport, ReportConfig},
    report_pass::{self, ReportOptions},
    sparsify::SparsifyOptions,
};
use melior::{
    diagnostic::DiagnosticSeverity,
    ir::{Module, operation::OperationLike},
    pass::{Pass, PassManager},
};
use std::sync::{Arc, Mutex};

/// A failed compression call.
#[derive(Debug, thiserror::Error)]
pub enum CompressError {
    /// Invalid options (spec A).
    #[error(transparent)]
    Options(#[from] OptionError),
    /// The pass failed; the error diagnostics it emitted.
    #[error("compression failed: {}", .0.join("; "))]
    Failed(Vec<String>),
}

/// A value that is not a readable `coreai.constant`.
pub use crate::constants::ConstantError;

/// A file that cannot be loaded as a module.
#[derive(Debug, thiserror::Error)]
#[error("cannot parse {}", .path.display())]
pub struct LoadError {
    /// The file.
    pub path: std::path::PathBuf,
}

/// Runs one pass on `module`, collecting its report and its error diagnostics.
fn run(
    module: &mut Module,
    make: impl FnOnce(Arc<Mutex<Vec<CompressionReport>>>) -> Pass,
) -> Result<CompressionReport, CompressError> {
    registry::register_passes();
    let sink = Arc::new(Mutex::new(Vec::new()));
    let pass = make(sink.clone());
    let context_ref = module.context();
    let context = ir::context_of(&context_ref);
    let errors: Arc<Mutex<Vec<String>>> = Arc::default();
    let collected = errors.clone();
    let handler = context.attach_diagnostic_handler(move |d| {
        if matches!(d.severity(), DiagnosticSeverity::Error)
            && let Ok(mut e) = collected.lock()
        {
            e.push(format!("{}: {}", d.location(), d));
        }
        true
    });
    let pm = PassManager::new(context);
    pm.add_pass(pass);
    let result = pm.run(module);
    context.detach_diagnostic_handler(handler);
    let errors = errors.lock().map(|e| e.clone()).unwrap_or_default();
    if result.is_err() || !module.as_operation().verify() {
        return Err(CompressError::Failed(if errors.is_empty() {
            vec!["the pass failed or left IR that does not verify".into()]
        } else {
            errors
        }));
    }
    let mut reports = sink
        .lock()
        .map(|mut s| std::mem::take(&mut *s))
        .unwrap_or_default();
    Ok(reports.pop().unwrap_or_default())
}

/// Runs the compression pass of `options` on `module`, collecting its report.
fn compress<O: CompressionOptions>(
    module: &mut Module,
    options: &O,
) -> Result<CompressionReport, CompressError> {
    let config = options.check_options()?;
    run(module, |sink| {
        let report = ReportConfig::collected(config.report(), sink);
        create_with_report(options, config, report)
    })
}

/// Quantizes every eligible weight of `module` (`quantize_weights` of coreai-opt).
///
/// # Errors
/// [`CompressError::Options`] for invalid options, [`CompressError::Failed`] if the pass
/// failed.
pub fn quantize_weights(
    module: &mut Module,
    options: &QuantizeOptions,
) -> Result<CompressionReport, CompressError> {
    compress(module, options)
}

/// Palettizes every eligible weight of `module` (`palettize_weights` of coreai-opt).
///
/// # Errors
/// [`CompressError::Options`] for invalid options, [`CompressError::Failed`] if the pass
/// failed.
pub fn palettize_weights(
    module: &mut Module,
    options: &PalettizeOptions,
) -> Result<CompressionReport, CompressError> {
    compress(module, options)
}

/// Prunes (and optionally quantizes or palettizes) every eligible weight of `module`
/// (`sparsify_weights` of coreai-opt).
///
/// # Errors
/// [`CompressError::Options`] for invalid options, [`CompressError::Failed`] if the pass
/// failed.
pub fn sparsify_weights(
    module: &mut Module,
    options: &SparsifyOptions,
) -> Result<CompressionReport, CompressError> {
    compress(module, options)
}

/// Reports the compressed weights of an already compressed `module` by decoding each chain;
/// with `original` (the uncompressed module), each entry also has its SNR and maximum error.
/// Weights are matched by graph, consumer position and operand number.
///
/// # Errors
/// [`CompressError::Failed`] if a chain cannot be decoded.
pub fn report_weights(
    module: &mut Module,
    original: Option<&std::path::Path>,
) -> Result<CompressionReport, CompressError> {
    let options = ReportOptions {
        original: original
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default(),
        report: Report::Off,
        ..Default::default()
    };
    run(module, |sink| {
        report_pass::create_with_report(&options, ReportConfig::collected(&options.report, sink))
    })
}

/// Folds every compressed chain with constant inputs back into dense constants.
///
/// # Errors
/// [`CompressError::Failed`] if a chain cannot be decoded.
pub fn decompress(module: &mut Module) -> Result<(), CompressError> {
    run(module, |_| crate::decompress::create_decompress_pass()).map(|_| ())
}

/// The values of a `coreai.constant` (any element type the passes handle, decoded to f32;
/// sub-byte and FP8/FP4 storage unpacked), e.g. to inspect weights after
/// [`decompress`].
///
/// # Errors
/// If `value` is not the result of a `coreai.constant`, or its data cannot be read.
pub fn constant_values(value: melior::ir::Value<'_, '_>) -> Result<Vec<f32>, ConstantError> {
    read_value(ir::Value::from_melior(&value))?.to_f32()
}

/// Parses a Core AI program from a file (MLIR text or bytecode), with file locations in its
/// diagnostics and reports (`Module::parse` names every buffer `-`).
///
/// # Errors
/// If the file cannot be read or parsed (the parser's diagnostics go to the context's
/// handlers).
pub fn load_module<'c>(
    context: &'c melior::Context,
    path: &std::path::Path,
) -> Result<Module<'c>, LoadError> {
    ir::load_module(context, &path.to_string_lossy()).ok_or_else(|| LoadError {
        path: path.to_path_buf(),
    })
}
