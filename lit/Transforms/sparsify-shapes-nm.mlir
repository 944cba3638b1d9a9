// n:m sparsity on awkward shapes: m > channels / 2 ("not applicable", spec D.6), ranks
// outside 2..5, rank-0 and rank-1 weights. Each gets a warning at the constant; nothing
// fails the run. Input channels that m does not divide are zero-padded and compressed.

// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-sparsify="weight-num-threshold=0 n-m-ratio=2,4" | FileCheck %s

// K = 6 input channels: m = 4 > 3.
// CHECK-LABEL: coreai.graph @m_too_big
// CHECK-NEXT: coreai.constant dense<5.000000e-01> : tensor<6x8xf16>
coreai.graph @m_too_big(%arg0: tensor<1x6xf16>) -> tensor<1x8xf16> {
  // expected-warning@+1 {{Failed to sparsify op: n_m_ratio m > channel / 2 is not applicable (m 4, channel 6). Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<6x8xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x6xf16>, tensor<6x8xf16>) -> tensor<1x8xf16>
  coreai.output %1 : tensor<1x8xf16>
}

// -----

// K = 10: padded to 12, compressed.
// CHECK-LABEL: coreai.graph @m_padded
// CHECK: coreai.sparse_with_bitmask_to_dense
coreai.graph @m_padded(%arg0: tensor<1x10xf16>) -> tensor<1x2xf16> {
  %0 = coreai.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0], [9.0, 10.0], [-1.0, -2.0], [-3.0, -4.0], [-5.0, -6.0], [-7.0, -8.0], [-9.0, -10.0]]> : tensor<10x2xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x10xf16>, tensor<10x2xf16>) -> tensor<1x2xf16>
  coreai.output %1 : tensor<1x2xf16>
}

// -----

// CHECK-LABEL: coreai.graph @rank1
// CHECK-NEXT: coreai.constant dense<5.000000e-01> : tensor<64xf16>
coreai.graph @rank1(%arg0: tensor<64xf16>) -> tensor<64xf16> {
  // expected-warning@+1 {{Failed to sparsify op: a rank-1 weight has no input-channel axis. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<64xf16>
  %1 = coreai.decomposable.broadcasting_batch_matmul %arg0, %0 : (tensor<64xf16>, tensor<64xf16>) -> tensor<64xf16>
  coreai.output %1 : tensor<64xf16>
}

// -----

// CHECK-LABEL: coreai.graph @rank0
// CHECK-NEXT: coreai.constant dense<7.500000e-01> : tensor<f16>
coreai.graph @rank0(%arg0: tensor<f16>) -> tensor<f16> {
  // expected-warning@+1 {{Failed to sparsify op: a rank-0 weight has no input-channel axis. Skipped this op.}}
  %0 = coreai.constant dense<0.75> : tensor<f16>
  %1 = coreai.decomposable.broadcasting_batch_matmul %arg0, %0 : (tensor<f16>, tensor<f16>) -> tensor<f16>
  coreai.output %1 : tensor<f16>
}

// -----

// A rank-6 gather table: its input axis (1) exists, but n:m handles ranks 2 to 5 only.
// CHECK-LABEL: coreai.graph @rank6
// CHECK-NEXT: coreai.constant dense<5.000000e-01> : tensor<2x8x1x1x1x2xf16>
coreai.graph @rank6(%arg0: tensor<2x8x1x1x1x2xf16>) -> tensor<2x8x1x1x1x2xf16> {
  // expected-warning@+1 {{Failed to sparsify op: n:m sparsity needs a weight of rank 2 to 5, got rank 6. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<2x8x1x1x1x2xf16>
  %1 = coreai.gather_nd %0 at %arg0 : (tensor<2x8x1x1x1x2xf16>, tensor<2x8x1x1x1x2xf16>) to tensor<2x8x1x1x1x2xf16>
  coreai.output %1 : tensor<2x8x1x1x1x2xf16>
}
