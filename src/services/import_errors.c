/* import_errors.c - writing the rejected rows of an import (see import_errors.h). */
#include "services/import_errors.h"

#include "io/safe_file.h"
#include "io/table_writer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Longest error file name, terminator included. */
#define IMPORT_ERRORS_PATH_MAX 4096

struct import_errors {
    char path[IMPORT_ERRORS_PATH_MAX];     /* the error file to write */
    char written[IMPORT_ERRORS_PATH_MAX];  /* path once finished, "" before */
    char fallback[IMPORT_ERRORS_PATH_MAX]; /* the default's name in the current directory */
    int named;                             /* 1 when the caller named the file (--errors) */
    int elsewhere;                         /* 1 when written to fallback, not next to the input */
    table_writer *writer;                  /* open from the first rejected row to finish */
    int header_count;                      /* cells of the input's header */
    char **header;                         /* copies of the header cells */
    int *kept;                             /* input columns copied into the file, in order */
    int kept_count;                        /* entries of kept */
    const char **cells;                    /* kept_count + 2 cell pointers, reused per row */
    long rows;                             /* rejected rows written */
};

int import_errors_open(const char *input_path, const char *errors_path, const table_row *header,
                       import_errors **out, bf_error *err)
{
    int rc = BF_OK;
    import_errors *errors = calloc(1, sizeof *errors);
    *out = NULL;
    if (errors == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    int n = errors_path != NULL
                ? snprintf(errors->path, sizeof errors->path, "%s", errors_path)
                : snprintf(errors->path, sizeof errors->path, "%s.errors.csv", input_path);
    const char *slash = strrchr(input_path, '/');
    int f = snprintf(errors->fallback, sizeof errors->fallback, "%s.errors.csv",
                     slash != NULL ? slash + 1 : input_path);
    errors->named = errors_path != NULL;
    if (n < 0 || (size_t)n >= sizeof errors->path || f < 0 ||
        (size_t)f >= sizeof errors->fallback) {
        rc = bf_error_set(err, BF_ETOOBIG,
                          BF_TR("错误文件名太长：%s", "error file name too long: %s"),
                          errors_path != NULL ? errors_path : input_path);
        goto out;
    }
    /* A run killed with SIGKILL left its temporary (personal data): gone now, rows or not. */
    safe_file_remove_stale(errors->path);
    safe_file_remove_stale(errors->fallback);
    errors->header = calloc((size_t)header->count + 1, sizeof *errors->header);
    errors->cells = calloc((size_t)header->count + 2, sizeof *errors->cells);
    errors->kept = calloc((size_t)header->count + 1, sizeof *errors->kept);
    if (errors->header == NULL || errors->cells == NULL || errors->kept == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    errors->header_count = header->count;
    for (int i = 0; i < header->count; i++) {
        errors->header[i] = strdup(header->cells[i]);
        if (errors->header[i] == NULL) {
            rc = bf_error_set(err, BF_ENOMEM, NULL);
            goto out;
        }
        /* An error file imported again: its old 行号 and 错误原因 are not carried over. */
        if (strcmp(header->cells[i], "行号") != 0 && strcmp(header->cells[i], "错误原因") != 0)
            errors->kept[errors->kept_count++] = i;
    }
    *out = errors;
    errors = NULL;
out:
    import_errors_close(errors, 0);
    return rc;
}

/*
 * Creates the error file.  The default place, next to the input, may be a
 * folder the officer cannot write (a CD, a shared read-only folder): the
 * file then goes to the current directory under the same name.
 */
static int import_errors_create(import_errors *errors, bf_error *err)
{
    bf_error first;
    int rc = table_writer_open(errors->path, &errors->writer, &first);
    if (rc == BF_OK)
        return BF_OK;
    if (errors->named || rc != BF_EIO)
        return bf_error_set(err, rc, "%s", first.message);
    if (strcmp(errors->fallback, errors->path) == 0)
        return bf_error_set(err, rc,
                            BF_TR("无法写错误文件：%s；请用 --errors FILE 指定位置",
                                  "cannot write the error file: %s; name one with --errors FILE"),
                            first.message);
    bf_error second;
    rc = table_writer_open(errors->fallback, &errors->writer, &second);
    if (rc != BF_OK)
        return bf_error_set(err, rc,
                            BF_TR("无法写错误文件：%s；%s；请用 --errors FILE 指定位置",
                                  "cannot write the error file: %s; %s; name one with --errors "
                                  "FILE"),
                            first.message, second.message);
    errors->elsewhere = 1;
    memcpy(errors->path, errors->fallback, sizeof errors->path);
    return BF_OK;
}

int import_errors_add(import_errors *errors, const table_row *row, const char *reason,
                      bf_error *err)
{
    int rc;
    char line[32];
    if (errors->writer == NULL) {
        rc = import_errors_create(errors, err);
        if (rc != BF_OK)
            return rc;
        for (int k = 0; k < errors->kept_count; k++)
            errors->cells[k] = errors->header[errors->kept[k]];
        errors->cells[errors->kept_count] = "行号";
        errors->cells[errors->kept_count + 1] = "错误原因";
        rc = table_writer_row(errors->writer, errors->cells, errors->kept_count + 2, err);
        if (rc != BF_OK)
            return rc;
    }
    snprintf(line, sizeof line, "%ld", row->line);
    for (int k = 0; k < errors->kept_count; k++)
        errors->cells[k] = errors->kept[k] < row->count ? row->cells[errors->kept[k]] : "";
    errors->cells[errors->kept_count] = line;
    errors->cells[errors->kept_count + 1] = reason;
    rc = table_writer_row(errors->writer, errors->cells, errors->kept_count + 2, err);
    if (rc == BF_OK)
        errors->rows++;
    return rc;
}

int import_errors_finish(import_errors *errors, bf_error *err)
{
    if (errors->writer == NULL)
        return BF_OK;
    table_writer *writer = errors->writer;
    errors->writer = NULL;
    int rc = table_writer_close(writer, 1, err);
    if (rc == BF_OK)
        snprintf(errors->written, sizeof errors->written, "%s", errors->path);
    return rc;
}

const char *import_errors_written(const import_errors *errors)
{
    return errors->written;
}

int import_errors_elsewhere(const import_errors *errors)
{
    return errors->elsewhere;
}

void import_errors_close(import_errors *errors, int committed)
{
    if (errors == NULL)
        return;
    table_writer_close(errors->writer, 0, NULL);
    if (!committed && errors->written[0] != '\0')
        unlink(errors->written);
    if (committed && errors->rows == 0 && !errors->named && unlink(errors->path) != 0 &&
        errno != ENOENT) {
        /* A stale error file that cannot be removed would mislead: say so, but the import stands.
         */
        fprintf(stderr,
                BF_TR("bangfu: 无法删除旧的错误文件 %s\n",
                      "bangfu: cannot remove the old error file %s\n"),
                errors->path);
    }
    for (int i = 0; errors->header != NULL && i < errors->header_count; i++)
        free(errors->header[i]);
    free(errors->header);
    free(errors->cells);
    free(errors->kept);
    free(errors);
}
