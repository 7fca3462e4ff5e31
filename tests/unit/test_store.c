/*
 * test_store.c - the storage interface, on both engines.
 *
 * Every engine test runs twice: on SQLite (a temporary file) and on
 * PostgreSQL (a fresh database on the server whose URL base is in
 * $BANGFU_TEST_PG, e.g. postgresql://postgres@127.0.0.1:55432/, dropped at
 * the end).  Without $BANGFU_TEST_PG the PostgreSQL tests are reported as
 * skipped.  The tests of one engine share its database and run in order
 * (migrations first); each uses its own tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "core/error.h"
#include "store/migrate.h"
#include "store/store.h"
#include "test_directory.h"
#include "test_engines.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Rows of the bulk load and streaming tests. */
#define TEST_BULK_ROWS 40000

/* Values of the bulk load: everything COPY's text format must escape, and NULL. */
static const char *const bulk_texts[] = {
    "tab\there",
    "line\nbreak",
    "back\\slash",
    "quote ' and \" both",
    "中文 帮扶 就业",
    "cr\rlf\r\n",
    "\\N",
    "",
    NULL,
    "plain",
};
#define BULK_TEXT_COUNT (sizeof bulk_texts / sizeof bulk_texts[0])

/* Each engine's database, not migrated: test_migrate_idempotent migrates it first. */
static int sqlite_setup(void **state)
{
    return engine_sqlite_open(state, "store.sqlite", 1, NULL);
}

static int postgres_setup(void **state)
{
    return engine_postgres_open(state, "bangfu_test_store", 1, NULL);
}

static int is_postgres(const engine_fixture *f)
{
    return f->postgres;
}

/* SELECT COUNT(*) FROM table. */
static int64_t count_rows(store *st, const char *table)
{
    char sql[256];
    int64_t value = -1;
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", table);
    assert_int_equal(store_query_int64(st, sql, NULL, 0, &value), BF_OK);
    return value;
}

/* The message of the last failure: present, and without libpq's trailing newline. */
static void assert_store_message(store *st)
{
    const char *message = store_error_message(st);
    size_t length = strlen(message);
    assert_true(length > 0);
    assert_true(message[length - 1] != '\n');
}

static void test_engine_for(void **state)
{
    (void)state;
    assert_ptr_equal(store_engine_for("postgresql://u@127.0.0.1:5432/db"), &store_postgres_engine);
    assert_ptr_equal(store_engine_for("postgres://u@localhost/db"), &store_postgres_engine);
    assert_ptr_equal(store_engine_for("host=127.0.0.1 dbname=bangfu"), &store_postgres_engine);
    assert_ptr_equal(store_engine_for("/var/lib/bangfu/bangfu.db"), &store_sqlite_engine);
    assert_ptr_equal(store_engine_for("bangfu.db"), &store_sqlite_engine);
    assert_string_equal(store_postgres_engine.name, "postgresql");
    assert_string_equal(store_sqlite_engine.name, "sqlite");
}

/* A server that is not there: a clear error naming the target, its password masked. */
static void test_postgres_open_failure(void **state)
{
    (void)state;
    store *st = NULL;
    bf_error err;
    bf_error_clear(&err);
    assert_int_equal(store_open("postgresql://someone:hunter2@127.0.0.1:1/nodb", &st, &err),
                     BF_ESTORE);
    assert_null(st);
    assert_non_null(strstr(err.message, "127.0.0.1:1/nodb"));
    assert_null(strstr(err.message, "hunter2"));
    bf_error_clear(&err);
    assert_int_equal(store_open("host=127.0.0.1 port=1 password='hunter 2' dbname=nodb", &st, &err),
                     BF_ESTORE);
    assert_null(st);
    assert_non_null(strstr(err.message, "dbname=nodb"));
    assert_null(strstr(err.message, "hunter"));
    bf_error_clear(&err);
    assert_int_equal(store_open("", &st, &err), BF_EUSAGE);
}

/* The one masking function: every form of password, nothing else changed. */
static void test_target_shown(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"postgresql://bangfu:hunter2@db.example:5432/county",
         "postgresql://bangfu:***@db.example:5432/county"},
        {"postgres://u:p@ss@h/db", "postgres://u:***@h/db"},
        {"postgresql://u@h/db?password=hunter2&sslmode=require",
         "postgresql://u@h/db?password=***&sslmode=require"},
        {"host=h password='hunter 2' dbname=d", "host=h password=*** dbname=d"},
        {"host=h PASSWORD = x dbname=d", "host=h password=*** dbname=d"},
        {"postgresql://u@h/db", "postgresql://u@h/db"},
        {"./bangfu.db", "./bangfu.db"},
    };
    char shown[STORE_TARGET_SHOWN_MAX];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        store_target_shown(cases[i][0], shown, sizeof shown);
        assert_string_equal(shown, cases[i][1]);
    }
    store_target_shown("postgresql://u:hunter2@h/db", shown, 16); /* cut, never the password */
    assert_null(strstr(shown, "hun"));
}

/* STORE_MODE_READ and STORE_MODE_WRITE never create; a reader cannot write. */
static void test_open_modes(void **state)
{
    engine_fixture *f = engine_of(state);
    store *reader = NULL;
    bf_error err;
    bf_error_clear(&err);
    assert_int_equal(store_exec(f->st, "CREATE TABLE t_modes (v TEXT)"), BF_OK);
    assert_int_equal(store_open_mode(f->target, STORE_MODE_READ, &reader, &err), BF_OK);
    int64_t count = -1;
    assert_int_equal(store_query_int64(reader, "SELECT COUNT(*) FROM t_modes", NULL, 0, &count),
                     BF_OK);
    assert_int_equal(count, 0);
    assert_int_equal(store_exec(reader, "INSERT INTO t_modes (v) VALUES ('x')"), BF_ESTORE);
    assert_store_message(reader);
    store_close(reader);
    assert_int_equal(count_rows(f->st, "t_modes"), 0);
    if (is_postgres(f))
        return;
    char missing[TEST_PATH_MAX + 16];
    snprintf(missing, sizeof missing, "%s.missing", f->target);
    for (int mode = STORE_MODE_WRITE; mode <= STORE_MODE_READ; mode++) {
        assert_int_equal(store_open_mode(missing, (store_mode)mode, &reader, &err), BF_ENOTFOUND);
        assert_null(reader);
        assert_int_equal(access(missing, F_OK), -1);
    }
}

/* A failed statement, then a rollback that fails too: the first message stays. */
static void test_rollback_keeps_first_error(void **state)
{
    engine_fixture *f = engine_of(state);
    store *st = f->st;
    assert_int_equal(store_begin(st), BF_OK);
    /* end the transaction behind the store's back, as SQLite does itself on a full disk */
    assert_int_equal(store_exec(st, "COMMIT"), BF_OK);
    assert_int_equal(store_exec(st, "INSERT INTO t_no_such_table VALUES (1)"), BF_ESTORE);
    assert_non_null(strstr(store_error_message(st), "t_no_such_table"));
    store_rollback(st);
    assert_non_null(strstr(store_error_message(st), "t_no_such_table"));
}

