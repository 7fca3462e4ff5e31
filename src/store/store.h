/*
 * store.h - the one storage interface of bangfu.
 *
 * Callers open a target and speak SQL through prepare/bind/step, never
 * knowing which engine answers (the shape of Redis's ConnectionType).  Two
 * engines implement store_engine: store_sqlite.c (a file path, the embedded
 * default) and store_postgres.c (a postgresql:// URL).  Engine-specific SQL
 * lives only in those two files; everything else writes the portable subset:
 * '?' placeholders, TEXT/INTEGER/BIGINT columns, INSERT ... ON CONFLICT.
 *
 * Ownership: store_open() returns a store the caller frees with
 * store_close(); store_prepare() returns a statement freed with
 * store_finalize() before the store is closed.  Text bound to a statement is
 * copied (or kept alive by the engine) so the caller's buffer may change
 * after the bind call.  Text returned by store_column_text() belongs to the
 * statement and is valid until the next step, reset or finalize.
 *
 * Threads: a store and its statements are used by one thread at a time
 * (the engines do no locking of their own); a program that reads in one
 * thread and writes in another hands the store to the writer only.
 *
 * Errors: functions return BF_OK (or BF_ROW/BF_DONE from store_step) or a
 * negative code; the engine's message is then in store_error_message().
 */
#ifndef BANGFU_STORE_STORE_H
#define BANGFU_STORE_STORE_H

#include "core/error.h"

#include <stdint.h>

typedef struct store store;
typedef struct store_stmt store_stmt;
typedef struct store_bulk store_bulk;

/* How store_open_mode() opens a target. */
typedef enum store_mode {
    STORE_MODE_CREATE, /* read-write; an SQLite file is created when missing (bangfu init) */
    STORE_MODE_WRITE,  /* read-write; the database must exist */
    STORE_MODE_READ    /* read-only; the database must exist and nothing is created or changed */
} store_mode;

/* A statement an engine adds to a migration of migrations/ (store_migrate runs it after the
 * migration's portable SQL, in the same transaction). */
typedef struct store_engine_step {
    int version;     /* the migration it belongs to; 0 ends a list */
    const char *sql; /* one or more statements */
} store_engine_step;

/* Called once by store_begin_exclusive() when it has to wait for another writer. */
typedef void (*store_waiting)(void *context);

/* Columns store_each_row hands over at most. */
#define STORE_EACH_ROW_COLUMNS_MAX 64
/* One row of store_each_row: count values, each text or NULL. */
typedef int (*store_row_found)(void *context, const char *const *values, int count);

