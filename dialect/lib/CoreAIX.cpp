//===- CoreAIX.cpp - the coreaix dialect ----------------------------------===//
//
// Registration of Core AI's `coreaix` dialect, the dimension lists of its
// encodings and their verification against the encoded tensor.
//
//===----------------------------------------------------------------------===//

#include "CoreAI/CoreAIX.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::coreaix;

#include "CoreAI/CoreAIXDialect.cpp.inc"
#include "CoreAI/CoreAIXEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "CoreAI/CoreAIXAttrs.cpp.inc"
#define GET_OP_CLASSES
#include "CoreAI/CoreAIXOps.cpp.inc"

void CoreAIXDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "CoreAI/CoreAIXAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "CoreAI/CoreAIXOps.cpp.inc"
      >();
}

/// `[1x64]`, `[?x64]` or `[]`: the dimension lists of the encodings.
static ParseResult parseDims(AsmParser &parser, SmallVectorImpl<int64_t> &dims) {
  if (parser.parseLSquare())
    return failure();
  if (succeeded(parser.parseOptionalRSquare()))
    return success();
  if (parser.parseDimensionList(dims, /*allowDynamic=*/true,
                                /*withTrailingX=*/false))
    return failure();
  return parser.parseRSquare();
}

static void printDims(AsmPrinter &printer, ArrayRef<int64_t> dims) {
  printer << '[';
  printer.printDimensionList(dims);
  printer << ']';
}

/// `name: [dims]`.
static ParseResult parseNamedDims(AsmParser &parser, StringRef name,
                                  SmallVectorImpl<int64_t> &dims) {
  if (parser.parseKeyword(name) || parser.parseColon())
    return failure();
  return parseDims(parser, dims);
}

template <typename Enum>
static FailureOr<Enum> parseBacking(AsmParser &parser,
                                    std::optional<Enum> (*symbolize)(StringRef),
                                    StringRef expected, StringRef what) {
  SMLoc loc = parser.getCurrentLocation();
  StringRef keyword;
  if (parser.parseKeyword(&keyword))
    return failure();
  if (std::optional<Enum> value = symbolize(keyword))
    return *value;
  return parser.emitError(loc) << "expected one of [" << expected << "] for "
                               << what << ", got: " << keyword;
}

Attribute HardwareConstraintsAttr::parse(AsmParser &parser, Type) {
  SmallVector<int64_t> alignments, interleave;
  Attribute base;
  if (parser.parseLess())
    return {};
  FailureOr<AllocationType> backing = parseBacking<AllocationType>(
      parser, symbolizeAllocationType, "IOSurface, MTLBuffer, Heap",
      "An enum corresponding to the backing type to be used for allocations.");
  if (failed(backing) || parser.parseComma() ||
      parseNamedDims(parser, "alignments", alignments) || parser.parseComma() ||
      parseNamedDims(parser, "interleave", interleave))
    return {};
  if (succeeded(parser.parseOptionalComma()))
    if (parser.parseKeyword("baseEncoding") || parser.parseColon() ||
        parser.parseAttribute(base))
      return {};
  if (parser.parseGreater())
    return {};
  return HardwareConstraintsAttr::get(parser.getContext(), *backing, alignments,
                                      interleave, base);
}

void HardwareConstraintsAttr::print(AsmPrinter &printer) const {
  printer << '<' << stringifyAllocationType(getBacking()) << ", alignments: ";
  printDims(printer, getAlignments());
  printer << ", interleave: ";
  printDims(printer, getInterleave());
  if (getBaseEncoding())
    printer << ", baseEncoding: " << getBaseEncoding();
  printer << '>';
}

Attribute ImageConstraintsAttr::parse(AsmParser &parser, Type) {
  SmallVector<int64_t> rows;
  if (parser.parseLess())
    return {};
  FailureOr<ImageContainerType> backing = parseBacking<ImageContainerType>(
      parser, symbolizeImageContainerType, "CVPixelBuffer, MTLTexture",
      "An enum corresponding to the backing type to be used for allocations "
      "of image types.");
  if (failed(backing) || parser.parseComma() ||
      parseNamedDims(parser, "rowAlignmentsPerPlane", rows) ||
      parser.parseGreater())
    return {};
  return ImageConstraintsAttr::get(parser.getContext(), *backing, rows);
}

void ImageConstraintsAttr::print(AsmPrinter &printer) const {
  printer << '<' << stringifyImageContainerType(getBacking())
          << ", rowAlignmentsPerPlane: ";
  printDims(printer, getRowAlignmentsPerPlane());
  printer << '>';
}

LogicalResult HardwareConstraintsAttr::verifyEncoding(
    ArrayRef<int64_t> shape, Type,
    function_ref<InFlightDiagnostic()> emitError) const {
  if (getAlignments().size() != shape.size() + 1)
    return emitError() << "expected alignments to have (rank + 1) elements";
  if (getInterleave().size() != shape.size())
    return emitError() << "expected interleave to have (rank) elements";
  return success();
}
