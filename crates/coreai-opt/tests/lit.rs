//! Runs the lit/FileCheck suite (`lit/`) against the freshly built `coreai-opt` and
//! `mlir-opt` plugin.
//!
//! lit's full output is kept in `target/lit.log`, where `scripts/test.sh` reads the counts
//! for its `lit: N passed, M failed` line.

use std::{path::PathBuf, process::Command};

/// Builds `libcoreai_plugin.so` next to `coreai-opt` (same target directory and profile).
/// `cargo test` does not build it by itself: the plugin is a cdylib with no test target, and
/// no test may depend on it (that would link MLIR into the test twice).
fn build_plugin(bin_dir: &std::path::Path) {
    let profile = bin_dir
        .file_name()
        .and_then(|p| p.to_str())
        .expect("the profile directory has a name");
    let target_dir = bin_dir
        .parent()
        .expect("the profile directory has a parent");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .args(["build", "--quiet", "-p", "coreai-plugin", "--profile"])
        .arg(if profile == "debug" { "dev" } else { profile })
        .arg("--target-dir")
        .arg(target_dir)
        .status()
        .unwrap_or_else(|e| panic!("cannot run {cargo}: {e}"));
    assert!(status.success(), "building coreai-plugin failed");
}

#[test]
fn lit_suite() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_coreai-opt"));
    let bin_dir = bin.parent().expect("coreai-opt has a parent directory");
    build_plugin(bin_dir);
    let llvm_bin =
        std::env::var("LLVM_TOOLS_DIR").unwrap_or_else(|_| "/usr/lib/llvm-22/bin".into());
    let lit = PathBuf::from(&llvm_bin).join("lit");
    let output = Command::new(&lit)
        .arg("-sv")
        .arg(root.join("lit"))
        .env("COREAI_BIN_DIR", bin_dir)
        .env("LLVM_TOOLS_DIR", &llvm_bin)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {}: {e} (run scripts/install-deps.sh)",
                lit.display()
            )
        });
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = std::fs::write(root.join("target/lit.log"), &text);
    assert!(output.status.success(), "lit failed:\n{text}");
    println!("{text}");
}
