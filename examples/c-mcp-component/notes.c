/*
 * A small notes server as a WASI-MCP component (world wasi:mcp/mcp-backend), in C with the canonical
 * ABI glue written by hand (wasi_mcp.h). It makes no WASI call at all: its only imports are the
 * `wasi:mcp/runtime` functions, so the core module needs no preview-1 adapter.
 *
 * `wasi:cli/run` registers the server, its tools, resources, templates and prompts, and calls
 * `serve()`, which returns at once; the host then calls the `handlers` exports one at a time.
 *
 * Tools: add, echo, add_note, search_notes, fail (returns the error record), log (a log record and
 * progress), and the sandbox demonstrations spin (never returns), grow (allocates until refused),
 * crash (traps), chatter (floods the log) and notify_flood (floods notifications).
 * Resources: notes://readme, notes://limits and one per note (template notes://note/{id}).
 * Prompts: greet(name) with completion of `name`, and summarize (embeds the notes).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "wasi_mcp.h"

#define S(lit) ((mcp_string){lit, sizeof(lit) - 1})
#define SOME(lit) ((mcp_opt_string){1, S(lit)})
static mcp_string str(const char *s) { return (mcp_string){s, strlen(s)}; }

/* ---- memory: arguments arrive in cabi_realloc'd blocks; results live in a per-call arena ---- */

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old_size;
  (void)align; /* malloc's 16-byte alignment covers every canonical ABI alignment */
  return realloc(old, new_size);
}

#define ARENA_CAP (256 * 1024)
static _Alignas(16) char arena[ARENA_CAP];
static size_t arena_used;

/* Allocates result memory that stays valid until the post-return call (or the next handler). */
static void *arena_alloc(size_t n) {
  size_t at = (arena_used + 15) & ~(size_t)15;
  if (at + n > ARENA_CAP) __builtin_trap(); /* a result this large is a bug in this example */
  arena_used = at + n;
  return arena + at;
}

static char *arena_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *arena_printf(const char *fmt, ...) {
  char tmp[4096];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  if ((size_t)n >= sizeof tmp) n = sizeof tmp - 1;
  char *out = arena_alloc((size_t)n + 1);
  memcpy(out, tmp, (size_t)n + 1);
  return out;
}

/* A NUL-terminated copy of an argument block, which is then freed (the guest owns it). */
static char *take(const char *p, size_t n) {
  char *s = arena_alloc(n + 1);
  memcpy(s, p, n);
  s[n] = '\0';
  free((void *)p);
  return s;
}

static const char *quote(const char *s) {
  size_t cap = strlen(s) * 6 + 3;
  char *q = arena_alloc(cap);
  if (json_quote(q, cap, s) < 0) return "\"\"";
  return q;
}

/* Frees what the host wrote into a runtime call's error result. */
static void check(mcp_result_unit *r) {
  if (r->is_err) {
    free((void *)r->err.message.ptr);
    if (r->err.data.is_some) free((void *)r->err.data.val.ptr);
  }
}

/* ---- the notes ---- */

#define MAX_NOTES 32
static struct { char *title, *text; } notes[MAX_NOTES];
static int note_count;

static const char *README_TEXT =
    "This server runs inside mcp-wrt as a WASI-MCP component: it imports wasi:mcp/runtime and nothing else.";

static void register_resources(void) {
  mcp_resource_definition defs[2 + MAX_NOTES];
  defs[0] = (mcp_resource_definition){S("notes://readme"), S("readme"), {0}, SOME("What this server is"), SOME("text/plain"), {1, strlen(README_TEXT)}};
  defs[1] = (mcp_resource_definition){S("notes://limits"), S("limits"), {0}, {0}, SOME("text/plain"), {0}};
  for (int i = 0; i < note_count; i++) {
    defs[2 + i] = (mcp_resource_definition){str(arena_printf("notes://note/%d", i)), str(notes[i].title), {0}, {0}, SOME("text/plain"), {0}};
  }
  mcp_result_unit r;
  mcp_register_resources(defs, (size_t)(2 + note_count), &r);
  check(&r);
}

/* ---- wasi:cli/run: registration, then serve() ---- */

#define OBJ(props, req) "{\"type\":\"object\",\"properties\":{" props "},\"required\":[" req "]}"
#define NOARGS "{\"type\":\"object\",\"properties\":{}}"

