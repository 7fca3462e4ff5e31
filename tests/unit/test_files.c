/*
 * test_files.c - files that hold personal data: io/safe_file and what
 * io/table_writer builds on it (no symlink followed, mode 0600 whatever the
 * umask, no temporary left after a signal or a dead run), formulas
 * neutralised in written cells, XLSX continued on further worksheets, and the
 * modes of an SQLite database and its -wal and -shm files.
 *
 * Files are written to a fresh directory under $TMPDIR, removed at the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_directory.h"

#include "core/error.h"
#include "io/safe_file.h"
#include "io/table_reader.h"
#include "io/table_writer.h"
#include "store/store.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

/* Bytes of a worksheet part read for checks. */
#define TEST_PART_MAX (1 << 20)

static void write_text(const char *path, const char *text)
{
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    fputs(text, file);
    assert_int_equal(fclose(file), 0);
}

/* The whole file at path, NUL-terminated (caller frees). */
static char *read_text(const char *path)
{
    FILE *file = fopen(path, "rb");
    assert_non_null(file);
    char *data = calloc(TEST_PART_MAX + 1, 1);
    assert_non_null(data);
    fread(data, 1, TEST_PART_MAX, file);
    fclose(file);
    return data;
}

/* The permission bits of path (not following a symlink). */
static mode_t mode_of(const char *path)
{
    struct stat info;
    assert_int_equal(lstat(path, &info), 0);
    return info.st_mode & 07777;
}

/* Writes rows of 2 cells (header "a","b" first) to path and keeps the file. */
static void write_table(const char *path, int rows)
{
    table_writer *writer;
    bf_error err;
    const char *header[] = {"a", "b"};
    assert_int_equal(table_writer_open(path, &writer, &err), BF_OK);
    assert_int_equal(table_writer_row(writer, header, 2, &err), BF_OK);
    for (int r = 0; r < rows; r++) {
        char text[32];
        snprintf(text, sizeof text, "%d", r + 1);
        const char *cells[] = {text, "x"};
        assert_int_equal(table_writer_row(writer, cells, 2, &err), BF_OK);
    }
    assert_int_equal(table_writer_close(writer, 1, &err), BF_OK);
}

/*
 * A symlink planted at the old predictable temporary name (PATH.tmp) and at
 * PATH itself is never written through: the victim keeps its content, PATH
 * becomes a regular file of mode 0600.
 */
static void test_symlinks_not_followed(void **state)
{
    (void)state;
    const char *names[] = {"linked.csv", "linked.xlsx"};
    char victim[TEST_PATH_MAX];
    temporary_path(victim, "victim");
    for (int i = 0; i < 2; i++) {
        char path[TEST_PATH_MAX], old_temporary[TEST_PATH_MAX + 8];
        write_text(victim, "secret");
        temporary_path(path, names[i]);
        snprintf(old_temporary, sizeof old_temporary, "%s.tmp", path);
        assert_int_equal(symlink(victim, old_temporary), 0);
        assert_int_equal(symlink(victim, path), 0);
        write_table(path, 3);
        char *text = read_text(victim);
        assert_string_equal(text, "secret");
        free(text);
        struct stat info;
        assert_int_equal(lstat(path, &info), 0);
        assert_true(S_ISREG(info.st_mode));
        assert_int_equal(mode_of(path), 0600);
        unlink(old_temporary);
    }
}

/* Files written are 0600 whatever the umask, 0640 with BANGFU_GROUP_READ=1. */
static void test_modes_whatever_the_umask(void **state)
{
    (void)state;
    mode_t old = umask(0);
    char path[TEST_PATH_MAX];
    temporary_path(path, "mode.csv");
    write_table(path, 1);
    assert_int_equal(mode_of(path), 0600);
    temporary_path(path, "mode.xlsx");
    write_table(path, 1);
    assert_int_equal(mode_of(path), 0600);
    setenv("BANGFU_GROUP_READ", "1", 1);
    temporary_path(path, "group.csv");
    write_table(path, 1);
    assert_int_equal(mode_of(path), 0640);
    unsetenv("BANGFU_GROUP_READ");
    umask(old);
}

/* A new SQLite database, its -wal and -shm are 0600 with umask 000; an existing file keeps its
 * mode. */
