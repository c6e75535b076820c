#!/usr/bin/env bash
# Builds probe.c (a WASI preview 1 command: C + wasi-libc with Debian's clang-14) into $1 (default
# examples/wasi-p2-c/out/probe.wasm). The tests turn it into a WASI 0.2 command component with jco's
# preview 1 adapter (wasi_snapshot_preview1.command.wasm) and run it on the WASI 0.2 host.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/out/probe.wasm}"
source "$here/../../scripts/wasm-clang-env.sh"
mkdir -p "$(dirname "$out")"
"$CLANG" "${WASI_CFLAGS[@]}" -O1 -o "$out" "$here/probe.c"