static const mcp_tool_definition TOOLS[] = {
    {S("add"), SOME("Add"), SOME("Adds two numbers"), S(OBJ("\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}", "\"a\",\"b\"")),
     SOME(OBJ("\"sum\":{\"type\":\"number\"}", "\"sum\"")), {1, {{0}, {1, true}, {1, false}, {1, true}, {1, false}}}},
    {S("echo"), {0}, SOME("Returns its text"), S(OBJ("\"text\":{\"type\":\"string\"}", "\"text\"")), {0}, {0}},
    {S("add_note"), {0}, SOME("Stores a note; it becomes the resource notes://note/{id}"),
     S(OBJ("\"title\":{\"type\":\"string\",\"maxLength\":200},\"text\":{\"type\":\"string\",\"maxLength\":2000}", "\"title\",\"text\"")),
     SOME(OBJ("\"id\":{\"type\":\"integer\"}", "\"id\"")), {0}},
    {S("search_notes"), {0}, SOME("Lists the notes whose title or text contains the query"),
     S(OBJ("\"query\":{\"type\":\"string\"}", "\"query\"")), {0}, {0}},
    {S("fail"), {0}, SOME("Answers with the error record (an MCP error)"), S(NOARGS), {0}, {0}},
    {S("log"), {0}, SOME("Sends its text as a log record, with progress"), S(OBJ("\"text\":{\"type\":\"string\"}", "\"text\"")), {0}, {0}},
    {S("spin"), {0}, SOME("Loops forever (the host's timeout or fuel ends it)"), S(NOARGS), {0}, {0}},
    {S("grow"), {0}, SOME("Allocates memory until the sandbox refuses"), S(NOARGS), {0}, {0}},
    {S("crash"), {0}, SOME("Traps"), S(NOARGS), {0}, {0}},
    {S("chatter"), {0}, SOME("Sends 100000 log records, then answers"), S(NOARGS), {0}, {0}},
    {S("notify_flood"), {0}, SOME("Sends 100000 notifications, then answers"), S(NOARGS), {0}, {0}},
};

static const mcp_prompt_argument GREET_ARGS[] = {{S("name"), SOME("Who to greet"), true}};
static const mcp_prompt_definition PROMPTS[] = {
    {S("greet"), {0}, SOME("Greets someone"), {GREET_ARGS, 1}},
    {S("summarize"), {0}, SOME("Asks for a summary of every note"), {NULL, 0}},
};

static const mcp_resource_template TEMPLATES[] = {
    {S("notes://note/{id}"), S("note"), {0}, SOME("A note stored with add_note"), SOME("text/plain")},
};

__attribute__((export_name("wasi:cli/run@0.2.0#run")))
int32_t run(void) {
  arena_used = 0;
  mcp_server_info info = {
      {S("c-notes"), S("0.1.0"), SOME("Notes (C, WASI-MCP component)")},
      {{1, true}, {1, {false, true}}, {1, false}, {1, true}, {1, true}},
      SOME("A small notes server: add_note, search_notes, and the notes as resources."),
  };
  mcp_result_unit r;
  mcp_register_server(&info, &r);
  if (r.is_err) return check(&r), 1;
  mcp_register_tools(TOOLS, sizeof TOOLS / sizeof TOOLS[0], &r);
  if (r.is_err) return check(&r), 1;
  register_resources();
  mcp_register_resource_templates(TEMPLATES, 1, &r);
  check(&r);
  mcp_register_prompts(PROMPTS, sizeof PROMPTS / sizeof PROMPTS[0], &r);
  check(&r);
  mcp_serve(&r);
  if (r.is_err) return check(&r), 1;
  return 0;
}

/* ---- handlers ---- */

static mcp_result_tool tool_ret;

static mcp_result_tool *text_result(const char *text, bool is_error, const char *structured) {
  mcp_content_block *c = arena_alloc(sizeof *c);
  c->tag = MCP_CONTENT_TEXT;
  c->val.text = str(text);
  tool_ret.is_err = 0;
  tool_ret.val.ok = (mcp_tool_result){{c, 1}, {structured != NULL, structured ? str(structured) : (mcp_string){0}}, is_error};
  return &tool_ret;
}

static mcp_error error_record(int32_t code, const char *message, const char *data) {
  return (mcp_error){code, str(message), {data != NULL, data ? str(data) : (mcp_string){0}}};
}

static volatile unsigned long sink;
static char *volatile last_block; /* keeps `grow`'s blocks reachable */

static const char *string_arg(const json *args, const char *key) {
  const json *v = json_get(args, key);
  return v != NULL && v->kind == J_STR ? v->str : NULL;
}

