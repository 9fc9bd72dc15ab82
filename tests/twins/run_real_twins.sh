#!/bin/sh
# Runs the real-clock twin test of one HTTP lesson (compare_real.py): the C++ lesson and its
# Python twin against one `asyncdemo serve`. Skipped (exit 77), saying why, without python3 or
# without the twin's library (pick_python.sh).
binary="$1"; lessons="$2"; slug="$3"
here=$(dirname "$0")
lessons_dir="$lessons"
. "$here/pick_python.sh"
exec "$python" "$here/compare_real.py" "$binary" "$lessons" "$slug"
