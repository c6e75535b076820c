/**
 * The guest's standard input: bytes the host has queued for it. `fd_read(0)` takes from the front;
 * when the queue is empty and not closed, the read would block, and the WASI layer suspends the guest
 * (see preview1.ts) until the host queues more.
 */
export class StdinQueue {
  private chunks: Uint8Array[] = [];
  private offset = 0;
  private closedFlag = false;
  private queuedBytes = 0;

  /** Bytes waiting to be read. */
  get available(): number {
    return this.queuedBytes;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  push(bytes: Uint8Array): void {
    if (this.closedFlag) throw new Error('stdin is closed');
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.queuedBytes += bytes.length;
  }

  /** End of input: reads return 0 bytes once the queue is drained. */
  close(): void {
    this.closedFlag = true;
  }

  /** Copies up to `dst.length` bytes into `dst`; returns how many. */
  read(dst: Uint8Array): number {
    let n = 0;
    while (n < dst.length && this.chunks.length > 0) {
      const head = this.chunks[0]!;
      const take = Math.min(dst.length - n, head.length - this.offset);
      dst.set(head.subarray(this.offset, this.offset + take), n);
      n += take;
      this.offset += take;
      if (this.offset === head.length) {
        this.chunks.shift();
        this.offset = 0;
      }
    }
    this.queuedBytes -= n;
    return n;
  }
}
