// Weights whose shape is absurdly large for their tiny text (splats of 2^64 or 10^12
// elements) are skipped with a warning at the constant, and --coreai-decompress reports a
// chain it cannot materialise, instead of overflowing or aborting on allocation.

// RUN: coreai-opt %S/Inputs/huge-overflow.mlir --coreai-quantize 2>&1 | FileCheck %s --check-prefix=OVERFLOW --implicit-check-not="internal error" --implicit-check-not=panicked
// RUN: coreai-opt %S/Inputs/huge-overflow.mlir --coreai-palettize=lut-dtype=none 2>&1 | FileCheck %s --check-prefix=OVERFLOW --implicit-check-not="internal error" --implicit-check-not=panicked
// RUN: coreai-opt %S/Inputs/huge-overflow.mlir --coreai-sparsify 2>&1 | FileCheck %s --check-prefix=OVERFLOW --implicit-check-not="internal error" --implicit-check-not=panicked
// OVERFLOW: huge-overflow.mlir:3:8: warning: Failed to {{quantize|palettize|sparsify}} op:

// RUN: coreai-opt %S/Inputs/huge-splat.mlir --coreai-quantize 2>&1 | FileCheck %s --check-prefix=SPLAT --implicit-check-not="memory allocation" --implicit-check-not="Stack dump"
// RUN: coreai-opt %S/Inputs/huge-splat.mlir --coreai-palettize=lut-dtype=none 2>&1 | FileCheck %s --check-prefix=SPLAT --implicit-check-not="memory allocation" --implicit-check-not="Stack dump"
// RUN: coreai-opt %S/Inputs/huge-splat.mlir --coreai-sparsify 2>&1 | FileCheck %s --check-prefix=SPLAT --implicit-check-not="memory allocation" --implicit-check-not="Stack dump"
// SPLAT: huge-splat.mlir:3:8: warning: Failed to {{quantize|palettize|sparsify}} op:

// RUN: not coreai-opt %S/Inputs/huge-chain.mlir --coreai-decompress 2>&1 | FileCheck %s --check-prefix=CHAIN --implicit-check-not="memory allocation" --implicit-check-not="Stack dump"
// CHAIN: huge-chain.mlir:6:8: {{error|warning}}:
