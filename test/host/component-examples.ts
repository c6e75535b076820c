/**
 * Test helper: the committed component examples (examples/c-mcp-component/notes.wasm,
 * examples/c-plain-component/plain.wasm). They are committed because their build needs clang-14 and
 * wasi-libc; `rebuilt` makes them again from source (for the test that the committed bytes are what
 * the sources build), or says why it cannot.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../repo-root.js';

export { ROOT };
export const NOTES_WASM = join(ROOT, 'examples', 'c-mcp-component', 'notes.wasm');
export const PLAIN_WASM = join(ROOT, 'examples', 'c-plain-component', 'plain.wasm');

export function notesBytes(): Uint8Array {
  return new Uint8Array(readFileSync(NOTES_WASM));
}

export function plainBytes(): Uint8Array {
  return new Uint8Array(readFileSync(PLAIN_WASM));
}

/** The example rebuilt from source by its build.sh into a temporary file, or a skip reason. */
export function rebuilt(example: 'c-mcp-component' | 'c-plain-component'): Uint8Array | { skip: string } {
  try {
    execFileSync('clang-14', ['--version'], { stdio: 'ignore' });
    if (!existsSync('/usr/lib/wasm32-wasi/libc.a')) throw new Error('no wasi-libc');
  } catch {
    if (process.env['CI']) throw new Error('clang-14/wasi-libc missing under CI (.ci/apt-packages.txt lists them)');
    return { skip: 'skipped: clang-14 + lld-14 + wasi-libc are not installed' };
  }
  const dir = mkdtempSync(join(tmpdir(), 'mcp-wrt-component-'));
  try {
    const out = join(dir, 'out.wasm');
    execFileSync('bash', [join(ROOT, 'examples', example, 'build.sh'), out], { stdio: ['ignore', 'ignore', 'inherit'] });
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * examples/js-mcp-component built by `jco componentize` (offline, from node_modules; about a minute
 * the first time, then kept under examples/js-mcp-component/out/ until its inputs change). Not
 * committed: the 13 MB StarlingMonkey image needs nothing beyond `npm ci` to build.
 */
export function jsNotesWasm(): string {
  const out = join(ROOT, 'examples', 'js-mcp-component', 'out', 'notes.wasm');
  execFileSync(process.execPath, [join('examples', 'component-js', 'build.mjs'), join('examples', 'js-mcp-component', 'notes.js'), 'wit', 'mcp-backend', out],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}
