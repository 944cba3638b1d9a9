// Option errors (spec A.3, in its order): MLIR-style, non-zero exit.
// RUN: not coreai-opt %s --coreai-palettize="enable-per-channel-scale cluster-dim=2" 2>&1 | FileCheck %s --check-prefix=PCS
// PCS: coreai-palettize: enable-per-channel-scale is not supported with cluster-dim > 1; got cluster-dim=2
// RUN: not coreai-opt %s --coreai-palettize="lut-dtype=int4" 2>&1 | FileCheck %s --check-prefix=LUTDTYPE
// LUTDTYPE: coreai-palettize: 'lut-dtype' must be one of none, int8, uint8, fp8_e4m3fn, fp8_e5m2; got 'int4'
// RUN: not coreai-opt %s --coreai-palettize="lut-dtype=fp8_e8m0fnu" 2>&1 | FileCheck %s --check-prefix=LUTE8M0
// LUTE8M0: coreai-palettize: 'lut-dtype' must be one of none, int8, uint8, fp8_e4m3fn, fp8_e5m2; got 'fp8_e8m0fnu'
// RUN: not coreai-opt %s --coreai-palettize="n-bits=5" 2>&1 | FileCheck %s --check-prefix=NBITS5
// RUN: not %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-palettize{n-bits=5})" 2>&1 | FileCheck %s --check-prefix=NBITS5
// NBITS5: coreai-palettize: 'n-bits' must be one of 1, 2, 3, 4, 6, 8; got 5
// RUN: not coreai-opt %s --coreai-palettize="n-bits=0" 2>&1 | FileCheck %s --check-prefix=NBITS0
// NBITS0: coreai-palettize: 'n-bits' must be one of 1, 2, 3, 4, 6, 8; got 0
// RUN: not coreai-opt %s --coreai-palettize="n-bits=16" 2>&1 | FileCheck %s --check-prefix=NBITS16
// NBITS16: coreai-palettize: 'n-bits' must be one of 1, 2, 3, 4, 6, 8; got 16
// RUN: not coreai-opt %s --coreai-palettize="granularity=per_block" 2>&1 | FileCheck %s --check-prefix=PERBLOCK
// RUN: not coreai-opt %s --coreai-palettize="granularity=per-block" 2>&1 | FileCheck %s --check-prefix=PERBLOCK
// PERBLOCK: coreai-palettize: granularity per_block is not supported for palettization; use per_tensor, per_channel or per_grouped_channel
// Not validated by the reference, but meaningless: cluster-dim 0, group-size 0, more than 10 decimals.
// RUN: not coreai-opt %s --coreai-palettize="cluster-dim=0" 2>&1 | FileCheck %s --check-prefix=CLUSTER0
// CLUSTER0: coreai-palettize: 'cluster-dim' must be at least 1; got 0
// RUN: not coreai-opt %s --coreai-palettize="granularity=per_grouped_channel group-size=0" 2>&1 | FileCheck %s --check-prefix=GROUP0
// GROUP0: coreai-palettize: 'group-size' must be at least 1; got 0
// RUN: not coreai-opt %s --coreai-palettize="rounding-precision=11" 2>&1 | FileCheck %s --check-prefix=ROUNDING
// ROUNDING: coreai-palettize: 'rounding-precision' must be at most 10; got 11
// The first failing rule of A.3 is reported: per-channel scale, then n-bits, then granularity.
// RUN: not coreai-opt %s --coreai-palettize="enable-per-channel-scale cluster-dim=2 n-bits=5 granularity=per_block" 2>&1 | FileCheck %s --check-prefix=PCS
// RUN: not coreai-opt %s --coreai-palettize="n-bits=5 granularity=per_block" 2>&1 | FileCheck %s --check-prefix=NBITS5
// Malformed values and unknown options, also through --pass-pipeline.
// RUN: not coreai-opt %s --coreai-palettize="n-bits=-1" 2>&1 | FileCheck %s --check-prefix=NEG
// NEG: coreai-palettize: 'n-bits' expects an unsigned integer; got '-1'
// RUN: not coreai-opt %s --coreai-palettize="granularity=per_row" 2>&1 | FileCheck %s --check-prefix=GRANULARITY
// GRANULARITY: coreai-palettize: 'granularity' must be one of {{.*}}; got 'per_row'
// RUN: not coreai-opt %s --coreai-palettize="enable-per-channel-scale=maybe" 2>&1 | FileCheck %s --check-prefix=BOOL
// RUN: not %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-palettize{enable-per-channel-scale=maybe})" 2>&1 | FileCheck %s --check-prefix=BOOL
// BOOL: coreai-palettize: 'enable-per-channel-scale' expects true or false; got 'maybe'
// RUN: not coreai-opt %s --coreai-palettize="colour=blue" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-palettize{colour=blue})" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not coreai-opt %s --pass-pipeline="builtin.module(coreai-palettize{colour=blue})" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: coreai-palettize: no such option 'colour'
// RUN: not coreai-opt %s --pass-pipeline="builtin.module(coreai-palettize{n-bits=5})" 2>&1 | FileCheck %s --check-prefix=NBITS5

