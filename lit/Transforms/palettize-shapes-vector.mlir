// Vector palettization (cluster_dim > 1) on output dims that cluster_dim does not divide, on
// rank-0 weights, and on a grouped conv2d whose channels per group cluster_dim does not
// divide (spec D.4 step 1, F.14): a warning at the constant, the weight unchanged.

// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-palettize="weight-num-threshold=0 lut-dtype=none n-bits=2 cluster-dim=4" | FileCheck %s

// CHECK-LABEL: coreai.graph @cluster_indivisible
// CHECK-NEXT: coreai.constant dense<5.000000e-01> : tensor<8x6xf16>
coreai.graph @cluster_indivisible(%arg0: tensor<1x8xf16>) -> tensor<1x6xf16> {
  // expected-warning@+1 {{Failed to palettize op: can't perform palettization: group size 6 is not divisible by cluster_dim 4. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<8x6xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x6xf16>) -> tensor<1x6xf16>
  coreai.output %1 : tensor<1x6xf16>
}

// -----

// 8 output channels in 4 groups of 2: 2 is not a multiple of cluster_dim 4.
// CHECK-LABEL: coreai.graph @grouped_conv
// CHECK: coreai.constant dense<2.500000e-01> : tensor<8x1x3x3xf16>
coreai.graph @grouped_conv(%x: tensor<1x4x8x8xf16>) -> tensor<1x8x6x6xf16> {
  %stride = coreai.constant dense<1> : tensor<2xui32>
  %dilation = coreai.constant dense<1> : tensor<2xui32>
  %groups = coreai.constant dense<4> : tensor<ui32>
  // expected-warning@+1 {{The `cluster_dim` is invalid}}
  %w = coreai.constant dense<0.25> : tensor<8x1x3x3xf16>
  %y = coreai.conv2d %x, %w, %stride, %dilation, %groups : (tensor<1x4x8x8xf16>, tensor<8x1x3x3xf16>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x8x6x6xf16>
  coreai.output %y : tensor<1x8x6x6xf16>
}
