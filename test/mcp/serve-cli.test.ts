/** `mcp-wrt serve` command-line handling: usage errors, policy files, refused guests. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/cli.js';
import type { Io } from '../../src/cli/io.js';
import { parseListen } from '../../src/cli/serve.js';
import { wat } from '../core/exec/wat.js';

function capture(): { io: Io; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l), progress: () => undefined }, out, err };
}

test('REQ-MCP-SRV-008: serve refuses bad invocations before serving: usage, an invalid policy file (field named), a guest with forbidden imports', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-wrt-serve-'));
  const c1 = capture();
  assert.equal(await main(['serve'], c1.io), 2);
  assert.match(c1.err.join('\n'), /missing GUEST\.wasm/);

  const guest = join(dir, 'g.wasm');
  writeFileSync(guest, await wat('(module (import "env" "net" (func)) (import "env" "fs" (func)) (memory (export "memory") 1) (func (export "_start")))'));
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ memoryLimit: '64MiB', network: true }));
  const c2 = capture();
  assert.equal(await main(['serve', guest, '--policy', policy], c2.io), 1);
  assert.match(c2.err.join('\n'), /PolicyError: invalid policy: .*\/memoryLimit: must be integer/);
  assert.match(c2.err.join('\n'), /\(policy\): unknown field "network"/);

  const c3 = capture();
  assert.equal(await main(['serve', guest, '--allow-import', 'wasi_snapshot_preview1.*', '--allow-import', 'env.net'], c3.io), 1);
  assert.match(c3.err.join('\n'), /PolicyError: imports not allowed by the policy: env\.fs$/m);

  assert.deepEqual(parseListen('8080'), { host: '127.0.0.1', port: 8080 });
  assert.deepEqual(parseListen('0.0.0.0:1'), { host: '0.0.0.0', port: 1 });
  assert.deepEqual(parseListen('[::1]:9'), { host: '::1', port: 9 });
  assert.throws(() => parseListen('host:99999'), /port out of range/);
});
