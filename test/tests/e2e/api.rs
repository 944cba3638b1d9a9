//! The Rust API: the compression functions' reports, `report_weights` on a compressed module
//! (agreeing with the report of the pass that compressed it), option validation, and the typed
//! errors of `constant_values`.

use super::common::*;
use coreai_passes::{
    PalettizeOptions, QuantizeOptions, SparsifyOptions, api,
    options::{DType, Granularity},
    report::Decision,
};
use melior::ir::operation::{OperationLike, WalkOrder, WalkResult};

#[test]
fn report_weights_matches_the_compression_report() {
    let w = normal_weight(128 * 64, 31);
    let source = matmul_program(&w, 128, 64);
    let dir = tempfile::tempdir().expect("temp dir");
    let original = dir.path().join("original.mlir");
    std::fs::write(&original, &source).expect("write original");

    let context = coreai_dialect::context();
    let mut module = parse(&context, &source);
    let options = QuantizeOptions {
        dtype: DType::Int4,
        granularity: Granularity::PerBlock,
        weight_num_threshold: 0,
        ..Default::default()
    };
    let compressed = api::quantize_weights(&mut module, &options).expect("quantize");
    assert_eq!(compressed.compressed(), 1);
    let entry = &compressed.constants[0];
    assert_eq!(entry.decision, Decision::Compressed);
    assert_eq!((entry.output_axis, entry.input_axis), (Some(1), Some(0)));
    assert_eq!(entry.bytes_before, 128 * 64 * 2);
    // 4-bit codes, one f16 scale per block of 32, splat offsets.
    assert_eq!(entry.bytes_after, 128 * 64 / 2 + 4 * 64 * 2 + 1 + 2);

    let analysed = api::report_weights(&mut module, Some(&original)).expect("report");
    assert_eq!(analysed.constants.len(), 1, "{analysed:?}");
    let a = &analysed.constants[0];
    assert_eq!(a.decision, Decision::Compressed);
    assert_eq!(a.bytes_after, entry.bytes_after);
    let (ours, theirs) = (entry.snr_db.expect("snr"), a.snr_db.expect("snr"));
    assert!(
        (ours - theirs).abs() < 1e-9,
        "compression report SNR {ours} vs analysis {theirs}"
    );
    assert_eq!(entry.max_abs_error, a.max_abs_error);

    // Without the original there is no error figure, but sizes are still reported.
    let plain = api::report_weights(&mut module, None).expect("report");
    assert_eq!(plain.constants[0].snr_db, None);
    assert_eq!(plain.constants[0].bytes_after, entry.bytes_after);
}

#[test]
fn invalid_options_are_errors_not_panics() {
    let context = coreai_dialect::context();
    let mut module = parse(&context, &matmul_program(&normal_weight(64, 1), 8, 8));
    let bad = QuantizeOptions {
        dtype: DType::Fp4E2M1fn,
        block_size: 16,
        granularity: Granularity::PerBlock,
        ..Default::default()
    };
    let e = api::quantize_weights(&mut module, &bad).unwrap_err();
    assert!(
        e.to_string()
            .contains("requires granularity=per_block and block-size=32"),
        "{e}"
    );
    let bad = PalettizeOptions {
        n_bits: 5,
        ..Default::default()
    };
    let e = api::palettize_weights(&mut module, &bad).unwrap_err();
    assert!(
        e.to_string()
            .contains("'n-bits' must be one of 1, 2, 3, 4, 6, 8; got 5"),
        "{e}"
    );
    let bad = SparsifyOptions {
        quantize_dtype: Some(DType::Int8),
        palettize_nbits: Some(4),
        ..Default::default()
    };
    let e = api::sparsify_weights(&mut module, &bad).unwrap_err();
    assert!(e.to_string().contains("mutually exclusive"), "{e}");
    // Options parse from MLIR's option syntax too.
    let parsed: SparsifyOptions = "n-m-ratio=2,4 quantize-dtype=uint8".parse().expect("parse");
    assert_eq!(parsed.quantize_dtype, Some(DType::UInt8));
    assert!("target-sparsity=1.5".parse::<SparsifyOptions>().is_err());
}

#[test]
fn constant_values_reports_typed_errors() {
    let context = coreai_dialect::context();
    let module = parse(
        &context,
        r#"coreai.graph @main(%x: tensor<1x2xf16>) -> tensor<1x3xf16> {
             %w = coreai.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf16>
             %y = coreai.batch_matmul %x, %w : (tensor<1x2xf16>, tensor<2x3xf16>) -> tensor<1x3xf16>
             coreai.output %y : tensor<1x3xf16>
           }"#,
    );
    let mut operands = Vec::new();
    module.as_operation().walk(WalkOrder::PostOrder, |op| {
        if op.name().as_string_ref().as_str() == Ok("coreai.batch_matmul") {
            operands.push(api::constant_values(op.operand(0).expect("x")));
            operands.push(api::constant_values(op.operand(1).expect("w")));
        }
        WalkResult::Advance
    });
    let [x, w] = <[_; 2]>::try_from(operands).expect("one batch_matmul");
    // A graph argument is not a constant: a typed error, with its message.
    let e = x.unwrap_err();
    assert_eq!(e, api::ConstantError::NotConstant);
    assert_eq!(
        e.to_string(),
        "the value is not defined by a coreai.constant"
    );
    assert_eq!(w.expect("w"), [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
}
