// Determinism and verification on moderately sized weights (Inputs/gen-weights.py: a
// 256x512 f16 matmul weight, a 64x32x3x3 f32 conv2d weight and a 128x64 bf16 gather table,
// as dense_resource blobs; with the argument 9, 2304x512 and 1152x64, which is beyond the
// kernels' largest single-task sizes). For every pass, the output with RAYON_NUM_THREADS=1
// and with RAYON_NUM_THREADS=4 must be byte-identical, and it must re-parse and verify.

// RUN: python3 %S/Inputs/gen-weights.py > %t.small.mlir
// RUN: python3 %S/Inputs/gen-weights.py 9 > %t.big.mlir

// RUN: env RAYON_NUM_THREADS=1 coreai-opt %t.small.mlir --coreai-quantize="weight-num-threshold=0" -o %t.0.1
// RUN: env RAYON_NUM_THREADS=4 coreai-opt %t.small.mlir --coreai-quantize="weight-num-threshold=0" -o %t.0.4
// RUN: diff %t.0.1 %t.0.4
// RUN: coreai-opt %t.0.1 --verify-each -o /dev/null
// RUN: env RAYON_NUM_THREADS=1 coreai-opt %t.small.mlir --coreai-quantize="weight-num-threshold=0 dtype=uint4 qscheme=asymmetric granularity=per_block block-size=32" -o %t.1.1
// RUN: env RAYON_NUM_THREADS=4 coreai-opt %t.small.mlir --coreai-quantize="weight-num-threshold=0 dtype=uint4 qscheme=asymmetric granularity=per_block block-size=32" -o %t.1.4
// RUN: diff %t.1.1 %t.1.4
// RUN: coreai-opt %t.1.1 --verify-each -o /dev/null
// RUN: env RAYON_NUM_THREADS=1 coreai-opt %t.small.mlir --coreai-quantize="weight-num-threshold=0 dtype=fp8_e4m3fn granularity=per_block block-size=32 scale-dtype=fp8_e8m0fnu" -o %t.2.1
// RUN: env RAYON_NUM_THREADS=4 coreai-opt %t.small.mlir --coreai-quantize="weight-num-threshold=0 dtype=fp8_e4m3fn granularity=per_block block-size=32 scale-dtype=fp8_e8m0fnu" -o %t.2.4
// RUN: diff %t.2.1 %t.2.4
// RUN: coreai-opt %t.2.1 --verify-each -o /dev/null
// RUN: env RAYON_NUM_THREADS=1 coreai-opt %t.small.mlir --coreai-quantize="weight-num-threshold=0 dtype=fp8_e5m2 granularity=per_tensor" -o %t.3.1
// RUN: env RAYON_NUM_THREADS=4 coreai-opt %t.small.mlir --coreai-quantize="weight-num-threshold=0 dtype=fp8_e5m2 granularity=per_tensor" -o %t.3.4
// RUN: diff %t.3.1 %t.3.4
// RUN: coreai-opt %t.3.1 --verify-each -o /dev/null
// RUN: env RAYON_NUM_THREADS=1 coreai-opt %t.small.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=int8 n-bits=6 granularity=per_grouped_channel group-size=16 enable-per-channel-scale=true" -o %t.4.1
// RUN: env RAYON_NUM_THREADS=4 coreai-opt %t.small.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=int8 n-bits=6 granularity=per_grouped_channel group-size=16 enable-per-channel-scale=true" -o %t.4.4
// RUN: diff %t.4.1 %t.4.4
// RUN: coreai-opt %t.4.1 --verify-each -o /dev/null
// RUN: env RAYON_NUM_THREADS=1 coreai-opt %t.small.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=none n-bits=2 cluster-dim=2" -o %t.5.1
// RUN: env RAYON_NUM_THREADS=4 coreai-opt %t.small.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=none n-bits=2 cluster-dim=2" -o %t.5.4
// RUN: diff %t.5.1 %t.5.4
// RUN: coreai-opt %t.5.1 --verify-each -o /dev/null
// RUN: env RAYON_NUM_THREADS=1 coreai-opt %t.small.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=fp8_e4m3fn n-bits=3 granularity=per_channel enable-fast-kmeans-mode=false" -o %t.6.1
// RUN: env RAYON_NUM_THREADS=4 coreai-opt %t.small.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=fp8_e4m3fn n-bits=3 granularity=per_channel enable-fast-kmeans-mode=false" -o %t.6.4
// RUN: diff %t.6.1 %t.6.4
// RUN: coreai-opt %t.6.1 --verify-each -o /dev/null
// RUN: env RAYON_NUM_THREADS=1 coreai-opt %t.small.mlir --coreai-sparsify="weight-num-threshold=0 n-m-ratio=2,4 quantize-dtype=uint8" -o %t.7.1
// RUN: env RAYON_NUM_THREADS=4 coreai-opt %t.small.mlir --coreai-sparsify="weight-num-threshold=0 n-m-ratio=2,4 quantize-dtype=uint8" -o %t.7.4
// RUN: diff %t.7.1 %t.7.4
// RUN: coreai-opt %t.7.1 --verify-each -o /dev/null
// RUN: env RAYON_NUM_THREADS=1 coreai-opt %t.small.mlir --coreai-sparsify="weight-num-threshold=0 target-sparsity=0.75 block-size=4 palettize-nbits=3" -o %t.8.1
// RUN: env RAYON_NUM_THREADS=4 coreai-opt %t.small.mlir --coreai-sparsify="weight-num-threshold=0 target-sparsity=0.75 block-size=4 palettize-nbits=3" -o %t.8.4
// RUN: diff %t.8.1 %t.8.4
// RUN: coreai-opt %t.8.1 --verify-each -o /dev/null
// RUN: env RAYON_NUM_THREADS=1 coreai-opt %t.big.mlir --coreai-quantize="weight-num-threshold=0 dtype=int4 granularity=per_block block-size=32" -o %t.9.1
// RUN: env RAYON_NUM_THREADS=4 coreai-opt %t.big.mlir --coreai-quantize="weight-num-threshold=0 dtype=int4 granularity=per_block block-size=32" -o %t.9.4
// RUN: diff %t.9.1 %t.9.4
// RUN: coreai-opt %t.9.1 --verify-each -o /dev/null
// RUN: env RAYON_NUM_THREADS=1 coreai-opt %t.big.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=none n-bits=4" -o %t.10.1
// RUN: env RAYON_NUM_THREADS=4 coreai-opt %t.big.mlir --coreai-palettize="weight-num-threshold=0 lut-dtype=none n-bits=4" -o %t.10.4
// RUN: diff %t.10.1 %t.10.4
// RUN: coreai-opt %t.10.1 --verify-each -o /dev/null
// RUN: env RAYON_NUM_THREADS=1 coreai-opt %t.big.mlir --coreai-sparsify="weight-num-threshold=0" -o %t.11.1
// RUN: env RAYON_NUM_THREADS=4 coreai-opt %t.big.mlir --coreai-sparsify="weight-num-threshold=0" -o %t.11.4
// RUN: diff %t.11.1 %t.11.4
// RUN: coreai-opt %t.11.1 --verify-each -o /dev/null

// Decompressing is deterministic too, and gives the same dense weights for both outputs.
// RUN: env RAYON_NUM_THREADS=1 coreai-opt %t.0.1 --coreai-decompress -o %t.d.1
// RUN: env RAYON_NUM_THREADS=4 coreai-opt %t.0.4 --coreai-decompress -o %t.d.4
// RUN: diff %t.d.1 %t.d.4

// The passes did compress (one decompression chain per weight).
// RUN: FileCheck %s < %t.4.1
// CHECK-COUNT-3: coreai.blockwise_shift_scale %
