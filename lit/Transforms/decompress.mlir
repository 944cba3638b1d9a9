// --coreai-decompress on every chain of spec section C. The expected values are computed by hand
// from the decoding formulas of spec section E (blob layouts: D.7, F.7, F.8), not copied from
// the output; every tensor is tiny so that each value can be checked.
// RUN: coreai-opt %s -split-input-file --coreai-decompress | FileCheck %s
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-decompress)" | FileCheck %s
// Decompressing twice changes nothing.
// RUN: coreai-opt %s -split-input-file --coreai-decompress --coreai-decompress | FileCheck %s
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-decompress,coreai-decompress)" | FileCheck %s

// blockwise_shift_scale, int8 per channel (C.4): out[i][j] = scale[j] * data[i][j].
// CHECK-LABEL: coreai.graph @int8_per_channel
// CHECK-NOT:   coreai.blockwise_shift_scale
// CHECK:       %[[W:.*]] = coreai.constant dense<{{\[\[}}5.000000e-01, -5.000000e-01, 6.000000e+00], [2.000000e+00, -1.250000e+00, 1.200000e+01]]> : tensor<2x3xf16>
// CHECK-NOT:   coreai.constant
// CHECK:       coreai.batch_matmul %arg0, %[[W]]
coreai.graph @int8_per_channel(%arg0: tensor<1x2xf16>) -> tensor<1x3xf16> {
  %0 = coreai.constant dense<[[1, -2, 3], [4, -5, 6]]> : tensor<2x3xsi8>
  %1 = coreai.constant dense<[[0.5, 0.25, 2.0]]> : tensor<1x3xf16>
  %2 = coreai.constant dense<0> : tensor<1x3xsi8>
  %3 = coreai.constant dense<0.0> : tensor<1x3xf16>
  %4 = coreai.blockwise_shift_scale %0, %1, %2, %3 : (tensor<2x3xsi8>, tensor<1x3xf16>, tensor<1x3xsi8>, tensor<1x3xf16>) -> tensor<2x3xf16>
  %5 = coreai.batch_matmul %arg0, %4 : (tensor<1x2xf16>, tensor<2x3xf16>) -> tensor<1x3xf16>
  coreai.output %5 : tensor<1x3xf16>
}

// -----

// int4 per block (C.5): data [[1,-1],[7,-8],[2,3],[-3,0]] packed LSB-first, two's-complement
// nibbles: F1 87 32 0D. Blocks of 2 rows: rows 0-1 use scale row 0, rows 2-3 scale row 1.
// CHECK-LABEL: coreai.graph @int4_per_block
// CHECK-NOT:   coreai.blockwise_shift_scale
// CHECK:       coreai.constant dense<{{\[\[}}5.000000e-01, -1.000000e+00], [3.500000e+00, -8.000000e+00], [5.000000e-01, 6.000000e+00], [-7.500000e-01, 0.000000e+00]]> : tensor<4x2xf32>
// CHECK-NOT:   dense_resource
coreai.graph @int4_per_block(%arg0: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %0 = coreai.constant dense_resource<si4_4x2> : tensor<4x2xsi4>
  %1 = coreai.constant dense<[[0.5, 1.0], [0.25, 2.0]]> : tensor<2x2xf32>
  %2 = coreai.constant dense<0> : tensor<2x2xsi4>
  %3 = coreai.constant dense<0.0> : tensor<2x2xf32>
  %4 = coreai.blockwise_shift_scale %0, %1, %2, %3 : (tensor<4x2xsi4>, tensor<2x2xf32>, tensor<2x2xsi4>, tensor<2x2xf32>) -> tensor<4x2xf32>
  %5 = coreai.batch_matmul %arg0, %4 : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
  coreai.output %5 : tensor<1x2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      si4_4x2: "0x10000000F187320D"
    }
  }
#-}

// -----

// Asymmetric: non-zero offset1 (the zero point) and non-zero offset2, one block per row.
// Row 0: 0.5 * ([0, 128, 255] - 128) + 0 = [-64, 0, 63.5].
// Row 1: 0.25 * ([10, 20, 30] - 20) + 1 = [-1.5, 1, 3.5].
// The si8 form: 2 * ([-128, -3, 127] - (-3)) - 1 = [-251, -1, 259].
// CHECK-LABEL: coreai.graph @asymmetric
// CHECK-NOT:   coreai.blockwise_shift_scale
// CHECK-DAG:   coreai.constant dense<{{\[\[}}-6.400000e+01, 0.000000e+00, 6.350000e+01], [-1.500000e+00, 1.000000e+00, 3.500000e+00]]> : tensor<2x3xf16>
// CHECK-DAG:   coreai.constant dense<[-2.510000e+02, -1.000000e+00, 2.590000e+02]> : tensor<3xf32>
// CHECK-NOT:   coreai.blockwise_shift_scale
// CHECK:       coreai.output
coreai.graph @asymmetric() -> (tensor<2x3xf16>, tensor<3xf32>) {
  %0 = coreai.constant dense<[[0, 128, 255], [10, 20, 30]]> : tensor<2x3xui8>
  %1 = coreai.constant dense<[[0.5], [0.25]]> : tensor<2x1xf16>
  %2 = coreai.constant dense<[[128], [20]]> : tensor<2x1xui8>
  %3 = coreai.constant dense<[[0.0], [1.0]]> : tensor<2x1xf16>
  %4 = coreai.blockwise_shift_scale %0, %1, %2, %3 : (tensor<2x3xui8>, tensor<2x1xf16>, tensor<2x1xui8>, tensor<2x1xf16>) -> tensor<2x3xf16>
  %5 = coreai.constant dense<[-128, -3, 127]> : tensor<3xsi8>
  %6 = coreai.constant dense<2.0> : tensor<1xf32>
  %7 = coreai.constant dense<-3> : tensor<1xsi8>
  %8 = coreai.constant dense<-1.0> : tensor<1xf32>
  %9 = coreai.blockwise_shift_scale %5, %6, %7, %8 : (tensor<3xsi8>, tensor<1xf32>, tensor<1xsi8>, tensor<1xf32>) -> tensor<3xf32>
  coreai.output %4, %9 : tensor<2x3xf16>, tensor<3xf32>
}

