// Awkward shapes for --coreai-palettize: zero-sized and rank-0 weights, output dims that the
// group size does not divide (palettize-shapes-vector.mlir: cluster_dim). Each such weight
// gets a warning at the constant and stays unchanged; nothing fails the run.

// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-palettize="weight-num-threshold=0 lut-dtype=none granularity=per_grouped_channel group-size=4 cluster-dim=2" | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=int8 n-bits=8 granularity=per_channel enable-per-channel-scale=true" 2>/dev/null | coreai-opt -split-input-file > /dev/null
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=uint8 n-bits=3 cluster-dim=4" 2>/dev/null | coreai-opt -split-input-file > /dev/null

// CHECK-LABEL: coreai.graph @zero_sized
// CHECK-NEXT: coreai.constant dense<> : tensor<4x0xf16>
coreai.graph @zero_sized(%arg0: tensor<1x4xf16>) -> tensor<1x0xf16> {
  %0 = coreai.constant dense<> : tensor<4x0xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf16>, tensor<4x0xf16>) -> tensor<1x0xf16>
  coreai.output %1 : tensor<1x0xf16>
}

// -----

// CHECK-LABEL: coreai.graph @rank0
// CHECK-NEXT: coreai.constant dense<7.500000e-01> : tensor<f16>
coreai.graph @rank0(%arg0: tensor<f16>) -> tensor<f16> {
  // expected-warning@+1 {{Failed to palettize op: a rank-0 weight has no output-channel axis. Skipped this op.}}
  %0 = coreai.constant dense<0.75> : tensor<f16>
  %1 = coreai.decomposable.broadcasting_batch_matmul %arg0, %0 : (tensor<f16>, tensor<f16>) -> tensor<f16>
  coreai.output %1 : tensor<f16>
}

// -----

// N = 6 output channels, groups of 4.
// CHECK-LABEL: coreai.graph @group_indivisible
// CHECK-NEXT: coreai.constant dense<5.000000e-01> : tensor<8x6xf16>
coreai.graph @group_indivisible(%arg0: tensor<1x8xf16>) -> tensor<1x6xf16> {
  // expected-warning@+1 {{Failed to palettize op: can't perform palettization: dim 6 of axis 1 is not divisible by group size 4. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<8x6xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x6xf16>) -> tensor<1x6xf16>
  coreai.output %1 : tensor<1x6xf16>
}

// -----

// Only 3 output channels: fewer than one group.
// CHECK-LABEL: coreai.graph @narrow
// CHECK-NEXT: coreai.constant dense<5.000000e-01> : tensor<8x3xf16>
coreai.graph @narrow(%arg0: tensor<1x8xf16>) -> tensor<1x3xf16> {
  // expected-warning@+1 {{Failed to palettize op: can't perform palettization: dim 3 of axis 1 is not divisible by group size 4. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<8x3xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x3xf16>) -> tensor<1x3xf16>
  coreai.output %1 : tensor<1x3xf16>
}

// -----

// A rank-1 weight: its only axis is the output axis; 8 channels, groups of 4, pairs.
// CHECK-LABEL: coreai.graph @rank1
// CHECK: coreai.lut_to_dense
coreai.graph @rank1(%arg0: tensor<8xf16>) -> tensor<8xf16> {
  %0 = coreai.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]> : tensor<8xf16>
  %1 = coreai.decomposable.broadcasting_batch_matmul %arg0, %0 : (tensor<8xf16>, tensor<8xf16>) -> tensor<8xf16>
  coreai.output %1 : tensor<8xf16>
}
