/**
 * The property soak (issue #6): `npm run fuzz -- [--runs N | --scale K] [--seed S] [--out FILE] [--only SUBSTR]`.
 * Runs every property test of <dist>/test/property with N runs each (or K
 * times its CI run count) and seed S, then prints each property's run count, seed and outcome from
 * the summary file (default coverage/out/properties-soak.json; format in test/property/README.md).
 * Exit code 0 only when every property passed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readSummary } from '../test/fuzz/summary.js';

interface Options { runs?: number; scale?: number; seed: number; out: string; only?: string; dist: string; concurrency: number }

function parse(argv: readonly string[]): Options {
  const o: Options = { seed: Date.now() % 2 ** 31, out: 'coverage/out/properties-soak.json', dist: 'dist', concurrency: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    const num = (): number => {
      const n = Number(v);
      if (!Number.isInteger(n)) throw new Error(`${a} needs an integer, got ${v}`);
      i++;
      return n;
    };
    if (a === '--runs') o.runs = num();
    else if (a === '--scale') o.scale = num();
    else if (a === '--seed') o.seed = num();
    else if (a === '--out' && v !== undefined) { o.out = v; i++; }
    else if (a === '--only' && v !== undefined) { o.only = v; i++; }
    else if (a === '--dist' && v !== undefined) { o.dist = v; i++; }
    else if (a === '--concurrency') o.concurrency = num();
    else throw new Error(`unknown argument ${a}; usage: npm run fuzz -- [--runs N | --scale K] [--seed S] [--out FILE] [--only SUBSTR] [--dist DIR] [--concurrency C]`);
  }
  return o;
}

function main(): number {
  const o = parse(process.argv.slice(2));
  const root = process.cwd();
  const dir = resolve(root, o.dist, 'test/property');
  if (!existsSync(dir)) throw new Error(`${dir} is missing: run tsc first`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.js') && (o.only === undefined || f.includes(o.only))).map((f) => join(dir, f));
  const out = resolve(root, o.out);
  rmSync(out, { force: true });
  const env = {
    ...process.env,
    FUZZ_SEED: String(o.seed),
    PROPERTIES_JSON: out,
    ...(o.runs !== undefined ? { FUZZ_RUNS: String(o.runs) } : {}),
    ...(o.scale !== undefined ? { FUZZ_SCALE: String(o.scale) } : {}),
  };
  const mode = o.runs !== undefined ? `${o.runs} runs each` : o.scale !== undefined ? `${o.scale}x the CI run counts` : 'CI run counts';
  console.log(`fuzz: ${files.length} property files, ${mode}, seed ${o.seed}, summary ${out}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--test', '--test-reporter=dot', `--test-concurrency=${o.concurrency}`, ...files], { env, stdio: 'inherit' });
  const s = readSummary(out);
  const recs = Object.values(s.properties).sort((a, b) => a.name.localeCompare(b.name));
  console.log(`\n${'property'.padEnd(30)} ${'runs'.padStart(9)} ${'seed'.padStart(11)}  outcome    time`);
  for (const p of recs) {
    console.log(`${p.name.padEnd(30)} ${String(p.runs).padStart(9)} ${String(p.seed).padStart(11)}  ${p.outcome.padEnd(10)} ${(p.ms / 1000).toFixed(1)} s${p.counterexample ? `  counterexample path ${p.counterexample}` : ''}`);
  }
  const total = recs.reduce((n, p) => n + p.runs, 0);
  const failed = recs.filter((p) => p.outcome !== 'passed').length;
  console.log(`\n${recs.length} properties, ${total} runs, ${failed} not passed, test exit ${r.status}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return failed === 0 && r.status === 0 && recs.length > 0 ? 0 : 1;
}

process.exitCode = main();
