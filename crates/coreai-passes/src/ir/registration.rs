//! Rust passes as MLIR passes: the C++ `CoreAIRustPass` of the shim
//! (`dialect/capi/CoreAI.cpp`) forwards run/clone/destruct to a [`RustPass`], like MLIR's C
//! API `ExternalPass`, and also carries the pass's options: one MLIR pass option per option,
//! holding its canonical text. MLIR therefore lists the options in `--help` and
//! `--list-passes`, parses `--pass-pipeline` options into the Rust pass
//! ([`RustPass::set_options`]) and prints them in textual pipelines (`--dump-pass-pipeline`).
//!
//! [`register_pass_factory`] puts a pass in MLIR's pass registry (MLIR 22's C API cannot
//! register an external pass by name), the same way for `coreai-opt` and for the `mlir-opt`
//! plugin.
//!
//! No panic crosses the FFI boundary: every callback catches unwinding.

use super::{Op, str_of, to_ref};
use crate::options::OptionError;
use coreai_dialect::ffi::{
    MessageCallback, OptionCallback, PassOption, RustPassCallbacks, coreaiCreateRustPass,
    coreaiRegisterRustPass,
};
use melior::pass::Pass;
use mlir_sys::{MlirOperation, MlirPass, MlirStringRef};
use std::{
    ffi::c_void,
    panic::{AssertUnwindSafe, catch_unwind},
};

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

/// One option of a pass, as MLIR's `--help` shows it.
pub(crate) struct OptionHelp {
    /// Kebab-case name.
    pub name: &'static str,
    /// The accepted values (`unsigned`, `int8|uint8`, ...).
    pub value_desc: String,
    /// One line of help, default included.
    pub help: String,
}

/// What MLIR knows of a pass besides its state.
pub(crate) struct PassDecl {
    /// The pass type id.
    pub id: &'static PassId,
    /// Command-line argument, e.g. `coreai-quantize`.
    pub argument: &'static str,
    /// Pass class name.
    pub name: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// The options, in the order of [`RustPass::option_values`].
    pub options: Vec<OptionHelp>,
}

/// The Rust state of a C++ `CoreAIRustPass`.
pub(crate) trait RustPass: 'static {
    /// The pass argument, e.g. `coreai-quantize` (for internal-error messages).
    fn argument(&self) -> &'static str;
    /// Runs the pass on `root`; `false` makes it fail (its diagnostics are emitted).
    fn run(&mut self, root: Op<'_>) -> bool;
    /// A copy, for a clone of the pass.
    fn clone_pass(&self) -> Box<dyn RustPass>;
    /// Replaces the state by the one the option text `options` describes.
    ///
    /// # Errors
    /// The option error, whose text MLIR reports.
    fn set_options(&mut self, options: &str) -> Result<(), OptionError>;
    /// The canonical text of every option (the order of [`PassDecl::options`]), quoted as
    /// MLIR's option syntax needs; `name=value` pairs of these parse back to the same state.
    fn option_values(&self) -> &[String];
}

/// Creates the C++ pass of `decl` owning `state`.
pub(crate) fn create_rust_pass(decl: &PassDecl, state: Box<dyn RustPass>) -> Pass {
    let options: Vec<PassOption> = decl
        .options
        .iter()
        .map(|o| PassOption {
            name: to_ref(o.name),
            value_desc: to_ref(&o.value_desc),
            help: to_ref(&o.help),
        })
        .collect();
    let callbacks = RustPassCallbacks {
        destruct,
        clone,
        parse_options,
        get_options,
        run,
    };
    let id: *const PassId = decl.id;
    // SAFETY: the strings outlive the call (the shim copies them); the state is moved into
    // the C++ pass, which frees it once through `destruct`.
    let raw = unsafe {
        coreaiCreateRustPass(
            id.cast(),
            to_ref(decl.argument),
            to_ref(decl.name),
            to_ref(decl.summary),
            options.len() as isize,
            options.as_ptr(),
            callbacks,
            into_user_data(state),
        )
    };
    // SAFETY: a freshly created pass that nothing else owns.
    unsafe { Pass::from_raw(raw) }
}

/// The state as the thin pointer the shim keeps.
fn into_user_data(state: Box<dyn RustPass>) -> *mut c_void {
    Box::into_raw(Box::new(state)).cast()
}

/// The state behind `user_data`.
///
/// # Safety
/// `user_data` must come from [`into_user_data`], not yet destructed, and not otherwise
/// borrowed during `'a`.
unsafe fn state<'a>(user_data: *mut c_void) -> &'a mut Box<dyn RustPass> {
    // SAFETY: guaranteed by the caller.
    unsafe { &mut *user_data.cast::<Box<dyn RustPass>>() }
}

