/**
 * Runs one fast-check property with the project's run-count and seed policy, prints the figures, and
 * records them for the evidence report (format: test/property/README.md).
 *
 * Policy: each property declares its CI run count; `FUZZ_RUNS` (set by `npm run fuzz -- --runs N`)
 * overrides it for every property, `FUZZ_SCALE` (`--scale K`) multiplies each CI count; `FUZZ_SEED` overrides the fixed default seed, so a CI run is
 * reproducible and a soak can explore other seeds.
 */
import fc from 'fast-check';
import { recordProperty } from './summary.js';

/** The fixed seed of CI runs (any soak passes its own). */
export const DEFAULT_SEED = 20261125;

export function configuredRuns(ciRuns: number): number {
  const runs = Number(process.env['FUZZ_RUNS']);
  if (Number.isInteger(runs) && runs > 0) return runs;
  const scale = Number(process.env['FUZZ_SCALE']);
  return Number.isInteger(scale) && scale > 0 ? ciRuns * scale : ciRuns;
}

export function configuredSeed(): number {
  const env = Number(process.env['FUZZ_SEED']);
  return Number.isInteger(env) ? env : DEFAULT_SEED;
}

type AnyProperty = fc.IRawProperty<unknown[], boolean>;

/**
 * Checks `prop` for the configured runs and seed. Throws with fast-check's report (shrunk
 * counterexample, seed and path to replay) when it fails.
 */
export async function checkProperty<Ts extends unknown[]>(
  name: string,
  ciRuns: number,
  prop: fc.IRawProperty<Ts, boolean>,
  extra: Partial<fc.Parameters<Ts>> = {},
): Promise<void> {
  const runs = configuredRuns(ciRuns);
  const seed = configuredSeed();
  const started = Date.now();
  const details = await fc.check(prop as unknown as AnyProperty, { numRuns: runs, seed, ...(extra as object) });
  const outcome = details.failed ? 'failed' : details.interrupted ? 'interrupted' : 'passed';
  const ms = Date.now() - started;
  recordProperty({ name, runs: details.numRuns, seed, outcome, ms, ...(details.failed ? { counterexample: String(details.counterexamplePath) } : {}) });
  console.log(`[property] ${name}: ${outcome}, ${details.numRuns} runs, seed ${seed}, ${ms} ms`);
  if (details.failed) {
    const report = fc.defaultReportMessage(details as fc.RunDetails<unknown[]>) ?? `property ${name} failed`;
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${report}\nCause: ${cause}`, { cause: details.errorInstance });
  }
}
