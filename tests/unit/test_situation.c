/*
 * test_situation.c - the calc situation read as a stream: errors named by
 * person and field deep in a large file, a document far longer than the
 * longest value held, a pipe, and malformed JSON reported exactly as jansson
 * reports it for the whole document (randomized, against json_loadb).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "json_mutation.h"

#include "core/error.h"
#include "io/json_stream.h"
#include "policy/situation.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The value bound of the file streams below: a person fits, the document does not. */
#define TEST_VALUE_MAX 2048

static const char *const period_text = "\"period\": {\"from\": \"2020-01\", \"to\": \"2020-12\"}";
static const char *const orgs_text =
    "\"orgs\": [{\"id\": \"o1\", \"kind\": \"enterprise\", \"region\": \"370811\"},\n"
    "  {\"id\": \"中介\", \"kind\": \"agency\", \"region\": \"370811\", \"staff\": 12}]";

/*
 * A situation of count people, person bad with an invalid hukou region (none
 * when bad >= count); the orgs come after the people unless orgs_first.
 */
static char *people_document(size_t count, size_t bad, int orgs_first)
{
    size_t capacity = 512 + count * 260, length = 0;
    char *text = malloc(capacity);
    assert_non_null(text);
    length += (size_t)snprintf(text + length, capacity - length, "{%s,\n%s%s\"people\": [\n",
                               period_text, orgs_first ? orgs_text : "", orgs_first ? ",\n" : "");
    for (size_t i = 0; i < count; i++)
        length += (size_t)snprintf(
            text + length, capacity - length,
            "{\"id\": \"p%zu\", \"hukou_region\": \"%s\", \"categories\": [\"建档立卡贫困人口\"], "
            "\"jobs\": [{\"id\": \"j%zu\", \"employer\": \"o1\", \"agency\": \"中介\", \"region\": "
            "\"370811\", \"kind\": \"enterprise\", \"start\": \"2020-01-01\"}]}%s\n",
            i, i == bad ? "50010" : "500101", i, i + 1 < count ? "," : "");
    snprintf(text + length, capacity - length, "]%s%s}\n", orgs_first ? "" : ",\n",
             orgs_first ? "" : orgs_text);
    return text;
}

/* text as a file stream holding at most value_max bytes at once (0: the default). */
static int parse_as_file(const char *text, size_t value_max, situation **out, bf_error *err)
{
    FILE *file = tmpfile();
    assert_non_null(file);
    assert_int_equal(fwrite(text, 1, strlen(text), file), strlen(text));
    rewind(file);
    json_stream *stream = NULL;
    int rc = json_stream_open_file(file, "test.json", value_max, &stream, err);
    if (rc == BF_OK)
        rc = situation_parse_stream(stream, out, err);
    json_stream_close(stream);
    fclose(file);
    return rc;
}

static void test_error_in_person_70000(void **state)
{
    (void)state;
    for (int orgs_first = 0; orgs_first <= 1; orgs_first++) {
        char *text = people_document(70001, 70000, orgs_first);
        bf_error err;
        situation *s = NULL;
        assert_int_equal(situation_parse_text(text, strlen(text), &s, &err), BF_EINVAL);
        assert_null(s);
        assert_string_equal(err.message,
                            "people[70000].hukou_region: invalid region code \"50010\"");
        assert_int_equal(parse_as_file(text, TEST_VALUE_MAX, &s, &err), BF_EINVAL);
        assert_string_equal(err.message,
                            "people[70000].hukou_region: invalid region code \"50010\"");
        free(text);
    }
}

static void test_document_longer_than_value_bound(void **state)
{
    (void)state;
    for (int orgs_first = 0; orgs_first <= 1; orgs_first++) {
        char *text = people_document(20000, SIZE_MAX, orgs_first);
        assert_true(strlen(text) > 1000 * TEST_VALUE_MAX);
        bf_error err;
        situation *s = NULL;
        int rc = parse_as_file(text, TEST_VALUE_MAX, &s, &err);
        if (rc != BF_OK)
            fail_msg("%s", err.message);
        assert_int_equal(s->pop->people.count, 20000);
        assert_int_equal(s->pop->jobs.count, 20000);
        assert_string_equal(s->pop->people.id[19999], "p19999");
        assert_string_equal(s->pop->orgs.id[s->pop->jobs.employer[19999]], "o1");
        assert_string_equal(s->pop->orgs.id[s->pop->jobs.agency[19999]], "中介");
        situation_free(s);
        free(text);
    }
    /* one person longer than the bound: refused, naming where it starts */
    char *text = people_document(3, SIZE_MAX, 1);
    size_t length = strlen(text);
    char *padded = malloc(length + TEST_VALUE_MAX + 1);
    assert_non_null(padded);
    char *second = strstr(text, "{\"id\": \"p1\"");
    assert_non_null(second);
    size_t head = (size_t)(second - text) + 1;
    memcpy(padded, text, head);
    memset(padded + head, ' ', TEST_VALUE_MAX);
    memcpy(padded + head + TEST_VALUE_MAX, text + head, length - head + 1);
    bf_error err;
    situation *s = NULL;
    assert_int_equal(parse_as_file(padded, TEST_VALUE_MAX, &s, &err), BF_ETOOBIG);
    assert_non_null(strstr(err.message, "line 6"));
    assert_non_null(strstr(err.message, "2048 bytes"));
    /* the same whitespace between people is no value: it streams */
    memcpy(padded, text, head - 1);
    memset(padded + head - 1, '\n', TEST_VALUE_MAX);
    memcpy(padded + head - 1 + TEST_VALUE_MAX, text + head - 1, length - head + 2);
    assert_int_equal(parse_as_file(padded, TEST_VALUE_MAX, &s, &err), BF_OK);
    assert_int_equal(s->pop->people.count, 3);
    situation_free(s);
    free(padded);
    free(text);
}

