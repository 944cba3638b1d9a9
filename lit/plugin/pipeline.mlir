// Pipeline round trip for every pass and option family, through coreai-opt and through
// stock mlir-opt with the plugin: --dump-pass-pipeline prints every option of our passes in
// its canonical spelling (defaults included), and running the printed pipeline gives
// byte-identical output and prints the same pipeline again (Inputs/roundtrip.py). Both tools
// print the same pipeline and the same IR.

// RUN: %python %S/Inputs/roundtrip.py %t.q4.d "builtin.module(coreai-quantize{dtype=int4 granularity=per_block})" coreai-opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=Q4
// RUN: cmp %t.q4.d.1.mlir %t.q4.d.2.mlir
// RUN: cmp %t.q4.d.1.pipeline %t.q4.d.2.pipeline
// RUN: %python %S/Inputs/roundtrip.py %t.q4.p "builtin.module(coreai-quantize{dtype=int4 granularity=per_block})" %coreai_mlir_opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=Q4
// RUN: cmp %t.q4.p.1.mlir %t.q4.p.2.mlir
// RUN: cmp %t.q4.p.1.pipeline %t.q4.p.2.pipeline
// RUN: cmp %t.q4.d.1.mlir %t.q4.p.1.mlir
// RUN: cmp %t.q4.d.1.pipeline %t.q4.p.1.pipeline
// Q4: builtin.module(coreai-quantize{block-size=32 dtype=int4 granularity=per_block qscheme=symmetric report=false scale-dtype=none weight-num-threshold=1024})

// RUN: %python %S/Inputs/roundtrip.py %t.mx.d "builtin.module(coreai-quantize{dtype=fp8_e4m3fn granularity=per-block scale-dtype=fp8_e8m0fnu weight_num_threshold=0})" coreai-opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=MX
// RUN: cmp %t.mx.d.1.mlir %t.mx.d.2.mlir
// RUN: cmp %t.mx.d.1.pipeline %t.mx.d.2.pipeline
// RUN: %python %S/Inputs/roundtrip.py %t.mx.p "builtin.module(coreai-quantize{dtype=fp8_e4m3fn granularity=per-block scale-dtype=fp8_e8m0fnu weight_num_threshold=0})" %coreai_mlir_opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=MX
// RUN: cmp %t.mx.p.1.mlir %t.mx.p.2.mlir
// RUN: cmp %t.mx.p.1.pipeline %t.mx.p.2.pipeline
// RUN: cmp %t.mx.d.1.mlir %t.mx.p.1.mlir
// RUN: cmp %t.mx.d.1.pipeline %t.mx.p.1.pipeline
// MX: builtin.module(coreai-quantize{block-size=32 dtype=fp8_e4m3fn granularity=per_block qscheme=symmetric report=false scale-dtype=fp8_e8m0fnu weight-num-threshold=0})

// RUN: %python %S/Inputs/roundtrip.py %t.pal.d "builtin.module(coreai-palettize{n-bits=3 granularity=per_grouped_channel group-size=16 lut-dtype=int8})" coreai-opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=PAL
// RUN: cmp %t.pal.d.1.mlir %t.pal.d.2.mlir
// RUN: cmp %t.pal.d.1.pipeline %t.pal.d.2.pipeline
// RUN: %python %S/Inputs/roundtrip.py %t.pal.p "builtin.module(coreai-palettize{n-bits=3 granularity=per_grouped_channel group-size=16 lut-dtype=int8})" %coreai_mlir_opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=PAL
// RUN: cmp %t.pal.p.1.mlir %t.pal.p.2.mlir
// RUN: cmp %t.pal.p.1.pipeline %t.pal.p.2.pipeline
// RUN: cmp %t.pal.d.1.mlir %t.pal.p.1.mlir
// RUN: cmp %t.pal.d.1.pipeline %t.pal.p.1.pipeline
// PAL: builtin.module(coreai-palettize{cluster-dim=1 enable-fast-kmeans-mode=true enable-per-channel-scale=false granularity=per_grouped_channel group-size=16 lut-dtype=int8 n-bits=3 num-kmeans-workers=4 report=false rounding-precision=4 weight-num-threshold=1024})

// RUN: %python %S/Inputs/roundtrip.py %t.pcs.d "builtin.module(coreai-palettize{n-bits=2 enable-per-channel-scale enable-fast-kmeans-mode=false})" coreai-opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=PCS
// RUN: cmp %t.pcs.d.1.mlir %t.pcs.d.2.mlir
// RUN: cmp %t.pcs.d.1.pipeline %t.pcs.d.2.pipeline
// RUN: %python %S/Inputs/roundtrip.py %t.pcs.p "builtin.module(coreai-palettize{n-bits=2 enable-per-channel-scale enable-fast-kmeans-mode=false})" %coreai_mlir_opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=PCS
// RUN: cmp %t.pcs.p.1.mlir %t.pcs.p.2.mlir
// RUN: cmp %t.pcs.p.1.pipeline %t.pcs.p.2.pipeline
// RUN: cmp %t.pcs.d.1.mlir %t.pcs.p.1.mlir
// RUN: cmp %t.pcs.d.1.pipeline %t.pcs.p.1.pipeline
// PCS: builtin.module(coreai-palettize{cluster-dim=1 enable-fast-kmeans-mode=false enable-per-channel-scale=true granularity=per_tensor group-size=32 lut-dtype=none n-bits=2 num-kmeans-workers=4 report=false rounding-precision=4 weight-num-threshold=1024})

