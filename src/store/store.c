/* store.c - engine choice and the thin dispatch to the engine in use. */
#include "store/store.h"
#include "core/fault_alloc.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const store_engine *store_engine_for(const char *target)
{
    if (strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0 ||
        strstr(target, "dbname=") != NULL)
        return &store_postgres_engine;
    return &store_sqlite_engine;
}

const char *store_default_target(void)
{
    const char *target = getenv("BANGFU_DB");
    return target != NULL && target[0] != '\0' ? target : "./bangfu.db";
}

void store_target_shown(const char *target, char *shown, size_t size)
{
    size_t out = 0;
    const char *p = target;
    const char *userinfo_end = NULL;
    const char *scheme = strstr(target, "://");
    if (scheme != NULL) {
        const char *authority = scheme + 3;
        size_t span = strcspn(authority, "/?");
        /* the last '@': a password may hold an unencoded one, and more is masked then */
        const char *at = memrchr(authority, '@', span);
        if (at != NULL) {
            const char *colon = memchr(authority, ':', (size_t)(at - authority));
            if (colon != NULL) {
                userinfo_end = at;
                /* copy up to and including the colon, then *** */
                size_t head = (size_t)(colon - target) + 1;
                for (size_t i = 0; i < head && out + 1 < size; i++)
                    shown[out++] = target[i];
                for (const char *m = "***"; *m != '\0' && out + 1 < size; m++)
                    shown[out++] = *m;
                p = userinfo_end;
            }
        }
    }
    while (*p != '\0' && out + 1 < size) {
        int at_token = p == target || p[-1] == ' ' || p[-1] == '?' || p[-1] == '&';
        if (at_token && strncasecmp(p, "password", 8) == 0) {
            const char *q = p + 8;
            while (*q == ' ')
                q++;
            if (*q == '=') {
                q++;
                while (*q == ' ')
                    q++;
                if (*q == '\'') { /* quoted conninfo value, \' escapes */
                    q++;
                    while (*q != '\0' && *q != '\'')
                        q += (q[0] == '\\' && q[1] != '\0') ? 2 : 1;
                    if (*q == '\'')
                        q++;
                } else {
                    while (*q != '\0' && *q != ' ' && *q != '&')
                        q++;
                }
                for (const char *m = "password=***"; *m != '\0' && out + 1 < size; m++)
                    shown[out++] = *m;
                p = q;
                continue;
            }
        }
        shown[out++] = *p++;
    }
    shown[out] = '\0';
}

int store_open_mode(const char *target, store_mode mode, store **out, bf_error *err)
{
    *out = NULL;
    if (target == NULL || target[0] == '\0')
        return bf_error_set(err, BF_EUSAGE, "%s", BF_TR("未指定数据库", "no database given"));
    return store_engine_for(target)->open(target, mode, out, err);
}

int store_open(const char *target, store **out, bf_error *err)
{
    return store_open_mode(target, STORE_MODE_CREATE, out, err);
}

int store_open_again(store *st, store_mode mode, store **out, bf_error *err)
{
    const char *file = st->engine->file_name != NULL ? st->engine->file_name(st) : NULL;
    *out = NULL;
    if (file == NULL || file[0] == '\0')
        return bf_error_set(err, BF_EUNSUPPORTED, NULL);
    return store_open_mode(file, mode, out, err);
}

/* One kept statement: its SQL text (owned) and whether a caller holds it now. */
typedef struct store_stmt_cached {
    char *sql;
    uint64_t hash;
    /* The caller's text at the last hand-out: the same string literal next time is found by its
     * address and one strcmp, without hashing the text (0.3-1 kB) byte by byte. */
    const char *given;
    store_stmt *stmt;
    int in_use;
    uint64_t last_used; /* the cache's clock at its last hand-out: the oldest idle one goes */
} store_stmt_cached;

struct store_stmt_cache {
    int always; /* store_cache_statements_always: inside transactions too */
    int count;
    uint64_t clock;
    store_stmt_cached slots[STORE_STMT_CACHE_MAX];
};

int store_cache_statements(store *st)
{
    if (st->cache != NULL)
        return BF_OK;
    st->cache = calloc(1, sizeof *st->cache);
    return st->cache != NULL ? BF_OK : BF_ENOMEM;
}

int store_cache_statements_always(store *st)
{
    int rc = store_cache_statements(st);
    if (rc == BF_OK)
        st->cache->always = 1;
    return rc;
}

