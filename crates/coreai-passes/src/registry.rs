//! The pass registry: one [`PassInfo`] table entry per pass, and their registration in
//! MLIR's pass registry so that `--coreai-quantize="..."` and
//! `--pass-pipeline="builtin.module(coreai-quantize{...})"` work in `coreai-opt` and in
//! stock `mlir-opt` with the plugin, like any upstream pass.
//!
//! Every pass is a C++ `CoreAIRustPass` (`dialect/capi/CoreAI.cpp`) that forwards to the
//! callbacks below, like MLIR's C API `ExternalPass`, and also carries the pass's options:
//! one MLIR pass option per row of the option table, holding the canonical text of the
//! option's value ([`ParsedOptions::canonical_values`]). MLIR therefore lists every option in
//! `--help` and `--list-passes`, and prints it in textual pipelines (`--dump-pass-pipeline`),
//! so a printed pipeline parses back to the same pass. Option text is parsed in Rust.
//!
//! No panic crosses the FFI boundary: every callback catches unwinding and turns it into an
//! error (a diagnostic, or an option error).

use crate::{
    diagnostics,
    ir::{self, Op},
    options::{OptionError, OptionSpec, ParsedOptions},
};
use coreai_dialect::ffi::{
    MessageCallback, OptionCallback, PassOption, RustPassCallbacks, coreaiCreateRustPass,
    coreaiRegisterRustPass,
};
use melior::pass::Pass;
use mlir_sys::{MlirOperation, MlirPass, MlirStringRef};
use std::{
    ffi::c_void,
    panic::{AssertUnwindSafe, catch_unwind},
    sync::Once,
};

/// The declaration of one pass: the Rust counterpart of a `Passes.td` record.
pub struct PassInfo {
    /// Command-line argument, e.g. `coreai-quantize`.
    pub argument: &'static str,
    /// Pass class name, e.g. `CoreAIQuantize`.
    pub name: &'static str,
    /// One-line summary (lower case, no period).
    pub summary: &'static str,
    /// Markdown description with a before/after example.
    pub description: &'static str,
    /// Options, in documentation order.
    pub options: &'static [OptionSpec],
    /// Defaults that depend on other options, applied before the options are printed (see
    /// [`PassInfo::canonical_options`]).
    pub(crate) implied: Option<fn(&mut ParsedOptions)>,
    /// Creates the pass body from an option string.
    pub(crate) create: fn(&str) -> Result<Box<dyn ErasedBody>, OptionError>,
    /// The pass's type id.
    pub(crate) id: &'static PassId,
}

impl PassInfo {
    /// Parses `text` and returns the canonical text of every option, in table order: the
    /// value given, else the default (implied by other options, or the table's), else `none`.
    ///
    /// # Errors
    /// An [`OptionError`] for an unknown option or a malformed value.
    pub fn canonical_options(&self, text: &str) -> Result<Vec<String>, OptionError> {
        let mut parsed = ParsedOptions::parse(self.argument, self.options, text)?;
        if let Some(implied) = self.implied {
            implied(&mut parsed);
        }
        Ok(parsed.canonical_values())
    }

    /// The canonical option string of `text`: every option as `name=value` in table order,
    /// values quoted where MLIR's option syntax needs it. It creates the same pass as `text`.
    ///
    /// # Errors
    /// An [`OptionError`] for an unknown option or a malformed value.
    pub fn to_option_string(&self, text: &str) -> Result<String, OptionError> {
        Ok(self.join(&self.canonical_options(text)?))
    }