/* The operations every engine provides; see the store_* wrappers below. */
typedef struct store_engine {
    const char *name; /* "sqlite" or "postgresql" */
    int (*open)(const char *target, store_mode mode, store **out, bf_error *err);
    void (*close)(store *st);
    int (*exec)(store *st, const char *sql);
    int (*prepare)(store *st, const char *sql, store_stmt **out);
    /* A query read to its end in one pass (store_rows): the engine may fetch its rows in
     * batches (PostgreSQL: a cursor); NULL when prepare serves. */
    int (*prepare_rows)(store *st, const char *sql, store_stmt **out);
    int (*bind_text)(store_stmt *stmt, int index, const char *value);
    int (*bind_int64)(store_stmt *stmt, int index, int64_t value);
    int (*bind_null)(store_stmt *stmt, int index);
    int (*step)(store_stmt *stmt);
    int (*column_count)(store_stmt *stmt);
    const char *(*column_text)(store_stmt *stmt, int column);
    int64_t (*column_int64)(store_stmt *stmt, int column);
    int (*column_is_null)(store_stmt *stmt, int column);
    int (*reset)(store_stmt *stmt);
    void (*finalize)(store_stmt *stmt);
    /* Every parameter back to NULL (a statement of the cache handed out again). */
    void (*clear_bindings)(store_stmt *stmt);
    int (*begin)(store *st);
    int (*commit)(store *st);
    int (*rollback)(store *st);
    int (*begin_exclusive)(store *st, int64_t wait_ms, store_waiting waiting, void *context);
    int (*begin_snapshot)(store *st);
    int (*bulk_begin)(store *st, const char *table, const char *const *columns, int count,
                      store_bulk **out);
    int (*bulk_row)(store_bulk *bulk, const char *const *values);
    int (*bulk_end)(store_bulk *bulk, int keep);
    /* NULL when the engine copies databases with its own tools (PostgreSQL: pg_dump) */
    int (*copy_to)(store *st, const char *path, bf_error *err);
    int (*copy_from)(store *st, const char *path, bf_error *err);
    int (*server_version)(store *st); /* NULL for an embedded engine */
    /* 1 when DDL inside a transaction locks out readers until commit (PostgreSQL's
     * DROP INDEX takes an exclusive lock); 0 when readers keep their snapshot (SQLite WAL). */
    int ddl_blocks_readers;
    /* 1 when every statement is a round trip to a server (PostgreSQL): write in bulk. */
    int remote;
    /* SQL making the rest of the transaction find rows by index whatever the planner's
     * statistics say, and SQL undoing it; NULL when the engine plans no other way (SQLite). */
    const char *prefer_index_sql;
    const char *prefer_index_undo_sql;
    /* SQL giving the rest of the transaction the memory to join a million rows at once
     * (store_join_in_memory); NULL when the engine needs none (SQLite). */
    const char *join_in_memory_sql;
    /* store_key_drop, store_key_index_build and store_key_restore; NULL when the engine
     * cannot take a key off (SQLite: the key's b-tree is made with the table). */
    int (*key_drop)(store *st, const char *table, const char *key);
    int (*key_index_build)(store *st, const char *table, const char *key, const char *columns,
                           int *missing);
    int (*key_restore)(store *st, const char *table, const char *key, const char *columns,
                       int64_t wait_ms, int *restored);
    /* store_leave_room_for_updates; NULL when the engine updates rows in place (SQLite). */
    int (*leave_room_for_updates)(store *st, const char *table);
    /* One row with the count of tables named by the one parameter in the schema in use. */
    const char *table_exists_sql;
    /* store_keep_cache_small; NULL when pages are cached by a server (PostgreSQL). */
    const char *small_cache_sql;
    /* store_checkpoint_elsewhere and store_checkpoint; NULL when a server copies its log into
     * the database itself (PostgreSQL). */
    const char *checkpoint_off_sql;
    const char *checkpoint_on_sql; /* store_checkpoint_here: SQLite's default back */
    int (*checkpoint)(store *st);
    /* The file a second connection to the same database opens (store_open_again); "" when
     * none can (an in-memory database), NULL when the engine opens none (PostgreSQL). */
    const char *(*file_name)(store *st);
    /* store_checkpoint_restart; NULL where there is no log to start over (PostgreSQL). */
    int (*checkpoint_restart)(store *st, int wait_ms);
    /* store_read_begin and store_read_end; NULL where they are no gain (PostgreSQL). */
    const char *read_begin_sql, *read_end_sql;
    /* What this engine adds to migrations, ascending, ended by {0, NULL}; NULL when nothing
     * (SQLite: the portable SQL is all). */
    const store_engine_step *migration_steps;
    /* store_row_locator; NULL when a row has no address that outlives its update. */
    const char *row_locator;
    /* store_each_row in bulk; NULL where store_rows serves as well (SQLite). */
    int (*copy_out)(store *st, const char *sql, store_row_found row, void *context);
} store_engine;

/* Longest engine message kept by a store. */
#define STORE_ERROR_MAX 1024

/* The part of every open store that is common to the engines. */
struct store {
    const store_engine *engine;
    int in_transaction;             /* 1 between begin and commit/rollback */
    int reading;                    /* 1 between store_read_begin and store_read_end */
    char error[STORE_ERROR_MAX];    /* last engine message */
    struct store_stmt_cache *cache; /* store_cache_statements(), else NULL */
};

/* The part of every statement that is common to the engines. */
struct store_stmt {
    store *owner;
    int cache_slot; /* 1 + its slot in the owner's statement cache, 0 when not cached */
};

/* The part of every bulk load that is common to the engines. */
struct store_bulk {
    store *owner;
};

extern const store_engine store_sqlite_engine;
extern const store_engine store_postgres_engine;

/*
 * Picks the engine for target: postgresql:// or postgres:// URLs (and
 * libpq "key=value" strings containing "dbname=") are PostgreSQL, anything
 * else is an SQLite file path.
 */
