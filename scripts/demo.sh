#!/usr/bin/env bash
# Sets everything up and runs the main job on the bundled example: installs the LLVM/MLIR 22
# packages, builds coreai-opt (release), compresses the Core AI asset test/data/example.aimodel
# (a Llama-style decoder exported with coreai-torch by scripts/export-models.sh) three ways,
# .aimodel in, .aimodel out, prints each compression report's totals, and checks each output
# with Apple's coreai-core: it loads and verifies, and Core AI's runtime runs it next to the
# uncompressed asset (scripts/demo-check.py; the venv comes from scripts/setup-conformance.sh).
# Outputs go to target/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cargo build --release --locked -p coreai-opt
opt=target/release/coreai-opt
in=test/data/example.aimodel
out=target/demo
mkdir -p "$out"

run() {
  local name=$1 pass=$2
  echo
  echo "== $name: coreai-opt $in $pass -o $out/$name.aimodel"
  "$opt" "$in" "$pass report=$out/$name.json" -o "$out/$name.aimodel" --mlir-timing 2> "$out/$name.log" \
    || { cat "$out/$name.log"; exit 1; }
  python3 - "$out/$name.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))["totals"]
print(f"  {t['compressed']} of {t['constants']} constants compressed: {t['bytes_before']} -> {t['bytes_after']} bytes, "
      f"{t['bits_per_weight']:.3f} bits/weight")
EOF
  sed -nE 's/^ *([0-9.]+) \( *[0-9.]+%\)  (Parser|CoreAI[A-Za-z]+|Output|Total)$/  \2: \1 s/p' "$out/$name.log"
}

run int8 '--coreai-quantize=dtype=int8'
run int4-block32 '--coreai-quantize=dtype=int4 granularity=per_block block-size=32'
run palettize-4bit '--coreai-palettize=n-bits=4 granularity=per_grouped_channel group-size=16'

echo
if bash scripts/setup-conformance.sh > "$out/setup-conformance.log" 2>&1; then
  for name in int8 int4-block32 palettize-4bit; do
    echo "== coreai-core on $out/$name.aimodel"
    # The runtime logs each function it loads on stderr: kept in the log.
    .venv-conformance/bin/python scripts/demo-check.py "$in" "$out/$name.aimodel" 2> "$out/$name.coreai.log" \
      || { cat "$out/$name.coreai.log"; exit 1; }
  done
else
  echo "(coreai-core check skipped: scripts/setup-conformance.sh failed, see $out/setup-conformance.log)"
fi
echo
echo "Compressed assets: $out/*.aimodel; JSON reports: $out/*.json"