    /// `name=value` pairs of the option texts `values` (table order).
    fn join(&self, values: &[String]) -> String {
        self.options
            .iter()
            .zip(values)
            .map(|(spec, value)| format!("{}={value}", spec.name))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Every pass of this crate, in documentation order.
pub fn passes() -> &'static [&'static PassInfo] {
    static PASSES: &[&PassInfo] = &[
        &crate::quantize::INFO,
        &crate::palettize::INFO,
        &crate::sparsify::INFO,
        &crate::decompress::INFO,
        &crate::report_pass::INFO,
    ];
    PASSES
}

/// Registers every pass in MLIR's global pass registry (idempotent).
pub fn register_passes() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for info in passes() {
            // SAFETY: `info` is 'static; MLIR copies the strings.
            unsafe {
                coreaiRegisterRustPass(
                    ir::to_ref(info.argument),
                    allocate_default,
                    (*info as *const PassInfo).cast_mut().cast::<c_void>(),
                )
            };
        }
    });
}

/// The Rust state of a C++ `CoreAIRustPass`.
struct PassState {
    info: &'static PassInfo,
    body: Box<dyn ErasedBody>,
    /// The canonical option texts (table order), or `None` for a pass built from typed
    /// options, which has no MLIR options.
    options: Option<Vec<String>>,
}

/// A pass body with its type erased, so that one set of callbacks serves every pass.
pub(crate) trait ErasedBody {
    /// Runs the pass.
    fn run_on(&mut self, root: Op) -> Result<(), PassFailed>;
    /// A copy, for a clone of the pass.
    fn clone_box(&self) -> Box<dyn ErasedBody>;
}

impl<P: PassBody> ErasedBody for P {
    fn run_on(&mut self, root: Op) -> Result<(), PassFailed> {
        PassBody::run_on(self, root)
    }

    fn clone_box(&self) -> Box<dyn ErasedBody> {
        Box::new(self.clone())
    }
}

/// Parses `text` for `info`'s pass: the canonical option texts, and the body, which is
/// built from the canonical option string (so every pass run from the registry checks that
/// the string means what `text` meant, and a report records every option).
fn parse(info: &'static PassInfo, text: &str) -> Result<PassState, OptionError> {
    let options = info.canonical_options(text)?;
    Ok(PassState {
        info,
        body: (info.create)(&info.join(&options))?,
        options: Some(options),
    })
}

/// Creates the C++ pass owning `state`.
fn into_pass(state: PassState) -> Pass {
    let info = state.info;
    let help: Vec<(String, String)> = info
        .options
        .iter()
        .map(|o| (o.value_desc(), o.help_line()))
        .collect();
    let options: Vec<PassOption> = if state.options.is_some() {
        info.options
            .iter()
            .zip(&help)
            .map(|(o, (desc, help))| PassOption {
                name: ir::to_ref(o.name),
                value_desc: ir::to_ref(desc),
                help: ir::to_ref(help),
            })
            .collect()
    } else {
        Vec::new()
    };
    let callbacks = RustPassCallbacks {
        destruct,
        clone,
        parse_options,
        get_options,
        run,
    };
    let id: *const PassId = info.id;
    // SAFETY: the strings outlive the call (C++ copies them); the state is leaked into the
    // C++ pass, which frees it through `destruct`.
    let raw = unsafe {
        coreaiCreateRustPass(
            id.cast(),
            ir::to_ref(info.argument),
            ir::to_ref(info.name),
            ir::to_ref(info.summary),
            options.len() as isize,
            options.as_ptr(),
            callbacks,
            Box::into_raw(Box::new(state)).cast(),
        )
    };
    // SAFETY: a freshly created, owned pass.
    unsafe { Pass::from_raw(raw) }
}

/// Runs `f`, turning a panic into `None` (nothing unwinds into C++).
fn guard<T>(f: impl FnOnce() -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok()
}

unsafe extern "C" fn allocate_default(user_data: *mut c_void) -> MlirPass {
    // SAFETY: `user_data` is the 'static PassInfo registered above.
    let info = unsafe { &*user_data.cast::<PassInfo>() };
    match guard(|| parse(info, "").map(into_pass)) {
        Some(Ok(pass)) => pass.to_raw(),
        // Defaults are always valid (tested); C++ reports a null pass as a fatal error.
        _ => MlirPass {
            ptr: std::ptr::null_mut(),
        },
    }
}

