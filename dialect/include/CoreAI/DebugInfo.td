//===- DebugInfo.td - Core AI debug information ------------*- tablegen -*-===//
//
// The `debuginfo` dialect of Core AI: source files, compile units,
// subprograms, local variables and DWARF-like types, and the two location
// attributes (`#debuginfo.location`, `#debuginfo.metadata.location`) that
// coreai-core attaches to ops. They are real MLIR locations: `loc(#loc3)`
// with `#loc3 = #debuginfo.location<#loc1 in @main metadata = [#metadata]>`
// parses and prints as coreai-core writes it.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_DEBUGINFO
#define COREAI_DEBUGINFO

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

def DebugInfo_Dialect : Dialect {
  let name = "debuginfo";
  let summary = "Core AI debug information and locations";
  let cppNamespace = "::mlir::debuginfo";
  let useDefaultAttributePrinterParser = 1;
  let useDefaultTypePrinterParser = 1;
  let usePropertiesForAttributes = 1;
  let extraClassDeclaration = [{
  private:
    void registerAttributes();
    void registerTypes();
  public:
  }];
}

//===----------------------------------------------------------------------===//
// Enums (the DWARF flag sets, as in LLVM)
//===----------------------------------------------------------------------===//

def DI_FlagVisibilityBit0 : I32BitEnumAttrCaseBit<"Bit0", 0>;
def DI_FlagVisibilityBit1 : I32BitEnumAttrCaseBit<"Bit1", 1>;
def DI_Flags : I32BitEnumAttr<"DIFlags", "DWARF flags of a variable or type", [
    I32BitEnumAttrCaseNone<"Zero">,
    DI_FlagVisibilityBit0, DI_FlagVisibilityBit1,
    I32BitEnumAttrCaseGroup<"Private", [DI_FlagVisibilityBit0]>,
    I32BitEnumAttrCaseGroup<"Protected", [DI_FlagVisibilityBit1]>,
    I32BitEnumAttrCaseGroup<"Public", [DI_FlagVisibilityBit0, DI_FlagVisibilityBit1]>,
    I32BitEnumAttrCaseBit<"FwdDecl", 2>,
    I32BitEnumAttrCaseBit<"AppleBlock", 3>,
    I32BitEnumAttrCaseBit<"Virtual", 5>,
    I32BitEnumAttrCaseBit<"Artificial", 6>,
    I32BitEnumAttrCaseBit<"Explicit", 7>,
    I32BitEnumAttrCaseBit<"Prototyped", 8>,
    I32BitEnumAttrCaseBit<"ObjcClassComplete", 9>,
    I32BitEnumAttrCaseBit<"ObjectPointer", 10>,
    I32BitEnumAttrCaseBit<"Vector", 11>,
    I32BitEnumAttrCaseBit<"StaticMember", 12>,
    I32BitEnumAttrCaseBit<"LValueReference", 13>,
    I32BitEnumAttrCaseBit<"RValueReference", 14>,
    I32BitEnumAttrCaseBit<"ExportSymbols", 15>,
    I32BitEnumAttrCaseBit<"IntroducedVirtual", 18>,
    I32BitEnumAttrCaseBit<"BitField", 19>,
    I32BitEnumAttrCaseBit<"NoReturn", 20>,
    I32BitEnumAttrCaseBit<"TypePassByValue", 22>,
    I32BitEnumAttrCaseBit<"TypePassByReference", 23>,
    I32BitEnumAttrCaseBit<"EnumClass", 24>,
    I32BitEnumAttrCaseBit<"Thunk", 25>,
    I32BitEnumAttrCaseBit<"NonTrivial", 26>,
    I32BitEnumAttrCaseBit<"BigEndian", 27>,
    I32BitEnumAttrCaseBit<"LittleEndian", 28>,
    I32BitEnumAttrCaseBit<"AllCallsDescribed", 29>]> {
  let cppNamespace = "::mlir::debuginfo";
  let printBitEnumPrimaryGroups = 1;
}

def DI_SubprogramFlags : I32BitEnumAttr<"SubprogramFlags", "DWARF subprogram flags", [
    I32BitEnumAttrCaseBit<"Virtual", 0>,
    I32BitEnumAttrCaseBit<"PureVirtual", 1>,
    I32BitEnumAttrCaseBit<"LocalToUnit", 2>,
    I32BitEnumAttrCaseBit<"Definition", 3>,
    I32BitEnumAttrCaseBit<"Optimized", 4>,
    I32BitEnumAttrCaseBit<"Pure", 5>,
    I32BitEnumAttrCaseBit<"Elemental", 6>,
    I32BitEnumAttrCaseBit<"Recursive", 7>,
    I32BitEnumAttrCaseBit<"MainSubprogram", 8>,
    I32BitEnumAttrCaseBit<"Deleted", 9>,
    I32BitEnumAttrCaseBit<"ObjCDirect", 11>]> {
  let cppNamespace = "::mlir::debuginfo";
}

