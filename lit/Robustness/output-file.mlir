// `-o FILE` is written atomically: a failed run (bad option, parse error, verifier error,
// failing pass, forced panic) leaves an existing FILE untouched and leaves no temporary file
// behind; a successful run replaces it.

// RUN: rm -rf %t && mkdir %t
// RUN: echo keep > %t/out.mlir

// An invalid option.
// RUN: not coreai-opt %s --coreai-quantize=dtype=int3 -o %t/out.mlir
// RUN: FileCheck %s --check-prefix=KEEP < %t/out.mlir
// A parse error.
// RUN: not coreai-opt %S/Inputs/truncated.mlir --coreai-quantize -o %t/out.mlir
// RUN: FileCheck %s --check-prefix=KEEP < %t/out.mlir
// A verifier error (a blob too short).
// RUN: not coreai-opt %S/Inputs/blob-too-short.mlir --coreai-quantize -o %t/out.mlir
// RUN: FileCheck %s --check-prefix=KEEP < %t/out.mlir
// A pass that fails (a forced panic), also as `-o=FILE`.
// RUN: env COREAI_TEST_PANIC=coreai-quantize not coreai-opt %s --coreai-quantize -o %t/out.mlir
// RUN: env COREAI_TEST_PANIC=coreai-quantize not coreai-opt %s --coreai-quantize -o=%t/out.mlir
// RUN: FileCheck %s --check-prefix=KEEP < %t/out.mlir
// A pass that fails because the report cannot be written.
// RUN: not coreai-opt %s --coreai-quantize="weight-num-threshold=0 report=%t/no-such-dir/r.json" -o %t/out.mlir
// RUN: FileCheck %s --check-prefix=KEEP < %t/out.mlir
// KEEP: {{^keep$}}

// No temporary file is left next to the target.
// RUN: ls -a %t | FileCheck %s --check-prefix=LS --implicit-check-not=tmp
// LS: out.mlir

// A successful run replaces the file.
// RUN: coreai-opt %s --coreai-quantize=weight-num-threshold=0 -o %t/out.mlir
// RUN: FileCheck %s --check-prefix=NEW --implicit-check-not=keep < %t/out.mlir
// NEW: coreai.blockwise_shift_scale
// RUN: ls -a %t | FileCheck %s --check-prefix=LS --implicit-check-not=tmp

// An output directory that does not exist: an error, non-zero exit.
// RUN: not coreai-opt %s -o %t/missing/out.mlir 2>&1 | FileCheck %s --check-prefix=NODIR --implicit-check-not="Stack dump"
// NODIR: {{.*}}missing{{.*}}

coreai.graph @main(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<[[1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [-1.0, -2.0, -3.0, -4.0], [1.0, 2.0, 3.0, 4.0], [0.5, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.5, 4.0], [1.0, 2.0, 3.0, 4.5]]> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}
