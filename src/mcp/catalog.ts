/**
 * The catalog of what several guests offer, as one MCP server shows it: tool and prompt names are
 * prefixed with the guest's name (`guest_tool`) only when two guests offer the same name; resources
 * are routed by the URI each guest listed (with one guest, everything goes to it).
 */

import type { JsonObject, McpGuest, PromptInfo, ResourceInfo, ResourceTemplateInfo, ToolInfo } from '../host/guest.js';

export interface Routed<T> {
  readonly guest: McpGuest;
  /** The name the guest knows. */
  readonly original: string;
  /** The entry as shown to clients (possibly renamed). */
  readonly shown: T;
}

/** Names that occur in more than one guest's list. */
function collisions(lists: readonly (readonly { name: string }[])[]): Set<string> {
  const owners = new Map<string, number>();
  for (const list of lists) for (const name of new Set(list.map((e) => e.name))) owners.set(name, (owners.get(name) ?? 0) + 1);
  return new Set([...owners].filter(([, n]) => n > 1).map(([name]) => name));
}

export class Catalog {
  private tools = new Map<string, Routed<ToolInfo>>();
  private prompts = new Map<string, Routed<PromptInfo>>();
  private resources = new Map<string, McpGuest>();

  /** `sessionScoped`: the guests serve one client only (session guests), so per-client settings may reach them. */
  constructor(readonly guests: readonly McpGuest[], readonly sessionScoped = false) {}

  async listTools(): Promise<ToolInfo[]> {
    this.tools = await this.named((g) => g.listTools());
    return [...this.tools.values()].map((r) => r.shown);
  }

  async listPrompts(): Promise<PromptInfo[]> {
    this.prompts = await this.named((g) => g.listPrompts());
    return [...this.prompts.values()].map((r) => r.shown);
  }

  async listResources(): Promise<ResourceInfo[]> {
    const out: ResourceInfo[] = [];
    const routes = new Map<string, McpGuest>();
    for (const g of this.guests) {
      if (!(await g.capabilities()).resources) continue;
      for (const r of await g.listResources()) {
        if (!routes.has(r.uri)) routes.set(r.uri, g);
        out.push(r);
      }
    }
    this.resources = routes;
    return out;
  }

  async listResourceTemplates(): Promise<ResourceTemplateInfo[]> {
    const out: ResourceTemplateInfo[] = [];
    for (const g of this.guests) {
      if (!(await g.capabilities()).resources) continue;
      try {
        out.push(...(await g.listResourceTemplates()));
      } catch {
        // A guest without templates may answer method-not-found; it simply has none.
      }
    }
    return out;
  }

  /** The tool behind an exposed name (lists again once if the name is unknown). */
  async tool(name: string): Promise<Routed<ToolInfo> | undefined> {
    if (!this.tools.has(name)) await this.listTools();
    return this.tools.get(name);
  }

  async prompt(name: string): Promise<Routed<PromptInfo> | undefined> {
    if (!this.prompts.has(name)) await this.listPrompts();
    return this.prompts.get(name);
  }

  /** The guest serving `uri`: the one that listed it, else the only guest. */
  async resourceGuest(uri: string): Promise<McpGuest | undefined> {
    if (!this.resources.has(uri)) await this.listResources();
    return this.resources.get(uri) ?? (this.guests.length === 1 ? this.guests[0] : undefined);
  }

  private async named<T extends JsonObject & { name: string }>(
    list: (g: McpGuest) => Promise<T[]>,
  ): Promise<Map<string, Routed<T>>> {
    const lists: { guest: McpGuest; items: T[] }[] = [];
    for (const guest of this.guests) lists.push({ guest, items: await list(guest) });
    const clash = collisions(lists.map((l) => l.items));
    const out = new Map<string, Routed<T>>();
    for (const { guest, items } of lists) {
      for (const item of items) {
        const shownName = clash.has(item.name) ? `${guest.name}_${item.name}` : item.name;
        out.set(shownName, { guest, original: item.name, shown: { ...item, name: shownName } });
      }
    }
    return out;
  }
}
