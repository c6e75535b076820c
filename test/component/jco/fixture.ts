/**
 * The jco differential fixture: diff.c (hand-written canonical ABI glue) built by clang-14 into a core
 * module, made a component with the in-memory wasm-tools API of @bytecodealliance/jco-transpile
 * (`componentEmbed` + `componentNew`: jco 1.35's CLI cannot read WIT from disk), and the same
 * component transpiled by `transpileBytes` to JS that runs on V8. Built once per process.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import { componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';
import { V8 } from '../../fuzz/oracle.js';
import { cachedCBuild } from '../c-build.js';

const SRC = (() => {
  const fromCwd = join(process.cwd(), 'test', 'component', 'jco');
  if (existsSync(join(fromCwd, 'diff.c'))) return fromCwd;
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'test', 'component', 'jco');
})();

/** The JS exports of one jco instance (names in jco's lowerCamelCase). */
export type JcoExports = Record<string, unknown>;

export interface DiffFixture {
  /** The component binary (what our runtime loads). */
  readonly component: Uint8Array;
  /** A fresh jco instance of the same component (a trap poisons an instance, in jco as in our runtime). */
  jcoInstance(): JcoExports;
}

type Instantiate = (getCoreModule: (name: string) => object, imports: object) => JcoExports;

let fixture: Promise<DiffFixture | { skip: string }> | undefined;

export function diffFixture(): Promise<DiffFixture | { skip: string }> {
  fixture ??= (async () => {
    const core = cachedCBuild('jco-diff', SRC, 'build.sh', ['diff.c', 'build.sh']);
    if (typeof core !== 'string') return core;
    const embedded = await componentEmbed({ binary: readFileSync(core), witSource: readFileSync(join(SRC, 'diff.wit'), 'utf8'), world: 'values' });
    const component = await componentNew(embedded);
    const { files } = await transpileBytes(component, { name: 'diff', instantiation: 'sync' });
    const dir = mkdtempSync(join(tmpdir(), 'mcp-wrt-jco-diff-js-'));
    const modules = new Map<string, object>();
    for (const [name, bytes] of Object.entries(files)) {
      if (name.includes('/')) continue; // type declarations of interfaces
      writeFileSync(join(dir, name), bytes);
      if (name.endsWith('.wasm')) modules.set(name, new V8.Module(bytes));
    }
    const mod = (await import(pathToFileURL(join(dir, 'diff.js')).href)) as { instantiate: Instantiate };
    rmSync(dir, { recursive: true, force: true }); // loaded: the core modules are compiled in `modules`
    return {
      component,
      jcoInstance: () => mod.instantiate((name) => {
        const m = modules.get(name);
        if (m === undefined) throw new Error(`jco asked for an unknown core module ${name}`);
        return m;
      }, {}),
    };
  })();
  return fixture;
}
