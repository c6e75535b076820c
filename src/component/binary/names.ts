/**
 * The `component-name` custom section (Binary.md "Name Section"): names for diagnostics.
 *
 * namedata ::= componentnamesubsec? sortnamesubsec*, each subsection being `id:byte size:u32 bytes`.
 * Unknown subsection ids are skipped. A malformed name section does not make the component
 * malformed (the caller catches the DecodeError and ignores the section).
 */

import { Reader } from '../../core/binary/reader.js';
import { readSized, readSort, readVec } from './common.js';
import type { ComponentNames, NameAssoc, Sort } from './component.js';

export const COMPONENT_NAME_SECTION = 'component-name';

function readNameAssoc(r: Reader): NameAssoc {
  const index = r.u32();
  return { index, name: r.name() };
}

/** Decodes the payload `bytes[start .. end)` of a `component-name` section (after its name). */
export function decodeComponentNames(bytes: Uint8Array, start: number, end: number): ComponentNames {
  const r = new Reader(bytes, start, end);
  let component: string | undefined;
  const sorts: { sort: Sort; names: NameAssoc[] }[] = [];
  while (!r.atEnd()) {
    const id = r.u8();
    const sub = readSized(r, 'name subsection');
    if (id === 0) {
      component = sub.name();
    } else if (id === 1) {
      const sort = readSort(sub, 'name section sort');
      sorts.push({ sort, names: readVec(sub, readNameAssoc) });
    } else {
      sub.pos = sub.end;
    }
    if (!sub.atEnd()) sub.fail('name subsection size mismatch');
    r.pos = sub.end;
  }
  return component === undefined ? { sorts } : { component, sorts };
}
