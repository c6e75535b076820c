/**
 * `mcp-wrt run FILE.wasm --invoke NAME [ARGS...]`: loads a binary module, instantiates it, invokes
 * one exported function with arguments parsed by its parameter types and prints the results.
 */

import { readFileSync } from 'node:fs';
import { load, Store } from '../core/index.js';
import { ValType, valTypeName } from '../core/binary/module.js';
import type { Imports, Value } from '../core/exec/values.js';
import type { Limits } from '../core/exec/limits.js';
import { parseF32Bits, parseF64Bits, parseI32, parseI64 } from '../../spec-tests/literals.js';
import { externRefValue, f32Value, f64Value, formatValue, isLaneShape, packLanes, parseLane } from '../../spec-tests/values.js';
import { spectestExports } from '../../spec-tests/spectest-host.js';
import { UsageError, parseArgs, parseDuration, parseSize } from './args.js';
import type { Io } from './io.js';

export const RUN_USAGE =
  'usage: mcp-wrt run FILE.wasm --invoke NAME [ARGS...] [--fuel N] [--memory BYTES] [--timeout DURATION] [--spectest]';

/** Parses one argument for a parameter of type `t`. */
export function parseValueArg(t: number, text: string): Value {
  try {
    switch (t) {
      case ValType.i32: return { type: 'i32', value: parseI32(text) };
      case ValType.i64: return { type: 'i64', value: parseI64(text) };
      case ValType.f32: return f32Value(parseF32Bits(text));
      case ValType.f64: return f64Value(parseF64Bits(text));
      case ValType.v128: return { type: 'v128', value: parseV128Arg(text) };
      case ValType.funcref:
        if (text === 'null') return { type: 'funcref', value: null };
        break;
      case ValType.externref:
        if (text === 'null') return { type: 'externref', value: null };
        return externRefValue(Number(parseI32(text)) >>> 0);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`bad ${valTypeName(t)} argument "${text}": ${e instanceof Error ? e.message : String(e)}`);
  }
  throw new UsageError(`bad ${valTypeName(t)} argument "${text}"`);
}

/**
 * A v128 argument: 16 bytes as 32 hex digits in memory order (optionally `0x`-prefixed), or
 * `SHAPE:lane,lane,...` such as `i32x4:1,2,3,4` or `f32x4:1.5,0,-inf,nan`.
 */
function parseV128Arg(text: string): Uint8Array {
  const colon = text.indexOf(':');
  if (colon > 0 && isLaneShape(text.slice(0, colon))) {
    const shape = text.slice(0, colon);
    if (!isLaneShape(shape)) throw new UsageError(`bad v128 shape ${shape}`);
    const lanes = text.slice(colon + 1).split(',');
    const count = { i8x16: 16, i16x8: 8, i32x4: 4, i64x2: 2, f32x4: 4, f64x2: 2 }[shape];
    if (lanes.length !== count) throw new UsageError(`v128 ${shape} needs ${count} lanes, got ${lanes.length}`);
    return packLanes(shape, lanes.map((l) => parseLane(shape, l)));
  }
  const hex = text.replace(/^0x/i, '').replace(/_/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new UsageError(`bad v128 argument "${text}": give 32 hex digits or SHAPE:lanes`);
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

export function runCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, ['invoke', 'fuel', 'memory', 'timeout'], ['spectest']);
  const [file, ...rest] = args.positional;
  const name = args.options.get('invoke');
  if (file === undefined) throw new UsageError('missing FILE.wasm');
  if (name === undefined) throw new UsageError('missing --invoke NAME');

  const limits: Partial<Limits> = {};
  const fuel = args.options.get('fuel');
  const memory = args.options.get('memory');
  const timeout = args.options.get('timeout');
  const invokeOpts: { fuel?: number; deadlineMs?: number } = {};
  if (fuel !== undefined) invokeOpts.fuel = parseSize(fuel, '--fuel');
  if (memory !== undefined) Object.assign(limits, { memoryBytes: parseSize(memory, '--memory') });
  if (timeout !== undefined) {
    const ms = parseDuration(timeout, '--timeout');
    Object.assign(limits, { deadlineMs: ms });
    invokeOpts.deadlineMs = ms;
  }

  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const module = load(bytes);
  const store = new Store({ limits });
  const imports: Imports = args.switches.has('spectest') ? { spectest: spectestExports(store) } : {};
  const instance = store.instantiate(module, imports);
  const func = instance.exports.get(name);
  if (func === undefined) throw new UsageError(`no export named "${name}"`);
  if (func.kind !== 'func') throw new UsageError(`export "${name}" is a ${func.kind}, not a function`);
  const params = func.type.params;
  if (rest.length !== params.length) {
    const sig = params.map(valTypeName).join(' ') || '(none)';
    throw new UsageError(`"${name}" takes ${params.length} arguments (${sig}), got ${rest.length}`);
  }
  const values = rest.map((text, i) => parseValueArg(params[i], text));
  const results = store.invoke(func, values, invokeOpts);
  for (const r of results) io.out(formatValue(r));
  return 0;
}
