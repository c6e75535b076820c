#!/usr/bin/env bash
# Builds server.wasm (wasm32-wasi preview 1 command) from the C sources with Debian's clang-14,
# lld-14 and wasi-libc. Usage: build.sh [OUT.wasm]   (default: server.wasm beside this script)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/server.wasm}"
source "$here/../../scripts/wasm-clang-env.sh"
# wasi-libc declares errno thread-local; clang-14 compiles TLS on wasm32 in the local-exec model only.
"$CLANG" "${WASI_CFLAGS[@]}" -fuse-ld=lld -O2 -mbulk-memory -ftls-model=local-exec -Wall -Wextra -Werror \
  -Wl,-z,stack-size=65536 -Wl,--strip-all \
  -o "$out" "$here/server.c" "$here/json.c"
echo "built $out"
