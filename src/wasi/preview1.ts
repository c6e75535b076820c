/**
 * WASI preview 1 (`wasi_snapshot_preview1`) for the verified core, limited to what a stdio command
 * needs: args and environment (only what the policy grants), the standard streams 0-2, clocks,
 * random bytes from an injected source, `proc_exit`, the directories the policy grants (through
 * injected `GrantedDir`s, see preview1-fs.ts; none by default, so no file is reachable), and
 * refusals (right errno) for everything else.
 *
 * Blocking input: when the guest calls `fd_read(0)` and no byte is queued, the import asks the store
 * to suspend the call (`Store.suspendHostCall`); the execution pauses before the call and the host
 * resumes it when a message arrives, at which point the call is repeated and finds the bytes.
 *
 * Every pointer the guest passes is bounds-checked against its memory; a bad one answers EFAULT.
 */

import { ValType, type FuncType, type ExternVal, type Imports, type Store, type ValidatedModule, type Value } from '../core/index.js';
import { ClockId, Errno, FileType, Rights } from './errno.js';
import type { GrantedDir } from './fs.js';
import { WasiFiles } from './preview1-fs.js';
import type { StdinQueue } from './stdin-queue.js';

export const WASI_P1_MODULE = 'wasi_snapshot_preview1';

export interface WasiClock {
  /** Nanoseconds since the Unix epoch. */
  realtimeNs(): bigint;
  /** Nanoseconds from an arbitrary, never decreasing origin. */
  monotonicNs(): bigint;
}

export interface WasiP1Options {
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly stdin: StdinQueue;
  /** Receives every write to fd 1. May throw (e.g. flood cap) to end the guest with a trap. */
  readonly onStdout: (bytes: Uint8Array) => void;
  /** Receives every write to fd 2. May throw like `onStdout`. */
  readonly onStderr: (bytes: Uint8Array) => void;
  readonly clock: WasiClock;
  /** Fills the buffer with random bytes (injected so tests can be deterministic). */
  readonly random: (buf: Uint8Array) => void;
  /** Directories the policy grants, pre-opened as fds 3, 4, ... in this order. */
  readonly dirs?: readonly GrantedDir[];
  /** Told of every filesystem operation refused for lack of capability (escapes, read-only writes). */
  readonly onRefusal?: (op: string, reason: string) => void;
}

/** Thrown by `proc_exit`; the run ends as a trap and `WasiP1.exitCode` says it was an exit. */
export class ProcExit extends Error {
  constructor(readonly code: number) {
    super(`proc_exit(${code})`);
    this.name = 'ProcExit';
  }
}

type Impl = (a: readonly Value[]) => number | undefined;

interface Def {
  readonly params: readonly number[];
  readonly results: readonly number[];
  readonly impl: Impl;
}

const I32 = ValType.i32;
const I64 = ValType.i64;
const ERR = [I32];

const i32 = (v: Value): number => (v.type === 'i32' ? v.value : 0);
const u32 = (v: Value): number => (v.type === 'i32' ? v.value >>> 0 : 0);
const i64 = (v: Value): bigint => (v.type === 'i64' ? v.value : 0n);
const u64 = (v: Value): bigint => BigInt.asUintN(64, i64(v));

/** A guest's preview 1 world: one per instance. */
export class WasiP1 {
  /** Set when the guest called `proc_exit`. */
  exitCode: number | null = null;
  /** True while the guest is suspended in `fd_read(0)` waiting for input. */
  waitingForInput = false;
  private memory: ExternVal | null = null;
  private readonly closedFds = new Set<number>();
  private readonly defs: ReadonlyMap<string, Def>;
  private readonly encoder = new TextEncoder();
  /** The granted directories and the files opened below them. */
  readonly files: WasiFiles;

  constructor(private readonly store: Store, private readonly opts: WasiP1Options) {
    this.files = new WasiFiles(opts.dirs ?? [], () => this.mem(), opts.onRefusal);
    this.defs = this.definitions();
  }