static void test_database_modes(void **state)
{
    (void)state;
    mode_t old = umask(0);
    char path[TEST_PATH_MAX], wal[TEST_PATH_MAX + 8], shm[TEST_PATH_MAX + 8];
    temporary_path(path, "registry.db");
    snprintf(wal, sizeof wal, "%s-wal", path);
    snprintf(shm, sizeof shm, "%s-shm", path);
    store *st = NULL;
    bf_error err;
    assert_int_equal(store_open(path, &st, &err), BF_OK);
    assert_int_equal(
        store_exec(st, "CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('37081119800101001X')"),
        BF_OK);
    assert_int_equal(mode_of(path), 0600);
    assert_int_equal(mode_of(wal), 0600);
    assert_int_equal(mode_of(shm), 0600);
    store_close(st);

    /* A symlink at the database's name is not created through. */
    char victim[TEST_PATH_MAX], linked[TEST_PATH_MAX];
    temporary_path(victim, "db-victim");
    temporary_path(linked, "linked.db");
    write_text(victim, "");
    assert_int_equal(chmod(victim, 0644), 0);
    assert_int_equal(symlink(victim, linked), 0);
    assert_int_equal(safe_file_create_private(linked, &err), BF_OK); /* exists: left alone */
    assert_int_equal(mode_of(victim), 0644);
    umask(old);
}

/* SIGTERM while a file is being written leaves no temporary behind. */
static void test_signal_removes_temporary(void **state)
{
    (void)state;
    const char *names[] = {"killed.csv", "killed.xlsx"};
    for (int i = 0; i < 2; i++) {
        char path[TEST_PATH_MAX];
        temporary_path(path, names[i]);
        pid_t child = fork();
        assert_true(child >= 0);
        if (child == 0) {
            table_writer *writer;
            bf_error err;
            const char *cells[] = {"张三", "37081119800101001X"};
            if (table_writer_open(path, &writer, &err) != BF_OK ||
                table_writer_row(writer, cells, 2, &err) != BF_OK)
                _exit(3);
            raise(SIGTERM);
            _exit(4); /* not reached */
        }
        int status;
        assert_int_equal(waitpid(child, &status, 0), child);
        assert_true(WIFSIGNALED(status));
        assert_int_equal(WTERMSIG(status), SIGTERM);
        assert_int_equal(count_starting(names[i]), 0);
    }
}

/* A temporary of a dead run (killed with SIGKILL) is removed by the next run; a live one stays. */
static void test_stale_temporaries_removed(void **state)
{
    (void)state;
    pid_t dead = fork();
    assert_true(dead >= 0);
    if (dead == 0)
        _exit(0);
    assert_int_equal(waitpid(dead, NULL, 0), dead);
    char stale[TEST_PATH_MAX], live[TEST_PATH_MAX], path[TEST_PATH_MAX];
    char name[128];
    snprintf(name, sizeof name, "stale.csv.bangfu-%ld-abcdef.tmp", (long)dead);
    temporary_path(stale, name);
    snprintf(name, sizeof name, "stale.csv.bangfu-%ld-abcdef.tmp", (long)getppid());
    temporary_path(live, name);
    write_text(stale, "37081119800101001X");
    write_text(live, "in progress");
    temporary_path(path, "stale.csv");
    write_table(path, 1);
    assert_int_equal(access(stale, F_OK), -1);
    assert_int_equal(access(live, F_OK), 0);
    unlink(live);
}

/* The cells written that Excel would run as formulas. */
static const char *const formula_cells[] = {
    "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "\tx", "\r=1", "a=b", "普通",
    "-1500.00",           "-",    "-1.",  "-1.2.3"};
#define FORMULA_CELLS ((int)(sizeof formula_cells / sizeof formula_cells[0]))

/* CSV: a cell starting with = + - @ tab or CR is written with a leading quote; others as they are.
 */
static void test_csv_formulas_neutralised(void **state)
{
    (void)state;
    char path[TEST_PATH_MAX];
    table_writer *writer;
    bf_error err;
    temporary_path(path, "formula.csv");
    assert_int_equal(table_writer_open(path, &writer, &err), BF_OK);
    assert_int_equal(table_writer_row(writer, formula_cells, FORMULA_CELLS, &err), BF_OK);
    assert_int_equal(table_writer_close(writer, 1, &err), BF_OK);
    char *text = read_text(path);
    assert_string_equal(
        text, "\xEF\xBB\xBF'=cmd|' /C calc'!A0,'+1+1,'-2+3,'@SUM(A1:A2),'\tx,\"'\r=1\",a=b,普通,"
              "-1500.00,'-,'-1.,'-1.2.3\r\n");
    free(text);

    table_reader *reader;
    table_row row;
    assert_int_equal(table_reader_open(path, &reader, &err), BF_OK);
    assert_int_equal(table_reader_next(reader, &row, &err), BF_ROW);
    assert_int_equal(row.count, FORMULA_CELLS);
    /* Read back without the quote (an export imported again changes nothing), trimmed. */
    for (int i = 0; i < 4; i++)
        assert_string_equal(row.cells[i], formula_cells[i]);
    assert_string_equal(row.cells[4], "x");
    assert_string_equal(row.cells[5], "=1");
    assert_string_equal(row.cells[6], "a=b");
    table_reader_close(reader);
    /* A quote before anything else is data. */
    write_text(path, "'abc,'',x\n");
    assert_int_equal(table_reader_open(path, &reader, &err), BF_OK);
    assert_int_equal(table_reader_next(reader, &row, &err), BF_ROW);
    assert_string_equal(row.cells[0], "'abc");
    assert_string_equal(row.cells[1], "''");
    table_reader_close(reader);
}

