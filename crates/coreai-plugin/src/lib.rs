//! The coreai dialect and compression passes as an MLIR plugin for stock `mlir-opt`.
//!
//! ```sh
//! mlir-opt-22 --load-dialect-plugin=target/release/libcoreai_plugin.so \
//!   --load-pass-plugin=target/release/libcoreai_plugin.so in.mlir \
//!   --pass-pipeline="builtin.module(coreai-quantize{dtype=int4 granularity=per_block})"
//! ```
//!
//! The library exports MLIR's two plugin entry points:
//! - [`mlirGetDialectPluginInfo`] registers every dialect of `coreai-dialect` (`coreai`,
//!   `param`, `debuginfo`, `udml`, `coreaix`) in the host's `DialectRegistry`;
//! - [`mlirGetPassPluginInfo`] registers every pass of `coreai-passes`, with their options, in
//!   the host's pass registry (the same registration `coreai-opt` uses).
//!
//! It links the system's shared `libMLIR.so`/`libLLVM.so`, so that the dialect and the passes
//! use the host's one copy of MLIR; `build.rs` explains how. The passes are the same Rust code
//! as in `coreai-opt` and give byte-identical output.
//!
//! No panic crosses into the host: both callbacks catch unwinding and report it on stderr
//! (the plugin API has no error channel).

use mlir_sys::{MlirDialectRegistry, mlirDialectHandleInsertDialect};
use std::{
    ffi::{c_char, c_void},
    panic::{AssertUnwindSafe, catch_unwind},
};

/// `mlir::DialectPluginLibraryInfo` (`mlir/Tools/Plugins/DialectPlugin.h`).
#[repr(C)]
pub struct DialectPluginLibraryInfo {
    /// `MLIR_PLUGIN_API_VERSION` of the headers the plugin was built against.
    pub api_version: u32,
    /// The plugin's name (NUL-terminated).
    pub plugin_name: *const c_char,
    /// The plugin's version (NUL-terminated).
    pub plugin_version: *const c_char,
    /// Inserts the plugin's dialects into the host's `mlir::DialectRegistry *`.
    pub register_dialect_registry_callbacks: unsafe extern "C" fn(registry: *mut c_void),
}

/// `mlir::PassPluginLibraryInfo` (`mlir/Tools/Plugins/PassPlugin.h`).
#[repr(C)]
pub struct PassPluginLibraryInfo {
    /// `MLIR_PLUGIN_API_VERSION` of the headers the plugin was built against.
    pub api_version: u32,
    /// The plugin's name (NUL-terminated).
    pub plugin_name: *const c_char,
    /// The plugin's version (NUL-terminated).
    pub plugin_version: *const c_char,
    /// Registers the plugin's passes in MLIR's global pass registry.
    pub register_pass_registry_callbacks: unsafe extern "C" fn(),
}

// The C++ shim (`dialect/capi/CoreAI.cpp`) asserts the same layout against MLIR's headers.
const _: () = assert!(std::mem::size_of::<DialectPluginLibraryInfo>() == 32);
const _: () = assert!(std::mem::offset_of!(DialectPluginLibraryInfo, plugin_name) == 8);
const _: () = assert!(
    std::mem::offset_of!(
        DialectPluginLibraryInfo,
        register_dialect_registry_callbacks
    ) == 24
);
const _: () = assert!(std::mem::size_of::<PassPluginLibraryInfo>() == 32);
const _: () = assert!(std::mem::offset_of!(PassPluginLibraryInfo, plugin_name) == 8);
const _: () =
    assert!(std::mem::offset_of!(PassPluginLibraryInfo, register_pass_registry_callbacks) == 24);

const PLUGIN_NAME: &std::ffi::CStr = c"coreai";
const PLUGIN_VERSION: &std::ffi::CStr = match std::ffi::CStr::from_bytes_with_nul(
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes(),
) {
    Ok(v) => v,
    Err(_) => panic!("the package version contains a NUL byte"),
};

fn api_version() -> u32 {
    // SAFETY: returns a compile-time constant.
    unsafe { coreai_dialect::ffi::coreaiPluginApiVersion() }
}

/// Runs a plugin callback; a panic is reported instead of unwinding into C++.
fn guarded(what: &str, f: impl FnOnce()) {
    if catch_unwind(AssertUnwindSafe(f)).is_err() {
        eprintln!("coreai plugin: internal error while {what}");
    }
}

unsafe extern "C" fn register_dialects(registry: *mut c_void) {
    guarded("registering the coreai dialects", || {
        // `MlirDialectRegistry` wraps a `mlir::DialectRegistry *` (mlir/CAPI/IR.h).
        let registry = MlirDialectRegistry { ptr: registry };
        for handle in coreai_dialect::dialect_handles() {
            // SAFETY: the host passes a live registry; the handle is a static table.
            unsafe { mlirDialectHandleInsertDialect(handle.to_raw(), registry) };
        }
    });
}

unsafe extern "C" fn register_passes() {
    guarded(
        "registering the coreai passes",
        coreai_passes::register_passes,
    );
}

/// The dialect plugin entry point `mlir-opt --load-dialect-plugin` looks up.
#[unsafe(no_mangle)]
pub extern "C" fn mlirGetDialectPluginInfo() -> DialectPluginLibraryInfo {
    DialectPluginLibraryInfo {
        api_version: api_version(),
        plugin_name: PLUGIN_NAME.as_ptr(),
        plugin_version: PLUGIN_VERSION.as_ptr(),
        register_dialect_registry_callbacks: register_dialects,
    }
}

/// The pass plugin entry point `mlir-opt --load-pass-plugin` looks up.
#[unsafe(no_mangle)]
pub extern "C" fn mlirGetPassPluginInfo() -> PassPluginLibraryInfo {
    PassPluginLibraryInfo {
        api_version: api_version(),
        plugin_name: PLUGIN_NAME.as_ptr(),
        plugin_version: PLUGIN_VERSION.as_ptr(),
        register_pass_registry_callbacks: register_passes,
    }
}
