/**
 * Test helper: the C example guest (examples/c-mcp-stdio) built with clang-14 + wasi-libc into a
 * temporary file keyed by the sources' hash (shared by every test file of a run). Without the
 * toolchain a test skips, except under CI, where the toolchain must be there (missing = failure).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function repoRoot(): string {
  const fromCwd = process.cwd();
  if (existsSync(join(fromCwd, 'examples', 'c-mcp-stdio', 'server.c'))) return fromCwd;
  // dist/test/host/c-example.js -> repository root
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

export const EXAMPLE_DIR = join(repoRoot(), 'examples', 'c-mcp-stdio');

function toolchainPresent(): boolean {
  try {
    execFileSync('clang-14', ['--version'], { stdio: 'ignore' });
    return existsSync('/usr/lib/wasm32-wasi/libc.a');
  } catch {
    return false;
  }
}

let cached: string | null | undefined;

/** Path of the built example, or a skip reason (only outside CI). */
export function cExampleWasm(): { path: string } | { skip: string } {
  if (cached === undefined) {
    const hash = createHash('sha256');
    for (const f of ['server.c', 'json.c', 'json.h', 'build.sh']) hash.update(readFileSync(join(EXAMPLE_DIR, f)));
    const out = join(tmpdir(), `mcp-wrt-c-mcp-stdio-${hash.digest('hex').slice(0, 16)}.wasm`);
    if (existsSync(out)) cached = out;
    else if (!toolchainPresent()) cached = null;
    else {
      // Built under a name of this process's own and renamed, so test files building at once never
      // see each other's half-written output; the compiler's messages go to this process's stderr.
      const partial = `${out}.${process.pid}.partial`;
      execFileSync('bash', [join(EXAMPLE_DIR, 'build.sh'), partial], { stdio: ['ignore', 'ignore', 'inherit'] });
      renameSync(partial, out);
      cached = out;
    }
  }
  if (cached !== null) return { path: cached };
  if (process.env['CI']) throw new Error('clang-14/wasi-libc missing under CI (.ci/apt-packages.txt lists them)');
  const why = 'skipped: clang-14 + lld-14 + wasi-libc are not installed (apt-get install clang-14 lld-14 wasi-libc)';
  console.log(why);
  return { skip: why };
}

export function cExampleBytes(): Uint8Array | { skip: string } {
  const r = cExampleWasm();
  return 'path' in r ? new Uint8Array(readFileSync(r.path)) : r;
}
