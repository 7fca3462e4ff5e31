/* vocabulary_migrate.c - stored 四清 texts rewritten to the lists' values (see the header). */
#include "registry/vocabulary_migrate.h"

#include "core/date.h"
#include "registry/people_counts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest SQL text built here. */
#define VOCABULARY_MIGRATE_SQL_MAX 512

/* One stored text to rewrite. */
typedef struct vocabulary_rewrite {
    person_field field;
    char *from; /* owned */
    char *to;   /* owned */
    int64_t people;
} vocabulary_rewrite;

typedef struct vocabulary_rewrites {
    vocabulary_rewrite *items;
    size_t count, capacity;
} vocabulary_rewrites;

static void vocabulary_rewrites_free(vocabulary_rewrites *r)
{
    for (size_t i = 0; i < r->count; i++) {
        free(r->items[i].from);
        free(r->items[i].to);
    }
    free(r->items);
}

static int vocabulary_rewrites_add(vocabulary_rewrites *r, person_field field, const char *from,
                                   const char *to, int64_t people)
{
    if (r->count == r->capacity) {
        size_t capacity = r->capacity ? r->capacity * 2 : 16;
        void *grown = realloc(r->items, capacity * sizeof *r->items);
        if (grown == NULL)
            return BF_ENOMEM;
        r->items = grown;
        r->capacity = capacity;
    }
    vocabulary_rewrite *item = &r->items[r->count];
    item->field = field;
    item->people = people;
    item->from = strdup(from);
    item->to = strdup(to);
    if (item->from == NULL || item->to == NULL) {
        free(item->from);
        free(item->to);
        return BF_ENOMEM;
    }
    r->count++;
    return BF_OK;
}

/* Collects the stored texts of v's field that are synonyms, and counts the unknown ones. */
static int vocabulary_migrate_scan(store *st, const vocabulary *v, vocabulary_rewrites *rewrites,
                                   vocabulary_migrate_result *result)
{
    store_stmt *stmt = NULL;
    int rc = store_prepare(
        st, "SELECT value, people FROM people_counts WHERE field = ? AND value <> ''", &stmt);
    if (rc == BF_OK)
        rc = store_bind_text(stmt, 1, person_field_column(v->field));
    while (rc == BF_OK && (rc = store_step(stmt)) == BF_ROW) {
        const char *text = store_column_text(stmt, 0);
        int64_t people = store_column_int64(stmt, 1);
        char canonical[VOCABULARY_JOINED_MAX];
        vocabulary_stored kind = vocabulary_check_stored(v, text, canonical);
        rc = BF_OK;
        if (kind == VOCABULARY_STORED_UNKNOWN) {
            result->unknown_texts++;
            result->unknown_people += people;
        } else if (kind == VOCABULARY_STORED_SYNONYM && canonical[0] != '\0') {
            rc = vocabulary_rewrites_add(rewrites, v->field, text, canonical, people);
        }
    }
    store_finalize(stmt);
    return rc == BF_DONE ? BF_OK : rc;
}

/* Rewrites one stored text: its history rows, then the people. */
static int vocabulary_migrate_rewrite(store *st, const vocabulary_rewrite *r, const char *batch,
                                      const char *now)
{
    const char *column = person_field_column(r->field);
    char sql[VOCABULARY_MIGRATE_SQL_MAX];
    snprintf(sql, sizeof sql,
             "INSERT INTO person_history (id_number, batch_id, field, old_value, new_value, "
             "changed_at) SELECT id_number, CAST(? AS BIGINT), ?, %s, ?, ? FROM people "
             "WHERE %s = ?",
             column, column);
    const char *history[] = {batch, column, r->to, now, r->from};
    int rc = store_exec_params(st, sql, history, 5, NULL);
    if (rc == BF_OK) {
        snprintf(sql, sizeof sql,
                 "UPDATE people SET %s = ?, updated_batch = CAST(? AS BIGINT) WHERE %s = ?", column,
                 column);
        const char *update[] = {r->to, batch, r->from};
        rc = store_exec_params(st, sql, update, 3, NULL);
    }
    return rc;
}

int vocabulary_migrate_stored(store *st, const vocabulary_set *lists, const char *source,
                              vocabulary_migrate_result *result, bf_error *err)
{
    vocabulary_rewrites rewrites = {0};
    people_counts_delta *counts = NULL;
    int begun = 0, rc = BF_OK;
    memset(result, 0, sizeof *result);
    for (int i = 0; rc == BF_OK && i < VOCABULARY_FIELD_COUNT; i++)
        rc = vocabulary_migrate_scan(st, &lists->fields[i], &rewrites, result);
    if (rc != BF_OK || rewrites.count == 0)
        goto out;
    /* One writer at a time, as imports: wait for one that runs. */
    rc = store_begin_exclusive(st, -1, NULL, NULL);
    begun = rc == BF_OK;
    char now[BF_TIMESTAMP_TEXT_MAX], batch[24];
    date_now_timestamp(now);
    if (rc == BF_OK)
        rc = store_next_id(st, "batches", &result->batch);
    snprintf(batch, sizeof batch, "%lld", (long long)result->batch);
    if (rc == BF_OK) {
        const char *params[] = {batch, source, now};
        rc = store_exec_params(st,
                               "INSERT INTO batches (id, kind, source, started_at) "
                               "VALUES (CAST(? AS BIGINT), 'vocabulary', ?, ?)",
                               params, 3, NULL);
    }
    if (rc == BF_OK)
        rc = people_counts_delta_new(&counts);
    for (size_t i = 0; rc == BF_OK && i < rewrites.count; i++) {
        const vocabulary_rewrite *r = &rewrites.items[i];
        rc = vocabulary_migrate_rewrite(st, r, batch, now);
        people_counts_moved(counts, r->field, r->from, r->to, r->people);
        result->texts++;
        result->changes += r->people;
    }
    if (rc == BF_OK) {
        char changes[24];
        snprintf(changes, sizeof changes, "%lld", (long long)result->changes);
        const char *params[] = {changes, batch};
        rc = store_exec_params(st,
                               "UPDATE batches SET updated = CAST(? AS BIGINT) "
                               "WHERE id = CAST(? AS BIGINT)",
                               params, 2, NULL);
    }
    if (rc == BF_OK)
        rc = people_counts_apply(st, counts, err);
    if (rc == BF_OK)
        rc = store_commit(st);
    begun = begun && rc != BF_OK;
out:
    if (rc != BF_OK && (err == NULL || err->code == BF_OK))
        bf_error_set(err, rc,
                     BF_TR("无法把已存的值改为词表中的规范值：%s",
                           "cannot rewrite stored values to the lists' canonical values: %s"),
                     store_error_message(st));
    if (begun)
        store_rollback(st);
    people_counts_delta_free(counts);
    vocabulary_rewrites_free(&rewrites);
    return rc;
}