unsafe extern "C" fn destruct(user_data: *mut c_void) {
    // SAFETY: `user_data` came from `Box::into_raw` in `into_pass` or `clone`, and C++ frees
    // it once.
    let state = unsafe { Box::from_raw(user_data.cast::<PassState>()) };
    let _ = guard(move || drop(state));
}

unsafe extern "C" fn clone(user_data: *mut c_void) -> *mut c_void {
    // SAFETY: a live state owned by the pass being cloned.
    let state = unsafe { &*user_data.cast::<PassState>() };
    let copy = PassState {
        info: state.info,
        body: state.body.clone_box(),
        options: state.options.clone(),
    };
    Box::into_raw(Box::new(copy)).cast()
}

unsafe extern "C" fn parse_options(
    user_data: *mut c_void,
    options: MlirStringRef,
    on_error: MessageCallback,
    error_user_data: *mut c_void,
) -> bool {
    // SAFETY: a live state owned by the pass.
    let state = unsafe { &mut *user_data.cast::<PassState>() };
    // C++ passes a null data pointer for empty options.
    let text = ir::string_ref(options).to_string();
    let message = match guard(|| parse(state.info, &text)) {
        Some(Ok(parsed)) => {
            *state = parsed;
            return true;
        }
        Some(Err(e)) => e.to_string(),
        None => format!(
            "{}: internal error while parsing options '{text}'",
            state.info.argument
        ),
    };
    // SAFETY: the callback appends to a C++ string.
    unsafe { on_error(ir::to_ref(&message), error_user_data) };
    false
}

unsafe extern "C" fn get_options(
    user_data: *mut c_void,
    set_option: OptionCallback,
    set_user_data: *mut c_void,
) {
    // SAFETY: a live state owned by the pass.
    let state = unsafe { &*user_data.cast::<PassState>() };
    for (i, value) in state.options.iter().flatten().enumerate() {
        // SAFETY: C++ copies the value.
        unsafe { set_option(i as isize, ir::to_ref(value), set_user_data) };
    }
}

unsafe extern "C" fn run(op: MlirOperation, user_data: *mut c_void) -> bool {
    // SAFETY: a live state owned by the pass; MLIR runs a pass instance on one thread at a
    // time (it clones the pass for parallel runs).
    let state = unsafe { &mut *user_data.cast::<PassState>() };
    let root = Op(op);
    let argument = state.info.argument;
    let result = catch_unwind(AssertUnwindSafe(|| {
        if std::env::var("COREAI_TEST_PANIC").is_ok_and(|p| p == argument) {
            panic!("forced by COREAI_TEST_PANIC={argument}");
        }
        state.body.run_on(root)
    }));
    match result {
        Ok(Ok(())) => true,
        Ok(Err(PassFailed)) => false,
        Err(payload) => {
            let what = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            let _ = guard(|| {
                diagnostics::error(root, &format!("internal error in {argument}: {what}"))
            });
            false
        }
    }
}

/// The body of a pass: runs on the op the pass is scheduled on (usually the module).
/// Returns `Err` after emitting its error diagnostics, to make the pass fail.
pub(crate) trait PassBody: Clone + 'static {
    /// The pass declaration.
    fn info(&self) -> &'static PassInfo;
    /// Runs the pass.
    fn run_on(&mut self, root: Op) -> Result<(), PassFailed>;
}

/// A pass failed; its diagnostics were already emitted.
#[derive(Debug)]
pub(crate) struct PassFailed;

/// A pass type id: a distinct static per pass.
#[repr(align(8))]
pub(crate) struct PassId;

