/** `wasi:random` 0.2 (`random`, `insecure`, `insecure-seed`) over the injected random sources. */

import { Trap } from '../../core/errors.js';
import type { HostImports } from '../../component/index.js';

/** The most bytes one call returns: a guest asking for more is cut off with a trap, not an allocation. */
const MAX_RANDOM_BYTES = 1 << 20;

export function randomInterfaces(secure: (buf: Uint8Array) => void, insecure: (buf: Uint8Array) => void): HostImports {
  const bytes = (fill: (buf: Uint8Array) => void, len: bigint, what: string): Uint8Array => {
    if (len > BigInt(MAX_RANDOM_BYTES)) throw new Trap('host', `${what}: ${len} bytes requested, at most ${MAX_RANDOM_BYTES} per call`);
    const b = new Uint8Array(Number(len));
    fill(b);
    return b;
  };
  const u64 = (fill: (buf: Uint8Array) => void): bigint => new DataView(bytes(fill, 8n, 'u64').buffer).getBigUint64(0, true);
  return {
    'wasi:random/random': {
      'get-random-bytes': (len: bigint) => bytes(secure, len, 'get-random-bytes'),
      'get-random-u64': () => u64(secure),
    },
    'wasi:random/insecure': {
      'get-insecure-random-bytes': (len: bigint) => bytes(insecure, len, 'get-insecure-random-bytes'),
      'get-insecure-random-u64': () => u64(insecure),
    },
    'wasi:random/insecure-seed': {
      'insecure-seed': () => [u64(insecure), u64(insecure)],
    },
  };
}
