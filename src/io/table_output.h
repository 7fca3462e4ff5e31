/*
 * table_output.h - a table of text cells (a header row, then rows) written
 * as CSV, XLSX or JSON, the one output of the monitoring, governance, quality
 * and what-if commands.
 *
 * CSV and XLSX go through io/table_writer (the format follows the extension;
 * "-" is CSV on standard output).  JSON (a path ending in .json, or "-" with
 * TABLE_OUTPUT_JSON) is an array with one object per row, keyed by the
 * header's cells in their order, every value a string as in the other two
 * formats (ID numbers and region codes keep their digits); a file is written
 * through io/safe_file (a temporary renamed when complete) and rows stream:
 * memory does not grow with them.
 *
 * Ownership: table_output_open() returns an output freed by
 * table_output_close(); the header and cells stay the caller's (the header
 * must live until the output is closed).
 */
#ifndef BANGFU_IO_TABLE_OUTPUT_H
#define BANGFU_IO_TABLE_OUTPUT_H

#include "core/error.h"

/* The format asked for standard output ("-"); files follow their extension. */
typedef enum table_output_format { TABLE_OUTPUT_CSV, TABLE_OUTPUT_JSON } table_output_format;

typedef struct table_output table_output;

/*
 * Opens path (.csv, .xlsx, .json or "-") and writes the header of count
 * cells.  BF_EINVAL for another extension, BF_EIO when the file cannot be
 * created; both named in err.
 */
int table_output_open(const char *path, table_output_format standard_output,
                      const char *const *header, int count, table_output **out, bf_error *err);

/* 1 when path names a format table_output writes (.csv, .xlsx, .json or "-"). */
int table_output_path_known(const char *path);

/* Appends one row of the header's count cells (NULL written empty). */
int table_output_row(table_output *output, const char *const *cells, bf_error *err);

/* XLSX: the next rows go on a new worksheet (table_writer_sheet); other formats: nothing. */
int table_output_sheet(table_output *output, const char *name, bf_error *err);

/* Finishes (keep=1) or discards (keep=0) the file and frees output (may be NULL). */
int table_output_close(table_output *output, int keep, bf_error *err);

#endif
