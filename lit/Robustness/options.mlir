// Every option conflict of spec A (plus F.13) and every malformed, out-of-range or unknown
// option value: an MLIR-style error naming the pass and the option, and a non-zero exit,
// before any IR is touched. Also through --pass-pipeline. Option errors have no source
// location (they are not about the input).

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
// RUN: not coreai-opt %s --coreai-palettize="lut-dtype=none n-bits=5" 2>&1 | FileCheck %s --check-prefix=E19 --implicit-check-not="Stack dump"
// E19: error: coreai-palettize: 'n-bits' must be one of 1, 2, 3, 4, 6, 8; got 5
// RUN: not coreai-opt %s --coreai-palettize="lut-dtype=none n-bits=0" 2>&1 | FileCheck %s --check-prefix=E20 --implicit-check-not="Stack dump"
// E20: error: coreai-palettize: 'n-bits' must be one of 1, 2, 3, 4, 6, 8; got 0
// RUN: not coreai-opt %s --coreai-palettize="lut-dtype=none n-bits=99999999999999999999" 2>&1 | FileCheck %s --check-prefix=E21 --implicit-check-not="Stack dump"
// E21: error: coreai-palettize: 'n-bits' expects an unsigned integer; got '99999999999999999999'
// RUN: not coreai-opt %s --coreai-palettize="lut-dtype=int4" 2>&1 | FileCheck %s --check-prefix=E22 --implicit-check-not="Stack dump"
// E22: error: coreai-palettize: 'lut-dtype' must be one of none, int8, uint8, fp8_e4m3fn, fp8_e5m2; got 'int4'
// RUN: not coreai-opt %s --coreai-palettize="lut-dtype=fp4_e2m1fn" 2>&1 | FileCheck %s --check-prefix=E23 --implicit-check-not="Stack dump"
// E23: error: coreai-palettize: 'lut-dtype' must be one of none, int8, uint8, fp8_e4m3fn, fp8_e5m2; got 'fp4_e2m1fn'
// RUN: not coreai-opt %s --coreai-palettize="lut-dtype=none granularity=per_block" 2>&1 | FileCheck %s --check-prefix=E24 --implicit-check-not="Stack dump"
// E24: error: coreai-palettize: granularity per_block is not supported for palettization; use per_tensor, per_channel or per_grouped_channel
// RUN: not coreai-opt %s --coreai-palettize="lut-dtype=none cluster-dim=2 enable-per-channel-scale=true" 2>&1 | FileCheck %s --check-prefix=E25 --implicit-check-not="Stack dump"
// E25: error: coreai-palettize: enable-per-channel-scale is not supported with cluster-dim > 1; got cluster-dim=2
// RUN: not coreai-opt %s --coreai-palettize="lut-dtype=none cluster-dim=0" 2>&1 | FileCheck %s --check-prefix=E26 --implicit-check-not="Stack dump"
// E26: error: coreai-palettize: 'cluster-dim' must be at least 1; got 0
// RUN: not coreai-opt %s --coreai-palettize="lut-dtype=none granularity=per_grouped_channel group-size=0" 2>&1 | FileCheck %s --check-prefix=E27 --implicit-check-not="Stack dump"
// E27: error: coreai-palettize: 'group-size' must be at least 1; got 0
// RUN: not coreai-opt %s --coreai-palettize="lut-dtype=none rounding-precision=-3" 2>&1 | FileCheck %s --check-prefix=E28 --implicit-check-not="Stack dump"
// E28: error: coreai-palettize: 'rounding-precision' expects an unsigned integer; got '-3'
// RUN: not coreai-opt %s --coreai-palettize="lut-dtype=none rounding-precision=100" 2>&1 | FileCheck %s --check-prefix=E29 --implicit-check-not="Stack dump"
// E29: error: coreai-palettize: 'rounding-precision' must be at most 10; got 100
// RUN: not coreai-opt %s --coreai-palettize="lut-dtype=none enable-fast-kmeans-mode=maybe" 2>&1 | FileCheck %s --check-prefix=E30 --implicit-check-not="Stack dump"
// E30: error: coreai-palettize: 'enable-fast-kmeans-mode' expects true or false; got 'maybe'
// RUN: not coreai-opt %s --coreai-palettize="lut-dtype=none bogus=1" 2>&1 | FileCheck %s --check-prefix=E31 --implicit-check-not="Stack dump"
// E31: error: coreai-palettize: no such option 'bogus'
// RUN: not coreai-opt %s --coreai-sparsify="target-sparsity=0.5 n-m-ratio=1,2" 2>&1 | FileCheck %s --check-prefix=E32 --implicit-check-not="Stack dump"
// E32: error: coreai-sparsify: target-sparsity and n-m-ratio are mutually exclusive
// RUN: not coreai-opt %s --coreai-sparsify="quantize-dtype=int8 palettize-nbits=4" 2>&1 | FileCheck %s --check-prefix=E33 --implicit-check-not="Stack dump"
// E33: error: coreai-sparsify: quantize-dtype and palettize-nbits are mutually exclusive
// RUN: not coreai-opt %s --coreai-sparsify="quantize-dtype=int4" 2>&1 | FileCheck %s --check-prefix=E34 --implicit-check-not="Stack dump"
// E34: error: coreai-sparsify: 'quantize-dtype' must be one of int8, uint8, fp8_e4m3fn, fp8_e5m2; got 'int4'
// RUN: not coreai-opt %s --coreai-sparsify="quantize-dtype=fp4_e2m1fn" 2>&1 | FileCheck %s --check-prefix=E35 --implicit-check-not="Stack dump"
// E35: error: coreai-sparsify: 'quantize-dtype' must be one of int8, uint8, fp8_e4m3fn, fp8_e5m2; got 'fp4_e2m1fn'
// RUN: not coreai-opt %s --coreai-sparsify="palettize-nbits=5" 2>&1 | FileCheck %s --check-prefix=E36 --implicit-check-not="Stack dump"
// E36: error: coreai-sparsify: 'palettize-nbits' must be one of 1, 2, 3, 4, 6, 8; got 5
// RUN: not coreai-opt %s --coreai-sparsify="block-size=1" 2>&1 | FileCheck %s --check-prefix=E37 --implicit-check-not="Stack dump"
// E37: error: coreai-sparsify: 'block-size' must be greater than 1; got 1
// RUN: not coreai-opt %s --coreai-sparsify="block-size=0" 2>&1 | FileCheck %s --check-prefix=E38 --implicit-check-not="Stack dump"
// E38: error: coreai-sparsify: 'block-size' must be greater than 1; got 0
// RUN: not coreai-opt %s --coreai-sparsify="n-m-ratio=1,2,3" 2>&1 | FileCheck %s --check-prefix=E39 --implicit-check-not="Stack dump"
// E39: error: coreai-sparsify: 'n-m-ratio' must have 2 entries (n,m); got 3
// RUN: not coreai-opt %s --coreai-sparsify="n-m-ratio=1" 2>&1 | FileCheck %s --check-prefix=E40 --implicit-check-not="Stack dump"
// E40: error: coreai-sparsify: 'n-m-ratio' must have 2 entries (n,m); got 1
// RUN: not coreai-opt %s --coreai-sparsify="n-m-ratio=3,2" 2>&1 | FileCheck %s --check-prefix=E41 --implicit-check-not="Stack dump"
// E41: error: coreai-sparsify: 'n-m-ratio' must satisfy m > 0 and 0 <= n <= m; got 3,2
// RUN: not coreai-opt %s --coreai-sparsify="n-m-ratio=0,0" 2>&1 | FileCheck %s --check-prefix=E42 --implicit-check-not="Stack dump"
// E42: error: coreai-sparsify: 'n-m-ratio' must satisfy m > 0 and 0 <= n <= m; got 0,0
// RUN: not coreai-opt %s --coreai-sparsify="n-m-ratio=-1,2" 2>&1 | FileCheck %s --check-prefix=E43 --implicit-check-not="Stack dump"
// E43: error: coreai-sparsify: 'n-m-ratio' expects a comma-separated list of unsigned integers; got '-1,2'
// RUN: not coreai-opt %s --coreai-sparsify="target-sparsity=1.5" 2>&1 | FileCheck %s --check-prefix=E44 --implicit-check-not="Stack dump"
// E44: error: coreai-sparsify: 'target-sparsity' must be in {{\[}}0, 1]; got 1.5
// RUN: not coreai-opt %s --coreai-sparsify="target-sparsity=-0.1" 2>&1 | FileCheck %s --check-prefix=E45 --implicit-check-not="Stack dump"
// E45: error: coreai-sparsify: 'target-sparsity' must be in {{\[}}0, 1]; got -0.1
// RUN: not coreai-opt %s --coreai-sparsify="target-sparsity=nan" 2>&1 | FileCheck %s --check-prefix=E46 --implicit-check-not="Stack dump"
// E46: error: coreai-sparsify: 'target-sparsity' expects a finite number or none; got 'nan'
// RUN: not coreai-opt %s --coreai-sparsify="target-sparsity=inf" 2>&1 | FileCheck %s --check-prefix=E47 --implicit-check-not="Stack dump"
// E47: error: coreai-sparsify: 'target-sparsity' expects a finite number or none; got 'inf'
// RUN: not coreai-opt %s --coreai-sparsify="weight-num-threshold=-1" 2>&1 | FileCheck %s --check-prefix=E48 --implicit-check-not="Stack dump"
// E48: error: coreai-sparsify: 'weight-num-threshold' expects an unsigned integer; got '-1'
// RUN: not coreai-opt %s --coreai-decompress="weight-num-threshold=0" 2>&1 | FileCheck %s --check-prefix=E49 --implicit-check-not="Stack dump"
// E49: error: coreai-decompress: no such option 'weight-num-threshold'

