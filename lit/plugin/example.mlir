// The bundled example (test/data/llm-layer.mlir: seven f16 weights) through coreai-opt and
// through stock mlir-opt with the plugin: byte-identical output for every pass. This is the
// README's plugin command.

// RUN: coreai-opt %S/../../test/data/llm-layer.mlir --pass-pipeline="builtin.module(coreai-quantize{dtype=int4 granularity=per_block})" > %t.quantize.driver
// RUN: %coreai_mlir_opt %S/../../test/data/llm-layer.mlir --pass-pipeline="builtin.module(coreai-quantize{dtype=int4 granularity=per_block})" > %t.quantize.plugin
// RUN: cmp %t.quantize.driver %t.quantize.plugin
// RUN: FileCheck %s --check-prefix=QUANTIZE < %t.quantize.plugin
// QUANTIZE-COUNT-7: coreai.blockwise_shift_scale {{.*}} : (tensor<{{[0-9x]+}}xsi4>

// RUN: coreai-opt %S/../../test/data/llm-layer.mlir --pass-pipeline="builtin.module(coreai-palettize{n-bits=3 granularity=per_grouped_channel group-size=16})" > %t.palettize.driver
// RUN: %coreai_mlir_opt %S/../../test/data/llm-layer.mlir --pass-pipeline="builtin.module(coreai-palettize{n-bits=3 granularity=per_grouped_channel group-size=16})" > %t.palettize.plugin
// RUN: cmp %t.palettize.driver %t.palettize.plugin
// RUN: FileCheck %s --check-prefix=PALETTIZE < %t.palettize.plugin
// PALETTIZE-COUNT-7: coreai.lut_to_dense {{.*}} : (tensor<{{[0-9x]+}}xui3>

// RUN: coreai-opt %S/../../test/data/llm-layer.mlir --pass-pipeline="builtin.module(coreai-sparsify{target-sparsity=0.5 quantize-dtype=int8})" > %t.sparsify.driver
// RUN: %coreai_mlir_opt %S/../../test/data/llm-layer.mlir --pass-pipeline="builtin.module(coreai-sparsify{target-sparsity=0.5 quantize-dtype=int8})" > %t.sparsify.plugin
// RUN: cmp %t.sparsify.driver %t.sparsify.plugin
// RUN: FileCheck %s --check-prefix=SPARSIFY < %t.sparsify.plugin
// SPARSIFY-COUNT-7: coreai.sparse_with_bitmask_to_dense

// Decompressing the quantized program, in both tools, from the same input.
// RUN: coreai-opt %t.quantize.driver --pass-pipeline="builtin.module(coreai-decompress)" > %t.decompress.driver
// RUN: %coreai_mlir_opt %t.quantize.driver --pass-pipeline="builtin.module(coreai-decompress)" > %t.decompress.plugin
// RUN: cmp %t.decompress.driver %t.decompress.plugin
// RUN: FileCheck %s --check-prefix=DECOMPRESS < %t.decompress.plugin
// DECOMPRESS-NOT: coreai.blockwise_shift_scale
// DECOMPRESS-COUNT-7: coreai.constant dense_resource<{{.*}}> : tensor<{{[0-9x]+}}xf16>

// The report of the quantized program against the original: the same IR, and the same JSON
// but for the options line, which names each run's own report file.
// RUN: coreai-opt %t.quantize.driver --pass-pipeline="builtin.module(coreai-report{original=%S/../../test/data/llm-layer.mlir report=%t.report.driver.json})" > %t.report.driver
// RUN: %coreai_mlir_opt %t.quantize.driver --pass-pipeline="builtin.module(coreai-report{original=%S/../../test/data/llm-layer.mlir report=%t.report.plugin.json})" > %t.report.plugin
// RUN: cmp %t.report.driver %t.report.plugin
// RUN: grep -v '"options":' %t.report.driver.json > %t.report.driver.body
// RUN: grep -v '"options":' %t.report.plugin.json > %t.report.plugin.body
// RUN: cmp %t.report.driver.body %t.report.plugin.body
// RUN: FileCheck %s --check-prefix=REPORT < %t.report.plugin.json
// REPORT: "pass": "coreai-report",
// REPORT: "totals": {"constants": 7, "compressed": 7,
