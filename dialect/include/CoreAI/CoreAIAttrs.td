//===- CoreAIAttrs.td - coreai enums, attributes and types -*- tablegen -*-===//
//
// The `#coreai.*` attributes and `!coreai.*` types the Core AI ops use, with
// coreai-core 1.0.0b3's printed forms. A mnemonic this file does not know is
// kept as verbatim text (`VerbatimAttr`, `VerbatimType`).
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_ATTRS
#define COREAI_ATTRS

include "CoreAI/CoreAIDialect.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/IR/TensorEncoding.td"

//===----------------------------------------------------------------------===//
// Enums. Each `EnumAttr` prints as `#coreai.<mnemonic><value>`, and as
// `<value>` inside the custom syntax of an op.
//===----------------------------------------------------------------------===//

class CoreAI_EnumAttr<EnumAttrInfo info, string mnemonic>
    : EnumAttr<CoreAI_Dialect, info, mnemonic> {
  let assemblyFormat = "`<` $value `>`";
}

def CoreAI_Approximate : I32EnumAttr<"Approximate", "gelu approximation", [
    I32EnumAttrCase<"none", 0>, I32EnumAttrCase<"tanh", 1>,
    I32EnumAttrCase<"sigmoid", 2>]> {
  let cppNamespace = "::mlir::coreai";
  let genSpecializedAttr = 0;
}
def CoreAI_ApproximateAttr : CoreAI_EnumAttr<CoreAI_Approximate, "approximate">;

def CoreAI_PaddingMode : I32EnumAttr<"PaddingMode", "padding mode of coreai.pad", [
    I32EnumAttrCase<"circular", 0>, I32EnumAttrCase<"constant", 1>,
    I32EnumAttrCase<"reflect", 2>, I32EnumAttrCase<"replicate", 3>,
    I32EnumAttrCase<"symmetric", 4>]> {
  let cppNamespace = "::mlir::coreai";
  let genSpecializedAttr = 0;
}
def CoreAI_PaddingModeAttr : CoreAI_EnumAttr<CoreAI_PaddingMode, "padding_mode">;

def CoreAI_ScatterMode : I32EnumAttr<"ScatterMode", "combination of scattered updates", [
    I32EnumAttrCase<"update", 0>, I32EnumAttrCase<"add", 1>,
    I32EnumAttrCase<"sub", 2>, I32EnumAttrCase<"mul", 3>,
    I32EnumAttrCase<"div", 4>, I32EnumAttrCase<"max", 5>,
    I32EnumAttrCase<"min", 6>]> {
  let cppNamespace = "::mlir::coreai";
  let genSpecializedAttr = 0;
}
def CoreAI_ScatterModeAttr : CoreAI_EnumAttr<CoreAI_ScatterMode, "scatter_mode">;

def CoreAI_InterpolationMode : I32EnumAttr<"InterpolationMode", "interpolation mode", [
    I32EnumAttrCase<"linear", 0>, I32EnumAttrCase<"nearest_neighbor", 1>]> {
  let cppNamespace = "::mlir::coreai";
  let genSpecializedAttr = 0;
}
def CoreAI_InterpolationModeAttr
    : CoreAI_EnumAttr<CoreAI_InterpolationMode, "interpolation_mode">;

def CoreAI_SamplingMode : I32EnumAttr<"SamplingMode", "sampling grid alignment", [
    I32EnumAttrCase<"half_pixel", 0>, I32EnumAttrCase<"align_corners", 1>]> {
  let cppNamespace = "::mlir::coreai";
  let genSpecializedAttr = 0;
}
def CoreAI_SamplingModeAttr : CoreAI_EnumAttr<CoreAI_SamplingMode, "sampling_mode">;

def CoreAI_Compilation : I32EnumAttr<"Compilation", "compilation strategy", [
    I32EnumAttrCase<"full", 0>, I32EnumAttrCase<"partial", 1>,
    I32EnumAttrCase<"finalized", 2>]> {
  let cppNamespace = "::mlir::coreai";
  let genSpecializedAttr = 0;
}
def CoreAI_CompilationAttr : CoreAI_EnumAttr<CoreAI_Compilation, "compilation">;

