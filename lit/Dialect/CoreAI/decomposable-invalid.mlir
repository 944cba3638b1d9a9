// Verifier rules of the broadcasting ops, with coreai-core's messages.
// RUN: coreai-opt %s -split-input-file -verify-diagnostics

coreai.graph @incompatible(%arg0: tensor<2x3xf16>, %arg1: tensor<4xf16>) -> tensor<2x4xf16> {
  // expected-error@+1 {{'coreai.decomposable.broadcasting_add' op operands don't have broadcast-compatible shapes}}
  %0 = coreai.decomposable.broadcasting_add %arg0, %arg1 : (tensor<2x3xf16>, tensor<4xf16>) -> tensor<2x4xf16>
  coreai.output %0 : tensor<2x4xf16>
}

// -----

coreai.graph @result_shape(%arg0: tensor<2x3xf16>, %arg1: tensor<3xf16>) -> tensor<4x3xf16> {
  // expected-error@+1 {{'coreai.decomposable.broadcasting_mul' op result type '4x3' not broadcast compatible with broadcasted operands's shapes '2x3'}}
  %0 = coreai.decomposable.broadcasting_mul %arg0, %arg1 : (tensor<2x3xf16>, tensor<3xf16>) -> tensor<4x3xf16>
  coreai.output %0 : tensor<4x3xf16>
}

// -----

coreai.graph @element_type(%arg0: tensor<2x3xf16>, %arg1: tensor<3xf32>) -> tensor<2x3xf16> {
  // expected-error@+1 {{'coreai.decomposable.broadcasting_sub' op failed to verify that Result 0 element type must match element type of operand 1.}}
  %0 = coreai.decomposable.broadcasting_sub %arg0, %arg1 : (tensor<2x3xf16>, tensor<3xf32>) -> tensor<2x3xf16>
  coreai.output %0 : tensor<2x3xf16>
}
