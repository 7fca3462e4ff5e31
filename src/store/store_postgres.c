/*
 * store_postgres.c - the PostgreSQL engine, over libpq.
 *
 * One connection per store.  Statements are server-side prepared statements
 * named "bf_<n>" (prepared once, executed many times: an import runs one
 * INSERT a million times).  '?' placeholders are rewritten to $1..$n and
 * every parameter travels as text.  A SELECT streams its rows in libpq's
 * single-row mode, so exporting a million rows never holds them all.
 *
 * One connection carries one command at a time, but callers (as with SQLite)
 * may leave a SELECT half-read and run another statement.  The engine then
 * reads the rest of the half-read SELECT into that statement's queue
 * ("suspends" it) before sending the new command; the suspended statement
 * goes on returning its rows from the queue.  A COPY (bulk load) in progress
 * owns the connection: other commands fail until bulk_end.
 *
 * Differences from SQLite a caller may notice: a failed statement inside a
 * transaction aborts the whole transaction (the caller must roll back; COMMIT
 * then fails instead of silently rolling back), and bulk_end(keep=0) aborts
 * the COPY, which also aborts the transaction.
 *
 * Ownership: the store owns the PGconn; a statement owns its copies of the
 * bound text and the PGresults it holds; a bulk load owns its send buffer.
 *
 * The engine's parts: this file (the connection, plain commands,
 * transactions, the engine table), store_postgres_statements.c and
 * store_postgres_bulk.c; store_postgres_private.h is what they share.
 */
#include "store/store_postgres_private.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libpq's notice processor: NOTICEs ("relation already exists, skipping") are not for users. */
static void postgres_ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Copies message into the store's error, without the trailing newline libpq adds. */
void postgres_set_error(postgres_store *st, const char *message)
{
    snprintf(st->base.error, sizeof st->base.error, "%s",
             message != NULL && message[0] != '\0' ? message : "unknown PostgreSQL error");
    size_t length = strlen(st->base.error);
    while (length > 0 && isspace((unsigned char)st->base.error[length - 1]))
        st->base.error[--length] = '\0';
}

/* Records the connection's message and returns BF_ESTORE. */
int postgres_fail(postgres_store *st)
{
    postgres_set_error(st, postgres_libpq.PQerrorMessage(st->conn));
    return BF_ESTORE;
}

/* Records the message of a failed result (or of the connection) and returns BF_ESTORE. */
int postgres_fail_result(postgres_store *st, const PGresult *res)
{
    const char *message = res != NULL ? postgres_libpq.PQresultErrorMessage(res) : NULL;
    if (message == NULL || message[0] == '\0')
        message = postgres_libpq.PQerrorMessage(st->conn);
    postgres_set_error(st, message);
    return BF_ESTORE;
}

