//! `coreai-opt`: MLIR's `mlir-opt` driver (`MlirOptMain`) with the coreai dialect and the
//! Rust compression passes registered.
//!
//! Everything on the command line is MLIR's, except:
//! - `--coreai-progress`: force progress lines on stderr (on by default when stderr is a
//!   terminal, off in pipes and tests); `--coreai-no-progress` turns them off.
//! - `-o <file>` is written atomically: MLIR writes a temporary file next to the target,
//!   which is renamed over it only on success. A failed run leaves an existing file untouched.
//!   Non-regular targets (`-o /dev/null`, pipes) are written directly.

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
    let output = redirect_output(&mut args);

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
