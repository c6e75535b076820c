/**
 * `wasi:io` 0.2 (`error`, `poll`, `streams`) over host-side stream objects. Streams and pollables are
 * host resources (see table.ts); the other WASI interfaces create them (stdout, a file's
 * write-via-stream, a timer) and hand them to the guest as owning handles.
 *
 * This host is synchronous: an output stream accepts every write at once, and an input stream or a
 * timer that is not ready when the guest blocks on it is waited for only through an injected service
 * (`sleepUntil`); with nothing to wait on, blocking would never end, so it traps with the reason.
 */

import { Trap } from '../../core/errors.js';
import type { BorrowHandle, HostImports, OwnHandle } from '../../component/index.js';
import { HostResource } from './table.js';

/** Something a pollable waits for. `deadline` (monotonic ns) is set for timers. */
export interface PollSource {
  ready(): boolean;
  readonly deadline?: bigint;
}

/** The host side of an `input-stream`. */
export interface InputSource {
  /** Up to `max` bytes now: an empty array when none is available yet, `null` at the end. */
  read(max: number): Uint8Array | null;
  /** True when a read would return data or the end. */
  ready(): boolean;
}

/** The host side of an `output-stream`. */
export interface OutputSink {
  /** Takes all of `bytes`; returns an error message when the write failed, or 'closed'. */
  write(bytes: Uint8Array): string | undefined;
  /** True once the stream accepts nothing more (`closed`). */
  readonly closed: boolean;
}

/**
 * What `check-write` permits per write. WASI makes a longer write a guest error; this host takes every
 * write whole (the sinks bound the volume), so the permit only tells the guest how much to send at once.
 */
const WRITE_PERMIT = 1n << 20n;
/** The most bytes one `read` returns (a guest may ask for up to 2^64 - 1). */
const READ_CHUNK = 1 << 16;

type StreamError = { tag: 'last-operation-failed'; val: OwnHandle } | { tag: 'closed' };
type Result<T> = { tag: 'ok'; val?: T } | { tag: 'err'; val: StreamError };

const ok = <T>(val?: T): Result<T> => (val === undefined ? { tag: 'ok' } : { tag: 'ok', val });
const CLOSED: { tag: 'err'; val: StreamError } = { tag: 'err', val: { tag: 'closed' } };

/** A request length (u64) clamped to what one call handles. */
function clampLen(len: bigint, max: number): number {
  return len > BigInt(max) ? max : Number(len);
}

export class IoHost {
  readonly error = new HostResource<string>('error');
  readonly pollable = new HostResource<PollSource>('pollable');
  readonly input = new HostResource<InputSource>('input-stream');
  readonly output = new HostResource<OutputSink>('output-stream');

  constructor(
    private readonly now: () => bigint,
    private readonly sleepUntil: ((ns: bigint) => void) | undefined,
  ) {}

  /** Waits until `p` is ready, or traps when nothing can make it ready. */
  private block(p: PollSource, what: string): void {
    while (!p.ready()) this.waitFor([p], what);
  }

  /** Sleeps until the earliest deadline among `ps`; traps when none has one or no sleep service exists. */
  private waitFor(ps: readonly PollSource[], what: string): void {
    let earliest: bigint | undefined;
    for (const p of ps) if (p.deadline !== undefined && (earliest === undefined || p.deadline < earliest)) earliest = p.deadline;
    if (earliest === undefined) throw new Trap('host', `${what}: would block forever (nothing this synchronous host waits on can make it ready)`);
    if (this.sleepUntil === undefined) throw new Trap('host', `${what}: would block until a timer is due and no sleep service was given`);
    this.sleepUntil(earliest);
    if (this.now() < earliest) throw new Trap('host', `${what}: the sleep service returned before the deadline`);
  }

  private fail(message: string): { tag: 'err'; val: StreamError } {
    return { tag: 'err', val: { tag: 'last-operation-failed', val: this.error.own(message) } };
  }

  private write(h: BorrowHandle, bytes: Uint8Array): Result<never> {
    const s = this.output.get(h);
    if (s.closed) return CLOSED;
    if (bytes.length === 0) return ok();
    const e = s.write(bytes);
    if (e === 'closed') return CLOSED;
    return e === undefined ? ok() : this.fail(e);
  }

  private writeZeroes(h: BorrowHandle, len: bigint): Result<never> {
    if (len > WRITE_PERMIT) return this.fail(`write-zeroes of ${len} bytes exceeds the permit of check-write (${WRITE_PERMIT})`);
    return this.write(h, new Uint8Array(Number(len)));
  }

