// Verifier rules of the elementwise binary ops, with coreai-core's messages.
// RUN: coreai-opt %s -split-input-file -verify-diagnostics

coreai.graph @add_element_type(%arg0: tensor<2x3xf16>, %arg1: tensor<2x3xf32>) -> tensor<2x3xf16> {
  // expected-error@+1 {{'coreai.add' op failed to verify that Result 0 element type must match element type of operand 1.}}
  %0 = coreai.add %arg0, %arg1 : (tensor<2x3xf16>, tensor<2x3xf32>) -> tensor<2x3xf16>
  coreai.output %0 : tensor<2x3xf16>
}

// -----

coreai.graph @mul_shape(%arg0: tensor<2x3xf16>, %arg1: tensor<3x3xf16>) -> tensor<2x3xf16> {
  // expected-error@+1 {{'coreai.mul' op all non-scalar operands/results must have the same shape and base type}}
  %0 = coreai.mul %arg0, %arg1 : (tensor<2x3xf16>, tensor<3x3xf16>) -> tensor<2x3xf16>
  coreai.output %0 : tensor<2x3xf16>
}

// -----

coreai.graph @equal_result(%arg0: tensor<2x3xf16>, %arg1: tensor<2x3xf16>) -> tensor<2x3xf16> {
  // expected-error@+1 {{'coreai.equal' op result #0 must be CoreAI Tensor of Boolean type. values, but got 'tensor<2x3xf16>'}}
  %0 = coreai.equal %arg0, %arg1 : (tensor<2x3xf16>, tensor<2x3xf16>) -> tensor<2x3xf16>
  coreai.output %0 : tensor<2x3xf16>
}

// -----

coreai.graph @greater_operands(%arg0: tensor<2x3xf16>, %arg1: tensor<2x3xf32>) -> tensor<2x3xi1> {
  // expected-error@+1 {{'coreai.greater' op requires the same element type for all operands}}
  %0 = coreai.greater %arg0, %arg1 : (tensor<2x3xf16>, tensor<2x3xf32>) -> tensor<2x3xi1>
  coreai.output %0 : tensor<2x3xi1>
}

// -----

coreai.graph @where_condition(%arg0: tensor<2x3xf16>, %arg1: tensor<2x3xf16>) -> tensor<2x3xf16> {
  // expected-error@+1 {{'coreai.where' op operand #0 must be CoreAI Tensor of Boolean type. values, but got 'tensor<2x3xf16>'}}
  %0 = coreai.where %arg0, %arg1, %arg1 : (tensor<2x3xf16>, tensor<2x3xf16>, tensor<2x3xf16>) -> tensor<2x3xf16>
  coreai.output %0 : tensor<2x3xf16>
}
