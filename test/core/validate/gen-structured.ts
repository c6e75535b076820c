/**
 * Test support for the side-table properties: a generator of random, valid-by-construction function
 * bodies (nested blocks, loops and ifs with multi-value block types, every branch instruction) and a
 * reference that runs such bodies directly on the structured instructions.
 */
import type { Instr } from '../../../src/core/binary/module.js';
import { opByName } from '../../../src/core/binary/opcodes.js';
import { BT, I, ft, i32 } from './helpers.js';

export const OPC = {
  block: opByName('block')!, loop: opByName('loop')!, if: opByName('if')!, else: opByName('else')!, end: opByName('end')!,
  br: opByName('br')!, br_if: opByName('br_if')!, br_table: opByName('br_table')!, return: opByName('return')!,
  i32const: opByName('i32.const')!, drop: opByName('drop')!, add: opByName('i32.add')!,
  lget: opByName('local.get')!, lset: opByName('local.set')!, unreachable: opByName('unreachable')!,
};

// ---------------------------------------------------------------------------------------------
// Generator: a choice list drives a recursive generator of well-typed code.

class Choices {
  private i = 0;
  constructor(private readonly xs: readonly number[]) {}
  next(n: number): number {
    const x = this.i < this.xs.length ? this.xs[this.i++]! : 0;
    return x % n;
  }
}

interface GenLabel { arity: number; isLoop: boolean }

/** Block types used by the generator: [params, results] by block type immediate. */
const BLOCK_TYPES: ReadonlyMap<number, readonly [number, number]> = new Map([
  [BT.empty, [0, 0]], [BT.val(i32), [0, 1]], [1, [1, 1]], [2, [1, 0]], [3, [2, 1]],
]);
export const EXTRA_TYPES = [ft([i32], [i32]), ft([i32], []), ft([i32, i32], [i32])];
const BT_CHOICES = [...BLOCK_TYPES.keys()];
/** Statement kinds, weighted: 0 drop, 1 local.set, 2 block, 3 loop, 4 if, 5 br, 6 br_if, 7 br_table,
 * 8 return, 9 a value kept below a nested statement, 10 unreachable. */
const KINDS = [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 9, 9, 6, 6, 6, 7, 7, 5, 8, 10];

export function generate(xs: readonly number[]): { body: Instr[]; results: number } {
  const ch = new Choices(xs);
  const out: Instr[] = [];
  const results = ch.next(2);
  const labels: GenLabel[] = [{ arity: results, isLoop: false }]; // the function's label
  let budget = 80;

  const value = (depth: number): void => {
    const k = depth > 2 ? 0 : ch.next(4);
    if (k === 0 || k === 3) out.push(I('i32.const', ch.next(5)));
    else if (k === 1) out.push(I('local.get', 0));
    else { value(depth + 1); value(depth + 1); out.push(I('i32.add')); }
  };
  const values = (n: number): void => { for (let i = 0; i < n; i++) value(0); };
  const label = (): number => ch.next(labels.length);
  const arityOf = (l: number): number => labels[labels.length - 1 - l]!.arity;

  /** A balanced sequence of statements, then `params` values on entry turned into `results`. */
  const seq = (params: number, results: number, depth: number): void => {
    const n = ch.next(depth === 0 ? 10 : 5);
    for (let i = 0; i < n && budget > 0; i++) stmt(depth);
    if (params === 0) values(results);
    else if (params === 1 && results === 0) out.push(I('drop'));
    else if (params === 2) out.push(I('i32.add'));
    else if (ch.next(2) === 1) { value(0); out.push(I('i32.add')); }
  };
  const stmt = (depth: number): void => {
    budget--;
    const kind = KINDS[ch.next(depth > 4 ? 5 : KINDS.length)]!;
    switch (kind) {
      case 0: value(0); out.push(I('drop')); return;
      case 1: value(0); out.push(I('local.set', 0)); return;
      case 2: case 3: case 4: {
        const bt = BT_CHOICES[ch.next(BT_CHOICES.length)]!;
        const [p, r] = BLOCK_TYPES.get(bt)!;
        values(p);
        if (kind === 4) { value(0); out.push(I('if', bt)); }
        else out.push(I(kind === 2 ? 'block' : 'loop', bt));
        labels.push({ arity: kind === 3 ? p : r, isLoop: kind === 3 });
        seq(p, r, depth + 1);
        if (kind === 4 && (p !== r || ch.next(2) === 1)) { out.push(I('else')); seq(p, r, depth + 1); }
        labels.pop();
        out.push(I('end'));
        for (let i = 0; i < r; i++) out.push(I('drop'));
        return;
      }
      case 5: { const l = label(); values(arityOf(l)); out.push(I('br', l)); return; }
      case 6: {
        const l = label(); const a = arityOf(l);
        values(a); value(0); out.push(I('br_if', l));
        for (let i = 0; i < a; i++) out.push(I('drop'));
        return;
      }
      case 7: {
        const d = label(); const a = arityOf(d);
        const targets: number[] = [];
        const n = ch.next(4);
        for (let i = 0; i < n; i++) { const l = label(); if (arityOf(l) === a) targets.push(l); }
        values(a); value(0); out.push(I('br_table', d, 0, 0, { targets }));
        return;
      }
      case 8: values(results); out.push(I('return')); return;
      case 9: value(0); stmt(depth + 1); out.push(I('drop')); return; // a value below the nested code
      default: out.push(I('unreachable')); return;
    }
  };
  seq(0, results, 0);
  return { body: out, results };
}

