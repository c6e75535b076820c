/* The minimal JSON reader of json.h: recursive descent over one message, nodes in a fixed arena. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#define MAX_NODES 4096
#define MAX_DEPTH 64

static json nodes[MAX_NODES];
static int used;
static char strbuf[1 << 16];
static size_t strused;

typedef struct { const char *p; int depth; } cursor;

static void ws(cursor *c) {
  while (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r') c->p++;
}

static json *node(enum json_kind k, const char *start) {
  if (used >= MAX_NODES) return NULL;
  json *n = &nodes[used++];
  memset(n, 0, sizeof *n);
  n->kind = k;
  n->start = start;
  return n;
}

static void put_utf8(unsigned cp, char **o) {
  if (cp < 0x80) { *(*o)++ = (char)cp; }
  else if (cp < 0x800) { *(*o)++ = (char)(0xC0 | (cp >> 6)); *(*o)++ = (char)(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) {
    *(*o)++ = (char)(0xE0 | (cp >> 12)); *(*o)++ = (char)(0x80 | ((cp >> 6) & 0x3F));
    *(*o)++ = (char)(0x80 | (cp & 0x3F));
  } else {
    *(*o)++ = (char)(0xF0 | (cp >> 18)); *(*o)++ = (char)(0x80 | ((cp >> 12) & 0x3F));
    *(*o)++ = (char)(0x80 | ((cp >> 6) & 0x3F)); *(*o)++ = (char)(0x80 | (cp & 0x3F));
  }
}

static int hex4(const char *p, unsigned *out) {
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    char ch = p[i];
    v <<= 4;
    if (ch >= '0' && ch <= '9') v |= (unsigned)(ch - '0');
    else if (ch >= 'a' && ch <= 'f') v |= (unsigned)(ch - 'a' + 10);
    else if (ch >= 'A' && ch <= 'F') v |= (unsigned)(ch - 'A' + 10);
    else return 0;
  }
  *out = v;
  return 1;
}

/* Decodes the string literal at c->p (which is '"') into the string buffer. */
static char *parse_string(cursor *c) {
  const char *p = c->p + 1;
  /* Worst case the decoded string is as long as the literal. */
  size_t room = sizeof strbuf - strused;
  char *out = strbuf + strused, *o = out;
  while (*p != '"') {
    if ((size_t)(o - out) + 4 >= room) return NULL;
    if (*p == '\0' || (unsigned char)*p < 0x20) return NULL;
    if (*p != '\\') { *o++ = *p++; continue; }
    p++;
    switch (*p) {
      case '"': *o++ = '"'; break;
      case '\\': *o++ = '\\'; break;
      case '/': *o++ = '/'; break;
      case 'b': *o++ = '\b'; break;
      case 'f': *o++ = '\f'; break;
      case 'n': *o++ = '\n'; break;
      case 'r': *o++ = '\r'; break;
      case 't': *o++ = '\t'; break;
      case 'u': {
        unsigned cp;
        if (!hex4(p + 1, &cp)) return NULL;
        p += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && p[1] == '\\' && p[2] == 'u') {
          unsigned lo;
          if (hex4(p + 3, &lo) && lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            p += 6;
          }
        }
        put_utf8(cp, &o);
        break;
      }
      default: return NULL;
    }
    p++;
  }
  *o++ = '\0';
  strused += (size_t)(o - out);
  c->p = p + 1;
  return out;
}

static json *parse_value(cursor *c);

static json *parse_container(cursor *c, int is_obj) {
  json *n = node(is_obj ? J_OBJ : J_ARR, c->p);
  if (n == NULL || ++c->depth > MAX_DEPTH) return NULL;
  c->p++;
  ws(c);
  json **tail = &n->child;
  char close = is_obj ? '}' : ']';
  if (*c->p == close) { c->p++; c->depth--; return n; }
  for (;;) {
    char *key = NULL;
    ws(c);
    if (is_obj) {
      if (*c->p != '"' || (key = parse_string(c)) == NULL) return NULL;
      ws(c);
      if (*c->p++ != ':') return NULL;
    }
    json *v = parse_value(c);
    if (v == NULL) return NULL;
    v->key = key;
    *tail = v;
    tail = &v->next;
    ws(c);
    if (*c->p == ',') { c->p++; continue; }
    if (*c->p == close) { c->p++; break; }
    return NULL;
  }
  c->depth--;
  return n;
}

static json *parse_value(cursor *c) {
  ws(c);
  const char *start = c->p;
  json *n = NULL;
  switch (*c->p) {
    case '{': n = parse_container(c, 1); break;
    case '[': n = parse_container(c, 0); break;
    case '"': {
      n = node(J_STR, start);
      if (n == NULL || (n->str = parse_string(c)) == NULL) return NULL;
      break;
    }
    case 't':
      if (strncmp(c->p, "true", 4) != 0 || (n = node(J_BOOL, start)) == NULL) return NULL;
      n->num = 1; c->p += 4; break;
    case 'f':
      if (strncmp(c->p, "false", 5) != 0 || (n = node(J_BOOL, start)) == NULL) return NULL;
      c->p += 5; break;
    case 'n':
      if (strncmp(c->p, "null", 4) != 0 || (n = node(J_NULL, start)) == NULL) return NULL;
      c->p += 4; break;
    default: {
      char *end;
      double d = strtod(c->p, &end);
      if (end == c->p || (n = node(J_NUM, start)) == NULL) return NULL;
      n->num = d;
      c->p = end;
    }
  }
  if (n != NULL) n->len = (size_t)(c->p - start);
  return n;
}

json *json_parse(const char *text) {
  used = 0;
  strused = 0;
  cursor c = { text, 0 };
  json *root = parse_value(&c);
  if (root == NULL) return NULL;
  ws(&c);
  return *c.p == '\0' ? root : NULL;
}

json *json_get(const json *obj, const char *key) {
  if (obj == NULL || obj->kind != J_OBJ) return NULL;
  for (json *m = obj->child; m != NULL; m = m->next) {
    if (strcmp(m->key, key) == 0) return m;
  }
  return NULL;
}

int json_quote(char *out, size_t cap, const char *s) {
  static const char hex[] = "0123456789abcdef";
  size_t n = 0;
#define PUT(ch) do { if (n + 1 >= cap) return -1; out[n++] = (ch); } while (0)
  PUT('"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') { PUT('\\'); PUT((char)*p); }
    else if (*p == '\n') { PUT('\\'); PUT('n'); }
    else if (*p == '\r') { PUT('\\'); PUT('r'); }
    else if (*p == '\t') { PUT('\\'); PUT('t'); }
    else if (*p < 0x20) { PUT('\\'); PUT('u'); PUT('0'); PUT('0'); PUT(hex[*p >> 4]); PUT(hex[*p & 15]); }
    else PUT((char)*p);
  }
  PUT('"');
#undef PUT
  out[n] = '\0';
  return (int)n;
}
