/**
 * Text modules of the scripts are turned into binaries by wabt (npm `wabt`), used only as a parser and
 * encoder: wabt never validates here, our validator decides validity. wabt's default features are
 * exactly the WebAssembly 2.0 set.
 */

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from './suite.js';

/** The parts of the wabt API this harness uses. */
interface WabtModule {
  toBinary(opts: { log?: boolean; write_debug_names?: boolean }): { buffer: Uint8Array };
  destroy(): void;
}
interface Wabt {
  parseWat(filename: string, buffer: Uint8Array): WabtModule;
}

/** Result of encoding a text module: the bytes, or wabt's reason for refusing. */
export type CompileResult = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: string };

export interface Compiler {
  compile(text: Uint8Array): CompileResult;
}

type WabtFactory = () => Promise<Wabt>;

async function importWabt(): Promise<WabtFactory> {
  try {
    const mod = (await import('wabt')) as unknown as { default: WabtFactory };
    return mod.default;
  } catch {
    // A build outside the package (e.g. into /tmp) cannot resolve the package by name from its own
    // location; resolve it from the working directory or the package root instead.
    for (const dir of [process.cwd(), packageRoot()]) {
      if (dir === undefined) continue;
      try {
        const path = createRequire(join(dir, 'package.json')).resolve('wabt');
        return ((await import(pathToFileURL(path).href)) as { default: WabtFactory }).default;
      } catch {
        // try the next place
      }
    }
    throw new Error('cannot load the "wabt" npm package, needed to encode text modules: run `npm install` in the mcp-wrt-host repository and run from there');
  }
}

/** Keeps only the printable part of a wabt message (its end may hold stray bytes). */
function cleanMessage(message: string): string {
  const text = message.replace(/^parseWat failed:\s*/, '');
  const printable = text.replace(/[^\x20-\x7e\n\t].*$/s, '');
  const firstError = printable.split('\n').find((l) => l.includes('error:')) ?? printable.split('\n')[0] ?? '';
  return firstError.replace(/^.*?error:\s*/, '').trim() || 'wabt refused the module';
}

function readU32Leb(b: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    const byte = b[i++];
    if (byte === undefined) throw new RangeError('truncated LEB128');
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, next: i };
    shift += 7;
  }
}

function u32Leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

const DATA_INDEX_INSTR = /\b(memory\.init|data\.drop)\b/;

/**
 * The reference interpreter's encoder writes a data count section whenever the code uses a data index
 * (memory.init, data.drop); wabt writes it only when the module has data segments. Without it the
 * binary is malformed, so assertions about validity would test the encoder instead of the runtime.
 * This adds the section (with the real segment count) where the reference encoder would have it.
 */
export function addDataCountSection(bytes: Uint8Array, text: string): Uint8Array {
  if (!DATA_INDEX_INSTR.test(text) || bytes.length < 8) return bytes;
  const sections: { id: number; start: number; end: number; contentStart: number }[] = [];
  try {
    for (let at = 8; at < bytes.length; ) {
      const id = bytes[at];
      const { value: size, next } = readU32Leb(bytes, at + 1);
      sections.push({ id, start: at, contentStart: next, end: next + size });
      at = next + size;
    }
  } catch {
    return bytes;
  }
  if (sections.some((s) => s.id === 12)) return bytes;
  const data = sections.find((s) => s.id === 11);
  const count = data === undefined ? 0 : readU32Leb(bytes, data.contentStart).value;
  const content = u32Leb(count);
  const section = Uint8Array.from([12, ...u32Leb(content.length), ...content]);
  const before = sections.find((s) => s.id === 10 || s.id === 11);
  const at = before === undefined ? bytes.length : before.start;
  const out = new Uint8Array(bytes.length + section.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(section, at);
  out.set(bytes.subarray(at), at + section.length);
  return out;
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

let shared: Promise<Compiler> | undefined;

/** Creates (once per process) the compiler backed by one wabt instance. */
export function getCompiler(): Promise<Compiler> {
  shared ??= (async () => {
    const factory = await importWabt();
    const wabt = await factory();
    return {
      compile(text: Uint8Array): CompileResult {
        let m: WabtModule | undefined;
        try {
          // A fresh, exactly sized array: wabt copies from the start of the underlying buffer.
          m = wabt.parseWat('module.wat', new Uint8Array(text));
          const { buffer } = m.toBinary({ log: false, write_debug_names: false });
          return { ok: true, bytes: addDataCountSection(new Uint8Array(buffer), utf8.decode(text)) };
        } catch (e) {
          return { ok: false, reason: cleanMessage(e instanceof Error ? e.message : String(e)) };
        } finally {
          m?.destroy();
        }
      },
    };
  })();
  return shared;
}
