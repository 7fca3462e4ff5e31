/*
 * ledger_columns.h - the files the ledger reads (bank details, the bank's
 * return): their columns, found in a header by any of their names, and the
 * reasons of the rows rejected, kept by line while the rows go to the store
 * set-based and written to the error file on a second reading, in file order.
 *
 * Ownership: the tables are the caller's static data; cells point into the
 * row; a ledger_rejects owns its texts, freed by ledger_rejects_free().
 */
#ifndef BANGFU_SERVICES_LEDGER_COLUMNS_H
#define BANGFU_SERVICES_LEDGER_COLUMNS_H

#include "core/int_map.h"
#include "core/text_pool.h"
#include "io/table_reader.h"
#include "services/import_errors.h"

#include <stdint.h>

/* Most names one column goes by. */
#define LEDGER_COLUMN_ALIASES_MAX 6

/* One column: its names, the first the one written, NULL-terminated. */
typedef struct ledger_column {
    const char *names[LEDGER_COLUMN_ALIASES_MAX];
} ledger_column;

/* index[c]: the place of columns[c] in header, -1 when absent. */
int ledger_columns_find(const table_row *header, const ledger_column *columns, int count,
                        int *index);

/* The cell of column in row ("" when the column is absent or the row short). */
const char *ledger_columns_cell(const table_row *row, const int *index, int column);

/* The rejected data lines (1, 2, ... after the header) of a file and why.  Zeroed: empty. */
typedef struct ledger_rejects {
    int_map lines;  /* data line -> offset of its reason in text */
    text_pool text; /* the reasons, and whatever else the caller keeps there */
    int64_t count;
} ledger_rejects;

/* Rejects data line line for reason; BF_ENOMEM fills err. */
int ledger_rejects_add(ledger_rejects *rejects, int64_t line, const char *reason, bf_error *err);

/* Reads path again (options as the first time) and adds each rejected row to errors. */
int ledger_rejects_write(const ledger_rejects *rejects, const char *path,
                         const table_reader_options *options, import_errors *errors, bf_error *err);

void ledger_rejects_free(ledger_rejects *rejects);

#endif