/// Wraps a pass body built from typed options into an MLIR pass. Such a pass has no MLIR
/// options (its options have no text form here), so a textual pipeline prints its name only.
pub(crate) fn create_pass<P: PassBody>(body: P) -> Pass {
    into_pass(PassState {
        info: body.info(),
        body: Box::new(body),
        options: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PalettizeOptions, QuantizeOptions, SparsifyOptions};

    /// Option strings of every pass: defaults, other spellings, implied defaults, quoting.
    fn cases() -> Vec<(&'static PassInfo, Vec<&'static str>)> {
        vec![
            (
                &crate::quantize::INFO,
                vec![
                    "",
                    "dtype=int4 granularity=per-block",
                    "dtype=UINT4 qscheme=asymmetric block_size=016 report",
                    "dtype=fp8_e4m3fn granularity=per_block scale-dtype=fp8_e8m0fnu report='a b.json'",
                ],
            ),
            (
                &crate::palettize::INFO,
                vec![
                    "",
                    "n-bits=2 enable-per-channel-scale lut-dtype=int8",
                    "cluster-dim=2 enable-fast-kmeans-mode=off rounding-precision=0 num-kmeans-workers=0",
                ],
            ),
            (
                &crate::sparsify::INFO,
                vec![
                    "",
                    "n-m-ratio=2,4",
                    "target-sparsity=none n-m-ratio=1,02",
                    "target-sparsity=0.75 block-size=4 quantize-dtype=int8",
                    "palettize-nbits=4 target-sparsity=1e-1 report=\"it's.json\"",
                    "block-size=none quantize-dtype=none report=none",
                ],
            ),
            (&crate::decompress::INFO, vec![""]),
            (
                &crate::report_pass::INFO,
                vec!["", "original=x.mlir report=r.json weight-num-threshold=0"],
            ),
        ]
    }

    /// The canonical string names every option, is a fixed point, and builds the same typed
    /// options as the text it came from.
    #[test]
    fn canonical_option_strings_round_trip() {
        for (info, texts) in cases() {
            for text in texts {
                let once = info.to_option_string(text).unwrap();
                assert_eq!(
                    info.canonical_options(text).unwrap().len(),
                    info.options.len(),
                    "{once}"
                );
                for spec in info.options {
                    assert!(once.contains(&format!("{}=", spec.name)), "{once}");
                }
                assert_eq!(info.to_option_string(&once).unwrap(), once, "{text}");
                (info.create)(&once).unwrap_or_else(|e| panic!("{once}: {e}"));
            }
        }
        let same = |text: &str| {
            let once = crate::quantize::INFO.to_option_string(text).unwrap();
            assert_eq!(
                text.parse::<QuantizeOptions>().unwrap(),
                once.parse::<QuantizeOptions>().unwrap()
            );
        };
        same("dtype=uint4 qscheme=asymmetric granularity=per_block block-size=16");
        let once = crate::palettize::INFO
            .to_option_string("n-bits=2 cluster-dim=2")
            .unwrap();
        assert_eq!(
            "n-bits=2 cluster-dim=2"
                .parse::<PalettizeOptions>()
                .unwrap(),
            once.parse::<PalettizeOptions>().unwrap()
        );
        for text in [
            "n-m-ratio=2,4",
            "target-sparsity=0.25 block-size=8 palettize-nbits=2",
        ] {
            let once = crate::sparsify::INFO.to_option_string(text).unwrap();
            assert_eq!(
                text.parse::<SparsifyOptions>().unwrap(),
                once.parse::<SparsifyOptions>().unwrap(),
                "{once}"
            );
        }
    }

    #[test]
    fn canonical_spellings() {
        assert_eq!(
            crate::sparsify::INFO
                .to_option_string("n-m-ratio=2,04 report")
                .unwrap(),
            "target-sparsity=none block-size=none n-m-ratio=2,4 quantize-dtype=none \
             palettize-nbits=none weight-num-threshold=1024 report=''"
        );
        assert_eq!(
            crate::quantize::INFO
                .to_option_string("dtype=INT4 granularity=per-block report='a b.json'")
                .unwrap(),
            "dtype=int4 qscheme=symmetric granularity=per_block block-size=32 \
             weight-num-threshold=1024 scale-dtype=none report='a b.json'"
        );
    }
}
