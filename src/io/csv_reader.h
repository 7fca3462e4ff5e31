/*
 * csv_reader.h - RFC 4180 records from UTF-8 text, in memory or streamed.
 *
 * After the CsvReader of SQLite's ext/misc/csv.c, made to stream and to
 * copy runs of bytes rather than single characters:
 *  - fields separated by commas (or the separator set: tab, semicolon),
 *    records by CRLF, LF or a lone CR;
 *  - a field starting with a double quote runs to the matching quote; inside
 *    it "" is one quote and commas and line breaks are data; text after the
 *    closing quote up to the next separator is appended as is (Excel does so);
 *  - a quote inside an unquoted field is data;
 *  - each record carries the line on which it starts (1-based);
 *  - a field longer than TABLE_CELL_MAX bytes is cut there (at a character
 *    boundary) and the rest skipped; the non-empty fields of a record beyond
 *    TABLE_COLUMNS_MAX are skipped; either is said in the record's overflow,
 *    and the next record is read as usual;
 *  - a quote still open at the end of the input and a NUL byte (UTF-16 or
 *    binary input) are errors naming the line.
 * Cells are not trimmed and empty records are returned (one empty cell):
 * table_reader does both.
 *
 * Ownership: csv_reader_open*() return a reader freed by csv_reader_close().
 * The input of csv_reader_open_memory() must outlive the reader.  A record's
 * cells point into the reader, may be modified in place by the caller (within
 * their length), and are valid until the next call of csv_reader_next().
 */
#ifndef BANGFU_IO_CSV_READER_H
#define BANGFU_IO_CSV_READER_H

#include "core/error.h"
#include "io/table_reader.h"

#include <stddef.h>

/* Bytes asked of the fill function at once. */
#define CSV_READER_CHUNK (1 << 20)
/* Longest input name kept for messages, terminator included. */
#define CSV_READER_NAME_MAX 1024

/*
 * Supplies the next bytes of input: copies up to capacity bytes into buffer
 * and sets *length; *length 0 means the end of the input.  Returns BF_OK or an
 * error code with err filled.
 */
typedef int (*csv_reader_fill_function)(void *context, char *buffer, size_t capacity,
                                        size_t *length, bf_error *err);

typedef struct csv_reader csv_reader;

/* One record. */
typedef struct csv_record {
    long line;               /* line on which the record starts, 1-based */
    int count;               /* number of cells, at least 1 */
    char **cells;            /* count NUL-terminated cells (empty ones are "") */
    const size_t *lengths;   /* count cell lengths in bytes */
    table_overflow overflow; /* what was cut from the record, kind NONE when nothing */
} csv_record;

/*
 * Creates a reader pulling its input from fill(context, ...).  name (a file
 * name) is used in error messages.
 */
int csv_reader_open(csv_reader_fill_function fill, void *context, const char *name,
                    csv_reader **out, bf_error *err);

/* Creates a reader over length bytes at data (not copied). */
int csv_reader_open_memory(const char *data, size_t length, const char *name, csv_reader **out,
                           bf_error *err);

/* Sets the field separator (',' by default; '\t', ';'), before the first record is read. */
void csv_reader_set_separator(csv_reader *reader, char separator);

/*
 * Reads the next record into *record.  Returns BF_ROW, BF_DONE at the end of
 * the input, or BF_EPARSE (with the file and line) / the fill function's
 * error.  After an error the reader only returns that error again.
 */
int csv_reader_next(csv_reader *reader, csv_record *record, bf_error *err);

void csv_reader_close(csv_reader *reader);

#endif
