//===- ParamDialect.td - Core AI graph parameters ----------*- tablegen -*-===//
//
// The `param` dialect of Core AI: parameter declarations of graphs and
// namespaces (`#param.decl.array<[<T: !param.type>]>`), references to them
// (`#param.ref<T> : !param.type`) and symbol constants, optionally bound to
// types (`#param.constant<@f> : !param.symbol`,
// `#param.bind<@f, [f32]> : !param.symbol`).
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_PARAM_DIALECT
#define COREAI_PARAM_DIALECT

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

def Param_Dialect : Dialect {
  let name = "param";
  let summary = "Core AI graph parameters";
  let description = [{
    Parameter declarations, parameter references and symbol constants of
    Core AI programs, as coreai-core 1.0.0b3 prints them. Attributes and
    types with an unknown mnemonic are kept verbatim.
  }];
  let cppNamespace = "::mlir::param";
  let useDefaultAttributePrinterParser = 0;
  let useDefaultTypePrinterParser = 0;
  let extraClassDeclaration = [{
    ::mlir::Attribute parseAttribute(::mlir::DialectAsmParser &parser,
                                     ::mlir::Type type) const override;
    void printAttribute(::mlir::Attribute attr,
                        ::mlir::DialectAsmPrinter &printer) const override;
    ::mlir::Type parseType(::mlir::DialectAsmParser &parser) const override;
    void printType(::mlir::Type type,
                   ::mlir::DialectAsmPrinter &printer) const override;
  }];
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

class Param_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<Param_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def Param_SymbolType : Param_Type<"Symbol", "symbol"> {
  let summary = "the type of a symbol constant (`#param.constant`)";
}

def Param_TypeType : Param_Type<"Type", "type"> {
  let summary = "the kind of a type parameter";
}

def Param_ParamRefType : Param_Type<"ParamRef", "param_ref"> {
  let summary = "a type given by a parameter reference";
  let description = [{
    Example: `!param.param_ref<#param.ref<T> : !param.type>`.
  }];
  let parameters = (ins "::mlir::TypedAttr":$param);
  let assemblyFormat = "`<` $param `>`";
}

def Param_VerbatimType : TypeDef<Param_Dialect, "Verbatim"> {
  let typeName = "param.verbatim";
  let summary = "a `param` type with an unknown mnemonic, kept verbatim";
  let parameters = (ins StringRefParameter<"the text after `!param.`">:$spec);
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

class Param_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Param_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

/// An attribute whose type is printed after it (`#param.ref<T> : !param.type`).
class Param_TypedAttr<string name, string attrMnemonic>
    : Param_Attr<name, attrMnemonic, [TypedAttrInterface]>;

def Param_ParamDeclAttr : Param_TypedAttr<"ParamDecl", "decl"> {
  let summary = "a parameter declaration `<name: kind>`";
  let description = [{
    Declares the parameter `name`; the attribute's type is its kind
    (`!param.type` for a type parameter, an integer type for a value).

    Example: `#param.decl<T: !param.type> : !param.type`.
  }];
  let parameters = (ins StringRefParameter<"parameter name">:$name,
                        AttributeSelfTypeParameter<"">:$type);
  let hasCustomAssemblyFormat = 1;
  let extraClassDeclaration = [{
    /// The `<name: kind>` body, also the element form in `decl.array`.
    void printBody(::mlir::AsmPrinter &printer) const;
    static ::mlir::Attribute parseBody(::mlir::AsmParser &parser);
  }];
}

def Param_ParamDeclArrayAttr : Param_Attr<"ParamDeclArray", "decl.array"> {
  let summary = "the parameter declarations of a graph or namespace";
  let description = [{
    Example: `#param.decl.array<[<T: !param.type>, <n: si32>]>`, or
    `#param.decl.array<[]>` for none.
  }];
  let parameters = (ins ArrayRefParameter<"::mlir::param::ParamDeclAttr">:$value);
  let hasCustomAssemblyFormat = 1;
}

def Param_ParamRefAttr : Param_TypedAttr<"ParamRef", "ref"> {
  let summary = "a reference to a declared parameter";
  let description = [{
    Example: `#param.ref<T> : !param.type`.
  }];
  let parameters = (ins StringRefParameter<"parameter name">:$name,
                        AttributeSelfTypeParameter<"">:$type);
  let hasCustomAssemblyFormat = 1;
}

def Param_ParamBindAttr : Param_TypedAttr<"ParamBind", "bind"> {
  let summary = "a symbol constant, optionally bound to types";
  let description = [{
    Without type bindings this is `#param.constant<@f> : !param.symbol` (the
    callee of `coreai.invoke`); with them `#param.bind<@f, [f32]> :
    !param.symbol`. `#param.bind<@f, []>` is the same attribute as
    `#param.constant<@f>`.
  }];
  let parameters = (ins "::mlir::SymbolRefAttr":$symbol,
                        ArrayRefParameter<"::mlir::Type">:$bindings,
                        AttributeSelfTypeParameter<"">:$type);
  let hasCustomAssemblyFormat = 1;
}

def Param_VerbatimAttr : AttrDef<Param_Dialect, "Verbatim", [TypedAttrInterface]> {
  let attrName = "param.verbatim";
  let summary = "a `param` attribute with an unknown mnemonic, kept verbatim";
  let parameters = (ins StringRefParameter<"the text after `#param.`">:$spec,
                        AttributeSelfTypeParameter<"">:$type);
}

#endif // COREAI_PARAM_DIALECT
