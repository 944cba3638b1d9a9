// Weights whose element type is not f16, bf16 or f32 (integers, f64, index, FP8, i1) are not
// eligible (spec B.1): every pass leaves them unchanged, silently, and succeeds.

// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-quantize=weight-num-threshold=0 | FileCheck %s --implicit-check-not=blockwise_shift_scale
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-palettize="weight-num-threshold=0 lut-dtype=none" | FileCheck %s --implicit-check-not=lut_to_dense
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-sparsify="weight-num-threshold=0 quantize-dtype=int8" | FileCheck %s --implicit-check-not=build_sparse_with_bitmask

// CHECK-LABEL: coreai.graph @signed_int
// CHECK: coreai.constant dense<{{\[}}[1, -2], [3, -4]]> : tensor<2x2xsi8>
coreai.graph @signed_int(%arg0: tensor<1x2xsi8>) -> tensor<1x2xsi8> {
  %0 = coreai.constant dense<[[1, -2], [3, -4]]> : tensor<2x2xsi8>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x2xsi8>, tensor<2x2xsi8>) -> tensor<1x2xsi8>
  coreai.output %1 : tensor<1x2xsi8>
}

// -----

// CHECK-LABEL: coreai.graph @unsigned_int32
// CHECK: coreai.constant dense<{{\[}}[1, 2], [3, 4]]> : tensor<2x2xui32>
coreai.graph @unsigned_int32(%arg0: tensor<1x2xui32>) -> tensor<1x2xui32> {
  %0 = coreai.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xui32>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x2xui32>, tensor<2x2xui32>) -> tensor<1x2xui32>
  coreai.output %1 : tensor<1x2xui32>
}

// -----

// CHECK-LABEL: coreai.graph @f64_weight
// CHECK: coreai.constant dense<{{\[}}[5.000000e-01, -2.500000e-01], [1.000000e+00, 2.000000e+00]]> : tensor<2x2xf64>
coreai.graph @f64_weight(%arg0: tensor<1x2xf64>) -> tensor<1x2xf64> {
  %0 = coreai.constant dense<[[0.5, -0.25], [1.0, 2.0]]> : tensor<2x2xf64>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x2xf64>, tensor<2x2xf64>) -> tensor<1x2xf64>
  coreai.output %1 : tensor<1x2xf64>
}

// -----

// CHECK-LABEL: coreai.graph @index_weight
// CHECK: coreai.constant dense<{{\[}}[1, 2], [3, 4]]> : tensor<2x2xindex>
coreai.graph @index_weight(%arg0: tensor<1x2xindex>) -> tensor<1x2xindex> {
  %0 = coreai.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xindex>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x2xindex>, tensor<2x2xindex>) -> tensor<1x2xindex>
  coreai.output %1 : tensor<1x2xindex>
}

// -----

// Already-compressed storage types are not weights either.
// CHECK-LABEL: coreai.graph @fp8_weight
// CHECK: coreai.constant dense<{{\[}}[5.000000e-01, -2.500000e-01], [1.000000e+00, 2.000000e+00]]> : tensor<2x2xf8E4M3FN>
coreai.graph @fp8_weight(%arg0: tensor<1x2xf8E4M3FN>) -> tensor<1x2xf8E4M3FN> {
  %0 = coreai.constant dense<[[0.5, -0.25], [1.0, 2.0]]> : tensor<2x2xf8E4M3FN>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x2xf8E4M3FN>, tensor<2x2xf8E4M3FN>) -> tensor<1x2xf8E4M3FN>
  coreai.output %1 : tensor<1x2xf8E4M3FN>
}

// -----

// CHECK-LABEL: coreai.graph @bool_weight
// CHECK: coreai.constant dense<{{\[}}[true, false], [false, true]]> : tensor<2x2xi1>
coreai.graph @bool_weight(%arg0: tensor<1x2xi1>) -> tensor<1x2xi1> {
  %0 = coreai.constant dense<[[true, false], [false, true]]> : tensor<2x2xi1>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x2xi1>, tensor<2x2xi1>) -> tensor<1x2xi1>
  coreai.output %1 : tensor<1x2xi1>
}

// -----

// Complex elements.
// CHECK-LABEL: coreai.graph @complex_weight
// CHECK: coreai.constant dense<(1.000000e+00,2.000000e+00)> : tensor<2x2xcomplex<f32>>
coreai.graph @complex_weight(%arg0: tensor<1x2xcomplex<f32>>) -> tensor<1x2xcomplex<f32>> {
  %0 = coreai.constant dense<(1.0, 2.0)> : tensor<2x2xcomplex<f32>>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x2xcomplex<f32>>, tensor<2x2xcomplex<f32>>) -> tensor<1x2xcomplex<f32>>
  coreai.output %1 : tensor<1x2xcomplex<f32>>
}
