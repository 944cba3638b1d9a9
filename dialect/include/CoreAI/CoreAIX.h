//===- CoreAIX.h - the coreaix dialect --------------------------*- C++ -*-===//
//
// Declarations of Core AI's `coreaix` dialect, generated from CoreAIX.td.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_COREAIX_H
#define COREAI_COREAIX_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TensorEncoding.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "CoreAI/CoreAIXDialect.h.inc"
#include "CoreAI/CoreAIXEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "CoreAI/CoreAIXAttrs.h.inc"
#define GET_OP_CLASSES
#include "CoreAI/CoreAIXOps.h.inc"

#endif // COREAI_COREAIX_H
