//! The pass framework: the declaration of a pass ([`PassInfo`]), the body a pass implements
//! ([`PassBody`]), and the runner that makes a body with its options an MLIR pass
//! ([`create_pass`]).
//!
//! Every pass is a C++ `CoreAIRustPass` (see `ir::create_rust_pass`) that carries its
//! options as MLIR pass options, from the option table ([`PassOptions::table`]) and the
//! options' canonical printer ([`PassOptions::option_values`]): MLIR lists them in `--help`
//! and prints them in textual pipelines, so a printed pipeline parses back to the same pass.
//!
//! No panic crosses the FFI boundary: the `ir` trampolines catch unwinding, and a panic in a
//! pass `run` becomes an `internal error in <pass>` diagnostic and a failed pass.

use crate::{
    ir::{self, Op, OptionHelp, PassDecl, RustPass},
    options::{OptionError, OptionSpec, PassOptions},
};
use melior::pass::Pass;

pub(crate) use crate::ir::PassId;

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
    /// Parses an option string into the pass's Rust state.
    pub(crate) configure: fn(&str) -> Result<Configured, OptionError>,
}

impl PassInfo {
    /// Creates the pass from an option string (MLIR's option syntax).
    ///
    /// # Errors
    /// An [`OptionError`] for unknown options or invalid values.
    pub fn create(&self, options: &str) -> Result<Pass, OptionError> {
        Ok((self.configure)(options)?.into_pass())
    }
}

impl ir::PassFactory for PassInfo {
    fn argument(&self) -> &'static str {
        self.argument
    }

    fn create_default(&self) -> Pass {
        // The defaults are valid for every pass (tested in `registry`); a panic here becomes
        // MLIR's fatal error naming the pass.
        self.create("")
            .unwrap_or_else(|e| panic!("invalid default options: {e}"))
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

/// A [`PassBody`] with its type erased.
trait ErasedBody {
    fn info(&self) -> &'static PassInfo;
    fn run_on(&mut self, root: Op<'_>) -> Result<(), PassFailed>;
    fn clone_box(&self) -> Box<dyn ErasedBody>;
}

impl<P: PassBody> ErasedBody for P {
    fn info(&self) -> &'static PassInfo {
        PassBody::info(self)
    }

    fn run_on(&mut self, root: Op<'_>) -> Result<(), PassFailed> {
        PassBody::run_on(self, root)
    }

    fn clone_box(&self) -> Box<dyn ErasedBody> {
        Box::new(self.clone())
    }
}

/// A pass body with its options: the Rust state of the MLIR pass.
pub(crate) struct Configured {
    body: Box<dyn ErasedBody>,
    id: &'static PassId,
    /// [`PassOptions::option_values`] of the options the body was built from.
    values: Vec<String>,
}

impl Configured {
    /// `body`, built from `options`, for the pass with type id `id`.
    pub fn new<P: PassBody, O: PassOptions>(body: P, id: &'static PassId, options: &O) -> Self {
        Configured {
            body: Box::new(body),
            id,
            values: options.option_values(),
        }
    }

    /// The MLIR pass.
    pub fn into_pass(self) -> Pass {
        let info = self.body.info();
        let decl = PassDecl {
            id: self.id,
            argument: info.argument,
            name: info.name,
            summary: info.summary,
            options: (info.options)()
                .iter()
                .map(|spec| OptionHelp {
                    name: spec.name,
                    value_desc: spec.value_desc(),
                    help: spec.help_line(),
                })
                .collect(),
        };
        ir::create_rust_pass(&decl, Box::new(self))
    }
}

impl RustPass for Configured {
    fn argument(&self) -> &'static str {
        self.body.info().argument
    }

    fn run(&mut self, root: Op<'_>) -> bool {
        let argument = self.argument();
        if std::env::var("COREAI_TEST_PANIC").is_ok_and(|p| p == argument) {
            panic!("forced by COREAI_TEST_PANIC={argument}");
        }
        self.body.run_on(root).is_ok()
    }

    fn clone_pass(&self) -> Box<dyn RustPass> {
        Box::new(Configured {
            body: self.body.clone_box(),
            id: self.id,
            values: self.values.clone(),
        })
    }

    fn set_options(&mut self, options: &str) -> Result<(), OptionError> {
        *self = (self.body.info().configure)(options)?;
        Ok(())
    }

    fn option_values(&self) -> &[String] {
        &self.values
    }
}

/// The MLIR pass of `body`, built from `options`.
pub(crate) fn create_pass<P: PassBody, O: PassOptions>(
    body: P,
    id: &'static PassId,
    options: &O,
) -> Pass {
    Configured::new(body, id, options).into_pass()
}
