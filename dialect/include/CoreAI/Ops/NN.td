//===- NN.td - coreai matmul, convolution, pooling, resizing -*- tablegen -*-===//
//
// Matrix products, convolutions and transposed convolutions (NCHW /
// NCDHW), max and sum pooling, interpolation. Strides, dilations, kernel
// sizes, padding and groups are tensor operands (usually constants).
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_OPS_NN
#define COREAI_OPS_NN

include "CoreAI/CoreAIOpBase.td"

def CoreAI_BatchMatmulOp : CoreAI_FunctionalOp<"batch_matmul", [
    PredOpTrait<"number of dims >=2 and last dim of operand 0 equals second "
                "last dim of operand 1",
                CPred<"::mlir::coreai::isMatmulCompatible($_op.getOperand(0).getType(), "
                      "$_op.getOperand(1).getType())">>,
    CoreAI_ResultElementTypeOf<1>
  ]> {
  let summary = "batched matrix product";
  let description = [{
    `output = x @ y` over the last two dims; the leading (batch) dims of both
    operands are equal.

    Example:

    ```mlir
    %0 = coreai.batch_matmul %arg0, %arg1 : (tensor<2x3x8xf16>, tensor<2x8x4xf16>) -> tensor<2x3x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$x, AnyType:$y);
  let results = (outs AnyType:$output);
}

class CoreAI_Conv<string mnemonic, string dims, string example>
    : CoreAI_FunctionalOp<mnemonic> {
  let summary = dims # " convolution";
  let description = "Convolves `input` (N, C_in, spatial...) with `weight` "
    # "(C_out, C_in/groups, kernel...), without padding (use `coreai.pad`); "
    # "`stride` and `dilation` have one entry per spatial dim and `groups` "
    # "is rank 0.\n\nExample:\n\n```mlir\n" # example # "\n```";
  let arguments = (ins AnyType:$input, AnyType:$weight, AnyType:$stride,
                       AnyType:$dilation, AnyType:$groups);
  let results = (outs AnyType:$output);
}

def CoreAI_Conv2dOp : CoreAI_Conv<"conv2d", "2-D",
  "%3 = coreai.conv2d %arg0, %arg1, %0, %1, %2 : (tensor<1x4x8x8xf16>, tensor<6x2x3x3xf16>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x6x6x6xf16>">;
def CoreAI_Conv3dOp : CoreAI_Conv<"conv3d", "3-D",
  "%3 = coreai.conv3d %arg0, %arg1, %0, %1, %2 : (tensor<1x4x5x5x5xf16>, tensor<6x4x3x3x3xf16>, tensor<3xui32>, tensor<3xui32>, tensor<ui32>) -> tensor<1x6x3x3x3xf16>">;

class CoreAI_ConvTranspose<string mnemonic, string dims, string example>
    : CoreAI_FunctionalOp<mnemonic> {
  let summary = dims # " transposed convolution";
  let description = "The gradient of the convolution with respect to its "
    # "input: `weight` is (C_in, C_out/groups, kernel...); `padding`, "
    # "`stride`, `dilation` and `output_pad` have one entry per spatial dim "
    # "and `groups` is rank 0.\n\nExample:\n\n```mlir\n" # example # "\n```";
  let arguments = (ins AnyType:$input, AnyType:$weight, AnyType:$stride,
                       AnyType:$padding, AnyType:$dilation, AnyType:$output_pad,
                       AnyType:$groups);
  let results = (outs AnyType:$output);
}

def CoreAI_ConvTranspose2dOp : CoreAI_ConvTranspose<"conv_transpose2d", "2-D",
  "%5 = coreai.conv_transpose2d %arg0, %arg1, %0, %1, %2, %3, %4 : (tensor<1x4x5x5xf16>, tensor<4x3x3x3xf16>, tensor<2xui32>, tensor<2xui32>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x3x7x7xf16>">;
def CoreAI_ConvTranspose3dOp : CoreAI_ConvTranspose<"conv_transpose3d", "3-D",
  "%5 = coreai.conv_transpose3d %arg0, %arg1, %0, %1, %2, %3, %4 : (tensor<1x4x3x3x3xf16>, tensor<4x2x3x3x3xf16>, tensor<3xui32>, tensor<3xui32>, tensor<3xui32>, tensor<3xui32>, tensor<ui32>) -> tensor<1x2x5x5x5xf16>">;

class CoreAI_MaxPool<string mnemonic, string dims, string example>
    : CoreAI_FunctionalOp<mnemonic> {
  let summary = dims # " max pooling";
  let description = "The maximum over each window of `kernel_size` moved by "
    # "`stride`, with `dilation`; `ceil_mode` (rank-0 `i1`) rounds the output "
    # "size up.\n\nExample:\n\n```mlir\n" # example # "\n```";
  let arguments = (ins AnyType:$input, AnyType:$kernel_size, AnyType:$stride,
                       AnyType:$dilation, AnyType:$ceil_mode);
  let results = (outs AnyType:$output);
}

def CoreAI_MaxPool2dOp : CoreAI_MaxPool<"max_pool_2d", "2-D",
  "%4 = coreai.max_pool_2d %arg0, %0, %1, %2, %3 : (tensor<1x4x8x8xf16>, tensor<2xui32>, tensor<2xui32>, tensor<2xui32>, tensor<i1>) -> tensor<1x4x4x4xf16>">;
def CoreAI_MaxPool3dOp : CoreAI_MaxPool<"max_pool_3d", "3-D",
  "%4 = coreai.max_pool_3d %arg0, %0, %1, %2, %3 : (tensor<1x4x4x4x4xf16>, tensor<3xui32>, tensor<3xui32>, tensor<3xui32>, tensor<i1>) -> tensor<1x4x2x2x2xf16>">;

class CoreAI_SumPool<string mnemonic, string dims, string example>
    : CoreAI_FunctionalOp<mnemonic> {
  let summary = dims # " sum pooling";
  let description = "The sum over each window of `kernel_size` moved by "
    # "`strides`, with `dilation`.\n\nExample:\n\n```mlir\n" # example # "\n```";
  let arguments = (ins AnyType:$input, AnyType:$kernel_size, AnyType:$strides,
                       AnyType:$dilation);
  let results = (outs AnyType:$output);
}

def CoreAI_SumPool2dOp : CoreAI_SumPool<"sum_pool_2d", "2-D",
  "%3 = coreai.sum_pool_2d %arg0, %0, %1, %2 : (tensor<1x4x8x8xf16>, tensor<2xui32>, tensor<2xui32>, tensor<2xui32>) -> tensor<1x4x4x4xf16>">;
def CoreAI_SumPool3dOp : CoreAI_SumPool<"sum_pool_3d", "3-D",
  "%3 = coreai.sum_pool_3d %arg0, %0, %1, %2 : (tensor<1x4x4x4x4xf16>, tensor<3xui32>, tensor<3xui32>, tensor<3xui32>) -> tensor<1x4x2x2x2xf16>">;

/// Ops printed `operands {attrs} : (...) -> ...`.
class CoreAI_DictFunctionalOp<string mnemonic> : CoreAI_Op<mnemonic, [Pure]> {
  let assemblyFormat =
      "operands attr-dict `:` functional-type(operands, results)";
}

def CoreAI_InterpolateOp : CoreAI_DictFunctionalOp<"interpolate"> {
  let summary = "resizes a tensor by interpolation";
  let description = [{
    Samples `input` at `(out + offset) / scale` per dim to produce
    `output_shape`, with `linear` or `nearest_neighbor` interpolation.

    Example:

    ```mlir
    %3 = coreai.interpolate %arg0, %0, %1, %2 {interpolation_mode = #coreai.interpolation_mode<linear>} : (tensor<1x3x4x4xf16>, tensor<4xsi32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x3x8x8xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$output_shape, AnyType:$scale,
                       AnyType:$offset,
                       CoreAI_InterpolationModeAttr:$interpolation_mode);
  let results = (outs AnyType:$result);
}

def CoreAI_InterpolateCoordinatesOp
    : CoreAI_DictFunctionalOp<"interpolate_coordinates"> {
  let summary = "samples a field at given coordinates";
  let description = [{
    Samples the K-D `input` at the N points of `coords` ([N, K], absolute
    indices), with `linear` or `nearest_neighbor` interpolation.

    Example:

    ```mlir
    %0 = coreai.interpolate_coordinates %arg0, %arg1 {interpolation_mode = #coreai.interpolation_mode<linear>} : (tensor<4x4xf16>, tensor<5x2xf32>) -> tensor<5xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$coords,
                       CoreAI_InterpolationModeAttr:$interpolation_mode);
  let results = (outs AnyType:$result);
}

#endif // COREAI_OPS_NN
