// All-zero weights (and -0.0) compress without error and without a NaN or infinite scale or
// LUT entry: decompressing gives exact zeros back. (0 * NaN and 0 * inf would be NaN.)
// sparsify keeps nothing and falls back to plain sparsity (with the warning of spec D.6 for
// the joint forms). CHAIN checks that the weight was compressed.

// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 qscheme=asymmetric" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=uint8" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=int4 granularity=per_block block-size=32" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=uint4 qscheme=asymmetric granularity=per_tensor" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=int2" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=uint2 qscheme=asymmetric" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=fp8_e4m3fn" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=fp8_e5m2 granularity=per_tensor" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=fp8_e4m3fn granularity=per_block block-size=32 scale-dtype=fp8_e8m0fnu" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=fp8_e5m2 granularity=per_block block-size=32 scale-dtype=fp8_e8m0fnu" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=fp4_e2m1fn granularity=per_block block-size=32" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=none" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=none n-bits=8 granularity=per_channel" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=none n-bits=3 granularity=per_grouped_channel group-size=2" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=none cluster-dim=2" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=none enable-per-channel-scale=true" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=int8" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=uint8 enable-per-channel-scale=true" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=fp8_e4m3fn" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=fp8_e5m2 enable-per-channel-scale=true" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0 target-sparsity=0.0" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0 block-size=2" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0 n-m-ratio=2,4" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0 quantize-dtype=int8" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0 quantize-dtype=uint8" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0 quantize-dtype=fp8_e4m3fn" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0 palettize-nbits=4" -o %t && FileCheck %s --check-prefix=CHAIN < %t && coreai-opt %t -split-input-file --coreai-decompress | FileCheck %s

// CHECK-LABEL: coreai.graph @zeros_f16
// CHECK-NEXT: coreai.constant dense<{{-?}}0.000000e+00> : tensor<64x4xf16>
// CHECK-NEXT: coreai.batch_matmul
// CHAIN-LABEL: coreai.graph @zeros_f16
// CHAIN: coreai.{{blockwise_shift_scale|lut_to_dense|sparse_with_bitmask_to_dense}}
coreai.graph @zeros_f16(%arg0: tensor<1x64xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<0.0> : tensor<64x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x64xf16>, tensor<64x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

// CHECK-LABEL: coreai.graph @zeros_f32
// CHECK-NEXT: coreai.constant dense<{{-?}}0.000000e+00> : tensor<64x4xf32>
// CHECK-NEXT: coreai.batch_matmul
// CHAIN-LABEL: coreai.graph @zeros_f32
// CHAIN: coreai.{{blockwise_shift_scale|lut_to_dense|sparse_with_bitmask_to_dense}}
coreai.graph @zeros_f32(%arg0: tensor<1x64xf32>) -> tensor<1x4xf32> {
  %0 = coreai.constant dense<0.0> : tensor<64x4xf32>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x64xf32>, tensor<64x4xf32>) -> tensor<1x4xf32>
  coreai.output %1 : tensor<1x4xf32>
}

// -----

// CHECK-LABEL: coreai.graph @zeros_bf16
// CHECK-NEXT: coreai.constant dense<{{-?}}0.000000e+00> : tensor<64x4xbf16>
// CHECK-NEXT: coreai.batch_matmul
// CHAIN-LABEL: coreai.graph @zeros_bf16
// CHAIN: coreai.{{blockwise_shift_scale|lut_to_dense|sparse_with_bitmask_to_dense}}
coreai.graph @zeros_bf16(%arg0: tensor<1x64xbf16>) -> tensor<1x4xbf16> {
  %0 = coreai.constant dense<0.0> : tensor<64x4xbf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x64xbf16>, tensor<64x4xbf16>) -> tensor<1x4xbf16>
  coreai.output %1 : tensor<1x4xbf16>
}

// -----

// CHECK-LABEL: coreai.graph @neg_zeros_f16
// CHECK-NEXT: coreai.constant dense<{{-?}}0.000000e+00> : tensor<64x4xf16>
// CHECK-NEXT: coreai.batch_matmul
// CHAIN-LABEL: coreai.graph @neg_zeros_f16
// CHAIN: coreai.{{blockwise_shift_scale|lut_to_dense|sparse_with_bitmask_to_dense}}
coreai.graph @neg_zeros_f16(%arg0: tensor<1x64xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<-0.0> : tensor<64x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x64xf16>, tensor<64x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}
