/*
 * A tiny MCP server over stdio, in C for wasm32-wasi (preview 1): one JSON-RPC message per line on
 * stdin, one response per line on stdout, diagnostics on stderr. It is the "existing stdio MCP
 * server compiled to WebAssembly" that `mcp-wrt serve` hosts in its sandbox.
 *
 * Tools: add, echo, and four that show the sandbox at work (log sends a log notification), spin (never returns: the host's timeout
 * ends it), grow (allocates until the memory limit refuses), crash (traps), flood (writes to stdout
 * without end) and chatter (writes a megabyte to stderr, then answers).
 * Resources: notes://readme, notes://limits. Prompts: greet(name).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

#define OUT_CAP (1 << 16)
static char out[OUT_CAP];
static char quoted[OUT_CAP / 2];

static const char *PROTOCOL = "2025-11-25";

static const char *TOOLS =
    "[{\"name\":\"add\",\"description\":\"Adds two numbers\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},"
    "\"required\":[\"a\",\"b\"]}},"
    "{\"name\":\"echo\",\"description\":\"Returns its text\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}},"
    "{\"name\":\"spin\",\"description\":\"Loops forever (the host's timeout ends it)\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{}}},"
    "{\"name\":\"grow\",\"description\":\"Allocates memory until the sandbox refuses\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{}}},"
    "{\"name\":\"crash\",\"description\":\"Traps\",\"inputSchema\":{\"type\":\"object\",\"properties\":{}}},"
    "{\"name\":\"flood\",\"description\":\"Writes to stdout without end\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{}}},"
    "{\"name\":\"log\",\"description\":\"Sends its text to the client as a log message\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}},"
    "{\"name\":\"chatter\",\"description\":\"Writes a megabyte to stderr, then answers\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{}}}]";

static const char *README_TEXT =
    "This server runs inside mcp-wrt: a WebAssembly interpreter that grants it stdin and stdout only.";

/* Writes one JSON-RPC message line and flushes (stdout is a pipe: fully buffered otherwise). */
static void send_line(const char *s) {
  fputs(s, stdout);
  fputc('\n', stdout);
  fflush(stdout);
}

static void reply(const json *id, const char *result) {
  snprintf(out, OUT_CAP, "{\"jsonrpc\":\"2.0\",\"id\":%.*s,\"result\":%s}", (int)id->len, id->start, result);
  send_line(out);
}

static void reply_error(const json *id, int code, const char *message) {
  if (json_quote(quoted, sizeof quoted, message) < 0) strcpy(quoted, "\"error\"");
  snprintf(out, OUT_CAP, "{\"jsonrpc\":\"2.0\",\"id\":%.*s,\"error\":{\"code\":%d,\"message\":%s}}",
           (int)id->len, id->start, code, quoted);
  send_line(out);
}

static char result[OUT_CAP / 2];

static const char *text_result(const char *text, int is_error) {
  static char q[OUT_CAP / 4];
  if (json_quote(q, sizeof q, text) < 0) return NULL;
  snprintf(result, sizeof result, "{\"content\":[{\"type\":\"text\",\"text\":%s}],\"isError\":%s}", q,
           is_error ? "true" : "false");
  return result;
}

static volatile unsigned long sink;
/* Keeps every block reachable, so the compiler cannot drop the allocations of `grow`. */
static char *volatile last_block;

static const char *call_tool(const char *name, const json *args) {
  char buf[256];
  if (strcmp(name, "add") == 0) {
    const json *a = json_get(args, "a"), *b = json_get(args, "b");
    if (a == NULL || b == NULL || a->kind != J_NUM || b->kind != J_NUM) return text_result("a and b must be numbers", 1);
    snprintf(buf, sizeof buf, "%.17g", a->num + b->num);
    snprintf(result, sizeof result,
             "{\"content\":[{\"type\":\"text\",\"text\":\"%s\"}],\"structuredContent\":{\"sum\":%s},\"isError\":false}",
             buf, buf);
    return result;
  }
  if (strcmp(name, "echo") == 0) {
    const json *t = json_get(args, "text");
    if (t == NULL || t->kind != J_STR) return text_result("text must be a string", 1);
    return text_result(t->str, 0);
  }
  if (strcmp(name, "spin") == 0) {
    for (unsigned long i = 0;; i++) sink = i;
  }
  if (strcmp(name, "grow") == 0) {
    unsigned long total = 0;
    for (;;) {
      char *p = malloc(1 << 20);
      if (p == NULL) break;
      memset(p, 1, 1 << 20);
      last_block = p;
      total += 1;
    }
    snprintf(buf, sizeof buf, "allocation refused after %lu MiB", total);
    return text_result(buf, 1);
  }
  if (strcmp(name, "crash") == 0) __builtin_trap();
  if (strcmp(name, "flood") == 0) {
    for (;;) fputs("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", stdout);
  }
  if (strcmp(name, "log") == 0) {
    const json *t = json_get(args, "text");
    if (t == NULL || t->kind != J_STR || json_quote(buf, sizeof buf, t->str) < 0) return text_result("text must be a short string", 1);
    snprintf(out, OUT_CAP,
             "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"logger\":\"c-mcp-stdio\",\"data\":%s}}",
             buf);
    send_line(out);
    return text_result("logged", 0);
  }
  if (strcmp(name, "chatter") == 0) {
    for (int i = 0; i < 16384; i++) fputs("chatter chatter chatter chatter chatter chatter chatter chatter\n", stderr);
    return text_result("done chattering", 0);
  }
  return NULL;
}

