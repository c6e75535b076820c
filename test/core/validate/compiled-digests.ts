/**
 * Digests of the compiled output (code, side table, labels, label heights, local kinds, heights) of
 * every valid module of the 2.0 spec testsuite, of the generated load benchmark module and of the
 * componentize-js StarlingMonkey core module, one sha256 per source. The interpreter reads this
 * output; a load optimization must leave it unchanged word for word, which the digests committed
 * beside this file check (compiled-digests.test.ts).
 *
 * After a deliberate change of the compiled format: `node dist/test/core/validate/compiled-digests.js --write`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load } from '../../../src/core/index.js';
import { WasmError } from '../../../src/core/errors.js';
import { getCompiler } from '../../../spec-tests/compile.js';
import { parseScript } from '../../../spec-tests/script.js';
import { defaultSuiteDir, suiteFiles } from '../../../spec-tests/suite.js';
import { bigModule } from '../../../bench/src/big-module.js';
import { ROOT } from '../../repo-root.js';

export const DIGESTS_FILE = join(ROOT, 'test', 'core', 'validate', 'compiled-digests.json');
/** The 10.5 MB core module of a componentize-js component (present when the dev dependencies are). */
export const STARLINGMONKEY = join(ROOT, 'node_modules', '@bytecodealliance', 'componentize-js', 'lib', 'starlingmonkey_embedding.wasm');

/** Adds the compiled output of `bytes` to `hash`; invalid modules add their error. */
function addModule(hash: ReturnType<typeof createHash>, bytes: Uint8Array): void {
  let functions;
  try {
    functions = load(bytes).functions;
  } catch (e) {
    if (!(e instanceof WasmError)) throw e;
    hash.update(`error ${e.name}\n`);
    return;
  }
  for (const f of functions) {
    hash.update(`${f.funcIndex} ${f.typeIndex} ${f.numLocals} ${f.maxHeight}\n`);
    for (const a of [f.code, f.side, f.labelHeights, f.labels, f.localIsRef]) {
      hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      hash.update('|');
    }
  }
}

/** One digest per spec script (its modules in order), plus the benchmark and StarlingMonkey modules. */
export async function computeDigests(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const suite = defaultSuiteDir();
  if (suite !== undefined) {
    const compiler = await getCompiler();
    for (const path of suiteFiles(suite)) {
      const hash = createHash('sha256');
      for (const cmd of parseScript(new Uint8Array(readFileSync(path)))) {
        if (!('module' in cmd) || cmd.module === undefined || typeof cmd.module === 'string') continue;
        const source = cmd.module.source;
        if (source.kind === 'binary') addModule(hash, source.bytes);
        else if (source.kind === 'text') {
          const r = compiler.compile(source.text);
          if (r.ok) addModule(hash, r.bytes);
        }
      }
      out[`spec/${basename(path)}`] = hash.digest('hex');
    }
  }
  const big = createHash('sha256');
  addModule(big, bigModule(2_000_000));
  out['bench/bigModule(2000000)'] = big.digest('hex');
  if (existsSync(STARLINGMONKEY)) {
    const sm = createHash('sha256');
    addModule(sm, new Uint8Array(readFileSync(STARLINGMONKEY)));
    out['componentize-js/starlingmonkey_embedding.wasm'] = sm.digest('hex');
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv.includes('--write')) {
  const digests = await computeDigests();
  writeFileSync(DIGESTS_FILE, `${JSON.stringify(digests, null, 2)}\n`);
  console.log(`wrote ${Object.keys(digests).length} digests to ${DIGESTS_FILE}`);
}
