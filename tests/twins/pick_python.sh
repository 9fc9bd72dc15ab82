# Sourced by run_twins.sh, run_real_twins.sh and run_export.sh with $lessons_dir and $slug set.
# Without python3 the test is skipped (exit 77), saying what cannot be done without it
# ($cannot_run, by default comparing the lesson's Python twin). Otherwise sets $python to the
# interpreter for the lesson's twin. A twin that imports the tutorials' libraries
# (aiofiles, aiosqlite, aiohttp, requests) needs Debian's python3-* packages, which only
# /usr/bin/python3 sees; when one is missing the test is skipped (exit 77) and says which.
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIPPED: python3 is not installed, so ${cannot_run:-the Python twin of $slug cannot be compared}"
  exit 77
fi
python=python3
twin=$(ls "$lessons_dir"/[0-9][0-9]_"$(echo "$slug" | tr - _)".py 2>/dev/null | head -n 1)
if [ -n "$twin" ]; then
  modules=$(sed -n 's/^import \(aiofiles\|aiosqlite\|aiohttp\|requests\)\b.*/\1/p' "$twin" | sort -u)
  if [ -n "$modules" ]; then
    python=/usr/bin/python3
    for module in $modules; do
      if ! "$python" -c "import $module" >/dev/null 2>&1; then
        echo "SKIPPED: the Python twin of $slug needs $module (Debian's python3-$module, which scripts/deps.sh installs) in $python"
        exit 77
      fi
    done
  fi
fi
