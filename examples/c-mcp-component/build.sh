#!/usr/bin/env bash
# Builds notes.wasm, a WASI-MCP component (world wasi:mcp/mcp-backend), from notes.c: Debian's
# clang-14 + lld-14 + wasi-libc make the core module (no WASI imports, see no_wasi.c), then
# dist/scripts/make-component.js (run `npx tsc -p tsconfig.json` first) embeds wit/wasi-mcp.wit and
# wraps it with jco's wasm-tools. Usage: build.sh [OUT.wasm]   (default: notes.wasm beside this script)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
out="${1:-$here/notes.wasm}"
node_bin="$(command -v node)"
source "$root/scripts/wasm-clang-env.sh"
core="$wasm_tooldir/notes.core.wasm"
"$CLANG" "${WASI_CFLAGS[@]}" -fuse-ld=lld -O2 -mbulk-memory -mexec-model=reactor -Wall -Wextra -Werror \
  -Wl,-z,stack-size=65536 -Wl,--strip-all -I "$root/examples/c-mcp-stdio" \
  -o "$core" "$here/notes.c" "$here/no_wasi.c" "$root/examples/c-mcp-stdio/json.c"
"$node_bin" "$root/dist/scripts/make-component.js" "$core" "$root/wit/wasi-mcp.wit" mcp-backend "$out"
