// --coreai-palettize (spec A.3, B, C.7, C.8, D.4, D.5, F.4, F.5, F.7, F.9, F.10, F.12, F.14).
// Index widths (n-bits 1, 2, 3, 4, 6, 8) on the per-tensor default:
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=1 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,NB1
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,NB2
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=3 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,NB3
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,NB4
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=6 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,NB6
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=8 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,NB8
// Granularities (enum values accept - or _), also through --pass-pipeline:
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 granularity=per_channel weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,PCH
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 granularity=per-grouped-channel group-size=2 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,GRP
// RUN: coreai-opt %s -split-input-file --pass-pipeline="builtin.module(coreai-palettize{n-bits=2 granularity=per_grouped_channel group-size=4 weight-num-threshold=16})" | FileCheck %s --check-prefixes=CHECK,GRP4
// Quantized LUTs (D.5): lut_to_dense (quantized type) -> cast -> blockwise_shift_scale.
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 lut-dtype=int8 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,INT8
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 lut-dtype=uint8 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,UINT8
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 lut-dtype=fp8_e4m3fn weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,E4M3
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 lut-dtype=fp8-e5m2 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,E5M2
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 lut-dtype=int8 granularity=per_channel weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,INT8PC
// Per-channel scale (D.4 step 2, F.5), without and with a quantized LUT:
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 enable-per-channel-scale weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,PCS
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 enable-per-channel-scale=true lut-dtype=int8 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,PCSI8
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 enable-per-channel-scale lut-dtype=uint8 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,PCSU8
// Vector palettization (cluster-dim 2):
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 cluster-dim=2 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,VEC
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 cluster-dim=2 lut-dtype=uint8 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,VECU8
// Fast k-means rounding (F.4): round half to even at rounding-precision decimals, or none.
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 rounding-precision=0 weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,RND0
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 enable-fast-kmeans-mode=false weight-num-threshold=16" | FileCheck %s --check-prefixes=CHECK,NOFAST
// F.12: no identity cast and no dead original constant (the reference leaves both, C.8).
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 enable-per-channel-scale weight-num-threshold=16" | FileCheck %s --check-prefix=F12
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 enable-per-channel-scale lut-dtype=int8 weight-num-threshold=16" | FileCheck %s --check-prefix=F12
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=4 lut-dtype=fp8_e4m3fn weight-num-threshold=16" | FileCheck %s --check-prefix=F12
// Decoding gives back the original weights wherever the LUT is exact (at most 2^n distinct
// values per group, or at most 2^n distinct vectors):
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 weight-num-threshold=16" --coreai-decompress | FileCheck %s --check-prefix=DEC
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=3 granularity=per_channel weight-num-threshold=16" --coreai-decompress | FileCheck %s --check-prefix=DEC
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 granularity=per_grouped_channel group-size=2 weight-num-threshold=16" --coreai-decompress | FileCheck %s --check-prefix=DEC
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=2 cluster-dim=2 weight-num-threshold=16" --coreai-decompress | FileCheck %s --check-prefix=DECV
// The output does not depend on the k-means thread count (F.10), vector k-means included.
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=4 cluster-dim=2 num-kmeans-workers=1 weight-num-threshold=16" > %t.1
// RUN: coreai-opt %s -split-input-file --coreai-palettize="n-bits=4 cluster-dim=2 num-kmeans-workers=0 weight-num-threshold=16" > %t.0
// RUN: diff %t.1 %t.0

