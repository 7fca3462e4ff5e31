/*
 * import_errors.h - the error file of a list import: every rejected row as
 * it was read (the columns of the input, padded to its header), followed by
 * its line (行号) and its reasons (错误原因).
 *
 * The file goes through io/table_writer (CSV or XLSX by its extension) and
 * is created at the first rejected row, header first; the 行号 and 错误原因
 * columns of an error file imported again are not carried over.  It appears
 * under its name only when finished (io/table_writer: mode 0600, never
 * through a symlink).  The default place is next to the input
 * (INPUT.errors.csv); when that folder cannot be written, the current
 * directory (./INPUT-NAME.errors.csv), and when neither can, the error says
 * to name one with --errors FILE.  When nothing is rejected, a stale error
 * file at the default place is removed after the import committed, so an old
 * file never stands for this run; a file the caller named is never removed.
 *
 * Ownership: import_errors_open() copies the header and returns an object
 * freed by import_errors_close(); the rows given to import_errors_add() stay
 * the caller's.
 */
#ifndef BANGFU_SERVICES_IMPORT_ERRORS_H
#define BANGFU_SERVICES_IMPORT_ERRORS_H

#include "core/error.h"
#include "io/table_reader.h"

#include <stddef.h>

typedef struct import_errors import_errors;

/*
 * Prepares the error file of the import of input_path: errors_path, or
 * input_path + ".errors.csv" when NULL.  header is the input's header row.
 * Nothing is written yet.
 */
int import_errors_open(const char *input_path, const char *errors_path, const table_row *header,
                       import_errors **out, bf_error *err);

/* Appends a rejected row with its reasons (creating the file at the first one). */
int import_errors_add(import_errors *errors, const table_row *row, const char *reason,
                      bf_error *err);

/*
 * Finishes the file (renamed under its name) when rows were added, so that a
 * failure to write it can still undo the import.  Then
 * import_errors_written() is its name.
 */
int import_errors_finish(import_errors *errors, bf_error *err);

/* The name of the finished error file, "" when none was written. */
const char *import_errors_written(const import_errors *errors);

/* 1 when the file went to the current directory because the input's folder cannot be written. */
int import_errors_elsewhere(const import_errors *errors);

/*
 * Frees errors (NULL is fine).  committed=1: the import stands; with no row
 * rejected, a stale error file at the default name is removed.  committed=0:
 * whatever was written is removed.
 */
void import_errors_close(import_errors *errors, int committed);

#endif
