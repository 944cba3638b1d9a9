#!/usr/bin/env bash
# Create the project-local conformance virtualenv (.venv-conformance) with Apple's
# Core AI dialect bindings (coreai-core) for IR conformance checks. Idempotent: a
# stamp file holding the pinned requirement list makes a repeat run a fast no-op.
#
#   scripts/setup-conformance.sh          # create / update the venv
#   .venv-conformance/bin/python -c 'import coreai'
#
# Override the interpreter with PYTHON=... (needs CPython 3.11 or 3.12: the wheel is
# cp311/cp312 manylinux_2_34_x86_64).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv-conformance"
stamp="$venv/.conformance-stamp"
python="${PYTHON:-python3}"

# Exact pins for everything installed (coreai-core 1.0.0b3 and its dependency closure).
reqs="coreai-core==1.0.0b3
ml-dtypes==0.6.0
numpy==2.4.6
pillow==13.0.0
psutil==7.2.2
typing-extensions==4.16.0
yuvio==1.6"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$reqs" ] && [ -x "$venv/bin/python" ]; then
  echo "setup-conformance: $venv is up to date"
  exit 0
fi

if [ ! -x "$venv/bin/python" ]; then
  echo "setup-conformance: creating venv $venv with $("$python" --version 2>&1)"
  "$python" -m venv "$venv"
fi

rm -f "$stamp"
echo "setup-conformance: installing $(echo "$reqs" | tr '\n' ' ')"
# shellcheck disable=SC2086
"$venv/bin/python" -m pip install --disable-pip-version-check -q $reqs

echo "setup-conformance: checking the import"
# (import coreai.authoring before coreai._compiler.dialects.coreai: the other order hits a
# circular import inside the wheel)
"$venv/bin/python" -c 'import importlib.metadata as m, coreai.authoring; from coreai._compiler.dialects import coreai; print("setup-conformance: coreai-core", m.version("coreai-core"), "imports OK")'

printf '%s' "$reqs" > "$stamp"
echo "setup-conformance: done"
