/* export_facts.c - a kind of stored facts in its import format (see the header). */
#include "services/export_facts.h"

#include "core/money.h"
#include "core/region_code.h"
#include "io/table_writer.h"
#include "registry/vocabulary.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest SQL text built here. */
#define EXPORT_FACTS_SQL_MAX 4096
/* Rows between two progress updates. */
#define EXPORT_FACTS_PROGRESS_EVERY 4096

/* How a region limits a kind's records: by the hukou of its person, where it lies, or where
 * its organisation lies (the first such column, in that order of preference). */
typedef enum export_facts_region_by {
    EXPORT_FACTS_BY_PERSON,
    EXPORT_FACTS_BY_REGION,
    EXPORT_FACTS_BY_ORG
} export_facts_region_by;

/* The column a region limits and how, or -1 when the kind has none. */
static int export_facts_region_column(const fact_kind *kind, export_facts_region_by *by)
{
    static const struct {
        fact_value_type type;
        export_facts_region_by by;
    } preference[] = {{FACT_PERSON, EXPORT_FACTS_BY_PERSON},
                      {FACT_ID_NUMBER, EXPORT_FACTS_BY_PERSON},
                      {FACT_REGION, EXPORT_FACTS_BY_REGION},
                      {FACT_ORG, EXPORT_FACTS_BY_ORG}};
    for (size_t p = 0; p < sizeof preference / sizeof preference[0]; p++)
        for (int c = 0; c < kind->column_count; c++)
            if (kind->columns[c].type == preference[p].type &&
                !(kind->columns[c].flags & FACT_DERIVED)) {
                *by = preference[p].by;
                return c;
            }
    return -1;
}

/* "SELECT own columns FROM table [WHERE region] ORDER BY key columns"; its columns in out. */
static int export_facts_sql(const fact_kind *kind, const char *region,
                            char sql[EXPORT_FACTS_SQL_MAX], int *columns, int *count, bf_error *err)
{
    size_t used = (size_t)snprintf(sql, EXPORT_FACTS_SQL_MAX, "SELECT ");
    *count = 0;
    for (int c = 0; c < kind->column_count; c++) {
        if (kind->columns[c].flags & FACT_DERIVED)
            continue;
        used += (size_t)snprintf(sql + used, EXPORT_FACTS_SQL_MAX - used, "%s%s",
                                 *count > 0 ? ", " : "", kind->columns[c].column);
        columns[(*count)++] = c;
    }
    used += (size_t)snprintf(sql + used, EXPORT_FACTS_SQL_MAX - used, " FROM %s",
                             fact_kind_table(kind));
    if (kind->records_where != NULL)
        used += (size_t)snprintf(sql + used, EXPORT_FACTS_SQL_MAX - used, " WHERE (%s)",
                                 kind->records_where);
    if (region != NULL) {
        static const char *const conditions[] = {
            [EXPORT_FACTS_BY_PERSON] = "%s IN (SELECT id_number FROM people WHERE "
                                       "hukou_region >= ? AND hukou_region < ?)",
            [EXPORT_FACTS_BY_REGION] = "%s >= ? AND %s < ?",
            [EXPORT_FACTS_BY_ORG] = "%s IN (SELECT org_code FROM orgs WHERE region >= ? AND "
                                    "region < ?)"};
        export_facts_region_by by = EXPORT_FACTS_BY_PERSON;
        int c = export_facts_region_column(kind, &by);
        if (c < 0)
            return bf_error_set(
                err, BF_EINVAL,
                BF_TR("%s 没有证件号码、区划或单位列，不能按区划导出",
                      "%s has no ID number, region or organisation column to export by region"),
                kind->name);
        used += (size_t)snprintf(sql + used, EXPORT_FACTS_SQL_MAX - used, " %s ",
                                 kind->records_where != NULL ? "AND" : "WHERE");
        /* The column twice: the conditions that name it once ignore the second. */
        used += (size_t)snprintf(sql + used, EXPORT_FACTS_SQL_MAX - used, conditions[by],
                                 kind->columns[c].column, kind->columns[c].column);
    }
    int keys = 0;
    for (int c = 0; c < kind->column_count; c++)
        if (kind->columns[c].flags & FACT_KEY)
            used += (size_t)snprintf(sql + used, EXPORT_FACTS_SQL_MAX - used, "%s%s",
                                     keys++ > 0 ? ", " : " ORDER BY ", kind->columns[c].column);
    if (used >= EXPORT_FACTS_SQL_MAX)
        return bf_error_set(err, BF_ETOOBIG, "%s", bf_strerror(BF_ETOOBIG));
    return BF_OK;
}

