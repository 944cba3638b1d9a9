#!/usr/bin/env bash
# Conformance suite against Apple's Core AI (coreai-core 1.0.0b3) and the reference passes'
# committed fixtures: test/conformance/run.py (see its docstring). This is what CI calls.
#
#   scripts/run-conformance.sh [run.py options, e.g. -k quantize -v --keep /tmp/out]
#
# Uses the already built coreai-opt: $COREAI_OPT, or target/debug/coreai-opt.
# Ends with the line `conformance: N passed, M failed, K skipped`; exits non-zero on any failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup-conformance.sh"

export COREAI_OPT="${COREAI_OPT:-$root/target/debug/coreai-opt}"
case "$COREAI_OPT" in /*) ;; *) COREAI_OPT="$PWD/$COREAI_OPT" ;; esac

set +e
"$root/.venv-conformance/bin/python" "$root/test/conformance/run.py" --coreai-opt "$COREAI_OPT" "$@"
rc=$?
set -e
exit "$rc"
