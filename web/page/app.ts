/**
 * The playground page: reads a dropped or picked .wasm file, loads it as a guest (guest.ts) — a core
 * module, an MCP server on WASI preview 1 stdio, or a component — shows what failed and where, lists
 * what the guest offers with its types and calls it. Everything runs here, on the core bundle; the page
 * never talks to a server.
 */

import { WasmError } from '../../src/core/index.js';
import { loadComponentGuest } from './component-guest.js';
import { GuestLoadError, coreGuest, describeError, loadModule } from './core-guest.js';
import { detectKind, messageOf, type CallOutcome, type Guest } from './guest.js';
import { isStdioCommand, loadMcpGuest, stdioGuestFactory } from './mcp-guest.js';

function el<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (e === null) throw new Error(`page is missing #${id}`);
  return e as T;
}

const status = el<HTMLParagraphElement>('status');
const importsList = el<HTMLUListElement>('imports');
const detail = el<HTMLPreElement>('detail');
const exportsBody = el<HTMLTableElement>('exports').tBodies[0];
const exportSelect = el<HTMLSelectElement>('export');
const argsInput = el<HTMLInputElement>('args');
const fuelInput = el<HTMLInputElement>('fuel');
const runButton = el<HTMLButtonElement>('run');
const output = el<HTMLOListElement>('output');

let guest: Guest | undefined;
/** Counts loads, so a slow load (an MCP server booting) finished after a newer one is dropped. */
let generation = 0;

function setStatus(text: string, kind: 'ok' | 'error' | 'busy' | ''): void {
  status.textContent = text;
  status.className = `status ${kind}`;
}

function addOutput(text: string, cls: string): void {
  const li = document.createElement('li');
  li.textContent = text;
  li.className = cls;
  output.appendChild(li);
}

function currentFuel(): number {
  return Math.max(0, Math.floor(Number(fuelInput.value) || 0));
}

function clearGuest(): void {
  guest = undefined;
  importsList.replaceChildren();
  exportsBody.replaceChildren();
  exportSelect.replaceChildren();
  detail.textContent = '';
  detail.hidden = true;
  runButton.disabled = true;
}

function showGuest(g: Guest, fileName: string): void {
  guest = g;
  setStatus(`${fileName}: ${g.summary}`, 'ok');
  for (const line of g.imports) {
    const li = document.createElement('li');
    li.textContent = `import ${line}`;
    importsList.appendChild(li);
  }
  detail.textContent = g.detail ?? '';
  detail.hidden = g.detail === undefined;
  for (const x of g.exports) {
    const tr = document.createElement('tr');
    for (const text of [x.name, x.kind, x.type]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.appendChild(td);
    }
    exportsBody.appendChild(tr);
    if (x.callable) {
      const opt = document.createElement('option');
      opt.value = x.id;
      opt.textContent = `${x.kind === 'func' ? '' : `${x.kind} `}${x.name}`;
      exportSelect.appendChild(opt);
    }
  }
  argsInput.placeholder = g.argsHint;
  runButton.disabled = exportSelect.options.length === 0;
}

async function loadGuest(bytes: Uint8Array, fileName: string, log: (line: string) => void): Promise<Guest> {
  const kind = detectKind(bytes);
  if (kind === 'component') {
    try {
      return await loadComponentGuest(bytes, fileName, currentFuel(), log);
    } catch (e) {
      // The runtime's typed errors (decode, validation, link) as such; a WASI-MCP server that did not start by its message.
      throw new GuestLoadError(e instanceof WasmError ? describeError(e) : `not usable as an MCP server: ${messageOf(e)}`);
    }
  }
  const vm = loadModule(bytes);
  if (!isStdioCommand(vm)) return coreGuest(vm, bytes.length, log);
  setStatus(`${fileName}: a WASI preview 1 command; starting it as an MCP server…`, 'busy');
  try {
    const imports = vm.module.imports.map((i) => `${i.module}.${i.name} (WASI preview 1, in the page)`);
    return await loadMcpGuest(stdioGuestFactory(vm, log), { fileName, form: 'WASI preview 1, stdio', size: bytes.length, imports }, currentFuel(), log);
  } catch (e) {
    throw new GuestLoadError(`not usable as an MCP server: ${messageOf(e)}`);
  }
}

/** Loads the bytes of a file as a guest, or shows why it cannot be loaded. */
export async function loadBytes(bytes: Uint8Array, fileName: string): Promise<void> {
  const mine = ++generation;
  clearGuest();
  const log = (line: string): void => addOutput(line, 'log');
  try {
    const g = await loadGuest(bytes, fileName, log);
    if (mine === generation) showGuest(g, fileName);
  } catch (e) {
    if (mine === generation) setStatus(`${fileName}: ${e instanceof GuestLoadError ? e.message : describeError(e)}`, 'error');
  }
}

function describeOutcome(r: CallOutcome): { text: string; cls: string } {
  switch (r.status) {
    case 'done': {
      const fuel = r.fuelUsed === undefined ? 'not measured' : String(r.fuelUsed);
      return { text: `${r.call} = ${r.results.join('\n') || '(no results)'} (fuel used: ${fuel})`, cls: 'done' };
    }
    case 'out-of-fuel': return { text: `${r.call}: out of fuel after ${r.fuelUsed} instructions`, cls: 'error' };
    case 'error': return { text: `${r.call}: ${r.error}`, cls: 'error' };
  }
}

async function readFile(file: File): Promise<void> {
  await loadBytes(new Uint8Array(await file.arrayBuffer()), file.name);
}

el<HTMLInputElement>('file').addEventListener('change', (ev) => {
  const f = (ev.target as HTMLInputElement).files?.[0];
  if (f !== undefined) void readFile(f);
});

const drop = el<HTMLElement>('drop');
drop.addEventListener('dragover', (ev) => {
  ev.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (ev) => {
  ev.preventDefault();
  drop.classList.remove('over');
  const f = ev.dataTransfer?.files[0];
  if (f !== undefined) void readFile(f);
});

el<HTMLFormElement>('call').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const g = guest;
  if (g === undefined) return;
  runButton.disabled = true;
  void g.call(exportSelect.value, argsInput.value, currentFuel()).then((r) => {
    const { text, cls } = describeOutcome(r);
    addOutput(text, cls);
    runButton.disabled = guest !== g;
  });
});

document.body.dataset.ready = 'true';
