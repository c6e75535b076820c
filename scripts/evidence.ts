/**
 * The safety evidence report: gathers what the last runs left behind (JUnit test results, the spec-suite JSON
 * report, property-test figures, c8/monocart coverage, the MC/DC report) with the requirements, the hazards and
 * the known limitations, into one JSON document (schema: safety/evidence.schema.json) and one self-contained
 * HTML page. Nothing here runs tests; `mcp-wrt evidence` decides what to run. Missing inputs are reported as
 * "not run", never guessed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport } from '../bench/src/report.js';
import type { CoverageReport, FileCoverage } from './coverage-check.js';
import { traceRequirements, type Hazard } from './requirements.js';
import { readTestResults } from './test-results.js';
import { buildMatrix, DEFAULT_RESULTS, type Matrix, type RequirementOutcome } from './trace.js';

/** Default locations of the inputs, relative to the repository root. */
export const INPUTS = {
  testResults: DEFAULT_RESULTS,
  specReport: 'coverage/out/spec-report.json',
  properties: 'coverage/out/properties.json',
  coverage: 'coverage/out/coverage.json',
  mcdc: 'coverage/out/mcdc/report.json',
  limitations: 'safety/limitations.md',
  benchFull: 'bench/results/latest.json',
  benchQuick: 'bench/results/latest-quick.json',
} as const;

export interface Limitation {
  readonly id: string;
  readonly status: 'open' | 'closed';
  readonly text: string;
}

export interface CoverageFigures {
  readonly c8Statements: number | null;
  readonly c8Branches: number | null;
  readonly monocartStatements: number | null;
  readonly monocartBranches: number | null;
}

export interface McdcFigures {
  /** Covered conditions, %. */
  readonly uniqueCause: number | null;
  readonly masking: number | null;
  /** Covered plus justified conditions, % (what the gate checks). */
  readonly uniqueCauseWithJustified: number | null;
  readonly maskingWithJustified: number | null;
  readonly decisions: number;
  readonly conditions: number;
}

export interface McdcRun {
  readonly name: string;
  readonly exitCode: number;
  readonly durationMs: number;
}

export interface McdcDecision {
  readonly id: string;
  readonly kind: string;
  readonly text: string;
  readonly conditions: number;
  readonly evaluations: number;
  readonly uniqueCause: number;
  readonly masking: number;
}

export interface BenchKernelFigures {
  readonly name: string;
  readonly oursMs: number | null;
  readonly wabtMs: number | null;
  readonly ratioWabt: number | null;
  readonly ratioV8: number | null;
}

/** One `npm run bench` result file, as the evidence carries it. */
export interface BenchFigures {
  readonly date: string;
  readonly node: string;
  readonly runs: number;
  readonly geomeanRatioWabt: number | null;
  readonly geomeanRatioV8: number | null;
  readonly kernels: readonly BenchKernelFigures[];
  readonly loadMbPerS: number;
  readonly componentLoadColdMs: number | null;
  readonly toolsCallMedianMs: number | null;
  readonly toolsCallP99Ms: number | null;
  readonly specSuiteSeconds: number | null;
}

