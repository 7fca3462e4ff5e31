/* report_as_of.c - the stored facts as they were after a batch (see the header). */
#include "services/report_as_of.h"

#include "core/text_pool.h"
#include "services/import_facts.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most key columns of a table (jobs: person, employer, start day). */
#define AS_OF_KEYS_MAX 4
/* Most tables rebuilt: people and one per table of the import kinds. */
#define AS_OF_TABLES_MAX 64
/* Most fields of one record changed after the batch (people have about 20). */
#define AS_OF_FIELDS_MAX 64
/* Longest column name, terminator included. */
#define AS_OF_NAME_MAX 64
/* Longest statement built here. */
#define AS_OF_SQL_MAX 4096
/* Most indexes of one stored table copied to its temporary table (PostgreSQL). */
#define AS_OF_INDEXES_MAX 16
/* Longest record key (the key values joined by '|'), terminator included. */
#define AS_OF_KEY_MAX 512
/*
 * The field of a whole list's removal that keeps the removed record's created_batch
 * (import_facts_write.c): the record existed after the batch when it was created by then.
 */
#define AS_OF_CREATED "created_batch"

/* A table of stored facts and where its history is. */
typedef struct as_of_table {
    const char *table;   /* the stored table, and fact_history.kind */
    const char *history; /* its history query: key, field, old value, new value, by key */
    const char *keys[AS_OF_KEYS_MAX];
    int key_count;
    int people; /* 1: people, whose history is person_history (no kind column) */
} as_of_table;

/* One record's history after the batch: each field's first later row. */
typedef struct as_of_record {
    char key[AS_OF_KEY_MAX];
    char fields[AS_OF_FIELDS_MAX][AS_OF_NAME_MAX];
    int64_t values[AS_OF_FIELDS_MAX]; /* offsets in text, -1 for NULL */
    int count;
    int removed; /* a key column went to nothing: a whole list removed the record */
    text_pool text;
} as_of_record;

/* What one table's rebuilding holds: its statements, prepared once. */
typedef struct as_of_state {
    store *st;
    const as_of_table *t;
    int64_t batch;
    bf_error *err;
    store_stmt *exists;
    store_stmt *updated; /* updated_batch back to the record's last change by the batch */
    store_stmt *updates[AS_OF_FIELDS_MAX]; /* per field of update_fields */
    char update_fields[AS_OF_FIELDS_MAX][AS_OF_NAME_MAX];
    int update_count;
    as_of_record record;
} as_of_state;

#define FACT_HISTORY_SQL                                                                           \
    "SELECT record_key, field, old_value, new_value FROM fact_history WHERE kind = ? AND "         \
    "batch_id > CAST(? AS BIGINT) ORDER BY record_key, batch_id"
#define PERSON_HISTORY_SQL                                                                         \
    "SELECT id_number, field, old_value, new_value FROM person_history WHERE batch_id > CAST(? "   \
    "AS BIGINT) ORDER BY id_number, batch_id"

/* people, then each table of the import kinds once, keyed as fact_history names records. */
static int as_of_tables(as_of_table tables[AS_OF_TABLES_MAX])
{
    int count = 0;
    tables[count++] = (as_of_table){"people", PERSON_HISTORY_SQL, {"id_number"}, 1, 1};
    for (int k = 0; fact_kinds[k] != NULL && count < AS_OF_TABLES_MAX; k++) {
        const fact_kind *kind = fact_kinds[k];
        const char *table = fact_kind_table(kind);
        int seen = 0;
        for (int t = 0; t < count && !seen; t++)
            seen = strcmp(tables[t].table, table) == 0;
        if (seen)
            continue;
        as_of_table *t = &tables[count++];
        *t = (as_of_table){.table = table, .history = FACT_HISTORY_SQL};
        for (int c = 0; c < kind->column_count && t->key_count < AS_OF_KEYS_MAX; c++)
            if (kind->columns[c].flags & FACT_KEY)
                t->keys[t->key_count++] = kind->columns[c].column;
    }
    return count;
}