// Per-constant skips: a warning (a remark for an unused weight) and the IR is left as it is.
// The vector checks need cluster-dim > 1, the others scalar clustering, so the cases live in
// two files.
// RUN: split-file %s %t
// RUN: coreai-opt %t/scalar.mlir -split-input-file -verify-diagnostics --coreai-palettize="granularity=per_grouped_channel group-size=4 weight-num-threshold=4" | FileCheck %s --check-prefix=SCALAR
// RUN: %coreai_mlir_opt %t/scalar.mlir -split-input-file -verify-diagnostics --pass-pipeline="builtin.module(coreai-palettize{granularity=per_grouped_channel group-size=4 weight-num-threshold=4})" | FileCheck %s --check-prefix=SCALAR
// RUN: coreai-opt %t/vector.mlir -split-input-file -verify-diagnostics --coreai-palettize="cluster-dim=2 weight-num-threshold=4" | FileCheck %s --check-prefix=VECTOR
// RUN: %coreai_mlir_opt %t/vector.mlir -split-input-file -verify-diagnostics --pass-pipeline="builtin.module(coreai-palettize{cluster-dim=2 weight-num-threshold=4})" | FileCheck %s --check-prefix=VECTOR

//--- scalar.mlir

// SCALAR-LABEL: coreai.graph @group_not_dividing
// SCALAR-NOT:   coreai.lut_to_dense
// SCALAR:       coreai.constant dense<5.000000e-01> : tensor<4x6xf16>
coreai.graph @group_not_dividing(%arg0: tensor<1x4xf16>) -> tensor<1x6xf16> {
  // expected-warning@+1 {{Failed to palettize op: can't perform palettization: dim 6 of axis 1 is not divisible by group size 4. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<4x6xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf16>, tensor<4x6xf16>) -> tensor<1x6xf16>
  coreai.output %1 : tensor<1x6xf16>
}

// -----

// SCALAR-LABEL: coreai.graph @nan
// SCALAR-NOT:   coreai.lut_to_dense
coreai.graph @nan(%arg0: tensor<6x1xf32>) -> tensor<4x1xf32> {
  // expected-warning@+1 {{Failed to palettize op: non-finite weight at index 1. Skipped this op.}}
  %0 = coreai.constant dense<[[1.0, 0x7FC00000, 2.0, 0.5, 0.25, 0.125], [1.0, 1.0, 2.0, 0.5, 0.25, 0.125], [1.0, 1.0, 2.0, 0.5, 0.25, 0.125], [1.0, 1.0, 2.0, 0.5, 0.25, 0.125]]> : tensor<4x6xf32>
  %1 = coreai.batch_matmul %0, %arg0 : (tensor<4x6xf32>, tensor<6x1xf32>) -> tensor<4x1xf32>
  coreai.output %1 : tensor<4x1xf32>
}

// -----

// SCALAR-LABEL: coreai.graph @infinity
// SCALAR-NOT:   coreai.lut_to_dense
coreai.graph @infinity(%arg0: tensor<6x1xf32>) -> tensor<4x1xf32> {
  // expected-warning@+1 {{Failed to palettize op: non-finite weight at index 7. Skipped this op.}}
  %0 = coreai.constant dense<[[1.0, 1.0, 2.0, 0.5, 0.25, 0.125], [1.0, 0xFF800000, 2.0, 0.5, 0.25, 0.125], [1.0, 1.0, 2.0, 0.5, 0.25, 0.125], [1.0, 1.0, 2.0, 0.5, 0.25, 0.125]]> : tensor<4x6xf32>
  %1 = coreai.batch_matmul %0, %arg0 : (tensor<4x6xf32>, tensor<6x1xf32>) -> tensor<4x1xf32>
  coreai.output %1 : tensor<4x1xf32>
}

