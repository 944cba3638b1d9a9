//===- Decomposable.td - coreai broadcasting ops -----------*- tablegen -*-===//
//
// `coreai.decomposable.broadcasting_*`: binary ops with NumPy broadcasting
// (shapes aligned from the right, size-1 dims stretched). A backend may run
// them directly or use their decomposition into broadcast + elementwise op.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_OPS_DECOMPOSABLE
#define COREAI_OPS_DECOMPOSABLE

include "CoreAI/CoreAIOpBase.td"

class CoreAI_Broadcasting<string mnemonic, string formula,
                          list<Trait> traits = [CoreAI_ResultElementTypeOf<1>]>
    : CoreAI_BroadcastingOp<mnemonic, !listconcat([ResultsBroadcastableShape], traits)> {
  let summary = "broadcasting " # formula;
  let description = "Broadcasts `input` and `other` to their common shape "
    # "(NumPy rules), then computes `" # formula # "` elementwise.\n\n"
    # "Example:\n\n```mlir\n%0 = coreai.decomposable.broadcasting_" # mnemonic
    # " %arg0, %arg1 : (tensor<2x1x3xf16>, tensor<4x1xf16>) -> tensor<2x4x3xf16>\n```";
}

def CoreAI_BroadcastingAdd : CoreAI_Broadcasting<"add", "input + other">;
def CoreAI_BroadcastingSub : CoreAI_Broadcasting<"sub", "input - other">;
def CoreAI_BroadcastingMul : CoreAI_Broadcasting<"mul", "input * other">;
def CoreAI_BroadcastingDivide : CoreAI_Broadcasting<"divide", "input / other">;
def CoreAI_BroadcastingFloorDivide
    : CoreAI_Broadcasting<"floor_divide", "floor(input / other)">;
def CoreAI_BroadcastingModulo : CoreAI_Broadcasting<"modulo", "input mod other">;
def CoreAI_BroadcastingPow : CoreAI_Broadcasting<"pow", "input ^ other">;
def CoreAI_BroadcastingMaximum : CoreAI_Broadcasting<"maximum", "max(input, other)">;
def CoreAI_BroadcastingMinimum : CoreAI_Broadcasting<"minimum", "min(input, other)">;
def CoreAI_BroadcastingAnd : CoreAI_Broadcasting<"and", "input and other">;
def CoreAI_BroadcastingOr : CoreAI_Broadcasting<"or", "input or other">;
def CoreAI_BroadcastingXor : CoreAI_Broadcasting<"xor", "input xor other">;
def CoreAI_BroadcastingBitwiseAnd
    : CoreAI_Broadcasting<"bitwise_and", "input & other">;
def CoreAI_BroadcastingBitwiseOr : CoreAI_Broadcasting<"bitwise_or", "input | other">;
def CoreAI_BroadcastingBitwiseXor
    : CoreAI_Broadcasting<"bitwise_xor", "input ^ other (bitwise)">;
def CoreAI_BroadcastingEqual : CoreAI_Broadcasting<"equal", "input == other", []>;
def CoreAI_BroadcastingNotEqual : CoreAI_Broadcasting<"not_equal", "input != other", []>;
def CoreAI_BroadcastingGreater : CoreAI_Broadcasting<"greater", "input > other", []>;

def CoreAI_BroadcastingWhere
    : CoreAI_KeywordFunctionalOp<"decomposable.broadcasting_where"> {
  let summary = "broadcasting elementwise selection";
  let description = [{
    Broadcasts `condition`, `a` and `b` to their common shape, then selects
    `a` where the condition holds and `b` elsewhere.

    Example:

    ```mlir
    %0 = coreai.decomposable.broadcasting_where %arg0, %arg1, %arg2 : (tensor<4x1xi1>, tensor<2x1x3xf16>, tensor<3xf16>) -> tensor<2x4x3xf16>
    ```
  }];
  let arguments = (ins AnyType:$condition, AnyType:$a, AnyType:$b);
  let results = (outs AnyType:$results);
}

def CoreAI_BroadcastingBatchMatmul
    : CoreAI_KeywordFunctionalOp<"decomposable.broadcasting_batch_matmul"> {
  let summary = "batched matrix product with broadcasting batch dims";
  let description = [{
    `output = x @ y` over the last two dims; the leading (batch) dims
    broadcast like NumPy's `matmul`.

    Example:

    ```mlir
    %0 = coreai.decomposable.broadcasting_batch_matmul %arg0, %arg1 : (tensor<2x1x3x8xf16>, tensor<5x8x4xf16>) -> tensor<2x5x3x4xf16>
    ```
  }];
  let arguments = (ins AnyType:$x, AnyType:$y);
  let results = (outs AnyType:$output);
}

#endif // COREAI_OPS_DECOMPOSABLE
