/**
 * Guest kind 2 behind the `McpGuest` interface: a plain component (any WIT exports, Wassette's model).
 * Each exported function, at the top level or inside an exported interface, becomes a tool named from
 * its qualified export name; its input schema comes from the WIT parameter types and its result is
 * returned as `structuredContent: { result }` with a matching output schema (wit-json-schema.ts). A
 * function whose types include a resource handle has no JSON form and is not offered (`skipped` says
 * why). A top-level `result` whose value is `err` makes the tool result an error result.
 * Platform-free (no node:*).
 */

import { renderFuncType, type CFuncType, type LoadedComponent } from '../component/index.js';
import type { AuditLog } from './audit.js';
import { ComponentSandbox, GuestAnswer, stoppedResult } from './component-sandbox.js';
import { GuestFailure, GuestRpcError } from './errors.js';
import type {
  GuestCapabilities, GuestNotification, JsonObject, McpGuest, PromptInfo, ResourceInfo, ResourceTemplateInfo, ToolInfo, ToolResult,
} from './guest.js';
import type { ResolvedPolicy } from './policy.js';
import { UnsupportedWitType, witJsonSchema } from './wit-json-schema.js';
import { fromJson, toJson, WitJsonError } from './wit-json-values.js';

interface ExportedFunc {
  /** `name` or `interface#name`, as `ComponentInstance.call` takes it. */
  readonly qualified: string;
  readonly type: CFuncType;
}

/** Every exported function of a component: top-level ones and those of exported instances. */
export function exportedFuncs(c: LoadedComponent): ExportedFunc[] {
  const out: ExportedFunc[] = [];
  for (const [name, t] of c.type.exports) {
    if (t.kind === 'func') out.push({ qualified: name, type: t.type });
    if (t.kind === 'instance') {
      for (const [fn, ft] of t.type.exports) if (ft.kind === 'func') out.push({ qualified: `${name}#${fn}`, type: ft.type });
    }
  }
  return out;
}

/**
 * The MCP tool name of a qualified export name: the version is dropped and every run of characters
 * outside MCP's recommended set [A-Za-z0-9_.-] becomes `_` (`example:shapes/geometry@0.1.0#area` →
 * `example_shapes_geometry_area`).
 */
export function toolName(qualified: string): string {
  return qualified.replace(/@[^#]*/, '').replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '') || 'tool';
}

interface PlainTool {
  readonly info: ToolInfo;
  readonly func: ExportedFunc;
}

export class PlainComponentGuest implements McpGuest {
  readonly kind = 'component' as const;
  onNotification?: (n: GuestNotification) => void;
  readonly sandbox: ComponentSandbox<null>;
  /** Exported functions not offered as tools, with the reason. */
  readonly skipped: { readonly export: string; readonly reason: string }[] = [];
  private readonly tools = new Map<string, PlainTool>();

  constructor(component: LoadedComponent, policy: ResolvedPolicy, audit: AuditLog) {
    this.sandbox = new ComponentSandbox(component, policy, audit, () => ({ imports: {}, state: null }), () => undefined);
    for (const func of exportedFuncs(component)) {
      try {
        const info = this.describe(func);
        let name = info.name;
        for (let i = 2; this.tools.has(name); i++) name = `${info.name}_${i}`;
        this.tools.set(name, { info: { ...info, name }, func });
      } catch (e) {
        if (!(e instanceof UnsupportedWitType)) throw e;
        this.skipped.push({ export: func.qualified, reason: e.message });
      }
    }
  }

  get name(): string {
    return this.sandbox.name;
  }

  async capabilities(): Promise<GuestCapabilities> {
    return { tools: true, resources: false, prompts: false, completions: false };
  }

  async listTools(): Promise<ToolInfo[]> {
    return [...this.tools.values()].map((t) => t.info);
  }

  async callTool(name: string, args: JsonObject): Promise<ToolResult> {
    const tool = this.tools.get(name);
    if (tool === undefined) throw new GuestRpcError(-32602, `unknown tool: ${name}`);
    const f = tool.func.type;
    try {
      return await this.sandbox.run({ op: 'tools/call', tool: name, args }, (b) => {
        let values: unknown[];
        try {
          values = f.params.map((p) => fromJson(p.type, args[p.name] === undefined && p.type.kind === 'option' ? null : args[p.name], p.name));
        } catch (e) {
          if (e instanceof WitJsonError) throw new GuestAnswer(new GuestRpcError(-32602, `invalid arguments for tool ${name}: ${e.message}`));
          throw e;
        }
        const r = b.instance.call(tool.func.qualified, ...values);
        if (f.result === undefined) return { content: [{ type: 'text', text: 'done' }], structuredContent: {}, isError: false };
        const json = toJson(f.result, r);
        const failed = f.result.kind === 'result' && (r as { tag: string }).tag === 'err';
        const text = typeof json === 'string' ? json : JSON.stringify(json);
        return { content: [{ type: 'text', text }], structuredContent: { result: json }, isError: failed };
      });
    } catch (e) {
      if (e instanceof GuestFailure) return stoppedResult(e);
      throw e;
    }
  }

  async listResources(): Promise<ResourceInfo[]> {
    return [];
  }

  async listResourceTemplates(): Promise<ResourceTemplateInfo[]> {
    return [];
  }

  readResource(uri: string): Promise<JsonObject> {
    return Promise.reject(new GuestRpcError(-32002, `resource not found: ${uri} (a plain component offers tools only)`));
  }

  async listPrompts(): Promise<PromptInfo[]> {
    return [];
  }

  getPrompt(name: string): Promise<JsonObject> {
    return Promise.reject(new GuestRpcError(-32602, `unknown prompt: ${name} (a plain component offers tools only)`));
  }

  async complete(): Promise<JsonObject> {
    return { completion: { values: [], hasMore: false } };
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }

  private describe(func: ExportedFunc): ToolInfo {
    const properties: Record<string, unknown> = {};
    for (const p of func.type.params) properties[p.name] = witJsonSchema(p.type, p.name);
    const inputSchema = {
      type: 'object',
      properties,
      required: func.type.params.filter((p) => p.type.kind !== 'option').map((p) => p.name),
      additionalProperties: false,
    };
    const outputSchema = func.type.result === undefined
      ? { type: 'object', properties: {}, additionalProperties: false }
      : { type: 'object', properties: { result: witJsonSchema(func.type.result, 'result') }, required: ['result'], additionalProperties: false };
    return {
      name: toolName(func.qualified),
      description: `${func.qualified}: ${renderFuncType(func.type)}`,
      inputSchema,
      outputSchema,
    };
  }
}
