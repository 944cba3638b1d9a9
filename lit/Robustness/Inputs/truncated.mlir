coreai.graph @main(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<0.5> : tensor<8x4