// -----

// FP8 E4M3FN data with E8M0 scales (C.6), both from blobs with alignment 1.
// Data bytes 38 40 B8 3C 7E 01 00 C4 = [[1, 2], [-1, 1.5], [448, 2^-9], [0, -3]].
// Scale bytes 7F 80 7E 76 = [[2^0, 2^1], [2^-1, 2^-9]], one block per 2 rows and column.
// Out: [[1, 4], [-1, 3], [224, 2^-18], [0, -3 * 2^-9]].
// CHECK-LABEL: coreai.graph @fp8_e8m0
// CHECK-NOT:   coreai.blockwise_shift_scale
// CHECK:       coreai.constant dense<{{\[\[}}1.000000e+00, 4.000000e+00], [-1.000000e+00, 3.000000e+00], [2.240000e+02, 3.81469727E-6], [0.000000e+00, -0.005859375]]> : tensor<4x2xf32>
// CHECK-NOT:   dense_resource
coreai.graph @fp8_e8m0(%arg0: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %0 = coreai.constant dense_resource<f8_4x2> : tensor<4x2xf8E4M3FN>
  %1 = coreai.constant dense_resource<e8m0_2x2> : tensor<2x2xf8E8M0FNU>
  %2 = coreai.constant dense<0.0> : tensor<2x2xf8E4M3FN>
  %3 = coreai.constant dense<0.0> : tensor<2x2xf32>
  %4 = coreai.blockwise_shift_scale %0, %1, %2, %3 : (tensor<4x2xf8E4M3FN>, tensor<2x2xf8E8M0FNU>, tensor<2x2xf8E4M3FN>, tensor<2x2xf32>) -> tensor<4x2xf32>
  %5 = coreai.batch_matmul %arg0, %4 : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
  coreai.output %5 : tensor<1x2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      f8_4x2: "0x010000003840B83C7E0100C4",
      e8m0_2x2: "0x010000007F807E76"
    }
  }
#-}

// -----

