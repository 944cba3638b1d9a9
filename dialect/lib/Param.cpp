//===- Param.cpp - the param dialect --------------------------------------===//
//
// Registration and textual forms of Core AI's `param` dialect: parameter
// declarations and references, symbol constants with optional type
// bindings, and the verbatim fallback for unknown mnemonics.
//
//===----------------------------------------------------------------------===//

#include "CoreAI/Param.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::param;

#include "CoreAI/ParamDialect.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "CoreAI/ParamTypes.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "CoreAI/ParamAttrs.cpp.inc"

void ParamDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "CoreAI/ParamAttrs.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "CoreAI/ParamTypes.cpp.inc"
      >();
}

/// The mnemonic at the start of a dialect symbol's body (`decl.array` of
/// `decl.array<[]>`).
static StringRef mnemonicOf(StringRef spec) {
  return spec.take_until([](char c) { return c == '<' || c == ' '; });
}

static Type noneIfNull(MLIRContext *ctx, Type type) {
  return type ? type : NoneType::get(ctx);
}

Attribute ParamDialect::parseAttribute(DialectAsmParser &parser,
                                       Type type) const {
  StringRef spec = parser.getFullSymbolSpec();
  StringRef mnemonic = mnemonicOf(spec);
  if (mnemonic == "decl" || mnemonic == "decl.array" || mnemonic == "ref" ||
      mnemonic == "constant" || mnemonic == "bind") {
    StringRef keyword;
    if (parser.parseKeyword(&keyword))
      return {};
    if (keyword == "decl")
      return ParamDeclAttr::parse(parser, type);
    if (keyword == "decl.array")
      return ParamDeclArrayAttr::parse(parser, type);
    if (keyword == "ref")
      return ParamRefAttr::parse(parser, type);
    // `constant<@f>` is `bind<@f, []>`.
    if (keyword == "constant") {
      SymbolRefAttr symbol;
      if (parser.parseLess() || parser.parseAttribute(symbol) ||
          parser.parseGreater())
        return {};
      return ParamBindAttr::get(getContext(), symbol, {},
                                noneIfNull(getContext(), type));
    }
    return ParamBindAttr::parse(parser, type);
  }
  return VerbatimAttr::get(getContext(), spec, noneIfNull(getContext(), type));
}

void ParamDialect::printAttribute(Attribute attr,
                                  DialectAsmPrinter &printer) const {
  llvm::TypeSwitch<Attribute>(attr)
      .Case([&](ParamDeclAttr a) {
        printer << "decl";
        a.print(printer);
      })
      .Case([&](ParamDeclArrayAttr a) {
        printer << "decl.array";
        a.print(printer);
      })
      .Case([&](ParamRefAttr a) {
        printer << "ref";
        a.print(printer);
      })
      .Case([&](ParamBindAttr a) {
        printer << (a.getBindings().empty() ? "constant" : "bind");
        a.print(printer);
      })
      .Case([&](VerbatimAttr a) { printer << a.getSpec(); });
}

Type ParamDialect::parseType(DialectAsmParser &parser) const {
  StringRef spec = parser.getFullSymbolSpec();
  StringRef mnemonic = mnemonicOf(spec);
  if (mnemonic == "symbol" || mnemonic == "type" || mnemonic == "param_ref") {
    StringRef keyword;
    Type type;
    OptionalParseResult result = generatedTypeParser(parser, &keyword, type);
    if (result.has_value())
      return succeeded(*result) ? type : Type();
  }
  return VerbatimType::get(getContext(), spec);
}

