//! Pure-Rust numeric kernels for Core AI weight compression.
//!
//! Nothing in this crate knows about MLIR: the passes in `coreai-passes` read constants into
//! slices, call these kernels and write the results back as IR. That keeps the numerics
//! testable in seconds.

pub mod element;

pub use element::{Element, FloatType};