// [K=8, N=4] f16 weight, y operand: out axis 1, in axis 0. Four distinct values, 8 of each, and
// every column holds all four; the vectors along axis 1 are only A = (-1.5, 0.5),
// B = (2, 4), C = (0.5, 2) and D = (4, -1.5). Indices of -1.5, 0.5, 2, 4: 0, 1, 2, 3, so the
// rows are [0,1,2,3] [1,2,3,0] [2,3,0,1] [3,0,1,2] [0,1,1,2] [2,3,3,0] [1,2,0,1] [3,0,2,3].
// CHECK-LABEL: coreai.graph @exact
//
// NB1-DAG:    %[[I:.*]] = coreai.constant dense_resource<[[RES:resource_[0-9]+]]> : tensor<8x4xui1>
// NB1-DAG:    %[[A:.*]] = coreai.constant dense<0> : tensor<si16>
// Exact 1-D 2-means of {-1.5, 0.5, 2, 4} x 8: {-1.5, 0.5} | {2, 4} (SSE 32 vs 49.3 for the others).
// NB1-DAG:    %[[L:.*]] = coreai.constant dense<{{\[\[\[\[}}-5.000000e-01], [3.000000e+00]]]]> : tensor<1x1x2x1xf16>
// NB1:        %[[W:.*]] = coreai.lut_to_dense %[[I]], %[[L]], %[[A]] : (tensor<8x4xui1>, tensor<1x1x2x1xf16>, tensor<si16>) -> tensor<8x4xf16>
// NB1-NEXT:   coreai.batch_matmul %arg0, %[[W]] : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
//
// NB2-DAG:    %[[I:.*]] = coreai.constant dense_resource<[[RES:resource_[0-9]+]]> : tensor<8x4xui2>
// NB2-DAG:    %[[A:.*]] = coreai.constant dense<0> : tensor<si16>
// NB2-DAG:    %[[L:.*]] = coreai.constant dense<{{\[\[\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00]]]]> : tensor<1x1x4x1xf16>
// NB2:        %[[W:.*]] = coreai.lut_to_dense %[[I]], %[[L]], %[[A]] : (tensor<8x4xui2>, tensor<1x1x4x1xf16>, tensor<si16>) -> tensor<8x4xf16>
// NB2-NEXT:   coreai.batch_matmul %arg0, %[[W]] : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
//
// LUT rows beyond the number of clusters are 0 (D.4 step 6).
// NB3-DAG:    %[[I:.*]] = coreai.constant dense_resource<[[RES:resource_[0-9]+]]> : tensor<8x4xui3>
// NB3-DAG:    %[[L:.*]] = coreai.constant dense<{{\[\[\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00], [0.000000e+00], [0.000000e+00], [0.000000e+00], [0.000000e+00]]]]> : tensor<1x1x8x1xf16>
// NB3:        coreai.lut_to_dense %[[I]], %[[L]], %{{.*}} : (tensor<8x4xui3>, tensor<1x1x8x1xf16>, tensor<si16>) -> tensor<8x4xf16>
//
// NB4-DAG:    %[[I:.*]] = coreai.constant dense_resource<[[RES:resource_[0-9]+]]> : tensor<8x4xui4>
// NB4-DAG:    %[[L:.*]] = coreai.constant dense<{{\[\[\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00], [0.000000e+00], [0.000000e+00], [0.000000e+00], [0.000000e+00], [0.000000e+00], [0.000000e+00], [0.000000e+00], [0.000000e+00], [0.000000e+00], [0.000000e+00], [0.000000e+00], [0.000000e+00]]]]> : tensor<1x1x16x1xf16>
// NB4:        coreai.lut_to_dense %[[I]], %[[L]], %{{.*}} : (tensor<8x4xui4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<8x4xf16>
//
// NB6-DAG:    %[[I:.*]] = coreai.constant dense_resource<[[RES:resource_[0-9]+]]> : tensor<8x4xui6>
// NB6-DAG:    %[[L:.*]] = coreai.constant dense<{{\[\[\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00], [0.000000e+00]{{(, \[0.000000e\+00\])+}}]]]> : tensor<1x1x64x1xf16>
// NB6:        coreai.lut_to_dense %[[I]], %[[L]], %{{.*}} : (tensor<8x4xui6>, tensor<1x1x64x1xf16>, tensor<si16>) -> tensor<8x4xf16>
//
// 8-bit indices are stored unpacked (inline below 256 elements); the 256-entry LUT is a resource.
// NB8-DAG:    %[[I:.*]] = coreai.constant dense<{{\[\[}}0, 1, 2, 3], [1, 2, 3, 0], [2, 3, 0, 1], [3, 0, 1, 2], [0, 1, 1, 2], [2, 3, 3, 0], [1, 2, 0, 1], [3, 0, 2, 3]]> : tensor<8x4xui8>
// NB8-DAG:    %[[L:.*]] = coreai.constant dense_resource<[[RES:resource_[0-9]+]]> : tensor<1x1x256x1xf16>
// NB8:        coreai.lut_to_dense %[[I]], %[[L]], %{{.*}} : (tensor<8x4xui8>, tensor<1x1x256x1xf16>, tensor<si16>) -> tensor<8x4xf16>
//
// One LUT per output channel (column); each column has all four values.
// PCH:        %[[L:.*]] = coreai.constant dense<{{\[\[\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00]], {{\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00]], {{\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00]], {{\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00]]]]> : tensor<1x4x4x1xf16>
// PCH:        coreai.lut_to_dense %{{.*}}, %[[L]], %{{.*}} : (tensor<8x4xui2>, tensor<1x4x4x1xf16>, tensor<si16>) -> tensor<8x4xf16>
// GRP:        %[[L:.*]] = coreai.constant dense<{{\[\[\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00]], {{\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00]]]]> : tensor<1x2x4x1xf16>
// GRP:        coreai.lut_to_dense %{{.*}}, %[[L]], %{{.*}} : (tensor<8x4xui2>, tensor<1x2x4x1xf16>, tensor<si16>) -> tensor<8x4xf16>
// GRP4:       coreai.lut_to_dense {{.*}} : (tensor<8x4xui2>, tensor<1x1x4x1xf16>, tensor<si16>) -> tensor<8x4xf16>
//
// int8 LUT, per tensor and symmetric: scale = f16((2 * 4 + 1e-6) / 254) = 2064 * 2^-16.
// INT8-DAG:   %[[I:.*]] = coreai.constant dense_resource<{{.*}}> : tensor<8x4xui2>
// INT8-DAG:   %[[A:.*]] = coreai.constant dense<0> : tensor<si16>
// INT8-DAG:   %[[L:.*]] = coreai.constant dense<{{\[\[\[\[}}-48], [16], [{{[0-9]+}}], [127]]]]> : tensor<1x1x4x1xsi8>
// INT8:       %[[Q:.*]] = coreai.lut_to_dense %[[I]], %[[L]], %[[A]] : (tensor<8x4xui2>, tensor<1x1x4x1xsi8>, tensor<si16>) -> tensor<8x4xsi8>
// INT8-NEXT:  %[[C:.*]] = coreai.cast %[[Q]] : tensor<8x4xsi8> to tensor<8x4xf16>
// INT8-DAG:   %[[S:.*]] = coreai.constant dense<3.149410e-02> : tensor<1x1xf16>
// INT8-DAG:   %[[Z:.*]] = coreai.constant dense<0.000000e+00> : tensor<1x1xf16>
// INT8:       %[[W:.*]] = coreai.blockwise_shift_scale %[[C]], %[[S]], %[[Z]], %{{.*}} : (tensor<8x4xf16>, tensor<1x1xf16>, tensor<1x1xf16>, tensor<1x1xf16>) -> tensor<8x4xf16>
// INT8-NEXT:  coreai.batch_matmul %arg0, %[[W]]
//
// uint8 LUT: zero point 127, as the float offset1 (C.8).
// UINT8-DAG:  %[[L:.*]] = coreai.constant dense<{{\[\[\[\[}}{{[0-9]+}}], [{{[0-9]+}}], [{{[0-9]+}}], [254]]]]> : tensor<1x1x4x1xui8>
// UINT8:      %[[Q:.*]] = coreai.lut_to_dense %{{.*}}, %[[L]], %{{.*}} : (tensor<8x4xui2>, tensor<1x1x4x1xui8>, tensor<si16>) -> tensor<8x4xui8>
// UINT8-NEXT: %[[C:.*]] = coreai.cast %[[Q]] : tensor<8x4xui8> to tensor<8x4xf16>
// UINT8-DAG:  %[[S:.*]] = coreai.constant dense<3.149410e-02> : tensor<1x1xf16>
// UINT8-DAG:  %[[Z:.*]] = coreai.constant dense<1.270000e+02> : tensor<1x1xf16>
// UINT8:      %[[W:.*]] = coreai.blockwise_shift_scale %[[C]], %[[S]], %[[Z]], %{{.*}} : (tensor<8x4xf16>, tensor<1x1xf16>, tensor<1x1xf16>, tensor<1x1xf16>) -> tensor<8x4xf16>
// UINT8-NEXT: coreai.batch_matmul %arg0, %[[W]]
//
// FP8 LUTs are resources. For E4M3FN the scale is f16((8 + 1e-6) / 896) = 1170 * 2^-17.
// E4M3:       %[[L:.*]] = coreai.constant dense_resource<{{.*}}> : tensor<1x1x4x1xf8E4M3FN>
// E4M3:       %[[Q:.*]] = coreai.lut_to_dense %{{.*}}, %[[L]], %{{.*}} : (tensor<8x4xui2>, tensor<1x1x4x1xf8E4M3FN>, tensor<si16>) -> tensor<8x4xf8E4M3FN>
// E4M3-NEXT:  %[[C:.*]] = coreai.cast %[[Q]] : tensor<8x4xf8E4M3FN> to tensor<8x4xf16>
// E4M3-NEXT:  %[[S:.*]] = coreai.constant dense<8.926390e-03> : tensor<1x1xf16>
// E4M3:       %[[W:.*]] = coreai.blockwise_shift_scale %[[C]], %[[S]], %{{.*}}, %{{.*}} : (tensor<8x4xf16>, tensor<1x1xf16>, tensor<1x1xf16>, tensor<1x1xf16>) -> tensor<8x4xf16>
// E4M3-NEXT:  coreai.batch_matmul %arg0, %[[W]]
// For E5M2 the scale is f16((8 + 1e-6) / 114688) = 1170 * 2^-24 (computed in f32, F.2); codes
// -1.5/s = -21509 -> -20480 (F5), 0.5/s = 7170 -> 7168 (6F), 2/s -> 28672 (77), 4/s -> 57344 (7B).
// E5M2:       %[[L:.*]] = coreai.constant dense_resource<[[RES:resource_[0-9]+]]> : tensor<1x1x4x1xf8E5M2>
// E5M2:       %[[Q:.*]] = coreai.lut_to_dense %{{.*}}, %[[L]], %{{.*}} : (tensor<8x4xui2>, tensor<1x1x4x1xf8E5M2>, tensor<si16>) -> tensor<8x4xf8E5M2>
// E5M2-NEXT:  %[[C:.*]] = coreai.cast %[[Q]] : tensor<8x4xf8E5M2> to tensor<8x4xf16>
// E5M2-NEXT:  %[[S:.*]] = coreai.constant dense<6.973740e-05> : tensor<1x1xf16>
// E5M2:       %[[W:.*]] = coreai.blockwise_shift_scale %[[C]], %[[S]], %{{.*}}, %{{.*}} : (tensor<8x4xf16>, tensor<1x1xf16>, tensor<1x1xf16>, tensor<1x1xf16>) -> tensor<8x4xf16>
// E5M2-NEXT:  coreai.batch_matmul %arg0, %[[W]]
//
// The LUT is quantized per tensor over all groups (D.5): one scalar scale for four LUTs.
// INT8PC:     coreai.lut_to_dense {{.*}} : (tensor<8x4xui2>, tensor<1x4x4x1xsi8>, tensor<si16>) -> tensor<8x4xsi8>
// INT8PC:     coreai.blockwise_shift_scale {{.*}} : (tensor<8x4xf16>, tensor<1x1xf16>, tensor<1x1xf16>, tensor<1x1xf16>) -> tensor<8x4xf16>
//
// Per-channel scale: pcs = max |w| over the out axis, one per row, shape [K, 1] (D.4). The
// normalized weights are -0.75 x2, -0.375 x6, 0.125 x4, 0.25 x4, 0.5 x6, 1 x10; the exact
// 4-means merges {-0.75, -0.375} -> -0.46875 and {0.125, 0.25} -> 0.1875.
// PCS-DAG:    %[[L:.*]] = coreai.constant dense<{{\[\[\[\[}}-4.687500e-01], [1.875000e-01], [5.000000e-01], [1.000000e+00]]]]> : tensor<1x1x4x1xf16>
// PCS:        %[[D:.*]] = coreai.lut_to_dense %{{.*}}, %[[L]], %{{.*}} : (tensor<8x4xui2>, tensor<1x1x4x1xf16>, tensor<si16>) -> tensor<8x4xf16>
// PCS-NEXT:   %[[S:.*]] = coreai.constant dense<{{\[\[}}4.000000e+00], [4.000000e+00], [4.000000e+00], [4.000000e+00], [2.000000e+00], [4.000000e+00], [2.000000e+00], [4.000000e+00]]> : tensor<8x1xf16>
// PCS-NEXT:   %[[Z:.*]] = coreai.constant dense<0.000000e+00> : tensor<8x1xf16>
// PCS-NEXT:   %[[Z2:.*]] = coreai.constant dense<0.000000e+00> : tensor<8x1xf16>
// PCS-NEXT:   %[[W:.*]] = coreai.blockwise_shift_scale %[[D]], %[[S]], %[[Z]], %[[Z2]] : (tensor<8x4xf16>, tensor<8x1xf16>, tensor<8x1xf16>, tensor<8x1xf16>) -> tensor<8x4xf16>
// PCS-NEXT:   coreai.batch_matmul %arg0, %[[W]]
// F.5: the fused scale lut_scale * pcs and the unscaled zero point, both in the pcs shape.
// PCSI8:      %[[Q:.*]] = coreai.lut_to_dense {{.*}} : (tensor<8x4xui2>, tensor<1x1x4x1xsi8>, tensor<si16>) -> tensor<8x4xsi8>
// PCSI8-NEXT: %[[C:.*]] = coreai.cast %[[Q]] : tensor<8x4xsi8> to tensor<8x4xf16>
// PCSI8-NEXT: %[[S:.*]] = coreai.constant dense<{{\[\[}}{{.*}}]]> : tensor<8x1xf16>
// PCSI8-NEXT: %[[Z:.*]] = coreai.constant dense<0.000000e+00> : tensor<8x1xf16>
// PCSI8-NEXT: %[[Z2:.*]] = coreai.constant dense<0.000000e+00> : tensor<8x1xf16>
// PCSI8-NEXT: %[[W:.*]] = coreai.blockwise_shift_scale %[[C]], %[[S]], %[[Z]], %[[Z2]] : (tensor<8x4xf16>, tensor<8x1xf16>, tensor<8x1xf16>, tensor<8x1xf16>) -> tensor<8x4xf16>
// PCSI8-NEXT: coreai.batch_matmul %arg0, %[[W]]
// PCSU8:      coreai.cast %{{.*}} : tensor<8x4xui8> to tensor<8x4xf16>
// PCSU8-NEXT: %[[S:.*]] = coreai.constant dense<{{\[\[}}{{.*}}]]> : tensor<8x1xf16>
// PCSU8-NEXT: %[[Z:.*]] = coreai.constant dense<1.270000e+02> : tensor<8x1xf16>
// PCSU8:      coreai.blockwise_shift_scale %{{.*}}, %[[S]], %[[Z]], %{{.*}} : (tensor<8x4xf16>, tensor<8x1xf16>, tensor<8x1xf16>, tensor<8x1xf16>) -> tensor<8x4xf16>
//
// Vectors of 2 along the out axis 1: indices [8, 4/2], axis constant 1, LUT [1, 1, 4, 2].
// VEC-DAG:    %[[I:.*]] = coreai.constant dense_resource<{{.*}}> : tensor<8x2xui2>
// VEC-DAG:    %[[A:.*]] = coreai.constant dense<1> : tensor<si16>
// VEC-DAG:    %[[L:.*]] = coreai.constant dense<{{\[\[\[\[}}{{.*}}]]]]> : tensor<1x1x4x2xf16>
// VEC:        %[[W:.*]] = coreai.lut_to_dense %[[I]], %[[L]], %[[A]] : (tensor<8x2xui2>, tensor<1x1x4x2xf16>, tensor<si16>) -> tensor<8x4xf16>
// VEC-NEXT:   coreai.batch_matmul %arg0, %[[W]]
// VECU8:      coreai.lut_to_dense {{.*}} : (tensor<8x2xui2>, tensor<1x1x4x2xui8>, tensor<si16>) -> tensor<8x4xui8>
// VECU8-NEXT: coreai.cast %{{.*}} : tensor<8x4xui8> to tensor<8x4xf16>
// VECU8:      coreai.blockwise_shift_scale {{.*}} : (tensor<8x4xf16>, tensor<1x1xf16>, tensor<1x1xf16>, tensor<1x1xf16>) -> tensor<8x4xf16>
//
// CHECK:      coreai.output
// The blobs, in the trailer after the module, packed row-major and LSB-first (D.7):
// ui1 bits 0 0 1 1 | 0 1 1 0 | ...; ui2 row 0 = 0 | 1<<2 | 2<<4 | 3<<6 = E4, row 1 = 39, ...;
// ui3 one continuous 3-bit stream (F.7), 32 values in 12 bytes; ui4 two per byte, low nibble
// first; ui6 four per 3 bytes, v0 | v1<<6 | v2<<12 | v3<<18. The ui8 LUT is f16 little-endian:
// -1.5 = BE00, 0.5 = 3800, 2 = 4000, 4 = 4400, then 252 zero entries.
// NB1:        [[RES]]: "0x100000006C9378D2"
// NB2:        [[RES]]: "0x10000000E4394E93943E49E3"
// NB3:        [[RES]]: "0x1000000088160D1A324448A40D113268"
// NB4:        [[RES]]: "0x1000000010322103321003211021320321100332"
// NB6:        [[RES]]: "0x1000000040200C813000C20004031008401008C2300081000403200C"
// NB8:        [[RES]]: "0x1000000000BE003800400044{{(0000)+}}"
// E5M2:       [[RES]]: "0x10000000F56F777B"
//
// F12-LABEL:  coreai.graph @exact
// F12-NOT:    coreai.constant {{.*}} : tensor<8x4xf16>{{$}}
// F12-NOT:    coreai.cast {{.*}} : tensor<8x4xf16> to tensor<8x4xf16>
// F12:        coreai.batch_matmul
//
// DEC-LABEL:  coreai.graph @exact
// DEC-NOT:    coreai.lut_to_dense
// DEC:        %[[W:.*]] = coreai.constant dense<{{\[\[}}-1.500000e+00, 5.000000e-01, 2.000000e+00, 4.000000e+00], [5.000000e-01, 2.000000e+00, 4.000000e+00, -1.500000e+00], [2.000000e+00, 4.000000e+00, -1.500000e+00, 5.000000e-01], [4.000000e+00, -1.500000e+00, 5.000000e-01, 2.000000e+00], [-1.500000e+00, 5.000000e-01, 5.000000e-01, 2.000000e+00], [2.000000e+00, 4.000000e+00, 4.000000e+00, -1.500000e+00], [5.000000e-01, 2.000000e+00, -1.500000e+00, 5.000000e-01], [4.000000e+00, -1.500000e+00, 2.000000e+00, 4.000000e+00]]> : tensor<8x4xf16>
// DEC-NEXT:   coreai.batch_matmul %arg0, %[[W]]
// DECV-LABEL: coreai.graph @exact
// DECV:       %[[W:.*]] = coreai.constant dense<{{\[\[}}-1.500000e+00, 5.000000e-01, 2.000000e+00, 4.000000e+00], [5.000000e-01, 2.000000e+00, 4.000000e+00, -1.500000e+00], [2.000000e+00, 4.000000e+00, -1.500000e+00, 5.000000e-01], [4.000000e+00, -1.500000e+00, 5.000000e-01, 2.000000e+00], [-1.500000e+00, 5.000000e-01, 5.000000e-01, 2.000000e+00], [2.000000e+00, 4.000000e+00, 4.000000e+00, -1.500000e+00], [5.000000e-01, 2.000000e+00, -1.500000e+00, 5.000000e-01], [4.000000e+00, -1.500000e+00, 2.000000e+00, 4.000000e+00]]> : tensor<8x4xf16>
// DECV-NEXT:  coreai.batch_matmul %arg0, %[[W]]
coreai.graph @exact(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<[[-1.5, 0.5, 2.0, 4.0], [0.5, 2.0, 4.0, -1.5], [2.0, 4.0, -1.5, 0.5], [4.0, -1.5, 0.5, 2.0], [-1.5, 0.5, 0.5, 2.0], [2.0, 4.0, 4.0, -1.5], [0.5, 2.0, -1.5, 0.5], [4.0, -1.5, 2.0, 4.0]]> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

// The transpose of @exact, [N=4, K=8] f32, as the x operand: out axis 0, in axis 1. Every row
// holds all four values and the vectors along axis 0 are again A, B, C, D.
// CHECK-LABEL: coreai.graph @matmul_x
// NB2:        coreai.constant dense<{{\[\[\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00]]]]> : tensor<1x1x4x1xf32>
// NB2:        coreai.lut_to_dense {{.*}} : (tensor<4x8xui2>, tensor<1x1x4x1xf32>, tensor<si16>) -> tensor<4x8xf32>
// PCH:        coreai.lut_to_dense {{.*}} : (tensor<4x8xui2>, tensor<4x1x4x1xf32>, tensor<si16>) -> tensor<4x8xf32>
// GRP:        coreai.lut_to_dense {{.*}} : (tensor<4x8xui2>, tensor<2x1x4x1xf32>, tensor<si16>) -> tensor<4x8xf32>
// GRP4:       coreai.lut_to_dense {{.*}} : (tensor<4x8xui2>, tensor<1x1x4x1xf32>, tensor<si16>) -> tensor<4x8xf32>
// f32 weights: the LUT is cast straight to f32 and the parameters are f32.
// INT8:       coreai.lut_to_dense {{.*}} : (tensor<4x8xui2>, tensor<1x1x4x1xsi8>, tensor<si16>) -> tensor<4x8xsi8>
// INT8-NEXT:  coreai.cast %{{.*}} : tensor<4x8xsi8> to tensor<4x8xf32>
// INT8:       coreai.blockwise_shift_scale {{.*}} : (tensor<4x8xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<1x1xf32>) -> tensor<4x8xf32>
// E4M3:       coreai.cast %{{.*}} : tensor<4x8xf8E4M3FN> to tensor<4x8xf32>
// E4M3:       coreai.blockwise_shift_scale {{.*}} : (tensor<4x8xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<1x1xf32>) -> tensor<4x8xf32>
// pcs is reduced over the out axis 0: shape [1, 8], the max |w| of each column.
// PCS:        coreai.constant dense<{{\[\[}}4.000000e+00, 4.000000e+00, 4.000000e+00, 4.000000e+00, 2.000000e+00, 4.000000e+00, 2.000000e+00, 4.000000e+00]]> : tensor<1x8xf32>
// PCS:        coreai.blockwise_shift_scale {{.*}} : (tensor<4x8xf32>, tensor<1x8xf32>, tensor<1x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
// PCSI8:      coreai.blockwise_shift_scale {{.*}} : (tensor<4x8xf32>, tensor<1x8xf32>, tensor<1x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
// VEC-DAG:    %[[I:.*]] = coreai.constant dense_resource<{{.*}}> : tensor<2x8xui2>
// VEC-DAG:    %[[A:.*]] = coreai.constant dense<0> : tensor<si16>
// VEC:        coreai.lut_to_dense %[[I]], %{{.*}}, %[[A]] : (tensor<2x8xui2>, tensor<1x1x4x2xf32>, tensor<si16>) -> tensor<4x8xf32>
// CHECK:      coreai.batch_matmul %{{.*}}, %arg0 : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
// F12-LABEL:  coreai.graph @matmul_x
// F12-NOT:    coreai.constant {{.*}} : tensor<4x8xf32>{{$}}
// F12-NOT:    coreai.cast {{.*}} : tensor<4x8xf32> to tensor<4x8xf32>
// F12:        coreai.batch_matmul
// DEC-LABEL:  coreai.graph @matmul_x
// DEC:        coreai.constant dense<{{\[\[}}-1.500000e+00, 5.000000e-01, 2.000000e+00, 4.000000e+00, -1.500000e+00, 2.000000e+00, 5.000000e-01, 4.000000e+00], [5.000000e-01, 2.000000e+00, 4.000000e+00, -1.500000e+00, 5.000000e-01, 4.000000e+00, 2.000000e+00, -1.500000e+00], [2.000000e+00, 4.000000e+00, -1.500000e+00, 5.000000e-01, 5.000000e-01, 4.000000e+00, -1.500000e+00, 2.000000e+00], [4.000000e+00, -1.500000e+00, 5.000000e-01, 2.000000e+00, 2.000000e+00, -1.500000e+00, 5.000000e-01, 4.000000e+00]]> : tensor<4x8xf32>
// DECV-LABEL: coreai.graph @matmul_x
// DECV:       coreai.constant dense<{{\[\[}}-1.500000e+00, 5.000000e-01, 2.000000e+00, 4.000000e+00, -1.500000e+00, 2.000000e+00, 5.000000e-01, 4.000000e+00], [5.000000e-01, 2.000000e+00, 4.000000e+00, -1.500000e+00, 5.000000e-01, 4.000000e+00, 2.000000e+00, -1.500000e+00], [2.000000e+00, 4.000000e+00, -1.500000e+00, 5.000000e-01, 5.000000e-01, 4.000000e+00, -1.500000e+00, 2.000000e+00], [4.000000e+00, -1.500000e+00, 5.000000e-01, 2.000000e+00, 2.000000e+00, -1.500000e+00, 5.000000e-01, 4.000000e+00]]> : tensor<4x8xf32>
coreai.graph @matmul_x(%arg0: tensor<8x2xf32>) -> tensor<4x2xf32> {
  %0 = coreai.constant dense<[[-1.5, 0.5, 2.0, 4.0, -1.5, 2.0, 0.5, 4.0], [0.5, 2.0, 4.0, -1.5, 0.5, 4.0, 2.0, -1.5], [2.0, 4.0, -1.5, 0.5, 0.5, 4.0, -1.5, 2.0], [4.0, -1.5, 0.5, 2.0, 2.0, -1.5, 0.5, 4.0]]> : tensor<4x8xf32>
  %1 = coreai.batch_matmul %0, %arg0 : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
  coreai.output %1 : tensor<4x2xf32>
}

// -----

// nn.Linear as exported from PyTorch (B.3): [out=4, in=8] -> transpose -> batch_matmul y gives
// out axis 0, so the per-channel LUT has one entry per row and the pcs is [1, 8].
// CHECK-LABEL: coreai.graph @linear
// PCH:        %[[W:.*]] = coreai.lut_to_dense {{.*}} : (tensor<4x8xui2>, tensor<4x1x4x1xf16>, tensor<si16>) -> tensor<4x8xf16>
// PCH:        coreai.transpose %[[W]], %{{.*}} : (tensor<4x8xf16>, tensor<2xui32>) -> tensor<8x4xf16>
// PCS:        coreai.blockwise_shift_scale {{.*}} : (tensor<4x8xf16>, tensor<1x8xf16>, tensor<1x8xf16>, tensor<1x8xf16>) -> tensor<4x8xf16>
// VEC:        coreai.lut_to_dense {{.*}} : (tensor<2x8xui2>, tensor<1x1x4x2xf16>, tensor<si16>) -> tensor<4x8xf16>
// CHECK:      coreai.batch_matmul
coreai.graph @linear(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<[[-1.5, 0.5, 2.0, 4.0, -1.5, 2.0, 0.5, 4.0], [0.5, 2.0, 4.0, -1.5, 0.5, 4.0, 2.0, -1.5], [2.0, 4.0, -1.5, 0.5, 0.5, 4.0, -1.5, 2.0], [4.0, -1.5, 0.5, 2.0, 2.0, -1.5, 0.5, 4.0]]> : tensor<4x8xf16>
  %p = coreai.constant dense<[1, 0]> : tensor<2xui32>
  %t = coreai.transpose %0, %p : (tensor<4x8xf16>, tensor<2xui32>) -> tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %t : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

// A transpose feeding the x operand: out axis -1 of the constant (B.3), i.e. axis 1 of [8, 4].
// CHECK-LABEL: coreai.graph @transpose_x
// PCH:        coreai.lut_to_dense {{.*}} : (tensor<8x4xui2>, tensor<1x4x4x1xf16>, tensor<si16>) -> tensor<8x4xf16>
// VEC:        coreai.lut_to_dense {{.*}} : (tensor<8x2xui2>, tensor<1x1x4x2xf16>, tensor<si16>) -> tensor<8x4xf16>
// CHECK:      coreai.transpose
coreai.graph @transpose_x(%arg0: tensor<8x2xf16>) -> tensor<4x2xf16> {
  %0 = coreai.constant dense<0.5> : tensor<8x4xf16>
  %p = coreai.constant dense<[1, 0]> : tensor<2xui32>
  %t = coreai.transpose %0, %p : (tensor<8x4xf16>, tensor<2xui32>) -> tensor<4x8xf16>
  %1 = coreai.batch_matmul %t, %arg0 : (tensor<4x8xf16>, tensor<8x2xf16>) -> tensor<4x2xf16>
  coreai.output %1 : tensor<4x2xf16>
}

// -----

// A transpose whose result is not a matmul operand: the default axes, out 0 and in 1.
// CHECK-LABEL: coreai.graph @transpose_other
// PCH:        coreai.lut_to_dense {{.*}} : (tensor<8x4xui2>, tensor<8x1x4x1xf16>, tensor<si16>) -> tensor<8x4xf16>
// VEC:        coreai.lut_to_dense {{.*}} : (tensor<4x4xui2>, tensor<1x1x4x2xf16>, tensor<si16>) -> tensor<8x4xf16>
// CHECK:      coreai.transpose
coreai.graph @transpose_other() -> tensor<4x8xf16> {
  %0 = coreai.constant dense<0.5> : tensor<8x4xf16>
  %p = coreai.constant dense<[1, 0]> : tensor<2xui32>
  %t = coreai.transpose %0, %p : (tensor<8x4xf16>, tensor<2xui32>) -> tensor<4x8xf16>
  coreai.output %t : tensor<4x8xf16>
}

// -----

// decomposable.broadcasting_batch_matmul y operand: out axis -1.
// CHECK-LABEL: coreai.graph @broadcasting
// NB2:        %[[W:.*]] = coreai.lut_to_dense {{.*}} : (tensor<8x4xui2>, tensor<1x1x4x1xf16>, tensor<si16>) -> tensor<8x4xf16>
// NB2-NEXT:   coreai.decomposable.broadcasting_batch_matmul %arg0, %[[W]] : (tensor<2x3x8xf16>, tensor<8x4xf16>) -> tensor<2x3x4xf16>
// PCH:        coreai.lut_to_dense {{.*}} : (tensor<8x4xui2>, tensor<1x4x4x1xf16>, tensor<si16>) -> tensor<8x4xf16>
// CHECK:      coreai.output
coreai.graph @broadcasting(%arg0: tensor<2x3x8xf16>) -> tensor<2x3x4xf16> {
  %0 = coreai.constant dense<0.5> : tensor<8x4xf16>
  %1 = coreai.decomposable.broadcasting_batch_matmul %arg0, %0 : (tensor<2x3x8xf16>, tensor<8x4xf16>) -> tensor<2x3x4xf16>
  coreai.output %1 : tensor<2x3x4xf16>
}

// -----

// conv2d weight [Cout=8, Cin=4, 3, 3] f16: out axis 0, input and kernel axes in one block, the LUT
// has rank 6. The weight cycles through -1, -0.25, 0.5, 2, so every LUT is exact.
// CHECK-LABEL: coreai.graph @conv
// NB2:        coreai.constant dense<{{\[\[\[\[\[\[}}-1.000000e+00], [-2.500000e-01], [5.000000e-01], [2.000000e+00]]]]]]> : tensor<1x1x1x1x4x1xf16>
// NB2:        coreai.lut_to_dense {{.*}} : (tensor<8x4x3x3xui2>, tensor<1x1x1x1x4x1xf16>, tensor<si16>) -> tensor<8x4x3x3xf16>
// PCH:        coreai.lut_to_dense {{.*}} : (tensor<8x4x3x3xui2>, tensor<8x1x1x1x4x1xf16>, tensor<si16>) -> tensor<8x4x3x3xf16>
// GRP:        coreai.lut_to_dense {{.*}} : (tensor<8x4x3x3xui2>, tensor<4x1x1x1x4x1xf16>, tensor<si16>) -> tensor<8x4x3x3xf16>
// GRP4:       coreai.lut_to_dense {{.*}} : (tensor<8x4x3x3xui2>, tensor<2x1x1x1x4x1xf16>, tensor<si16>) -> tensor<8x4x3x3xf16>
// INT8:       coreai.blockwise_shift_scale {{.*}} : (tensor<8x4x3x3xf16>, tensor<1x1x1x1xf16>, tensor<1x1x1x1xf16>, tensor<1x1x1x1xf16>) -> tensor<8x4x3x3xf16>
// pcs over the out axis 0: one scale per (input channel, kernel position). The max |w| at flat
// position i (mod 36) of every output channel is that of the value i mod 4, so pcs cycles too.
// PCS:        coreai.blockwise_shift_scale {{.*}} : (tensor<8x4x3x3xf16>, tensor<1x4x3x3xf16>, tensor<1x4x3x3xf16>, tensor<1x4x3x3xf16>) -> tensor<8x4x3x3xf16>
// PCSI8:      coreai.blockwise_shift_scale {{.*}} : (tensor<8x4x3x3xf16>, tensor<1x4x3x3xf16>, tensor<1x4x3x3xf16>, tensor<1x4x3x3xf16>) -> tensor<8x4x3x3xf16>
// VEC-DAG:    %[[I:.*]] = coreai.constant {{.*}} : tensor<4x4x3x3xui2>
// VEC-DAG:    %[[A:.*]] = coreai.constant dense<0> : tensor<si16>
// VEC:        coreai.lut_to_dense %[[I]], %{{.*}}, %[[A]] : (tensor<4x4x3x3xui2>, tensor<1x1x1x1x4x2xf16>, tensor<si16>) -> tensor<8x4x3x3xf16>
// CHECK:      coreai.conv2d %arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x4x8x8xf16>, tensor<8x4x3x3xf16>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x8x6x6xf16>
// F12-LABEL:  coreai.graph @conv
// F12-NOT:    coreai.constant {{.*}} : tensor<8x4x3x3xf16>{{$}}
// F12-NOT:    coreai.cast {{.*}} : tensor<8x4x3x3xf16> to tensor<8x4x3x3xf16>
// F12:        coreai.conv2d
coreai.graph @conv(%arg0: tensor<1x4x8x8xf16>) -> tensor<1x8x6x6xf16> {
  %w = coreai.constant dense_resource<conv_w> : tensor<8x4x3x3xf16>
  %s = coreai.constant dense<1> : tensor<2xui32>
  %g = coreai.constant dense<1> : tensor<ui32>
  %0 = coreai.conv2d %arg0, %w, %s, %s, %g : (tensor<1x4x8x8xf16>, tensor<8x4x3x3xf16>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x8x6x6xf16>
  coreai.output %0 : tensor<1x8x6x6xf16>
}
{-#
  dialect_resources: {
    builtin: {
      conv_w: "0x1000000000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B40038004000BC00B400380040"
    }
  }
#-}

// -----

// F.14: vector palettization of a grouped conv2d reads groups from operand 4. 8 output channels
// in 4 groups leave 2 per group, which cluster-dim 2 divides.
// CHECK-LABEL: coreai.graph @conv_groups
// VEC:        coreai.lut_to_dense {{.*}} : (tensor<4x4x3x3xui2>, tensor<1x1x1x1x4x2xf32>, tensor<si16>) -> tensor<8x4x3x3xf32>
// VECU8:      coreai.lut_to_dense {{.*}} : (tensor<4x4x3x3xui2>, tensor<1x1x1x1x4x2xui8>, tensor<si16>) -> tensor<8x4x3x3xui8>
// CHECK:      coreai.conv2d
coreai.graph @conv_groups(%arg0: tensor<1x16x8x8xf32>) -> tensor<1x8x6x6xf32> {
  %w = coreai.constant dense<0.125> : tensor<8x4x3x3xf32>
  %s = coreai.constant dense<1> : tensor<2xui32>
  %g = coreai.constant dense<4> : tensor<ui32>
  %0 = coreai.conv2d %arg0, %w, %s, %s, %g : (tensor<1x16x8x8xf32>, tensor<8x4x3x3xf32>, tensor<2xui32>, tensor<2xui32>, tensor<ui32>) -> tensor<1x8x6x6xf32>
  coreai.output %0 : tensor<1x8x6x6xf32>
}

// -----

// gather_nd embedding table [8, 4] in bf16 (F.9): out axis 0, in axis 1; LUTs stay bf16.
// CHECK-LABEL: coreai.graph @embedding
// NB2:        coreai.constant dense<{{\[\[\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00]]]]> : tensor<1x1x4x1xbf16>
// NB2:        %[[W:.*]] = coreai.lut_to_dense {{.*}} : (tensor<8x4xui2>, tensor<1x1x4x1xbf16>, tensor<si16>) -> tensor<8x4xbf16>
// NB2-NEXT:   coreai.gather_nd %[[W]] at %arg0 : (tensor<8x4xbf16>, tensor<5x1xsi32>) to tensor<5x4xbf16>
// One LUT per row; rows 4-7 have only three distinct values, so their last entry is 0.
// PCH:        coreai.constant dense<{{\[\[\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00]]], {{\[\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00]]], {{\[\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00]]], {{\[\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [4.000000e+00]]], {{\[\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [0.000000e+00]]], {{\[\[\[}}-1.500000e+00], [2.000000e+00], [4.000000e+00], [0.000000e+00]]], {{\[\[\[}}-1.500000e+00], [5.000000e-01], [2.000000e+00], [0.000000e+00]]], {{\[\[\[}}-1.500000e+00], [2.000000e+00], [4.000000e+00], [0.000000e+00]]]]> : tensor<8x1x4x1xbf16>
// PCH:        coreai.lut_to_dense {{.*}} : (tensor<8x4xui2>, tensor<8x1x4x1xbf16>, tensor<si16>) -> tensor<8x4xbf16>
// GRP:        coreai.lut_to_dense {{.*}} : (tensor<8x4xui2>, tensor<4x1x4x1xbf16>, tensor<si16>) -> tensor<8x4xbf16>
// GRP4:       coreai.lut_to_dense {{.*}} : (tensor<8x4xui2>, tensor<2x1x4x1xbf16>, tensor<si16>) -> tensor<8x4xbf16>
// INT8:       coreai.cast %{{.*}} : tensor<8x4xsi8> to tensor<8x4xbf16>
// INT8:       coreai.blockwise_shift_scale {{.*}} : (tensor<8x4xbf16>, tensor<1x1xbf16>, tensor<1x1xbf16>, tensor<1x1xbf16>) -> tensor<8x4xbf16>
// E5M2:       coreai.cast %{{.*}} : tensor<8x4xf8E5M2> to tensor<8x4xbf16>
// PCS:        coreai.blockwise_shift_scale {{.*}} : (tensor<8x4xbf16>, tensor<1x4xbf16>, tensor<1x4xbf16>, tensor<1x4xbf16>) -> tensor<8x4xbf16>
// VEC-DAG:    %[[A:.*]] = coreai.constant dense<0> : tensor<si16>
// VEC:        coreai.lut_to_dense %{{.*}}, %{{.*}}, %[[A]] : (tensor<4x4xui2>, tensor<1x1x4x2xbf16>, tensor<si16>) -> tensor<8x4xbf16>
// CHECK:      coreai.output
// DEC-LABEL:  coreai.graph @embedding
// DEC:        coreai.constant dense<{{\[\[}}-1.500000e+00, 5.000000e-01, 2.000000e+00, 4.000000e+00], [5.000000e-01, 2.000000e+00, 4.000000e+00, -1.500000e+00], [2.000000e+00, 4.000000e+00, -1.500000e+00, 5.000000e-01], [4.000000e+00, -1.500000e+00, 5.000000e-01, 2.000000e+00], [-1.500000e+00, 5.000000e-01, 5.000000e-01, 2.000000e+00], [2.000000e+00, 4.000000e+00, 4.000000e+00, -1.500000e+00], [5.000000e-01, 2.000000e+00, -1.500000e+00, 5.000000e-01], [4.000000e+00, -1.500000e+00, 2.000000e+00, 4.000000e+00]]> : tensor<8x4xbf16>
coreai.graph @embedding(%arg0: tensor<5x1xsi32>) -> tensor<5x4xbf16> {
  %0 = coreai.constant dense<[[-1.5, 0.5, 2.0, 4.0], [0.5, 2.0, 4.0, -1.5], [2.0, 4.0, -1.5, 0.5], [4.0, -1.5, 0.5, 2.0], [-1.5, 0.5, 0.5, 2.0], [2.0, 4.0, 4.0, -1.5], [0.5, 2.0, -1.5, 0.5], [4.0, -1.5, 2.0, 4.0]]> : tensor<8x4xbf16>
  %1 = coreai.gather_nd %0 at %arg0 : (tensor<8x4xbf16>, tensor<5x1xsi32>) to tensor<5x4xbf16>
  coreai.output %1 : tensor<5x4xbf16>
}

// -----

// F.4: |w| > 6.5504 is rounded in f32, so the fast-mode LUT is still exact (the reference's f16
// rounding puts inf/NaN into the LUT).
// CHECK-LABEL: coreai.graph @large_values
// NB2:        coreai.constant dense<{{\[\[\[\[}}-1.000000e+02], [1.000000e+01], [2.000000e+02], [1.000000e+03]]]]> : tensor<1x1x4x1xf16>
// CHECK:      coreai.batch_matmul
// DEC-LABEL:  coreai.graph @large_values
// DEC:        coreai.constant dense<{{\[\[}}-1.000000e+02, 1.000000e+01, 2.000000e+02, 1.000000e+03], [1.000000e+01, 2.000000e+02, 1.000000e+03, -1.000000e+02], [2.000000e+02, 1.000000e+03, -1.000000e+02, 1.000000e+01], [1.000000e+03, -1.000000e+02, 1.000000e+01, 2.000000e+02], [-1.000000e+02, 1.000000e+01, 1.000000e+01, 2.000000e+02], [2.000000e+02, 1.000000e+03, 1.000000e+03, -1.000000e+02], [1.000000e+01, 2.000000e+02, -1.000000e+02, 1.000000e+01], [1.000000e+03, -1.000000e+02, 2.000000e+02, 1.000000e+03]]> : tensor<8x4xf16>
coreai.graph @large_values(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<[[-100.0, 10.0, 200.0, 1000.0], [10.0, 200.0, 1000.0, -100.0], [200.0, 1000.0, -100.0, 10.0], [1000.0, -100.0, 10.0, 200.0], [-100.0, 10.0, 10.0, 200.0], [200.0, 1000.0, 1000.0, -100.0], [10.0, 200.0, -100.0, 10.0], [1000.0, -100.0, 200.0, 1000.0]]> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

// rounding-precision: the values 1.25, 1.375, 2.5, 2.625 survive 4 decimals; at 0 decimals,
// round half to even gives 1, 1, 2, 3, so only three clusters remain. Without fast mode the
// values are clustered as they are.
// CHECK-LABEL: coreai.graph @rounding
// NB2:        coreai.constant dense<{{\[\[\[\[}}1.250000e+00], [1.375000e+00], [2.500000e+00], [2.625000e+00]]]]> : tensor<1x1x4x1xf16>
// RND0:       coreai.constant dense<{{\[\[\[\[}}1.000000e+00], [2.000000e+00], [3.000000e+00], [0.000000e+00]]]]> : tensor<1x1x4x1xf16>
// NOFAST:     coreai.constant dense<{{\[\[\[\[}}1.250000e+00], [1.375000e+00], [2.500000e+00], [2.625000e+00]]]]> : tensor<1x1x4x1xf16>
// CHECK:      coreai.batch_matmul
coreai.graph @rounding(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<[[1.25, 1.375, 2.5, 2.625], [1.375, 2.5, 2.625, 1.25], [2.5, 2.625, 1.25, 1.375], [2.625, 1.25, 1.375, 2.5], [1.25, 1.375, 1.375, 2.5], [2.5, 2.625, 2.625, 1.25], [1.375, 2.5, 1.25, 1.375], [2.625, 1.25, 2.5, 2.625]]> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

// One constant, two uses that agree on the axes: compressed once, both uses read the result.
// CHECK-LABEL: coreai.graph @shared
// CHECK:      coreai.lut_to_dense
// CHECK-NOT:  coreai.lut_to_dense
// CHECK:      coreai.batch_matmul %arg0, %[[W:[0-9]+]] :
// CHECK-NEXT: coreai.batch_matmul %arg1, %[[W]] :
coreai.graph @shared(%arg0: tensor<1x8xf16>, %arg1: tensor<3x8xf16>) -> (tensor<1x4xf16>, tensor<3x4xf16>) {
  %0 = coreai.constant dense<0.5> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  %2 = coreai.batch_matmul %arg1, %0 : (tensor<3x8xf16>, tensor<8x4xf16>) -> tensor<3x4xf16>
  coreai.output %1, %2 : tensor<1x4xf16>, tensor<3x4xf16>
}

// -----

// The walk covers every graph of the module, private ones included.
// CHECK-LABEL: coreai.graph @caller
// CHECK:      coreai.invoke @callee
// CHECK-LABEL: coreai.graph private noinline @callee
// CHECK:      coreai.lut_to_dense
// CHECK:      coreai.batch_matmul
coreai.graph @caller(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.invoke @callee(%arg0) : (tensor<1x8xf16>) -> tensor<1x4xf16>
  coreai.output %0 : tensor<1x4xf16>
}
coreai.graph private noinline @callee(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<0.5> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

// Left alone: 16 elements is not above weight-num-threshold=16; a use outside the consumer set
// (B.2); an integer constant.
// CHECK-LABEL: coreai.graph @left_alone
// CHECK-NOT:  coreai.lut_to_dense
// CHECK:      coreai.constant dense<1.000000e+00> : tensor<4x4xf16>
// CHECK:      coreai.constant dense<2.000000e+00> : tensor<8x4xf16>
// CHECK:      coreai.add
// CHECK:      coreai.constant dense<3> : tensor<8x4xsi8>
// CHECK-NOT:  coreai.lut_to_dense
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
