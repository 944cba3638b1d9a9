//! Shared helpers: seeded Core AI programs, running passes, reading decoded weights.

use coreai_compress::testutil;
use half::f16;
use melior::{
    Context,
    ir::{
        Module,
        operation::{OperationLike, WalkOrder, WalkResult},
    },
};

/// A program whose weight `[k, n]` (f16, as a dense_resource blob) is the y operand of a
/// batch_matmul: output axis 1, input axis 0.
pub fn matmul_program(weight: &[f16], k: usize, n: usize) -> String {
    let mut hex = String::with_capacity(weight.len() * 4);
    for w in weight {
        for b in w.to_le_bytes() {
            hex.push_str(&format!("{b:02X}"));
        }
    }
    format!(
        r#"module {{
  coreai.graph @main(%arg0: tensor<1x{k}xf16>) -> tensor<1x{n}xf16> {{
    %0 = coreai.constant dense_resource<weight> : tensor<{k}x{n}xf16>
    %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x{k}xf16>, tensor<{k}x{n}xf16>) -> tensor<1x{n}xf16>
    coreai.output %1 : tensor<1x{n}xf16>
  }}
}}
{{-#
  dialect_resources: {{ builtin: {{ weight: "0x02000000{hex}" }} }}
#-}}
"#
    )
}

/// A program whose weight `[m, k]` is the x operand of a batch_matmul: output axis 0 (rows),
/// input axis 1, as for an `nn.Linear` weight `[out, in]`.
pub fn matmul_x_program(weight: &[f16], m: usize, k: usize) -> String {
    let mut hex = String::with_capacity(weight.len() * 4);
    for w in weight {
        for b in w.to_le_bytes() {
            hex.push_str(&format!("{b:02X}"));
        }
    }
    format!(
        r#"module {{
  coreai.graph @main(%arg0: tensor<{k}x1xf16>) -> tensor<{m}x1xf16> {{
    %0 = coreai.constant dense_resource<weight> : tensor<{m}x{k}xf16>
    %1 = coreai.batch_matmul %0, %arg0 : (tensor<{m}x{k}xf16>, tensor<{k}x1xf16>) -> tensor<{m}x1xf16>
    coreai.output %1 : tensor<{m}x1xf16>
  }}
}}
{{-#
  dialect_resources: {{ builtin: {{ weight: "0x02000000{hex}" }} }}
#-}}
"#
    )
}

/// A seeded N(0, 1) f16 weight.
pub fn normal_weight(n: usize, seed: u64) -> Vec<f16> {
    testutil::normal_f16(n, seed)
}

/// Parses a module (panics with the source on failure: a test bug).
pub fn parse<'c>(context: &'c Context, source: &str) -> Module<'c> {
    Module::parse(context, source)
        .unwrap_or_else(|| panic!("test program does not parse:\n{source}"))
}

/// Prints a module.
pub fn print(module: &Module) -> String {
    module.as_operation().to_string()
}

/// The decoded weight feeding `coreai.batch_matmul` (operand `y`) after `--coreai-decompress`.
pub fn decoded_weight(context: &Context, module: &Module) -> Vec<f32> {
    decoded_operand(context, module, 1)
}

/// The decoded weight feeding operand `index` of `coreai.batch_matmul` after
/// `--coreai-decompress`.
pub fn decoded_operand(context: &Context, module: &Module, index: usize) -> Vec<f32> {
    let mut m = parse(context, &print(module));
    coreai_passes::api::decompress(&mut m).expect("decompress");
    let mut found = None;
    m.as_operation().walk(WalkOrder::PostOrder, |op| {
        if op.name().as_string_ref().as_str() == Ok("coreai.batch_matmul") {
            found = Some(coreai_passes::api::constant_values(
                op.operand(index).expect("weight operand"),
            ));
        }
        WalkResult::Advance
    });
    found
        .expect("a batch_matmul")
        .expect("the weight decodes to a constant")
}

/// Relative RMS error of `decoded` against `original`.
pub fn relative_rms(decoded: &[f32], original: &[f16]) -> f64 {
    let exact: Vec<f32> = original.iter().map(|v| v.to_f32()).collect();
    testutil::relative_rms(decoded, &exact)
}
