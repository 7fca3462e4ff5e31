/*
 * table_output.c - a header and rows to CSV, XLSX (io/table_writer) or a
 * streamed JSON array of objects (io/safe_file).
 */
#include "io/table_output.h"

#include "io/safe_file.h"
#include "io/table_writer.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct table_output {
    table_writer *writer;      /* CSV or XLSX, else NULL */
    FILE *json;                /* JSON: the temporary or stdout */
    safe_file file;            /* JSON to a file */
    int json_to_file;          /* 1 when json writes file */
    const char *const *header; /* the caller's */
    int count;
    long long rows;
};

/* 1 when text ends with suffix. */
static int table_output_ends_with(const char *text, const char *suffix)
{
    size_t length = strlen(text), suffix_length = strlen(suffix);
    return length >= suffix_length && strcmp(text + length - suffix_length, suffix) == 0;
}

int table_output_path_known(const char *path)
{
    return strcmp(path, "-") == 0 || table_output_ends_with(path, ".csv") ||
           table_output_ends_with(path, ".xlsx") || table_output_ends_with(path, ".json");
}

int table_output_open(const char *path, table_output_format standard_output,
                      const char *const *header, int count, table_output **out, bf_error *err)
{
    *out = NULL;
    if (!table_output_path_known(path))
        return bf_error_set(err, BF_EINVAL,
                            BF_TR("“%s”：输出文件应为 .csv、.xlsx 或 .json",
                                  "'%s': the output must be .csv, .xlsx or .json"),
                            path);
    table_output *output = calloc(1, sizeof *output);
    if (output == NULL)
        return bf_error_set(err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    output->header = header;
    output->count = count;
    output->file.fd = -1;
    output->file.slot = -1;
    int rc = BF_OK;
    int json = strcmp(path, "-") == 0 ? standard_output == TABLE_OUTPUT_JSON
                                      : table_output_ends_with(path, ".json");
    if (!json) {
        rc = table_writer_open(path, &output->writer, err);
        if (rc == BF_OK)
            rc = table_writer_row(output->writer, header, count, err);
    } else if (strcmp(path, "-") == 0) {
        output->json = stdout;
    } else {
        rc = safe_file_create(&output->file, path, err);
        if (rc == BF_OK) {
            output->json = fdopen(output->file.fd, "w");
            if (output->json == NULL)
                rc = bf_error_set(err, BF_EIO, BF_TR("无法写入 %s", "cannot write %s"), path);
            else
                output->file.fd = -1; /* the stream owns it now */
            output->json_to_file = 1;
        }
    }
    if (rc == BF_OK && output->json != NULL && fputs("[", output->json) == EOF)
        rc = bf_error_set(err, BF_EIO, BF_TR("无法写入 %s", "cannot write %s"), path);
    if (rc != BF_OK) {
        table_output_close(output, 0, NULL);
        return rc;
    }
    *out = output;
    return BF_OK;
}

int table_output_row(table_output *output, const char *const *cells, bf_error *err)
{
    if (output->writer != NULL)
        return table_writer_row(output->writer, cells, output->count, err);
    json_t *object = json_object();
    for (int c = 0; object != NULL && c < output->count; c++)
        if (json_object_set_new(object, output->header[c],
                                json_string(cells[c] != NULL ? cells[c] : "")) != 0) {
            json_decref(object);
            object = NULL;
        }
    char *text = object != NULL ? json_dumps(object, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(object);
    if (text == NULL)
        return bf_error_set(err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    int failed = fprintf(output->json, "%s\n%s", output->rows > 0 ? "," : "", text) < 0;
    free(text);
    output->rows++;
    return failed ? bf_error_set(err, BF_EIO, "%s", bf_strerror(BF_EIO)) : BF_OK;
}

int table_output_sheet(table_output *output, const char *name, bf_error *err)
{
    return output->writer != NULL ? table_writer_sheet(output->writer, name, err) : BF_OK;
}

int table_output_close(table_output *output, int keep, bf_error *err)
{
    if (output == NULL)
        return BF_OK;
    int rc = BF_OK;
    if (output->writer != NULL)
        rc = table_writer_close(output->writer, keep, err);
    if (output->json != NULL) {
        int failed = fputs("\n]\n", output->json) == EOF || fflush(output->json) != 0;
        if (output->json_to_file) {
            /* safe_file_commit syncs and renames by its descriptor: give it back. */
            output->file.fd = dup(fileno(output->json));
            fclose(output->json);
        }
        if (failed && keep && rc == BF_OK)
            rc = bf_error_set(err, BF_EIO, "%s", bf_strerror(BF_EIO));
    }
    if (output->json_to_file) {
        if (keep && rc == BF_OK)
            rc = safe_file_commit(&output->file, err);
        else
            safe_file_discard(&output->file);
    }
    free(output);
    return rc;
}
