// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,INT8
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=16 qscheme=asymmetric" | FileCheck %s --check-prefixes=CHECK,ASYM
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=16 dtype=uint8" | FileCheck %s --check-prefixes=CHECK,UINT8
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=16 dtype=int4 granularity=per_block block-size=4" | FileCheck %s --check-prefixes=CHECK,INT4
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=16 dtype=uint2 granularity=per-tensor" | FileCheck %s --check-prefixes=CHECK,UINT2
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=16 dtype=fp8_e4m3fn" | FileCheck %s --check-prefixes=CHECK,FP8
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=16 dtype=fp8_e5m2 granularity=per_block block-size=4 scale-dtype=fp8_e8m0fnu" | FileCheck %s --check-prefixes=CHECK,MX8
// RUN: coreai-opt %s -split-input-file --pass-pipeline="builtin.module(coreai-quantize{weight-num-threshold=16 dtype=int8 granularity=per_tensor})" | FileCheck %s --check-prefixes=CHECK,TENSOR
// The decompressed program verifies and has the original types.
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=16 dtype=int4 granularity=per_block block-size=4" --coreai-decompress | FileCheck %s --check-prefix=DECODED

// A [K=8, N=4] weight as the y operand of batch_matmul: output axis 1, input axis 0.
// CHECK-LABEL: coreai.graph @matmul_y
// INT8-DAG:   %[[D:.*]] = coreai.constant dense<{{.*}}> : tensor<8x4xsi8>
// INT8-DAG:   %[[S:.*]] = coreai.constant dense<{{.*}}> : tensor<1x4xf16>
// INT8-DAG:   %[[O1:.*]] = coreai.constant dense<0> : tensor<1x4xsi8>
// INT8-DAG:   %[[O2:.*]] = coreai.constant dense<0.000000e+00> : tensor<1x4xf16>
// INT8:       %[[W:.*]] = coreai.blockwise_shift_scale %[[D]], %[[S]], %[[O1]], %[[O2]] : (tensor<8x4xsi8>, tensor<1x4xf16>, tensor<1x4xsi8>, tensor<1x4xf16>) -> tensor<8x4xf16>
// INT8:       coreai.batch_matmul %arg0, %[[W]]
// ASYM:       coreai.blockwise_shift_scale {{.*}} : (tensor<8x4xsi8>, tensor<1x4xf16>, tensor<1x4xsi8>, tensor<1x4xf16>) -> tensor<8x4xf16>
// UINT8-DAG:  coreai.constant dense<127> : tensor<1x4xui8>
// UINT8:      coreai.blockwise_shift_scale {{.*}} : (tensor<8x4xui8>, tensor<1x4xf16>, tensor<1x4xui8>, tensor<1x4xf16>) -> tensor<8x4xf16>
// INT4-DAG:   coreai.constant dense_resource<resource_{{[0-9]+}}> : tensor<8x4xsi4>
// INT4-DAG:   coreai.constant dense<0> : tensor<2x4xsi4>
// INT4:       coreai.blockwise_shift_scale {{.*}} : (tensor<8x4xsi4>, tensor<2x4xf16>, tensor<2x4xsi4>, tensor<2x4xf16>) -> tensor<8x4xf16>
// UINT2-DAG:  coreai.constant dense<1> : tensor<1x1xui2>
// UINT2:      coreai.blockwise_shift_scale {{.*}} : (tensor<8x4xui2>, tensor<1x1xf16>, tensor<1x1xui2>, tensor<1x1xf16>) -> tensor<8x4xf16>
// FP8-DAG:    coreai.constant dense_resource<{{.*}}> : tensor<8x4xf8E4M3FN>
// FP8-DAG:    coreai.constant dense<0.000000e+00> : tensor<1x4xf8E4M3FN>
// FP8:        coreai.blockwise_shift_scale {{.*}} : (tensor<8x4xf8E4M3FN>, tensor<1x4xf16>, tensor<1x4xf8E4M3FN>, tensor<1x4xf16>) -> tensor<8x4xf16>
// MX8:        coreai.blockwise_shift_scale {{.*}} : (tensor<8x4xf8E5M2>, tensor<2x4xf8E8M0FNU>, tensor<2x4xf8E5M2>, tensor<2x4xf16>) -> tensor<8x4xf16>
// TENSOR:     coreai.blockwise_shift_scale {{.*}} : (tensor<8x4xsi8>, tensor<1x1xf16>, tensor<1x1xsi8>, tensor<1x1xf16>) -> tensor<8x4xf16>
// CHECK-NOT:  tensor<8x4xf16>>
// DECODED-LABEL: coreai.graph @matmul_y
// DECODED-NOT:   coreai.blockwise_shift_scale
// DECODED:       %[[W:.*]] = coreai.constant dense<{{.*}}> : tensor<8x4xf16>
// DECODED:       coreai.batch_matmul %arg0, %[[W]]
coreai.graph @matmul_y(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<[[0.1, -0.2, 1.1, 0.25], [0.3, 0.4, -0.5, 0.6], [0.7, 0.8, 0.9, -1.0], [1.1, -1.2, 1.3, 1.4], [-0.15, 0.25, 0.35, 0.45], [0.55, 0.65, -0.75, 0.85], [0.95, 1.05, 1.15, -1.25], [-0.45, 0.21, -1.0, -0.2]]> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

// The weight as the x operand: output axis 0 (rows of [N=4, K=8]), input axis 1.
// CHECK-LABEL: coreai.graph @matmul_x
// INT8:       coreai.blockwise_shift_scale {{.*}} : (tensor<4x8xsi8>, tensor<4x1xf16>, tensor<4x1xsi8>, tensor<4x1xf16>) -> tensor<4x8xf16>
// INT4:       coreai.blockwise_shift_scale {{.*}} : (tensor<4x8xsi4>, tensor<4x2xf16>, tensor<4x2xsi4>, tensor<4x2xf16>) -> tensor<4x8xf16>
coreai.graph @matmul_x(%arg0: tensor<8x2xf16>) -> tensor<4x2xf16> {
  %0 = coreai.constant dense<0.5> : tensor<4x8xf16>
  %1 = coreai.batch_matmul %0, %arg0 : (tensor<4x8xf16>, tensor<8x2xf16>) -> tensor<4x2xf16>
  coreai.output %1 : tensor<4x2xf16>
}

// -----

// nn.Linear as exported from PyTorch: [out=4, in=8] -> transpose -> batch_matmul y.
// CHECK-LABEL: coreai.graph @linear
// INT8:       %[[W:.*]] = coreai.blockwise_shift_scale {{.*}} : (tensor<4x8xsi8>, tensor<4x1xf16>, tensor<4x1xsi8>, tensor<4x1xf16>) -> tensor<4x8xf16>
// INT8:       coreai.transpose %[[W]]
// INT4:       coreai.blockwise_shift_scale {{.*}} : (tensor<4x8xsi4>, tensor<4x2xf16>, tensor<4x2xsi4>, tensor<4x2xf16>) -> tensor<4x8xf16>
coreai.graph @linear(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<0.25> : tensor<4x8xf16>
  %p = coreai.constant dense<[1, 0]> : tensor<2xui32>
  %t = coreai.transpose %0, %p : (tensor<4x8xf16>, tensor<2xui32>) -> tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %t : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

// conv2d weight [Cout=8, Cin=4, 3, 3]: output axis 0, input axis 1, kernel axes one block.
// CHECK-LABEL: coreai.graph @conv
// INT8:       coreai.blockwise_shift_scale {{.*}} : (tensor<8x4x3x3xsi8>, tensor<8x1x1x1xf32>, tensor<8x1x1x1xsi8>, tensor<8x1x1x1xf32>) -> tensor<8x4x3x3xf32>
// INT4:       coreai.blockwise_shift_scale {{.*}} : (tensor<8x4x3x3xsi4>, tensor<8x1x1x1xf32>, tensor<8x1x1x1xsi4>, tensor<8x1x1x1xf32>) -> tensor<8x4x3x3xf32>
coreai.graph @conv(%arg0: tensor<1x4x8x8xf32>) -> tensor<1x8x6x6xf32> {
  %w = coreai.constant dense<0.125> : tensor<8x4x3x3xf32>
  %s = coreai.constant dense<1> : tensor<2xui32>
  %g = coreai.constant dense<1> : tensor<ui32>
  %0 = coreai.conv2d %arg0, %w, %s, %s, %g : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x8x6x6xf32>
  coreai.output %0 : tensor<1x8x6x6xf32>
}

// -----

// gather_nd embedding table [64, 8] (bf16): output axis 0, input axis 1.
// CHECK-LABEL: coreai.graph @embedding
// INT8:       coreai.blockwise_shift_scale {{.*}} : (tensor<64x8xsi8>, tensor<64x1xbf16>, tensor<64x1xsi8>, tensor<64x1xbf16>) -> tensor<64x8xbf16>
// INT4:       coreai.blockwise_shift_scale {{.*}} : (tensor<64x8xsi4>, tensor<64x2xbf16>, tensor<64x2xsi4>, tensor<64x2xbf16>) -> tensor<64x8xbf16>
// FP8:        coreai.blockwise_shift_scale {{.*}} : (tensor<64x8xf8E4M3FN>, tensor<64x1xbf16>, tensor<64x1xf8E4M3FN>, tensor<64x1xbf16>) -> tensor<64x8xbf16>
coreai.graph @embedding(%arg0: tensor<5x1xsi32>) -> tensor<5x8xbf16> {
  %0 = coreai.constant dense<1.5> : tensor<64x8xbf16>
  %1 = coreai.gather_nd %0 at %arg0 : (tensor<64x8xbf16>, tensor<5x1xsi32>) to tensor<5x8xbf16>
  coreai.output %1 : tensor<5x8xbf16>
}

// -----

// Below the threshold, or used by an op outside the consumer set: left alone.
// CHECK-LABEL: coreai.graph @left_alone
// CHECK-NOT:   coreai.blockwise_shift_scale
// CHECK:       coreai.constant dense<1.000000e+00> : tensor<4x4xf16>
// CHECK:       coreai.add
coreai.graph @left_alone(%arg0: tensor<1x4xf16>, %arg1: tensor<8x4xf16>) -> (tensor<1x4xf16>, tensor<8x4xf16>) {
  %0 = coreai.constant dense<1.0> : tensor<4x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf16>, tensor<4x4xf16>) -> tensor<1x4xf16>
  %2 = coreai.constant dense<2.0> : tensor<8x4xf16>
  %3 = "coreai.add"(%arg1, %2) : (tensor<8x4xf16>, tensor<8x4xf16>) -> tensor<8x4xf16>
  coreai.output %1, %3 : tensor<1x4xf16>, tensor<8x4xf16>
}
