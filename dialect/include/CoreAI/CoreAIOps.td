//===- CoreAIOps.td - all coreai ops -----------------------*- tablegen -*-===//
//
// The 140 ops of coreai-core 1.0.0b3's `coreai` dialect, one file per family
// (coreai-core's own grouping). Operand, attribute and region names and the
// custom syntax follow `coreai/_compiler/dialects/_coreai_ops_gen.py` and
// the text coreai-core prints (test/conformance/atlas/).
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_OPS
#define COREAI_OPS

include "CoreAI/CoreAIOpBase.td"
include "CoreAI/UDMLBase.td"
include "CoreAI/Ops/ElementwiseUnary.td"
include "CoreAI/Ops/ElementwiseBinary.td"
include "CoreAI/Ops/Decomposable.td"
include "CoreAI/Ops/Reduction.td"
include "CoreAI/Ops/DataMovement.td"
include "CoreAI/Ops/NN.td"
include "CoreAI/Ops/ConstantCompression.td"
include "CoreAI/Ops/ControlFlow.td"
include "CoreAI/Ops/Misc.td"

#endif // COREAI_OPS
