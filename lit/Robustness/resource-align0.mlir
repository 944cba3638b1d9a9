// Upstream MLIR 22 accepts a dialect_resources blob whose 4-byte alignment header is 0 and
// then aborts allocating it ("LLVM ERROR: out of memory"); coreai-opt rejects such blobs
// first with the error MLIR gives for other invalid alignments (resource-header.mlir).

// RUN: not coreai-opt %s --coreai-quantize 2>&1 | FileCheck %s --implicit-check-not="Stack dump" --implicit-check-not="LLVM ERROR"
// CHECK: error: expected hex string blob for key 'zero' to encode alignment in first 4 bytes

coreai.graph @align0(%arg0: tensor<1x4xf16>) -> tensor<1x2xf16> {
  %0 = coreai.constant dense_resource<zero> : tensor<4x2xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf16>, tensor<4x2xf16>) -> tensor<1x2xf16>
  coreai.output %1 : tensor<1x2xf16>
}
{-#
  dialect_resources: { builtin: { zero: "0x00000000003C003C003C003C003C003C003C003C" } }
#-}
