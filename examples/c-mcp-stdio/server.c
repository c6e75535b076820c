/*
 * A tiny MCP server over stdio, in C for wasm32-wasi (preview 1): one JSON-RPC message per line on
 * stdin, one response per line on stdout, diagnostics on stderr. It is the "existing stdio MCP
 * server compiled to WebAssembly" that `mcp-wrt serve` hosts in its sandbox.
 *
 * Tools: add, echo, and those that show the sandbox at work: log (sends a log notification unless
 * below the level the client set), spin (never returns: the host's timeout ends it), grow (allocates
 * until the memory limit refuses), crash (traps), flood (writes to stdout without end) and chatter
 * (writes a megabyte to stderr, then answers). Tools that talk back to the client, as real MCP
 * servers do: ask (sampling/createMessage), confirm (elicitation/create), roots (roots/list),
 * ping_client (ping), progress (notifications/progress with the caller's token) and touch
 * (notifications/resources/updated for a subscribed resource).
 * Files, only below the directories the host grants (none by default): read_file, write_file and
 * list_dir, answering the C library's error text when the sandbox refuses.
 * Resources: notes://readme, notes://limits (subscribable). Prompts: greet(name), with completion
 * of the name. logging/setLevel is honoured.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

#define OUT_CAP (1 << 16)
static char out[OUT_CAP];
static char quoted[OUT_CAP / 2];

static const char *PROTOCOL = "2025-11-25";
/* The JSON-RPC id of the request being answered, copied: asking the client parses other messages. */
static char current_id[128];

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
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{}}},"
    "{\"name\":\"ask\",\"description\":\"Asks the client's model (sampling/createMessage)\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"question\":{\"type\":\"string\"}},\"required\":[\"question\"]}},"
    "{\"name\":\"confirm\",\"description\":\"Asks the user to confirm (elicitation/create)\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"question\":{\"type\":\"string\"}},\"required\":[\"question\"]}},"
    "{\"name\":\"roots\",\"description\":\"Lists the client's roots (roots/list)\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{}}},"
    "{\"name\":\"ping_client\",\"description\":\"Pings the client\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{}}},"
    "{\"name\":\"progress\",\"description\":\"Reports progress in steps\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"steps\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":100}},\"required\":[\"steps\"]}},"
    "{\"name\":\"read_file\",\"description\":\"Reads a file (under a granted directory)\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}},"
    "{\"name\":\"write_file\",\"description\":\"Writes a file (under a directory granted with write)\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},\"text\":{\"type\":\"string\"}},\"required\":[\"path\",\"text\"]}},"
    "{\"name\":\"list_dir\",\"description\":\"Lists a directory (under a granted directory)\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}},"
    "{\"name\":\"whoami\",\"description\":\"Tells which client and capabilities the initialize request named\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{}}},"
    "{\"name\":\"touch\",\"description\":\"Marks a resource as updated (notifies subscribers)\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"uri\":{\"type\":\"string\"}},\"required\":[\"uri\"]}}]";

static const char *README_TEXT =
    "This server runs inside mcp-wrt: a WebAssembly interpreter that grants it stdin and stdout only.";

/* Writes one JSON-RPC message line and flushes (stdout is a pipe: fully buffered otherwise). */
static void send_line(const char *s) {
  fputs(s, stdout);
  fputc('\n', stdout);
  fflush(stdout);
}

static void reply(const char *result) {
  snprintf(out, OUT_CAP, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":%s}", current_id, result);
  send_line(out);
}

static void reply_error(int code, const char *message) {
  if (json_quote(quoted, sizeof quoted, message) < 0) strcpy(quoted, "\"error\"");
  snprintf(out, OUT_CAP, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":%d,\"message\":%s}}", current_id, code,
           quoted);
  send_line(out);
}

/*
 * Sends a request to the client (through the host) and reads stdin until the response with its id
 * arrives; messages meanwhile are skipped. Returns the response, valid until the next parse, or NULL
 * at end of input. The ids ("g1", "g2"...) are this server's own: the host routes the answer back.
 */
static json *ask_client(const char *method, const char *params) {
  static int next_id = 1;
  static char *buf;
  static size_t cap;
  char want[32];
  snprintf(want, sizeof want, "g%d", next_id++);
  snprintf(out, OUT_CAP, "{\"jsonrpc\":\"2.0\",\"id\":\"%s\",\"method\":\"%s\",\"params\":%s}", want, method, params);
  send_line(out);
  while (getline(&buf, &cap, stdin) >= 0) {
    json *msg = json_parse(buf);
    const json *id = json_get(msg, "id");
    if (msg != NULL && json_get(msg, "method") == NULL && id != NULL && id->kind == J_STR && strcmp(id->str, want) == 0) return msg;
  }
  return NULL;
}

