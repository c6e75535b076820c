/**
 * Strict UTF-8 decoding for names (WebAssembly Core Specification 2.0, section 5.2.4).
 *
 * Written by hand because `src/core` may not rely on host globals such as TextDecoder, and because
 * the spec requires rejecting (not replacing) every ill-formed sequence: stray continuation bytes,
 * overlong encodings, surrogates (U+D800..U+DFFF), code points above U+10FFFF and truncated sequences.
 */

/**
 * Decodes `bytes[start .. end)` as UTF-8. Returns the string, or `undefined` when the bytes are not
 * well-formed UTF-8 (the caller turns that into "malformed UTF-8 encoding").
 */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string | undefined {
  // Fast path: pure ASCII, the common case for names.
  let i = start;
  while (i < end && bytes[i]! < 0x80) i++;
  if (i === end) return asciiString(bytes, start, end);

  const units: number[] = [];
  for (let k = start; k < i; k++) units.push(bytes[k]!);
  while (i < end) {
    const b0 = bytes[i]!;
    if (b0 < 0x80) {
      units.push(b0);
      i += 1;
      continue;
    }
    let cp: number;
    let need: number;
    let min: number;
    if (b0 >= 0xc2 && b0 <= 0xdf) { cp = b0 & 0x1f; need = 1; min = 0x80; }
    else if (b0 >= 0xe0 && b0 <= 0xef) { cp = b0 & 0x0f; need = 2; min = 0x800; }
    else if (b0 >= 0xf0 && b0 <= 0xf4) { cp = b0 & 0x07; need = 3; min = 0x10000; }
    else return undefined; // 0x80..0xC1 (continuation or overlong lead) and 0xF5..0xFF
    if (end - i - 1 < need) return undefined; // truncated sequence
    for (let k = 1; k <= need; k++) {
      const b = bytes[i + k]!;
      if ((b & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    if (cp >= 0x10000) {
      const v = cp - 0x10000;
      units.push(0xd800 | (v >> 10), 0xdc00 | (v & 0x3ff));
    } else {
      units.push(cp);
    }
    i += need + 1;
  }
  return codeUnitsToString(units);
}

const CHUNK = 4096;

function asciiString(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i += CHUNK) {
    s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, Math.min(end, i + CHUNK))));
  }
  return s;
}

function codeUnitsToString(units: readonly number[]): string {
  let s = '';
  for (let i = 0; i < units.length; i += CHUNK) {
    s += String.fromCharCode.apply(null, units.slice(i, i + CHUNK));
  }
  return s;
}
