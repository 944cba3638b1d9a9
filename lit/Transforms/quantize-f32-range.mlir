// Integer quantization of f32 weights beyond f32::MAX / 2: the range `vmax - vmin`
// (2 * 3e38 here) overflows f32, so it is computed in f64 (spec F.3: "f64 is used for
// reductions where needed"). The scale is 6e38 / 254 = 2.36e36, not f32::MAX, and the column
// [3e38, -3e38, 0.5, -3] decodes 3e38 back to ~3.0000e38.

// RUN: coreai-opt %s --coreai-quantize=weight-num-threshold=0 | FileCheck %s --check-prefix=SCALE
// SCALE: coreai.constant dense<{{\[}}[2.36{{[0-9]*}}E+36, {{.*}}]]> : tensor<1x2xf32>
// RUN: coreai-opt %s --coreai-quantize=weight-num-threshold=0 --coreai-decompress | FileCheck %s --check-prefix=DECODED
// DECODED: coreai.constant dense<{{\[}}[{{2\.9999|3\.0000}}{{[0-9]*}}e+38, {{.*}}], [-{{2\.9999|3\.0000}}{{[0-9]*}}e+38,

coreai.graph @main(%arg0: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %0 = coreai.constant dense<[[3.0e+38, 1.0], [-3.0e+38, 2.0], [0.5, 3.0], [-3.0, 4.0]]> : tensor<4x2xf32>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
  coreai.output %1 : tensor<1x2xf32>
}
