// Every pass's output verifies, re-parses in custom and in generic form, decompresses to IR
// that verifies, and is a fixed point of the same pass (compressed constants are integer or
// feed decompression ops, so a second run changes nothing). Inputs: a multi-graph module
// (invoke, private noinline callee, conv2d, gather_nd, transpose, an unused weight) and the
// README's transformer layer (dense_resource weights, generic-form ops).

// RUN: rm -rf %t && mkdir %t
// RUN: coreai-opt %S/Inputs/multi-graph.mlir --coreai-quantize="weight-num-threshold=0" -o %t/0-0.mlir 2>/dev/null
// RUN: coreai-opt %t/0-0.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/0-0.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/0-0.mlir --coreai-quantize="weight-num-threshold=0" -o %t/0-0.again.mlir 2>/dev/null
// RUN: diff %t/0-0.mlir %t/0-0.again.mlir
// RUN: coreai-opt %S/../../test/data/llm-layer.mlir --coreai-quantize="weight-num-threshold=0" -o %t/0-1.mlir 2>/dev/null
// RUN: coreai-opt %t/0-1.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/0-1.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/0-1.mlir --coreai-quantize="weight-num-threshold=0" -o %t/0-1.again.mlir 2>/dev/null
// RUN: diff %t/0-1.mlir %t/0-1.again.mlir
// RUN: coreai-opt %S/Inputs/multi-graph.mlir --coreai-quantize="weight-num-threshold=0 dtype=uint4 qscheme=asymmetric granularity=per_block block-size=4" -o %t/1-0.mlir 2>/dev/null
// RUN: coreai-opt %t/1-0.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/1-0.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/1-0.mlir --coreai-quantize="weight-num-threshold=0 dtype=uint4 qscheme=asymmetric granularity=per_block block-size=4" -o %t/1-0.again.mlir 2>/dev/null
// RUN: diff %t/1-0.mlir %t/1-0.again.mlir
// RUN: coreai-opt %S/../../test/data/llm-layer.mlir --coreai-quantize="weight-num-threshold=0 dtype=uint4 qscheme=asymmetric granularity=per_block block-size=4" -o %t/1-1.mlir 2>/dev/null
// RUN: coreai-opt %t/1-1.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/1-1.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/1-1.mlir --coreai-quantize="weight-num-threshold=0 dtype=uint4 qscheme=asymmetric granularity=per_block block-size=4" -o %t/1-1.again.mlir 2>/dev/null
// RUN: diff %t/1-1.mlir %t/1-1.again.mlir
// RUN: coreai-opt %S/Inputs/multi-graph.mlir --coreai-quantize="weight-num-threshold=0 dtype=fp8_e5m2 granularity=per_tensor" -o %t/2-0.mlir 2>/dev/null
// RUN: coreai-opt %t/2-0.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/2-0.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/2-0.mlir --coreai-quantize="weight-num-threshold=0 dtype=fp8_e5m2 granularity=per_tensor" -o %t/2-0.again.mlir 2>/dev/null
// RUN: diff %t/2-0.mlir %t/2-0.again.mlir
// RUN: coreai-opt %S/../../test/data/llm-layer.mlir --coreai-quantize="weight-num-threshold=0 dtype=fp8_e5m2 granularity=per_tensor" -o %t/2-1.mlir 2>/dev/null
// RUN: coreai-opt %t/2-1.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/2-1.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/2-1.mlir --coreai-quantize="weight-num-threshold=0 dtype=fp8_e5m2 granularity=per_tensor" -o %t/2-1.again.mlir 2>/dev/null
// RUN: diff %t/2-1.mlir %t/2-1.again.mlir
// RUN: coreai-opt %S/Inputs/multi-graph.mlir --coreai-quantize="weight-num-threshold=0 dtype=fp4_e2m1fn granularity=per_block block-size=32" -o %t/3-0.mlir 2>/dev/null
// RUN: coreai-opt %t/3-0.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/3-0.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/3-0.mlir --coreai-quantize="weight-num-threshold=0 dtype=fp4_e2m1fn granularity=per_block block-size=32" -o %t/3-0.again.mlir 2>/dev/null
// RUN: diff %t/3-0.mlir %t/3-0.again.mlir
// RUN: coreai-opt %S/../../test/data/llm-layer.mlir --coreai-quantize="weight-num-threshold=0 dtype=fp4_e2m1fn granularity=per_block block-size=32" -o %t/3-1.mlir 2>/dev/null
// RUN: coreai-opt %t/3-1.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/3-1.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/3-1.mlir --coreai-quantize="weight-num-threshold=0 dtype=fp4_e2m1fn granularity=per_block block-size=32" -o %t/3-1.again.mlir 2>/dev/null
// RUN: diff %t/3-1.mlir %t/3-1.again.mlir
// RUN: coreai-opt %S/Inputs/multi-graph.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=none n-bits=3 granularity=per_grouped_channel group-size=4" -o %t/4-0.mlir 2>/dev/null
// RUN: coreai-opt %t/4-0.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/4-0.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/4-0.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=none n-bits=3 granularity=per_grouped_channel group-size=4" -o %t/4-0.again.mlir 2>/dev/null
// RUN: diff %t/4-0.mlir %t/4-0.again.mlir
// RUN: coreai-opt %S/../../test/data/llm-layer.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=none n-bits=3 granularity=per_grouped_channel group-size=4" -o %t/4-1.mlir 2>/dev/null
// RUN: coreai-opt %t/4-1.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/4-1.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/4-1.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=none n-bits=3 granularity=per_grouped_channel group-size=4" -o %t/4-1.again.mlir 2>/dev/null
// RUN: diff %t/4-1.mlir %t/4-1.again.mlir
// RUN: coreai-opt %S/Inputs/multi-graph.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=int8 enable-per-channel-scale=true" -o %t/5-0.mlir 2>/dev/null
// RUN: coreai-opt %t/5-0.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/5-0.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/5-0.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=int8 enable-per-channel-scale=true" -o %t/5-0.again.mlir 2>/dev/null
// RUN: diff %t/5-0.mlir %t/5-0.again.mlir
// RUN: coreai-opt %S/../../test/data/llm-layer.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=int8 enable-per-channel-scale=true" -o %t/5-1.mlir 2>/dev/null
// RUN: coreai-opt %t/5-1.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/5-1.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/5-1.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=int8 enable-per-channel-scale=true" -o %t/5-1.again.mlir 2>/dev/null
// RUN: diff %t/5-1.mlir %t/5-1.again.mlir
// RUN: coreai-opt %S/Inputs/multi-graph.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=fp8_e5m2 n-bits=1 cluster-dim=2" -o %t/6-0.mlir 2>/dev/null
// RUN: coreai-opt %t/6-0.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/6-0.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/6-0.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=fp8_e5m2 n-bits=1 cluster-dim=2" -o %t/6-0.again.mlir 2>/dev/null
// RUN: diff %t/6-0.mlir %t/6-0.again.mlir
// RUN: coreai-opt %S/../../test/data/llm-layer.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=fp8_e5m2 n-bits=1 cluster-dim=2" -o %t/6-1.mlir 2>/dev/null
// RUN: coreai-opt %t/6-1.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/6-1.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/6-1.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=fp8_e5m2 n-bits=1 cluster-dim=2" -o %t/6-1.again.mlir 2>/dev/null
// RUN: diff %t/6-1.mlir %t/6-1.again.mlir
// RUN: coreai-opt %S/Inputs/multi-graph.mlir --coreai-sparsify="weight-num-threshold=0 quantize-dtype=uint8" -o %t/7-0.mlir 2>/dev/null
// RUN: coreai-opt %t/7-0.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/7-0.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/7-0.mlir --coreai-sparsify="weight-num-threshold=0 quantize-dtype=uint8" -o %t/7-0.again.mlir 2>/dev/null
// RUN: diff %t/7-0.mlir %t/7-0.again.mlir
// RUN: coreai-opt %S/../../test/data/llm-layer.mlir --coreai-sparsify="weight-num-threshold=0 quantize-dtype=uint8" -o %t/7-1.mlir 2>/dev/null
// RUN: coreai-opt %t/7-1.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/7-1.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/7-1.mlir --coreai-sparsify="weight-num-threshold=0 quantize-dtype=uint8" -o %t/7-1.again.mlir 2>/dev/null
// RUN: diff %t/7-1.mlir %t/7-1.again.mlir
// RUN: coreai-opt %S/Inputs/multi-graph.mlir --coreai-sparsify="weight-num-threshold=0 n-m-ratio=1,2 palettize-nbits=3" -o %t/8-0.mlir 2>/dev/null
// RUN: coreai-opt %t/8-0.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/8-0.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/8-0.mlir --coreai-sparsify="weight-num-threshold=0 n-m-ratio=1,2 palettize-nbits=3" -o %t/8-0.again.mlir 2>/dev/null
// RUN: diff %t/8-0.mlir %t/8-0.again.mlir
// RUN: coreai-opt %S/../../test/data/llm-layer.mlir --coreai-sparsify="weight-num-threshold=0 n-m-ratio=1,2 palettize-nbits=3" -o %t/8-1.mlir 2>/dev/null
// RUN: coreai-opt %t/8-1.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/8-1.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/8-1.mlir --coreai-sparsify="weight-num-threshold=0 n-m-ratio=1,2 palettize-nbits=3" -o %t/8-1.again.mlir 2>/dev/null
// RUN: diff %t/8-1.mlir %t/8-1.again.mlir
// RUN: coreai-opt %S/Inputs/multi-graph.mlir --coreai-sparsify="weight-num-threshold=0 target-sparsity=0.9 block-size=2 quantize-dtype=fp8_e4m3fn" -o %t/9-0.mlir 2>/dev/null
// RUN: coreai-opt %t/9-0.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/9-0.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/9-0.mlir --coreai-sparsify="weight-num-threshold=0 target-sparsity=0.9 block-size=2 quantize-dtype=fp8_e4m3fn" -o %t/9-0.again.mlir 2>/dev/null
// RUN: diff %t/9-0.mlir %t/9-0.again.mlir
// RUN: coreai-opt %S/../../test/data/llm-layer.mlir --coreai-sparsify="weight-num-threshold=0 target-sparsity=0.9 block-size=2 quantize-dtype=fp8_e4m3fn" -o %t/9-1.mlir 2>/dev/null
// RUN: coreai-opt %t/9-1.mlir --mlir-print-op-generic | coreai-opt --verify-each -o /dev/null
// RUN: coreai-opt %t/9-1.mlir --coreai-decompress | coreai-opt -o /dev/null
// RUN: coreai-opt %t/9-1.mlir --coreai-sparsify="weight-num-threshold=0 target-sparsity=0.9 block-size=2 quantize-dtype=fp8_e4m3fn" -o %t/9-1.again.mlir 2>/dev/null
// RUN: diff %t/9-1.mlir %t/9-1.again.mlir

// The weights were compressed (here: the transformer layer, int8).
// RUN: FileCheck %s < %t/0-1.mlir
// CHECK-COUNT-7: coreai.blockwise_shift_scale %
