/**
 * The stdio driver without Node: nextTurn (src/host/next-turn.ts), its pause between slices, on the
 * three kinds of host — Node (setImmediate), a browser page (setTimeout only) and an engine without
 * timers (the globals are shadowed for the length of one call and restored) — and granted directories
 * opened only through the host's injected openDir.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../src/core/index.js';
import { PolicyError } from '../../src/host/errors.js';
import { nextTurn } from '../../src/host/next-turn.js';
import { resolvePolicy } from '../../src/host/policy.js';
import { StdioInstance } from '../../src/host/stdio-instance.js';
import { cExampleBytes } from '../host/c-example.js';

type Timers = Record<'setImmediate' | 'setTimeout', unknown>;

/** Runs `fn` with the named timer globals replaced (undefined removes one), then restores them. */
async function withTimers(replacements: Partial<Timers>, fn: () => Promise<void>): Promise<void> {
  const g = globalThis as unknown as Timers;
  const saved: Timers = { setImmediate: g.setImmediate, setTimeout: g.setTimeout };
  try {
    for (const [k, v] of Object.entries(replacements) as [keyof Timers, unknown][]) {
      if (v === undefined) delete g[k];
      else g[k] = v;
    }
    await fn();
  } finally {
    Object.assign(g, saved);
  }
}

test('REQ-EMB-015: nextTurn waits for setImmediate where there is one (Node), else setTimeout 0 (a page), else a microtask', async () => {
  const used: string[] = [];
  const realImmediate = setImmediate;
  const realTimeout = setTimeout;
  await withTimers({ setImmediate: (cb: () => void) => { used.push('setImmediate'); realImmediate(cb); } }, () => nextTurn());
  await withTimers({
    setImmediate: undefined,
    setTimeout: (cb: () => void, ms: number) => { used.push(`setTimeout ${ms}`); realTimeout(cb, ms); },
  }, () => nextTurn());
  let microtaskOnly = false;
  await withTimers({ setImmediate: undefined, setTimeout: undefined }, async () => {
    const p = nextTurn().then(() => { microtaskOnly = true; });
    assert.equal(microtaskOnly, false, 'resolves on a later microtask, not synchronously');
    await p;
  });
  assert.deepEqual(used, ['setImmediate', 'setTimeout 0']);
  assert.equal(microtaskOnly, true);
  assert.equal(typeof globalThis.setImmediate, 'function');
  assert.equal(typeof globalThis.setTimeout, 'function');
});

test('REQ-EMB-015: the stdio driver opens granted directories only through the injected openDir; with none, a grant is a PolicyError', (t) => {
  const wasm = cExampleBytes();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const module = load(wasm);
  const env = {
    clock: { realtimeNs: () => 0n, monotonicNs: () => 0n }, random: (b: Uint8Array) => b.fill(4), now: () => 0,
    onNotification: () => undefined, onLog: () => undefined,
  };
  const granted = resolvePolicy('g', { dirs: [{ host: '/nonexistent-for-this-test', guest: '/data' }] });
  assert.throws(() => new StdioInstance(module, granted, env), (e: unknown) => e instanceof PolicyError && /no filesystem to open them/.test(e.message));
  const opened: string[] = [];
  assert.throws(() => new StdioInstance(module, granted, { ...env, openDir: (g) => { opened.push(g.guest); throw new PolicyError('refused by the test'); } }), /refused by the test/);
  assert.deepEqual(opened, ['/data']);
  // No grant, no openDir: the driver needs no filesystem at all.
  const inst = new StdioInstance(module, resolvePolicy('g'), env);
  assert.equal(inst.alive, true);
});
