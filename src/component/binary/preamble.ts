/**
 * The preamble (Binary.md "Component Definitions"): magic, version and layer.
 *
 * A core module and a component share the magic `\0asm`; the next four bytes are a core module's
 * version 1 (`01 00 00 00`, read as version 1, layer 0) or a component's version 0x0d and layer 1
 * (`0d 00 01 00`).
 */

import type { Reader } from '../../core/binary/reader.js';
import { UNEXPECTED_END } from '../../core/binary/reader.js';

export const PREAMBLE_SIZE = 8;
const MAGIC = [0x00, 0x61, 0x73, 0x6d] as const;
/** The pre-standard component version this decoder reads. */
export const COMPONENT_VERSION = 0x0d;

function hasMagic(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === MAGIC[0] && bytes[at + 1] === MAGIC[1] && bytes[at + 2] === MAGIC[2] && bytes[at + 3] === MAGIC[3];
}

/** True when `bytes` start with the preamble of a component (any version) rather than a core module. */
export function isComponent(bytes: Uint8Array): boolean {
  return bytes.length >= PREAMBLE_SIZE && hasMagic(bytes, 0) && bytes[6] === 0x01 && bytes[7] === 0x00;
}

/** True when `bytes` start with the preamble of a core module (version 1, layer 0). */
export function isCoreModule(bytes: Uint8Array): boolean {
  return isCoreModuleAt(bytes, 0, bytes.length);
}

export function isCoreModuleAt(bytes: Uint8Array, at: number, end: number): boolean {
  return end - at >= PREAMBLE_SIZE && hasMagic(bytes, at) &&
    bytes[at + 4] === 0x01 && bytes[at + 5] === 0x00 && bytes[at + 6] === 0x00 && bytes[at + 7] === 0x00;
}

/** Reads and checks a component preamble at `r.pos`. */
export function readComponentPreamble(r: Reader): void {
  const at = r.pos;
  const b = r.bytes;
  if (r.end - at < 4) r.fail(UNEXPECTED_END, r.end);
  if (!hasMagic(b, at)) r.fail('magic header not detected', at);
  if (r.end - at < PREAMBLE_SIZE) r.fail(UNEXPECTED_END, r.end);
  if (isCoreModuleAt(b, at, r.end)) r.fail('expected a component (layer 1), found a core module (layer 0)', at + 4);
  if (b[at + 4] !== COMPONENT_VERSION || b[at + 5] !== 0x00) r.fail('unknown component binary version', at + 4);
  if (b[at + 6] !== 0x01 || b[at + 7] !== 0x00) r.fail('unknown binary layer', at + 6);
  r.pos = at + PREAMBLE_SIZE;
}