const store_engine *store_engine_for(const char *target);

/* The target to use when none was given: $BANGFU_DB, else "./bangfu.db". */
const char *store_default_target(void);

/* Longest target shown in a message (password masked). */
#define STORE_TARGET_SHOWN_MAX 512

/*
 * Writes target into shown (size bytes) for messages and output, with any
 * password replaced by ***: the user:password@ part of a URL and password=...
 * in a URL query or a key=value string.  Output ends up in logs and on
 * screens; passwords must not.
 */
void store_target_shown(const char *target, char *shown, size_t size);

/*
 * Opens target with the engine store_engine_for() picks.  In STORE_MODE_WRITE
 * and STORE_MODE_READ a missing SQLite file is BF_ENOTFOUND ("no database
 * here"); STORE_MODE_READ opens read-only (SQLite: also when the directory is
 * not writable and no other program has the database open, through an
 * immutable open; PostgreSQL: default_transaction_read_only).
 */
int store_open_mode(const char *target, store_mode mode, store **out, bf_error *err);
/* store_open_mode(target, STORE_MODE_CREATE, ...). */
int store_open(const char *target, store **out, bf_error *err);
/*
 * Opens a second connection to the database st is connected to, for a thread of its own (a
 * connection serves one thread at a time).  It sees what st has committed, not st's open
 * transaction.  BF_EUNSUPPORTED where there is no second way in (an in-memory database) or
 * the engine opens none (PostgreSQL: nothing needs it yet).
 */
int store_open_again(store *st, store_mode mode, store **out, bf_error *err);
void store_close(store *st);

/* The name of the engine behind st: "sqlite" or "postgresql". */
const char *store_engine_name(const store *st);
/* The version of the database server as a number (PostgreSQL 15.4: 150004), 0 for SQLite. */
int store_server_version(store *st);
/* The last engine message. */
const char *store_error_message(const store *st);
/*
 * Fills err with code rc and "database error: " and the last engine message
 * (the one message for a failed store call); returns rc.
 */
int store_error_set(const store *st, int rc, bf_error *err);
/* For the engines: records "out of memory" in the user's language as the last message and
 * returns BF_ENOMEM, so that a caller passing any code to store_error_set still says why. */
int store_out_of_memory(store *st);
/* Records that a row of store_each_row has more than STORE_EACH_ROW_COLUMNS_MAX columns and
 * returns BF_ETOOBIG. */
int store_too_many_columns(store *st);

/* Runs sql, which may hold several statements and no placeholders. */
int store_exec(store *st, const char *sql);
int store_prepare(store *st, const char *sql, store_stmt **out);
/* Binds parameter index (1-based); a NULL value binds SQL NULL. */
int store_bind_text(store_stmt *stmt, int index, const char *value);
int store_bind_int64(store_stmt *stmt, int index, int64_t value);
int store_bind_null(store_stmt *stmt, int index);
/* Returns BF_ROW when a row is ready, BF_DONE at the end, or an error. */
int store_step(store_stmt *stmt);
int store_column_count(store_stmt *stmt);
/* Column text (NULL for SQL NULL), valid until the next step. */
const char *store_column_text(store_stmt *stmt, int column);
int64_t store_column_int64(store_stmt *stmt, int column);
int store_column_is_null(store_stmt *stmt, int column);
/*
 * From now on st keeps up to STORE_STMT_CACHE_MAX statements prepared
 * outside a transaction by their SQL text: store_finalize() resets one (its
 * parameters back to NULL) and keeps it, and the next store_prepare() of the
 * same text outside a transaction gets it back without parsing or a round
 * trip to the server.  (Inside a transaction every prepare is new: a bulk
 * job that prepares again wants a plan made afresh.)  For a long-lived
 * connection that runs the same statements again and again (a worker of
 * `bangfu serve`); they are finalized by store_close().  BF_ENOMEM or BF_OK.
 */
#define STORE_STMT_CACHE_MAX 128
int store_cache_statements(store *st);
/*
 * The same, inside transactions too: for a connection whose every transaction runs the same
 * few statements (the audit writer of `bangfu serve`, a transaction per batch of entries).
 */
int store_cache_statements_always(store *st);

