#!/bin/sh
# Runs the real-clock twin test of one HTTP lesson (compare_real.py): the C++ lesson and its
# Python twin against one `asyncdemo serve`. Skipped (exit 77), saying why, without python3 or
# without the twin's library.
binary="$1"; lessons="$2"; slug="$3"
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIPPED: python3 is not installed, so the Python twin of $slug cannot be compared"
  exit 77
fi
here=$(dirname "$0")
lessons_dir="$lessons"
. "$here/pick_python.sh"
exec "$python" "$here/compare_real.py" "$binary" "$lessons" "$slug"
