#!/usr/bin/env bash
# Builds the benchmark kernels (bench/kernels/*.c) into wasm32 reactors in bench/build/:
# NAME.wasm (full size) and NAME.quick.wasm (-DQUICK). Needs Debian's clang-14, lld-14 and wasi-libc
# (.ci/apt-packages.txt). Binaries are build output and never committed.
set -euo pipefail
cd "$(dirname "$0")"
CLANG=${CLANG:-clang-14}
SYSROOT=${WASI_SYSROOT:-/usr}
command -v "$CLANG" >/dev/null || { echo "build.sh: $CLANG not found (apt-get install clang-14 lld-14 wasi-libc)" >&2; exit 2; }
# clang looks up `wasm-ld` on PATH and, at -O1 and above, also runs binaryen's `wasm-opt` when one is
# on PATH. A directory holding only wasm-ld, put first on PATH, keeps the output exactly clang's.
tooldir=$(mktemp -d)
trap 'rm -rf "$tooldir"' EXIT
WASM_LD=${WASM_LD:-$(command -v wasm-ld-14 || command -v wasm-ld || echo /usr/lib/llvm-14/bin/wasm-ld)}
ln -s "$WASM_LD" "$tooldir/wasm-ld"
export PATH="$tooldir:/usr/bin:/bin"
mkdir -p build
for src in kernels/*.c; do
  name=$(basename "$src" .c)
  for variant in full quick; do
    out=build/$name.wasm; flags=()
    if [ "$variant" = quick ]; then out=build/$name.quick.wasm; flags=(-DQUICK); fi
    "$CLANG" --target=wasm32-wasi --sysroot="$SYSROOT" -isystem "$SYSROOT/include/wasm32-wasi" \
      -L"$SYSROOT/lib/wasm32-wasi" -O2 -fno-math-errno -nostartfiles \
      -Wl,--no-entry -Wl,--export=run -Wl,-z,stack-size=262144 "${flags[@]}" -o "$out" "$src"
  done
done
echo "built $(ls build/*.wasm | wc -l) modules in bench/build/"
