// --coreai-palettize reports non-finite weights with the same policy and wording as quantize
// and sparsify: "Failed to <verb> op: non-finite weight at index N. Skipped this op."

// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-palettize="weight-num-threshold=0 lut-dtype=none"

coreai.graph @nan(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  // expected-warning@+1 {{Failed to palettize op: non-finite weight at index 2. Skipped this op.}}
  %0 = coreai.constant dense<[[1.0, 2.0, 0x7E00, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]]> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

coreai.graph @inf(%arg0: tensor<1x8xf32>) -> tensor<1x4xf32> {
  // expected-warning@+1 {{Failed to palettize op: non-finite weight at index 0. Skipped this op.}}
  %0 = coreai.constant dense<0xFF800000> : tensor<8x4xf32>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf32>, tensor<8x4xf32>) -> tensor<1x4xf32>
  coreai.output %1 : tensor<1x4xf32>
}
