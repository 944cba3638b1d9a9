//! Running a child process and measuring it: wall time, peak RSS (`ru_maxrss` of that child
//! from `wait4`), exit status, and the rows of MLIR's `--mlir-timing` report on its stderr.

use std::{
    collections::BTreeMap,
    fs::File,
    os::unix::process::CommandExt,
    path::Path,
    process::{Command, Stdio},
    time::Instant,
};

/// One measured child run.
#[derive(Clone, Debug, Default)]
pub struct Measured {
    /// Wall-clock seconds from spawn to exit.
    pub wall_s: f64,
    /// Peak resident set of the child in bytes.
    pub max_rss: u64,
    /// User + system CPU seconds of the child.
    pub cpu_s: f64,
    /// Exit code (or 128+signal).
    pub code: i32,
    /// `--mlir-timing` rows: name (trimmed) -> wall seconds; repeated names get `#2`, ...
    pub timing: BTreeMap<String, f64>,
    /// The child's stderr (truncated).
    pub stderr: String,
}

impl Measured {
    /// Sum of the rows whose name starts with `prefix` (e.g. the passes `CoreAI...`).
    pub fn timing_sum(&self, pred: impl Fn(&str) -> bool) -> Option<f64> {
        let v: Vec<f64> = self
            .timing
            .iter()
            .filter(|(k, _)| pred(k))
            .map(|(_, v)| *v)
            .collect();
        (!v.is_empty()).then(|| v.iter().sum())
    }

    /// Whether the run succeeded.
    pub fn ok(&self) -> bool {
        self.code == 0
    }
}

/// Runs `cmd` to completion with stdout discarded and stderr captured in `stderr_file`.
pub fn measure(cmd: &mut Command, stderr_file: &Path) -> std::io::Result<Measured> {
    let err = File::create(stderr_file)?;
    // A no-op pre_exec hook makes std fork() instead of posix_spawn (clone with CLONE_VM):
    // Linux carries the high-water RSS of the mm being replaced into the child's ru_maxrss at
    // exec, and with a shared mm that is this process's own peak (e.g. the bandwidth-floor
    // buffers). After fork it is at most this process's current RSS, which stays small.
    // SAFETY: the hook does nothing, so it is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| Ok(()));
    }
    let start = Instant::now();
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(err))
        .spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for this child only.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own unreaped child; `status` and `usage` are live locals.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall_s = start.elapsed().as_secs_f64();
    std::mem::forget(child); // reaped above
    if r < 0 {
        return Err(std::io::Error::last_os_error());
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else if libc::WIFSIGNALED(status) {
        128 + libc::WTERMSIG(status)
    } else {
        -1
    };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    let stderr = std::fs::read_to_string(stderr_file).unwrap_or_default();
    let timing = parse_timing(&stderr);
    let mut tail = stderr.clone();
    if tail.len() > 4000 {
        tail = tail[tail.len() - 4000..].to_string();
    }
    Ok(Measured {
        wall_s,
        max_rss: usage.ru_maxrss as u64 * 1024,
        cpu_s: tv(usage.ru_utime) + tv(usage.ru_stime),
        code,
        timing,
        stderr: tail,
    })
}

/// Parses the rows `   0.1234 ( 12.3%)    Name` of MLIR's execution time report. With several
/// columns (user/wall), the last number before the name is the wall time.
pub fn parse_timing(stderr: &str) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    let mut in_report = false;
    for line in stderr.lines() {
        if line.contains("Execution time report") {
            in_report = true;
            continue;
        }
        if !in_report {
            continue;
        }
        let t = line.trim();
        if !t.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        // Columns: "<secs> (<pct>%)" repeated, then the name.
        let mut rest = t;
        let mut last = None;
        while let Some(sp) = rest.find(' ') {
            let Ok(v) = rest[..sp].parse::<f64>() else {
                break;
            };
            let after = rest[sp..].trim_start();
            if !after.starts_with('(') {
                break;
            }
            let Some(close) = after.find(')') else { break };
            last = Some(v);
            rest = after[close + 1..].trim_start();
        }
        if let Some(v) = last {
            let mut name = rest.trim().to_string();
            let mut k = 2;
            while out.contains_key(&name) {
                name = format!("{} #{k}", rest.trim());
                k += 1;
            }
            out.insert(name, v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timing_rows() {
        let s = "===---===\n  ... Execution time report ...\n===---===\n  Total Execution Time: 0.2 seconds\n\n  ----Wall Time----  ----Name----\n    0.0100 (  5.0%)  Parser\n    0.1500 ( 75.0%)  CoreAIQuantize\n    0.0400 ( 20.0%)  Output\n    0.2000 (100.0%)  Total\n";
        let t = parse_timing(s);
        assert_eq!(t["Parser"], 0.01);
        assert_eq!(t["CoreAIQuantize"], 0.15);
        assert_eq!(t["Total"], 0.2);
        let s2 = "Execution time report\n  ---User Time---  ---Wall Time---  --- Name ---\n  0.1 ( 10.0%)  0.2 ( 20.0%)  Parser\n";
        assert_eq!(parse_timing(s2)["Parser"], 0.2);
    }
}