  /** Names of the preview 1 functions this host implements. */
  get implemented(): readonly string[] {
    return [...this.defs.keys()];
  }

  /**
   * Host functions for every `wasi_snapshot_preview1` function the module imports. A function this
   * host does not implement is linked to a stub answering ENOSYS (when its type returns one i32), so
   * a guest probing optional features keeps running; its type is the module's own declaration.
   */
  imports(module: ValidatedModule): Imports {
    const out: Record<string, ExternVal> = {};
    for (const imp of module.module.imports) {
      if (imp.module !== WASI_P1_MODULE || imp.desc.kind !== 'func') continue;
      const declared = module.module.types[imp.desc.typeIndex]!;
      const def = this.defs.get(imp.name);
      if (def !== undefined) {
        const type: FuncType = { params: [...def.params], results: [...def.results] };
        out[imp.name] = this.store.hostFunc(type, (args) => this.call(def, args));
      } else {
        out[imp.name] = this.store.hostFunc(declared, () => {
          if (declared.results.length === 1 && declared.results[0] === I32) return [{ type: 'i32', value: Errno.NOSYS }];
          throw new Error(`${WASI_P1_MODULE}.${imp.name} is not provided by this host`);
        });
      }
    }
    return { [WASI_P1_MODULE]: out };
  }

  /** The guest's exported memory, needed before the guest runs. */
  bindMemory(memory: ExternVal): void {
    this.memory = memory;
  }

  private call(def: Def, args: Value[]): Value[] {
    const r = def.impl(args);
    return def.results.length === 0 ? [] : [{ type: 'i32', value: r ?? Errno.SUCCESS }];
  }

  private mem(): { u8: Uint8Array; dv: DataView } {
    if (this.memory === null) throw new Error('the guest exports no memory');
    const u8 = this.store.memoryView(this.memory);
    return { u8, dv: new DataView(u8.buffer, u8.byteOffset, u8.byteLength) };
  }

  /** True when [ptr, ptr+len) lies inside the guest memory. */
  private static inBounds(u8: Uint8Array, ptr: number, len: number): boolean {
    return ptr >= 0 && len >= 0 && ptr + len <= u8.length;
  }

  /** Writes the NUL-terminated strings and their pointer table (args_get / environ_get). */
  private writeStrings(strings: readonly string[], ptrs: number, buf: number): number {
    const { u8, dv } = this.mem();
    const encoded = strings.map((s) => this.encoder.encode(s + '\0'));
    const total = encoded.reduce((n, e) => n + e.length, 0);
    if (!WasiP1.inBounds(u8, ptrs, 4 * strings.length) || !WasiP1.inBounds(u8, buf, total)) return Errno.FAULT;
    let at = buf;
    encoded.forEach((e, i) => {
      dv.setUint32(ptrs + 4 * i, at, true);
      u8.set(e, at);
      at += e.length;
    });
    return Errno.SUCCESS;
  }

  private writeSizes(strings: readonly string[], countPtr: number, sizePtr: number): number {
    const { u8, dv } = this.mem();
    if (!WasiP1.inBounds(u8, countPtr, 4) || !WasiP1.inBounds(u8, sizePtr, 4)) return Errno.FAULT;
    const size = strings.reduce((n, s) => n + this.encoder.encode(s).length + 1, 0);
    dv.setUint32(countPtr, strings.length, true);
    dv.setUint32(sizePtr, size, true);
    return Errno.SUCCESS;
  }

  private envStrings(): string[] {
    return Object.entries(this.opts.env).map(([k, v]) => `${k}=${v}`);
  }

  private isStdio(fd: number): boolean {
    return fd >= 0 && fd <= 2 && !this.closedFds.has(fd);
  }

