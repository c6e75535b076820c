# Sourced by the C build scripts (bench/build.sh, examples/*/build.sh): the one place that sets up
# Debian's clang-14 + lld-14 + wasi-libc for wasm32.
#
# clang looks up `wasm-ld` on PATH and, at -O1 and above, also runs binaryen's `wasm-opt` when one is
# on PATH (npm puts node_modules/.bin/wasm-opt there during `npm test`). That wasm-opt runs without our
# target features and rejects bulk-memory output. A directory holding only wasm-ld, with PATH cut down
# to it and the system folders, keeps the output exactly clang's.
CLANG=${CLANG:-${CC:-clang-14}}
WASI_SYSROOT=${WASI_SYSROOT:-/usr}
command -v "$CLANG" >/dev/null || { echo "$CLANG not found (apt-get install clang-14 lld-14 wasi-libc)" >&2; exit 2; }
CLANG=$(command -v "$CLANG")
wasm_tooldir=$(mktemp -d)
trap 'rm -rf "$wasm_tooldir"' EXIT
ln -s "${WASM_LD:-$(command -v wasm-ld-14 || command -v wasm-ld || echo /usr/lib/llvm-14/bin/wasm-ld)}" "$wasm_tooldir/wasm-ld"
export PATH="$wasm_tooldir:/usr/bin:/bin"
# Debian's wasi-libc lays the sysroot out as /usr/include/wasm32-wasi and /usr/lib/wasm32-wasi.
WASI_CFLAGS=(--target=wasm32-wasi --sysroot="$WASI_SYSROOT" -isystem "$WASI_SYSROOT/include/wasm32-wasi" -L"$WASI_SYSROOT/lib/wasm32-wasi")
