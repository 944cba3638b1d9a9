//! End-to-end tests live in `tests/entry.rs` (one test binary: each links all of MLIR).
