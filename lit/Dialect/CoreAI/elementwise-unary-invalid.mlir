// Verifier rules of the elementwise unary ops, with coreai-core's messages.
// RUN: coreai-opt %s -split-input-file -verify-diagnostics

coreai.graph @abs_element_type(%arg0: tensor<2x3xf16>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'coreai.abs' op failed to verify that Result 0 element type must match element type of operand 0.}}
  %0 = coreai.abs %arg0 : tensor<2x3xf16> -> tensor<2x3xf32>
  coreai.output %0 : tensor<2x3xf32>
}

// -----

coreai.graph @exp_shape(%arg0: tensor<2x3xf16>) -> tensor<3x2xf16> {
  // expected-error@+1 {{'coreai.exp' op all non-scalar operands/results must have the same shape and base type}}
  %0 = coreai.exp %arg0 : tensor<2x3xf16> -> tensor<3x2xf16>
  coreai.output %0 : tensor<3x2xf16>
}

// -----

coreai.graph @not_float(%arg0: tensor<2x3xf16>) -> tensor<2x3xf16> {
  // expected-error@+1 {{'coreai.not' op operand #0 must be CoreAI Tensor of Boolean type. values, but got 'tensor<2x3xf16>'}}
  %0 = coreai.not %arg0 : tensor<2x3xf16> -> tensor<2x3xf16>
  coreai.output %0 : tensor<2x3xf16>
}

// -----

coreai.graph @relu_shape(%arg0: tensor<2x3xf16>) -> tensor<3x2xf16> {
  // expected-error@+1 {{'coreai.relu' op requires the same shape for all operands and results}}
  %0 = coreai.relu %arg0 : (tensor<2x3xf16>) -> tensor<3x2xf16>
  coreai.output %0 : tensor<3x2xf16>
}

// -----

coreai.graph @gelu_element_type(%arg0: tensor<2x3xf16>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'coreai.gelu' op failed to verify that Result 0 element type must match element type of operand 0.}}
  %0 = coreai.gelu %arg0 approximate = <tanh> : tensor<2x3xf16> -> tensor<2x3xf32>
  coreai.output %0 : tensor<2x3xf32>
}
