//! Registration of Rust passes in MLIR's pass registry, through the C++ shim (MLIR 22's C
//! API cannot register an external pass by name).

use super::{str_of, to_ref};
use mlir_sys::{MlirPass, MlirStringRef};
use std::{
    ffi::c_void,
    panic::{AssertUnwindSafe, catch_unwind},
};

/// Something that creates a pass from its option string.
pub(crate) trait PassFactory: Sync + 'static {
    /// The pass argument, e.g. `coreai-quantize`.
    fn argument(&self) -> &'static str;
    /// Why options are rejected; its text is the error MLIR reports.
    type Error: std::fmt::Display;
    /// The pass for `options`, or the option error.
    fn create(&self, options: &str) -> Result<melior::pass::Pass, Self::Error>;
}

/// Registers `factory` under its argument in MLIR's pass registry, with `description` as its
/// `--help` text. MLIR aborts if an argument is registered twice: call this once per pass.
pub(crate) fn register_pass_factory<F: PassFactory>(factory: &'static F, description: &str) {
    // SAFETY: the shim copies both strings; `factory` is 'static, and `trampoline::<F>`
    // receives it back as `user_data`.
    unsafe {
        coreai_dialect::ffi::coreaiRegisterPassFactory(
            to_ref(factory.argument()),
            to_ref(description),
            trampoline::<F>,
            (factory as *const F).cast_mut().cast::<c_void>(),
        )
    };
}

unsafe extern "C" fn trampoline<F: PassFactory>(
    options: MlirStringRef,
    on_error: coreai_dialect::ffi::MessageCallback,
    error_user_data: *mut c_void,
    user_data: *mut c_void,
) -> MlirPass {
    // SAFETY: `user_data` is the 'static factory registered in `register_pass_factory`.
    let factory = unsafe { &*user_data.cast::<F>().cast_const() };
    // SAFETY: MLIR passes the option text, valid during the call (a null pointer for empty
    // options); it is copied at once.
    let text = unsafe { str_of(options) }.to_string();
    // No panic may unwind into MLIR.
    let result = catch_unwind(AssertUnwindSafe(|| factory.create(&text)));
    let message = match result {
        Ok(Ok(pass)) => return pass.to_raw(),
        Ok(Err(error)) => error.to_string(),
        Err(_) => format!(
            "{}: internal error while parsing options '{text}'",
            factory.argument()
        ),
    };
    // SAFETY: the callback appends the message (copied) to a C++ string owned by the caller.
    unsafe { on_error(to_ref(&message), error_user_data) };
    MlirPass {
        ptr: std::ptr::null_mut(),
    }
}
