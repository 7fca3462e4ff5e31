/*
 * csv_reader.c - RFC 4180 parsing (see csv_reader.h).
 *
 * The parser works on runs: a table lookup finds the next byte that matters
 * (separator, line break or quote) and the run before it is copied to the
 * cell in one memcpy.  Input comes in chunks; a run that reaches the end of a
 * chunk is copied and the scan goes on in the next chunk, so records may
 * span chunks freely.  Each cell is copied into the record buffer of
 * TABLE_COLUMNS_MAX cells of TABLE_CELL_MAX bytes (plus terminators), which
 * bounds memory whatever the input: what does not fit is parsed as usual but
 * not copied (reader->skipping), and the record's overflow says so.
 */
#include "io/csv_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* csv_peek() at the end of the input (errors are negative). */
#define CSV_END 256
/* Bytes of the record buffer: every cell at its maximum plus its terminator. */
#define CSV_RECORD_BYTES ((size_t)TABLE_COLUMNS_MAX * (TABLE_CELL_MAX + 1))

struct csv_reader {
    csv_reader_fill_function fill;     /* input supplier, NULL for memory input */
    void *context;                     /* argument of fill */
    char name[CSV_READER_NAME_MAX];    /* input name for messages */
    char *chunk;                       /* CSV_READER_CHUNK bytes owned in fill mode, else NULL */
    const char *input;                 /* bytes being parsed: chunk or the caller's data */
    size_t position;                   /* input[position .. length) is not parsed yet */
    size_t length;                     /* bytes valid in input */
    int at_end;                        /* nothing follows input[length] */
    long line;                         /* line number at input[position] */
    char *record;                      /* CSV_RECORD_BYTES of cell text */
    char *cells[TABLE_COLUMNS_MAX];    /* cells of the last record, into record */
    size_t lengths[TABLE_COLUMNS_MAX]; /* their lengths */
    bf_error failure;                  /* the error that stopped the reader, code BF_OK if none */
    table_overflow overflow;           /* what the record being read lost, kind NONE if nothing */
    int field;                         /* 0-based index of the field being read */
    int skipping;                      /* 1: the field's text is not kept (cut, or beyond the
                                          last column) */
    int skipped_text;                  /* 1: some of that text was not empty */
    char separator;                    /* between fields: ',' unless set */
    unsigned char plain_stop[256];     /* bytes that end an unquoted run (see below) */
};

/* Bytes that end a quoted run: the quote, the line feed (to count lines), NUL (refused). */
static const unsigned char csv_quoted_stop[256] = {['"'] = 1, ['\n'] = 1, ['\0'] = 1};

/*
 * A NUL byte never belongs in a text list (it would cut the cell short): it
 * is BF_EPARSE naming the line, with the likely cause.
 */
static int csv_nul_error(csv_reader *reader)
{
    return bf_error_set(&reader->failure, BF_EPARSE,
                        BF_TR("%s 第 %ld 行：含有 NUL 字节，文件可能是 UTF-16 编码或不是文本文件",
                              "%s line %ld: a NUL byte; the file may be UTF-16 or not a text file"),
                        reader->name, reader->line);
}

void csv_reader_set_separator(csv_reader *reader, char separator)
{
    /* Bytes that end an unquoted run: separator, line breaks, and NUL (refused). */
    memset(reader->plain_stop, 0, sizeof reader->plain_stop);
    reader->plain_stop['\r'] = reader->plain_stop['\n'] = reader->plain_stop['\0'] = 1;
    reader->plain_stop[(unsigned char)separator] = 1;
    reader->separator = separator;
}