/* " WHERE k1 = ? AND k2 = ?" of the table's keys, appended to sql. */
static void as_of_where_keys(const as_of_table *t, char sql[AS_OF_SQL_MAX])
{
    size_t used = strlen(sql);
    for (int k = 0; k < t->key_count && used < AS_OF_SQL_MAX; k++)
        used += (size_t)snprintf(sql + used, AS_OF_SQL_MAX - used, "%s%s = ?",
                                 k == 0 ? " WHERE " : " AND ", t->keys[k]);
}

/* Splits a record key into the table's key values (in place); BF_EINVAL when it has not
   as many. */
static int as_of_key_split(const as_of_table *t, char *key, const char *parts[AS_OF_KEYS_MAX])
{
    for (int k = 0; k < t->key_count; k++) {
        parts[k] = key;
        char *bar = strchr(key, '|');
        if ((bar == NULL) != (k == t->key_count - 1))
            return BF_EINVAL;
        if (bar != NULL) {
            *bar = '\0';
            key = bar + 1;
        }
    }
    return BF_OK;
}

/* Binds the key values after first parameters and runs stmt to its end. */
static int as_of_run(store_stmt *stmt, int first, const char *const *keys, int key_count)
{
    int rc = BF_OK;
    for (int k = 0; k < key_count && rc == BF_OK; k++)
        rc = store_bind_text(stmt, first + 1 + k, keys[k]);
    int step = rc == BF_OK ? store_step(stmt) : rc;
    rc = step == BF_ROW || step == BF_DONE ? BF_OK : step < 0 ? step : BF_ESTORE;
    int reset = store_reset(stmt);
    return rc == BF_OK ? reset : rc;
}

/* The value of field f of the record, NULL for none. */
static const char *as_of_value(const as_of_record *r, int f)
{
    return r->values[f] < 0 ? NULL : text_pool_at(&r->text, (size_t)r->values[f]);
}

/* Whether name is a key column of the table. */
static int as_of_is_key(const as_of_table *t, const char *name)
{
    for (int k = 0; k < t->key_count; k++)
        if (strcmp(t->keys[k], name) == 0)
            return 1;
    return 0;
}

/* Sets field f of the record (stored, existing) back to its value after the batch. */
static int as_of_update(as_of_state *s, int f, const char *const *keys)
{
    const as_of_record *r = &s->record;
    int u = 0;
    while (u < s->update_count && strcmp(s->update_fields[u], r->fields[f]) != 0)
        u++;
    if (u == s->update_count) {
        if (u == AS_OF_FIELDS_MAX)
            return BF_ETOOBIG;
        char sql[AS_OF_SQL_MAX];
        snprintf(sql, sizeof sql, "UPDATE %s SET %s = ?", s->t->table, r->fields[f]);
        as_of_where_keys(s->t, sql);
        int rc = store_prepare(s->st, sql, &s->updates[u]);
        if (rc != BF_OK)
            return rc;
        snprintf(s->update_fields[u], AS_OF_NAME_MAX, "%s", r->fields[f]);
        s->update_count++;
    }
    const char *value = as_of_value(r, f);
    int rc = value != NULL ? store_bind_text(s->updates[u], 1, value)
                           : store_bind_null(s->updates[u], 1);
    return rc == BF_OK ? as_of_run(s->updates[u], 1, keys, s->t->key_count) : rc;
}

/* Puts back a record removed after the batch: its keys, its fields' last values. */
static int as_of_insert(as_of_state *s, const char *const *keys, const char *created)
{
    const as_of_record *r = &s->record;
    const char *values[AS_OF_KEYS_MAX + AS_OF_FIELDS_MAX + 2];
    char sql[AS_OF_SQL_MAX], marks[AS_OF_SQL_MAX] = "";
    size_t used = (size_t)snprintf(sql, sizeof sql, "INSERT INTO %s (", s->t->table);
    int count = 0;
    for (int k = 0; k < s->t->key_count; k++) {
        used += (size_t)snprintf(sql + used, sizeof sql - used, "%s, ", s->t->keys[k]);
        values[count++] = keys[k];
    }
    for (int f = 0; f < r->count && used < sizeof sql; f++)
        if (!as_of_is_key(s->t, r->fields[f]) && strcmp(r->fields[f], AS_OF_CREATED) != 0) {
            used += (size_t)snprintf(sql + used, sizeof sql - used, "%s, ", r->fields[f]);
            values[count++] = as_of_value(r, f);
        }
    values[count++] = created;
    values[count++] = created;
    if (used < sizeof sql)
        snprintf(sql + used, sizeof sql - used, "created_batch, updated_batch) VALUES (");
    for (int v = 0; v < count; v++)
        strncat(marks, v > 0 ? ", ?" : "?", sizeof marks - strlen(marks) - 1);
    strncat(sql, marks, sizeof sql - strlen(sql) - 1);
    strncat(sql, ")", sizeof sql - strlen(sql) - 1);
    return store_exec_params(s->st, sql, values, count, s->err);
}

