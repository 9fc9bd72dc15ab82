#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (ASan+UBSan, every library instrumented) in
# build-fuzz/, then runs each for a bounded time from its corpus in the tree
# (fuzz/corpus/TARGET). New inputs go to a scratch copy, so the tree's corpus stays small;
# a crash leaves its input in build-fuzz/findings/ and fails the script.
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
targets=(catalogue set_param http_route http_request)
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g"
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DASYNCDEMO_FUZZ=ON \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_C_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build build-fuzz -j2 --target "${targets[@]/#/fuzz_}"
mkdir -p build-fuzz/findings
status=0
for t in "${targets[@]}"; do
  work=$(mktemp -d)
  cp fuzz/corpus/"$t"/* "$work"/
  echo "fuzz_$t: ${seconds} s from $(ls fuzz/corpus/"$t" | wc -l) inputs"
  if ! ASAN_OPTIONS=detect_leaks=1 build-fuzz/fuzz/fuzz_"$t" -max_total_time="$seconds" \
      -max_len=4096 -timeout=5 -rss_limit_mb=2048 -print_final_stats=0 \
      -artifact_prefix=build-fuzz/findings/"$t"- "$work" >build-fuzz/fuzz_"$t".log 2>&1; then
    echo "fuzz_$t found a problem:"; tail -40 build-fuzz/fuzz_"$t".log; status=1
  else
    grep -E "^#[0-9]+.*DONE" build-fuzz/fuzz_"$t".log | tail -1 || true
  fi
  rm -rf "$work"
done
exit $status
