#!/bin/sh
# Runs the export test of one lesson (check_export.py). Without python3 the test is skipped
# (exit 77) and says so.
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIPPED: python3 is not installed, so the exported program of $3 cannot be run"
  exit 77
fi
# The program runs under the python3 that can import what the lesson's twin imports.
here=$(dirname "$0")
lessons=$(dirname "$2")/lessons
twin=$(ls "$lessons"/[0-9][0-9]_"$(echo "$3" | tr - _)".py 2>/dev/null)
python=$(sh "$here/pick_python.sh" "$twin" "$lessons")
if [ -z "$python" ]; then
  echo "SKIPPED: no python3 here can import every module the program of $3 imports" \
       "(scripts/deps.sh installs Debian's python3-aiohttp and the like)"
  exit 77
fi
exec "$python" "$here/check_export.py" "$@"
