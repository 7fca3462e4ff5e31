/* row_pump.c - the rows of several queries read by a second thread into blocks. */
#include "services/row_pump.h"

#include "core/text_pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Rows of one query copied out of the engine. */
typedef struct pump_block {
    int end;      /* 1: the query has no rows after these */
    int rc;       /* with end: BF_OK, or the query's failure (err) */
    bf_error err; /* with rc */
    size_t rows, columns;
    row_pump_cell *cells; /* ROW_PUMP_ROWS * ROW_PUMP_COLUMNS_MAX, owned */
    text_pool text;       /* the 't' cells' values */
} pump_block;

struct row_pump {
    store *st;
    const row_pump_query *queries;
    int query_count;
    pthread_t thread;
    int started;
    pthread_mutex_t lock;
    pthread_cond_t changed; /* signalled on every change below */
    pump_block blocks[ROW_PUMP_BLOCKS];
    pump_block *free[ROW_PUMP_BLOCKS];
    int free_count;
    pump_block *full[ROW_PUMP_BLOCKS];
    int full_head, full_count;
    int stopped; /* the caller wants no more rows */
    int done;    /* the thread has given its last block */
    /* The caller's side. */
    pump_block *current;
    size_t next_row;
};

/* Pump thread: a free block, NULL when the caller has stopped. */
static pump_block *take_free(row_pump *pump)
{
    pump_block *block = NULL;
    pthread_mutex_lock(&pump->lock);
    while (pump->free_count == 0 && !pump->stopped)
        pthread_cond_wait(&pump->changed, &pump->lock);
    if (!pump->stopped)
        block = pump->free[--pump->free_count];
    pthread_mutex_unlock(&pump->lock);
    if (block != NULL) {
        block->end = 0;
        block->rc = BF_OK;
        block->rows = 0;
        text_pool_clear(&block->text);
    }
    return block;
}

static void give_full(row_pump *pump, pump_block *block)
{
    pthread_mutex_lock(&pump->lock);
    pump->full[(pump->full_head + pump->full_count) % ROW_PUMP_BLOCKS] = block;
    pump->full_count++;
    pthread_cond_broadcast(&pump->changed);
    pthread_mutex_unlock(&pump->lock);
}

/* Copies the current row of rows into block (columns set). */
static int copy_row(pump_block *block, store_stmt *stmt, const char *types)
{
    row_pump_cell *cells = block->cells + block->rows * block->columns;
    for (size_t c = 0; c < block->columns; c++) {
        int column = (int)c;
        if (types[c] == 'i') {
            cells[c].null = store_column_is_null(stmt, column);
            cells[c].value = cells[c].null ? 0 : store_column_int64(stmt, column);
            continue;
        }
        const char *text = store_column_text(stmt, column);
        size_t offset = 0;
        cells[c].null = text == NULL;
        if (text != NULL && text_pool_add(&block->text, text, &offset) != BF_OK)
            return BF_ENOMEM;
        cells[c].value = (int64_t)offset;
    }
    block->rows++;
    return BF_OK;
}

/* Reads one query into blocks; BF_OK, a failure handed over in the end block, or stopped (1). */
static int pump_query(row_pump *pump, const row_pump_query *query)
{
    pump_block *block = take_free(pump);
    if (block == NULL)
        return 1;
    size_t columns = strlen(query->types);
    block->columns = columns;
    store_rows rows;
    bf_error err;
    bf_error_clear(&err);
    int rc = store_rows_open(pump->st, query->sql, query->params, query->param_count, &rows, &err),
        step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        if (block->rows == ROW_PUMP_ROWS) {
            give_full(pump, block);
            block = take_free(pump);
            if (block == NULL) {
                store_rows_close(&rows);
                return 1;
            }
            block->columns = columns;
        }
        if (copy_row(block, rows.stmt, query->types) != BF_OK)
            rc = bf_error_set(&err, BF_ENOMEM, NULL);
    }
    store_rows_close(&rows);
    if (rc == BF_OK && step < 0)
        rc = step;
    block->end = 1;
    block->rc = rc;
    if (rc != BF_OK)
        block->err = err;
    give_full(pump, block);
    return rc;
}

