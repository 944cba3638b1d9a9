// dense_resource blobs that do not fit their type, are missing, or have a broken header:
// a located error and a non-zero exit for every pass, never a crash. Blob length errors
// come from the coreai.constant verifier, so no pass ever sees such a constant.

// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-quantize=weight-num-threshold=0
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-palettize="weight-num-threshold=0 lut-dtype=none"
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-sparsify=weight-num-threshold=0
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-decompress
// The same inputs without -verify-diagnostics: the run fails.
// RUN: not coreai-opt %s -split-input-file --coreai-quantize=weight-num-threshold=0 2>&1 | FileCheck %s --check-prefix=EXIT --implicit-check-not="Stack dump"
// RUN: not coreai-opt %s -split-input-file --coreai-decompress 2>&1 | FileCheck %s --check-prefix=EXIT --implicit-check-not="Stack dump"
// EXIT: error: 'coreai.constant' op dense_resource<short> blob holds 6 bytes, but 'tensor<4x2xf16>' needs 16

coreai.graph @blob_too_short(%arg0: tensor<1x4xf16>) -> tensor<1x2xf16> {
  // expected-error@+1 {{dense_resource<short> blob holds 6 bytes, but 'tensor<4x2xf16>' needs 16}}
  %0 = coreai.constant dense_resource<short> : tensor<4x2xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf16>, tensor<4x2xf16>) -> tensor<1x2xf16>
  coreai.output %1 : tensor<1x2xf16>
}
{-#
  dialect_resources: { builtin: { short: "0x10000000003C003C003C" } }
#-}

// -----

coreai.graph @blob_too_long(%arg0: tensor<1x4xf32>) -> tensor<1x2xf32> {
  // expected-error@+1 {{dense_resource<long> blob holds 36 bytes, but 'tensor<4x2xf32>' needs 32}}
  %0 = coreai.constant dense_resource<long> : tensor<4x2xf32>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
  coreai.output %1 : tensor<1x2xf32>
}
{-#
  dialect_resources: { builtin: { long: "0x100000000000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F" } }
#-}

// -----

coreai.graph @blob_missing(%arg0: tensor<1x4xbf16>) -> tensor<1x2xbf16> {
  // expected-error@+1 {{dense_resource<nowhere> has no blob: the dialect_resources trailer has no entry for it}}
  %0 = coreai.constant dense_resource<nowhere> : tensor<4x2xbf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xbf16>, tensor<4x2xbf16>) -> tensor<1x2xbf16>
  coreai.output %1 : tensor<1x2xbf16>
}

// -----

// A bit-packed si4 blob one byte short (8x4 si4 take 16 bytes), in a chain to decompress.
coreai.graph @packed_blob_too_short() -> tensor<8x4xf16> {
  // expected-error@+1 {{dense_resource<packed> blob holds 15 bytes, but 'tensor<8x4xsi4>' needs 16 (bit-packed)}}
  %0 = coreai.constant dense_resource<packed> : tensor<8x4xsi4>
  %1 = coreai.constant dense<1.0> : tensor<1x4xf16>
  %2 = coreai.constant dense<0> : tensor<1x4xsi4>
  %3 = coreai.constant dense<0.0> : tensor<1x4xf16>
  %4 = coreai.blockwise_shift_scale %0, %1, %2, %3 : (tensor<8x4xsi4>, tensor<1x4xf16>, tensor<1x4xsi4>, tensor<1x4xf16>) -> tensor<8x4xf16>
  coreai.output %4 : tensor<8x4xf16>
}
{-#
  dialect_resources: { builtin: { packed: "0x10000000000102030405060708090A0B0C0D0E" } }
#-}

// -----

// FP4 blobs may be packed (4 bytes for 2x4) or one code per byte (8 bytes, the reference's
// layout); 6 bytes is neither.
coreai.graph @fp4_blob_neither_layout() -> tensor<2x4xf16> {
  // expected-error@+1 {{dense_resource<fp4> blob holds 6 bytes, but 'tensor<2x4xf4E2M1FN>' needs 4 (bit-packed)}}
  %0 = coreai.constant dense_resource<fp4> : tensor<2x4xf4E2M1FN>
  %1 = coreai.constant dense<1.0> : tensor<2x1xf16>
  %2 = coreai.constant dense<0.0> : tensor<2x1xf4E2M1FN>
  %3 = coreai.constant dense<0.0> : tensor<2x1xf16>
  %4 = coreai.blockwise_shift_scale %0, %1, %2, %3 : (tensor<2x4xf4E2M1FN>, tensor<2x1xf16>, tensor<2x1xf4E2M1FN>, tensor<2x1xf16>) -> tensor<2x4xf16>
  coreai.output %4 : tensor<2x4xf16>
}
{-#
  dialect_resources: { builtin: { fp4: "0x10000000010A07000F05" } }
#-}

// -----

// LUT indices whose blob is missing.
coreai.graph @indices_missing() -> tensor<16x8xf16> {
  // expected-error@+1 {{dense_resource<idx> has no blob: the dialect_resources trailer has no entry for it}}
  %0 = coreai.constant dense_resource<idx> : tensor<16x8xui4>
  %1 = coreai.constant dense<0> : tensor<si16>
  %2 = coreai.constant dense<0.5> : tensor<1x1x16x1xf16>
  %3 = coreai.lut_to_dense %0, %2, %1 : (tensor<16x8xui4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<16x8xf16>
  coreai.output %3 : tensor<16x8xf16>
}

// -----

// A sparsity mask one byte too long (8x4 ui1 take 4 bytes).
coreai.graph @mask_too_long(%arg0: tensor<16xf16>) -> tensor<8x4xf16> {
  // expected-error@+1 {{dense_resource<mask> blob holds 5 bytes, but 'tensor<8x4xui1>' needs 4 (bit-packed)}}
  %mask = coreai.constant dense_resource<mask> : tensor<8x4xui1>
  %s = coreai.build_sparse_with_bitmask %arg0, %mask : (tensor<16xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
  %d = coreai.sparse_with_bitmask_to_dense %s : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
  coreai.output %d : tensor<8x4xf16>
}
{-#
  dialect_resources: { builtin: { mask: "0x10000000C4D7684D00" } }
#-}