  private read(h: BorrowHandle, len: bigint, blocking: boolean): Result<Uint8Array> {
    const s = this.input.get(h);
    if (blocking && len > 0n) this.block({ ready: () => s.ready() }, 'input-stream.blocking-read');
    const data = s.read(clampLen(len, READ_CHUNK));
    return data === null ? CLOSED : ok(data);
  }

  private skip(h: BorrowHandle, len: bigint, blocking: boolean): Result<bigint> {
    const r = this.read(h, len, blocking);
    return r.tag === 'ok' ? ok(BigInt(r.val?.length ?? 0)) : r;
  }

  private splice(dst: BorrowHandle, src: BorrowHandle, len: bigint, blocking: boolean): Result<bigint> {
    if (this.output.get(dst).closed) return CLOSED;
    const r = this.read(src, len, blocking);
    if (r.tag === 'err') return r;
    const w = this.write(dst, r.val ?? new Uint8Array(0));
    return w.tag === 'ok' ? ok(BigInt(r.val?.length ?? 0)) : w;
  }

  /** A pollable that is always ready (output streams, which take every write at once). */
  private readyNow(): OwnHandle {
    return this.pollable.own({ ready: () => true });
  }

  /** A timer pollable, ready once the monotonic clock reaches `when`. */
  timer(when: bigint): OwnHandle {
    return this.pollable.own({ ready: () => this.now() >= when, deadline: when });
  }

  /** The three `wasi:io` interfaces, keyed by their unversioned names. */
  interfaces(): HostImports {
    const pollable = this.pollable.type;
    const error = this.error.type;
    const inputStream = this.input.type;
    const outputStream = this.output.type;
    return {
      'wasi:io/error': {
        error,
        '[method]error.to-debug-string': (self: BorrowHandle): string => this.error.get(self),
      },
      'wasi:io/poll': {
        pollable,
        '[method]pollable.ready': (self: BorrowHandle): boolean => this.pollable.get(self).ready(),
        '[method]pollable.block': (self: BorrowHandle): void => this.block(this.pollable.get(self), 'pollable.block'),
        poll: (list: readonly BorrowHandle[]): number[] => {
          if (list.length === 0) throw new Trap('host', 'poll: the list of pollables is empty');
          const ps = list.map((h) => this.pollable.get(h));
          for (;;) {
            const ready: number[] = [];
            ps.forEach((p, i) => { if (p.ready()) ready.push(i); });
            if (ready.length > 0) return ready;
            this.waitFor(ps, 'poll');
          }
        },
      },
      'wasi:io/streams': {
        error, pollable, 'input-stream': inputStream, 'output-stream': outputStream,
        '[method]input-stream.read': (self: BorrowHandle, len: bigint) => this.read(self, len, false),
        '[method]input-stream.blocking-read': (self: BorrowHandle, len: bigint) => this.read(self, len, true),
        '[method]input-stream.skip': (self: BorrowHandle, len: bigint) => this.skip(self, len, false),
        '[method]input-stream.blocking-skip': (self: BorrowHandle, len: bigint) => this.skip(self, len, true),
        '[method]input-stream.subscribe': (self: BorrowHandle): OwnHandle => {
          const s = this.input.get(self);
          return this.pollable.own({ ready: () => s.ready() });
        },
        '[method]output-stream.check-write': (self: BorrowHandle): Result<bigint> => (this.output.get(self).closed ? CLOSED : ok(WRITE_PERMIT)),
        '[method]output-stream.write': (self: BorrowHandle, bytes: Uint8Array) => this.write(self, bytes),
        '[method]output-stream.blocking-write-and-flush': (self: BorrowHandle, bytes: Uint8Array) => this.write(self, bytes),
        '[method]output-stream.flush': (self: BorrowHandle): Result<never> => (this.output.get(self).closed ? CLOSED : ok()),
        '[method]output-stream.blocking-flush': (self: BorrowHandle): Result<never> => (this.output.get(self).closed ? CLOSED : ok()),
        '[method]output-stream.subscribe': (self: BorrowHandle): OwnHandle => { this.output.get(self); return this.readyNow(); },
        '[method]output-stream.write-zeroes': (self: BorrowHandle, len: bigint) => this.writeZeroes(self, len),
        '[method]output-stream.blocking-write-zeroes-and-flush': (self: BorrowHandle, len: bigint) => this.writeZeroes(self, len),
        '[method]output-stream.splice': (self: BorrowHandle, src: BorrowHandle, len: bigint) => this.splice(self, src, len, false),
        '[method]output-stream.blocking-splice': (self: BorrowHandle, src: BorrowHandle, len: bigint) => this.splice(self, src, len, true),
      },
    };
  }
}
