/**
 * nextTurn (src/host/next-turn.ts), the pause of the stdio driver between slices, on the three kinds
 * of host: Node (setImmediate), a browser page (setTimeout only) and an engine without timers. The
 * globals are shadowed for the length of one call and restored.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextTurn } from '../../src/host/next-turn.js';

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
