// #coreai.sparse_tensor_encoding rejects a negative numNonZero when parsing, and a numNonZero
// larger than the tensor it encodes (VerifiableTensorEncoding), also on graph arguments.

// RUN: not coreai-opt %s -split-input-file 2>&1 | FileCheck %s --implicit-check-not="Stack dump"

// CHECK: sparse-encoding-invalid.mlir:[[# @LINE + 1]]:{{[0-9]+}}: error: {{.*}}numNonZero
coreai.graph @nnz_negative(%arg0: tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = -3, posWidth = 1, crdWidth = 1>>) -> tensor<8x4xf16> {
  %d = coreai.sparse_with_bitmask_to_dense %arg0 : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = -3, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
  coreai.output %d : tensor<8x4xf16>
}

// -----

// CHECK: sparse-encoding-invalid.mlir:[[# @LINE + 1]]:{{[0-9]+}}: error: {{.*}}numNonZero
coreai.graph @nnz_too_big(%arg0: tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 33, posWidth = 1, crdWidth = 1>>) -> tensor<8x4xf16> {
  %d = coreai.sparse_with_bitmask_to_dense %arg0 : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 33, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
  coreai.output %d : tensor<8x4xf16>
}
