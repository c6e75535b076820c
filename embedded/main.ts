/**
 * `npm run embedded`: the whole WebAssembly 2.0 spec suite inside QuickJS on the product bundle,
 * compared with Node assertion by assertion, each script in a fresh QuickJS runtime under the memory
 * limit; then the idle footprint of a small module (examples/add.wasm) and of the C MCP example
 * (examples/c-mcp-stdio/server.wasm, from `npm run build:examples`).
 *
 * Usage: node dist/embedded/main.js [--subset N] [--files REGEX] [--suite DIR]
 * Exit code 1 when any assertion disagrees or fails.
 */

import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { defaultSuiteDir, fileFilter, suiteFiles, NO_SUITE_MESSAGE } from '../spec-tests/suite.js';
import { repoRoot } from '../scripts/bundle.js';
import { measureIdleFootprint, measureIdleMcpFootprint } from './footprint.js';
import { MEMORY_LIMIT_BYTES, MEMORY_LIMIT_EXCEPTIONS, loadEmbeddedCode } from './quickjs-host.js';
import { compareFile, tallyOf } from './suite-run.js';

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

function exceptionFree(file: string): boolean {
  return !MEMORY_LIMIT_EXCEPTIONS.has(file);
}

function kib(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}

async function main(argv: readonly string[]): Promise<number> {
  const suite = option(argv, '--suite') ?? defaultSuiteDir();
  if (suite === undefined) {
    console.error(NO_SUITE_MESSAGE);
    return 2;
  }
  const subset = option(argv, '--subset');
  const maxCommands = subset === undefined ? undefined : Number(subset);
  const files = suiteFiles(suite).filter(fileFilter(option(argv, '--files')));
  const code = await loadEmbeddedCode();
  console.log(`QuickJS (quickjs-ng, wasm) with the core bundle (${kib(code.core.length)} minified); memory limit ${mib(MEMORY_LIMIT_BYTES)} per script` +
    (maxCommands === undefined ? '' : `; first ${maxCommands} commands of each file`));
  const started = performance.now();
  let node = { passed: 0, failed: 0, skipped: 0 };
  let emb = { passed: 0, failed: 0, skipped: 0 };
  let disagreeing = 0;
  let maxMemory = 0;
  let maxMemoryFile = '';
  let nodeMs = 0;
  for (const path of files) {
    const r = await compareFile(path, code, maxCommands === undefined ? {} : { maxCommands });
    const a = tallyOf(r.node);
    const b = tallyOf(r.embedded);
    node = { passed: node.passed + a.passed, failed: node.failed + a.failed, skipped: node.skipped + a.skipped };
    emb = { passed: emb.passed + b.passed, failed: emb.failed + b.failed, skipped: emb.skipped + b.skipped };
    disagreeing += r.disagreements.length + (r.error === undefined ? 0 : 1);
    if (exceptionFree(r.file) && r.memoryAfterBytes > maxMemory) {
      maxMemory = r.memoryAfterBytes;
      maxMemoryFile = r.file;
    }
    nodeMs += r.nodeMs;
    const exception = MEMORY_LIMIT_EXCEPTIONS.get(r.file);
    const line = `${r.file.padEnd(34)} ${String(b.passed).padStart(5)} passed ${String(b.failed).padStart(3)} failed ` +
      `${String(b.skipped).padStart(4)} skipped  ${(r.embeddedMs / 1000).toFixed(1).padStart(6)} s ${mib(r.memoryAfterBytes).padStart(10)}` +
      (exception === undefined ? '' : `  (limit ${mib(exception.bytes)}: ${exception.why})`);
    console.log(line);
    if (r.error !== undefined) console.log(`  error: ${r.error}`);
    for (const d of r.disagreements.slice(0, 5)) {
      const reason = r.embedded[d.index]?.reason ?? r.node[d.index]?.reason ?? '';
      console.log(`  disagreement at line ${d.line}: node "${d.node}", QuickJS "${d.embedded}" ${reason}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log('');
  console.log(`files: ${files.length}; assertions: ${emb.passed + emb.failed + emb.skipped}`);
  console.log(`Node:    ${node.passed} passed, ${node.failed} failed, ${node.skipped} skipped (${(nodeMs / 1000).toFixed(1)} s)`);
  console.log(`QuickJS: ${emb.passed} passed, ${emb.failed} failed, ${emb.skipped} skipped`);
  console.log(`disagreements: ${disagreeing}; wall time ${seconds.toFixed(1)} s; largest memory in use at the end of a script under the standard limit (its store still alive): ${mib(maxMemory)} (${maxMemoryFile})`);
  const addWasm = join(repoRoot(), 'examples', 'add.wasm');
  if (existsSync(addWasm)) {
    const f = await measureIdleFootprint(code, new Uint8Array(readFileSync(addWasm)));
    console.log(`idle footprint of ${basename(addWasm)} (${readFileSync(addWasm).length} bytes): ${f.instanceBytes} B ` +
      `(${kib(f.instanceBytes)}) over ${kib(f.baselineBytes)} for engine + core + harness (loaded: ${kib(f.loadedBytes)}); limit ${mib(f.limitBytes)}`);
  }
  const mcpWasm = join(repoRoot(), 'examples', 'c-mcp-stdio', 'server.wasm');
  if (existsSync(mcpWasm)) {
    const bytes = new Uint8Array(readFileSync(mcpWasm));
    let tools = 0;
    const f = await measureIdleMcpFootprint(code, bytes, (request) => {
      const r = request('tools/list', {});
      tools = Array.isArray(r.result?.['tools']) ? r.result['tools'].length : 0;
    });
    console.log(`idle footprint of the C MCP example (${bytes.length} bytes, booted by the host's stdio driver, ${f.boot.status}, ${tools} tools listed): ` +
      `${f.instanceBytes} B (${kib(f.instanceBytes)}) over ${kib(f.baselineBytes)}; limit ${mib(f.limitBytes)}`);
  } else {
    console.log('idle footprint of the C MCP example: not measured, examples/c-mcp-stdio/server.wasm is not built (npm run build:examples)');
  }
  console.log(`embedded: ${emb.passed} passed, ${emb.failed + disagreeing} failed`);
  return emb.failed === 0 && disagreeing === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
