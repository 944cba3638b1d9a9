// Broken dialect_resources entries: the 4-byte alignment header is not a power of two or is
// cut short, the blob is empty or not hex, or the section names another dialect. Each is a
// parse error at the blob, with a non-zero exit, for every pass.
// (Alignment 0, which crashes MLIR's own parser, is rejected up front: resource-align0.mlir.)

// RUN: not coreai-opt %s -split-input-file --coreai-quantize=weight-num-threshold=0 2>&1 | FileCheck %s --implicit-check-not="Stack dump"
// RUN: not coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=none" 2>&1 | FileCheck %s --implicit-check-not="Stack dump"
// RUN: not coreai-opt %s -split-input-file --coreai-sparsify=weight-num-threshold=0 2>&1 | FileCheck %s --implicit-check-not="Stack dump"
// RUN: not coreai-opt %s -split-input-file --coreai-decompress 2>&1 | FileCheck %s --implicit-check-not="Stack dump"

// CHECK: resource-header.mlir:[[# @LINE + 8]]:{{[0-9]+}}: error: expected hex string blob for key 'align3' to encode alignment in first 4 bytes, but got non-power-of-2 value: 3
coreai.graph @align3(%arg0: tensor<1x4xf16>) -> tensor<1x2xf16> {
  %0 = coreai.constant dense_resource<align3> : tensor<4x2xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf16>, tensor<4x2xf16>) -> tensor<1x2xf16>
  coreai.output %1 : tensor<1x2xf16>
}
{-#
  dialect_resources: { builtin: {
    align3: "0x03000000003C003C003C003C003C003C003C003C"
  } }
#-}

// -----

// CHECK: resource-header.mlir:[[# @LINE + 8]]:{{[0-9]+}}: error: expected hex string blob for key 'short_header' to encode alignment in first 4 bytes
coreai.graph @short_header(%arg0: tensor<1x4xf16>) -> tensor<1x2xf16> {
  %0 = coreai.constant dense_resource<short_header> : tensor<4x2xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf16>, tensor<4x2xf16>) -> tensor<1x2xf16>
  coreai.output %1 : tensor<1x2xf16>
}
{-#
  dialect_resources: { builtin: {
    short_header: "0x100000"
  } }
#-}

// -----

// CHECK: resource-header.mlir:[[# @LINE + 8]]:{{[0-9]+}}: error: expected hex string blob for key 'no_bytes' to encode alignment in first 4 bytes
coreai.graph @no_bytes(%arg0: tensor<1x4xf16>) -> tensor<1x2xf16> {
  %0 = coreai.constant dense_resource<no_bytes> : tensor<4x2xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf16>, tensor<4x2xf16>) -> tensor<1x2xf16>
  coreai.output %1 : tensor<1x2xf16>
}
{-#
  dialect_resources: { builtin: {
    no_bytes: "0x"
  } }
#-}

// -----

// CHECK: resource-header.mlir:[[# @LINE + 8]]:{{[0-9]+}}: error: expected hex string blob for key 'not_hex'
coreai.graph @not_hex(%arg0: tensor<1x4xf16>) -> tensor<1x2xf16> {
  %0 = coreai.constant dense_resource<not_hex> : tensor<4x2xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf16>, tensor<4x2xf16>) -> tensor<1x2xf16>
  coreai.output %1 : tensor<1x2xf16>
}
{-#
  dialect_resources: { builtin: {
    not_hex: "0x10000000ZZZZ"
  } }
#-}

// -----

// An odd number of hex digits.
// CHECK: resource-header.mlir:[[# @LINE + 8]]:{{[0-9]+}}: error: expected hex string blob for key 'odd_digits'
coreai.graph @odd_digits(%arg0: tensor<1x4xf16>) -> tensor<1x2xf16> {
  %0 = coreai.constant dense_resource<odd_digits> : tensor<4x2xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf16>, tensor<4x2xf16>) -> tensor<1x2xf16>
  coreai.output %1 : tensor<1x2xf16>
}
{-#
  dialect_resources: { builtin: {
    odd_digits: "0x10000000003C003C003C003C003C003C003C003"
  } }
#-}

// -----

// CHECK: resource-header.mlir:[[# @LINE + 7]]:{{[0-9]+}}: error: unexpected 'resource' section for dialect 'coreai'
coreai.graph @wrong_section(%arg0: tensor<1x4xf16>) -> tensor<1x2xf16> {
  %0 = coreai.constant dense_resource<blob> : tensor<4x2xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf16>, tensor<4x2xf16>) -> tensor<1x2xf16>
  coreai.output %1 : tensor<1x2xf16>
}
{-#
  dialect_resources: { coreai: { blob: "0x10000000003C003C003C003C003C003C003C003C" } }
#-}
