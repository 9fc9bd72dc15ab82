#!/bin/sh
# Runs the export test of one lesson (check_export.py). Without python3 the test is skipped
# (exit 77) and says so.
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIPPED: python3 is not installed, so the exported program of $3 cannot be run"
  exit 77
fi
lessons_dir="$(dirname "$2")/lessons"
slug="$3"
. "$(dirname "$0")/pick_python.sh"
exec "$python" "$(dirname "$0")/check_export.py" "$@"
