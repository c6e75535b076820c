/**
 * A growable buffer of int32 words. The validator reuses one writer for every function of a module
 * and copies out the exact-length result, so compiling allocates only on amortized growth.
 */
export class WordWriter {
  private buf: Int32Array;
  /** Number of words written. */
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buf = new Int32Array(initialCapacity);
  }

  /** Forgets the contents, keeping the capacity. */
  reset(): void {
    this.length = 0;
  }

  push(word: number): void {
    if (this.length === this.buf.length) this.grow(this.length + 1);
    this.buf[this.length++] = word;
  }

  /** Reads back word `i` (must be `< length`). */
  get(i: number): number {
    return this.buf[i]!;
  }

  /** Overwrites word `i` (must be `< length`). */
  set(i: number, word: number): void {
    this.buf[i] = word;
  }

  /** A copy of the written words, exactly `length` long, carved from `slab`. */
  copyTo(slab: Slab): Int32Array {
    const out = slab.int32(this.length);
    out.set(this.buf.subarray(0, this.length));
    return out;
  }

  private grow(minCapacity: number): void {
    const next = new Int32Array(Math.max(this.buf.length * 2, minCapacity));
    next.set(this.buf);
    this.buf = next;
  }
}

/** Words of a slab's first block; each further block doubles, up to MAX_BLOCK. */
const FIRST_BLOCK = 4096;
const MAX_BLOCK = 1 << 18;

/**
 * Hands out zeroed, exact-length int32 and byte arrays as views of larger blocks. A typed array with
 * a buffer of its own costs far more to allocate than its few words (a backing store each), and the
 * compiled functions of a module live and die together, so the validator takes all of a module's
 * arrays from one slab. Blocks are never reused, so every view starts zeroed and views never overlap.
 */
export class Slab {
  private words = new Int32Array(0);
  private wordsUsed = 0;
  private wordBlock = FIRST_BLOCK;
  private bytes = new Uint8Array(0);
  private bytesUsed = 0;
  private byteBlock = FIRST_BLOCK;

  int32(n: number): Int32Array {
    if (this.wordsUsed + n > this.words.length) {
      this.words = new Int32Array(Math.max(this.wordBlock, n));
      this.wordsUsed = 0;
      if (this.wordBlock < MAX_BLOCK) this.wordBlock *= 2;
    }
    const view = this.words.subarray(this.wordsUsed, this.wordsUsed + n);
    this.wordsUsed += n;
    return view;
  }

  uint8(n: number): Uint8Array {
    if (this.bytesUsed + n > this.bytes.length) {
      this.bytes = new Uint8Array(Math.max(this.byteBlock, n));
      this.bytesUsed = 0;
      if (this.byteBlock < MAX_BLOCK) this.byteBlock *= 2;
    }
    const view = this.bytes.subarray(this.bytesUsed, this.bytesUsed + n);
    this.bytesUsed += n;
    return view;
  }
}
