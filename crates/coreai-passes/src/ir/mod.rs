//! The IR layer: the only module of this crate that calls the MLIR C API (`mlir_sys`) or the
//! dialect's C shim (`coreai_dialect::ffi`).
//!
//! The passes walk, read and rewrite IR through small `Copy` handles ([`Op`], [`Value`],
//! [`Type`], [`Attr`], [`Location`], [`Context`]) instead of melior's references, because a
//! pass collects operations during a walk and rewrites them afterwards.
//!
//! ## Safety design
//! - Every handle carries a lifetime `'a`: the borrow of the IR it points into (the op a pass
//!   runs on, a borrowed melior module, or an [`OwnedModule`]). A handle cannot outlive that
//!   borrow, so it cannot outlive its context or module.
//! - Handles hold raw pointers, so they are neither `Send` nor `Sync`: IR is only touched on
//!   the thread that runs the pass. Work goes to rayon threads as plain data (shapes, borrowed
//!   constant bytes, indices).
//! - Strings, attributes, types and locations are uniqued in the context, which outlives
//!   `'a`, so the `&'a str` and `&'a [u8]` read from them are valid for `'a`.
//! - The one operation that can leave a handle dangling, [`Op::erase`], is `unsafe`; its
//!   contract is that no handle to the op (or its results) is used afterwards.
//! - Indices are bounds-checked ([`Op::operand`], [`Op::result`] return `Option`), and ops
//!   are only inserted into a block that exists.

pub(crate) mod names;

mod attr;
mod generic;
mod module;
mod registration;
mod types;

pub(crate) use attr::{Attr, DenseStorage, Elements};
pub(crate) use generic::{BlockId, BuildError, ModuleBuilder, SharedBytes};
pub(crate) use module::{OwnedModule, context_of, load_module};
pub(crate) use registration::{
    OptionHelp, PassDecl, PassFactory, PassId, RustPass, create_rust_pass, register_pass_factory,
};
pub(crate) use types::Type;

use mlir_sys::*;
use std::{ffi::c_void, marker::PhantomData};

#[cfg(target_endian = "big")]
compile_error!("coreai reads and writes little-endian constant blobs in place");

/// A string reference to pass into MLIR, borrowed for the duration of the call.
pub(crate) fn to_ref(s: &str) -> MlirStringRef {
    MlirStringRef {
        data: s.as_ptr().cast(),
        length: s.len(),
    }
}

/// The text of an MLIR string reference whose storage lives for `'a`.
///
/// # Safety
/// `s` must point to `s.length` readable bytes (or be null) that stay valid for `'a`.
pub(crate) unsafe fn str_of<'a>(s: MlirStringRef) -> &'a str {
    if s.data.is_null() || s.length == 0 {
        return "";
    }
    // SAFETY: the caller guarantees `length` readable bytes at `data`, valid for 'a.
    let bytes = unsafe { std::slice::from_raw_parts(s.data.cast::<u8>(), s.length) };
    std::str::from_utf8(bytes).unwrap_or("")
}

/// Prints something through an MLIR print callback into a `String`.
pub(crate) fn print_to_string(f: impl FnOnce(MlirStringCallback, *mut c_void)) -> String {
    unsafe extern "C" fn append(s: MlirStringRef, user: *mut c_void) {
        // SAFETY: `user` is the `String` passed below, alive and not otherwise borrowed
        // during the print call.
        let out = unsafe { &mut *user.cast::<String>() };
        // SAFETY: MLIR passes a valid buffer for the duration of the callback.
        out.push_str(unsafe { str_of(s) });
    }
    let mut out = String::new();
    f(Some(append), (&mut out as *mut String).cast());
    out
}

/// A context handle.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Context<'a> {
    raw: MlirContext,
    _ir: PhantomData<&'a ()>,
}

/// An operation handle, valid while the IR it belongs to is borrowed (`'a`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Op<'a> {
    raw: MlirOperation,
    _ir: PhantomData<&'a ()>,
}

impl PartialEq for Op<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.raw.ptr == other.raw.ptr
    }
}
impl Eq for Op<'_> {}
impl std::hash::Hash for Op<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.raw.ptr as usize).hash(state)
    }
}

impl<'a> Op<'a> {
    fn new(raw: MlirOperation) -> Self {
        Op {
            raw,
            _ir: PhantomData,
        }
    }