  private fdRead(fd: number, iovs: number, iovsLen: number, nreadPtr: number): number {
    if (this.files.has(fd)) return this.files.read(fd, iovs, iovsLen, undefined, nreadPtr);
    if (!this.isStdio(fd)) return Errno.BADF;
    if (fd !== 0) return Errno.BADF;
    const { u8, dv } = this.mem();
    if (!WasiP1.inBounds(u8, iovs, 8 * iovsLen) || !WasiP1.inBounds(u8, nreadPtr, 4)) return Errno.FAULT;
    const stdin = this.opts.stdin;
    if (stdin.available === 0 && !stdin.closed) {
      // Would block: pause the guest before this call; the host repeats it once input arrives.
      this.waitingForInput = true;
      this.store.suspendHostCall();
      return Errno.SUCCESS;
    }
    this.waitingForInput = false;
    let total = 0;
    for (let i = 0; i < iovsLen; i++) {
      const ptr = dv.getUint32(iovs + 8 * i, true);
      const len = dv.getUint32(iovs + 8 * i + 4, true);
      if (!WasiP1.inBounds(u8, ptr, len)) return Errno.FAULT;
      const n = stdin.read(u8.subarray(ptr, ptr + len));
      total += n;
      if (n < len) break;
    }
    dv.setUint32(nreadPtr, total, true);
    return Errno.SUCCESS;
  }

  private fdWrite(fd: number, iovs: number, iovsLen: number, nwrittenPtr: number): number {
    if (this.files.has(fd)) return this.files.write(fd, iovs, iovsLen, undefined, nwrittenPtr);
    if (!this.isStdio(fd) || fd === 0) return Errno.BADF;
    const { u8, dv } = this.mem();
    if (!WasiP1.inBounds(u8, iovs, 8 * iovsLen) || !WasiP1.inBounds(u8, nwrittenPtr, 4)) return Errno.FAULT;
    let total = 0;
    for (let i = 0; i < iovsLen; i++) {
      const ptr = dv.getUint32(iovs + 8 * i, true);
      const len = dv.getUint32(iovs + 8 * i + 4, true);
      if (!WasiP1.inBounds(u8, ptr, len)) return Errno.FAULT;
      if (len === 0) continue;
      // Copy: the sink may keep the bytes while the guest reuses its buffer.
      const bytes = u8.slice(ptr, ptr + len);
      if (fd === 1) this.opts.onStdout(bytes);
      else this.opts.onStderr(bytes);
      total += len;
    }
    dv.setUint32(nwrittenPtr, total, true);
    return Errno.SUCCESS;
  }

  private fdFdstatGet(fd: number, ptr: number): number {
    if (this.files.has(fd)) return this.files.fdstatGet(fd, ptr);
    if (!this.isStdio(fd)) return Errno.BADF;
    const { u8, dv } = this.mem();
    if (!WasiP1.inBounds(u8, ptr, 24)) return Errno.FAULT;
    u8.fill(0, ptr, ptr + 24);
    dv.setUint8(ptr, FileType.CHARACTER_DEVICE);
    dv.setUint16(ptr + 2, 0, true);
    dv.setBigUint64(ptr + 8, fd === 0 ? Rights.FD_READ : Rights.FD_WRITE, true);
    dv.setBigUint64(ptr + 16, 0n, true);
    return Errno.SUCCESS;
  }

  private fdFilestatGet(fd: number, ptr: number): number {
    if (this.files.has(fd)) return this.files.filestatGet(fd, ptr);
    if (!this.isStdio(fd)) return Errno.BADF;
    const { u8, dv } = this.mem();
    if (!WasiP1.inBounds(u8, ptr, 64)) return Errno.FAULT;
    u8.fill(0, ptr, ptr + 64);
    dv.setUint8(ptr + 16, FileType.CHARACTER_DEVICE);
    return Errno.SUCCESS;
  }

