/**
 * Strings in linear memory (CanonicalABI.md "Loading" `load_string_from_range`, "Storing"
 * `store_string_into_range`) with the three encodings utf8, utf16 and latin1+utf16.
 *
 * The codecs are written here (no TextDecoder: it is not part of ECMAScript) so that every malformed
 * input traps with a precise reason.
 *
 * A JS string being stored is treated as a UTF-16 source of `s.length` code units (that is how JS
 * holds strings); the spec's transcoding algorithms for a UTF-16 source then fix the sequence of
 * `realloc` calls: utf8 destination = `store_utf16_to_utf8`, utf16 = `store_string_copy`,
 * latin1+utf16 = `store_string_to_latin1_or_utf16`.
 */

import type { LiftLowerContext } from './context.js';
import { MAX_STRING_BYTE_LENGTH, UTF16_TAG } from './layout.js';
import { abiTrap, badValue } from './trap.js';

/**
 * Builds a JS string from the first `n` UTF-16 code units (or Latin-1 bytes) of `units`, in chunks
 * so that no argument list gets huge.
 */
function fromUnits(units: Uint16Array | Uint8Array, n: number): string {
  if (n <= 16) {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(units[i]!);
    return s;
  }
  let s = '';
  const CHUNK = 8192;
  for (let i = 0; i < n; i += CHUNK) {
    // A typed array is an array-like, which `apply` accepts.
    s += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]);
  }
  return s;
}

