//===- OptMain.cpp - MlirOptMain for coreai-opt ---------------------------===//
//
// Its own translation unit because MlirOptMain.h is slow to compile. The Rust
// `coreai-opt` binary registers the Rust passes first, then calls this.
//
//===----------------------------------------------------------------------===//

#include "CoreAI-c/CoreAI.h"
#include "CoreAI/CoreAIDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int coreaiOptMain(int argc, char **argv) {
  mlir::DialectRegistry registry;
  registry.insert<mlir::coreai::CoreAIDialect, mlir::coreai::param::ParamDialect,
                  mlir::func::FuncDialect,
                  mlir::arith::ArithDialect, mlir::tensor::TensorDialect>();
  mlir::registerTransformsPasses();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "coreai-opt: Core AI weight compression driver\n",
      registry));
}
