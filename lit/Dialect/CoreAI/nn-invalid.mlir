// Verifier rules of coreai.batch_matmul, with coreai-core's messages.
// RUN: coreai-opt %s -split-input-file -verify-diagnostics

coreai.graph @inner_dim(%arg0: tensor<2x3xf16>, %arg1: tensor<4x5xf16>) -> tensor<2x5xf16> {
  // expected-error@+1 {{'coreai.batch_matmul' op failed to verify that number of dims >=2 and last dim of operand 0 equals second last dim of operand 1}}
  %0 = coreai.batch_matmul %arg0, %arg1 : (tensor<2x3xf16>, tensor<4x5xf16>) -> tensor<2x5xf16>
  coreai.output %0 : tensor<2x5xf16>
}

// -----

coreai.graph @rank_one(%arg0: tensor<3xf16>, %arg1: tensor<3x5xf16>) -> tensor<5xf16> {
  // expected-error@+1 {{'coreai.batch_matmul' op failed to verify that number of dims >=2 and last dim of operand 0 equals second last dim of operand 1}}
  %0 = coreai.batch_matmul %arg0, %arg1 : (tensor<3xf16>, tensor<3x5xf16>) -> tensor<5xf16>
  coreai.output %0 : tensor<5xf16>
}

// -----

coreai.graph @batch_dims(%arg0: tensor<2x3x4xf16>, %arg1: tensor<3x4x5xf16>) -> tensor<2x3x5xf16> {
  // expected-error@+1 {{'coreai.batch_matmul' op failed to verify that number of dims >=2 and last dim of operand 0 equals second last dim of operand 1}}
  %0 = coreai.batch_matmul %arg0, %arg1 : (tensor<2x3x4xf16>, tensor<3x4x5xf16>) -> tensor<2x3x5xf16>
  coreai.output %0 : tensor<2x3x5xf16>
}

// -----

coreai.graph @element_type(%arg0: tensor<3x4xf16>, %arg1: tensor<4x5xf32>) -> tensor<3x5xf16> {
  // expected-error@+1 {{'coreai.batch_matmul' op failed to verify that Result 0 element type must match element type of operand 1.}}
  %0 = coreai.batch_matmul %arg0, %arg1 : (tensor<3x4xf16>, tensor<4x5xf32>) -> tensor<3x5xf16>
  coreai.output %0 : tensor<3x5xf16>
}