static void test_migrate_idempotent(void **state)
{
    engine_fixture *f = engine_of(state);
    int migrations = 0, last = 0, applied = -1, version = -1;
    for (const store_migration *m = store_migrations; m->version != 0; m++) {
        migrations++;
        last = m->version;
    }
    assert_true(migrations > 0);
    bf_error err;
    bf_error_clear(&err);
    assert_int_equal(store_migrate(f->st, &applied, &err), BF_OK);
    assert_int_equal(applied, migrations);
    assert_int_equal(store_schema_version(f->st, &version), BF_OK);
    assert_int_equal(version, last);
    assert_int_equal(store_migrate(f->st, &applied, &err), BF_OK);
    assert_int_equal(applied, 0);
    assert_int_equal(store_schema_version(f->st, &version), BF_OK);
    assert_int_equal(version, last);
    assert_int_equal(count_rows(f->st, "people"), 0);
    assert_int_equal(count_rows(f->st, "schema_migrations"), migrations);
    if (!is_postgres(f))
        return;
    /* the same database through a libpq key=value string built from the URL */
    char conninfo[TEST_PATH_MAX + 64];
    size_t used = (size_t)snprintf(conninfo, sizeof conninfo, "connect_timeout=5");
    store *other = NULL;
    PQconninfoOption *options = PQconninfoParse(f->target, NULL);
    assert_non_null(options);
    for (const PQconninfoOption *o = options; o->keyword != NULL; o++)
        if (o->val != NULL && o->val[0] != '\0' && used < sizeof conninfo)
            used += (size_t)snprintf(conninfo + used, sizeof conninfo - used, " %s='%s'",
                                     o->keyword, o->val);
    PQconninfoFree(options);
    assert_true(used < sizeof conninfo);
    assert_non_null(strstr(conninfo, "dbname="));
    assert_ptr_equal(store_engine_for(conninfo), &store_postgres_engine);
    assert_int_equal(store_open(conninfo, &other, &err), BF_OK);
    assert_string_equal(store_engine_name(other), "postgresql");
    assert_int_equal(store_schema_version(other, &version), BF_OK);
    assert_int_equal(version, last);
    store_close(other);
}

/* Text columns of tables of the schema that match the condition on c.column_name and
 * c.table_name; with other set, only those whose collation is not "C" (PostgreSQL). */
static int64_t text_columns(store *st, const char *condition, int other)
{
    char sql[1024];
    int64_t count = -1;
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM information_schema.columns c JOIN information_schema.tables t "
             "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
             "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
             "AND c.data_type = 'text' AND (%s)%s",
             condition, other ? " AND c.collation_name IS DISTINCT FROM 'C'" : "");
    assert_int_equal(store_query_int64(st, sql, NULL, 0, &count), BF_OK);
    return count;
}

/* Columns holding ID numbers (migration 0023). */
static int64_t key_columns(store *st, int other)
{
    return text_columns(st, "c.column_name IN ('id_number', 'payee', 'person', 'applicant')",
                        other);
}

/* Columns holding region codes or household numbers (migration 0024). */
static int64_t region_columns(store *st, int other)
{
    return text_columns(st,
                        "c.column_name LIKE '%region%' "
                        "OR c.column_name IN ('village', 'household_id', 'origin', 'destination') "
                        "OR (c.table_name = 'regions' AND c.column_name IN ('code', 'parent'))",
                        other);
}

/* Whether the plan of sql (PostgreSQL) has a line containing text. */
static int plan_mentions(store *st, const char *sql, const char *text)
{
    char explain[512];
    store_stmt *stmt = NULL;
    int found = 0, rc;
    snprintf(explain, sizeof explain, "EXPLAIN %s", sql);
    assert_int_equal(store_prepare(st, explain, &stmt), BF_OK);
    while ((rc = store_step(stmt)) == BF_ROW)
        found |= strstr(store_column_text(stmt, 0), text) != NULL;
    assert_int_equal(rc, BF_DONE);
    store_finalize(stmt);
    return found;
}

/*
 * Migration 0023: on PostgreSQL every column holding ID numbers compares bytes
 * (COLLATE "C"), on a new database and on one upgraded with its people kept,
 * and a temporary table's plain TEXT still joins people through its key.
 * SQLite's TEXT compares bytes already.
 */
static void test_key_collation(void **state)
{
    engine_fixture *f = engine_of(state);
    bf_error err;
    bf_error_clear(&err);
    int applied = -1;
    assert_int_equal(store_exec(f->st, "CREATE TEMP TABLE t_keys (id_number TEXT)"), BF_OK);
    assert_int_equal(store_exec(f->st, "INSERT INTO t_keys VALUES ('11010119900307002X')"), BF_OK);
    if (!is_postgres(f)) {
        assert_int_equal(store_exec(f->st, "DROP TABLE t_keys"), BF_OK);
        return;
    }
    int version = 0;
    assert_int_equal(store_schema_version(f->st, &version), BF_OK);
    assert_true(key_columns(f->st, 0) >= 23);
    assert_int_equal(key_columns(f->st, 1), 0);
    /* An upgrade: the columns as migration 0022 left them, people in them. */
    assert_int_equal(store_exec(f->st, "ALTER TABLE people ALTER COLUMN id_number TYPE TEXT "
                                       "COLLATE \"default\";"
                                       "ALTER TABLE ledger_lines ALTER COLUMN payee TYPE TEXT "
                                       "COLLATE \"default\";"
                                       "DELETE FROM schema_migrations WHERE version >= 23"),
                     BF_OK);
    assert_int_equal(store_exec(f->st, "INSERT INTO people (id_number, name, sex, birth_date, "
                                       "hukou_region, categories, created_batch, updated_batch) "
                                       "VALUES ('11010119900307002X', '甲', '女', '1990-03-07', "
                                       "'110101001001', '', 1, 1)"),
                     BF_OK);
    assert_int_equal(key_columns(f->st, 1), 2);
    /* 0023 and every later one applied again (which each must allow) */
    assert_int_equal(store_migrate(f->st, &applied, &err), BF_OK);
    assert_int_equal(applied, version - 22);
    assert_int_equal(key_columns(f->st, 1), 0);
    assert_int_equal(count_rows(f->st, "people"), 1);
    /* the key still refuses a second row of the same ID number */
    assert_int_equal(store_exec(f->st, "INSERT INTO people SELECT * FROM people"), BF_ESTORE);
    /* A column of the database's collation still finds people by their key ("C", not the
     * default, is the comparison's collation); the other way round would scan people. */
    assert_int_equal(store_exec(f->st, "SET enable_seqscan = off"), BF_OK); /* one row */
    assert_true(plan_mentions(f->st,
                              "SELECT (SELECT p.name FROM people p WHERE p.id_number = "
                              "k.id_number) FROM t_keys k",
                              "Index Cond: (id_number = "));
    assert_int_equal(
        store_exec(f->st, "RESET enable_seqscan; DELETE FROM people; DROP TABLE t_keys"), BF_OK);
}

/*
 * Migration 0024: on PostgreSQL every column holding region codes or household
 * numbers compares bytes, on a new database and on one upgraded with its people
 * kept; the households view reads them again, and a prefix of region codes is
 * found through the village index.
 */