// The same errors through --pass-pipeline.
// RUN: not coreai-opt %s --pass-pipeline="builtin.module(coreai-sparsify{n-m-ratio=3,2})" 2>&1 | FileCheck %s --check-prefix=PIPE1 --implicit-check-not="Stack dump"
// PIPE1: coreai-sparsify: 'n-m-ratio' must satisfy m > 0 and 0 <= n <= m; got 3,2
// RUN: not coreai-opt %s --pass-pipeline="builtin.module(coreai-palettize{lut-dtype=none cluster-dim=2 enable-per-channel-scale=true})" 2>&1 | FileCheck %s --check-prefix=PIPE2 --implicit-check-not="Stack dump"
// PIPE2: coreai-palettize: enable-per-channel-scale is not supported with cluster-dim > 1; got cluster-dim=2

// Valid edge values are accepted (spec A: not validated by the reference).
// RUN: coreai-opt %s --coreai-quantize="granularity=per_block block-size=0" --coreai-palettize="lut-dtype=none num-kmeans-workers=0 rounding-precision=0" --coreai-sparsify="target-sparsity=0" | FileCheck %s --check-prefix=OK
// RUN: coreai-opt %s --coreai-sparsify="target-sparsity=1.0" --coreai-sparsify="n-m-ratio=0,1" --coreai-sparsify="n-m-ratio=4,4" | FileCheck %s --check-prefix=OK
// OK: coreai.graph @main

coreai.graph @main(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<0.5> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}
