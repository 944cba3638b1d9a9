// Option errors (spec A.4): MLIR-style, non-zero exit.
// RUN: not coreai-opt %s --coreai-sparsify="target-sparsity=1.5" 2>&1 | FileCheck %s --check-prefix=RANGEHI
// RUN: not %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-sparsify{target-sparsity=1.5})" 2>&1 | FileCheck %s --check-prefix=RANGEHI
// RANGEHI: coreai-sparsify: 'target-sparsity' must be in [0, 1]; got 1.5
// RUN: not coreai-opt %s --coreai-sparsify="target-sparsity=-0.1" 2>&1 | FileCheck %s --check-prefix=RANGELO
// RANGELO: coreai-sparsify: 'target-sparsity' must be in [0, 1]; got -0.1
// RUN: not coreai-opt %s --coreai-sparsify="target-sparsity=nan" 2>&1 | FileCheck %s --check-prefix=NAN
// NAN: coreai-sparsify: 'target-sparsity' expects a finite number or none; got 'nan'
// RUN: not coreai-opt %s --coreai-sparsify="target-sparsity=0.5 n-m-ratio=2,4" 2>&1 | FileCheck %s --check-prefix=EXCLUSIVE
// EXCLUSIVE: coreai-sparsify: target-sparsity and n-m-ratio are mutually exclusive
// RUN: not coreai-opt %s --coreai-sparsify="quantize-dtype=int8 palettize-nbits=4" 2>&1 | FileCheck %s --check-prefix=JOINT
// JOINT: coreai-sparsify: quantize-dtype and palettize-nbits are mutually exclusive
// RUN: not coreai-opt %s --coreai-sparsify="quantize-dtype=int4" 2>&1 | FileCheck %s --check-prefix=QDTYPE
// QDTYPE: coreai-sparsify: 'quantize-dtype' must be one of int8, uint8, fp8_e4m3fn, fp8_e5m2; got 'int4'
// RUN: not coreai-opt %s --coreai-sparsify="quantize-dtype=fp8_e8m0fnu" 2>&1 | FileCheck %s --check-prefix=QE8M0
// QE8M0: coreai-sparsify: 'quantize-dtype' must be one of int8, uint8, fp8_e4m3fn, fp8_e5m2; got 'fp8_e8m0fnu'
// RUN: not coreai-opt %s --coreai-sparsify="palettize-nbits=5" 2>&1 | FileCheck %s --check-prefix=NBITS5
// NBITS5: coreai-sparsify: 'palettize-nbits' must be one of 1, 2, 3, 4, 6, 8; got 5
// RUN: not coreai-opt %s --coreai-sparsify="palettize-nbits=0" 2>&1 | FileCheck %s --check-prefix=NBITS0
// NBITS0: coreai-sparsify: 'palettize-nbits' must be one of 1, 2, 3, 4, 6, 8; got 0
// RUN: not coreai-opt %s --coreai-sparsify="block-size=1" 2>&1 | FileCheck %s --check-prefix=BLOCK1
// BLOCK1: coreai-sparsify: 'block-size' must be greater than 1; got 1
// RUN: not coreai-opt %s --coreai-sparsify="block-size=0" 2>&1 | FileCheck %s --check-prefix=BLOCK0
// BLOCK0: coreai-sparsify: 'block-size' must be greater than 1; got 0
// RUN: not coreai-opt %s --coreai-sparsify="n-m-ratio=5,4" 2>&1 | FileCheck %s --check-prefix=NGTM
// RUN: not %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-sparsify{n-m-ratio=5,4})" 2>&1 | FileCheck %s --check-prefix=NGTM
// NGTM: coreai-sparsify: 'n-m-ratio' must satisfy m > 0 and 0 <= n <= m; got 5,4
// RUN: not coreai-opt %s --coreai-sparsify="n-m-ratio=0,0" 2>&1 | FileCheck %s --check-prefix=MZERO
// MZERO: coreai-sparsify: 'n-m-ratio' must satisfy m > 0 and 0 <= n <= m; got 0,0
// RUN: not coreai-opt %s --coreai-sparsify="n-m-ratio=2" 2>&1 | FileCheck %s --check-prefix=LEN1
// LEN1: coreai-sparsify: 'n-m-ratio' must have 2 entries (n,m); got 1
// RUN: not coreai-opt %s --coreai-sparsify="n-m-ratio=1,2,4" 2>&1 | FileCheck %s --check-prefix=LEN3
// LEN3: coreai-sparsify: 'n-m-ratio' must have 2 entries (n,m); got 3
// RUN: not coreai-opt %s --coreai-sparsify="n-m-ratio=-1,4" 2>&1 | FileCheck %s --check-prefix=NEG
// NEG: coreai-sparsify: 'n-m-ratio' expects a comma-separated list of unsigned integers; got '-1,4'
// RUN: not coreai-opt %s --coreai-sparsify="colour=blue" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-sparsify{colour=blue})" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not coreai-opt %s --pass-pipeline="builtin.module(coreai-sparsify{colour=blue})" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: coreai-sparsify: no such option 'colour'
// RUN: not coreai-opt %s --pass-pipeline="builtin.module(coreai-sparsify{n-m-ratio=5,4})" 2>&1 | FileCheck %s --check-prefix=NGTM

