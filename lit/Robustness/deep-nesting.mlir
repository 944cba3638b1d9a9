// A dense literal nested 20000 brackets deep overflows the default stack in MLIR's
// recursive-descent parser (upstream mlir-opt 22 crashes); coreai-opt parses on a thread
// with a 1 GB stack, so the input gets a parse error instead of a crash.

// RUN: python3 -c "n = 20000; print('coreai.graph @main() -> () {\n  %%0 = coreai.constant dense<' + '[' * n + '1.0' + ']' * n + '> : tensor<1xf16>\n  coreai.output\n}')" > %t.mlir
// RUN: not coreai-opt %t.mlir --coreai-quantize 2>&1 | FileCheck %s --implicit-check-not="Stack dump"
// CHECK: error:
