/**
 * The two failure kinds of the canonical ABI: a guest broke an ABI rule (a trap), or the embedder
 * passed a JS value that does not fit its type (an embedding error). The core's `Trap` kind 'host'
 * is used for ABI traps: they are raised by the host side of a component boundary, and typed core
 * errors pass unchanged through core host-function calls.
 */

import { EmbeddingError, Trap } from '../../core/errors.js';

/** A canonical ABI trap with a precise reason (the reasons follow the wording of the Component Model tests). */
export function abiTrap(reason: string): Trap {
  return new Trap('host', reason);
}

/** A JS value that does not match its component type. */
export function badValue(what: string, v: unknown): EmbeddingError {
  return new EmbeddingError(`${what}, got ${describe(v)}`);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v)}`;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  return typeof v;
}