// ---------------------------------------------------------------------------------------------
// Reference: run the structured instructions directly.

export interface Outcome { trace: number[]; result: number[]; trapped: boolean; exhausted: boolean }

export const STEP_CAP = 2000;

export function runStructured(body: readonly Instr[], numResults: number, arg: number): Outcome {
  const all = [...body, I('end')];
  // Matching else/end of each block start.
  const endOf = new Map<number, number>();
  const elseOf = new Map<number, number>();
  const open: number[] = [];
  all.forEach((ins, pc) => {
    if (ins.op === OPC.block || ins.op === OPC.loop || ins.op === OPC.if) open.push(pc);
    else if (ins.op === OPC.else) elseOf.set(open[open.length - 1]!, pc);
    else if (ins.op === OPC.end && open.length > 0) endOf.set(open.pop()!, pc);
  });
  const stack: number[] = [];
  const locals = [arg];
  const trace: number[] = [];
  interface Lab { start: number; end: number; height: number; arity: number; isLoop: boolean }
  const labs: Lab[] = [{ start: -1, end: all.length - 1, height: 0, arity: numResults, isLoop: false }];
  const pop = (): number => stack.pop()!;
  const branch = (l: number): number | 'return' => {
    const lab = labs[labs.length - 1 - l]!;
    const vals = stack.splice(stack.length - lab.arity, lab.arity);
    if (labs.length - 1 - l === 0) { stack.length = 0; stack.push(...vals); return 'return'; }
    stack.length = lab.height;
    stack.push(...vals);
    if (lab.isLoop) { labs.length = labs.length - l; return lab.start + 1; }
    labs.length = labs.length - 1 - l;
    return lab.end + 1;
  };
  let pc = 0;
  for (let steps = 0; steps < STEP_CAP; steps++) {
    const ins = all[pc]!;
    let next: number | 'return' = pc + 1;
    switch (ins.op) {
      case OPC.i32const: stack.push(ins.a); break;
      case OPC.lget: stack.push(locals[0]!); break;
      case OPC.lset: locals[0] = pop(); trace.push(locals[0]!); break;
      case OPC.drop: trace.push(pop()); break;
      case OPC.add: { const b = pop(); const a = pop(); stack.push((a + b) | 0); break; }
      case OPC.unreachable: return { trace, result: [], trapped: true, exhausted: false };
      case OPC.block: case OPC.loop: {
        const [p, r] = BLOCK_TYPES.get(ins.a)!;
        const isLoop = ins.op === OPC.loop;
        labs.push({ start: pc, end: endOf.get(pc)!, height: stack.length - p, arity: isLoop ? p : r, isLoop });
        break;
      }
      case OPC.if: {
        const c = pop();
        const [p, r] = BLOCK_TYPES.get(ins.a)!;
        labs.push({ start: pc, end: endOf.get(pc)!, height: stack.length - p, arity: r, isLoop: false });
        if (c === 0) {
          const e = elseOf.get(pc);
          if (e !== undefined) next = e + 1;
          else { labs.pop(); next = endOf.get(pc)! + 1; }
        }
        break;
      }
      case OPC.else: { const lab = labs.pop()!; next = lab.end + 1; break; }
      case OPC.end:
        if (labs.length === 1) next = 'return';
        else labs.pop();
        break;
      case OPC.br: next = branch(ins.a); break;
      case OPC.br_if: if (pop() !== 0) next = branch(ins.a); break;
      case OPC.br_table: {
        const i = pop() >>> 0;
        const ts = ins.targets!;
        next = branch(i < ts.length ? ts[i]! : ins.a);
        break;
      }
      case OPC.return: next = branch(labs.length - 1); break;
      default: throw new Error(`unexpected op ${ins.op}`);
    }
    if (next === 'return') return { trace, result: stack.slice(stack.length - numResults), trapped: false, exhausted: false };
    pc = next;
  }
  return { trace, result: [], trapped: false, exhausted: true };
}

