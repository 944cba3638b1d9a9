//! The check of the `pipeline` fuzz target (fuzz/fuzz_targets/pipeline.rs), shared with the
//! regression test that replays fuzz/regressions/pipeline: MLIR text → parse → verify → a
//! coreai pass pipeline → verify → print → re-parse → verify.
//!
//! Input layout: byte 0 picks the pipeline (see [`PIPELINES`]), the rest is the MLIR text
//! (cut at the first NUL, which `Module::parse` cannot take).
//!
//! Checked: nothing panics or aborts (a panic inside a pass must come back as an error
//! diagnostic, not unwind through MLIR); when the pipeline succeeds, the module verifies,
//! prints, and the printed text parses and verifies again; when a compression pass succeeds
//! on a module whose own chains decompress, its output decompresses too.

use melior::{
    Context,
    ir::{Module, operation::OperationLike},
    pass::PassManager,
    utility::parse_pass_pipeline,
};

const T: &str = "weight-num-threshold=0";

/// The pipelines; `{T}` / `{T ...}` get the threshold option `T`.
pub const PIPELINES: &[&str] = &[
    "coreai-quantize{T}",
    "coreai-quantize{T dtype=int4 granularity=per_block block-size=4}",
    "coreai-quantize{T dtype=uint4 qscheme=asymmetric granularity=per_block block-size=2}",
    "coreai-quantize{T dtype=int2 qscheme=asymmetric granularity=per_tensor}",
    "coreai-quantize{T dtype=uint8 granularity=per_channel}",
    "coreai-quantize{T dtype=fp8_e4m3fn granularity=per_block block-size=32 scale-dtype=fp8_e8m0fnu}",
    "coreai-quantize{T dtype=fp8_e5m2 granularity=per_tensor}",
    "coreai-quantize{T dtype=fp4_e2m1fn granularity=per_block block-size=32}",
    "coreai-palettize{T lut-dtype=none n-bits=2}",
    "coreai-palettize{T lut-dtype=none n-bits=4 granularity=per_channel}",
    "coreai-palettize{T lut-dtype=none n-bits=3 granularity=per_grouped_channel group-size=2}",
    "coreai-palettize{T lut-dtype=none n-bits=1 cluster-dim=2}",
    "coreai-palettize{T lut-dtype=int8 n-bits=8 granularity=per_grouped_channel group-size=4 enable-per-channel-scale=true}",
    "coreai-palettize{T lut-dtype=uint8 n-bits=6 enable-fast-kmeans-mode=false}",
    "coreai-palettize{T lut-dtype=fp8_e4m3fn n-bits=4 enable-per-channel-scale=true}",
    "coreai-sparsify{T}",
    "coreai-sparsify{T target-sparsity=0.75 block-size=2}",
    "coreai-sparsify{T n-m-ratio=1,2}",
    "coreai-sparsify{T quantize-dtype=int8}",
    "coreai-sparsify{T quantize-dtype=uint8 block-size=2}",
    "coreai-sparsify{T quantize-dtype=fp8_e4m3fn}",
    "coreai-sparsify{T palettize-nbits=4}",
    "coreai-sparsify{T target-sparsity=1.0 palettize-nbits=3}",
    "coreai-decompress",
    "coreai-decompress,canonicalize,cse",
    "coreai-quantize{T dtype=int4 granularity=per_block block-size=4},coreai-decompress",
    "coreai-palettize{T lut-dtype=none n-bits=2},coreai-decompress",
    "coreai-sparsify{T palettize-nbits=2},coreai-decompress",
];

