/**
 * The hostile-guest suite (issue #6): each guest of guests.ts ends in its documented limit or typed
 * error, a well-behaved guest runs normally right after it, and the process stays within a memory
 * bound. Peak RSS (process.resourceUsage().maxRSS, the OS's high-water mark) and the RSS after each
 * guest are printed and written to coverage/out/hostile.json for the evidence report.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { initWabt } from '../fuzz/oracle.js';
import { summaryPath } from '../fuzz/summary.js';
import { canary, GUESTS } from './guests.js';

/** The memory bound of the whole suite (the store limit is 64 MiB; inputs reach 32 MiB). */
const PEAK_RSS_BOUND = 1024 * 1024 * 1024;

const MiB = (b: number): string => (b / 1048576).toFixed(1);
const rows: { name: string; expect: string; ms: number; rssAfter: number }[] = [];

before(async () => {
  await initWabt();
});

for (const g of GUESTS) {
  test(`${g.req}: hostile guest "${g.name}" ends in ${g.expect}, and the next guest runs normally`, () => {
    const t0 = performance.now();
    g.run();
    const ms = performance.now() - t0;
    canary();
    const rssAfter = process.memoryUsage().rss;
    rows.push({ name: g.name, expect: g.expect, ms, rssAfter });
    console.log(`[hostile] ${g.name}: ${g.expect} (${ms.toFixed(0)} ms, RSS after ${MiB(rssAfter)} MiB)`);
    assert.ok(process.resourceUsage().maxRSS * 1024 < PEAK_RSS_BOUND, 'peak RSS within the bound');
  });
}

after(() => {
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(`[hostile] peak RSS ${MiB(peak)} MiB (bound ${MiB(PEAK_RSS_BOUND)} MiB) over ${rows.length} guests`);
  const out = `${dirname(summaryPath())}/hostile.json`;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ format: 'mcp-wrt-hostile/1', peakRssBytes: peak, boundBytes: PEAK_RSS_BOUND, guests: rows, at: new Date().toISOString() }, null, 2) + '\n');
});
