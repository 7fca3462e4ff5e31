/*
 * row_pump.h - the rows of several queries read by a second thread while the
 * caller decodes them: `calc` over storage spends about as long stepping the
 * engine (SQLite's VDBE, PostgreSQL's FETCHes) as turning the rows into the
 * population, and the two now run on two cores.
 *
 * The pump thread runs the queries one after the other on the caller's store
 * (one connection, so one snapshot: store_begin_snapshot() taken before holds
 * for every query), copies each row's values into blocks of ROW_PUMP_ROWS
 * rows (integers as numbers, texts into the block's text pool) and hands
 * the blocks over; at most ROW_PUMP_BLOCKS are in flight, so memory does not
 * grow with the table.  The caller must not use the store until
 * row_pump_stop().
 *
 * Ownership: row_pump_start() gives a pump the caller ends with
 * row_pump_stop() (also after an error or before the last row: the thread is
 * told to stop and joined).  A row's texts are valid until the next
 * row_pump_next().
 */
#ifndef BANGFU_SERVICES_ROW_PUMP_H
#define BANGFU_SERVICES_ROW_PUMP_H

#include "core/error.h"
#include "store/store.h"

#include <stdint.h>

/* Rows per block. */
#define ROW_PUMP_ROWS 2048
/* Blocks filled or being filled at once (the rest of the caller's work waits for none). */
#define ROW_PUMP_BLOCKS 8
/* Most columns of one query. */
#define ROW_PUMP_COLUMNS_MAX 16

/* One query: sql with count text parameters; types has one letter a column, 't' text, 'i' integer.
 */
typedef struct row_pump_query {
    const char *sql;
    const char *const *params;
    int param_count;
    const char *types;
} row_pump_query;

/* One value of a row: an integer, or a text at offset of the block's pool; NULL when null. */
typedef struct row_pump_cell {
    int64_t value; /* 'i': the number; 't': the offset of the text */
    int null;
} row_pump_cell;

/* The current row: its cells and the text they point into. */
typedef struct row_pump_row {
    const row_pump_cell *cells;
    const char *text;
} row_pump_row;

typedef struct row_pump row_pump;

/* Starts reading count queries (their texts must live until row_pump_stop()). */
int row_pump_start(store *st, const row_pump_query *queries, int count, row_pump **out,
                   bf_error *err);

/*
 * The next row of the current query: 1 with *row set, 0 at the end of the
 * query (the next call goes on with the next query), or a negative code with
 * err filled (the engine's message).
 */
int row_pump_next(row_pump *pump, row_pump_row *row, bf_error *err);

/* Stops the thread (when still running), waits for it and frees the pump; NULL is ignored. */
void row_pump_stop(row_pump *pump);

/* Column values of a row ('t' columns: text or NULL; 'i' columns: the number, 0 when NULL). */
static inline const char *row_pump_text(const row_pump_row *row, int column)
{
    return row->cells[column].null ? NULL : row->text + row->cells[column].value;
}

static inline int64_t row_pump_int64(const row_pump_row *row, int column)
{
    return row->cells[column].value;
}

static inline int row_pump_is_null(const row_pump_row *row, int column)
{
    return row->cells[column].null;
}

#endif
