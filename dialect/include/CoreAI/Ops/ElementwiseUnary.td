//===- ElementwiseUnary.td - coreai elementwise unary ops --*- tablegen -*-===//
//
// Math on one tensor, elementwise: the result has the input's shape and
// element type (`not` works on i1 tensors).
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_OPS_ELEMENTWISE_UNARY
#define COREAI_OPS_ELEMENTWISE_UNARY

include "CoreAI/CoreAIOpBase.td"

/// An elementwise math op computing `formula` of each element `x`.
class CoreAI_MathOp<string mnemonic, string formula>
    : CoreAI_UnaryOp<mnemonic, [Elementwise, CoreAI_ResultElementTypeOf<0>]> {
  let summary = "elementwise " # formula;
  let description = "Computes `" # formula # "` for every element `x` of the "
    # "input, with IEEE 754 semantics for floats (NaN propagates). The result "
    # "has the input's shape and element type.\n\nExample:\n\n```mlir\n"
    # "%0 = coreai." # mnemonic # " %arg0 : tensor<2x3xf16> -> tensor<2x3xf16>\n```";
}

def CoreAI_AbsOp : CoreAI_MathOp<"abs", "|x|">;
def CoreAI_AcosOp : CoreAI_MathOp<"acos", "acos(x)">;
def CoreAI_AcoshOp : CoreAI_MathOp<"acosh", "acosh(x)">;
def CoreAI_AsinOp : CoreAI_MathOp<"asin", "asin(x)">;
def CoreAI_AsinhOp : CoreAI_MathOp<"asinh", "asinh(x)">;
def CoreAI_AtanOp : CoreAI_MathOp<"atan", "atan(x)">;
def CoreAI_AtanhOp : CoreAI_MathOp<"atanh", "atanh(x)">;
def CoreAI_CosOp : CoreAI_MathOp<"cos", "cos(x)">;
def CoreAI_CoshOp : CoreAI_MathOp<"cosh", "cosh(x)">;
def CoreAI_ErfOp : CoreAI_MathOp<"erf", "erf(x)">;
def CoreAI_ExpOp : CoreAI_MathOp<"exp", "e^x">;
def CoreAI_LogOp : CoreAI_MathOp<"log", "ln(x)">;
def CoreAI_RoundOp : CoreAI_MathOp<"round", "round(x)">;
def CoreAI_RsqrtOp : CoreAI_MathOp<"rsqrt", "1 / sqrt(x)">;
def CoreAI_SinOp : CoreAI_MathOp<"sin", "sin(x)">;
def CoreAI_SinhOp : CoreAI_MathOp<"sinh", "sinh(x)">;
def CoreAI_SqrtOp : CoreAI_MathOp<"sqrt", "sqrt(x)">;
def CoreAI_TanOp : CoreAI_MathOp<"tan", "tan(x)">;
def CoreAI_TanhOp : CoreAI_MathOp<"tanh", "tanh(x)">;

def CoreAI_NotOp : CoreAI_Op<"not", [Pure, Elementwise]> {
  let summary = "elementwise logical not of an i1 tensor";
  let description = [{
    Flips every element of a boolean (`i1`) tensor.

    Example:

    ```mlir
    %0 = coreai.not %arg0 : tensor<2x3xi1> -> tensor<2x3xi1>
    ```
  }];
  let arguments = (ins CoreAI_BoolTensor:$x);
  let results = (outs CoreAI_BoolTensor:$result);
  let assemblyFormat = "$x `:` type($x) `->` type($result) attr-dict";
}

/// An activation `formula` of each element `x`.
class CoreAI_Activation<string mnemonic, string formula>
    : CoreAI_ActivationOp<mnemonic, [SameOperandsAndResultShape,
                                     CoreAI_ResultElementTypeOf<0>]> {
  let summary = mnemonic # " activation";
  let description = "Computes `" # formula # "` for every element `x`.\n\n"
    # "Example:\n\n```mlir\n%0 = coreai." # mnemonic
    # " %arg0 : (tensor<2x3xf16>) -> tensor<2x3xf16>\n```";
}

def CoreAI_ReLUOp : CoreAI_Activation<"relu", "max(x, 0)">;
def CoreAI_SigmoidOp : CoreAI_Activation<"sigmoid", "1 / (1 + e^-x)">;
def CoreAI_SiluOp : CoreAI_Activation<"silu", "x * sigmoid(x)">;

def CoreAI_GELUOp : CoreAI_Op<"gelu", [
    Pure, SameOperandsAndResultShape, CoreAI_ResultElementTypeOf<0>
  ]> {
  let summary = "Gaussian error linear unit";
  let description = [{
    `gelu(x) = x * 0.5 * (1 + erf(x / sqrt(2)))` for `approximate = none`
    (the default, not printed); `tanh` uses
    `x * 0.5 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))` and
    `sigmoid` uses `x * sigmoid(1.702 * x)`.

    Example:

    ```mlir
    %0 = coreai.gelu %arg0 approximate = <tanh> : tensor<2x3xf16> -> tensor<2x3xf16>
    ```
  }];
  let arguments = (ins AnyType:$input,
      DefaultValuedAttr<CoreAI_ApproximateAttr,
                        "::mlir::coreai::Approximate::none">:$approximate);
  let results = (outs AnyType:$output);
  let assemblyFormat = [{
    $input (`approximate` `=` $approximate^)? `:` type($input) `->`
    type($output) attr-dict
  }];
}

#endif // COREAI_OPS_ELEMENTWISE_UNARY
