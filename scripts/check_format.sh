#!/usr/bin/env bash
# Checks that every tracked C++ file is formatted as .clang-format says, without changing any:
# lists the files that are not and exits 1. `bash scripts/check_format.sh --fix` formats them.
set -euo pipefail
cd "$(dirname "$0")/.."
fix=0
case "${1:-}" in
  --fix) fix=1 ;;
  "") ;;
  *) echo "usage: scripts/check_format.sh [--fix]" >&2; exit 64 ;;
esac
if ! command -v clang-format >/dev/null; then
  echo "check_format.sh: clang-format is needed (bash scripts/deps.sh installs it)" >&2
  exit 69
fi
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
if [ "$fix" -eq 1 ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
# One clang-format for all the files (quick); its complaints name the file first.
bad=()
if ! out=$(clang-format --dry-run --Werror "${files[@]}" 2>&1); then
  mapfile -t bad < <(printf '%s\n' "$out" | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error:.*/\1/p' | sort -u)
  if [ ${#bad[@]} -eq 0 ]; then printf '%s\n' "$out" >&2; exit 1; fi
fi
if [ ${#bad[@]} -gt 0 ]; then
  echo "Not formatted as .clang-format says (${#bad[@]} files):" >&2
  printf '  %s\n' "${bad[@]}" >&2
  echo "Fix with: bash scripts/check_format.sh --fix   (or clang-format -i FILE)" >&2
  exit 1
fi
echo "clang-format: ${#files[@]} files formatted as .clang-format says."
