// Core AI assets in and out of coreai-opt: an `.aimodel` directory (or its main.mlirb) is
// read into coreai IR, `-o NAME.aimodel` writes an asset (metadata.json, main.mlirb,
// main.hash).
// RUN: rm -rf %t && mkdir -p %t

// Reading: the program of a corpus asset, as coreai-core loads it.
// RUN: coreai-opt %testdata/aimodel/corpus/tiny_named.aimodel | FileCheck %s --check-prefix=READ
// RUN: coreai-opt %testdata/aimodel/corpus/tiny_named.aimodel/main.mlirb | FileCheck %s --check-prefix=READ
// READ-LABEL: coreai.graph @main(%arg0: tensor<1x4xf16> {coreai.name = "x"}) -> (tensor<1x2xf16> {coreai.name = "y"})
// READ-NEXT: %[[W:.+]] = coreai.constant dense<{{\[}}[1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00], [5.000000e+00, 6.000000e+00], [7.000000e+00, 8.000000e+00]]> : tensor<4x2xf16>
// READ-NEXT: %[[Y:.+]] = coreai.batch_matmul %arg0, %[[W]] : (tensor<1x4xf16>, tensor<4x2xf16>) -> tensor<1x2xf16>
// READ-NEXT: coreai.output %[[Y]] : tensor<1x2xf16>

// Locations are coreai-core's debuginfo locations.
// RUN: coreai-opt %testdata/aimodel/corpus/tiny_named.aimodel --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=LOC
// LOC: coreai.batch_matmul {{.*}} loc(#debuginfo.location<loc("-":5:10) in unit>)

// No pass: the written asset is byte for byte coreai-core's, and reads back the same.
// RUN: coreai-opt %testdata/aimodel/corpus/tiny_named.aimodel -o %t/tiny.aimodel
// RUN: cmp %t/tiny.aimodel/main.mlirb %testdata/aimodel/corpus/tiny_named.aimodel/main.mlirb
// RUN: coreai-opt %t/tiny.aimodel | FileCheck %s --check-prefix=READ
// RUN: FileCheck %s --check-prefix=META < %t/tiny.aimodel/metadata.json
// META-DAG: "assetVersion": "2.0"
// META-DAG: "creationDate": "{{[0-9]{8}T[0-9]{6}Z}}"
// META-DAG: "producer": "coreai
// Decomposition regions of the input are kept (softmax, relu), and weights stay blobs.
// RUN: coreai-opt %testdata/aimodel/corpus/softmax_relu.aimodel -o %t/sm.aimodel
// RUN: cmp %t/sm.aimodel/main.mlirb %testdata/aimodel/corpus/softmax_relu.aimodel/main.mlirb
// RUN: coreai-opt %testdata/models/llama.aimodel -o %t/llama.aimodel
// RUN: cmp %t/llama.aimodel/main.mlirb %testdata/models/llama.aimodel/main.mlirb

// Quantized: the weights become int8 with their scales; main.hash is the sha256 of the new
// main.mlirb; the result reads back.
// RUN: coreai-opt %testdata/models/llama.aimodel --coreai-quantize -o %t/q.aimodel
// RUN: coreai-opt %t/q.aimodel | FileCheck %s --check-prefix=QUANT
// QUANT-LABEL: coreai.graph
// QUANT: coreai.constant dense_resource<{{.*}}> : tensor<{{.*}}xsi8>
// QUANT: coreai.blockwise_shift_scale
// RUN: sha256sum %t/q.aimodel/main.mlirb > %t/hashes
// RUN: xxd -p -c 32 %t/q.aimodel/main.hash >> %t/hashes
// RUN: FileCheck %s --check-prefix=HASH < %t/hashes
// HASH: {{^}}[[H:[0-9a-f]+]] {{.*}}main.mlirb
// HASH-NEXT: {{^}}[[H]]{{$}}
