/*
 * store_postgres_private.h - what the parts of the PostgreSQL engine share:
 * the store, statement and bulk-load structures and the functions one part
 * calls in another.  store_postgres.c holds the connection, plain commands,
 * transactions and the engine table; store_postgres_statements.c prepared
 * statements and their streamed results; store_postgres_bulk.c COPY FROM
 * STDIN.  Nothing outside src/store/store_postgres*.c includes it.
 */
#ifndef BANGFU_STORE_STORE_POSTGRES_PRIVATE_H
#define BANGFU_STORE_STORE_POSTGRES_PRIVATE_H

#include "store/store.h"

#include "store/postgres_library.h"
#include <stddef.h>

/* Most '?' placeholders in one statement (the protocol counts them in 16 bits). */
#define POSTGRES_PARAMS_MAX 65535
/* Longest text bound to one parameter. */
#define POSTGRES_PARAM_TEXT_MAX ((size_t)1 << 28)
/* Longest statement name, "bf_" and a counter. */
#define POSTGRES_NAME_MAX 32
/* Finalized statements whose DEALLOCATE is deferred and sent together. */
#define POSTGRES_PENDING_MAX 32
/* Most results a suspended statement keeps in its queue (one per row). */
#define POSTGRES_QUEUE_MAX ((size_t)1 << 24)
/*
 * Rows a read to the end (store_rows) fetches from its cursor at a time.  The
 * registry read of a re-import of 1M people: 2.7-3.0 s by 8,192, 2.4-2.5 s by
 * 32,768 (fewer round trips, and the server fills more of the next FETCH
 * while the client keeps this one); about 20 MiB held per FETCH of people.
 */
#define POSTGRES_FETCH_ROWS 32768
/* Longest FETCH or CLOSE command. */
#define POSTGRES_CURSOR_SQL_MAX 64
/* Longest COPY command built for a bulk load. */
#define POSTGRES_BULK_SQL_MAX 4096
/* A bulk load sends its buffer once it holds this many bytes. */
#define POSTGRES_COPY_CHUNK ((size_t)64 * 1024)
/* Largest bulk buffer, i.e. longest single row in COPY text format. */
#define POSTGRES_BULK_BUFFER_MAX ((size_t)1 << 28)
/* The advisory lock key of exclusive writers ("bangfu" in ASCII): one per database. */
#define POSTGRES_EXCLUSIVE_LOCK_KEY "108170603619957"
/* Longest command taking a primary key off or putting it back. */
#define POSTGRES_KEY_SQL_MAX 1024
/* maintenance_work_mem while a key's index is built: a million keys sorted in memory. */
#define POSTGRES_INDEX_BUILD_MEMORY "256MB"
/* Percent of a page store_leave_room_for_updates fills: room for a second version of each row. */
#define POSTGRES_UPDATE_FILLFACTOR 50
/* Longest "SET LOCAL lock_timeout" command. */
#define POSTGRES_LOCK_TIMEOUT_SQL_MAX 64

typedef struct postgres_stmt postgres_stmt;
typedef struct postgres_bulk postgres_bulk;

/* An open PostgreSQL store: the common part and the connection's state. */
typedef struct postgres_store {
    store base;
    PGconn *conn;                                /* the one connection, owned */
    unsigned long statements;                    /* counter that names prepared statements */
    postgres_stmt *active;                       /* statement whose results are arriving on conn */
    postgres_bulk *bulk;                         /* the COPY in progress, or NULL */
    unsigned long pending[POSTGRES_PENDING_MAX]; /* finalized statements not yet deallocated */
    int pending_count;                           /* entries used in pending */
} postgres_store;

/* Where a statement is between executions. */
enum postgres_stmt_state {
    POSTGRES_STMT_READY,   /* the next step executes it */
    POSTGRES_STMT_RUNNING, /* executed; results arrive on conn or wait in the queue */
    POSTGRES_STMT_DONE,    /* finished (or failed); the next step executes it again */
};

