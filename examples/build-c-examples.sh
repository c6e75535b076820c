#!/usr/bin/env bash
# Builds the C examples when Debian's clang-14 + lld-14 + wasi-libc are installed (see
# .ci/apt-packages.txt); otherwise says so and succeeds, since the JS build does not need them.
# - c-mcp-stdio: a WASI preview 1 stdio MCP server (output untracked, .gitignore);
# - c-mcp-component, c-plain-component: components (outputs committed, because their build needs the
#   C toolchain beyond `npm ci`); they need dist/scripts/make-component.js (`npx tsc` first).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v "${CC:-clang-14}" >/dev/null 2>&1 || [ ! -f /usr/lib/wasm32-wasi/libc.a ]; then
  echo "build-c-examples: clang-14 or wasi-libc missing; skipping the C examples (apt-get install clang-14 lld-14 wasi-libc)"
  exit 0
fi
"$here/c-mcp-stdio/build.sh"
"$here/c-mcp-component/build.sh"
"$here/c-plain-component/build.sh"
