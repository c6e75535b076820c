/**
 * Mutations of WebAssembly binaries for the rejection property: bit flips, byte edits, truncations,
 * overlong and unterminated LEB128s, section reordering and duplication, and huge counts. Each
 * mutation is data (an fc arbitrary) applied by `mutate`, so fast-check can shrink it.
 */
import fc from 'fast-check';

export type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'set'; readonly at: number; readonly byte: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: readonly number[] }
  | { readonly kind: 'delete'; readonly at: number; readonly count: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'overlong-leb'; readonly at: number; readonly extra: number }
  | { readonly kind: 'unterminated-leb'; readonly at: number }
  | { readonly kind: 'swap-sections'; readonly a: number; readonly b: number }
  | { readonly kind: 'duplicate-section'; readonly a: number }
  | { readonly kind: 'huge-count'; readonly section: number; readonly value: number }
  | { readonly kind: 'section-size'; readonly section: number; readonly delta: number }
  | { readonly kind: 'code-opcode'; readonly at: number; readonly op: number };

/** Common opcodes: writing one into a function body mostly yields well-formed but ill-typed code. */
const OPCODES = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x0b, 0x0c, 0x0d, 0x0f, 0x1a, 0x1b, 0x20, 0x21, 0x22, 0x23, 0x24,
  0x28, 0x36, 0x3f, 0x41, 0x42, 0x45, 0x46, 0x50, 0x5b, 0x6a, 0x7c, 0x92, 0xa0, 0xa7, 0xac, 0xbc, 0xd0, 0xd1];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.oneof(fc.constantFrom(0x00, 0x7f, 0x80, 0xff, 0x40, 0x0b, 0x41, 0x60, 0x70, 0x6f, 0x7b), fc.nat(255)) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('overlong-leb' as const), at: fc.nat(), extra: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('unterminated-leb' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-sections' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-section' as const), a: fc.nat() }),
  fc.record({ kind: fc.constant('huge-count' as const), section: fc.nat(), value: fc.constantFrom(0xffffffff, 0x7fffffff, 0x10000000, 1_000_000, 65537, 100_001) }),
  fc.record({ kind: fc.constant('section-size' as const), section: fc.nat(), delta: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(0x7fffffff)) }),
  { arbitrary: fc.record({ kind: fc.constant('code-opcode' as const), at: fc.nat(), op: fc.constantFrom(...OPCODES) }), weight: 4 },
);

export function leb(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

interface SectionSpan { readonly start: number; readonly payload: number; readonly end: number; readonly id: number }

/** The top-level sections (stops at the first that does not parse). */
export function sections(b: Uint8Array): SectionSpan[] {
  const out: SectionSpan[] = [];
  let p = 8;
  while (p < b.length) {
    const start = p;
    const id = b[p++]!;
    let size = 0;
    let shift = 0;
    for (;;) {
      if (p >= b.length || shift > 28) return out;
      const x = b[p++]!;
      size |= (x & 0x7f) << shift;
      shift += 7;
      if ((x & 0x80) === 0) break;
    }
    size >>>= 0;
    if (p + size > b.length) return out;
    out.push({ start, payload: p, end: p + size, id });
    p += size;
  }
  return out;
}

/** LEB128 length at `at` (1 when it does not end within 5 bytes). */
function lebLength(b: Uint8Array, at: number): number {
  for (let i = 0; i < 5 && at + i < b.length; i++) if ((b[at + i]! & 0x80) === 0) return i + 1;
  return 1;
}

function splice(b: Uint8Array, at: number, remove: number, insert: readonly number[]): Uint8Array {
  return Uint8Array.from([...b.subarray(0, at), ...insert, ...b.subarray(at + remove)]);
}

export function mutate(b: Uint8Array, m: Mutation): Uint8Array {
  const n = b.length;
  const pos = (x: number): number => (n === 0 ? 0 : x % n);
  const secs = sections(b);
  const sec = (x: number): SectionSpan | undefined => (secs.length === 0 ? undefined : secs[x % secs.length]);
  switch (m.kind) {
    case 'flip': { const c = b.slice(); c[pos(m.at)] = c[pos(m.at)]! ^ (1 << m.bit); return c; }
    case 'set': { const c = b.slice(); c[pos(m.at)] = m.byte; return c; }
    case 'insert': return splice(b, pos(m.at), 0, m.bytes);
    case 'delete': return splice(b, pos(m.at), m.count, []);
    case 'truncate': return b.slice(0, pos(m.at));
    case 'overlong-leb': { // re-encode the LEB at `at` with redundant continuation bytes
      const at = pos(m.at);
      const len = lebLength(b, at);
      const bytes = [...b.subarray(at, at + len)];
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! | 0x80;
      for (let i = 1; i < m.extra; i++) bytes.push(0x80);
      bytes.push(0x00);
      return splice(b, at, len, bytes);
    }
    case 'unterminated-leb': { const c = b.slice(pos(m.at)); return Uint8Array.from([...b.subarray(0, pos(m.at)), ...c.map((x) => x | 0x80)]); }
    case 'swap-sections': {
      const s = sec(m.a);
      const t = sec(m.b);
      if (s === undefined || t === undefined || s === t) return b;
      const [x, y] = s.start < t.start ? [s, t] : [t, s];
      return Uint8Array.from([...b.subarray(0, x.start), ...b.subarray(y.start, y.end), ...b.subarray(x.end, y.start), ...b.subarray(x.start, x.end), ...b.subarray(y.end)]);
    }
    case 'duplicate-section': {
      const s = sec(m.a);
      if (s === undefined) return b;
      return Uint8Array.from([...b.subarray(0, s.end), ...b.subarray(s.start, s.end), ...b.subarray(s.end)]);
    }
    case 'huge-count': { // the first LEB of a section's payload is its vector count
      const s = sec(m.section);
      if (s === undefined || s.id === 0 || s.payload >= s.end) return b;
      const len = lebLength(b, s.payload);
      const bytes = leb(m.value);
      const body = [...b.subarray(s.payload, s.end)];
      body.splice(0, len, ...bytes);
      return Uint8Array.from([...b.subarray(0, s.start), s.id, ...leb(body.length), ...body, ...b.subarray(s.end)]);
    }
    case 'code-opcode': { // a byte inside the code section becomes an opcode
      const code = secs.find((x) => x.id === 10);
      if (code === undefined || code.end <= code.payload) return b;
      const c = b.slice();
      c[code.payload + (m.at % (code.end - code.payload))] = m.op;
      return c;
    }
    case 'section-size': {
      const s = sec(m.section);
      if (s === undefined) return b;
      const size = Math.max(0, s.end - s.payload + m.delta) >>> 0;
      return Uint8Array.from([...b.subarray(0, s.start), s.id, ...leb(size), ...b.subarray(s.payload)]);
    }
  }
}
