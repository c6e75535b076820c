/**
 * One measurement in a fresh process (so each gets its own peak-memory figure and a cold JIT):
 *   node dist/bench/src/worker.js ENGINE FILE.wasm
 * ENGINE is `ours` (this project's interpreter) or `v8` (Node's WebAssembly; the parent adds
 * `--liftoff-only` for the baseline-compiler variant). Prints one JSON line: the checksum returned by
 * `run`, the time of the call itself (instantiation excluded), executed instructions (ours only, from
 * fuel) and the process's peak RSS.
 *   node dist/bench/src/worker.js load BYTES       -> decode+validate throughput of a generated module
 *   node --expose-gc dist/bench/src/worker.js idle FILE.wasm -> bytes per idle instance of FILE
 *   node dist/bench/src/worker.js component FILE.wasm -> decode+validate time of a component, cold and warm
 */
import { readFileSync } from 'node:fs';
import { loadComponent } from '../../src/component/index.js';
import { load, Store } from '../../src/core/index.js';
import { bigModule } from './big-module.js';
import { median } from './stats.js';

/** Fuel per `run` slice: the instruction count is exact up to the last slice (< 0.1 % of a kernel). */
const SLICE = 1_000_000;

export interface WorkerResult {
  checksum: number;
  ms: number;
  instructions: number | null;
  maxRssKb: number;
}

function runOurs(bytes: Uint8Array): WorkerResult {
  const module = load(bytes);
  const store = new Store();
  const instance = store.instantiate(module, {});
  const run = instance.exports.get('run');
  if (run === undefined) throw new Error('kernel exports no run');
  const t0 = performance.now();
  const ex = store.start(run, []);
  let instructions = 0;
  for (;;) {
    const r = ex.run(SLICE);
    if (r.status === 'paused') { instructions += r.fuelUsed; continue; }
    if (r.status === 'trapped') throw r.error;
    const ms = performance.now() - t0;
    const v = r.values[0];
    if (v === undefined || v.type !== 'i32') throw new Error('run must return an i32');
    // The last slice is counted as half used: the API does not report fuel on completion.
    return { checksum: v.value >>> 0, ms, instructions: instructions + SLICE / 2, maxRssKb: process.resourceUsage().maxRSS };
  }
}

/** The slice of Node's `WebAssembly` global used here (the project's lib settings leave it untyped). */
interface JsWebAssembly {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> };
}

function runV8(bytes: Uint8Array): WorkerResult {
  const wa = (globalThis as unknown as { WebAssembly: JsWebAssembly }).WebAssembly;
  const instance = new wa.Instance(new wa.Module(bytes), {});
  const run = instance.exports['run'] as () => number;
  const t0 = performance.now();
  const v = run();
  const ms = performance.now() - t0;
  return { checksum: v >>> 0, ms, instructions: null, maxRssKb: process.resourceUsage().maxRSS };
}

/** Decode + validate of a generated module of `size` bytes: median of 5 loads. */
function measureLoad(size: number): { bytes: number; ms: number; mbPerS: number } {
  const bytes = bigModule(size);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    load(bytes);
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  return { bytes: bytes.length, ms, mbPerS: bytes.length / 1e6 / (ms / 1000) };
}

/**
 * Decode + validate of a component (core modules included): the first load in the process (cold, as
 * `mcp-wrt serve` meets it) and the median of three more (the loader's code optimized by then).
 */
function measureComponentLoad(bytes: Uint8Array): { bytes: number; coldMs: number; warmMs: number } {
  let t0 = performance.now();
  loadComponent(bytes);
  const coldMs = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    t0 = performance.now();
    loadComponent(bytes);
    warm.push(performance.now() - t0);
  }
  return { bytes: bytes.length, coldMs, warmMs: median(warm) };
}

/** Heap + array-buffer bytes per instance, over 200 idle instances of `bytes` in one store. */
function measureIdle(bytes: Uint8Array): { instances: number; bytesPerInstance: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  const module = load(bytes);
  const store = new Store();
  const n = 200;
  const keep: unknown[] = [];
  gc();
  const m0 = process.memoryUsage();
  for (let i = 0; i < n; i++) keep.push(store.instantiate(module, {}));
  gc();
  const m1 = process.memoryUsage();
  const used = m1.heapUsed - m0.heapUsed + (m1.arrayBuffers - m0.arrayBuffers);
  if (keep.length !== n) throw new Error('unreachable');
  return { instances: n, bytesPerInstance: Math.round(used / n) };
}

const [engine, arg] = process.argv.slice(2);
if (arg === undefined || !['ours', 'v8', 'load', 'idle', 'component'].includes(engine ?? '')) {
  console.error('usage: worker.js ours|v8|idle|component FILE.wasm | worker.js load BYTES');
  process.exit(2);
}
if (engine === 'load') console.log(JSON.stringify(measureLoad(Number(arg))));
else {
  const bytes = new Uint8Array(readFileSync(arg));
  if (engine === 'idle') console.log(JSON.stringify(measureIdle(bytes)));
  else if (engine === 'component') console.log(JSON.stringify(measureComponentLoad(bytes)));
  else console.log(JSON.stringify(engine === 'ours' ? runOurs(bytes) : runV8(bytes)));
}