void ParamDialect::printType(Type type, DialectAsmPrinter &printer) const {
  if (auto verbatim = llvm::dyn_cast<VerbatimType>(type)) {
    printer << verbatim.getSpec();
    return;
  }
  (void)generatedTypePrinter(type, printer);
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

Attribute ParamDeclAttr::parseBody(AsmParser &parser) {
  std::string name;
  Type type;
  if (parser.parseLess() || parser.parseKeywordOrString(&name) ||
      parser.parseColonType(type) || parser.parseGreater())
    return {};
  return ParamDeclAttr::get(parser.getContext(), name, type);
}

void ParamDeclAttr::printBody(AsmPrinter &printer) const {
  printer << '<';
  printer.printKeywordOrString(getName());
  printer << ": " << getType() << '>';
}

Attribute ParamDeclAttr::parse(AsmParser &parser, Type) {
  return parseBody(parser);
}

void ParamDeclAttr::print(AsmPrinter &printer) const { printBody(printer); }

Attribute ParamDeclArrayAttr::parse(AsmParser &parser, Type) {
  SmallVector<ParamDeclAttr> decls;
  if (parser.parseLess() ||
      parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&] {
        auto decl = llvm::dyn_cast_or_null<ParamDeclAttr>(
            ParamDeclAttr::parseBody(parser));
        if (!decl)
          return failure();
        decls.push_back(decl);
        return success();
      }) ||
      parser.parseGreater())
    return {};
  return ParamDeclArrayAttr::get(parser.getContext(), decls);
}

void ParamDeclArrayAttr::print(AsmPrinter &printer) const {
  printer << "<[";
  llvm::interleaveComma(getValue(), printer,
                        [&](ParamDeclAttr decl) { decl.printBody(printer); });
  printer << "]>";
}

Attribute ParamRefAttr::parse(AsmParser &parser, Type type) {
  std::string name;
  if (parser.parseLess() || parser.parseKeywordOrString(&name) ||
      parser.parseGreater())
    return {};
  return ParamRefAttr::get(parser.getContext(), name,
                           noneIfNull(parser.getContext(), type));
}

void ParamRefAttr::print(AsmPrinter &printer) const {
  printer << '<';
  printer.printKeywordOrString(getName());
  printer << '>';
}

Attribute ParamBindAttr::parse(AsmParser &parser, Type type) {
  SymbolRefAttr symbol;
  SmallVector<Type> bindings;
  if (parser.parseLess() || parser.parseAttribute(symbol) ||
      parser.parseComma() ||
      parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&] {
        return parser.parseType(bindings.emplace_back());
      }) ||
      parser.parseGreater())
    return {};
  return ParamBindAttr::get(parser.getContext(), symbol, bindings,
                            noneIfNull(parser.getContext(), type));
}

void ParamBindAttr::print(AsmPrinter &printer) const {
  printer << '<' << getSymbol();
  if (!getBindings().empty()) {
    printer << ", [";
    llvm::interleaveComma(getBindings(), printer);
    printer << ']';
  }
  printer << '>';
}

//===----------------------------------------------------------------------===//
// Parameter lists after symbol names
//===----------------------------------------------------------------------===//

ParseResult mlir::param::parseOptionalParamDecls(AsmParser &parser,
                                                 ParamDeclArrayAttr &decls) {
  SmallVector<ParamDeclAttr> list;
  if (failed(parser.parseOptionalLess())) {
    decls = ParamDeclArrayAttr::get(parser.getContext(), list);
    return success();
  }
  if (parser.parseCommaSeparatedList([&]() -> ParseResult {
        std::string name;
        Type type;
        if (parser.parseKeywordOrString(&name) || parser.parseColonType(type))
          return failure();
        list.push_back(ParamDeclAttr::get(parser.getContext(), name, type));
        return success();
      }) ||
      parser.parseGreater())
    return failure();
  decls = ParamDeclArrayAttr::get(parser.getContext(), list);
  return success();
}

void mlir::param::printParamDecls(AsmPrinter &printer,
                                  ParamDeclArrayAttr decls) {
  if (!decls || decls.getValue().empty())
    return;
  printer << '<';
  llvm::interleaveComma(decls.getValue(), printer, [&](ParamDeclAttr decl) {
    printer.printKeywordOrString(decl.getName());
    printer << ": " << decl.getType();
  });
  printer << '>';
}
