//===- CoreAIDialect.h - coreai dialect -------------------------*- C++ -*-===//
//
// Declarations of the coreai and param dialects, their attributes, types and
// ops, all generated from the ODS in this directory.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_COREAIDIALECT_H
#define COREAI_COREAIDIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/IR/TensorEncoding.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "CoreAI/CoreAIDialect.h.inc"
#include "CoreAI/ParamDialect.h.inc"

#define GET_ATTRDEF_CLASSES
#include "CoreAI/CoreAIAttrs.h.inc"
#define GET_ATTRDEF_CLASSES
#include "CoreAI/ParamAttrs.h.inc"
#define GET_TYPEDEF_CLASSES
#include "CoreAI/CoreAITypes.h.inc"
#define GET_TYPEDEF_CLASSES
#include "CoreAI/ParamTypes.h.inc"

#define GET_OP_CLASSES
#include "CoreAI/CoreAIOps.h.inc"

#endif // COREAI_COREAIDIALECT_H
