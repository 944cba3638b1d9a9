// Verifier rules of the data movement ops, with coreai-core's messages.
// RUN: coreai-opt %s -split-input-file -verify-diagnostics

coreai.graph @reshape_count(%arg0: tensor<2x3xf16>) -> tensor<7xf16> {
  %0 = coreai.constant dense<7> : tensor<1xsi32>
  // expected-error@+1 {{'coreai.reshape' op total number of elements must be preserved in reshape}}
  %1 = coreai.reshape %arg0, %0 : (tensor<2x3xf16>, tensor<1xsi32>) -> tensor<7xf16>
  coreai.output %1 : tensor<7xf16>
}

// -----

coreai.graph @pad_length(%arg0: tensor<2x3xf16>) -> tensor<2x5xf16> {
  %0 = coreai.constant dense<1> : tensor<2xui32>
  %1 = coreai.constant dense<0.000000e+00> : tensor<f16>
  // expected-error@+1 {{padding lengths has 2 elements, expect 4 elements}}
  %2 = coreai.pad %arg0, %0, %1 mode = <constant> : (tensor<2x3xf16>, tensor<2xui32>, tensor<f16>) -> tensor<2x5xf16>
  coreai.output %2 : tensor<2x5xf16>
}
