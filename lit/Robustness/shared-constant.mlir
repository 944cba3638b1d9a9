// A constant shared by consumers whose channel axes disagree (spec B.3, F.11): every pass
// skips it with a warning at the constant and a note at the disagreeing use; nothing is lost
// and the run succeeds. Consumers that agree share one compressed value.

// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-quantize=weight-num-threshold=0 | FileCheck %s
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-quantize="weight-num-threshold=0 dtype=int4 granularity=per_block block-size=2" | FileCheck %s
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-palettize="weight-num-threshold=0 lut-dtype=none" | FileCheck %s
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-palettize="weight-num-threshold=0 lut-dtype=int8 granularity=per_channel" | FileCheck %s
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-sparsify=weight-num-threshold=0 | FileCheck %s
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-sparsify="weight-num-threshold=0 n-m-ratio=1,2" | FileCheck %s
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-sparsify="weight-num-threshold=0 block-size=2 palettize-nbits=2" | FileCheck %s

// The constant is matmul y for one use (out 1, in 0) and x for the other (out 0, in 1).
// CHECK-LABEL: coreai.graph @ambiguous
// CHECK-NEXT: coreai.constant dense<5.000000e-01> : tensor<6x6xf16>
coreai.graph @ambiguous(%arg0: tensor<1x6xf16>, %arg1: tensor<6x1xf16>) -> (tensor<1x6xf16>, tensor<6x1xf16>) {
  // expected-warning@+1 {{uses disagree on the channel axes (output/input 1/0 vs 0/1); skipped this constant}}
  %0 = coreai.constant dense<0.5> : tensor<6x6xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x6xf16>, tensor<6x6xf16>) -> tensor<1x6xf16>
  // expected-note@+1 {{this use implies different axes}}
  %2 = coreai.batch_matmul %0, %arg1 : (tensor<6x6xf16>, tensor<6x1xf16>) -> tensor<6x1xf16>
  coreai.output %1, %2 : tensor<1x6xf16>, tensor<6x1xf16>
}

// -----

// Two uses that agree: compressed once, both uses read the one decoded value.
// CHECK-LABEL: coreai.graph @agree
// CHECK-NOT: coreai.constant {{.*}} : tensor<6x4xf16>{{$}}
// CHECK: coreai.batch_matmul %arg0, %[[W:[0-9]+]]
// CHECK-NEXT: coreai.batch_matmul %arg1, %[[W]]
coreai.graph @agree(%arg0: tensor<1x6xf16>, %arg1: tensor<2x6xf16>) -> (tensor<1x4xf16>, tensor<2x4xf16>) {
  %0 = coreai.constant dense<[[1.0, -2.0, 3.0, -4.0], [0.5, 0.25, -0.125, 8.0], [1.5, -2.5, 3.5, -4.5], [5.0, 6.0, -7.0, 0.75], [2.0, 2.25, -2.75, 1.25], [-1.0, 9.0, 0.375, -3.0]]> : tensor<6x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x6xf16>, tensor<6x4xf16>) -> tensor<1x4xf16>
  %2 = coreai.batch_matmul %arg1, %0 : (tensor<2x6xf16>, tensor<6x4xf16>) -> tensor<2x4xf16>
  coreai.output %1, %2 : tensor<1x4xf16>, tensor<2x4xf16>
}

// -----

// A matmul y (out 1) and a gather_nd table (out 0).
// CHECK-LABEL: coreai.graph @matmul_and_gather
// CHECK-NEXT: coreai.constant dense<5.000000e-01> : tensor<6x6xf16>
coreai.graph @matmul_and_gather(%arg0: tensor<1x6xf16>, %idx: tensor<2x1xsi32>) -> (tensor<1x6xf16>, tensor<2x6xf16>) {
  // expected-warning@+1 {{uses disagree on the channel axes (output/input 1/0 vs 0/1); skipped this constant}}
  %0 = coreai.constant dense<0.5> : tensor<6x6xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x6xf16>, tensor<6x6xf16>) -> tensor<1x6xf16>
  // expected-note@+1 {{this use implies different axes}}
  %2 = coreai.gather_nd %0 at %idx : (tensor<6x6xf16>, tensor<2x1xsi32>) to tensor<2x6xf16>
  coreai.output %1, %2 : tensor<1x6xf16>, tensor<2x6xf16>
}

// -----

// One use through a transpose into matmul y (B.3: out 0), one direct matmul y (out 1).
// CHECK-LABEL: coreai.graph @transpose_mixed
// CHECK-NEXT: coreai.constant dense<5.000000e-01> : tensor<6x6xf16>
coreai.graph @transpose_mixed(%arg0: tensor<1x6xf16>, %perm: tensor<2xsi32>) -> (tensor<1x6xf16>, tensor<6x6xf16>) {
  // expected-warning@+1 {{uses disagree on the channel axes (output/input 0/1 vs 1/0); skipped this constant}}
  %0 = coreai.constant dense<0.5> : tensor<6x6xf16>
  %t = coreai.transpose %0, %perm : (tensor<6x6xf16>, tensor<2xsi32>) -> tensor<6x6xf16>
  %1 = coreai.batch_matmul %arg0, %t : (tensor<1x6xf16>, tensor<6x6xf16>) -> tensor<1x6xf16>
  // expected-note@+1 {{this use implies different axes}}
  %2 = coreai.batch_matmul %arg0, %0 : (tensor<1x6xf16>, tensor<6x6xf16>) -> tensor<1x6xf16>
  coreai.output %1, %t : tensor<1x6xf16>, tensor<6x6xf16>
}
