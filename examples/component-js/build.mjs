// Builds examples/component-js/out/greeter.wasm from greeter.js + wit/ with `jco componentize`
// (componentize-js, a StarlingMonkey image of ~12 MB). Offline: everything comes from node_modules.
// The output is not committed (12 MB per revision would bloat the repository); it is rebuilt only when
// the source, the WIT or the componentize-js version changes (key file next to it).
// Usage (from the repository root): node examples/component-js/build.mjs
import { register } from 'node:module';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = 'examples/component-js';
const out = join(here, 'out');
const wasmPath = join(out, 'greeter.wasm');
const keyPath = join(out, 'greeter.key');

const pkg = JSON.parse(readFileSync('node_modules/@bytecodealliance/componentize-js/package.json', 'utf8'));
const key = createHash('sha256')
  .update(readFileSync(join(here, 'greeter.js')))
  .update(readFileSync(join(here, 'wit/world.wit')))
  .update(pkg.version)
  .digest('hex');

if (existsSync(wasmPath) && existsSync(keyPath) && readFileSync(keyPath, 'utf8') === key) {
  console.log(`${wasmPath} is up to date`);
} else {
  register(new URL('./resolve-shim.mjs', import.meta.url));
  // preview2-shim 0.26 gives its components no filesystem by default; componentize's splicer must read the WIT.
  const { _setPreopens } = await import('@bytecodealliance/preview2-shim/filesystem');
  _setPreopens({ '/': '/' });
  const { componentize } = await import('@bytecodealliance/componentize-js');
  const started = Date.now();
  const { component } = await componentize({
    sourcePath: join(here, 'greeter.js'),
    witPath: join(here, 'wit'),
    worldName: 'greeter',
    // An MCP guest needs no HTTP: without these features the component imports no wasi:http.
    disableFeatures: ['http', 'fetch-event'],
  });
  mkdirSync(out, { recursive: true });
  writeFileSync(wasmPath, component);
  writeFileSync(keyPath, key);
  console.log(`built ${wasmPath}: ${component.length} bytes in ${Date.now() - started} ms (componentize-js ${pkg.version})`);
}
