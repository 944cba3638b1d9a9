// Several graphs, a private noinline callee with attributes, an invoke, a conv2d, a gather_nd
// table, a transposed [out, in] weight and a weight fed to an op outside the consumer set
// (used by roundtrip.mlir).
module {
  coreai.graph private noinline @mlp(%arg0: tensor<1x16xf32>, %w: tensor<16x8xf32>) -> tensor<1x8xf32> attributes {coreai.kind = "mlp"} {
    %0 = coreai.batch_matmul %arg0, %w : (tensor<1x16xf32>, tensor<16x8xf32>) -> tensor<1x8xf32>
    coreai.output %0 : tensor<1x8xf32>
  }
  coreai.graph @main(%x: tensor<1x16xf32> {coreai.name = "x"}, %img: tensor<1x4x8x8xf16>, %ids: tensor<3x1xsi32>)
      -> (tensor<1x8xf32> {coreai.name = "y"}, tensor<1x8x6x6xf16>, tensor<3x16xbf16>, tensor<16x8xf32>) {
    %w = coreai.constant dense<[[0.5, -1.0, 2.0, 0.25, 1.5, -0.75, 3.0, -2.5], [1.0, 0.125, -0.5, 2.5, -1.5, 0.75, -3.0, 1.25], [0.5, -1.0, 2.0, 0.25, 1.5, -0.75, 3.0, -2.5], [1.0, 0.125, -0.5, 2.5, -1.5, 0.75, -3.0, 1.25], [0.5, -1.0, 2.0, 0.25, 1.5, -0.75, 3.0, -2.5], [1.0, 0.125, -0.5, 2.5, -1.5, 0.75, -3.0, 1.25], [0.5, -1.0, 2.0, 0.25, 1.5, -0.75, 3.0, -2.5], [1.0, 0.125, -0.5, 2.5, -1.5, 0.75, -3.0, 1.25], [0.5, -1.0, 2.0, 0.25, 1.5, -0.75, 3.0, -2.5], [1.0, 0.125, -0.5, 2.5, -1.5, 0.75, -3.0, 1.25], [0.5, -1.0, 2.0, 0.25, 1.5, -0.75, 3.0, -2.5], [1.0, 0.125, -0.5, 2.5, -1.5, 0.75, -3.0, 1.25], [0.5, -1.0, 2.0, 0.25, 1.5, -0.75, 3.0, -2.5], [1.0, 0.125, -0.5, 2.5, -1.5, 0.75, -3.0, 1.25], [0.5, -1.0, 2.0, 0.25, 1.5, -0.75, 3.0, -2.5], [1.0, 0.125, -0.5, 2.5, -1.5, 0.75, -3.0, 1.25]]> : tensor<16x8xf32>
    %y = coreai.invoke @mlp(%x, %w) : (tensor<1x16xf32>, tensor<16x8xf32>) -> tensor<1x8xf32>
    %stride = coreai.constant dense<1> : tensor<2xui32>
    %dilation = coreai.constant dense<1> : tensor<2xui32>
    %groups = coreai.constant dense<1> : tensor<ui32>
    %k = coreai.constant dense<[[[[1.0, -1.0, 0.5], [0.25, 2.0, -0.5], [1.5, -2.0, 0.75]]]]> : tensor<1x1x3x3xf16>
    %kw = coreai.constant dense<0.125> : tensor<8x4x3x3xf16>
    %c = coreai.conv2d %img, %kw, %stride, %dilation, %groups : (tensor<1x4x8x8xf16>, tensor<8x4x3x3xf16>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x8x6x6xf16>
    %table = coreai.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, -1.0, -2.0, -3.0, -4.0, -5.0, -6.0, -7.0, -8.0], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, -1.0, -2.0, -3.0, -4.0, -5.0, -6.0, -7.0, -8.0], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5]]> : tensor<4x16xbf16>
    %e = coreai.gather_nd %table at %ids : (tensor<4x16xbf16>, tensor<3x1xsi32>) to tensor<3x16xbf16>
    %perm = coreai.constant dense<[1, 0]> : tensor<2xui32>
    %wt = coreai.constant dense<0.5> : tensor<8x16xf32>
    %wt_t = coreai.transpose %wt, %perm : (tensor<8x16xf32>, tensor<2xui32>) -> tensor<16x8xf32>
    coreai.output %y, %c, %e, %wt_t : tensor<1x8xf32>, tensor<1x8x6x6xf16>, tensor<3x16xbf16>, tensor<16x8xf32>
  }
  coreai.graph @second(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
    %0 = coreai.constant dense<[[1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [-1.0, -2.0, -3.0, -4.0], [1.0, 2.0, 3.0, 4.0], [0.5, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.5, 4.0], [1.0, 2.0, 3.0, 4.5]]> : tensor<8x4xf16>
    %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
    coreai.output %1 : tensor<1x4xf16>
  }
}
