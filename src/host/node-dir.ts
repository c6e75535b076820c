/**
 * `GrantedDir` on Node's filesystem: a directory a policy grants to a guest. Paths reach it already
 * normalized inside the grant (src/wasi/fs.ts); here every path is resolved with `realpath` and must
 * stay under the grant's own real path, so a symlink pointing outside is refused (ENOTCAPABLE) just
 * like `..`. A path that does not exist yet (a file being created) is checked through its parent.
 * Writes (create, truncate, write, mkdir, unlink, rmdir, rename) need a writable grant.
 *
 * Known limit: the check and the use are two system calls, so a process outside the sandbox that
 * swaps a directory for a symlink between them could redirect one operation (the guest alone cannot:
 * it can create no symlink, path_symlink is refused).
 */
import {
  closeSync, fstatSync, ftruncateSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, realpathSync, renameSync,
  rmdirSync, statSync, unlinkSync, writeSync, constants, type Stats,
} from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { Errno, FileType } from '../wasi/errno.js';
import { WasiError, type GrantedDir, type OpenOptions, type WasiDirEntry, type WasiFile, type WasiFileStat } from '../wasi/fs.js';
import { PolicyError } from './errors.js';
import type { DirGrant } from './policy.js';

const ERRNO_OF: Readonly<Record<string, number>> = {
  ENOENT: Errno.NOENT, EEXIST: Errno.EXIST, ENOTDIR: Errno.NOTDIR, EISDIR: Errno.ISDIR, ENOTEMPTY: Errno.NOTEMPTY,
  EACCES: Errno.ACCES, EPERM: Errno.PERM, ELOOP: Errno.LOOP, ENAMETOOLONG: Errno.NAMETOOLONG, ENOSPC: Errno.NOSPC,
  EXDEV: Errno.XDEV, EBADF: Errno.BADF, EINVAL: Errno.INVAL,
};

/** Runs a filesystem call, turning Node's errors into WasiError (EIO for anything unexpected). */
function io<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof WasiError) throw e;
    const code = (e as { code?: unknown }).code;
    throw new WasiError(typeof code === 'string' ? (ERRNO_OF[code] ?? Errno.IO) : Errno.IO, e instanceof Error ? e.message : String(e));
  }
}

function fileTypeOf(s: Stats): number {
  if (s.isFile()) return FileType.REGULAR_FILE;
  if (s.isDirectory()) return FileType.DIRECTORY;
  if (s.isSymbolicLink()) return FileType.SYMBOLIC_LINK;
  return FileType.UNKNOWN;
}

function statOf(s: Stats): WasiFileStat {
  const b = s as unknown as { dev: number; ino: number; nlink: number; size: number };
  const ns = (ms: number): bigint => BigInt(Math.round(ms * 1e6));
  return {
    dev: BigInt(b.dev), ino: BigInt(b.ino), filetype: fileTypeOf(s), nlink: BigInt(b.nlink), size: BigInt(b.size),
    atimNs: ns(s.atimeMs), mtimNs: ns(s.mtimeMs), ctimNs: ns(s.ctimeMs),
  };
}

class NodeFile implements WasiFile {
  constructor(private readonly fd: number) {}
  read(into: Uint8Array, position: bigint): number {
    return io(() => readSync(this.fd, into, 0, into.length, position));
  }
  write(from: Uint8Array, position: bigint): number {
    return io(() => writeSync(this.fd, from, 0, from.length, Number(position)));
  }
  stat(): WasiFileStat {
    return io(() => statOf(fstatSync(this.fd)));
  }
  truncate(size: bigint): void {
    io(() => ftruncateSync(this.fd, Number(size)));
  }
  close(): void {
    io(() => closeSync(this.fd));
  }
}

export class NodeGrantedDir implements GrantedDir {
  readonly guestPath: string;
  readonly writable: boolean;
  private readonly root: string;