static void test_region_collation(void **state)
{
    engine_fixture *f = engine_of(state);
    bf_error err;
    bf_error_clear(&err);
    int applied = -1;
    int64_t members = 0;
    if (!is_postgres(f))
        return;
    int version = 0;
    assert_int_equal(store_schema_version(f->st, &version), BF_OK);
    assert_true(region_columns(f->st, 0) >= 34);
    assert_int_equal(region_columns(f->st, 1), 0);
    /* An upgrade: the columns as migration 0023 left them, people in them. */
    assert_int_equal(store_exec(f->st, "DROP VIEW households;"
                                       "ALTER TABLE people ALTER COLUMN hukou_region TYPE TEXT "
                                       "COLLATE \"default\";"
                                       "ALTER TABLE regions ALTER COLUMN code TYPE TEXT "
                                       "COLLATE \"default\";"
                                       "CREATE VIEW households AS SELECT household_id, "
                                       "MIN(hukou_region) AS hukou_region, COUNT(*) AS members "
                                       "FROM people GROUP BY household_id;"
                                       "DELETE FROM schema_migrations WHERE version >= 24"),
                     BF_OK);
    assert_int_equal(store_exec(f->st,
                                "INSERT INTO people (id_number, name, sex, birth_date, "
                                "household_id, hukou_region, categories, created_batch, "
                                "updated_batch) VALUES ('11010119900307002X', '甲', '女', "
                                "'1990-03-07', '1101010010010001', '110101001001', '', 1, 1)"),
                     BF_OK);
    assert_int_equal(region_columns(f->st, 1), 2);
    assert_int_equal(store_migrate(f->st, &applied, &err), BF_OK);
    assert_int_equal(applied, version - 23);
    assert_int_equal(region_columns(f->st, 1), 0);
    assert_int_equal(store_query_int64(f->st,
                                       "SELECT members FROM households WHERE hukou_region = "
                                       "'110101001001'",
                                       NULL, 0, &members),
                     BF_OK);
    assert_int_equal(members, 1);
    assert_int_equal(store_exec(f->st, "SET enable_seqscan = off"), BF_OK); /* one row */
    assert_true(plan_mentions(f->st, "SELECT name FROM people WHERE hukou_region LIKE '1101%'",
                              "Index Cond: ((hukou_region >= '1101'"));
    assert_int_equal(store_exec(f->st, "RESET enable_seqscan; DELETE FROM people"), BF_OK);
}

static void test_prepare_bind_columns(void **state)
{
    engine_fixture *f = engine_of(state);
    store *st = f->st;
    store_stmt *stmt = NULL;
    assert_int_equal(
        store_exec(st, "CREATE TABLE t_values (id BIGINT PRIMARY KEY, name TEXT, amount BIGINT);"
                       "CREATE INDEX t_values_name ON t_values (name)"),
        BF_OK);
    assert_int_equal(
        store_prepare(st, "INSERT INTO t_values (id, name, amount) VALUES (?, ?, ?)", &stmt),
        BF_OK);
    assert_int_equal(store_column_count(stmt), 0);
    char name[32];
    /* row 1: text copied at bind time, the caller's buffer reused before the step */
    snprintf(name, sizeof name, "张三");
    assert_int_equal(store_bind_int64(stmt, 1, 1), BF_OK);
    assert_int_equal(store_bind_text(stmt, 2, name), BF_OK);
    assert_int_equal(store_bind_int64(stmt, 3, INT64_MAX), BF_OK);
    snprintf(name, sizeof name, "overwritten");
    assert_int_equal(store_step(stmt), BF_DONE);
    assert_int_equal(store_reset(stmt), BF_OK);
    /* row 2: NULL text through bind_text(NULL) */
    assert_int_equal(store_bind_int64(stmt, 1, 2), BF_OK);
    assert_int_equal(store_bind_text(stmt, 2, NULL), BF_OK);
    assert_int_equal(store_bind_int64(stmt, 3, -5), BF_OK);
    assert_int_equal(store_step(stmt), BF_DONE);
    assert_int_equal(store_reset(stmt), BF_OK);
    /* row 3: bind_null, and a binding kept from row 2 is replaced */
    assert_int_equal(store_bind_int64(stmt, 1, 3), BF_OK);
    assert_int_equal(store_bind_text(stmt, 2, "x"), BF_OK);
    assert_int_equal(store_bind_null(stmt, 3), BF_OK);
    assert_int_equal(store_step(stmt), BF_DONE);
    store_finalize(stmt);

    assert_int_equal(
        store_prepare(st, "SELECT id, name, amount FROM t_values WHERE id >= ? ORDER BY id", &stmt),
        BF_OK);
    assert_int_equal(store_column_count(stmt), 3);
    assert_int_equal(store_bind_int64(stmt, 1, 1), BF_OK);
    assert_int_equal(store_step(stmt), BF_ROW);
    assert_string_equal(store_column_text(stmt, 0), "1");
    assert_int_equal(store_column_int64(stmt, 0), 1);
    assert_string_equal(store_column_text(stmt, 1), "张三");
    assert_int_equal(store_column_int64(stmt, 2), INT64_MAX);
    assert_false(store_column_is_null(stmt, 1));
    assert_int_equal(store_step(stmt), BF_ROW);
    assert_null(store_column_text(stmt, 1));
    assert_true(store_column_is_null(stmt, 1));
    assert_int_equal(store_column_int64(stmt, 2), -5);
    assert_int_equal(store_step(stmt), BF_ROW);
    assert_int_equal(store_column_int64(stmt, 0), 3);
    assert_string_equal(store_column_text(stmt, 1), "x");
    assert_null(store_column_text(stmt, 2));
    assert_true(store_column_is_null(stmt, 2));
    assert_int_equal(store_column_int64(stmt, 2), 0);
    assert_int_equal(store_step(stmt), BF_DONE);
    /* rebound and reset: runs again with the new value */
    assert_int_equal(store_reset(stmt), BF_OK);
    assert_int_equal(store_bind_int64(stmt, 1, 3), BF_OK);
    assert_int_equal(store_step(stmt), BF_ROW);
    assert_int_equal(store_column_int64(stmt, 0), 3);
    assert_int_equal(store_step(stmt), BF_DONE);
    /* a step after the end runs it again, as SQLite does */
    assert_int_equal(store_step(stmt), BF_ROW);
    assert_int_equal(store_column_int64(stmt, 0), 3);
    store_finalize(stmt);

    /* text parameters compared with an integer column; an empty result */
    const char *params[] = {"2"};
    int64_t value = 0;
    assert_int_equal(
        store_query_int64(st, "SELECT amount FROM t_values WHERE id = ?", params, 1, &value),
        BF_OK);
    assert_int_equal(value, -5);
    params[0] = "99";
    value = 7;
    assert_int_equal(
        store_query_int64(st, "SELECT amount FROM t_values WHERE id = ?", params, 1, &value),
        BF_OK);
    assert_int_equal(value, 0);
    /* many prepare/finalize cycles (PostgreSQL defers DEALLOCATE in batches) */
    for (int i = 0; i < 100; i++) {
        params[0] = "1";
        assert_int_equal(
            store_query_int64(st, "SELECT COUNT(*) FROM t_values WHERE id >= ?", params, 1, &value),
            BF_OK);
        assert_int_equal(value, 3);
    }
}

/* '?' in strings, quoted identifiers and comments is text, not a placeholder. */
static void test_placeholders_in_literals(void **state)
{
    engine_fixture *f = engine_of(state);
    store_stmt *stmt = NULL;
    assert_int_equal(store_prepare(f->st,
                                   "SELECT '?' AS a, ? AS b, 'it''s ?' AS c, \"?\" AS d /* ? */\n"
                                   "FROM (SELECT 7 AS \"?\") AS q -- why?\n"
                                   "WHERE ? = 1",
                                   &stmt),
                     BF_OK);
    assert_int_equal(store_bind_text(stmt, 1, "v"), BF_OK);
    assert_int_equal(store_bind_int64(stmt, 2, 1), BF_OK);
    assert_int_equal(store_bind_text(stmt, 3, "too many"), BF_ESTORE);
    assert_int_equal(store_step(stmt), BF_ROW);
    assert_string_equal(store_column_text(stmt, 0), "?");
    assert_string_equal(store_column_text(stmt, 1), "v");
    assert_string_equal(store_column_text(stmt, 2), "it's ?");
    assert_int_equal(store_column_int64(stmt, 3), 7);
    assert_int_equal(store_step(stmt), BF_DONE);
    store_finalize(stmt);
    if (!is_postgres(f))
        return;
    /* text always travels as UTF-8 */
    assert_int_equal(store_prepare(f->st, "SELECT current_setting('client_encoding')", &stmt),
                     BF_OK);
    assert_int_equal(store_step(stmt), BF_ROW);
    assert_string_equal(store_column_text(stmt, 0), "UTF8");
    store_finalize(stmt);
    /* PostgreSQL's own string forms */
    assert_int_equal(store_prepare(f->st, "SELECT E'\\'?', $$ ? $$, $q$?$q$, ?", &stmt), BF_OK);
    assert_int_equal(store_bind_text(stmt, 1, "w"), BF_OK);
    assert_int_equal(store_step(stmt), BF_ROW);
    assert_string_equal(store_column_text(stmt, 0), "'?");
    assert_string_equal(store_column_text(stmt, 1), " ? ");
    assert_string_equal(store_column_text(stmt, 2), "?");
    assert_string_equal(store_column_text(stmt, 3), "w");
    store_finalize(stmt);
}

