// Dynamic and unranked shapes. A constant cannot have a dynamic type (a located parse error,
// non-zero exit). Everywhere else dynamic shapes are legal: weights feeding dynamically
// shaped consumers are compressed as usual, and decompression ops with a dynamically shaped
// (hence non-constant) operand are left alone. Every pass succeeds and its output verifies.

// RUN: not coreai-opt %S/Inputs/dynamic-constant.mlir --coreai-quantize 2>&1 | FileCheck %s --check-prefix=CONST --implicit-check-not="Stack dump"
// RUN: not coreai-opt %S/Inputs/dynamic-constant.mlir --coreai-decompress 2>&1 | FileCheck %s --check-prefix=CONST --implicit-check-not="Stack dump"
// CONST: dynamic-constant.mlir:4:24: error: elements literal type must have static shape

// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-quantize=weight-num-threshold=0 | coreai-opt -split-input-file | FileCheck %s --check-prefixes=CHECK,Q
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-palettize="weight-num-threshold=0 lut-dtype=none" | coreai-opt -split-input-file | FileCheck %s --check-prefixes=CHECK,P
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-sparsify=weight-num-threshold=0 | coreai-opt -split-input-file | FileCheck %s --check-prefixes=CHECK,S
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-decompress | coreai-opt -split-input-file | FileCheck %s

// A static weight, a dynamic activation.
// CHECK-LABEL: coreai.graph @dynamic_activation
// Q: coreai.blockwise_shift_scale
// P: coreai.lut_to_dense
// S: coreai.sparse_with_bitmask_to_dense
// CHECK: coreai.batch_matmul %arg0, %{{.*}} : (tensor<?x8xf16>, tensor<8x4xf16>) -> tensor<?x4xf16>
coreai.graph @dynamic_activation(%arg0: tensor<?x8xf16>) -> tensor<?x4xf16> {
  %0 = coreai.constant dense<[[1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [-1.0, -2.0, -3.0, -4.0], [1.0, 2.0, 3.0, 4.0], [0.5, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.5, 4.0], [1.0, 2.0, 3.0, 4.5]]> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<?x8xf16>, tensor<8x4xf16>) -> tensor<?x4xf16>
  coreai.output %1 : tensor<?x4xf16>
}

// -----

// An unranked activation.
// CHECK-LABEL: coreai.graph @unranked_activation
// CHECK: coreai.batch_matmul %arg0, %{{.*}} : (tensor<*xf16>, tensor<8x4xf16>) -> tensor<*xf16>
coreai.graph @unranked_activation(%arg0: tensor<*xf16>) -> tensor<*xf16> {
  %0 = coreai.constant dense<[[1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [-1.0, -2.0, -3.0, -4.0], [1.0, 2.0, 3.0, 4.0], [0.5, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.5, 4.0], [1.0, 2.0, 3.0, 4.5]]> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<*xf16>, tensor<8x4xf16>) -> tensor<*xf16>
  coreai.output %1 : tensor<*xf16>
}

// -----

// Quantized data with a dynamic shape (a graph argument): nothing to fold.
// CHECK-LABEL: coreai.graph @dynamic_quantized_data
// CHECK: coreai.blockwise_shift_scale %arg0, {{.*}} : (tensor<?x4xsi8>, tensor<1x4xf16>, tensor<1x4xsi8>, tensor<1x4xf16>) -> tensor<?x4xf16>
coreai.graph @dynamic_quantized_data(%arg0: tensor<?x4xsi8>) -> tensor<?x4xf16> {
  %s = coreai.constant dense<1.0> : tensor<1x4xf16>
  %o1 = coreai.constant dense<0> : tensor<1x4xsi8>
  %o2 = coreai.constant dense<0.0> : tensor<1x4xf16>
  %r = coreai.blockwise_shift_scale %arg0, %s, %o1, %o2 : (tensor<?x4xsi8>, tensor<1x4xf16>, tensor<1x4xsi8>, tensor<1x4xf16>) -> tensor<?x4xf16>
  coreai.output %r : tensor<?x4xf16>
}

// -----

// LUT indices with a dynamic shape.
// CHECK-LABEL: coreai.graph @dynamic_indices
// CHECK: coreai.lut_to_dense %arg0, {{.*}} : (tensor<?x8xui4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<?x8xf16>
coreai.graph @dynamic_indices(%arg0: tensor<?x8xui4>) -> tensor<?x8xf16> {
  %axis = coreai.constant dense<0> : tensor<si16>
  %lut = coreai.constant dense<1.0> : tensor<1x1x16x1xf16>
  %r = coreai.lut_to_dense %arg0, %lut, %axis : (tensor<?x8xui4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<?x8xf16>
  coreai.output %r : tensor<?x8xf16>
}

// -----

// A sparse tensor that comes in as an argument.
// CHECK-LABEL: coreai.graph @sparse_argument
// CHECK: coreai.sparse_with_bitmask_to_dense %arg0
coreai.graph @sparse_argument(%arg0: tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>) -> tensor<8x4xf16> {
  %d = coreai.sparse_with_bitmask_to_dense %arg0 : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
  coreai.output %d : tensor<8x4xf16>
}

// -----

// A vector LUT whose axis is an argument, not a constant.
// CHECK-LABEL: coreai.graph @axis_argument
// CHECK: coreai.lut_to_dense %{{.*}}, %{{.*}}, %arg0
coreai.graph @axis_argument(%arg0: tensor<si16>) -> tensor<16x8xf16> {
  %idx = coreai.constant dense<1> : tensor<16x4xui2>
  %lut = coreai.constant dense<1.0> : tensor<1x1x4x2xf16>
  %r = coreai.lut_to_dense %idx, %lut, %arg0 : (tensor<16x4xui2>, tensor<1x1x4x2xf16>, tensor<si16>) -> tensor<16x8xf16>
  coreai.output %r : tensor<16x8xf16>
}
