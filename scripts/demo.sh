#!/usr/bin/env bash
# Sets everything up and runs the main job on the bundled example: installs the LLVM/MLIR 22
# packages, builds coreai-opt (release), compresses test/data/llm-layer.mlir three ways and
# prints the compression reports. Outputs go to target/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cargo build --release --locked -p coreai-opt
opt=target/release/coreai-opt
in=test/data/llm-layer.mlir
out=target/demo
mkdir -p "$out"

run() {
  local name=$1 pass=$2
  echo
  echo "== $name: coreai-opt $in $pass"
  "$opt" "$in" "$pass" -o "$out/$name.mlir" --mlir-timing 2> "$out/$name.log" || { cat "$out/$name.log"; exit 1; }
  grep -E "remark:" "$out/$name.log" | sed -E 's/^[^:]*:([0-9]+:[0-9]+): remark: /  line \1: /'
  sed -nE 's/^ *([0-9.]+) \( *[0-9.]+%\)  (Parser|CoreAI[A-Za-z]+|Output|Total)$/  \2: \1 s/p' "$out/$name.log"
  # The compressed program decodes back (spec E) and verifies.
  "$opt" "$out/$name.mlir" --coreai-decompress -o /dev/null
}

run int4-block32 '--coreai-quantize=dtype=int4 granularity=per_block block-size=32 report'
run palettize-4bit '--coreai-palettize=n-bits=4 granularity=per_grouped_channel group-size=16 report'
run sparse50-int8 '--coreai-sparsify=target-sparsity=0.5 quantize-dtype=int8 report'
"$opt" "$in" "--coreai-quantize=dtype=int4 granularity=per_block report=$out/int4-block32.json" -o /dev/null
echo
echo "JSON report: $out/int4-block32.json; compressed programs: $out/*.mlir"
head -c 600 "$out/int4-block32.mlir"; echo " ..."
