/**
 * `wasi:filesystem` 0.2 (`types`, `preopens`). The guest reaches only the granted pre-opened
 * directories; every path it passes is resolved here, relative to a directory descriptor, and a path
 * that is absolute or climbs above its pre-open root is refused (`not-permitted`) before the service
 * sees it. Without a grant, `get-directories` is empty and no descriptor can ever exist.
 *
 * Symbolic and hard links, renames and timestamps are not offered (`unsupported`).
 */

import type { BorrowHandle, HostImports, OwnHandle } from '../../component/index.js';
import { FsError, type FsErrorCode, type FsNodeType, type FsStat } from './filesystem-service.js';
import type { IoHost, OutputSink } from './io.js';
import type { Preopen } from './services.js';
import { HostResource } from './table.js';

interface Descriptor {
  readonly preopen: Preopen;
  readonly path: readonly string[];
  readonly read: boolean;
  readonly write: boolean;
  readonly mutate: boolean;
}

interface DescriptorFlags {
  read?: boolean; write?: boolean; 'file-integrity-sync'?: boolean; 'data-integrity-sync'?: boolean;
  'requested-write-sync'?: boolean; 'mutate-directory'?: boolean;
}
interface OpenFlags { create?: boolean; directory?: boolean; exclusive?: boolean; truncate?: boolean }

type Result<T> = { tag: 'ok'; val?: T } | { tag: 'err'; val: FsErrorCode };

/** Runs `f`, turning a service refusal (FsError) into `err(code)`. */
function attempt<T>(f: () => T): Result<T> {
  try {
    const val = f();
    return val === undefined ? { tag: 'ok' } : { tag: 'ok', val };
  } catch (e) {
    if (e instanceof FsError) return { tag: 'err', val: e.code };
    throw e;
  }
}

/** Resolves `path` against directory `base`, refusing absolute paths and any escape from the root. */
export function resolvePath(base: readonly string[], path: string): string[] {
  if (path.startsWith('/')) throw new FsError('not-permitted', 'absolute paths are not allowed');
  if (path.includes('\0')) throw new FsError('invalid');
  const out = [...base];
  for (const c of path.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') {
      if (out.length === 0) throw new FsError('not-permitted', 'the path leaves its pre-opened directory');
      out.pop();
    } else {
      out.push(c);
    }
  }
  return out;
}

const NS_PER_S = 1_000_000_000n;

function descriptorStat(s: FsStat): Record<string, unknown> {
  const mtime = s.mtimeNs === undefined ? null : { seconds: s.mtimeNs / NS_PER_S, nanoseconds: Number(s.mtimeNs % NS_PER_S) };
  return {
    type: s.type, 'link-count': 1n, size: s.size,
    'data-access-timestamp': null, 'data-modification-timestamp': mtime, 'status-change-timestamp': null,
  };
}

/** 64-bit FNV-1a of a string, for `metadata-hash`. */
function fnv64(s: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) h = BigInt.asUintN(64, (h ^ BigInt(s.charCodeAt(i))) * 0x100000001b3n);
  return h;
}