static uint64_t store_sql_hash(const char *sql)
{
    uint64_t hash = 1469598103934665603ULL; /* FNV-1a */
    for (; *sql != '\0'; sql++)
        hash = (hash ^ (unsigned char)*sql) * 1099511628211ULL;
    return hash;
}

/* Hands out the idle statement of slot (then in use) to the caller of the text sql. */
static store_stmt *store_cache_hand_out(struct store_stmt_cache *cache, store_stmt_cached *slot,
                                        const char *sql)
{
    slot->in_use = 1;
    slot->given = sql;
    slot->last_used = ++cache->clock;
    return slot->stmt;
}

/* The idle statement of the text at sql, handed out last time to the same address, or NULL. */
static store_stmt *store_cache_take_given(struct store_stmt_cache *cache, const char *sql)
{
    for (int i = 0; i < cache->count; i++) {
        store_stmt_cached *slot = &cache->slots[i];
        if (!slot->in_use && slot->given == sql && strcmp(slot->sql, sql) == 0)
            return store_cache_hand_out(cache, slot, sql);
    }
    return NULL;
}

/* The idle statement of sql from the cache (then in use), or NULL. */
static store_stmt *store_cache_take(struct store_stmt_cache *cache, const char *sql, uint64_t hash)
{
    for (int i = 0; i < cache->count; i++) {
        store_stmt_cached *slot = &cache->slots[i];
        if (!slot->in_use && slot->hash == hash && strcmp(slot->sql, sql) == 0)
            return store_cache_hand_out(cache, slot, sql);
    }
    return NULL;
}

/* Keeps stmt (in use) in a free slot or the oldest idle one's; nothing when all are in use. */
static void store_cache_keep(store *st, const char *sql, uint64_t hash, store_stmt *stmt)
{
    struct store_stmt_cache *cache = st->cache;
    int at = cache->count < STORE_STMT_CACHE_MAX ? cache->count : -1;
    for (int i = 0; at < 0 && i < cache->count; i++)
        if (!cache->slots[i].in_use &&
            (at < 0 || cache->slots[i].last_used < cache->slots[at].last_used))
            at = i;
    if (at < 0)
        return;
    char *copy = strdup(sql);
    if (copy == NULL)
        return;
    store_stmt_cached *slot = &cache->slots[at];
    if (at == cache->count) {
        cache->count++;
    } else {
        slot->stmt->cache_slot = 0;
        st->engine->finalize(slot->stmt);
        free(slot->sql);
    }
    *slot = (store_stmt_cached){copy, hash, sql, stmt, 1, ++cache->clock};
    stmt->cache_slot = at + 1;
}

void store_close(store *st)
{
    if (st == NULL)
        return;
    if (st->cache != NULL) {
        for (int i = 0; i < st->cache->count; i++) {
            st->cache->slots[i].stmt->cache_slot = 0;
            st->engine->finalize(st->cache->slots[i].stmt);
            free(st->cache->slots[i].sql);
        }
        free(st->cache);
        st->cache = NULL;
    }
    st->engine->close(st);
}

const char *store_engine_name(const store *st)
{
    return st->engine->name;
}

int store_server_version(store *st)
{
    return st->engine->server_version != NULL ? st->engine->server_version(st) : 0;
}

const char *store_error_message(const store *st)
{
    return st->error;
}

int store_error_set(const store *st, int rc, bf_error *err)
{
    const char *detail = st->error[0] != '\0' ? st->error : bf_strerror(rc);
    return bf_error_set(err, rc, BF_TR("数据库错误：%s", "database error: %s"), detail);
}

int store_out_of_memory(store *st)
{
    snprintf(st->error, sizeof st->error, "%s", bf_strerror(BF_ENOMEM));
    return BF_ENOMEM;
}

int store_too_many_columns(store *st)
{
    snprintf(st->error, sizeof st->error, BF_TR("一行超过 %d 列", "a row has more than %d columns"),
             STORE_EACH_ROW_COLUMNS_MAX);
    return BF_ETOOBIG;
}

/*
 * The fault-injection hook of the tests: with BANGFU_FAULT_STORE_CALL=N in the
 * environment, the Nth call that can fail (exec, prepare, bind, step, begin,
 * commit, a bulk load's calls) fails once as the engine would, with the
 * message "injected fault", so that a test can fail every call of a whole
 * command in turn (tests/cli/t0920-ledger-faults.sh).  Read once, at the
 * first call; the countdown is the one piece of mutable state, and only a
 * test sets the variable.
 */
