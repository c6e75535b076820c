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

  /** A copy of the written words, exactly `length` long. */
  toArray(): Int32Array {
    return this.buf.slice(0, this.length);
  }

  private grow(minCapacity: number): void {
    const next = new Int32Array(Math.max(this.buf.length * 2, minCapacity));
    next.set(this.buf);
    this.buf = next;
  }
}