/* The error message of a response, or NULL when it has a result. */
static const char *error_of(const json *resp) {
  const json *m = json_get(json_get(resp, "error"), "message");
  if (json_get(resp, "error") == NULL) return NULL;
  return m != NULL && m->kind == J_STR ? m->str : "error";
}

static const char *LEVELS[] = {"debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"};
/* Index in LEVELS of the least severe level the client wants (logging/setLevel). */
static int min_level = 0;
/* What the initialize request said about the client (client name, capabilities as JSON text). */
static char client_name[128] = "?";
static char client_caps[1024] = "{}";

#define MAX_SUBS 8
static char subscribed[MAX_SUBS][128];

static int find_sub(const char *uri) {
  for (int i = 0; i < MAX_SUBS; i++) if (subscribed[i][0] != '\0' && strcmp(subscribed[i], uri) == 0) return i;
  return -1;
}

static char result[OUT_CAP / 2];

static const char *text_result(const char *text, int is_error) {
  static char q[OUT_CAP / 4];
  if (json_quote(q, sizeof q, text) < 0) return NULL;
  snprintf(result, sizeof result, "{\"content\":[{\"type\":\"text\",\"text\":%s}],\"isError\":%s}", q,
           is_error ? "true" : "false");
  return result;
}

/* The file tools: what the C library answers is what the guest reports (strerror on refusal). */
static const char *file_tool(const char *name, const json *args) {
  static char text[4096];
  const json *path = json_get(args, "path");
  if (path == NULL || path->kind != J_STR) return text_result("path must be a string", 1);
  if (strcmp(name, "read_file") == 0) {
    FILE *f = fopen(path->str, "r");
    if (f == NULL) {
      snprintf(text, sizeof text, "cannot read %s: %s", path->str, strerror(errno));
      return text_result(text, 1);
    }
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    return text_result(text, 0);
  }
  if (strcmp(name, "write_file") == 0) {
    const json *t = json_get(args, "text");
    if (t == NULL || t->kind != J_STR) return text_result("text must be a string", 1);
    FILE *f = fopen(path->str, "w");
    if (f == NULL || fputs(t->str, f) < 0 || fclose(f) != 0) {
      snprintf(text, sizeof text, "cannot write %s: %s", path->str, strerror(errno));
      return text_result(text, 1);
    }
    snprintf(text, sizeof text, "wrote %zu bytes to %s", strlen(t->str), path->str);
    return text_result(text, 0);
  }
  if (strcmp(name, "list_dir") == 0) {
    DIR *d = opendir(path->str);
    if (d == NULL) {
      snprintf(text, sizeof text, "cannot list %s: %s", path->str, strerror(errno));
      return text_result(text, 1);
    }
    /* In directory order, joined by spaces, without "." and "..". */
    size_t at = 0;
    text[0] = '\0';
    for (struct dirent *e = readdir(d); e != NULL && at < sizeof text - 1; e = readdir(d)) {
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
      at += (size_t)snprintf(text + at, sizeof text - at, "%s%s", at ? " " : "", e->d_name);
    }
    closedir(d);
    return text_result(text, 0);
  }
  return NULL;
}