static void test_transactions(void **state)
{
    engine_fixture *f = engine_of(state);
    store *st = f->st;
    store_stmt *stmt = NULL;
    assert_int_equal(store_exec(st, "CREATE TABLE t_tx (id BIGINT PRIMARY KEY, v TEXT)"), BF_OK);
    assert_int_equal(store_rollback(st), BF_OK); /* harmless outside a transaction */
    assert_int_equal(store_begin(st), BF_OK);
    assert_int_equal(store_exec(st, "INSERT INTO t_tx (id, v) VALUES (1, 'kept')"), BF_OK);
    assert_int_equal(store_commit(st), BF_OK);
    assert_int_equal(store_begin(st), BF_OK);
    assert_int_equal(store_prepare(st, "INSERT INTO t_tx (id, v) VALUES (?, ?)", &stmt), BF_OK);
    for (int i = 2; i <= 10; i++) {
        assert_int_equal(store_bind_int64(stmt, 1, i), BF_OK);
        assert_int_equal(store_bind_text(stmt, 2, "rolled back"), BF_OK);
        assert_int_equal(store_step(stmt), BF_DONE);
        assert_int_equal(store_reset(stmt), BF_OK);
    }
    store_finalize(stmt);
    assert_int_equal(count_rows(st, "t_tx"), 10); /* visible inside the transaction */
    assert_int_equal(store_rollback(st), BF_OK);
    assert_int_equal(count_rows(st, "t_tx"), 1);
    const char *params[] = {"rolled back"};
    int64_t value = -1;
    assert_int_equal(
        store_query_int64(st, "SELECT COUNT(*) FROM t_tx WHERE v = ?", params, 1, &value), BF_OK);
    assert_int_equal(value, 0);
}

/* Bytes of the SQLite file at path (its log apart). */
static long long file_bytes(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 ? (long long)info.st_size : -1;
}

/*
 * store_checkpoint_beside copies what a commit left in the log into the database file on a
 * second connection while this one goes on; store_checkpoint_here turns the connection's own
 * copy back on.  PostgreSQL's server copies its log itself: there is no second connection.
 */
static void test_checkpoint_beside(void **state)
{
    engine_fixture *f = engine_of(state);
    store *st = f->st;
    store_stmt *stmt = NULL;
    int elsewhere = -1;
    assert_int_equal(store_exec(st, "CREATE TABLE t_copy (id BIGINT PRIMARY KEY, v TEXT)"), BF_OK);
    assert_int_equal(store_checkpoint_elsewhere(st, &elsewhere), BF_OK);
    assert_int_equal(elsewhere, !f->postgres);
    long long before = f->postgres ? 0 : file_bytes(f->target);
    assert_int_equal(store_begin(st), BF_OK);
    assert_int_equal(store_prepare(st, "INSERT INTO t_copy (id, v) VALUES (?, ?)", &stmt), BF_OK);
    char text[256];
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    for (int i = 0; i < 4000; i++) {
        assert_int_equal(store_bind_int64(stmt, 1, i), BF_OK);
        assert_int_equal(store_bind_text(stmt, 2, text), BF_OK);
        assert_int_equal(store_step(stmt), BF_DONE);
        assert_int_equal(store_reset(stmt), BF_OK);
    }
    store_finalize(stmt);
    assert_int_equal(store_commit(st), BF_OK);
    /* The commit copied nothing: its pages are in the log only. */
    assert_true(f->postgres || file_bytes(f->target) < before + 4000 * 255);
    store_checkpointer *checkpointer = NULL;
    assert_int_equal(store_checkpoint_beside(st, &checkpointer), BF_OK);
    assert_true(f->postgres ? checkpointer == NULL : checkpointer != NULL);
    /* This connection writes meanwhile. */
    assert_int_equal(store_begin(st), BF_OK);
    assert_int_equal(store_exec(st, "INSERT INTO t_copy (id, v) VALUES (-1, 'beside')"), BF_OK);
    assert_int_equal(store_commit(st), BF_OK);
    assert_int_equal(store_checkpoint_beside_join(checkpointer), BF_OK);
    assert_true(f->postgres || file_bytes(f->target) >= before + 4000 * 255);
    assert_int_equal(store_checkpoint_here(st), BF_OK);
    int64_t automatic = -1;
    if (!f->postgres)
        assert_int_equal(store_query_int64(st, "PRAGMA wal_autocheckpoint", NULL, 0, &automatic),
                         BF_OK);
    assert_true(f->postgres || automatic == 1000);
    assert_int_equal(count_rows(st, "t_copy"), 4001);
}

/*
 * A second connection to the same database (SQLite) sees what the first has committed and
 * not its open transaction, and reads while the first writes; an in-memory database and
 * PostgreSQL have none.
 */
static void test_open_again(void **state)
{
    engine_fixture *f = engine_of(state);
    store *st = f->st, *again = NULL, *memory = NULL;
    bf_error err;
    bf_error_clear(&err);
    assert_int_equal(store_exec(st, "CREATE TABLE t_again (id BIGINT PRIMARY KEY)"), BF_OK);
    assert_int_equal(store_exec(st, "INSERT INTO t_again (id) VALUES (1)"), BF_OK);
    int rc = store_open_again(st, STORE_MODE_READ, &again, &err);
    if (f->postgres) {
        assert_int_equal(rc, BF_EUNSUPPORTED);
        assert_null(again);
        return;
    }
    assert_int_equal(rc, BF_OK);
    assert_int_equal(store_begin_exclusive(st, 0, NULL, NULL), BF_OK);
    assert_int_equal(store_exec(st, "INSERT INTO t_again (id) VALUES (2)"), BF_OK);
    assert_int_equal(count_rows(again, "t_again"), 1); /* not the open transaction */
    assert_int_equal(store_commit(st), BF_OK);
    assert_int_equal(count_rows(again, "t_again"), 2);
    assert_int_equal(store_exec(again, "INSERT INTO t_again (id) VALUES (3)"), BF_ESTORE);
    store_close(again);
    assert_int_equal(store_open(":memory:", &memory, &err), BF_OK);
    assert_int_equal(store_open_again(memory, STORE_MODE_READ, &again, &err), BF_EUNSUPPORTED);
    assert_null(again);
    store_close(memory);
}

/*
 * A snapshot reader sees the state of its first read across statements while
 * another connection commits, and does not make that writer wait; after it
 * ends it sees the new rows.
 */