  private clockTimeGet(id: number, ptr: number): number {
    const { u8, dv } = this.mem();
    if (!WasiP1.inBounds(u8, ptr, 8)) return Errno.FAULT;
    let t: bigint;
    switch (id) {
      case ClockId.REALTIME: t = this.opts.clock.realtimeNs(); break;
      case ClockId.MONOTONIC:
      case ClockId.PROCESS_CPUTIME:
      case ClockId.THREAD_CPUTIME: t = this.opts.clock.monotonicNs(); break;
      default: return Errno.INVAL;
    }
    dv.setBigUint64(ptr, BigInt.asUintN(64, t), true);
    return Errno.SUCCESS;
  }

  private clockResGet(id: number, ptr: number): number {
    const { u8, dv } = this.mem();
    if (id < 0 || id > 3) return Errno.INVAL;
    if (!WasiP1.inBounds(u8, ptr, 8)) return Errno.FAULT;
    dv.setBigUint64(ptr, 1000n, true);
    return Errno.SUCCESS;
  }

  private randomGet(ptr: number, len: number): number {
    const { u8 } = this.mem();
    if (!WasiP1.inBounds(u8, ptr, len)) return Errno.FAULT;
    this.opts.random(u8.subarray(ptr, ptr + len));
    return Errno.SUCCESS;
  }