/*
 * Keeps the connection's own page cache to a couple of MiB, for a connection
 * that only appends (the audit writer of `bangfu serve`): what it wrote is
 * not read again, and a full-size cache would grow the server by its size.
 */
int store_keep_cache_small(store *st);

/*
 * For a connection that commits often and whose commits others wait for (the audit writer of
 * `bangfu serve`): store_checkpoint_elsewhere() stops it copying the log into the database
 * itself when the log has grown (SQLite's automatic checkpoint: the pages written and the
 * database file synced on the committing thread, between two commits), and says in *elsewhere
 * whether another connection must then call store_checkpoint() now and then (0 where the
 * engine's server does it: PostgreSQL).  store_checkpoint() copies what it can of the log
 * without waiting for readers or writers (SQLite's passive checkpoint) and syncs the database
 * file, so that the restart of the committing connection (below) has only the pages copied
 * since to sync.  Durability is the commits' (their log synced); a checkpoint only keeps the
 * log from growing.
 */
int store_checkpoint_elsewhere(store *st, int *elsewhere);
int store_checkpoint(store *st);
/* Undoes store_checkpoint_elsewhere(): the connection's commits copy the log again. */
int store_checkpoint_here(store *st);

/*
 * store_checkpoint() on a second connection and a thread of its own, started after a commit
 * that wrote hundreds of MiB to the log (an import of a million people), so that the copy into
 * the database and the database file's sync run beside this connection's next transaction
 * instead of inside the commit (SQLite's automatic checkpoint).  *out is NULL where the
 * engine's server copies its log itself (PostgreSQL); store_checkpoint_beside_join() waits for
 * the copy, frees it and returns its outcome.  A failed copy loses nothing: the next commit or
 * the close copies what is left, as always.  BF_OK, or the code of what failed at the start
 * (*out NULL).
 */
typedef struct store_checkpointer store_checkpointer;
int store_checkpoint_beside(store *st, store_checkpointer **out);
int store_checkpoint_beside_join(store_checkpointer *checkpointer);

/*
 * For that same committing connection, between two of its transactions: copies the whole log
 * into the database and waits up to wait_ms for the readers still reading from it, so that its
 * next commit writes the log from its start again (SQLite's restart checkpoint; the log is
 * otherwise only ever appended to while commits follow each other without pause, and grows
 * without end).  BF_OK, or BF_EBUSY when a reader or writer held on past wait_ms (the log then
 * goes on, nothing lost: try again later); BF_OK at once where there is no such log.
 */
int store_checkpoint_restart(store *st, int wait_ms);

/* Makes stmt ready to run again; bindings are kept until rebound. */
int store_reset(store_stmt *stmt);
void store_finalize(store_stmt *stmt);

int store_begin(store *st);
int store_commit(store *st);
/*
 * Rolls back when a transaction is open; harmless otherwise.  The last engine
 * message is kept when there was one: a rollback cleans up after a failure,
 * and that failure (e.g. "database or disk is full") is what the user must
 * see, not the rollback's own complaint.
 */
int store_rollback(store *st);

/*
 * Starts the transaction of an exclusive writer (an import): one at a time
 * per database, while readers go on reading the last committed state
 * without waiting.  SQLite: BEGIN IMMEDIATE (the database's one write lock);
 * PostgreSQL: BEGIN and a transaction-scoped advisory lock (other imports
 * wait, readers and the rows of other tables do not).  When another writer
 * holds it, calls waiting (may be NULL) once and waits as long as it takes
 * when wait_ms < 0, else at most wait_ms milliseconds (0: not at all), then
 * fails with BF_EBUSY and no transaction open.
 */
int store_begin_exclusive(store *st, int64_t wait_ms, store_waiting waiting, void *context);

/*
 * Starts a read transaction in which every query sees the same committed
 * state, whatever writers commit meanwhile: a reader of several tables (the
 * population calc reads) never sees one import's people without its jobs.
 * It takes no lock writers wait for.  SQLite: BEGIN DEFERRED (WAL keeps the
 * snapshot of the first read); PostgreSQL: REPEATABLE READ, READ ONLY.  Ends
 * with store_commit or store_rollback, or when the store is closed.
 */
int store_begin_snapshot(store *st);

