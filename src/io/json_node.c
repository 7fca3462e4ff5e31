/* json_node.c - JSON values as arena trees: a parser that accepts what jansson accepts. */
#include "io/json_node.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Longest number text converted from a copy on the stack (longer ones go to the arena). */
#define JSON_NODE_NUMBER_TEXT_MAX 64

struct json_node_block {
    json_node_block *next;
    size_t size; /* bytes of data */
    char data[];
};

static void *arena_alloc(json_node_arena *arena, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    json_node_block *b = arena->blocks;
    if (b == NULL || b->size - arena->used < size) {
        size_t block_size = size > JSON_NODE_BLOCK ? size : JSON_NODE_BLOCK;
        json_node_block *fresh = malloc(sizeof *fresh + block_size);
        if (fresh == NULL)
            return NULL;
        fresh->size = block_size;
        fresh->next = arena->blocks;
        arena->blocks = fresh;
        arena->used = 0;
        b = fresh;
    }
    void *p = b->data + arena->used;
    arena->used += size;
    return p;
}

void json_node_arena_reset(json_node_arena *arena)
{
    /* keep the first block made: a record's nodes fit in it, so the next allocates nothing */
    json_node_block *keep = arena->blocks;
    if (keep == NULL)
        return;
    while (keep->next != NULL)
        keep = keep->next;
    for (json_node_block *b = arena->blocks; b != keep;) {
        json_node_block *next = b->next;
        free(b);
        b = next;
    }
    arena->blocks = keep;
    arena->used = 0;
}

void json_node_arena_free(json_node_arena *arena)
{
    for (json_node_block *b = arena->blocks; b != NULL;) {
        json_node_block *next = b->next;
        free(b);
        b = next;
    }
    arena->blocks = NULL;
    arena->used = 0;
}

/* The parser's place in the text. */
typedef struct parser {
    json_node_arena *arena;
    const unsigned char *p, *end;
    int at_end; /* nothing follows end */
    int depth;
} parser;

/* What a failed step returns: MORE when it stopped at the end of a text that goes on. */
static json_node_result stop(const parser *ps)
{
    return ps->p >= ps->end && !ps->at_end ? JSON_NODE_MORE : JSON_NODE_REFUSED;
}

/* A cheap hash of a key (FNV-1a), so that comparing keys rarely needs strcmp. */
static uint32_t key_hash(const char *key)
{
    uint32_t hash = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)key; *p != '\0'; p++)
        hash = (hash ^ *p) * 16777619u;
    return hash;
}

static void skip_space(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\t' || *ps->p == '\r'))
        ps->p++;
}

static json_node *new_node(parser *ps, json_node_type type)
{
    json_node *n = arena_alloc(ps->arena, sizeof *n);
    if (n != NULL) {
        memset(n, 0, sizeof *n);
        n->type = type;
    }
    return n;
}

/* Bytes of the UTF-8 sequence that starts with byte, as jansson's utf8_check_first. */
static int utf8_length(unsigned char byte)
{
    if (byte < 0x80)
        return 1;
    if (byte < 0xC2)
        return 0;
    if (byte < 0xE0)
        return 2;
    if (byte < 0xF0)
        return 3;
    if (byte <= 0xF4)
        return 4;
    return 0;
}

/* 1 when the length bytes at s are one valid sequence, as jansson's utf8_check_full. */
static int utf8_valid(const unsigned char *s, int length)
{
    uint32_t value = s[0] & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
    for (int i = 1; i < length; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
        value = (value << 6) | (s[i] & 0x3F);
    }
    if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return 0;
    return !((length == 2 && value < 0x80) || (length == 3 && value < 0x800) ||
             (length == 4 && value < 0x10000));
}

