//! Modules: an owned module parsed from a file (destroyed when dropped), and the melior
//! glue of the Rust API.

use super::{Context, Op, to_ref};
use mlir_sys::*;
use std::marker::PhantomData;

/// A module this crate parsed and owns; destroyed when dropped. Ops borrowed from it
/// ([`OwnedModule::body`]) cannot outlive it.
pub(crate) struct OwnedModule<'c> {
    raw: MlirModule,
    _ctx: PhantomData<&'c ()>,
}

impl<'c> OwnedModule<'c> {
    /// Parses a file (MLIR text or bytecode) in `ctx`. `None` if it cannot be read or
    /// parsed (the parser's diagnostics go to the context's handlers).
    pub fn parse_file(ctx: Context<'c>, path: &str) -> Option<Self> {
        // SAFETY: `ctx` is a live context; the path is copied during the call.
        let raw = unsafe { mlirModuleCreateParseFromFile(ctx.raw, to_ref(path)) };
        (!raw.ptr.is_null()).then_some(OwnedModule {
            raw,
            _ctx: PhantomData,
        })
    }

    /// The module's operation.
    pub fn body(&self) -> Op<'_> {
        // SAFETY: `raw` is a live module owned by `self`.
        Op::new(unsafe { mlirModuleGetOperation(self.raw) })
    }
}

impl Drop for OwnedModule<'_> {
    fn drop(&mut self) {
        // SAFETY: `raw` is a live module that only `self` owns; no op borrowed from it
        // outlives `self`.
        unsafe { mlirModuleDestroy(self.raw) }
    }
}

/// Parses a file (MLIR text or bytecode) into a melior module, with file locations in its
/// diagnostics (`Module::parse` names every buffer `-`). `None` if it cannot be read or parsed.
pub(crate) fn load_module<'c>(
    context: &'c melior::Context,
    path: &str,
) -> Option<melior::ir::Module<'c>> {
    // SAFETY: `context` is live for 'c; the path is copied during the call.
    let raw = unsafe { mlirModuleCreateParseFromFile(context.to_raw(), to_ref(path)) };
    // SAFETY: `raw` is a fresh module owned by nobody else (or null), created in `context`.
    unsafe { melior::ir::Module::from_option_raw(raw) }
}

/// The context a [`melior::ContextRef`] refers to, as a `&Context` (what `PassManager::new`
/// and the diagnostic handlers take), borrowed for as long as the `ContextRef` is.
///
/// melior's `ContextRef::to_ref` reinterprets the `ContextRef` itself as a `Context`, so the
/// reference it returns points into the `ContextRef`: it must not outlive it (a temporary
/// `module.context().to_ref()` dangles). Tying the result to the borrow of `context` makes
/// that impossible.
pub(crate) fn context_of<'r>(context: &'r melior::ContextRef<'_>) -> &'r melior::Context {
    // SAFETY: `to_ref` reinterprets `*context` (which holds only the raw context handle) as a
    // `Context`; the result borrows `context` for 'r, and the context itself outlives the
    // `ContextRef`'s lifetime, which outlives 'r.
    unsafe { context.to_ref() }
}
