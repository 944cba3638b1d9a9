//! The pass documentation (`docs/passes.md`), generated from the same [`PassInfo`] tables
//! that drive option parsing and `--help`, so the two cannot drift. A test compares the file
//! with [`markdown`]; `COREAI_UPDATE_DOCS=1 cargo test -p coreai-passes docs` rewrites it.

use crate::{options::OptionKind, registry::passes};
use std::fmt::Write as _;

/// Where this project deliberately differs from the reference (coreai-opt 0.3.0), with the
/// reason for each (spec section F, plus decisions the spec left open).
pub static DIFFERENCES: &[(&str, &str, &str)] = &[
    (
        "F.1",
        "E8M0 (MX) scales are chosen first: per block, of 2^floor(log2 r) and 2^ceil(log2 r) (r = amax/fmax), the one with the lower block error is stored together with the codes it was scored with.",
        "The reference quantizes with the unrounded scale but stores it rounded to E8M0, a mismatch of up to 1.4x: relative RMS 0.22 for FP8 per-block and 0.234 for MX FP4, against about 0.026 and 0.11 here.",
    ),
    (
        "F.2",
        "FP8 E5M2 and all scale arithmetic are computed in f32.",
        "The reference computes 2*57344 in f16 for f16 weights, which overflows: every weight decodes to 0.",
    ),
    (
        "F.3",
        "Quantization arithmetic is f32 (f64 for reductions), and data is quantized with the scale as stored. Where the reference's f16 arithmetic would give a block a lower error, its parameters are kept for that block.",
        "Decoding reproduces exactly what was optimised, and the error is never worse than the reference's. Codes may differ by +-1 where the reference rounds w/scale to f16 first.",
    ),
    (
        "F.4",
        "Fast k-means rounding (rounding-precision) is computed in f32.",
        "In f16, w*10^4 overflows for |w| > 6.55 and puts inf/NaN into the LUT.",
    ),
    (
        "F.5",
        "LUT quantization with a per-channel scale keeps the fused scale (LUT scale times per-channel scale) in the per-channel-scale shape, with the unscaled zero point as offset1.",
        "The reference collapses both to the first channel's value: relative RMS 0.166 instead of about 0.01.",
    ),
    (
        "F.6",
        "Sparsity with a non-zero zero point (uint8) dequantizes the kept values first (1-D blockwise_shift_scale), then scatters them.",
        "The reference chain decodes pruned positions to -127*scale (relative RMS 2.8).",
    ),
    (
        "F.7",
        "n-bits=3 (palettize and sparsify's palettize-nbits) is supported: ui3 is a continuous LSB-first bit stream.",
        "The reference documents 3 bits but fails while packing them.",
    ),
    (
        "F.8",
        "FP4 data is packed two per byte, low nibble first.",
        "The coreai-torch converter and Apple's runtime use this layout; the reference's one byte per element decodes wrongly at run time.",
    ),
    (
        "F.9",
        "bf16 weights are compressed like f16/f32 (bf16 scales and LUTs where Core AI allows them).",
        "The reference reads bf16 as raw bytes: quantize and palettize skip, sparsify emits invalid IR.",
    ),
    (
        "F.10",
        "Every scalar palette is the exact, globally optimal 1-D k-means (dynamic programming over the sorted unique values); vectors use seeded k-means++ and Lloyd. The thread count never changes the output.",
        "The reference is exact only for f16 groups of at least 10,000 values and uses sklearn otherwise, which cannot be reproduced bit for bit.",
    ),
    (
        "F.11",
        "A constant whose uses disagree on the channel axes is skipped with a warning.",
        "The reference guesses input axis 1 and output axis 0; coremltools skips.",
    ),
    (
        "F.12",
        "Unused constants are left alone, the original constant is erased, and identity casts are not emitted.",
        "The pass output is the final IR; the reference leaves dead constants and casts for a later cleanup.",
    ),
    (
        "F.13",
        "quantize with granularity=per_grouped_channel is an option error.",
        "The reference hits an assert that aborts the whole walk.",
    ),
    (
        "F.14",
        "Vector palettization reads conv2d's groups from its constant operand 4.",
        "The reference reads an attribute that does not exist and raises.",
    ),
    (
        "-",
        "Non-finite weights (NaN, +-Inf) are skipped with a warning; all-zero weights compress to exact zeros. No pass ever emits a NaN or infinite scale or LUT.",
        "Numpy would propagate NaN into scales and LUTs.",
    ),
    (
        "-",
        "target-sparsity must be in [0, 1], and block-size cannot be combined with n-m-ratio.",
        "The reference does not check them.",
    ),
    (
        "-",
        "sparsify's palettize-nbits clusters the kept values as f16 (bf16 for bf16 weights), like palettize does; the LUT is stored in the weight type.",
        "It bounds the exact k-means to 65,536 unique values; clustering every f32 value exactly would take O(k * nnz) memory.",
    ),
];

