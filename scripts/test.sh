#!/usr/bin/env bash
# Runs every test: the Rust unit and integration tests, the lit/FileCheck suite (through
# `cargo test`) and the Core AI conformance suite. Installs what it needs first.
# Prints `lit: N passed, M failed` and `conformance: ...` lines; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
rc=0
bash scripts/install-deps.sh || exit 1
bash scripts/setup-conformance.sh || exit 1

cargo build --locked --workspace || exit 1
rm -f target/lit.log
cargo test --locked --workspace || rc=1

if [ -f target/lit.log ]; then
  count() { sed -nE "s/^ +($1) *: *([0-9]+) .*/\2/p" target/lit.log | awk '{s+=$1} END {print s+0}'; }
  passed=$(count 'Passed')
  failed=$(count 'Failed|Unresolved|Timed Out|Unexpectedly Passed')
  echo "lit: ${passed} passed, ${failed} failed"
  [ "$failed" -eq 0 ] || rc=1
else
  echo "lit: 0 passed, 1 failed (the lit suite did not run)"
  rc=1
fi

# Byte-identical output for 1 and 4 threads, every benchmark method on the small set.
if ! target/debug/coreai-bench --set small --out target/bench-determinism --determinism 4 \
    --opt "$PWD/target/debug/coreai-opt"; then
  rc=1
fi

if [ -x scripts/run-conformance.sh ] || [ -f scripts/run-conformance.sh ]; then
  COREAI_OPT="$PWD/target/debug/coreai-opt" bash scripts/run-conformance.sh || rc=1
fi
exit "$rc"
