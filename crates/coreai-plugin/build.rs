//! Build script of the plugin: links the system's shared `libMLIR.so` and `libLLVM.so`, the
//! libraries `mlir-opt` itself uses, so that the plugin shares `mlir-opt`'s one copy of MLIR.
//!
//! ## Why these link lines
//! A plugin runs inside `mlir-opt`'s process. A second copy of MLIR's C++ code in it would
//! mean a second set of TypeIDs, of `cl::opt` registrations ("Option ... registered more
//! than once") and of the pass and dialect registries: `mlir-opt` would not see our passes,
//! or would crash on them. Every MLIR/LLVM C++ symbol the plugin uses must bind to the
//! `libMLIR.so`/`libLLVM.so` already loaded in the process.
//!
//! The Rust side reaches MLIR through its C API (mlir-sys, melior), and Debian ships that
//! C API only as static archives (`libMLIRCAPI*.a`): `libMLIR.so` exports the C++ API but
//! almost none of the C API, and there is no `libMLIR-C.so`, so mlir-sys's shared mode
//! (`MLIR_SYS_LINK_SHARED=1`) cannot work. mlir-sys therefore stays in its static mode and
//! hands every `libMLIR*.a` and LLVM archive to the link of this cdylib.
//!
//! That is safe because of link order. rustc puts the native libraries of the crate being
//! linked (the `dylib=MLIR` and `dylib=LLVM` printed below) before the upstream rlibs and
//! the archives they bundle. The linker (rust-lld) resolves a symbol to the first definition
//! it meets: every C++ MLIR/LLVM symbol is then already defined by the shared libraries when
//! the archives are searched, so the only archive members pulled in are those defining
//! symbols `libMLIR.so` lacks, which are the C API wrappers (`mlirContextCreate`, ...), thin
//! functions that call into `libMLIR.so`. Static constructors (`cl::opt`s) come only with
//! the members that are pulled in, and the C API wrappers have none.
//!
//! The lit suite checks the result (`lit/plugin/`): no MLIR C++ definitions in the plugin
//! (`llvm-nm`), `libMLIR.so.22.1` and `libLLVM.so.22.1` among its `NEEDED` entries, and the
//! plugin running inside `/usr/lib/llvm-22/bin/mlir-opt` with output byte-identical to
//! `coreai-opt`'s.
//!
//! The driver (`coreai-opt`) is unaffected: it links the static archives only, as before.

use std::{
    env,
    error::Error,
    path::Path,
    process::{Command, exit},
};

const PREFIX_VAR: &str = "MLIR_SYS_220_PREFIX";

fn main() {
    if let Err(e) = run() {
        eprintln!("coreai-plugin build failed: {e}");
        exit(1);
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    println!("cargo:rerun-if-env-changed={PREFIX_VAR}");
    println!("cargo:rerun-if-changed=build.rs");
    let prefix = env::var(PREFIX_VAR).unwrap_or_else(|_| "/usr/lib/llvm-22".into());
    let llvm_config = Path::new(&prefix).join("bin/llvm-config");
    let version = capture(Command::new(&llvm_config).arg("--version"))?;
    if !version.starts_with("22.") {
        return Err(format!(
            "{} reports version {version}; LLVM/MLIR 22 is required",
            llvm_config.display()
        )
        .into());
    }
    let lib_dir = capture(Command::new(&llvm_config).arg("--libdir"))?;
    for lib in ["libMLIR.so", "libLLVM.so"] {
        let path = Path::new(&lib_dir).join(lib);
        if !path.exists() {
            return Err(format!(
                "{} is missing: the plugin links the shared MLIR and LLVM that mlir-opt uses \
                 (Debian packages libmlir-22-dev and llvm-22-dev)",
                path.display()
            )
            .into());
        }
    }
    println!("cargo:rustc-link-search=native={lib_dir}");
    println!("cargo:rustc-link-lib=dylib=MLIR");
    println!("cargo:rustc-link-lib=dylib=LLVM");
    // Found by soname when mlir-opt has loaded them already; the runpath serves any other
    // host (and `ldd`).
    println!("cargo:rustc-cdylib-link-arg=-Wl,-rpath,{lib_dir}");
    // Never unmapped: LLVM's `DynamicLibrary` closes every plugin at exit, while the Rust
    // passes' rayon worker threads (a global pool that lives for the whole process) are still
    // parked in the plugin's code; unmapping it under them crashed 4 runs in 30 at exit
    // (SIGSEGV/SIGABRT after the output was written).
    println!("cargo:rustc-cdylib-link-arg=-Wl,-z,nodelete");
    Ok(())
}

/// Runs a command and returns its trimmed stdout, or an error that quotes the command and its
/// stderr.
fn capture(cmd: &mut Command) -> Result<String, Box<dyn Error>> {
    let output = cmd
        .output()
        .map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{cmd:?} failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(String::from_utf8(output.stdout)?.trim().to_string())
}