// RUN: %python %S/Inputs/roundtrip.py %t.nm.d "builtin.module(coreai-sparsify{n-m-ratio=2,4 quantize-dtype=int8})" coreai-opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=NM
// RUN: cmp %t.nm.d.1.mlir %t.nm.d.2.mlir
// RUN: cmp %t.nm.d.1.pipeline %t.nm.d.2.pipeline
// RUN: %python %S/Inputs/roundtrip.py %t.nm.p "builtin.module(coreai-sparsify{n-m-ratio=2,4 quantize-dtype=int8})" %coreai_mlir_opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=NM
// RUN: cmp %t.nm.p.1.mlir %t.nm.p.2.mlir
// RUN: cmp %t.nm.p.1.pipeline %t.nm.p.2.pipeline
// RUN: cmp %t.nm.d.1.mlir %t.nm.p.1.mlir
// RUN: cmp %t.nm.d.1.pipeline %t.nm.p.1.pipeline
// NM: builtin.module(coreai-sparsify{block-size=none n-m-ratio=2,4 palettize-nbits=none quantize-dtype=int8 report=false target-sparsity=none weight-num-threshold=1024})

// RUN: %python %S/Inputs/roundtrip.py %t.spal.d "builtin.module(coreai-sparsify{target-sparsity=0.75 palettize-nbits=4})" coreai-opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=SPAL
// RUN: cmp %t.spal.d.1.mlir %t.spal.d.2.mlir
// RUN: cmp %t.spal.d.1.pipeline %t.spal.d.2.pipeline
// RUN: %python %S/Inputs/roundtrip.py %t.spal.p "builtin.module(coreai-sparsify{target-sparsity=0.75 palettize-nbits=4})" %coreai_mlir_opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=SPAL
// RUN: cmp %t.spal.p.1.mlir %t.spal.p.2.mlir
// RUN: cmp %t.spal.p.1.pipeline %t.spal.p.2.pipeline
// RUN: cmp %t.spal.d.1.mlir %t.spal.p.1.mlir
// RUN: cmp %t.spal.d.1.pipeline %t.spal.p.1.pipeline
// SPAL: builtin.module(coreai-sparsify{block-size=none n-m-ratio=none palettize-nbits=4 quantize-dtype=none report=false target-sparsity=0.75 weight-num-threshold=1024})

// RUN: %python %S/Inputs/roundtrip.py %t.dec.d "builtin.module(coreai-quantize{dtype=int8},coreai-decompress,canonicalize{max-iterations=3},cse)" coreai-opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=DEC
// RUN: cmp %t.dec.d.1.mlir %t.dec.d.2.mlir
// RUN: cmp %t.dec.d.1.pipeline %t.dec.d.2.pipeline
// RUN: %python %S/Inputs/roundtrip.py %t.dec.p "builtin.module(coreai-quantize{dtype=int8},coreai-decompress,canonicalize{max-iterations=3},cse)" %coreai_mlir_opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=DEC
// RUN: cmp %t.dec.p.1.mlir %t.dec.p.2.mlir
// RUN: cmp %t.dec.p.1.pipeline %t.dec.p.2.pipeline
// RUN: cmp %t.dec.d.1.mlir %t.dec.p.1.mlir
// RUN: cmp %t.dec.d.1.pipeline %t.dec.p.1.pipeline
// DEC: builtin.module(coreai-quantize{block-size=32 dtype=int8 granularity=per_channel qscheme=symmetric report=false scale-dtype=none weight-num-threshold=1024},coreai-decompress,canonicalize{ max-iterations=3 max-num-rewrites=-1 region-simplify=normal test-convergence=false top-down=true},cse)

// RUN: %python %S/Inputs/roundtrip.py %t.rep.d "builtin.module(coreai-report{original=%S/../../test/data/llm-layer.mlir report='%t report.json'})" coreai-opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=REP
// RUN: cmp %t.rep.d.1.mlir %t.rep.d.2.mlir
// RUN: cmp %t.rep.d.1.pipeline %t.rep.d.2.pipeline
// RUN: %python %S/Inputs/roundtrip.py %t.rep.p "builtin.module(coreai-report{original=%S/../../test/data/llm-layer.mlir report='%t report.json'})" %coreai_mlir_opt %S/../../test/data/llm-layer.mlir | FileCheck %s --check-prefix=REP
// RUN: cmp %t.rep.p.1.mlir %t.rep.p.2.mlir
// RUN: cmp %t.rep.p.1.pipeline %t.rep.p.2.pipeline
// RUN: cmp %t.rep.d.1.mlir %t.rep.p.1.mlir
// RUN: cmp %t.rep.d.1.pipeline %t.rep.p.1.pipeline
// REP: builtin.module(coreai-report{original={{.*}}/llm-layer.mlir report='{{.*}} report.json' weight-num-threshold=1024})

// The command-line form of coreai-opt prints the options too.
// RUN: coreai-opt %S/../../test/data/llm-layer.mlir --coreai-palettize="n-bits=2" --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=FLAG
// FLAG: coreai-palettize{cluster-dim=1 enable-fast-kmeans-mode=true enable-per-channel-scale=false granularity=per_tensor group-size=32 lut-dtype=none n-bits=2 num-kmeans-workers=4 report=false rounding-precision=4 weight-num-threshold=1024}
