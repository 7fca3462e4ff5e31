/*
 * json_stream.h - a JSON document read one value at a time, so that a file
 * of a million records is never held whole as a jansson tree (about ten
 * times its size).  The caller walks the framing it expects (the braces,
 * brackets, colons and commas, with json_stream_peek/_skip) and has each
 * value it wants parsed where it stands (json_stream_value) into an arena
 * it resets before the next (json_node.h: a parser that accepts what jansson
 * accepts, several times faster than building jansson's trees).
 *
 * Errors read as jansson's for the whole document ("'}' expected near 'x'",
 * with the line and column in the whole document): a value json_node refuses
 * is parsed again by jansson in place, and a misplaced token is handed to
 * jansson after a short prefix that puts its parser in the caller's state
 * (json_stream_syntax_error).  The one
 * difference: a value that runs deeper than jansson's 2048 levels counting
 * its enclosing brackets is parsed from its own depth.
 *
 * A file stream reads JSON_STREAM_BLOCK bytes at a time and holds one value
 * at most JSON_STREAM_VALUE_MAX bytes long (less when the caller says so); the
 * document itself may be of any length.  It can go back to a mark
 * (json_stream_seek); a pipe is copied to a temporary file first for that.
 *
 * Ownership: json_stream_open_*() return a stream freed by
 * json_stream_close().  A memory stream reads the caller's text and a file
 * stream the caller's FILE; both must outlive the stream, which closes
 * neither.  Values live in the caller's arena.
 */
#ifndef BANGFU_IO_JSON_STREAM_H
#define BANGFU_IO_JSON_STREAM_H

#include "core/error.h"
#include "io/json_node.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

/* Longest single value held at once (one record, or any other top-level value), in bytes. */
#define JSON_STREAM_VALUE_MAX (256u * 1024u * 1024u)
/* Bytes read from a file at a time. */
#define JSON_STREAM_BLOCK (1u << 20)
/* What json_stream_peek() returns at the end of the input. */
#define JSON_STREAM_END 256

typedef struct json_stream json_stream;

/* A place in the input to come back to. */
typedef struct json_stream_mark {
    uint64_t offset; /* bytes from the start of the input */
    int line;        /* 1-based, as jansson counts */
    int column;      /* characters before it on its line */
} json_stream_mark;

int json_stream_open_memory(const char *text, size_t length, json_stream **out, bf_error *err);
/*
 * name is used in messages about reading ("cannot read 'x.json'").  value_max
 * is the longest value held, 0 for JSON_STREAM_VALUE_MAX (the buffer starts at
 * JSON_STREAM_BLOCK bytes, or value_max when smaller).
 */
int json_stream_open_file(FILE *file, const char *name, size_t value_max, json_stream **out,
                          bf_error *err);
void json_stream_close(json_stream *stream);

/*
 * Skips whitespace and returns the next byte (0..255) without consuming it,
 * JSON_STREAM_END at the end of the input, or a negative BF_E* code.
 */
int json_stream_peek(json_stream *stream, bf_error *err);
/* Consumes the byte json_stream_peek() returned. */
void json_stream_skip(json_stream *stream);

/*
 * Parses the value that comes next (any JSON value, duplicate keys refused)
 * into *value, its nodes in arena (json_node.h).  A malformed value is
 * BF_EPARSE with jansson's message placed in the whole document.
 */
int json_stream_value(json_stream *stream, json_node_arena *arena, json_node **value,
                      bf_error *err);

/*
 * Reports the token that comes next as misplaced: jansson parses prefix (the
 * document so far as its parser needs it, e.g. "[0" after an array element)
 * followed by the input from here, and its message and place become err's
 * (BF_EPARSE).  prefix must hold no newline.
 */
int json_stream_syntax_error(json_stream *stream, const char *prefix, bf_error *err);

/* The place of the next byte, after whitespace (call json_stream_peek() first). */
json_stream_mark json_stream_tell(json_stream *stream);
/* Goes back (or forward) to a mark taken from this stream. */
int json_stream_seek(json_stream *stream, const json_stream_mark *mark, bf_error *err);

#endif
