//===- CoreAIDialect.cpp - the coreai dialect -----------------------------===//
//
// Registration of the coreai dialect, the textual forms of its attributes
// and types that ODS cannot express (the sparse encoding, FourCC codes), the
// verbatim fallback for unknown mnemonics, and constant materialisation.
//
//===----------------------------------------------------------------------===//

#include "CoreAI/CoreAIDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::coreai;

#include "CoreAI/CoreAIDialect.cpp.inc"
#include "CoreAI/CoreAIEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "CoreAI/CoreAIAttrs.cpp.inc"
#define GET_TYPEDEF_CLASSES
#include "CoreAI/CoreAITypes.cpp.inc"

void CoreAIDialect::initialize() {
  registerAttributes();
  registerTypes();
  // The op definitions are split over several translation units
  // (CoreAIOpDefs<n>.cpp); this registers all of them.
  registerCoreAIDialectOperations(this);
}

void CoreAIDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "CoreAI/CoreAIAttrs.cpp.inc"
      >();
}

void CoreAIDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "CoreAI/CoreAITypes.cpp.inc"
      >();
}

Attribute CoreAIDialect::parseAttribute(DialectAsmParser &parser,
                                        Type type) const {
  // The full text after `#coreai.`, kept verbatim when the mnemonic is not
  // modelled (a newer Core AI). The parser resets its lexer past the whole
  // symbol after this returns, whatever was consumed.
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

void CoreAIDialect::printAttribute(Attribute attr,
                                   DialectAsmPrinter &printer) const {
  if (auto verbatim = llvm::dyn_cast<VerbatimAttr>(attr)) {
    printer << verbatim.getSpec();
    return;
  }
  (void)generatedAttributePrinter(attr, printer);
}

Type CoreAIDialect::parseType(DialectAsmParser &parser) const {
  StringRef spec = parser.getFullSymbolSpec();
  StringRef mnemonic;
  Type type;
  OptionalParseResult result = generatedTypeParser(parser, &mnemonic, type);
  if (result.has_value())
    return succeeded(*result) ? type : Type();
  return VerbatimType::get(getContext(), spec);
}

void CoreAIDialect::printType(Type type, DialectAsmPrinter &printer) const {
  if (auto verbatim = llvm::dyn_cast<VerbatimType>(type)) {
    printer << verbatim.getSpec();
    return;
  }
  (void)generatedTypePrinter(type, printer);
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

//===----------------------------------------------------------------------===//
// FourCCAttr
//===----------------------------------------------------------------------===//

namespace {
struct NamedFourCC {
  llvm::StringLiteral name;
  uint32_t value;
};
} // namespace

/// The pixel formats coreai-core names (CoreVideo codes).
static constexpr NamedFourCC kNamedFourCCs[] = {
    {"kUnknown", 0},
    {"k24RGB", 24},
    {"k32ARGB", 32},
    {"k32BGRA", 0x42475241},           // 'BGRA'
    {"k420YpCbCr8Planar", 0x79343230}, // 'y420'
};

Attribute FourCCAttr::parse(AsmParser &parser, Type) {
  if (parser.parseLess())
    return {};
  uint32_t value = 0;
  std::string text;
  SMLoc loc = parser.getCurrentLocation();
  OptionalParseResult integer = parser.parseOptionalInteger(value);
  if (integer.has_value()) {
    if (failed(*integer))
      return {};
  } else if (succeeded(parser.parseOptionalString(&text))) {
    if (text.size() != 4) {
      parser.emitError(loc, "a FourCC string has 4 characters, got \"")
          << text << "\"";
      return {};
    }
    for (char c : text)
      value = (value << 8) | static_cast<unsigned char>(c);
  } else {
    StringRef keyword;
    if (parser.parseKeyword(&keyword)) {
      parser.emitError(loc, "expected string, integer, or enum value for FourCC");
      return {};
    }
    const NamedFourCC *named =
        llvm::find_if(kNamedFourCCs, [&](const NamedFourCC &n) {
          return n.name == keyword;
        });
    if (named == std::end(kNamedFourCCs)) {
      parser.emitError(loc, "unknown FourCC '") << keyword << "'";
      return {};
    }
    value = named->value;
  }
  if (parser.parseGreater())
    return {};
  return FourCCAttr::get(parser.getContext(), value);
}

void FourCCAttr::print(AsmPrinter &printer) const {
  uint32_t value = getValue();
  printer << '<';
  const NamedFourCC *named = llvm::find_if(
      kNamedFourCCs, [&](const NamedFourCC &n) { return n.value == value; });
  if (named != std::end(kNamedFourCCs)) {
    printer << named->name;
  } else {
    std::string text;
    for (int shift = 24; shift >= 0; shift -= 8)
      text.push_back(static_cast<char>((value >> shift) & 0xff));
    if (llvm::all_of(text, [](char c) { return llvm::isPrint(c); }))
      printer << '"' << text << '"';
    else
      printer << value;
  }
  printer << '>';
}

//===----------------------------------------------------------------------===//
// ImageType
//===----------------------------------------------------------------------===//

LogicalResult ImageType::verify(function_ref<InFlightDiagnostic()> emitError,
                                FourCCAttr, TypedAttr height, TypedAttr width,
                                Attribute) {
  if (!height.getType().isIntOrIndex())
    return emitError() << "expected height to be an integer type, got "
                       << height.getType();
  if (!width.getType().isIntOrIndex())
    return emitError() << "expected width to be an integer type, got "
                       << width.getType();
  return success();
}

//===----------------------------------------------------------------------===//
// SparseTensorEncodingAttr
//===----------------------------------------------------------------------===//

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

