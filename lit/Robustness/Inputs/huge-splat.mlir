// A splat weight of 10^12 elements (used by huge-shapes.mlir).
coreai.graph @main(%arg0: tensor<1x1000000xf16>) -> tensor<1x1000000xf16> {
  %0 = coreai.constant dense<0.5> : tensor<1000000x1000000xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x1000000xf16>, tensor<1000000x1000000xf16>) -> tensor<1x1000000xf16>
  coreai.output %1 : tensor<1x1000000xf16>
}