/*
 * Runs the queries that follow, up to store_read_end, in one read transaction
 * whose statements still come from the statement cache (unlike a transaction
 * of store_begin*): for the many short reads of one answer of `bangfu serve`.
 * SQLite: one BEGIN and COMMIT instead of a read transaction per statement,
 * each of which takes and drops the WAL's read lock and looks at its header;
 * nothing on PostgreSQL (two more round trips, no gain).  Nothing either
 * inside a transaction.  Reads only: a write meanwhile would not be committed.
 */
int store_read_begin(store *st);
void store_read_end(store *st);

/* 1 when DDL inside a transaction would make readers wait (see store_engine). */
int store_ddl_blocks_readers(const store *st);
/* 1 when every statement is a round trip to a server, so many small ones are slow. */
int store_is_remote(const store *st);
/*
 * on=1: until the end of the transaction (or on=0), look-ups go through an
 * index whatever the statistics say.  PostgreSQL plans from the table's pages:
 * a registry whose pages hold the dead rows of a killed import looks empty,
 * and a sequential scan per chunk of look-ups made the next import quadratic.
 */
int store_prefer_index(store *st, int on);

/*
 * Until the end of the transaction, a join of a whole table with another
 * (an UPDATE ... FROM of a million rows) may keep its hash table in memory.
 * PostgreSQL's default work_mem (4 MB) split the join of the re-import of a
 * million people into 16 batches, each walking all of people's pages in
 * turn: the UPDATE took 30.5 s instead of 12.5 (same minutes, loaded machine).
 */
int store_join_in_memory(store *st);

/*
 * A bulk load into an empty table is faster with its primary key built once
 * afterwards than kept up row by row (PostgreSQL, a million people: the key's
 * b-tree took most of the import).  store_key_drop() takes the primary key
 * named key off table (its columns stay NOT NULL); BF_EUNSUPPORTED when the
 * engine cannot (store_can_drop_key() says 0).  When that key is missing,
 * store_key_index_build() builds the unique index on columns (e.g.
 * "id_number") that is to become it: readers go on reading, and a duplicate
 * fails there, so build it in the transaction that filled the table;
 * *missing tells whether the key was missing.  store_key_restore() makes that
 * index the key (building it first if need be): a lock readers wait for
 * until the transaction ends, so call it in a short transaction of its own,
 * after the long one committed.  It waits at most wait_ms (-1: as long as it
 * takes) for the readers already in the table, whom new readers queue behind,
 * then gives up with BF_EBUSY, the key left for the next import or `init`;
 * *restored tells whether the key was missing.  Both are no-ops on an engine
 * that cannot take keys off.
 */
int store_can_drop_key(const store *st);

/*
 * The column holding a row's address in its table ("rowid" on SQLite), which
 * an UPDATE ... WHERE that column = ? reaches by one b-tree descent instead
 * of two through the index of a key; NULL when the engine has none that stays
 * the same when the row is updated (PostgreSQL's ctid does not).
 */
const char *store_row_locator(const store *st);
int store_key_drop(store *st, const char *table, const char *key);
int store_key_index_build(store *st, const char *table, const char *key, const char *columns,
                          int *missing);
int store_key_restore(store *st, const char *table, const char *key, const char *columns,
                      int64_t wait_ms, int *restored);

/*
 * Makes the pages table writes from now on keep room for a second version of
 * their rows (PostgreSQL: fillfactor 50), so that an update that leaves the
 * indexed columns alone writes the new version beside the old one and no
 * index entry (a heap-only tuple).  A re-import in which each of a million
 * people changed one field spent 92 s in its UPDATE on full pages, 16 s with
 * room.  The table then takes twice the space, as full pages do anyway after
 * such a re-import.  Call it on an empty table; a no-op on SQLite, which
 * updates rows in place.
 */
int store_leave_room_for_updates(store *st, const char *table);

/*
 * The next value of the named counter (table id_counters, migration 0003):
 * 1, 2, 3, ... per name, never twice, whatever the engine or the number of
 * writers (a row lock on the counter, not MAX(id) + 1).  Inside a
 * transaction that rolls back the value is given again.
 */
int store_next_id(store *st, const char *counter, int64_t *value);

/*
 * Fast append of many rows to one table inside the current transaction
 * (SQLite: a reused INSERT; PostgreSQL: COPY FROM STDIN).  values holds
 * count strings per row, NULL for SQL NULL.  bulk_end with keep=0 abandons
 * the load (the caller then rolls back).  bulk_end always frees bulk.
 */
