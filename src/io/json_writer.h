/*
 * json_writer.h - JSON text written straight into a growing buffer, for
 * answers served many times a second (a person's view on the web server):
 * no jansson tree is built and dumped (one allocation per value, and
 * json_dumps's loop check formats and hashes every container's address).
 *
 * The text is byte for byte what json_dumps(tree, JSON_COMPACT) writes for
 * the same values in the same order: no spaces, strings UTF-8 as they are
 * with '"', '\\' and control characters escaped as jansson escapes them
 * (\b \f \n \r \t, else \u00XX in upper case), integers in decimal.  A
 * string that is not valid UTF-8 (which jansson would refuse to hold) fails
 * the writer with BF_EINVAL rather than writing text jansson could not read.
 *
 * The caller writes the framing: json_writer_key() before each member's
 * value, the commas are the writer's.  Errors are sticky: after the first,
 * every call does nothing and json_writer_finish() reports it.
 *
 * Ownership: the writer is a value the caller owns, zeroed then begun with
 * json_writer_begin(); json_writer_finish() hands over the text (malloc'd,
 * NUL-terminated), json_writer_free() drops it when the answer is not sent.
 */
#ifndef BANGFU_IO_JSON_WRITER_H
#define BANGFU_IO_JSON_WRITER_H

#include <stddef.h>
#include <stdint.h>

/* Most nesting levels. */
#define JSON_WRITER_DEPTH_MAX 32
/* Bytes of the first buffer: a person's view with its records fits. */
#define JSON_WRITER_START 4096

typedef struct json_writer {
    char *text;
    size_t length;
    size_t capacity;
    size_t max;    /* longest text; more fails with BF_ETOOBIG */
    int error;     /* BF_OK, or the first failure */
    int depth;     /* open objects and arrays */
    int after_key; /* a key was written: its value takes no comma */
    unsigned char has_items[JSON_WRITER_DEPTH_MAX]; /* per level: something written already */
} json_writer;

/* Starts an empty text of at most max bytes. */
void json_writer_begin(json_writer *w, size_t max);
void json_writer_object_open(json_writer *w);
void json_writer_object_close(json_writer *w);
void json_writer_array_open(json_writer *w);
void json_writer_array_close(json_writer *w);
/* The key of the next member of the open object. */
void json_writer_key(json_writer *w, const char *key);
/* text as a string, NULL as null. */
void json_writer_string(json_writer *w, const char *text);
/* text as a string, NULL or "" as null. */
void json_writer_text_or_null(json_writer *w, const char *text);
void json_writer_integer(json_writer *w, int64_t value);
void json_writer_boolean(json_writer *w, int value);
void json_writer_null(json_writer *w);
/* 1 when the text is valid UTF-8 as jansson checks it (no NUL, no surrogates, shortest form). */
int json_writer_utf8_valid(const char *text, size_t length);
/*
 * BF_OK and the text into *text (*length bytes, the caller frees it), or the first error
 * (nothing handed over, the buffer freed).
 */
int json_writer_finish(json_writer *w, char **text, size_t *length);
void json_writer_free(json_writer *w);

#endif