/* The text of part name in the workbook at path (caller frees), NULL when absent. */
static char *read_part(const char *path, const char *name)
{
    int code;
    zip_t *archive = zip_open(path, ZIP_RDONLY, &code);
    assert_non_null(archive);
    zip_file_t *part = zip_fopen(archive, name, 0);
    char *text = NULL;
    if (part != NULL) {
        text = calloc(TEST_PART_MAX + 1, 1);
        assert_non_null(text);
        zip_fread(part, text, TEST_PART_MAX);
        zip_fclose(part);
    }
    zip_close(archive);
    return text;
}

/* XLSX: every cell is a string cell, none a formula, and reads back as written. */
static void test_xlsx_formulas_are_strings(void **state)
{
    (void)state;
    char path[TEST_PATH_MAX];
    table_writer *writer;
    bf_error err;
    temporary_path(path, "formula.xlsx");
    assert_int_equal(table_writer_open(path, &writer, &err), BF_OK);
    assert_int_equal(table_writer_row(writer, formula_cells, FORMULA_CELLS, &err), BF_OK);
    assert_int_equal(table_writer_row(writer, formula_cells, FORMULA_CELLS, &err), BF_OK);
    assert_int_equal(table_writer_close(writer, 1, &err), BF_OK);
    char *sheet = read_part(path, "xl/worksheets/sheet1.xml");
    assert_non_null(sheet);
    assert_null(strstr(sheet, "<f>"));
    assert_null(strstr(sheet, "<f "));
    int cells = 0;
    for (const char *c = sheet; (c = strstr(c, "<c ")) != NULL; c++) {
        const char *end = strchr(c, '>');
        assert_non_null(end);
        assert_true(memmem(c, (size_t)(end - c), "t=\"s\"", 5) != NULL ||
                    memmem(c, (size_t)(end - c), "t=\"inlineStr\"", 13) != NULL);
        cells++;
    }
    assert_int_equal(cells, 2 * FORMULA_CELLS);
    free(sheet);
}

/*
 * An XLSX export larger than one worksheet continues on the next, each
 * starting with the header (with a cap of 3 rows per sheet: header + 2).
 */
static void test_xlsx_continues_on_new_sheets(void **state)
{
    (void)state;
    char path[TEST_PATH_MAX];
    table_writer *writer;
    bf_error err;
    const char *header[] = {"姓名", "证件号码"};
    temporary_path(path, "sheets.xlsx");
    assert_int_equal(table_writer_open(path, &writer, &err), BF_OK);
    table_writer_set_sheet_rows(writer, 3);
    assert_int_equal(table_writer_row(writer, header, 2, &err), BF_OK);
    for (int r = 1; r <= 7; r++) {
        char text[32];
        snprintf(text, sizeof text, "人员%d", r);
        const char *cells[] = {text, "37081119800101001X"};
        assert_int_equal(table_writer_row(writer, cells, 2, &err), BF_OK);
    }
    assert_int_equal(table_writer_close(writer, 1, &err), BF_OK);
    /* 7 rows, 2 per sheet: 4 sheets, each with the header. */
    const char *last_of_sheet[] = {"人员2", "人员4", "人员6", "人员7"};
    for (int s = 1; s <= 5; s++) {
        char name[64];
        snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", s);
        char *sheet = read_part(path, name);
        if (s == 5) {
            assert_null(sheet);
            break;
        }
        assert_non_null(sheet);
        assert_non_null(strstr(sheet, "姓名"));
        assert_non_null(strstr(sheet, last_of_sheet[s - 1]));
        assert_null(strstr(sheet, "r=\"4\""));
        free(sheet);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_symlinks_not_followed),
        cmocka_unit_test(test_modes_whatever_the_umask),
        cmocka_unit_test(test_database_modes),
        cmocka_unit_test(test_signal_removes_temporary),
        cmocka_unit_test(test_stale_temporaries_removed),
        cmocka_unit_test(test_csv_formulas_neutralised),
        cmocka_unit_test(test_xlsx_formulas_are_strings),
        cmocka_unit_test(test_xlsx_continues_on_new_sheets),
    };
    return cmocka_run_group_tests(tests, setup_directory, teardown_directory);
}