/// Runs `f`, turning a panic into `None` (nothing unwinds into C++).
fn guard<T>(f: impl FnOnce() -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok()
}

unsafe extern "C" fn destruct(user_data: *mut c_void) {
    // SAFETY: `user_data` came from `into_user_data`, and the C++ pass frees it once.
    let owned = unsafe { Box::from_raw(user_data.cast::<Box<dyn RustPass>>()) };
    let _ = guard(move || drop(owned));
}

unsafe extern "C" fn clone(user_data: *mut c_void) -> *mut c_void {
    // SAFETY: the live state of the pass being cloned.
    let state = unsafe { state(user_data) };
    match guard(|| state.clone_pass()) {
        Some(copy) => into_user_data(copy),
        // The shim reports a null state as a fatal error (there is no error channel).
        None => std::ptr::null_mut(),
    }
}

unsafe extern "C" fn parse_options(
    user_data: *mut c_void,
    options: MlirStringRef,
    on_error: MessageCallback,
    error_user_data: *mut c_void,
) -> bool {
    // SAFETY: the live state of the pass whose options are parsed.
    let state = unsafe { state(user_data) };
    // SAFETY: MLIR passes the option text, valid during the call (a null pointer for empty
    // options); it is copied at once.
    let text = unsafe { str_of(options) }.to_string();
    let message = match guard(|| state.set_options(&text)) {
        Some(Ok(())) => return true,
        Some(Err(error)) => error.to_string(),
        None => format!(
            "{}: internal error while parsing options '{text}'",
            state.argument()
        ),
    };
    // SAFETY: the callback appends the message (copied) to a C++ string owned by the caller.
    unsafe { on_error(to_ref(&message), error_user_data) };
    false
}

unsafe extern "C" fn get_options(
    user_data: *mut c_void,
    set_option: OptionCallback,
    set_user_data: *mut c_void,
) {
    // SAFETY: the live state of the pass.
    let state = unsafe { state(user_data) };
    for (i, value) in state.option_values().iter().enumerate() {
        // SAFETY: the callback copies the value into the C++ pass option `i`.
        unsafe { set_option(i as isize, to_ref(value), set_user_data) };
    }
}

unsafe extern "C" fn run(op: MlirOperation, user_data: *mut c_void) -> bool {
    // SAFETY: the live state of the pass; MLIR runs a pass instance on one thread at a time
    // (it clones the pass for parallel runs).
    let state = unsafe { state(user_data) };
    // The op the pass runs on, alive for the whole call.
    let root = Op::new(op);
    let argument = state.argument();
    match catch_unwind(AssertUnwindSafe(|| state.run(root))) {
        Ok(ok) => ok,
        Err(payload) => {
            let what = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            let _ = guard(|| root.emit_error(&format!("internal error in {argument}: {what}")));
            false
        }
    }
}

/// Something that creates a pass with its default options.
pub(crate) trait PassFactory: Sync + 'static {
    /// The pass argument, e.g. `coreai-quantize`.
    fn argument(&self) -> &'static str;
    /// The pass with its default options.
    fn create_default(&self) -> Pass;
}

/// Registers `factory`'s pass in MLIR's pass registry, like `mlir::PassRegistration`: MLIR
/// takes the argument, summary and options from a pass the factory creates, lists them in
/// `--help` and `--list-passes`, and creates the pass for `--<argument>=...` and
/// `--pass-pipeline`, then parses the options into it. Registering the same pass again is a
/// no-op in MLIR.
pub(crate) fn register_pass_factory<F: PassFactory>(factory: &'static F) {
    // SAFETY: the shim copies the argument; `factory` is 'static, and `allocate::<F>`
    // receives it back as `user_data`.
    unsafe {
        coreaiRegisterRustPass(
            to_ref(factory.argument()),
            allocate::<F>,
            (factory as *const F).cast_mut().cast::<c_void>(),
        )
    };
}

unsafe extern "C" fn allocate<F: PassFactory>(user_data: *mut c_void) -> MlirPass {
    // SAFETY: `user_data` is the 'static factory registered in `register_pass_factory`.
    let factory = unsafe { &*user_data.cast::<F>().cast_const() };
    match guard(|| factory.create_default()) {
        Some(pass) => pass.to_raw(),
        // The shim reports a null pass as a fatal error naming the pass.
        None => MlirPass {
            ptr: std::ptr::null_mut(),
        },
    }
}
