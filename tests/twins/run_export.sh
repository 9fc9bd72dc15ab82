#!/bin/sh
# Runs the export test of one lesson (check_export.py). Without python3 the test is skipped
# (exit 77) and says so (pick_python.sh).
lessons_dir="$(dirname "$2")/lessons"
slug="$3"
cannot_run="the exported program of $slug cannot be run"
. "$(dirname "$0")/pick_python.sh"
exec "$python" "$(dirname "$0")/check_export.py" "$@"
