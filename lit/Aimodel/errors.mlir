// Bad assets and options are MLIR-style errors naming the file; a failed write leaves an
// existing asset untouched.
// RUN: rm -rf %t && mkdir -p %t/empty.aimodel %t/trunc.aimodel
// RUN: not coreai-opt %t/missing.aimodel 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: missing.aimodel:0:0: error: {{.*}}missing.aimodel: No such file or directory
// RUN: not coreai-opt %t/empty.aimodel 2>&1 | FileCheck %s --check-prefix=EMPTY
// EMPTY: empty.aimodel:0:0: error: {{.*}}empty.aimodel/main.mlirb: No such file or directory
// RUN: head -c 300 %testdata/models/llama.aimodel/main.mlirb > %t/trunc.aimodel/main.mlirb
// RUN: not coreai-opt %t/trunc.aimodel 2>&1 | FileCheck %s --check-prefix=TRUNC
// TRUNC: trunc.aimodel:0:0: error: {{.*}}trunc.aimodel/main.mlirb: header section at offset 0x4a: attrTypeOffset of 4642 bytes runs past the end (226 left)

// RUN: not coreai-opt %testdata/aimodel/corpus/tiny_named.aimodel --emit-aimodel 2>&1 | FileCheck %s --check-prefix=EMIT
// EMIT: coreai-opt: --emit-aimodel needs -o PATH
// RUN: not coreai-opt %testdata/aimodel/corpus/tiny_named.aimodel --aimodel-cap=2025 -o %t/x.aimodel 2>&1 | FileCheck %s --check-prefix=CAP
// CAP: coreai-opt: --aimodel-cap: '2025' is not a date YYYYMMDD
// RUN: not coreai-opt %testdata/aimodel/corpus/tiny_named.aimodel --aimodel-cap=20250101 -o %t/x.aimodel 2>&1 | FileCheck %s --check-prefix=OLD
// OLD: error: {{.*}}x.aimodel: op 'coreai.graph': no version of aicode.dataflow.graph is dated on or before 20250101
// RUN: not coreai-opt %testdata/aimodel/corpus/tiny_named.aimodel --split-input-file -o %t/x.aimodel 2>&1 | FileCheck %s --check-prefix=SPLIT
// SPLIT: coreai-opt: .aimodel input or output cannot be combined with this option
// RUN: not ls %t/x.aimodel

// --emit-aimodel writes an asset whatever the name.
// RUN: coreai-opt %testdata/aimodel/corpus/tiny_named.aimodel --emit-aimodel -o %t/plain
// RUN: cmp %t/plain/main.mlirb %testdata/aimodel/corpus/tiny_named.aimodel/main.mlirb

// A decomposable op with neither an input region nor a generator: an error naming it; the
// asset already at the output path is left as it was.
// RUN: coreai-opt %testdata/aimodel/corpus/tiny_named.aimodel -o %t/keep.aimodel
// RUN: not coreai-opt %s -o %t/keep.aimodel 2>&1 | FileCheck %s --check-prefix=ARGMAX
// The error is reported at the op.
// ARGMAX: errors.mlir:38:{{[0-9]+}}: error: {{.*}}keep.aimodel: op 'coreai.argmax' is decomposable and has no decomposition region from the input; this build generates decompositions only for
// RUN: cmp %t/keep.aimodel/main.mlirb %testdata/aimodel/corpus/tiny_named.aimodel/main.mlirb
// RUN: ls %t | FileCheck %s --check-prefix=NOTEMP
// NOTEMP-NOT: tmp

coreai.graph @main(%arg0: tensor<2x8xf16> {coreai.name = "x"}) -> (tensor<2x1xui32> {coreai.name = "y"}) {
  %c = coreai.constant dense<1> : tensor<si32>
  %0 = coreai.argmax %arg0, %c : (tensor<2x8xf16>, tensor<si32>) -> tensor<2x1xui32>
  coreai.output %0 : tensor<2x1xui32>
}
