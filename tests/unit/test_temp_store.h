/*
 * test_temp_store.h - a migrated SQLite database in a temporary file for a unit test:
 * test_temp_store() creates it from a mkstemp() template and opens it, test_temp_store_remove()
 * removes it with its -wal and -shm.  Include after cmocka.h.
 */
#ifndef BANGFU_TESTS_TEST_TEMP_STORE_H
#define BANGFU_TESTS_TEST_TEMP_STORE_H

#include "store/migrate.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* A new migrated SQLite database at path, a mkstemp() template it fills in. */
static store *test_temp_store(char *path)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    bf_error err;
    store *st = NULL;
    assert_int_equal(store_open(path, &st, &err), BF_OK);
    assert_int_equal(store_migrate(st, NULL, &err), BF_OK);
    return st;
}

/* Removes the database of test_temp_store() with its -wal and -shm. */
static void test_temp_store_remove(const char *path)
{
    char side[1024];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

#endif
