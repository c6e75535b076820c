/**
 * The playground page: reads a dropped or picked .wasm file, loads it as a guest (guest.ts), shows what
 * failed and where, lists the exports with their types and calls them. Everything runs here, on the core
 * bundle; the page never talks to a server.
 */

import { loadCoreGuest, GuestLoadError } from './core-guest.js';
import { detectKind, type CallOutcome, type Guest } from './guest.js';

function el<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (e === null) throw new Error(`page is missing #${id}`);
  return e as T;
}

const status = el<HTMLParagraphElement>('status');
const importsList = el<HTMLUListElement>('imports');
const exportsBody = el<HTMLTableElement>('exports').tBodies[0];
const exportSelect = el<HTMLSelectElement>('export');
const argsInput = el<HTMLInputElement>('args');
const fuelInput = el<HTMLInputElement>('fuel');
const runButton = el<HTMLButtonElement>('run');
const output = el<HTMLOListElement>('output');

let guest: Guest | undefined;

function setStatus(text: string, kind: 'ok' | 'error' | ''): void {
  status.textContent = text;
  status.className = `status ${kind}`;
}

function addOutput(text: string, cls: string): void {
  const li = document.createElement('li');
  li.textContent = text;
  li.className = cls;
  output.appendChild(li);
}

function clearGuest(): void {
  guest = undefined;
  importsList.replaceChildren();
  exportsBody.replaceChildren();
  exportSelect.replaceChildren();
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
  for (const x of g.exports) {
    const tr = document.createElement('tr');
    for (const text of [x.name, x.kind, x.type]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.appendChild(td);
    }
    exportsBody.appendChild(tr);
    if (x.params !== undefined) {
      const opt = document.createElement('option');
      opt.value = x.name;
      opt.textContent = `${x.name} ${x.type}`;
      exportSelect.appendChild(opt);
    }
  }
  runButton.disabled = exportSelect.options.length === 0;
}

/** Loads the bytes of a file as a guest, or shows why it cannot be loaded. */
export function loadBytes(bytes: Uint8Array, fileName: string): void {
  clearGuest();
  const kind = detectKind(bytes);
  if (kind === 'component') {
    setStatus(`${fileName}: a WebAssembly component; the page runs core modules today (components and MCP guests follow the Component Model runtime and the MCP host)`, 'error');
    return;
  }
  try {
    showGuest(loadCoreGuest(bytes, (line) => addOutput(line, 'fuel')), fileName);
  } catch (e) {
    setStatus(`${fileName}: ${e instanceof GuestLoadError ? e.message : String(e)}`, 'error');
  }
}

function describeOutcome(name: string, args: readonly string[], r: CallOutcome): { text: string; cls: string } {
  const call = `${name}(${args.join(', ')})`;
  switch (r.status) {
    case 'done': return { text: `${call} = ${r.results.join(' ') || '(no results)'} (fuel used: ${r.fuelUsed})`, cls: 'done' };
    case 'out-of-fuel': return { text: `${call}: out of fuel after ${r.fuelUsed} instructions`, cls: 'error' };
    case 'error': return { text: `${call}: ${r.error}`, cls: 'error' };
  }
}

async function readFile(file: File): Promise<void> {
  loadBytes(new Uint8Array(await file.arrayBuffer()), file.name);
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
  if (guest === undefined) return;
  const name = exportSelect.value;
  const args = argsInput.value.trim() === '' ? [] : argsInput.value.trim().split(/[\s,]+/);
  const fuel = Math.max(0, Math.floor(Number(fuelInput.value) || 0));
  const { text, cls } = describeOutcome(name, args, guest.call(name, args, fuel));
  addOutput(text, cls);
});

document.body.dataset.ready = 'true';
