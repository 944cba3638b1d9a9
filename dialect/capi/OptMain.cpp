//===- OptMain.cpp - MlirOptMain for coreai-opt ---------------------------===//
//
// Its own translation unit because MlirOptMain.h is slow to compile. The Rust
// `coreai-opt` binary registers the Rust passes first, then calls this.
//
// The command line is MLIR's (`registerAndParseCLIOptions`). Runs that need
// MlirOptMain's extra machinery (--verify-diagnostics, --split-input-file,
// --show-dialects, reproducers, round-trip checks, remarks, action tracing)
// go to MlirOptMain itself. Plain runs (parse, pass pipeline, print or
// bytecode) take a direct path that does the same steps without two costs
// MlirOptMain pays on every input: it builds a diagnostic verifier that
// regex-scans every line of the input for `expected-*` comments even when
// not verifying (about 0.5 s for a 300 MB program), and it keeps a text input
// resident while the passes run. Here a memory-mapped text input is released
// to the page cache right after parsing (the parser has copied the resource
// blobs by then; the pages come back from the file if a diagnostic quotes
// the source).
//
//===----------------------------------------------------------------------===//

#include "CoreAI-c/CoreAI.h"
#include "CoreAI/Registration.h"

#include "mlir/Bytecode/BytecodeReader.h"
#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/CAPI/IR.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Verifier.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "mlir/Tools/ParseUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

#include <sys/mman.h>
#include <unistd.h>

