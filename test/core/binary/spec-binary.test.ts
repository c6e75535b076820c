import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { decode } from '../../../src/core/binary/index.js';
import { DecodeError } from '../../../src/core/errors.js';
import { binaryCases } from './wast-binary.js';

/** The spec testsuite, next to the repository (override with WASM_TESTSUITE). */
const SUITE = process.env['WASM_TESTSUITE'] ?? path.resolve(process.cwd(), '../shared/wasm-testsuite/2.0');
const present = fs.existsSync(SUITE);

test('REQ-CORE-DEC-027: every binary module of the spec testsuite decodes or is rejected with the expected reason',
  { skip: present ? false : `testsuite not found at ${SUITE}` }, () => {
    let accepted = 0;
    let rejected = 0;
    const failures: string[] = [];
    for (const file of fs.readdirSync(SUITE).filter((f) => f.endsWith('.wast')).sort()) {
      const src = fs.readFileSync(path.join(SUITE, file), 'utf8');
      if (!src.includes('binary')) continue;
      for (const c of binaryCases(src)) {
        const where = `${file}:${c.line}`;
        try {
          decode(c.bytes);
          if (c.malformed !== undefined) failures.push(`${where}: accepted, expected "${c.malformed}"`);
          else accepted++;
        } catch (e) {
          if (!(e instanceof DecodeError)) failures.push(`${where}: ${String(e)}`);
          else if (c.malformed === undefined) failures.push(`${where}: rejected valid binary: ${e.message}`);
          // The reference interpreter's reasons extend the testsuite's texts (prefix match, as its runner does).
          else if (!e.reason.startsWith(c.malformed)) failures.push(`${where}: "${e.reason}" vs "${c.malformed}"`);
          else rejected++;
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(accepted > 50 && rejected > 700, `accepted ${accepted}, rejected ${rejected}`);
  });
