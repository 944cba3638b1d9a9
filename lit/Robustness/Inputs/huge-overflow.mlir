// A splat weight of 2^64 elements (used by huge-shapes.mlir).
coreai.graph @main(%arg0: tensor<1x4294967296xf16>) -> tensor<1x4294967296xf16> {
  %0 = coreai.constant dense<0.5> : tensor<4294967296x4294967296xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4294967296xf16>, tensor<4294967296x4294967296xf16>) -> tensor<1x4294967296xf16>
  coreai.output %1 : tensor<1x4294967296xf16>
}
