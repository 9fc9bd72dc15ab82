#!/usr/bin/env bash
# Builds and runs the whole test suite. With --sanitize LIST (address,undefined or thread)
# it builds separately with those sanitizers; --label L runs only the tests labelled L (a
# regular expression, so "^(threads|io)$" takes both), and --target "T..." builds only what
# those tests need (one target or several, space-separated).
set -euo pipefail
cd "$(dirname "$0")/.."
sanitize=""
label=""
target=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sanitize) sanitize="$2"; shift 2 ;;
    --label) label="$2"; shift 2 ;;
    --target) target="$2"; shift 2 ;;
    *) echo "usage: scripts/test.sh [--sanitize address,undefined|thread] [--label LABEL] [--target "T..."]" >&2; exit 64 ;;
  esac
done
bash scripts/deps.sh
if [ -n "$sanitize" ]; then
  dir="build-${sanitize//,/-}"
  # -O1 keeps sanitizer builds quick to compile and their stack traces readable (debug info:
  # ASYNCDEMO_SANITIZE_DEBUG_INFO in CMakeLists.txt, line tables by default).
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 -DASYNCDEMO_SANITIZE="$sanitize"
else
  dir="build"
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release
fi
if [ -n "$target" ]; then
  read -r -a targets <<<"$target"
  cmake --build "$dir" -j"$(nproc)" --target "${targets[@]}"
else
  cmake --build "$dir" -j"$(nproc)"
fi
args=(--test-dir "$dir" --output-on-failure -j"$(nproc)")
if [ -n "$label" ]; then args+=(-L "$label"); fi
ctest "${args[@]}"