int store_bulk_begin(store *st, const char *table, const char *const *columns, int count,
                     store_bulk **out);
/*
 * The scratch table of one pass of a batch job: creates the temporary table
 * by create_sql when missing, empties it (a rerun in the same connection
 * starts afresh) and begins a bulk load into it.  Longest table name:
 * STORE_TABLE_NAME_MAX bytes.
 */
#define STORE_TABLE_NAME_MAX 64
int store_scratch_begin(store *st, const char *create_sql, const char *table,
                        const char *const *columns, int count, store_bulk **out);
int store_bulk_row(store_bulk *bulk, const char *const *values);
int store_bulk_end(store_bulk *bulk, int keep);

/*
 * Copies the whole database st into a new file path (which must not exist)
 * as one consistent snapshot while other programs go on reading and writing
 * (SQLite's online backup API).  BF_EUNSUPPORTED when the engine has no such
 * copy (PostgreSQL: pg_dump, see services/backup.h).
 */
int store_copy_to(store *st, const char *path, bf_error *err);
/*
 * Replaces the whole database st with the copy in path (made by
 * store_copy_to), in one step that other connections see whole or not at
 * all.  BF_EUNSUPPORTED when the engine has no such copy.
 */
int store_copy_from(store *st, const char *path, bf_error *err);

/*
 * A query read row by row, the loop every reader writes: store_rows_open()
 * prepares sql and binds count text parameters (NULL binds SQL NULL);
 * store_rows_next() steps and fills err on failure; the columns of the
 * current row are read with store_column_*(rows.stmt, ...).  Rows stream
 * (SQLite steps, PostgreSQL fetches a cursor POSTGRES_FETCH_ROWS rows at a
 * time): memory does not grow with them, and other statements may run
 * between two rows.
 * store_rows_close() is safe on a zeroed or failed store_rows.
 */
typedef struct store_rows {
    store *st;
    store_stmt *stmt; /* owned until store_rows_close() */
    bf_error *err;
} store_rows;

int store_rows_open(store *st, const char *sql, const char *const *params, int count,
                    store_rows *rows, bf_error *err);
/*
 * The same for a query of a few rows (one person's records, a user): prepared as store_prepare()
 * prepares (kept by store_cache_statements()) and stepped, without a cursor: on PostgreSQL one
 * round trip where a cursor takes three (DECLARE, FETCH, CLOSE) and, outside a transaction,
 * keeps its whole result WITH HOLD.  A statement run between two of its rows has PostgreSQL's
 * client read the rest of them first (held in memory): for results of a few rows only.
 */
int store_rows_open_few(store *st, const char *sql, const char *const *params, int count,
                        store_rows *rows, bf_error *err);
/* 1 when a row is ready, 0 at the end, or a negative code with err filled. */
int store_rows_next(store_rows *rows);
void store_rows_close(store_rows *rows);

/*
 * Reads every row of sql (no parameters) to its end, calling row with its values as text
 * (NULL for SQL NULL; valid during the call only) until row returns other than BF_OK, which
 * is then returned.  The rows come in bulk where the engine has a way (PostgreSQL: COPY ...
 * TO STDOUT; a million people took a third less of the server's time than through a
 * cursor's FETCHes), so row must not use st: nothing else runs on it meanwhile.  At most
 * STORE_EACH_ROW_COLUMNS_MAX columns.  A failure of the engine is BF_ESTORE with its message
 * in store_error_message().
 */
int store_each_row(store *st, const char *sql, store_row_found row, void *context);

/*
 * Convenience: runs a query with text parameters (count of them) that returns
 * one integer in its first column; *value is 0 when there is no row.
 */
int store_query_int64(store *st, const char *sql, const char *const *params, int count,
                      int64_t *value);

/* *exists is 1 when the schema in use has a table named table, else 0. */
int store_table_exists(store *st, const char *table, int *exists);

/*
 * Runs sql with count text parameters (NULL binds SQL NULL) to its end,
 * skipping any rows it returns; on failure fills err with the engine's
 * message (store_error_set) and returns the code.
 */
int store_exec_params(store *st, const char *sql, const char *const *params, int count,
                      bf_error *err);

#endif
