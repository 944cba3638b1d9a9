// Option errors of --coreai-quantize: every conflict of spec A.2 (plus F.13) and every malformed, out-of-range
// or unknown option value is an MLIR-style error naming the pass and the option, and a
// non-zero exit, before any IR is touched. Option errors have no source location (they are
// not about the input).

// RUN: not coreai-opt %s --coreai-quantize="dtype=fp8_e8m0fnu" 2>&1 | FileCheck %s --check-prefix=E0 --implicit-check-not="Stack dump"
// E0: error: coreai-quantize: unsupported weight dtype fp8_e8m0fnu; fp8_e8m0fnu is only valid as scale-dtype
// RUN: not coreai-opt %s --coreai-quantize="dtype=int8 scale-dtype=fp8_e8m0fnu" 2>&1 | FileCheck %s --check-prefix=E1 --implicit-check-not="Stack dump"
// E1: error: coreai-quantize: scale-dtype must be none for integer dtype int8
// RUN: not coreai-opt %s --coreai-quantize="dtype=uint4 scale-dtype=fp8_e4m3fn" 2>&1 | FileCheck %s --check-prefix=E2 --implicit-check-not="Stack dump"
// E2: error: coreai-quantize: scale-dtype must be none for integer dtype uint4
// RUN: not coreai-opt %s --coreai-quantize="dtype=fp8_e5m2 qscheme=asymmetric" 2>&1 | FileCheck %s --check-prefix=E3 --implicit-check-not="Stack dump"
// E3: error: coreai-quantize: asymmetric quantization is not supported for FP dtype fp8_e5m2
// RUN: not coreai-opt %s --coreai-quantize="dtype=fp4_e2m1fn qscheme=asymmetric granularity=per_block" 2>&1 | FileCheck %s --check-prefix=E4 --implicit-check-not="Stack dump"
// E4: error: coreai-quantize: asymmetric quantization is not supported for FP dtype fp4_e2m1fn
// RUN: not coreai-opt %s --coreai-quantize="dtype=fp4_e2m1fn granularity=per_block scale-dtype=fp8_e8m0fnu" 2>&1 | FileCheck %s --check-prefix=E5 --implicit-check-not="Stack dump"
// E5: error: coreai-quantize: scale-dtype must be none for FP4 dtype fp4_e2m1fn
// RUN: not coreai-opt %s --coreai-quantize="dtype=fp4_e2m1fn" 2>&1 | FileCheck %s --check-prefix=E6 --implicit-check-not="Stack dump"
// E6: error: coreai-quantize: dtype fp4_e2m1fn requires granularity=per_block and block-size=32 for a valid MXFP4 encoding; got granularity=per_channel block-size=32
// RUN: not coreai-opt %s --coreai-quantize="dtype=fp4_e2m1fn granularity=per_block block-size=64" 2>&1 | FileCheck %s --check-prefix=E7 --implicit-check-not="Stack dump"
// E7: error: coreai-quantize: dtype fp4_e2m1fn requires granularity=per_block and block-size=32 for a valid MXFP4 encoding; got granularity=per_block block-size=64
// RUN: not coreai-opt %s --coreai-quantize="dtype=fp8_e4m3fn scale-dtype=int8" 2>&1 | FileCheck %s --check-prefix=E8 --implicit-check-not="Stack dump"
// E8: error: coreai-quantize: invalid scale-dtype int8 for dtype fp8_e4m3fn; expected none or fp8_e8m0fnu
// RUN: not coreai-opt %s --coreai-quantize="granularity=per_grouped_channel" 2>&1 | FileCheck %s --check-prefix=E9 --implicit-check-not="Stack dump"
// E9: error: coreai-quantize: granularity per_grouped_channel is not supported for quantization
// RUN: not coreai-opt %s --coreai-quantize="dtype=int3" 2>&1 | FileCheck %s --check-prefix=E10 --implicit-check-not="Stack dump"
// E10: error: coreai-quantize: 'dtype' must be one of int2, uint2, int4, uint4, int8, uint8, fp4_e2m1fn, fp8_e4m3fn, fp8_e5m2, fp8_e8m0fnu; got 'int3'
// RUN: not coreai-opt %s --coreai-quantize="qscheme=sym" 2>&1 | FileCheck %s --check-prefix=E11 --implicit-check-not="Stack dump"
// E11: error: coreai-quantize: 'qscheme' must be one of symmetric, asymmetric; got 'sym'
// RUN: not coreai-opt %s --coreai-quantize="granularity=per_row" 2>&1 | FileCheck %s --check-prefix=E12 --implicit-check-not="Stack dump"
// E12: error: coreai-quantize: 'granularity' must be one of per_tensor, per_channel, per_block, per_grouped_channel; got 'per_row'
// RUN: not coreai-opt %s --coreai-quantize="block-size=-4" 2>&1 | FileCheck %s --check-prefix=E13 --implicit-check-not="Stack dump"
// E13: error: coreai-quantize: 'block-size' expects an unsigned integer; got '-4'
// RUN: not coreai-opt %s --coreai-quantize="weight-num-threshold=18446744073709551616" 2>&1 | FileCheck %s --check-prefix=E14 --implicit-check-not="Stack dump"
// E14: error: coreai-quantize: 'weight-num-threshold' expects an unsigned integer; got '18446744073709551616'
// RUN: not coreai-opt %s --coreai-quantize="dtype='int8" 2>&1 | FileCheck %s --check-prefix=E15 --implicit-check-not="Stack dump"
// E15: error: coreai-quantize: unterminated quote or brace in options 'dtype='int8'
// RUN: not coreai-opt %s --coreai-quantize="dtype=int8}" 2>&1 | FileCheck %s --check-prefix=E16 --implicit-check-not="Stack dump"
// E16: error: coreai-quantize: unbalanced '}' in options 'dtype=int8}'
// RUN: not coreai-opt %s --coreai-quantize="dtype" 2>&1 | FileCheck %s --check-prefix=E17 --implicit-check-not="Stack dump"
// E17: error: coreai-quantize: option 'dtype' needs a value
// RUN: not coreai-opt %s --coreai-quantize="colour=blue" 2>&1 | FileCheck %s --check-prefix=E18 --implicit-check-not="Stack dump"
// E18: error: coreai-quantize: no such option 'colour'

// Valid edge values are accepted (spec A: not validated by the reference).
// RUN: coreai-opt %s --coreai-quantize="granularity=per_block block-size=0" | FileCheck %s --check-prefix=OK
// RUN: coreai-opt %s --coreai-quantize="scale-dtype=none report=false" | FileCheck %s --check-prefix=OK
// OK: coreai.graph @main

coreai.graph @main(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<0.5> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}
