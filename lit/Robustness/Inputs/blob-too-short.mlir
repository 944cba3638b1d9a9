// A dense_resource blob shorter than its type (used by output-file.mlir).
coreai.graph @main(%arg0: tensor<1x4xf16>) -> tensor<1x2xf16> {
  %0 = coreai.constant dense_resource<short> : tensor<4x2xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf16>, tensor<4x2xf16>) -> tensor<1x2xf16>
  coreai.output %1 : tensor<1x2xf16>
}
{-#
  dialect_resources: { builtin: { short: "0x10000000003C003C003C" } }
#-}
