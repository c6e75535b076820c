/**
 * Generates a large valid module for the load (decode + validate) throughput figure: `count`
 * functions whose bodies mix locals, arithmetic, memory access and nested blocks/loops with branches,
 * roughly what compiled C code looks like. Hand-assembled bytes; no toolchain needed.
 */

function uleb(n: number, out: number[]): void {
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
}

function section(id: number, payload: number[], out: number[]): void {
  out.push(id);
  uleb(payload.length, out);
  for (const b of payload) out.push(b);
}

/** One body: `reps` copies of a small loop nest, then the result. */
function body(reps: number): number[] {
  const b: number[] = [1, 2, 0x7f]; // one local run: 2 x i32
  for (let r = 0; r < reps; r++) {
    b.push(0x02, 0x40, 0x03, 0x40); // block, loop
    b.push(0x20, 0, 0x20, 1, 0x6a, 0x22, 2); // local.get 0, local.get 1, i32.add, local.tee 2
    b.push(0x41, 7, 0x6c, 0x21, 3); // i32.const 7, i32.mul, local.set 3
    b.push(0x20, 3, 0x28, 2, 4, 0x20, 2, 0x73, 0x21, 0); // i32.load, xor, local.set 0
    b.push(0x20, 0, 0x41, 0xe8, 0x07, 0x49, 0x0d, 0); // i32.const 1000, lt_u, br_if 0
    b.push(0x20, 0, 0x45, 0x04, 0x40, 0x0c, 2, 0x0b); // eqz, if, br 2, end
    b.push(0x0b, 0x0b); // end loop, end block
  }
  b.push(0x20, 0, 0x0b);
  const out: number[] = [];
  uleb(b.length, out);
  return out.concat(b);
}

/** A module of about `targetBytes` bytes. */
export function bigModule(targetBytes: number): Uint8Array {
  const one = body(40);
  const count = Math.max(1, Math.floor(targetBytes / one.length));
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  section(1, [1, 0x60, 2, 0x7f, 0x7f, 1, 0x7f], out);
  const funcs: number[] = [];
  uleb(count, funcs);
  for (let i = 0; i < count; i++) funcs.push(0);
  section(3, funcs, out);
  section(5, [1, 0, 1], out);
  const code: number[] = [];
  uleb(count, code);
  for (let i = 0; i < count; i++) for (const x of one) code.push(x);
  section(10, code, out);
  return Uint8Array.from(out);
}
