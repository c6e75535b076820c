/**
 * alias (Binary.md "Alias Definitions"), shared by the alias section and the alias declarators of
 * component and instance types.
 */

import type { Reader } from '../../core/binary/reader.js';
import { badByte, readSort } from './common.js';
import type { Alias, OuterAliasSort, Sort } from './component.js';

function isOuterAliasSort(s: Sort): s is OuterAliasSort {
  return s === 'core module' || s === 'core type' || s === 'type' || s === 'component';
}

/**
 * alias ::= s:sort 0x00 i:instanceidx n:name          (export)
 *         | s:sort 0x01 i:core:instanceidx n:core:name (core export)
 *         | s:sort 0x02 ct:u32 idx:u32                 (outer, only for outeraliassort)
 */
export function readAlias(r: Reader): Alias {
  const sortAt = r.pos;
  const sort = readSort(r, 'alias sort');
  const at = r.pos;
  const target = r.u8();
  switch (target) {
    case 0x00:
      return { kind: 'export', sort, instanceIndex: r.u32(), name: r.name() };
    case 0x01:
      return { kind: 'core export', sort, instanceIndex: r.u32(), name: r.name() };
    case 0x02: {
      if (!isOuterAliasSort(sort)) {
        return badByte(r, r.bytes[sort.startsWith('core ') ? sortAt + 1 : sortAt]!, 'component outer alias kind', sortAt);
      }
      const count = r.u32();
      return { kind: 'outer', sort, count, index: r.u32() };
    }
    default:
      return badByte(r, target, 'alias', at);
  }
}