/* The cell of stored value text of column as the import reads it, in buffer when converted. */
static const char *export_facts_cell(const fact_column *column, const vocabulary *list,
                                     const char *text, char buffer[MONEY_TEXT_MAX])
{
    if (text == NULL)
        return "";
    switch (column->type) {
    case FACT_WORD:
        for (int v = 0; v < list->count; v++)
            if (strcmp(list->values[v].code, text) == 0)
                return list->values[v].label;
        return text; /* a code the list no longer has: as stored, the import names it */
    case FACT_MONEY:
        money_format(strtoll(text, NULL, 10), buffer);
        return buffer;
    case FACT_HOURS: {
        long long tenths = strtoll(text, NULL, 10);
        snprintf(buffer, MONEY_TEXT_MAX, "%lld.%lld", tenths / 10, tenths % 10);
        return buffer;
    }
    case FACT_YES_NO:
        return text[0] == '\0' ? "" : strcmp(text, "0") == 0 ? "否" : "是";
    default:
        return text;
    }
}

int export_facts_read(store *st, const fact_kind *kind, const char *region, export_facts_sink sink,
                      void *context, progress *progress, int64_t *rows, bf_error *err)
{
    char sql[EXPORT_FACTS_SQL_MAX];
    int columns[FACT_COLUMNS_MAX];
    int count = 0;
    int64_t written = 0;
    vocabulary *lists = calloc(FACT_COLUMNS_MAX, sizeof *lists); /* ~20 KiB each */
    const char *cells[FACT_COLUMNS_MAX];
    char buffers[FACT_COLUMNS_MAX][MONEY_TEXT_MAX];
    store_stmt *stmt = NULL;
    int rc;

    if (lists == NULL)
        return bf_error_set(err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    rc = export_facts_sql(kind, region, sql, columns, &count, err);
    for (int c = 0; rc == BF_OK && c < kind->column_count; c++)
        if (kind->columns[c].type == FACT_WORD)
            rc = vocabulary_load_list(&lists[c], NULL, kind->columns[c].vocabulary, err);
    if (rc != BF_OK)
        goto out;
    rc = export_prepare_in_region(st, sql, region, &stmt, err);
    if (rc != BF_OK)
        goto out;
    for (int i = 0; i < count; i++)
        cells[i] = kind->columns[columns[i]].header;
    rc = sink(context, cells, count, err);
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
        for (int i = 0; i < count; i++)
            cells[i] = export_facts_cell(&kind->columns[columns[i]], &lists[columns[i]],
                                         store_column_text(stmt, i), buffers[i]);
        rc = sink(context, cells, count, err);
        if (++written % EXPORT_FACTS_PROGRESS_EVERY == 0)
            progress_update(progress, PROGRESS_EXPORTING, written, -1.0);
    }
    progress_update(progress, PROGRESS_EXPORTING, written, -1.0);
out:
    store_finalize(stmt);
    for (int c = 0; c < FACT_COLUMNS_MAX; c++)
        if (lists[c].word_texts != NULL)
            vocabulary_free(&lists[c]);
    free(lists);
    if (rows != NULL)
        *rows = written;
    return rc;
}

static int export_facts_write_row(void *context, const char *const *cells, int count, bf_error *err)
{
    return table_writer_row(context, cells, count, err);
}

int export_facts(store *st, const fact_kind *kind, const export_people_options *options,
                 int64_t *rows, bf_error *err)
{
    table_writer *writer = NULL;
    if (rows != NULL)
        *rows = 0;
    int rc = table_writer_open(options->out, &writer, err);
    if (rc != BF_OK)
        return rc;
    rc = export_facts_read(st, kind, options->region, export_facts_write_row, writer,
                           options->progress, rows, err);
    int closed = table_writer_close(writer, rc == BF_OK, rc == BF_OK ? err : NULL);
    return rc == BF_OK ? closed : rc;
}
