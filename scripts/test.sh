#!/usr/bin/env bash
# Runs every test: first the lint gate (`cargo fmt --check`, clippy with warnings as errors),
# then the Rust unit and integration tests, the lit/FileCheck suite (through `cargo test`) and
# the Core AI conformance suite. Installs what it needs first.
# Prints `lit: N passed, M failed` and `conformance: ...` lines; exits non-zero on any failure
# (at once if the lint gate fails).
set -uo pipefail
cd "$(dirname "$0")/.."
rc=0
bash scripts/install-deps.sh || exit 1

# The lint gate: formatting and clippy (every crate denies undocumented unsafe blocks through
# [workspace.lints] in Cargo.toml).
if ! cargo fmt --all --check; then
  echo "lint: cargo fmt --check failed (run cargo fmt --all)"
  exit 1
fi
if ! cargo clippy --locked --workspace --all-targets -- -D warnings; then
  echo "lint: cargo clippy failed"
  exit 1
fi
echo "lint: fmt and clippy clean"

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
