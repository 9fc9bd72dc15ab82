#!/bin/sh
# Prints the first python3 that can import every module the twin TWIN imports (plain python3
# first, then the system's /usr/bin/python3, which sees Debian's python3-* packages such as
# python3-aiohttp); nothing when none can. usage: pick_python.sh TWIN LESSONS_DIR
twin="$1"; lessons="$2"
for candidate in python3 /usr/bin/python3; do
  command -v "$candidate" >/dev/null 2>&1 || continue
  if "$candidate" - "$twin" "$lessons" >/dev/null 2>&1 <<'PY'; then
import ast, importlib, sys
sys.path.insert(0, sys.argv[2])
for node in ast.parse(open(sys.argv[1], encoding="utf-8").read()).body:
    if isinstance(node, ast.Import):
        for alias in node.names:
            importlib.import_module(alias.name)
    elif isinstance(node, ast.ImportFrom) and node.module:
        importlib.import_module(node.module)
PY
    echo "$candidate"
    exit 0
  fi
done
