/**
 * Whole-vector bit operations (WebAssembly 2.0, section 4.4.3 "vvunop", "vvbinop", "vvternop",
 * "vvtestop"): v128.not/and/andnot/or/xor/bitselect/any_true, computed on the four 32-bit words.
 */

import type { StackViews } from '../stack.js';
import { unreachableSub } from './invalid.js';

export function execBitwise(sub: number, s: StackViews, sp: number): number {
  const r = s.i32;
  switch (sub) {
    case 0x4d: {
      // v128.not
      const a = (sp - 1) << 2;
      for (let i = 0; i < 4; i++) r[a + i] = ~r[a + i];
      return sp;
    }
    case 0x4e: {
      // v128.and
      const a = (sp - 2) << 2;
      for (let i = 0; i < 4; i++) r[a + i] = r[a + i] & r[a + 4 + i];
      return sp - 1;
    }
    case 0x4f: {
      // v128.andnot: a & ~b
      const a = (sp - 2) << 2;
      for (let i = 0; i < 4; i++) r[a + i] = r[a + i] & ~r[a + 4 + i];
      return sp - 1;
    }
    case 0x50: {
      // v128.or
      const a = (sp - 2) << 2;
      for (let i = 0; i < 4; i++) r[a + i] = r[a + i] | r[a + 4 + i];
      return sp - 1;
    }
    case 0x51: {
      // v128.xor
      const a = (sp - 2) << 2;
      for (let i = 0; i < 4; i++) r[a + i] = r[a + i] ^ r[a + 4 + i];
      return sp - 1;
    }
    case 0x52: {
      // v128.bitselect v1 v2 c: bits of v1 where c is 1, bits of v2 where c is 0.
      const a = (sp - 3) << 2;
      for (let i = 0; i < 4; i++) {
        const c = r[a + 8 + i];
        r[a + i] = (r[a + i] & c) | (r[a + 4 + i] & ~c);
      }
      return sp - 2;
    }
    case 0x53: {
      // v128.any_true: 1 when any bit is set.
      const a = (sp - 1) << 2;
      r[a] = (r[a] | r[a + 1] | r[a + 2] | r[a + 3]) !== 0 ? 1 : 0;
      return sp;
    }
    default:
      return unreachableSub(sub);
  }
}
