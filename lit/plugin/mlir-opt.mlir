// Stock mlir-opt (Debian's mlir-22-tools, linked against libMLIR.so) with our plugin loaded
// by --load-dialect-plugin and --load-pass-plugin.

// The plugin registers the dialects the dialect crate defines.
// RUN: %coreai_mlir_opt --show-dialects | FileCheck %s --check-prefix=DIALECTS
// DIALECTS: Available Dialects:
// DIALECTS-SAME: ,coreai,coreaix,debuginfo,
// DIALECTS-SAME: ,param,
// DIALECTS-SAME: ,udml,

// Without the plugin, mlir-opt knows neither the dialect nor the passes.
// RUN: not %mlir_opt %s 2>&1 | FileCheck %s --check-prefix=NODIALECT
// NODIALECT: Dialect `coreai' not found
// RUN: not %mlir_opt --load-dialect-plugin=%coreai_plugin %s --pass-pipeline="builtin.module(coreai-decompress)" 2>&1 | FileCheck %s --check-prefix=NOPASS
// NOPASS: 'coreai-decompress' does not refer to a registered pass or pass pipeline

// Our passes compose with upstream ones; loading the pass plugin twice registers them once.
// RUN: %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-decompress,canonicalize,cse)" | FileCheck %s --check-prefix=MIXED
// RUN: %coreai_mlir_opt --load-pass-plugin=%coreai_plugin %s --pass-pipeline="builtin.module(coreai-decompress,canonicalize,cse)" | FileCheck %s --check-prefix=MIXED
// MIXED-LABEL: coreai.graph @main
// MIXED-NOT: coreai.lut_to_dense
// MIXED: coreai.constant dense<{{\[}}[5.000000e-01, 1.000000e+00], [1.500000e+00, 0.000000e+00]]> : tensor<2x2xf16>

// mlir-opt's own flags apply, and its bytecode reads back in coreai-opt.
// RUN: %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-decompress)" --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// GENERIC: "coreai.constant"() <{value = dense<{{\[}}[5.000000e-01, 1.000000e+00], [1.500000e+00, 0.000000e+00]]> : tensor<2x2xf16>}>
// RUN: %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-decompress)" --emit-bytecode -o %t.mlirbc
// RUN: coreai-opt %t.mlirbc | FileCheck %s --check-prefix=MIXED

// Bad options are MLIR-style errors, as in coreai-opt.
// RUN: not %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-decompress{bogus=1})" 2>&1 | FileCheck %s --check-prefix=BADOPT
// BADOPT: coreai-decompress: no such option 'bogus'

// A panic inside a pass is an error diagnostic in mlir-opt too: no unwinding into C++, no
// abort, no output.
// RUN: env COREAI_TEST_PANIC=coreai-decompress not %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-decompress)" 2>&1 | FileCheck %s --check-prefix=PANIC --implicit-check-not="Stack dump" --implicit-check-not="PLEASE submit"
// PANIC: error: internal error in coreai-decompress: forced by COREAI_TEST_PANIC=coreai-decompress
// RUN: env COREAI_TEST_PANIC=coreai-decompress not %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-decompress)" 2>/dev/null | count 0

coreai.graph @main(%arg0: tensor<1x2xf16>) -> tensor<1x2xf16> {
  %0 = coreai.constant dense<[[1, 2], [3, 0]]> : tensor<2x2xui2>
  %1 = coreai.constant dense<0> : tensor<si16>
  %2 = coreai.constant dense<[[[[0.0], [0.5], [1.0], [1.5]]]]> : tensor<1x1x4x1xf16>
  %3 = coreai.lut_to_dense %0, %2, %1 : (tensor<2x2xui2>, tensor<1x1x4x1xf16>, tensor<si16>) -> tensor<2x2xf16>
  %4 = coreai.batch_matmul %arg0, %3 : (tensor<1x2xf16>, tensor<2x2xf16>) -> tensor<1x2xf16>
  coreai.output %4 : tensor<1x2xf16>
}
