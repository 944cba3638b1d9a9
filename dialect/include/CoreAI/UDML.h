//===- UDML.h - the udml dialect --------------------------------*- C++ -*-===//
//
// Declarations of Core AI's `udml` dialect: enums, attributes, types and
// ops, generated from UDMLBase.td and UDMLOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_UDML_H
#define COREAI_UDML_H

#include "CoreAI/Param.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "CoreAI/UDMLDialect.h.inc"
#include "CoreAI/UDMLEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "CoreAI/UDMLAttrs.h.inc"
#define GET_TYPEDEF_CLASSES
#include "CoreAI/UDMLTypes.h.inc"

#define GET_OP_CLASSES
#include "CoreAI/UDMLOps.h.inc"

#endif // COREAI_UDML_H
