/*
 * test_engines.h - one migrated database per storage engine for the unit
 * tests that run on both: an SQLite file in the test directory, and a fresh
 * PostgreSQL database on the server whose URL base is $BANGFU_TEST_PG (e.g.
 * postgresql://postgres@127.0.0.1:55432/; the half is skipped without it),
 * dropped at teardown.  Both get the same seed SQL (the regions a test
 * needs).  Include after cmocka.h and test_directory.h; a test file wraps
 * engine_sqlite_setup() and engine_postgres_setup() in its group setups.
 */
#ifndef BANGFU_TESTS_TEST_ENGINES_H
#define BANGFU_TESTS_TEST_ENGINES_H

#include "store/migrate.h"
#include "store/store.h"

/* One engine's database for a group of tests. */
typedef struct engine_fixture {
    int skip;     /* 1: PostgreSQL without $BANGFU_TEST_PG */
    int postgres; /* 1 for the PostgreSQL half */
    char target[TEST_PATH_MAX];
    char admin[TEST_PATH_MAX]; /* PostgreSQL: the "postgres" database, for CREATE/DROP */
    char database[64];         /* PostgreSQL: the fresh database's name */
    store *st;
} engine_fixture;

/*
 * Opens f->target; unless bare (test_store checks the migrations itself),
 * applies the migrations and runs seed (may be NULL).
 */
static int engine_prepare(engine_fixture *f, int bare, const char *seed)
{
    bf_error err;
    bf_error_clear(&err);
    if (store_open(f->target, &f->st, &err) != BF_OK ||
        (!bare && store_migrate(f->st, NULL, &err) != BF_OK)) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    return bare || seed == NULL || store_exec(f->st, seed) == BF_OK ? 0 : -1;
}

static int engine_postgres_admin(const engine_fixture *f, const char *sql)
{
    store *admin = NULL;
    bf_error err;
    bf_error_clear(&err);
    int rc = store_open(f->admin, &admin, &err);
    if (rc != BF_OK) {
        fprintf(stderr, "%s\n", err.message);
        return rc;
    }
    rc = store_exec(admin, sql);
    if (rc != BF_OK)
        fprintf(stderr, "%s: %s\n", sql, store_error_message(admin));
    store_close(admin);
    return rc;
}

/* The SQLite half: file (a name in the test directory), migrated and seeded unless bare. */
static int engine_sqlite_open(void **state, const char *file, int bare, const char *seed)
{
    engine_fixture *f = calloc(1, sizeof *f);
    if (f == NULL || setup_directory(state) != 0)
        return -1;
    *state = f;
    temporary_path(f->target, file);
    return engine_prepare(f, bare, seed);
}

/* The PostgreSQL half: a database named prefix_PID, created fresh, migrated and seeded
 * unless bare. */
static int engine_postgres_open(void **state, const char *prefix, int bare, const char *seed)
{
    engine_fixture *f = calloc(1, sizeof *f);
    if (f == NULL || setup_directory(state) != 0)
        return -1;
    *state = f;
    f->postgres = 1;
    const char *base = getenv("BANGFU_TEST_PG");
    if (base == NULL || base[0] == '\0') {
        f->skip = 1;
        return 0;
    }
    char sql[256];
    snprintf(f->database, sizeof f->database, "%s_%ld", prefix, (long)getpid());
    snprintf(f->admin, sizeof f->admin, "%spostgres", base);
    snprintf(f->target, sizeof f->target, "%s%s", base, f->database);
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", f->database);
    if (engine_postgres_admin(f, sql) != BF_OK)
        return -1;
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", f->database);
    if (engine_postgres_admin(f, sql) != BF_OK)
        return -1;
    return engine_prepare(f, bare, seed);
}

/* The two halves of the tests that run on migrated, seeded databases. */
__attribute__((unused)) static int engine_sqlite_setup(void **state, const char *file,
                                                       const char *seed)
{
    return engine_sqlite_open(state, file, 0, seed);
}

__attribute__((unused)) static int engine_postgres_setup(void **state, const char *prefix,
                                                         const char *seed)
{
    return engine_postgres_open(state, prefix, 0, seed);
}

static int engine_teardown(void **state)
{
    engine_fixture *f = *state;
    int rc = 0;
    store_close(f->st);
    if (f->postgres && !f->skip) {
        char sql[256];
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", f->database);
        rc = engine_postgres_admin(f, sql) == BF_OK ? 0 : -1;
    }
    free(f);
    return teardown_directory(state) == 0 ? rc : -1;
}

/* The fixture of a test; skips the test (with a note) when its engine is not available. */
static engine_fixture *engine_of(void **state)
{
    engine_fixture *f = *state;
    if (f->skip) {
        print_message("[   INFO   ] PostgreSQL half skipped: BANGFU_TEST_PG is not set\n");
        skip();
    }
    return f;
}

#endif
