#!/usr/bin/env bash
# Builds plain.wasm, a plain component (world example:plain/plain), from plain.c: Debian's clang-14 +
# lld-14 + wasi-libc make the core module, dist/scripts/make-component.js (run `npx tsc -p
# tsconfig.json` first) embeds plain.wit and wraps it with jco's wasm-tools.
# Usage: build.sh [OUT.wasm]   (default: plain.wasm beside this script)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
out="${1:-$here/plain.wasm}"
node_bin="$(command -v node)"
source "$root/scripts/wasm-clang-env.sh"
core="$wasm_tooldir/plain.core.wasm"
"$CLANG" "${WASI_CFLAGS[@]}" -fuse-ld=lld -O2 -mbulk-memory -mexec-model=reactor -Wall -Wextra -Werror \
  -Wl,-z,stack-size=65536 -Wl,--strip-all \
  -o "$core" "$here/plain.c" "$root/examples/c-mcp-component/no_wasi.c"
"$node_bin" "$root/dist/scripts/make-component.js" "$core" "$here/plain.wit" plain "$out"
