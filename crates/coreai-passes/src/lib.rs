//! Core AI weight-compression passes written in Rust on melior.
//!
//! The passes are registered in MLIR's pass registry by [`register_passes`], so they run
//! from `coreai-opt` (`--coreai-quantize="dtype=int4 granularity=per_block"`), from
//! `--pass-pipeline`, and from a melior `PassManager`.
//!
//! Numeric work and the decompression chains are in the MLIR-free `coreai-compress` crate;
//! this crate reads constants, emits chains as IR and emits diagnostics.
//!
//! ## Modules
//! - Framework: [`pass`] (pass declarations, the runner), [`registry`] (the pass list),
//!   [`options`] (typed options from one declaration each), `ir` (the only user of the MLIR
//!   C API), `constants`, [`eligibility`], `emit`, `compress` (the compression driver),
//!   [`report`], [`progress`].
//! - Passes, which import only framework modules: [`quantize`], [`palettize`], [`sparsify`],
//!   [`decompress`], [`report_pass`].
//! - Front ends: [`api`] (the Rust API) and [`docs`] (the generated `docs/passes.md`).

pub mod aimodel;
pub mod api;
mod compress;
mod constants;
pub mod decompress;
pub mod docs;
pub mod eligibility;
mod emit;
mod ir;
pub mod options;
pub mod palettize;
pub mod pass;
pub mod progress;
pub mod quantize;
pub mod registry;
pub mod report;
pub mod report_pass;
pub mod sparsify;

pub use decompress::{DecompressOptions, create_decompress_pass};
pub use options::{OptionError, OptionKind, OptionSpec, PassOptions};
pub use palettize::{PalettizeConfig, PalettizeOptions, create_palettize_pass};
pub use pass::PassInfo;
pub use quantize::{QuantizeConfig, QuantizeOptions, create_quantize_pass};
pub use registry::{passes, register_passes};
pub use report_pass::{ReportOptions, create_report_pass};
pub use sparsify::{SparsifyConfig, SparsifyOptions, create_sparsify_pass};
