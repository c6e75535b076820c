/**
 * Extracts the binary modules of a .wast script for the decoder's own acceptance tests:
 * `(module binary ...)`, also inside assert_invalid/assert_unlinkable/assert_uninstantiable/assert_trap
 * (must decode), and `(assert_malformed (module binary ...) "reason")` (must be rejected).
 * Only what those two forms need is parsed: parentheses, strings, comments, atoms.
 */

export interface BinaryCase {
  readonly line: number;
  readonly bytes: Uint8Array;
  /** Expected reason for assert_malformed; undefined for a module that must decode. */
  readonly malformed?: string;
}

type Node = { kind: 'list'; items: Node[]; line: number } | { kind: 'str'; bytes: number[] } | { kind: 'atom'; text: string };

export function binaryCases(src: string): BinaryCase[] {
  const out: BinaryCase[] = [];
  for (const form of parseForms(src)) {
    if (form.kind !== 'list') continue;
    const head = atom(form.items[0]);
    if (head === 'module') {
      const bytes = moduleBinary(form);
      if (bytes) out.push({ line: form.line, bytes });
    } else if (head === 'assert_invalid' || head === 'assert_unlinkable' || head === 'assert_uninstantiable' ||
      head === 'assert_trap') {
      // Well-formed but invalid (or failing later): must decode.
      const m = form.items[1];
      const bytes = m?.kind === 'list' && atom(m.items[0]) === 'module' ? moduleBinary(m) : undefined;
      if (bytes) out.push({ line: form.line, bytes });
    } else if (head === 'assert_malformed') {
      const m = form.items[1];
      const reason = form.items[2];
      if (m?.kind === 'list' && reason?.kind === 'str') {
        const bytes = moduleBinary(m);
        if (bytes) out.push({ line: form.line, bytes, malformed: Buffer.from(reason.bytes).toString('utf8') });
      }
    }
  }
  return out;
}

function atom(n: Node | undefined): string | undefined {
  return n?.kind === 'atom' ? n.text : undefined;
}

function moduleBinary(form: Node & { kind: 'list' }): Uint8Array | undefined {
  let k = 1;
  if (atom(form.items[k])?.startsWith('$')) k++;
  if (atom(form.items[k]) !== 'binary') return undefined;
  const bytes: number[] = [];
  for (const n of form.items.slice(k + 1)) if (n.kind === 'str') bytes.push(...n.bytes);
  return new Uint8Array(bytes);
}

function parseForms(src: string): Node[] {
  let i = 0;
  let line = 1;
  const n = src.length;
  const skip = (): void => {
    for (;;) {
      while (i < n && /\s/.test(src[i]!)) { if (src[i] === '\n') line++; i++; }
      if (src.startsWith(';;', i)) { while (i < n && src[i] !== '\n') i++; continue; }
      if (src.startsWith('(;', i)) {
        let d = 0;
        do {
          if (src.startsWith('(;', i)) { d++; i += 2; } else if (src.startsWith(';)', i)) { d--; i += 2; } else { if (src[i] === '\n') line++; i++; }
        } while (d > 0 && i < n);
        continue;
      }
      return;
    }
  };
  const parse = (): Node => {
    skip();
    if (src[i] === '(') {
      const at = line;
      i++;
      const items: Node[] = [];
      for (;;) {
        skip();
        if (i >= n) throw new Error('unterminated list');
        if (src[i] === ')') { i++; break; }
        items.push(parse());
      }
      return { kind: 'list', items, line: at };
    }
    if (src[i] === '"') {
      const bytes: number[] = [];
      i++;
      while (src[i] !== '"') {
        if (i >= n) throw new Error('unterminated string');
        if (src[i] === '\\') {
          const c = src[i + 1]!;
          if (/[0-9a-fA-F]/.test(c) && /[0-9a-fA-F]/.test(src[i + 2] ?? '')) { bytes.push(parseInt(src.substr(i + 1, 2), 16)); i += 3; }
          else if (c === 'n') { bytes.push(10); i += 2; }
          else if (c === 't') { bytes.push(9); i += 2; }
          else if (c === 'r') { bytes.push(13); i += 2; }
          else if (c === 'u') {
            const close = src.indexOf('}', i);
            bytes.push(...Buffer.from(String.fromCodePoint(parseInt(src.slice(i + 3, close), 16)), 'utf8'));
            i = close + 1;
          } else { bytes.push(c.charCodeAt(0)); i += 2; }
        } else {
          const ch = String.fromCodePoint(src.codePointAt(i)!);
          if (ch === '\n') line++;
          bytes.push(...Buffer.from(ch, 'utf8'));
          i += ch.length;
        }
      }
      i++;
      return { kind: 'str', bytes };
    }
    const start = i;
    while (i < n && !/[\s()]/.test(src[i]!)) i++;
    return { kind: 'atom', text: src.slice(start, i) };
  };
  const forms: Node[] = [];
  for (;;) {
    skip();
    if (i >= n) return forms;
    forms.push(parse());
  }
}
