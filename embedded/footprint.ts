/**
 * The footprint of an idle instance inside QuickJS: the runtime's own memory accounting
 * (`memory_used_size`) after the engine, the core bundle and the harness are loaded, and again after one
 * module was loaded, validated and instantiated and is kept alive doing nothing.
 */

import { EmbeddedEngine, type EmbeddedCode } from './quickjs-host.js';
import { fromWire, toWire } from './wire.js';

export interface Footprint {
  /** Memory limit of the runtime (bytes). */
  readonly limitBytes: number;
  /** In use right after the engine, the core bundle and the harness were loaded (bytes). */
  readonly loadedBytes: number;
  /** In use after a warm-up instance was made and dropped: the baseline of the measurement (bytes). */
  readonly baselineBytes: number;
  /** In use with one idle instance kept alive as well (bytes). */
  readonly withInstanceBytes: number;
  /** The instance's share: the difference (bytes). */
  readonly instanceBytes: number;
  readonly exports: readonly string[];
}

/** Measures an idle instance of `wasm` in a fresh runtime; `check` may call into it afterwards. */
export async function measureIdleFootprint(
  code: EmbeddedCode,
  wasm: Uint8Array,
  check?: (call: (name: string, args: number[]) => (number | null)[]) => void,
): Promise<Footprint> {
  const engine = await EmbeddedEngine.create(code);
  try {
    // One throwaway instance first, so one-time allocations (atoms, shapes, inline caches) are not
    // charged to the measured one.
    engine.call('keepInstance', toWire(wasm));
    engine.call('dropKept');
    const baselineBytes = engine.memoryUsed();
    const exports = fromWire(engine.call('keepInstance', toWire(wasm))) as string[];
    const withInstanceBytes = engine.memoryUsed();
    check?.((name, args) => fromWire(engine.call('callKept', toWire({ name, args }))) as (number | null)[]);
    return { limitBytes: engine.memoryLimit(), loadedBytes: engine.baselineBytes, baselineBytes, withInstanceBytes, instanceBytes: withInstanceBytes - baselineBytes, exports };
  } finally {
    engine.dispose();
  }
}
