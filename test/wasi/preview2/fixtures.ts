/**
 * Test fixtures for the WASI 0.2 host: deterministic services (a clock the test advances, counted
 * random bytes, captured output) and the C probe command built into a WASI 0.2 component (clang-14 +
 * wasi-libc, then jco's preview 1 command adapter through the in-memory wasm-tools `componentNew`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';
import type { WasiP2Services } from '../../../src/wasi/preview2/index.js';
import { StdinQueue } from '../../../src/wasi/stdin-queue.js';
import { cachedCBuild } from '../../component/c-build.js';

export const REPO = (() => {
  if (existsSync(join(process.cwd(), 'examples', 'wasi-p2-c'))) return process.cwd();
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
})();

export interface FakeServices extends WasiP2Services {
  readonly out: Uint8Array[];
  readonly err: Uint8Array[];
  readonly stdin: StdinQueue;
  /** Monotonic time in ns; tests move it, `sleepUntil` jumps it. */
  mono: bigint;
  sleeps: bigint[];
}

export function fakeServices(opts: { sleep?: boolean } = {}): FakeServices {
  let counter = 0;
  const s: FakeServices = {
    out: [], err: [], stdin: new StdinQueue(), mono: 1_000n, sleeps: [],
    clock: { realtimeNs: () => 1_700_000_000_123_456_789n, monotonicNs: () => s.mono },
    random: (b) => { for (let i = 0; i < b.length; i++) b[i] = counter++ & 0xff; },
    stdout: (b) => { s.out.push(b); },
    stderr: (b) => { s.err.push(b); },
  };
  if (opts.sleep === true) Object.assign(s, { sleepUntil: (ns: bigint) => { s.sleeps.push(ns); s.mono = ns; } });
  return s;
}

export const text = (chunks: readonly Uint8Array[]): string => chunks.map((c) => new TextDecoder().decode(c)).join('');

let probe: Promise<Uint8Array | { skip: string }> | undefined;

/** The probe command as a WASI 0.2 component, or a skip reason when clang-14 is absent (never under CI). */
export function probeComponent(): Promise<Uint8Array | { skip: string }> {
  probe ??= (async () => {
    const core = cachedCBuild('wasi-p2-probe', join(REPO, 'examples', 'wasi-p2-c'), 'build.sh', ['probe.c', 'build.sh']);
    if (typeof core !== 'string') return core;
    const adapter = readFileSync(join(REPO, 'node_modules', '@bytecodealliance', 'jco', 'lib', 'wasi_snapshot_preview1.command.wasm'));
    return componentNew(readFileSync(core), [['wasi_snapshot_preview1', adapter]]);
  })();
  return probe;
}
