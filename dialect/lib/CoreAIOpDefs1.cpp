//===- CoreAIOpDefs1.cpp - coreai op definitions, shard 1 ----------------===//
//
// One of the translation units the generated coreai op definitions are split
// over (mlir-tblgen -op-shard-count = the number of CoreAIOpDefs<n>.cpp
// files, counted by build.rs), so that they compile in parallel and a change
// recompiles smaller files. Hand-written op code is in CoreAIOps.cpp.
//
//===----------------------------------------------------------------------===//

#include "CoreAI/CoreAIDialect.h"

#define GET_OP_DEFS_1
#include "CoreAI/CoreAIOps.cpp.inc"
