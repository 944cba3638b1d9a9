#!/usr/bin/env bash
# Install the Debian packages coreai needs (LLVM/MLIR 22). Idempotent: returns in
# about a second when everything is already present.
# - mlir-22-tools: mlir-tblgen for the build, and the stock mlir-opt that loads our plugin;
# - clang-22: the C++ glue is compiled with the clang MLIR is built with (see build.rs).
set -euo pipefail
pkgs=(libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools libpolly-22-dev libzstd-dev
      libclang1-22 libclang-common-22-dev clang-22)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
