// A panic inside a pass (forced with COREAI_TEST_PANIC=<pass argument>) becomes an error
// diagnostic and a non-zero exit: it never unwinds into MLIR, aborts or dumps a stack, and
// no output is printed. The variable only affects the pass it names.

// RUN: env COREAI_TEST_PANIC=coreai-quantize not coreai-opt %s --coreai-quantize=weight-num-threshold=0 2>&1 | FileCheck %s -DPASS=coreai-quantize --implicit-check-not="Stack dump" --implicit-check-not="PLEASE submit"
// RUN: env COREAI_TEST_PANIC=coreai-palettize not coreai-opt %s --coreai-palettize="weight-num-threshold=0 lut-dtype=none" 2>&1 | FileCheck %s -DPASS=coreai-palettize --implicit-check-not="Stack dump" --implicit-check-not="PLEASE submit"
// RUN: env COREAI_TEST_PANIC=coreai-sparsify not coreai-opt %s --coreai-sparsify=weight-num-threshold=0 2>&1 | FileCheck %s -DPASS=coreai-sparsify --implicit-check-not="Stack dump" --implicit-check-not="PLEASE submit"
// RUN: env COREAI_TEST_PANIC=coreai-decompress not coreai-opt %s --coreai-decompress 2>&1 | FileCheck %s -DPASS=coreai-decompress --implicit-check-not="Stack dump" --implicit-check-not="PLEASE submit"
// CHECK: error: internal error in [[PASS]]: forced by COREAI_TEST_PANIC=[[PASS]]

// Through --pass-pipeline, as the second pass of a pipeline.
// RUN: env COREAI_TEST_PANIC=coreai-decompress not coreai-opt %s --pass-pipeline="builtin.module(coreai-quantize{weight-num-threshold=0},coreai-decompress)" 2>&1 | FileCheck %s -DPASS=coreai-decompress --implicit-check-not="Stack dump"

// Nothing on stdout when the pass failed.
// RUN: env COREAI_TEST_PANIC=coreai-quantize not coreai-opt %s --coreai-quantize=weight-num-threshold=0 2>/dev/null | count 0

// The variable naming another pass changes nothing.
// RUN: env COREAI_TEST_PANIC=coreai-sparsify coreai-opt %s --coreai-quantize=weight-num-threshold=0 | FileCheck %s --check-prefix=OTHER
// OTHER: coreai.blockwise_shift_scale

coreai.graph @main(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<[[1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [-1.0, -2.0, -3.0, -4.0], [1.0, 2.0, 3.0, 4.0], [0.5, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.5, 4.0], [1.0, 2.0, 3.0, 4.5]]> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}
