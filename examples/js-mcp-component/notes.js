// A WASI-MCP component in JavaScript (world wasi:mcp/mcp-backend, wit/wasi-mcp.wit), made by
// `jco componentize` (componentize-js, StarlingMonkey). The same small notes server as the C example:
// `run` registers and calls serve(); the host then calls `handlers`. With jco's mapping, a WIT record
// is an object with camelCase keys, option<T> is T or undefined, list<u8> a Uint8Array, and an `err`
// result is a thrown value.
import {
  registerServer, registerTools, registerResources, registerResourceTemplates, registerPrompts, serve,
  sendNotification, log,
} from 'wasi:mcp/runtime@0.1.0';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const json = (value) => encoder.encode(JSON.stringify(value));
const parse = (bytes) => JSON.parse(decoder.decode(bytes));

const notes = [];
const README = 'This server is JavaScript compiled to a WASI-MCP component, running inside mcp-wrt.';

const object = (properties, required) => json({ type: 'object', properties, required });

function resources() {
  return [
    { uri: 'notes://readme', name: 'readme', description: 'What this server is', mimeType: 'text/plain', size: BigInt(README.length) },
    ...notes.map((n, id) => ({ uri: `notes://note/${id}`, name: n.title, mimeType: 'text/plain' })),
  ];
}

export const run = {
  run() {
    registerServer({
      implementation: { name: 'js-notes', version: '0.1.0', title: 'Notes (JavaScript, WASI-MCP component)' },
      capabilities: {
        tools: { listChanged: true },
        resources: { subscribe: false, listChanged: true },
        prompts: { listChanged: false },
        completions: { enabled: true },
        logging: { enabled: true },
      },
      instructions: 'A small notes server written in JavaScript.',
    });
    registerTools([
      { name: 'add', description: 'Adds two numbers', inputSchema: object({ a: { type: 'number' }, b: { type: 'number' } }, ['a', 'b']),
        outputSchema: object({ sum: { type: 'number' } }, ['sum']) },
      { name: 'add_note', description: 'Stores a note', inputSchema: object({ title: { type: 'string' }, text: { type: 'string' } }, ['title', 'text']) },
      { name: 'search_notes', description: 'Lists the notes containing the query', inputSchema: object({ query: { type: 'string' } }, ['query']) },
      { name: 'fail', description: 'Answers with the error record', inputSchema: object({}, []) },
    ]);
    registerResources(resources());
    registerResourceTemplates([{ uriTemplate: 'notes://note/{id}', name: 'note', mimeType: 'text/plain' }]);
    registerPrompts([{ name: 'greet', description: 'Greets someone', arguments: [{ name: 'name', required: true }] }]);
    serve();
  },
};

const text = (t) => ({ tag: 'text', val: t });

export const handlers = {
  callTool(name, argBytes) {
    const args = parse(argBytes);
    switch (name) {
      case 'add': {
        const sum = args.a + args.b;
        return { content: [text(String(sum))], structuredContent: json({ sum }), isError: false };
      }
      case 'add_note': {
        notes.push({ title: args.title, text: args.text });
        registerResources(resources());
        sendNotification({ tag: 'resources-list-changed' });
        log('info', `stored note ${notes.length - 1}`, undefined);
        return { content: [text(`stored note ${notes.length - 1}`)], isError: false };
      }
      case 'search_notes': {
        const found = notes.map((n, id) => ({ ...n, id })).filter((n) => n.title.includes(args.query) || n.text.includes(args.query));
        return { content: [text(found.map((n) => `notes://note/${n.id} ${n.title}`).join('\n') || 'no note matches')], isError: false };
      }
      case 'fail':
        throw { code: -32001, message: 'the fail tool always fails', data: json({ from: 'javascript' }) };
      default:
        throw { code: -32602, message: `unknown tool: ${name}` };
    }
  },
  readResource(uri) {
    const m = /^notes:\/\/note\/(\d+)$/.exec(uri);
    const body = uri === 'notes://readme' ? README : m && notes[Number(m[1])] ? `# ${notes[Number(m[1])].title}\n\n${notes[Number(m[1])].text}` : undefined;
    if (body === undefined) throw { code: -32002, message: `resource not found: ${uri}` };
    return { contents: [{ uri, mimeType: 'text/plain', contents: text(body) }] };
  },
  getPrompt(name, argBytes) {
    if (name !== 'greet') throw { code: -32602, message: `unknown prompt: ${name}` };
    const args = parse(argBytes);
    return { description: 'Greets someone', messages: [{ role: 'user', content: text(`Say hello to ${args.name ?? 'the user'}.`) }] };
  },
  handleSubscribe() {},
  handleUnsubscribe() {},
  handleComplete(refType, refValue, argument) {
    const values = refType === 'prompt' && refValue === 'greet' && argument.name === 'name'
      ? ['Ada', 'Alan', 'Grace'].filter((v) => v.startsWith(argument.value)) : [];
    return { values, total: values.length, hasMore: false };
  },
};
