// --mlir-pass-statistics in this LLVM 22: Debian's libMLIR is built with NDEBUG
// (LLVM_FORCE_ENABLE_STATS is 0), which makes mlir::Pass::Statistic an llvm::NoopStatistic and
// compiles the entries of MLIR's statistics report out: the report prints its header and no
// entry, even for upstream passes with statistics (cse has num-cse'd and num-dce'd). This test
// pins that fact, for stock mlir-opt, for mlir-opt with our plugin and for coreai-opt; the
// per-weight figures come from the passes' `report` option instead (README, "Plugin").

// RUN: %mlir_opt %s --pass-pipeline="builtin.module(func.func(cse))" --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s
// RUN: %coreai_mlir_opt %s --pass-pipeline="builtin.module(coreai-quantize,func.func(cse))" --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s
// RUN: coreai-opt %s --pass-pipeline="builtin.module(coreai-quantize,func.func(cse))" --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s
// CHECK: ... Pass statistics report ...
// CHECK-NOT: (S)

func.func @f(%a: i32) -> i32 {
  %0 = arith.addi %a, %a : i32
  %1 = arith.addi %a, %a : i32
  %2 = arith.addi %0, %1 : i32
  return %2 : i32
}
