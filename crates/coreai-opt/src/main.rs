//! `coreai-opt`: MLIR's `mlir-opt` driver (`MlirOptMain`) with the coreai dialect and the
//! Rust compression passes registered.
//!
//! Everything on the command line is MLIR's, except:
//! - `--coreai-progress`: force progress lines on stderr (on by default when stderr is a
//!   terminal, off in pipes and tests); `--coreai-no-progress` turns them off.
//! - `-o <file>` is written atomically: MLIR writes a temporary file next to the target,
//!   which is renamed over it only on success. A failed run leaves an existing file untouched.
//!   Non-regular targets (`-o /dev/null`, pipes) are written directly.
//! - Core AI assets: an input that is a `.aimodel` directory (or its `main.mlirb`) is read
//!   into coreai IR (weights stay in the memory-mapped file); `-o NAME.aimodel` (or
//!   `--emit-aimodel -o PATH`) writes the result as an asset, atomically, with ops at their
//!   newest version not above `--aimodel-cap=YYYYMMDD` (default Core AI's OS 27 cap,
//!   20260409).

use std::{
    ffi::{CString, c_char, c_int},
    io::IsTerminal,
    path::{Path, PathBuf},
    process::ExitCode,
};

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().collect();
    let mut progress = std::io::stderr().is_terminal();
    args.retain(|a| match a.as_str() {
        "--coreai-progress" | "-coreai-progress" => {
            progress = true;
            false
        }
        "--coreai-no-progress" | "-coreai-no-progress" => {
            progress = false;
            false
        }
        _ => true,
    });
    coreai_passes::progress::set_enabled(progress);
    match aimodel::setup(&mut args) {
        Ok(()) => {}
        Err(e) => {
            eprintln!("coreai-opt: {e}");
            return ExitCode::FAILURE;
        }
    }
    let output = if aimodel::writes_asset() {
        None
    } else {
        redirect_output(&mut args)
    };

    coreai_passes::register_passes();
    let c_args: Vec<CString> = match args.iter().map(|a| CString::new(a.as_bytes())).collect() {
        Ok(v) => v,
        Err(_) => {
            eprintln!("coreai-opt: arguments must not contain NUL bytes");
            return ExitCode::FAILURE;
        }
    };
    let mut argv: Vec<*mut c_char> = c_args.iter().map(|a| a.as_ptr().cast_mut()).collect();
    argv.push(std::ptr::null_mut());
    // MLIR's recursive-descent parser uses the stack for nesting; run it on a thread with a
    // large stack (reserved, not committed) so that deeply nested input gives a parse error
    // instead of a stack overflow.
    let argc = c_args.len() as c_int;
    let argv_addr = argv.as_mut_ptr() as usize;
    let worker = std::thread::Builder::new()
        .name("coreai-opt".into())
        .stack_size(1 << 30)
        // SAFETY: argv is a valid NULL-terminated array of C strings that outlives the call
        // (the thread is joined before `c_args` and `argv` are dropped).
        .spawn(move || unsafe {
            coreai_dialect::ffi::coreaiOptMain(argc, argv_addr as *mut *mut c_char)
        });
    let code = match worker.map(|t| t.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("coreai-opt: the driver thread failed");
            1
        }
    };

    if let Some((target, temp)) = output {
        if code == 0 {
            if let Err(e) = std::fs::rename(&temp, &target) {
                eprintln!("coreai-opt: cannot write {}: {e}", target.display());
                let _ = std::fs::remove_file(&temp);
                return ExitCode::FAILURE;
            }
        } else {
            let _ = std::fs::remove_file(&temp);
        }
    }
    if code == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(u8::try_from(code).unwrap_or(1).max(1))
    }
}

/// Rewrites `-o FILE` (also `-o=FILE`, `--o ...`) to a temporary file in the same directory.
/// Returns the real target and the temporary path. `-o -` (stdout) is left alone.
fn redirect_output(args: &mut [String]) -> Option<(PathBuf, PathBuf)> {
    let mut i = 1;
    while i < args.len() {
        let a = args[i].clone();
        let (value_index, value, prefix) = if a == "-o" || a == "--o" {
            if i + 1 >= args.len() {
                return None;
            }
            (i + 1, args[i + 1].clone(), String::new())
        } else if let Some(v) = a.strip_prefix("-o=").or_else(|| a.strip_prefix("--o=")) {
            let prefix = a[..a.len() - v.len()].to_string();
            (i, v.to_string(), prefix)
        } else {
            i += 1;
            continue;
        };
        if value == "-" || value.is_empty() {
            return None;
        }
        let target = PathBuf::from(&value);
        // Only regular files (or new paths) are written through a temporary file: devices,
        // pipes and the like (`-o /dev/null`) are handed to MLIR unchanged.
        match std::fs::metadata(&target) {
            Ok(m) if !m.is_file() => return None,
            _ => {}
        }
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        // A missing directory is reported by MLIR under the user's own path.
        if !dir.is_dir() {
            return None;
        }
        let name = target.file_name()?.to_string_lossy().to_string();
        let temp = dir.join(format!(".{name}.coreai-opt-{}.tmp", std::process::id()));
        args[value_index] = format!("{prefix}{}", temp.display());
        return Some((target, temp));
    }
    None
}

/// The `.aimodel` side of the driver: command-line options and the hooks `coreaiOptMain`
/// calls to read and write assets.
mod aimodel {
    use std::{
        ffi::c_void,
        path::{Path, PathBuf},
        sync::{Arc, Mutex, OnceLock},
    };

