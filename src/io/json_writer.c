/* json_writer.c - JSON text as json_dumps(JSON_COMPACT) writes it, without a tree (json_writer.h).
 */
#include "io/json_writer.h"

#include "core/error.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void json_writer_begin(json_writer *w, size_t max)
{
    memset(w, 0, sizeof *w);
    w->max = max;
}

static void json_writer_fail(json_writer *w, int error)
{
    if (w->error == BF_OK)
        w->error = error;
}

/* Room for size more bytes and a NUL: 1, or 0 after failing the writer. */
static int json_writer_room(json_writer *w, size_t size)
{
    if (w->error != BF_OK)
        return 0;
    if (size > w->max || w->length > w->max - size) {
        json_writer_fail(w, BF_ETOOBIG);
        return 0;
    }
    if (w->length + size + 1 <= w->capacity)
        return 1;
    size_t capacity = w->capacity != 0 ? w->capacity : JSON_WRITER_START;
    while (capacity < w->length + size + 1)
        capacity *= 2;
    char *grown = realloc(w->text, capacity);
    if (grown == NULL) {
        json_writer_fail(w, BF_ENOMEM);
        return 0;
    }
    w->text = grown;
    w->capacity = capacity;
    return 1;
}

static void json_writer_put(json_writer *w, const char *bytes, size_t size)
{
    if (!json_writer_room(w, size))
        return;
    memcpy(w->text + w->length, bytes, size);
    w->length += size;
    w->text[w->length] = '\0';
}

/* The comma before a value or a key that is not the first of its container. */
static void json_writer_separate(json_writer *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth > 0) {
        if (w->has_items[w->depth - 1])
            json_writer_put(w, ",", 1);
        w->has_items[w->depth - 1] = 1;
    }
}

static void json_writer_open(json_writer *w, char bracket)
{
    json_writer_separate(w);
    if (w->depth >= JSON_WRITER_DEPTH_MAX) {
        json_writer_fail(w, BF_ETOOBIG);
        return;
    }
    json_writer_put(w, &bracket, 1);
    w->has_items[w->depth++] = 0;
}

static void json_writer_close(json_writer *w, char bracket)
{
    if (w->depth == 0) {
        json_writer_fail(w, BF_EINVAL);
        return;
    }
    w->depth--;
    json_writer_put(w, &bracket, 1);
}

void json_writer_object_open(json_writer *w)
{
    json_writer_open(w, '{');
}

void json_writer_object_close(json_writer *w)
{
    json_writer_close(w, '}');
}

void json_writer_array_open(json_writer *w)
{
    json_writer_open(w, '[');
}

void json_writer_array_close(json_writer *w)
{
    json_writer_close(w, ']');
}

int json_writer_utf8_valid(const char *text, size_t length)
{
    const unsigned char *s = (const unsigned char *)text, *end = s + length;
    while (s < end) {
        unsigned c = *s;
        size_t count;
        uint32_t value;
        if (c == 0)
            return 0;
        if (c < 0x80) {
            s++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            count = 2;
            value = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            count = 3;
            value = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            count = 4;
            value = c & 0x07;
        } else {
            return 0;
        }
        if ((size_t)(end - s) < count)
            return 0;
        for (size_t i = 1; i < count; i++) {
            if ((s[i] & 0xC0) != 0x80)
                return 0;
            value = (value << 6) | (s[i] & 0x3F);
        }
        if ((count == 3 && value < 0x800) || (count == 4 && value < 0x10000) || value > 0x10FFFF ||
            (value >= 0xD800 && value <= 0xDFFF))
            return 0;
        s += count;
    }
    return 1;
}

/* text quoted, escaped as jansson's dump_string() escapes it without flags. */
static void json_writer_quoted(json_writer *w, const char *text)
{
    size_t length = strlen(text);
    if (!json_writer_utf8_valid(text, length)) {
        json_writer_fail(w, BF_EINVAL);
        return;
    }
    json_writer_put(w, "\"", 1);
    const char *run = text;
    for (const char *p = text; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        json_writer_put(w, run, (size_t)(p - run));
        run = p + 1;
        char escape[8];
        const char *named = c == '"'    ? "\\\""
                            : c == '\\' ? "\\\\"
                            : c == '\b' ? "\\b"
                            : c == '\f' ? "\\f"
                            : c == '\n' ? "\\n"
                            : c == '\r' ? "\\r"
                            : c == '\t' ? "\\t"
                                        : NULL;
        if (named == NULL) {
            snprintf(escape, sizeof escape, "\\u%04X", (unsigned)c);
            named = escape;
        }
        json_writer_put(w, named, strlen(named));
    }
    json_writer_put(w, run, (size_t)(text + length - run));
    json_writer_put(w, "\"", 1);
}

void json_writer_key(json_writer *w, const char *key)
{
    json_writer_separate(w);
    json_writer_quoted(w, key);
    json_writer_put(w, ":", 1);
    w->after_key = 1;
}

void json_writer_string(json_writer *w, const char *text)
{
    if (text == NULL) {
        json_writer_null(w);
        return;
    }
    json_writer_separate(w);
    json_writer_quoted(w, text);
}

void json_writer_text_or_null(json_writer *w, const char *text)
{
    json_writer_string(w, text != NULL && text[0] != '\0' ? text : NULL);
}

void json_writer_integer(json_writer *w, int64_t value)
{
    char digits[32];
    int length = snprintf(digits, sizeof digits, "%" PRId64, value);
    json_writer_separate(w);
    json_writer_put(w, digits, (size_t)length);
}

void json_writer_boolean(json_writer *w, int value)
{
    json_writer_separate(w);
    json_writer_put(w, value ? "true" : "false", value ? 4 : 5);
}

void json_writer_null(json_writer *w)
{
    json_writer_separate(w);
    json_writer_put(w, "null", 4);
}

int json_writer_finish(json_writer *w, char **text, size_t *length)
{
    *text = NULL;
    *length = 0;
    if (w->error == BF_OK && (w->depth != 0 || w->after_key))
        w->error = BF_EINVAL;
    if (w->error == BF_OK && w->text == NULL)
        json_writer_room(w, 0);
    int rc = w->error;
    if (rc != BF_OK) {
        json_writer_free(w);
        return rc;
    }
    *text = w->text;
    *length = w->length;
    w->text = NULL;
    w->capacity = w->length = 0;
    return BF_OK;
}

void json_writer_free(json_writer *w)
{
    free(w->text);
    w->text = NULL;
    w->capacity = w->length = 0;
}
