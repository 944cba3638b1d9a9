//===- CoreAIOpBase.td - shared classes of the coreai ops --*- tablegen -*-===//
//
// The repeated shapes of Core AI ops. Each class fixes the operand names
// coreai-core uses and the custom syntax coreai-core prints; the families in
// `Ops/` only name the ops and document them.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_OP_BASE
#define COREAI_OP_BASE

include "CoreAI/CoreAIDialect.td"
include "CoreAI/CoreAIAttrs.td"
include "CoreAI/ParamDialect.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/Interfaces/CallInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/FunctionInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

//===----------------------------------------------------------------------===//
// Constraints
//===----------------------------------------------------------------------===//

def CoreAI_DenseOrResourceAttr : Attr<
    CPred<"::llvm::isa<::mlir::DenseElementsAttr, "
          "::mlir::DenseResourceElementsAttr>($_self)">,
    "dense or dense_resource elements attribute"> {
  let storageType = "::mlir::ElementsAttr";
  let returnType = "::mlir::ElementsAttr";
  let convertFromStorage = "$_self";
}

def CoreAI_AnyRankedTensor : RankedTensorOf<[AnyType]>;

def CoreAI_SparseTensor : Type<
    CPred<"::llvm::isa<::mlir::RankedTensorType>($_self) && "
          "::llvm::isa_and_nonnull<::mlir::coreai::SparseTensorEncodingAttr>("
          "::llvm::cast<::mlir::RankedTensorType>($_self).getEncoding())">,
    "ranked tensor with #coreai.sparse_tensor_encoding">;

/// The types of a handle, token and image operand. As in coreai-core, a
/// handle or image type in an op's signature prints without its `!coreai.`
/// prefix (`(<tensor<4xf32>>, !coreai.token)`).
def CoreAI_Handle : Type<CPred<"::llvm::isa<::mlir::coreai::HandleType>($_self)">,
                         "!coreai.handle", "::mlir::coreai::HandleType">;
def CoreAI_Token : Type<CPred<"::llvm::isa<::mlir::coreai::TokenType>($_self)">,
                        "!coreai.token", "::mlir::coreai::TokenType">;
def CoreAI_Image : Type<CPred<"::llvm::isa<::mlir::coreai::ImageType>($_self)">,
                        "!coreai.image", "::mlir::coreai::ImageType">;

/// Tensors of `i1`, and rank-0 ones (conditions), and the rank-0 `si16`/`si32`
/// tensors Core AI takes axes as. The descriptions are coreai-core's, so that
/// the messages read the same.
def CoreAI_BoolTensor : Type<And<[IsTensorTypePred,
    CPred<"::llvm::cast<::mlir::TensorType>($_self).getElementType().isSignlessInteger(1)">]>,
    "CoreAI Tensor of Boolean type. values", "::mlir::TensorType">;
def CoreAI_ScalarBoolTensor : Type<And<[CoreAI_BoolTensor.predicate, HasAnyRankOfPred<[0]>]>,
    "0D CoreAI Tensor of Boolean type. values", "::mlir::TensorType">;
def CoreAI_ScalarIndexTensor : Type<And<[IsTensorTypePred, HasAnyRankOfPred<[0]>,
    CPred<"::llvm::cast<::mlir::TensorType>($_self).getElementType().isSignedInteger(16) || "
          "::llvm::cast<::mlir::TensorType>($_self).getElementType().isSignedInteger(32)">]>,
    "0D CoreAI Tensor of Index type. values", "::mlir::TensorType">;

/// `Result 0 element type must match element type of operand <n>.`
class CoreAI_ResultElementTypeOf<int operand>
    : PredOpTrait<"Result 0 element type must match element type of operand "
                  # operand # ".", TCresVTEtIsSameAsOp<0, operand>>;

//===----------------------------------------------------------------------===//
// Elementwise shapes
//===----------------------------------------------------------------------===//

/// `%r = coreai.<op> %x : T -> T`: math on one tensor (`x` -> `output`).
class CoreAI_UnaryOp<string mnemonic, list<Trait> traits = []>
    : CoreAI_Op<mnemonic, !listconcat([Pure], traits)> {
  let arguments = (ins AnyType:$x);
  let results = (outs AnyType:$output);
  let assemblyFormat = "$x `:` type($x) `->` type($output) attr-dict";
}

/// `%r = coreai.<op> %input attributes {...} : (T) -> T`: activations
/// (`input` -> `output`).
class CoreAI_ActivationOp<string mnemonic, list<Trait> traits = []>
    : CoreAI_Op<mnemonic, !listconcat([Pure], traits)> {
  let arguments = (ins AnyType:$input);
  let results = (outs AnyType:$output);
  let assemblyFormat =
      "$input attr-dict-with-keyword `:` functional-type($input, $output)";
}

/// `%r = coreai.<op> %a, %b, ... : (A, B, ...) -> R {...}`: the common
/// syntax of ops whose operands are all listed, with the attribute
/// dictionary last.
class CoreAI_FunctionalOp<string mnemonic, list<Trait> traits = []>
    : CoreAI_Op<mnemonic, !listconcat([Pure], traits)> {
  let assemblyFormat =
      "operands `:` functional-type(operands, results) attr-dict";
}

/// The same with `attributes {...}` before the colon.
class CoreAI_KeywordFunctionalOp<string mnemonic, list<Trait> traits = []>
    : CoreAI_Op<mnemonic, !listconcat([Pure], traits)> {
  let assemblyFormat =
      "operands attr-dict-with-keyword `:` functional-type(operands, results)";
}

/// Elementwise binary math (`x`, `y` -> `output`).
class CoreAI_BinaryOp<string mnemonic, list<Trait> traits = []>
    : CoreAI_FunctionalOp<mnemonic, traits> {
  let arguments = (ins AnyType:$x, AnyType:$y);
  let results = (outs AnyType:$output);
}

/// Elementwise comparison (`input`, `other` -> `output`).
class CoreAI_CompareOp<string mnemonic, list<Trait> traits = []>
    : CoreAI_FunctionalOp<mnemonic, traits> {
  let arguments = (ins AnyType:$input, AnyType:$other);
  let results = (outs CoreAI_BoolTensor:$output);
}

/// `coreai.decomposable.broadcasting_<op>`: a binary op with NumPy
/// broadcasting that a backend may implement directly or decompose
/// (`input`, `other` -> `output`).
class CoreAI_BroadcastingOp<string mnemonic, list<Trait> traits = []>
    : CoreAI_KeywordFunctionalOp<"decomposable.broadcasting_" # mnemonic, traits> {
  let arguments = (ins AnyType:$input, AnyType:$other);
  let results = (outs AnyType:$output);
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

/// `coreai.reduce_<op> %input, %axes attributes {...} : (T, A) -> R`.
class CoreAI_ReductionOp<string mnemonic, list<Trait> traits = []>
    : CoreAI_KeywordFunctionalOp<mnemonic, traits> {
  let arguments = (ins AnyType:$input, AnyType:$axes);
  let results = (outs AnyType:$output);
}

#endif // COREAI_OP_BASE
