//! Build script for the coreai dialect: runs `mlir-tblgen` on the ODS sources in `dialect/`
//! and compiles the generated C++ together with the hand-written glue into
//! `libcoreai_dialect.a`. MLIR itself is linked by `mlir-sys` (static archives); this script
//! emits no MLIR link lines, because linking MLIR twice breaks TypeID uniqueness.

use std::{
    env,
    error::Error,
    path::{Path, PathBuf},
    process::{Command, exit},
};

const PREFIX_VAR: &str = "MLIR_SYS_220_PREFIX";

fn main() {
    if let Err(e) = run() {
        eprintln!("coreai-dialect build failed: {e}");
        exit(1);
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    println!("cargo:rerun-if-env-changed={PREFIX_VAR}");
    println!("cargo:rerun-if-changed=dialect");
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
    let include_dir = capture(Command::new(&llvm_config).arg("--includedir"))?;
    let bin_dir = capture(Command::new(&llvm_config).arg("--bindir"))?;
    let cxxflags = capture(Command::new(&llvm_config).arg("--cxxflags"))?;

    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let td_dir = root.join("dialect/include");
    let out = PathBuf::from(env::var("OUT_DIR")?).join("include/CoreAI");
    std::fs::create_dir_all(&out)?;

    let tblgen = Path::new(&bin_dir).join("mlir-tblgen");
    // The generated op definitions of coreai are split over as many
    // translation units as there are `dialect/lib/CoreAIOpDefs<n>.cpp` files.
    let lib_dir = root.join("dialect/lib");
    let shards = std::fs::read_dir(&lib_dir)?
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("CoreAIOpDefs") && name.ends_with(".cpp")
        })
        .count();
    if shards == 0 {
        return Err("dialect/lib has no CoreAIOpDefs<n>.cpp".into());
    }
    let shard_arg = format!("-op-shard-count={shards}");
    for (td, args, output) in tblgen_jobs(&shard_arg) {
        let mut cmd = Command::new(&tblgen);
        cmd.args(args)
            .arg(format!("-I{include_dir}"))
            .arg(format!("-I{}", td_dir.display()))
            .arg(td_dir.join("CoreAI").join(td))
            .arg("-o")
            .arg(out.join(output));
        capture(&mut cmd)?;
    }

    let mut build = cc::Build::new();
    build
        .cpp(true)
        .std("c++17")
        .include(&include_dir)
        .include(out.parent().ok_or("bad OUT_DIR")?)
        .include(&td_dir)
        .include(root.join("dialect"))
        .flag("-fno-exceptions")
        .flag_if_supported("-Wno-unused-parameter")
        .flag_if_supported("-Wno-comment")
        .warnings(false);
    for flag in cxxflags.split_whitespace() {
        if let Some(def) = flag.strip_prefix("-D") {
            match def.split_once('=') {
                Some((k, v)) => build.define(k, v),
                None => build.define(def, None),
            };
        }
    }
    for dir in ["dialect/lib", "dialect/capi"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "cpp"))
            .collect();
        files.sort();
        build.files(files);
    }
    build.compile("coreai_dialect");
    println!("cargo:rustc-env=COREAI_TD_DIR={}", td_dir.display());
    Ok(())
}

/// One dialect's TableGen sources in `dialect/include/CoreAI`.
struct TdDialect {
    /// The dialect's name (`-dialect=`, `-attrdefs-dialect=`, ...).
    name: &'static str,
    /// The prefix of the generated files (`<prefix>Dialect.h.inc`, ...).
    prefix: &'static str,
    /// The `.td` with the dialect, its attributes and types.
    base: &'static str,
    /// The `.td` with its enums, if any.
    enums: Option<&'static str>,
    /// The `.td` with its ops, if any.
    ops: Option<&'static str>,
}

impl TdDialect {
    fn new(name: &'static str, prefix: &'static str, base: &'static str) -> Self {
        Self {
            name,
            prefix,
            base,
            enums: None,
            ops: None,
        }
    }

    fn enums(self, td: &'static str) -> Self {
        Self {
            enums: Some(td),
            ..self
        }
    }

    fn ops(self, td: &'static str) -> Self {
        Self {
            ops: Some(td),
            ..self
        }
    }
}

/// The mlir-tblgen runs, as `add_mlir_dialect` would do them: (source `.td` in
/// `dialect/include/CoreAI`, generator arguments, output in
/// `$OUT_DIR/include/CoreAI`).
fn tblgen_jobs(shard_arg: &str) -> Vec<(&'static str, Vec<String>, String)> {
    let mut jobs = Vec::new();
    let mut job = |td: &'static str, args: &[&str], output: &str| {
        jobs.push((
            td,
            args.iter().map(|a| a.to_string()).collect(),
            output.to_string(),
        ));
    };
    let dialects = [
        TdDialect::new("coreai", "CoreAI", "CoreAIAttrs.td")
            .enums("CoreAIAttrs.td")
            .ops("CoreAIOps.td"),
        TdDialect::new("param", "Param", "ParamDialect.td"),
        TdDialect::new("udml", "UDML", "UDMLBase.td")
            .enums("UDMLBase.td")
            .ops("UDMLOps.td"),
        TdDialect::new("debuginfo", "DebugInfo", "DebugInfo.td")
            .enums("DebugInfo.td")
            .ops("DebugInfo.td"),
        TdDialect::new("coreaix", "CoreAIX", "CoreAIX.td")
            .enums("CoreAIX.td")
            .ops("CoreAIX.td"),
    ];
    for TdDialect {
        name,
        prefix,
        base,
        enums,
        ops,
    } in dialects
    {
        let dialect = format!("-dialect={name}");
        job(
            base,
            &["-gen-dialect-decls", &dialect],
            &format!("{prefix}Dialect.h.inc"),
        );
        job(
            base,
            &["-gen-dialect-defs", &dialect],
            &format!("{prefix}Dialect.cpp.inc"),
        );
        let attrs = format!("-attrdefs-dialect={name}");
        job(
            base,
            &["-gen-attrdef-decls", &attrs],
            &format!("{prefix}Attrs.h.inc"),
        );
        job(
            base,
            &["-gen-attrdef-defs", &attrs],
            &format!("{prefix}Attrs.cpp.inc"),
        );
        let types = format!("-typedefs-dialect={name}");
        job(
            base,
            &["-gen-typedef-decls", &types],
            &format!("{prefix}Types.h.inc"),
        );
        job(
            base,
            &["-gen-typedef-defs", &types],
            &format!("{prefix}Types.cpp.inc"),
        );
        if let Some(td) = enums {
            job(td, &["-gen-enum-decls"], &format!("{prefix}Enums.h.inc"));
            job(td, &["-gen-enum-defs"], &format!("{prefix}Enums.cpp.inc"));
        }
        if let Some(td) = ops {
            // The shard count goes to both: the declarations declare the
            // per-shard registration functions.
            let sharding: &[&str] = if name == "coreai" { &[shard_arg] } else { &[] };
            let decls = [&["-gen-op-decls", dialect.as_str()], sharding].concat();
            job(td, &decls, &format!("{prefix}Ops.h.inc"));
            let defs = [&["-gen-op-defs", dialect.as_str()], sharding].concat();
            job(td, &defs, &format!("{prefix}Ops.cpp.inc"));
        }
    }
    jobs
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
