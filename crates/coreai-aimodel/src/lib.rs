#![doc = include_str!("../README.md")]

pub mod bytecode;
pub mod encoding;
pub mod error;

pub use error::{Error, Result};
