/*
 * The canonical ABI of wit/wasi-mcp.wit (world mcp-backend) for wasm32, written by hand: C structs
 * whose natural layout is the ABI's memory layout (records are structs, variants and options are a
 * u8 tag followed by the payload at the payload's alignment, strings and lists are pointer + length),
 * the `runtime` imports as the core functions the component lowers them to, and the export names.
 *
 * Flattening (CanonicalABI.md "Flattening"): an import whose flat parameters exceed 16 takes a
 * pointer to them (register-server); one whose result flattens to more than one value takes a
 * pointer where the host writes the result (every result<_, error>); an export whose result
 * flattens to more than one value returns a pointer to it.
 */
#ifndef WASI_MCP_H
#define WASI_MCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct { const char *ptr; size_t len; } mcp_string;    /* string, and list<u8> (json) */
typedef struct { uint8_t is_some; mcp_string val; } mcp_opt_string;
typedef struct { uint8_t is_some; bool val; } mcp_opt_bool;
typedef struct { uint8_t is_some; uint64_t val; } mcp_opt_u64;
typedef struct { uint8_t is_some; uint32_t val; } mcp_opt_u32;

typedef struct { mcp_string name, version; mcp_opt_string title; } mcp_implementation;
typedef struct { uint8_t is_some; bool list_changed; } mcp_opt_tools_cap;
typedef struct { uint8_t is_some; struct { bool subscribe, list_changed; } val; } mcp_opt_resources_cap;
typedef struct { uint8_t is_some; bool enabled; } mcp_opt_flag_cap; /* prompts, completions, logging */
typedef struct {
  mcp_opt_tools_cap tools;
  mcp_opt_resources_cap resources;
  mcp_opt_flag_cap prompts, completions, logging;
} mcp_server_capabilities;
typedef struct {
  mcp_implementation implementation;
  mcp_server_capabilities capabilities;
  mcp_opt_string instructions;
} mcp_server_info;

typedef struct {
  mcp_opt_string title;
  mcp_opt_bool read_only, destructive, idempotent, open_world;
} mcp_tool_annotations;
typedef struct {
  mcp_string name;
  mcp_opt_string title, description;
  mcp_string input_schema;
  mcp_opt_string output_schema;
  struct { uint8_t is_some; mcp_tool_annotations val; } annotations;
} mcp_tool_definition;

typedef struct {
  mcp_string uri, name;
  mcp_opt_string title, description, mime_type;
  mcp_opt_u64 size;
} mcp_resource_definition;
typedef struct {
  mcp_string uri_template, name;
  mcp_opt_string title, description, mime_type;
} mcp_resource_template;

typedef struct { mcp_string name; mcp_opt_string description; bool required; } mcp_prompt_argument;
typedef struct {
  mcp_string name;
  mcp_opt_string title, description;
  struct { const mcp_prompt_argument *ptr; size_t len; } arguments;
} mcp_prompt_definition;

enum { MCP_CONTENTS_TEXT, MCP_CONTENTS_BLOB };
typedef struct { uint8_t tag; mcp_string val; } mcp_resource_contents;
typedef struct { mcp_string uri; mcp_opt_string mime_type; mcp_resource_contents contents; } mcp_embedded_resource;
typedef struct { mcp_string data, mime_type; } mcp_binary_content;

enum { MCP_CONTENT_TEXT, MCP_CONTENT_IMAGE, MCP_CONTENT_AUDIO, MCP_CONTENT_EMBEDDED, MCP_CONTENT_LINK };
typedef struct {
  uint8_t tag;
  union {
    mcp_string text;
    mcp_binary_content binary;
    mcp_embedded_resource embedded;
    mcp_resource_definition link;
  } val;
} mcp_content_block;

typedef struct {
  struct { const mcp_content_block *ptr; size_t len; } content;
  mcp_opt_string structured_content;
  bool is_error;
} mcp_tool_result;

typedef struct { mcp_string uri; mcp_opt_string mime_type; mcp_resource_contents contents; } mcp_resource_read;
typedef struct { struct { const mcp_resource_read *ptr; size_t len; } contents; } mcp_resource_result;

enum { MCP_ROLE_USER, MCP_ROLE_ASSISTANT };
typedef struct { uint8_t role; mcp_content_block content; } mcp_prompt_message;
typedef struct {
  mcp_opt_string description;
  struct { const mcp_prompt_message *ptr; size_t len; } messages;
} mcp_prompt_result;

typedef struct {
  struct { const mcp_string *ptr; size_t len; } values;
  mcp_opt_u32 total;
  bool has_more;
} mcp_completion_result;

typedef struct { int32_t code; mcp_string message; mcp_opt_string data; } mcp_error;

/* result<T, error>: tag 0 = ok, 1 = err. */
typedef struct { uint8_t is_err; mcp_error err; } mcp_result_unit;
typedef struct { uint8_t is_err; union { mcp_tool_result ok; mcp_error err; } val; } mcp_result_tool;
typedef struct { uint8_t is_err; union { mcp_resource_result ok; mcp_error err; } val; } mcp_result_resource;
typedef struct { uint8_t is_err; union { mcp_prompt_result ok; mcp_error err; } val; } mcp_result_prompt;
typedef struct { uint8_t is_err; union { mcp_completion_result ok; mcp_error err; } val; } mcp_result_completion;

enum { MCP_LOG_DEBUG, MCP_LOG_INFO, MCP_LOG_NOTICE, MCP_LOG_WARNING, MCP_LOG_ERROR };
enum { MCP_NOTE_TOOLS_CHANGED, MCP_NOTE_RESOURCES_CHANGED, MCP_NOTE_PROMPTS_CHANGED, MCP_NOTE_RESOURCE_UPDATED };
enum { MCP_REF_PROMPT, MCP_REF_RESOURCE_TEMPLATE };

#define RUNTIME(name) __attribute__((import_module("wasi:mcp/runtime@0.1.0"), import_name(name)))
RUNTIME("register-server") void mcp_register_server(const mcp_server_info *info, mcp_result_unit *ret);
RUNTIME("register-tools") void mcp_register_tools(const mcp_tool_definition *p, size_t n, mcp_result_unit *ret);
RUNTIME("register-resources") void mcp_register_resources(const mcp_resource_definition *p, size_t n, mcp_result_unit *ret);
RUNTIME("register-resource-templates") void mcp_register_resource_templates(const mcp_resource_template *p, size_t n, mcp_result_unit *ret);
RUNTIME("register-prompts") void mcp_register_prompts(const mcp_prompt_definition *p, size_t n, mcp_result_unit *ret);
RUNTIME("serve") void mcp_serve(mcp_result_unit *ret);
RUNTIME("send-notification") void mcp_send_notification(int32_t tag, const char *uri, size_t uri_len, mcp_result_unit *ret);
RUNTIME("log") void mcp_log(int32_t level, const char *msg, size_t msg_len, int32_t has_data, const char *data, size_t data_len);
RUNTIME("report-progress") void mcp_report_progress(const char *token, size_t token_len, double progress, int32_t has_total, double total);

#define HANDLER(name) __attribute__((export_name("wasi:mcp/handlers@0.1.0#" name)))
#define HANDLER_POST(name) __attribute__((export_name("cabi_post_wasi:mcp/handlers@0.1.0#" name)))

#endif
