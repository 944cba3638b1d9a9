//! Diagnostics emitted by the passes: errors, warnings and remarks at an op's location,
//! through the C++ shim (the C API of MLIR 22 only has `mlirEmitError`).

use crate::ir::{Op, to_ref};
use coreai_dialect::ffi;
use mlir_sys::MlirLocation;

fn emit(loc: MlirLocation, severity: i32, message: &str, note: Option<(MlirLocation, &str)>) {
    let (note_loc, note_text) = note.unwrap_or((
        MlirLocation {
            ptr: std::ptr::null_mut(),
        },
        "",
    ));
    // SAFETY: the shim copies the strings into the diagnostic before returning.
    unsafe {
        ffi::coreaiEmitDiagnostic(loc, severity, to_ref(message), note_loc, to_ref(note_text))
    }
}

/// An error at `op`.
pub(crate) fn error(op: Op, message: &str) {
    emit(op.loc(), ffi::SEVERITY_ERROR, message, None);
}

/// A remark at a raw location.
pub(crate) fn remark_at(loc: MlirLocation, message: &str) {
    emit(loc, ffi::SEVERITY_REMARK, message, None);
}

/// A warning at `op`.
pub(crate) fn warning(op: Op, message: &str) {
    emit(op.loc(), ffi::SEVERITY_WARNING, message, None);
}

/// A warning at `op` with a note at another op.
pub(crate) fn warning_with_note(op: Op, message: &str, note_op: Op, note: &str) {
    emit(
        op.loc(),
        ffi::SEVERITY_WARNING,
        message,
        Some((note_op.loc(), note)),
    );
}

/// A remark at `op`.
pub(crate) fn remark(op: Op, message: &str) {
    emit(op.loc(), ffi::SEVERITY_REMARK, message, None);
}
