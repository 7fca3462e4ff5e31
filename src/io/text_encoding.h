/*
 * text_encoding.h - the text encoding of an imported file, and its bytes as UTF-8.
 *
 * County officers save lists from Excel or WPS as "CSV UTF-8" (with a byte
 * order mark) or as plain "CSV", which on a Chinese Windows is GB18030 (GBK).
 * Detection: a leading EF BB BF is a UTF-8 BOM; otherwise a file that is
 * entirely valid UTF-8 is UTF-8, and anything else is GB18030 and converted to
 * UTF-8 with iconv while it is read.
 *
 * text_encoding_reader streams a file in chunks of TEXT_ENCODING_CHUNK bytes:
 * opening it reads the file once to decide the encoding (UTF-8 validation runs
 * at several GB/s, and the second pass comes from the page cache), then
 * text_encoding_reader_read() hands out UTF-8 bytes.  GB18030 sequences split
 * across chunks are carried over.  Errors give the byte offset and the line.
 *
 * Ownership: text_encoding_reader_open() returns a reader freed by
 * text_encoding_reader_close(); the path is copied.  Buffers passed to
 * the functions stay the caller's.
 */
#ifndef BANGFU_IO_TEXT_ENCODING_H
#define BANGFU_IO_TEXT_ENCODING_H

#include "core/error.h"

#include <stddef.h>

/* Bytes read from the file at once. */
#define TEXT_ENCODING_CHUNK (1 << 20)
/* Smallest buffer text_encoding_reader_read() accepts (one converted character fits). */
#define TEXT_ENCODING_READ_MIN 16

/* The encodings told apart. */
typedef enum text_encoding_kind {
    TEXT_ENCODING_UTF8,     /* valid UTF-8 without a byte order mark */
    TEXT_ENCODING_UTF8_BOM, /* starts with EF BB BF (skipped), must be valid UTF-8 */
    TEXT_ENCODING_GB18030   /* not valid UTF-8: GB18030, converted to UTF-8 */
} text_encoding_kind;

/* The name of kind: "UTF-8", "UTF-8 BOM" or "GB18030". */
const char *text_encoding_name(text_encoding_kind kind);

/*
 * Returns the length of the longest prefix of buffer[0 .. length) that is
 * valid UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
 * When the rest is only the start of a sequence cut by the end of the buffer,
 * *truncated is set to 1 (else 0), so a streaming caller can carry it over.
 */
size_t text_encoding_utf8_valid_length(const char *buffer, size_t length, int *truncated);

/*
 * Converts length bytes of GB18030 to UTF-8 in a new NUL-terminated string
 * *out (freed by the caller) of *out_length bytes.  name is used in messages.
 * Returns BF_OK, BF_EPARSE naming the byte offset and line of an invalid or
 * truncated sequence, or BF_ENOMEM.
 */
int text_encoding_gb18030_to_utf8(const char *input, size_t length, const char *name, char **out,
                                  size_t *out_length, bf_error *err);

typedef struct text_encoding_reader text_encoding_reader;

/*
 * Opens path, detects its encoding (see above) and positions after any BOM.
 * Returns BF_ENOTFOUND for a missing file, BF_EIO when it cannot be read,
 * BF_EPARSE for a file with a UTF-8 BOM that is not valid UTF-8,
 * BF_EUNSUPPORTED for a UTF-16 file (FF FE or FE FF: Excel's "Unicode Text").
 */
int text_encoding_reader_open(const char *path, text_encoding_reader **out, bf_error *err);

/*
 * Reads up to capacity (>= TEXT_ENCODING_READ_MIN) bytes of UTF-8 into
 * buffer; *length is 0 only at the end of the file.  GB18030 input is
 * converted; a conversion error is BF_EPARSE with the byte offset and line.
 */
int text_encoding_reader_read(text_encoding_reader *reader, char *buffer, size_t capacity,
                              size_t *length, bf_error *err);

/* The encoding detected. */
text_encoding_kind text_encoding_reader_kind(const text_encoding_reader *reader);

/* Fraction of the file's bytes consumed, 0.0 .. 1.0. */
double text_encoding_reader_progress(const text_encoding_reader *reader);

void text_encoding_reader_close(text_encoding_reader *reader);

#endif
