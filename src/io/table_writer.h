/*
 * table_writer.h - rows of text cells to a .csv or .xlsx file.
 *
 * The counterpart of table_reader: what it writes, table_reader reads back
 * cell for cell.  CSV is UTF-8 with a BOM (so Excel in China opens it
 * correctly), CRLF line ends, fields quoted when they hold a comma, quote or
 * line break.  XLSX is one worksheet whose cells are all text (so ID numbers
 * and region codes keep every digit), header row bold.
 *
 * The file is written to a unique temporary next to path (io/safe_file:
 * O_EXCL|O_NOFOLLOW, mode 0600, removed on SIGINT/SIGTERM) and renamed over
 * path by table_writer_close() with keep=1, so a reader never sees half a
 * file; with keep=0 the temporary file is removed.
 *
 * A text cell that Excel would take for a formula (first character =, +, -,
 * @, tab or CR: "=cmd|' /C calc'!A0") is neutralised: in CSV it is written
 * with a leading "'", in XLSX every cell is a string cell, never a formula.
 * An XLSX file of more than 1048576 rows continues on further worksheets,
 * each starting with the header (the first row) again.
 *
 * Standard output ("-") gets no BOM, so that pipes and diffs see plain UTF-8;
 * otherwise the two CSV outputs are byte for byte the same.  A row may have
 * up to TABLE_WRITER_COLUMNS_MAX cells (Excel's limit), more than
 * table_reader reads back (TABLE_COLUMNS_MAX).
 *
 * Ownership: table_writer_open() returns a writer freed by
 * table_writer_close(); the cells passed to table_writer_row() stay the
 * caller's.
 */
#ifndef BANGFU_IO_TABLE_WRITER_H
#define BANGFU_IO_TABLE_WRITER_H

#include "core/error.h"

/* Most cells in one written row (Excel's 16384 columns). */
#define TABLE_WRITER_COLUMNS_MAX 16384

typedef struct table_writer table_writer;

/*
 * Creates the writer; the format follows the extension of path (.csv or
 * .xlsx).  path "-" writes CSV to standard output (no temporary file).
 */
int table_writer_open(const char *path, table_writer **out, bf_error *err);

/*
 * Appends one row of count cells (NULL cells are written empty).  Errors:
 * BF_EIO (disk full...), BF_ETOOBIG (more than TABLE_WRITER_COLUMNS_MAX cells,
 * or for XLSX a cell over 32767 characters).
 */
int table_writer_row(table_writer *writer, const char *const *cells, int count, bf_error *err);

/*
 * XLSX only (BF_OK and nothing otherwise): the rows written next go on a new
 * worksheet named name (at most 31 characters, none of []:*?/\, unique),
 * atop which the header (the first row written) is repeated once written.
 * Before any row, it names the first worksheet.
 */
int table_writer_sheet(table_writer *writer, const char *name, bf_error *err);

/*
 * XLSX only (ignored otherwise): most rows of one worksheet, its header
 * included, from 2 to 1048576 (the default); tests use a small one.
 */
void table_writer_set_sheet_rows(table_writer *writer, long rows);

/*
 * Finishes the file (keep=1: flushed, renamed over path) or discards it
 * (keep=0: the temporary file removed), and frees writer in both cases.
 * writer may be NULL; err may be NULL.
 */
int table_writer_close(table_writer *writer, int keep, bf_error *err);

#endif
