// --coreai-decompress folds zero-sized blockwise_shift_scale and lut_to_dense chains (which
// verify: a scale dim of 1 divides 0) to empty constants, like the sparse chain.

// RUN: coreai-opt %s -split-input-file --coreai-decompress | FileCheck %s

// CHECK-LABEL: coreai.graph @bss_zero_sized
// CHECK-NEXT: coreai.constant dense<> : tensor<0x4xf16>
// CHECK-NEXT: coreai.output
coreai.graph @bss_zero_sized() -> tensor<0x4xf16> {
  %0 = coreai.constant dense<> : tensor<0x4xsi8>
  %1 = coreai.constant dense<1.0> : tensor<1x4xf16>
  %2 = coreai.constant dense<0> : tensor<1x4xsi8>
  %3 = coreai.constant dense<0.0> : tensor<1x4xf16>
  %4 = coreai.blockwise_shift_scale %0, %1, %2, %3 : (tensor<0x4xsi8>, tensor<1x4xf16>, tensor<1x4xsi8>, tensor<1x4xf16>) -> tensor<0x4xf16>
  coreai.output %4 : tensor<0x4xf16>
}

// -----

// CHECK-LABEL: coreai.graph @lut_zero_sized
// CHECK-NEXT: coreai.constant dense<> : tensor<0x4xf16>
// CHECK-NEXT: coreai.output
coreai.graph @lut_zero_sized() -> tensor<0x4xf16> {
  %0 = coreai.constant dense<> : tensor<0x4xui2>
  %1 = coreai.constant dense<0> : tensor<si16>
  %2 = coreai.constant dense<[[[[0.0], [0.5], [1.0], [1.5]]]]> : tensor<1x1x4x1xf16>
  %3 = coreai.lut_to_dense %0, %2, %1 : (tensor<0x4xui2>, tensor<1x1x4x1xf16>, tensor<si16>) -> tensor<0x4xf16>
  coreai.output %3 : tensor<0x4xf16>
}

// -----

// This one works today.
// CHECK-LABEL: coreai.graph @sparse_zero_sized
// CHECK-NEXT: coreai.constant dense<> : tensor<0x4xf16>
// CHECK-NEXT: coreai.output
coreai.graph @sparse_zero_sized() -> tensor<0x4xf16> {
  %0 = coreai.constant dense<> : tensor<0xf16>
  %1 = coreai.constant dense<> : tensor<0x4xui1>
  %2 = coreai.build_sparse_with_bitmask %0, %1 : (tensor<0xf16>, tensor<0x4xui1>) -> tensor<0x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 0, posWidth = 1, crdWidth = 1>>
  %3 = coreai.sparse_with_bitmask_to_dense %2 : tensor<0x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 0, posWidth = 1, crdWidth = 1>> -> tensor<0x4xf16>
  coreai.output %3 : tensor<0x4xf16>
}