static int postgres_open(const char *target, store_mode mode, store **out, bf_error *err)
{
    *out = NULL;
    char shown[STORE_TARGET_SHOWN_MAX];
    int rc = postgres_library_load(err);
    if (rc != BF_OK)
        return rc;
    postgres_store *st = calloc(1, sizeof *st);
    if (st == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    st->base.engine = &store_postgres_engine;
    /*
     * expand_dbname=1: target may be a URL or a key=value string.  Keywords
     * are applied in order, so the target may override the timeout and the
     * application name but never the client encoding: text is always UTF-8.
     */
    const char *const keywords[] = {"connect_timeout", "application_name", "dbname",
                                    "client_encoding", NULL};
    const char *const values[] = {"10", "bangfu", target, "UTF8", NULL};
    st->conn = postgres_libpq.PQconnectdbParams(keywords, values, 1);
    if (st->conn == NULL) {
        store_out_of_memory(&st->base);
        goto fail;
    }
    if (postgres_libpq.PQstatus(st->conn) != CONNECTION_OK) {
        postgres_fail(st);
        goto fail;
    }
    postgres_libpq.PQsetNoticeProcessor(st->conn, postgres_ignore_notice, NULL);
    if (mode == STORE_MODE_READ) {
        /* Reading commands: the server refuses any write of this session. */
        PGresult *res = postgres_libpq.PQexec(st->conn, "SET default_transaction_read_only = on");
        int ok = postgres_libpq.PQresultStatus(res) == PGRES_COMMAND_OK;
        if (!ok)
            postgres_fail_result(st, res);
        postgres_libpq.PQclear(res);
        if (!ok)
            goto fail;
    }
    *out = &st->base;
    return BF_OK;
fail:
    store_target_shown(target, shown, sizeof shown);
    bf_error_set(err, BF_ESTORE,
                 BF_TR("无法连接 PostgreSQL 数据库“%s”：%s",
                       "cannot connect to PostgreSQL database '%s': %s"),
                 shown, st->base.error);
    postgres_libpq.PQfinish(st->conn);
    free(st);
    return BF_ESTORE;
}

static int postgres_server_version(store *base)
{
    return postgres_libpq.PQserverVersion(((postgres_store *)base)->conn);
}

static void postgres_close(store *base)
{
    postgres_store *st = (postgres_store *)base;
    postgres_libpq.PQfinish(st->conn); /* ends the session: its prepared statements go with it */
    free(st);
}

/*
 * Ends a COPY the connection is in (status is the result that announced it)
 * so that the next PQgetResult gives the COPY's final result.  COPY data
 * belong to bulk loads: COPY IN is aborted, COPY OUT data are read and
 * dropped.  Returns 0 when the COPY cannot be ended (COPY BOTH, a broken
 * connection): the caller must stop reading results or it would spin.
 */
int postgres_end_copy(postgres_store *st, ExecStatusType status)
{
    if (status == PGRES_COPY_IN)
        return postgres_libpq.PQputCopyEnd(st->conn, "COPY is only supported through bulk loads") ==
               1;
    if (status == PGRES_COPY_OUT) {
        char *data = NULL;
        int got;
        while ((got = postgres_libpq.PQgetCopyData(st->conn, &data, 0)) > 0) {
            postgres_libpq.PQfreemem(data);
            data = NULL;
        }
        return got == -1;
    }
    return 0;
}

/* True for the results that put the connection in a COPY. */
int postgres_is_copy_status(ExecStatusType status)
{
    return status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH;
}

/* Reads and frees every remaining result of the command on the connection. */
void postgres_discard_results(postgres_store *st)
{
    PGresult *res;
    while ((res = postgres_libpq.PQgetResult(st->conn)) != NULL) {
        ExecStatusType status = postgres_libpq.PQresultStatus(res);
        postgres_libpq.PQclear(res);
        if (postgres_is_copy_status(status) && !postgres_end_copy(st, status))
            break;
    }
}

/*
 * Makes the connection ready for a new command: fails while a COPY owns it,
 * suspends a statement whose results are still arriving.
 */
int postgres_claim(postgres_store *st)
{
    if (st->bulk != NULL) {
        snprintf(st->base.error, sizeof st->base.error, "%s",
                 BF_TR("批量载入进行中，须先结束", "a bulk load is in progress; end it first"));
        return BF_ESTORE;
    }
    if (st->active != NULL)
        postgres_suspend(st);
    return BF_OK;
}

/* Runs one command that returns no rows (BEGIN, COMMIT, ...) and keeps its result in *res. */
int postgres_command(postgres_store *st, const char *sql, PGresult **res)
{
    *res = NULL;
    int rc = postgres_claim(st);
    if (rc != BF_OK)
        return rc;
    *res = postgres_libpq.PQexec(st->conn, sql);
    ExecStatusType status = postgres_libpq.PQresultStatus(*res);
    if (*res == NULL ||
        (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY))
        return postgres_fail_result(st, *res);
    return BF_OK;
}

/*
 * Ends a COPY that a plain exec started: COPY data belong to bulk_begin, so
 * it is refused, and the connection is brought back to idle.
 */
static void postgres_refuse_copy(postgres_store *st, const PGresult *res)
{
    if (postgres_end_copy(st, postgres_libpq.PQresultStatus(res)))
        postgres_discard_results(st);
    snprintf(
        st->base.error, sizeof st->base.error, "%s",
        BF_TR("exec 不支持 COPY，请用批量载入", "COPY is not supported by exec; use a bulk load"));
}

/* Runs sql (several statements allowed, no placeholders) in one round trip. */
static int postgres_exec(store *base, const char *sql)
{
    postgres_store *st = (postgres_store *)base;
    PGresult *res = NULL;
    int rc = postgres_claim(st);
    if (rc != BF_OK)
        goto out;
    res = postgres_libpq.PQexec(st->conn, sql);
    switch (postgres_libpq.PQresultStatus(res)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
        rc = BF_OK;
        break;
    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
    case PGRES_COPY_BOTH:
        postgres_refuse_copy(st, res);
        rc = BF_ESTORE;
        break;
    default:
        rc = postgres_fail_result(st, res);
        break;
    }
out:
    postgres_libpq.PQclear(res);
    return rc;
}

static int postgres_begin(store *base)
{
    PGresult *res = NULL;
    int rc = postgres_command((postgres_store *)base, "BEGIN", &res);
    postgres_libpq.PQclear(res);
    return rc;
}

static int postgres_begin_snapshot(store *base)
{
    PGresult *res = NULL;
    int rc = postgres_command((postgres_store *)base,
                              "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", &res);
    postgres_libpq.PQclear(res);
    return rc;
}

/*
 * COMMIT of a transaction in which a statement failed rolls it back and
 * still "succeeds" (command tag ROLLBACK): that is reported as an error so
 * that a caller never believes lost work was saved.
 */
static int postgres_commit(store *base)
{
    postgres_store *st = (postgres_store *)base;
    PGresult *res = NULL;
    int rc = postgres_command(st, "COMMIT", &res);
    if (rc == BF_OK && strcmp(postgres_libpq.PQcmdStatus(res), "ROLLBACK") == 0) {
        snprintf(st->base.error, sizeof st->base.error, "%s",
                 BF_TR("事务中有语句失败，已回滚，未提交",
                       "the transaction was rolled back, not committed: a statement in it failed"));
        rc = BF_ESTORE;
    }
    postgres_libpq.PQclear(res);
    return rc;
}

int postgres_rollback(store *base)
{
    PGresult *res = NULL;
    int rc = postgres_command((postgres_store *)base, "ROLLBACK", &res);
    postgres_libpq.PQclear(res);
    return rc;
}

/* Runs a one-row, one-column query and tells whether its value is true ('t'). */
static int postgres_query_true(postgres_store *st, const char *sql, int *value)
{
    PGresult *res = NULL;
    int rc = postgres_command(st, sql, &res);
    *value = rc == BF_OK && postgres_libpq.PQntuples(res) == 1 &&
             strcmp(postgres_libpq.PQgetvalue(res, 0, 0), "t") == 0;
    postgres_libpq.PQclear(res);
    return rc;
}

/*
 * BEGIN, then the transaction-scoped advisory lock of exclusive writers:
 * tried first; when another import holds it, waiting is told and the lock
 * awaited (lock_timeout bounds the wait).  The lock goes with the
 * transaction (commit, rollback, a killed client).  Readers never take it.
 */
static int postgres_begin_exclusive(store *base, int64_t wait_ms, store_waiting waiting,
                                    void *context)
{
    postgres_store *st = (postgres_store *)base;
    char sql[POSTGRES_LOCK_TIMEOUT_SQL_MAX];
    PGresult *res = NULL;
    int locked = 0;
    int rc = postgres_command(st, "BEGIN", &res);
    postgres_libpq.PQclear(res);
    if (rc != BF_OK)
        return rc;
    rc = postgres_query_true(
        st, "SELECT pg_try_advisory_xact_lock(" POSTGRES_EXCLUSIVE_LOCK_KEY ")", &locked);
    if (rc == BF_OK && !locked && wait_ms != 0) {
        if (waiting != NULL)
            waiting(context);
        snprintf(sql, sizeof sql, "SET LOCAL lock_timeout = %" PRId64, wait_ms < 0 ? 0 : wait_ms);
        rc = postgres_command(st, sql, &res);
        postgres_libpq.PQclear(res);
        if (rc == BF_OK) {
            rc = postgres_command(
                st, "SELECT pg_advisory_xact_lock(" POSTGRES_EXCLUSIVE_LOCK_KEY ")", &res);
            /* 55P03 lock_not_available: the wait ran out */
            const char *state =
                res != NULL ? postgres_libpq.PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
            locked = rc == BF_OK;
            if (rc != BF_OK && state != NULL && strcmp(state, "55P03") == 0)
                rc = BF_OK;
            postgres_libpq.PQclear(res);
        }
        if (rc == BF_OK && locked) {
            rc = postgres_command(st, "SET LOCAL lock_timeout = DEFAULT", &res);
            postgres_libpq.PQclear(res);
        }
    }
    if (rc == BF_OK && locked)
        return BF_OK;
    if (rc == BF_OK) {
        snprintf(st->base.error, sizeof st->base.error, "%s",
                 BF_TR("另一个导入正在写入该数据库", "another import is writing to this database"));
        rc = BF_EBUSY;
    }
    char kept[STORE_ERROR_MAX];
    memcpy(kept, st->base.error, sizeof kept); /* the rollback must not hide why */
    postgres_rollback(base);
    memcpy(st->base.error, kept, sizeof kept);
    return rc;
}

/* ALTER TABLE table DROP CONSTRAINT key: the key's index goes, NOT NULL stays. */
static int postgres_key_drop(store *base, const char *table, const char *key)
{
    char sql[POSTGRES_KEY_SQL_MAX];
    if (snprintf(sql, sizeof sql, "ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s", table, key) >=
        (int)sizeof sql)
        return BF_ETOOBIG;
    return postgres_exec(base, sql);
}

/*
 * When table has no primary key named key: CREATE UNIQUE INDEX (a SHARE
 * lock: readers go on), with memory enough to sort a few million keys at
 * once.
 */
static int postgres_key_index_build(store *base, const char *table, const char *key,
                                    const char *columns, int *missing)
{
    postgres_store *st = (postgres_store *)base;
    char sql[POSTGRES_KEY_SQL_MAX];
    int present = 0;
    *missing = 0;
    if (snprintf(sql, sizeof sql,
                 "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE contype = 'p' AND conname = "
                 "'%s' AND conrelid = to_regclass('%s'))",
                 key, table) >= (int)sizeof sql)
        return BF_ETOOBIG;
    int rc = postgres_query_true(st, sql, &present);
    if (rc != BF_OK || present)
        return rc;
    *missing = 1;
    if (snprintf(sql, sizeof sql,
                 "SET LOCAL maintenance_work_mem = '" POSTGRES_INDEX_BUILD_MEMORY "';"
                 "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (%s)",
                 key, table, columns) >= (int)sizeof sql)
        return BF_ETOOBIG;
    return postgres_exec(base, sql);
}

/*
 * The index of postgres_key_index_build made the key by ADD CONSTRAINT ...
 * USING INDEX: no build, but an ACCESS EXCLUSIVE lock until the commit,
 * waited for at most wait_ms (lock_timeout; 55P03 when it runs out).
 */
static int postgres_key_restore(store *base, const char *table, const char *key,
                                const char *columns, int64_t wait_ms, int *restored)
{
    postgres_store *st = (postgres_store *)base;
    char sql[POSTGRES_KEY_SQL_MAX];
    PGresult *res = NULL;
    int missing = 0;
    *restored = 0;
    int rc = postgres_key_index_build(base, table, key, columns, &missing);
    if (rc != BF_OK || !missing)
        return rc;
    if (snprintf(sql, sizeof sql,
                 "SET LOCAL lock_timeout = %" PRId64
                 "; ALTER TABLE %s ADD CONSTRAINT %s PRIMARY KEY USING INDEX %s;"
                 "SET LOCAL lock_timeout = DEFAULT",
                 wait_ms < 0 ? 0 : wait_ms, table, key, key) >= (int)sizeof sql)
        return BF_ETOOBIG;
    rc = postgres_command(st, sql, &res);
    const char *state =
        res != NULL ? postgres_libpq.PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (rc != BF_OK && state != NULL && strcmp(state, "55P03") == 0) {
        snprintf(st->base.error, sizeof st->base.error, "%s",
                 BF_TR("读者占用该表，主键留待下次导入", "readers hold the table; the key is left "
                                                         "for the next import"));
        rc = BF_EBUSY;
    }
    postgres_libpq.PQclear(res);
    *restored = rc == BF_OK;
    return rc;
}

/* fillfactor: a SHARE UPDATE EXCLUSIVE lock, which neither readers nor writers wait for. */
static int postgres_leave_room_for_updates(store *base, const char *table)
{
    char sql[POSTGRES_KEY_SQL_MAX];
    if (snprintf(sql, sizeof sql, "ALTER TABLE %s SET (fillfactor = %d)", table,
                 POSTGRES_UPDATE_FILLFACTOR) >= (int)sizeof sql)
        return BF_ETOOBIG;
    return postgres_exec(base, sql);
}

/* Every column holding region codes or household numbers (migrations/0024_region_collation.sql). */
#define POSTGRES_REGION_COLUMNS(X)                                                                 \
    X(regions, code)                                                                               \
    X(regions, parent)                                                                             \
    X(people, hukou_region)                                                                        \
    X(people, household_id)                                                                        \
    X(parameter_values, region)                                                                    \
    X(orgs, region)                                                                                \
    X(jobs, region)                                                                                \
    X(trainings, region)                                                                           \
    X(enrolments, school_region)                                                                   \
    X(postings, region)                                                                            \
    X(posts, village)                                                                              \
    X(cadres, village)                                                                             \
    X(cadres, household_id)                                                                        \
    X(projects, region)                                                                            \
    X(alliances, lead_region)                                                                      \
    X(alliance_members, member_region)                                                             \
    X(brands, region)                                                                              \
    X(push_runs, region)                                                                           \
    X(push_replies, region)                                                                        \
    X(poverty_list, hukou_region)                                                                  \
    X(poverty_list, household_id)                                                                  \
    X(compare_runs, region)                                                                        \
    X(compare_findings, hukou_region)                                                              \
    X(fairs, region)                                                                               \
    X(outflows, origin)                                                                            \
    X(outflows, destination)                                                                       \
    X(monitor_workers, hukou_region)                                                               \
    X(monitor_workers, work_region)                                                                \
    X(ledger_runs, region)                                                                         \
    X(ledger_lines, region)                                                                        \
    X(ledger_unapplied, region)                                                                    \
    X(payment_batches, region)                                                                     \
    X(report_submissions, region)                                                                  \
    X(users, region)
/* migrations/0005_import_keys.sql's, made again over the columns of step 24. */
#define POSTGRES_HOUSEHOLDS_VIEW                                                                   \
    "CREATE VIEW households AS SELECT household_id, MIN(hukou_region) AS hukou_region, "           \
    "COUNT(*) AS members FROM people WHERE household_id IS NOT NULL AND household_id <> '' "       \
    "GROUP BY household_id;"
#define POSTGRES_COLUMN_IN_C(table, column)                                                        \
    "ALTER TABLE " #table " ALTER COLUMN " #column " TYPE TEXT COLLATE \"C\";"

/*
 * What portable SQL cannot say (migrations/0023_key_collation.sql): every
 * column holding ID numbers in "C", all in the one migration, since a column
 * of the database's collation compared with a "C" one cannot use its own
 * index.  The type stays TEXT: no table is rewritten, their indexes are rebuilt.
 */
static const store_engine_step postgres_migration_steps[] = {
    {23, "ALTER TABLE people ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE person_history ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE jobs ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE trainings ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE enrolments ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE residences ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE insurance ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE post_pay ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE cadres ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE pushes ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE push_replies ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE poverty_list ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE compare_findings ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE fair_people ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE outflow_people ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE monitor_workers ALTER COLUMN id_number TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE ledger_lines ALTER COLUMN payee TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE ledger_lines ALTER COLUMN person TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE ledger_applications ALTER COLUMN applicant TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE ledger_unapplied ALTER COLUMN payee TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE ledger_unapplied ALTER COLUMN person TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE bank_accounts ALTER COLUMN payee TYPE TEXT COLLATE \"C\";"
         "ALTER TABLE payment_items ALTER COLUMN payee TYPE TEXT COLLATE \"C\";"},
    {24, "DROP VIEW households;" POSTGRES_REGION_COLUMNS(POSTGRES_COLUMN_IN_C)
             POSTGRES_HOUSEHOLDS_VIEW},
    {0, NULL},
};

const store_engine store_postgres_engine = {
    .name = "postgresql",
    .open = postgres_open,
    .server_version = postgres_server_version,
    .close = postgres_close,
    .exec = postgres_exec,
    .prepare = postgres_prepare,
    .prepare_rows = postgres_prepare_rows,
    .bind_text = postgres_bind_text,
    .bind_int64 = postgres_bind_int64,
    .bind_null = postgres_bind_null,
    .step = postgres_step,
    .column_count = postgres_column_count,
    .column_text = postgres_column_text,
    .column_int64 = postgres_column_int64,
    .column_is_null = postgres_column_is_null,
    .reset = postgres_reset,
    .finalize = postgres_finalize,
    .clear_bindings = postgres_clear_bindings,
    .begin = postgres_begin,
    .begin_snapshot = postgres_begin_snapshot,
    .commit = postgres_commit,
    .rollback = postgres_rollback,
    .bulk_begin = postgres_bulk_begin,
    .bulk_row = postgres_bulk_row,
    .bulk_end = postgres_bulk_end,
    .begin_exclusive = postgres_begin_exclusive,
    .ddl_blocks_readers = 1,
    .remote = 1,
    .prefer_index_sql = "SET LOCAL enable_seqscan = off",
    .prefer_index_undo_sql = "SET LOCAL enable_seqscan = on",
    /* A hash of a million ID numbers takes about 100 MB; only what is used is taken. */
    .join_in_memory_sql = "SET LOCAL work_mem = '256MB'",
    .key_drop = postgres_key_drop,
    .key_index_build = postgres_key_index_build,
    .key_restore = postgres_key_restore,
    .leave_room_for_updates = postgres_leave_room_for_updates,
    .table_exists_sql = "SELECT COUNT(*) FROM pg_catalog.pg_tables "
                        "WHERE schemaname = current_schema() AND tablename = ?",
    .migration_steps = postgres_migration_steps,
    .copy_out = postgres_copy_out,
};
