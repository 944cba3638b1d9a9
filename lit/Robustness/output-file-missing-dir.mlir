// When the directory of `-o FILE` does not exist, the error names FILE (coreai-opt writes
// -o through a temporary file only where it can create one).

// RUN: rm -rf %t && mkdir %t
// RUN: not coreai-opt %s -o %t/missing/out.mlir 2>&1 | FileCheck %s -DDIR=%t --implicit-check-not=.tmp
// CHECK: cannot open output file '[[DIR]]/missing/out.mlir'

coreai.graph @main() -> () {
  coreai.output
}
