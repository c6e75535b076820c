/**
 * The wire format between Node and the code running inside QuickJS: JSON, with the two kinds of value
 * JSON cannot carry tagged — bigints as `{"$big":"-12"}` and byte arrays as `{"$hex":"0061736d"}`.
 * Platform-free (bundled for QuickJS, which has no TextDecoder or atob): hex is coded by hand.
 */

const HEX = '0123456789abcdef';

export function bytesToHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i] >> 4] + HEX[b[i] & 15];
  return s;
}

function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  throw new Error(`wire: bad hex digit ${String.fromCharCode(c)}`);
}

export function hexToBytes(s: string): Uint8Array {
  if (s.length % 2 !== 0) throw new Error('wire: odd hex length');
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (nibble(s.charCodeAt(2 * i)) << 4) | nibble(s.charCodeAt(2 * i + 1));
  return out;
}

/** Serializes a value holding plain data, bigints and Uint8Arrays. */
export function toWire(value: unknown): string {
  return JSON.stringify(value, (_key: string, v: unknown): unknown => {
    if (typeof v === 'bigint') return { $big: v.toString() };
    if (v instanceof Uint8Array) return { $hex: bytesToHex(v) };
    return v;
  });
}

/** Parses what `toWire` produced. */
export function fromWire(text: string): unknown {
  return JSON.parse(text, (_key: string, v: unknown): unknown => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (typeof o.$big === 'string' && Object.keys(o).length === 1) return BigInt(o.$big);
      if (typeof o.$hex === 'string' && Object.keys(o).length === 1) return hexToBytes(o.$hex);
    }
    return v;
  });
}
