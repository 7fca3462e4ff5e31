/*
 * ledger_columns.h - the columns of the files the ledger reads (bank details,
 * the bank's return), found in a header by any of their names.
 *
 * Ownership: the tables are the caller's static data; cells point into the row.
 */
#ifndef BANGFU_SERVICES_LEDGER_COLUMNS_H
#define BANGFU_SERVICES_LEDGER_COLUMNS_H

#include "io/table_reader.h"

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

#endif
