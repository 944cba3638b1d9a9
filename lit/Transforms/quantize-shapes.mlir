// Awkward shapes for --coreai-quantize: zero-sized, rank-0 and rank-1 weights, and dims that
// the block size does not divide. Ineligible weights (no elements) are left alone silently;
// weights without the axis a granularity needs, or with an indivisible dim, get a warning at
// the constant and stay unchanged. Nothing fails the run, and the output verifies.

// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-quantize="weight-num-threshold=0 granularity=per_block block-size=8" | FileCheck %s
// Other granularities on the same weights succeed (no -verify-diagnostics: warnings differ).
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 granularity=per_tensor" 2>/dev/null | coreai-opt -split-input-file > /dev/null
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=fp4_e2m1fn granularity=per_block block-size=32" 2>/dev/null | coreai-opt -split-input-file > /dev/null
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=uint4 qscheme=asymmetric" 2>/dev/null | coreai-opt -split-input-file > /dev/null

// CHECK-LABEL: coreai.graph @zero_sized
// CHECK-NEXT: coreai.constant dense<> : tensor<0x4xf16>
coreai.graph @zero_sized(%arg0: tensor<1x0xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<> : tensor<0x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x0xf16>, tensor<0x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

// CHECK-LABEL: coreai.graph @rank0
// CHECK-NEXT: coreai.constant dense<7.500000e-01> : tensor<f16>
coreai.graph @rank0(%arg0: tensor<f16>) -> tensor<f16> {
  // expected-warning@+1 {{Failed to quantize op: a rank-0 weight has no output-channel axis. Skipped this op.}}
  %0 = coreai.constant dense<0.75> : tensor<f16>
  %1 = coreai.decomposable.broadcasting_batch_matmul %arg0, %0 : (tensor<f16>, tensor<f16>) -> tensor<f16>
  coreai.output %1 : tensor<f16>
}

// -----

// CHECK-LABEL: coreai.graph @rank1
// CHECK-NEXT: coreai.constant dense<5.000000e-01> : tensor<64xf16>
coreai.graph @rank1(%arg0: tensor<64xf16>) -> tensor<64xf16> {
  // expected-warning@+1 {{Failed to quantize op: a rank-1 weight has no input-channel axis. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<64xf16>
  %1 = coreai.decomposable.broadcasting_batch_matmul %arg0, %0 : (tensor<64xf16>, tensor<64xf16>) -> tensor<64xf16>
  coreai.output %1 : tensor<64xf16>
}

// -----

// K = 12 is not a multiple of the block size 8 (the input axis of a matmul y is 0).
// CHECK-LABEL: coreai.graph @block_indivisible
// CHECK-NEXT: coreai.constant dense<5.000000e-01> : tensor<12x4xf16>
coreai.graph @block_indivisible(%arg0: tensor<1x12xf16>) -> tensor<1x4xf16> {
  // expected-warning@+1 {{Failed to quantize op: invalid block_sizes: block size 8 does not divide dim 12 of axis 0. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<12x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x12xf16>, tensor<12x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

// A conv2d weight whose input channels (3) are fewer than the block size.
// CHECK-LABEL: coreai.graph @conv_indivisible
// CHECK: coreai.constant dense<2.500000e-01> : tensor<4x3x3x3xf32>
coreai.graph @conv_indivisible(%x: tensor<1x3x8x8xf32>) -> tensor<1x4x6x6xf32> {
  %stride = coreai.constant dense<1> : tensor<2xui32>
  %dilation = coreai.constant dense<1> : tensor<2xui32>
  %groups = coreai.constant dense<1> : tensor<ui32>
  // expected-warning@+1 {{Failed to quantize op: invalid block_sizes: block size 8 does not divide dim 3 of axis 1. Skipped this op.}}
  %w = coreai.constant dense<0.25> : tensor<4x3x3x3xf32>
  %y = coreai.conv2d %x, %w, %stride, %dilation, %groups : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x4x6x6xf32>
  coreai.output %y : tensor<1x4x6x6xf32>
}

// -----

// A 1-element weight of rank 4 (every axis is 1; a matmul y has its input axis at -2): the
// block size does not divide 1.
// CHECK-LABEL: coreai.graph @all_ones
coreai.graph @all_ones(%arg0: tensor<1x1x1x1xf16>) -> tensor<1x1x1x1xf16> {
  // expected-warning@+1 {{Failed to quantize op: invalid block_sizes: block size 8 does not divide dim 1 of axis 2. Skipped this op.}}
  %0 = coreai.constant dense<3.0> : tensor<1x1x1x1xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x1x1x1xf16>, tensor<1x1x1x1xf16>) -> tensor<1x1x1x1xf16>
  coreai.output %1 : tensor<1x1x1x1xf16>
}