namespace {

/// The `.aimodel` hooks (see CoreAI-c/CoreAI.h); all null unless set.
struct AimodelHooks {
  CoreaiAimodelIsInput isInput = nullptr;
  CoreaiAimodelRead read = nullptr;
  CoreaiAimodelWrite write = nullptr;
  void *userData = nullptr;
};
AimodelHooks &aimodelHooks() {
  static AimodelHooks hooks;
  return hooks;
}

bool isAimodelInput(llvm::StringRef path) {
  const AimodelHooks &h = aimodelHooks();
  return h.isInput && h.read &&
         h.isInput(MlirStringRef{path.data(), path.size()}, h.userData);
}

/// Whether the run needs MlirOptMain's own driver.
bool needsMlirOptMain(const mlir::MlirOptMainConfig &config) {
  const auto &debug = config.getDebugConfig();
  return config.shouldVerifyDiagnostics() || !config.inputSplitMarker().empty() ||
         config.shouldVerifyRoundtrip() || config.shouldRunReproducer() ||
         !config.getReproducerFilename().empty() || config.shouldShowDialects() ||
         config.shouldListPasses() || config.shouldDumpPassPipeline() ||
         config.shouldEmitRemarks() || !config.getIrdlFile().empty() ||
         debug.isDebuggerActionHookEnabled() ||
         !debug.getLogActionsTo().empty() ||
         !debug.getProfileActionsTo().empty() ||
         !debug.getLogActionsLocFilters().empty();
}

/// Releases the pages of a memory-mapped input buffer (they are re-read from
/// the file if touched again).
void releaseMappedBuffer(const llvm::MemoryBuffer &buffer) {
  if (buffer.getBufferKind() != llvm::MemoryBuffer::MemoryBuffer_MMap)
    return;
  long page = sysconf(_SC_PAGESIZE);
  if (page <= 0)
    return;
  auto begin = reinterpret_cast<uintptr_t>(buffer.getBufferStart());
  auto end = reinterpret_cast<uintptr_t>(buffer.getBufferEnd());
  uintptr_t first = (begin + page - 1) / page * page;
  if (end > first)
    (void)madvise(reinterpret_cast<void *>(first), end - first, MADV_DONTNEED);
}

/// Parse, run the pass pipeline and write the output, as MlirOptMain does for
/// a single input without diagnostic verification.
mlir::LogicalResult runDirect(llvm::StringRef inputFilename,
                              llvm::StringRef outputFilename,
                              const mlir::MlirOptMainConfig &config,
                              mlir::DialectRegistry &registry) {
  const AimodelHooks &hooks = aimodelHooks();
  bool aimodelIn = isAimodelInput(inputFilename);
  std::string error;
  std::unique_ptr<llvm::MemoryBuffer> input;
  if (!aimodelIn) {
    input = mlir::openInputFile(inputFilename, &error);
    if (!input) {
      llvm::errs() << error << "\n";
      return mlir::failure();
    }
  }
  std::unique_ptr<llvm::ToolOutputFile> output;
  if (!hooks.write) {
    output = mlir::openOutputFile(outputFilename, &error);
    if (!output) {
      llvm::errs() << error << "\n";
      return mlir::failure();
    }
  }

  auto sourceMgr = std::make_shared<llvm::SourceMgr>();
  const llvm::MemoryBuffer *buffer = input.get();
  if (input)
    sourceMgr->AddNewSourceBuffer(std::move(input), llvm::SMLoc());
  mlir::MLIRContext context(registry);
  context.allowUnregisteredDialects(config.shouldAllowUnregisteredDialects());
  context.printOpOnDiagnostic(config.shouldShowNotes());
  mlir::SourceMgrDiagnosticHandler diagnostics(*sourceMgr, &context);

  mlir::DefaultTimingManager timingManager;
  mlir::applyDefaultTimingManagerCLOptions(timingManager);
  mlir::TimingScope timing = timingManager.getRootScope();

  // Parse single-threaded: it avoids the context's synchronisation.
  bool wasThreadingEnabled = context.isMultithreadingEnabled();
  context.disableMultithreading();
  mlir::FallbackAsmResourceMap fallbackResourceMap;
  mlir::ParserConfig parseConfig(&context, config.shouldVerifyOnParsing(),
                                 &fallbackResourceMap);
  mlir::TimingScope parserTiming = timing.nest("Parser");
  mlir::OwningOpRef<mlir::Operation *> op;
  if (aimodelIn) {
    MlirOperation read = hooks.read(
        wrap(&context), MlirStringRef{inputFilename.data(), inputFilename.size()},
        hooks.userData);
    if (!mlirOperationIsNull(read)) {
      op = unwrap(read);
      if (config.shouldVerifyOnParsing() && mlir::failed(mlir::verify(op.get())))
        return mlir::failure();
    }
  } else {
    op = mlir::parseSourceFileForTool(sourceMgr, parseConfig,
                                      !config.shouldUseExplicitModule());
  }
  parserTiming.stop();
  if (!op)
    return mlir::failure();
  context.enableMultithreading(wasThreadingEnabled);
  // Text blobs have been decoded into their own buffers; bytecode blobs may
  // still point into the mapping, so only text inputs are released.
  if (buffer && !mlir::isBytecode(buffer->getMemBufferRef()))
    releaseMappedBuffer(*buffer);

  mlir::PassManager pm(op.get()->getName(), mlir::PassManager::Nesting::Implicit);
  pm.enableVerifier(config.shouldVerifyPasses());
  if (mlir::failed(mlir::applyPassManagerCLOptions(pm)))
    return mlir::failure();
  pm.enableTiming(timing);
  if (mlir::failed(config.setupPassPipeline(pm)))
    return mlir::failure();
  if (mlir::failed(pm.run(*op)))
    return mlir::failure();

  mlir::TimingScope outputTiming = timing.nest("Output");
  if (hooks.write)
    return mlir::LogicalResult::success(
        mlirLogicalResultIsSuccess(hooks.write(wrap(op.get()), hooks.userData)));
  llvm::raw_ostream &os = output->os();
  if (config.shouldEmitBytecode()) {
    mlir::BytecodeWriterConfig writerConfig(fallbackResourceMap);
    if (auto version = config.bytecodeVersionToEmit())
      writerConfig.setDesiredBytecodeVersion(*version);
    if (config.shouldElideResourceDataFromBytecode())
      writerConfig.setElideResourceDataFlag();
    if (mlir::failed(mlir::writeBytecodeToFile(op.get(), os, writerConfig)))
      return mlir::failure();
  } else {
    if (config.bytecodeVersionToEmit().has_value())
      return mlir::emitError(mlir::UnknownLoc::get(&context))
             << "bytecode version while not emitting bytecode";
    mlir::AsmState asmState(op.get(), mlir::OpPrintingFlags(), nullptr,
                            &fallbackResourceMap);
    op.get()->print(os, asmState);
    os << '\n';
  }
  outputTiming.stop();
  output->keep();
  return mlir::success();
}

/// MLIR 22 accepts a resource blob whose 4-byte alignment header is 0 and then
/// aborts allocating it ("LLVM ERROR: out of memory"). Reject such blobs first,
/// with the error MLIR gives for other invalid alignments. Only the
/// `{-# dialect_resources ... #-}` trailer of a text input is scanned.
mlir::LogicalResult checkResourceAlignments(llvm::StringRef inputFilename) {
  if (inputFilename == "-")
    return mlir::success();
  auto file = llvm::MemoryBuffer::getFile(inputFilename, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!file || mlir::isBytecode((*file)->getMemBufferRef()))
    return mlir::success();
  llvm::StringRef text = (*file)->getBuffer();
  size_t start = text.rfind("{-#");
  if (start == llvm::StringRef::npos)
    return mlir::success();
  llvm::StringRef trailer = text.drop_front(start);
  if (!trailer.contains("dialect_resources"))
    return mlir::success();
  for (size_t pos = trailer.find("\"0x"); pos != llvm::StringRef::npos;
       pos = trailer.find("\"0x", pos + 3)) {
    llvm::StringRef digits = trailer.substr(pos + 3, 8);
    if (digits.size() < 8 || !llvm::all_of(digits, llvm::isHexDigit) ||
        digits != "00000000")
      continue;
    // The key is the identifier before the `:` that precedes the string.
    llvm::StringRef before = trailer.take_front(pos).rtrim();
    before.consume_back(":");
    before = before.rtrim();
    size_t keyStart = before.find_last_of(" \t\n{,");
    llvm::StringRef key = before.drop_front(
        keyStart == llvm::StringRef::npos ? 0 : keyStart + 1);
    llvm::SourceMgr sourceMgr;
    sourceMgr.AddNewSourceBuffer(std::move(*file), llvm::SMLoc());
    llvm::StringRef buffer = sourceMgr.getMemoryBuffer(1)->getBuffer();
    llvm::SMLoc loc = llvm::SMLoc::getFromPointer(buffer.data() + start + pos);
    sourceMgr.PrintMessage(loc, llvm::SourceMgr::DK_Error,
                           "expected hex string blob for key '" + key +
                               "' to encode alignment in first 4 bytes, but "
                               "got non-power-of-2 value: 0");
    return mlir::failure();
  }
  return mlir::success();
}

} // namespace

