#!/usr/bin/env bash
# Model-scale benchmark of the compression passes (see README "Performance at model scale").
#
#   scripts/bench.sh                          # small set (2.5M params), every method, ~10 s
#   scripts/bench.sh --set llm                # the 157M "LLM block" set (4x4096^2, 11008x4096, 4096x11008)
#   scripts/bench.sh --set llm --reference    # + the Python reference (coreai-opt 0.4.0) and ratios, ~10 min
#   scripts/bench.sh --set 1.5b --methods int8,pal4 --inputs bytecode
#   scripts/bench.sh --set llm --inputs aimodel --methods int8 --reference   # .aimodel -> int8 -> .aimodel vs
#                                             # the reference's AIModelAsset.load + quantize_weights + save_asset
#
# Builds coreai-opt and coreai-bench in release, then runs coreai-bench with the given flags.
# Generated programs and results go to bench-out/<set>/ (git-ignored): model.mlir (text with a
# hex dense_resource trailer), model.mlirbc (bytecode), model.aimodel (the Core AI asset),
# results.md, results.json.
# Flags: --set small|llm|1.5b  --out DIR  --methods k1,k2  --inputs bytecode,text,aimodel  --repeat N
#        --reference | --reference-only  --verify  --no-report  --keep  --seed N
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
cargo build --release -q -p coreai-opt -p coreai-bench
for a in "$@"; do
  if [ "$a" = "--reference" ] || [ "$a" = "--reference-only" ]; then
    [ -x .venv-reference/bin/python ] || scripts/setup-reference.sh
  fi
done
exec "$target/release/coreai-bench" --opt "$target/release/coreai-opt" "$@"