static void test_snapshot_reader(void **state)
{
    engine_fixture *f = engine_of(state);
    store *st = f->st, *writer = NULL;
    bf_error err;
    bf_error_clear(&err);
    assert_int_equal(store_exec(st, "CREATE TABLE t_snap (id BIGINT PRIMARY KEY)"), BF_OK);
    assert_int_equal(store_exec(st, "INSERT INTO t_snap (id) VALUES (1)"), BF_OK);
    assert_int_equal(store_open(f->target, &writer, &err), BF_OK);
    assert_int_equal(store_begin_snapshot(st), BF_OK);
    assert_int_equal(count_rows(st, "t_snap"), 1);
    assert_int_equal(store_begin_exclusive(writer, 0, NULL, NULL), BF_OK);
    assert_int_equal(store_exec(writer, "INSERT INTO t_snap (id) VALUES (2)"), BF_OK);
    assert_int_equal(store_commit(writer), BF_OK);
    assert_int_equal(count_rows(st, "t_snap"), 1); /* still the first read's state */
    assert_int_equal(store_commit(st), BF_OK);
    assert_int_equal(count_rows(st, "t_snap"), 2);
    store_close(writer);
}

/* A store_waiting callback: counts its calls. */
static void count_waits(void *context)
{
    (*(int *)context)++;
}

/*
 * Exclusive writers: a second one fails at once or after its wait with
 * BF_EBUSY (told it waits), readers go on meanwhile, and after the first
 * commits it gets in; the counter never hands out an id twice.
 */
/*
 * A primary key taken off for a bulk load (PostgreSQL) lets duplicates in
 * until its index is built, and is then the table's key again; restoring a
 * key that is there does nothing.  Making the index the key waits at most
 * the time given for a reader in the table, then leaves it.  SQLite cannot
 * take it off, and building or restoring is a no-op there.
 */
static void test_key_drop_restore(void **state)
{
    engine_fixture *f = engine_of(state);
    store *st = f->st, *reader = NULL;
    bf_error err;
    int restored = -1, missing = -1;
    int64_t keys = -1;
    bf_error_clear(&err);
    assert_int_equal(store_exec(st, "CREATE TABLE t_key (id TEXT CONSTRAINT t_key_pk PRIMARY KEY, "
                                    "v TEXT)"),
                     BF_OK);
    assert_int_equal(store_leave_room_for_updates(st, "t_key"), BF_OK);
    assert_int_equal(store_key_index_build(st, "t_key", "t_key_pk", "id", &missing), BF_OK);
    assert_int_equal(missing, 0);
    assert_int_equal(store_key_restore(st, "t_key", "t_key_pk", "id", -1, &restored), BF_OK);
    assert_int_equal(restored, 0);
    if (!is_postgres(f)) {
        assert_false(store_can_drop_key(st));
        assert_int_equal(store_key_drop(st, "t_key", "t_key_pk"), BF_EUNSUPPORTED);
        return;
    }
    assert_true(store_can_drop_key(st));
    assert_int_equal(store_begin(st), BF_OK);
    assert_int_equal(store_key_drop(st, "t_key", "t_key_pk"), BF_OK);
    assert_int_equal(store_exec(st, "INSERT INTO t_key VALUES ('a', '1'), ('a', '2'), ('b', '3')"),
                     BF_OK);
    /* the duplicate fails the index (and the transaction) */
    assert_int_equal(store_key_index_build(st, "t_key", "t_key_pk", "id", &missing), BF_ESTORE);
    assert_int_equal(store_rollback(st), BF_OK);
    assert_int_equal(store_begin(st), BF_OK);
    assert_int_equal(store_key_drop(st, "t_key", "t_key_pk"), BF_OK);
    assert_int_equal(store_exec(st, "INSERT INTO t_key VALUES ('a', '1'), ('b', '3')"), BF_OK);
    assert_int_equal(store_key_index_build(st, "t_key", "t_key_pk", "id", &missing), BF_OK);
    assert_int_equal(missing, 1);
    assert_int_equal(store_commit(st), BF_OK);
    assert_int_not_equal(store_exec(st, "INSERT INTO t_key VALUES ('a', '4')"), BF_OK);
    /* a reader in the table: the key waits 100 ms for it, then is left */
    assert_int_equal(store_open(f->target, &reader, &err), BF_OK);
    assert_int_equal(store_begin(reader), BF_OK);
    assert_int_equal(store_query_int64(reader, "SELECT COUNT(*) FROM t_key", NULL, 0, &keys),
                     BF_OK);
    assert_int_equal(store_begin(st), BF_OK);
    assert_int_equal(store_key_restore(st, "t_key", "t_key_pk", "id", 100, &restored), BF_EBUSY);
    assert_int_equal(restored, 0);
    assert_store_message(st);
    assert_int_equal(store_rollback(st), BF_OK);
    assert_int_equal(store_commit(reader), BF_OK);
    store_close(reader);
    assert_int_equal(store_begin(st), BF_OK);
    assert_int_equal(store_key_restore(st, "t_key", "t_key_pk", "id", 100, &restored), BF_OK);
    assert_int_equal(restored, 1);
    assert_int_equal(store_commit(st), BF_OK);
    assert_int_equal(store_query_int64(st,
                                       "SELECT COUNT(*) FROM pg_constraint WHERE conname = "
                                       "'t_key_pk' AND contype = 'p'",
                                       NULL, 0, &keys),
                     BF_OK);
    assert_int_equal(keys, 1);
    assert_int_equal(store_key_restore(st, "t_key", "t_key_pk", "id", -1, &restored), BF_OK);
    assert_int_equal(restored, 0);
}

static void test_exclusive_writers(void **state)
{
    engine_fixture *f = engine_of(state);
    store *st = f->st, *other = NULL;
    bf_error err;
    bf_error_clear(&err);
    int64_t first = 0, second = 0, read = -1;
    int waited = 0;
    assert_int_equal(store_migrate(st, NULL, &err), BF_OK);
    assert_int_equal(store_open(f->target, &other, &err), BF_OK);
    assert_int_equal(store_begin_exclusive(st, 0, count_waits, &waited), BF_OK);
    assert_int_equal(store_next_id(st, "test_ids", &first), BF_OK);
    assert_int_equal(store_begin_exclusive(other, 0, count_waits, &waited), BF_EBUSY);
    assert_int_equal(waited, 0);
    assert_int_equal(store_begin_exclusive(other, 200, count_waits, &waited), BF_EBUSY);
    assert_int_equal(waited, 1);
    assert_store_message(other);
    assert_int_equal(store_query_int64(other, "SELECT COUNT(*) FROM id_counters", NULL, 0, &read),
                     BF_OK);
    assert_int_equal(read, 1); /* the committed 'batches' row; not the uncommitted one */
    assert_int_equal(store_commit(st), BF_OK);
    assert_int_equal(store_begin_exclusive(other, 0, count_waits, &waited), BF_OK);
    assert_int_equal(store_next_id(other, "test_ids", &second), BF_OK);
    assert_int_equal(store_commit(other), BF_OK);
    assert_int_equal(first, 1);
    assert_int_equal(second, 2);
    /* A rolled-back id is handed out again; a committed one never. */
    assert_int_equal(store_begin(st), BF_OK);
    assert_int_equal(store_next_id(st, "test_ids", &first), BF_OK);
    assert_int_equal(store_rollback(st), BF_OK);
    assert_int_equal(store_next_id(st, "test_ids", &second), BF_OK);
    assert_int_equal(first, 3);
    assert_int_equal(second, 3);
    store_close(other);
}

