//===- CoreAIDialect.cpp - coreai and param dialects ----------------------===//
//
// Dialect registration, the attribute/type parsers and printers (the sparse
// encoding, plus a verbatim fallback for every Core AI attribute and type that
// is not modelled), and constant materialisation.
//
//===----------------------------------------------------------------------===//

#include "CoreAI/CoreAIDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::coreai;

#include "CoreAI/CoreAIDialect.cpp.inc"
#include "CoreAI/ParamDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "CoreAI/CoreAIAttrs.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "CoreAI/ParamAttrs.cpp.inc"
#define GET_TYPEDEF_CLASSES
#include "CoreAI/CoreAITypes.cpp.inc"
#define GET_TYPEDEF_CLASSES
#include "CoreAI/ParamTypes.cpp.inc"

//===----------------------------------------------------------------------===//
// coreai
//===----------------------------------------------------------------------===//

void CoreAIDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "CoreAI/CoreAIOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "CoreAI/CoreAIAttrs.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "CoreAI/CoreAITypes.cpp.inc"
      >();
  // Core AI has about 140 ops; the ones not modelled here round-trip in
  // generic form.
  allowUnknownOperations();
  allowUnknownTypes();
}

Attribute CoreAIDialect::parseAttribute(DialectAsmParser &parser,
                                        Type type) const {
  // The full text after `#coreai.`; kept verbatim when not modelled. The
  // parser resets its lexer past the whole symbol after this returns.
  StringRef spec = parser.getFullSymbolSpec();
  if (spec.starts_with("sparse_tensor_encoding<")) {
    StringRef mnemonic;
    Attribute attr;
    OptionalParseResult result =
        generatedAttributeParser(parser, &mnemonic, type, attr);
    if (result.has_value())
      return succeeded(*result) ? attr : Attribute();
  }
  return VerbatimAttr::get(getContext(), spec,
                           type ? type : NoneType::get(getContext()));
}

void CoreAIDialect::printAttribute(Attribute attr,
                                   DialectAsmPrinter &printer) const {
  if (auto verbatim = llvm::dyn_cast<VerbatimAttr>(attr)) {
    printer << verbatim.getSpec();
    return;
  }
  (void)generatedAttributePrinter(attr, printer);
}

Type CoreAIDialect::parseType(DialectAsmParser &parser) const {
  return VerbatimType::get(getContext(), parser.getFullSymbolSpec());
}

void CoreAIDialect::printType(Type type, DialectAsmPrinter &printer) const {
  if (auto verbatim = llvm::dyn_cast<VerbatimType>(type))
    printer << verbatim.getSpec();
}

Operation *CoreAIDialect::materializeConstant(OpBuilder &builder,
                                              Attribute value, Type type,
                                              Location loc) {
  if (!llvm::isa<DenseElementsAttr, DenseResourceElementsAttr>(value))
    return nullptr;
  auto elements = llvm::cast<ElementsAttr>(value);
  if (elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, type, elements);
}

static constexpr llvm::StringLiteral kSparseSchemes[] = {"bitmask", "coo", "csr",
                                                        "csc", "bsr"};

Attribute SparseTensorEncodingAttr::parse(AsmParser &parser, Type) {
  StringRef scheme;
  std::optional<uint64_t> numNonZero;
  uint32_t posWidth = 0, crdWidth = 0;
  SmallVector<int64_t> blockSize;
  if (parser.parseLess() || parser.parseKeyword(&scheme) || parser.parseComma())
    return {};
  if (succeeded(parser.parseOptionalKeyword("numNonZero"))) {
    int64_t n = 0;
    SMLoc loc = parser.getCurrentLocation();
    if (parser.parseEqual() || parser.parseInteger(n) || parser.parseComma())
      return {};
    if (n < 0) {
      parser.emitError(loc) << "numNonZero must be non-negative, got " << n;
      return {};
    }
    numNonZero = static_cast<uint64_t>(n);
  }
  if (parser.parseKeyword("posWidth") || parser.parseEqual() ||
      parser.parseInteger(posWidth) || parser.parseComma() ||
      parser.parseKeyword("crdWidth") || parser.parseEqual() ||
      parser.parseInteger(crdWidth))
    return {};
  if (succeeded(parser.parseOptionalComma())) {
    if (parser.parseKeyword("blockSize") || parser.parseEqual() ||
        parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&] {
          return parser.parseInteger(blockSize.emplace_back());
        }))
      return {};
  }
  if (parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(parser.getNameLoc()); },
                    parser.getContext(), scheme, numNonZero, posWidth,
                    crdWidth, blockSize);
}