static fault_countdown store_fault_countdown = {"BANGFU_FAULT_STORE_CALL", -2};

static int store_fault(store *st)
{
    if (!fault_countdown_fires(&store_fault_countdown))
        return 0;
    snprintf(st->error, sizeof st->error, "injected fault (BANGFU_FAULT_STORE_CALL)");
    return 1;
}

int store_exec(store *st, const char *sql)
{
    if (store_fault(st))
        return BF_ESTORE;
    return st->engine->exec(st, sql);
}

int store_prepare(store *st, const char *sql, store_stmt **out)
{
    if (store_fault(st)) {
        *out = NULL;
        return BF_ESTORE;
    }
    /* Not inside a transaction: a bulk job prepares again on purpose, to be planned afresh. */
    if (st->cache == NULL || (st->in_transaction && !st->cache->always))
        return st->engine->prepare(st, sql, out);
    *out = store_cache_take_given(st->cache, sql);
    if (*out != NULL)
        return BF_OK;
    uint64_t hash = store_sql_hash(sql);
    *out = store_cache_take(st->cache, sql, hash);
    if (*out != NULL)
        return BF_OK;
    int rc = st->engine->prepare(st, sql, out);
    if (rc == BF_OK)
        store_cache_keep(st, sql, hash, *out);
    return rc;
}

int store_bind_text(store_stmt *stmt, int index, const char *value)
{
    if (store_fault(stmt->owner))
        return BF_ESTORE;
    return stmt->owner->engine->bind_text(stmt, index, value);
}

int store_bind_int64(store_stmt *stmt, int index, int64_t value)
{
    if (store_fault(stmt->owner))
        return BF_ESTORE;
    return stmt->owner->engine->bind_int64(stmt, index, value);
}

int store_bind_null(store_stmt *stmt, int index)
{
    if (store_fault(stmt->owner))
        return BF_ESTORE;
    return stmt->owner->engine->bind_null(stmt, index);
}

int store_step(store_stmt *stmt)
{
    if (store_fault(stmt->owner))
        return BF_ESTORE;
    return stmt->owner->engine->step(stmt);
}

int store_column_count(store_stmt *stmt)
{
    return stmt->owner->engine->column_count(stmt);
}

const char *store_column_text(store_stmt *stmt, int column)
{
    return stmt->owner->engine->column_text(stmt, column);
}

int64_t store_column_int64(store_stmt *stmt, int column)
{
    return stmt->owner->engine->column_int64(stmt, column);
}

int store_column_is_null(store_stmt *stmt, int column)
{
    return stmt->owner->engine->column_is_null(stmt, column);
}

int store_reset(store_stmt *stmt)
{
    return stmt->owner->engine->reset(stmt);
}

void store_finalize(store_stmt *stmt)
{
    if (stmt == NULL)
        return;
    const store_engine *engine = stmt->owner->engine;
    if (stmt->cache_slot == 0) {
        engine->finalize(stmt);
        return;
    }
    /* Kept for the next prepare of its text: ready to run, no parameter left over. */
    engine->reset(stmt);
    engine->clear_bindings(stmt);
    stmt->owner->cache->slots[stmt->cache_slot - 1].in_use = 0;
}

int store_begin_snapshot(store *st)
{
    if (store_fault(st))
        return BF_ESTORE;
    int rc = st->engine->begin_snapshot(st);
    if (rc == BF_OK)
        st->in_transaction = 1;
    return rc;
}

int store_begin(store *st)
{
    if (store_fault(st))
        return BF_ESTORE;
    int rc = st->engine->begin(st);
    if (rc == BF_OK)
        st->in_transaction = 1;
    return rc;
}

int store_commit(store *st)
{
    if (store_fault(st))
        return BF_ESTORE;
    int rc = st->engine->commit(st);
    if (rc == BF_OK)
        st->in_transaction = 0;
    return rc;
}

int store_rollback(store *st)
{
    if (!st->in_transaction)
        return BF_OK;
    st->in_transaction = 0;
    char first[STORE_ERROR_MAX];
    memcpy(first, st->error, sizeof first);
    int rc = st->engine->rollback(st);
    if (first[0] != '\0')
        memcpy(st->error, first, sizeof first);
    return rc;
}

