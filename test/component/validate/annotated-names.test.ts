/**
 * Annotated import names ([constructor], [method], [static]) against the function types they name:
 * each rule of the Explainer's "Import and Export Definitions" checked alone, valid and invalid.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadComponent, ValidationError } from '../../../src/component/index.js';
import { componentBytes } from '../instantiate/wat.js';

/** A component importing resource `r` (and `q`), then the given import. */
const withImport = (imp: string): string => `(component
  (import "r" (type $r (sub resource)))
  (import "q" (type $q (sub resource)))
  ${imp})`;

async function accepts(imp: string): Promise<void> {
  loadComponent(await componentBytes(withImport(imp)));
}
async function refuses(imp: string, message: RegExp): Promise<void> {
  const bytes = await componentBytes(withImport(imp));
  assert.throws(() => loadComponent(bytes), (e: unknown) => e instanceof ValidationError && message.test(e.message), imp);
}

test('REQ-CM-VAL-002: a [constructor] import must return (own r) or (result (own r) ...) of that very resource', async () => {
  await accepts('(import "[constructor]r" (func (result (own $r))))');
  await accepts('(import "[constructor]r" (func (result (result (own $r) (error u32)))))');
  await refuses('(import "[constructor]r" (func))', /should return `\(own \$r\)`/);
  await refuses('(import "[constructor]r" (func (result u32)))', /should return/);
  await refuses('(import "[constructor]r" (func (result (own $q))))', /should return/);
  await refuses('(import "[constructor]r" (func (result (result u32))))', /should return/);
  await refuses('(import "[constructor]r" (func (result (result (error u32)))))', /should return/);
  await refuses('(import "[constructor]r" (func (result (result (own $q)))))', /should return/);
  await refuses('(import "[constructor]z" (func (result (own $r))))', /`z` is not a resource imported earlier/);
});

test('REQ-CM-VAL-002: a [method] import needs a first parameter self of type (borrow r); annotated names are for functions only', async () => {
  await accepts('(import "[method]r.m" (func (param "self" (borrow $r))))');
  await accepts('(import "[static]r.s" (func))');
  await refuses('(import "[method]r.m" (func))', /first parameter `self`/);
  await refuses('(import "[method]r.m" (func (param "this" (borrow $r))))', /first parameter `self`/);
  await refuses('(import "[method]r.m" (func (param "self" u32)))', /first parameter `self`/);
  await refuses('(import "[method]r.m" (func (param "self" (borrow $q))))', /first parameter `self`/);
  await refuses('(import "[method]r.m" (instance))', /annotated names are only allowed on functions/);
});
