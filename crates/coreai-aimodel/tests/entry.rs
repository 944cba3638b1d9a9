//! The crate's one integration-test binary (the project's `tests/entry.rs` pattern).
mod suite;
