// RUN: coreai-opt --help | FileCheck %s
// The Rust passes are in MLIR's registry, next to the upstream ones.
// CHECK-DAG: --canonicalize
// CHECK-DAG: --coreai-decompress
// CHECK-DAG: --cse
// CHECK-DAG: --mlir-timing
// CHECK-DAG: --split-input-file
// CHECK-DAG: --emit-bytecode

// Each pass lists its options in MLIR's format, from the option table the parser uses: the
// accepted values, the help and the default.
// RUN: coreai-opt --help | FileCheck %s --check-prefix=OPTIONS
// RUN: %coreai_mlir_opt --help | FileCheck %s --check-prefix=OPTIONS
// RUN: %coreai_mlir_opt --list-passes | FileCheck %s --check-prefix=OPTIONS
// OPTIONS-LABEL: --coreai-quantize{{ +}}-   quantize eligible weights to blockwise_shift_scale chains
// OPTIONS-NEXT: --block-size=<unsigned>{{ +}}- block size along the input-channel axis for per_block (0 behaves like per_channel) (default: 32)
// OPTIONS-NEXT: --dtype=<int2|uint2|int4|uint4|int8|uint8|fp4_e2m1fn|fp8_e4m3fn|fp8_e5m2|fp8_e8m0fnu>{{ +}}- data type of the quantized weights (fp8_e8m0fnu is only valid as scale-dtype) (default: int8)
// OPTIONS-NEXT: --granularity=<per_tensor|per_channel|per_block|per_grouped_channel>{{ +}}- one scale per tensor, per output channel, or per block of block-size along the input axis (default: per_channel)
// OPTIONS-NEXT: --qscheme=<symmetric|asymmetric>{{ +}}- symmetric (zero point at the middle of the range) or asymmetric (min/max range); FP types are symmetric (default: symmetric)
// OPTIONS-NEXT: --report=<path>{{ +}}- write a JSON compression report to this file; `report` alone (or `report=true`) emits remarks, `report=false` nothing (default: false)
// OPTIONS-NEXT: --scale-dtype=<none|int2|uint2|int4|uint4|int8|uint8|fp4_e2m1fn|fp8_e4m3fn|fp8_e5m2|fp8_e8m0fnu>{{ +}}- scale storage: none (the weight's float type) or fp8_e8m0fnu (MX power-of-two scales, FP8 only) (default: none)
// OPTIONS-NEXT: --weight-num-threshold=<unsigned>{{ +}}- weights with at most this many elements are left alone (default: 1024)
// OPTIONS-NEXT: --coreai-report{{ +}}-   report the compressed weights of a program by decoding each chain
// OPTIONS-NEXT: --original=<path>{{ +}}- the uncompressed program (text or bytecode), to report the reconstruction error (default: '')
// OPTIONS-NEXT: --report=<path>
// OPTIONS-NEXT: --weight-num-threshold=<unsigned>
// OPTIONS-NEXT: --coreai-sparsify{{ +}}-   prune eligible weights to bitmask sparse chains

// --list-passes lists all five passes among the upstream ones.
// RUN: %coreai_mlir_opt --list-passes | FileCheck %s --check-prefix=LIST
// LIST-DAG: --canonicalize
// LIST-DAG: --coreai-decompress
// LIST-DAG: --coreai-palettize
// LIST-DAG: --coreai-quantize
// LIST-DAG: --coreai-report
// LIST-DAG: --coreai-sparsify
