//===- Param.h - the param dialect ------------------------------*- C++ -*-===//
//
// Declarations of Core AI's `param` dialect, its attributes and types,
// generated from ParamDialect.td.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_PARAM_H
#define COREAI_PARAM_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpImplementation.h"

#include "CoreAI/ParamDialect.h.inc"

#define GET_TYPEDEF_CLASSES
#include "CoreAI/ParamTypes.h.inc"
#define GET_ATTRDEF_CLASSES
#include "CoreAI/ParamAttrs.h.inc"

namespace mlir::param {
/// The parameter list of a graph, function, class or namespace, printed after
/// its symbol name: `<T: !param.type, n: si32>`, nothing when empty.
ParseResult parseOptionalParamDecls(AsmParser &parser,
                                    ParamDeclArrayAttr &decls);
void printParamDecls(AsmPrinter &printer, ParamDeclArrayAttr decls);
} // namespace mlir::param

#endif // COREAI_PARAM_H
