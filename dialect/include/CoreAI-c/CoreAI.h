//===- CoreAI.h - C API of the coreai dialect and its glue --------*- C -*-===//
//
// The C entry points that the Rust crates call. They fill gaps in MLIR 22's C
// API: a handle for the out-of-tree dialect, passes implemented in Rust,
// warnings and remarks, raw access to resource blobs, the sparse encoding
// attribute and MlirOptMain.
//
//===----------------------------------------------------------------------===//

#ifndef COREAI_C_COREAI_H
#define COREAI_C_COREAI_H

#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(CoreAI, coreai);
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(Param, param);
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(DebugInfo, debuginfo);
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(UDML, udml);
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(CoreAIX, coreaix);

/// Receives a message (used for option errors reported by a pass factory).
typedef void (*CoreaiMessageCallback)(MlirStringRef message, void *userData);

/// One option of a pass implemented in Rust, as MLIR shows it in `--help`.
typedef struct {
  MlirStringRef name;      ///< kebab-case name, e.g. `n-bits`
  MlirStringRef valueDesc; ///< the accepted values, e.g. `unsigned`
  MlirStringRef help;      ///< one line, default included
} CoreaiPassOption;

/// Receives the canonical text of option `index` of a Rust pass.
typedef void (*CoreaiOptionCallback)(intptr_t index, MlirStringRef value,
                                     void *userData);

/// The callbacks of a pass implemented in Rust. `userData` is the Rust pass
/// state; the C++ pass owns it and frees it with `destruct`.
typedef struct {
  /// Frees the state.
  void (*destruct)(void *userData);
  /// A copy of the state, for a clone of the pass.
  void *(*clone)(void *userData);
  /// Parses `options` (MLIR's option syntax) into the state. On bad options,
  /// reports the reason through `onError` and returns false.
  bool (*parseOptions)(void *userData, MlirStringRef options,
                       CoreaiMessageCallback onError, void *errorUserData);
  /// Reports the canonical text of every option of the state, by index.
  void (*getOptions)(void *userData, CoreaiOptionCallback setOption,
                     void *setUserData);
  /// Runs the pass on `op`; false makes the pass fail (after diagnostics).
  bool (*run)(MlirOperation op, void *userData);
} CoreaiRustPassCallbacks;

/// Creates a pass (`CoreAIRustPass` in CoreAI.cpp) that forwards to Rust.
/// `typeID` is a unique, 8-byte aligned address per pass. Each of the
/// `numOptions` options becomes an MLIR pass option holding the canonical text
/// `getOptions` reports, so `--help` lists it and the textual pipeline prints
/// it (`--dump-pass-pipeline`); parsing options goes to `parseOptions`. Pass
/// `numOptions` = 0 for a pass whose options have no text form (a pass built
/// from typed Rust options). The strings are copied.
MLIR_CAPI_EXPORTED MlirPass coreaiCreateRustPass(
    const void *typeID, MlirStringRef argument, MlirStringRef name,
    MlirStringRef description, intptr_t numOptions,
    const CoreaiPassOption *options, CoreaiRustPassCallbacks callbacks,
    void *userData);

/// Creates a pass with its default options (a `coreaiCreateRustPass` result).
typedef MlirPass (*CoreaiPassAllocator)(void *userData);

/// Registers a Rust pass in MLIR's pass registry, like `mlir::PassRegistration`
/// (the pass `allocator` creates gives the argument and description; `argument`
/// names it in the fatal error for a null pass): `--help` and `--list-passes` list it with its
/// options, `--pass-pipeline` and `--<argument>=<options>` create it with
/// `allocator` and parse the options with its `parseOptions`. Registering the
/// same pass again is a no-op.
MLIR_CAPI_EXPORTED void coreaiRegisterRustPass(MlirStringRef argument,
                                               CoreaiPassAllocator allocator,
                                               void *userData);

/// Emits a warning / remark / error at `loc`, optionally with a note attached
/// at `noteLoc` (pass a null location and empty note to omit it).
MLIR_CAPI_EXPORTED void coreaiEmitDiagnostic(MlirLocation loc, int severity,
                                             MlirStringRef message,
                                             MlirLocation noteLoc,
                                             MlirStringRef note);

/// For a DenseResourceElementsAttr, returns the blob's bytes through `data`
/// and `size` and true. Returns false for any other attribute, or when the
/// resource has no blob (a `dense_resource<name>` without a trailer entry).
MLIR_CAPI_EXPORTED bool coreaiDenseResourceGetRawData(MlirAttribute attr,
                                                      const void **data,
                                                      size_t *size);

/// Creates `#coreai.sparse_tensor_encoding<bitmask, numNonZero = nnz,
/// posWidth = posWidth, crdWidth = crdWidth>`.
/// The alignment of a `dense_resource` blob; 0 if not a resource or no blob.
MLIR_CAPI_EXPORTED size_t coreaiDenseResourceGetAlignment(MlirAttribute attr);

MLIR_CAPI_EXPORTED MlirAttribute coreaiSparseTensorEncodingAttrGet(
    MlirContext ctx, int64_t numNonZero, int64_t posWidth, int64_t crdWidth);

/// `.aimodel` hooks of `coreaiOptMain`, set by the Rust driver before it runs.
/// `isInput` says whether an input path is a Core AI asset (a `.aimodel`
/// directory or its `main.mlirb`); `read` materializes it as a `builtin.module`
/// in `ctx` (a null operation after emitting diagnostics on failure); `write`,
/// when set, writes the module after the pass pipeline instead of printing it
/// (failure after emitting diagnostics).
typedef bool (*CoreaiAimodelIsInput)(MlirStringRef path, void *userData);
typedef MlirOperation (*CoreaiAimodelRead)(MlirContext ctx, MlirStringRef path,
                                           void *userData);
typedef MlirLogicalResult (*CoreaiAimodelWrite)(MlirOperation module,
                                                void *userData);
MLIR_CAPI_EXPORTED void coreaiSetAimodelHooks(CoreaiAimodelIsInput isInput,
                                              CoreaiAimodelRead read,
                                              CoreaiAimodelWrite write,
                                              void *userData);

/// Runs MlirOptMain with the Core AI dialects (coreai, param, debuginfo, udml,
/// coreaix), func, arith and tensor and the upstream transform passes
/// registered. Returns the process exit code.
MLIR_CAPI_EXPORTED int coreaiOptMain(int argc, char **argv);

/// `MLIR_PLUGIN_API_VERSION` of the MLIR headers this shim was compiled against.
/// The Rust plugin (`crates/coreai-plugin`) returns it from its
/// `mlirGetDialectPluginInfo`/`mlirGetPassPluginInfo`; the shim checks at
/// compile time that the plugin info structs have the layout the Rust side
/// declares.
MLIR_CAPI_EXPORTED uint32_t coreaiPluginApiVersion(void);

#ifdef __cplusplus
}
#endif

#endif // COREAI_C_COREAI_H