    /// The op a melior reference points to, for as long as the reference is borrowed.
    pub fn from_melior<'r>(op: &'r melior::ir::OperationRef<'_, '_>) -> Op<'r> {
        Op::new(op.to_raw())
    }

    /// The op name, e.g. `coreai.constant`.
    pub fn name(self) -> &'a str {
        // SAFETY: `raw` is a live op ('a); its name is an identifier uniqued in the context,
        // which outlives 'a.
        unsafe { str_of(mlirIdentifierStr(mlirOperationGetName(self.raw))) }
    }

    /// Whether the op is named `name`.
    pub fn is(self, name: &str) -> bool {
        self.name() == name
    }

    /// The op's location.
    pub fn loc(self) -> Location<'a> {
        // SAFETY: `raw` is a live op.
        Location::new(unsafe { mlirOperationGetLocation(self.raw) })
    }

    /// The op's context.
    pub fn context(self) -> Context<'a> {
        // SAFETY: `raw` is a live op.
        let raw = unsafe { mlirOperationGetContext(self.raw) };
        Context {
            raw,
            _ir: PhantomData,
        }
    }

    /// The number of operands.
    pub fn num_operands(self) -> usize {
        // SAFETY: `raw` is a live op.
        unsafe { mlirOperationGetNumOperands(self.raw) as usize }
    }

    /// Operand `i`, if the op has one.
    pub fn operand(self, i: usize) -> Option<Value<'a>> {
        if i >= self.num_operands() {
            return None;
        }
        // SAFETY: `raw` is a live op and `i` is in bounds.
        let raw = unsafe { mlirOperationGetOperand(self.raw, i as isize) };
        Some(Value::new(raw))
    }

    /// Every operand, in order.
    pub fn operands(self) -> impl Iterator<Item = Value<'a>> {
        (0..self.num_operands()).filter_map(move |i| self.operand(i))
    }

    /// The number of results.
    pub fn num_results(self) -> usize {
        // SAFETY: `raw` is a live op.
        unsafe { mlirOperationGetNumResults(self.raw) as usize }
    }

    /// Result `i`, if the op has one.
    pub fn result(self, i: usize) -> Option<Value<'a>> {
        if i >= self.num_results() {
            return None;
        }
        // SAFETY: `raw` is a live op and `i` is in bounds.
        let raw = unsafe { mlirOperationGetResult(self.raw, i as isize) };
        Some(Value::new(raw))
    }

    /// An inherent (property) or discardable attribute.
    pub fn attr(self, name: &str) -> Option<Attr<'a>> {
        // SAFETY: `raw` is a live op; the name is only read during the call.
        let a = unsafe { mlirOperationGetAttributeByName(self.raw, to_ref(name)) };
        Attr::from_raw(a)
    }

    /// The op this op is nested in.
    pub fn parent(self) -> Option<Op<'a>> {
        // SAFETY: `raw` is a live op.
        let p = unsafe { mlirOperationGetParentOperation(self.raw) };
        (!p.ptr.is_null()).then(|| Op::new(p))
    }

    /// The closest enclosing op named `name`.
    pub fn ancestor(self, name: &str) -> Option<Op<'a>> {
        let mut cur = self.parent();
        while let Some(op) = cur {
            if op.is(name) {
                return Some(op);
            }
            cur = op.parent();
        }
        None
    }

    /// Whether no result of the op is used.
    pub fn results_unused(self) -> bool {
        (0..self.num_results()).all(|i| self.result(i).is_none_or(|r| !r.has_uses()))
    }

    /// Erases the op.
    ///
    /// # Safety
    /// The op must be live and have no uses, and neither this handle nor any other handle to
    /// the op or to its results may be used afterwards (their memory is freed).
    pub unsafe fn erase(self) {
        // SAFETY: the caller guarantees a live, unused op that is never referred to again.
        unsafe { mlirOperationDestroy(self.raw) }
    }

    /// Emits an error at the op.
    pub fn emit_error(self, message: &str) {
        self.loc().emit(Severity::Error, message, None);
    }

    /// Emits a warning at the op.
    pub fn emit_warning(self, message: &str) {
        self.loc().emit(Severity::Warning, message, None);
    }

    /// Emits a warning at the op with a note at `note_op`.
    pub fn emit_warning_with_note(self, message: &str, note_op: Op<'_>, note: &str) {
        self.loc()
            .emit(Severity::Warning, message, Some((note_op.loc(), note)));
    }

    /// Emits a remark at the op.
    pub fn emit_remark(self, message: &str) {
        self.loc().emit(Severity::Remark, message, None);
    }
}

