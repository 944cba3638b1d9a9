// As extremes.mlir, for asymmetric integer, FP8 and FP4 quantization and FP8 LUTs, on the
// extreme weights that do not need a lowered scale (f16 at 65504 does: extremes-overflow.mlir).

// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 qscheme=asymmetric" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=uint8 qscheme=asymmetric" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=uint4 qscheme=asymmetric granularity=per_tensor" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=fp8_e4m3fn" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=fp8_e5m2" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=fp8_e4m3fn granularity=per_block block-size=32 scale-dtype=fp8_e8m0fnu" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=fp8_e5m2 granularity=per_block block-size=32 scale-dtype=fp8_e8m0fnu" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=fp4_e2m1fn granularity=per_block block-size=32" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=fp8_e4m3fn" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=fp8_e5m2" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0 quantize-dtype=fp8_e4m3fn" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0 quantize-dtype=fp8_e5m2" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x

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