static void test_errors(void **state)
{
    engine_fixture *f = engine_of(state);
    store *st = f->st;
    store_stmt *stmt = NULL;
    assert_int_equal(store_exec(st, "CREATE TABLE t_err (id BIGINT PRIMARY KEY, v TEXT NOT NULL)"),
                     BF_OK);
    assert_int_equal(store_exec(st, "INSERT INTO t_err (id, v) VALUES (1, 'one')"), BF_OK);

    assert_int_equal(store_prepare(st, "SELEKT nothing FROM nowhere", &stmt), BF_ESTORE);
    assert_null(stmt);
    assert_store_message(st);
    assert_int_equal(store_exec(st, "INSERT INTO no_such_table VALUES (1)"), BF_ESTORE);
    assert_store_message(st);

    /* a primary-key conflict outside a transaction; the connection stays usable */
    assert_int_equal(store_prepare(st, "INSERT INTO t_err (id, v) VALUES (?, ?)", &stmt), BF_OK);
    assert_int_equal(store_bind_int64(stmt, 1, 1), BF_OK);
    assert_int_equal(store_bind_text(stmt, 2, "again"), BF_OK);
    assert_int_equal(store_step(stmt), BF_ESTORE);
    assert_store_message(st);
    /* the reset after a failed step: SQLite's engine repeats the step's error, so not checked */
    store_reset(stmt);
    assert_int_equal(store_bind_int64(stmt, 1, 2), BF_OK);
    assert_int_equal(store_step(stmt), BF_DONE);
    /* a NOT NULL violation */
    assert_int_equal(store_reset(stmt), BF_OK);
    assert_int_equal(store_bind_int64(stmt, 1, 3), BF_OK);
    assert_int_equal(store_bind_null(stmt, 2), BF_OK);
    assert_int_equal(store_step(stmt), BF_ESTORE);
    assert_store_message(st);
    store_reset(stmt);

    /* a conflict inside a transaction: the caller rolls back, earlier rows stay */
    assert_int_equal(store_begin(st), BF_OK);
    assert_int_equal(store_bind_int64(stmt, 1, 4), BF_OK);
    assert_int_equal(store_bind_text(stmt, 2, "four"), BF_OK);
    assert_int_equal(store_step(stmt), BF_DONE);
    assert_int_equal(store_reset(stmt), BF_OK);
    assert_int_equal(store_bind_int64(stmt, 1, 1), BF_OK);
    assert_int_equal(store_step(stmt), BF_ESTORE);
    assert_store_message(st);
    if (is_postgres(f)) {
        /* the failed transaction is not reported as committed */
        assert_int_equal(store_commit(st), BF_ESTORE);
        assert_store_message(st);
    }
    assert_int_equal(store_rollback(st), BF_OK);
    store_finalize(stmt);
    assert_int_equal(count_rows(st, "t_err"), 2);

    if (is_postgres(f)) {
        /* COPY belongs to bulk loads: exec refuses it and the connection stays usable */
        assert_int_equal(store_exec(st, "COPY t_err (id, v) FROM STDIN"), BF_ESTORE);
        assert_store_message(st);
        assert_int_equal(store_exec(st, "COPY t_err (id, v) TO STDOUT"), BF_ESTORE);
        assert_int_equal(count_rows(st, "t_err"), 2);
    }

    /* COPY is for bulk loads only, never a statement (PostgreSQL would wait for its data) */
    stmt = NULL;
    assert_int_not_equal(store_prepare(st, " /* c */ COPY t_err (id, v) FROM STDIN", &stmt), BF_OK);
    assert_null(stmt);
    assert_store_message(st);
    assert_int_not_equal(store_prepare(st, "copy t_err (id, v) TO STDOUT", &stmt), BF_OK);
    assert_int_equal(count_rows(st, "t_err"), 2);

    /* binding outside the parameters */
    assert_int_equal(store_prepare(st, "SELECT v FROM t_err WHERE id = ?", &stmt), BF_OK);
    assert_int_equal(store_bind_int64(stmt, 2, 1), BF_ESTORE);
    assert_int_equal(store_bind_int64(stmt, 0, 1), BF_ESTORE);
    store_finalize(stmt);
}

/* The id-th row of a bulk load: its text and its note (NULL every 7th row). */
static void bulk_values(int id, char *id_text, size_t id_size, const char **text, char *note,
                        size_t note_size)
{
    snprintf(id_text, id_size, "%d", id);
    *text = bulk_texts[id % BULK_TEXT_COUNT];
    snprintf(note, note_size, "第%d行\t%s", id, id % 2 ? "odd" : "even");
}

/* Loads TEST_BULK_ROWS rows into table (id, txt, note) in one transaction. */
static void bulk_load(store *st, const char *table)
{
    char sql[256];
    snprintf(sql, sizeof sql, "CREATE TABLE %s (id BIGINT PRIMARY KEY, txt TEXT, note TEXT)",
             table);
    assert_int_equal(store_exec(st, sql), BF_OK);
    const char *const columns[] = {"id", "txt", "note"};
    store_bulk *bulk = NULL;
    assert_int_equal(store_begin(st), BF_OK);
    assert_int_equal(store_bulk_begin(st, table, columns, 3, &bulk), BF_OK);
    for (int id = 0; id < TEST_BULK_ROWS; id++) {
        char id_text[32], note[64];
        const char *values[3];
        bulk_values(id, id_text, sizeof id_text, &values[1], note, sizeof note);
        values[0] = id_text;
        values[2] = id % 7 == 0 ? NULL : note;
        assert_int_equal(store_bulk_row(bulk, values), BF_OK);
    }
    assert_int_equal(store_bulk_end(bulk, 1), BF_OK);
    assert_int_equal(store_commit(st), BF_OK);
}

/* Checks that the current row of stmt (id, txt, note) is the id-th row of bulk_load. */
static void assert_bulk_row(store_stmt *stmt, int id)
{
    char id_text[32], note[64];
    const char *text;
    bulk_values(id, id_text, sizeof id_text, &text, note, sizeof note);
    assert_int_equal(store_column_int64(stmt, 0), id);
    if (text == NULL)
        assert_null(store_column_text(stmt, 1));
    else
        assert_string_equal(store_column_text(stmt, 1), text);
    if (id % 7 == 0)
        assert_true(store_column_is_null(stmt, 2));
    else
        assert_string_equal(store_column_text(stmt, 2), note);
}

static void test_bulk_load(void **state)
{
    engine_fixture *f = engine_of(state);
    store *st = f->st;
    bulk_load(st, "t_bulk");
    assert_int_equal(count_rows(st, "t_bulk"), TEST_BULK_ROWS);
    int64_t nulls = -1;
    assert_int_equal(
        store_query_int64(st, "SELECT COUNT(*) FROM t_bulk WHERE txt IS NULL", NULL, 0, &nulls),
        BF_OK);
    assert_int_equal(nulls, TEST_BULK_ROWS / BULK_TEXT_COUNT);
    store_stmt *stmt = NULL;
    assert_int_equal(
        store_prepare(st, "SELECT id, txt, note FROM t_bulk WHERE id < ? ORDER BY id", &stmt),
        BF_OK);
    assert_int_equal(store_bind_int64(stmt, 1, 50), BF_OK);
    for (int id = 0; id < 50; id++) {
        assert_int_equal(store_step(stmt), BF_ROW);
        assert_bulk_row(stmt, id);
    }
    assert_int_equal(store_step(stmt), BF_DONE);
    store_finalize(stmt);

    /* abandoned load + rollback leaves nothing */
    const char *const columns[] = {"id", "txt", "note"};
    store_bulk *bulk = NULL;
    assert_int_equal(store_exec(st, "CREATE TABLE t_bulk_gone (id BIGINT PRIMARY KEY, txt TEXT, "
                                    "note TEXT)"),
                     BF_OK);
    assert_int_equal(store_begin(st), BF_OK);
    assert_int_equal(store_bulk_begin(st, "t_bulk_gone", columns, 3, &bulk), BF_OK);
    for (int id = 0; id < 2000; id++) {
        char id_text[32];
        snprintf(id_text, sizeof id_text, "%d", id);
        const char *values[] = {id_text, "abandoned", NULL};
        assert_int_equal(store_bulk_row(bulk, values), BF_OK);
    }
    assert_int_equal(store_bulk_end(bulk, 0), BF_OK);
    assert_int_equal(store_rollback(st), BF_OK);
    assert_int_equal(count_rows(st, "t_bulk_gone"), 0);

    /* a duplicate key fails the load (at the row on SQLite, at the end on PostgreSQL) */
    assert_int_equal(store_begin(st), BF_OK);
    assert_int_equal(store_bulk_begin(st, "t_bulk", columns, 3, &bulk), BF_OK);
    const char *values[] = {"5", "duplicate", NULL};
    int rc = store_bulk_row(bulk, values);
    assert_int_equal(store_bulk_end(bulk, rc == BF_OK), rc == BF_OK ? BF_ESTORE : BF_OK);
    assert_store_message(st);
    assert_int_equal(store_rollback(st), BF_OK);
    assert_int_equal(count_rows(st, "t_bulk"), TEST_BULK_ROWS);

    /* a bad table is reported at bulk_begin */
    assert_int_equal(store_bulk_begin(st, "no_such_table", columns, 3, &bulk), BF_ESTORE);
    assert_store_message(st);
}

