/**
 * Test helper: builds a C guest with its build script (clang-14 + wasi-libc, through
 * scripts/wasm-clang-env.sh) into a temporary file keyed by the hash of its inputs, shared by every
 * test file of a run. Without the toolchain it returns a skip reason, except under CI, where the
 * toolchain must be there (missing = failure).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function toolchainPresent(): boolean {
  try {
    execFileSync('clang-14', ['--version'], { stdio: 'ignore' });
    return existsSync('/usr/lib/wasm32-wasi/libc.a');
  } catch {
    return false;
  }
}

/**
 * The core module built by `dir/buildScript OUT` from `inputs` (files of `dir`, the script included),
 * or a skip reason when clang-14 is missing outside CI.
 */
export function cachedCBuild(label: string, dir: string, buildScript: string, inputs: readonly string[]): string | { skip: string } {
  const hash = createHash('sha256');
  for (const f of inputs) hash.update(readFileSync(join(dir, f)));
  const out = join(tmpdir(), `mcp-wrt-${label}-${hash.digest('hex').slice(0, 16)}.wasm`);
  if (existsSync(out)) return out;
  if (!toolchainPresent()) {
    if (process.env['CI']) throw new Error('clang-14/wasi-libc missing under CI (.ci/apt-packages.txt lists them)');
    return { skip: 'skipped: clang-14 + lld-14 + wasi-libc are not installed (apt-get install clang-14 lld-14 wasi-libc)' };
  }
  // Built under a name of this process's own and renamed, so test files building at once never see
  // each other's half-written output.
  const partial = `${out}.${process.pid}.partial`;
  execFileSync('bash', [join(dir, buildScript), partial], { stdio: ['ignore', 'ignore', 'inherit'] });
  renameSync(partial, out);
  return out;
}
