#!/usr/bin/env bash
# Export the real-model fixtures (test/data/models/*.aimodel, manifest.json, reference.json and
# test/data/example.aimodel) with coreai-torch, check them in Core AI's runtime and record the
# reference compressor's results on them: test/conformance/export_models.py (see its docstring).
#
#   scripts/export-models.sh                          # export + check + reference (all models)
#   scripts/export-models.sh export --only llama      # one step, some models
#   scripts/export-models.sh baseline                 # what coreai-opt says on coreai-core's texts
#
# Needs the reference venv (scripts/setup-reference.sh: torch, transformers, torchvision, timm,
# coreai-torch, coreai-opt; several GB). No network access beyond that install: configurations are
# built in code and weights are random (HF_HUB_OFFLINE=1).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup-reference.sh"

export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PYTHONHASHSEED=0
# coreai-opt JIT-compiles its k-means extension with ninja from the venv.
export PATH="$root/.venv-reference/bin:$PATH"
if [ "$#" -eq 0 ]; then set -- all; fi
exec "$root/.venv-reference/bin/python" "$root/test/conformance/export_models.py" "$@"
