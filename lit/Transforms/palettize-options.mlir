// Option errors of --coreai-palettize: every conflict of spec A.3 and every malformed, out-of-range
// or unknown option value is an MLIR-style error naming the pass and the option, and a
// non-zero exit, before any IR is touched. Option errors have no source location (they are
// not about the input).

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

// The same errors through --pass-pipeline.
// RUN: not coreai-opt %s --pass-pipeline="builtin.module(coreai-palettize{lut-dtype=none cluster-dim=2 enable-per-channel-scale=true})" 2>&1 | FileCheck %s --check-prefix=PIPE2 --implicit-check-not="Stack dump"
// PIPE2: coreai-palettize: enable-per-channel-scale is not supported with cluster-dim > 1; got cluster-dim=2

// Valid edge values are accepted (spec A: not validated by the reference).
// RUN: coreai-opt %s --coreai-palettize="lut-dtype=none num-kmeans-workers=0 rounding-precision=0" | FileCheck %s --check-prefix=OK
// OK: coreai.graph @main

coreai.graph @main(%arg0: tensor<1x8xf16>) -> tensor<1x4xf16> {
  %0 = coreai.constant dense<0.5> : tensor<8x4xf16>
  %1 = coreai.batch_matmul %arg0, %0 : (tensor<1x8xf16>, tensor<8x4xf16>) -> tensor<1x4xf16>
  coreai.output %1 : tensor<1x4xf16>
}
