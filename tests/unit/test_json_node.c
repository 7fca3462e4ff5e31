/*
 * test_json_node.c - the arena JSON parser held to jansson: on random texts
 * (edits of a text rich in escapes, UTF-8, numbers and nesting) it accepts
 * exactly what json_loadb() accepts with the flags the stream uses, stops at
 * the same byte and builds the same value; a text cut anywhere asks for more
 * instead of being refused or misread.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "json_mutation.h"

#include "io/json_node.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The flags json_stream gives jansson. */
#define STREAM_FLAGS (JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK)

static const char *const bases[] = {
    "{\"id\": \"p1\", \"name\": \"张三\\u00e9\\ud83d\\ude00\\n\\t\\\"\\\\\\/\\b\\f\\r\", "
    "\"n\": [0, -0, 12, -34, 1.5, -2.25e3, 6E-2, 9223372036854775807, -9223372036854775808], "
    "\"b\": [true, false, null, {}, [], [[{\"\": \"\"}]]], \"中\": {\"a\": {\"b\": [1, {\"c\": "
    "\"d\"}]}}}",
    "[\"\\u4e2d\\u6587\", \"\xe4\xb8\xad\xf0\x9f\x98\x80\", 1e308, 1e-400, 0.5, \"x\"]  ",
    "\"only a string\"",
    "  -12.5e+3 ,",
    "{\"a\":1,\"b\":2,\"c\":{\"d\":[1,2,3]}}\n,{",
};

static const char *const insertions[] = {"{",
                                         "}",
                                         "[",
                                         "]",
                                         ":",
                                         ",",
                                         "\"",
                                         "\\",
                                         "\\u",
                                         "\\ud800",
                                         "\\udc00",
                                         "\\u0000",
                                         "\\x",
                                         "a",
                                         "1",
                                         "0",
                                         "-",
                                         ".",
                                         "e",
                                         "E",
                                         "+",
                                         " ",
                                         "\n",
                                         "\t",
                                         "\r",
                                         "\x01",
                                         "\x7f",
                                         "\xff",
                                         "\xc0\x80",
                                         "\xed\xa0\x80",
                                         "\xf4\x90\x80\x80",
                                         "\xe4\xb8",
                                         "\xe4\xb8\xad",
                                         "true",
                                         "nul",
                                         "\"a\": 1,",
                                         "\"id\": 2,",
                                         "99999999999999999999",
                                         "1e999",
                                         "-1e999",
                                         "01",
                                         "1.",
                                         "tru"};

/* 1 when node holds the same value as j. */
static int same_value(const json_node *node, const json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        if (node->type != JSON_NODE_OBJECT || node->count != json_object_size(j))
            return 0;
        for (const json_node *m = node->value.first; m != NULL; m = m->next) {
            const json_t *v = json_object_get(j, m->key);
            if (v == NULL || !same_value(m, v))
                return 0;
        }
        return 1;
    }
    case JSON_ARRAY: {
        if (node->type != JSON_NODE_ARRAY || node->count != json_array_size(j))
            return 0;
        size_t i = 0;
        for (const json_node *e = node->value.first; e != NULL; e = e->next, i++)
            if (!same_value(e, json_array_get(j, i)))
                return 0;
        return 1;
    }
    case JSON_STRING:
        return node->type == JSON_NODE_STRING && node->count == json_string_length(j) &&
               memcmp(node->value.string, json_string_value(j), node->count) == 0 &&
               node->value.string[node->count] == '\0';
    case JSON_INTEGER:
        return node->type == JSON_NODE_INTEGER && node->value.integer == json_integer_value(j);
    case JSON_REAL:
        return node->type == JSON_NODE_REAL &&
               memcmp(&node->value.real, &(double){json_real_value(j)}, sizeof(double)) == 0;
    case JSON_TRUE:
        return node->type == JSON_NODE_TRUE;
    case JSON_FALSE:
        return node->type == JSON_NODE_FALSE;
    case JSON_NULL:
        return node->type == JSON_NODE_NULL;
    }
    return 0;
}

static void check_against_jansson(const char *text, size_t length, int round)
{
    json_node_arena arena = {0};
    json_node *node = NULL;
    size_t consumed = 0;
    json_error_t jerr;
    json_t *j = json_loadb(text, length, STREAM_FLAGS, &jerr);
    json_node_result r = json_node_parse(&arena, text, length, 1, &node, &consumed);
    if ((r == JSON_NODE_PARSED) != (j != NULL))
        fail_msg("round %d: json_node %s, jansson %s (%s) for [%.*s]", round,
                 r == JSON_NODE_PARSED ? "parsed" : "refused", j != NULL ? "parsed" : "refused",
                 j != NULL ? "" : jerr.text, (int)length, text);
    if (j != NULL) {
        if (consumed != (size_t)jerr.position || !same_value(node, j))
            fail_msg("round %d: json_node read %zu bytes, jansson %d, or another value, for [%.*s]",
                     round, consumed, jerr.position, (int)length, text);
        /* cut anywhere before the value's end, more is asked for */
        for (size_t cut = 0; cut < consumed; cut++) {
            json_node_arena_reset(&arena);
            r = json_node_parse(&arena, text, cut, 0, &node, &consumed);
            if (r != JSON_NODE_MORE)
                fail_msg("round %d: cut at %zu gave %d for [%.*s]", round, cut, (int)r, (int)length,
                         text);
        }
        /* and the copy of jansson's tree is the same value */
        json_node_arena_reset(&arena);
        node = json_node_from_jansson(&arena, j);
        assert_non_null(node);
        assert_true(same_value(node, j));
    }
    json_decref(j);
    json_node_arena_free(&arena);
}

static void test_same_as_jansson(void **state)
{
    (void)state;
    unsigned seed = 1201;
    char text[4096];
    for (int round = 0; round < 20000; round++) {
        const char *base = bases[(size_t)round % (sizeof bases / sizeof *bases)];
        size_t length = strlen(base);
        memcpy(text, base, length);
        int edits = round % 7 == 0 ? 0 : 1 + round % 3;
        for (int e = 0; e < edits && length < sizeof text - 64; e++)
            length = json_mutate(text, length, &seed, insertions,
                                 sizeof insertions / sizeof *insertions);
        check_against_jansson(text, length, round);
    }
}

/* Past its bounds (keys of one object, depth) it refuses, and the stream copies jansson's tree. */
static void test_bounds_refused(void **state)
{
    (void)state;
    char text[8192];
    size_t used = 0;
    text[used++] = '{';
    for (int k = 0; k <= JSON_NODE_KEYS_MAX; k++)
        used +=
            (size_t)snprintf(text + used, sizeof text - used, "%s\"k%d\": %d", k ? ", " : "", k, k);
    text[used++] = '}';
    json_node_arena arena = {0};
    json_node *node = NULL;
    size_t consumed = 0;
    assert_int_equal(json_node_parse(&arena, text, used, 1, &node, &consumed), JSON_NODE_REFUSED);
    used = 0;
    for (int d = 0; d <= JSON_NODE_DEPTH_MAX; d++)
        text[used++] = '[';
    for (int d = 0; d <= JSON_NODE_DEPTH_MAX; d++)
        text[used++] = ']';
    assert_int_equal(json_node_parse(&arena, text, used, 1, &node, &consumed), JSON_NODE_REFUSED);
    assert_int_equal(json_node_parse(&arena, text + 1, used - 2, 1, &node, &consumed),
                     JSON_NODE_PARSED);
    json_node_arena_free(&arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_jansson),
        cmocka_unit_test(test_bounds_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
