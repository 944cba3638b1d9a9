// A palettized chain of 10^12 elements (used by huge-shapes.mlir).
coreai.graph @main() -> tensor<1000000x1000000xf16> {
  %0 = coreai.constant dense<1> : tensor<1000000x1000000xui4>
  %1 = coreai.constant dense<0> : tensor<si16>
  %2 = coreai.constant dense<0.5> : tensor<1x1x16x1xf16>
  %3 = coreai.lut_to_dense %0, %2, %1 : (tensor<1000000x1000000xui4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<1000000x1000000xf16>
  coreai.output %3 : tensor<1000000x1000000xf16>
}