/* A prepared statement: its server-side name, its bound text and its results. */
struct postgres_stmt {
    store_stmt base;
    unsigned long number;           /* names it "bf_<number>" on the server */
    char name[POSTGRES_NAME_MAX];   /* "bf_<number>", for PQsendQueryPrepared */
    int param_count;                /* '?' placeholders, PQprepare's nParams */
    char **buffers;                 /* per parameter: owned copy of the bound text, or NULL */
    size_t *capacities;             /* per parameter: bytes allocated in buffers[i] */
    const char **params;            /* per parameter: buffers[i], or NULL for SQL NULL */
    enum postgres_stmt_state state; /* ready, running or done */
    PGresult *row;                  /* the current row (PGRES_SINGLE_TUPLE), or NULL */
    /* A read to the end (prepare_rows): its SELECT ($n placeholders, owned), declared as
     * cursor "bf_<number>" when executed and fetched POSTGRES_FETCH_ROWS rows into row at
     * a time; NULL for a prepared statement. */
    char *cursor_select;
    int cursor_open;       /* 1 from DECLARE to CLOSE */
    int cursor_ahead;      /* 1 while the next FETCH is sent and its rows not yet taken */
    int row_index;         /* the current row in row (0 in single-row mode) */
    int columns;           /* result columns, -1 until known */
    PGresult **queue;      /* results read ahead while suspended, owned */
    size_t queue_head;     /* next result to return from queue */
    size_t queue_count;    /* results stored in queue */
    size_t queue_capacity; /* entries allocated in queue */
    int overflow;          /* 1 when the queue hit POSTGRES_QUEUE_MAX and results were lost */
};

/* A COPY FROM STDIN in progress and the rows not yet sent. */
struct postgres_bulk {
    store_bulk base;
    int count;       /* values per row */
    char *buffer;    /* rows in COPY text format not yet sent, owned */
    size_t used;     /* bytes of buffer in use */
    size_t capacity; /* bytes allocated for buffer */
    int failed;      /* 1 once sending failed: the load can only be abandoned */
};

/* --- store_postgres.c: the connection */

/* Copies message into the store's error, without the trailing newline libpq adds. */
void postgres_set_error(postgres_store *st, const char *message);
/* Records the connection's message and returns BF_ESTORE. */
int postgres_fail(postgres_store *st);
/* Records the message of a failed result (or of the connection) and returns BF_ESTORE. */
int postgres_fail_result(postgres_store *st, const PGresult *res);
/* Ends a COPY the connection is in; 0 when it cannot be ended (see store_postgres.c). */
int postgres_end_copy(postgres_store *st, ExecStatusType status);
/* True for the results that put the connection in a COPY. */
int postgres_is_copy_status(ExecStatusType status);
/* Reads and frees every remaining result of the command on the connection. */
void postgres_discard_results(postgres_store *st);
/* Makes the connection ready for a new command (fails while a COPY owns it). */
int postgres_claim(postgres_store *st);
/* Runs one command that returns no rows and keeps its result in *res. */
int postgres_command(postgres_store *st, const char *sql, PGresult **res);
int postgres_rollback(store *base);

/* --- store_postgres_statements.c: prepared statements */

/* Reads the rest of the active statement's results into its queue (frees the connection). */
void postgres_suspend(postgres_store *st);
/* True when c may continue an identifier or a keyword. */
int postgres_is_word_char(char c);
int postgres_prepare(store *base, const char *sql, store_stmt **out);
int postgres_prepare_rows(store *base, const char *sql, store_stmt **out);
int postgres_bind_text(store_stmt *base, int index, const char *value);
int postgres_bind_int64(store_stmt *base, int index, int64_t value);
int postgres_bind_null(store_stmt *base, int index);
int postgres_step(store_stmt *base);
int postgres_column_count(store_stmt *base);
const char *postgres_column_text(store_stmt *base, int column);
int64_t postgres_column_int64(store_stmt *base, int column);
int postgres_column_is_null(store_stmt *base, int column);
int postgres_reset(store_stmt *base);
void postgres_finalize(store_stmt *base);
void postgres_clear_bindings(store_stmt *base);

/* --- store_postgres_bulk.c: COPY FROM STDIN */

int postgres_bulk_begin(store *base, const char *table, const char *const *columns, int count,
                        store_bulk **out);
int postgres_bulk_row(store_bulk *base, const char *const *values);
int postgres_bulk_end(store_bulk *base, int keep);
int postgres_copy_out(store *base, const char *sql, store_row_found row, void *context);

#endif