// Per-constant skips: a warning (a remark for an unused weight) and the IR is left as it is.
// Block and n:m pruning are exclusive, so the cases live in three files.
// RUN: split-file %s %t
// RUN: coreai-opt %t/block.mlir -split-input-file -verify-diagnostics --coreai-sparsify="block-size=2 weight-num-threshold=4" | FileCheck %s --check-prefix=BLOCK
// RUN: %coreai_mlir_opt %t/block.mlir -split-input-file -verify-diagnostics --pass-pipeline="builtin.module(coreai-sparsify{block-size=2 weight-num-threshold=4})" | FileCheck %s --check-prefix=BLOCK
// RUN: coreai-opt %t/nm.mlir -split-input-file -verify-diagnostics --coreai-sparsify="n-m-ratio=2,4 weight-num-threshold=4" | FileCheck %s --check-prefix=NM
// RUN: %coreai_mlir_opt %t/nm.mlir -split-input-file -verify-diagnostics --pass-pipeline="builtin.module(coreai-sparsify{n-m-ratio=2,4 weight-num-threshold=4})" | FileCheck %s --check-prefix=NM
// RUN: coreai-opt %t/nm.mlir -split-input-file -verify-diagnostics --coreai-sparsify="n-m-ratio=2,4 quantize-dtype=int8 weight-num-threshold=4" | FileCheck %s --check-prefix=NM
// RUN: %coreai_mlir_opt %t/nm.mlir -split-input-file -verify-diagnostics --pass-pipeline="builtin.module(coreai-sparsify{n-m-ratio=2,4 quantize-dtype=int8 weight-num-threshold=4})" | FileCheck %s --check-prefix=NM
// RUN: coreai-opt %t/plain.mlir -split-input-file -verify-diagnostics --coreai-sparsify="weight-num-threshold=4" | FileCheck %s --check-prefix=PLAIN
// RUN: %coreai_mlir_opt %t/plain.mlir -split-input-file -verify-diagnostics --pass-pipeline="builtin.module(coreai-sparsify{weight-num-threshold=4})" | FileCheck %s --check-prefix=PLAIN

//--- block.mlir

// Blocks run along the out axis, here 3 channels: block 2 > 3 / 2 (D.6).
// BLOCK-LABEL: coreai.graph @block_too_large
// BLOCK-NOT:   coreai.build_sparse_with_bitmask
// BLOCK:       coreai.constant dense<5.000000e-01> : tensor<8x3xf16>
coreai.graph @block_too_large(%arg0: tensor<1x8xf16>) -> tensor<1x3xf16> {
  // expected-warning@+1 {{Failed to sparsify op: block_size > channel / 2 is not applicable (block_size 2, channel 3). Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<8x3xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x3xf16>) -> tensor<1x3xf16>
  coreai.output %1 : tensor<1x3xf16>
}

// -----

