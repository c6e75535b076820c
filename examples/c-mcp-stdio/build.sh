#!/usr/bin/env bash
# Builds server.wasm (wasm32-wasi preview 1 command) from the C sources with Debian's clang-14,
# lld-14 and wasi-libc. Usage: build.sh [OUT.wasm]   (default: server.wasm beside this script)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/server.wasm}"
cc="${CC:-clang-14}"
sysroot="${WASI_SYSROOT:-/usr}"
# Debian's wasi-libc lays the sysroot out as /usr/include/wasm32-wasi and /usr/lib/wasm32-wasi.
"$cc" --target=wasm32-wasi --sysroot="$sysroot" -isystem "$sysroot/include/wasm32-wasi" -L "$sysroot/lib/wasm32-wasi" \
  -fuse-ld=lld -O2 -mbulk-memory -Wall -Wextra -Werror \
  -Wl,-z,stack-size=65536 -Wl,--strip-all \
  -o "$out" "$here/server.c" "$here/json.c"
echo "built $out"
