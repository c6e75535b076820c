#!/usr/bin/env bash
# Builds the benchmark kernels (bench/kernels/*.c) into wasm32 reactors in bench/build/:
# NAME.wasm (full size) and NAME.quick.wasm (-DQUICK). Needs Debian's clang-14, lld-14 and wasi-libc
# (.ci/apt-packages.txt). Binaries are build output and never committed.
set -euo pipefail
cd "$(dirname "$0")"
source ../scripts/wasm-clang-env.sh
mkdir -p build
for src in kernels/*.c; do
  name=$(basename "$src" .c)
  for variant in full quick; do
    out=build/$name.wasm; flags=()
    if [ "$variant" = quick ]; then out=build/$name.quick.wasm; flags=(-DQUICK); fi
    "$CLANG" "${WASI_CFLAGS[@]}" -O2 -fno-math-errno -nostartfiles \
      -Wl,--no-entry -Wl,--export=run -Wl,-z,stack-size=262144 "${flags[@]}" -o "$out" "$src"
  done
done
echo "built $(ls build/*.wasm | wc -l) modules in bench/build/"
