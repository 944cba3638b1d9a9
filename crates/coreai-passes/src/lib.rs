//! Core AI weight-compression passes written in Rust on melior.
//!
//! The passes are registered in MLIR's pass registry by [`register_passes`], so they run
//! from `coreai-opt` (`--coreai-quantize="dtype=int4 granularity=per_block"`), from
//! `--pass-pipeline`, and from a melior `PassManager`.
//!
//! Numeric work is delegated to the MLIR-free `coreai-compress` crate; this crate reads
//! constants, builds IR and emits diagnostics.

pub mod aimodel;
pub mod api;
mod chain;
mod compress;
mod constants;
pub mod decompress;
mod diagnostics;
pub mod docs;
pub mod eligibility;
mod eval;
mod ir;
pub mod options;
pub mod palettize;
pub mod progress;
pub mod quantize;
pub mod registry;
pub mod report;
pub mod report_pass;
pub mod sparsify;

pub use decompress::create_decompress_pass;
pub use palettize::{PalettizeOptions, create_palettize_pass};
pub use quantize::{QuantizeOptions, create_quantize_pass};
pub use registry::{PassInfo, passes, register_passes};
pub use report_pass::create_report_pass;
pub use sparsify::{SparsifyOptions, create_sparsify_pass};
