#!/usr/bin/env bash
# Conformance suite against Apple's Core AI (coreai-core 1.0.0b3) and the reference passes'
# committed fixtures: test/conformance/run.py (see its docstring). This is what CI calls.
#
#   scripts/run-conformance.sh [run.py options, e.g. -k quantize -v --keep /tmp/out]
#
# Uses the already built coreai-opt: $COREAI_OPT, or target/debug/coreai-opt.
# Ends with the lines `conformance: N passed, M failed, K skipped` and
# `aimodel-write: N passed, M failed`, `aimodel-opt: N passed, M failed`,
# `aimodel-methods: N passed, M failed`; exits non-zero on any
# failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup-conformance.sh"

export COREAI_OPT="${COREAI_OPT:-$root/target/debug/coreai-opt}"
case "$COREAI_OPT" in /*) ;; *) COREAI_OPT="$PWD/$COREAI_OPT" ;; esac

set +e
"$root/.venv-conformance/bin/python" "$root/test/conformance/run.py" --coreai-opt "$COREAI_OPT" "$@"
rc=$?
# The .aimodel writer (crates/coreai-aimodel, no MLIR): every corpus asset read into the coreai
# op tree and written back must load, verify, print the same program, summarize and run in
# coreai-core with outputs bit-identical to the original's (test/conformance/aimodel/check_write.py).
export AIMODEL_REWRITE="${AIMODEL_REWRITE:-$root/target/debug/examples/aimodel-rewrite}"
if [ ! -x "$AIMODEL_REWRITE" ]; then
    (cd "$root" && cargo build -q -p coreai-aimodel --example aimodel-rewrite)
fi
"$root/.venv-conformance/bin/python" "$root/test/conformance/aimodel/check_write.py"
rc2=$?
# coreai-opt on assets (materialized in MLIR, with no pass and --coreai-quantize, written back):
# coreai-core loads, verifies, summarizes and runs every written asset
# (test/conformance/aimodel/check_opt.py).
"$root/.venv-conformance/bin/python" "$root/test/conformance/aimodel/check_opt.py" --coreai-opt "$COREAI_OPT"
rc3=$?
# Every compression method through .aimodel on the real exported models: coreai-core loads,
# verifies and prints our program; the runtime's outputs on the compressed asset are
# bit-identical to those on the dense asset our --coreai-decompress writes; per-weight SNR and
# output error against the reference's figures (test/conformance/aimodel/check_methods.py).
"$root/.venv-conformance/bin/python" "$root/test/conformance/aimodel/check_methods.py" --coreai-opt "$COREAI_OPT"
rc4=$?
set -e
[ "$rc" -eq 0 ] && [ "$rc2" -eq 0 ] && [ "$rc3" -eq 0 ] && [ "$rc4" -eq 0 ]
