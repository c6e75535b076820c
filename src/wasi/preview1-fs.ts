/**
 * The preview 1 filesystem functions over the directories a policy grants (fs.ts): the pre-opened
 * directories are fds 3, 4, ... in grant order (fd_prestat_get / fd_prestat_dir_name, how wasi-libc
 * finds them), and path_open / fd_readdir / path_* work below them. Without a grant there is no fd
 * here at all, so every path function answers EBADF and the guest reaches no file.
 *
 * Each function takes raw guest arguments and returns an errno; pointers are bounds-checked (EFAULT)
 * and refusals of a GrantedDir (WasiError) become their errno. ENOTCAPABLE refusals are reported
 * to `onRefusal` (the host audits them).
 */
import { Errno, FdFlags, FileType, LookupFlags, OFlags, Rights, Whence } from './errno.js';
import { resolveGuestPath, WasiError, type GrantedDir, type WasiDirEntry, type WasiFile, type WasiFileStat } from './fs.js';

/** Files and directories a guest may hold open at once (beyond the pre-opened ones). */
export const MAX_OPEN = 128;

const FILE_READ_RIGHTS = Rights.FD_READ | Rights.FD_SEEK | Rights.FD_TELL | Rights.FD_FILESTAT_GET | Rights.FD_FDSTAT_SET_FLAGS |
  Rights.FD_ADVISE | Rights.POLL_FD_READWRITE;
const FILE_WRITE_RIGHTS = Rights.FD_WRITE | Rights.FD_DATASYNC | Rights.FD_SYNC | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE;
const DIR_READ_RIGHTS = Rights.PATH_OPEN | Rights.FD_READDIR | Rights.PATH_FILESTAT_GET | Rights.FD_FILESTAT_GET;
const DIR_WRITE_RIGHTS = Rights.PATH_CREATE_DIRECTORY | Rights.PATH_CREATE_FILE | Rights.PATH_RENAME_SOURCE |
  Rights.PATH_RENAME_TARGET | Rights.PATH_REMOVE_DIRECTORY | Rights.PATH_UNLINK_FILE;
/** Rights that mean writing to the opened file. */
const WRITE_INTENT = Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE;

interface DirFd {
  readonly kind: 'dir';
  readonly dir: GrantedDir;
  readonly rel: string;
  /** The entries listed at cookie 0, so later cookies index a stable list. */
  listing?: WasiDirEntry[];
}

interface FileFd {
  readonly kind: 'file';
  readonly dir: GrantedDir;
  readonly rel: string;
  readonly file: WasiFile;
  readonly writable: boolean;
  append: boolean;
  position: bigint;
}

type Entry = DirFd | FileFd;

export interface GuestMemory {
  readonly u8: Uint8Array;
  readonly dv: DataView;
}

const inBounds = (u8: Uint8Array, ptr: number, len: number): boolean => ptr >= 0 && len >= 0 && ptr + len <= u8.length;

export class WasiFiles {
  private readonly fds = new Map<number, Entry>();
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly encoder = new TextEncoder();

  constructor(
    dirs: readonly GrantedDir[],
    private readonly mem: () => GuestMemory,
    private readonly onRefusal?: (op: string, reason: string) => void,
  ) {
    dirs.forEach((dir, i) => this.fds.set(3 + i, { kind: 'dir', dir, rel: '' }));
  }

  /** True when `fd` is a file or directory of this table. */
  has(fd: number): boolean {
    return this.fds.has(fd);
  }

