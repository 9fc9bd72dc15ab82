#!/usr/bin/env bash
# Redraws the pictures the READMEs show (docs/images/), each in its README's language, from
# the binary in build/: `bash scripts/readme_pictures.sh [path/to/asyncdemo]`.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/cli/asyncdemo}
mkdir -p docs/images
for lang in en pt-BR uk; do
  for lesson in gather deadlock; do
    "$binary" run "$lesson" --clock virtual --lang "$lang" --svg "docs/images/$lesson.$lang.svg" \
      >/dev/null
  done
done
echo "redrawn: docs/images/{gather,deadlock}.{en,pt-BR,uk}.svg"
