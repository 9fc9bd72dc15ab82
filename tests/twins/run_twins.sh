#!/bin/sh
# Runs the twin test of one lesson for its defaults and for the param sets listed under
# "examples" in lessons.json.
# Without python3 or the twin's library the test is skipped (exit 77) and says so
# (pick_python.sh).
binary="$1"; lessons="$2"; slug="$3"
here=$(dirname "$0")
lessons_dir="$lessons"
. "$here/pick_python.sh"
"$python" "$here/compare_twin.py" "$binary" "$lessons" "$slug" || exit 1
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