// BLOCK-LABEL: coreai.graph @block_rank1
// BLOCK-NOT:   coreai.build_sparse_with_bitmask
coreai.graph @block_rank1(%arg0: tensor<5x1xsi32>) -> tensor<5xf16> {
  // expected-warning@+1 {{Failed to sparsify op: block sparsity needs a weight of rank 2 to 5, got rank 1. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<32xf16>
  %1 = coreai.gather_nd %0 at %arg0 : (tensor<32xf16>, tensor<5x1xsi32>) to tensor<5xf16>
  coreai.output %1 : tensor<5xf16>
}

// -----

// BLOCK-LABEL: coreai.graph @block_rank6
// BLOCK-NOT:   coreai.build_sparse_with_bitmask
coreai.graph @block_rank6(%arg0: tensor<5x1xsi32>) -> tensor<5x2x2x2x2x2xf16> {
  // expected-warning@+1 {{Failed to sparsify op: block sparsity needs a weight of rank 2 to 5, got rank 6. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<8x2x2x2x2x2xf16>
  %1 = coreai.gather_nd %0 at %arg0 : (tensor<8x2x2x2x2x2xf16>, tensor<5x1xsi32>) to tensor<5x2x2x2x2x2xf16>
  coreai.output %1 : tensor<5x2x2x2x2x2xf16>
}

// -----

// A batched y operand [2, 8, 4] has its out axis at 2; block pruning needs it at 0 or 1.
// BLOCK-LABEL: coreai.graph @block_axis2
// BLOCK-NOT:   coreai.build_sparse_with_bitmask
coreai.graph @block_axis2(%arg0: tensor<2x1x8xf16>) -> tensor<2x1x4xf16> {
  // expected-warning@+1 {{Failed to sparsify op: block sparsity needs the channel axis to be 0 or 1, got 2. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<2x8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<2x1x8xf16>, tensor<2x8x4xf16>) -> tensor<2x1x4xf16>
  coreai.output %1 : tensor<2x1x4xf16>
}

//--- nm.mlir

// n:m runs along the in axis, here 6 channels: m = 4 > 6 / 2 (D.6).
// NM-LABEL: coreai.graph @m_too_large
// NM-NOT:   coreai.build_sparse_with_bitmask
// NM:       coreai.constant dense<5.000000e-01> : tensor<4x6xf16>
coreai.graph @m_too_large(%arg0: tensor<6x1xf16>) -> tensor<4x1xf16> {
  // expected-warning@+1 {{Failed to sparsify op: n_m_ratio m > channel / 2 is not applicable (m 4, channel 6). Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<4x6xf16>
  %1 = coreai.batch_matmul %0, %arg0 : (tensor<4x6xf16>, tensor<6x1xf16>) -> tensor<4x1xf16>
  coreai.output %1 : tensor<4x1xf16>
}

// -----

// NM-LABEL: coreai.graph @nm_rank1
// NM-NOT:   coreai.build_sparse_with_bitmask
coreai.graph @nm_rank1(%arg0: tensor<5x1xsi32>) -> tensor<5xf16> {
  // expected-warning@+1 {{Failed to sparsify op: a rank-1 weight has no input-channel axis. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<32xf16>
  %1 = coreai.gather_nd %0 at %arg0 : (tensor<32xf16>, tensor<5x1xsi32>) to tensor<5xf16>
  coreai.output %1 : tensor<5xf16>
}

// -----

// NM-LABEL: coreai.graph @nm_rank6
// NM-NOT:   coreai.build_sparse_with_bitmask
coreai.graph @nm_rank6(%arg0: tensor<5x1xsi32>) -> tensor<5x2x2x2x2x2xf16> {
  // expected-warning@+1 {{Failed to sparsify op: n:m sparsity needs a weight of rank 2 to 5, got rank 6. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<8x2x2x2x2x2xf16>
  %1 = coreai.gather_nd %0 at %arg0 : (tensor<8x2x2x2x2x2xf16>, tensor<5x1xsi32>) to tensor<5x2x2x2x2x2xf16>
  coreai.output %1 : tensor<5x2x2x2x2x2xf16>
}

