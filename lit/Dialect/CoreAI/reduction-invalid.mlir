// Verifier rules of the reductions, with coreai-core's messages.
// RUN: coreai-opt %s -split-input-file -verify-diagnostics

coreai.graph @softmax_axis(%arg0: tensor<2x3xf16>) -> tensor<2x3xf16> {
  %0 = coreai.constant dense<1.000000e+00> : tensor<f32>
  // expected-error@+1 {{'coreai.softmax' op operand #1 must be 0D CoreAI Tensor of Index type. values, but got 'tensor<f32>'}}
  %1 = coreai.softmax %arg0, %0 : (tensor<2x3xf16>, tensor<f32>) -> tensor<2x3xf16>
  coreai.output %1 : tensor<2x3xf16>
}

// -----

coreai.graph @softmax_axis_width(%arg0: tensor<2x3xf16>) -> tensor<2x3xf16> {
  %0 = coreai.constant dense<1> : tensor<si64>
  // expected-error@+1 {{'coreai.softmax' op operand #1 must be 0D CoreAI Tensor of Index type. values, but got 'tensor<si64>'}}
  %1 = coreai.softmax %arg0, %0 : (tensor<2x3xf16>, tensor<si64>) -> tensor<2x3xf16>
  coreai.output %1 : tensor<2x3xf16>
}
