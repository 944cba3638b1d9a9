// A constant of dynamic type (the line and column are checked by dynamic.mlir).

coreai.graph @dynamic_constant() -> tensor<?x4xf16> {
  %0 = coreai.constant dense<0.5> : tensor<?x4xf16>
  coreai.output %0 : tensor<?x4xf16>
}