int store_begin_exclusive(store *st, int64_t wait_ms, store_waiting waiting, void *context)
{
    if (store_fault(st))
        return BF_ESTORE;
    int rc = st->engine->begin_exclusive(st, wait_ms, waiting, context);
    if (rc == BF_OK)
        st->in_transaction = 1;
    return rc;
}

int store_ddl_blocks_readers(const store *st)
{
    return st->engine->ddl_blocks_readers;
}

int store_is_remote(const store *st)
{
    return st->engine->remote;
}

int store_prefer_index(store *st, int on)
{
    const char *sql = on ? st->engine->prefer_index_sql : st->engine->prefer_index_undo_sql;
    return sql != NULL ? store_exec(st, sql) : BF_OK;
}

int store_join_in_memory(store *st)
{
    const char *sql = st->engine->join_in_memory_sql;
    return sql != NULL ? store_exec(st, sql) : BF_OK;
}

int store_can_drop_key(const store *st)
{
    return st->engine->key_drop != NULL;
}

const char *store_row_locator(const store *st)
{
    return st->engine->row_locator;
}

int store_key_drop(store *st, const char *table, const char *key)
{
    if (st->engine->key_drop == NULL) {
        snprintf(st->error, sizeof st->error, "%s",
                 BF_TR("该数据库不能移除主键", "this engine cannot take a primary key off"));
        return BF_EUNSUPPORTED;
    }
    return st->engine->key_drop(st, table, key);
}

int store_key_index_build(store *st, const char *table, const char *key, const char *columns,
                          int *missing)
{
    *missing = 0;
    return st->engine->key_index_build != NULL
               ? st->engine->key_index_build(st, table, key, columns, missing)
               : BF_OK;
}

int store_key_restore(store *st, const char *table, const char *key, const char *columns,
                      int64_t wait_ms, int *restored)
{
    *restored = 0;
    return st->engine->key_restore != NULL
               ? st->engine->key_restore(st, table, key, columns, wait_ms, restored)
               : BF_OK;
}

int store_leave_room_for_updates(store *st, const char *table)
{
    return st->engine->leave_room_for_updates != NULL
               ? st->engine->leave_room_for_updates(st, table)
               : BF_OK;
}

int store_next_id(store *st, const char *counter, int64_t *value)
{
    store_stmt *stmt = NULL;
    *value = 0;
    /* An upsert with RETURNING: one statement, the same text on both engines. */
    int rc = store_prepare(st,
                           "INSERT INTO id_counters (name, last_id) VALUES (?, 1) "
                           "ON CONFLICT (name) DO UPDATE SET last_id = id_counters.last_id + 1 "
                           "RETURNING last_id",
                           &stmt);
    if (rc == BF_OK)
        rc = store_bind_text(stmt, 1, counter);
    if (rc == BF_OK) {
        rc = store_step(stmt);
        if (rc == BF_ROW) {
            *value = store_column_int64(stmt, 0);
            rc = store_step(stmt) == BF_DONE ? BF_OK : BF_ESTORE;
        } else if (rc == BF_DONE) {
            rc = BF_ESTORE;
        }
    }
    store_finalize(stmt);
    return rc;
}

int store_bulk_begin(store *st, const char *table, const char *const *columns, int count,
                     store_bulk **out)
{
    if (store_fault(st)) {
        *out = NULL;
        return BF_ESTORE;
    }
    return st->engine->bulk_begin(st, table, columns, count, out);
}

int store_scratch_begin(store *st, const char *create_sql, const char *table,
                        const char *const *columns, int count, store_bulk **out)
{
    char empty[sizeof "DELETE FROM " + STORE_TABLE_NAME_MAX];
    *out = NULL;
    if (strlen(table) >= STORE_TABLE_NAME_MAX) {
        snprintf(st->error, sizeof st->error, "table name too long: %.40s...", table);
        return BF_ETOOBIG;
    }
    snprintf(empty, sizeof empty, "DELETE FROM %s", table);
    int rc = store_exec(st, create_sql);
    if (rc == BF_OK)
        rc = store_exec(st, empty);
    if (rc == BF_OK)
        rc = store_bulk_begin(st, table, columns, count, out);
    return rc;
}

int store_bulk_row(store_bulk *bulk, const char *const *values)
{
    if (store_fault(bulk->owner))
        return BF_ESTORE;
    return bulk->owner->engine->bulk_row(bulk, values);
}

