//! Pure-Rust numeric kernels for Core AI weight compression.
//!
//! Nothing in this crate knows about MLIR: the passes in `coreai-passes` read constants into
//! slices, call these kernels, and emit the resulting decompression chains ([`chain`]) as IR.
//! That keeps the numerics and the chain model testable in seconds.

mod arch;
pub mod blocks;
pub mod chain;
pub mod decode;
pub mod element;
pub mod formats;
mod load;
pub mod pack;
pub mod palettize;
pub mod quantize;
pub mod sparsify;

pub use element::{Element, FloatType};

#[doc(hidden)]
pub mod testutil;