export interface Evidence {
  readonly format: 'mcp-wrt-evidence';
  readonly schemaVersion: 1;
  readonly generatedAt: string;
  readonly commit: { readonly hash: string | null; readonly dirty: boolean | null };
  readonly tools: Readonly<Record<string, string>>;
  readonly summary: {
    readonly requirements: Readonly<Record<RequirementOutcome | 'total', number>>;
    readonly tests: { readonly passed: number; readonly failed: number; readonly skipped: number; readonly writtenAt: string } | null;
    readonly spec: { readonly passed: number; readonly failed: number; readonly skipped: number; readonly files: number; readonly started: string } | null;
    readonly properties: { readonly passed: number; readonly failed: number; readonly total: number } | null;
    readonly coverage: { readonly core: CoverageFigures; readonly all: CoverageFigures } | null;
    readonly mcdc: {
      readonly core: McdcFigures | null;
      readonly component: McdcFigures | null;
      readonly all: McdcFigures;
      readonly generatedAt: string;
      /** The instrumented runs (unit tests, spec suite) the figures come from. */
      readonly runs: readonly McdcRun[];
      /** The verdict of coverage/mcdc/thresholds.json and what failed. */
      readonly gate: { readonly passed: boolean; readonly failures: readonly string[] } | null;
    } | null;
    readonly hazards: number;
    readonly openLimitations: number;
    readonly traceErrors: number;
  };
  readonly matrix: Matrix['rows'];
  readonly reverse: {
    readonly testsWithoutRequirement: readonly string[];
    readonly testFilesWithoutRequirement: readonly string[];
    readonly sourcesWithoutRequirement: readonly string[];
  };
  readonly traceErrors: readonly string[];
  readonly spec: { readonly files: readonly { readonly file: string; readonly passed: number; readonly failed: number; readonly skipped: number }[] } | null;
  readonly properties: readonly { readonly name: string; readonly runs: number; readonly seed: number; readonly outcome: string }[] | null;
  readonly coverage: {
    readonly files: readonly ({ readonly file: string } & CoverageFigures)[];
    readonly gates: CoverageReport['gates'];
    readonly generatedAt: string;
  } | null;
  readonly mcdc: {
    readonly files: readonly ({ readonly file: string } & McdcFigures)[];
    /** Decisions of src/core and src/component not fully covered under unique-cause MC/DC. */
    readonly incompleteDecisions: readonly McdcDecision[];
  } | null;
  readonly hazards: readonly (Hazard & { readonly mitigationOutcomes: Readonly<Record<string, RequirementOutcome | 'unknown'>> })[];
  readonly limitations: readonly Limitation[];
  readonly performance: { readonly full: BenchFigures | null; readonly quick: BenchFigures | null };
}

function readJson(path: string): unknown {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as unknown) : undefined;
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function version(root: string, pkg: string): string {
  const data = readJson(join(root, 'node_modules', pkg, 'package.json')) as { version?: string } | undefined;
  return data?.version ?? 'not installed';
}

/** `- **LIM-001** (open): text` lines of safety/limitations.md. */
export function parseLimitations(markdown: string): Limitation[] {
  const out: Limitation[] = [];
  for (const m of markdown.matchAll(/^- \*\*(LIM-\d{3})\*\* \((open|closed)\): (.+)$/gm)) {
    out.push({ id: m[1]!, status: m[2] as 'open' | 'closed', text: m[3]!.trim() });
  }
  return out;
}

function figures(c: FileCoverage | undefined): CoverageFigures {
  return {
    c8Statements: c?.c8.statements.pct ?? null,
    c8Branches: c?.c8.branches.pct ?? null,
    monocartStatements: c?.monocart?.statements.pct ?? null,
    monocartBranches: c?.monocart?.branches.pct ?? null,
  };
}

interface McdcSummaryJson {
  decisions?: number;
  conditions?: number;
  uniqueCause?: { percent?: number; percentWithJustified?: number };
  masking?: { percent?: number; percentWithJustified?: number };
}
interface McdcReportJson {
  generatedAt?: string;
  runs?: { name?: string; exitCode?: number; durationMs?: number }[];
  gate?: { passed?: boolean; failures?: string[] };
  totals?: McdcSummaryJson;
  folders?: { path?: string; summary?: McdcSummaryJson }[];
  files?: {
    path?: string;
    summary?: McdcSummaryJson;
    decisions?: { id?: string; kind?: string; text?: string; evaluations?: number; conditions?: unknown[]; uniqueCause?: { percent?: number }; masking?: { percent?: number } }[];
  }[];
}

function mcdcFigures(s: McdcSummaryJson | undefined): McdcFigures {
  return {
    uniqueCause: s?.uniqueCause?.percent ?? null,
    masking: s?.masking?.percent ?? null,
    uniqueCauseWithJustified: s?.uniqueCause?.percentWithJustified ?? null,
    maskingWithJustified: s?.masking?.percentWithJustified ?? null,
    decisions: s?.decisions ?? 0,
    conditions: s?.conditions ?? 0,
  };
}