HANDLER("call-tool")
mcp_result_tool *call_tool(const char *name_p, size_t name_n, const char *args_p, size_t args_n) {
  arena_used = 0;
  const char *name = take(name_p, name_n);
  const json *args = json_parse(take(args_p, args_n));
  if (strcmp(name, "add") == 0) {
    const json *a = json_get(args, "a"), *b = json_get(args, "b");
    if (a == NULL || b == NULL || a->kind != J_NUM || b->kind != J_NUM) return text_result("a and b must be numbers", true, NULL);
    const char *sum = arena_printf("%.17g", a->num + b->num);
    return text_result(sum, false, arena_printf("{\"sum\":%s}", sum));
  }
  if (strcmp(name, "echo") == 0) {
    const char *t = string_arg(args, "text");
    return t ? text_result(t, false, NULL) : text_result("text must be a string", true, NULL);
  }
  if (strcmp(name, "add_note") == 0) {
    const char *title = string_arg(args, "title"), *text = string_arg(args, "text");
    if (title == NULL || text == NULL) return text_result("title and text must be strings", true, NULL);
    if (note_count == MAX_NOTES) return text_result("the notebook is full", true, NULL);
    notes[note_count].title = strdup(title);
    notes[note_count].text = strdup(text);
    int id = note_count++;
    register_resources();
    mcp_result_unit r;
    mcp_send_notification(MCP_NOTE_RESOURCES_CHANGED, NULL, 0, &r);
    check(&r);
    return text_result(arena_printf("stored note %d", id), false, arena_printf("{\"id\":%d}", id));
  }
  if (strcmp(name, "search_notes") == 0) {
    const char *q = string_arg(args, "query");
    if (q == NULL) return text_result("query must be a string", true, NULL);
    char *list = arena_printf("%s", "");
    int found = 0;
    for (int i = 0; i < note_count; i++) {
      if (strstr(notes[i].title, q) || strstr(notes[i].text, q)) {
        list = arena_printf("%s%snotes://note/%d %s", list, found ? "\n" : "", i, notes[i].title);
        found++;
      }
    }
    return text_result(found ? list : "no note matches", false, NULL);
  }
  if (strcmp(name, "fail") == 0) {
    tool_ret.is_err = 1;
    tool_ret.val.err = error_record(-32001, "the fail tool always fails", "{\"hint\":\"this is the error record\"}");
    return &tool_ret;
  }
  if (strcmp(name, "log") == 0) {
    const char *t = string_arg(args, "text");
    if (t == NULL) return text_result("text must be a string", true, NULL);
    const char *data = arena_printf("{\"text\":%s}", quote(t));
    mcp_log(MCP_LOG_INFO, t, strlen(t), 1, data, strlen(data));
    mcp_report_progress("log", 3, 1.0, 1, 1.0);
    return text_result("logged", false, NULL);
  }
  if (strcmp(name, "spin") == 0) {
    for (unsigned long i = 0;; i++) sink = i;
  }
  if (strcmp(name, "grow") == 0) {
    unsigned long total = 0;
    for (char *p; (p = malloc(1 << 20)) != NULL; total++) {
      memset(p, 1, 1 << 20);
      last_block = p;
    }
    return text_result(arena_printf("allocation refused after %lu MiB", total), true, NULL);
  }
  if (strcmp(name, "crash") == 0) __builtin_trap();
  if (strcmp(name, "chatter") == 0) {
    for (int i = 0; i < 100000; i++) mcp_log(MCP_LOG_DEBUG, "chatter", 7, 0, NULL, 0);
    return text_result("done chattering", false, NULL);
  }
  if (strcmp(name, "notify_flood") == 0) {
    mcp_result_unit r;
    for (int i = 0; i < 100000; i++) {
      mcp_send_notification(MCP_NOTE_RESOURCE_UPDATED, "notes://readme", 14, &r);
      check(&r);
    }
    return text_result("done notifying", false, NULL);
  }
  tool_ret.is_err = 1;
  tool_ret.val.err = error_record(-32602, arena_printf("unknown tool: %s", name), NULL);
  return &tool_ret;
}

static mcp_result_resource resource_ret;

static mcp_result_resource *text_resource(const char *uri, const char *text) {
  mcp_resource_read *r = arena_alloc(sizeof *r);
  *r = (mcp_resource_read){str(uri), SOME("text/plain"), {MCP_CONTENTS_TEXT, str(text)}};
  resource_ret.is_err = 0;
  resource_ret.val.ok.contents.ptr = r;
  resource_ret.val.ok.contents.len = 1;
  return &resource_ret;
}

