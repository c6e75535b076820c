/**
 * Canonical definitions (Binary.md "Canonical Definitions").
 *
 * Decoded: lift, lower, the resource built-ins and the 🔀 async built-ins (part of the shipped binary
 * format; a later layer refuses to run them). Rejected as unsupported: the 📝 error-context built-ins
 * and the 🧵 threading built-ins, which are still gated features of the design.
 */

import type { Reader } from '../../core/binary/reader.js';
import { readValType as readCoreValType } from '../../core/binary/types.js';
import { badByte, readFlag, readVec, unsupported } from './common.js';
import type { Canon, CanonOpt } from './component.js';
import { readResultList } from './types.js';

/** canonopt. */
function readCanonOpt(r: Reader): CanonOpt {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00: return { kind: 'string-encoding', encoding: 'utf8' };
    case 0x01: return { kind: 'string-encoding', encoding: 'utf16' };
    case 0x02: return { kind: 'string-encoding', encoding: 'latin1+utf16' };
    case 0x03: return { kind: 'memory', index: r.u32() };
    case 0x04: return { kind: 'realloc', index: r.u32() };
    case 0x05: return { kind: 'post-return', index: r.u32() };
    case 0x06: return { kind: 'async' };
    case 0x07: return { kind: 'callback', index: r.u32() };
    default: return badByte(r, b, 'canonical option', at);
  }
}

function readOpts(r: Reader): CanonOpt[] {
  return readVec(r, readCanonOpt);
}

/** A sort byte that must be 0x00 (func) after the lift/lower opcode. */
function readFuncSort(r: Reader, what: string): void {
  const at = r.pos;
  const b = r.u8();
  if (b !== 0x00) badByte(r, b, what, at);
}

/** The text names of the gated built-ins that are rejected, by opcode. */
function unsupportedBuiltinName(op: number): string | undefined {
  switch (op) {
    case 0x1c: return 'error-context.new';
    case 0x1d: return 'error-context.debug-message';
    case 0x1e: return 'error-context.drop';
    case 0x26: return 'thread.index';
    case 0x27: return 'thread.new-indirect';
    case 0x28: return 'thread.resume-later';
    case 0x29: return 'thread.suspend';
    case 0x2a: return 'thread.suspend-then-resume';
    case 0x2b: return 'thread.yield-then-resume';
    case 0x2c: return 'thread.suspend-then-promote';
    case 0x2d: return 'thread.yield-then-promote';
    case 0x40: return 'thread.spawn-ref';
    case 0x41: return 'thread.spawn-indirect';
    case 0x42: return 'thread.available-parallelism';
    default: return undefined;
  }
}

/** canon. */
export function readCanon(r: Reader): Canon {
  const at = r.pos;
  const op = r.u8();
  switch (op) {
    case 0x00: {
      readFuncSort(r, 'canonical function lift');
      const coreFuncIndex = r.u32();
      const options = readOpts(r);
      return { kind: 'lift', coreFuncIndex, options, typeIndex: r.u32() };
    }
    case 0x01: {
      readFuncSort(r, 'canonical function lower');
      const funcIndex = r.u32();
      return { kind: 'lower', funcIndex, options: readOpts(r) };
    }
    case 0x02: return { kind: 'resource.new', typeIndex: r.u32() };
    case 0x03: return { kind: 'resource.drop', typeIndex: r.u32() };
    case 0x04: return { kind: 'resource.rep', typeIndex: r.u32() };
    case 0x24: return { kind: 'backpressure.inc' };
    case 0x25: return { kind: 'backpressure.dec' };
    case 0x09: {
      const result = readResultList(r);
      const options = readOpts(r);
      return result === undefined ? { kind: 'task.return', options } : { kind: 'task.return', result, options };
    }
    case 0x05: return { kind: 'task.cancel' };
    case 0x0a:
    case 0x0b: {
      const valType = readCoreValType(r);
      return { kind: op === 0x0a ? 'context.get' : 'context.set', valType, index: r.u32() };
    }
    case 0x06: return { kind: 'subtask.cancel', async: readFlag(r) };
    case 0x0d: return { kind: 'subtask.drop' };
    case 0x0e: return { kind: 'stream.new', typeIndex: r.u32() };
    case 0x0f: { const typeIndex = r.u32(); return { kind: 'stream.read', typeIndex, options: readOpts(r) }; }
    case 0x10: { const typeIndex = r.u32(); return { kind: 'stream.write', typeIndex, options: readOpts(r) }; }
    case 0x11: { const typeIndex = r.u32(); return { kind: 'stream.cancel-read', typeIndex, async: readFlag(r) }; }
    case 0x12: { const typeIndex = r.u32(); return { kind: 'stream.cancel-write', typeIndex, async: readFlag(r) }; }
    case 0x13: return { kind: 'stream.drop-readable', typeIndex: r.u32() };
    case 0x14: return { kind: 'stream.drop-writable', typeIndex: r.u32() };
    case 0x15: return { kind: 'future.new', typeIndex: r.u32() };
    case 0x16: { const typeIndex = r.u32(); return { kind: 'future.read', typeIndex, options: readOpts(r) }; }
    case 0x17: { const typeIndex = r.u32(); return { kind: 'future.write', typeIndex, options: readOpts(r) }; }
    case 0x18: { const typeIndex = r.u32(); return { kind: 'future.cancel-read', typeIndex, async: readFlag(r) }; }
    case 0x19: { const typeIndex = r.u32(); return { kind: 'future.cancel-write', typeIndex, async: readFlag(r) }; }
    case 0x1a: return { kind: 'future.drop-readable', typeIndex: r.u32() };
    case 0x1b: return { kind: 'future.drop-writable', typeIndex: r.u32() };
    case 0x1f: return { kind: 'waitable-set.new' };
    case 0x20:
    case 0x21: {
      const cancellable = readFlag(r);
      return { kind: op === 0x20 ? 'waitable-set.wait' : 'waitable-set.poll', cancellable, memoryIndex: r.u32() };
    }
    case 0x22: return { kind: 'waitable-set.drop' };
    case 0x23: return { kind: 'waitable.join' };
    case 0x0c: return { kind: 'thread.yield', cancellable: readFlag(r) };
    default: {
      const name = unsupportedBuiltinName(op);
      if (name !== undefined) {
        return unsupported(r, `canonical built-in ${name} (0x${op.toString(16)}) (${op <= 0x1e ? 'error-context' : 'threading'} is not supported)`, at);
      }
      return badByte(r, op, 'canonical function', at);
    }
  }
}