/* The record's updated_batch: its last change by the batch since it was created (a record
   removed and given again starts anew), else its creation. */
static int as_of_updated_batch(as_of_state *s, const char *const *keys)
{
    char batch[24];
    snprintf(batch, sizeof batch, "%" PRId64, s->batch);
    const char *head[] = {s->t->table, s->record.key, batch};
    int first = s->t->people ? 2 : 3, rc = BF_OK;
    for (int i = 0; i < first && rc == BF_OK; i++)
        rc = store_bind_text(s->updated, 1 + i, head[s->t->people ? i + 1 : i]);
    return rc == BF_OK ? as_of_run(s->updated, first, keys, s->t->key_count) : rc;
}

/*
 * The record's fields back as they were after the batch: a record stored then (it is in the
 * rebuilt table, which holds the records created by then) gets each field's first later old
 * value; one a whole list removed later is put back when it was created by then.
 */
static int as_of_record_end(as_of_state *s)
{
    as_of_record *r = &s->record;
    const char *keys[AS_OF_KEYS_MAX];
    char key[AS_OF_KEY_MAX];
    if (r->count == 0)
        return BF_OK;
    snprintf(key, sizeof key, "%s", r->key);
    if (as_of_key_split(s->t, key, keys) != BF_OK)
        return bf_error_set(s->err, BF_EINVAL,
                            BF_TR("%s 的历史记录键“%s”不是 %d 列", "%s: history key '%s' is not %d "
                                                                   "columns"),
                            s->t->table, r->key, s->t->key_count);
    int rc = BF_OK;
    for (int k = 0; k < s->t->key_count && rc == BF_OK; k++)
        rc = store_bind_text(s->exists, 1 + k, keys[k]);
    int step = rc == BF_OK ? store_step(s->exists) : rc;
    if (step != BF_ROW)
        rc = step < 0 ? step : BF_ESTORE;
    int exists = rc == BF_OK && store_column_int64(s->exists, 0) > 0;
    int reset = store_reset(s->exists);
    if (rc == BF_OK)
        rc = reset;
    if (rc == BF_OK && exists) {
        for (int f = 0; f < r->count && rc == BF_OK; f++)
            if (!as_of_is_key(s->t, r->fields[f]) && strcmp(r->fields[f], AS_OF_CREATED) != 0)
                rc = as_of_update(s, f, keys);
        rc = rc == BF_OK ? as_of_updated_batch(s, keys) : rc;
    } else if (rc == BF_OK) {
        /* Created by then: its removal's created_batch says when (a removal recorded before
           that field was kept says nothing: the record is taken as stored then). */
        const char *created = NULL;
        for (int f = 0; f < r->count && created == NULL; f++)
            if (strcmp(r->fields[f], AS_OF_CREATED) == 0)
                created = as_of_value(r, f) != NULL ? as_of_value(r, f) : "0";
        char batch[24];
        snprintf(batch, sizeof batch, "%" PRId64, s->batch);
        if (created != NULL ? strtoll(created, NULL, 10) <= s->batch : r->removed) {
            rc = as_of_insert(s, keys, created != NULL ? created : batch);
            rc = rc == BF_OK ? as_of_updated_batch(s, keys) : rc;
        }
    }
    r->count = 0;
    r->removed = 0;
    text_pool_clear(&r->text);
    return rc == BF_OK ? BF_OK : store_error_set(s->st, rc, s->err);
}

