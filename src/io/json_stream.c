/* json_stream.c - a JSON document read one value at a time, jansson parsing each in place. */
#include "io/json_stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* Bytes a value parse first asks to have in the buffer; more when the value is longer. */
#define JSON_STREAM_LOOKAHEAD (64u * 1024u)
/* Bytes after the value's end that jansson may read to finish a token (one UTF-8 character). */
#define JSON_STREAM_TOKEN_SLACK 4
/* Longest prefix json_stream_syntax_error() takes. */
#define JSON_STREAM_PREFIX_MAX 1024

struct json_stream {
    FILE *file;       /* NULL for a memory stream */
    FILE *spool;      /* owned: the copy of a pipe, read instead of it */
    const char *name; /* for messages about reading */
    char *owned;      /* the buffer of a file stream */
    const char *data; /* the bytes: owned, or the caller's text */
    size_t capacity;  /* of owned */
    size_t value_max; /* longest value held */
    size_t pos;       /* next byte to read, index into data */
    size_t end;       /* bytes of data held */
    uint64_t base;    /* input offset of data[0] */
    int64_t origin;   /* file offset of the input's start */
    int eof;          /* nothing after end */
    size_t counted;   /* data index up to which line and column are counted */
    int line, column; /* at counted, as jansson counts them */
};

