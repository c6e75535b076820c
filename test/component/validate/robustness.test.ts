import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { instantiateComponent, loadComponent } from '../../../src/component/index.js';
import { WasmError } from '../../../src/core/errors.js';
import { ADD_COMPONENT, componentBytes, GREET_COMPONENT } from '../instantiate/wat.js';

/** Loads, instantiates and calls; only typed errors may come out. */
function exercise(bytes: Uint8Array): void {
  try {
    const c = loadComponent(bytes);
    const inst = instantiateComponent(c, {}, { fuel: 100_000 });
    for (const [name, t] of c.type.exports) {
      if (t.kind !== 'func') continue;
      const args = t.type.params.map((p) => (p.type.kind === 'string' ? 'x' : 1));
      try {
        inst.call(name, ...args);
      } catch (e) {
        if (!(e instanceof WasmError)) throw e;
      }
    }
  } catch (e) {
    if (!(e instanceof WasmError)) throw e;
  }
}

test('REQ-CM-API-001: property: mutated component binaries only ever raise typed errors (load, instantiate, call)', async () => {
  const seeds = [await componentBytes(ADD_COMPONENT), await componentBytes(GREET_COMPONENT)];
  fc.assert(
    fc.property(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (seed, edits) => {
      const b = seed.slice();
      for (const [at, v] of edits) b[at % b.length] = v;
      assert.doesNotThrow(() => exercise(b));
    }),
    { numRuns: 300 },
  );
});
