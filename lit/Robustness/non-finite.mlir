// NaN, +Inf and -Inf weights: the constant is skipped with a warning at its location
// ("Failed to <verb> op: non-finite weight at index N. Skipped this op."), the run succeeds,
// and the module's other weights are still compressed. VERB is put in by sed per pass.
// Palettize is checked with the exact wording in lit/Transforms/palettize-non-finite.mlir.

// RUN: sed -e s/VERB/quantize/ %s | coreai-opt -split-input-file -verify-diagnostics --coreai-quantize=weight-num-threshold=0 | FileCheck %s --check-prefix=Q
// RUN: sed -e s/VERB/quantize/ %s | coreai-opt -split-input-file -verify-diagnostics --coreai-quantize="weight-num-threshold=0 dtype=fp8_e4m3fn granularity=per_block block-size=2 scale-dtype=fp8_e8m0fnu"
// RUN: sed -e s/VERB/quantize/ %s | coreai-opt -split-input-file -verify-diagnostics --coreai-quantize="weight-num-threshold=0 dtype=uint4 qscheme=asymmetric granularity=per_tensor"
// RUN: sed -e s/VERB/sparsify/ %s | coreai-opt -split-input-file -verify-diagnostics --coreai-sparsify=weight-num-threshold=0 | FileCheck %s --check-prefix=S
// RUN: sed -e s/VERB/sparsify/ %s | coreai-opt -split-input-file -verify-diagnostics --coreai-sparsify="weight-num-threshold=0 block-size=2 quantize-dtype=int8"
// RUN: sed -e s/VERB/sparsify/ %s | coreai-opt -split-input-file -verify-diagnostics --coreai-sparsify="weight-num-threshold=0 n-m-ratio=1,2 palettize-nbits=2"
// RUN: sed -e s/VERB/palettize/ -e 's/{{non-finite weight at index [0-9]*}}/{{.*}}/' %s | coreai-opt -split-input-file -verify-diagnostics --coreai-palettize="weight-num-threshold=0 lut-dtype=none" | FileCheck %s --check-prefix=P
// RUN: sed -e s/VERB/palettize/ -e 's/{{non-finite weight at index [0-9]*}}/{{.*}}/' %s | coreai-opt -split-input-file -verify-diagnostics --coreai-palettize="weight-num-threshold=0 lut-dtype=int8 enable-per-channel-scale=true"
// RUN: sed -e s/VERB/palettize/ -e 's/{{non-finite weight at index [0-9]*}}/{{.*}}/' %s | coreai-opt -split-input-file -verify-diagnostics --coreai-palettize="weight-num-threshold=0 lut-dtype=none cluster-dim=2"

coreai.graph @nan_f16(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  // expected-warning-re@+1 {{Failed to VERB op: {{non-finite weight at index 2}}. Skipped this op.}}
  %0 = coreai.constant dense<[[1.0, 2.0, 0x7E00, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]]> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

coreai.graph @pos_inf_f32(%arg0: tensor<1x8xf32>) -> tensor<1x4xf32> {
  // expected-warning-re@+1 {{Failed to VERB op: {{non-finite weight at index 31}}. Skipped this op.}}
  %0 = coreai.constant dense<[[1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 0x7F800000]]> : tensor<8x4xf32>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf32>, tensor<8x4xf32>) -> tensor<1x4xf32>
  coreai.output %1 : tensor<1x4xf32>
}

// -----

// A splat -Inf, in bf16.
coreai.graph @neg_inf_bf16(%arg0: tensor<1x8xbf16>) -> tensor<1x4xbf16> {
  // expected-warning-re@+1 {{Failed to VERB op: {{non-finite weight at index 0}}. Skipped this op.}}
  %0 = coreai.constant dense<0xFF80> : tensor<8x4xbf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xbf16>, tensor<8x4xbf16>) -> tensor<1x4xbf16>
  coreai.output %1 : tensor<1x4xbf16>
}

// -----

// -Inf in an f16 dense_resource blob (element 5 = 0xFC00), with a conv2d consumer.
coreai.graph @neg_inf_resource(%x: tensor<1x4x4x4xf16>) -> tensor<1x4x4x4xf16> {
  %stride = coreai.constant dense<1> : tensor<2xui32>
  %dilation = coreai.constant dense<1> : tensor<2xui32>
  %groups = coreai.constant dense<1> : tensor<ui32>
  // expected-warning-re@+1 {{Failed to VERB op: {{non-finite weight at index 5}}. Skipped this op.}}
  %w = coreai.constant dense_resource<w> : tensor<4x4x1x1xf16>
  %y = coreai.conv2d %x, %w, %stride, %dilation, %groups : (tensor<1x4x4x4xf16>, tensor<4x4x1x1xf16>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x4x4x4xf16>
  coreai.output %y : tensor<1x4x4x4xf16>
}
{-#
  dialect_resources: { builtin: { w: "0x10000000003C00BC0040004200C400FC0044003C003C003C003C003C003C003C003C003C" } }
#-}

// -----

// Two weights in one graph: the NaN one is skipped, the finite one is still compressed.
// Q-LABEL: coreai.graph @mixed
// Q: coreai.blockwise_shift_scale
// Q: coreai.constant dense<{{.*}}0x7FC00000{{.*}}> : tensor<6x4xf32>
// S-LABEL: coreai.graph @mixed
// S: coreai.sparse_with_bitmask_to_dense
// S: coreai.constant dense<{{.*}}0x7FC00000{{.*}}> : tensor<6x4xf32>
// P-LABEL: coreai.graph @mixed
// P: coreai.lut_to_dense
// P: coreai.constant dense<{{.*}}0x7FC00000{{.*}}> : tensor<6x4xf32>
coreai.graph @mixed(%arg0: tensor<1x6xf32>) -> (tensor<1x4xf32>, tensor<1x4xf32>) {
  %0 = coreai.constant dense<[[1.0, -2.0, 3.0, 0.5], [1.0, 2.0, -3.0, 4.0], [1.5, 2.0, 3.0, 4.0], [1.0, 2.5, 3.0, 4.0], [1.0, 2.0, 3.5, 4.0], [1.0, 2.0, 3.0, 4.5]]> : tensor<6x4xf32>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x6xf32>, tensor<6x4xf32>) -> tensor<1x4xf32>
  // expected-warning-re@+1 {{Failed to VERB op: {{non-finite weight at index 1}}. Skipped this op.}}
  %2 = coreai.constant dense<[[1.0, 0x7FC00000, 2.0, 0.5], [1.0, 2.0, -3.0, 4.0], [1.5, 2.0, 3.0, 4.0], [1.0, 2.5, 3.0, 4.0], [1.0, 2.0, 3.5, 4.0], [1.0, 2.0, 3.0, 4.5]]> : tensor<6x4xf32>
  %3 = coreai.batch_matmul %arg0, %2 : (tensor<1x6xf32>, tensor<6x4xf32>) -> tensor<1x4xf32>
  coreai.output %1, %3 : tensor<1x4xf32>, tensor<1x4xf32>
}