static void handle(const json *msg) {
  const json *method = json_get(msg, "method");
  const json *id = json_get(msg, "id");
  const json *params = json_get(msg, "params");
  if (method == NULL || method->kind != J_STR) return; /* a response: this server sends no requests */
  const char *m = method->str;
  fprintf(stderr, "c-mcp-stdio: %s\n", m);
  if (id == NULL) return; /* notifications need no answer */
  if (strcmp(m, "initialize") == 0) {
    const json *v = json_get(params, "protocolVersion");
    const char *version = v != NULL && v->kind == J_STR ? v->str : PROTOCOL;
    char body[512];
    if (json_quote(quoted, sizeof quoted, version) < 0) return reply_error(id, -32602, "bad protocolVersion");
    snprintf(body, sizeof body,
             "{\"protocolVersion\":%s,\"capabilities\":{\"tools\":{},\"resources\":{},\"prompts\":{}},"
             "\"serverInfo\":{\"name\":\"c-mcp-stdio\",\"version\":\"0.1.0\"}}", quoted);
    return reply(id, body);
  }
  if (strcmp(m, "ping") == 0) return reply(id, "{}");
  if (strcmp(m, "tools/list") == 0) {
    snprintf(result, sizeof result, "{\"tools\":%s}", TOOLS);
    return reply(id, result);
  }
  if (strcmp(m, "tools/call") == 0) {
    const json *name = json_get(params, "name");
    if (name == NULL || name->kind != J_STR) return reply_error(id, -32602, "missing tool name");
    const char *r = call_tool(name->str, json_get(params, "arguments"));
    if (r == NULL) return reply_error(id, -32602, "unknown tool");
    return reply(id, r);
  }
  if (strcmp(m, "resources/list") == 0) {
    return reply(id,
                 "{\"resources\":[{\"uri\":\"notes://readme\",\"name\":\"readme\",\"mimeType\":\"text/plain\"},"
                 "{\"uri\":\"notes://limits\",\"name\":\"limits\",\"mimeType\":\"text/plain\"}]}");
  }
  if (strcmp(m, "resources/read") == 0) {
    const json *uri = json_get(params, "uri");
    const char *text = NULL;
    if (uri != NULL && uri->kind == J_STR && strcmp(uri->str, "notes://readme") == 0) text = README_TEXT;
    if (uri != NULL && uri->kind == J_STR && strcmp(uri->str, "notes://limits") == 0) text = "fuel, memory and time are capped";
    if (text == NULL) return reply_error(id, -32002, "resource not found");
    char q[512];
    json_quote(q, sizeof q, text);
    snprintf(result, sizeof result, "{\"contents\":[{\"uri\":\"%s\",\"mimeType\":\"text/plain\",\"text\":%s}]}",
             uri->str, q);
    return reply(id, result);
  }
  if (strcmp(m, "prompts/list") == 0) {
    return reply(id,
                 "{\"prompts\":[{\"name\":\"greet\",\"description\":\"Greets someone\","
                 "\"arguments\":[{\"name\":\"name\",\"required\":true}]}]}");
  }
  if (strcmp(m, "prompts/get") == 0) {
    const json *name = json_get(params, "name");
    if (name == NULL || name->kind != J_STR || strcmp(name->str, "greet") != 0) {
      return reply_error(id, -32602, "unknown prompt");
    }
    const json *who = json_get(json_get(params, "arguments"), "name");
    char text[300];
    snprintf(text, sizeof text, "Say hello to %s.", who != NULL && who->kind == J_STR ? who->str : "the user");
    char q[700];
    json_quote(q, sizeof q, text);
    snprintf(result, sizeof result,
             "{\"description\":\"Greets someone\",\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":%s}}]}",
             q);
    return reply(id, result);
  }
  reply_error(id, -32601, "method not found");
}

int main(void) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, stdin)) >= 0) {
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
    if (n == 0) continue;
    json *msg = json_parse(line);
    if (msg == NULL) {
      send_line("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error\"}}");
      continue;
    }
    handle(msg);
  }
  free(line);
  return 0;
}
