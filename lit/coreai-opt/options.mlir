// Option errors are MLIR-style and fail the run.
// RUN: not coreai-opt %s --coreai-decompress=bogus=1 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: coreai-decompress: no such option 'bogus'
// RUN: not coreai-opt %s --coreai-decompress="weight-num-threshold=0" 2>&1 | FileCheck %s --check-prefix=E49 --implicit-check-not="Stack dump"
// E49: error: coreai-decompress: no such option 'weight-num-threshold'
// RUN: not coreai-opt %s --pass-pipeline="builtin.module(coreai-decompress{bogus=1})" 2>&1 | FileCheck %s --check-prefix=PIPELINE
// PIPELINE: coreai-decompress: no such option 'bogus'
// RUN: not coreai-opt %s --pass-pipeline="builtin.module(coreai-nope)" 2>&1 | FileCheck %s --check-prefix=NOPASS
// NOPASS: 'coreai-nope' does not refer to a registered pass or pass pipeline

// Our passes compose with upstream passes in one pipeline.
// RUN: coreai-opt %s --pass-pipeline="builtin.module(coreai-decompress,canonicalize,cse)" | FileCheck %s --check-prefix=MIXED
// RUN: coreai-opt %s --coreai-decompress --canonicalize --cse | FileCheck %s --check-prefix=MIXED
// MIXED-LABEL: coreai.graph @main
// MIXED-NOT: coreai.lut_to_dense
// MIXED: coreai.constant dense<{{\[}}[5.000000e-01, 1.000000e+00], [1.500000e+00, 0.000000e+00]]> : tensor<2x2xf16>

coreai.graph @main(%arg0: tensor<1x2xf16>) -> tensor<1x2xf16> {
  %0 = coreai.constant dense<[[1, 2], [3, 0]]> : tensor<2x2xui2>
  %1 = coreai.constant dense<0> : tensor<si16>
  %2 = coreai.constant dense<[[[[0.0], [0.5], [1.0], [1.5]]]]> : tensor<1x1x4x1xf16>
  %3 = coreai.lut_to_dense %0, %2, %1 : (tensor<2x2xui2>, tensor<1x1x4x1xf16>, tensor<si16>) -> tensor<2x2xf16>
  %4 = coreai.batch_matmul %arg0, %3 : (tensor<1x2xf16>, tensor<2x2xf16>) -> tensor<1x2xf16>
  coreai.output %4 : tensor<1x2xf16>
}
