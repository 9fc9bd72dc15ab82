#!/usr/bin/env bash
# Lists the functions of cli/ and runtime/ longer than a limit (80 lines by default), longest
# first, as "LINES  FILE:LINE  NAME", from universal-ctags' start and end lines.
# `--fail` makes the script exit 1 when it lists any: CI runs it without, as a report, until
# the long functions are split; then CI passes --fail.
# Usage: scripts/long_functions.sh [--max N] [--fail] [FILE...]
set -euo pipefail
cd "$(dirname "$0")/.."
max=80
fail=0
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --max) max="$2"; shift 2 ;;
    --fail) fail=1; shift ;;
    -*) echo "usage: scripts/long_functions.sh [--max N] [--fail] [FILE...]" >&2; exit 64 ;;
    *) files+=("$1"); shift ;;
  esac
done
if ! ctags --version 2>/dev/null | grep -q 'Universal Ctags'; then
  echo "long_functions.sh: universal-ctags is needed (apt-get install universal-ctags)" >&2
  exit 69
fi
if [ ${#files[@]} -eq 0 ]; then
  mapfile -t files < <(git ls-files 'cli/*.cpp' 'cli/*.hpp' 'runtime/*.cpp' 'runtime/*.hpp')
fi
# Each tag line: NAME<TAB>FILE<TAB>/pattern/;"<TAB>f<TAB>line:N ... end:M (fields in any order).
report=$(ctags --fields=+ne --c++-kinds=f --language-force=C++ -o - "${files[@]}" |
  awk -F'\t' -v max="$max" '
    {
      line = 0; end = 0; scope = ""
      for (i = 4; i <= NF; i++) {
        if ($i ~ /^line:/) line = substr($i, 6) + 0
        else if ($i ~ /^end:/) end = substr($i, 5) + 0
        else if ($i ~ /^(class|struct|namespace):/) { scope = $i; sub(/^[a-z]+:/, "", scope) }
      }
      if (line > 0 && end >= line) {
        n = end - line + 1
        gsub(/__anon[0-9a-f]+/, "(anonymous)", scope)
        name = (scope == "" ? $1 : scope "::" $1)
        if (n > max) printf "%5d  %s:%d  %s\n", n, $2, line, name
      }
    }' | sort -rn)
if [ -z "$report" ]; then
  echo "No function in ${files[*]:0:3}... is longer than $max lines."
  exit 0
fi
count=$(printf '%s\n' "$report" | wc -l)
echo "Functions longer than $max lines ($count):"
printf '%s\n' "$report"
if [ "$fail" -eq 1 ]; then exit 1; fi
