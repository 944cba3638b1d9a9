// Option errors (spec A.2, in its order, plus per_grouped_channel): MLIR-style, non-zero exit.
// RUN: not coreai-opt %s --coreai-quantize="dtype=fp8_e8m0fnu" 2>&1 | FileCheck %s --check-prefix=E8M0
// E8M0: coreai-quantize: unsupported weight dtype fp8_e8m0fnu; fp8_e8m0fnu is only valid as scale-dtype
// RUN: not coreai-opt %s --coreai-quantize="dtype=int3" 2>&1 | FileCheck %s --check-prefix=DTYPE
// RUN: not %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-quantize{dtype=int3})" 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: coreai-quantize: 'dtype' must be one of int2, uint2, int4, uint4, int8, uint8, fp4_e2m1fn, fp8_e4m3fn, fp8_e5m2, fp8_e8m0fnu; got 'int3'
// RUN: not coreai-opt %s --coreai-quantize="dtype=int8 scale-dtype=fp8_e8m0fnu" 2>&1 | FileCheck %s --check-prefix=INTSCALE
// INTSCALE: coreai-quantize: scale-dtype must be none for integer dtype int8
// RUN: not coreai-opt %s --coreai-quantize="dtype=fp8_e4m3fn qscheme=asymmetric" 2>&1 | FileCheck %s --check-prefix=ASYM
// ASYM: coreai-quantize: asymmetric quantization is not supported for FP dtype fp8_e4m3fn
// RUN: not coreai-opt %s --coreai-quantize="dtype=fp4_e2m1fn granularity=per_block scale-dtype=fp8_e8m0fnu" 2>&1 | FileCheck %s --check-prefix=FP4SCALE
// FP4SCALE: coreai-quantize: scale-dtype must be none for FP4 dtype fp4_e2m1fn
// RUN: not coreai-opt %s --coreai-quantize="dtype=fp4_e2m1fn granularity=per_block block-size=16" 2>&1 | FileCheck %s --check-prefix=MXFP4
// RUN: not %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-quantize{dtype=fp4_e2m1fn granularity=per_block block-size=16})" 2>&1 | FileCheck %s --check-prefix=MXFP4
// MXFP4: coreai-quantize: dtype fp4_e2m1fn requires granularity=per_block and block-size=32 for a valid MXFP4 encoding; got granularity=per_block block-size=16
// RUN: not coreai-opt %s --coreai-quantize="dtype=fp8_e5m2 scale-dtype=fp8_e4m3fn" 2>&1 | FileCheck %s --check-prefix=FP8SCALE
// FP8SCALE: coreai-quantize: invalid scale-dtype fp8_e4m3fn for dtype fp8_e5m2; expected none or fp8_e8m0fnu
// RUN: not coreai-opt %s --coreai-quantize="granularity=per_grouped_channel" 2>&1 | FileCheck %s --check-prefix=GROUPED
// GROUPED: coreai-quantize: granularity per_grouped_channel is not supported for quantization
// RUN: not coreai-opt %s --coreai-quantize="block-size=-4" 2>&1 | FileCheck %s --check-prefix=NEG
// NEG: coreai-quantize: 'block-size' expects an unsigned integer; got '-4'
// RUN: not coreai-opt %s --coreai-quantize="colour=blue" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-quantize{colour=blue})" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: coreai-quantize: no such option 'colour'

// Per-constant skips: warnings (and a remark for unused weights), the IR is left as is.
// RUN: coreai-opt %s -split-input-file -verify-diagnostics --coreai-quantize="weight-num-threshold=4 dtype=int4 granularity=per_block block-size=3"
// RUN: %coreai_mlir_opt %s -split-input-file -verify-diagnostics --pass-pipeline="builtin.module(coreai-quantize{weight-num-threshold=4 dtype=int4 granularity=per_block block-size=3})"

coreai.graph @block_not_dividing(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  // expected-warning@+1 {{Failed to quantize op: invalid block_sizes: block size 3 does not divide dim 8 of axis 0. Skipped this op.}}
  %0 = coreai.constant dense<0.5> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}

// -----

coreai.graph @ambiguous(%arg0: tensor<1x6xf16>, %arg1: tensor<6x1xf16>) -> (tensor<1x6xf16>, tensor<6x1xf16>) {
  // expected-warning@+1 {{uses disagree on the channel axes (output/input 1/0 vs 0/1); skipped this constant}}
  %0 = coreai.constant dense<0.5> : tensor<6x6xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x6xf16>, tensor<6x6xf16>) -> tensor<1x6xf16>
  // expected-note@+1 {{this use implies different axes}}
  %2 = coreai.batch_matmul %0, %arg1 : (tensor<6x6xf16>, tensor<6x1xf16>) -> tensor<6x1xf16>
  coreai.output %1, %2 : tensor<1x6xf16>, tensor<6x1xf16>
}

// -----

coreai.graph @unused() -> () {
  // expected-remark@+1 {{unused constant left uncompressed}}
  %0 = coreai.constant dense<0.5> : tensor<6x6xf16>
  coreai.output
}

// -----

coreai.graph @non_finite(%arg0: tensor<6x1xf32>) -> tensor<1x1xf32> {
  // expected-warning@+1 {{Failed to quantize op: non-finite weight at index 1. Skipped this op.}}
  %0 = coreai.constant dense<[[1.0, 0x7FC00000, 2.0, 0.5, 0.25, 0.125]]> : tensor<1x6xf32>
  %1 = coreai.batch_matmul %0, %arg0 : (tensor<1x6xf32>, tensor<6x1xf32>) -> tensor<1x1xf32>
  coreai.output %1 : tensor<1x1xf32>
}