//===----------------------------------------------------------------------===//
// Parameters
//===----------------------------------------------------------------------===//

/// A DWARF constant printed by name (`DW_TAG_base_type`, `DW_ATE_float`).
class DI_DwarfParameter<string summary, string parseFn, string printFn>
    : AttrOrTypeParameter<"unsigned", summary> {
  let parser = [{ [&]() -> ::mlir::FailureOr<unsigned> {
    ::llvm::SMLoc loc = $_parser.getCurrentLocation();
    ::llvm::StringRef name;
    if ($_parser.parseKeyword(&name))
      return ::mlir::failure();
    unsigned value = ::llvm::dwarf::}] # parseFn # [{(name);
    if (value == 0 || value == ~0u)
      return $_parser.emitError(loc) << "unknown DWARF name '" << name << "'";
    return value;
  }() }];
  let printer = "$_printer << ::llvm::dwarf::" # printFn # "($_self)";
}

def DI_TagParameter : DI_DwarfParameter<"DWARF tag", "getTag", "TagString">;
def DI_EncodingParameter
    : DI_DwarfParameter<"DWARF encoding", "getAttributeEncoding",
                        "AttributeEncodingString">;

/// A source position printed as a location (`loc("a.py":3:4)` or its alias).
def DI_SourceParameter : AttrOrTypeParameter<"::mlir::FileLineColRange", "source position"> {
  let parser = [{ [&]() -> ::mlir::FailureOr<::mlir::FileLineColRange> {
    ::llvm::SMLoc loc = $_parser.getCurrentLocation();
    ::mlir::Attribute attr;
    if ($_parser.parseAttribute(attr))
      return ::mlir::failure();
    if (auto range = ::llvm::dyn_cast<::mlir::FileLineColRange>(attr))
      return range;
    return $_parser.emitError(loc) << "expected a file:line:column location, got " << attr;
  }() }];
  let printer = "$_printer << ::mlir::Attribute($_self)";
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

/// A debuginfo attribute whose alias is its mnemonic (`#file`, `#metadata3`).
class DI_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<DebugInfo_Dialect, name, traits # [OpAsmAttrInterface]> {
  let mnemonic = attrMnemonic;
  let genMnemonicAlias = 1;
}

def DI_FileAttr : DI_Attr<"File", "file"> {
  let summary = "a source file";
  let parameters = (ins StringRefParameter<"base name">:$filename,
                        StringRefParameter<"directory">:$directory,
                        StringRefParameter<"SHA-256 of the file, or empty">:$sha256Sum);
  let assemblyFormat = "`<` struct(params) `>`";
}

def DI_CompileUnitAttr : DI_Attr<"CompileUnit", "compile_unit"> {
  let summary = "a compilation unit";
  let parameters = (ins StringRefParameter<"source language">:$sourceLanguage,
                        "::mlir::debuginfo::FileAttr":$file,
                        StringRefParameter<"producer">:$producer,
                        "bool":$optimized,
                        StringRefParameter<"flags">:$flags,
                        OptionalArrayRefParameter<"::mlir::debuginfo::FileAttr">:$allFiles);
  let assemblyFormat = "`<` struct(params) `>`";
}

def DI_SubprogramAttr : DI_Attr<"Subprogram", "subprogram", [TypedAttrInterface]> {
  let summary = "a function scope";
  let description = [{
    Its type (printed after it) is the function's type. `compileUnit` is a
    compile unit or a symbol reference to one.
  }];
  let parameters = (ins "::mlir::Attribute":$compileUnit,
                        "::mlir::debuginfo::FileAttr":$file,
                        StringRefParameter<"name">:$name,
                        StringRefParameter<"linkage name">:$linkageName,
                        OptionalParameter<"std::optional<::mlir::debuginfo::SubprogramFlags>">:$flags,
                        AttributeSelfTypeParameter<"">:$type);
  let assemblyFormat = "`<` struct(params) `>`";
}

def DI_LocalVariableAttr : DI_Attr<"LocalVariable", "local_variable", [TypedAttrInterface]> {
  let summary = "a source-level variable";
  let parameters = (ins StringRefParameter<"name">:$name,
                        DI_SourceParameter:$line,
                        "::mlir::Attribute":$scope,
                        "unsigned":$alignInBits,
                        OptionalParameter<"std::optional<::mlir::debuginfo::DIFlags>">:$flags,
                        AttributeSelfTypeParameter<"">:$type);
  let assemblyFormat = "`<` struct(params) `>`";
}

def DI_BoundsAttr : DI_Attr<"Bounds", "bounds"> {
  let summary = "the bounds of an array dimension";
  let parameters = (ins DefaultValuedParameter<"int32_t", "0">:$count,
                        DefaultValuedParameter<"int32_t", "0">:$lower,
                        DefaultValuedParameter<"int32_t", "0">:$upper,
                        DefaultValuedParameter<"int32_t", "0">:$stride);
  let assemblyFormat = "`<` struct(params) `>`";
}

