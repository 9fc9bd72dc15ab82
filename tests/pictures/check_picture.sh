#!/usr/bin/env bash
# One golden picture test:
#   check_picture.sh GOLDEN.png WORKDIR COMMAND...
# runs COMMAND with @SVG@ replaced by the SVG file to write, renders that SVG to PNG with
# rsvg-convert at half size, in at most 256 colours (the golden images stay small; 18-pixel
# text is still 9 pixels high) and compares it with GOLDEN.png using ImageMagick: pixels further apart than the fuzz
# (anti-aliasing, a glyph hinted a shade differently) are counted, and the test fails when
# more than PICTURE_TOLERANCE percent of the picture (default 0.1) differs. A picture whose
# rows, bars or labels moved differs in thousands of pixels. On failure the new picture and a
# map of the differences are left in WORKDIR.
# UPDATE_GOLDEN=1 writes the new picture over the golden one instead of comparing.
set -u
golden=$1
work=$2
shift 2
for tool in rsvg-convert convert compare identify; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIPPED: $tool is not installed (scripts/deps.sh installs librsvg2-bin and imagemagick)"
    exit 77
  fi
done
name=$(basename "$golden" .png)
mkdir -p "$work"
svg="$work/$name.svg"
png="$work/$name.png"
map="$work/$name.diff.png"
args=()
for a in "$@"; do args+=("${a//@SVG@/$svg}"); done
if [ ! -x "${args[0]}" ]; then
  echo "${args[0]} is not built: cmake --build build --target asyncdemo picture_fixtures"
  exit 1
fi
if ! "${args[@]}" >"$work/$name.log" 2>&1; then
  echo "the command that draws $name failed:"
  cat "$work/$name.log"
  exit 1
fi
rsvg-convert --zoom 0.5 --background-color white "$svg" -o "$work/$name.full.png" || exit 1
convert "$work/$name.full.png" -strip -colors 256 "PNG8:$png" || exit 1
if [ -n "${UPDATE_GOLDEN:-}" ]; then
  cp "$png" "$golden"
  echo "updated $golden"
  exit 0
fi
if [ ! -f "$golden" ]; then
  echo "no golden image $golden; make it with UPDATE_GOLDEN=1 and look at it"
  exit 1
fi
want=$(identify -format '%wx%h' "$golden")
got=$(identify -format '%wx%h' "$png")
if [ "$want" != "$got" ]; then
  echo "$name: the picture is $got, the golden image $want (new picture: $png)"
  exit 1
fi
# compare prints the number of differing pixels on stderr; exit 2 means it could not compare.
differing=$(compare -metric AE -fuzz 12% "$golden" "$png" "$map" 2>&1)
if [ $? -gt 1 ]; then
  echo "compare failed: $differing"
  exit 1
fi
verdict=$(awk -v d="$differing" -v size="$got" -v tol="${PICTURE_TOLERANCE:-0.1}" 'BEGIN {
  split(size, wh, "x"); allowed = wh[1] * wh[2] * tol / 100
  printf "%s %d of %d pixels differ (at most %d allowed)", (d + 0 <= allowed ? "ok" : "FAIL"), d, wh[1] * wh[2], allowed }')
echo "$name: $verdict"
case "$verdict" in
  ok*) exit 0 ;;
  *)
    echo "new picture: $png; differences in red: $map"
    exit 1
    ;;
esac
