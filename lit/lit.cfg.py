# lit configuration of the coreai FileCheck suite.
#
# Run after `cargo build`:   /usr/lib/llvm-22/bin/lit -sv lit
# `cargo test` runs it too (crates/coreai-opt/tests/lit.rs), with COREAI_BIN_DIR set to the
# freshly built coreai-opt.
import os
import shutil

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
llvm_bin = os.environ.get("LLVM_TOOLS_DIR", "/usr/lib/llvm-22/bin")
config.environment["PATH"] = os.pathsep.join(
    [tools, llvm_bin, config.environment.get("PATH", "")])
config.environment["FILECHECK_OPTS"] = "-enable-var-scope --allow-unused-prefixes=false"
# Progress lines must never appear in test output; keep rayon deterministic anyway.
config.environment.pop("COREAI_TEST_PANIC", None)

if not os.path.exists(os.path.join(tools, "coreai-opt")):
    lit_config.fatal("coreai-opt not found in %s; run `cargo build` first" % tools)
if not os.path.exists(os.path.join(llvm_bin, "FileCheck")):
    lit_config.fatal("FileCheck not found in %s; run scripts/install-deps.sh" % llvm_bin)

config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
config.substitutions.append(("%testdata", os.path.join(root, "test", "data")))
