/*
 * table_reader.h - rows of text cells from a .csv or .xlsx file.
 *
 * The import of every list (people now; employers, posts, trainings later)
 * reads through this one interface and never sees the file format:
 *  - .csv: RFC 4180 (quoted fields, doubled quotes, newlines inside quotes),
 *    separated by commas, tabs or semicolons (named, or detected: the first
 *    of , TAB ; with which a header is found); UTF-8 with or without BOM, or
 *    GB18030 (what Excel in China saves), detected and converted to UTF-8.
 *  - .xlsx: one worksheet of the workbook (named or numbered, or by default
 *    the first in which a header is found), shared and inline strings,
 *    numbers as written, cells placed by their reference so gaps stay empty.
 *
 * The header is looked for among the first TABLE_HEADER_SEARCH_ROWS
 * non-empty rows with the caller's test (table_reader_options): the title
 * rows above it ("XX镇脱贫人口名单", a date line) are skipped, and the header
 * is the first row table_reader_next() returns.  When no header is found,
 * the error names the sheets or separators tried.
 *
 * Every row comes with the line number the user sees: the CSV line where the
 * record starts, or the worksheet row number.  Cells are trimmed of
 * surrounding blanks (ASCII and the ideographic space U+3000).  XLSX cells
 * are their stored text: shared/inline strings, numbers as written ("1730",
 * "0.5"), a number in a date format as its ISO date ("2020-03-01", see
 * io/xlsx_reader.h), booleans TRUE/FALSE.
 * A CSV cell that table_writer neutralised (a "'" before a first character
 * of TABLE_FORMULA_STARTS: "'+86 139...", "'=cmd") is read without that
 * quote, so that an export imported again changes nothing.
 *
 * Ownership: table_reader_open() returns a reader freed by
 * table_reader_close().  The row filled by table_reader_next() points into
 * the reader and is valid until the next call.
 */
#ifndef BANGFU_IO_TABLE_READER_H
#define BANGFU_IO_TABLE_READER_H

#include "core/error.h"

#include <stddef.h>

/* Longest cell kept, in bytes; a longer one is cut and its row marked (table_row.overflow). */
#define TABLE_CELL_MAX 4096
/* Most cells in one row; values beyond are dropped and the row marked. */
#define TABLE_COLUMNS_MAX 256
/* Longest text of table_row.overflow, terminator included. */
#define TABLE_OVERFLOW_TEXT_MAX 320
/* Non-empty rows searched for the header (the title rows above it are skipped). */
#define TABLE_HEADER_SEARCH_ROWS 30
/*
 * Most empty rows read one after the other: an Excel worksheet has 1,048,576
 * rows at most, so more blank rows in a row is a hostile or broken file (a
 * 3.6 MB workbook can declare 25 million of them), stopped before it costs
 * minutes.
 */
#define TABLE_BLANK_RUN_MAX 1048576L
/* First characters that make a text cell a formula to Excel, WPS or LibreOffice. */
#define TABLE_FORMULA_STARTS "=+-@\t\r"

typedef struct table_reader table_reader;

/*
 * What a reader had to leave out of a row to keep it within the limits:
 * the rest of a cell over TABLE_CELL_MAX bytes (the cell is kept cut at a
 * character boundary), or the values beyond TABLE_COLUMNS_MAX columns (empty
 * cells there are no loss).  The row is still returned, so that the import
 * rejects that row alone and goes on.
 */
typedef enum table_overflow_kind {
    TABLE_OVERFLOW_NONE = 0,
    TABLE_OVERFLOW_CELL,   /* a cell longer than TABLE_CELL_MAX bytes */
    TABLE_OVERFLOW_COLUMNS /* a value beyond column TABLE_COLUMNS_MAX */
} table_overflow_kind;

/* Where a record overflowed; the CSV and XLSX readers fill it, table_reader words it. */
typedef struct table_overflow {
    table_overflow_kind kind; /* the first overflow of the row */
    int column;               /* its 1-based column (beyond TABLE_COLUMNS_MAX for COLUMNS) */
    long quote_line;          /* CSV: the line of the quote the long cell opened, 0 if none */
} table_overflow;

/* One row of cells. */
typedef struct table_row {
    long line;                /* 1-based line (CSV) or row number (XLSX) of this row */
    int count;                /* number of cells: CSV fields of the record, or XLSX cells up
                                 to the last one holding a value (rows may be shorter or
                                 longer than the header) */
    const char *const *cells; /* count UTF-8 strings, never NULL (empty cells are "") */
    /* NULL, or why the row is incomplete: "第 7 列（G）超过 4096 字节…" in the user's
       language, naming the column, the limit and what was left out (see table_overflow) */
    const char *overflow;
} table_row;

/* How to find the table in a file. */
typedef struct table_reader_options {
    const char *sheet; /* .xlsx: worksheet name, or its number (1 = the first); NULL: the first
                          worksheet in which a header is found */
    char separator;    /* .csv: ',', '\t' or ';'; 0: detected */
    /* Returns 1 when row is the header.  NULL: the first non-empty row is. */
    int (*header_usable)(void *context, const table_row *row);
    void *header_context;    /* passed to header_usable */
    const char *header_hint; /* what a header holds, for the message when none is found */
} table_reader_options;

/*
 * Opens path, choosing the format by its extension (.csv, .xlsx; case
 * insensitive), and finds the header as options say (NULL: all defaults).
 * Errors name the file and the reason: missing, unreadable, not a workbook,
 * unknown extension, no such worksheet, no header (naming the worksheets or
 * separators tried).
 */
int table_reader_open_with(const char *path, const table_reader_options *options,
                           table_reader **out, bf_error *err);

/* table_reader_open_with() with all defaults. */
int table_reader_open(const char *path, table_reader **out, bf_error *err);

/*
 * Reads the next row.  Returns BF_ROW with *row filled, BF_DONE at the end,
 * or an error (with the line) for malformed input.  Rows whose cells are all
 * empty are skipped; more than TABLE_BLANK_RUN_MAX of them in a row is an
 * error (BF_ETOOBIG).  A row over the limits is returned cut, with
 * row->overflow saying what was left out; the reading goes on after it.
 */
int table_reader_next(table_reader *reader, table_row *row, bf_error *err);

/*
 * The length of text[0 .. length) without the incomplete UTF-8 character it
 * ends with, if any: where the readers cut a cell over TABLE_CELL_MAX.
 */
size_t table_utf8_complete(const char *text, size_t length);

/* The worksheet read (.xlsx), "" for a CSV file. */
const char *table_reader_sheet(const table_reader *reader);

/* The separator used (.csv: ',', '\t' or ';'), 0 for a workbook. */
char table_reader_separator(const table_reader *reader);

/* The encoding found: "UTF-8", "UTF-8 BOM", "GB18030" or "XLSX". */
const char *table_reader_encoding(const table_reader *reader);

/* Fraction of the input consumed so far, 0.0 .. 1.0, for progress display. */
double table_reader_progress(const table_reader *reader);

void table_reader_close(table_reader *reader);

#endif
