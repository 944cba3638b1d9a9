// `target-sparsity=none` is the reference's `target_sparsity=None`: allowed with n-m-ratio,
// an error without it (spec A.4: one of them must be set).
// RUN: coreai-opt %s --coreai-sparsify="target-sparsity=none n-m-ratio=1,2 weight-num-threshold=0" | FileCheck %s
// RUN: %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-sparsify{target-sparsity=none n-m-ratio=1,2 weight-num-threshold=0})" | FileCheck %s
// RUN: not coreai-opt %s --coreai-sparsify="target-sparsity=none" 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: not %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-sparsify{target-sparsity=none})" 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: error: coreai-sparsify: one of target-sparsity and n-m-ratio must be set
// RUN: not coreai-opt %s --coreai-sparsify="target-sparsity=0.5 n-m-ratio=1,2" 2>&1 | FileCheck %s --check-prefix=BOTH
// RUN: not %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-sparsify{target-sparsity=0.5 n-m-ratio=1,2})" 2>&1 | FileCheck %s --check-prefix=BOTH
// BOTH: error: coreai-sparsify: target-sparsity and n-m-ratio are mutually exclusive

// CHECK-LABEL: coreai.graph @nm
// CHECK: coreai.build_sparse_with_bitmask {{.*}} : (tensor<4xf16>, tensor<4x2xui1>) -> tensor<4x2xf16, #coreai.sparse_tensor_encoding<bitmask, numNonZero = 4, posWidth = 1, crdWidth = 1>>
coreai.graph @nm(%arg0: tensor<1x4xf16>) -> tensor<1x2xf16> {
  %0 = coreai.constant dense<[[1.0, -2.0], [3.0, 4.0], [-5.0, 0.5], [0.25, 6.0]]> : tensor<4x2xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf16>, tensor<4x2xf16>) -> tensor<1x2xf16>
  coreai.output %1 : tensor<1x2xf16>
}
