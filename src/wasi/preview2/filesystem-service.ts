/**
 * The filesystem service behind a WASI 0.2 pre-opened directory, and an in-memory implementation.
 * Paths reach the service already resolved against the pre-open root by filesystem.ts (no `..`, no
 * absolute paths, no symbolic links), as arrays of path components; `[]` is the root itself.
 */

/** `wasi:filesystem/types.error-code` cases this host reports. */
export type FsErrorCode =
  | 'access' | 'bad-descriptor' | 'exist' | 'invalid' | 'io' | 'is-directory' | 'no-entry'
  | 'not-directory' | 'not-empty' | 'not-permitted' | 'read-only' | 'unsupported' | 'insufficient-space';

/** A refusal the service reports to the guest as `error-code`. Any other exception is a host fault (trap). */
export class FsError extends Error {
  constructor(readonly code: FsErrorCode, detail: string = code) {
    super(detail);
    this.name = 'FsError';
  }
}

export type FsNodeType = 'directory' | 'regular-file';

export interface FsStat {
  readonly type: FsNodeType;
  readonly size: bigint;
  /** Last data modification, nanoseconds since the Unix epoch, when known. */
  readonly mtimeNs?: bigint;
}

export interface WasiFilesystem {
  /** The node at `path`, or undefined when there is none. */
  stat(path: readonly string[]): FsStat | undefined;
  /** The whole content of the regular file at `path`. */
  readFile(path: readonly string[]): Uint8Array;
  /** The entries of the directory at `path`. */
  list(path: readonly string[]): readonly { readonly name: string; readonly type: FsNodeType }[];
  /** Replaces (or creates) the regular file at `path`; its parent directory must exist. */
  writeFile(path: readonly string[], data: Uint8Array): void;
  /** Creates the directory at `path`; its parent must exist. */
  mkdir(path: readonly string[]): void;
  /** Removes the file, or the empty directory, at `path`. */
  remove(path: readonly string[]): void;
}

type MemNode = Uint8Array | Map<string, MemNode>;

/** A filesystem held in memory, with a byte quota (the guest cannot grow it without bound). */
export class MemoryFilesystem implements WasiFilesystem {
  private readonly root = new Map<string, MemNode>();
  private used = 0;

  constructor(private readonly quotaBytes = 16 << 20) {}

  private node(path: readonly string[]): MemNode | undefined {
    let n: MemNode = this.root;
    for (const c of path) {
      if (n instanceof Uint8Array) return undefined;
      const next: MemNode | undefined = n.get(c);
      if (next === undefined) return undefined;
      n = next;
    }
    return n;
  }

  private parent(path: readonly string[]): Map<string, MemNode> {
    if (path.length === 0) throw new FsError('exist', 'the root always exists');
    const p = this.node(path.slice(0, -1));
    if (p === undefined) throw new FsError('no-entry');
    if (p instanceof Uint8Array) throw new FsError('not-directory');
    return p;
  }

  stat(path: readonly string[]): FsStat | undefined {
    const n = this.node(path);
    if (n === undefined) return undefined;
    return n instanceof Uint8Array ? { type: 'regular-file', size: BigInt(n.length) } : { type: 'directory', size: 0n };
  }

  readFile(path: readonly string[]): Uint8Array {
    const n = this.node(path);
    if (n === undefined) throw new FsError('no-entry');
    if (!(n instanceof Uint8Array)) throw new FsError('is-directory');
    return n;
  }

  list(path: readonly string[]): { name: string; type: FsNodeType }[] {
    const n = this.node(path);
    if (n === undefined) throw new FsError('no-entry');
    if (n instanceof Uint8Array) throw new FsError('not-directory');
    return [...n].map(([name, c]) => ({ name, type: c instanceof Uint8Array ? 'regular-file' : 'directory' }));
  }

  writeFile(path: readonly string[], data: Uint8Array): void {
    const p = this.parent(path);
    const name = path[path.length - 1]!;
    const old = p.get(name);
    if (old instanceof Map) throw new FsError('is-directory');
    const delta = data.length - (old?.length ?? 0);
    if (this.used + delta > this.quotaBytes) throw new FsError('insufficient-space');
    this.used += delta;
    p.set(name, data.slice());
  }

  mkdir(path: readonly string[]): void {
    const p = this.parent(path);
    const name = path[path.length - 1]!;
    if (p.has(name)) throw new FsError('exist');
    p.set(name, new Map());
  }

  remove(path: readonly string[]): void {
    const p = this.parent(path);
    const name = path[path.length - 1]!;
    const n = p.get(name);
    if (n === undefined) throw new FsError('no-entry');
    if (n instanceof Map && n.size > 0) throw new FsError('not-empty');
    if (n instanceof Uint8Array) this.used -= n.length;
    p.delete(name);
  }
}
