/**
 * Test helper: the C example guest (examples/c-mcp-stdio) built with clang-14 + wasi-libc through the
 * shared build cache (test/component/c-build.ts). Without the toolchain a test skips, except under CI,
 * where the toolchain must be there (missing = failure).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachedCBuild } from '../component/c-build.js';
import { ROOT } from '../repo-root.js';

export const EXAMPLE_DIR = join(ROOT, 'examples', 'c-mcp-stdio');

let cached: string | { skip: string } | undefined;

/** Path of the built example, or a skip reason (only outside CI). */
export function cExampleWasm(): { path: string } | { skip: string } {
  cached ??= cachedCBuild('c-mcp-stdio', EXAMPLE_DIR, 'build.sh', ['server.c', 'json.c', 'json.h', 'build.sh', '../../scripts/wasm-clang-env.sh']);
  if (typeof cached === 'string') return { path: cached };
  console.log(cached.skip);
  return cached;
}

export function cExampleBytes(): Uint8Array | { skip: string } {
  const r = cExampleWasm();
  return 'path' in r ? new Uint8Array(readFileSync(r.path)) : r;
}
