#!/usr/bin/env bash
# How many of the command line's translation units (cli/**/*.cpp) compile the runtime's
# headers (runtime/**), read from the compiler's dependency files of a finished build.
# The runner is meant to be the one that does, with at most two others (README.md, "How it
# is built"); a header of the runtime that leaks into the model or the renderers shows here.
#   scripts/count_runtime_includes.sh [BUILD_DIR]   (default: build)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
[ -d "$build" ] || { echo "count_runtime_includes: no build folder $build" >&2; exit 66; }
total=0
face=0
found=()
declare -A seen
# A depfile (file.o.d) names the object, then the source, then every header it read; with
# ccache the paths are relative to the folder the compiler ran in, the target's binary dir.
while IFS= read -r -d '' depfile; do
    bindir=${depfile%%/CMakeFiles/*}
    words=$(tr ' \\' '\n\n' <"$depfile" | grep -v -e '^$' -e ':$')
    source=$(cd "$bindir" && realpath -m "$(grep -m1 '\.cpp$' <<<"$words")")
    case "$source" in
        "$here"/cli/*.cpp) ;;
        *) continue ;;
    esac
    # A source moved or removed leaves its old depfile behind: the newest of a source that
    # still exists counts.
    [ -f "$source" ] || continue
    [ -z "${seen[$source]:-}" ] || continue
    seen[$source]=1
    total=$((total + 1))
    # -s: a header of the runtime's plain face (asyncio_face, links in the build folder) is
    # not followed to the runtime's own folder.
    runtime=$(cd "$bindir" && grep 'runtime/' <<<"$words" | xargs -r realpath -m -s |
        grep -c "^$here/runtime/" || true)
    if [ "$runtime" -gt 0 ]; then
        found+=("${source#"$here"/}")
    elif grep -q '/face/asyncio/' <<<"$words"; then
        face=$((face + 1))
    fi
done < <(find "$build" -path '*/CMakeFiles/*' -name '*.o.d' -printf '%T@ %p\0' | sort -z -rn |
    sed -z 's/^[^ ]* //')
[ "$total" -gt 0 ] || { echo "count_runtime_includes: no compiled cli sources in $build" >&2; exit 66; }
echo "${#found[@]} of $total cli translation units compile the runtime's headers:"
printf '  %s\n' "${found[@]}" | sort
echo "$face more see only the runtime's plain face (asyncio/observer.hpp, asyncio/clock_kind.hpp)."
