// RUN: coreai-opt --help | FileCheck %s
// The Rust passes are in MLIR's registry, next to the upstream ones.
// CHECK-DAG: --canonicalize
// CHECK-DAG: --coreai-decompress
// CHECK-DAG: --cse
// CHECK-DAG: --mlir-timing
// CHECK-DAG: --split-input-file
// CHECK-DAG: --emit-bytecode
