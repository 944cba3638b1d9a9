// Joint sparsity + palettization clusters the kept values in the weight dtype (spec D.6): an
// f32 weight keeps its f32 LUT values (pi, not f16(pi)) and its range (1e5). When nothing is
// kept, the joint forms fall back to plain sparsity with a warning.
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="palettize-nbits=4 weight-num-threshold=16" | FileCheck %s --check-prefix=PAL
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{palettize-nbits=4 weight-num-threshold=16})" | FileCheck %s --check-prefix=PAL
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="target-sparsity=1 quantize-dtype=int8 weight-num-threshold=16" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NNZ0
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{target-sparsity=1 quantize-dtype=int8 weight-num-threshold=16})" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NNZ0
// RUN: coreai-opt %s -split-input-file --coreai-sparsify="target-sparsity=1 palettize-nbits=4 weight-num-threshold=16" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NNZ0
// RUN: %coreai_mlir_opt %s -split-input-file --pass-pipeline="builtin.module(coreai-sparsify{target-sparsity=1 palettize-nbits=4 weight-num-threshold=16})" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NNZ0
// NNZ0: warning: every weight was pruned: nothing left to quantize or palettize, stored as plain sparsity

// The 50% threshold lies between 3 and pi: the 16 kept values are -8 .. -5, pi, 4 .. 14.
// PAL-LABEL: coreai.graph @joint_f32
// PAL:       coreai.constant dense<{{\[\[\[}}-8.000000e+00], [-7.000000e+00], [-6.000000e+00], [-5.000000e+00], [3.14159274], [4.000000e+00], [5.000000e+00], [6.000000e+00], [7.000000e+00], [8.000000e+00], [9.000000e+00], [1.000000e+01], [1.100000e+01], [1.200000e+01], [1.300000e+01], [1.400000e+01]]]> : tensor<1x16x1xf32>
coreai.graph @joint_f32(%arg0: tensor<8x2xf32>) -> tensor<4x2xf32> {
  %0 = coreai.constant dense<[[3.14159274, 0.5, 4.0, -0.5, 5.0, 0.25, 6.0, -0.25], [7.0, 0.125, 8.0, -0.125, 9.0, 1.0, 10.0, -1.0], [11.0, 1.5, 12.0, -1.5, 13.0, 2.0, 14.0, -2.0], [-5.0, 2.5, -6.0, -2.5, -7.0, 3.0, -8.0, -3.0]]> : tensor<4x8xf32>
  %1 = coreai.batch_matmul %0, %arg0 : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
  coreai.output %1 : tensor<4x2xf32>
}

// -----

// Same weight with 100000 in place of pi: the LUT must hold it (f32 has the range).
// PAL-LABEL: coreai.graph @joint_f32_large
// PAL:       coreai.constant dense<{{\[\[\[}}-8.000000e+00], [-7.000000e+00], [-6.000000e+00], [-5.000000e+00], [4.000000e+00], [5.000000e+00], [6.000000e+00], [7.000000e+00], [8.000000e+00], [9.000000e+00], [1.000000e+01], [1.100000e+01], [1.200000e+01], [1.300000e+01], [1.400000e+01], [1.000000e+05]]]> : tensor<1x16x1xf32>
// PAL:       coreai.lut_to_dense {{.*}} : (tensor<16xui4>, tensor<1x16x1xf32>, tensor<si16>) -> tensor<16xf32>
coreai.graph @joint_f32_large(%arg0: tensor<8x2xf32>) -> tensor<4x2xf32> {
  %0 = coreai.constant dense<[[100000.0, 0.5, 4.0, -0.5, 5.0, 0.25, 6.0, -0.25], [7.0, 0.125, 8.0, -0.125, 9.0, 1.0, 10.0, -1.0], [11.0, 1.5, 12.0, -1.5, 13.0, 2.0, 14.0, -2.0], [-5.0, 2.5, -6.0, -2.5, -7.0, 3.0, -8.0, -3.0]]> : tensor<4x8xf32>
  %1 = coreai.batch_matmul %0, %arg0 : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
  coreai.output %1 : tensor<4x2xf32>
}