static int hex_digit(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The 4 hex digits after "\u" at p (p + 4 <= end), or -1. */
static int32_t hex4(const unsigned char *p)
{
    int32_t value = 0;
    for (int i = 0; i < 4; i++) {
        int d = hex_digit(p[i]);
        if (d < 0)
            return -1;
        value = value * 16 + d;
    }
    return value;
}

static size_t utf8_encode(int32_t code, char *out)
{
    if (code < 0x80) {
        out[0] = (char)code;
        return 1;
    }
    if (code < 0x800) {
        out[0] = (char)(0xC0 | (code >> 6));
        out[1] = (char)(0x80 | (code & 0x3F));
        return 2;
    }
    if (code < 0x10000) {
        out[0] = (char)(0xE0 | (code >> 12));
        out[1] = (char)(0x80 | ((code >> 6) & 0x3F));
        out[2] = (char)(0x80 | (code & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (code >> 18));
    out[1] = (char)(0x80 | ((code >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((code >> 6) & 0x3F));
    out[3] = (char)(0x80 | (code & 0x3F));
    return 4;
}

/*
 * The string at ps->p (its opening quote) decoded into the arena; *text and
 * *length receive it.  Refuses what jansson refuses: control characters,
 * bad escapes, lone surrogates, bad UTF-8, \u0000.
 */
static json_node_result parse_string(parser *ps, const char **text, uint32_t *length)
{
    const unsigned char *start = ++ps->p, *p = start;
    int escaped = 0;
    /* first pass: find the end and check every byte */
    for (;;) {
        if (p >= ps->end)
            return ps->at_end ? JSON_NODE_REFUSED : JSON_NODE_MORE;
        unsigned char c = *p;
        if (c == '"')
            break;
        if (c < 0x20)
            return JSON_NODE_REFUSED;
        if (c == '\\') {
            escaped = 1;
            if (p + 1 >= ps->end)
                return ps->at_end ? JSON_NODE_REFUSED : JSON_NODE_MORE;
            unsigned char e = p[1];
            if (e == 'u') {
                if (p + 6 > ps->end)
                    return ps->at_end ? JSON_NODE_REFUSED : JSON_NODE_MORE;
                if (hex4(p + 2) < 0)
                    return JSON_NODE_REFUSED;
                p += 6;
            } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' ||
                       e == 'r' || e == 't') {
                p += 2;
            } else {
                return JSON_NODE_REFUSED;
            }
            continue;
        }
        if (c >= 0x80) {
            int n = utf8_length(c);
            if (n == 0)
                return JSON_NODE_REFUSED;
            if (p + n > ps->end)
                return ps->at_end ? JSON_NODE_REFUSED : JSON_NODE_MORE;
            if (!utf8_valid(p, n))
                return JSON_NODE_REFUSED;
            p += n;
            continue;
        }
        p++;
    }
    size_t raw = (size_t)(p - start);
    if (raw > UINT32_MAX)
        return JSON_NODE_REFUSED;
    char *out = arena_alloc(ps->arena, raw + 1);
    if (out == NULL)
        return JSON_NODE_NO_MEMORY;
    size_t used = 0;
    if (!escaped) {
        memcpy(out, start, raw);
        used = raw;
    } else {
        for (const unsigned char *q = start; q < p;) {
            if (*q != '\\') {
                out[used++] = (char)*q++;
                continue;
            }
            unsigned char e = q[1];
            if (e != 'u') {
                out[used++] = e == 'b'   ? '\b'
                              : e == 'f' ? '\f'
                              : e == 'n' ? '\n'
                              : e == 'r' ? '\r'
                              : e == 't' ? '\t'
                                         : (char)e;
                q += 2;
                continue;
            }
            int32_t code = hex4(q + 2);
            q += 6;
            if (code >= 0xD800 && code <= 0xDBFF) {
                /* the second half must follow at once */
                if (q + 6 > p || q[0] != '\\' || q[1] != 'u')
                    return JSON_NODE_REFUSED;
                int32_t low = hex4(q + 2);
                if (low < 0xDC00 || low > 0xDFFF)
                    return JSON_NODE_REFUSED;
                code = ((code - 0xD800) << 10) + (low - 0xDC00) + 0x10000;
                q += 6;
            } else if (code >= 0xDC00 && code <= 0xDFFF) {
                return JSON_NODE_REFUSED;
            }
            if (code == 0)
                return JSON_NODE_REFUSED; /* jansson: \u0000 not allowed */
            used += utf8_encode(code, out + used);
        }
    }
    out[used] = '\0';
    *text = out;
    *length = (uint32_t)used;
    ps->p = p + 1;
    return JSON_NODE_PARSED;
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A number as jansson's lex_scan_number reads it: integer (long long) or real. */
static json_node_result parse_number(parser *ps, json_node **out)
{
    const unsigned char *start = ps->p, *p = start;
    int real = 0;
#define NUMBER_MORE()                                                                              \
    do {                                                                                           \
        if (p >= ps->end && !ps->at_end)                                                           \
            return JSON_NODE_MORE;                                                                 \
    } while (0)
    if (*p == '-')
        p++;
    NUMBER_MORE();
    if (p < ps->end && *p == '0') {
        p++;
        NUMBER_MORE();
        if (p < ps->end && is_digit(*p))
            return JSON_NODE_REFUSED;
    } else if (p < ps->end && is_digit(*p)) {
        while (p < ps->end && is_digit(*p))
            p++;
        NUMBER_MORE();
    } else {
        return JSON_NODE_REFUSED;
    }
    if (p < ps->end && *p == '.') {
        real = 1;
        p++;
        NUMBER_MORE();
        if (p >= ps->end || !is_digit(*p))
            return JSON_NODE_REFUSED;
        while (p < ps->end && is_digit(*p))
            p++;
        NUMBER_MORE();
    }
    if (p < ps->end && (*p == 'e' || *p == 'E')) {
        real = 1;
        p++;
        NUMBER_MORE();
        if (p < ps->end && (*p == '+' || *p == '-'))
            p++;
        NUMBER_MORE();
        if (p >= ps->end || !is_digit(*p))
            return JSON_NODE_REFUSED;
        while (p < ps->end && is_digit(*p))
            p++;
        NUMBER_MORE();
    }
#undef NUMBER_MORE
    size_t length = (size_t)(p - start);
    char stack_text[JSON_NODE_NUMBER_TEXT_MAX];
    char *text = length < sizeof stack_text ? stack_text : arena_alloc(ps->arena, length + 1);
    if (text == NULL)
        return JSON_NODE_NO_MEMORY;
    memcpy(text, start, length);
    text[length] = '\0';
    json_node *n = new_node(ps, real ? JSON_NODE_REAL : JSON_NODE_INTEGER);
    if (n == NULL)
        return JSON_NODE_NO_MEMORY;
    errno = 0;
    if (real) {
        n->value.real = strtod(text, NULL);
        if ((n->value.real == HUGE_VAL || n->value.real == -HUGE_VAL) && errno == ERANGE)
            return JSON_NODE_REFUSED;
    } else {
        n->value.integer = strtoll(text, NULL, 10);
        if (errno == ERANGE)
            return JSON_NODE_REFUSED;
    }
    ps->p = p;
    *out = n;
    return JSON_NODE_PARSED;
}

/* true, false or null: a whole word, as jansson reads letters up to the first other byte. */
static json_node_result parse_word(parser *ps, json_node **out)
{
    const unsigned char *p = ps->p;
    while (p < ps->end && is_alpha(*p))
        p++;
    if (p >= ps->end && !ps->at_end)
        return JSON_NODE_MORE;
    size_t length = (size_t)(p - ps->p);
    json_node_type type;
    if (length == 4 && memcmp(ps->p, "true", 4) == 0)
        type = JSON_NODE_TRUE;
    else if (length == 5 && memcmp(ps->p, "false", 5) == 0)
        type = JSON_NODE_FALSE;
    else if (length == 4 && memcmp(ps->p, "null", 4) == 0)
        type = JSON_NODE_NULL;
    else
        return JSON_NODE_REFUSED;
    json_node *n = new_node(ps, type);
    if (n == NULL)
        return JSON_NODE_NO_MEMORY;
    ps->p = p;
    *out = n;
    return JSON_NODE_PARSED;
}

static json_node_result parse_value(parser *ps, json_node **out);

/*
 * Opens the array or object at ps->p: *node is the new container, *closed set
 * when it closes at once ("[]", "{}").
 */
static json_node_result open_container(parser *ps, json_node_type type, unsigned char close,
                                       json_node **node, int *closed)
{
    *node = new_node(ps, type);
    if (*node == NULL)
        return JSON_NODE_NO_MEMORY;
    ps->p++;
    skip_space(ps);
    if (ps->p >= ps->end)
        return stop(ps);
    *closed = *ps->p == close;
    if (*closed)
        ps->p++;
    return JSON_NODE_PARSED;
}

/* After an element or member: a comma (*closed 0) or the closing bracket (*closed 1). */
static json_node_result after_item(parser *ps, unsigned char close, int *closed)
{
    skip_space(ps);
    if (ps->p >= ps->end)
        return stop(ps);
    *closed = *ps->p == close;
    if (!*closed && *ps->p != ',')
        return JSON_NODE_REFUSED;
    ps->p++;
    return JSON_NODE_PARSED;
}

static json_node_result parse_array(parser *ps, json_node **out)
{
    json_node *array = NULL;
    int closed = 0;
    json_node_result r = open_container(ps, JSON_NODE_ARRAY, ']', &array, &closed);
    if (r != JSON_NODE_PARSED)
        return r;
    json_node **tail = &array->value.first;
    while (r == JSON_NODE_PARSED && !closed) {
        json_node *element = NULL;
        r = parse_value(ps, &element);
        if (r != JSON_NODE_PARSED)
            break;
        *tail = element;
        tail = &element->next;
        array->count++;
        r = after_item(ps, ']', &closed);
    }
    if (r == JSON_NODE_PARSED)
        *out = array;
    return r;
}

/* One "key": value of an object, appended at *tail unless its key is there already. */
static json_node_result parse_member(parser *ps, json_node *object, json_node ***tail)
{
    skip_space(ps);
    if (ps->p >= ps->end)
        return stop(ps);
    if (*ps->p != '"')
        return JSON_NODE_REFUSED;
    const char *key = NULL;
    uint32_t key_length = 0;
    json_node_result r = parse_string(ps, &key, &key_length);
    if (r != JSON_NODE_PARSED)
        return r;
    if (object->count >= JSON_NODE_KEYS_MAX)
        return JSON_NODE_REFUSED; /* jansson's hash table handles it */
    uint32_t hash = key_hash(key);
    for (const json_node *m = object->value.first; m != NULL; m = m->next)
        if (m->key_hash == hash && strcmp(m->key, key) == 0)
            return JSON_NODE_REFUSED; /* duplicate key */
    skip_space(ps);
    if (ps->p >= ps->end)
        return stop(ps);
    if (*ps->p != ':')
        return JSON_NODE_REFUSED;
    ps->p++;
    json_node *value = NULL;
    r = parse_value(ps, &value);
    if (r != JSON_NODE_PARSED)
        return r;
    value->key = key;
    value->key_hash = hash;
    **tail = value;
    *tail = &value->next;
    object->count++;
    return JSON_NODE_PARSED;
}

static json_node_result parse_object(parser *ps, json_node **out)
{
    json_node *object = NULL;
    int closed = 0;
    json_node_result r = open_container(ps, JSON_NODE_OBJECT, '}', &object, &closed);
    if (r != JSON_NODE_PARSED)
        return r;
    json_node **tail = &object->value.first;
    while (r == JSON_NODE_PARSED && !closed) {
        r = parse_member(ps, object, &tail);
        if (r == JSON_NODE_PARSED)
            r = after_item(ps, '}', &closed);
    }
    if (r == JSON_NODE_PARSED)
        *out = object;
    return r;
}

static json_node_result parse_value(parser *ps, json_node **out)
{
    skip_space(ps);
    if (ps->p >= ps->end)
        return stop(ps);
    unsigned char c = *ps->p;
    if (c == '"') {
        json_node *n = new_node(ps, JSON_NODE_STRING);
        if (n == NULL)
            return JSON_NODE_NO_MEMORY;
        json_node_result r = parse_string(ps, &n->value.string, &n->count);
        if (r == JSON_NODE_PARSED)
            *out = n;
        return r;
    }
    if (c == '-' || is_digit(c))
        return parse_number(ps, out);
    if (c == '{' || c == '[') {
        if (ps->depth >= JSON_NODE_DEPTH_MAX)
            return JSON_NODE_REFUSED;
        ps->depth++;
        json_node_result r = c == '{' ? parse_object(ps, out) : parse_array(ps, out);
        ps->depth--;
        return r;
    }
    if (is_alpha(c))
        return parse_word(ps, out);
    return JSON_NODE_REFUSED;
}

json_node_result json_node_parse(json_node_arena *arena, const char *text, size_t length,
                                 int at_end, json_node **out, size_t *consumed)
{
    parser ps = {arena, (const unsigned char *)text, (const unsigned char *)text + length, at_end,
                 0};
    *out = NULL;
    json_node_result r = parse_value(&ps, out);
    if (r == JSON_NODE_PARSED)
        *consumed = (size_t)(ps.p - (const unsigned char *)text);
    else
        *out = NULL;
    return r;
}

static char *arena_string(json_node_arena *arena, const char *text, size_t length)
{
    char *copy = arena_alloc(arena, length + 1);
    if (copy != NULL) {
        memcpy(copy, text, length);
        copy[length] = '\0';
    }
    return copy;
}

json_node *json_node_from_jansson(json_node_arena *arena, const json_t *value)
{
    json_node *n = arena_alloc(arena, sizeof *n);
    if (n == NULL)
        return NULL;
    memset(n, 0, sizeof *n);
    json_node **tail = &n->value.first;
    switch (json_typeof(value)) {
    case JSON_OBJECT: {
        n->type = JSON_NODE_OBJECT;
        const char *key;
        json_t *member;
        json_object_foreach((json_t *)value, key, member)
        {
            json_node *m = json_node_from_jansson(arena, member);
            if (m == NULL || (m->key = arena_string(arena, key, strlen(key))) == NULL)
                return NULL;
            m->key_hash = key_hash(key);
            *tail = m;
            tail = &m->next;
            n->count++;
        }
        break;
    }
    case JSON_ARRAY:
        n->type = JSON_NODE_ARRAY;
        for (size_t i = 0; i < json_array_size(value); i++) {
            json_node *element = json_node_from_jansson(arena, json_array_get(value, i));
            if (element == NULL)
                return NULL;
            *tail = element;
            tail = &element->next;
            n->count++;
        }
        break;
    case JSON_STRING:
        n->type = JSON_NODE_STRING;
        n->count = (uint32_t)json_string_length(value);
        n->value.string = arena_string(arena, json_string_value(value), n->count);
        if (n->value.string == NULL)
            return NULL;
        break;
    case JSON_INTEGER:
        n->type = JSON_NODE_INTEGER;
        n->value.integer = json_integer_value(value);
        break;
    case JSON_REAL:
        n->type = JSON_NODE_REAL;
        n->value.real = json_real_value(value);
        break;
    case JSON_TRUE:
        n->type = JSON_NODE_TRUE;
        break;
    case JSON_FALSE:
        n->type = JSON_NODE_FALSE;
        break;
    case JSON_NULL:
        n->type = JSON_NODE_NULL;
        break;
    }
    return n;
}

json_node *json_node_new_object(json_node_arena *arena)
{
    json_node *n = arena_alloc(arena, sizeof *n);
    if (n != NULL) {
        memset(n, 0, sizeof *n);
        n->type = JSON_NODE_OBJECT;
    }
    return n;
}

int json_node_append(json_node_arena *arena, json_node *object, const char *key, json_node *value)
{
    value->key = arena_string(arena, key, strlen(key));
    if (value->key == NULL)
        return -1;
    value->key_hash = key_hash(key);
    json_node **tail = &object->value.first;
    while (*tail != NULL)
        tail = &(*tail)->next;
    *tail = value;
    value->next = NULL;
    object->count++;
    return 0;
}

const json_node *json_node_get(const json_node *object, const char *key)
{
    if (object == NULL || object->type != JSON_NODE_OBJECT)
        return NULL;
    uint32_t hash = key_hash(key);
    for (const json_node *m = object->value.first; m != NULL; m = m->next)
        if (m->key_hash == hash && strcmp(m->key, key) == 0)
            return m;
    return NULL;
}

double json_node_number(const json_node *node)
{
    if (node->type == JSON_NODE_INTEGER)
        return (double)node->value.integer;
    return node->type == JSON_NODE_REAL ? node->value.real : 0.0;
}