static void *pump_run(void *context)
{
    row_pump *pump = context;
    for (int q = 0; q < pump->query_count; q++)
        if (pump_query(pump, &pump->queries[q]) != BF_OK)
            break;
    pthread_mutex_lock(&pump->lock);
    pump->done = 1;
    pthread_cond_broadcast(&pump->changed);
    pthread_mutex_unlock(&pump->lock);
    return NULL;
}

int row_pump_start(store *st, const row_pump_query *queries, int count, row_pump **out,
                   bf_error *err)
{
    *out = NULL;
    for (int q = 0; q < count; q++)
        if (strlen(queries[q].types) > ROW_PUMP_COLUMNS_MAX)
            return bf_error_set(err, BF_EINVAL, "row_pump: more than %d columns",
                                ROW_PUMP_COLUMNS_MAX);
    row_pump *pump = calloc(1, sizeof *pump);
    if (pump == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    pump->st = st;
    pump->queries = queries;
    pump->query_count = count;
    pthread_mutex_init(&pump->lock, NULL);
    pthread_cond_init(&pump->changed, NULL);
    for (int b = 0; b < ROW_PUMP_BLOCKS; b++) {
        pump->blocks[b].cells =
            malloc(ROW_PUMP_ROWS * ROW_PUMP_COLUMNS_MAX * sizeof *pump->blocks[b].cells);
        if (pump->blocks[b].cells == NULL) {
            row_pump_stop(pump);
            return bf_error_set(err, BF_ENOMEM, NULL);
        }
        pump->free[pump->free_count++] = &pump->blocks[b];
    }
    if (pthread_create(&pump->thread, NULL, pump_run, pump) != 0) {
        row_pump_stop(pump);
        return bf_error_set(err, BF_ENOMEM, "%s",
                            BF_TR("无法启动读取线程", "cannot start the reading thread"));
    }
    pump->started = 1;
    *out = pump;
    return BF_OK;
}

/* Caller: hands a read block back to the pump. */
static void give_free(row_pump *pump, pump_block *block)
{
    pthread_mutex_lock(&pump->lock);
    pump->free[pump->free_count++] = block;
    pthread_cond_broadcast(&pump->changed);
    pthread_mutex_unlock(&pump->lock);
}

/* Caller: the next filled block, NULL when the thread has given its last. */
static pump_block *take_full(row_pump *pump)
{
    pump_block *block = NULL;
    pthread_mutex_lock(&pump->lock);
    while (pump->full_count == 0 && !pump->done)
        pthread_cond_wait(&pump->changed, &pump->lock);
    if (pump->full_count > 0) {
        block = pump->full[pump->full_head];
        pump->full_head = (pump->full_head + 1) % ROW_PUMP_BLOCKS;
        pump->full_count--;
    }
    pthread_mutex_unlock(&pump->lock);
    return block;
}

int row_pump_next(row_pump *pump, row_pump_row *row, bf_error *err)
{
    for (;;) {
        pump_block *block = pump->current;
        if (block != NULL && pump->next_row < block->rows) {
            row->cells = block->cells + pump->next_row * block->columns;
            row->text = block->text.text;
            pump->next_row++;
            return 1;
        }
        if (block != NULL) {
            pump->current = NULL;
            int end = block->end, rc = block->rc;
            if (rc != BF_OK)
                *err = block->err;
            give_free(pump, block);
            if (end)
                return rc;
        }
        pump->current = take_full(pump);
        pump->next_row = 0;
        if (pump->current == NULL)
            return bf_error_set(err, BF_EINVAL, "row_pump: read past the last query");
    }
}

void row_pump_stop(row_pump *pump)
{
    if (pump == NULL)
        return;
    if (pump->started) {
        pthread_mutex_lock(&pump->lock);
        pump->stopped = 1;
        pthread_cond_broadcast(&pump->changed);
        pthread_mutex_unlock(&pump->lock);
        pthread_join(pump->thread, NULL);
    }
    for (int b = 0; b < ROW_PUMP_BLOCKS; b++) {
        free(pump->blocks[b].cells);
        text_pool_free(&pump->blocks[b].text);
    }
    pthread_cond_destroy(&pump->changed);
    pthread_mutex_destroy(&pump->lock);
    free(pump);
}