/* The tools that talk back to the client (see the file comment). */
static const char *talk_back(const char *name, const json *args, const json *params) {
  static char req[1024];
  static char text[1024];
  const json *q = json_get(args, "question");
  if (strcmp(name, "ask") == 0 || strcmp(name, "confirm") == 0) {
    char qq[600];
    if (q == NULL || q->kind != J_STR || json_quote(qq, sizeof qq, q->str) < 0) return text_result("question must be a short string", 1);
    int ask = strcmp(name, "ask") == 0;
    if (ask) {
      snprintf(req, sizeof req, "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":%s}}],\"maxTokens\":100}", qq);
    } else {
      snprintf(req, sizeof req,
               "{\"mode\":\"form\",\"message\":%s,\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}},\"required\":[\"ok\"]}}",
               qq);
    }
    json *resp = ask_client(ask ? "sampling/createMessage" : "elicitation/create", req);
    if (resp == NULL) return text_result("no answer: input ended", 1);
    const char *err = error_of(resp);
    if (err != NULL) {
      snprintf(text, sizeof text, "the client refused %s: %s", ask ? "sampling" : "elicitation", err);
      return text_result(text, 1);
    }
    const json *r = json_get(resp, "result");
    if (ask) {
      const json *t = json_get(json_get(r, "content"), "text");
      const json *model = json_get(r, "model");
      snprintf(text, sizeof text, "%s answered: %s", model != NULL && model->kind == J_STR ? model->str : "the model",
               t != NULL && t->kind == J_STR ? t->str : "(no text)");
    } else {
      const json *action = json_get(r, "action");
      const json *ok = json_get(json_get(r, "content"), "ok");
      snprintf(text, sizeof text, "action %s, ok %s", action != NULL && action->kind == J_STR ? action->str : "?",
               ok == NULL ? "absent" : (ok->kind == J_BOOL && ok->num != 0 ? "true" : "false"));
    }
    return text_result(text, 0);
  }
  if (strcmp(name, "roots") == 0 || strcmp(name, "ping_client") == 0) {
    int roots = strcmp(name, "roots") == 0;
    json *resp = ask_client(roots ? "roots/list" : "ping", "{}");
    if (resp == NULL) return text_result("no answer: input ended", 1);
    const char *err = error_of(resp);
    if (err != NULL) {
      snprintf(text, sizeof text, "the client refused %s: %s", roots ? "roots/list" : "ping", err);
      return text_result(text, 1);
    }
    if (!roots) return text_result("the client answered ping", 0);
    size_t at = (size_t)snprintf(text, sizeof text, "roots:");
    for (const json *e = json_get(json_get(resp, "result"), "roots") ? json_get(json_get(resp, "result"), "roots")->child : NULL;
         e != NULL && at < sizeof text; e = e->next) {
      const json *uri = json_get(e, "uri");
      at += (size_t)snprintf(text + at, sizeof text - at, " %s", uri != NULL && uri->kind == J_STR ? uri->str : "?");
    }
    return text_result(text, 0);
  }
  if (strcmp(name, "progress") == 0) {
    const json *steps = json_get(args, "steps");
    const json *token = json_get(json_get(params, "_meta"), "progressToken");
    if (steps == NULL || steps->kind != J_NUM || steps->num < 1 || steps->num > 100) return text_result("steps must be 1 to 100", 1);
    if (token == NULL) return text_result("no progress token: nothing to report to", 0);
    char tok[128];
    snprintf(tok, sizeof tok, "%.*s", (int)token->len, token->start);
    int n = (int)steps->num;
    for (int i = 1; i <= n; i++) {
      snprintf(out, OUT_CAP,
               "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":%s,\"progress\":%d,\"total\":%d,\"message\":\"step %d of %d\"}}",
               tok, i, n, i, n);
      send_line(out);
    }
    snprintf(text, sizeof text, "done %d steps", n);
    return text_result(text, 0);
  }
  if (strcmp(name, "whoami") == 0) {
    snprintf(text, sizeof text, "client %s, capabilities %s", client_name, client_caps);
    return text_result(text, 0);
  }
  if (strcmp(name, "touch") == 0) {
    const json *uri = json_get(args, "uri");
    if (uri == NULL || uri->kind != J_STR || json_quote(text, sizeof text, uri->str) < 0) return text_result("uri must be a string", 1);
    if (find_sub(uri->str) < 0) return text_result("not subscribed: nobody to notify", 0);
    snprintf(out, OUT_CAP, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/updated\",\"params\":{\"uri\":%s}}", text);
    send_line(out);
    return text_result("subscribers notified", 0);
  }
  return NULL;
}

static volatile unsigned long sink;
/* Keeps every block reachable, so the compiler cannot drop the allocations of `grow`. */
static char *volatile last_block;

static const char *call_tool(const char *name, const json *args, const json *params) {
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
    if (min_level > 1) return text_result("not logged: info is below the level the client set", 0);
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
  const char *r = talk_back(name, args, params);
  return r != NULL ? r : file_tool(name, args);
}

