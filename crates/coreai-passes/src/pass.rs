//! The pass framework: the declaration of a pass ([`PassInfo`]), the body a pass implements
//! ([`PassBody`]), and the runner that wraps a body into an MLIR pass ([`create_pass`]).
//!
//! No panic crosses the FFI boundary: option parsing runs behind the registration
//! trampoline of [`crate::ir`], and every pass `run` catches unwinding and turns it into an
//! `internal error in <pass>` diagnostic and a failed pass.

use crate::{
    ir::{self, Op},
    options::{OptionError, OptionSpec, help_text},
};
use melior::{
    ContextRef,
    ir::{OperationRef, r#type::TypeId},
    pass::{ExternalPass, Pass, RunExternalPass, create_external},
};
use std::panic::{AssertUnwindSafe, catch_unwind};

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
    /// The option table, in documentation order.
    pub options: fn() -> &'static [OptionSpec],
    /// Creates the pass from an option string.
    pub create: fn(&str) -> Result<Pass, OptionError>,
}

impl PassInfo {
    /// The text `coreai-opt --help` shows for the pass.
    pub fn help(&self) -> String {
        format!("{}\n{}", self.summary, help_text((self.options)()))
    }
}

impl ir::PassFactory for PassInfo {
    fn argument(&self) -> &'static str {
        self.argument
    }

    type Error = OptionError;

    fn create(&self, options: &str) -> Result<Pass, OptionError> {
        (self.create)(options)
    }
}

/// The body of a pass: runs on the op the pass is scheduled on (usually the module).
/// Returns `Err` after emitting its error diagnostics, to make the pass fail.
pub(crate) trait PassBody: Clone + 'static {
    /// The pass declaration.
    fn info(&self) -> &'static PassInfo;
    /// Runs the pass.
    fn run_on(&mut self, root: Op<'_>) -> Result<(), PassFailed>;
}

/// A pass failed; its diagnostics were already emitted.
#[derive(Debug)]
pub(crate) struct PassFailed;

#[derive(Clone)]
struct Runner<P: PassBody>(P);

impl<'c, P: PassBody> RunExternalPass<'c> for Runner<P> {
    fn initialize(&mut self, _context: ContextRef<'c>) {}

    fn run(&mut self, operation: OperationRef<'c, '_>, pass: ExternalPass<'_>) {
        let root = Op::from_melior(&operation);
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
                root.emit_error(&format!("internal error in {argument}: {what}"));
                pass.signal_failure();
            }
        }
    }
}

/// A pass type id: one distinct static per pass. It has a size (and MLIR's alignment), so
/// distinct statics have distinct addresses.
#[repr(align(8))]
pub(crate) struct PassId(#[allow(dead_code)] u8);

impl PassId {
    /// A new id (for a `static`).
    pub const fn new() -> Self {
        PassId(0)
    }
}

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