// -----

// A batched x operand [2, 4, 8] has its in axis at 2; n:m needs it at 0 or 1.
// NM-LABEL: coreai.graph @nm_axis2
// NM-NOT:   coreai.build_sparse_with_bitmask
coreai.graph @nm_axis2(%arg0: tensor<2x8x1xf16>) -> tensor<2x4x1xf16> {
  // expected-warning@+1 {{Failed to sparsify op: n:m sparsity needs the channel axis to be 0 or 1, got 2. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<2x4x8xf16>
  %1 = coreai.batch_matmul %0, %arg0 : (tensor<2x4x8xf16>, tensor<2x8x1xf16>) -> tensor<2x4x1xf16>
  coreai.output %1 : tensor<2x4x1xf16>
}

//--- plain.mlir

// PLAIN-LABEL: coreai.graph @nan
// PLAIN-NOT:   coreai.build_sparse_with_bitmask
coreai.graph @nan(%arg0: tensor<6x1xf32>) -> tensor<4x1xf32> {
  // expected-warning@+1 {{Failed to sparsify op: non-finite weight at index 1. Skipped this op.}}
  %0 = coreai.constant dense<[[1.0, 0x7FC00000, 2.0, 0.5, 0.25, 0.125], [1.0, 1.0, 2.0, 0.5, 0.25, 0.125], [1.0, 1.0, 2.0, 0.5, 0.25, 0.125], [1.0, 1.0, 2.0, 0.5, 0.25, 0.125]]> : tensor<4x6xf32>
  %1 = coreai.batch_matmul %0, %arg0 : (tensor<4x6xf32>, tensor<6x1xf32>) -> tensor<4x1xf32>
  coreai.output %1 : tensor<4x1xf32>
}

// -----

// PLAIN-LABEL: coreai.graph @infinity
// PLAIN-NOT:   coreai.build_sparse_with_bitmask
coreai.graph @infinity(%arg0: tensor<6x1xf32>) -> tensor<4x1xf32> {
  // expected-warning@+1 {{Failed to sparsify op: non-finite weight at index 23. Skipped this op.}}
  %0 = coreai.constant dense<[[1.0, 1.0, 2.0, 0.5, 0.25, 0.125], [1.0, 1.0, 2.0, 0.5, 0.25, 0.125], [1.0, 1.0, 2.0, 0.5, 0.25, 0.125], [1.0, 1.0, 2.0, 0.5, 0.25, 0x7F800000]]> : tensor<4x6xf32>
  %1 = coreai.batch_matmul %0, %arg0 : (tensor<4x6xf32>, tensor<6x1xf32>) -> tensor<4x1xf32>
  coreai.output %1 : tensor<4x1xf32>
}

// -----

// F.11: the two uses disagree on the axes.
// PLAIN-LABEL: coreai.graph @ambiguous
// PLAIN-NOT:   coreai.build_sparse_with_bitmask
coreai.graph @ambiguous(%arg0: tensor<1x8xf16>, %arg1: tensor<8x1xf16>) -> (tensor<1x8xf16>, tensor<8x1xf16>) {
  // expected-warning@+1 {{uses disagree on the channel axes (output/input 1/0 vs 0/1); skipped this constant}}
  %0 = coreai.constant dense<0.5> : tensor<8x8xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x8xf16>) -> tensor<1x8xf16>
  // expected-note@+1 {{this use implies different axes}}
  %2 = coreai.batch_matmul %0, %arg1 : (tensor<8x8xf16>, tensor<8x1xf16>) -> tensor<8x1xf16>
  coreai.output %1, %2 : tensor<1x8xf16>, tensor<8x1xf16>
}

// -----

// PLAIN-LABEL: coreai.graph @unused
// PLAIN:       coreai.constant dense<5.000000e-01> : tensor<8x8xf16>
coreai.graph @unused() -> () {
  // expected-remark@+1 {{unused constant left uncompressed}}
  %0 = coreai.constant dense<0.5> : tensor<8x8xf16>
  coreai.output
}