  /** Runs `fn`, answering a WasiError with its errno (and reporting capability refusals). */
  private guard(op: string, fn: () => number): number {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof WasiError)) throw e;
      if (e.errno === Errno.NOTCAPABLE) this.onRefusal?.(op, e.message);
      return e.errno;
    }
  }

  private dirFd(fd: number): DirFd {
    const e = this.fds.get(fd);
    if (e === undefined) throw new WasiError(Errno.BADF, `fd ${fd} is not open`);
    if (e.kind !== 'dir') throw new WasiError(Errno.NOTDIR, `fd ${fd} is not a directory`);
    return e;
  }

  private fileFd(fd: number): FileFd {
    const e = this.fds.get(fd);
    if (e === undefined) throw new WasiError(Errno.BADF, `fd ${fd} is not open`);
    if (e.kind !== 'file') throw new WasiError(Errno.ISDIR, `fd ${fd} is a directory`);
    return e;
  }

  /** The guest's path argument, resolved below the directory fd. */
  private path(fd: number, ptr: number, len: number): { d: DirFd; rel: string } {
    const d = this.dirFd(fd);
    const { u8 } = this.mem();
    if (!inBounds(u8, ptr, len)) throw new WasiError(Errno.FAULT, 'path outside memory');
    let text: string;
    try {
      text = this.decoder.decode(u8.subarray(ptr, ptr + len));
    } catch {
      throw new WasiError(Errno.ILSEQ, 'path is not UTF-8');
    }
    return { d, rel: resolveGuestPath(d.rel, text) };
  }

  private freeFd(): number {
    if (this.fds.size >= MAX_OPEN) throw new WasiError(Errno.MFILE, `more than ${MAX_OPEN} open files`);
    let fd = 3;
    while (this.fds.has(fd)) fd++;
    return fd;
  }

  prestatGet(fd: number, ptr: number): number {
    return this.guard('fd_prestat_get', () => {
      const d = this.preopen(fd);
      const { u8, dv } = this.mem();
      if (!inBounds(u8, ptr, 8)) return Errno.FAULT;
      dv.setUint32(ptr, 0, true);
      dv.setUint32(ptr + 4, this.encoder.encode(d.dir.guestPath).length, true);
      return Errno.SUCCESS;
    });
  }

  prestatDirName(fd: number, ptr: number, len: number): number {
    return this.guard('fd_prestat_dir_name', () => {
      const name = this.encoder.encode(this.preopen(fd).dir.guestPath);
      const { u8 } = this.mem();
      if (len < name.length) return Errno.NAMETOOLONG;
      if (!inBounds(u8, ptr, name.length)) return Errno.FAULT;
      u8.set(name, ptr);
      return Errno.SUCCESS;
    });
  }

  /** A pre-opened directory (the grant itself, as opened at start). */
  private preopen(fd: number): DirFd {
    const e = this.fds.get(fd);
    if (e === undefined || e.kind !== 'dir' || e.rel !== '') throw new WasiError(Errno.BADF, `fd ${fd} is not a pre-opened directory`);
    return e;
  }

  pathOpen(fd: number, lookup: number, pathPtr: number, pathLen: number, oflags: number, rightsBase: bigint, fdflags: number, fdPtr: number): number {
    return this.guard('path_open', () => {
      const { d, rel } = this.path(fd, pathPtr, pathLen);
      const { u8, dv } = this.mem();
      if (!inBounds(u8, fdPtr, 4)) return Errno.FAULT;
      const write = (rightsBase & WRITE_INTENT) !== 0n || (oflags & (OFlags.CREAT | OFlags.TRUNC)) !== 0 || (fdflags & FdFlags.APPEND) !== 0;
      let isDir = false;
      try {
        isDir = d.dir.stat(rel, (lookup & LookupFlags.SYMLINK_FOLLOW) !== 0).filetype === FileType.DIRECTORY;
      } catch (e) {
        if (!(e instanceof WasiError) || e.errno !== Errno.NOENT || (oflags & OFlags.CREAT) === 0) throw e;
      }
      const newFd = this.freeFd();
      if ((oflags & OFlags.DIRECTORY) !== 0 || isDir) {
        if (!isDir) return Errno.NOTDIR;
        if (write) return Errno.ISDIR;
        this.fds.set(newFd, { kind: 'dir', dir: d.dir, rel });
      } else {
        const file = d.dir.openFile(rel, {
          create: (oflags & OFlags.CREAT) !== 0, exclusive: (oflags & OFlags.EXCL) !== 0, truncate: (oflags & OFlags.TRUNC) !== 0, write,
        });
        this.fds.set(newFd, { kind: 'file', dir: d.dir, rel, file, writable: write, append: (fdflags & FdFlags.APPEND) !== 0, position: 0n });
      }
      dv.setUint32(fdPtr, newFd, true);
      return Errno.SUCCESS;
    });
  }

  /** The (ptr, len) pairs of an iovec array, bounds-checked. */
  private iovecs(iovs: number, count: number): { ptr: number; len: number }[] {
    const { u8, dv } = this.mem();
    if (!inBounds(u8, iovs, 8 * count)) throw new WasiError(Errno.FAULT, 'iovecs outside memory');
    const out: { ptr: number; len: number }[] = [];
    for (let i = 0; i < count; i++) {
      const ptr = dv.getUint32(iovs + 8 * i, true);
      const len = dv.getUint32(iovs + 8 * i + 4, true);
      if (!inBounds(u8, ptr, len)) throw new WasiError(Errno.FAULT, 'buffer outside memory');
      out.push({ ptr, len });
    }
    return out;
  }

  /** fd_read (at = undefined: at the fd's position, which advances) and fd_pread. */
  read(fd: number, iovs: number, count: number, at: bigint | undefined, nPtr: number): number {
    return this.guard('fd_read', () => {
      const f = this.fileFd(fd);
      const { u8, dv } = this.mem();
      if (!inBounds(u8, nPtr, 4)) return Errno.FAULT;
      let pos = at ?? f.position;
      let total = 0;
      for (const { ptr, len } of this.iovecs(iovs, count)) {
        const n = f.file.read(u8.subarray(ptr, ptr + len), pos);
        total += n;
        pos += BigInt(n);
        if (n < len) break;
      }
      if (at === undefined) f.position = pos;
      dv.setUint32(nPtr, total, true);
      return Errno.SUCCESS;
    });
  }

  /** fd_write and fd_pwrite; needs a file opened for writing (ENOTCAPABLE otherwise). */
  write(fd: number, iovs: number, count: number, at: bigint | undefined, nPtr: number): number {
    return this.guard('fd_write', () => {
      const f = this.fileFd(fd);
      if (!f.writable) throw new WasiError(Errno.NOTCAPABLE, `${f.dir.guestPath}/${f.rel} is not open for writing`);
      const { u8, dv } = this.mem();
      if (!inBounds(u8, nPtr, 4)) return Errno.FAULT;
      let pos = at ?? (f.append ? f.file.stat().size : f.position);
      let total = 0;
      for (const { ptr, len } of this.iovecs(iovs, count)) {
        // Copied: the host write must not see the guest change its buffer.
        const n = f.file.write(u8.slice(ptr, ptr + len), pos);
        total += n;
        pos += BigInt(n);
      }
      if (at === undefined) f.position = pos;
      dv.setUint32(nPtr, total, true);
      return Errno.SUCCESS;
    });
  }

  seek(fd: number, offset: bigint, whence: number, ptr: number): number {
    return this.guard('fd_seek', () => {
      const f = this.fileFd(fd);
      const { u8, dv } = this.mem();
      if (!inBounds(u8, ptr, 8)) return Errno.FAULT;
      let base: bigint;
      switch (whence) {
        case Whence.SET: base = 0n; break;
        case Whence.CUR: base = f.position; break;
        case Whence.END: base = f.file.stat().size; break;
        default: return Errno.INVAL;
      }
      const next = base + offset;
      if (next < 0n) return Errno.INVAL;
      f.position = next;
      dv.setBigUint64(ptr, next, true);
      return Errno.SUCCESS;
    });
  }

  close(fd: number): number {
    return this.guard('fd_close', () => {
      const e = this.fds.get(fd);
      if (e === undefined) return Errno.BADF;
      this.fds.delete(fd);
      if (e.kind === 'file') e.file.close();
      return Errno.SUCCESS;
    });
  }

  /** Closes every open file (the instance ends). */
  closeAll(): void {
    for (const e of this.fds.values()) if (e.kind === 'file') this.guard('close', () => { e.file.close(); return 0; });
    this.fds.clear();
  }

  fdstatGet(fd: number, ptr: number): number {
    return this.guard('fd_fdstat_get', () => {
      const e = this.fds.get(fd);
      if (e === undefined) return Errno.BADF;
      const { u8, dv } = this.mem();
      if (!inBounds(u8, ptr, 24)) return Errno.FAULT;
      u8.fill(0, ptr, ptr + 24);
      const fileRights = FILE_READ_RIGHTS | (e.dir.writable ? FILE_WRITE_RIGHTS : 0n);
      if (e.kind === 'dir') {
        dv.setUint8(ptr, FileType.DIRECTORY);
        dv.setBigUint64(ptr + 8, DIR_READ_RIGHTS | (e.dir.writable ? DIR_WRITE_RIGHTS : 0n), true);
        dv.setBigUint64(ptr + 16, DIR_READ_RIGHTS | fileRights | (e.dir.writable ? DIR_WRITE_RIGHTS : 0n), true);
      } else {
        dv.setUint8(ptr, FileType.REGULAR_FILE);
        dv.setUint16(ptr + 2, e.append ? FdFlags.APPEND : 0, true);
        dv.setBigUint64(ptr + 8, FILE_READ_RIGHTS | (e.writable ? FILE_WRITE_RIGHTS : 0n), true);
      }
      return Errno.SUCCESS;
    });
  }

  private writeFilestat(st: WasiFileStat, ptr: number): number {
    const { u8, dv } = this.mem();
    if (!inBounds(u8, ptr, 64)) return Errno.FAULT;
    u8.fill(0, ptr, ptr + 64);
    dv.setBigUint64(ptr, st.dev, true);
    dv.setBigUint64(ptr + 8, st.ino, true);
    dv.setUint8(ptr + 16, st.filetype);
    dv.setBigUint64(ptr + 24, st.nlink, true);
    dv.setBigUint64(ptr + 32, st.size, true);
    dv.setBigUint64(ptr + 40, st.atimNs, true);
    dv.setBigUint64(ptr + 48, st.mtimNs, true);
    dv.setBigUint64(ptr + 56, st.ctimNs, true);
    return Errno.SUCCESS;
  }

  filestatGet(fd: number, ptr: number): number {
    return this.guard('fd_filestat_get', () => {
      const e = this.fds.get(fd);
      if (e === undefined) return Errno.BADF;
      return this.writeFilestat(e.kind === 'file' ? e.file.stat() : e.dir.stat(e.rel, true), ptr);
    });
  }

  filestatSetSize(fd: number, size: bigint): number {
    return this.guard('fd_filestat_set_size', () => {
      const f = this.fileFd(fd);
      if (!f.writable) throw new WasiError(Errno.NOTCAPABLE, `${f.dir.guestPath}/${f.rel} is not open for writing`);
      f.file.truncate(size);
      return Errno.SUCCESS;
    });
  }

  pathFilestatGet(fd: number, lookup: number, pathPtr: number, pathLen: number, ptr: number): number {
    return this.guard('path_filestat_get', () => {
      const { d, rel } = this.path(fd, pathPtr, pathLen);
      return this.writeFilestat(d.dir.stat(rel, (lookup & LookupFlags.SYMLINK_FOLLOW) !== 0), ptr);
    });
  }

  /**
   * fd_readdir: dirents (d_next u64, d_ino u64, d_namlen u32, d_type u8, then the name) from
   * `cookie` on, as many as fit; a buffer filled to the end tells the guest to ask again.
   */
  readdir(fd: number, buf: number, bufLen: number, cookie: bigint, usedPtr: number): number {
    return this.guard('fd_readdir', () => {
      const d = this.dirFd(fd);
      const { u8, dv } = this.mem();
      if (!inBounds(u8, buf, bufLen) || !inBounds(u8, usedPtr, 4)) return Errno.FAULT;
      if (cookie === 0n || d.listing === undefined) d.listing = d.dir.readdir(d.rel);
      const scratch = new Uint8Array(24);
      const sdv = new DataView(scratch.buffer);
      let used = 0;
      for (let i = Number(cookie); i < d.listing.length && used < bufLen; i++) {
        const entry = d.listing[i]!;
        const name = this.encoder.encode(entry.name);
        sdv.setBigUint64(0, BigInt(i + 1), true);
        sdv.setBigUint64(8, entry.ino, true);
        sdv.setUint32(16, name.length, true);
        sdv.setUint8(20, entry.filetype);
        for (const part of [scratch, name]) {
          const n = Math.min(part.length, bufLen - used);
          u8.set(part.subarray(0, n), buf + used);
          used += n;
        }
      }
      dv.setUint32(usedPtr, used, true);
      return Errno.SUCCESS;
    });
  }

  /** path_create_directory, path_unlink_file, path_remove_directory. */
  pathOp(op: 'mkdir' | 'unlink' | 'rmdir', fd: number, pathPtr: number, pathLen: number): number {
    return this.guard(op, () => {
      const { d, rel } = this.path(fd, pathPtr, pathLen);
      d.dir[op](rel);
      return Errno.SUCCESS;
    });
  }

  pathRename(fd: number, oldPtr: number, oldLen: number, newFd: number, newPtr: number, newLen: number): number {
    return this.guard('path_rename', () => {
      const from = this.path(fd, oldPtr, oldLen);
      const to = this.path(newFd, newPtr, newLen);
      if (from.d.dir !== to.d.dir) return Errno.XDEV;
      from.d.dir.rename(from.rel, to.rel);
      return Errno.SUCCESS;
    });
  }
}
