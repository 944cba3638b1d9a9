//===- Reduction.td - coreai reductions, sorting and scans -*- tablegen -*-===//
//
// Reductions over axes (the reduced dims are kept with size 1), arg-max,
// softmax, sorting and prefix scans, and the general `reduce` /
// `reduce_index` with a combiner region.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_OPS_REDUCTION
#define COREAI_OPS_REDUCTION

include "CoreAI/CoreAIOpBase.td"

class CoreAI_Reduce<string mnemonic, string what>
    : CoreAI_ReductionOp<mnemonic> {
  let summary = what # " over axes";
  let description = "Reduces `input` over the dims listed in `axes` (a 1-D "
    # "integer tensor; negative values count from the end) with " # what
    # "; the reduced dims are kept with size 1.\n\nExample:\n\n```mlir\n"
    # "%1 = coreai." # mnemonic # " %arg0, %0 : (tensor<2x3x4xf16>, "
    # "tensor<1xsi32>) -> tensor<2x1x4xf16>\n```";
}

def CoreAI_ReduceMaxOp : CoreAI_Reduce<"reduce_max", "the maximum">;
def CoreAI_ReduceMeanOp : CoreAI_Reduce<"reduce_mean", "the mean">;
def CoreAI_ReduceMinOp : CoreAI_Reduce<"reduce_min", "the minimum">;
def CoreAI_ReduceProductOp : CoreAI_Reduce<"reduce_product", "the product">;
def CoreAI_ReduceSumOp : CoreAI_Reduce<"reduce_sum", "the sum">;

def CoreAI_AllOp : CoreAI_Reduce<"all", "logical and"> {
  let results = (outs AnyType:$result);
}
def CoreAI_AnyOp : CoreAI_Reduce<"any", "logical or"> {
  let results = (outs AnyType:$result);
}

def CoreAI_ArgmaxOp : CoreAI_KeywordFunctionalOp<"argmax"> {
  let summary = "index of the maximum along an axis";
  let description = [{
    The index of the largest element along `axis` (a rank-0 signed integer
    tensor); ties give the smallest index. The reduced dim is kept with size
    1 and the result holds unsigned indices.

    Example:

    ```mlir
    %1 = coreai.argmax %arg0, %0 : (tensor<2x3x4xf16>, tensor<si32>) -> tensor<2x1x4xui32>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$axis);
  let results = (outs AnyType:$output);
}

def CoreAI_SoftmaxOp : CoreAI_FunctionalOp<"softmax"> {
  let summary = "softmax along an axis";
  let description = [{
    `exp(x - max(x)) / sum(exp(x - max(x)))` over each 1-D slice along
    `axis` (a rank-0 integer tensor).

    Example:

    ```mlir
    %1 = coreai.softmax %arg0, %0 : (tensor<2x3x4xf16>, tensor<si32>) -> tensor<2x3x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, CoreAI_ScalarIndexTensor:$axis);
  let results = (outs AnyType:$output);
}

def CoreAI_SortOp : CoreAI_KeywordFunctionalOp<"sort"> {
  let summary = "sorts along a dim";
  let description = [{
    Sorts `input` along `dim`, ascending unless `descending` (a rank-0 `i1`
    tensor); `stable` keeps equal elements in order.

    Example:

    ```mlir
    %3 = coreai.sort %arg0, %0, %1, %2 : (tensor<2x3x4xf16>, tensor<si32>, tensor<i1>, tensor<i1>) -> tensor<2x3x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$dim, AnyType:$descending,
                       AnyType:$stable);
  let results = (outs AnyType:$result);
}

def CoreAI_ArgSortOp : CoreAI_FunctionalOp<"argsort"> {
  let summary = "the indices that sort along a dim";
  let description = [{
    The positions along `dim` of the elements in sorted order (see
    `coreai.sort`).

    Example:

    ```mlir
    %3 = coreai.argsort %arg0, %0, %1, %2 : (tensor<2x3x4xf16>, tensor<si32>, tensor<i1>, tensor<i1>) -> tensor<2x3x4xsi32>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$dim, AnyType:$descending,
                       AnyType:$stable);
  let results = (outs AnyType:$result);
}

def CoreAI_ScanOp : CoreAI_Op<"scan"> {
  let summary = "inclusive prefix scan along an axis";
  let description = [{
    `result[i] = input[0] (combiner) ... (combiner) input[i]` along `axis`
    (a rank-0 `ui16`/`ui32` tensor); from the end when `reverse` (a rank-0
    `i1` tensor) is true. The combiner is `sum`, `product`, `min` or `max`.

    Example:

    ```mlir
    %2 = coreai.scan %arg0, %0, %1 combiner = <sum> : (tensor<2x3x4xf16>, tensor<ui32>, tensor<i1>) -> tensor<2x3x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$axis, AnyType:$reverse,
                       CoreAI_ScanCombinerEnum:$scan_op);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $input `,` $axis `,` $reverse `combiner` `=` `<` $scan_op `>`
    `:` functional-type(operands, results) attr-dict
  }];
}

def CoreAI_ReduceOp : CoreAI_Op<"reduce", [Pure]> {
  let summary = "reduction over axes with a combiner region";
  let description = [{
    Reduces `input` over `axes` starting from `init_value`; the region
    combines two rank-0 tensors (accumulator, element) and yields the new
    accumulator.

    Example:

    ```mlir
    %2 = coreai.reduce %arg0, %0, init %1 {
    ^bb0(%arg1: tensor<f16>, %arg2: tensor<f16>):
      %3 = coreai.add %arg1, %arg2 : (tensor<f16>, tensor<f16>) -> tensor<f16>
      coreai.yield %3 : tensor<f16>
    } : (tensor<2x3x4xf16>, tensor<1xsi32>, tensor<f16>) -> tensor<2x1x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$axes, AnyType:$init_value);
  let results = (outs AnyType:$output);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $input `,` $axes `,` `init` $init_value $body `:`
    functional-type(operands, results) attr-dict
  }];
}

def CoreAI_ReduceIndexOp : CoreAI_Op<"reduce_index", [Pure]> {
  let summary = "index of the best element along an axis";
  let description = [{
    Scans `input` along `axis`, keeping the best value (from `init_value`)
    and its index (from `init_index`); the region compares the current best
    and a candidate (two rank-0 tensors) and yields an `i1`: true replaces
    the best. The reduced dim is kept with size 1.

    Example:

    ```mlir
    %3 = coreai.reduce_index %arg0, %0, init %1 init_index %2 {
    ^bb0(%arg1: tensor<f16>, %arg2: tensor<f16>):
      %4 = coreai.greater %arg2, %arg1 : (tensor<f16>, tensor<f16>) -> tensor<i1>
      coreai.yield %4 : tensor<i1>
    } : (tensor<2x3x4xf16>, tensor<si32>, tensor<f16>, tensor<ui32>) -> tensor<2x1x4xui32>
    ```
  }];
  let arguments = (ins AnyType:$input, AnyType:$axis, AnyType:$init_value,
                       AnyType:$init_index);
  let results = (outs AnyType:$output);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $input `,` $axis `,` `init` $init_value `init_index` $init_index $body `:`
    functional-type(operands, results) attr-dict
  }];
}

#endif // COREAI_OPS_REDUCTION