int store_bulk_end(store_bulk *bulk, int keep)
{
    store *st = bulk->owner;
    if (keep && store_fault(st)) {
        st->engine->bulk_end(bulk, 0); /* frees bulk; its message is not the one to show */
        snprintf(st->error, sizeof st->error, "injected fault (BANGFU_FAULT_STORE_CALL)");
        return BF_ESTORE;
    }
    return st->engine->bulk_end(bulk, keep);
}

int store_copy_to(store *st, const char *path, bf_error *err)
{
    if (st->engine->copy_to == NULL)
        return bf_error_set(err, BF_EUNSUPPORTED, NULL);
    return st->engine->copy_to(st, path, err);
}

int store_copy_from(store *st, const char *path, bf_error *err)
{
    if (st->engine->copy_from == NULL)
        return bf_error_set(err, BF_EUNSUPPORTED, NULL);
    return st->engine->copy_from(st, path, err);
}

int store_query_int64(store *st, const char *sql, const char *const *params, int count,
                      int64_t *value)
{
    store_stmt *stmt = NULL;
    *value = 0;
    int rc = store_prepare(st, sql, &stmt);
    if (rc != BF_OK)
        return rc;
    for (int i = 0; i < count && rc == BF_OK; i++)
        rc = store_bind_text(stmt, i + 1, params[i]);
    if (rc == BF_OK) {
        rc = store_step(stmt);
        if (rc == BF_ROW) {
            *value = store_column_int64(stmt, 0);
            rc = BF_OK;
        } else if (rc == BF_DONE) {
            rc = BF_OK;
        }
    }
    store_finalize(stmt);
    return rc;
}

/* Runs sql, which returns no row, through the statement cache. */
static int store_run_cached(store *st, const char *sql)
{
    store_stmt *stmt = NULL;
    int rc = store_prepare(st, sql, &stmt);
    if (rc == BF_OK)
        rc = store_step(stmt) == BF_DONE ? BF_OK : BF_ESTORE;
    store_finalize(stmt);
    return rc;
}

int store_read_begin(store *st)
{
    if (st->engine->read_begin_sql == NULL || st->in_transaction || st->reading)
        return BF_OK;
    int rc = store_run_cached(st, st->engine->read_begin_sql);
    st->reading = rc == BF_OK;
    return rc;
}

void store_read_end(store *st)
{
    if (!st->reading)
        return;
    st->reading = 0;
    /* A read transaction has nothing to lose: when its COMMIT fails the connection is still
     * left outside it (SQLite ends it; a ROLLBACK would be refused for the same reason). */
    if (store_run_cached(st, st->engine->read_end_sql) != BF_OK)
        (void)st->engine->exec(st, "ROLLBACK");
}

int store_keep_cache_small(store *st)
{
    return st->engine->small_cache_sql != NULL ? store_exec(st, st->engine->small_cache_sql)
                                               : BF_OK;
}

int store_checkpoint_elsewhere(store *st, int *elsewhere)
{
    *elsewhere = st->engine->checkpoint_off_sql != NULL;
    return *elsewhere ? store_exec(st, st->engine->checkpoint_off_sql) : BF_OK;
}

int store_checkpoint_here(store *st)
{
    return st->engine->checkpoint_on_sql != NULL ? store_exec(st, st->engine->checkpoint_on_sql)
                                                 : BF_OK;
}

int store_checkpoint(store *st)
{
    return st->engine->checkpoint != NULL ? st->engine->checkpoint(st) : BF_OK;
}

struct store_checkpointer {
    store *connection; /* the second connection, closed by the join */
    pthread_t thread;
    int rc; /* the checkpoint's outcome */
};

static void *store_checkpointer_run(void *context)
{
    store_checkpointer *checkpointer = context;
    checkpointer->rc = store_checkpoint(checkpointer->connection);
    return NULL;
}