/* Keeps a history row of the record being read: the first of each field. */
static int as_of_record_add(as_of_record *r, const char *field, const char *old, const char *now,
                            int is_key)
{
    if (is_key && old != NULL && now == NULL)
        r->removed = 1;
    for (int f = 0; f < r->count; f++)
        if (strcmp(r->fields[f], field) == 0)
            return BF_OK;
    if (r->count == AS_OF_FIELDS_MAX || strlen(field) >= AS_OF_NAME_MAX ||
        strspn(field, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(field))
        return BF_EINVAL;
    size_t at = 0;
    if (old != NULL && text_pool_add(&r->text, old, &at) != BF_OK)
        return BF_ENOMEM;
    snprintf(r->fields[r->count], AS_OF_NAME_MAX, "%s", field);
    r->values[r->count++] = old != NULL ? (int64_t)at : -1;
    return BF_OK;
}

/* Whether the table has rows created, or history written, after the batch. */
static int as_of_touched(store *st, const as_of_table *t, const char *batch, int *touched)
{
    char sql[AS_OF_SQL_MAX];
    int64_t later = 0;
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM (SELECT 1 FROM %s WHERE created_batch > CAST(? AS BIGINT) "
             "LIMIT 1) x",
             t->table);
    const char *one[] = {batch}, *two[] = {t->table, batch};
    int rc = store_query_int64(st, sql, one, 1, &later);
    if (rc == BF_OK && later == 0 && t->people)
        rc = store_query_int64(st,
                               "SELECT COUNT(*) FROM (SELECT 1 FROM person_history WHERE "
                               "batch_id > CAST(? AS BIGINT) LIMIT 1) x",
                               one, 1, &later);
    else if (rc == BF_OK && later == 0)
        rc = store_query_int64(st,
                               "SELECT COUNT(*) FROM (SELECT 1 FROM fact_history WHERE kind = ? "
                               "AND batch_id > CAST(? AS BIGINT) LIMIT 1) x",
                               two, 2, &later);
    *touched = later > 0;
    return rc;
}

/*
 * PostgreSQL: gives the temporary table the stored table's indexes (their definitions from
 * pg_indexes, "ON schema.table" made "ON pg_temp.table").  The report's joins plan with them
 * (附件1 reads the spells of each workshop by employer: without jobs_employer it scanned a key
 * index of 400,000 spells once per workshop, 30 s instead of 1 s).  SQLite makes the indexes
 * a join needs by itself (automatic indexes).
 */
static int as_of_copy_indexes(store *st, const as_of_table *t, bf_error *err)
{
    char definitions[AS_OF_INDEXES_MAX][AS_OF_SQL_MAX];
    int count = 0;
    const char *params[] = {t->table};
    store_rows rows = {0};
    int rc = store_rows_open(st,
                             "SELECT indexdef, schemaname FROM pg_indexes WHERE schemaname = "
                             "current_schema() AND tablename = ? ORDER BY indexname",
                             params, 1, &rows, err);
    int step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1 && count < AS_OF_INDEXES_MAX) {
        const char *definition = store_column_text(rows.stmt, 0);
        char target[AS_OF_NAME_MAX * 2 + 8];
        snprintf(target, sizeof target, " ON %s.%s ", store_column_text(rows.stmt, 1), t->table);
        const char *at = definition != NULL ? strstr(definition, target) : NULL;
        if (at == NULL)
            continue; /* not the form PostgreSQL writes: left out, the report only slower */
        snprintf(definitions[count++], AS_OF_SQL_MAX, "%.*s ON pg_temp.%s %s",
                 (int)(at - definition), definition, t->table, at + strlen(target));
    }
    store_rows_close(&rows);
    if (rc == BF_OK && step < 0)
        rc = store_error_set(st, step, err);
    for (int i = 0; rc == BF_OK && i < count; i++)
        if ((rc = store_exec(st, definitions[i])) != BF_OK)
            rc = store_error_set(st, rc, err);
    return rc;
}