function benchFigures(b: BenchReport | undefined): BenchFigures | null {
  if (b === undefined) return null;
  return {
    date: b.date,
    node: b.node,
    runs: b.runs,
    geomeanRatioWabt: b.geomean.ratioWabt,
    geomeanRatioV8: b.geomean.ratioV8,
    kernels: b.kernels.map((k) => ({
      name: k.name,
      oursMs: k.engines.ours?.medianMs ?? null,
      wabtMs: k.engines.wabt?.medianMs ?? null,
      ratioWabt: k.ratioWabt,
      ratioV8: k.ratioV8,
    })),
    loadMbPerS: b.load.mbPerS,
    componentLoadColdMs: b.componentLoad?.coldMs ?? null,
    toolsCallMedianMs: b.toolsCallLatency?.median ?? null,
    toolsCallP99Ms: b.toolsCallLatency?.p99 ?? null,
    specSuiteSeconds: b.specSuiteSeconds,
  };
}

/** Options: where each input is (defaults: INPUTS under the root). */
export type EvidenceInputs = { -readonly [K in keyof typeof INPUTS]?: string };

/** Gathers the evidence from the repository at `root`. */
export function gatherEvidence(root: string, inputs: EvidenceInputs = {}): Evidence {
  const at = (k: keyof typeof INPUTS): string => inputs[k] ?? join(root, INPUTS[k]);
  const trace = traceRequirements(root);
  const results = readTestResults(at('testResults'));
  const matrix = buildMatrix(root, results, trace);
  const outcomes = new Map(matrix.rows.map((r) => [r.id, r.outcome]));
  const countOutcome = (o: RequirementOutcome): number => matrix.rows.filter((r) => r.outcome === o).length;

  const spec = readJson(at('specReport')) as
    | { started: string; totals: { passed: number; failed: number; skipped: number }; files: { file: string; passed: number; failed: number; skipped: number }[] }
    | undefined;
  const props = readJson(at('properties')) as { properties?: Record<string, { name: string; runs: number; seed: number; outcome: string }> } | undefined;
  const propList = props?.properties === undefined ? null : Object.values(props.properties).map((p) => ({ name: p.name, runs: p.runs, seed: p.seed, outcome: p.outcome }));
  const cov = readJson(at('coverage')) as CoverageReport | undefined;
  const mcdc = readJson(at('mcdc')) as McdcReportJson | undefined;
  const limitationsPath = at('limitations');
  const limitations = existsSync(limitationsPath) ? parseLimitations(readFileSync(limitationsPath, 'utf8')) : [];

  const hash = git(root, ['rev-parse', 'HEAD']);
  const status = hash === null ? null : git(root, ['status', '--porcelain', '--untracked-files=no']);
  const mcdcFolder = (path: string): McdcFigures | null => {
    const s = mcdc?.folders?.find((f) => f.path === path)?.summary;
    return s === undefined ? null : mcdcFigures(s);
  };

  return {
    format: 'mcp-wrt-evidence',
    schemaVersion: 1,
    generatedAt: new Date().toISOString(),
    commit: { hash, dirty: status === null ? null : status.length > 0 },
    tools: {
      node: process.version,
      'mcp-wrt-host': String((readJson(join(root, 'package.json')) as { version?: string } | undefined)?.version ?? 'unknown'),
      typescript: version(root, 'typescript'),
      c8: version(root, 'c8'),
      'monocart-coverage-reports': version(root, 'monocart-coverage-reports'),
      ajv: version(root, 'ajv'),
      yaml: version(root, 'yaml'),
      'fast-check': version(root, 'fast-check'),
      wabt: version(root, 'wabt'),
      typedoc: version(root, 'typedoc'),
      'playwright-core': version(root, 'playwright-core'),
      'mcdc tool': mcdc === undefined ? 'not run' : String((mcdc as { tool?: { version?: string } }).tool?.version ?? 'unknown'),
    },
    summary: {
      requirements: {
        total: matrix.rows.length,
        passed: countOutcome('passed'),
        failed: countOutcome('failed'),
        skipped: countOutcome('skipped'),
        'not-run': countOutcome('not-run'),
        justified: countOutcome('justified'),
        untested: countOutcome('untested'),
      },
      tests: results === undefined ? null : { passed: results.passed, failed: results.failed, skipped: results.skipped, writtenAt: results.writtenAt },
      spec: spec === undefined ? null : { ...spec.totals, files: spec.files.length, started: spec.started },
      properties: propList === null
        ? null
        : { passed: propList.filter((p) => p.outcome === 'passed').length, failed: propList.filter((p) => p.outcome !== 'passed').length, total: propList.length },
      coverage: cov === undefined ? null : { core: figures(cov.folders['src/core']), all: figures(cov.total) },
      mcdc: mcdc === undefined
        ? null
        : {
            core: mcdcFolder('src/core'),
            component: mcdcFolder('src/component'),
            all: mcdcFigures(mcdc.totals),
            generatedAt: mcdc.generatedAt ?? 'unknown',
            runs: (mcdc.runs ?? []).map((r) => ({ name: r.name ?? '?', exitCode: r.exitCode ?? 1, durationMs: r.durationMs ?? 0 })),
            gate: mcdc.gate?.passed === undefined ? null : { passed: mcdc.gate.passed, failures: mcdc.gate.failures ?? [] },
          },
      hazards: trace.hazards.length,
      openLimitations: limitations.filter((l) => l.status === 'open').length,
      traceErrors: matrix.errors.length,
    },
    matrix: matrix.rows,
    reverse: {
      testsWithoutRequirement: matrix.testsWithoutRequirement,
      testFilesWithoutRequirement: matrix.testFilesWithoutRequirement,
      sourcesWithoutRequirement: matrix.sourcesWithoutRequirement,
    },
    traceErrors: matrix.errors,
    spec: spec === undefined ? null : { files: spec.files.map((f) => ({ file: f.file, passed: f.passed, failed: f.failed, skipped: f.skipped })) },
    properties: propList,
    coverage: cov === undefined
      ? null
      : { files: Object.entries(cov.files).map(([file, c]) => ({ file, ...figures(c) })), gates: cov.gates, generatedAt: cov.generatedAt },
    mcdc: mcdc === undefined
      ? null
      : {
          files: (mcdc.files ?? []).map((f) => ({ file: f.path ?? '?', ...mcdcFigures(f.summary) })),
          incompleteDecisions: (mcdc.files ?? [])
            .filter((f) => f.path?.startsWith('src/core/') === true || f.path?.startsWith('src/component/') === true)
            .flatMap((f) => f.decisions ?? [])
            .filter((d) => (d.uniqueCause?.percent ?? 0) < 100)
            .map((d) => ({
              id: d.id ?? '?',
              kind: d.kind ?? '?',
              text: (d.text ?? '').slice(0, 200),
              conditions: d.conditions?.length ?? 0,
              evaluations: d.evaluations ?? 0,
              uniqueCause: d.uniqueCause?.percent ?? 0,
              masking: d.masking?.percent ?? 0,
            })),
        },
    hazards: trace.hazards.map((h) => ({
      ...h,
      mitigationOutcomes: Object.fromEntries(h.mitigations.map((m) => [m, outcomes.get(m) ?? 'unknown'])),
    })),
    limitations,
    performance: {
      full: benchFigures(readJson(at('benchFull')) as BenchReport | undefined),
      quick: benchFigures(readJson(at('benchQuick')) as BenchReport | undefined),
    },
  };
}

/** Modification time of an input, for "how fresh is this" notes. */
export function inputAge(path: string): string | null {
  return existsSync(path) ? statSync(path).mtime.toISOString() : null;
}