// FP4 E2M1FN packed two per byte, low nibble first (F.8), with an E8M0 scale per row.
// Codes row 0: [1, A, 7, 0] = [0.5, -1, 6, 0]; row 1: [F, 5, 3, 9] = [-6, 3, 1.5, -0.5].
// Bytes: A1 07 5F 93. Scales 80 7D = [2, 0.25].
// CHECK-LABEL: coreai.graph @fp4_mx
// CHECK-NOT:   coreai.blockwise_shift_scale
// CHECK:       coreai.constant dense<{{\[\[}}1.000000e+00, -2.000000e+00, 1.200000e+01, 0.000000e+00], [-1.500000e+00, 7.500000e-01, 3.750000e-01, -1.250000e-01]]> : tensor<2x4xf16>
coreai.graph @fp4_mx(%arg0: tensor<1x2xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense_resource<fp4_2x4> : tensor<2x4xf4E2M1FN>
  %1 = coreai.constant dense_resource<e8m0_2x1> : tensor<2x1xf8E8M0FNU>
  %2 = coreai.constant dense<0.0> : tensor<2x1xf4E2M1FN>
  %3 = coreai.constant dense<0.0> : tensor<2x1xf16>
  %4 = coreai.blockwise_shift_scale %0, %1, %2, %3 : (tensor<2x4xf4E2M1FN>, tensor<2x1xf8E8M0FNU>, tensor<2x1xf4E2M1FN>, tensor<2x1xf16>) -> tensor<2x4xf16>
  %5 = coreai.batch_matmul %arg0, %4 : (tensor<1x2xf16>, tensor<2x4xf16>) -> tensor<1x4xf16>
  coreai.output %5 : tensor<1x4xf16>
}
{-#
  dialect_resources: {
    builtin: {
      fp4_2x4: "0x01000000A1075F93",
      e8m0_2x1: "0x01000000807D"
    }
  }
#-}

// -----

// The same FP4 codes unpacked, one per byte (the reference passes' layout: 8 bytes for 8
// elements instead of 4): told apart by size, decoded to the same values.
// CHECK-LABEL: coreai.graph @fp4_mx_unpacked
// CHECK-NOT:   coreai.blockwise_shift_scale
// CHECK:       coreai.constant dense<{{\[\[}}1.000000e+00, -2.000000e+00, 1.200000e+01, 0.000000e+00], [-1.500000e+00, 7.500000e-01, 3.750000e-01, -1.250000e-01]]> : tensor<2x4xf16>
coreai.graph @fp4_mx_unpacked(%arg0: tensor<1x2xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense_resource<fp4_2x4_unpacked> : tensor<2x4xf4E2M1FN>
  %1 = coreai.constant dense_resource<e8m0_2x1> : tensor<2x1xf8E8M0FNU>
  %2 = coreai.constant dense<0.0> : tensor<2x1xf4E2M1FN>
  %3 = coreai.constant dense<0.0> : tensor<2x1xf16>
  %4 = coreai.blockwise_shift_scale %0, %1, %2, %3 : (tensor<2x4xf4E2M1FN>, tensor<2x1xf8E8M0FNU>, tensor<2x1xf4E2M1FN>, tensor<2x1xf16>) -> tensor<2x4xf16>
  %5 = coreai.batch_matmul %arg0, %4 : (tensor<1x2xf16>, tensor<2x4xf16>) -> tensor<1x4xf16>
  coreai.output %5 : tensor<1x4xf16>
}
{-#
  dialect_resources: {
    builtin: {
      fp4_2x4_unpacked: "0x01000000010A07000F050309",
      e8m0_2x1: "0x01000000807D"
    }
  }
#-}

// -----

// Scalar LUT (C.7) with ui4 indices [[15, 0, 1], [8, 7, 3]] packed as 0F 81 37; lut[i] = i - 8.
// CHECK-LABEL: coreai.graph @lut_scalar
// CHECK-NOT:   coreai.lut_to_dense
// CHECK:       coreai.constant dense<{{\[\[}}7.000000e+00, -8.000000e+00, -7.000000e+00], [0.000000e+00, -1.000000e+00, -5.000000e+00]]> : tensor<2x3xf16>
// CHECK-NOT:   tensor<si16>
coreai.graph @lut_scalar(%arg0: tensor<1x2xf16>) -> tensor<1x3xf16> {
  %0 = coreai.constant dense_resource<ui4_2x3> : tensor<2x3xui4>
  %1 = coreai.constant dense<0> : tensor<si16>
  %2 = coreai.constant dense<[[[[-8.0], [-7.0], [-6.0], [-5.0], [-4.0], [-3.0], [-2.0], [-1.0], [0.0], [1.0], [2.0], [3.0], [4.0], [5.0], [6.0], [7.0]]]]> : tensor<1x1x16x1xf16>
  %3 = coreai.lut_to_dense %0, %2, %1 : (tensor<2x3xui4>, tensor<1x1x16x1xf16>, tensor<si16>) -> tensor<2x3xf16>
  %4 = coreai.batch_matmul %arg0, %3 : (tensor<1x2xf16>, tensor<2x3xf16>) -> tensor<1x3xf16>
  coreai.output %4 : tensor<1x3xf16>
}
{-#
  dialect_resources: {
    builtin: {
      ui4_2x3: "0x100000000F8137"
    }
  }
#-}

// -----

// Per-group LUT [2,1,4,1]: coremltools constexpr_lut_to_dense docstring, Case 1. Rows 0-2 read
// lut0 = [1, 5, 9, 13], rows 3-5 read lut1 = [2, 10, 18, 26]. The ui2 indices
// [2,3,3,0,1,0,3,0,2,1,0,3] pack to 3E 31 C6.
// CHECK-LABEL: coreai.graph @lut_per_group
// CHECK-NOT:   coreai.lut_to_dense
// CHECK:       coreai.constant dense<{{\[\[}}9.000000e+00, 1.300000e+01], [1.300000e+01, 1.000000e+00], [5.000000e+00, 1.000000e+00], [2.600000e+01, 2.000000e+00], [1.800000e+01, 1.000000e+01], [2.000000e+00, 2.600000e+01]]> : tensor<6x2xf16>
coreai.graph @lut_per_group() -> tensor<6x2xf16> {
  %0 = coreai.constant dense_resource<ui2_6x2> : tensor<6x2xui2>
  %1 = coreai.constant dense<0> : tensor<si16>
  %2 = coreai.constant dense<[[[[1.0], [5.0], [9.0], [13.0]]], [[[2.0], [10.0], [18.0], [26.0]]]]> : tensor<2x1x4x1xf16>
  %3 = coreai.lut_to_dense %0, %2, %1 : (tensor<6x2xui2>, tensor<2x1x4x1xf16>, tensor<si16>) -> tensor<6x2xf16>
  coreai.output %3 : tensor<6x2xf16>
}
{-#
  dialect_resources: {
    builtin: {
      ui2_6x2: "0x100000003E31C6"
    }
  }
#-}

// -----

// Vector LUT, V = 2 along axis 1 (C.7 vector form): index p writes lut[idx] to
// out[p0][2*p1 + j].
// CHECK-LABEL: coreai.graph @lut_vector_v2
// CHECK-NOT:   coreai.lut_to_dense
// CHECK:       coreai.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 7.000000e+00, 8.000000e+00], [3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x4xf16>
coreai.graph @lut_vector_v2() -> tensor<2x4xf16> {
  %0 = coreai.constant dense<[[0, 3], [1, 2]]> : tensor<2x2xui2>
  %1 = coreai.constant dense<1> : tensor<si16>
  %2 = coreai.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]]]> : tensor<1x1x4x2xf16>
  %3 = coreai.lut_to_dense %0, %2, %1 : (tensor<2x2xui2>, tensor<1x1x4x2xf16>, tensor<si16>) -> tensor<2x4xf16>
  coreai.output %3 : tensor<2x4xf16>
}

// -----

// Vector LUT, V = 3: the coremltools docstring, Case 2. ui1 indices [[[0,0],[1,0]],[[1,1],[0,0]]]
// (byte 34), lut a = [1, 2, 3], b = [4, 5, 6]. Case 2.1 (axis 1, si8 LUT) and Case 2.2 (axis 2).
// CHECK-LABEL: coreai.graph @lut_vector_v3
// CHECK-NOT:   coreai.lut_to_dense
// CHECK-DAG:   coreai.constant dense<{{\[\[\[}}1, 1], [2, 2], [3, 3], [4, 1], [5, 2], [6, 3]], {{\[\[}}4, 4], [5, 5], [6, 6], [1, 1], [2, 2], [3, 3]]]> : tensor<2x6x2xsi8>
// CHECK-DAG:   coreai.constant dense<{{\[\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00]], {{\[\[}}4.000000e+00, 5.000000e+00, 6.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00], [1.000000e+00, 2.000000e+00, 3.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00]]]> : tensor<2x2x6xf16>
// CHECK-NOT:   coreai.lut_to_dense
// CHECK:       coreai.output
coreai.graph @lut_vector_v3() -> (tensor<2x6x2xsi8>, tensor<2x2x6xf16>) {
  %0 = coreai.constant dense_resource<ui1_2x2x2> : tensor<2x2x2xui1>
  %1 = coreai.constant dense<1> : tensor<si16>
  %2 = coreai.constant dense<[[[[[1, 2, 3], [4, 5, 6]]]]]> : tensor<1x1x1x2x3xsi8>
  %3 = coreai.lut_to_dense %0, %2, %1 : (tensor<2x2x2xui1>, tensor<1x1x1x2x3xsi8>, tensor<si16>) -> tensor<2x6x2xsi8>
  %4 = coreai.constant dense<2> : tensor<si16>
  %5 = coreai.constant dense<[[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]]]]> : tensor<1x1x1x2x3xf16>
  %6 = coreai.lut_to_dense %0, %5, %4 : (tensor<2x2x2xui1>, tensor<1x1x1x2x3xf16>, tensor<si16>) -> tensor<2x2x6xf16>
  coreai.output %3, %6 : tensor<2x6x2xsi8>, tensor<2x2x6xf16>
}
{-#
  dialect_resources: {
    builtin: {
      ui1_2x2x2: "0x1000000034"
    }
  }
#-}

// -----

// ui3 indices (F.7): [5,0,7,2,1,6,3,4] as one LSB-first 3-bit stream = C5 15 8F; lut[i] = i / 2.
// CHECK-LABEL: coreai.graph @lut_ui3
// CHECK-NOT:   coreai.lut_to_dense
// CHECK:       coreai.constant dense<{{\[\[}}2.500000e+00, 0.000000e+00, 3.500000e+00, 1.000000e+00], [5.000000e-01, 3.000000e+00, 1.500000e+00, 2.000000e+00]]> : tensor<2x4xf16>
coreai.graph @lut_ui3() -> tensor<2x4xf16> {
  %0 = coreai.constant dense_resource<ui3_2x4> : tensor<2x4xui3>
  %1 = coreai.constant dense<0> : tensor<si16>
  %2 = coreai.constant dense<[[[[0.0], [0.5], [1.0], [1.5], [2.0], [2.5], [3.0], [3.5]]]]> : tensor<1x1x8x1xf16>
  %3 = coreai.lut_to_dense %0, %2, %1 : (tensor<2x4xui3>, tensor<1x1x8x1xf16>, tensor<si16>) -> tensor<2x4xf16>
  coreai.output %3 : tensor<2x4xf16>
}
{-#
  dialect_resources: {
    builtin: {
      ui3_2x4: "0x10000000C5158F"
    }
  }
#-}

// -----

// ui6 indices (D.7): [63, 0, 5, 40] = v0 | v1<<6 | v2<<12 | v3<<18 = 3F 50 A0; lut[i] = i / 4.
// CHECK-LABEL: coreai.graph @lut_ui6
// CHECK-NOT:   coreai.lut_to_dense
// CHECK:       coreai.constant dense<{{\[\[}}1.575000e+01, 0.000000e+00], [1.250000e+00, 1.000000e+01]]> : tensor<2x2xf16>
coreai.graph @lut_ui6() -> tensor<2x2xf16> {
  %0 = coreai.constant dense_resource<ui6_2x2> : tensor<2x2xui6>
  %1 = coreai.constant dense<0> : tensor<si16>
  %2 = coreai.constant dense<[[[[0.00], [0.25], [0.50], [0.75], [1.00], [1.25], [1.50], [1.75], [2.00], [2.25], [2.50], [2.75], [3.00], [3.25], [3.50], [3.75], [4.00], [4.25], [4.50], [4.75], [5.00], [5.25], [5.50], [5.75], [6.00], [6.25], [6.50], [6.75], [7.00], [7.25], [7.50], [7.75], [8.00], [8.25], [8.50], [8.75], [9.00], [9.25], [9.50], [9.75], [10.00], [10.25], [10.50], [10.75], [11.00], [11.25], [11.50], [11.75], [12.00], [12.25], [12.50], [12.75], [13.00], [13.25], [13.50], [13.75], [14.00], [14.25], [14.50], [14.75], [15.00], [15.25], [15.50], [15.75]]]]> : tensor<1x1x64x1xf16>
  %3 = coreai.lut_to_dense %0, %2, %1 : (tensor<2x2xui6>, tensor<1x1x64x1xf16>, tensor<si16>) -> tensor<2x2xf16>
  coreai.output %3 : tensor<2x2xf16>
}
{-#
  dialect_resources: {
    builtin: {
      ui6_2x2: "0x100000003F50A0"
    }
  }
#-}

// -----

// The LUT-quantization chain (C.8 / F.5): ui8 LUT [0, 127, 128, 254] -> cast -> blockwise with
// the fused per-row scale [0.25, 2] and offset1 = 127 in the pcs shape [2, 1].
// Row 0: 0.25 * ([0, 127] - 127) = [-31.75, 0]; row 1: 2 * ([128, 254] - 127) = [2, 254].
// CHECK-LABEL: coreai.graph @lut_cast_chain
// CHECK-NOT:   coreai.lut_to_dense
// CHECK-NOT:   coreai.cast
// CHECK-NOT:   coreai.blockwise_shift_scale
// CHECK:       %[[W:.*]] = coreai.constant dense<{{\[\[}}-3.175000e+01, 0.000000e+00], [2.000000e+00, 2.540000e+02]]> : tensor<2x2xf16>
// CHECK-NEXT:  coreai.batch_matmul %arg0, %[[W]]
coreai.graph @lut_cast_chain(%arg0: tensor<1x2xf16>) -> tensor<1x2xf16> {
  %0 = coreai.constant dense<[[0, 1], [2, 3]]> : tensor<2x2xui2>
  %1 = coreai.constant dense<0> : tensor<si16>
  %2 = coreai.constant dense<[[[[0], [127], [128], [254]]]]> : tensor<1x1x4x1xui8>
  %3 = coreai.constant dense<[[0.25], [2.0]]> : tensor<2x1xf16>
  %4 = coreai.constant dense<127.0> : tensor<2x1xf16>
  %5 = coreai.lut_to_dense %0, %2, %1 : (tensor<2x2xui2>, tensor<1x1x4x1xui8>, tensor<si16>) -> tensor<2x2xui8>
  %6 = coreai.cast %5 : tensor<2x2xui8> to tensor<2x2xf16>
  %7 = coreai.constant dense<0.0> : tensor<2x1xf16>
  %8 = coreai.blockwise_shift_scale %6, %3, %4, %7 : (tensor<2x2xf16>, tensor<2x1xf16>, tensor<2x1xf16>, tensor<2x1xf16>) -> tensor<2x2xf16>
  %9 = coreai.batch_matmul %arg0, %8 : (tensor<1x2xf16>, tensor<2x2xf16>) -> tensor<1x2xf16>
  coreai.output %9 : tensor<1x2xf16>
}

// -----

// The si8 form with a per-tensor scale, and a cast that narrows f32 to f16 with round to
// nearest even: 1 + 2^-11 ties to 1, 1 + 3 * 2^-11 ties to 1 + 2^-9, -(1 + 2^-11) to -1.
// CHECK-LABEL: coreai.graph @lut_si8_and_cast
// CHECK-DAG:   coreai.constant dense<{{\[\[}}-6.350000e+01, -5.000000e-01], [1.000000e+00, 6.350000e+01]]> : tensor<2x2xf16>
// CHECK-DAG:   coreai.constant dense<[1.000000e+00, 1.001950e+00, -1.000000e+00]> : tensor<3xf16>
// CHECK-NOT:   coreai.cast
// CHECK:       coreai.output
coreai.graph @lut_si8_and_cast() -> (tensor<2x2xf16>, tensor<3xf16>) {
  %0 = coreai.constant dense<[[0, 1], [2, 3]]> : tensor<2x2xui2>
  %1 = coreai.constant dense<0> : tensor<si16>
  %2 = coreai.constant dense<[[[[-127], [-1], [2], [127]]]]> : tensor<1x1x4x1xsi8>
  %3 = coreai.lut_to_dense %0, %2, %1 : (tensor<2x2xui2>, tensor<1x1x4x1xsi8>, tensor<si16>) -> tensor<2x2xsi8>
  %4 = coreai.cast %3 : tensor<2x2xsi8> to tensor<2x2xf16>
  %5 = coreai.constant dense<0.5> : tensor<1x1xf16>
  %6 = coreai.constant dense<0.0> : tensor<1x1xf16>
  %7 = coreai.blockwise_shift_scale %4, %5, %6, %6 : (tensor<2x2xf16>, tensor<1x1xf16>, tensor<1x1xf16>, tensor<1x1xf16>) -> tensor<2x2xf16>
  %8 = coreai.constant dense<[1.00048828125, 1.00146484375, -1.00048828125]> : tensor<3xf32>
  %9 = coreai.cast %8 : tensor<3xf32> to tensor<3xf16>
  coreai.output %7, %9 : tensor<2x2xf16>, tensor<3xf16>
}

// -----

// build_sparse_with_bitmask + sparse_with_bitmask_to_dense (C.9): mask [[1,0,0,1],[0,1,1,0],
// [1,0,0,1]] packs LSB-first to 69 09; the values fill the ones in row-major order.
// CHECK-LABEL: coreai.graph @sparse
// CHECK-NOT:   coreai.build_sparse_with_bitmask
// CHECK-NOT:   coreai.sparse_with_bitmask_to_dense
// CHECK:       %[[W:.*]] = coreai.constant dense<{{\[\[}}1.000000e+00, 0.000000e+00, 0.000000e+00, 2.000000e+00], [0.000000e+00, 3.000000e+00, 4.000000e+00, 0.000000e+00], [5.000000e+00, 0.000000e+00, 0.000000e+00, 6.000000e+00]]> : tensor<3x4xf16>
// CHECK-NOT:   tensor<3x4xui1>
// CHECK:       coreai.batch_matmul %arg0, %[[W]]
coreai.graph @sparse(%arg0: tensor<1x3xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]> : tensor<6xf16>
  %1 = coreai.constant dense_resource<mask_3x4> : tensor<3x4xui1>
  %2 = coreai.build_sparse_with_bitmask %0, %1 : (tensor<6xf16>, tensor<3x4xui1>) -> tensor<3x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 6, posWidth = 1, crdWidth = 1>>
  %3 = coreai.sparse_with_bitmask_to_dense %2 : tensor<3x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 6, posWidth = 1, crdWidth = 1>> -> tensor<3x4xf16>
  %4 = coreai.batch_matmul %arg0, %3 : (tensor<1x3xf16>, tensor<3x4xf16>) -> tensor<1x4xf16>
  coreai.output %4 : tensor<1x4xf16>
}
{-#
  dialect_resources: {
    builtin: {
      mask_3x4: "0x100000006909"
    }
  }
#-}

// -----

// Sparse int8 (C.10): scatter the si8 codes, then 0.5 * (q - 0). Pruned entries decode to 0.
// CHECK-LABEL: coreai.graph @sparse_int8
// CHECK-NOT:   coreai.blockwise_shift_scale
// CHECK:       coreai.constant dense<{{\[\[}}5.000000e+00, 0.000000e+00, 0.000000e+00, -1.000000e+01], [0.000000e+00, 1.500000e+01, -2.000000e+01, 0.000000e+00], [2.500000e+01, 0.000000e+00, 0.000000e+00, -3.000000e+01]]> : tensor<3x4xf16>
coreai.graph @sparse_int8() -> tensor<3x4xf16> {
  %0 = coreai.constant dense<[10, -20, 30, -40, 50, -60]> : tensor<6xsi8>
  %1 = coreai.constant dense<0.5> : tensor<1x1xf16>
  %2 = coreai.constant dense<0> : tensor<1x1xsi8>
  %3 = coreai.constant dense_resource<mask_3x4> : tensor<3x4xui1>
  %4 = coreai.build_sparse_with_bitmask %0, %3 : (tensor<6xsi8>, tensor<3x4xui1>) -> tensor<3x4xsi8, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 6, posWidth = 1, crdWidth = 1>>
  %5 = coreai.sparse_with_bitmask_to_dense %4 : tensor<3x4xsi8, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 6, posWidth = 1, crdWidth = 1>> -> tensor<3x4xsi8>
  %6 = coreai.constant dense<0.0> : tensor<1x1xf16>
  %7 = coreai.blockwise_shift_scale %5, %1, %2, %6 : (tensor<3x4xsi8>, tensor<1x1xf16>, tensor<1x1xsi8>, tensor<1x1xf16>) -> tensor<3x4xf16>
  coreai.output %7 : tensor<3x4xf16>
}
{-#
  dialect_resources: {
    builtin: {
      mask_3x4: "0x100000006909"
    }
  }
#-}

// -----

// Sparse uint8 (F.6): the values are dequantized first, 0.5 * (q - 127), then scattered, so the
// pruned entries are exactly 0 despite the zero point 127.
// CHECK-LABEL: coreai.graph @sparse_uint8
// CHECK-NOT:   coreai.blockwise_shift_scale
// CHECK:       coreai.constant dense<{{\[\[}}1.000000e+00, 0.000000e+00, 0.000000e+00, -2.000000e+00], [0.000000e+00, 3.000000e+00, -4.000000e+00, 0.000000e+00], [5.000000e+00, 0.000000e+00, 0.000000e+00, -6.000000e+00]]> : tensor<3x4xf16>
coreai.graph @sparse_uint8() -> tensor<3x4xf16> {
  %0 = coreai.constant dense<[129, 123, 133, 119, 137, 115]> : tensor<6xui8>
  %1 = coreai.constant dense<0.5> : tensor<1xf16>
  %2 = coreai.constant dense<127> : tensor<1xui8>
  %3 = coreai.constant dense<0.0> : tensor<1xf16>
  %4 = coreai.blockwise_shift_scale %0, %1, %2, %3 : (tensor<6xui8>, tensor<1xf16>, tensor<1xui8>, tensor<1xf16>) -> tensor<6xf16>
  %5 = coreai.constant dense_resource<mask_3x4> : tensor<3x4xui1>
  %6 = coreai.build_sparse_with_bitmask %4, %5 : (tensor<6xf16>, tensor<3x4xui1>) -> tensor<3x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 6, posWidth = 1, crdWidth = 1>>
  %7 = coreai.sparse_with_bitmask_to_dense %6 : tensor<3x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 6, posWidth = 1, crdWidth = 1>> -> tensor<3x4xf16>
  coreai.output %7 : tensor<3x4xf16>
}
{-#
  dialect_resources: {
    builtin: {
      mask_3x4: "0x100000006909"
    }
  }
#-}

// -----

// Sparse + palettized values (C.11): ui2 indices [0,1,2,3,3,0] (E4 03) through the rank-3 LUT
// [-1, 0.5, 2, 8], then scattered.
// CHECK-LABEL: coreai.graph @sparse_lut
// CHECK-NOT:   coreai.lut_to_dense
// CHECK:       coreai.constant dense<{{\[\[}}-1.000000e+00, 0.000000e+00, 0.000000e+00, 5.000000e-01], [0.000000e+00, 2.000000e+00, 8.000000e+00, 0.000000e+00], [8.000000e+00, 0.000000e+00, 0.000000e+00, -1.000000e+00]]> : tensor<3x4xf16>
coreai.graph @sparse_lut() -> tensor<3x4xf16> {
  %0 = coreai.constant dense_resource<ui2_6> : tensor<6xui2>
  %1 = coreai.constant dense<[[[-1.0], [0.5], [2.0], [8.0]]]> : tensor<1x4x1xf16>
  %2 = coreai.constant dense<0> : tensor<si16>
  %3 = coreai.lut_to_dense %0, %1, %2 : (tensor<6xui2>, tensor<1x4x1xf16>, tensor<si16>) -> tensor<6xf16>
  %4 = coreai.constant dense_resource<mask_3x4> : tensor<3x4xui1>
  %5 = coreai.build_sparse_with_bitmask %3, %4 : (tensor<6xf16>, tensor<3x4xui1>) -> tensor<3x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 6, posWidth = 1, crdWidth = 1>>
  %6 = coreai.sparse_with_bitmask_to_dense %5 : tensor<3x4xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 6, posWidth = 1, crdWidth = 1>> -> tensor<3x4xf16>
  coreai.output %6 : tensor<3x4xf16>
}
{-#
  dialect_resources: {
    builtin: {
      ui2_6: "0x10000000E403",
      mask_3x4: "0x100000006909"
    }
  }
#-}

// -----

// lut_to_sparse_with_bitmask: the coremltools constexpr_lut_to_sparse docstring example.
// Mask [[1,1,0,0,0,0],[1,1,0,0,0,1],[0,1,1,0,1,0],[0,0,0,1,0,0]] = C3 68 21, ui1 indices
// [0,1,1,0,1,1,0,0,1] = 36 01, lut [2, 3].
// CHECK-LABEL: coreai.graph @lut_to_sparse
// CHECK-NOT:   coreai.lut_to_sparse_with_bitmask
// CHECK:       coreai.constant dense<{{\[\[}}2.000000e+00, 3.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [3.000000e+00, 2.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 3.000000e+00], [0.000000e+00, 3.000000e+00, 2.000000e+00, 0.000000e+00, 2.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00, 3.000000e+00, 0.000000e+00, 0.000000e+00]]> : tensor<4x6xf16>
// CHECK-NOT:   coreai.sparse_with_bitmask_to_dense
coreai.graph @lut_to_sparse() -> tensor<4x6xf16> {
  %0 = coreai.constant dense_resource<ui1_9> : tensor<9xui1>
  %1 = coreai.constant dense_resource<mask_4x6> : tensor<4x6xui1>
  %2 = coreai.build_sparse_with_bitmask %0, %1 : (tensor<9xui1>, tensor<4x6xui1>) -> tensor<4x6xui1, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 9, posWidth = 1, crdWidth = 1>>
  %3 = coreai.constant dense<[[[[2.0], [3.0]]]]> : tensor<1x1x2x1xf16>
  %4 = coreai.constant dense<0> : tensor<si16>
  %5 = coreai.lut_to_sparse_with_bitmask %2, %3, %4 : (tensor<4x6xui1, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 9, posWidth = 1, crdWidth = 1>>, tensor<1x1x2x1xf16>, tensor<si16>) -> tensor<4x6xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 9, posWidth = 1, crdWidth = 1>>
  %6 = coreai.sparse_with_bitmask_to_dense %5 : tensor<4x6xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 9, posWidth = 1, crdWidth = 1>> -> tensor<4x6xf16>
  coreai.output %6 : tensor<4x6xf16>
}
{-#
  dialect_resources: {
    builtin: {
      ui1_9: "0x100000003601",
      mask_4x6: "0x10000000C36821"
    }
  }
#-}

// -----

// A chain with a non-constant input is left unchanged.
// CHECK-LABEL: coreai.graph @not_constant
// CHECK:       %[[D:.*]] = coreai.constant dense<{{\[\[}}1, -2], [3, -4]]> : tensor<2x2xsi8>
// CHECK:       coreai.blockwise_shift_scale %[[D]], %arg0, %{{.*}}, %{{.*}} : (tensor<2x2xsi8>, tensor<1x2xf16>, tensor<1x2xsi8>, tensor<1x2xf16>) -> tensor<2x2xf16>
// CHECK:       coreai.lut_to_dense %arg1, %{{.*}}, %{{.*}} : (tensor<2x2xui2>, tensor<1x1x4x1xf16>, tensor<si16>) -> tensor<2x2xf16>
coreai.graph @not_constant(%arg0: tensor<1x2xf16>, %arg1: tensor<2x2xui2>) -> (tensor<2x2xf16>, tensor<2x2xf16>) {
  %0 = coreai.constant dense<[[1, -2], [3, -4]]> : tensor<2x2xsi8>
  %1 = coreai.constant dense<0> : tensor<1x2xsi8>
  %2 = coreai.constant dense<0.0> : tensor<1x2xf16>
  %3 = coreai.blockwise_shift_scale %0, %arg0, %1, %2 : (tensor<2x2xsi8>, tensor<1x2xf16>, tensor<1x2xsi8>, tensor<1x2xf16>) -> tensor<2x2xf16>
  %4 = coreai.constant dense<0> : tensor<si16>
  %5 = coreai.constant dense<[[[[0.0], [0.5], [1.0], [1.5]]]]> : tensor<1x1x4x1xf16>
  %6 = coreai.lut_to_dense %arg1, %5, %4 : (tensor<2x2xui2>, tensor<1x1x4x1xf16>, tensor<si16>) -> tensor<2x2xf16>
  coreai.output %3, %6 : tensor<2x2xf16>, tensor<2x2xf16>
}

// -----

// Folding goes step by step: the constant lut_to_dense folds even though the blockwise_shift_scale
// that consumes it has a non-constant scale and stays.
// CHECK-LABEL: coreai.graph @partial
// CHECK-NOT:   coreai.lut_to_dense
// CHECK:       %[[D:.*]] = coreai.constant dense<{{\[\[}}1.500000e+00, 0.000000e+00], [5.000000e-01, 1.000000e+00]]> : tensor<2x2xf16>
// CHECK:       coreai.blockwise_shift_scale %[[D]], %arg0, %{{.*}}, %{{.*}} : (tensor<2x2xf16>, tensor<1x2xf16>, tensor<1x2xf16>, tensor<1x2xf16>) -> tensor<2x2xf16>
coreai.graph @partial(%arg0: tensor<1x2xf16>) -> tensor<2x2xf16> {
  %0 = coreai.constant dense<[[3, 0], [1, 2]]> : tensor<2x2xui2>
  %1 = coreai.constant dense<0> : tensor<si16>
  %2 = coreai.constant dense<[[[[0.0], [0.5], [1.0], [1.5]]]]> : tensor<1x1x4x1xf16>
  %3 = coreai.lut_to_dense %0, %2, %1 : (tensor<2x2xui2>, tensor<1x1x4x1xf16>, tensor<si16>) -> tensor<2x2xf16>
  %4 = coreai.constant dense<0.0> : tensor<1x2xf16>
  %5 = coreai.blockwise_shift_scale %3, %arg0, %4, %4 : (tensor<2x2xf16>, tensor<1x2xf16>, tensor<1x2xf16>, tensor<1x2xf16>) -> tensor<2x2xf16>
  coreai.output %5 : tensor<2x2xf16>
}