HANDLER("read-resource")
mcp_result_resource *read_resource(const char *uri_p, size_t uri_n) {
  arena_used = 0;
  const char *uri = take(uri_p, uri_n);
  if (strcmp(uri, "notes://readme") == 0) return text_resource(uri, README_TEXT);
  if (strcmp(uri, "notes://limits") == 0) return text_resource(uri, "fuel, memory and time are capped");
  int id;
  char tail;
  if (sscanf(uri, "notes://note/%d%c", &id, &tail) == 1 && id >= 0 && id < note_count) {
    return text_resource(uri, arena_printf("# %s\n\n%s", notes[id].title, notes[id].text));
  }
  resource_ret.is_err = 1;
  resource_ret.val.err = error_record(-32002, arena_printf("resource not found: %s", uri), arena_printf("{\"uri\":%s}", quote(uri)));
  return &resource_ret;
}

static mcp_result_prompt prompt_ret;

HANDLER("get-prompt")
mcp_result_prompt *get_prompt(const char *name_p, size_t name_n, const char *args_p, size_t args_n) {
  arena_used = 0;
  const char *name = take(name_p, name_n);
  const json *args = json_parse(take(args_p, args_n));
  if (strcmp(name, "greet") == 0) {
    const char *who = string_arg(args, "name");
    mcp_prompt_message *m = arena_alloc(sizeof *m);
    m->role = MCP_ROLE_USER;
    m->content.tag = MCP_CONTENT_TEXT;
    m->content.val.text = str(arena_printf("Say hello to %s.", who ? who : "the user"));
    prompt_ret.is_err = 0;
    prompt_ret.val.ok = (mcp_prompt_result){SOME("Greets someone"), {m, 1}};
    return &prompt_ret;
  }
  if (strcmp(name, "summarize") == 0) {
    mcp_prompt_message *m = arena_alloc(sizeof *m * (size_t)(1 + note_count));
    m[0].role = MCP_ROLE_USER;
    m[0].content.tag = MCP_CONTENT_TEXT;
    m[0].content.val.text = str(arena_printf("Summarize these %d notes.", note_count));
    for (int i = 0; i < note_count; i++) {
      m[1 + i].role = MCP_ROLE_USER;
      m[1 + i].content.tag = MCP_CONTENT_EMBEDDED;
      m[1 + i].content.val.embedded = (mcp_embedded_resource){
          str(arena_printf("notes://note/%d", i)), SOME("text/plain"), {MCP_CONTENTS_TEXT, str(notes[i].text)}};
    }
    prompt_ret.is_err = 0;
    prompt_ret.val.ok = (mcp_prompt_result){{0}, {m, (size_t)(1 + note_count)}};
    return &prompt_ret;
  }
  prompt_ret.is_err = 1;
  prompt_ret.val.err = error_record(-32602, arena_printf("unknown prompt: %s", name), NULL);
  return &prompt_ret;
}

static mcp_result_unit unit_ret;

HANDLER("handle-subscribe")
mcp_result_unit *handle_subscribe(const char *uri_p, size_t uri_n) {
  arena_used = 0;
  take(uri_p, uri_n);
  unit_ret.is_err = 0;
  return &unit_ret;
}

HANDLER("handle-unsubscribe")
mcp_result_unit *handle_unsubscribe(const char *uri_p, size_t uri_n) {
  return handle_subscribe(uri_p, uri_n);
}

static mcp_result_completion completion_ret;
static const char *const NAMES[] = {"Ada", "Alan", "Barbara", "Grace", "Margaret"};

HANDLER("handle-complete")
mcp_result_completion *handle_complete(int32_t ref_type, const char *ref_p, size_t ref_n, const char *arg_p, size_t arg_n,
                                       const char *val_p, size_t val_n) {
  arena_used = 0;
  const char *ref = take(ref_p, ref_n), *arg = take(arg_p, arg_n), *value = take(val_p, val_n);
  mcp_string *values = arena_alloc(sizeof NAMES / sizeof NAMES[0] * sizeof(mcp_string));
  size_t n = 0;
  if (ref_type == MCP_REF_PROMPT && strcmp(ref, "greet") == 0 && strcmp(arg, "name") == 0) {
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++) {
      if (strncmp(NAMES[i], value, strlen(value)) == 0) values[n++] = str(NAMES[i]);
    }
  }
  completion_ret.is_err = 0;
  completion_ret.val.ok = (mcp_completion_result){{values, n}, {1, (uint32_t)n}, false};
  return &completion_ret;
}

/* Post-return: the host has copied the result out; the arena can be reused. */
#define POST(name, fn) HANDLER_POST(name) void fn(void *ret) { (void)ret; arena_used = 0; }
POST("call-tool", post_call_tool)
POST("read-resource", post_read_resource)
POST("get-prompt", post_get_prompt)
POST("handle-subscribe", post_subscribe)
POST("handle-unsubscribe", post_unsubscribe)
POST("handle-complete", post_complete)
