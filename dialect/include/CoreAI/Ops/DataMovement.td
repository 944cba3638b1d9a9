//===- DataMovement.td - coreai shape and data movement ops -*- tablegen -*-===//
//
// Casts, reshapes, broadcasts, concatenation and splitting, slicing,
// gathering and scattering, padding, shape queries.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_OPS_DATA_MOVEMENT
#define COREAI_OPS_DATA_MOVEMENT

include "CoreAI/CoreAIOpBase.td"

def CoreAI_CastOp : CoreAI_Op<"cast", [Pure]> {
  let summary = "converts the element type of a tensor";
  let description = [{
    Converts each element to the result element type: integer to float gives
    the nearest value; float to float narrowing rounds to nearest even;
    float to integer truncates toward zero; to `i1`, non-zero is true.
    Shapes must be compatible.

    Example:

    ```mlir
    %6 = coreai.cast %5 : tensor<16x64xsi8> to tensor<16x64xf16>
    ```
  }];
  let arguments = (ins AnyTensor:$input);
  let results = (outs AnyTensor:$output);
  let assemblyFormat = "$input `:` type($input) `to` type($output) attr-dict";
  let hasVerifier = 1;
}

def CoreAI_TransposeOp : CoreAI_FunctionalOp<"transpose"> {
  let summary = "permutes the dims of a tensor";
  let description = [{
    `output.shape[i] = input.shape[permutation[i]]`.

    Example:

    ```mlir
    %1 = coreai.transpose %arg0, %0 : (tensor<2x3x4xf16>, tensor<3xui32>) -> tensor<4x2x3xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$permutation);
  let results = (outs AnyType:$output);
}

def CoreAI_ReshapeOp : CoreAI_FunctionalOp<"reshape"> {
  let summary = "reinterprets a tensor with a new shape";
  let description = [{
    Keeps the elements in row-major order; `new_shape` is a 1-D integer
    tensor with the same element count (one `-1` may be inferred).

    Example:

    ```mlir
    %1 = coreai.reshape %arg0, %0 : (tensor<2x3x4xf16>, tensor<2xsi32>) -> tensor<6x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$new_shape);
  let results = (outs AnyType:$output);
  let hasVerifier = 1;
}

/// `$input, $axes : (T, A) to R`: inserting or removing unit dims.
class CoreAI_UnitDimsOp<string mnemonic> : CoreAI_Op<mnemonic, [Pure]> {
  let arguments = (ins AnyType:$input, AnyType:$axes);
  let results = (outs AnyType:$output);
  let assemblyFormat = [{
    $input `,` $axes `:` `(` type($input) `,` type($axes) `)` `to`
    type($output) attr-dict
  }];
}

def CoreAI_ExpandDimsOp : CoreAI_UnitDimsOp<"expand_dims"> {
  let summary = "inserts unit dims";
  let description = [{
    Inserts a size-1 dim at each position of `axes` (positions in the
    output; negative values count from its end).

    Example:

    ```mlir
    %1 = coreai.expand_dims %arg0, %0 : (tensor<2x3x4xf16>, tensor<1xsi32>) to tensor<2x1x3x4xf16>
    ```
  }];
}

def CoreAI_ShrinkDimsOp : CoreAI_UnitDimsOp<"shrink_dims"> {
  let summary = "removes unit dims";
  let description = [{
    Removes the size-1 dims listed in `axes`.

    Example:

    ```mlir
    %1 = coreai.shrink_dims %arg0, %0 : (tensor<2x1x4xf16>, tensor<1xsi32>) to tensor<2x4xf16>
    ```
  }];
}

def CoreAI_BroadcastToOp : CoreAI_FunctionalOp<"broadcast_to"> {
  let summary = "broadcasts a tensor to a shape";
  let description = [{
    NumPy broadcasting of `input` to `shape` (a 1-D `ui16`/`ui32` tensor).

    Example:

    ```mlir
    %1 = coreai.broadcast_to %arg0, %0 : (tensor<3x1xf16>, tensor<3xui32>) -> tensor<2x3x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$shape);
  let results = (outs AnyType:$output);
}

def CoreAI_BroadcastInDimsOp : CoreAI_FunctionalOp<"broadcast_in_dims"> {
  let summary = "stretches size-1 dims to given sizes";
  let description = [{
    Each dim in `axes` (size 1 in the input) becomes the matching size of
    `dim_sizes`; the rank does not change.

    Example:

    ```mlir
    %2 = coreai.broadcast_in_dims %arg0, %0, %1 : (tensor<2x1x4xf16>, tensor<1xui32>, tensor<1xsi32>) -> tensor<2x3x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$dim_sizes, AnyType:$axes);
  let results = (outs AnyType:$output);
}

def CoreAI_BroadcastShapesOp : CoreAI_FunctionalOp<"broadcast_shapes"> {
  let summary = "the broadcast of two shapes";
  let description = [{
    The NumPy broadcast of two shapes given as 1-D unsigned tensors.

    Example:

    ```mlir
    %2 = coreai.broadcast_shapes %0, %1 : (tensor<3xui32>, tensor<2xui32>) -> tensor<3xui32>
    ```
  }];
  let arguments = (ins AnyType:$shape_1, AnyType:$shape_2);
  let results = (outs AnyType:$output);
}

def CoreAI_GetShapeOp : CoreAI_Op<"get_shape", [Pure]> {
  let summary = "the shape of a tensor";
  let description = [{
    A 1-D unsigned tensor holding the (runtime) extents of `input`.

    Example:

    ```mlir
    %0 = coreai.get_shape %arg0 : tensor<2x3x4xf16> -> tensor<3xui32>
    ```
  }];
  let arguments = (ins AnyType:$input);
  let results = (outs AnyType:$shape);
  let assemblyFormat = "$input `:` type($input) `->` type($shape) attr-dict";
}

def CoreAI_TileOp : CoreAI_FunctionalOp<"tile"> {
  let summary = "repeats a tensor along its dims";
  let description = [{
    Repeats `input` `dims[i]` times along each of its trailing dims.

    Example:

    ```mlir
    %1 = coreai.tile %arg0, %0 : (tensor<2x3x4xf16>, tensor<2xui32>) -> tensor<2x6x12xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$dims);
  let results = (outs AnyType:$output);
}

def CoreAI_ReverseOp : CoreAI_FunctionalOp<"reverse"> {
  let summary = "reverses a tensor along dims";
  let description = [{
    Example:

    ```mlir
    %1 = coreai.reverse %arg0, %0 : (tensor<2x3x4xf16>, tensor<1xsi32>) -> tensor<2x3x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$dims);
  let results = (outs AnyType:$result);
}

def CoreAI_SliceOp : CoreAI_FunctionalOp<"slice"> {
  let summary = "a strided slice";
  let description = [{
    Reads `input[start:end:stride]` in every dim; the three index tensors
    are 1-D with one entry per dim.

    Example:

    ```mlir
    %3 = coreai.slice %arg0, %0, %1, %2 : (tensor<2x3x4xf16>, tensor<3xsi32>, tensor<3xsi32>, tensor<3xsi32>) -> tensor<1x3x2xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$start_indices,
                       AnyType:$end_indices, AnyType:$strides);
  let results = (outs AnyType:$output);
}

def CoreAI_SliceUpdateOp : CoreAI_Op<"slice_update", [Pure]> {
  let summary = "writes a tensor into a strided slice";
  let description = [{
    `input` with the slice `[start:end:stride]` replaced by `update`.

    Example:

    ```mlir
    %3 = coreai.slice_update %arg0 with %arg1 at (%0, %1, %2) : (tensor<2x3x4xf16>, tensor<1x3x2xf16>, tensor<3xsi32>, tensor<3xsi32>, tensor<3xsi32>) to tensor<2x3x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$start_indices,
                       AnyType:$end_indices, AnyType:$strides, AnyType:$update);
  let results = (outs AnyType:$output);
  let assemblyFormat = [{
    $input `with` $update `at` ` ` `(` $start_indices `,` $end_indices `,`
    $strides `)` `:` `(` type($input) `,` type($update) `,`
    type($start_indices) `,` type($end_indices) `,` type($strides) `)` `to`
    type($output) attr-dict
  }];
}

def CoreAI_GatherNdOp : CoreAI_Op<"gather_nd", [Pure]> {
  let summary = "gathers slices of a tensor by index tuples";
  let description = [{
    Each row of `indices` (last dim Q) addresses a slice of `input` of rank
    `rank(input) - Q`.

    Example:

    ```mlir
    %0 = coreai.gather_nd %arg0 at %arg1 : (tensor<2x3x4xf16>, tensor<5x1xsi32>) to tensor<5x3x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$indices);
  let results = (outs AnyType:$output);
  let assemblyFormat = [{
    $input `at` $indices `:` `(` type($input) `,` type($indices) `)` `to`
    type($output) attr-dict
  }];
}

def CoreAI_GatherAlongAxisOp : CoreAI_Op<"gather_along_axis", [Pure]> {
  let summary = "gathers along one axis";
  let description = [{
    `output[..., i, ...] = input[..., indices[..., i, ...], ...]` along
    `axis`; the output has the shape of `indices`.

    Example:

    ```mlir
    %1 = coreai.gather_along_axis %arg0 at %arg1 along %0 : (tensor<2x3x4xf16>, tensor<2x5x4xsi32>, tensor<si32>) to tensor<2x5x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$indices, AnyType:$axis);
  let results = (outs AnyType:$output);
  let assemblyFormat = [{
    $input `at` $indices `along` $axis `:` `(` type($input) `,`
    type($indices) `,` type($axis) `)` `to` type($output) attr-dict
  }];
}

def CoreAI_ScatterAlongAxisOp : CoreAI_Op<"scatter_along_axis", [Pure]> {
  let summary = "scatters updates along one axis";
  let description = [{
    The inverse of `gather_along_axis`: each update is combined into
    `input` at its index along `axis` with `scatter_mode` (`update`, the
    default and not printed, `add`, `sub`, `mul`, `div`, `max` or `min`).

    Example:

    ```mlir
    %1 = coreai.scatter_along_axis %arg0, %arg1, %arg2, %0 scatter_mode = <add> : (tensor<2x3x4xf16>, tensor<2x1x4xsi32>, tensor<2x1x4xf16>, tensor<si32>) -> tensor<2x3x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$indices, AnyType:$updates,
      AnyType:$axis,
      DefaultValuedAttr<CoreAI_ScatterModeAttr,
                        "::mlir::coreai::ScatterMode::update">:$scatter_mode);
  let results = (outs AnyType:$output);
  let assemblyFormat = [{
    $input `,` $indices `,` $updates `,` $axis
    (`scatter_mode` `=` $scatter_mode^)? `:`
    functional-type(operands, results) attr-dict
  }];
}

def CoreAI_ScatterNdOp : CoreAI_Op<"scatter_nd", [Pure]> {
  let summary = "scatters slices by index tuples with a combiner region";
  let description = [{
    The inverse of `gather_nd`: each slice of `updates` is combined into
    `input` at its index tuple. The region receives the existing and the
    incoming value (rank-0 tensors) and yields the new one.

    Example:

    ```mlir
    %0 = coreai.scatter_nd %arg0 with %arg2 at %arg1 {
    ^bb0(%arg3: tensor<f16>, %arg4: tensor<f16>):
      coreai.yield %arg4 : tensor<f16>
    } : (tensor<2x3x4xf16>, tensor<5x3x4xf16>, tensor<5x1xsi32>) to tensor<2x3x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$indices, AnyType:$updates);
  let results = (outs AnyType:$output);
  let regions = (region SizedRegion<1>:$update_fn);
  let assemblyFormat = [{
    $input `with` $updates `at` $indices $update_fn `:` `(` type($input) `,`
    type($updates) `,` type($indices) `)` `to` type($output) attr-dict
  }];
}

def CoreAI_RangeOp : CoreAI_FunctionalOp<"range"> {
  let summary = "evenly spaced values";
  let description = [{
    `[start, start + step, ...]` up to (excluding) `stop`, like
    `numpy.arange`; the three operands are rank-0 tensors of one type.

    Example:

    ```mlir
    %3 = coreai.range %0, %1, %2 : (tensor<si32>, tensor<si32>, tensor<si32>) -> tensor<5xsi32>
    ```
  }];
  let arguments = (ins AnyType:$start, AnyType:$stop, AnyType:$step);
  let results = (outs AnyType:$output);
}

def CoreAI_NonZeroOp : CoreAI_Op<"non_zero", [Pure]> {
  let summary = "the indices of the non-zero elements";
  let description = [{
    An `[N, rank]` tensor of the indices of the N non-zero elements, in
    row-major order.

    Example:

    ```mlir
    %0 = coreai.non_zero %arg0 : tensor<2x3x4xf16> -> tensor<?x3xsi32>
    ```
  }];
  let arguments = (ins AnyType:$input);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$input `:` type($input) `->` type($result) attr-dict";
}

def CoreAI_PadOp : CoreAI_FunctionalOp<"pad"> {
  let summary = "pads a tensor";
  let description = [{
    `padding` (1-D, two entries per dim) gives the elements inserted before
    and after each dim; `padding_mode` is `constant` (filled with
    `padding_value`), `replicate`, `reflect`, `symmetric` or `circular`.

    Example:

    ```mlir
    %2 = coreai.pad %arg0, %0, %1 mode = <constant> : (tensor<2x3x4xf16>, tensor<6xui32>, tensor<f16>) -> tensor<2x5x6xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$padding, AnyType:$padding_value,
                       CoreAI_PaddingModeAttr:$padding_mode);
  let results = (outs AnyType:$result);
  let hasVerifier = 1;
  let assemblyFormat = [{
    $input `,` $padding `,` $padding_value `mode` `=` $padding_mode `:`
    functional-type(operands, results) attr-dict
  }];
}

def CoreAI_ConcatOp : CoreAI_Op<"concat", [Pure]> {
  let summary = "concatenates tensors along a dim";
  let description = [{
    Joins two or more tensors of one rank and element type along
    `dimension` (a rank-0 integer tensor, negative counts from the end).

    Example:

    ```mlir
    %1 = coreai.concat %0, %arg0, %arg1 : (tensor<si32>, tensor<2x3x4xf16>, tensor<2x3x4xf16>) -> tensor<4x3x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$dimension, Variadic<AnyType>:$inputs);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $dimension `,` $inputs `:` functional-type(operands, results) attr-dict
  }];
}

def CoreAI_SplitOp : CoreAI_Op<"split", [Pure]> {
  let summary = "splits a tensor along a dim";
  let description = [{
    A rank-0 `split_size_or_sections` gives chunks of that size (the last
    one smaller); a 1-D one gives each output's size.

    Example:

    ```mlir
    %2:2 = coreai.split %arg0, %0, %1 : (tensor<2x3x4xf16>, tensor<ui32>, tensor<si32>) -> (tensor<2x2x4xf16>, tensor<2x1x4xf16>)
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$split_size_or_sections,
                       AnyType:$dim);
  let results = (outs Variadic<AnyType>:$results);
  let assemblyFormat = [{
    $input `,` $split_size_or_sections `,` $dim `:` `(` type($input) `,`
    type($split_size_or_sections) `,` type($dim) `)` `->` `(` type($results) `)`
    attr-dict
  }];
}

#endif // COREAI_OPS_DATA_MOVEMENT
