/**
 * The one interface every kind of guest is served through (DESIGN.md data flow): WASI-MCP components,
 * plain components and WASI preview 1 stdio modules all become an `McpGuest`, and the MCP server
 * knows nothing else about them. Values are plain MCP JSON (the 2025-11-25 schema's shapes).
 */

export type JsonObject = Record<string, unknown>;

export interface ToolInfo extends JsonObject {
  readonly name: string;
  readonly description?: string;
  readonly inputSchema: JsonObject;
  readonly outputSchema?: JsonObject;
}

export interface ResourceInfo extends JsonObject {
  readonly uri: string;
  readonly name: string;
}

export interface ResourceTemplateInfo extends JsonObject {
  readonly uriTemplate: string;
  readonly name: string;
}

export interface PromptInfo extends JsonObject {
  readonly name: string;
}

/** A tools/call result; `isError` marks a failed call (also used for sandbox failures). */
export interface ToolResult extends JsonObject {
  readonly content: readonly JsonObject[];
  readonly isError?: boolean;
  readonly structuredContent?: JsonObject;
}

export interface GuestCapabilities {
  readonly tools: boolean;
  readonly resources: boolean;
  readonly prompts: boolean;
  readonly completions: boolean;
}

/** A notification a guest sends on its own (logging, list changes, progress). */
export interface GuestNotification {
  readonly method: string;
  readonly params?: JsonObject;
}

export interface McpGuest {
  readonly name: string;
  readonly kind: 'wasi-mcp-component' | 'component' | 'wasi-p1-stdio';
  capabilities(): Promise<GuestCapabilities>;
  listTools(): Promise<ToolInfo[]>;
  callTool(name: string, args: JsonObject): Promise<ToolResult>;
  listResources(): Promise<ResourceInfo[]>;
  listResourceTemplates(): Promise<ResourceTemplateInfo[]>;
  readResource(uri: string): Promise<JsonObject>;
  listPrompts(): Promise<PromptInfo[]>;
  getPrompt(name: string, args: Readonly<Record<string, string>>): Promise<JsonObject>;
  complete(ref: JsonObject, argument: JsonObject): Promise<JsonObject>;
  /** Receives the guest's own notifications (logging, list changes). */
  onNotification?: (n: GuestNotification) => void;
  close(): Promise<void>;
}