    use coreai_passes::aimodel as glue;
    use mlir_sys::{MlirContext, MlirLogicalResult, MlirOperation, MlirStringRef};

    struct State {
        /// `-o` target of an asset output.
        output: Option<PathBuf>,
        cap: u32,
        /// The asset read (decomposition regions and metadata for the output).
        source: Mutex<Option<Arc<coreai_aimodel::Asset>>>,
    }

    static STATE: OnceLock<State> = OnceLock::new();

    /// Whether the run writes an asset.
    pub fn writes_asset() -> bool {
        STATE.get().is_some_and(|s| s.output.is_some())
    }

    /// Takes the asset options out of `args` (`--emit-aimodel`, `--aimodel-cap=N`, and the
    /// `-o` of an asset output) and installs the hooks.
    pub fn setup(args: &mut Vec<String>) -> Result<(), String> {
        let mut emit = false;
        let mut cap = coreai_aimodel::ops::DEFAULT_CAP;
        let mut kept = Vec::with_capacity(args.len());
        let mut output: Option<(usize, String)> = None;
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            let bare = a.trim_start_matches('-');
            if i > 0 && a.starts_with('-') && bare == "emit-aimodel" {
                emit = true;
            } else if let Some(v) = bare
                .strip_prefix("aimodel-cap=")
                .filter(|_| a.starts_with('-'))
            {
                cap = v
                    .parse()
                    .ok()
                    .filter(|c| (19700101..=99991231).contains(c))
                    .ok_or_else(|| format!("--aimodel-cap: '{v}' is not a date YYYYMMDD"))?;
            } else if i > 0 && (a == "-o" || a == "--o") && i + 1 < args.len() {
                output = Some((kept.len(), args[i + 1].clone()));
                kept.push(a.clone());
                kept.push(args[i + 1].clone());
                i += 1;
            } else if let Some(v) = a.strip_prefix("-o=").or_else(|| a.strip_prefix("--o=")) {
                output = Some((kept.len(), v.to_string()));
                kept.push(a.clone());
            } else {
                kept.push(a.clone());
            }
            i += 1;
        }
        let asset_out = match &output {
            Some((_, o)) if emit || Path::new(o).extension().is_some_and(|x| x == "aimodel") => {
                Some(PathBuf::from(o))
            }
            _ if emit => return Err("--emit-aimodel needs -o PATH".into()),
            _ => None,
        };
        if let (Some((at, _)), Some(_)) = (&output, &asset_out) {
            // MLIR does not open the output of an asset run.
            let n = if kept[*at].contains('=') { 1 } else { 2 };
            kept.drain(*at..*at + n);
        }
        *args = kept;
        let _ = STATE.set(State {
            output: asset_out,
            cap,
            source: Mutex::new(None),
        });
        // SAFETY: the hooks are plain functions; the state they use is a static.
        unsafe {
            coreai_dialect::ffi::coreaiSetAimodelHooks(
                Some(is_input),
                Some(read),
                writes_asset().then_some(write as coreai_dialect::ffi::AimodelWrite),
                std::ptr::null_mut(),
            );
        }
        Ok(())
    }

    fn path_of(p: MlirStringRef) -> PathBuf {
        // SAFETY: MLIR passes a valid string for the call.
        let bytes = unsafe { std::slice::from_raw_parts(p.data.cast::<u8>(), p.length) };
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }

    /// An asset directory, a `NAME.aimodel` path or a `main.mlirb`.
    unsafe extern "C" fn is_input(path: MlirStringRef, _: *mut c_void) -> bool {
        let p = path_of(path);
        p.is_dir()
            || p.extension().is_some_and(|x| x == "aimodel")
            || p.file_name().is_some_and(|n| n == "main.mlirb")
    }

    unsafe extern "C" fn read(
        ctx: MlirContext,
        path: MlirStringRef,
        _: *mut c_void,
    ) -> MlirOperation {
        let p = path_of(path);
        // SAFETY: MLIR passes its live context for the duration of the call.
        let ctx = unsafe { melior::ContextRef::from_raw(ctx) };
        let result = std::panic::catch_unwind(|| glue::read_asset(&ctx, &p));
        let op = match result {
            Ok(Some((op, asset))) => {
                if let Some(s) = STATE.get() {
                    *s.source.lock().unwrap_or_else(|e| e.into_inner()) = Some(asset);
                }
                Some(op)
            }
            Ok(None) => None,
            Err(_) => {
                glue::emit_file_error(&ctx, &p, "internal error while reading the asset");
                None
            }
        };
        op.unwrap_or(MlirOperation {
            ptr: std::ptr::null_mut(),
        })
    }

    unsafe extern "C" fn write(module: MlirOperation, _: *mut c_void) -> MlirLogicalResult {
        // SAFETY: MLIR passes its live module operation for the duration of the call.
        let module = unsafe { melior::ir::OperationRef::from_raw(module) };
        let result = std::panic::catch_unwind(|| {
            let Some(out) = STATE.get().and_then(|s| s.output.as_ref()) else {
                glue::emit_op_error(&module, "no asset output configured");
                return None;
            };
            let source = STATE
                .get()
                .and_then(|s| s.source.lock().unwrap_or_else(|e| e.into_inner()).clone());
            glue::write_module(&module, source.as_deref(), out, STATE.get()?.cap)
        });
        let ok = match result {
            Ok(r) => r.is_some(),
            Err(_) => {
                glue::emit_op_error(&module, "internal error while writing the asset");
                false
            }
        };
        MlirLogicalResult {
            value: if ok { 1 } else { 0 },
        }
    }
}