void coreaiSetAimodelHooks(CoreaiAimodelIsInput isInput, CoreaiAimodelRead read,
                           CoreaiAimodelWrite write, void *userData) {
  aimodelHooks() = AimodelHooks{isInput, read, write, userData};
}

int coreaiOptMain(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::coreai::registerCoreAIDialects(registry);
  registry.insert<mlir::func::FuncDialect, mlir::arith::ArithDialect,
                  mlir::tensor::TensorDialect>();
  mlir::registerTransformsPasses();
  auto [inputFilename, outputFilename] = mlir::registerAndParseCLIOptions(
      argc, argv, "coreai-opt: Core AI weight compression driver\n", registry);
  mlir::MlirOptMainConfig config = mlir::MlirOptMainConfig::createFromCLOptions();
  if (mlir::failed(checkResourceAlignments(inputFilename)))
    return 1;
  if (needsMlirOptMain(config)) {
    if (isAimodelInput(inputFilename) || aimodelHooks().write) {
      llvm::errs() << "coreai-opt: .aimodel input or output cannot be combined "
                      "with this option (split input, diagnostic verification, "
                      "round-trip checks, reproducers, action tracing)\n";
      return 1;
    }
    return mlir::asMainReturnCode(
        mlir::MlirOptMain(argc, argv, inputFilename, outputFilename, registry));
  }
  return mlir::asMainReturnCode(
      runDirect(inputFilename, outputFilename, config, registry));
}
