//===- DebugInfo.h - the debuginfo dialect ----------------------*- C++ -*-===//
//
// Declarations of Core AI's `debuginfo` dialect, generated from
// DebugInfo.td.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_DEBUGINFO_H
#define COREAI_DEBUGINFO_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/BinaryFormat/Dwarf.h"

#include "CoreAI/DebugInfoDialect.h.inc"
#include "CoreAI/DebugInfoEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "CoreAI/DebugInfoAttrs.h.inc"
#define GET_TYPEDEF_CLASSES
#include "CoreAI/DebugInfoTypes.h.inc"
#define GET_OP_CLASSES
#include "CoreAI/DebugInfoOps.h.inc"

#endif // COREAI_DEBUGINFO_H
