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
#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"

#include <cstddef>

#include <memory>
#include <string>
#include <vector>

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

namespace {
/// The names and help texts of a Rust pass, shared by the pass and its clones
/// (MLIR's pass options and `cl::opt`s keep `StringRef`s into them).
struct RustPassInfo {
  mlir::TypeID typeID;
  std::string argument, name, description;
  std::vector<std::string> optionNames, optionValueDescs, optionHelps;
};

/// A pass implemented in Rust, like MLIR's C API `ExternalPass`, plus options:
/// one string pass option per Rust option, holding the canonical text the
/// Rust side reports. MLIR prints those in `--help` and in the textual
/// pipeline (`Pass::printAsTextualPipeline` prints the pass options), so a
/// dumped pipeline names every option and parses back to the same pass.
class CoreAIRustPass : public mlir::Pass {
public:
  CoreAIRustPass(std::shared_ptr<const RustPassInfo> info,
                 CoreaiRustPassCallbacks callbacks, void *userData)
      : mlir::Pass(info->typeID), info(std::move(info)),
        callbacks(callbacks), userData(userData) {
    const RustPassInfo &i = *this->info;
    for (size_t k = 0; k < i.optionNames.size(); ++k)
      options.push_back(std::make_unique<Option<std::string>>(
          *this, i.optionNames[k], llvm::cl::desc(i.optionHelps[k]),
          llvm::cl::value_desc(i.optionValueDescs[k])));
    syncOptions();
  }
  ~CoreAIRustPass() override { callbacks.destruct(userData); }

  llvm::StringRef getName() const override { return info->name; }
  llvm::StringRef getArgument() const override { return info->argument; }
  llvm::StringRef getDescription() const override {
    return info->description;
  }
  bool canScheduleOn(mlir::RegisteredOperationName) const override {
    return true;
  }
  void getDependentDialects(mlir::DialectRegistry &registry) const override {
    registry.insert<mlir::coreai::CoreAIDialect>();
  }

  mlir::LogicalResult initializeOptions(
      llvm::StringRef text,
      llvm::function_ref<mlir::LogicalResult(const llvm::Twine &)>
          errorHandler) override {
    std::string error;
    if (!callbacks.parseOptions(userData, wrap(text), appendMessage, &error)) {
      if (error.empty())
        error = "invalid options for pass '" + info->argument + "': '" +
                text.str() + "'";
      return errorHandler(error);
    }
    syncOptions();
    return mlir::success();
  }

  void runOnOperation() override {
    if (!callbacks.run(wrap(getOperation()), userData))
      signalPassFailure();
  }

  std::unique_ptr<mlir::Pass> clonePass() const override {
    void *copy = callbacks.clone(userData);
    if (!copy)
      llvm::report_fatal_error(llvm::Twine("cannot clone pass '") +
                               info->argument + "'");
    return std::make_unique<CoreAIRustPass>(info, callbacks, copy);
  }

private:
  /// Copies the Rust state's canonical option texts into the pass options.
  void syncOptions() {
    if (options.empty())
      return;
    callbacks.getOptions(
        userData,
        [](intptr_t index, MlirStringRef value, void *self) {
          auto &opts = static_cast<CoreAIRustPass *>(self)->options;
          if (index >= 0 && static_cast<size_t>(index) < opts.size())
            *opts[index] = unwrap(value).str();
        },
        this);
  }

  std::shared_ptr<const RustPassInfo> info;
  CoreaiRustPassCallbacks callbacks;
  void *userData;
  std::vector<std::unique_ptr<Option<std::string>>> options;
};
} // namespace

MlirPass coreaiCreateRustPass(const void *typeID, MlirStringRef argument,
                              MlirStringRef name, MlirStringRef description,
                              intptr_t numOptions,
                              const CoreaiPassOption *options,
                              CoreaiRustPassCallbacks callbacks,
                              void *userData) {
  auto info = std::make_shared<RustPassInfo>();
  info->typeID = mlir::TypeID::getFromOpaquePointer(typeID);
  info->argument = unwrap(argument).str();
  info->name = unwrap(name).str();
  info->description = unwrap(description).str();
  for (intptr_t k = 0; k < numOptions; ++k) {
    info->optionNames.push_back(unwrap(options[k].name).str());
    info->optionValueDescs.push_back(unwrap(options[k].valueDesc).str());
    info->optionHelps.push_back(unwrap(options[k].help).str());
  }
  return wrap(static_cast<mlir::Pass *>(
      new CoreAIRustPass(std::move(info), callbacks, userData)));
}

void coreaiRegisterRustPass(MlirStringRef argument,
                            CoreaiPassAllocator allocator, void *userData) {
  std::string name = unwrap(argument).str();
  // MLIR takes the argument and description from a pass it creates; registering
  // again with the same pass type is a no-op.
  mlir::registerPass([=]() -> std::unique_ptr<mlir::Pass> {
    MlirPass pass = allocator(userData);
    if (!pass.ptr)
      llvm::report_fatal_error(llvm::Twine("cannot create pass '") + name +
                               "' with its default options");
    return std::unique_ptr<mlir::Pass>(unwrap(pass));
  });
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

// The Rust plugin (crates/coreai-plugin/src/lib.rs) declares these structs as
// `#[repr(C)]` with the same layout; keep the two in sync.
static_assert(sizeof(mlir::DialectPluginLibraryInfo) == 32 &&
                  offsetof(mlir::DialectPluginLibraryInfo, pluginName) == 8 &&
                  offsetof(mlir::DialectPluginLibraryInfo,
                           registerDialectRegistryCallbacks) == 24,
              "DialectPluginLibraryInfo layout changed");
static_assert(sizeof(mlir::PassPluginLibraryInfo) == 32 &&
                  offsetof(mlir::PassPluginLibraryInfo, pluginName) == 8 &&
                  offsetof(mlir::PassPluginLibraryInfo,
                           registerPassRegistryCallbacks) == 24,
              "PassPluginLibraryInfo layout changed");

uint32_t coreaiPluginApiVersion(void) { return MLIR_PLUGIN_API_VERSION; }

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
