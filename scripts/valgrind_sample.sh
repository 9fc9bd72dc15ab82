#!/usr/bin/env bash
# Valgrind memcheck on a sample of lessons run by the Release binary under the virtual clock:
# no invalid access, no leak (definite or indirect), every run as the lesson ends. CI runs a
# sample of its own as the test valgrind.sample (tests/CMakeLists.txt) in the Release pass;
# valgrind makes each run some ten times slower, so only a few lessons, and ASan and TSan run
# every lesson besides.
#   bash scripts/valgrind_sample.sh [BUILD_DIR | ASYNCDEMO_BINARY] [LESSON...]
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-build}"
shift || true
if [ -d "$binary" ]; then binary="$binary/cli/asyncdemo"; fi
lessons=("$@")
if [ ${#lessons[@]} -eq 0 ]; then
  lessons=(hello gather taskgroup-failure wait-for timeout lock queue deadlock to-thread event-loop)
fi
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 77; }
status=0
for lesson in "${lessons[@]}"; do
  log=$(mktemp)
  # deadlock ends with exit 0 as its lesson does; any other exit code is the lesson's own.
  if valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
      --show-leak-kinds=definite,indirect --log-file="$log" \
      "$binary" run "$lesson" --clock virtual --lang en >/dev/null 2>&1; then
    echo "ok    $lesson"
  else
    echo "FAIL  $lesson"; cat "$log"; status=1
  fi
  rm -f "$log"
done
exit $status
