/**
 * `mcp-wrt evidence [--out DIR]`: writes the safety evidence report (index.html + evidence.json) from the
 * latest results in the repository: test results and coverage of `npm test`, the spec-suite JSON report
 * (run here when missing), property-test figures and the MC/DC report when present. The JSON is checked
 * against safety/evidence.schema.json before it is written.
 *
 * Works on a repository checkout (it reads requirements/ and safety/); loaded on demand by cli.ts so the
 * `run` and `spec` commands do not need the development packages this one uses.
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { gatherEvidence, INPUTS } from '../../scripts/evidence.js';
import { renderEvidenceHtml } from '../../scripts/evidence-html.js';
import { packageRoot } from '../../spec-tests/suite.js';
import { UsageError, parseArgs } from './args.js';
import type { Io } from './io.js';
import { specCommand } from './spec.js';

export const EVIDENCE_USAGE = 'usage: mcp-wrt evidence [--out DIR] [--no-spec]';

/** Default output directory, relative to the repository root. */
export const DEFAULT_EVIDENCE_DIR = 'coverage/out/evidence';

/** An Io that keeps only errors (the spec run's per-file lines are not part of this command's output). */
function quiet(io: Io): Io {
  return { out: () => undefined, err: (l) => io.err(l), progress: (t) => io.progress(t) };
}

export async function evidenceCommand(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, ['out'], ['no-spec']);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const root = packageRoot();
  if (root === undefined || !existsSync(join(root, 'requirements'))) {
    throw new UsageError('evidence needs the repository checkout (requirements/ and safety/); run it from there');
  }
  const outOpt = args.options.get('out');
  const outDir = outOpt !== undefined ? resolve(outOpt) : join(root, DEFAULT_EVIDENCE_DIR);

  const specReport = join(root, INPUTS.specReport);
  if (!existsSync(specReport) && !args.switches.has('no-spec')) {
    io.out(`no spec-suite report at ${INPUTS.specReport}: running mcp-wrt spec --json ${INPUTS.specReport}`);
    mkdirSync(join(root, 'coverage/out'), { recursive: true });
    try {
      await specCommand(['--json', specReport], quiet(io));
    } catch (e) {
      // No suite available: the report says "not run" for the spec suite instead of failing.
      io.err(`spec suite not run: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const evidence = gatherEvidence(root);
  const schema: unknown = JSON.parse(readFileSync(join(root, 'safety/evidence.schema.json'), 'utf8'));
  const check = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema as object);
  if (!check(evidence)) {
    for (const e of check.errors ?? []) io.err(`evidence.json: ${e.instancePath} ${e.message ?? ''}`);
    throw new Error('the evidence does not match safety/evidence.schema.json');
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'evidence.json'), JSON.stringify(evidence, null, 2) + '\n');
  writeFileSync(join(outDir, 'index.html'), renderEvidenceHtml(evidence));

  const s = evidence.summary;
  const r = s.requirements;
  io.out(`requirements: ${r.total} (${r.passed} passed, ${r.failed} failed, ${r.justified} justified, ${r.untested} untested, ${r['not-run']} not run)`);
  io.out(`tests: ${s.tests === null ? 'not run' : `${s.tests.passed} passed, ${s.tests.failed} failed, ${s.tests.skipped} skipped`}`);
  io.out(`spec suite: ${s.spec === null ? 'not run' : `${s.spec.passed} passed, ${s.spec.failed} failed, ${s.spec.skipped} skipped`}`);
  const c = s.coverage?.core;
  io.out(`src/core coverage: ${c === undefined ? 'not run' : `statements ${c.c8Statements ?? '-'}% (c8) ${c.monocartStatements ?? '-'}% (monocart), branches ${c.c8Branches ?? '-'}% (c8) ${c.monocartBranches ?? '-'}% (monocart)`}`);
  for (const [folder, m] of [['src/core', s.mcdc?.core ?? null], ['src/component', s.mcdc?.component ?? null]] as const) {
    io.out(`${folder} MC/DC: ${m === null ? 'not run' : `unique-cause ${m.uniqueCause ?? '-'}%, masking ${m.masking ?? '-'}% (with justified: ${m.uniqueCauseWithJustified ?? '-'}%, ${m.maskingWithJustified ?? '-'}%)`}`);
  }
  const bench = (b: typeof evidence.performance.full): string => (b === null ? 'not run' : `geomean ours/wabt ${b.geomeanRatioWabt?.toFixed(2) ?? '-'} (${b.date})`);
  io.out(`performance: full kernels ${bench(evidence.performance.full)}, quick kernels ${bench(evidence.performance.quick)}`);
  if (s.mcdc?.gate) io.out(`MC/DC gate: ${s.mcdc.gate.passed ? 'passed' : `failed: ${s.mcdc.gate.failures.join('; ')}`}`);
  io.out(`wrote ${join(outDir, 'index.html')} and evidence.json`);
  return 0;
}
