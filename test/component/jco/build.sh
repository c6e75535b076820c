#!/usr/bin/env bash
# Builds diff.c into the core module $1 (default test/component/jco/out/diff.wasm) with Debian's
# clang-14 + wasi-libc: a library (no entry point, no startup files) whose only imports are the
# resource built-ins of diff.wit. The tests embed diff.wit and make the component with wasm-tools.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/out/diff.wasm}"
source "$here/../../../scripts/wasm-clang-env.sh"
mkdir -p "$(dirname "$out")"
"$CLANG" "${WASI_CFLAGS[@]}" -O1 -nostartfiles -Wl,--no-entry -o "$out" "$here/diff.c"