// -----

// F.11: the two uses disagree on the axes.
// SCALAR-LABEL: coreai.graph @ambiguous
// SCALAR-NOT:   coreai.lut_to_dense
coreai.graph @ambiguous(%arg0: tensor<1x8xf16>, %arg1: tensor<8x1xf16>) -> (tensor<1x8xf16>, tensor<8x1xf16>) {
  // expected-warning@+1 {{uses disagree on the channel axes (output/input 1/0 vs 0/1); skipped this constant}}
  %0 = coreai.constant dense<0.5> : tensor<8x8xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x8xf16>) -> tensor<1x8xf16>
  // expected-note@+1 {{this use implies different axes}}
  %2 = coreai.batch_matmul %0, %arg1 : (tensor<8x8xf16>, tensor<8x1xf16>) -> tensor<8x1xf16>
  coreai.output %1, %2 : tensor<1x8xf16>, tensor<8x1xf16>
}

// -----

// F.12: an unused weight is left alone.
// SCALAR-LABEL: coreai.graph @unused
// SCALAR:       coreai.constant dense<5.000000e-01> : tensor<8x8xf16>
coreai.graph @unused() -> () {
  // expected-remark@+1 {{unused constant left uncompressed}}
  %0 = coreai.constant dense<0.5> : tensor<8x8xf16>
  coreai.output
}

//--- vector.mlir

// Per tensor, the whole out axis (5 channels) is one group, which cluster-dim 2 does not divide.
// VECTOR-LABEL: coreai.graph @cluster_not_dividing
// VECTOR-NOT:   coreai.lut_to_dense
coreai.graph @cluster_not_dividing(%arg0: tensor<1x4xf16>) -> tensor<1x5xf16> {
  // expected-warning@+1 {{Failed to palettize op: can't perform palettization: group size 5 is not divisible by cluster_dim 2. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<4x5xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf16>, tensor<4x5xf16>) -> tensor<1x5xf16>
  coreai.output %1 : tensor<1x5xf16>
}

// -----

// F.14: groups comes from conv2d's operand 4. 8 output channels in 8 groups leave 1 per group,
// which cluster-dim 2 does not divide (8 channels in 4 groups would be fine, see palettize.mlir).
// VECTOR-LABEL: coreai.graph @conv_groups
// VECTOR-NOT:   coreai.lut_to_dense
coreai.graph @conv_groups(%arg0: tensor<1x32x8x8xf16>) -> tensor<1x8x6x6xf16> {
  // expected-warning@+1 {{Failed to palettize op: The `cluster_dim` is invalid: 8 output channels in 8 conv2d groups are not divisible by cluster_dim 2. Skipped this op.}}
  %w = coreai.constant dense<0.125> : tensor<8x4x3x3xf16>
  %s = coreai.constant dense<1> : tensor<2xui32>
  %g = coreai.constant dense<8> : tensor<ui32>
  %0 = coreai.conv2d %arg0, %w, %s, %s, %g : (tensor<1x32x8x8xf16>, tensor<8x4x3x3xf16>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x8x6x6xf16>
  coreai.output %0 : tensor<1x8x6x6xf16>
}

// -----

// groups that is not a constant cannot be checked: the weight is skipped.
// VECTOR-LABEL: coreai.graph @conv_groups_not_constant
// VECTOR-NOT:   coreai.lut_to_dense
coreai.graph @conv_groups_not_constant(%arg0: tensor<1x4x8x8xf16>, %arg1: tensor<ui32>) -> tensor<1x8x6x6xf16> {
  // expected-warning@+1 {{Failed to palettize op: The `cluster_dim` is invalid: conv2d groups is not a constant. Skipped this op.}}
  %w = coreai.constant dense<0.125> : tensor<8x4x3x3xf16>
  %s = coreai.constant dense<1> : tensor<2xui32>
  %0 = coreai.conv2d %arg0, %w, %s, %s, %arg1 : (tensor<1x4x8x8xf16>, tensor<8x4x3x3xf16>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x8x6x6xf16>
  coreai.output %0 : tensor<1x8x6x6xf16>
}