/* Rebuilds one table as it was after the batch. */
static int as_of_table_rebuild(store *st, const as_of_table *t, int64_t batch, bf_error *err)
{
    char sql[AS_OF_SQL_MAX], text[24];
    snprintf(text, sizeof text, "%" PRId64, batch);
    int touched = 0;
    int rc = as_of_touched(st, t, text, &touched);
    if (rc != BF_OK || !touched)
        return rc == BF_OK ? BF_OK : store_error_set(st, rc, err);
    /* The batch written into the statement: PostgreSQL takes no parameter in CREATE ... AS. */
    snprintf(sql, sizeof sql,
             "CREATE TEMPORARY TABLE %s AS SELECT * FROM %s WHERE created_batch <= %" PRId64,
             t->table, t->table, batch);
    rc = store_exec(st, sql);
    size_t used =
        (size_t)snprintf(sql, sizeof sql, "CREATE INDEX as_of_%s_key ON %s (", t->table, t->table);
    for (int k = 0; k < t->key_count && used < sizeof sql; k++)
        used +=
            (size_t)snprintf(sql + used, sizeof sql - used, "%s%s", k > 0 ? ", " : "", t->keys[k]);
    strncat(sql, ")", sizeof sql - strlen(sql) - 1);
    if (rc == BF_OK)
        rc = store_exec(st, sql);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    if (store_is_remote(st) && (rc = as_of_copy_indexes(st, t, err)) != BF_OK)
        return rc;

    as_of_state s = {.st = st, .t = t, .batch = batch, .err = err};
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", t->table);
    as_of_where_keys(t, sql);
    rc = store_prepare(st, sql, &s.exists);
    snprintf(sql, sizeof sql,
             "UPDATE %s SET updated_batch = COALESCE((SELECT MAX(batch_id) FROM %s WHERE %s = ? "
             "AND batch_id <= CAST(? AS BIGINT) AND batch_id >= %s.created_batch), created_batch)",
             t->table, t->people ? "person_history" : "fact_history",
             t->people ? "id_number" : "kind = ? AND record_key", t->table);
    as_of_where_keys(t, sql);
    if (rc == BF_OK)
        rc = store_prepare(st, sql, &s.updated);
    if (rc != BF_OK) {
        rc = store_error_set(st, rc, err);
        goto out;
    }
    store_rows rows = {0};
    const char *params[] = {t->table, text};
    int fact = !t->people;
    rc = store_rows_open(st, t->history, fact ? params : params + 1, fact ? 2 : 1, &rows, err);
    int step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        const char *key = store_column_text(rows.stmt, 0), *field = store_column_text(rows.stmt, 1);
        if (key == NULL || field == NULL)
            continue;
        if (strcmp(key, s.record.key) != 0) {
            rc = as_of_record_end(&s);
            snprintf(s.record.key, sizeof s.record.key, "%s", key);
        }
        const char *old =
                       store_column_is_null(rows.stmt, 2) ? NULL : store_column_text(rows.stmt, 2),
                   *now =
                       store_column_is_null(rows.stmt, 3) ? NULL : store_column_text(rows.stmt, 3);
        if (rc == BF_OK &&
            as_of_record_add(&s.record, field, old, now, as_of_is_key(t, field)) != BF_OK)
            rc = bf_error_set(err, BF_EINVAL,
                              BF_TR("%s 的历史记录“%s”字段“%s”无法还原",
                                    "%s: the history of '%s', field '%s', cannot be undone"),
                              t->table, key, field);
    }
    store_rows_close(&rows);
    if (rc == BF_OK && step < 0)
        rc = step;
    if (rc == BF_OK)
        rc = as_of_record_end(&s);
    /* Autovacuum never visits a temporary table: without statistics PostgreSQL would plan
       the report's joins on it blind. */
    snprintf(sql, sizeof sql, "ANALYZE %s", t->table);
    if (rc == BF_OK && store_is_remote(st) && (rc = store_exec(st, sql)) != BF_OK)
        rc = store_error_set(st, rc, err);
out:
    store_finalize(s.exists);
    store_finalize(s.updated);
    for (int u = 0; u < s.update_count; u++)
        store_finalize(s.updates[u]);
    text_pool_free(&s.record.text);
    return rc;
}

int report_as_of_open(store *st, int64_t batch, bf_error *err)
{
    as_of_table tables[AS_OF_TABLES_MAX];
    if (batch == INT64_MAX)
        return BF_OK;
    int count = as_of_tables(tables);
    int rc = store_begin(st);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    for (int t = 0; t < count && rc == BF_OK; t++)
        rc = as_of_table_rebuild(st, &tables[t], batch, err);
    if (rc != BF_OK) {
        store_rollback(st);
        return rc;
    }
    rc = store_commit(st);
    return rc == BF_OK ? BF_OK : store_error_set(st, rc, err);
}
