//===- UDML.cpp - the udml dialect ----------------------------------------===//
//
// Registration and textual forms of Core AI's `udml` dialect: enum
// attributes, symbol references, pointer and array types, and the verbatim
// fallback for unknown mnemonics.
//
//===----------------------------------------------------------------------===//

#include "CoreAI/UDML.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/Interfaces/FunctionImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

#include "CallSyntax.h"

using namespace mlir;
using namespace mlir::udml;

#include "CoreAI/UDMLDialect.cpp.inc"
#include "CoreAI/UDMLEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "CoreAI/UDMLAttrs.cpp.inc"
#define GET_TYPEDEF_CLASSES
#include "CoreAI/UDMLTypes.cpp.inc"
#define GET_OP_CLASSES
#include "CoreAI/UDMLOps.cpp.inc"

void UDMLDialect::initialize() {
  registerAttributes();
  registerTypes();
  addOperations<
#define GET_OP_LIST
#include "CoreAI/UDMLOps.cpp.inc"
      >();
}

void UDMLDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "CoreAI/UDMLAttrs.cpp.inc"
      >();
}

void UDMLDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "CoreAI/UDMLTypes.cpp.inc"
      >();
}

Attribute UDMLDialect::parseAttribute(DialectAsmParser &parser,
                                      Type type) const {
  StringRef spec = parser.getFullSymbolSpec();
  StringRef mnemonic;
  Attribute attr;
  OptionalParseResult result =
      generatedAttributeParser(parser, &mnemonic, type, attr);
  if (result.has_value())
    return succeeded(*result) ? attr : Attribute();
  return VerbatimAttr::get(getContext(), spec,
                           type ? type : NoneType::get(getContext()));
}

void UDMLDialect::printAttribute(Attribute attr,
                                 DialectAsmPrinter &printer) const {
  if (auto verbatim = llvm::dyn_cast<VerbatimAttr>(attr)) {
    printer << verbatim.getSpec();
    return;
  }
  (void)generatedAttributePrinter(attr, printer);
}

Type UDMLDialect::parseType(DialectAsmParser &parser) const {
  StringRef spec = parser.getFullSymbolSpec();
  StringRef mnemonic;
  Type type;
  OptionalParseResult result = generatedTypeParser(parser, &mnemonic, type);
  if (result.has_value())
    return succeeded(*result) ? type : Type();
  return VerbatimType::get(getContext(), spec);
}

void UDMLDialect::printType(Type type, DialectAsmPrinter &printer) const {
  if (auto verbatim = llvm::dyn_cast<VerbatimType>(type)) {
    printer << verbatim.getSpec();
    return;
  }
  (void)generatedTypePrinter(type, printer);
}

//===----------------------------------------------------------------------===//
// Ops. Namespaces, classes and functions print their nested udml ops without
// the `udml.` prefix.
//===----------------------------------------------------------------------===//

StringRef NamespaceOp::getDefaultDialect() { return "udml"; }
StringRef ClassOp::getDefaultDialect() { return "udml"; }
StringRef FuncOp::getDefaultDialect() { return "udml"; }

/// `@name<params> attributes {...} {body}` of namespaces and classes.
static ParseResult parseSymbolWithBody(OpAsmParser &parser,
                                       OperationState &result,
                                       StringAttr paramDeclsName) {
  StringAttr name;
  param::ParamDeclArrayAttr decls;
  if (parser.parseSymbolName(name, SymbolTable::getSymbolAttrName(),
                             result.attributes) ||
      param::parseOptionalParamDecls(parser, decls) ||
      parser.parseOptionalAttrDictWithKeyword(result.attributes))
    return failure();
  result.addAttribute(paramDeclsName, decls);
  Region *body = result.addRegion();
  if (parser.parseRegion(*body))
    return failure();
  if (body->empty())
    body->emplaceBlock();
  return success();
}

static void printSymbolWithBody(OpAsmPrinter &p, Operation *op,
                                StringAttr symName,
                                param::ParamDeclArrayAttr decls,
                                ArrayRef<StringRef> elided, Region &body) {
  p << ' ';
  p.printSymbolName(symName.getValue());
  param::printParamDecls(p, decls);
  p.printOptionalAttrDictWithKeyword(op->getAttrs(), elided);
  p << ' ';
  p.printRegion(body, /*printEntryBlockArgs=*/false,
                /*printBlockTerminators=*/false);
}