fn escape(s: &str) -> String {
    s.replace('|', "\\|")
}

/// Renders `docs/passes.md`.
pub fn markdown() -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# coreai passes\n");
    let _ = writeln!(
        s,
        "Generated from the option tables in `crates/coreai-passes` by `COREAI_UPDATE_DOCS=1 cargo test -p coreai-passes docs`; do not edit by hand.\n"
    );
    let _ = writeln!(
        s,
        "Options use MLIR's syntax: `--coreai-quantize=\"dtype=int4 granularity=per_block\"` on the command line, `--pass-pipeline=\"builtin.module(coreai-quantize{{dtype=int4}},canonicalize)\"` in a pipeline. Keys and enum values accept `-` and `_` alike.\n"
    );
    for p in passes() {
        let _ = writeln!(
            s,
            "## `--{}`\n\n{}.\n\n{}\n",
            p.argument,
            capitalise(p.summary),
            p.description
        );
        let options = (p.options)();
        if options.is_empty() {
            let _ = writeln!(s, "No options.\n");
            continue;
        }
        let _ = writeln!(
            s,
            "| option | type | default | values | description |\n|---|---|---|---|---|"
        );
        for o in options {
            let mut values = match o.kind {
                OptionKind::Enum => o.values.join(", "),
                OptionKind::Bool => "true, false".into(),
                OptionKind::UInt | OptionKind::Float => String::new(),
                OptionKind::UIntList => "comma-separated unsigned".into(),
                OptionKind::Path => "file name".into(),
            };
            if o.takes_none && !o.values.contains(&"none") {
                values = if values.is_empty() {
                    "none".into()
                } else {
                    format!("{values}, none")
                };
            }
            let default = if o.default.is_empty() {
                "unset".to_string()
            } else {
                format!("`{}`", o.default)
            };
            let _ = writeln!(
                s,
                "| `{}` | {} | {default} | {} | {} |",
                o.name,
                o.kind.name(),
                escape(&values),
                escape(o.help)
            );
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(
        s,
        "## Deliberate differences from the reference (coreai-opt 0.3.0)\n"
    );
    let _ = writeln!(s, "| spec | what this project does | why |\n|---|---|---|");
    for (id, what, why) in DIFFERENCES {
        let _ = writeln!(s, "| {id} | {} | {} |", escape(what), escape(why));
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn docs_are_up_to_date() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/passes.md");
        let generated = super::markdown();
        if std::env::var_os("COREAI_UPDATE_DOCS").is_some() {
            std::fs::create_dir_all(path.parent().expect("docs dir")).expect("create docs/");
            std::fs::write(&path, &generated).expect("write docs/passes.md");
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            current == generated,
            "docs/passes.md is out of date; run `COREAI_UPDATE_DOCS=1 cargo test -p coreai-passes docs`"
        );
    }
}
