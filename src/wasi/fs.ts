/**
 * The filesystem a preview 1 guest may reach: only directories its policy grants, each seen through
 * a `GrantedDir` the host injects (the Node implementation is src/host/node-dir.ts), so this layer
 * stays platform-free and testable with any implementation.
 *
 * The split of the checks: `resolveGuestPath` here refuses, by the text of the path alone, absolute
 * paths and `..` that would climb above the grant; a `GrantedDir` refuses what only the real
 * filesystem can tell (a symlink whose target lies outside the grant) and writes to a read-only
 * grant. Every refusal of an escape or a write is ENOTCAPABLE, the preview 1 answer for "this
 * capability was not granted".
 */
import { Errno } from './errno.js';

/** A refusal with its preview 1 errno; thrown by GrantedDir operations and caught by WasiP1. */
export class WasiError extends Error {
  constructor(readonly errno: number, message: string) {
    super(message);
    this.name = 'WasiError';
  }
}

/** preview 1 `filestat`, with times in nanoseconds since the epoch. */
export interface WasiFileStat {
  readonly dev: bigint;
  readonly ino: bigint;
  /** A `FileType` value. */
  readonly filetype: number;
  readonly nlink: bigint;
  readonly size: bigint;
  readonly atimNs: bigint;
  readonly mtimNs: bigint;
  readonly ctimNs: bigint;
}

export interface WasiDirEntry {
  readonly name: string;
  readonly ino: bigint;
  readonly filetype: number;
}

/** An open regular file. Positions are absolute (the fd keeps its own offset). */
export interface WasiFile {
  read(into: Uint8Array, position: bigint): number;
  write(from: Uint8Array, position: bigint): number;
  stat(): WasiFileStat;
  truncate(size: bigint): void;
  close(): void;
}

export interface OpenOptions {
  readonly create: boolean;
  readonly exclusive: boolean;
  readonly truncate: boolean;
  readonly write: boolean;
}

/**
 * One granted directory. `rel` paths are relative to the grant and already normalized by
 * `resolveGuestPath` ('' is the grant itself). Every method throws WasiError on refusal.
 */
export interface GrantedDir {
  /** The directory's name inside the guest (fd_prestat_dir_name), e.g. `/data`. */
  readonly guestPath: string;
  readonly writable: boolean;
  stat(rel: string, followSymlinks: boolean): WasiFileStat;
  openFile(rel: string, opts: OpenOptions): WasiFile;
  readdir(rel: string): WasiDirEntry[];
  mkdir(rel: string): void;
  unlink(rel: string): void;
  rmdir(rel: string): void;
  rename(fromRel: string, toRel: string): void;
}

/** Longest path a guest may pass, in bytes. */
export const MAX_PATH_BYTES = 4096;

/**
 * The grant-relative path of `path`, looked up from the directory `base` (grant-relative too).
 * Refuses absolute paths and any `..` that climbs above the grant (ENOTCAPABLE), NUL bytes (EINVAL)
 * and over-long paths (ENAMETOOLONG).
 */
export function resolveGuestPath(base: string, path: string): string {
  if (path.length > MAX_PATH_BYTES) throw new WasiError(Errno.NAMETOOLONG, 'path too long');
  if (path.includes('\0')) throw new WasiError(Errno.INVAL, 'path contains NUL');
  if (path.startsWith('/')) throw new WasiError(Errno.NOTCAPABLE, `absolute path refused: ${path}`);
  const parts = base === '' ? [] : base.split('/');
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (parts.length === 0) throw new WasiError(Errno.NOTCAPABLE, `path climbs out of the granted directory: ${path}`);
      parts.pop();
    } else {
      parts.push(p);
    }
  }
  return parts.join('/');
}