  private definitions(): Map<string, Def> {
    const d = new Map<string, Def>();
    const def = (name: string, params: number[], impl: Impl, results: number[] = ERR): void => {
      d.set(name, { params, results, impl });
    };
    def('args_sizes_get', [I32, I32], (a) => this.writeSizes(this.opts.args, u32(a[0]!), u32(a[1]!)));
    def('args_get', [I32, I32], (a) => this.writeStrings(this.opts.args, u32(a[0]!), u32(a[1]!)));
    def('environ_sizes_get', [I32, I32], (a) => this.writeSizes(this.envStrings(), u32(a[0]!), u32(a[1]!)));
    def('environ_get', [I32, I32], (a) => this.writeStrings(this.envStrings(), u32(a[0]!), u32(a[1]!)));
    def('clock_res_get', [I32, I32], (a) => this.clockResGet(i32(a[0]!), u32(a[1]!)));
    def('clock_time_get', [I32, I64, I32], (a) => this.clockTimeGet(i32(a[0]!), u32(a[2]!)));
    def('random_get', [I32, I32], (a) => this.randomGet(u32(a[0]!), u32(a[1]!)));
    def('fd_read', [I32, I32, I32, I32], (a) => this.fdRead(i32(a[0]!), u32(a[1]!), u32(a[2]!), u32(a[3]!)));
    def('fd_write', [I32, I32, I32, I32], (a) => this.fdWrite(i32(a[0]!), u32(a[1]!), u32(a[2]!), u32(a[3]!)));
    def('fd_close', [I32], (a) => {
      const fd = i32(a[0]!);
      if (this.files.has(fd)) return this.files.close(fd);
      if (!this.isStdio(fd)) return Errno.BADF;
      this.closedFds.add(fd);
      return Errno.SUCCESS;
    });
    /** Seekable only when it is a file; the standard streams are pipes. */
    const seek = (fd: number, offset: bigint, whence: number, ptr: number): number => {
      if (this.files.has(fd)) return this.files.seek(fd, offset, whence, ptr);
      return this.isStdio(fd) ? Errno.SPIPE : Errno.BADF;
    };
    def('fd_seek', [I32, I64, I32, I32], (a) => seek(i32(a[0]!), i64(a[1]!), i32(a[2]!), u32(a[3]!)));
    def('fd_tell', [I32, I32], (a) => seek(i32(a[0]!), 0n, 1, u32(a[1]!)));
    def('fd_fdstat_get', [I32, I32], (a) => this.fdFdstatGet(i32(a[0]!), u32(a[1]!)));
    def('fd_fdstat_set_flags', [I32, I32], (a) => (this.isStdio(i32(a[0]!)) || this.files.has(i32(a[0]!)) ? Errno.NOTCAPABLE : Errno.BADF));
    def('fd_filestat_get', [I32, I32], (a) => this.fdFilestatGet(i32(a[0]!), u32(a[1]!)));
    def('fd_filestat_set_size', [I32, I64], (a) => this.files.filestatSetSize(i32(a[0]!), u64(a[1]!)));
    def('fd_pread', [I32, I32, I32, I64, I32], (a) => this.files.read(i32(a[0]!), u32(a[1]!), u32(a[2]!), u64(a[3]!), u32(a[4]!)));
    def('fd_pwrite', [I32, I32, I32, I64, I32], (a) => this.files.write(i32(a[0]!), u32(a[1]!), u32(a[2]!), u64(a[3]!), u32(a[4]!)));
    def('fd_readdir', [I32, I32, I32, I64, I32], (a) => this.files.readdir(i32(a[0]!), u32(a[1]!), u32(a[2]!), u64(a[3]!), u32(a[4]!)));
    const sync = (a: readonly Value[]): number => (this.files.has(i32(a[0]!)) || this.isStdio(i32(a[0]!)) ? Errno.SUCCESS : Errno.BADF);
    def('fd_sync', [I32], sync);
    def('fd_datasync', [I32], sync);
    // Pre-opened directories (none without a grant: fd 3 is then EBADF, and libc finds no preopens).
    def('fd_prestat_get', [I32, I32], (a) => this.files.prestatGet(i32(a[0]!), u32(a[1]!)));
    def('fd_prestat_dir_name', [I32, I32, I32], (a) => this.files.prestatDirName(i32(a[0]!), u32(a[1]!), u32(a[2]!)));
    def('path_open', [I32, I32, I32, I32, I32, I64, I64, I32, I32], (a) => this.files.pathOpen(
      i32(a[0]!), i32(a[1]!), u32(a[2]!), u32(a[3]!), i32(a[4]!), u64(a[5]!), i32(a[7]!), u32(a[8]!)));
    def('path_filestat_get', [I32, I32, I32, I32, I32], (a) => this.files.pathFilestatGet(i32(a[0]!), i32(a[1]!), u32(a[2]!), u32(a[3]!), u32(a[4]!)));
    def('path_create_directory', [I32, I32, I32], (a) => this.files.pathOp('mkdir', i32(a[0]!), u32(a[1]!), u32(a[2]!)));
    def('path_unlink_file', [I32, I32, I32], (a) => this.files.pathOp('unlink', i32(a[0]!), u32(a[1]!), u32(a[2]!)));
    def('path_remove_directory', [I32, I32, I32], (a) => this.files.pathOp('rmdir', i32(a[0]!), u32(a[1]!), u32(a[2]!)));
    def('path_rename', [I32, I32, I32, I32, I32, I32], (a) => this.files.pathRename(
      i32(a[0]!), u32(a[1]!), u32(a[2]!), i32(a[3]!), u32(a[4]!), u32(a[5]!)));
    // Links could point anywhere later, and reading one would show host paths: never granted.
    const noLinks = (op: string): number => {
      this.opts.onRefusal?.(op, `${op} is never granted`);
      return Errno.NOTCAPABLE;
    };
    def('path_symlink', [I32, I32, I32, I32, I32], () => noLinks('path_symlink'));
    def('path_link', [I32, I32, I32, I32, I32, I32, I32], () => noLinks('path_link'));
    def('path_readlink', [I32, I32, I32, I32, I32, I32], () => noLinks('path_readlink'));
    def('sched_yield', [], () => Errno.SUCCESS);
    def('poll_oneoff', [I32, I32, I32, I32], () => Errno.NOSYS);
    def('proc_exit', [I32], (a) => {
      this.exitCode = u32(a[0]!);
      throw new ProcExit(this.exitCode);
    }, []);
    return d;
  }
}
