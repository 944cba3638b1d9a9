#![doc = include_str!("../README.md")]

pub mod asset;
pub mod bytecode;
pub mod convert;
pub mod decompose;
pub mod encoding;
pub mod error;
pub mod kinds;
pub mod mlirtext;
pub mod module;
pub mod op_types;
pub mod ops;
pub mod print;
pub mod tree;
pub mod write;
#[rustfmt::skip]
mod ops_table;

pub use asset::{Asset, Metadata, write_asset};
pub use error::{Error, Result};
