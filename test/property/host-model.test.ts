/**
 * Property 6, the host half (issue #6): a model-based test of the MCP host (`fc.commands`). Random
 * sequences of load (the C preview-1 example guest under a fuel-bound or a time-bound policy, a guest
 * with a forbidden import, bytes that are no module) / tools/call that succeeds / tools/call that fails
 * by timeout, fuel or trap / close are run against one McpWrtHost and checked against a simple model:
 * which loads are refused and why, what each call returns, when the guest's instance is discarded and
 * re-created (only after a sandbox failure, lazily at the next call), what the audit log records, and
 * that a closed guest refuses every further request while the others keep serving.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { McpWrtHost, PolicyError, type McpGuest } from '../../src/host/index.js';
import type { StdioGuest } from '../../src/host/stdio-guest.js';
import { DecodeError } from '../../src/core/index.js';
import { cExampleBytes } from '../host/c-example.js';
import { assemble, initWabt } from '../fuzz/oracle.js';
import { checkProperty } from '../fuzz/property.js';

/**
 * The two policies a good guest is loaded under: spin ends by fuel, or by the execution timeout. The
 * host's clock is virtual (each read advances it by CLOCK_STEP_MS; the core reads it every 4096
 * instructions), so the timeout falls after about 1000 reads (some 4 million instructions) whatever the
 * machine's load, while an ordinary request, boot included, needs far fewer reads.
 */
const CLOCK_STEP_MS = 0.04;
const POLICIES = {
  fuel: { fuel: 400_000, executionTimeoutMs: 60_000 },
  time: { fuel: 1e15, executionTimeoutMs: 40 },
} as const;
type PolicyKind = keyof typeof POLICIES;

interface ModelGuest { readonly policy: PolicyKind; live: boolean; created: number; closed: boolean }
interface Model { guests: ModelGuest[]; audited: number }
interface Real { host: McpWrtHost; guests: McpGuest[]; audit: Record<string, unknown>[] }

let C_GUEST: Uint8Array | undefined;
let FORBIDDEN: Uint8Array;
let skipReason: string | undefined;
before(async () => {
  const c = cExampleBytes();
  if ('skip' in c) skipReason = c.skip;
  else C_GUEST = c;
  await initWabt();
  FORBIDDEN = assemble(`(module (import "env" "open" (func)) (memory (export "memory") 1) (func (export "_start")))`);
});

type Cmd = fc.AsyncCommand<Model, Real>;
const ran: Record<string, number> = {};
const count = (name: string): void => { ran[name] = (ran[name] ?? 0) + 1; };
const textOf = (r: { content: readonly Record<string, unknown>[] }): string => r.content.map((c) => String(c['text'])).join('');
const openGuest = (m: Model, idx: number): number | undefined => {
  const open = m.guests.map((g, i) => ({ g, i })).filter(({ g }) => !g.closed);
  return open.length === 0 ? undefined : open[idx % open.length]!.i;
};
/** The audit records appended since the model last looked. */
const newAudit = (m: Model, r: Real): Record<string, unknown>[] => {
  const recs = r.audit.slice(m.audited);
  m.audited = r.audit.length;
  return recs;
};

class Load implements Cmd {
  constructor(readonly what: PolicyKind | 'forbidden' | 'garbage') {}
  check(): boolean { return true; }
  async run(m: Model, r: Real): Promise<void> {
    count(`load:${this.what}`);
    if (this.what === 'forbidden') {
      assert.throws(() => r.host.load(FORBIDDEN, {}, 'bad'), (e: unknown) => e instanceof PolicyError && e.imports.includes('env.open'));
    } else if (this.what === 'garbage') {
      assert.throws(() => r.host.load(Uint8Array.from([0, 0x61, 0x73, 0x6d, 9, 9]), {}, 'junk'), DecodeError);
    } else {
      r.guests.push(r.host.load(C_GUEST!, POLICIES[this.what], `g${m.guests.length}`));
      m.guests.push({ policy: this.what, live: false, created: 0, closed: false });
    }
    const recs = newAudit(m, r);
    assert.equal(recs.length, 1, 'one audit record per load');
    assert.equal(recs[0]!['outcome'], this.what === 'forbidden' || this.what === 'garbage' ? 'refused' : 'ok');
  }
  toString(): string { return `load(${this.what})`; }
}

type Tool = 'add' | 'echo' | 'spin' | 'crash';

