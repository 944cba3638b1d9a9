//===- ElementwiseBinary.td - coreai elementwise binary ops -*- tablegen -*-===//
//
// Elementwise ops on tensors of the same shape: arithmetic, logic, bitwise
// logic, comparisons, `where` and complex numbers.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_OPS_ELEMENTWISE_BINARY
#define COREAI_OPS_ELEMENTWISE_BINARY

include "CoreAI/CoreAIOpBase.td"

/// `x op y` elementwise; both inputs and the result have one type.
class CoreAI_Arith<string mnemonic, string formula>
    : CoreAI_BinaryOp<mnemonic, [Elementwise, CoreAI_ResultElementTypeOf<0>,
                                 CoreAI_ResultElementTypeOf<1>]> {
  let summary = "elementwise " # formula;
  let description = "Computes `" # formula # "` for every pair of elements of "
    # "two tensors of the same shape and element type. Integer arithmetic "
    # "wraps; floats follow IEEE 754.\n\nExample:\n\n```mlir\n%0 = coreai."
    # mnemonic # " %arg0, %arg1 : (tensor<2x3xf16>, tensor<2x3xf16>) -> "
    # "tensor<2x3xf16>\n```";
}

def CoreAI_AddOp : CoreAI_Arith<"add", "x + y">;
def CoreAI_SubOp : CoreAI_Arith<"sub", "x - y">;
def CoreAI_MulOp : CoreAI_Arith<"mul", "x * y">;
def CoreAI_DivideOp : CoreAI_Arith<"divide", "x / y">;
def CoreAI_FloorDivideOp : CoreAI_Arith<"floor_divide", "floor(x / y)">;
def CoreAI_ModuloOp : CoreAI_Arith<"modulo", "x mod y">;
def CoreAI_PowOp : CoreAI_Arith<"pow", "x ^ y">;
def CoreAI_MaximumOp : CoreAI_Arith<"maximum", "max(x, y)">;
def CoreAI_MinimumOp : CoreAI_Arith<"minimum", "min(x, y)">;
def CoreAI_AndOp : CoreAI_Arith<"and", "x and y">;
def CoreAI_OrOp : CoreAI_Arith<"or", "x or y">;
def CoreAI_XorOp : CoreAI_Arith<"xor", "x xor y">;
def CoreAI_BitwiseAndOp : CoreAI_Arith<"bitwise_and", "x & y">;
def CoreAI_BitwiseOrOp : CoreAI_Arith<"bitwise_or", "x | y">;
def CoreAI_BitwiseXorOp : CoreAI_Arith<"bitwise_xor", "x ^ y (bitwise)">;

/// `input op other` elementwise, giving an i1 tensor.
class CoreAI_Compare<string mnemonic, string formula>
    : CoreAI_CompareOp<mnemonic, [Elementwise, SameOperandsElementType]> {
  let summary = "elementwise " # formula;
  let description = "Compares two tensors of the same type elementwise; the "
    # "result is an `i1` tensor of their shape.\n\nExample:\n\n```mlir\n"
    # "%0 = coreai." # mnemonic # " %arg0, %arg1 : (tensor<2x3xf16>, "
    # "tensor<2x3xf16>) -> tensor<2x3xi1>\n```";
}

def CoreAI_EqualOp : CoreAI_Compare<"equal", "input == other">;
def CoreAI_NotEqualOp : CoreAI_Compare<"not_equal", "input != other">;
def CoreAI_GreaterOp : CoreAI_Compare<"greater", "input > other">;

def CoreAI_WhereOp : CoreAI_FunctionalOp<"where"> {
  let summary = "elementwise selection";
  let description = [{
    `result[i] = condition[i] ? a[i] : b[i]` for an `i1` condition and two
    tensors of its shape.

    Example:

    ```mlir
    %0 = coreai.where %arg0, %arg1, %arg2 : (tensor<2x3xi1>, tensor<2x3xf16>, tensor<2x3xf16>) -> tensor<2x3xf16>
    ```
  }];
  let arguments = (ins CoreAI_BoolTensor:$condition, AnyType:$a, AnyType:$b);
  let results = (outs AnyType:$result);
}

def CoreAI_CreateComplexOp : CoreAI_FunctionalOp<"create_complex"> {
  let summary = "builds complex numbers from real and imaginary parts";
  let description = [{
    `result[i] = real[i] + imaginary[i] * i`.

    Example:

    ```mlir
    %0 = coreai.create_complex %arg0, %arg1 : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xcomplex<f32>>
    ```
  }];
  let arguments = (ins AnyType:$real, AnyType:$imaginary);
  let results = (outs AnyType:$result);
}

def CoreAI_RealPartOp : CoreAI_FunctionalOp<"real_part"> {
  let summary = "the real part of complex numbers";
  let description = [{
    Example:

    ```mlir
    %0 = coreai.real_part %arg0 : (tensor<2xcomplex<f32>>) -> tensor<2xf32>
    ```
  }];
  let arguments = (ins AnyType:$input);
  let results = (outs AnyType:$real);
}

def CoreAI_ImaginaryPartOp : CoreAI_FunctionalOp<"imaginary_part"> {
  let summary = "the imaginary part of complex numbers";
  let description = [{
    Example:

    ```mlir
    %0 = coreai.imaginary_part %arg0 : (tensor<2xcomplex<f32>>) -> tensor<2xf32>
    ```
  }];
  let arguments = (ins AnyType:$input);
  let results = (outs AnyType:$result);
}

#endif // COREAI_OPS_ELEMENTWISE_BINARY
