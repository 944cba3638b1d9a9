//! Fuzz target `pipeline`: MLIR text → parse → verify → a coreai pass pipeline → verify →
//! print → re-parse → verify. The check itself is `coreai_tests::fuzz::pipeline::check`
//! (test/src/fuzz/pipeline.rs), which `cargo test` also runs on the kept findings in
//! fuzz/regressions/pipeline.
//!
//! Input layout: byte 0 picks the pipeline (see `PIPELINES` there), the rest is the MLIR text
//! (cut at the first NUL, which `Module::parse` cannot take). Seeds are the lit tests split
//! on `// -----` with a selector byte prepended (scripts/fuzz.sh builds them).
//!
//! Only the Rust side (coreai-passes, coreai-compress, melior) is coverage-instrumented; the
//! MLIR parser and the C++ dialect are linked as plain archives.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::ffi::{c_char, c_int};

// Debian's libMLIRMlirOptMain.a carries mlir-opt.cpp.o, which defines `main`. MLIR's
// archives come before libFuzzer's on the link line, so that `main` (an mlir-opt that rejects
// the libFuzzer flags) would win over libFuzzer's. Defining `main` here keeps both out, and
// hands control to libFuzzer through its documented custom-main entry point.
unsafe extern "C" {
    fn LLVMFuzzerRunDriver(
        argc: *mut c_int,
        argv: *mut *mut *mut c_char,
        callback: unsafe extern "C" fn(*const u8, usize) -> c_int,
    ) -> c_int;
    fn LLVMFuzzerTestOneInput(data: *const u8, size: usize) -> c_int;
}

/// libFuzzer's `main`, for the reason above.
#[unsafe(no_mangle)]
pub extern "C" fn main(mut argc: c_int, mut argv: *mut *mut c_char) -> c_int {
    // SAFETY: argc/argv come from the C runtime; the callback is libfuzzer-sys's entry point.
    unsafe { LLVMFuzzerRunDriver(&mut argc, &mut argv, LLVMFuzzerTestOneInput) }
}
use coreai_tests::fuzz::pipeline::{check, known_crash, split_input};

/// `COREAI_FUZZ_STRICT=1` also feeds the target the known, reported crashes that it otherwise
/// steps around (see fuzz/regressions/pipeline/README.md and `known_crash`).
fn strict() -> bool {
    static STRICT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *STRICT.get_or_init(|| std::env::var_os("COREAI_FUZZ_STRICT").is_some())
}

fuzz_target!(|data: &[u8]| {
    let Some((index, text)) = split_input(data) else {
        return;
    };
    if !strict() && known_crash(text) {
        return;
    }
    check(index, text);
});