int json_stream_open_memory(const char *text, size_t length, json_stream **out, bf_error *err)
{
    json_stream *s = calloc(1, sizeof *s);
    if (s == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    s->data = text;
    s->end = length;
    s->eof = 1;
    s->line = 1;
    *out = s;
    return BF_OK;
}

/* Copies what is left of file into a temporary file, so that the stream can seek. */
static int spool(json_stream *s, FILE *file, bf_error *err)
{
    s->spool = tmpfile();
    if (s->spool == NULL)
        return bf_error_set(
            err, BF_EIO,
            BF_TR("无法为“%s”建立临时文件：%s", "cannot make a temporary file for '%s': %s"),
            s->name, strerror(errno));
    size_t got;
    while ((got = fread(s->owned, 1, s->capacity, file)) > 0)
        if (fwrite(s->owned, 1, got, s->spool) != got)
            return bf_error_set(err, BF_EIO,
                                BF_TR("写临时文件失败：%s", "cannot write a temporary file: %s"),
                                strerror(errno));
    if (ferror(file))
        return bf_error_set(err, BF_EIO, BF_TR("读取“%s”失败", "cannot read '%s'"), s->name);
    if (fflush(s->spool) != 0 || fseeko(s->spool, 0, SEEK_SET) != 0)
        return bf_error_set(err, BF_EIO,
                            BF_TR("写临时文件失败：%s", "cannot write a temporary file: %s"),
                            strerror(errno));
    s->file = s->spool;
    return BF_OK;
}

int json_stream_open_file(FILE *file, const char *name, size_t value_max, json_stream **out,
                          bf_error *err)
{
    int rc = BF_OK;
    json_stream *s = calloc(1, sizeof *s);
    if (s == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    s->file = file;
    s->name = name;
    s->line = 1;
    s->value_max = value_max > 0 ? value_max : JSON_STREAM_VALUE_MAX;
    s->capacity = s->value_max < JSON_STREAM_BLOCK ? s->value_max : JSON_STREAM_BLOCK;
    s->owned = malloc(s->capacity);
    if (s->owned == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    s->data = s->owned;
    off_t at = ftello(file);
    if (at < 0 || fseeko(file, at, SEEK_SET) != 0) {
        rc = spool(s, file, err);
        at = 0;
    }
    s->origin = at;
out:
    if (rc != BF_OK) {
        json_stream_close(s);
        return rc;
    }
    *out = s;
    return BF_OK;
}

void json_stream_close(json_stream *stream)
{
    if (stream == NULL)
        return;
    if (stream->spool != NULL)
        fclose(stream->spool);
    free(stream->owned);
    free(stream);
}

/* 1 for a byte jansson counts as a column: ASCII or the lead byte of a UTF-8 sequence. */
static int counts_as_column(unsigned char byte)
{
    return byte < 0x80 || (byte >= 0xC2 && byte <= 0xF4);
}

/* Brings line and column up to pos. */
static void count_lines(json_stream *s)
{
    const char *p = s->data + s->counted, *end = s->data + s->pos;
    const char *newline;
    while ((newline = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        s->line++;
        s->column = 0;
        p = newline + 1;
    }
    for (; p < end; p++)
        s->column += counts_as_column((unsigned char)*p);
    s->counted = s->pos;
}

/* Reads until need bytes follow pos or the input ends; the buffer grows up to the value maximum. */
static int fill(json_stream *s, size_t need, bf_error *err)
{
    while (!s->eof && s->end - s->pos < need) {
        if (s->pos > 0) {
            count_lines(s);
            memmove(s->owned, s->owned + s->pos, s->end - s->pos);
            s->base += s->pos;
            s->end -= s->pos;
            s->pos = 0;
            s->counted = 0;
        }
        if (s->end == s->capacity) {
            size_t most = s->value_max + JSON_STREAM_TOKEN_SLACK;
            if (s->capacity >= most) {
                count_lines(s);
                return bf_error_set(err, BF_ETOOBIG,
                                    BF_TR("“%s”第 %d 行起的一个值超过 %zu 字节",
                                          "'%s': the value at line %d is longer than %zu bytes"),
                                    s->name, s->line, s->value_max);
            }
            size_t grown_capacity = s->capacity * 2 < most ? s->capacity * 2 : most;
            char *grown = realloc(s->owned, grown_capacity);
            if (grown == NULL)
                return bf_error_set(err, BF_ENOMEM, NULL);
            s->owned = grown;
            s->data = grown;
            s->capacity = grown_capacity;
        }
        size_t got = fread(s->owned + s->end, 1, s->capacity - s->end, s->file);
        s->end += got;
        if (got == 0) {
            if (ferror(s->file))
                return bf_error_set(err, BF_EIO, BF_TR("读取“%s”失败", "cannot read '%s'"),
                                    s->name);
            s->eof = 1;
        }
    }
    return BF_OK;
}

/* Bytes to have in the buffer before parsing: a value usually fits in them. */
static size_t lookahead(const json_stream *s)
{
    return s->value_max > 0 && s->value_max < JSON_STREAM_LOOKAHEAD ? s->value_max
                                                                    : JSON_STREAM_LOOKAHEAD;
}

int json_stream_peek(json_stream *stream, bf_error *err)
{
    for (;;) {
        while (stream->pos < stream->end) {
            char c = stream->data[stream->pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return (unsigned char)c;
            stream->pos++;
        }
        if (stream->eof)
            return JSON_STREAM_END;
        int rc = fill(stream, 1, err);
        if (rc != BF_OK)
            return rc;
    }
}

void json_stream_skip(json_stream *stream)
{
    if (stream->pos < stream->end)
        stream->pos++;
}

/* Number of columns jansson counts in text. */
static int text_columns(const char *text)
{
    int columns = 0;
    for (; *text != '\0'; text++)
        columns += counts_as_column((unsigned char)*text);
    return columns;
}

/*
 * Records jansson's error (jerr, from a parse that began at pos after prefix_columns
 * columns of prefix) at its place in the whole document.
 */
static int parse_error(json_stream *s, const json_error_t *jerr, int prefix_columns, bf_error *err)
{
    count_lines(s);
    int line = s->line, column = s->column;
    if (jerr->line > 1) {
        line += jerr->line - 1;
        column = jerr->column;
    } else if (jerr->line == 1) {
        column += jerr->column - prefix_columns;
    }
    return bf_error_set(
        err, BF_EPARSE,
        BF_TR("JSON 格式错误（第 %d 行第 %d 列）：%s", "malformed JSON (line %d, column %d): %s"),
        line, column, jerr->text);
}

/* The value at pos that json_node refused, as jansson parses it: its tree copied, or its error. */
static int jansson_value(json_stream *s, json_node_arena *arena, json_node **value, bf_error *err)
{
    size_t need = lookahead(s);
    json_error_t jerr;
    json_t *parsed;
    for (;;) {
        int rc = fill(s, need, err);
        if (rc != BF_OK)
            return rc;
        size_t available = s->end - s->pos;
        parsed =
            json_loadb(s->data + s->pos, available,
                       JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, &jerr);
        /* jansson reached the end of what is held while more follows: the value was cut. */
        if (s->eof || (size_t)jerr.position + JSON_STREAM_TOKEN_SLACK < available)
            break;
        json_decref(parsed);
        need = available * 2;
    }
    if (parsed == NULL)
        return parse_error(s, &jerr, 0, err);
    *value = json_node_from_jansson(arena, parsed);
    json_decref(parsed);
    if (*value == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    s->pos += (size_t)jerr.position;
    return BF_OK;
}

int json_stream_value(json_stream *stream, json_node_arena *arena, json_node **value, bf_error *err)
{
    *value = NULL;
    int rc = json_stream_peek(stream, err);
    if (rc < 0)
        return rc;
    size_t need = lookahead(stream);
    for (;;) {
        rc = fill(stream, need, err);
        if (rc != BF_OK)
            return rc;
        size_t available = stream->end - stream->pos, consumed = 0;
        switch (json_node_parse(arena, stream->data + stream->pos, available, stream->eof, value,
                                &consumed)) {
        case JSON_NODE_PARSED:
            stream->pos += consumed;
            return BF_OK;
        case JSON_NODE_REFUSED:
            return jansson_value(stream, arena, value, err);
        case JSON_NODE_NO_MEMORY:
            return bf_error_set(err, BF_ENOMEM, NULL);
        case JSON_NODE_MORE:
            need = available * 2;
            break;
        }
    }
}

int json_stream_syntax_error(json_stream *stream, const char *prefix, bf_error *err)
{
    int rc = json_stream_peek(stream, err);
    if (rc < 0)
        return rc;
    rc = fill(stream, lookahead(stream), err);
    if (rc != BF_OK)
        return rc;
    size_t prefix_length = strnlen(prefix, JSON_STREAM_PREFIX_MAX);
    size_t rest = stream->end - stream->pos;
    if (rest > JSON_STREAM_LOOKAHEAD)
        rest = JSON_STREAM_LOOKAHEAD;
    char *text = malloc(prefix_length + rest);
    if (text == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    memcpy(text, prefix, prefix_length);
    memcpy(text + prefix_length, stream->data + stream->pos, rest);
    json_error_t jerr;
    json_t *parsed = json_loadb(text, prefix_length + rest, JSON_REJECT_DUPLICATES, &jerr);
    free(text);
    if (parsed != NULL) {
        /* Not expected: the caller saw a token its grammar does not allow here. */
        json_decref(parsed);
        snprintf(jerr.text, sizeof jerr.text, "unexpected text");
        jerr.line = 0;
    }
    return parse_error(stream, &jerr, text_columns(prefix), err);
}

json_stream_mark json_stream_tell(json_stream *stream)
{
    count_lines(stream);
    json_stream_mark mark = {stream->base + stream->pos, stream->line, stream->column};
    return mark;
}

int json_stream_seek(json_stream *stream, const json_stream_mark *mark, bf_error *err)
{
    if (stream->file == NULL) {
        stream->pos = (size_t)mark->offset;
    } else if (mark->offset >= stream->base && mark->offset <= stream->base + stream->end) {
        stream->pos = (size_t)(mark->offset - stream->base);
    } else {
        if (fseeko(stream->file, (off_t)(stream->origin + (int64_t)mark->offset), SEEK_SET) != 0)
            return bf_error_set(err, BF_EIO, BF_TR("读取“%s”失败", "cannot read '%s'"),
                                stream->name);
        stream->base = mark->offset;
        stream->pos = 0;
        stream->end = 0;
        stream->eof = 0;
    }
    stream->counted = stream->pos;
    stream->line = mark->line;
    stream->column = mark->column;
    return BF_OK;
}