/// Known crashes, reported with lit tests in lit/Robustness/*-bug.mlir:
/// - a tensor type of more than 2^24 elements (huge-shape-bug.mlir: element-count overflow
///   panic, or an OOM abort when a splat is materialised; the fuzzer's malloc limit trips
///   far earlier than a real machine);
/// - brackets nested more than 1000 deep (deep-nesting-bug.mlir: MLIR parser stack overflow);
/// - a resource blob with alignment 0 (resource-align0-bug.mlir: MLIR aborts);
/// - an unterminated string in the `{-# ... #-}` trailer (regressions/pipeline/
///   resource-unterminated-string-overread: MLIR's lexer reads past the end of the buffer
///   after "expected '\"' in string literal"; ASan reports it as a SEGV or overflow).
pub fn known_crash(text: &str) -> bool {
    if let Some(i) = text.find("{-#")
        && text[i..].matches('"').count() % 2 == 1
    {
        return true;
    }
    let mut depth = 0usize;
    for b in text.bytes() {
        match b {
            b'[' => {
                depth += 1;
                if depth > 1000 {
                    return true;
                }
            }
            b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if text.contains("\"0x00000000") {
        return true;
    }
    // Every `<d0xd1x...` run of digits and 'x' after "tensor<".
    for (i, _) in text.match_indices("tensor<") {
        let mut n: u128 = 1;
        for dim in text[i + 7..].split('x') {
            let digits: String = dim.chars().take_while(|c| c.is_ascii_digit()).collect();
            if digits.is_empty() || digits.len() != dim.len() {
                // The last (partial) component is the element type, or not a number.
                if let Ok(d) = digits.parse::<u128>() {
                    n = n.saturating_mul(d);
                }
                break;
            }
            n = n.saturating_mul(digits.parse::<u128>().unwrap_or(u128::MAX));
        }
        if n > 1 << 24 {
            return true;
        }
    }
    false
}

fn pipeline_text(i: usize) -> String {
    let p = PIPELINES[i]
        .replace("{T}", &format!("{{{T}}}"))
        .replace("{T ", &format!("{{{T} "));
    format!("builtin.module({p})")
}

fn parse<'c>(context: &'c Context, text: &str) -> Option<Module<'c>> {
    Module::parse(context, text)
}

fn run_pipeline(context: &Context, module: &mut Module, pipeline: &str) -> bool {
    let pm = PassManager::new(context);
    parse_pass_pipeline(pm.as_operation_pass_manager(), pipeline)
        .unwrap_or_else(|e| panic!("pipeline {pipeline} does not parse: {e}"));
    pm.run(module).is_ok()
}

/// The pipeline byte 0 of `data` picks and the MLIR text of the rest (cut at the first NUL),
/// or `None` if the text is not UTF-8.
pub fn split_input(data: &[u8]) -> Option<(usize, &str)> {
    let (&which, rest) = data.split_first()?;
    let rest = rest.split(|&b| b == 0).next().unwrap_or(&[]);
    let text = std::str::from_utf8(rest).ok()?;
    Some((which as usize % PIPELINES.len(), text))
}

/// Runs pipeline `index` of [`PIPELINES`] on `text` and checks the result. Panics on a
/// finding.
pub fn check(index: usize, text: &str) {
    let pipeline = pipeline_text(index);
    let compresses = !PIPELINES[index].starts_with("coreai-decompress");

    coreai_passes::register_passes();
    melior::pass::transform::register_canonicalizer();
    melior::pass::transform::register_cse();
    let context = coreai_dialect::context();
    let _handler = context.attach_diagnostic_handler(|_| true);
    let Some(mut module) = parse(&context, text) else {
        return;
    };
    if !module.as_operation().verify() {
        return;
    }
    // Does the input's own compressed IR decode? (Only then must ours.)
    let decodes_before = compresses && {
        let mut copy = parse(&context, text).expect("re-parse of a parsed text");
        run_pipeline(&context, &mut copy, "builtin.module(coreai-decompress)")
    };
    if !run_pipeline(&context, &mut module, &pipeline) {
        return;
    }
    let op = module.as_operation();
    assert!(
        op.verify(),
        "{pipeline} succeeded but the output does not verify"
    );
    let printed = op.to_string();
    let mut again = parse(&context, &printed)
        .unwrap_or_else(|| panic!("{pipeline}: printed output does not re-parse:\n{printed}"));
    assert!(
        again.as_operation().verify(),
        "{pipeline}: re-parsed output does not verify:\n{printed}"
    );
    if decodes_before && !PIPELINES[index].contains("coreai-decompress") {
        assert!(
            run_pipeline(&context, &mut again, "builtin.module(coreai-decompress)"),
            "{pipeline} succeeded, but coreai-decompress fails on its output:\n{printed}"
        );
        assert!(
            again.as_operation().verify(),
            "decompressed output of {pipeline} does not verify"
        );
    }
}