  /** Throws PolicyError when the host directory does not exist or is not a directory. */
  constructor(grant: DirGrant) {
    let root: string;
    try {
      root = realpathSync(grant.host);
    } catch (e) {
      throw new PolicyError(`granted directory ${grant.host}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!statSync(root).isDirectory()) throw new PolicyError(`granted directory ${grant.host} is not a directory`);
    this.root = root;
    this.guestPath = grant.guest;
    this.writable = grant.write === true;
  }

  private inside(real: string): boolean {
    return real === this.root || real.startsWith(this.root + sep);
  }

  /**
   * The host path of `rel`, checked to lie inside the grant after symlinks are resolved: the whole
   * path when `follow` and it exists, else its parent (the last component is then used as is: a path
   * not yet created, or a symlink acted on itself).
   */
  private host(rel: string, follow: boolean): string {
    const full = rel === '' ? this.root : join(this.root, rel);
    const check = (real: string): string => {
      if (!this.inside(real)) throw new WasiError(Errno.NOTCAPABLE, `${this.guestPath}/${rel} leads outside the granted directory`);
      return real;
    };
    if (follow) {
      try {
        return check(realpathSync(full));
      } catch (e) {
        if ((e as { code?: unknown }).code !== 'ENOENT') return io(() => { throw e; });
      }
    }
    if (rel === '') return this.root;
    return join(check(io(() => realpathSync(dirname(full)))), basename(full));
  }

  private needWrite(what: string, rel: string): void {
    if (!this.writable) throw new WasiError(Errno.NOTCAPABLE, `${what} ${this.guestPath}/${rel}: the directory is granted read-only`);
  }

  stat(rel: string, followSymlinks: boolean): WasiFileStat {
    const p = this.host(rel, followSymlinks);
    return io(() => statOf(followSymlinks ? statSync(p) : lstatSync(p)));
  }

  openFile(rel: string, o: OpenOptions): WasiFile {
    if (o.create || o.truncate || o.write) this.needWrite('write', rel);
    const p = this.host(rel, true);
    let flags = o.write ? constants.O_RDWR : constants.O_RDONLY;
    if (o.create) flags |= constants.O_CREAT;
    if (o.exclusive) flags |= constants.O_EXCL;
    if (o.truncate) flags |= constants.O_TRUNC;
    // The path was checked after symlinks were resolved; refuse one that appears in between.
    flags |= constants.O_NOFOLLOW;
    const fd = io(() => openSync(p, flags, 0o644));
    if (fstatSync(fd).isDirectory()) {
      closeSync(fd);
      throw new WasiError(Errno.ISDIR, `${this.guestPath}/${rel} is a directory`);
    }
    return new NodeFile(fd);
  }

  readdir(rel: string): WasiDirEntry[] {
    const p = this.host(rel, true);
    return io(() => readdirSync(p, { withFileTypes: true }).map((d) => ({
      name: d.name,
      ino: 0n,
      filetype: d.isFile() ? FileType.REGULAR_FILE : d.isDirectory() ? FileType.DIRECTORY : d.isSymbolicLink() ? FileType.SYMBOLIC_LINK : FileType.UNKNOWN,
    })));
  }

  mkdir(rel: string): void {
    this.needWrite('mkdir', rel);
    const p = this.host(rel, false);
    io(() => mkdirSync(p));
  }

  unlink(rel: string): void {
    this.needWrite('unlink', rel);
    const p = this.host(rel, false);
    io(() => {
      if (lstatSync(p).isDirectory()) throw new WasiError(Errno.ISDIR, `${this.guestPath}/${rel} is a directory`);
      unlinkSync(p);
    });
  }

  rmdir(rel: string): void {
    this.needWrite('rmdir', rel);
    if (rel === '') throw new WasiError(Errno.NOTCAPABLE, 'the granted directory itself cannot be removed');
    const p = this.host(rel, false);
    io(() => rmdirSync(p));
  }

  rename(fromRel: string, toRel: string): void {
    this.needWrite('rename', fromRel);
    if (fromRel === '' || toRel === '') throw new WasiError(Errno.NOTCAPABLE, 'the granted directory itself cannot be renamed');
    const from = this.host(fromRel, false);
    const to = this.host(toRel, false);
    io(() => renameSync(from, to));
  }
}

/**
 * Checks every grant of a policy at load time (PolicyError naming the first missing directory) and
 * returns how each reads in the audit log: `/data <- /srv/data (read-only)`.
 */
export function checkDirGrants(grants: readonly DirGrant[]): string[] {
  return grants.map((g) => {
    new NodeGrantedDir(g);
    return `${g.guest} <- ${g.host} (${g.write === true ? 'read-write' : 'read-only'})`;
  });
}
