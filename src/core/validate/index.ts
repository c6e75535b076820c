/**
 * The validator's entry point: `validate(module)` checks a decoded module against the WebAssembly 2.0
 * validation rules and compiles every function body into the format of `compiled.ts`.
 * It is the only producer of `ValidatedModule` (DESIGN.md invariant 1).
 */

import type { Module } from '../binary/module.js';
import { DecodeError, ValidationError } from '../errors.js';
import type { CompiledFunction, ValidatedModule } from './compiled.js';
import { buildContext } from './context.js';
import { FunctionCompiler } from './function-compiler.js';
import { checkExports, checkMemoryCount, checkModuleFields, checkStart } from './module-checks.js';
import { Reason } from './reasons.js';

export { MAX_FUNCTION_LOCALS } from './function-compiler.js';
export { Reason } from './reasons.js';

/**
 * Validates `module`; throws `ValidationError(reason, funcIndex, instrIndex, offset)` with the spec
 * testsuite's wording on the first rule it finds broken.
 */
export function validate(module: Module): ValidatedModule {
  try {
    const validated = validateModule(module);
    issued.add(validated);
    return validated;
  } catch (e) {
    // DecodeError: a body of `decodeUnchecked` is checked as it is read (see load in core/index.ts).
    if (e instanceof ValidationError || e instanceof DecodeError) throw e;
    // A malformed Module object (e.g. hand-built with holes) must still fail with a typed error.
    throw new ValidationError(`internal validator error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Every ValidatedModule `validate` has returned; the store instantiates nothing else. */
const issued = new WeakSet<ValidatedModule>();

/** True when `module` came out of `validate` (an object built any other way is refused by the store). */
export function isValidated(module: ValidatedModule): boolean {
  return issued.has(module);
}

function validateModule(module: Module): ValidatedModule {
  if (module.codes.length !== module.funcs.length) {
    throw new ValidationError(Reason.inconsistentLengths);
  }
  const ctx = buildContext(module);
  checkMemoryCount(ctx);
  checkModuleFields(ctx);

  const compiler = new FunctionCompiler(ctx);
  const functions: CompiledFunction[] = [];
  for (let i = 0; i < module.funcs.length; i++) functions.push(compiler.compile(i));

  checkStart(ctx);
  checkExports(ctx);

  return {
    module,
    funcTypes: ctx.funcTypes,
    functions,
    globalTypes: ctx.globals.map((g) => ({ valType: g.valType, mutable: g.mutable })),
  };
}

