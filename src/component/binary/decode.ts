/**
 * The component decoder: preamble and sections (Component Model Binary.md, layer 1, version 0x0d).
 *
 * Sections may appear in any order and any number of times; their definitions are appended to one
 * list in binary order. Each section is read through a reader bounded by the section's size, so no
 * rule can read into the next section, and a section whose content is shorter than its size is
 * malformed ("section size mismatch"). Every failure is a DecodeError with the byte offset where
 * decoding failed; allocations are bounded by the bytes left.
 */

import { Reader } from '../../core/binary/reader.js';
import { DecodeError } from '../../core/errors.js';
import { readAlias } from './alias.js';
import { readCanon } from './canon.js';
import { checkNesting, readSized, unsupported } from './common.js';
import type { Component, ComponentNames, CustomSection, Definition } from './component.js';
import { readCoreType } from './core-types.js';
import { readCoreInstance, readExport, readImport, readInstance, readStart } from './definitions.js';
import { COMPONENT_NAME_SECTION, decodeComponentNames } from './names.js';
import { isCoreModuleAt, readComponentPreamble } from './preamble.js';
import { readDefType } from './types.js';

/** Section ids (Binary.md "Component Definitions"). */
export const SectionId = {
  custom: 0,
  coreModule: 1,
  coreInstance: 2,
  coreType: 3,
  component: 4,
  instance: 5,
  alias: 6,
  type: 7,
  canon: 8,
  start: 9,
  import: 10,
  export: 11,
  value: 12,
} as const;

/**
 * Decodes a component binary into plain data. Throws DecodeError (never another exception) when the
 * bytes are not a well-formed component of version 0x0d or use a feature this runtime rejects as
 * unsupported (the reason then starts with "unsupported").
 */
export function decodeComponent(bytes: Uint8Array): Component {
  return decodeComponentAt(bytes, 0, bytes.length, 0);
}

/** Decodes the component that fills `bytes[start .. end)`; `depth` counts enclosing components. */
function decodeComponentAt(bytes: Uint8Array, start: number, end: number, depth: number): Component {
  const r = new Reader(bytes, start, end);
  checkNesting(r, depth);
  readComponentPreamble(r);
  const definitions: Definition[] = [];
  const customSections: CustomSection[] = [];
  let names: ComponentNames | undefined;

  while (!r.atEnd()) {
    const idAt = r.pos;
    const id = r.u8();
    if (id > SectionId.value) r.fail('malformed section id', idAt);
    const s = readSized(r, 'section');
    switch (id) {
      case SectionId.custom: {
        const section = readCustomSection(s);
        customSections.push(section);
        if (names === undefined && section.name === COMPONENT_NAME_SECTION) names = tryDecodeNames(bytes, s.end - section.bytes.length, s.end);
        break;
      }
      case SectionId.coreModule: {
        if (!isCoreModuleAt(bytes, s.pos, s.end)) s.fail('expected a core module preamble (version 1, layer 0) in a core module section');
        // Kept undecoded: the core's load() decodes and validates the module at instantiation.
        definitions.push({ kind: 'core module', bytes: bytes.slice(s.pos, s.end), offset: s.pos });
        s.pos = s.end;
        break;
      }
      case SectionId.coreInstance:
        for (const offset of each(s)) definitions.push({ kind: 'core instance', instance: readCoreInstance(s), offset });
        break;
      case SectionId.coreType:
        for (const offset of each(s)) definitions.push({ kind: 'core type', type: readCoreType(s, depth + 1), offset });
        break;
      case SectionId.component:
        definitions.push({ kind: 'component', component: decodeComponentAt(bytes, s.pos, s.end, depth + 1), offset: s.pos });
        s.pos = s.end;
        break;
      case SectionId.instance:
        for (const offset of each(s)) definitions.push({ kind: 'instance', instance: readInstance(s), offset });
        break;
      case SectionId.alias:
        for (const offset of each(s)) definitions.push({ kind: 'alias', alias: readAlias(s), offset });
        break;
      case SectionId.type:
        for (const offset of each(s)) definitions.push({ kind: 'type', type: readDefType(s, depth + 1), offset });
        break;
      case SectionId.canon:
        for (const offset of each(s)) definitions.push({ kind: 'canon', canon: readCanon(s), offset });
        break;
      case SectionId.start: {
        const offset = s.pos;
        definitions.push({ kind: 'start', start: readStart(s), offset });
        break;
      }
      case SectionId.import:
        for (const offset of each(s)) definitions.push({ kind: 'import', import: readImport(s), offset });
        break;
      case SectionId.export:
        for (const offset of each(s)) definitions.push({ kind: 'export', export: readExport(s), offset });
        break;
      default: // SectionId.value (🪙)
        unsupported(s, 'value section (component values are not supported)', idAt);
    }
    if (!s.atEnd()) s.fail('section size mismatch');
    r.pos = s.end;
  }
  return names === undefined ? { definitions, customSections, offset: start } : { definitions, customSections, names, offset: start };
}

/**
 * Reads a section's vector count and yields the offset of each item before the caller reads it
 * (so items are decoded in place, without an intermediate array).
 */
function* each(s: Reader): Generator<number, void, void> {
  const n = s.len();
  for (let i = 0; i < n; i++) yield s.pos;
}

function readCustomSection(s: Reader): CustomSection {
  const offset = s.pos;
  const name = s.name();
  const bytes = s.bytes.slice(s.pos, s.end);
  s.pos = s.end;
  return { name, bytes, offset };
}

/** The name section is for diagnostics only: a malformed one is ignored, not an error. */
function tryDecodeNames(bytes: Uint8Array, start: number, end: number): ComponentNames | undefined {
  try {
    return decodeComponentNames(bytes, start, end);
  } catch (e) {
    if (e instanceof DecodeError) return undefined;
    throw e;
  }
}