/// A use of a value: the user op and the operand number.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Use<'a> {
    /// The op using the value.
    pub owner: Op<'a>,
    /// Which operand of `owner` it is.
    pub index: usize,
}

/// A value handle.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Value<'a> {
    raw: MlirValue,
    _ir: PhantomData<&'a ()>,
}

impl<'a> Value<'a> {
    fn new(raw: MlirValue) -> Self {
        Value {
            raw,
            _ir: PhantomData,
        }
    }

    /// The value a melior value refers to, for as long as it is borrowed.
    pub fn from_melior<'r>(value: &'r melior::ir::Value<'_, '_>) -> Value<'r> {
        use melior::ir::ValueLike;
        Value::new(value.to_raw())
    }

    /// An identity key, equal for handles of the same value (plain data, e.g. for maps).
    pub fn key(self) -> usize {
        self.raw.ptr as usize
    }

    /// The value's type.
    pub fn ty(self) -> Type<'a> {
        // SAFETY: `raw` is a live value.
        Type::new(unsafe { mlirValueGetType(self.raw) })
    }

    /// Every use, in creation (usually program) order.
    pub fn uses(self) -> Vec<Use<'a>> {
        let mut out = Vec::new();
        // SAFETY: `raw` is a live value; each use is read before moving to the next, and the
        // IR is not modified during the loop.
        unsafe {
            let mut u = mlirValueGetFirstUse(self.raw);
            while !mlirOpOperandIsNull(u) {
                out.push(Use {
                    owner: Op::new(mlirOpOperandGetOwner(u)),
                    index: mlirOpOperandGetOperandNumber(u) as usize,
                });
                u = mlirOpOperandGetNextUse(u);
            }
        }
        // MLIR prepends to use lists; reverse to get creation (usually program) order.
        out.reverse();
        out
    }

    /// Whether the value has a use.
    pub fn has_uses(self) -> bool {
        // SAFETY: `raw` is a live value.
        !unsafe { mlirOpOperandIsNull(mlirValueGetFirstUse(self.raw)) }
    }

    /// The op that defines this value, if it is an op result.
    pub fn defining_op(self) -> Option<Op<'a>> {
        // SAFETY: `raw` is a live value; the owner is only read for an op result.
        let owner =
            unsafe { mlirValueIsAOpResult(self.raw).then(|| mlirOpResultGetOwner(self.raw)) };
        owner.map(Op::new)
    }

    /// Replaces every use of this value by `with`.
    pub fn replace_all_uses_with(self, with: Value<'a>) {
        // SAFETY: both values are live and belong to the same borrowed IR.
        unsafe { mlirValueReplaceAllUsesOfWith(self.raw, with.raw) }
    }
}

/// The severity of a diagnostic.
#[derive(Clone, Copy, Debug)]
enum Severity {
    Remark,
    Warning,
    Error,
}

/// A location handle.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Location<'a> {
    raw: MlirLocation,
    _ir: PhantomData<&'a ()>,
}

impl Location<'_> {
    fn new(raw: MlirLocation) -> Self {
        Location {
            raw,
            _ir: PhantomData,
        }
    }

    /// The location printed the way diagnostics print it, e.g. `"w.mlir":3:10`.
    pub fn text(self) -> String {
        // SAFETY: `raw` is a location uniqued in a live context.
        let s = print_to_string(|cb, user| unsafe { mlirLocationPrint(self.raw, cb, user) });
        s.strip_prefix("loc(")
            .and_then(|s| s.strip_suffix(')'))
            .map(str::to_string)
            .unwrap_or(s)
    }

    /// Emits a remark here.
    pub fn emit_remark(self, message: &str) {
        self.emit(Severity::Remark, message, None);
    }

    fn emit(self, severity: Severity, message: &str, note: Option<(Location<'_>, &str)>) {
        let severity = match severity {
            Severity::Remark => coreai_dialect::ffi::SEVERITY_REMARK,
            Severity::Warning => coreai_dialect::ffi::SEVERITY_WARNING,
            Severity::Error => coreai_dialect::ffi::SEVERITY_ERROR,
        };
        let (note_loc, note_text) = match note {
            Some((loc, text)) => (loc.raw, text),
            None => (
                MlirLocation {
                    ptr: std::ptr::null_mut(),
                },
                "",
            ),
        };
        // SAFETY: the locations are live (or null for no note); the shim copies the strings
        // into the diagnostic before returning.
        unsafe {
            coreai_dialect::ffi::coreaiEmitDiagnostic(
                self.raw,
                severity,
                to_ref(message),
                note_loc,
                to_ref(note_text),
            )
        }
    }
}

