// Block sparsity on awkward shapes: block_size > channels / 2 ("not applicable", spec D.6),
// ranks outside 2..5, rank-0 weights, zero-sized weights. Each gets a warning at the constant
// (the zero-sized one is not eligible and is left alone silently); nothing fails the run.
// A channel count that the block size does not divide is fine: it is zero-padded.

// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-sparsify="weight-num-threshold=0 block-size=4" | FileCheck %s

// CHECK-LABEL: coreai.graph @block_too_big
// CHECK-NEXT: coreai.constant dense<5.000000e-01> : tensor<16x7xf16>
coreai.graph @block_too_big(%arg0: tensor<1x16xf16>) -> tensor<1x7xf16> {
  // expected-warning@+1 {{Failed to sparsify op: block_size > channel / 2 is not applicable (block_size 4, channel 7). Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<16x7xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x16xf16>, tensor<16x7xf16>) -> tensor<1x7xf16>
  coreai.output %1 : tensor<1x7xf16>
}

// -----

// 9 output channels, blocks of 4: padded, compressed.
// CHECK-LABEL: coreai.graph @block_padded
// CHECK: coreai.sparse_with_bitmask_to_dense
coreai.graph @block_padded(%arg0: tensor<1x2xf16>) -> tensor<1x9xf16> {
  %0 = coreai.constant dense<[[1.0, -2.0, 3.0, -4.0, 5.0, -6.0, 7.0, -8.0, 9.0], [9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0]]> : tensor<2x9xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x2xf16>, tensor<2x9xf16>) -> tensor<1x9xf16>
  coreai.output %1 : tensor<1x9xf16>
}

// -----

// CHECK-LABEL: coreai.graph @rank1
// CHECK-NEXT: coreai.constant dense<5.000000e-01> : tensor<64xf16>
coreai.graph @rank1(%arg0: tensor<64xf16>) -> tensor<64xf16> {
  // expected-warning@+1 {{Failed to sparsify op: block sparsity needs a weight of rank 2 to 5, got rank 1. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<64xf16>
  %1 = coreai.decomposable.broadcasting_batch_matmul %arg0, %0 : (tensor<64xf16>, tensor<64xf16>) -> tensor<64xf16>
  coreai.output %1 : tensor<64xf16>
}

// -----

// CHECK-LABEL: coreai.graph @rank6
// CHECK-NEXT: coreai.constant dense<5.000000e-01> : tensor<8x8x1x1x1x2xf16>
coreai.graph @rank6(%arg0: tensor<8x8x1x1x1x2xf16>) -> tensor<8x8x1x1x1x2xf16> {
  // expected-warning@+1 {{Failed to sparsify op: block sparsity needs a weight of rank 2 to 5, got rank 6. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<8x8x1x1x1x2xf16>
  %1 = coreai.gather_nd %0 at %arg0 : (tensor<8x8x1x1x1x2xf16>, tensor<8x8x1x1x1x2xf16>) to tensor<8x8x1x1x1x2xf16>
  coreai.output %1 : tensor<8x8x1x1x1x2xf16>
}

// -----

// CHECK-LABEL: coreai.graph @rank0
// CHECK-NEXT: coreai.constant dense<7.500000e-01> : tensor<f16>
coreai.graph @rank0(%arg0: tensor<f16>) -> tensor<f16> {
  // expected-warning@+1 {{Failed to sparsify op: a rank-0 weight has no output-channel axis. Skipped this op.}}
  %0 = coreai.constant dense<0.75> : tensor<f16>
  %1 = coreai.decomposable.broadcasting_batch_matmul %arg0, %0 : (tensor<f16>, tensor<f16>) -> tensor<f16>
  coreai.output %1 : tensor<f16>
}

// -----

// CHECK-LABEL: coreai.graph @zero_sized
// CHECK-NEXT: coreai.constant dense<> : tensor<0x8xf16>
coreai.graph @zero_sized(%arg0: tensor<1x0xf16>) -> tensor<1x8xf16> {
  %0 = coreai.constant dense<> : tensor<0x8xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x0xf16>, tensor<0x8xf16>) -> tensor<1x8xf16>
  coreai.output %1 : tensor<1x8xf16>
}
