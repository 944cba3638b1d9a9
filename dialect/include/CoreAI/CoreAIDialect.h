//===- CoreAIDialect.h - coreai dialect -------------------------*- C++ -*-===//
//
// Declarations of the coreai dialect, its enums, attributes, types and ops,
// all generated from the ODS in this directory, plus the param and udml
// dialects they use.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_COREAIDIALECT_H
#define COREAI_COREAIDIALECT_H

#include "CoreAI/Param.h"
#include "CoreAI/UDML.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/IR/TensorEncoding.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "CoreAI/CoreAIDialect.h.inc"
#include "CoreAI/CoreAIEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "CoreAI/CoreAIAttrs.h.inc"
#define GET_TYPEDEF_CLASSES
#include "CoreAI/CoreAITypes.h.inc"

namespace mlir::coreai {
/// Whether `x @ y` is a batched matrix product of two ranked tensors: equal
/// ranks >= 2, equal (batch) leading dims, and x's last dim equal to y's
/// second last one (dynamic dims match anything).
bool isMatmulCompatible(Type x, Type y);
} // namespace mlir::coreai

#define GET_OP_CLASSES
#include "CoreAI/CoreAIOps.h.inc"

#endif // COREAI_COREAIDIALECT_H
