/**
 * Reads the JUnit XML that `npm test` writes with node's `--test-reporter=junit` (coverage/out/test-results.xml)
 * into a flat list of test outcomes. Node 20's JUnit output is simple and regular, so a small scanner suffices:
 * `<testcase name=".." time=".."/>` passes, a `<failure` child fails, a `<skipped` child skips.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';

export type Outcome = 'pass' | 'fail' | 'skip';

export interface TestResult {
  readonly name: string;
  readonly outcome: Outcome;
  readonly seconds: number;
  readonly message?: string;
}

export interface TestResults {
  readonly file: string;
  /** When the result file was written (its modification time, ISO 8601). */
  readonly writtenAt: string;
  readonly tests: readonly TestResult[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m === null ? undefined : unescapeXml(m[1]!);
}

/** Parses node:test JUnit XML text. */
export function parseJunit(xml: string): TestResult[] {
  const out: TestResult[] = [];
  const re = /<testcase((?:\s+[\w:-]+="[^"]*")*)\s*(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const m of xml.matchAll(re)) {
    const tag = m[1]!;
    const body = m[3] ?? '';
    const name = attribute(tag, 'name') ?? '';
    const seconds = Number(attribute(tag, 'time') ?? '0');
    if (/<failure\b/.test(body)) {
      out.push({ name, outcome: 'fail', seconds, message: attribute(body.slice(body.indexOf('<failure')), 'message') ?? 'failed' });
    } else if (/<skipped\b/.test(body)) {
      out.push({ name, outcome: 'skip', seconds, message: attribute(body.slice(body.indexOf('<skipped')), 'message') ?? 'skipped' });
    } else {
      out.push({ name, outcome: 'pass', seconds });
    }
  }
  return out;
}

/** Reads a JUnit result file; undefined when it does not exist. */
export function readTestResults(file: string): TestResults | undefined {
  if (!existsSync(file)) return undefined;
  const tests = parseJunit(readFileSync(file, 'utf8'));
  const count = (o: Outcome): number => tests.filter((t) => t.outcome === o).length;
  return {
    file,
    writtenAt: statSync(file).mtime.toISOString(),
    tests,
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skip'),
  };
}
