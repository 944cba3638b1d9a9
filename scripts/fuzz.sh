#!/usr/bin/env bash
# Runs one cargo-fuzz target of fuzz/ for a number of seconds, or replays saved inputs.
#
#   scripts/fuzz.sh kernels [SECONDS] [libFuzzer options...]    # default 600 s
#   scripts/fuzz.sh pipeline [SECONDS] [libFuzzer options...]
#   scripts/fuzz.sh aimodel [SECONDS] [libFuzzer options...]
#   scripts/fuzz.sh replay kernels|pipeline|aimodel [FILES...]   # default fuzz/regressions/<target>/*
#   scripts/fuzz.sh tmin kernels|pipeline|aimodel FILE           # minimize a crash
#
# Targets (fuzz/fuzz_targets/):
#   kernels   numeric kernels of coreai-compress (quantize, palettize, sparsify, packing,
#             formats, decoders) on arbitrary data and parameters; pure Rust, fast.
#   pipeline  MLIR text -> parse -> verify -> coreai pass pipeline -> verify -> print ->
#             re-parse; links all of MLIR (first build takes several minutes and ~4 GB).
#   aimodel   .aimodel main.mlirb bytes -> container parse -> re-write -> aicode decode ->
#             re-encode; pure Rust. Seeded with test/data/aimodel/corpus/*/main.mlirb.
#
# The corpus lives in fuzz/corpus/<target> and crashes in fuzz/artifacts/<target> (both
# git-ignored). The pipeline target is seeded from lit/**/*.mlir split on `// -----`, each
# chunk prefixed with pipeline-selector bytes (fuzz/corpus/pipeline-seeds, rebuilt each run).
# The pipeline target steps around its known upstream finding unless COREAI_FUZZ_STRICT=1
# (replay sets it).
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and, on the stable toolchain, RUSTC_BOOTSTRAP=1
# for the nightly-only sanitizer flags (set here). Run one target at a time on a 2-core machine.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/fuzz"
export RUSTC_BOOTSTRAP=1

usage() {
    sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
}

command -v cargo-fuzz >/dev/null || {
    echo "fuzz.sh: cargo-fuzz is not installed; run: cargo install cargo-fuzz" >&2
    exit 2
}

features() {
    [ "$1" = pipeline ] && echo "--features pipeline" || true
}

# libFuzzer options shared by every mode; the pipeline target is memory heavy.
common_opts=(-rss_limit_mb=4096 -timeout=30)

# The pipeline target links MLIR's uninstrumented archives, which trip ASan's manual-poisoning
# check inside MLIRContext creation (a false "use-after-poison"), and melior 0.27.8 leaks the
# Box of every external pass it creates (callback_destruct drops the pass in place but never
# frees it), which LeakSanitizer would report on the first input.
pipeline_env() {
    if [ "$1" = pipeline ]; then
        export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allow_user_poisoning=0:detect_leaks=0"
    fi
}

seed_pipeline() {
    local seeds="$root/fuzz/corpus/pipeline-seeds"
    rm -rf "$seeds"
    mkdir -p "$seeds"
    python3 - "$root/lit" "$seeds" <<'EOF'
import hashlib, pathlib, sys
lit, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
n = 0
for f in sorted(lit.rglob("*.mlir")):
    if "Inputs" in f.parts and f.stat().st_size > 64 * 1024:
        continue
    for i, chunk in enumerate(f.read_text(errors="replace").split("// -----")):
        body = chunk.encode()
        h = hashlib.sha1(f"{f}:{i}".encode()).digest()
        # Four pipelines per chunk, spread by hash (the target takes byte 0 modulo its list).
        for sel in {h[0], h[1], h[2], h[3]}:
            (out / f"{f.stem}-{i}-{sel}").write_bytes(bytes([sel]) + body)
            n += 1
print(f"fuzz.sh: {n} pipeline seeds in {out}", file=sys.stderr)
EOF
}

mode="${1:-}"
case "$mode" in
kernels | pipeline | aimodel)
    target="$mode"
    secs="${2:-600}"
    shift $(($# >= 2 ? 2 : 1))
    mkdir -p "corpus/$target"
    pipeline_env "$target"
    dirs=("corpus/$target")
    extra=()
    if [ "$target" = aimodel ]; then
        mkdir -p corpus/aimodel-seeds
        for f in "$root"/test/data/aimodel/corpus/*.aimodel/main.mlirb; do
            cp "$f" "corpus/aimodel-seeds/$(basename "$(dirname "$f")" .aimodel)"
        done
        dirs+=("corpus/aimodel-seeds")
    fi
    if [ "$target" = pipeline ]; then
        seed_pipeline
        dirs+=("corpus/pipeline-seeds")
        extra+=(-dict="$root/fuzz/pipeline.dict")
    fi
    # shellcheck disable=SC2046
    exec cargo fuzz run $(features "$target") "$target" "${dirs[@]}" -- \
        -max_total_time="$secs" -print_final_stats=1 "${common_opts[@]}" "${extra[@]}" "$@"
    ;;
replay)
    target="${2:-}"
    [ "$target" = kernels ] || [ "$target" = pipeline ] || [ "$target" = aimodel ] || usage
    shift 2
    pipeline_env "$target"
    files=("$@")
    [ ${#files[@]} -gt 0 ] || files=("$root/fuzz/regressions/$target"/*)
    status=0
    log="$(mktemp)"
    trap 'rm -f "$log"' EXIT
    for f in "${files[@]}"; do
        case "$f" in *.md) continue ;; esac
        echo "== $f"
        # shellcheck disable=SC2046
        COREAI_FUZZ_STRICT=1 cargo fuzz run $(features "$target") "$target" "$f" -- \
            "${common_opts[@]}" >/dev/null 2>"$log" && echo "ok" || {
            status=1
            grep -m3 -E "panicked|ERROR: libFuzzer|ERROR: AddressSanitizer|out-of-memory|deadly signal" "$log" || true
        }
    done
    exit "$status"
    ;;
tmin)
    target="${2:-}"
    file="${3:-}"
    [ -n "$file" ] || usage
    pipeline_env "$target"
    # shellcheck disable=SC2046
    exec cargo fuzz tmin $(features "$target") "$target" "$file" -- "${common_opts[@]}"
    ;;
*)
    usage
    ;;
esac
