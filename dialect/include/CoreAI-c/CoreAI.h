//===- CoreAI.h - C API of the coreai dialect and its glue --------*- C -*-===//
//
// The C entry points that the Rust crates call. They fill gaps in MLIR 22's C
// API: a handle for the out-of-tree dialect, pass registration by name,
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

/// Creates a pass from its textual options. Returns a null pass on bad options,
/// after reporting the reason through `onError`.
typedef MlirPass (*CoreaiPassFactory)(MlirStringRef options,
                                      CoreaiMessageCallback onError,
                                      void *errorUserData, void *userData);

/// Registers `argument` in MLIR's pass registry (as a pass pipeline, which is
/// how an out-of-tree C API pass can be named in `--pass-pipeline` and on the
/// command line). Registering a name twice is a fatal error in MLIR.
MLIR_CAPI_EXPORTED void coreaiRegisterPassFactory(MlirStringRef argument,
                                                  MlirStringRef description,
                                                  CoreaiPassFactory factory,
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

#ifdef __cplusplus
}
#endif

#endif // COREAI_C_COREAI_H
