/* export_people.c - the registry in the import format. */
#include "services/export_people.h"

#include "core/region_code.h"
#include "io/table_writer.h"
#include "registry/person.h"

#include <stdio.h>

/* Longest SQL text built here. */
#define EXPORT_SQL_MAX 2048
/* Rows between two progress updates. */
#define EXPORT_PROGRESS_EVERY 4096

int export_prepare_in_region(store *st, const char *sql, const char *region, store_stmt **stmt,
                             bf_error *err)
{
    int rc = store_prepare(st, sql, stmt);
    if (rc == BF_OK && region != NULL) {
        char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
        region_code_range(region, low, high);
        rc = store_bind_text(*stmt, 1, low);
        if (rc == BF_OK)
            rc = store_bind_text(*stmt, 2, high);
    }
    return rc == BF_OK ? BF_OK : store_error_set(st, rc, err);
}

int export_people(store *st, const export_people_options *options, int64_t *rows, bf_error *err)
{
    char sql[EXPORT_SQL_MAX];
    size_t used = 0;
    int64_t count = 0;
    store_stmt *stmt = NULL;
    table_writer *writer = NULL;
    const char *cells[PERSON_COLUMN_COUNT];
    int rc;

    /* Column 0 is the ID number, column 1 + f the field f. */
    used += (size_t)snprintf(sql + used, sizeof sql - used, "SELECT id_number");
    for (int f = 0; f < PERSON_FIELD_COUNT; f++)
        used += (size_t)snprintf(sql + used, sizeof sql - used, ", %s",
                                 person_field_column((person_field)f));
    used += (size_t)snprintf(sql + used, sizeof sql - used, " FROM people");
    if (options->region != NULL)
        used += (size_t)snprintf(sql + used, sizeof sql - used,
                                 " WHERE hukou_region >= ? AND hukou_region < ?");
    snprintf(sql + used, sizeof sql - used,
             " ORDER BY hukou_region, COALESCE(household_id, ''), id_number");
    rc = export_prepare_in_region(st, sql, options->region, &stmt, err);
    if (rc != BF_OK)
        goto out;
    rc = table_writer_open(options->out, &writer, err);
    if (rc != BF_OK)
        goto out;
    for (int c = 0; c < PERSON_COLUMN_COUNT; c++)
        cells[c] = person_columns[c].header;
    rc = table_writer_row(writer, cells, PERSON_COLUMN_COUNT, err);
    while (rc == BF_OK) {
        rc = store_step(stmt);
        if (rc == BF_DONE) {
            rc = BF_OK;
            break;
        }
        if (rc != BF_ROW) {
            store_error_set(st, rc, err);
            break;
        }
        for (int c = 0; c < PERSON_COLUMN_COUNT; c++) {
            int column = person_columns[c].kind == PERSON_COLUMN_ID_NUMBER
                             ? 0
                             : 1 + (int)person_columns[c].field;
            const char *text = store_column_text(stmt, column);
            if (person_columns[c].kind == PERSON_COLUMN_FIELD &&
                person_field_is_flag(person_columns[c].field))
                text = person_flag_text(text); /* 1/0 as 是/否, the import's words */
            cells[c] = text != NULL ? text : "";
        }
        rc = table_writer_row(writer, cells, PERSON_COLUMN_COUNT, err);
        if (++count % EXPORT_PROGRESS_EVERY == 0)
            progress_update(options->progress, PROGRESS_EXPORTING, count, -1.0);
    }
    progress_update(options->progress, PROGRESS_EXPORTING, count, -1.0);
out:
    store_finalize(stmt);
    if (writer != NULL) {
        int closed = table_writer_close(writer, rc == BF_OK, rc == BF_OK ? err : NULL);
        if (rc == BF_OK)
            rc = closed;
    }
    if (rows != NULL)
        *rows = count;
    return rc;
}
