/*
 * table_reader.h - rows of text cells from a .csv or .xlsx file.
 *
 * The import of every list (people now; employers, posts, trainings later)
 * reads through this one interface and never sees the file format:
 *  - .csv: RFC 4180 (quoted fields, doubled quotes, newlines inside quotes),
 *    comma separated; UTF-8 with or without BOM, or GB18030 (what Excel in
 *    China saves), detected automatically and converted to UTF-8.
 *  - .xlsx: the first worksheet of the workbook (shared and inline strings,
 *    numbers as written, cells placed by their reference so gaps stay empty).
 *
 * Every row comes with the line number the user sees: the CSV line where the
 * record starts, or the worksheet row number.  Cells are trimmed of
 * surrounding blanks (ASCII and the ideographic space U+3000).  XLSX cells
 * are their stored text: shared/inline strings, numbers as written ("1730",
 * "0.5"; a date formatted cell is its serial number), booleans TRUE/FALSE.
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

/* Longest cell accepted, in bytes; a longer one is a BF_ETOOBIG error naming the line. */
#define TABLE_CELL_MAX 4096
/* Most cells in one row. */
#define TABLE_COLUMNS_MAX 256
/* First characters that make a text cell a formula to Excel, WPS or LibreOffice. */
#define TABLE_FORMULA_STARTS "=+-@\t\r"

typedef struct table_reader table_reader;

/* One row of cells. */
typedef struct table_row {
    long line;                /* 1-based line (CSV) or row number (XLSX) of this row */
    int count;                /* number of cells: CSV fields of the record, or XLSX cells up
                                 to the last one holding a value (rows may be shorter or
                                 longer than the header) */
    const char *const *cells; /* count UTF-8 strings, never NULL (empty cells are "") */
} table_row;

/*
 * Opens path, choosing the format by its extension (.csv, .xlsx; case
 * insensitive).  Errors name the file and the reason: missing, unreadable,
 * not a workbook, unknown extension.
 */
int table_reader_open(const char *path, table_reader **out, bf_error *err);

/*
 * Reads the next row.  Returns BF_ROW with *row filled, BF_DONE at the end,
 * or an error (with the line) for malformed input.  Rows whose cells are all
 * empty are skipped.
 */
int table_reader_next(table_reader *reader, table_row *row, bf_error *err);

/* The encoding found: "UTF-8", "UTF-8 BOM", "GB18030" or "XLSX". */
const char *table_reader_encoding(const table_reader *reader);

/* Fraction of the input consumed so far, 0.0 .. 1.0, for progress display. */
double table_reader_progress(const table_reader *reader);

void table_reader_close(table_reader *reader);

#endif
