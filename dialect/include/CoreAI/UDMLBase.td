//===- UDMLBase.td - the udml dialect, attributes, types ---*- tablegen -*-===//
//
// The `udml` dialect of Core AI (namespaces, classes, functions and calls
// around Core AI graphs): its enum attributes (`#udml.lifecycle<init>`,
// `#udml.intent<out>`), symbol references and pointer/array types. The ops
// are in UDMLOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_UDML_BASE
#define COREAI_UDML_BASE

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

def UDML_Dialect : Dialect {
  let name = "udml";
  let summary = "Core AI namespaces, classes, functions and calls";
  let cppNamespace = "::mlir::udml";
  let dependentDialects = ["::mlir::param::ParamDialect"];
  let useDefaultAttributePrinterParser = 0;
  let useDefaultTypePrinterParser = 0;
  let usePropertiesForAttributes = 1;
  let extraClassDeclaration = [{
    ::mlir::Attribute parseAttribute(::mlir::DialectAsmParser &parser,
                                     ::mlir::Type type) const override;
    void printAttribute(::mlir::Attribute attr,
                        ::mlir::DialectAsmPrinter &printer) const override;
    ::mlir::Type parseType(::mlir::DialectAsmParser &parser) const override;
    void printType(::mlir::Type type,
                   ::mlir::DialectAsmPrinter &printer) const override;
  private:
    void registerAttributes();
    void registerTypes();
  public:
  }];
}

def UDML_LifecyclePhase : I32EnumAttr<"LifecyclePhase", "lifecycle phase", [
    I32EnumAttrCase<"stateless", 0>, I32EnumAttrCase<"init", 1>,
    I32EnumAttrCase<"reshape", 2>, I32EnumAttrCase<"prepare", 3>,
    I32EnumAttrCase<"encode", 4>]> {
  let cppNamespace = "::mlir::udml";
  let genSpecializedAttr = 0;
}
def UDML_LifecyclePhaseAttr : EnumAttr<UDML_Dialect, UDML_LifecyclePhase, "lifecycle"> {
  let assemblyFormat = "`<` $value `>`";
}

def UDML_Intent : I32EnumAttr<"Intent", "role of a function argument", [
    I32EnumAttrCase<"out", 0>, I32EnumAttrCase<"inout", 1>,
    I32EnumAttrCase<"ret", 2, "return">, I32EnumAttrCase<"in", 3>,
    I32EnumAttrCase<"param", 4>, I32EnumAttrCase<"metadata", 5>]> {
  let cppNamespace = "::mlir::udml";
  let genSpecializedAttr = 0;
}
def UDML_IntentAttr : EnumAttr<UDML_Dialect, UDML_Intent, "intent"> {
  let assemblyFormat = "`<` $value `>`";
}

// udml.import's kind, a plain i32 enum (`0 : i32` in generic form), printed
// `[MLIR]` / `[ClangModule]` by the op.
def UDML_ImportTypeAttr : I32EnumAttr<"ImportType", "kind of an import", [
    I32EnumAttrCase<"MLIR", 0>, I32EnumAttrCase<"ClangModule", 1>]> {
  let cppNamespace = "::mlir::udml";
}

class UDML_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<UDML_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def UDML_KernelRefAttr : UDML_Attr<"KernelRef", "kernel_ref"> {
  let summary = "a reference to a kernel by name";
  let parameters = (ins StringRefParameter<"kernel name">:$name);
  let assemblyFormat = "`<` $name `>`";
}

def UDML_TypedSymbolRefAttr
    : UDML_Attr<"TypedSymbolRef", "typed_symbol_ref", [TypedAttrInterface]> {
  let summary = "a symbol reference with a type";
  let description = [{
    Example: `#udml.typed_symbol_ref<@f : f32> : f32`.
  }];
  let parameters = (ins "::mlir::SymbolRefAttr":$symbol, "::mlir::Type":$type);
  let assemblyFormat = "`<` $symbol `:` $type `>`";
}

def UDML_VerbatimAttr : AttrDef<UDML_Dialect, "Verbatim", [TypedAttrInterface]> {
  let summary = "a udml attribute with an unknown mnemonic, kept verbatim";
  let attrName = "udml.verbatim";
  let parameters = (ins StringRefParameter<"the text after `#udml.`">:$spec,
                        AttributeSelfTypeParameter<"">:$type);
}

class UDML_Type<string name, string typeMnemonic>
    : TypeDef<UDML_Dialect, name> {
  let mnemonic = typeMnemonic;
}

def UDML_PointerType : UDML_Type<"Pointer", "ptr"> {
  let summary = "a pointer";
  let description = [{
    Example: `!udml.ptr<4 : i32>`; the element type is given as a typed
    attribute, with an optional memory space.
  }];
  let parameters = (ins "::mlir::TypedAttr":$elementType,
                        OptionalParameter<"::mlir::Attribute">:$memorySpace);
  let assemblyFormat = "`<` $elementType (`,` $memorySpace^)? `>`";
}

def UDML_ArrayType : UDML_Type<"Array", "array"> {
  let summary = "a fixed-size array";
  let parameters = (ins "::mlir::TypedAttr":$size,
                        "::mlir::TypedAttr":$elementType,
                        OptionalParameter<"::mlir::Attribute">:$memorySpace);
  let assemblyFormat = "`<` $size `,` $elementType (`,` $memorySpace^)? `>`";
}

def UDML_VerbatimType : TypeDef<UDML_Dialect, "Verbatim"> {
  let summary = "a udml type with an unknown mnemonic, kept verbatim";
  let typeName = "udml.verbatim";
  let parameters = (ins StringRefParameter<"the text after `!udml.`">:$spec);
}

#endif // COREAI_UDML_BASE
