/**
 * `npm run bench [-- --quick] [-- --check] [-- --update-baseline] [-- --runs N] [-- --only a,b]`
 *
 * Runs every kernel of bench/build/ (built by bench/build.sh; full size: the workloads of issue #7,
 * 1-2.7 s on native wabt; `--quick`: an eighth of them, a cold-start figure) on each engine, alternating engines and
 * kernels so machine noise hits all alike: our interpreter, wabt's native `wasm-interp`, V8
 * (optimizing tier) and V8 with `--liftoff-only`. Each measurement runs in its own process; times
 * are medians. Writes bench/results/latest{,-quick}.{md,json,svg}. `--check` compares the ratio
 * ours/wabt-native with bench/results/baseline.json and exits 1 on a slowdown over 10 % (geometric
 * mean), and exits 3 when an engine's checksum differs from ours; `--update-baseline` stores this run as the baseline of its mode. `--engines ours,wabt`
 * measures only those engines (for quick iterations). A full run without `--only` also measures the
 * load of the componentize-js component, `tools/call` latency through `mcp-wrt serve` and the spec
 * suite's run time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stdioLatency, type Latency } from './mcp-latency.js';
import { readBenchReports, readmeBlock, replaceReadmeBlock } from './report.js';
import { geomean, median } from './stats.js';
import { ratioChart } from './svg.js';
import type { WorkerResult } from './worker.js';

const here = dirname(fileURLToPath(import.meta.url));
const distRoot = join(here, '..', '..');
const repo = process.cwd();
const buildDir = join(repo, 'bench', 'build');
const resultsDir = join(repo, 'bench', 'results');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const check = args.includes('--check');
const updateBaseline = args.includes('--update-baseline');
const runsArg = args.indexOf('--runs');
const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : quick ? 3 : 5;
const onlyArg = args.indexOf('--only');
const only = onlyArg >= 0 ? new Set(args[onlyArg + 1]!.split(',')) : null;
const mode = quick ? 'quick' : 'full';

type Engine = 'ours' | 'wabt' | 'wabt-wasm' | 'v8' | 'liftoff';
const enginesArg = args.indexOf('--engines');
const ENGINES: readonly Engine[] = enginesArg >= 0
  ? (args[enginesArg + 1]!.split(',') as Engine[])
  : ['ours', 'wabt', 'wabt-wasm', 'v8', 'liftoff'];

interface Sample { ms: number; checksum: number; instructions: number | null; maxRssKb: number | null }

/**
 * The native `wasm-interp` (Debian's wabt, a C++ ELF binary) on PATH, or null. Directories of npm
 * binaries are skipped: under `npm run`, node_modules/.bin comes first on PATH, and the `wabt` npm
 * package installs a `wasm-interp` there that is wabt compiled to wasm running on Node (about 4x
 * slower than native), which would silently make every ours/wabt ratio look twice as good.
 */
function nativeWasmInterp(): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(':')) {
    if (dir === '' || dir.includes('node_modules')) continue;
    const f = join(dir, 'wasm-interp');
    if (!existsSync(f)) continue;
    const head = readFileSync(f).subarray(0, 4);
    if (head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) return f; // "\x7fELF"
  }
  return null;
}

const wasmInterp = nativeWasmInterp();
/** The `wabt` npm package's `wasm-interp`: wabt compiled to wasm (emscripten), run by this Node. */
const wasmInterpOnV8 = join(repo, 'node_modules', 'wabt', 'bin', 'wasm-interp');
const hasWabt = wasmInterp !== null;
const hasTime = existsSync('/usr/bin/time');
if (!hasWabt) console.warn('bench: native wasm-interp not found (apt-get install wabt); native wabt column left empty');