int store_checkpoint_beside(store *st, store_checkpointer **out)
{
    *out = NULL;
    if (st->engine->checkpoint == NULL)
        return BF_OK;
    store_checkpointer *checkpointer = calloc(1, sizeof *checkpointer);
    if (checkpointer == NULL)
        return BF_ENOMEM;
    bf_error ignored; /* the caller goes on without it */
    int rc = store_open_again(st, STORE_MODE_WRITE, &checkpointer->connection, &ignored);
    if (rc == BF_OK)
        rc = store_keep_cache_small(checkpointer->connection);
    if (rc == BF_OK &&
        pthread_create(&checkpointer->thread, NULL, store_checkpointer_run, checkpointer) != 0)
        rc = BF_ENOMEM;
    if (rc != BF_OK) {
        if (checkpointer->connection != NULL)
            store_close(checkpointer->connection);
        free(checkpointer);
        return rc;
    }
    *out = checkpointer;
    return BF_OK;
}

int store_checkpoint_beside_join(store_checkpointer *checkpointer)
{
    if (checkpointer == NULL)
        return BF_OK;
    pthread_join(checkpointer->thread, NULL);
    int rc = checkpointer->rc;
    store_close(checkpointer->connection);
    free(checkpointer);
    return rc;
}

int store_checkpoint_restart(store *st, int wait_ms)
{
    return st->engine->checkpoint_restart != NULL ? st->engine->checkpoint_restart(st, wait_ms)
                                                  : BF_OK;
}

int store_table_exists(store *st, const char *table, int *exists)
{
    int64_t count = 0;
    int rc = store_query_int64(st, st->engine->table_exists_sql, &table, 1, &count);
    *exists = count > 0;
    return rc;
}

int store_exec_params(store *st, const char *sql, const char *const *params, int count,
                      bf_error *err)
{
    store_stmt *stmt = NULL;
    int rc = store_prepare(st, sql, &stmt);
    for (int i = 0; rc == BF_OK && i < count; i++)
        rc = store_bind_text(stmt, i + 1, params[i]);
    if (rc == BF_OK) {
        while ((rc = store_step(stmt)) == BF_ROW)
            ;
        if (rc == BF_DONE)
            rc = BF_OK;
    }
    if (rc != BF_OK)
        rc = store_error_set(st, rc < 0 ? rc : BF_ESTORE, err);
    store_finalize(stmt);
    return rc;
}

/* store_rows_open() and store_rows_open_few(): few says whether to prepare without a cursor. */
static int store_rows_start(store *st, const char *sql, const char *const *params, int count,
                            int few, store_rows *rows, bf_error *err)
{
    rows->st = st;
    rows->stmt = NULL;
    rows->err = err;
    int rc = st->engine->prepare_rows != NULL && !few
                 ? st->engine->prepare_rows(st, sql, &rows->stmt)
                 : store_prepare(st, sql, &rows->stmt);
    for (int i = 0; rc == BF_OK && i < count; i++)
        rc = store_bind_text(rows->stmt, i + 1, params[i]);
    if (rc != BF_OK) {
        store_error_set(st, rc, err);
        store_rows_close(rows);
    }
    return rc;
}

int store_rows_open(store *st, const char *sql, const char *const *params, int count,
                    store_rows *rows, bf_error *err)
{
    return store_rows_start(st, sql, params, count, 0, rows, err);
}

int store_rows_open_few(store *st, const char *sql, const char *const *params, int count,
                        store_rows *rows, bf_error *err)
{
    return store_rows_start(st, sql, params, count, 1, rows, err);
}

int store_rows_next(store_rows *rows)
{
    int step = store_step(rows->stmt);
    if (step == BF_ROW)
        return 1;
    if (step == BF_DONE)
        return 0;
    return store_error_set(rows->st, step < 0 ? step : BF_ESTORE, rows->err);
}

void store_rows_close(store_rows *rows)
{
    store_finalize(rows->stmt);
    rows->stmt = NULL;
}

int store_each_row(store *st, const char *sql, store_row_found row, void *context)
{
    const char *values[STORE_EACH_ROW_COLUMNS_MAX];
    store_stmt *stmt = NULL;
    if (st->engine->copy_out != NULL)
        return st->engine->copy_out(st, sql, row, context);
    int rc = store_prepare(st, sql, &stmt);
    while (rc == BF_OK && (rc = store_step(stmt)) == BF_ROW) {
        int count = store_column_count(stmt);
        if (count > STORE_EACH_ROW_COLUMNS_MAX) {
            rc = store_too_many_columns(st);
            break;
        }
        for (int c = 0; c < count; c++)
            values[c] = store_column_text(stmt, c);
        rc = row(context, values, count);
    }
    store_finalize(stmt);
    return rc == BF_DONE ? BF_OK : rc;
}
