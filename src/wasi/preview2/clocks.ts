/** `wasi:clocks` 0.2 (`monotonic-clock`, `wall-clock`) over the injected clock service. */

import type { HostImports } from '../../component/index.js';
import type { WasiClock } from '../preview1.js';
import type { IoHost } from './io.js';

const NS_PER_S = 1_000_000_000n;

export function clockInterfaces(clock: WasiClock, io: IoHost): HostImports {
  const datetime = (ns: bigint): { seconds: bigint; nanoseconds: number } => ({ seconds: ns / NS_PER_S, nanoseconds: Number(ns % NS_PER_S) });
  return {
    'wasi:clocks/monotonic-clock': {
      pollable: io.pollable.type,
      now: (): bigint => clock.monotonicNs(),
      resolution: (): bigint => 1n,
      'subscribe-instant': (when: bigint) => io.timer(when),
      'subscribe-duration': (d: bigint) => io.timer(clock.monotonicNs() + d),
    },
    'wasi:clocks/wall-clock': {
      now: () => datetime(clock.realtimeNs()),
      resolution: () => datetime(1n),
    },
  };
}