class Call implements Cmd {
  constructor(readonly idx: number, readonly tool: Tool, readonly a: number, readonly b: number) {}
  check(m: Model): boolean { return openGuest(m, this.idx) !== undefined; }
  async run(m: Model, r: Real): Promise<void> {
    const i = openGuest(m, this.idx)!;
    const mg = m.guests[i]!;
    count(this.tool === 'spin' ? `call:spin:${mg.policy}` : `call:${this.tool}`);
    const g = r.guests[i]!;
    const args = this.tool === 'add' ? { a: this.a, b: this.b } : this.tool === 'echo' ? { text: `t${this.a}` } : {};
    const res = await g.callTool(this.tool, args);
    // A call on a guest without a live instance boots a fresh one first.
    if (!mg.live) { mg.created++; mg.live = true; }
    let reason: string | undefined;
    switch (this.tool) {
      case 'add':
        assert.equal(res.isError, false);
        assert.deepEqual(res.structuredContent, { sum: this.a + this.b });
        break;
      case 'echo':
        assert.equal(res.isError, false);
        assert.equal(textOf(res), `t${this.a}`);
        break;
      case 'spin':
        reason = mg.policy === 'fuel' ? 'fuel' : 'timeout';
        assert.equal(res.isError, true);
        assert.match(textOf(res), new RegExp(`^sandbox stopped the tool \\(${reason}\\)`));
        break;
      default:
        reason = 'trap';
        assert.equal(res.isError, true);
        assert.match(textOf(res), /^sandbox stopped the tool \(trap\).*unreachable/);
    }
    if (reason !== undefined) mg.live = false; // the failed instance is discarded
    assert.equal((g as StdioGuest).instancesCreated, mg.created, 'instances are created only after a failure');
    const recs = newAudit(m, r).filter((x) => x['op'] === 'tools/call');
    assert.equal(recs.length, 1, 'one audit record per call');
    assert.equal(recs[0]!['tool'], this.tool);
    assert.equal(recs[0]!['outcome'], reason === undefined ? 'ok' : 'error');
    if (reason !== undefined) assert.equal(recs[0]!['reason'], reason);
  }
  toString(): string { return `call(${this.idx}, ${this.tool}, ${this.a}, ${this.b})`; }
}

class Close implements Cmd {
  constructor(readonly idx: number) {}
  check(m: Model): boolean { return openGuest(m, this.idx) !== undefined; }
  async run(m: Model, r: Real): Promise<void> {
    count('close');
    const i = openGuest(m, this.idx)!;
    await r.guests[i]!.close();
    m.guests[i]!.closed = true;
    await assert.rejects(r.guests[i]!.callTool('add', { a: 1, b: 2 }), /is closed/);
    await assert.rejects(r.guests[i]!.listTools(), /is closed/);
    newAudit(m, r);
  }
  toString(): string { return `close(${this.idx})`; }
}

const call = fc.tuple(fc.nat(7), fc.constantFrom<Tool>('add', 'echo', 'spin', 'spin', 'crash'), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }))
  .map(([i, t, a, b]) => new Call(i, t, a, b));
// Calls are listed four times so that most commands of a sequence are calls.
const commands = [
  fc.constantFrom<PolicyKind | 'forbidden' | 'garbage'>('fuel', 'time', 'fuel', 'forbidden', 'garbage').map((w) => new Load(w)),
  call, call, call, call,
  fc.nat(7).map((i) => new Close(i)),
];

test('REQ-ROB-015: random load / call / failing call / close sequences on the MCP host behave as the model says', async (t) => {
  if (C_GUEST === undefined) {
    t.skip(skipReason ?? 'the C example guest is not available');
    return;
  }
  await checkProperty('model/mcp-host', 25, fc.asyncProperty(fc.commands(commands, { maxCommands: 24, size: 'max' }), async (cmds) => {
    const audit: Record<string, unknown>[] = [];
    let clock = 0;
    const now = (): number => (clock += CLOCK_STEP_MS);
    const setup = () => ({
      model: { guests: [], audited: 0 } as Model,
      real: { host: McpWrtHost.create({ memoryLimit: 8 * 1024 * 1024, now, audit: (l) => audit.push(JSON.parse(l) as Record<string, unknown>) }), guests: [], audit } as Real,
    });
    await fc.asyncModelRun(setup, cmds);
    return true;
  }));
  console.log(`[property] model/mcp-host: commands run ${JSON.stringify(ran)}`);
  for (const c of ['load:fuel', 'load:time', 'load:forbidden', 'load:garbage', 'call:add', 'call:spin:fuel', 'call:spin:time', 'call:crash', 'close']) {
    assert.ok((ran[c] ?? 0) > 0, `${c} never ran`);
  }
});
