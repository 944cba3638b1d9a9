// LUT quantization (spec D.5) rounds the scale to its storage dtype first and quantizes the LUT
// with the stored value (F.3), as --coreai-quantize does: code 64 for 2.0 below.
//
// The LUT is exactly [-1.5, 0.5, 2, 4]. The stored f16 scale of an int8/uint8 LUT is
// f16((2 * 4 + 1e-6) / 254) = 2064 * 2^-16 = 0.031494140625, and
//   -1.5 / s = -47.63 -> -48,  0.5 / s = 15.88 -> 16,  2 / s = 63.504 -> 64,  4 / s = 127.007 -> 127.
// With the unrounded scale 0.0314960... the third code becomes 63 (2 / s = 63.49999).
// For fp8_e4m3fn the stored scale is f16((8 + 1e-6) / 896) = 1170 * 2^-17 and
//   -1.5 / s = -168.04 -> -176 (F3), 0.5 / s = 56.01 -> 56 (66), 2 / s = 224.05 -> 224 (76),
//   4 / s = 448.1 -> 448 (7E);
// the unrounded scale gives -167.99998 -> -160 (F2) instead.
//
// RUN: coreai-opt %s --coreai-palettize="n-bits=2 lut-dtype=int8 weight-num-threshold=16" | FileCheck %s --check-prefix=INT8
// RUN: %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-palettize{n-bits=2 lut-dtype=int8 weight-num-threshold=16})" | FileCheck %s --check-prefix=INT8
// RUN: coreai-opt %s --coreai-palettize="n-bits=2 lut-dtype=uint8 weight-num-threshold=16" | FileCheck %s --check-prefix=UINT8
// RUN: %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-palettize{n-bits=2 lut-dtype=uint8 weight-num-threshold=16})" | FileCheck %s --check-prefix=UINT8
// RUN: coreai-opt %s --coreai-palettize="n-bits=2 lut-dtype=fp8_e4m3fn weight-num-threshold=16" | FileCheck %s --check-prefix=E4M3
// RUN: %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-palettize{n-bits=2 lut-dtype=fp8_e4m3fn weight-num-threshold=16})" | FileCheck %s --check-prefix=E4M3

// INT8-LABEL:  coreai.graph @lut_scale_as_stored
// INT8-DAG:    coreai.constant dense<{{\[\[\[\[}}-48], [16], [64], [127]]]]> : tensor<1x1x4x1xsi8>
// INT8-DAG:    coreai.constant dense<3.149410e-02> : tensor<1x1xf16>
// UINT8-LABEL: coreai.graph @lut_scale_as_stored
// UINT8-DAG:   coreai.constant dense<{{\[\[\[\[}}79], [143], [191], [254]]]]> : tensor<1x1x4x1xui8>
// UINT8-DAG:   coreai.constant dense<3.149410e-02> : tensor<1x1xf16>
// E4M3-LABEL:  coreai.graph @lut_scale_as_stored
// E4M3:        coreai.constant dense_resource<[[LUT:resource_[0-9]+]]> : tensor<1x1x4x1xf8E4M3FN>
// E4M3:        coreai.constant dense<8.926390e-03> : tensor<1x1xf16>
// E4M3:        [[LUT]]: "0x10000000F366767E"
coreai.graph @lut_scale_as_stored(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<[[-1.5, 0.5, 2.0, 4.0], [0.5, 2.0, 4.0, -1.5], [2.0, 4.0, -1.5, 0.5], [4.0, -1.5, 0.5, 2.0], [-1.5, 0.5, 0.5, 2.0], [2.0, 4.0, 4.0, -1.5], [0.5, 2.0, -1.5, 0.5], [4.0, -1.5, 2.0, 4.0]]> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}
