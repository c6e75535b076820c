/**
 * The heavy real-world component: a JS guest made by `jco componentize` (componentize-js, a ~12 MB
 * StarlingMonkey image) loads, instantiates on the WASI 0.2 host and answers calls correctly.
 *
 * The .wasm is not committed (12 MB per revision); examples/component-js/build.mjs builds it from
 * node_modules only (offline, also in CI) and keeps it, keyed by its inputs, until they change.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { instantiateComponent, loadComponent, renderWit, type ComponentInstance, type LoadedComponent } from '../../src/component/index.js';
import { WasiPreview2 } from '../../src/wasi/preview2/index.js';
import { fakeServices, REPO, text, type FakeServices } from '../wasi/preview2/fixtures.js';

interface Run { c: LoadedComponent; inst: ComponentInstance; s: FakeServices; loadMs: number; instantiateMs: number; firstCallMs: number; greeting: unknown }

let cached: Run | undefined;

function run(): Run {
  if (cached !== undefined) return cached;
  execFileSync(process.execPath, [join('examples', 'component-js', 'build.mjs')], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const bytes = new Uint8Array(readFileSync(join(REPO, 'examples', 'component-js', 'out', 'greeter.wasm')));
  let t0 = performance.now();
  const c = loadComponent(bytes);
  const loadMs = performance.now() - t0;
  const s = fakeServices();
  const wasi = new WasiPreview2({ clocks: true, random: true, stdout: true, stderr: true }, s);
  t0 = performance.now();
  const inst = instantiateComponent(c, wasi.imports);
  const instantiateMs = performance.now() - t0;
  t0 = performance.now();
  const greeting = inst.call('greet', 'world');
  const firstCallMs = performance.now() - t0;
  cached = { c, inst, s, loadMs, instantiateMs, firstCallMs, greeting };
  return cached;
}

test('REQ-CM-JS-001: a componentize-js component loads, instantiates on the WASI 0.2 host and answers its calls', (t) => {
  const r = run();
  const wit = renderWit(r.c);
  assert.match(wit, /export greet: func\(name: string\) -> string;/);
  assert.match(wit, /import wasi:cli\/stdout@0\.2\.\d+/);
  assert.doesNotMatch(wit, /wasi:http/, 'built without the http features');
  assert.equal(r.greeting, 'Hello, world!');
  assert.equal(r.inst.call('greet', 'ünïcödé 🌍'), 'Hello, ünïcödé 🌍!');
  assert.deepEqual(r.inst.call('analyse', 'héllo big  world'), { words: 3, chars: 16, upper: 'HÉLLO BIG  WORLD' });
  assert.deepEqual(r.inst.call('sum', [1, 2.5, -0.25]), { tag: 'ok', val: 3.25 });
  assert.deepEqual(r.inst.call('sum', []), { tag: 'err', val: 'empty list' });
  t.diagnostic(`exports: ${Object.keys(r.inst.exports).join(', ')}`);
});

test('REQ-CM-JS-001: console.log in the JS guest reaches the granted stdout through wasi:io streams', () => {
  const r = run();
  const before = r.s.out.length;
  assert.equal(r.inst.call('log', 'logged from JS'), 14);
  assert.equal(text(r.s.out.slice(before)), 'logged from JS\n');
});

test('REQ-CM-JS-002: load (decode + validate) and first call of the 12 MB component stay within their budgets', (t) => {
  const r = run();
  t.diagnostic(`load ${r.loadMs.toFixed(0)} ms, instantiate ${r.instantiateMs.toFixed(0)} ms, first call ${r.firstCallMs.toFixed(0)} ms`);
  assert.ok(r.loadMs < 20_000, `load took ${r.loadMs} ms`);
  assert.ok(r.instantiateMs + r.firstCallMs < 10_000, `instantiate + first call took ${r.instantiateMs + r.firstCallMs} ms`);
});
