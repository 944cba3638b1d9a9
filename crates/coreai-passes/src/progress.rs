//! Progress lines on stderr for long runs: constants done out of total, bytes and elapsed
//! time. Enabled by the driver when stderr is a terminal (or with `--coreai-progress`); never
//! written into the IR output.

use std::{
    io::Write,
    sync::{
        Mutex,
        atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

static ENABLED: AtomicBool = AtomicBool::new(false);

/// Turns progress reporting on or off for this process.
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

/// Whether progress reporting is on.
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// Progress of one pass run over `total` constants.
pub(crate) struct Progress {
    pass: &'static str,
    total: usize,
    total_bytes: u64,
    done: AtomicUsize,
    bytes: AtomicU64,
    start: Instant,
    last: Mutex<Instant>,
    on: bool,
}

impl Progress {
    pub fn new(pass: &'static str, total: usize, total_bytes: u64) -> Self {
        let now = Instant::now();
        Progress {
            pass,
            total,
            total_bytes,
            done: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            start: now,
            last: Mutex::new(now),
            on: enabled() && total > 0,
        }
    }

    /// Records one finished constant of `bytes` input bytes; prints at most 4 lines a second.
    pub fn step(&self, bytes: u64) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let b = self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if !self.on {
            return;
        }
        let now = Instant::now();
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        if done < self.total && now.duration_since(*last) < Duration::from_millis(250) {
            return;
        }
        *last = now;
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r{}: {done}/{} constants, {:.1}/{:.1} MB, {:.1} s{}",
            self.pass,
            self.total,
            b as f64 / 1e6,
            self.total_bytes as f64 / 1e6,
            self.start.elapsed().as_secs_f64(),
            if done == self.total { "\n" } else { "" }
        );
        let _ = err.flush();
    }
}