/* A SELECT over all rows streams; other statements may run while it is half-read. */
static void test_streaming_select(void **state)
{
    engine_fixture *f = engine_of(state);
    store *st = f->st;
    store_stmt *stmt = NULL;
    bulk_load(st, "t_stream");
    assert_int_equal(store_exec(st, "CREATE TABLE t_side (id BIGINT PRIMARY KEY)"), BF_OK);
    assert_int_equal(store_prepare(st, "SELECT id, txt, note FROM t_stream ORDER BY id", &stmt),
                     BF_OK);
    int id = 0, rc;
    while ((rc = store_step(stmt)) == BF_ROW) {
        assert_bulk_row(stmt, id);
        if (id == 100) {
            /* half-read: a query and an insert in between */
            assert_int_equal(count_rows(st, "t_stream"), TEST_BULK_ROWS);
            assert_int_equal(store_exec(st, "INSERT INTO t_side (id) VALUES (1)"), BF_OK);
            assert_bulk_row(stmt, id); /* the current row is still readable */
        }
        id++;
    }
    assert_int_equal(rc, BF_DONE);
    assert_int_equal(id, TEST_BULK_ROWS);
    assert_int_equal(count_rows(st, "t_side"), 1);

    /* reset half-way starts again from the first row */
    assert_int_equal(store_reset(stmt), BF_OK);
    for (id = 0; id < 5; id++) {
        assert_int_equal(store_step(stmt), BF_ROW);
        assert_bulk_row(stmt, id);
    }
    assert_int_equal(store_reset(stmt), BF_OK);
    assert_int_equal(store_step(stmt), BF_ROW);
    assert_bulk_row(stmt, 0);
    /* finalized half-way: the connection is free again */
    store_finalize(stmt);
    assert_int_equal(count_rows(st, "t_side"), 1);
}

/* What each_row_check counts: the rows seen, and the row at which to stop (-1: none). */
typedef struct each_row_seen {
    int rows;
    int stop_at;
} each_row_seen;

/* One row of store_each_row over a bulk load: the next row of bulk_load, values as text. */
static int each_row_check(void *context, const char *const *values, int count)
{
    each_row_seen *seen = context;
    char id_text[32], note[64];
    const char *text;
    int id = seen->rows++;
    bulk_values(id, id_text, sizeof id_text, &text, note, sizeof note);
    assert_int_equal(count, 3);
    assert_string_equal(values[0], id_text);
    if (text == NULL)
        assert_null(values[1]);
    else
        assert_string_equal(values[1], text);
    if (id % 7 == 0)
        assert_null(values[2]);
    else
        assert_string_equal(values[2], note);
    return id == seen->stop_at ? BF_ENOTFOUND : BF_OK;
}

/*
 * store_each_row hands every row over, each value as stored (tabs, line breaks, backslashes,
 * the text "\N", empty text and NULL apart; PostgreSQL reads them through COPY's escapes);
 * a callback's refusal stops it with the callback's code and leaves the connection usable; a
 * bad query is the engine's error.
 */
static void test_each_row(void **state)
{
    engine_fixture *f = engine_of(state);
    store *st = f->st;
    bulk_load(st, "t_each");
    each_row_seen seen = {0, -1};
    assert_int_equal(
        store_each_row(st, "SELECT id, txt, note FROM t_each ORDER BY id", each_row_check, &seen),
        BF_OK);
    assert_int_equal(seen.rows, TEST_BULK_ROWS);
    seen = (each_row_seen){0, 100};
    assert_int_equal(
        store_each_row(st, "SELECT id, txt, note FROM t_each ORDER BY id", each_row_check, &seen),
        BF_ENOTFOUND);
    assert_int_equal(seen.rows, 101);
    assert_int_equal(count_rows(st, "t_each"), TEST_BULK_ROWS);
    seen = (each_row_seen){0, -1};
    assert_int_equal(store_each_row(st, "SELECT nothing FROM no_such_table", each_row_check, &seen),
                     BF_ESTORE);
    assert_store_message(st);
    assert_int_equal(seen.rows, 0);
    /* More columns than a row hands over: refused, the connection still usable. */
    char wide[1024];
    size_t used = (size_t)snprintf(wide, sizeof wide, "SELECT id");
    for (int c = 0; c < STORE_EACH_ROW_COLUMNS_MAX; c++)
        used += (size_t)snprintf(wide + used, sizeof wide - used, ", id");
    snprintf(wide + used, sizeof wide - used, " FROM t_each");
    assert_int_equal(store_each_row(st, wide, each_row_check, &seen), BF_ETOOBIG);
    assert_non_null(strstr(store_error_message(st), "64"));
    assert_int_equal(seen.rows, 0);
    assert_int_equal(count_rows(st, "t_each"), TEST_BULK_ROWS);
}

/*
 * store_rows reads every row in order past the engine's batches (PostgreSQL
 * fetches a cursor 32,768 rows at a time: TEST_BULK_ROWS crosses a batch), with
 * a parameter, inside a transaction and outside one, with another read and a
 * write run half-way, and closed half-read with the connection free after.
 */
static void test_rows_read(void **state)
{
    engine_fixture *f = engine_of(state);
    store *st = f->st;
    bulk_load(st, "t_rows");
    assert_int_equal(store_exec(st, "CREATE TABLE t_rows_side (id BIGINT PRIMARY KEY)"), BF_OK);
    const char *const from[] = {"3"};
    for (int in_transaction = 0; in_transaction < 2; in_transaction++) {
        if (in_transaction)
            assert_int_equal(store_begin_snapshot(st), BF_OK);
        bf_error err = {0};
        store_rows rows;
        assert_int_equal(store_rows_open(st,
                                         "SELECT id, txt, note FROM t_rows WHERE id >= ? "
                                         "ORDER BY id",
                                         from, 1, &rows, &err),
                         BF_OK);
        int id = 3, step;
        while ((step = store_rows_next(&rows)) == 1) {
            assert_bulk_row(rows.stmt, id);
            if (id == 8191 + in_transaction) {
                /* half-read, at a batch's last row: another read and a write in between */
                store_rows other;
                assert_int_equal(store_rows_open(st, "SELECT id FROM t_rows WHERE id < 2", NULL, 0,
                                                 &other, &err),
                                 BF_OK);
                assert_int_equal(store_rows_next(&other), 1);
                assert_int_equal(store_rows_next(&other), 1);
                assert_int_equal(store_rows_next(&other), 0);
                store_rows_close(&other);
                if (!in_transaction)
                    assert_int_equal(store_exec(st, "INSERT INTO t_rows_side (id) VALUES (1)"),
                                     BF_OK);
                assert_bulk_row(rows.stmt, id); /* the current row is still readable */
            }
            id++;
        }
        assert_int_equal(step, 0);
        assert_int_equal(id, TEST_BULK_ROWS);
        store_rows_close(&rows);
        /* closed half-read: the connection is free, and a new read starts at the first row */
        assert_int_equal(store_rows_open(st, "SELECT id, txt, note FROM t_rows ORDER BY id", NULL,
                                         0, &rows, &err),
                         BF_OK);
        for (id = 0; id < 9000; id++) {
            assert_int_equal(store_rows_next(&rows), 1);
            assert_bulk_row(rows.stmt, id);
        }
        store_rows_close(&rows);
        assert_int_equal(count_rows(st, "t_rows_side"), 1);
        if (in_transaction)
            assert_int_equal(store_commit(st), BF_OK);
    }
    assert_int_equal(store_exec(st, "INSERT INTO t_rows_side (id) VALUES (2)"), BF_OK);
    assert_int_equal(count_rows(st, "t_rows_side"), 2);
}

