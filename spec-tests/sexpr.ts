/**
 * A reader for the s-expressions of .wast scripts (WebAssembly text format 2.0, no annotations).
 *
 * It works on the raw bytes of the file, so every node knows its exact byte range: a text module is
 * handed to the compiler as the original slice of the source, untouched. Strings are decoded into the
 * bytes they denote (escapes resolved), because module names and binary modules are byte strings.
 */

export interface SourceSpan {
  /** Byte offset of the first byte of the node. */
  readonly start: number;
  /** Byte offset just past the node. */
  readonly end: number;
  /** 1-based line of the first byte. */
  readonly line: number;
}

export interface SList extends SourceSpan {
  readonly kind: 'list';
  readonly items: readonly SExpr[];
}

export interface SAtom extends SourceSpan {
  readonly kind: 'atom';
  readonly text: string;
}

export interface SString extends SourceSpan {
  readonly kind: 'string';
  /** The bytes the string denotes, escapes resolved. */
  readonly bytes: Uint8Array;
}

export type SExpr = SList | SAtom | SString;

/** A syntax error of the script itself (not of a module under test). */
export class ScriptSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'ScriptSyntaxError';
  }
}

const LPAREN = 0x28;
const RPAREN = 0x29;
const SEMI = 0x3b;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

function hexDigit(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  if (b >= 0x41 && b <= 0x46) return b - 0x41 + 10;
  return -1;
}

// ignoreBOM: a leading U+FEFF is part of a name (names.wast exports one), not a byte-order mark.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Decodes a string node's bytes as UTF-8 (invalid sequences become U+FFFD). */
export function stringText(s: SString): string {
  return utf8.decode(s.bytes);
}

/** Reads every top-level s-expression of a script. */
export function readSExprs(src: Uint8Array): SExpr[] {
  return new Reader(src).readAll();
}

class Reader {
  private pos = 0;
  private line = 1;

  constructor(private readonly src: Uint8Array) {}

  readAll(): SExpr[] {
    const out: SExpr[] = [];
    for (;;) {
      this.skipBlank();
      if (this.pos >= this.src.length) return out;
      out.push(this.readExpr());
    }
  }

  /** Skips whitespace, line comments and (nested) block comments, counting lines. */
  private skipBlank(): void {
    const src = this.src;
    while (this.pos < src.length) {
      const b = src[this.pos];
      if (isSpace(b)) {
        if (b === NEWLINE) this.line++;
        this.pos++;
      } else if (b === SEMI && src[this.pos + 1] === SEMI) {
        while (this.pos < src.length && src[this.pos] !== NEWLINE) this.pos++;
      } else if (b === LPAREN && src[this.pos + 1] === SEMI) {
        this.skipBlockComment();
      } else {
        return;
      }
    }
  }

  private skipBlockComment(): void {
    const src = this.src;
    const startLine = this.line;
    let depth = 0;
    while (this.pos < src.length) {
      const b = src[this.pos];
      if (b === LPAREN && src[this.pos + 1] === SEMI) {
        depth++;
        this.pos += 2;
      } else if (b === SEMI && src[this.pos + 1] === RPAREN) {
        depth--;
        this.pos += 2;
        if (depth === 0) return;
      } else {
        if (b === NEWLINE) this.line++;
        this.pos++;
      }
    }
    throw new ScriptSyntaxError('unterminated block comment', startLine);
  }

  private readExpr(): SExpr {
    const b = this.src[this.pos];
    if (b === LPAREN) return this.readList();
    if (b === RPAREN) throw new ScriptSyntaxError('unexpected ")"', this.line);
    if (b === QUOTE) return this.readString();
    return this.readAtom();
  }

  private readList(): SList {
    const start = this.pos;
    const line = this.line;
    this.pos++;
    const items: SExpr[] = [];
    for (;;) {
      this.skipBlank();
      if (this.pos >= this.src.length) throw new ScriptSyntaxError('unclosed "("', line);
      if (this.src[this.pos] === RPAREN) {
        this.pos++;
        return { kind: 'list', items, start, end: this.pos, line };
      }
      items.push(this.readExpr());
    }
  }

  private readAtom(): SAtom {
    const src = this.src;
    const start = this.pos;
    while (this.pos < src.length) {
      const b = src[this.pos];
      if (isSpace(b) || b === LPAREN || b === RPAREN || b === QUOTE || b === SEMI) break;
      this.pos++;
    }
    return { kind: 'atom', text: utf8.decode(src.subarray(start, this.pos)), start, end: this.pos, line: this.line };
  }

  private readString(): SString {
    const src = this.src;
    const start = this.pos;
    const line = this.line;
    this.pos++;
    const out: number[] = [];
    for (;;) {
      if (this.pos >= src.length) throw new ScriptSyntaxError('unterminated string', line);
      const b = src[this.pos++];
      if (b === QUOTE) break;
      if (b === NEWLINE) throw new ScriptSyntaxError('newline in string', line);
      if (b !== BACKSLASH) {
        out.push(b);
        continue;
      }
      const e = src[this.pos++];
      switch (e) {
        case 0x6e: out.push(0x0a); break; // \n
        case 0x74: out.push(0x09); break; // \t
        case 0x72: out.push(0x0d); break; // \r
        case QUOTE: out.push(QUOTE); break;
        case 0x27: out.push(0x27); break; // \'
        case BACKSLASH: out.push(BACKSLASH); break;
        case 0x75: this.readUnicodeEscape(out, line); break; // \u{...}
        default: {
          const h1 = hexDigit(e);
          const h2 = hexDigit(src[this.pos] ?? 0);
          if (h1 < 0 || h2 < 0) throw new ScriptSyntaxError('bad string escape', line);
          this.pos++;
          out.push(h1 * 16 + h2);
        }
      }
    }
    return { kind: 'string', bytes: Uint8Array.from(out), start, end: this.pos, line };
  }

  /** `\u{hex}`: appends the UTF-8 encoding of the code point. */
  private readUnicodeEscape(out: number[], line: number): void {
    const src = this.src;
    if (src[this.pos] !== 0x7b) throw new ScriptSyntaxError('bad \\u escape', line);
    this.pos++;
    let cp = 0;
    let digits = 0;
    while (this.pos < src.length && src[this.pos] !== 0x7d) {
      const b = src[this.pos++];
      if (b === 0x5f && digits > 0) continue;
      const d = hexDigit(b);
      if (d < 0) throw new ScriptSyntaxError('bad \\u escape', line);
      cp = cp * 16 + d;
      digits++;
      if (cp > 0x10ffff) throw new ScriptSyntaxError('\\u escape out of range', line);
    }
    if (digits === 0 || src[this.pos] !== 0x7d) throw new ScriptSyntaxError('bad \\u escape', line);
    this.pos++;
    if (cp >= 0xd800 && cp < 0xe000) throw new ScriptSyntaxError('\\u escape is a surrogate', line);
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
}
