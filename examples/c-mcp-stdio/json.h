/*
 * A minimal JSON reader for the example MCP server: parses one message into a tree of nodes held in
 * a fixed arena, so the server can look up "method", "id" and "params". Not a general library.
 */
#ifndef MCP_JSON_H
#define MCP_JSON_H

#include <stddef.h>

enum json_kind { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct json {
  enum json_kind kind;
  const char *start; /* first byte of the value's text in the message */
  size_t len;        /* bytes of the value's text */
  double num;
  char *str;         /* decoded string (J_STR), NUL-terminated */
  struct json *child; /* first element or member value (J_ARR, J_OBJ) */
  struct json *next;  /* next sibling */
  char *key;          /* member name when the parent is an object */
} json;

/* Parses `text`; returns the root, or NULL when the text is not JSON or too large. */
json *json_parse(const char *text);
/* The member `key` of an object, or NULL. */
json *json_get(const json *obj, const char *key);
/* Appends `s` to `out` as a JSON string literal (with quotes). Returns bytes written or -1. */
int json_quote(char *out, size_t cap, const char *s);

#endif
