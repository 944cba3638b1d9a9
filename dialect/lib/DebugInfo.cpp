//===- DebugInfo.cpp - the debuginfo dialect ------------------------------===//
//
// Registration of Core AI's `debuginfo` dialect. Its attributes and types
// use their ODS assembly formats; the two location attributes are
// `LocationAttr`s, so `loc(#debuginfo.location<...>)` parses.
//
//===----------------------------------------------------------------------===//

#include "CoreAI/DebugInfo.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::debuginfo;

#include "CoreAI/DebugInfoDialect.cpp.inc"
#include "CoreAI/DebugInfoEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "CoreAI/DebugInfoAttrs.cpp.inc"
#define GET_TYPEDEF_CLASSES
#include "CoreAI/DebugInfoTypes.cpp.inc"
#define GET_OP_CLASSES
#include "CoreAI/DebugInfoOps.cpp.inc"

void DebugInfoDialect::initialize() {
  registerAttributes();
  registerTypes();
  addOperations<
#define GET_OP_LIST
#include "CoreAI/DebugInfoOps.cpp.inc"
      >();
}

void DebugInfoDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "CoreAI/DebugInfoAttrs.cpp.inc"
      >();
}

void DebugInfoDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "CoreAI/DebugInfoTypes.cpp.inc"
      >();
}

Attribute MetadataAttr::parse(AsmParser &parser, Type) {
  std::string name;
  Attribute data;
  if (parser.parseLess() || parser.parseString(&name) || parser.parseColon() ||
      parser.parseAttribute(data) || parser.parseGreater())
    return {};
  return MetadataAttr::get(parser.getContext(), name, data);
}

void MetadataAttr::print(AsmPrinter &printer) const {
  printer << '<';
  printer.printString(getName());
  printer << ": ";
  printer.printAttribute(getData());
  printer << '>';
}