ParseResult NamespaceOp::parse(OpAsmParser &parser, OperationState &result) {
  return parseSymbolWithBody(parser, result,
                             getParamDeclsAttrName(result.name));
}

void NamespaceOp::print(OpAsmPrinter &p) {
  printSymbolWithBody(p, *this, getSymNameAttr(), getParamDecls(),
                      {getSymNameAttrName(), getParamDeclsAttrName()},
                      getBodyRegion());
}

ParseResult ClassOp::parse(OpAsmParser &parser, OperationState &result) {
  return parseSymbolWithBody(parser, result,
                             getParamDeclsAttrName(result.name));
}

void ClassOp::print(OpAsmPrinter &p) {
  printSymbolWithBody(p, *this, getSymNameAttr(), getParamDecls(),
                      {getSymNameAttrName(), getParamDeclsAttrName()},
                      getBodyRegion());
}

ParseResult FuncOp::parse(OpAsmParser &parser, OperationState &result) {
  Builder &builder = parser.getBuilder();
  // `extern_c` and `noinline`, in any order, before the name.
  for (;;) {
    if (succeeded(parser.parseOptionalKeyword("extern_c"))) {
      result.addAttribute(getExternCAttrName(result.name), builder.getUnitAttr());
      continue;
    }
    if (succeeded(parser.parseOptionalKeyword("noinline"))) {
      result.addAttribute(getNoInlineAttrName(result.name),
                          builder.getUnitAttr());
      continue;
    }
    break;
  }
  StringAttr name;
  param::ParamDeclArrayAttr decls;
  if (parser.parseSymbolName(name, SymbolTable::getSymbolAttrName(),
                             result.attributes) ||
      param::parseOptionalParamDecls(parser, decls))
    return failure();
  result.addAttribute(getParamDeclsAttrName(result.name), decls);
  SmallVector<OpAsmParser::Argument> arguments;
  SmallVector<DictionaryAttr> resultAttrs;
  SmallVector<Type> resultTypes;
  bool isVariadic = false;
  if (function_interface_impl::parseFunctionSignatureWithArguments(
          parser, /*allowVariadic=*/false, arguments, isVariadic, resultTypes,
          resultAttrs))
    return failure();
  SmallVector<Type> argTypes;
  for (auto &arg : arguments)
    argTypes.push_back(arg.type);
  result.addAttribute(getFunctionTypeAttrName(result.name),
                      TypeAttr::get(builder.getFunctionType(argTypes, resultTypes)));
  if (parser.parseOptionalAttrDictWithKeyword(result.attributes))
    return failure();
  call_interface_impl::addArgAndResultAttrs(
      builder, result, arguments, resultAttrs, getArgAttrsAttrName(result.name),
      getResAttrsAttrName(result.name));
  Region *body = result.addRegion();
  OptionalParseResult parsed = parser.parseOptionalRegion(
      *body, arguments, /*enableNameShadowing=*/false);
  if (parsed.has_value() && failed(*parsed))
    return failure();
  return success();
}

void FuncOp::print(OpAsmPrinter &p) {
  if (getExternC())
    p << " extern_c";
  if (getNoInline())
    p << " noinline";
  p << ' ';
  p.printSymbolName(getSymName());
  param::printParamDecls(p, getParamDecls());
  function_interface_impl::printFunctionSignature(
      p, *this, getArgumentTypes(), /*isVariadic=*/false, getResultTypes());
  SmallVector<StringRef> elided = {
      getSymNameAttrName(),  getFunctionTypeAttrName(), getArgAttrsAttrName(),
      getResAttrsAttrName(), getExternCAttrName(),      getNoInlineAttrName(),
      getParamDeclsAttrName()};
  // The default lifecycle phase is not printed.
  if (getLifecyclePhases() == LifecyclePhase::stateless)
    elided.push_back(getLifecyclePhasesAttrName());
  p.printOptionalAttrDictWithKeyword((*this)->getAttrs(), elided);
  // coreai-core prints this space for declarations (no body) too.
  p << ' ';
  if (!getBody().empty())
    p.printRegion(getBody(), /*printEntryBlockArgs=*/false,
                  /*printBlockTerminators=*/true);
}

ParseResult CallOp::parse(OpAsmParser &parser, OperationState &result) {
  return parseCall<CallOp>(parser, result);
}

void CallOp::print(OpAsmPrinter &p) { printCall(*this, p); }
