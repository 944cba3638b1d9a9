// Option errors of --coreai-sparsify: every conflict of spec A.4 and every malformed, out-of-range
// or unknown option value is an MLIR-style error naming the pass and the option, and a
// non-zero exit, before any IR is touched. Option errors have no source location (they are
// not about the input).

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

// The same errors through --pass-pipeline.
// RUN: not coreai-opt %s --pass-pipeline="builtin.module(coreai-sparsify{n-m-ratio=3,2})" 2>&1 | FileCheck %s --check-prefix=PIPE1 --implicit-check-not="Stack dump"
// PIPE1: coreai-sparsify: 'n-m-ratio' must satisfy m > 0 and 0 <= n <= m; got 3,2

// Valid edge values are accepted (spec A: not validated by the reference).
// RUN: coreai-opt %s --coreai-sparsify="target-sparsity=0" | FileCheck %s --check-prefix=OK
// RUN: coreai-opt %s --coreai-sparsify="target-sparsity=1.0" --coreai-sparsify="n-m-ratio=0,1" --coreai-sparsify="n-m-ratio=4,4" | FileCheck %s --check-prefix=OK
// RUN: coreai-opt %s --coreai-sparsify="target-sparsity=none n-m-ratio=2,4 block-size=none quantize-dtype=none palettize-nbits=none" | FileCheck %s --check-prefix=OK
// OK: coreai.graph @main

coreai.graph @main(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<0.5> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}
