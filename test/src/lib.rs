//! Test support of the coreai workspace: the checks the fuzz targets run ([`fuzz`]), shared
//! with the end-to-end tests in `tests/entry.rs` (one test binary: each links all of MLIR).

pub mod fuzz;
