// Malformed input text: a located parse error and a non-zero exit, never a crash, for every
// pass. (Inputs/ holds the broken files; this file is only the RUN lines.)

// RUN: not coreai-opt %S/Inputs/garbage.mlir --coreai-quantize 2>&1 | FileCheck %s --check-prefix=GARBAGE --implicit-check-not="Stack dump"
// RUN: not coreai-opt %S/Inputs/garbage.mlir --coreai-palettize=lut-dtype=none 2>&1 | FileCheck %s --check-prefix=GARBAGE --implicit-check-not="Stack dump"
// RUN: not coreai-opt %S/Inputs/garbage.mlir --coreai-sparsify 2>&1 | FileCheck %s --check-prefix=GARBAGE --implicit-check-not="Stack dump"
// RUN: not coreai-opt %S/Inputs/garbage.mlir --coreai-decompress 2>&1 | FileCheck %s --check-prefix=GARBAGE --implicit-check-not="Stack dump"
// GARBAGE: garbage.mlir:1:1: error: custom op 'this' is unknown

// A file cut in the middle of a type.
// RUN: not coreai-opt %S/Inputs/truncated.mlir --coreai-quantize 2>&1 | FileCheck %s --check-prefix=TRUNC --implicit-check-not="Stack dump"
// RUN: not coreai-opt %S/Inputs/truncated.mlir --coreai-sparsify 2>&1 | FileCheck %s --check-prefix=TRUNC --implicit-check-not="Stack dump"
// TRUNC: truncated.mlir:2:46: error: expected 'x' in dimension list

// A file cut after the last op of a graph (no coreai.output, no closing brace).
// RUN: not coreai-opt %S/Inputs/no-terminator.mlir --coreai-palettize=lut-dtype=none 2>&1 | FileCheck %s --check-prefix=NOTERM --implicit-check-not="Stack dump"
// NOTERM: no-terminator.mlir:3:{{[0-9]+}}: error: expected operation name in quotes

// A file cut inside the dialect_resources trailer.
// RUN: not coreai-opt %S/Inputs/truncated-trailer.mlir --coreai-decompress 2>&1 | FileCheck %s --check-prefix=TRAILER --implicit-check-not="Stack dump"
// TRAILER: truncated-trailer.mlir:6:{{[0-9]+}}: error: expected '"' in string literal

// Binary bytes (NUL, 0xFF, 0xFE) after a valid graph.
// RUN: not coreai-opt %S/Inputs/binary.mlir --coreai-quantize 2>&1 | FileCheck %s --check-prefix=BINARY --implicit-check-not="Stack dump"
// BINARY: binary.mlir:4:{{[0-9]+}}: error: unexpected character

// An empty file (and empty stdin) is an empty module: every pass succeeds on it.
// RUN: coreai-opt %S/Inputs/empty.mlir --coreai-quantize --coreai-palettize=lut-dtype=none --coreai-sparsify --coreai-decompress 2>&1 | FileCheck %s --check-prefix=EMPTY --implicit-check-not="Stack dump"
// RUN: coreai-opt - --coreai-quantize < %S/Inputs/empty.mlir 2>&1 | FileCheck %s --check-prefix=EMPTY --implicit-check-not="Stack dump"
// EMPTY: module {
// EMPTY-NEXT: }

// A missing input file.
// RUN: not coreai-opt %S/Inputs/does-not-exist.mlir --coreai-quantize 2>&1 | FileCheck %s --check-prefix=MISSING --implicit-check-not="Stack dump"
// MISSING: cannot open input file '{{.*}}does-not-exist.mlir': No such file or directory

// Unknown ops and types are parse errors at their location.
// RUN: not coreai-opt %s --coreai-quantize 2>&1 | FileCheck %s --check-prefix=UNKNOWN --implicit-check-not="Stack dump"
// UNKNOWN: bad-text.mlir:[[@LINE+3]]:8: error: custom op 'coreai.no_such_op' is unknown

coreai.graph @unknown_op(%arg0: tensor<4xf16>) -> tensor<4xf16> {
  %0 = coreai.no_such_op %arg0 : tensor<4xf16>
  coreai.output %0 : tensor<4xf16>
}