/** Decodes UTF-8, trapping on any ill-formed sequence (overlong, surrogate, > U+10FFFF, truncated). */
export function decodeUtf8(m: Uint8Array, ptr: number, len: number): string {
  // Fast path: ASCII only.
  let i = ptr;
  const end = ptr + len;
  while (i < end && m[i]! < 0x80) i++;
  if (i === end) return fromUnits(m.subarray(ptr, end), len);
  const out = new Uint16Array(len);
  let n = 0;
  for (let k = ptr; k < i; k++) out[n++] = m[k]!;
  while (i < end) {
    const b0 = m[i]!;
    if (b0 < 0x80) {
      out[n++] = b0;
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    let min: number;
    if (b0 >= 0xc2 && b0 <= 0xdf) { need = 1; cp = b0 & 0x1f; min = 0x80; }
    else if (b0 >= 0xe0 && b0 <= 0xef) { need = 2; cp = b0 & 0x0f; min = 0x800; }
    else if (b0 >= 0xf0 && b0 <= 0xf4) { need = 3; cp = b0 & 0x07; min = 0x10000; }
    else throw abiTrap(`invalid utf-8: byte 0x${b0.toString(16)} at offset ${i - ptr} cannot start a sequence`);
    for (let j = 1; j <= need; j++) {
      if (i + j >= end) throw abiTrap(`incomplete utf-8 byte sequence at offset ${i - ptr}`);
      const b = m[i + j]!;
      if ((b & 0xc0) !== 0x80) throw abiTrap(`invalid utf-8: byte 0x${b.toString(16)} at offset ${i + j - ptr} is not a continuation byte`);
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min) throw abiTrap(`invalid utf-8: overlong encoding at offset ${i - ptr}`);
    if (cp >= 0xd800 && cp <= 0xdfff) throw abiTrap(`invalid utf-8: encoded surrogate at offset ${i - ptr}`);
    if (cp > 0x10ffff) throw abiTrap(`invalid utf-8: code point beyond U+10FFFF at offset ${i - ptr}`);
    if (cp >= 0x10000) {
      const c = cp - 0x10000;
      out[n++] = 0xd800 | (c >> 10);
      out[n++] = 0xdc00 | (c & 0x3ff);
    } else {
      out[n++] = cp;
    }
    i += need + 1;
  }
  return fromUnits(out, n);
}

/** Decodes `units` little-endian UTF-16 code units, trapping on an unpaired surrogate. */
export function decodeUtf16(m: Uint8Array, ptr: number, units: number): string {
  const out = new Uint16Array(units);
  for (let k = 0; k < units; k++) out[k] = m[ptr + 2 * k]! | (m[ptr + 2 * k + 1]! << 8);
  for (let k = 0; k < units; k++) {
    const u = out[k]!;
    if (u >= 0xd800 && u <= 0xdbff) {
      const v = k + 1 < units ? out[k + 1]! : 0;
      if (v < 0xdc00 || v > 0xdfff) throw abiTrap(`invalid utf-16: unpaired high surrogate at code unit ${k}`);
      k++;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      throw abiTrap(`invalid utf-16: unpaired low surrogate at code unit ${k}`);
    }
  }
  return fromUnits(out, units);
}

/** Decodes Latin-1 (every byte is the code point of the same value). */
export function decodeLatin1(m: Uint8Array, ptr: number, len: number): string {
  return fromUnits(m.subarray(ptr, ptr + len), len);
}

/** Spec `load_string_from_range`. */
export function loadStringFromRange(cx: LiftLowerContext, ptr: number, taggedCodeUnits: number): string {
  let align: number;
  let byteLength: number;
  let encoding: 'utf8' | 'utf16' | 'latin1';
  switch (cx.opts.stringEncoding) {
    case 'utf8':
      align = 1; byteLength = taggedCodeUnits; encoding = 'utf8';
      break;
    case 'utf16':
      align = 2; byteLength = 2 * taggedCodeUnits; encoding = 'utf16';
      break;
    case 'latin1+utf16':
      align = 2;
      if ((taggedCodeUnits & UTF16_TAG) !== 0) {
        byteLength = 2 * ((taggedCodeUnits ^ UTF16_TAG) >>> 0);
        encoding = 'utf16';
      } else {
        byteLength = taggedCodeUnits;
        encoding = 'latin1';
      }
      break;
  }
  if (byteLength > MAX_STRING_BYTE_LENGTH) throw abiTrap(`string too long: ${byteLength} bytes exceeds the limit of ${MAX_STRING_BYTE_LENGTH}`);
  if (ptr % align !== 0) throw abiTrap(`unaligned pointer: string at ${ptr} is not ${align}-byte aligned`);
  const m = cx.mem();
  if (ptr + byteLength > m.length) {
    throw abiTrap(`string content out-of-bounds: string pointer/length out of bounds of memory (pointer ${ptr}, ${byteLength} bytes, memory ${m.length} bytes)`);
  }
  switch (encoding) {
    case 'utf8': return decodeUtf8(m, ptr, byteLength);
    case 'utf16': return decodeUtf16(m, ptr, byteLength / 2);
    case 'latin1': return decodeLatin1(m, ptr, byteLength);
  }
}

/** Checks a JS value is a well-formed string (no unpaired surrogates) and returns it. */
export function checkString(v: unknown, what: string): string {
  if (typeof v !== 'string') throw badValue(`${what}: expected a string`, v);
  if (v.length > MAX_STRING_BYTE_LENGTH) throw badValue(`${what}: string longer than ${MAX_STRING_BYTE_LENGTH} code units`, v);
  for (let k = 0; k < v.length; k++) {
    const u = v.charCodeAt(k);
    if (u >= 0xd800 && u <= 0xdbff) {
      const w = k + 1 < v.length ? v.charCodeAt(k + 1) : 0;
      if (w < 0xdc00 || w > 0xdfff) throw badValue(`${what}: string has an unpaired surrogate at ${k}`, v);
      k++;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      throw badValue(`${what}: string has an unpaired surrogate at ${k}`, v);
    }
  }
  return v;
}

/** UTF-8 encoding of a well-formed JS string. */
export function encodeUtf8(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 3);
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    let cp = s.charCodeAt(k);
    if (cp >= 0xd800 && cp <= 0xdbff && k + 1 < s.length) {
      cp = 0x10000 + ((cp - 0xd800) << 10) + (s.charCodeAt(k + 1) - 0xdc00);
      k++;
    }
    if (cp < 0x80) out[n++] = cp;
    else if (cp < 0x800) { out[n++] = 0xc0 | (cp >> 6); out[n++] = 0x80 | (cp & 0x3f); }
    else if (cp < 0x10000) { out[n++] = 0xe0 | (cp >> 12); out[n++] = 0x80 | ((cp >> 6) & 0x3f); out[n++] = 0x80 | (cp & 0x3f); }
    else {
      out[n++] = 0xf0 | (cp >> 18); out[n++] = 0x80 | ((cp >> 12) & 0x3f);
      out[n++] = 0x80 | ((cp >> 6) & 0x3f); out[n++] = 0x80 | (cp & 0x3f);
    }
  }
  return out.subarray(0, n);
}

