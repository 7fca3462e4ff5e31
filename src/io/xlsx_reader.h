/*
 * xlsx_reader.h - rows of one worksheet of an .xlsx workbook.
 *
 * The workbook is read with libzip and expat:
 *  - the <sheet>s of xl/workbook.xml, resolved through
 *    xl/_rels/workbook.xml.rels (xl/worksheets/sheet1.xml for the first when
 *    these are missing); the first is read unless xlsx_reader_select() picks
 *    another;
 *  - the shared strings (xl/sharedStrings.xml or the one the relationships
 *    name), rich text runs <r><t> concatenated, phonetic runs <rPh> left out;
 *  - the worksheet streamed chunk by chunk, the parser suspended after each
 *    </row>, so memory does not grow with the number of rows.
 * Cells: t="s" (shared), t="inlineStr" (<is>), t="str" (formula result),
 * numbers as their stored text (e.g. "1730", "0.5"), t="b" as
 * "TRUE"/"FALSE", t="e" as the error text.  A number whose cell format
 * (xl/styles.xml: <cellXfs> by s=, its numFmtId built in or <numFmt>) shows
 * a date is its date, "2020-03-01" ("2020-03-01 08:30:00" with a time of
 * day), in the workbook's date system (1900, or 1904 by <workbookPr>).  A cell goes to the column
 * of its reference (A1, AB12; the next column when r= is missing) so gaps stay empty; the row
 * number is r= of <row>.  Excel's _xHHHH_ escapes of control characters are decoded.  Cells are not
 * trimmed; rows without any value are returned with count 0.  A cell longer than TABLE_CELL_MAX
 * bytes is cut there (at a character boundary) and values beyond TABLE_COLUMNS_MAX columns are
 * dropped; the record's overflow says so and the next row is read as usual.
 *
 * Ownership: xlsx_reader_open() returns a reader freed by xlsx_reader_close().
 * A record's cells point into the reader, may be modified in place by the
 * caller (within their length) and are valid until the next call.
 */
#ifndef BANGFU_IO_XLSX_READER_H
#define BANGFU_IO_XLSX_READER_H

#include "core/error.h"
#include "io/table_reader.h"

#include <stddef.h>

/* Uncompressed worksheet bytes parsed at once. */
#define XLSX_READER_CHUNK (1 << 20)
/* Most shared strings, and most bytes of shared string text, accepted. */
#define XLSX_SHARED_STRINGS_MAX (1 << 25)
#define XLSX_SHARED_TEXT_MAX    ((size_t)1 << 30)
/* Longest date text written for a date cell, "YYYY-MM-DD HH:MM:SS", terminator included. */
#define XLSX_DATE_TEXT_MAX 20
/* Longest part name (path inside the zip) accepted. */
#define XLSX_PART_NAME_MAX 512

typedef struct xlsx_reader xlsx_reader;

/* One worksheet row. */
typedef struct xlsx_record {
    long line;    /* the row number (r= of <row>), 1-based */
    int count;    /* cells up to the last one holding a value; 0 for a row without values */
    char **cells; /* count NUL-terminated cells ("" for gaps) */
    const size_t *lengths;   /* count cell lengths in bytes */
    table_overflow overflow; /* what was cut from the row, kind NONE when nothing */
} xlsx_record;

/*
 * Opens the workbook at path and prepares its first worksheet.  Errors name
 * the file: BF_ENOTFOUND (missing), BF_EIO (unreadable), BF_EPARSE (not a
 * zip / not a workbook / no worksheet / malformed XML).
 */
int xlsx_reader_open(const char *path, xlsx_reader **out, bf_error *err);

/*
 * Reads the next row.  Returns BF_ROW, BF_DONE, or an error naming the file
 * and row: BF_EPARSE (malformed XML, bad shared string index).
 */
int xlsx_reader_next(xlsx_reader *reader, xlsx_record *record, bf_error *err);

/* The number of worksheets (at least 1), and the name of worksheet index (0-based, "" if none). */
int xlsx_reader_sheet_count(const xlsx_reader *reader);
const char *xlsx_reader_sheet_name(const xlsx_reader *reader, int index);

/*
 * Starts reading worksheet index (0-based) from its first row, whatever was
 * read before.  BF_ENOTFOUND when there is no such worksheet.
 */
int xlsx_reader_select(xlsx_reader *reader, int index, bf_error *err);

/*
 * Whether number format id (built in; -1 for a custom one) with format code
 * (may be NULL) shows a date (see xlsx_reader.c).
 */
int xlsx_number_format_is_date(int id, const char *code);

/*
 * The date of an Excel serial number text into out ("YYYY-MM-DD", with
 * " HH:MM:SS" when it has a time of day); 0 when text is no such serial.
 */
int xlsx_serial_date(const char *text, int date1904, char out[XLSX_DATE_TEXT_MAX]);

/* Fraction of the worksheet consumed, 0.0 .. 1.0. */
double xlsx_reader_progress(const xlsx_reader *reader);

void xlsx_reader_close(xlsx_reader *reader);

#endif
