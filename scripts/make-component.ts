/**
 * Makes a component from a core module built for a WIT world: embeds the world's WIT (the
 * `component-type` custom section) and wraps the module with wit-component, using the wasm-tools
 * that @bytecodealliance/jco-transpile bundles, in memory.
 *
 * Why not `jco embed` + `jco new`: jco 1.35's CLI runs wasm-tools under a preview2 shim that grants no
 * filesystem, so it cannot read WIT files ("os error 44"). Here the WIT is read by Node and handed
 * over as source: the main file plus each `deps/<name>/*.wit` package, rewritten into WIT's nested
 * `package name { ... }` form so that one source holds them all.
 *
 * Usage: node dist/scripts/make-component.js CORE.wasm WIT_FILE WORLD OUT.wasm
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';
import { isMain } from './is-main.js';

/** The WIT of `file` with every package under its `deps/` folder appended in nested form. */
export function witWithDeps(file: string): string {
  const parts = [readFileSync(file, 'utf8')];
  const deps = join(dirname(file), 'deps');
  if (existsSync(deps)) {
    for (const dep of readdirSync(deps).sort()) {
      for (const f of readdirSync(join(deps, dep)).filter((n) => n.endsWith('.wit')).sort()) {
        const text = readFileSync(join(deps, dep, f), 'utf8');
        const nested = text.replace(/^package\s+([^;\s]+)\s*;/m, 'package $1 {');
        if (nested === text) throw new Error(`${join(deps, dep, f)}: no package header`);
        parts.push(`${nested}\n}\n`);
      }
    }
  }
  return parts.join('\n');
}

export async function makeComponent(core: Uint8Array, witFile: string, world: string): Promise<Uint8Array> {
  const embedded = await componentEmbed({ binary: core, witSource: witWithDeps(witFile), world });
  return componentNew(embedded);
}

if (isMain(import.meta.url)) {
  const [coreFile, witFile, world, out] = process.argv.slice(2);
  if (coreFile === undefined || witFile === undefined || world === undefined || out === undefined) {
    console.error('usage: make-component CORE.wasm WIT_FILE WORLD OUT.wasm');
    process.exit(2);
  }
  const bytes = await makeComponent(new Uint8Array(readFileSync(coreFile)), witFile, world);
  writeFileSync(out, bytes);
  console.log(`made ${out} (${bytes.length} bytes)`);
}
