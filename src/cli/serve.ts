/**
 * `mcp-wrt serve GUEST.wasm... [--http [HOST:]PORT] [--policy FILE] [--memory SIZE] [--timeout DURATION]
 *  [--fuel N] [--allow-import GLOB]... [--dir HOST_DIR[::GUEST_DIR][:ro|:rw]]... [--audit-log FILE]`: loads each guest under the policy and
 * serves them to MCP clients over stdio (default) or Streamable HTTP. stdout belongs to the MCP
 * stream in stdio mode, so everything else (guest logs, notices) goes to stderr.
 */

import { createWriteStream, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { McpWrtHost, parsePolicy, type DirGrant, type GuestPolicy } from '../host/index.js';
import { ServerFactory, serveHttp, serveOnStdio } from '../mcp/index.js';
import { parseArgs, parseDuration, parseSize, UsageError } from './args.js';
import type { Io } from './io.js';

export const SERVE_USAGE =
  'mcp-wrt serve GUEST.wasm... [--http [HOST:]PORT] [--policy FILE] [--memory SIZE] [--timeout DURATION] [--fuel N] [--allow-import GLOB]... [--dir HOST_DIR[::GUEST_DIR][:ro|:rw]]... [--audit-log FILE]';

/** `--allow-import` may repeat; the shared parser takes each option once, so it is collected here. */
function takeRepeated(argv: readonly string[], name: string): { values: string[]; rest: string[] } {
  const values: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    if (tok === `--${name}`) {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      values.push(v);
    } else if (tok.startsWith(`--${name}=`)) {
      values.push(tok.slice(name.length + 3));
    } else {
      rest.push(tok);
    }
  }
  return { values, rest };
}

/**
 * `--dir HOST_DIR[::GUEST_DIR][:ro|:rw]`: grants HOST_DIR to the guests as GUEST_DIR (default
 * `/` + its last name), read-only unless `:rw`. `::` separates the two names because a single `:`
 * may occur in a path; the mode is recognized only as the last three characters.
 */
export function parseDirFlag(text: string): DirGrant {
  const mode = /:(ro|rw)$/.exec(text);
  const paths = mode === null ? text : text.slice(0, -3);
  const sep = paths.indexOf('::');
  const host = sep < 0 ? paths : paths.slice(0, sep);
  if (host === '') throw new UsageError(`--dir ${text}: no host directory`);
  const guest = sep < 0 ? `/${basename(resolve(host))}` : paths.slice(sep + 2);
  if (!guest.startsWith('/') || guest.split('/').some((p) => p === '.' || p === '..')) {
    throw new UsageError(`--dir ${text}: the guest directory must be an absolute path without . or .. (got "${guest}")`);
  }
  return { host, guest, ...(mode?.[1] === 'rw' ? { write: true } : {}) };
}

/** `PORT`, `HOST:PORT` or `[V6]:PORT`. */
export function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:(\[[^\]]+\]|[^:]+):)?(\d+)$/.exec(text);
  if (m === null) throw new UsageError(`--http: expected [HOST:]PORT, got ${text}`);
  const port = Number(m[2]);
  if (port > 65535) throw new UsageError(`--http: port out of range: ${port}`);
  const host = m[1] === undefined ? '127.0.0.1' : m[1].replace(/^\[|\]$/g, '');
  return { host, port };
}

function guestName(file: string, taken: Set<string>): string {
  const base = basename(file).replace(/\.wasm$/, '').replace(/[^A-Za-z0-9_-]/g, '_') || 'guest';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}

export async function serveCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values: allowImports, rest: afterImports } = takeRepeated(argv, 'allow-import');
  const { values: dirFlags, rest } = takeRepeated(afterImports, 'dir');
  const args = parseArgs(rest, ['http', 'policy', 'memory', 'timeout', 'fuel', 'audit-log'], []);
  if (args.positional.length === 0) throw new UsageError('missing GUEST.wasm');

  let filePolicy: GuestPolicy = {};
  const policyFile = args.options.get('policy');
  if (policyFile !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(policyFile, 'utf8'));
    } catch (e) {
      throw new UsageError(`--policy ${policyFile}: ${e instanceof Error ? e.message : String(e)}`);
    }
    filePolicy = parsePolicy(json);
  }
  const dirs = [...(filePolicy.dirs ?? []), ...dirFlags.map(parseDirFlag)];
  const twice = dirs.map((d) => d.guest).find((g, i, all) => all.indexOf(g) !== i);
  if (twice !== undefined) throw new UsageError(`two directories granted as ${twice}`);
  if (dirs.length > 0) filePolicy = { ...filePolicy, dirs };
  const fuelText = args.options.get('fuel');
  const memory = args.options.get('memory');
  const timeout = args.options.get('timeout');
  const auditFile = args.options.get('audit-log');
  const audit = auditFile !== undefined ? createWriteStream(auditFile, { flags: 'a' }) : undefined;

  const host = McpWrtHost.create({
    ...(memory !== undefined ? { memoryLimit: parseSize(memory, '--memory') } : {}),
    ...(timeout !== undefined ? { executionTimeout: parseDuration(timeout, '--timeout') } : {}),
    ...(fuelText !== undefined ? { fuel: parseSize(fuelText, '--fuel') } : {}),
    ...(allowImports.length > 0 ? { allowedImports: allowImports } : {}),
    ...(audit !== undefined ? { audit: (line: string) => { audit.write(line + '\n'); } } : {}),
    onLog: (guest, line) => io.err(`[${guest}] ${line}`),
  });
  const names = new Set<string>();
  const guests = args.positional.map((file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const name = args.positional.length === 1 && filePolicy.name !== undefined ? filePolicy.name : guestName(file, names);
    return host.load(bytes, { ...filePolicy, name }, name);
  });
  const factory = new ServerFactory(guests);
  const onError = (e: Error): void => io.err(`mcp-wrt: ${e.message}`);

  const listen = args.options.get('http');
  if (listen === undefined) {
    serveOnStdio((ctx) => factory.create({ era: ctx.era, session: true }), onError);
    return 0;
  }
  const { host: bindHost, port } = parseListen(listen);
  const running = await serveHttp((unit) => factory.create(unit), { host: bindHost, port, onError });
  io.err(`mcp-wrt: serving ${guests.map((g) => g.name).join(', ')} at ${running.url}`);
  const stop = (): void => { void running.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
