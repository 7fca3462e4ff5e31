/*
 * json_node.h - JSON values as small trees in an arena, parsed fast for
 * records read one at a time (json_stream.h): a million people each parsed,
 * converted and forgotten, the arena reset between them.
 *
 * json_node_parse() accepts exactly what jansson's json_loadb() accepts with
 * JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES (UTF-8
 * checked as jansson checks it, \u0000 refused, integers as long long, reals
 * that overflow refused) and reports no reasons: for a text it refuses, the
 * caller asks jansson, which says why (the message users see is jansson's).
 * It may also refuse what jansson accepts (more than JSON_NODE_KEYS_MAX keys
 * in one object, more than JSON_NODE_DEPTH_MAX levels); jansson's tree is
 * then copied (json_node_from_jansson).  test_situation holds it to jansson
 * on random texts.
 *
 * Ownership: nodes and their strings live in the arena that made them until
 * json_node_arena_reset() or _free(); the arena is a value the caller owns,
 * zeroed when empty.
 */
#ifndef BANGFU_IO_JSON_NODE_H
#define BANGFU_IO_JSON_NODE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* Most keys of one object parsed here (more: jansson's tree is copied). */
#define JSON_NODE_KEYS_MAX 64
/* Most nesting levels parsed here (more: jansson's tree is copied). */
#define JSON_NODE_DEPTH_MAX 64
/* Bytes of one arena block (a longer string gets a block of its own). */
#define JSON_NODE_BLOCK (64u * 1024u)

typedef enum json_node_type {
    JSON_NODE_NULL,
    JSON_NODE_FALSE,
    JSON_NODE_TRUE,
    JSON_NODE_INTEGER,
    JSON_NODE_REAL,
    JSON_NODE_STRING,
    JSON_NODE_ARRAY,
    JSON_NODE_OBJECT
} json_node_type;

typedef struct json_node json_node;
struct json_node {
    json_node_type type;
    uint32_t count;    /* elements (array), members (object), bytes (string) */
    const char *key;   /* its name when a member of an object, else NULL */
    uint32_t key_hash; /* of key, to compare keys quickly */
    json_node *next;   /* the next element or member */
    union {
        long long integer;
        double real;
        const char *string; /* NUL-terminated (no NUL inside) */
        json_node *first;   /* the first element or member */
    } value;
};

typedef struct json_node_block json_node_block;

typedef struct json_node_arena {
    json_node_block *blocks; /* the block in use first */
    size_t used;             /* bytes used of the first block */
} json_node_arena;

/* What json_node_parse() returns. */
typedef enum json_node_result {
    JSON_NODE_PARSED,   /* *out holds the value, *consumed its bytes */
    JSON_NODE_REFUSED,  /* not a value here (ask jansson why) */
    JSON_NODE_MORE,     /* the text ended inside the value and more may follow */
    JSON_NODE_NO_MEMORY /* the arena could not grow */
} json_node_result;

/*
 * Parses the value at the start of text (length bytes, whitespace first
 * allowed).  at_end says nothing follows the text: a number or a value
 * cut at its end is then complete or refused instead of JSON_NODE_MORE.
 */
json_node_result json_node_parse(json_node_arena *arena, const char *text, size_t length,
                                 int at_end, json_node **out, size_t *consumed);

/* jansson's value as nodes in arena; NULL when out of memory. */
json_node *json_node_from_jansson(json_node_arena *arena, const json_t *value);

/* A new empty object, and a member appended to one (key copied); NULL / -1 out of memory. */
json_node *json_node_new_object(json_node_arena *arena);
int json_node_append(json_node_arena *arena, json_node *object, const char *key, json_node *value);

/* The member key of object, or NULL. */
const json_node *json_node_get(const json_node *object, const char *key);

/* An integer or real as a double. */
double json_node_number(const json_node *node);

void json_node_arena_reset(json_node_arena *arena);
void json_node_arena_free(json_node_arena *arena);

#endif