/*
 * A store that caches its statements hands the same statement back for the same text outside a
 * transaction, with no parameter left from its last use, a new one while the first is still in
 * use, and a new one inside a transaction; past STORE_STMT_CACHE_MAX texts the oldest idle one
 * goes, and every answer stays right.
 */
static void test_statement_cache(void **state)
{
    engine_fixture *f = engine_of(state);
    store *st = NULL;
    bf_error err;
    assert_int_equal(store_open_mode(f->target, STORE_MODE_WRITE, &st, &err), BF_OK);
    assert_int_equal(store_cache_statements(st), BF_OK);
    assert_int_equal(store_exec(st, "CREATE TABLE t_cache (id BIGINT PRIMARY KEY, v TEXT)"), BF_OK);
    assert_int_equal(
        store_exec(st, "INSERT INTO t_cache (id, v) VALUES (1, 'one'), (2, NULL), (3, NULL)"),
        BF_OK);
    const char *sql =
        "SELECT COUNT(*) FROM t_cache WHERE v = ? OR (CAST(? AS TEXT) IS NULL AND v IS NULL)";
    store_stmt *first = NULL, *again = NULL, *other = NULL;
    assert_int_equal(store_prepare(st, sql, &first), BF_OK);
    assert_int_equal(store_bind_text(first, 1, "one"), BF_OK);
    assert_int_equal(store_bind_text(first, 2, "one"), BF_OK);
    assert_int_equal(store_step(first), BF_ROW);
    assert_int_equal(store_column_int64(first, 0), 1);
    assert_int_equal(store_prepare(st, sql, &other), BF_OK); /* first is still in use */
    assert_ptr_not_equal(other, first);
    store_finalize(other);
    store_finalize(first);
    assert_int_equal(store_prepare(st, sql, &again), BF_OK);
    assert_ptr_equal(again, first);
    /* No parameter bound: both NULL, not the 'one' of the last use. */
    assert_int_equal(store_step(again), BF_ROW);
    assert_int_equal(store_column_int64(again, 0), 2); /* the rows with v NULL */
    store_finalize(again);
    assert_int_equal(store_begin(st), BF_OK);
    assert_int_equal(store_prepare(st, sql, &other), BF_OK);
    assert_ptr_not_equal(other, first);
    store_finalize(other);
    assert_int_equal(store_rollback(st), BF_OK);
    /* store_read_begin: the cache's statements, one snapshot on SQLite (nothing on PostgreSQL). */
    store *writer = NULL;
    assert_int_equal(store_open_mode(f->target, STORE_MODE_WRITE, &writer, &err), BF_OK);
    const char *total = "SELECT COUNT(*) FROM t_cache";
    int64_t rows = 0;
    assert_int_equal(store_read_begin(st), BF_OK);
    assert_int_equal(store_prepare(st, sql, &again), BF_OK);
    assert_ptr_equal(again, first);
    store_finalize(again);
    assert_int_equal(store_query_int64(st, total, NULL, 0, &rows), BF_OK);
    assert_int_equal(rows, 3);
    assert_int_equal(store_exec(writer, "INSERT INTO t_cache (id, v) VALUES (4, 'four')"), BF_OK);
    assert_int_equal(store_query_int64(st, total, NULL, 0, &rows), BF_OK);
    assert_int_equal(rows, f->postgres ? 4 : 3);
    store_read_end(st);
    assert_int_equal(store_query_int64(st, total, NULL, 0, &rows), BF_OK);
    assert_int_equal(rows, 4);
    assert_int_equal(store_exec(writer, "DELETE FROM t_cache WHERE id = 4"), BF_OK);
    store_close(writer);
    /* store_cache_statements_always: inside transactions too. */
    assert_int_equal(store_cache_statements_always(st), BF_OK);
    assert_int_equal(store_begin(st), BF_OK);
    assert_int_equal(store_prepare(st, sql, &again), BF_OK);
    assert_ptr_equal(again, first);
    store_finalize(again);
    assert_int_equal(store_rollback(st), BF_OK);
    for (int i = 0; i < STORE_STMT_CACHE_MAX + 20; i++) {
        char text[128];
        snprintf(text, sizeof text, "SELECT COUNT(*) + %d FROM t_cache WHERE id >= ?", i);
        for (int round = 0; round < 2; round++) {
            store_stmt *stmt = NULL;
            assert_int_equal(store_prepare(st, text, &stmt), BF_OK);
            assert_int_equal(store_bind_int64(stmt, 1, 2), BF_OK);
            assert_int_equal(store_step(stmt), BF_ROW);
            assert_int_equal(store_column_int64(stmt, 0), 2 + i);
            store_finalize(stmt);
        }
    }
    assert_int_equal(store_exec(st, "DROP TABLE t_cache"), BF_OK);
    store_close(st); /* finalizes the cached statements: leaks show under ASan */
}

int main(void)
{
    const struct CMUnitTest common_tests[] = {
        cmocka_unit_test(test_engine_for),
        cmocka_unit_test(test_postgres_open_failure),
        cmocka_unit_test(test_target_shown),
    };
    /* the same tests, in this order, for each engine */
#define ENGINE_TESTS                                                                               \
    {                                                                                              \
        cmocka_unit_test(test_migrate_idempotent), cmocka_unit_test(test_key_collation),           \
            cmocka_unit_test(test_region_collation), cmocka_unit_test(test_prepare_bind_columns),  \
            cmocka_unit_test(test_placeholders_in_literals), cmocka_unit_test(test_transactions),  \
            cmocka_unit_test(test_snapshot_reader), cmocka_unit_test(test_errors),                 \
            cmocka_unit_test(test_bulk_load), cmocka_unit_test(test_streaming_select),             \
            cmocka_unit_test(test_rows_read), cmocka_unit_test(test_open_modes),                   \
            cmocka_unit_test(test_rollback_keeps_first_error),                                     \
            cmocka_unit_test(test_exclusive_writers), cmocka_unit_test(test_key_drop_restore),     \
            cmocka_unit_test(test_statement_cache), cmocka_unit_test(test_checkpoint_beside),      \
            cmocka_unit_test(test_open_again), cmocka_unit_test(test_each_row),                    \
    }
    const struct CMUnitTest sqlite_tests[] = ENGINE_TESTS;
    const struct CMUnitTest postgresql_tests[] = ENGINE_TESTS;
#undef ENGINE_TESTS
    bf_locale_init();
    int failed = cmocka_run_group_tests(common_tests, NULL, NULL);
    failed += cmocka_run_group_tests(sqlite_tests, sqlite_setup, engine_teardown);
    failed += cmocka_run_group_tests(postgresql_tests, postgres_setup, engine_teardown);
    return failed != 0;
}
