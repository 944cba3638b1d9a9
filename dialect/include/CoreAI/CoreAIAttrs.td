//===- CoreAIAttrs.td - coreai attributes and types --------*- tablegen -*-===//
//
// `#coreai.sparse_tensor_encoding` is modelled; every other Core AI attribute
// and type (and the whole `param` dialect) is kept as verbatim text, so that
// real Core AI programs round-trip.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_ATTRS
#define COREAI_ATTRS

include "CoreAI/CoreAIDialect.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/IR/TensorEncoding.td"

def CoreAI_SparseTensorEncodingAttr
    : AttrDef<CoreAI_Dialect, "SparseTensorEncoding",
              [DeclareAttrInterfaceMethods<VerifiableTensorEncoding>]> {
  let mnemonic = "sparse_tensor_encoding";
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

// A Core AI attribute that this dialect does not model. `spec` is the text
// after `#coreai.`, kept verbatim; `type` is the optional `: type` suffix.
def CoreAI_VerbatimAttr : AttrDef<CoreAI_Dialect, "Verbatim", [TypedAttrInterface]> {
  let summary = "a Core AI attribute kept as its verbatim text";
  let attrName = "coreai.verbatim";
  let parameters = (ins StringRefParameter<"the text after `#coreai.`">:$spec,
                        AttributeSelfTypeParameter<"">:$type);
}

def CoreAI_VerbatimType : TypeDef<CoreAI_Dialect, "Verbatim"> {
  let summary = "a Core AI type kept as its verbatim text";
  let typeName = "coreai.verbatim";
  let parameters = (ins StringRefParameter<"the text after `!coreai.`">:$spec);
}

def Param_VerbatimAttr : AttrDef<Param_Dialect, "Verbatim", [TypedAttrInterface]> {
  let summary = "a `param` attribute kept as its verbatim text";
  let attrName = "param.verbatim";
  let parameters = (ins StringRefParameter<"the text after `#param.`">:$spec,
                        AttributeSelfTypeParameter<"">:$type);
}

def Param_VerbatimType : TypeDef<Param_Dialect, "Verbatim"> {
  let summary = "a `param` type kept as its verbatim text";
  let typeName = "param.verbatim";
  let parameters = (ins StringRefParameter<"the text after `!param.`">:$spec);
}

#endif // COREAI_ATTRS
