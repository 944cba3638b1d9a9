#!/usr/bin/env bash
# Create the (git-ignored) reference virtualenv .venv-reference with Apple's reference
# compression passes, PyPI `coreai-opt` (Python package `coreai_opt.coreai_utils`), used
# ONLY by hand to (re)generate the committed conformance fixtures:
#
#   scripts/setup-reference.sh                      # ~3 GB download (torch + CUDA wheels)
#   .venv-reference/bin/python test/conformance/make_fixtures.py
#   scripts/export-models.sh                        # real exported models, test/data/models/
#
# CI does not need this venv: the suite (scripts/run-conformance.sh) reads the committed
# fixtures with .venv-conformance (coreai-core + numpy only).
#
# Notes (spec/build-notes.md, Appendix):
# - coreai-opt JIT-compiles its bundled k-means C++ extension on first palettization; that
#   needs g++ and ninja on PATH. ninja comes from PyPI into the venv's bin/ (put it on
#   PATH when running: make_fixtures.py does that itself); g++ comes from Debian.
# - 0.3.0 and 0.4.0 give identical results; 0.4.0 is pinned here.
# Idempotent: a stamp file holding the pinned requirement list makes a repeat run a no-op.
# Override the interpreter with PYTHON=... (CPython 3.11 or 3.12: coreai-core is cp311/cp312).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv-reference"
stamp="$venv/.reference-stamp"
python="${PYTHON:-python3}"

# Top-level pins (pip resolves the rest; torch 2.13.0 is the version coreai-torch 0.4.3 tests
# with, torchao 0.18.0 needs torch >= 2.11). transformers, torchvision (0.28.0 pins
# torch==2.13.0) and timm provide the architectures test/conformance/export_models.py exports
# (random-init configs built in code, no hub downloads).
reqs="coreai-opt[coreai]==0.4.0
coreai-core==1.0.0b3
coreai-torch==0.4.3
torch==2.13.0
torchao==0.18.0
scikit-learn==1.9.1
ml-dtypes==0.6.0
numpy==2.4.6
ninja==1.13.0
transformers==5.23.0
torchvision==0.28.0
timm==1.0.31"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$reqs" ] && [ -x "$venv/bin/python" ]; then
  echo "setup-reference: $venv is up to date"
  exit 0
fi

if ! command -v g++ >/dev/null 2>&1; then
  echo "setup-reference: g++ not found; installing it from Debian"
  apt-get update -q && apt-get install -y -q g++
fi

if [ ! -x "$venv/bin/python" ]; then
  echo "setup-reference: creating venv $venv with $("$python" --version 2>&1)"
  "$python" -m venv "$venv"
fi

rm -f "$stamp"
echo "setup-reference: installing $(echo "$reqs" | tr '\n' ' ')"
# shellcheck disable=SC2086
"$venv/bin/python" -m pip install --disable-pip-version-check -q $(echo "$reqs" | sed 's/.*/"&"/' | xargs)

echo "setup-reference: checking the import"
PATH="$venv/bin:$PATH" "$venv/bin/python" -c 'import importlib.metadata as m, coreai.authoring, coreai_opt.coreai_utils as u; print("setup-reference: coreai-opt", m.version("coreai-opt"), "torch", m.version("torch"), "imports OK")'

printf '%s' "$reqs" > "$stamp"
echo "setup-reference: done"
