/**
 * Compiles every `examples/*.wat` to `examples/*.wasm` with the wabt npm package (text to binary only;
 * our own validator decides validity when the example is loaded).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wabtInit from 'wabt';

const dir = process.argv[2] ?? 'examples';
const wabt = await wabtInit();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.wat'))) {
  const text = readFileSync(join(dir, file));
  const parsed = wabt.parseWat(file, new Uint8Array(text));
  const { buffer } = parsed.toBinary({ log: false, write_debug_names: false });
  parsed.destroy();
  writeFileSync(join(dir, file.replace(/\.wat$/, '.wasm')), buffer);
}
