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

/**
 * What the host gives a guest for the duration of one request: the way back to the client that sent
 * it. Notifications sent here (progress, logging) travel on that request's own response stream; the
 * requests (sampling/createMessage, elicitation/create, roots/list) go to that client and resolve
 * with its answer. Absent when a request has no client behind it (tests, the CLI's own calls).
 */
export interface CallContext {
  /** The client's progress token for this request, when it sent one. */
  readonly progressToken?: string | number;
  /** Sends a notification related to this request (notifications/progress, notifications/message). */
  notify(n: GuestNotification): Promise<void>;
  /** Sends a request to the client and resolves with its result (rejects with its error). */
  request(method: string, params: JsonObject): Promise<JsonObject>;
  /** Aborted when the client cancels the request or the connection closes. */
  readonly signal?: AbortSignal;
}

/**
 * The client side of one session, as a guest serving only that session sees it: read when the guest
 * starts (after the client's `initialize`), so the guest's own handshake carries the client's real
 * capabilities and identity.
 */
export interface ClientSession {
  /** The client's capabilities from its initialize request (sampling, elicitation, roots...). */
  capabilities(): JsonObject;
  /** The client's name and version, when it sent them. */
  clientInfo(): JsonObject | undefined;
}

export interface McpGuest {
  readonly name: string;
  readonly kind: 'wasi-mcp-component' | 'component' | 'wasi-p1-stdio';
  capabilities(): Promise<GuestCapabilities>;
  listTools(): Promise<ToolInfo[]>;
  callTool(name: string, args: JsonObject, ctx?: CallContext): Promise<ToolResult>;
  listResources(): Promise<ResourceInfo[]>;
  listResourceTemplates(): Promise<ResourceTemplateInfo[]>;
  readResource(uri: string, ctx?: CallContext): Promise<JsonObject>;
  listPrompts(): Promise<PromptInfo[]>;
  getPrompt(name: string, args: Readonly<Record<string, string>>, ctx?: CallContext): Promise<JsonObject>;
  complete(ref: JsonObject, argument: JsonObject, ctx?: CallContext): Promise<JsonObject>;
  /** Receives the guest's own notifications (logging, list changes, resource updates). */
  onNotification?: (n: GuestNotification) => void;
  close(): Promise<void>;
  /**
   * A guest of the same module serving only `client` (one live instance per client session, so
   * guest state and the guest's requests to the client belong to that session). Optional: a guest
   * kind without it is shared by every session.
   */
  session?(client: ClientSession): McpGuest;
  /** resources/subscribe: the guest then sends notifications/resources/updated for `uri`. */
  subscribe?(uri: string): Promise<void>;
  /** resources/unsubscribe. */
  unsubscribe?(uri: string): Promise<void>;
  /** logging/setLevel: the least severe level of notifications/message the client wants. */
  setLogLevel?(level: string): Promise<void>;
}
