// Weights at the top of their type's range, with every configuration whose stored scale
// could decode the largest code to +-inf: the scale is rounded to its storage type and can
// round up, so that scale * qmax no longer fits the output type.
// - f16 +-65504, FP8 E4M3: 131008/896 = 146.21 would be stored as 146.25, and
//   448 * 146.25 = 65520 is inf in f16. Likewise FP8 E5M2, E8M0 scales (2^ceil is dropped
//   when fmax * 2^ceil overflows), FP4, FP8 LUTs (palettize lut-dtype=fp8_*) and sparsify's
//   FP8 values.
// - f16 [0, 65504], asymmetric integers: int8 would get scale 257 (256.88 rounded up) with
//   zero point -128, and (127 + 128) * 257 = 65535 is inf in f16 (also uint8/uint4/uint2).
// - f32 +-3.4028234e38 with a quantized LUT and a per-channel scale: the fused scale
//   lut_scale * pcs would round up, and 127 times it overflow f32.
// In every case the scale is lowered to the largest value that keeps every code finite
// (FloatType::fit_scale), so the decompressed weights contain no infinity: nothing in this
// output is hex.

// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 qscheme=asymmetric" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=uint4 qscheme=asymmetric granularity=per_tensor" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=fp8_e4m3fn" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=fp8_e5m2" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=fp8_e4m3fn granularity=per_block block-size=32 scale-dtype=fp8_e8m0fnu" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-quantize="weight-num-threshold=0 dtype=fp4_e2m1fn granularity=per_block block-size=32" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=fp8_e4m3fn" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-palettize="weight-num-threshold=0 lut-dtype=int8 enable-per-channel-scale=true" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="weight-num-threshold=0 quantize-dtype=fp8_e4m3fn" --coreai-decompress --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s --implicit-check-not=0x

// CHECK-LABEL: coreai.graph @f16_max
// CHECK: coreai.constant dense<
// CHECK-SAME: > : tensor<32x4xf16>
coreai.graph @f16_max(%arg0: tensor<1x32xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<[[65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0], [65504.0, -65504.0, 1.0, -0.25], [65504.0, 0.0, -0.25, 1.0]]> : tensor<32x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x32xf16>, tensor<32x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
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