static void handle(const json *msg) {
  const json *method = json_get(msg, "method");
  const json *id = json_get(msg, "id");
  const json *params = json_get(msg, "params");
  if (method == NULL || method->kind != J_STR) return; /* a response: this server sends no requests */
  const char *m = method->str;
  fprintf(stderr, "c-mcp-stdio: %s\n", m);
  if (id == NULL) return; /* notifications need no answer */
  snprintf(current_id, sizeof current_id, "%.*s", (int)id->len, id->start);
  if (strcmp(m, "initialize") == 0) {
    const json *caps = json_get(params, "capabilities");
    const json *who = json_get(json_get(params, "clientInfo"), "name");
    if (caps != NULL && caps->len < sizeof client_caps) snprintf(client_caps, sizeof client_caps, "%.*s", (int)caps->len, caps->start);
    if (who != NULL && who->kind == J_STR) snprintf(client_name, sizeof client_name, "%s", who->str);
    const json *v = json_get(params, "protocolVersion");
    const char *version = v != NULL && v->kind == J_STR ? v->str : PROTOCOL;
    char body[512];
    if (json_quote(quoted, sizeof quoted, version) < 0) return reply_error(-32602, "bad protocolVersion");
    snprintf(body, sizeof body,
             "{\"protocolVersion\":%s,\"capabilities\":{\"tools\":{},\"resources\":{\"subscribe\":true},\"prompts\":{},\"completions\":{},\"logging\":{}},"
             "\"serverInfo\":{\"name\":\"c-mcp-stdio\",\"version\":\"0.1.0\"}}", quoted);
    return reply(body);
  }
  if (strcmp(m, "ping") == 0) return reply("{}");
  if (strcmp(m, "tools/list") == 0) {
    snprintf(result, sizeof result, "{\"tools\":%s}", TOOLS);
    return reply(result);
  }
  if (strcmp(m, "tools/call") == 0) {
    const json *name = json_get(params, "name");
    if (name == NULL || name->kind != J_STR) return reply_error(-32602, "missing tool name");
    const char *r = call_tool(name->str, json_get(params, "arguments"), params);
    if (r == NULL) return reply_error(-32602, "unknown tool");
    return reply(r);
  }
  if (strcmp(m, "resources/list") == 0) {
    return reply(
                 "{\"resources\":[{\"uri\":\"notes://readme\",\"name\":\"readme\",\"mimeType\":\"text/plain\"},"
                 "{\"uri\":\"notes://limits\",\"name\":\"limits\",\"mimeType\":\"text/plain\"}]}");
  }
  if (strcmp(m, "resources/read") == 0) {
    const json *uri = json_get(params, "uri");
    const char *text = NULL;
    if (uri != NULL && uri->kind == J_STR && strcmp(uri->str, "notes://readme") == 0) text = README_TEXT;
    if (uri != NULL && uri->kind == J_STR && strcmp(uri->str, "notes://limits") == 0) text = "fuel, memory and time are capped";
    if (text == NULL) return reply_error(-32002, "resource not found");
    char q[512];
    json_quote(q, sizeof q, text);
    snprintf(result, sizeof result, "{\"contents\":[{\"uri\":\"%s\",\"mimeType\":\"text/plain\",\"text\":%s}]}",
             uri->str, q);
    return reply(result);
  }
  if (strcmp(m, "prompts/list") == 0) {
    return reply(
                 "{\"prompts\":[{\"name\":\"greet\",\"description\":\"Greets someone\","
                 "\"arguments\":[{\"name\":\"name\",\"required\":true}]}]}");
  }
  if (strcmp(m, "prompts/get") == 0) {
    const json *name = json_get(params, "name");
    if (name == NULL || name->kind != J_STR || strcmp(name->str, "greet") != 0) {
      return reply_error(-32602, "unknown prompt");
    }
    const json *who = json_get(json_get(params, "arguments"), "name");
    char text[300];
    snprintf(text, sizeof text, "Say hello to %s.", who != NULL && who->kind == J_STR ? who->str : "the user");
    char q[700];
    json_quote(q, sizeof q, text);
    snprintf(result, sizeof result,
             "{\"description\":\"Greets someone\",\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":%s}}]}",
             q);
    return reply(result);
  }
  if (strcmp(m, "resources/subscribe") == 0 || strcmp(m, "resources/unsubscribe") == 0) {
    const json *uri = json_get(params, "uri");
    if (uri == NULL || uri->kind != J_STR) return reply_error(-32602, "bad uri");
    if (strcmp(uri->str, "notes://readme") != 0 && strcmp(uri->str, "notes://limits") != 0) return reply_error(-32002, "resource not found");
    int at = find_sub(uri->str);
    if (strcmp(m, "resources/unsubscribe") == 0) {
      if (at >= 0) subscribed[at][0] = '\0';
      return reply("{}");
    }
    for (int i = 0; at < 0 && i < MAX_SUBS; i++) if (subscribed[i][0] == '\0') at = i;
    if (at < 0) return reply_error(-32603, "too many subscriptions");
    strcpy(subscribed[at], uri->str);
    return reply("{}");
  }
  if (strcmp(m, "logging/setLevel") == 0) {
    const json *level = json_get(params, "level");
    for (int i = 0; level != NULL && level->kind == J_STR && i < 8; i++) {
      if (strcmp(level->str, LEVELS[i]) == 0) {
        min_level = i;
        return reply("{}");
      }
    }
    return reply_error(-32602, "unknown level");
  }
  if (strcmp(m, "completion/complete") == 0) {
    static const char *NAMES[] = {"Ada", "Alan", "Barbara", "Grace"};
    const json *value = json_get(json_get(params, "argument"), "value");
    const char *prefix = value != NULL && value->kind == J_STR ? value->str : "";
    size_t at = (size_t)snprintf(result, sizeof result, "{\"completion\":{\"values\":[");
    int n = 0;
    for (int i = 0; i < 4; i++) {
      if (strncmp(NAMES[i], prefix, strlen(prefix)) != 0) continue;
      at += (size_t)snprintf(result + at, sizeof result - at, "%s\"%s\"", n++ ? "," : "", NAMES[i]);
    }
    snprintf(result + at, sizeof result - at, "],\"total\":%d,\"hasMore\":false}}", n);
    return reply(result);
  }
  reply_error(-32601, "method not found");
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