/* Allocates a reader with its record buffer, without input yet. */
static int csv_reader_create(const char *name, csv_reader **out, bf_error *err)
{
    csv_reader *reader = calloc(1, sizeof *reader);

    *out = NULL;
    if (reader == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    reader->record = malloc(CSV_RECORD_BYTES);
    if (reader->record == NULL) {
        free(reader);
        return bf_error_set(err, BF_ENOMEM, NULL);
    }
    snprintf(reader->name, sizeof reader->name, "%s", name != NULL ? name : "-");
    reader->line = 1;
    bf_error_clear(&reader->failure);
    csv_reader_set_separator(reader, ',');
    *out = reader;
    return BF_OK;
}

int csv_reader_open(csv_reader_fill_function fill, void *context, const char *name,
                    csv_reader **out, bf_error *err)
{
    csv_reader *reader;
    int rc = csv_reader_create(name, &reader, err);

    if (rc < 0)
        return rc;
    reader->chunk = malloc(CSV_READER_CHUNK);
    if (reader->chunk == NULL) {
        csv_reader_close(reader);
        return bf_error_set(err, BF_ENOMEM, NULL);
    }
    reader->fill = fill;
    reader->context = context;
    reader->input = reader->chunk;
    *out = reader;
    return BF_OK;
}

int csv_reader_open_memory(const char *data, size_t length, const char *name, csv_reader **out,
                           bf_error *err)
{
    csv_reader *reader;
    int rc = csv_reader_create(name, &reader, err);

    if (rc < 0)
        return rc;
    reader->input = data;
    reader->length = length;
    reader->at_end = 1;
    *out = reader;
    return BF_OK;
}

/*
 * Makes input[position] available, pulling the next chunk when the current
 * one is used up.  Returns 1 when a byte is available, 0 at the end of the
 * input, or the fill function's error (recorded in reader->failure).
 */
static int csv_more(csv_reader *reader)
{
    while (reader->position >= reader->length) {
        if (reader->at_end)
            return 0;
        size_t n = 0;
        int rc =
            reader->fill(reader->context, reader->chunk, CSV_READER_CHUNK, &n, &reader->failure);
        if (rc < 0) {
            if (reader->failure.code == BF_OK)
                bf_error_set(&reader->failure, rc, NULL);
            return rc;
        }
        reader->input = reader->chunk;
        reader->position = 0;
        reader->length = n;
        if (n == 0)
            reader->at_end = 1;
    }
    return 1;
}

/* The byte at position (pulling input as needed), CSV_END, or an error. */
static inline int csv_peek(csv_reader *reader)
{
    if (reader->position < reader->length)
        return (unsigned char)reader->input[reader->position];
    int rc = csv_more(reader);
    if (rc <= 0)
        return rc < 0 ? rc : CSV_END;
    return (unsigned char)reader->input[reader->position];
}

/* Records the first overflow of the record being read. */
static void csv_overflow(csv_reader *reader, table_overflow_kind kind, long quote_line)
{
    if (reader->overflow.kind != TABLE_OVERFLOW_NONE)
        return;
    reader->overflow.kind = kind;
    reader->overflow.column = reader->field + 1;
    reader->overflow.quote_line = quote_line;
}

/*
 * Appends span bytes at run to the cell being built (cell, *cell_length).
 * Past TABLE_CELL_MAX the cell is cut at a character boundary and the rest
 * of the field skipped; quote_line (0 outside quotes) is kept for the hint
 * that a quote may be left open.
 */
static inline void csv_append(csv_reader *reader, char *cell, size_t *cell_length, const char *run,
                              size_t span, long quote_line)
{
    if (reader->skipping) {
        reader->skipped_text |= span > 0;
        return;
    }
    if (span > TABLE_CELL_MAX - *cell_length) {
        size_t fits = TABLE_CELL_MAX - *cell_length;
        memcpy(cell + *cell_length, run, fits);
        *cell_length = table_utf8_complete(cell, *cell_length + fits);
        reader->skipping = reader->skipped_text = 1;
        csv_overflow(reader, TABLE_OVERFLOW_CELL, quote_line);
        return;
    }
    memcpy(cell + *cell_length, run, span);
    *cell_length += span;
}

/*
 * Reads the rest of a quoted field (the opening quote consumed) into cell:
 * doubled quotes become one, line feeds are counted.  Stops after the
 * closing quote.  An input ending inside the quotes is BF_EPARSE naming the
 * line of the opening quote.
 */
static int csv_read_quoted(csv_reader *reader, char *cell, size_t *cell_length, long quote_line)
{
    for (;;) {
        int rc = csv_more(reader);
        if (rc < 0)
            return rc;
        if (rc == 0)
            return bf_error_set(&reader->failure, BF_EPARSE,
                                BF_TR("%s 第 %ld 行：引号没有闭合（直到文件末尾）",
                                      "%s line %ld: quote not closed before the end of the file"),
                                reader->name, quote_line);
        const char *run = reader->input + reader->position;
        const char *end = reader->input + reader->length;
        const char *stop = run;
        while (stop < end && !csv_quoted_stop[(unsigned char)*stop])
            stop++;
        csv_append(reader, cell, cell_length, run, (size_t)(stop - run), quote_line);
        reader->position += (size_t)(stop - run);
        if (stop == end)
            continue;
        if (*stop == '\0')
            return csv_nul_error(reader);
        reader->position++;
        if (*stop == '\n') {
            reader->line++;
            csv_append(reader, cell, cell_length, "\n", 1, quote_line);
            continue;
        }
        int next = csv_peek(reader);
        if (next < 0)
            return next;
        if (next != '"')
            return BF_OK;
        reader->position++;
        csv_append(reader, cell, cell_length, "\"", 1, quote_line);
    }
}

/* Appends unquoted text up to the next separator, line break or end of input. */
static int csv_read_plain(csv_reader *reader, char *cell, size_t *cell_length)
{
    for (;;) {
        int rc = csv_more(reader);
        if (rc <= 0)
            return rc;
        const char *run = reader->input + reader->position;
        const char *end = reader->input + reader->length;
        const char *stop = run;
        while (stop < end && !reader->plain_stop[(unsigned char)*stop])
            stop++;
        csv_append(reader, cell, cell_length, run, (size_t)(stop - run), 0);
        reader->position += (size_t)(stop - run);
        if (stop < end)
            return *stop == '\0' ? csv_nul_error(reader) : BF_OK;
    }
}

/* Reads one record; errors are left in reader->failure. */
static int csv_read_record(csv_reader *reader, csv_record *record)
{
    int rc = csv_more(reader);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return BF_DONE;

    long record_line = reader->line;
    int count = 0;
    char *cell = reader->record;
    reader->overflow = (table_overflow){.kind = TABLE_OVERFLOW_NONE};
    for (reader->field = 0;; reader->field++) {
        /* Fields beyond the last column are parsed but not kept; a value there is an overflow. */
        reader->skipping = count == TABLE_COLUMNS_MAX;
        reader->skipped_text = 0;
        size_t cell_length = 0;
        int c = csv_peek(reader);
        if (c < 0)
            return c;
        if (c == '"') {
            long quote_line = reader->line;
            reader->position++;
            rc = csv_read_quoted(reader, cell, &cell_length, quote_line);
            if (rc < 0)
                return rc;
        }
        rc = csv_read_plain(reader, cell, &cell_length);
        if (rc < 0)
            return rc;
        if (count < TABLE_COLUMNS_MAX) {
            cell[cell_length] = '\0';
            reader->cells[count] = cell;
            reader->lengths[count] = cell_length;
            count++;
            cell += cell_length + 1;
        } else if (reader->skipped_text) {
            csv_overflow(reader, TABLE_OVERFLOW_COLUMNS, 0);
        }

        c = csv_peek(reader);
        if (c < 0)
            return c;
        if (c == reader->separator) {
            reader->position++;
            continue;
        }
        if (c == '\r') {
            reader->position++;
            c = csv_peek(reader);
            if (c < 0)
                return c;
            if (c == '\n')
                reader->position++;
            reader->line++;
        } else if (c == '\n') {
            reader->position++;
            reader->line++;
        }
        break;
    }
    record->line = record_line;
    record->count = count;
    record->cells = reader->cells;
    record->lengths = reader->lengths;
    record->overflow = reader->overflow;
    return BF_ROW;
}

int csv_reader_next(csv_reader *reader, csv_record *record, bf_error *err)
{
    int rc;

    if (reader->failure.code != BF_OK)
        rc = reader->failure.code;
    else
        rc = csv_read_record(reader, record);
    if (rc < 0 && err != NULL)
        *err = reader->failure;
    return rc;
}

void csv_reader_close(csv_reader *reader)
{
    if (reader == NULL)
        return;
    free(reader->chunk);
    free(reader->record);
    free(reader);
}