def DI_MetadataAttr : DI_Attr<"Metadata", "metadata"> {
  let summary = "a named metadata entry";
  let description = [{
    `#debuginfo.metadata<"op_id": {type = "coreai", value = 4 : ui64}>`, or
    with `unit` for a marker without a value.
  }];
  let parameters = (ins StringRefParameter<"name">:$name,
                        "::mlir::Attribute":$data);
  // `<"name": data>`: no space before the colon, which ODS would print.
  let hasCustomAssemblyFormat = 1;
}

def DI_LocationAttr : LocationAttrDef<DebugInfo_Dialect, "DILocation"> {
  let mnemonic = "location";
  let summary = "a source location in a scope";
  let description = [{
    `#debuginfo.location<loc("a.py":3:0) in @main metadata = [#metadata]>`:
    a file position in a scope (a subprogram, a compile unit or a symbol),
    optionally inlined at, or fused with, other debuginfo locations, with
    metadata entries.
  }];
  let parameters = (ins DI_SourceParameter:$src,
                        "::mlir::Attribute":$scope,
                        OptionalParameter<"::mlir::debuginfo::DILocationAttr">:$inlinedAt,
                        OptionalArrayRefParameter<"::mlir::debuginfo::DILocationAttr">:$fusedWith,
                        OptionalArrayRefParameter<"::mlir::debuginfo::MetadataAttr">:$metadata);
  let assemblyFormat = [{
    `<` $src `in` $scope (`inlined` `at` $inlinedAt^)?
    (`fused` `with` ` ` `[` $fusedWith^ `]`)? (`metadata` `=` `[` $metadata^ `]`)? `>`
  }];
}

def DI_MetadataLocationAttr
    : LocationAttrDef<DebugInfo_Dialect, "MetadataLocation"> {
  let mnemonic = "metadata.location";
  let summary = "a location made only of metadata entries";
  let parameters = (ins ArrayRefParameter<"::mlir::debuginfo::MetadataAttr">:$metadata);
  let assemblyFormat = "`<` $metadata `>`";
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

class DI_Type<string name, string typeMnemonic> : TypeDef<DebugInfo_Dialect, name> {
  let mnemonic = typeMnemonic;
}

def DI_BasicType : DI_Type<"Basic", "basic"> {
  let summary = "a DWARF primitive type";
  let parameters = (ins DI_TagParameter:$dwTag, DI_EncodingParameter:$dwEncoding,
                        StringRefParameter<"name">:$name, "uint64_t":$sizeInBits);
  let assemblyFormat = "`<` struct(params) `>`";
}

def DI_DerivedType : DI_Type<"Derived", "derived"> {
  let summary = "a DWARF pointer, reference or typedef";
  let parameters = (ins DI_TagParameter:$dwTag, StringRefParameter<"name">:$name,
                        "uint64_t":$sizeInBits, "uint64_t":$alignInBits,
                        "uint64_t":$offsetInBits, "::mlir::Type":$baseType);
  let assemblyFormat = "`<` struct(params) `>`";
}

def DI_CompositeType : DI_Type<"Composite", "composite"> {
  let summary = "a DWARF structure, union or array";
  let parameters = (ins DI_TagParameter:$dwTag, StringRefParameter<"name">:$name,
                        "::mlir::Attribute":$scope, DI_SourceParameter:$line,
                        "uint64_t":$sizeInBits, "uint64_t":$alignInBits,
                        OptionalParameter<"::mlir::Type">:$baseType,
                        OptionalParameter<"std::optional<::mlir::debuginfo::DIFlags>">:$flags,
                        ArrayRefParameter<"::mlir::Attribute">:$elements);
  let assemblyFormat = "`<` struct(params) `>`";
}

def DI_UnresolvedType : DI_Type<"Unresolved", "unresolved"> {
  let summary = "a source-level type not described in DWARF terms";
  let parameters = (ins "::mlir::Type":$wrapped);
  let assemblyFormat = "`<` $wrapped `>`";
}

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

class DI_Op<string mnemonic, list<Trait> traits = []>
    : Op<DebugInfo_Dialect, mnemonic, traits>;

def DI_RecordOp : DI_Op<"record"> {
  let summary = "records an SSA value for debugging";
  let description = [{
    Example: `debuginfo.record(%x : tensor<4xf32>) 42`.
  }];
  let arguments = (ins AnyType:$ssaValue, UI64Attr:$id);
  let assemblyFormat = "`(` $ssaValue `:` type($ssaValue) `)` $id attr-dict";
}

def DI_ValueOp : DI_Op<"value"> {
  let summary = "binds an SSA value to a source-level variable";
  let description = [{
    Example: `debuginfo.value(%x : tensor<4xf32>) #local_variable`.
  }];
  let arguments = (ins AnyType:$ssaValue, DI_LocalVariableAttr:$variable);
  let assemblyFormat = "`(` $ssaValue `:` type($ssaValue) `)` $variable attr-dict";
}

#endif // COREAI_DEBUGINFO
