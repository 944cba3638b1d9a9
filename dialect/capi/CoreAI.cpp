//===- CoreAI.cpp - C API glue for the coreai dialect ---------------------===//
//
// Small shims over MLIR's C++ API that the C API of MLIR 22 lacks. No
// compression logic lives here: it is all in Rust.
//
//===----------------------------------------------------------------------===//

#include "CoreAI-c/CoreAI.h"
#include "CoreAI/CoreAIDialect.h"
#include "CoreAI/CoreAIX.h"
#include "CoreAI/DebugInfo.h"
#include "CoreAI/Registration.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Pass.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/CAPI/Support.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/Pass/PassRegistry.h"

#include <string>

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(CoreAI, coreai,
                                      mlir::coreai::CoreAIDialect)
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(Param, param, mlir::param::ParamDialect)
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(DebugInfo, debuginfo,
                                      mlir::debuginfo::DebugInfoDialect)
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(UDML, udml, mlir::udml::UDMLDialect)
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(CoreAIX, coreaix,
                                      mlir::coreaix::CoreAIXDialect)

void mlir::coreai::registerCoreAIDialects(DialectRegistry &registry) {
  registry.insert<coreai::CoreAIDialect, param::ParamDialect,
                  debuginfo::DebugInfoDialect, udml::UDMLDialect,
                  coreaix::CoreAIXDialect>();
}

namespace {
void appendMessage(MlirStringRef message, void *userData) {
  static_cast<std::string *>(userData)->append(message.data, message.length);
}
} // namespace

void coreaiRegisterPassFactory(MlirStringRef argument,
                               MlirStringRef description,
                               CoreaiPassFactory factory, void *userData) {
  std::string name = unwrap(argument).str();
  mlir::registerPassPipeline(
      name, unwrap(description).str(),
      [=](mlir::OpPassManager &pm, llvm::StringRef options,
          llvm::function_ref<mlir::LogicalResult(const llvm::Twine &)>
              errorHandler) -> mlir::LogicalResult {
        std::string error;
        MlirPass pass = factory(wrap(options), appendMessage, &error, userData);
        if (!pass.ptr) {
          if (error.empty())
            error = "invalid options for pass '" + name + "': '" +
                    options.str() + "'";
          return errorHandler(error);
        }
        pm.addPass(std::unique_ptr<mlir::Pass>(unwrap(pass)));
        return mlir::success();
      },
      [](llvm::function_ref<void(const mlir::detail::PassOptions &)>) {});
}

void coreaiEmitDiagnostic(MlirLocation loc, int severity, MlirStringRef message,
                          MlirLocation noteLoc, MlirStringRef note) {
  mlir::Location l = unwrap(loc);
  auto diag = [&]() {
    switch (severity) {
    case 0:
      return mlir::emitRemark(l);
    case 1:
      return mlir::emitWarning(l);
    default:
      return mlir::emitError(l);
    }
  }();
  diag << unwrap(message);
  if (!mlirLocationIsNull(noteLoc) && note.length > 0)
    diag.attachNote(unwrap(noteLoc)) << unwrap(note);
}

bool coreaiDenseResourceGetRawData(MlirAttribute attr, const void **data,
                                   size_t *size) {
  auto resource =
      llvm::dyn_cast_or_null<mlir::DenseResourceElementsAttr>(unwrap(attr));
  if (!resource)
    return false;
  mlir::AsmResourceBlob *blob = resource.getRawHandle().getBlob();
  if (!blob)
    return false;
  llvm::ArrayRef<char> bytes = blob->getData();
  *data = bytes.data();
  *size = bytes.size();
  return true;
}

size_t coreaiDenseResourceGetAlignment(MlirAttribute attr) {
  auto resource =
      llvm::dyn_cast_or_null<mlir::DenseResourceElementsAttr>(unwrap(attr));
  if (!resource)
    return 0;
  mlir::AsmResourceBlob *blob = resource.getRawHandle().getBlob();
  return blob ? blob->getDataAlignment() : 0;
}

MlirAttribute coreaiSparseTensorEncodingAttrGet(MlirContext ctx,
                                                int64_t numNonZero,
                                                int64_t posWidth,
                                                int64_t crdWidth) {
  return wrap(mlir::coreai::SparseTensorEncodingAttr::get(
      unwrap(ctx), "bitmask", static_cast<uint64_t>(numNonZero),
      static_cast<uint32_t>(posWidth), static_cast<uint32_t>(crdWidth),
      llvm::ArrayRef<int64_t>()));
}