/// Collects every op under `root` (root included) that `keep` accepts, in post order (MLIR's
/// default walk order).
pub(crate) fn collect_ops<'a>(root: Op<'a>, mut keep: impl FnMut(Op<'a>) -> bool) -> Vec<Op<'a>> {
    struct State<'s, 'a> {
        keep: &'s mut dyn FnMut(Op<'a>) -> bool,
        out: Vec<Op<'a>>,
        panic: Option<Box<dyn std::any::Any + Send>>,
    }
    unsafe extern "C" fn cb(op: MlirOperation, user: *mut c_void) -> MlirWalkResult {
        // SAFETY: `user` is the `State` below, alive and exclusively ours for the whole walk.
        let state = unsafe { &mut *user.cast::<State>() };
        // A panic must not unwind through MLIR: stop the walk and resume it afterwards.
        let kept =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (state.keep)(Op::new(op))));
        match kept {
            Ok(true) => state.out.push(Op::new(op)),
            Ok(false) => {}
            Err(payload) => {
                state.panic = Some(payload);
                return MlirWalkResult_MlirWalkResultInterrupt;
            }
        }
        MlirWalkResult_MlirWalkResultAdvance
    }
    let mut state = State {
        keep: &mut keep,
        out: Vec::new(),
        panic: None,
    };
    // SAFETY: `root` is live; the callback only reads IR and appends to `state`, which
    // outlives the call.
    unsafe {
        mlirOperationWalk(
            root.raw,
            Some(cb),
            (&mut state as *mut State).cast(),
            MlirWalkOrder_MlirWalkPostOrder,
        )
    };
    if let Some(payload) = state.panic {
        std::panic::resume_unwind(payload);
    }
    state.out
}

/// Creates an op with operands, result types and attributes, and inserts it before `before`.
/// Returns the new op, or `None` if `before` is not in a block.
pub(crate) fn create_op_before<'a>(
    before: Op<'a>,
    name: &str,
    operands: &[Value<'a>],
    results: &[Type<'a>],
    attrs: &[(&str, Attr<'a>)],
) -> Option<Op<'a>> {
    // SAFETY: `before` is live.
    let block = unsafe { mlirOperationGetBlock(before.raw) };
    if block.ptr.is_null() {
        return None;
    }
    let ctx = before.context().raw;
    let raw_operands: Vec<MlirValue> = operands.iter().map(|v| v.raw).collect();
    let raw_results: Vec<MlirType> = results.iter().map(|t| t.raw()).collect();
    // SAFETY: every handle is live and from the same context; the state copies the arrays,
    // the names are copied into identifiers, and the new op is handed to the block, which
    // owns it from then on.
    unsafe {
        let named: Vec<MlirNamedAttribute> = attrs
            .iter()
            .map(|(n, a)| MlirNamedAttribute {
                name: mlirIdentifierGet(ctx, to_ref(n)),
                attribute: a.raw(),
            })
            .collect();
        let mut state = mlirOperationStateGet(to_ref(name), before.loc().raw);
        mlirOperationStateAddOperands(
            &mut state,
            raw_operands.len() as isize,
            raw_operands.as_ptr(),
        );
        mlirOperationStateAddResults(&mut state, raw_results.len() as isize, raw_results.as_ptr());
        mlirOperationStateAddAttributes(&mut state, named.len() as isize, named.as_ptr());
        let op = mlirOperationCreate(&mut state);
        mlirBlockInsertOwnedOperationBefore(block, before.raw, op);
        Some(Op::new(op))
    }
}
