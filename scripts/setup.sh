#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running lesson: install what is missing,
# build in Release, run `asyncdemo run gather`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
echo
./build/cli/asyncdemo run gather
echo
echo "The program is ./build/cli/asyncdemo (cmake --install build puts it on the PATH)."
