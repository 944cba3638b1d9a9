// Extreme magnitudes and subnormals: f16 at +-65504 (the largest finite f16), f16 and f32
// subnormals, f32 at 1e30 and at +-3.4e38, bf16 at +-3e38. Every pass either compresses
// such a weight or skips it with a warning (palettize clusters in f16, so f32 weights beyond
// 65504 are skipped), and decompressing never yields an infinity or a NaN: non-finite
// values print in hex (0x7C00, 0x7FC00000, ...), and nothing else in this output is hex.
// The configurations whose scales had to be lowered to stay finite are in
// extremes-overflow.mlir.

// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=uint8" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=int4 granularity=per_block block-size=8" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=int2" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=none" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=none n-bits=1 granularity=per_channel" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=none cluster-dim=2" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=none enable-per-channel-scale=true" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=none enable-fast-kmeans-mode=false" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=int8" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=uint8 n-bits=3 granularity=per_channel" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0 quantize-dtype=int8" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0 quantize-dtype=uint8" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0 palettize-nbits=2" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0 block-size=2 quantize-dtype=int8" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0 n-m-ratio=1,2 palettize-nbits=3" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x

// CHECK-LABEL: coreai.graph @f16_max
// CHECK: coreai.constant dense<
// CHECK-SAME: > : tensor<32x4xf16>
coreai.graph @f16_max(%arg0: tensor<1x32xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<[[65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0]]> : tensor<32x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x32xf16>, tensor<32x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

// CHECK-LABEL: coreai.graph @f16_subnormal
// CHECK: coreai.constant dense<
// CHECK-SAME: > : tensor<32x4xf16>
coreai.graph @f16_subnormal(%arg0: tensor<1x32xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<[[5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0], [5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0], [5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0], [5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0], [5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0], [5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0], [5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0], [5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0], [5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0], [5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0], [5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0], [5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0], [5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0], [5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0], [5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0], [5.96e-08, -1.19e-07, 1.0, -0.25], [0.0, 6.0e-05, -0.25, 1.0]]> : tensor<32x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x32xf16>, tensor<32x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

// CHECK-LABEL: coreai.graph @f32_1e30
// CHECK: coreai.constant dense<
// CHECK-SAME: > : tensor<32x4xf32>
coreai.graph @f32_1e30(%arg0: tensor<1x32xf32>) -> tensor<1x4xf32> {
  %0 = coreai.constant dense<[[1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0], [1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0], [1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0], [1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0], [1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0], [1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0], [1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0], [1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0], [1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0], [1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0], [1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0], [1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0], [1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0], [1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0], [1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0], [1.0e+30, -1.0e+30, 1.0, -0.25], [0.5, -2.0, -0.25, 1.0]]> : tensor<32x4xf32>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x32xf32>, tensor<32x4xf32>) -> tensor<1x4xf32>
  coreai.output %1 : tensor<1x4xf32>
}

// -----

// CHECK-LABEL: coreai.graph @f32_max
// CHECK: coreai.constant dense<
// CHECK-SAME: > : tensor<32x4xf32>
coreai.graph @f32_max(%arg0: tensor<1x32xf32>) -> tensor<1x4xf32> {
  %0 = coreai.constant dense<[[3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0], [3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0], [3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0], [3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0], [3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0], [3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0], [3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0], [3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0], [3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0], [3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0], [3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0], [3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0], [3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0], [3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0], [3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0], [3.0e+38, -3.4028234e+38, 1.0, -0.25], [3.0e+38, -3.4028234e+38, -0.25, 1.0]]> : tensor<32x4xf32>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x32xf32>, tensor<32x4xf32>) -> tensor<1x4xf32>
  coreai.output %1 : tensor<1x4xf32>
}

// -----

// CHECK-LABEL: coreai.graph @f32_subnormal
// CHECK: coreai.constant dense<
// CHECK-SAME: > : tensor<32x4xf32>
coreai.graph @f32_subnormal(%arg0: tensor<1x32xf32>) -> tensor<1x4xf32> {
  %0 = coreai.constant dense<[[1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0], [1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0], [1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0], [1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0], [1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0], [1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0], [1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0], [1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0], [1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0], [1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0], [1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0], [1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0], [1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0], [1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0], [1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0], [1.0e-40, -1.4e-45, 1.0, -0.25], [0.0, 1.0e-38, -0.25, 1.0]]> : tensor<32x4xf32>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x32xf32>, tensor<32x4xf32>) -> tensor<1x4xf32>
  coreai.output %1 : tensor<1x4xf32>
}

// -----

// CHECK-LABEL: coreai.graph @bf16_max
// CHECK: coreai.constant dense<
// CHECK-SAME: > : tensor<32x4xbf16>
coreai.graph @bf16_max(%arg0: tensor<1x32xbf16>) -> tensor<1x4xbf16> {
  %0 = coreai.constant dense<[[3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0], [3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0], [3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0], [3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0], [3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0], [3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0], [3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0], [3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0], [3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0], [3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0], [3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0], [3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0], [3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0], [3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0], [3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0], [3.0e+38, -3.0e+38, 1.0, -0.25], [3.0e+38, 0.0, -0.25, 1.0]]> : tensor<32x4xbf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x32xbf16>, tensor<32x4xbf16>) -> tensor<1x4xbf16>
  coreai.output %1 : tensor<1x4xbf16>
}