function writeUtf16(m: Uint8Array, at: number, s: string, from: number): void {
  for (let k = from; k < s.length; k++) {
    const u = s.charCodeAt(k);
    m[at + 2 * k] = u & 0xff;
    m[at + 2 * k + 1] = u >> 8;
  }
}

/**
 * Spec `store_string_into_range` for a JS (UTF-16) source: returns the pointer and the (tagged)
 * code-unit count in the destination encoding.
 */
export function storeStringIntoRange(cx: LiftLowerContext, s: string): [number, number] {
  const units = s.length;
  switch (cx.opts.stringEncoding) {
    case 'utf8': return storeUtf16ToUtf8(cx, s, units);
    case 'utf16': {
      // store_string_copy(cx, src, units, 2, 2, 'utf-16-le')
      const byteLength = 2 * units;
      const ptr = cx.allocate(2, byteLength, 'string content');
      writeUtf16(cx.mem(), ptr, s, 0);
      return [ptr, units];
    }
    case 'latin1+utf16': return storeStringToLatin1OrUtf16(cx, s, units);
  }
}

/** Spec `store_string_to_utf8` with `worst_case_size = 3 * code units`. */
function storeUtf16ToUtf8(cx: LiftLowerContext, s: string, units: number): [number, number] {
  const worstCase = 3 * units;
  let ptr = cx.allocate(1, units, 'string content');
  let m = cx.mem();
  for (let i = 0; i < units; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      m[ptr + i] = c;
      continue;
    }
    // All code points before i were ASCII, so code-point index = code-unit index = byte offset.
    ptr = cx.reallocate(ptr, units, 1, worstCase, 'string content');
    const encoded = encodeUtf8(s);
    m = cx.mem();
    m.set(encoded.subarray(i), ptr + i);
    if (worstCase > encoded.length) ptr = cx.reallocate(ptr, worstCase, 1, encoded.length, 'string content');
    return [ptr, encoded.length];
  }
  return [ptr, units];
}

/** Spec `store_string_to_latin1_or_utf16`. */
function storeStringToLatin1OrUtf16(cx: LiftLowerContext, s: string, units: number): [number, number] {
  let ptr = cx.allocate(2, units, 'string content');
  let m = cx.mem();
  let dst = 0;
  for (let k = 0; k < units; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x100) {
      m[ptr + dst] = c;
      dst++;
      continue;
    }
    // A code point outside Latin-1: inflate what was copied to UTF-16 in place, then copy the rest.
    // Every earlier code point was a single code unit, so dst === k here.
    const worstCase = 2 * units;
    ptr = cx.reallocate(ptr, units, 2, worstCase, 'string content');
    m = cx.mem();
    for (let j = dst - 1; j >= 0; j--) {
      m[ptr + 2 * j] = m[ptr + j]!;
      m[ptr + 2 * j + 1] = 0;
    }
    writeUtf16(m, ptr, s, dst);
    // The worst case equals the UTF-16 length of a UTF-16 source, so no shrinking realloc happens.
    return [ptr, (units | UTF16_TAG) >>> 0];
  }
  if (dst < units) ptr = cx.reallocate(ptr, units, 2, dst, 'string content');
  return [ptr, dst];
}
