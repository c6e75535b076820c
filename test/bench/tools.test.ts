/** The benchmark's own tools: statistics, the SVG chart, and the generated load-test module. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from '../../src/core/index.js';
import { bigModule } from '../../bench/src/big-module.js';
import { geomean, median, quantile } from '../../bench/src/stats.js';
import { currentReadmeBlock, readBenchReports, readmeBlock } from '../../bench/src/report.js';
import { ratioChart } from '../../bench/src/svg.js';
import { ROOT } from '../repo-root.js';

test('REQ-PERF-005: median and geometric mean of the report', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
  assert.ok(Math.abs(geomean([0.5, 2]) - 1) < 1e-12);
  assert.ok(Math.abs(geomean([1, 4, 16]) - 4) < 1e-12);
  // Missing engines (NaN) are left out rather than poisoning the mean.
  assert.ok(Math.abs(geomean([2, NaN, 8]) - 4) < 1e-12);
  // Nearest-rank quantiles, as the tools/call latency reports them (p99 of 100 calls is the 99th).
  const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.equal(quantile(xs, 0.5), 50);
  assert.equal(quantile(xs, 0.99), 99);
  assert.equal(quantile(xs, 1), 100);
  assert.equal(quantile([7], 0.99), 7);
  assert.ok(Number.isNaN(quantile([], 0.5)));
});

test('REQ-PERF-005: the ratio chart is one SVG with a bar per finite ratio, escaped labels', () => {
  const svg = ratioChart('t <&>', ['a', 'b'], [
    { label: 'x', color: '#000', ratios: [0.5, 2] },
    { label: 'y', color: '#111', ratios: [NaN, 10] },
  ]);
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  assert.equal((svg.match(/<rect [^>]*><title>/g) ?? []).length, 3);
  assert.ok(svg.includes('t &lt;&amp;&gt;'));
});

test('REQ-PERF-006: the generated load-test module has about the requested size and validates', () => {
  const bytes = bigModule(200_000);
  assert.ok(bytes.length > 150_000 && bytes.length < 250_000, `${bytes.length} bytes`);
  const m = load(bytes);
  assert.ok(m.functions.length > 50);
});

test('REQ-PERF-011: the README performance block is the one generated from the committed bench results', () => {
  const { full, quick } = readBenchReports(join(ROOT, 'bench', 'results'));
  assert.ok(full !== null, 'bench/results/latest.json is committed');
  const block = readmeBlock(full, quick);
  assert.equal(currentReadmeBlock(readFileSync(join(ROOT, 'README.md'), 'utf8')), block, 'run npm run bench to regenerate README.md');
  assert.ok(block.includes(`| **geomean** | | | **${full.geomean.ratioWabt!.toFixed(2)}** |`), block);
});
