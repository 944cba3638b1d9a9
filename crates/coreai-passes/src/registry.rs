//! The pass registry: one [`PassInfo`] table entry per pass, and their registration in
//! MLIR's pass registry so that `--coreai-quantize="..."` and
//! `--pass-pipeline="builtin.module(coreai-quantize{...})"` work in `coreai-opt` like any
//! upstream pass.
//!
//! MLIR 22's C API cannot register an external pass by name, so the C++ shim registers a
//! pass pipeline per pass whose callback calls back into [`pass_factory`], which parses the
//! options in Rust and returns the pass, or reports the option error.
//!
//! No panic crosses the FFI boundary: the factory and every pass `run` catch unwinding and
//! turn it into an error diagnostic.

use crate::{
    diagnostics,
    ir::{self, Op},
    options::{OptionError, OptionSpec, help_text},
};
use melior::{
    ContextRef,
    ir::{OperationRef, r#type::TypeId},
    pass::{ExternalPass, Pass, RunExternalPass, create_external},
};
use mlir_sys::{MlirPass, MlirStringRef};
use std::{
    ffi::c_void,
    panic::{AssertUnwindSafe, catch_unwind},
    sync::Once,
};

/// The declaration of one pass: the Rust counterpart of a `Passes.td` record.
pub struct PassInfo {
    /// Command-line argument, e.g. `coreai-quantize`.
    pub argument: &'static str,
    /// Pass class name, e.g. `CoreAIQuantize`.
    pub name: &'static str,
    /// One-line summary (lower case, no period).
    pub summary: &'static str,
    /// Markdown description with a before/after example.
    pub description: &'static str,
    /// Options, in documentation order.
    pub options: &'static [OptionSpec],
    /// Creates the pass from an option string.
    pub create: fn(&str) -> Result<Pass, OptionError>,
}

impl PassInfo {
    /// The text `coreai-opt --help` shows for the pass.
    pub fn help(&self) -> String {
        format!("{}\n{}", self.summary, help_text(self.options))
    }
}

/// Every pass of this crate, in documentation order.
pub fn passes() -> &'static [&'static PassInfo] {
    static PASSES: &[&PassInfo] = &[
        &crate::quantize::INFO,
        &crate::palettize::INFO,
        &crate::sparsify::INFO,
        &crate::decompress::INFO,
        &crate::report_pass::INFO,
    ];
    PASSES
}

/// Registers every pass in MLIR's global pass registry (idempotent).
pub fn register_passes() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for info in passes() {
            let help = info.help();
            // SAFETY: `info` is 'static; MLIR copies the strings.
            unsafe {
                coreai_dialect::ffi::coreaiRegisterPassFactory(
                    ir::to_ref(info.argument),
                    ir::to_ref(&help),
                    pass_factory,
                    (*info as *const PassInfo).cast_mut().cast::<c_void>(),
                )
            };
        }
    });
}

unsafe extern "C" fn pass_factory(
    options: MlirStringRef,
    on_error: coreai_dialect::ffi::MessageCallback,
    error_user_data: *mut c_void,
    user_data: *mut c_void,
) -> MlirPass {
    // SAFETY: `user_data` is the 'static PassInfo registered above.
    let info = unsafe { &*user_data.cast::<PassInfo>() };
    // C++ passes a null data pointer for empty options.
    let text = ir::string_ref(options).to_string();
    let result = catch_unwind(AssertUnwindSafe(|| (info.create)(&text)));
    let message = match result {
        Ok(Ok(pass)) => return pass.to_raw(),
        Ok(Err(e)) => e.to_string(),
        Err(_) => format!(
            "{}: internal error while parsing options '{text}'",
            info.argument
        ),
    };
    // SAFETY: the callback appends to a C++ string.
    unsafe { on_error(ir::to_ref(&message), error_user_data) };
    MlirPass {
        ptr: std::ptr::null_mut(),
    }
}

/// The body of a pass: runs on the op the pass is scheduled on (usually the module).
/// Returns `Err` after emitting its error diagnostics, to make the pass fail.
pub(crate) trait PassBody: Clone + 'static {
    /// The pass declaration.
    fn info(&self) -> &'static PassInfo;
    /// Runs the pass.
    fn run_on(&mut self, root: Op) -> Result<(), PassFailed>;
}

/// A pass failed; its diagnostics were already emitted.
#[derive(Debug)]
pub(crate) struct PassFailed;

#[derive(Clone)]
pub(crate) struct Runner<P: PassBody>(pub P);

impl<'c, P: PassBody> RunExternalPass<'c> for Runner<P> {
    fn initialize(&mut self, _context: ContextRef<'c>) {}

    fn run(&mut self, operation: OperationRef<'c, '_>, pass: ExternalPass<'_>) {
        let root = Op(operation.to_raw());
        let argument = self.0.info().argument;
        let result = catch_unwind(AssertUnwindSafe(|| {
            if std::env::var("COREAI_TEST_PANIC").is_ok_and(|p| p == argument) {
                panic!("forced by COREAI_TEST_PANIC={argument}");
            }
            self.0.run_on(root)
        }));
        match result {
            Ok(Ok(())) => {}
            Ok(Err(PassFailed)) => pass.signal_failure(),
            Err(payload) => {
                let what = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "unknown panic".into());
                diagnostics::error(root, &format!("internal error in {argument}: {what}"));
                pass.signal_failure();
            }
        }
    }
}

/// A pass type id: a distinct static per pass.
#[repr(align(8))]
pub(crate) struct PassId;

/// Wraps a pass body into an MLIR pass.
pub(crate) fn create_pass<P: PassBody>(body: P, id: &'static PassId) -> Pass {
    let info = body.info();
    create_external(
        Runner(body),
        TypeId::create(id),
        info.name,
        info.argument,
        info.summary,
        "",
        &[coreai_dialect::dialect_handle()],
    )
}
