# lit configuration of the coreai FileCheck suite.
#
# Run after `cargo build`:   /usr/lib/llvm-22/bin/lit -sv lit
# `cargo test` runs it too (crates/coreai-opt/tests/lit.rs), with COREAI_BIN_DIR set to the
# freshly built coreai-opt.
#
# Substitutions:
#   %coreai_mlir_opt  stock mlir-opt of the LLVM 22 prefix with our plugin loaded
#                     (--load-dialect-plugin and --load-pass-plugin); pass our passes with
#                     --pass-pipeline (pass flags such as --coreai-quantize are created before
#                     plugins load, so mlir-opt does not know them)
#   %coreai_plugin    the plugin, from the same directory (profile) as the coreai-opt tested
#   %coreai_bin_dir   that directory
#   %mlir_opt         stock mlir-opt of the LLVM 22 prefix, without the plugin
#   %mlir_lib_dir     the LLVM prefix's lib directory (libMLIR.so, libLLVM.so)
#   %python           the Python running lit
#   %inputs           lit/Inputs
import os
import subprocess
import sys

import lit.formats

config.name = "COREAI"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir"]
config.excludes = ["Inputs", "lit.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
root = os.path.dirname(config.test_source_root)
config.test_exec_root = os.path.join(root, "target", "lit")

tools = os.environ.get(
    "COREAI_BIN_DIR",
    os.path.join(root, "target", os.environ.get("COREAI_PROFILE", "debug")))
# The LLVM tools (FileCheck, not, mlir-opt, llvm-nm) come from the prefix the build uses:
# LLVM_TOOLS_DIR (set in .cargo/config.toml), else $MLIR_SYS_220_PREFIX/bin, else the
# Debian default.
llvm_bin = os.environ.get("LLVM_TOOLS_DIR") or os.path.join(
    os.environ.get("MLIR_SYS_220_PREFIX", "/usr/lib/llvm-22"), "bin")
config.environment["PATH"] = os.pathsep.join(
    [tools, llvm_bin, config.environment.get("PATH", "")])
config.environment["FILECHECK_OPTS"] = "-enable-var-scope --allow-unused-prefixes=false"
# Progress lines must never appear in test output; keep rayon deterministic anyway.
config.environment.pop("COREAI_TEST_PANIC", None)

if not os.path.exists(os.path.join(tools, "coreai-opt")):
    lit_config.fatal("coreai-opt not found in %s; run `cargo build` first" % tools)
if not os.path.exists(os.path.join(llvm_bin, "FileCheck")):
    lit_config.fatal("FileCheck not found in %s; run scripts/install-deps.sh" % llvm_bin)
mlir_opt = os.path.join(llvm_bin, "mlir-opt")
if not os.path.exists(mlir_opt):
    lit_config.fatal("mlir-opt not found in %s; run scripts/install-deps.sh" % llvm_bin)
plugin = os.path.join(tools, "libcoreai_plugin.so")
if not os.path.exists(plugin):
    lit_config.fatal("%s not found; run `cargo build` first" % plugin)
mlir_lib_dir = subprocess.run(
    [os.path.join(llvm_bin, "llvm-config"), "--libdir"],
    check=True, capture_output=True, text=True).stdout.strip()

config.substitutions.append(
    ("%coreai_mlir_opt",
     "%s --load-dialect-plugin=%s --load-pass-plugin=%s" % (mlir_opt, plugin, plugin)))
config.substitutions.append(("%coreai_plugin", plugin))
config.substitutions.append(("%coreai_bin_dir", tools))
config.substitutions.append(("%mlir_opt", mlir_opt))
config.substitutions.append(("%mlir_lib_dir", mlir_lib_dir))
config.substitutions.append(("%python", sys.executable))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
config.substitutions.append(("%testdata", os.path.join(root, "test", "data")))
