#!/bin/sh
# Runs the twin test of one lesson for its defaults and for the param sets listed under
# "examples" in lessons.json.
# Without python3 the test is skipped (exit 77) and says so.
binary="$1"; lessons="$2"; slug="$3"
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIPPED: python3 is not installed, so the Python twin of $slug cannot be compared"
  exit 77
fi
here=$(dirname "$0")
# The twin runs under the interpreter that can import what it imports (aiohttp...).
twin=$(ls "$lessons"/[0-9][0-9]_"$(echo "$slug" | tr - _)".py 2>/dev/null)
python=$(sh "$here/pick_python.sh" "$twin" "$lessons")
if [ -z "$python" ]; then
  echo "SKIPPED: no python3 here can import every module the twin of $slug imports" \
       "(scripts/deps.sh installs Debian's python3-aiohttp and the like)"
  exit 77
fi
"$python" "$here/compare_twin.py" "$binary" "$lessons" "$slug"
status=$?
[ $status -eq 77 ] && exit 77
[ $status -eq 0 ] || exit 1
python3 - "$lessons/../lessons.json" "$slug" <<'PY' | while IFS= read -r line; do
import json, sys
for lesson in json.load(open(sys.argv[1], encoding="utf-8"))["lessons"]:
    if lesson["slug"] == sys.argv[2]:
        for settings in lesson.get("examples", []):
            print(" ".join(settings))
PY
  # shellcheck disable=SC2086
  "$python" "$here/compare_twin.py" "$binary" "$lessons" "$slug" $line || exit 1
done
