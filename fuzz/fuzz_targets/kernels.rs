//! Fuzz target `kernels`: every numeric kernel of `coreai-compress` on arbitrary data and
//! parameters derived from the fuzz bytes. The check itself is
//! `coreai_tests::fuzz::kernels::check` (test/src/fuzz/kernels.rs), which `cargo test` also
//! runs on the kept findings in fuzz/regressions/kernels.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| coreai_tests::fuzz::kernels::check(data));
