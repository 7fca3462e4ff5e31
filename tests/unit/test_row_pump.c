/*
 * test_row_pump.c - the rows of several queries read by a second thread
 * (services/row_pump.c) on SQLite and on PostgreSQL: every row of each query,
 * in order, across many blocks, texts and integers and NULLs as stored; the
 * end of each query; a failing query's message after the rows before it; and
 * a pump stopped before its last row.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/error.h"
#include "services/row_pump.h"
#include "test_directory.h"
#include "test_engines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* More rows than several blocks hold, so that blocks are handed over and reused. */
#define PUMP_TEST_ROWS (ROW_PUMP_ROWS * ROW_PUMP_BLOCKS * 2 + 7)

/* The pump of the running test: a failed assertion leaves it to the teardown to stop. */
static row_pump *running;

static int sqlite_setup(void **state)
{
    return engine_sqlite_setup(state, "pump.sqlite", NULL);
}

static int postgres_setup(void **state)
{
    return engine_postgres_setup(state, "bangfu_test_pump", NULL);
}

/* Stops the pump a failed test left running and drops its table, so the next test starts clean. */
static int test_teardown(void **state)
{
    engine_fixture *f = *state;
    row_pump_stop(running);
    running = NULL;
    return f->skip || store_exec(f->st, "DROP TABLE IF EXISTS pump_rows") == BF_OK ? 0 : -1;
}

/* A table of PUMP_TEST_ROWS rows: n, its text, and NULL for every third. */
static void fill(store *st)
{
    assert_int_equal(store_exec(st, "CREATE TABLE pump_rows (n BIGINT, label TEXT, maybe TEXT)"),
                     BF_OK);
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO pump_rows WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM "
             "c WHERE n < %d) SELECT n, 'row ' || n, CASE WHEN n %% 3 = 0 THEN NULL ELSE "
             "'x' END FROM c",
             PUMP_TEST_ROWS);
    assert_int_equal(store_exec(st, sql), BF_OK);
}

static void test_rows_in_order(void **state)
{
    engine_fixture *f = engine_of(state);
    fill(f->st);
    static const char *const params[] = {"5"};
    const row_pump_query queries[] = {
        {"SELECT n, label, maybe FROM pump_rows ORDER BY n", NULL, 0, "itt"},
        {"SELECT n FROM pump_rows WHERE n < 0", NULL, 0, "i"},
        {"SELECT label, n FROM pump_rows WHERE n <= CAST(? AS BIGINT) ORDER BY n", params, 1, "ti"},
    };
    row_pump *pump = NULL;
    row_pump_row row;
    bf_error err;
    bf_error_clear(&err);
    assert_int_equal(row_pump_start(f->st, queries, 3, &pump, &err), BF_OK);
    running = pump;
    char label[32];
    for (int n = 1; n <= PUMP_TEST_ROWS; n++) {
        assert_int_equal(row_pump_next(pump, &row, &err), 1);
        assert_int_equal(row_pump_int64(&row, 0), n);
        snprintf(label, sizeof label, "row %d", n);
        assert_string_equal(row_pump_text(&row, 1), label);
        assert_int_equal(row_pump_is_null(&row, 2), n % 3 == 0);
        if (n % 3 != 0)
            assert_string_equal(row_pump_text(&row, 2), "x");
    }
    assert_int_equal(row_pump_next(pump, &row, &err), 0);
    assert_int_equal(row_pump_next(pump, &row, &err), 0); /* the empty query */
    for (int n = 1; n <= 5; n++) {
        assert_int_equal(row_pump_next(pump, &row, &err), 1);
        assert_int_equal(row_pump_int64(&row, 1), n);
    }
    assert_int_equal(row_pump_next(pump, &row, &err), 0);
    assert_int_not_equal(row_pump_next(pump, &row, &err), 1); /* past the last query */
    row_pump_stop(pump);
    running = NULL;
}

static void test_failure_and_stop(void **state)
{
    engine_fixture *f = engine_of(state);
    fill(f->st);
    const row_pump_query queries[] = {
        {"SELECT n FROM pump_rows WHERE n <= 3 ORDER BY n", NULL, 0, "i"},
        {"SELECT n FROM no_such_table", NULL, 0, "i"},
        {"SELECT n FROM pump_rows", NULL, 0, "i"},
    };
    row_pump *pump = NULL;
    row_pump_row row;
    bf_error err;
    bf_error_clear(&err);
    assert_int_equal(row_pump_start(f->st, queries, 3, &pump, &err), BF_OK);
    running = pump;
    for (int n = 1; n <= 3; n++)
        assert_int_equal(row_pump_next(pump, &row, &err), 1);
    assert_int_equal(row_pump_next(pump, &row, &err), 0);
    int rc = row_pump_next(pump, &row, &err);
    assert_true(rc < 0);
    assert_non_null(strstr(err.message, "no_such_table"));
    row_pump_stop(pump);
    running = NULL;
    /* Stopped with blocks full and the thread waiting for a free one. */
    pump = NULL;
    assert_int_equal(row_pump_start(f->st, queries + 2, 1, &pump, &err), BF_OK);
    running = pump;
    assert_int_equal(row_pump_next(pump, &row, &err), 1);
    row_pump_stop(pump);
    running = NULL;
    /* The store is the caller's again. */
    int64_t count = 0;
    assert_int_equal(store_query_int64(f->st, "SELECT COUNT(*) FROM pump_rows", NULL, 0, &count),
                     BF_OK);
    assert_int_equal(count, PUMP_TEST_ROWS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_rows_in_order, test_teardown),
        cmocka_unit_test_teardown(test_failure_and_stop, test_teardown),
    };
    int failed =
        cmocka_run_group_tests_name("row pump on sqlite", tests, sqlite_setup, engine_teardown);
    failed += cmocka_run_group_tests_name("row pump on postgresql", tests, postgres_setup,
                                          engine_teardown);
    return failed;
}
