#!/usr/bin/env bash
# Installs the Debian 12 packages asyncdemo needs, only those that are missing.
set -euo pipefail
# librsvg2-bin (rsvg-convert), imagemagick and fonts-dejavu-core: the golden picture tests
# render the SVGs to PNG with the font they ask for first, and compare them.
# clang-format and universal-ctags: CI's format check and its report of long functions.
# libhttp-parser-dev and libcurl4-openssl-dev: the lessons' HTTP server and the HTTP client;
# python3-aiohttp and python3-requests: the tutorials' own code run against `asyncdemo serve`.
# libsqlite3-dev: the aiosqlite library (runtime/aiosqlite).
# python3-aiofiles and python3-aiosqlite: the Python twins of the files and sqlite lessons.
# clang: the libFuzzer targets of scripts/fuzz.sh (Debian's clang ships libFuzzer in its
# compiler-rt, so no libfuzzer-14-dev is needed).
# chromium, chromium-driver and python3-selenium: the --html replay page's tests (tests/html)
# open it in headless Chromium.
# valgrind: the memcheck of a sample of lessons (test valgrind.sample, scripts/valgrind_sample.sh).
packages=(g++ cmake make pkg-config libuv1-dev libfmt-dev libcli11-dev doctest-dev
          nlohmann-json3-dev python3 tmux ccache librsvg2-bin imagemagick fonts-dejavu-core
          clang-format universal-ctags
          libhttp-parser-dev libcurl4-openssl-dev python3-aiohttp python3-requests
          libsqlite3-dev python3-aiofiles python3-aiosqlite
          chromium chromium-driver python3-selenium clang valgrind)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
