//! The checks of the cargo-fuzz targets in `fuzz/`, in one place so that the fuzz targets and
//! `cargo test` (which replays `fuzz/regressions/`) run the same code.
//!
//! - [`kernels`]: the numeric kernels of `coreai-compress` (no MLIR).
//! - [`pipeline`]: MLIR text through a coreai pass pipeline (with the `pipeline` feature,
//!   which links MLIR).

pub mod kernels;
#[cfg(feature = "pipeline")]
pub mod pipeline;