export function filesystemInterfaces(preopens: readonly Preopen[], io: IoHost): HostImports {
  const descriptors = new HostResource<Descriptor>('descriptor');
  const entryStreams = new HostResource<{ entries: readonly { name: string; type: FsNodeType }[]; next: number }>('directory-entry-stream');
  const descriptor = descriptors.type;

  const stat = (d: Descriptor, path: readonly string[]): FsStat => {
    const s = d.preopen.fs.stat(path);
    if (s === undefined) throw new FsError('no-entry');
    return s;
  };
  const dir = (h: BorrowHandle): Descriptor => {
    const d = descriptors.get(h);
    if (stat(d, d.path).type !== 'directory') throw new FsError('not-directory');
    return d;
  };
  const file = (h: BorrowHandle, need: 'read' | 'write'): Descriptor => {
    const d = descriptors.get(h);
    if (!d[need]) throw new FsError('bad-descriptor', `the descriptor was not opened for ${need}`);
    if (stat(d, d.path).type !== 'regular-file') throw new FsError('is-directory');
    return d;
  };
  const mutable = (h: BorrowHandle): Descriptor => {
    const d = dir(h);
    if (!d.mutate) throw new FsError('read-only');
    return d;
  };
  /** Writes `data` at `offset` into the file (zero-filling a gap), returning the bytes written. */
  const writeAt = (d: Descriptor, data: Uint8Array, offset: bigint): bigint => {
    const old = d.preopen.fs.readFile(d.path);
    const end = Number(offset) + data.length;
    const next = new Uint8Array(Math.max(old.length, end));
    next.set(old);
    next.set(data, Number(offset));
    d.preopen.fs.writeFile(d.path, next);
    return BigInt(data.length);
  };
  const outputAt = (d: Descriptor, start: bigint | 'append'): OutputSink => {
    let pos = start;
    return {
      closed: false,
      write(bytes) {
        const r = attempt(() => {
          const at = pos === 'append' ? BigInt(d.preopen.fs.readFile(d.path).length) : pos;
          writeAt(d, bytes, at);
          if (pos !== 'append') pos = at + BigInt(bytes.length);
        });
        return r.tag === 'ok' ? undefined : `write failed: ${r.val}`;
      },
    };
  };
  const unsupported = (): Result<never> => ({ tag: 'err', val: 'unsupported' });

  const types = {
    descriptor,
    'directory-entry-stream': entryStreams.type,
    'input-stream': io.input.type, 'output-stream': io.output.type, error: io.error.type,
    '[method]descriptor.read-via-stream': (self: BorrowHandle, offset: bigint) => attempt((): OwnHandle => {
      const d = file(self, 'read');
      let pos = offset;
      return io.input.own({
        read(max) {
          const data = d.preopen.fs.readFile(d.path);
          if (pos >= BigInt(data.length)) return null;
          const chunk = data.slice(Number(pos), Number(pos) + max);
          pos += BigInt(chunk.length);
          return chunk;
        },
        ready: () => true,
      });
    }),
    '[method]descriptor.write-via-stream': (self: BorrowHandle, offset: bigint) => attempt(() => io.output.own(outputAt(file(self, 'write'), offset))),
    '[method]descriptor.append-via-stream': (self: BorrowHandle) => attempt(() => io.output.own(outputAt(file(self, 'write'), 'append'))),
    '[method]descriptor.advise': (self: BorrowHandle) => attempt(() => { descriptors.get(self); }),
    '[method]descriptor.sync-data': (self: BorrowHandle) => attempt(() => { descriptors.get(self); }),
    '[method]descriptor.sync': (self: BorrowHandle) => attempt(() => { descriptors.get(self); }),
    '[method]descriptor.get-flags': (self: BorrowHandle) => attempt(() => {
      const d = descriptors.get(self);
      return { read: d.read, write: d.write, 'mutate-directory': d.mutate };
    }),
    '[method]descriptor.get-type': (self: BorrowHandle) => attempt(() => { const d = descriptors.get(self); return stat(d, d.path).type; }),
    '[method]descriptor.set-size': (self: BorrowHandle, size: bigint) => attempt(() => {
      const d = file(self, 'write');
      const old = d.preopen.fs.readFile(d.path);
      const next = new Uint8Array(Number(size));
      next.set(old.subarray(0, next.length));
      d.preopen.fs.writeFile(d.path, next);
    }),
    '[method]descriptor.set-times': unsupported,
    '[method]descriptor.set-times-at': unsupported,
    '[method]descriptor.read': (self: BorrowHandle, length: bigint, offset: bigint) => attempt(() => {
      const d = file(self, 'read');
      const data = d.preopen.fs.readFile(d.path);
      const start = offset > BigInt(data.length) ? data.length : Number(offset);
      const chunk = data.slice(start, start + Math.min(Number(length > 1n << 20n ? 1n << 20n : length), data.length - start));
      return [chunk, start + chunk.length >= data.length];
    }),
    '[method]descriptor.write': (self: BorrowHandle, buffer: Uint8Array, offset: bigint) => attempt(() => writeAt(file(self, 'write'), buffer, offset)),
    '[method]descriptor.read-directory': (self: BorrowHandle) => attempt(() => {
      const d = dir(self);
      return entryStreams.own({ entries: d.preopen.fs.list(d.path), next: 0 });
    }),
    '[method]directory-entry-stream.read-directory-entry': (self: BorrowHandle) => attempt(() => {
      const s = entryStreams.get(self);
      return s.entries[s.next++] ?? null;
    }),
    '[method]descriptor.create-directory-at': (self: BorrowHandle, path: string) => attempt(() => {
      const d = mutable(self);
      d.preopen.fs.mkdir(resolvePath(d.path, path));
    }),
    '[method]descriptor.stat': (self: BorrowHandle) => attempt(() => { const d = descriptors.get(self); return descriptorStat(stat(d, d.path)); }),
    '[method]descriptor.stat-at': (self: BorrowHandle, _flags: unknown, path: string) => attempt(() => {
      const d = dir(self);
      return descriptorStat(stat(d, resolvePath(d.path, path)));
    }),
    '[method]descriptor.link-at': unsupported,
    '[method]descriptor.symlink-at': unsupported,
    '[method]descriptor.rename-at': unsupported,
    '[method]descriptor.readlink-at': (self: BorrowHandle, path: string) => attempt((): never => {
      const d = dir(self);
      stat(d, resolvePath(d.path, path));
      throw new FsError('invalid', 'not a symbolic link');
    }),
    '[method]descriptor.open-at': (self: BorrowHandle, _pf: unknown, path: string, of: OpenFlags, fl: DescriptorFlags) => attempt(() => {
      const d = dir(self);
      const p = resolvePath(d.path, path);
      const wantsWrite = fl.write === true || fl['mutate-directory'] === true || of.create === true || of.truncate === true;
      if (wantsWrite && !d.preopen.writable) throw new FsError('read-only');
      let s = d.preopen.fs.stat(p);
      if (s !== undefined && of.create === true && of.exclusive === true) throw new FsError('exist');
      if (s === undefined) {
        if (of.create !== true) throw new FsError('no-entry');
        if (of.directory === true) throw new FsError('no-entry');
        d.preopen.fs.writeFile(p, new Uint8Array(0));
        s = stat(d, p);
      }
      if (of.directory === true && s.type !== 'directory') throw new FsError('not-directory');
      if (s.type === 'directory' && fl.write === true) throw new FsError('is-directory');
      if (of.truncate === true && s.type === 'regular-file') d.preopen.fs.writeFile(p, new Uint8Array(0));
      return descriptors.own({
        preopen: d.preopen, path: p, read: fl.read === true, write: fl.write === true,
        mutate: fl['mutate-directory'] === true && d.preopen.writable,
      });
    }),
    '[method]descriptor.remove-directory-at': (self: BorrowHandle, path: string) => attempt(() => {
      const d = mutable(self);
      const p = resolvePath(d.path, path);
      if (stat(d, p).type !== 'directory') throw new FsError('not-directory');
      d.preopen.fs.remove(p);
    }),
    '[method]descriptor.unlink-file-at': (self: BorrowHandle, path: string) => attempt(() => {
      const d = mutable(self);
      const p = resolvePath(d.path, path);
      if (stat(d, p).type === 'directory') throw new FsError('is-directory');
      d.preopen.fs.remove(p);
    }),
    '[method]descriptor.is-same-object': (self: BorrowHandle, other: BorrowHandle): boolean => {
      const a = descriptors.get(self);
      const b = descriptors.get(other);
      return a.preopen.fs === b.preopen.fs && a.path.join('/') === b.path.join('/');
    },
    '[method]descriptor.metadata-hash': (self: BorrowHandle) => attempt(() => {
      const d = descriptors.get(self);
      stat(d, d.path);
      return { lower: fnv64(d.path.join('/')), upper: fnv64(d.preopen.guestPath) };
    }),
    '[method]descriptor.metadata-hash-at': (self: BorrowHandle, _flags: unknown, path: string) => attempt(() => {
      const d = dir(self);
      const p = resolvePath(d.path, path);
      stat(d, p);
      return { lower: fnv64(p.join('/')), upper: fnv64(d.preopen.guestPath) };
    }),
    // Stream errors of this host never carry a filesystem error code.
    'filesystem-error-code': (err: BorrowHandle): null => { io.error.get(err); return null; },
  };
  return {
    'wasi:filesystem/types': types,
    'wasi:filesystem/preopens': {
      descriptor,
      'get-directories': (): [OwnHandle, string][] => preopens.map((p) => [
        descriptors.own({ preopen: p, path: [], read: true, write: false, mutate: p.writable }), p.guestPath,
      ]),
    },
  };
}
