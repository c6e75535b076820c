#!/usr/bin/env bash
# Builds the C examples (WASI preview 1 stdio MCP servers) when Debian's clang-14 + lld-14 + wasi-libc
# are installed (see .ci/apt-packages.txt); otherwise says so and succeeds, since the JS build does
# not need them. Outputs stay untracked (.gitignore).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v "${CC:-clang-14}" >/dev/null 2>&1 || [ ! -f /usr/lib/wasm32-wasi/libc.a ]; then
  echo "build-c-examples: clang-14 or wasi-libc missing; skipping the C examples (apt-get install clang-14 lld-14 wasi-libc)"
  exit 0
fi
"$here/c-mcp-stdio/build.sh"
