/*
 * test_directory.h - the scratch directory of a unit test program: created
 * fresh under $TMPDIR by setup_directory() (the group setup), removed with
 * everything in it by teardown_directory().  Include after cmocka.h.
 */
#ifndef BANGFU_TESTS_TEST_DIRECTORY_H
#define BANGFU_TESTS_TEST_DIRECTORY_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Longest path built by the tests, and longest test directory. */
#define TEST_PATH_MAX      1024
#define TEST_DIRECTORY_MAX 512

/* The directory of the test files of this run (created by setup_directory). */
static char directory[TEST_DIRECTORY_MAX];

static int setup_directory(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp";
    snprintf(directory, sizeof directory, "%s/bangfu_test_XXXXXX", tmp);
    return mkdtemp(directory) != NULL ? 0 : -1;
}

static int teardown_directory(void **state)
{
    (void)state;
    char command[TEST_DIRECTORY_MAX + 16];
    snprintf(command, sizeof command, "rm -rf '%s'", directory);
    return system(command) == 0 ? 0 : -1;
}

/* path of a file in the run's directory */
static void temporary_path(char *path, const char *name)
{
    snprintf(path, TEST_PATH_MAX, "%s/%s", directory, name);
}

/* Entries of the run's directory whose name starts with prefix. */
__attribute__((unused)) static int count_starting(const char *prefix)
{
    int count = 0;
    DIR *dir = opendir(directory);
    assert_non_null(dir);
    for (struct dirent *entry; (entry = readdir(dir)) != NULL;)
        count += strncmp(entry->d_name, prefix, strlen(prefix)) == 0;
    closedir(dir);
    return count;
}

#endif