/** A module whose `run` returns 0 at once: its wasm-interp time is process start-up, subtracted. */
function trivialModule(): string {
  const bytes = Uint8Array.from([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    1, 5, 1, 0x60, 0, 1, 0x7f, // type () -> i32
    3, 2, 1, 0, // one function
    7, 7, 1, 3, 0x72, 0x75, 0x6e, 0, 0, // export "run"
    10, 6, 1, 4, 0, 0x41, 0, 0x0b, // i32.const 0
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const f = join(dir, 'trivial.wasm');
  writeFileSync(f, bytes);
  return f;
}

function runWorker(engine: 'ours' | 'v8' | 'liftoff', file: string): Sample {
  const nodeArgs = engine === 'liftoff' ? ['--liftoff-only'] : [];
  const r = spawnSync(process.execPath, [...nodeArgs, join(here, 'worker.js'), engine === 'liftoff' ? 'v8' : engine, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`${engine} on ${file} failed: ${r.stderr}`);
  const w = JSON.parse(r.stdout.trim().split('\n').pop()!) as WorkerResult;
  return { ms: w.ms, checksum: w.checksum, instructions: w.instructions, maxRssKb: w.maxRssKb };
}

/** wabt's `wasm-interp`, native or (onV8) the npm build, timed as a whole process; its start-up is subtracted later. */
function runWabt(file: string, onV8 = false): Sample {
  const interp = onV8 ? [process.execPath, wasmInterpOnV8] : [wasmInterp!];
  const [cmd, ...argv] = [...(hasTime ? ['/usr/bin/time', '-f', 'maxrss=%M'] : []), ...interp, file, '--run-all-exports'];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd!, argv, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /run\(\) => i32:(-?\d+)/.exec(r.stdout);
  if (r.status !== 0 || m === null) throw new Error(`wasm-interp on ${file} failed: ${r.stdout}${r.stderr}`);
  const rss = /maxrss=(\d+)/.exec(r.stderr);
  return { ms, checksum: Number(m[1]) >>> 0, instructions: null, maxRssKb: rss === null ? null : Number(rss[1]) };
}

function measure(engine: Engine, file: string): Sample | null {
  if (engine === 'wabt') return hasWabt ? runWabt(file) : null;
  if (engine === 'wabt-wasm') return existsSync(wasmInterpOnV8) ? runWabt(file, true) : null;
  return runWorker(engine, file);
}

// ------------------------------------------------------------------------------------------ kernels
if (!existsSync(buildDir)) {
  console.error('bench: bench/build/ is missing; run bash bench/build.sh (npm run bench does)');
  process.exit(2);
}
const suffix = quick ? '.quick.wasm' : '.wasm';
const kernels = readdirSync(buildDir)
  .filter((f) => f.endsWith(suffix) && (quick || !f.endsWith('.quick.wasm')))
  .map((f) => f.slice(0, -suffix.length))
  .filter((k) => only === null || only.has(k))
  .sort();

/** Process start-up of the engines timed as whole processes: the median time of a trivial module. */
const startup = new Map<Engine, number>();
{
  const t = trivialModule();
  for (const e of ['wabt', 'wabt-wasm'] as const) {
    const xs: number[] = [];
    for (let i = 0; i < 5 && ENGINES.includes(e); i++) {
      const sample = measure(e, t);
      if (sample !== null) xs.push(sample.ms);
    }
    if (xs.length > 0) startup.set(e, median(xs));
  }
}
const wabtStartup = startup.get('wabt') ?? 0;

const samples = new Map<string, Map<Engine, Sample[]>>();
for (const k of kernels) samples.set(k, new Map(ENGINES.map((e) => [e, []])));
const t0 = Date.now();
for (let r = 0; r < runs; r++) {
  for (const k of kernels) {
    const file = join(buildDir, k + suffix);
    // Rotate the engine order each round so no engine always runs right after another.
    for (let j = 0; j < ENGINES.length; j++) {
      const e = ENGINES[(j + r) % ENGINES.length]!;
      // wabt on V8 takes about 4x native wabt's time: at full size, one run per kernel is measured.
      if (e === 'wabt-wasm' && !quick && r > 0) continue;
      const s = measure(e, file);
      if (s !== null) samples.get(k)!.get(e)!.push(s);
    }
  }
  process.stderr.write(`bench: round ${r + 1}/${runs} done (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
}

// ------------------------------------------------------------------------------------------ summary
interface EngineSummary { medianMs: number; maxRssMb: number | null }
interface KernelResult {
  name: string;
  checksum: number;
  instructions: number | null;
  mips: number | null;
  engines: Partial<Record<Engine, EngineSummary>>;
  ratioWabt: number;
  ratioV8: number;
  ratioLiftoff: number;
  ratioWabtWasm: number;
}

const results: KernelResult[] = [];
let mismatch = false;
for (const k of kernels) {
  const byEngine = samples.get(k)!;
  const ours = byEngine.get('ours')!;
  const checksum = ours[0]!.checksum;
  const engines: Partial<Record<Engine, EngineSummary>> = {};
  for (const e of ENGINES) {
    const xs = byEngine.get(e)!;
    if (xs.length === 0) continue;
    for (const s of xs) {
      if (s.checksum !== checksum) {
        console.error(`bench: checksum mismatch on ${k}: ours ${checksum}, ${e} ${s.checksum}`);
        mismatch = true;
      }
    }
    const ms = median(xs.map((s) => s.ms)) - (startup.get(e) ?? 0);
    const rss = xs.map((s) => s.maxRssKb).filter((x): x is number => x !== null);
    engines[e] = { medianMs: ms, maxRssMb: rss.length > 0 ? Math.max(...rss) / 1024 : null };
  }
  const instr = ours[0]!.instructions;
  const oursMs = engines.ours!.medianMs;
  results.push({
    name: k,
    checksum,
    instructions: instr,
    mips: instr === null ? null : instr / (oursMs / 1000) / 1e6,
    engines,
    ratioWabt: engines.wabt ? oursMs / engines.wabt.medianMs : NaN,
    ratioV8: engines.v8 ? oursMs / engines.v8.medianMs : NaN,
    ratioLiftoff: engines.liftoff ? oursMs / engines.liftoff.medianMs : NaN,
    ratioWabtWasm: engines['wabt-wasm'] ? oursMs / engines['wabt-wasm'].medianMs : NaN,
  });
}

function runJson(engine: 'load' | 'idle' | 'component', arg: string, nodeArgs: string[] = []): unknown {
  const r = spawnSync(process.execPath, [...nodeArgs, join(here, 'worker.js'), engine, arg], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${engine} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim());
}

const loadResult = runJson('load', String(quick ? 2_000_000 : 8_000_000)) as { bytes: number; ms: number; mbPerS: number };
const idleKernel = kernels.includes('fib_rec') ? 'fib_rec' : kernels[0]!;
const idle = runJson('idle', join(buildDir, idleKernel + suffix), ['--expose-gc']) as { bytesPerInstance: number };

/**
 * The componentize-js component of examples/component-js (built from node_modules by its build.mjs,
 * kept until its inputs change): the cold load, in a fresh process, median of three processes.
 */
function componentLoad(): { bytes: number; coldMs: number; warmMs: number } | null {
  const b = spawnSync(process.execPath, [join('examples', 'component-js', 'build.mjs')], { cwd: repo, encoding: 'utf8' });
  if (b.status !== 0) { console.error(`bench: the componentize-js example did not build: ${b.stderr}`); return null; }
  const file = join(repo, 'examples', 'component-js', 'out', 'greeter.wasm');
  const xs = [0, 1, 2].map(() => runJson('component', file) as { bytes: number; coldMs: number; warmMs: number });
  return { bytes: xs[0]!.bytes, coldMs: median(xs.map((x) => x.coldMs)), warmMs: median(xs.map((x) => x.warmMs)) };
}

/** Number of timed `tools/call` requests of the latency measurement. */
const LATENCY_CALLS = 1000;

let specSeconds: number | null = null;
let component: ReturnType<typeof componentLoad> = null;
let latency: (Latency & { protocolVersion: string }) | null = null;
if (!quick && only === null) {
  component = componentLoad();
  latency = await stdioLatency(join(distRoot, 'src', 'cli', 'main.js'), join(repo, 'examples', 'c-mcp-component', 'notes.wasm'), [], LATENCY_CALLS, 'legacy');
  const t = Date.now();
  const r = spawnSync(process.execPath, [join(distRoot, 'src', 'cli', 'main.js'), 'spec'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  specSeconds = (Date.now() - t) / 1000;
  if (r.status !== 0) { console.error('bench: spec suite failed'); specSeconds = null; }
}

const summary = {
  date: new Date().toISOString(),
  mode,
  runs,
  node: process.version,
  wabtStartupMs: wabtStartup,
  wabtWasmStartupMs: startup.get('wabt-wasm') ?? null,
  kernels: results,
  geomean: {
    ratioWabt: geomean(results.map((r) => r.ratioWabt)),
    ratioV8: geomean(results.map((r) => r.ratioV8)),
    ratioLiftoff: geomean(results.map((r) => r.ratioLiftoff)),
    ratioWabtWasm: geomean(results.map((r) => r.ratioWabtWasm)),
  },
  load: { bytes: loadResult.bytes, ms: loadResult.ms, mbPerS: loadResult.mbPerS },
  componentLoad: component === null ? null : { ...component, coldMbPerS: component.bytes / 1e6 / (component.coldMs / 1000) },
  toolsCallLatency: latency === null ? null : { guest: 'examples/c-mcp-component', transport: 'stdio', ...latency },
  idleInstance: { module: idleKernel, bytes: idle.bytesPerInstance },
  specSuiteSeconds: specSeconds,
};

// ------------------------------------------------------------------------------------------ report
const f2 = (x: number | null | undefined, d = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d));
const lines: string[] = [];
lines.push(`# Benchmark results (${mode})`, '');
lines.push(`${summary.date}, Node ${summary.node}, ${runs} runs per engine (wabt.wasm: ${quick ? runs : 1}), medians; wabt = native \`wasm-interp\` (start-up of ${f2(wabtStartup, 1)} ms subtracted), wabt.wasm = the \`wabt\` npm package's \`wasm-interp\` on this Node (start-up of ${f2(startup.get('wabt-wasm'), 0)} ms subtracted).`, '');
lines.push('| kernel | ours ms | wabt ms | wabt.wasm ms | V8 ms | liftoff ms | ours/wabt | ours/wabt.wasm | ours/V8 | ours/liftoff | Minstr/s | ours peak MB | wabt peak MB |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const e = r.engines;
  lines.push(`| ${r.name} | ${f2(e.ours?.medianMs, 0)} | ${f2(e.wabt?.medianMs, 0)} | ${f2(e['wabt-wasm']?.medianMs, 0)} | ${f2(e.v8?.medianMs, 1)} | ${f2(e.liftoff?.medianMs, 1)} | ${f2(r.ratioWabt)} | ${f2(r.ratioWabtWasm)} | ${f2(r.ratioV8, 0)} | ${f2(r.ratioLiftoff, 0)} | ${f2(r.mips, 0)} | ${f2(e.ours?.maxRssMb, 0)} | ${f2(e.wabt?.maxRssMb, 0)} |`);
}
lines.push(`| **geomean** | | | | | | **${f2(summary.geomean.ratioWabt)}** | **${f2(summary.geomean.ratioWabtWasm)}** | **${f2(summary.geomean.ratioV8, 0)}** | **${f2(summary.geomean.ratioLiftoff, 0)}** | | | |`, '');
lines.push(`- Load (decode + validate) of a generated ${(loadResult.bytes / 1e6).toFixed(1)} MB module: ${f2(loadResult.ms, 0)} ms = **${f2(loadResult.mbPerS, 1)} MB/s**.`);
lines.push(component === null
  ? '- Load of the componentize-js component (examples/component-js): not run in this mode.'
  : `- Load (decode + validate) of the ${(component.bytes / 1e6).toFixed(1)} MB componentize-js component (examples/component-js), fresh process: **${f2(component.coldMs, 0)} ms** cold (${f2(summary.componentLoad!.coldMbPerS, 1)} MB/s), ${f2(component.warmMs, 0)} ms warm.`);
lines.push(latency === null
  ? '- `tools/call` latency: not run in this mode.'
  : `- \`tools/call\` latency of the C WASI-MCP example through \`mcp-wrt serve\` (stdio, ${latency.protocolVersion}, SDK client, ${latency.calls} calls): median **${f2(latency.median)} ms**, p99 **${f2(latency.p99)} ms**.`);
lines.push(`- Memory per idle instance of \`${idleKernel}\` (linear memory included): ${(idle.bytesPerInstance / 1024).toFixed(0)} KiB.`);
lines.push(`- Spec suite (\`mcp-wrt spec\`, whole 2.0 suite): ${specSeconds === null ? 'not run in this mode' : specSeconds.toFixed(1) + ' s'}.`);
lines.push('- Peak MB is the peak RSS of the measuring process (Node itself is about 40-50 MB of ours).');
const base = quick ? 'latest-quick' : 'latest';
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, base + '.md'), lines.join('\n') + '\n');
writeFileSync(join(resultsDir, base + '.json'), JSON.stringify(summary, null, 2) + '\n');
writeFileSync(join(resultsDir, base + '.svg'), ratioChart(`Time ratio ours / other engine (${mode})`, results.map((r) => r.name), [
  { label: 'ours / wabt native', color: '#2b6cb0', ratios: results.map((r) => r.ratioWabt) },
  { label: 'ours / wabt on V8 (npm)', color: '#38a169', ratios: results.map((r) => r.ratioWabtWasm) },
  { label: 'ours / V8 liftoff', color: '#dd6b20', ratios: results.map((r) => r.ratioLiftoff) },
  { label: 'ours / V8 TurboFan', color: '#c53030', ratios: results.map((r) => r.ratioV8) },
]));
console.log(lines.join('\n'));

// A run of every kernel on every engine regenerates README's performance block from the result files.
if (only === null && enginesArg < 0) {
  const { full, quick: quickReport } = readBenchReports(resultsDir);
  if (full !== null) {
    const readme = join(repo, 'README.md');
    writeFileSync(readme, replaceReadmeBlock(readFileSync(readme, 'utf8'), readmeBlock(full, quickReport)));
  }
}

// ------------------------------------------------------------------------------------------ baseline
const baselineFile = join(resultsDir, 'baseline.json');
type Baseline = Partial<Record<'full' | 'quick', { geomeanRatioWabt: number; kernels: Record<string, number>; date: string }>>;
const baseline: Baseline = existsSync(baselineFile) ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as Baseline) : {};
let failed = false;
if (check) {
  const b = baseline[mode];
  if (b === undefined) {
    console.error(`bench --check: no ${mode} baseline in bench/results/baseline.json`);
    failed = true;
  } else {
    for (const r of results) {
      const old = b.kernels[r.name];
      if (old !== undefined && r.ratioWabt > old * 1.1) console.warn(`bench --check: ${r.name} ratio ${r.ratioWabt.toFixed(3)} vs baseline ${old.toFixed(3)} (>10 % slower)`);
    }
    // Compare over the kernels both runs have (a run with --only measures a subset).
    const both = results.filter((r) => b.kernels[r.name] !== undefined);
    const g = geomean(both.map((r) => r.ratioWabt));
    const gBase = geomean(both.map((r) => b.kernels[r.name]!));
    const verdict = !(g <= gBase * 1.1) ? 'FAIL' : 'ok';
    console.log(`bench --check: geomean ours/wabt ${g.toFixed(3)} vs baseline ${gBase.toFixed(3)} over ${both.length} kernels: ${verdict}`);
    if (verdict === 'FAIL') failed = true;
  }
}
if (updateBaseline) {
  baseline[mode] = {
    date: summary.date,
    geomeanRatioWabt: summary.geomean.ratioWabt,
    kernels: Object.fromEntries(results.map((r) => [r.name, r.ratioWabt])),
  };
  writeFileSync(baselineFile, JSON.stringify(baseline, null, 2) + '\n');
  console.log(`bench: stored the ${mode} baseline`);
}
// A checksum that differs from ours is a wrong result, not a slowdown: its own exit status (CI gates on it).
process.exit(mismatch ? 3 : failed ? 1 : 0);
