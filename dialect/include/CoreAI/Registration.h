//===- Registration.h - registering the Core AI dialects --------*- C++ -*-===//
//
// One entry point that inserts every dialect Core AI programs use into a
// registry, without pulling the op declarations into the caller.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_REGISTRATION_H
#define COREAI_REGISTRATION_H

#include "mlir/IR/DialectRegistry.h"

namespace mlir::coreai {
/// Inserts coreai, param, debuginfo, udml and coreaix into `registry`.
void registerCoreAIDialects(DialectRegistry &registry);
} // namespace mlir::coreai

#endif // COREAI_REGISTRATION_H
