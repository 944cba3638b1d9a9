//===- CoreAIX.td - Core AI hardware layout extensions -----*- tablegen -*-===//
//
// The `coreaix` dialect of Core AI: tensor and image encodings describing a
// hardware-conforming layout (`#coreaix.hw_constraints<MTLBuffer,
// alignments: [1x64], interleave: [1]>`) and the ops that move data into and
// out of such layouts.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_COREAIX
#define COREAI_COREAIX

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/TensorEncoding.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def CoreAIX_Dialect : Dialect {
  let name = "coreaix";
  let summary = "Core AI hardware layout constraints";
  let cppNamespace = "::mlir::coreaix";
  let useDefaultAttributePrinterParser = 1;
  let usePropertiesForAttributes = 1;
}

def CoreAIX_AllocationType : I32EnumAttr<"AllocationType",
    "An enum corresponding to the backing type to be used for allocations.", [
    I32EnumAttrCase<"IOSurface", 0>, I32EnumAttrCase<"MTLBuffer", 1>,
    I32EnumAttrCase<"Heap", 2>]> {
  let cppNamespace = "::mlir::coreaix";
  let genSpecializedAttr = 0;
}

def CoreAIX_ImageContainerType : I32EnumAttr<"ImageContainerType",
    "An enum corresponding to the backing type to be used for allocations of image types.", [
    I32EnumAttrCase<"CVPixelBuffer", 0>, I32EnumAttrCase<"MTLTexture", 1>]> {
  let cppNamespace = "::mlir::coreaix";
  let genSpecializedAttr = 0;
}

/// A list of sizes printed like a shape: `[1x64]`, `[?x64]`, `[]`.
def CoreAIX_DimsParameter : ArrayRefParameter<"int64_t", "dimension list">;

def CoreAIX_HardwareConstraintsAttr
    : AttrDef<CoreAIX_Dialect, "HardwareConstraints",
              [DeclareAttrInterfaceMethods<VerifiableTensorEncoding>]> {
  let mnemonic = "hw_constraints";
  let summary = "a hardware tensor layout";
  let description = [{
    The backing allocation (`IOSurface`, `MTLBuffer`, `Heap`), per-dim
    alignments (rank + 1 entries) and interleave factors (rank entries), and
    optionally the encoding of the underlying tensor.
  }];
  let parameters = (ins "::mlir::coreaix::AllocationType":$backing,
                        CoreAIX_DimsParameter:$alignments,
                        CoreAIX_DimsParameter:$interleave,
                        OptionalParameter<"::mlir::Attribute">:$baseEncoding);
  // `<MTLBuffer, alignments: [1x64], interleave: [1]>`, optionally with
  // `, baseEncoding: <attr>`; no space before the colons, which ODS would
  // print.
  let hasCustomAssemblyFormat = 1;
}

def CoreAIX_ImageConstraintsAttr
    : AttrDef<CoreAIX_Dialect, "ImageConstraints"> {
  let mnemonic = "image_constraints";
  let summary = "an image layout";
  let description = [{
    The backing (`CVPixelBuffer`, `MTLTexture`) and the minimum row alignment
    of each plane.
  }];
  let parameters = (ins "::mlir::coreaix::ImageContainerType":$backing,
                        CoreAIX_DimsParameter:$rowAlignmentsPerPlane);
  // `<CVPixelBuffer, rowAlignmentsPerPlane: [64]>`.
  let hasCustomAssemblyFormat = 1;
}

/// `coreaix.<op>(%x) : (T) -> R`.
class CoreAIX_CopyOp<string mnemonic> : Op<CoreAIX_Dialect, mnemonic, [Pure]> {
  let arguments = (ins AnyRankedTensor:$source);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat =
      "`(` $source `)` attr-dict `:` functional-type($source, $result)";
}

def CoreAIX_CastOp : CoreAIX_CopyOp<"cast"> {
  let summary = "converts the element type of a hardware-laid-out tensor";
}
def CoreAIX_CopyWithConstraintsOp : CoreAIX_CopyOp<"copy_with_constraints"> {
  let summary = "copies a tensor into a hardware layout";
}
def CoreAIX_CopyDiscardingConstraintsOp
    : CoreAIX_CopyOp<"copy_discarding_constraints"> {
  let summary = "copies a tensor out of its hardware layout";
}
def CoreAIX_ViewOp : CoreAIX_CopyOp<"view"> {
  let summary = "reinterprets a hardware-laid-out tensor with another shape";
}

#endif // COREAI_COREAIX
