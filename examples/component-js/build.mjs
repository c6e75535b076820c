// Builds examples/component-js/out/greeter.wasm from greeter.js + wit/ with `jco componentize`
// (componentize-js, a StarlingMonkey image of ~12 MB). Offline: everything comes from node_modules.
// The output is not committed (12 MB per revision would bloat the repository); it is rebuilt only when
// the source, the WIT or the componentize-js version changes (key file next to it).
// Usage (from the repository root): node examples/component-js/build.mjs [SOURCE.js WIT_DIR WORLD OUT.wasm]
// (no arguments: the greeter; examples/js-mcp-component builds its WASI-MCP guest with arguments).
import { register } from 'node:module';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const here = 'examples/component-js';
const [sourcePath, witPath, worldName, wasmPath] = process.argv.length > 2
  ? process.argv.slice(2)
  : [join(here, 'greeter.js'), join(here, 'wit'), 'greeter', join(here, 'out', 'greeter.wasm')];
const out = dirname(wasmPath);
const keyPath = wasmPath.replace(/\.wasm$/, '.key');

/** The .wit files under a directory, recursively (deps included), in a stable order. */
const witFiles = (dir) => readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
  .flatMap((e) => (e.isDirectory() ? witFiles(join(dir, e.name)) : e.name.endsWith('.wit') ? [join(dir, e.name)] : []));

const pkg = JSON.parse(readFileSync('node_modules/@bytecodealliance/componentize-js/package.json', 'utf8'));
const hash = createHash('sha256').update(readFileSync(sourcePath)).update(worldName);
for (const f of witFiles(witPath)) hash.update(readFileSync(f));
const key = hash.update(pkg.version).digest('hex');

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
    sourcePath,
    witPath,
    worldName,
    // An MCP guest needs no HTTP: without these features the component imports no wasi:http.
    disableFeatures: ['http', 'fetch-event'],
  });
  mkdirSync(out, { recursive: true });
  writeFileSync(wasmPath, component);
  writeFileSync(keyPath, key);
  console.log(`built ${wasmPath}: ${component.length} bytes in ${Date.now() - started} ms (componentize-js ${pkg.version})`);
}