/* A pipe cannot seek: it is spooled, so people before the orgs still resolve. */
static void test_pipe(void **state)
{
    (void)state;
    char *text = people_document(50, SIZE_MAX, 0);
    int ends[2];
    assert_int_equal(pipe(ends), 0);
    assert_true(strlen(text) < 65536); /* fits in the pipe, written before reading */
    assert_int_equal(write(ends[1], text, strlen(text)), (ssize_t)strlen(text));
    close(ends[1]);
    FILE *file = fdopen(ends[0], "rb");
    assert_non_null(file);
    bf_error err;
    json_stream *stream = NULL;
    situation *s = NULL;
    assert_int_equal(json_stream_open_file(file, "-", 0, &stream, &err), BF_OK);
    assert_int_equal(situation_parse_stream(stream, &s, &err), BF_OK);
    assert_int_equal(s->pop->people.count, 50);
    assert_int_equal(s->pop->jobs.employer[49], 0);
    situation_free(s);
    json_stream_close(stream);
    fclose(file);
    free(text);
}

/* What a mutation inserts: JSON's own characters, bad UTF-8, big numbers, keys. */
static const char *const insertions[] = {"{",
                                         "}",
                                         "[",
                                         "]",
                                         ":",
                                         ",",
                                         "\"",
                                         "\\",
                                         "a",
                                         "1",
                                         "-",
                                         "\n",
                                         "\xff",
                                         "\xe4\xb8\xad",
                                         " ",
                                         "\"people\": [],",
                                         "\"orgs\": [],",
                                         "\"period\": 1,",
                                         "0e999",
                                         "99999999999999999999",
                                         "\\u0000",
                                         "\\ud800",
                                         "\t",
                                         "true",
                                         "nul",
                                         "\"x\"",
                                         "\x01",
                                         "[[",
                                         "]]"};

static void test_syntax_errors_as_whole_document(void **state)
{
    (void)state;
    unsigned seed = 20261201;
    char expected[BF_ERROR_MESSAGE_MAX];
    for (int round = 0; round < 3000; round++) {
        char *base = people_document(6, SIZE_MAX, round % 2);
        size_t length = strlen(base);
        char *text = malloc(length + 200);
        assert_non_null(text);
        memcpy(text, base, length + 1);
        int edits = 1 + (round % 5 == 0);
        for (int e = 0; e < edits; e++)
            length = json_mutate(text, length, &seed, insertions,
                                 sizeof insertions / sizeof *insertions);
        json_error_t jerr;
        json_t *whole = json_loadb(text, length, JSON_REJECT_DUPLICATES, &jerr);
        bf_error from_memory, from_file;
        situation *s = NULL;
        int rc_memory = situation_parse_text(text, length, &s, &from_memory);
        situation_free(s);
        s = NULL;
        int rc_file = BF_OK;
        if (strlen(text) == length) { /* no NUL byte: the file gets the same text */
            rc_file = parse_as_file(text, TEST_VALUE_MAX, &s, &from_file);
            situation_free(s);
            s = NULL;
            assert_int_equal(rc_file, rc_memory);
            if (rc_file != BF_OK && strcmp(from_file.message, from_memory.message) != 0)
                fail_msg("round %d: file '%s', memory '%s'", round, from_file.message,
                         from_memory.message);
        }
        if (whole == NULL && edits == 1) {
            snprintf(expected, sizeof expected, "$: malformed JSON (line %d, column %d): %s",
                     jerr.line, jerr.column, jerr.text);
            assert_int_equal(rc_memory, BF_EINVAL);
            if (strcmp(from_memory.message, expected) != 0)
                fail_msg("round %d: expected '%s', got '%s' for:\n%s", round, expected,
                         from_memory.message, text);
        } else if (whole != NULL && rc_memory != BF_OK) {
            assert_null(strstr(from_memory.message, "malformed"));
        }
        json_decref(whole);
        free(text);
        free(base);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_in_person_70000),
        cmocka_unit_test(test_document_longer_than_value_bound),
        cmocka_unit_test(test_pipe),
        cmocka_unit_test(test_syntax_errors_as_whole_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