void SparseTensorEncodingAttr::print(AsmPrinter &printer) const {
  printer << "<" << getScheme() << ", ";
  if (getNumNonZero())
    printer << "numNonZero = " << *getNumNonZero() << ", ";
  printer << "posWidth = " << getPosWidth() << ", crdWidth = " << getCrdWidth();
  if (!getBlockSize().empty()) {
    printer << ", blockSize = [";
    llvm::interleaveComma(getBlockSize(), printer);
    printer << "]";
  }
  printer << ">";
}

LogicalResult SparseTensorEncodingAttr::verifyEncoding(
    ArrayRef<int64_t> shape, Type elementType,
    function_ref<InFlightDiagnostic()> emitError) const {
  if (!getNumNonZero())
    return success();
  uint64_t elements = 1;
  for (int64_t d : shape) {
    if (ShapedType::isDynamic(d))
      return success();
    elements *= static_cast<uint64_t>(d);
  }
  if (*getNumNonZero() > elements)
    return emitError() << "numNonZero = " << *getNumNonZero()
                       << " exceeds the " << elements
                       << " elements of the sparse tensor";
  return success();
}

LogicalResult SparseTensorEncodingAttr::verify(
    function_ref<InFlightDiagnostic()> emitError, StringRef scheme,
    std::optional<uint64_t> numNonZero, uint32_t posWidth, uint32_t crdWidth,
    ArrayRef<int64_t> blockSize) {
  if (!llvm::is_contained(kSparseSchemes, scheme))
    return emitError() << "invalid compression scheme '" << scheme
                       << "'; expected bitmask, coo, csr, csc or bsr";
  auto validWidth = [](uint32_t w) {
    return llvm::is_contained({1u, 2u, 3u, 4u, 6u, 8u, 16u, 32u, 64u}, w);
  };
  if (!validWidth(posWidth))
    return emitError() << "posWidth must be 1, 2, 3, 4, 6, 8, 16, 32, or 64, got "
                       << posWidth;
  if (!validWidth(crdWidth))
    return emitError() << "crdWidth must be 1, 2, 3, 4, 6, 8, 16, 32, or 64, got "
                       << crdWidth;
  if (scheme == "bitmask" && (posWidth != 1 || crdWidth != 1))
    return emitError() << "the bitmask scheme requires posWidth = 1 and "
                          "crdWidth = 1, got "
                       << posWidth << " and " << crdWidth;
  if (scheme == "bsr") {
    if (blockSize.size() != 2)
      return emitError() << "bsr requires a 2-D blockSize, got "
                         << blockSize.size() << " dims";
  } else if (!blockSize.empty()) {
    return emitError() << "blockSize is only allowed with the bsr scheme";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// param
//===----------------------------------------------------------------------===//

void param::ParamDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "CoreAI/ParamAttrs.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "CoreAI/ParamTypes.cpp.inc"
      >();
}

Attribute param::ParamDialect::parseAttribute(DialectAsmParser &parser,
                                              Type type) const {
  return param::VerbatimAttr::get(getContext(), parser.getFullSymbolSpec(),
                                  type ? type : NoneType::get(getContext()));
}

void param::ParamDialect::printAttribute(Attribute attr,
                                         DialectAsmPrinter &printer) const {
  if (auto verbatim = llvm::dyn_cast<param::VerbatimAttr>(attr))
    printer << verbatim.getSpec();
}

Type param::ParamDialect::parseType(DialectAsmParser &parser) const {
  return param::VerbatimType::get(getContext(), parser.getFullSymbolSpec());
}

void param::ParamDialect::printType(Type type,
                                    DialectAsmPrinter &printer) const {
  if (auto verbatim = llvm::dyn_cast<param::VerbatimType>(type))
    printer << verbatim.getSpec();
}
