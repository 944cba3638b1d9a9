// The compression report (its options line: every option, canonically spelt): remarks without a path, JSON with one, and --coreai-report on an
// already compressed program (with the original, to get the error figures).
// RUN: coreai-opt %s --coreai-quantize="weight-num-threshold=16 report" -verify-diagnostics -o /dev/null
// RUN: coreai-opt %s --coreai-quantize="weight-num-threshold=16 dtype=int4 granularity=per_block block-size=4 report=%t.json" -o %t.mlir
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: coreai-opt %t.mlir --coreai-report="original=%s report=%t.report.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=ANALYSIS < %t.report.json
// RUN: coreai-opt %t.mlir --coreai-report="original=%s" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK

// JSON: "pass": "coreai-quantize",
// JSON: "options": "dtype=int4 qscheme=symmetric granularity=per_block block-size=4 weight-num-threshold=16 scale-dtype=none report={{.*}}.json",
// JSON: "constants": [
// JSON-NEXT: {"location": "{{.*}}report.mlir\":26:8", "graph": "main", "shape": [8, 4], "element_type": "f16", "consumers": ["coreai.batch_matmul"], "output_axis": 1, "input_axis": 0, "decision": "compressed", "reason": null, "bytes_before": 64, "bytes_after": 35, "bits_per_weight": 8.75, "snr_db": {{[0-9.]+}}, "max_abs_error": {{[0-9.e-]+}}},
// JSON-NEXT: {"location": "{{.*}}", "graph": "main", "shape": [2, 4], "element_type": "f16", "consumers": ["coreai.batch_matmul"], "output_axis": null, "input_axis": null, "decision": "skipped", "reason": "not more elements than weight-num-threshold", "bytes_before": 16, "bytes_after": 16, "bits_per_weight": 16, "snr_db": null, "max_abs_error": null},
// JSON-NEXT: {"location": "{{.*}}", "graph": "main", "shape": [4, 8], "element_type": "f32", "consumers": [], "output_axis": null, "input_axis": null, "decision": "skipped", "reason": "unused constant left uncompressed", "bytes_before": 128, "bytes_after": 128, "bits_per_weight": 32, "snr_db": null, "max_abs_error": null}
// JSON-NEXT: ],
// JSON-NEXT: "totals": {"constants": 3, "compressed": 1, "elements": 72, "bytes_before": 208, "bytes_after": 179,

// ANALYSIS: "pass": "coreai-report",
// ANALYSIS: {"location": "{{.*}}", "graph": "main", "shape": [8, 4], "element_type": "f16", "consumers": ["coreai.batch_matmul"], "output_axis": null, "input_axis": null, "decision": "compressed", "reason": null, "bytes_before": 64, "bytes_after": 35, "bits_per_weight": 8.75, "snr_db": {{[0-9.]+}}, "max_abs_error": {{[0-9.e-]+}}}

// REMARK: remark: compressed 8x4xf16: 64 -> 35 bytes, 8.750 bits/weight, SNR {{[0-9.]+}} dB, max abs error {{.*}} [blockwise_shift_scale]

coreai.graph @main(%arg0: tensor<1x8xf16>, %arg1: tensor<1x2xf16>) -> (tensor<1x4xf16>, tensor<1x4xf16>) {
  // expected-remark@+1 {{compressed 8x4xf16: 64 -> 43 bytes, 10.750 bits/weight, SNR}}
  %0 = coreai.constant dense<[[0.1, -0.2, 1.1, 0.25], [0.3, 0.4, -0.5, 0.6], [0.7, 0.8, 0.9, -1.0], [1.1, -1.2, 1.3, 1.4], [-0.15, 0.25, 0.35, 0.45], [0.55, 0.65, -0.75, 0.85], [0.95, 1.05, 1.15, -1.25], [-0.45, 0.21, -1.0, -0.2]]> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  // expected-remark@+1 {{skipped 2x4xf16: not more elements than weight-num-threshold}}
  %2 = coreai.constant dense<[[0.5, 1.0, 1.5, 2.0], [2.5, 3.0, 3.5, 4.0]]> : tensor<2x4xf16>
  %3 = coreai.batch_matmul %arg1, %2 : (tensor<1x2xf16>, tensor<2x4xf16>) -> tensor<1x4xf16>
  // expected-remark@+2 {{skipped 4x8xf32: unused constant left uncompressed}}
  // expected-remark@+1 {{unused constant left uncompressed}}
  %4 = coreai.constant dense<1.0> : tensor<4x8xf32>
  coreai.output %1, %3 : tensor<1x4xf16>, tensor<1x4xf16>
}

// The same through stock mlir-opt with the plugin, with the same output.
// RUN: %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-quantize{weight-num-threshold=16 report})" -verify-diagnostics -o /dev/null
// RUN: %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-quantize{weight-num-threshold=16 dtype=int4 granularity=per_block block-size=4 report=%t.plugin.json})" -o %t.plugin.mlir
// RUN: FileCheck %s --check-prefix=JSON < %t.plugin.json
// RUN: cmp %t.mlir %t.plugin.mlir
// RUN: %coreai_mlir_opt %t.mlir --pass-pipeline="builtin.module(coreai-report{original=%s report=%t.plugin.report.json})" -o /dev/null
// RUN: FileCheck %s --check-prefix=ANALYSIS < %t.plugin.report.json
// RUN: %coreai_mlir_opt %t.mlir --pass-pipeline="builtin.module(coreai-report{original=%s})" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