// The combiner of coreai.scan is a plain i32 enum attribute (`0 : i32` in
// generic form), printed `<sum>` by the op's custom syntax.
def CoreAI_ScanCombinerEnum : I32EnumAttr<"ScanCombiner", "combiner of coreai.scan", [
    I32EnumAttrCase<"sum", 0>, I32EnumAttrCase<"product", 1>,
    I32EnumAttrCase<"min", 2>, I32EnumAttrCase<"max", 3>]> {
  let cppNamespace = "::mlir::coreai";
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

class CoreAI_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<CoreAI_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def CoreAI_SparseTensorEncodingAttr
    : CoreAI_Attr<"SparseTensorEncoding", "sparse_tensor_encoding",
                  [DeclareAttrInterfaceMethods<VerifiableTensorEncoding>]> {
  let summary = "sparse tensor encoding";
  let description = [{
    The encoding of a sparse tensor. `scheme` is `bitmask`, `coo`, `csr`,
    `csc` or `bsr`; Core AI's compression uses `bitmask`: a bit mask of the
    dense shape plus `numNonZero` values stored in row-major order, with
    `posWidth = 1` and `crdWidth = 1`. `numNonZero` may be omitted;
    `blockSize` is given only for `bsr`.

    Example:

    ```mlir
    tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
    ```
  }];
  let parameters = (ins
    StringRefParameter<"compression scheme">:$scheme,
    OptionalParameter<"std::optional<uint64_t>">:$numNonZero,
    "uint32_t":$posWidth,
    "uint32_t":$crdWidth,
    OptionalArrayRefParameter<"int64_t">:$blockSize);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def CoreAI_FourCCAttr : CoreAI_Attr<"FourCC", "fourcc"> {
  let summary = "a four-character pixel format code";
  let description = [{
    A CoreVideo pixel format: one of the named codes `kUnknown` (0), `k24RGB`
    (24), `k32ARGB` (32), `k32BGRA` ('BGRA') and `k420YpCbCr8Planar`
    ('y420'); any other code prints as its four characters when they are
    printable (`#coreai.fourcc<"ABCD">`) and as an integer otherwise. The
    parser accepts the three spellings.
  }];
  let parameters = (ins "uint32_t":$value);
  let hasCustomAssemblyFormat = 1;
}

def CoreAI_TargetSpecAttr : CoreAI_Attr<"TargetSpec", "target_spec"> {
  let summary = "the hardware target of a module";
  let description = [{
    Example: `#coreai.target_spec<triple = "arm64-apple-ios", soc = "a17",
    delegateOptions = {}>`.
  }];
  let parameters = (ins StringRefParameter<"platform triple">:$triple,
                        StringRefParameter<"SoC identifier">:$soc,
                        "::mlir::DictionaryAttr":$delegateOptions);
  let assemblyFormat = "`<` struct(params) `>`";
}

def CoreAI_CompositeDeclarationAttr
    : CoreAI_Attr<"CompositeDeclaration", "composite_declaration"> {
  let summary = "the high-level op a composite graph implements";
  let description = [{
    Marks a graph as the decomposition of a named op, with its attributes.

    Example: `#coreai.composite_declaration<"layer_norm" = {op_attrs = {eps =
    1.0E-5 : f32}}>`.
  }];
  let parameters = (ins StringRefParameter<"composite op name">:$name,
                        OptionalParameter<"::mlir::DictionaryAttr">:$attributes);
  let assemblyFormat = "`<` $name (`=` $attributes^)? `>`";
}

def CoreAI_FileResourceAttr
    : CoreAI_Attr<"FileResource", "file_resource", [TypedAttrInterface]> {
  let summary = "tensor data stored in an external file";
  let description = [{
    Example: `#coreai.file_resource<"weights.bin", 16 : i64> : tensor<4xf32>`.
  }];
  let parameters = (ins "::mlir::StringAttr":$file_name,
                        "::mlir::IntegerAttr":$offset,
                        AttributeSelfTypeParameter<"">:$type);
  let assemblyFormat = "`<` $file_name `,` $offset `>`";
}

// A Core AI attribute with an unknown mnemonic. `spec` is the text after
// `#coreai.`, kept verbatim; `type` is the optional `: type` suffix.
def CoreAI_VerbatimAttr : AttrDef<CoreAI_Dialect, "Verbatim", [TypedAttrInterface]> {
  let summary = "a Core AI attribute with an unknown mnemonic, kept verbatim";
  let attrName = "coreai.verbatim";
  let parameters = (ins StringRefParameter<"the text after `#coreai.`">:$spec,
                        AttributeSelfTypeParameter<"">:$type);
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

class CoreAI_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<CoreAI_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def CoreAI_TokenType : CoreAI_Type<"Token", "token"> {
  let summary = "an ordering token of handle reads and writes";
}

def CoreAI_HandleType : CoreAI_Type<"Handle", "handle"> {
  let summary = "a handle to a mutable resource holding a value";
  let description = [{
    Example: `!coreai.handle<tensor<4xf32>>`.
  }];
  let parameters = (ins "::mlir::Type":$innerType);
  let assemblyFormat = "`<` $innerType `>`";
}

def CoreAI_ImageType : CoreAI_Type<"Image", "image"> {
  let summary = "an image of a pixel format and size";
  let description = [{
    Example: `!coreai.image<<k32BGRA> x 4 : i64 x 6 : i64>`, optionally with
    `, image_constraints = #coreaix.image_constraints<...>`. Height and width
    are integer attributes.
  }];
  let parameters = (ins "::mlir::coreai::FourCCAttr":$fourCC,
                        "::mlir::TypedAttr":$height,
                        "::mlir::TypedAttr":$width,
                        OptionalParameter<"::mlir::Attribute">:$ImageConstraints);
  let assemblyFormat = [{
    `<` $fourCC `x` $height `x` $width
    (`,` `image_constraints` `=` $ImageConstraints^)? `>`
  }];
  let genVerifyDecl = 1;
}

def CoreAI_AsyncValueType : CoreAI_Type<"AsyncValue", "async.value"> {
  let summary = "a value produced asynchronously";
  let description = [{
    Example: `!coreai.async.value<tensor<4xf32>>`.
  }];
  let parameters = (ins "::mlir::Type":$innerType);
  let assemblyFormat = "`<` $innerType `>`";
}

def CoreAI_VerbatimType : TypeDef<CoreAI_Dialect, "Verbatim"> {
  let summary = "a Core AI type with an unknown mnemonic, kept verbatim";
  let typeName = "coreai.verbatim";
  let parameters = (ins StringRefParameter<"the text after `!coreai.`">:$spec);
}

#endif // COREAI_ATTRS
