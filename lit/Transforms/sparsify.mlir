// --coreai-sparsify (spec A.4, B, C.9-C.11, D.6, D.7, F.6, F.7, F.9, F.12).
// Pruning modes:
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,UNS
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,UNS
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="target-sparsity=0.25 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,TS25
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{target-sparsity=0.25 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,TS25
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="target-sparsity=0.75 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,TS75
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{target-sparsity=0.75 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,TS75
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="target-sparsity=0 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,TS0
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{target-sparsity=0 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,TS0
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="target-sparsity=1 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,TS1
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{target-sparsity=1 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,TS1
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="block-size=2 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,BLK
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{block-size=2 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,BLK
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="n-m-ratio=2,4 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,NM
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{n-m-ratio=2,4 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,NM
// RUN: coreai-opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{n-m-ratio=2,4 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,NM
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{n-m-ratio=2,4 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,NM
// Joint forms:
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="quantize-dtype=int8 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,I8
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{quantize-dtype=int8 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,I8
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="block-size=2 quantize-dtype=int8 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,BI8
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{block-size=2 quantize-dtype=int8 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,BI8
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="quantize-dtype=fp8_e4m3fn weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,F8
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{quantize-dtype=fp8_e4m3fn weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,F8
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="quantize-dtype=fp8-e5m2 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,E5
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{quantize-dtype=fp8-e5m2 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,E5
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="quantize-dtype=uint8 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,U8
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{quantize-dtype=uint8 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,U8
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="n-m-ratio=2,4 quantize-dtype=uint8 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,NMU8
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{n-m-ratio=2,4 quantize-dtype=uint8 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,NMU8
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="palettize-nbits=4 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,P4
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{palettize-nbits=4 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,P4
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="palettize-nbits=2 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,P2
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{palettize-nbits=2 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,P2
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="palettize-nbits=3 block-size=2 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,P3
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{palettize-nbits=3 block-size=2 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,P3
// Decoding: kept entries come back exactly and pruned ones are exactly 0.
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=16" --coreai-decompress | FileCheck %s --check-prefix=DEC
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{weight-num-threshold=16},coreai-decompress)" | FileCheck %s --check-prefix=DEC
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="palettize-nbits=4 weight-num-threshold=16" --coreai-decompress | FileCheck %s --check-prefix=DEC
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{palettize-nbits=4 weight-num-threshold=16},coreai-decompress)" | FileCheck %s --check-prefix=DEC
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="block-size=2 weight-num-threshold=16" --coreai-decompress | FileCheck %s --check-prefix=DECB
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{block-size=2 weight-num-threshold=16},coreai-decompress)" | FileCheck %s --check-prefix=DECB
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="n-m-ratio=2,4 weight-num-threshold=16" --coreai-decompress | FileCheck %s --check-prefix=DECN
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{n-m-ratio=2,4 weight-num-threshold=16},coreai-decompress)" | FileCheck %s --check-prefix=DECN
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="quantize-dtype=uint8 weight-num-threshold=16" --coreai-decompress | FileCheck %s --check-prefix=DECU8
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{quantize-dtype=uint8 weight-num-threshold=16},coreai-decompress)" | FileCheck %s --check-prefix=DECU8

// [K=8, N=4] f16 weight, y operand: out axis 1 (block pruning), in axis 0 (n:m). Row r is
// [8 + r, -(1 - r/8), 2 + r/4, -(3.75 - r/4)], so
// - 50% unstructured: the 32 magnitudes are 8 small ones (col 1), 2 .. 3.75 twice (cols 2, 3) and
//   8 .. 15 (col 0); the percentile is (2.75 + 3) / 2, so col 0 and the entries > 2.875 survive:
//   rows 0-3 keep cols 0, 3 (mask nibble 1001 = 9), rows 4-7 keep cols 0, 2 (0101 = 5);
// - block 2 along out axis 1: blocks (col 0, col 1) have norm >= 8, blocks (col 2, col 3) have
//   norm < 5.3, so cols 0 and 1 survive (0011 = 3 per row);
// - 2:4 along in axis 0: in each group of 4 rows, the two largest magnitudes of each column
//   survive: rows 2, 3, 6, 7 for the increasing cols 0 and 2, rows 0, 1, 4, 5 for cols 1 and 3.
// CHECK-LABEL: coreai.graph @mixed
//
// UNS-DAG:    %[[V:.*]] = coreai.constant dense<[8.000000e+00, -3.750000e+00, 9.000000e+00, -3.500000e+00, 1.000000e+01, -3.250000e+00, 1.100000e+01, -3.000000e+00, 1.200000e+01, 3.000000e+00, 1.300000e+01, 3.250000e+00, 1.400000e+01, 3.500000e+00, 1.500000e+01, 3.750000e+00]> : tensor<16xf16>
// UNS-DAG:    %[[M:.*]] = coreai.constant dense_resource<[[MASK:resource_[0-9]+]]> : tensor<8x4xui1>
// UNS:        %[[S:.*]] = coreai.build_sparse_with_bitmask %[[V]], %[[M]] : (tensor<16xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
// UNS-NEXT:   %[[W:.*]] = coreai.sparse_with_bitmask_to_dense %[[S]] : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
// UNS-NEXT:   coreai.batch_matmul %arg0, %[[W]] : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
//
// 25%: the percentile (1 + 2) / 2 prunes col 1 only (1011 = D); 75%: only col 0 is left (0001).
// TS25:       coreai.constant dense<[8.000000e+00, 2.000000e+00, -3.750000e+00, {{.*}}, 1.500000e+01, 3.750000e+00, -2.000000e+00]> : tensor<24xf16>
// TS25:       coreai.constant dense_resource<[[MASK:resource_[0-9]+]]> : tensor<8x4xui1>
// TS25:       coreai.build_sparse_with_bitmask {{.*}} -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 24, posWidth = 1, crdWidth = 1>>
// TS75:       coreai.constant dense<[8.000000e+00, 9.000000e+00, 1.000000e+01, 1.100000e+01, 1.200000e+01, 1.300000e+01, 1.400000e+01, 1.500000e+01]> : tensor<8xf16>
// TS75:       coreai.constant dense_resource<[[MASK:resource_[0-9]+]]> : tensor<8x4xui1>
// TS75:       coreai.build_sparse_with_bitmask {{.*}} -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 8, posWidth = 1, crdWidth = 1>>
// target-sparsity 0 prunes nothing, 1 prunes everything (D.6).
// TS0:        coreai.build_sparse_with_bitmask {{.*}} : (tensor<32xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 32, posWidth = 1, crdWidth = 1>>
// TS1:        coreai.build_sparse_with_bitmask {{.*}} : (tensor<0xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 0, posWidth = 1, crdWidth = 1>>
//
// BLK-DAG:    %[[V:.*]] = coreai.constant dense<[8.000000e+00, -1.000000e+00, 9.000000e+00, -8.750000e-01, 1.000000e+01, -7.500000e-01, 1.100000e+01, -6.250000e-01, 1.200000e+01, -5.000000e-01, 1.300000e+01, -3.750000e-01, 1.400000e+01, -2.500000e-01, 1.500000e+01, -1.250000e-01]> : tensor<16xf16>
// BLK-DAG:    %[[M:.*]] = coreai.constant dense_resource<[[MASK:resource_[0-9]+]]> : tensor<8x4xui1>
// BLK:        %[[S:.*]] = coreai.build_sparse_with_bitmask %[[V]], %[[M]] : (tensor<16xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
// BLK-NEXT:   coreai.sparse_with_bitmask_to_dense %[[S]]
//
// NM-DAG:     %[[V:.*]] = coreai.constant dense<[-1.000000e+00, -3.750000e+00, -8.750000e-01, -3.500000e+00, 1.000000e+01, 2.500000e+00, 1.100000e+01, 2.750000e+00, -5.000000e-01, -2.750000e+00, -3.750000e-01, -2.500000e+00, 1.400000e+01, 3.500000e+00, 1.500000e+01, 3.750000e+00]> : tensor<16xf16>
// NM-DAG:     %[[M:.*]] = coreai.constant dense_resource<[[MASK:resource_[0-9]+]]> : tensor<8x4xui1>
// NM:         %[[S:.*]] = coreai.build_sparse_with_bitmask %[[V]], %[[M]] : (tensor<16xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
// NM-NEXT:    coreai.sparse_with_bitmask_to_dense %[[S]]
//
// int8 (C.10): the 16 kept values quantized per tensor, symmetric. scale = f16((2 * 15 + 1e-6) /
// 254) = 1935 * 2^-14, and q = round(v / scale): 8 -> 67.7 -> 68, -3.75 -> -31.75 -> -32, ...
// I8-DAG:     %[[V:.*]] = coreai.constant dense<[68, -32, 76, -30, 85, -28, 93, -25, 102, 25, 110, 28, 119, 30, 127, 32]> : tensor<16xsi8>
// I8-DAG:     %[[SC:.*]] = coreai.constant dense<1.181030e-01> : tensor<1x1xf16>
// I8-DAG:     %[[O1:.*]] = coreai.constant dense<0> : tensor<1x1xsi8>
// I8-DAG:     %[[M:.*]] = coreai.constant dense_resource<[[MASK:resource_[0-9]+]]> : tensor<8x4xui1>
// I8:         %[[S:.*]] = coreai.build_sparse_with_bitmask %[[V]], %[[M]] : (tensor<16xsi8>, tensor<8x4xui1>) -> tensor<8x4xsi8, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
// I8-NEXT:    %[[D:.*]] = coreai.sparse_with_bitmask_to_dense %[[S]] : tensor<8x4xsi8, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<8x4xsi8>
// I8-NEXT:    %[[O2:.*]] = coreai.constant dense<0.000000e+00> : tensor<1x1xf16>
// I8-NEXT:    %[[W:.*]] = coreai.blockwise_shift_scale %[[D]], %[[SC]], %[[O1]], %[[O2]] : (tensor<8x4xsi8>, tensor<1x1xf16>, tensor<1x1xsi8>, tensor<1x1xf16>) -> tensor<8x4xf16>
// I8-NEXT:    coreai.batch_matmul %arg0, %[[W]]
// Block + int8, the C.10 call: -1 -> -8.47 -> -8, ..., -0.125 -> -1.06 -> -1.
// BI8:        coreai.constant dense<[68, -8, 76, -7, 85, -6, 93, -5, 102, -4, 110, -3, 119, -2, 127, -1]> : tensor<16xsi8>
// BI8:        coreai.blockwise_shift_scale {{.*}} : (tensor<8x4xsi8>, tensor<1x1xf16>, tensor<1x1xsi8>, tensor<1x1xf16>) -> tensor<8x4xf16>
// FP8: f8 values (a resource), offset1 an f8 zero, the sparse tensor is f8.
// F8-DAG:     %[[V:.*]] = coreai.constant dense_resource<{{.*}}> : tensor<16xf8E4M3FN>
// F8-DAG:     %[[O1:.*]] = coreai.constant dense<0.000000e+00> : tensor<1x1xf8E4M3FN>
// F8:         %[[S:.*]] = coreai.build_sparse_with_bitmask %[[V]], %{{.*}} : (tensor<16xf8E4M3FN>, tensor<8x4xui1>) -> tensor<8x4xf8E4M3FN, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
// F8-NEXT:    %[[D:.*]] = coreai.sparse_with_bitmask_to_dense %[[S]] : {{.*}} -> tensor<8x4xf8E4M3FN>
// F8:         coreai.blockwise_shift_scale %[[D]], %{{.*}}, %[[O1]], %{{.*}} : (tensor<8x4xf8E4M3FN>, tensor<1x1xf16>, tensor<1x1xf8E4M3FN>, tensor<1x1xf16>) -> tensor<8x4xf16>
// E5-DAG:     coreai.constant dense_resource<{{.*}}> : tensor<16xf8E5M2>
// E5-DAG:     coreai.constant dense<0.000000e+00> : tensor<1x1xf8E5M2>
// E5:         coreai.blockwise_shift_scale {{.*}} : (tensor<8x4xf8E5M2>, tensor<1x1xf16>, tensor<1x1xf8E5M2>, tensor<1x1xf16>) -> tensor<8x4xf16>
// uint8 (F.6): q + 127, dequantized by a 1-D blockwise_shift_scale BEFORE the scatter.
// U8-DAG:     %[[V:.*]] = coreai.constant dense<[195, 95, 203, 97, 212, 99, 220, 102, 229, 152, 237, 155, 246, 157, 254, 159]> : tensor<16xui8>
// U8-DAG:     %[[SC:.*]] = coreai.constant dense<1.181030e-01> : tensor<1xf16>
// U8-DAG:     %[[O1:.*]] = coreai.constant dense<127> : tensor<1xui8>
// U8-DAG:     %[[O2:.*]] = coreai.constant dense<0.000000e+00> : tensor<1xf16>
// U8:         %[[D:.*]] = coreai.blockwise_shift_scale %[[V]], %[[SC]], %[[O1]], %[[O2]] : (tensor<16xui8>, tensor<1xf16>, tensor<1xui8>, tensor<1xf16>) -> tensor<16xf16>
// U8-NEXT:    %[[M:.*]] = coreai.constant dense_resource<[[MASK:resource_[0-9]+]]> : tensor<8x4xui1>
// U8-NEXT:    %[[S:.*]] = coreai.build_sparse_with_bitmask %[[D]], %[[M]] : (tensor<16xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
// U8-NEXT:    %[[W:.*]] = coreai.sparse_with_bitmask_to_dense %[[S]] : tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<8x4xf16>
// U8-NEXT:    coreai.batch_matmul %arg0, %[[W]]
// NMU8:       coreai.blockwise_shift_scale {{.*}} : (tensor<16xui8>, tensor<1xf16>, tensor<1xui8>, tensor<1xf16>) -> tensor<16xf16>
// NMU8:       coreai.build_sparse_with_bitmask
// 4-bit palettization of the 16 distinct kept values (C.11): the LUT is the sorted values, the
// indices [8,0,9,1,10,2,11,3,12,4,13,5,14,6,15,7] pack to 08 19 2A 3B 4C 5D 6E 7F.
// P4-DAG:     %[[I:.*]] = coreai.constant dense_resource<[[IDX:resource_[0-9]+]]> : tensor<16xui4>
// P4-DAG:     %[[L:.*]] = coreai.constant dense<{{\[\[\[}}-3.750000e+00], [-3.500000e+00], [-3.250000e+00], [-3.000000e+00], [3.000000e+00], [3.250000e+00], [3.500000e+00], [3.750000e+00], [8.000000e+00], [9.000000e+00], [1.000000e+01], [1.100000e+01], [1.200000e+01], [1.300000e+01], [1.400000e+01], [1.500000e+01]]]> : tensor<1x16x1xf16>
// P4-DAG:     %[[A:.*]] = coreai.constant dense<0> : tensor<si16>
// P4:         %[[V:.*]] = coreai.lut_to_dense %[[I]], %[[L]], %[[A]] : (tensor<16xui4>, tensor<1x16x1xf16>, tensor<si16>) -> tensor<16xf16>
// P4-NEXT:    %[[M:.*]] = coreai.constant dense_resource<[[MASK:resource_[0-9]+]]> : tensor<8x4xui1>
// P4-NEXT:    %[[S:.*]] = coreai.build_sparse_with_bitmask %[[V]], %[[M]] : (tensor<16xf16>, tensor<8x4xui1>) -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
// P4-NEXT:    %[[W:.*]] = coreai.sparse_with_bitmask_to_dense %[[S]]
// P4-NEXT:    coreai.batch_matmul %arg0, %[[W]]
// 2 bits: the exact 4-means is {-3.75 .. -3}, {3 .. 3.75}, {8 .. 11}, {12 .. 15} (SSE 10.625);
// indices [2,0,2,0, 2,0,2,0, 3,1,3,1, 3,1,3,1] pack to 22 22 77 77.
// P2:         coreai.constant dense_resource<[[IDX:resource_[0-9]+]]> : tensor<16xui2>
// P2-NEXT:    coreai.constant dense<{{\[\[\[}}-3.375000e+00], [3.375000e+00], [9.500000e+00], [1.350000e+01]]]> : tensor<1x4x1xf16>
// P2:         coreai.lut_to_dense {{.*}} : (tensor<16xui2>, tensor<1x4x1xf16>, tensor<si16>) -> tensor<16xf16>
// ui3 indices (F.7) with block pruning.
// P3:         coreai.lut_to_dense {{.*}} : (tensor<16xui3>, tensor<1x8x1xf16>, tensor<si16>) -> tensor<16xf16>
// P3:         coreai.build_sparse_with_bitmask
//
// CHECK-NOT:  coreai.constant {{.*}} : tensor<8x4xf16>{{$}}
// CHECK:      coreai.output
// The blobs, in the trailer after the module (mask: 8 bits per byte, element 0 in bit 0):
// UNS:        [[MASK]]: "0x1000000099995555"
// TS25:       [[MASK]]: "0x10000000DDDDDDDD"
// TS75:       [[MASK]]: "0x1000000011111111"
// BLK:        [[MASK]]: "0x1000000033333333"
// NM:         [[MASK]]: "0x10000000AA55AA55"
// I8:         [[MASK]]: "0x1000000099995555"
// U8:         [[MASK]]: "0x1000000099995555"
// P4:         [[IDX]]: "0x1000000008192A3B4C5D6E7F"
// P2:         [[IDX]]: "0x1000000022227777"
//
// DEC-LABEL:  coreai.graph @mixed
// DEC-NOT:    coreai.build_sparse_with_bitmask
// DEC:        %[[W:.*]] = coreai.constant dense<{{\[\[}}8.000000e+00, 0.000000e+00, 0.000000e+00, -3.750000e+00], [9.000000e+00, 0.000000e+00, 0.000000e+00, -3.500000e+00], [1.000000e+01, 0.000000e+00, 0.000000e+00, -3.250000e+00], [1.100000e+01, 0.000000e+00, 0.000000e+00, -3.000000e+00], [1.200000e+01, 0.000000e+00, 3.000000e+00, 0.000000e+00], [1.300000e+01, 0.000000e+00, 3.250000e+00, 0.000000e+00], [1.400000e+01, 0.000000e+00, 3.500000e+00, 0.000000e+00], [1.500000e+01, 0.000000e+00, 3.750000e+00, 0.000000e+00]]> : tensor<8x4xf16>
// DEC-NEXT:   coreai.batch_matmul %arg0, %[[W]]
// DECB-LABEL: coreai.graph @mixed
// DECB:       coreai.constant dense<{{\[\[}}8.000000e+00, -1.000000e+00, 0.000000e+00, 0.000000e+00], [9.000000e+00, -8.750000e-01, 0.000000e+00, 0.000000e+00], [1.000000e+01, -7.500000e-01, 0.000000e+00, 0.000000e+00], [1.100000e+01, -6.250000e-01, 0.000000e+00, 0.000000e+00], [1.200000e+01, -5.000000e-01, 0.000000e+00, 0.000000e+00], [1.300000e+01, -3.750000e-01, 0.000000e+00, 0.000000e+00], [1.400000e+01, -2.500000e-01, 0.000000e+00, 0.000000e+00], [1.500000e+01, -1.250000e-01, 0.000000e+00, 0.000000e+00]]> : tensor<8x4xf16>
// DECN-LABEL: coreai.graph @mixed
// DECN:       coreai.constant dense<{{\[\[}}0.000000e+00, -1.000000e+00, 0.000000e+00, -3.750000e+00], [0.000000e+00, -8.750000e-01, 0.000000e+00, -3.500000e+00], [1.000000e+01, 0.000000e+00, 2.500000e+00, 0.000000e+00], [1.100000e+01, 0.000000e+00, 2.750000e+00, 0.000000e+00], [0.000000e+00, -5.000000e-01, 0.000000e+00, -2.750000e+00], [0.000000e+00, -3.750000e-01, 0.000000e+00, -2.500000e+00], [1.400000e+01, 0.000000e+00, 3.500000e+00, 0.000000e+00], [1.500000e+01, 0.000000e+00, 3.750000e+00, 0.000000e+00]]> : tensor<8x4xf16>
// F.6: the pruned entries of the uint8 form decode to exactly 0, not -127 * scale.
// DECU8-LABEL: coreai.graph @mixed
// DECU8:      coreai.constant dense<{{\[\[}}{{[-0-9.e+]+}}, 0.000000e+00, 0.000000e+00, {{[-0-9.e+]+}}], [{{[-0-9.e+]+}}, 0.000000e+00, 0.000000e+00, {{[-0-9.e+]+}}], [{{[-0-9.e+]+}}, 0.000000e+00, 0.000000e+00, {{[-0-9.e+]+}}], [{{[-0-9.e+]+}}, 0.000000e+00, 0.000000e+00, {{[-0-9.e+]+}}], [{{[-0-9.e+]+}}, 0.000000e+00, {{[-0-9.e+]+}}, 0.000000e+00], [{{[-0-9.e+]+}}, 0.000000e+00, {{[-0-9.e+]+}}, 0.000000e+00], [{{[-0-9.e+]+}}, 0.000000e+00, {{[-0-9.e+]+}}, 0.000000e+00], [{{[-0-9.e+]+}}, 0.000000e+00, {{[-0-9.e+]+}}, 0.000000e+00]]> : tensor<8x4xf16>
coreai.graph @mixed(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<[[8.0, -1.0, 2.0, -3.75], [9.0, -0.875, 2.25, -3.5], [10.0, -0.75, 2.5, -3.25], [11.0, -0.625, 2.75, -3.0], [12.0, -0.5, 3.0, -2.75], [13.0, -0.375, 3.25, -2.5], [14.0, -0.25, 3.5, -2.25], [15.0, -0.125, 3.75, -2.0]]> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

// The transpose of @mixed in bf16 as a gather_nd table (F.9): out axis 0, in axis 1 (8 columns).
// The masks are the bf16 shape [4, 8], one byte per row: 50% keeps row 0, cols 4-7 of row 2 and
// cols 0-3 of row 3 (FF 00 F0 0F); block 2 along rows keeps rows 0-1 (FF FF 00 00); 2:4 along
// the columns keeps cols 2,3,6,7 of the increasing rows and 0,1,4,5 of the others (CC 33 CC 33).
// CHECK-LABEL: coreai.graph @embedding
// UNS:        coreai.constant dense<[8.000000e+00, 9.000000e+00, 1.000000e+01, 1.100000e+01, 1.200000e+01, 1.300000e+01, 1.400000e+01, 1.500000e+01, 3.000000e+00, 3.250000e+00, 3.500000e+00, 3.750000e+00, -3.750000e+00, -3.500000e+00, -3.250000e+00, -3.000000e+00]> : tensor<16xbf16>
// UNS:        coreai.constant dense_resource<[[MASK:resource_[0-9]+]]> : tensor<4x8xui1>
// UNS:        %[[S:.*]] = coreai.build_sparse_with_bitmask {{.*}} : (tensor<16xbf16>, tensor<4x8xui1>) -> tensor<4x8xbf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
// UNS-NEXT:   %[[W:.*]] = coreai.sparse_with_bitmask_to_dense %[[S]] : tensor<4x8xbf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>> -> tensor<4x8xbf16>
// UNS-NEXT:   coreai.gather_nd %[[W]] at %arg0 : (tensor<4x8xbf16>, tensor<5x1xsi32>) to tensor<5x8xbf16>
// BLK:        coreai.constant dense_resource<[[MASK:resource_[0-9]+]]> : tensor<4x8xui1>
// NM:         coreai.constant dense_resource<[[MASK:resource_[0-9]+]]> : tensor<4x8xui1>
// I8:         coreai.blockwise_shift_scale {{.*}} : (tensor<4x8xsi8>, tensor<1x1xbf16>, tensor<1x1xsi8>, tensor<1x1xbf16>) -> tensor<4x8xbf16>
// F8:         coreai.blockwise_shift_scale {{.*}} : (tensor<4x8xf8E4M3FN>, tensor<1x1xbf16>, tensor<1x1xf8E4M3FN>, tensor<1x1xbf16>) -> tensor<4x8xbf16>
// U8:         coreai.blockwise_shift_scale {{.*}} : (tensor<16xui8>, tensor<1xbf16>, tensor<1xui8>, tensor<1xbf16>) -> tensor<16xbf16>
// P4:         coreai.lut_to_dense {{.*}} : (tensor<16xui4>, tensor<1x16x1xbf16>, tensor<si16>) -> tensor<16xbf16>
// CHECK:      coreai.output
// UNS:        [[MASK]]: "0x10000000FF00F00F"
// BLK:        [[MASK]]: "0x10000000FFFF0000"
// NM:         [[MASK]]: "0x10000000CC33CC33"
coreai.graph @embedding(%arg0: tensor<5x1xsi32>) -> tensor<5x8xbf16> {
  %0 = coreai.constant dense<[[8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0], [-1.0, -0.875, -0.75, -0.625, -0.5, -0.375, -0.25, -0.125], [2.0, 2.25, 2.5, 2.75, 3.0, 3.25, 3.5, 3.75], [-3.75, -3.5, -3.25, -3.0, -2.75, -2.5, -2.25, -2.0]]> : tensor<4x8xbf16>
  %1 = coreai.gather_nd %0 at %arg0 : (tensor<4x8xbf16>, tensor<5x1xsi32>) to tensor<5x8xbf16>
  coreai.output %1 : tensor<5x8xbf16>
}

// -----

// conv2d weight [Cout=4, Cin=8, 1, 1] in f32 holding 1 .. 32: out axis 0, in axis 1. 50% and
// block 2 keep output channels 2 and 3; 2:4 keeps the two largest of each group of 4 inputs.
// CHECK-LABEL: coreai.graph @conv
// UNS:        coreai.constant dense<[1.700000e+01, {{.*}}, 3.200000e+01]> : tensor<16xf32>
// UNS:        coreai.build_sparse_with_bitmask {{.*}} : (tensor<16xf32>, tensor<4x8x1x1xui1>) -> tensor<4x8x1x1xf32, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
// UNS:        coreai.sparse_with_bitmask_to_dense {{.*}} -> tensor<4x8x1x1xf32>
// BLK:        coreai.build_sparse_with_bitmask {{.*}} : (tensor<16xf32>, tensor<4x8x1x1xui1>)
// NM:         coreai.constant dense<[3.000000e+00, 4.000000e+00, 7.000000e+00, 8.000000e+00, 1.100000e+01, 1.200000e+01, {{.*}}, 3.100000e+01, 3.200000e+01]> : tensor<16xf32>
// Scale and offsets have the weight's rank, [1, 1, 1, 1], in f32: (2 * 32 + 1e-6) / 254.
// I8:         coreai.constant dense<[67, 71, 75, 79, 83, 87, 91, 95, 99, 103, 107, 111, 115, 119, 123, 127]> : tensor<16xsi8>
// I8:         coreai.blockwise_shift_scale {{.*}} : (tensor<4x8x1x1xsi8>, tensor<1x1x1x1xf32>, tensor<1x1x1x1xsi8>, tensor<1x1x1x1xf32>) -> tensor<4x8x1x1xf32>
// F8:         coreai.blockwise_shift_scale {{.*}} : (tensor<4x8x1x1xf8E4M3FN>, tensor<1x1x1x1xf32>, tensor<1x1x1x1xf8E4M3FN>, tensor<1x1x1x1xf32>) -> tensor<4x8x1x1xf32>
// U8:         coreai.blockwise_shift_scale {{.*}} : (tensor<16xui8>, tensor<1xf32>, tensor<1xui8>, tensor<1xf32>) -> tensor<16xf32>
// P4:         coreai.lut_to_dense {{.*}} : (tensor<16xui4>, tensor<1x16x1xf32>, tensor<si16>) -> tensor<16xf32>
// P3:         coreai.lut_to_dense {{.*}} : (tensor<16xui3>, tensor<1x8x1xf32>, tensor<si16>) -> tensor<16xf32>
// CHECK-NOT:  coreai.constant {{.*}} : tensor<4x8x1x1xf32>{{$}}
// CHECK:      coreai.conv2d
coreai.graph @conv(%arg0: tensor<1x8x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %w = coreai.constant dense<[[[[1.0]], [[2.0]], [[3.0]], [[4.0]], [[5.0]], [[6.0]], [[7.0]], [[8.0]]], [[[9.0]], [[10.0]], [[11.0]], [[12.0]], [[13.0]], [[14.0]], [[15.0]], [[16.0]]], [[[17.0]], [[18.0]], [[19.0]], [[20.0]], [[21.0]], [[22.0]], [[23.0]], [[24.0]]], [[[25.0]], [[26.0]], [[27.0]], [[28.0]], [[29.0]], [[30.0]], [[31.0]], [[32.0]]]]> : tensor<4x8x1x1xf32>
  %s = coreai.constant dense<1> : tensor<2xui32>
  %g = coreai.constant dense<1> : tensor<ui32>
  %0 = coreai.conv2d %arg0, %w, %s, %s, %g : (tensor<1x8x4x4xf32>, tensor<4x8x1x1xf32>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x4x4x4xf32>
  coreai.output %0 : tensor<1x4x4x4xf32>
}

// -----

// Joint palettization uses no fast-mode rounding (D.6): 2^-13 = 1.220703125e-4 stays as it is,
// where 4-decimal rounding would turn it into 1e-4. The 16 zeros are pruned (the 50% threshold
// is 2^-14) and the 16 distinct kept values make an exact 4-bit LUT.
// CHECK-LABEL: coreai.graph @joint_no_rounding
// P4:         coreai.constant dense<{{\[\[\[}}1.220700e-04], [1.000000e+00], [2.000000e+00], [3.000000e+00], [4.000000e+00], [5.000000e+00], [6.000000e+00], [7.000000e+00], [8.000000e+00], [9.000000e+00], [1.000000e+01], [1.100000e+01], [1.200000e+01], [1.300000e+01], [1.400000e+01], [1.500000e+01]]]> : tensor<1x16x1xf16>
// CHECK:      coreai.output
// DEC-LABEL:  coreai.graph @joint_no_rounding
// DEC:        coreai.constant dense<{{\[\[}}1.220700e-04, 0.000000e+00, 1.000000e+00, 0.000000e+00, 2.000000e+00, 0.000000e+00, 3.000000e+00, 0.000000e+00], [4.000000e+00, 0.000000e+00, 5.000000e+00, 0.000000e+00, 6.000000e+00, 0.000000e+00, 7.000000e+00, 0.000000e+00], [8.000000e+00, 0.000000e+00, 9.000000e+00, 0.000000e+00, 1.000000e+01, 0.000000e+00, 1.100000e+01, 0.000000e+00], [1.200000e+01, 0.000000e+00, 1.300000e+01, 0.000000e+00, 1.400000e+01, 0.000000e+00, 1.500000e+01, 0.000000e+00]]> : tensor<4x8xf16>
coreai.graph @joint_no_rounding(%arg0: tensor<8x2xf16>) -> tensor<4x2xf16> {
  %0 = coreai.constant dense<[[1.220703125e-4, 0.0, 1.0, 0.0, 2.0, 0.0, 3.0, 0.0], [4.0, 0.0, 5.0, 0.0, 6.0, 0.0, 7.0, 0.0], [8.0, 0.0, 9.0, 0.0, 10.0, 0.0, 11.0, 0.0], [12.0, 0.0, 13.0, 0.0, 14.0, 0.0, 15.0, 0.0]]> : tensor<4x8xf16>
  %1 = coreai.batch_matmul %0, %arg0 : (tensor<4x8xf16>, tensor<8x2xf16>) -> tensor<4x2xf16>
  coreai.output %1 : tensor<4x2xf16>
}

// -----

// Ties at the threshold are all pruned (D.6): 20 magnitudes of 1 and 12 of 2 put the 50%
// percentile at 1, so all the 1s go and only 12 values stay (rows 5-7: mask 00 00 F0 FF).
// CHECK-LABEL: coreai.graph @ties
// UNS:        coreai.constant dense<[2.000000e+00, -2.000000e+00, {{.*}}]> : tensor<12xf16>
// UNS:        coreai.constant dense_resource<[[MASK:resource_[0-9]+]]> : tensor<8x4xui1>
// UNS:        coreai.build_sparse_with_bitmask {{.*}} -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 12, posWidth = 1, crdWidth = 1>>
// int8: scale f16((4 + 1e-6) / 254), so 2 -> 127.
// I8:         coreai.constant dense<[127, -127, 127, -127, 127, -127, 127, -127, 127, -127, 127, -127]> : tensor<12xsi8>
// CHECK:      coreai.output
// UNS:        [[MASK]]: "0x100000000000F0FF"
coreai.graph @ties(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<[[1.0, -1.0, 1.0, -1.0], [1.0, -1.0, 1.0, -1.0], [1.0, -1.0, 1.0, -1.0], [1.0, -1.0, 1.0, -1.0], [1.0, -1.0, 1.0, -1.0], [2.0, -2.0, 2.0, -2.0], [2.0, -2.0, 2.0, -2.0], [2.0, -2.0, 2.0, -2.0]]> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

// Zeros already in the weight are never kept (mask = w != 0) but count for the percentile:
// 16 zeros and 1 .. 16 give a 50% threshold of 0.5, so exactly the zeros are pruned; 0%
// prunes nothing and still leaves them out; 75% keeps 9 .. 16.
// CHECK-LABEL: coreai.graph @zeros
// UNS:        coreai.constant dense<[1.000000e+00, -2.000000e+00, 3.000000e+00, {{.*}}, 1.500000e+01, -1.600000e+01]> : tensor<16xf16>
// UNS:        coreai.constant dense_resource<[[MASK:resource_[0-9]+]]> : tensor<8x4xui1>
// TS0:        coreai.constant dense<[1.000000e+00, -2.000000e+00, 3.000000e+00, {{.*}}, 1.500000e+01, -1.600000e+01]> : tensor<16xf16>
// TS0:        coreai.constant dense_resource<[[MASK:resource_[0-9]+]]> : tensor<8x4xui1>
// TS0:        coreai.build_sparse_with_bitmask {{.*}} -> tensor<8x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 16, posWidth = 1, crdWidth = 1>>
// TS75:       coreai.constant dense<[9.000000e+00, -1.000000e+01, 1.100000e+01, -1.200000e+01, 1.300000e+01, -1.400000e+01, 1.500000e+01, -1.600000e+01]> : tensor<8xf16>
// TS75:       coreai.constant dense_resource<[[MASK:resource_[0-9]+]]> : tensor<8x4xui1>
// CHECK:      coreai.output
// UNS:        [[MASK]]: "0x1000000055555555"
// TS0:        [[MASK]]: "0x1000000055555555"
// TS75:       [[MASK]]: "0x1000000000005555"
coreai.graph @zeros(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<[[1.0, 0.0, -2.0, 0.0], [3.0, 0.0, -4.0, 0.0], [5.0, 0.0, -6.0, 0.0], [7.0, 0.0, -8.0, 0.0], [9.0, 0.0, -10.0, 0.0], [11.0, 0.0, -12.0, 0.0], [13.0, 0.0, -14.0, 0.0], [15.0, 0.0, -16.0, 0.0]]> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

// Left alone: not above the threshold, a use outside the consumer set, an integer constant.
// CHECK-LABEL: coreai.graph @left_alone
// CHECK-NOT:  coreai.build_sparse_with_bitmask
// CHECK:      coreai.constant dense<1.000000e+00> : tensor<4x4xf16>
// CHECK:      coreai.constant dense<2.000000e+00> : tensor<8x4xf16>
// CHECK:      coreai.constant dense<3> : tensor<8x4xsi8>
// CHECK-NOT:  coreai.build_sparse_with_bitmask
// CHECK:      coreai.output
coreai.graph @left_alone(%arg0: tensor<1x4xf16>, %arg1: tensor<1x8xf16>) -> (tensor<1x4xf16>, tensor<1x4xf16>, tensor<8x4xf16>, tensor<8x4xsi8>) {
  %0 = coreai.constant dense<1.0> : tensor<4x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf16>, tensor<4x4xf16>) -> tensor<1x4xf16>
  %2 = coreai.constant dense<2.0> : tensor<8x4xf16>
  %3 = coreai.batch_matmul %arg1, %2 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  %4 = "coreai.add"(%2, %2) : (tensor<8x4xf16>, tensor<8x4xf16>) -> tensor<8x4xf16>
  %5 = coreai.constant dense<3> : tensor<8x4xsi8>
  %6 = coreai.transpose %5, %5 : (tensor<8x4xsi8>, tensor<8x4xsi8>) -> tensor<8x4xsi8>
  coreai.output %1, %3, %4, %6 : tensor<1x4xf16>, tensor<1x4xf16>, tensor<8x4xf16>, tensor<8x4xsi8>
}
