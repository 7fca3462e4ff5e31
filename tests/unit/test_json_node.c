/*
 * test_json_node.c - the arena JSON parser held to jansson: on random texts
 * (edits of a text rich in escapes, UTF-8, numbers and nesting) it accepts
 * exactly what json_loadb() accepts with the flags the stream uses, stops at
 * the same byte and builds the same value; a text cut anywhere asks for more
 * instead of being refused or misread.  The writer (io/json_writer.h) is held
 * to json_dumps(JSON_COMPACT) on random values, and fails where jansson would
 * refuse a string (not UTF-8).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "json_mutation.h"

#include "core/error.h"
#include "io/json_node.h"
#include "io/json_writer.h"

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

/* Pieces of random strings: escapes, UTF-8 of 1-4 bytes, and what is not UTF-8 (last five). */
static const char *const string_pieces[] = {
    "a",       "Z9 ",      "\"",           "\\",
    "/",       "\x01",     "\x1f",         "\b\f\n\r\t",
    "\x7f",    "\xc3\xa9", "中文",         "\xf0\x9f\x98\x80",
    "\xff",    "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
    "\xe4\xb8"};
#define STRING_PIECES_VALID 12

/* A random string into text: valid UTF-8 unless *invalid was set (then it may not be). */
static void random_string(unsigned *seed, char *text, size_t size, int *invalid)
{
    size_t used = 0;
    int pieces = (int)(rand_r(seed) % 6);
    text[0] = '\0';
    for (int i = 0; i < pieces; i++) {
        int valid_only = rand_r(seed) % 8 != 0;
        size_t pick =
            (size_t)rand_r(seed) %
            (valid_only ? STRING_PIECES_VALID : sizeof string_pieces / sizeof *string_pieces);
        if (pick >= STRING_PIECES_VALID)
            *invalid = 1;
        used += (size_t)snprintf(text + used, size - used, "%s", string_pieces[pick]);
    }
}

/* A random value both as a jansson tree (NULL when jansson refuses a string) and into w. */
static json_t *random_value(unsigned *seed, json_writer *w, int depth, int *invalid)
{
    char text[128];
    int kind = (int)(rand_r(seed) % (depth < 4 ? 7 : 5));
    static const int64_t integers[] = {0, -1, 7, INT64_MAX, INT64_MIN, 123456789012LL};
    switch (kind) {
    case 0:
        json_writer_null(w);
        return json_null();
    case 1: {
        int value = (int)(rand_r(seed) % 2);
        json_writer_boolean(w, value);
        return json_boolean(value);
    }
    case 2: {
        int64_t value = integers[(size_t)rand_r(seed) % (sizeof integers / sizeof *integers)];
        json_writer_integer(w, value);
        return json_integer((json_int_t)value);
    }
    case 3:
    case 4: {
        random_string(seed, text, sizeof text, invalid);
        json_writer_string(w, text);
        return json_string(text);
    }
    case 5: {
        json_t *array = json_array();
        json_writer_array_open(w);
        for (int n = (int)(rand_r(seed) % 4); n > 0; n--) {
            json_t *item = random_value(seed, w, depth + 1, invalid);
            if (item == NULL || json_array_append_new(array, item) != 0)
                *invalid = 1;
        }
        json_writer_array_close(w);
        return array;
    }
    default: {
        json_t *object = json_object();
        json_writer_object_open(w);
        for (int n = (int)(rand_r(seed) % 4); n > 0; n--) {
            char key[128];
            snprintf(key, sizeof key, "k%d", n); /* distinct keys: jansson keeps one of each */
            json_writer_key(w, key);
            json_t *item = random_value(seed, w, depth + 1, invalid);
            if (item == NULL || json_object_set_new(object, key, item) != 0)
                *invalid = 1;
        }
        json_writer_object_close(w);
        return object;
    }
    }
}

/* The writer writes what json_dumps(JSON_COMPACT) writes, or fails where jansson refuses. */
static void test_writer_same_as_jansson(void **state)
{
    (void)state;
    unsigned seed = 1701;
    int refused = 0;
    for (int round = 0; round < 20000; round++) {
        json_writer w;
        json_writer_begin(&w, 1u << 20);
        int invalid = 0;
        json_t *tree = random_value(&seed, &w, 0, &invalid);
        char *text = NULL;
        size_t length = 0;
        int rc = json_writer_finish(&w, &text, &length);
        if (invalid) {
            assert_int_equal(rc, BF_EINVAL);
            refused++;
        } else {
            assert_int_equal(rc, BF_OK);
            char *expected = json_dumps(tree, JSON_COMPACT | JSON_ENCODE_ANY);
            assert_non_null(expected);
            assert_int_equal(length, strlen(text));
            assert_string_equal(text, expected);
            free(expected);
        }
        free(text);
        json_decref(tree);
    }
    assert_true(refused > 100); /* the strings jansson refuses were tried */
}

/* Past its bounds (length, depth, an unclosed container) the writer fails and hands nothing. */
static void test_writer_bounds(void **state)
{
    (void)state;
    json_writer w;
    char *text = NULL;
    size_t length = 0;
    json_writer_begin(&w, 16);
    json_writer_string(&w, "0123456789abcdef");
    assert_int_equal(json_writer_finish(&w, &text, &length), BF_ETOOBIG);
    assert_null(text);
    json_writer_begin(&w, 1024);
    for (int d = 0; d <= JSON_WRITER_DEPTH_MAX; d++)
        json_writer_array_open(&w);
    assert_int_equal(json_writer_finish(&w, &text, &length), BF_ETOOBIG);
    json_writer_begin(&w, 1024);
    json_writer_object_open(&w);
    json_writer_key(&w, "a");
    assert_int_equal(json_writer_finish(&w, &text, &length), BF_EINVAL);
    json_writer_begin(&w, 1024);
    json_writer_object_open(&w);
    json_writer_object_close(&w);
    assert_int_equal(json_writer_finish(&w, &text, &length), BF_OK);
    assert_string_equal(text, "{}");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_jansson),
        cmocka_unit_test(test_bounds_refused),
        cmocka_unit_test(test_writer_same_as_jansson),
        cmocka_unit_test(test_writer_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
