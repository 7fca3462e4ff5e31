/*
 * table_writer.h - rows of text cells to a .csv or .xlsx file.
 *
 * The counterpart of table_reader: what it writes, table_reader reads back
 * cell for cell.  CSV is UTF-8 with a BOM (so Excel in China opens it
 * correctly), CRLF line ends, fields quoted when they hold a comma, quote or
 * line break.  XLSX is one worksheet whose cells are all text (so ID numbers
 * and region codes keep every digit), header row bold.
 *
 * The file is written to "path.tmp" and renamed over path by
 * table_writer_close() with keep=1, so a reader never sees half a file; with
 * keep=0 the temporary file is removed.
 */
#ifndef BANGFU_IO_TABLE_WRITER_H
#define BANGFU_IO_TABLE_WRITER_H

#include "core/error.h"

typedef struct table_writer table_writer;

/*
 * Creates the writer; the format follows the extension of path (.csv or
 * .xlsx).  path "-" writes CSV to standard output (no temporary file).
 */
int table_writer_open(const char *path, table_writer **out, bf_error *err);

/* Appends one row of count cells (NULL cells are written empty). */
int table_writer_row(table_writer *writer, const char *const *cells, int count, bf_error *err);

/* Finishes the file (keep=1) or discards it (keep=0), and frees writer. */
int table_writer_close(table_writer *writer, int keep, bf_error *err);

#endif
