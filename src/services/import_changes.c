/* import_changes.c - the updates of an import, in bulk. */
#include "services/import_changes.h"

#include "core/text_pool.h"
#include "services/import_history.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest SQL text built here. */
#define IMPORT_CHANGES_SQL_MAX 4096
/* Offset standing for an empty value. */
#define IMPORT_CHANGES_NO_VALUE ((size_t)-1)
/*
 * Columns of import_changes: the ID number, every field (the changed ones
 * filled, the others NULL), then which fields changed (bit f = field f): a
 * re-import changing one field sends two values a person instead of all, and
 * the UPDATE sets only the fields some person changed (1M people, one field
 * changed: that COPY 2.9 -> 1.6 s, the UPDATE 7.2 -> 6.1 s, under load).
 */
#define IMPORT_CHANGES_COLUMNS      (PERSON_FIELD_COUNT + 3)
#define IMPORT_CHANGES_MASK_COLUMN  (PERSON_FIELD_COUNT + 1)
#define IMPORT_CHANGES_PLACE_COLUMN (PERSON_FIELD_COUNT + 2)
_Static_assert(PERSON_FIELD_COUNT < 31, "the changed fields of a person fit an INTEGER");
/*
 * Changed people kept before their new values are written (one COPY): one
 * COPY pair per chunk of 256 cost 4 of the 7 s of server time of a 200k re-import.
 */
#define IMPORT_CHANGES_FLUSH_ROWS 8192
/* One person in this many out of the table's order, or more, and the changes are sorted. */
#define IMPORT_CHANGES_OUT_OF_ORDER 100

/* One changed person; values are offsets into the text. */
typedef struct import_changes_row {
    size_t id_number;
    size_t value[PERSON_FIELD_COUNT];
    unsigned changed; /* bit f: field f changed */
    int64_t place;    /* import_changes_add's, -1 for none */
} import_changes_row;

struct import_changes {
    store *st;
    char batch[24];                              /* the batch, as text */
    const char *columns[IMPORT_CHANGES_COLUMNS]; /* id_number, the fields, changed_fields */
    unsigned changed;                            /* the fields any person changed */
    import_changes_row *rows;                    /* kept, not yet flushed */
    int count;
    int capacity;
    text_pool text;          /* the values of rows */
    int64_t flushed;         /* people written to import_changes so far */
    int64_t last_place;      /* of the last person added */
    int64_t out_of_order;    /* people added with a place before the last one's, or none */
    import_history *history; /* written in key order at the end */
};

/* Fills err with the store's message and returns rc. */
static int import_changes_fail(import_changes *changes, int rc, bf_error *err)
{
    return bf_error_set(err, rc, BF_TR("无法写入更新：%s", "cannot write the updates: %s"),
                        store_error_message(changes->st));
}

int import_changes_open(store *st, int64_t batch, const char *changed_at, import_changes **out,
                        bf_error *err)
{
    char sql[IMPORT_CHANGES_SQL_MAX];
    *out = NULL;
    import_changes *changes = calloc(1, sizeof *changes);
    if (changes == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    changes->st = st;
    snprintf(changes->batch, sizeof changes->batch, "%" PRId64, batch);
    changes->columns[0] = "id_number";
    size_t used = (size_t)snprintf(
        sql, sizeof sql, "CREATE TEMP TABLE IF NOT EXISTS import_changes (id_number TEXT");
    for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
        changes->columns[f + 1] = person_field_column((person_field)f);
        /* Typed as in people: PostgreSQL assigns no text to an INTEGER column. */
        used += (size_t)snprintf(sql + used, sizeof sql - used, ", %s %s", changes->columns[f + 1],
                                 person_field_sql_type((person_field)f));
    }
    changes->columns[IMPORT_CHANGES_MASK_COLUMN] = "changed_fields";
    changes->columns[IMPORT_CHANGES_PLACE_COLUMN] = "place";
    snprintf(sql + used, sizeof sql - used, ", changed_fields INTEGER, place BIGINT)");
    int rc = store_exec(st, sql);
    if (rc == BF_OK)
        rc = store_exec(st, "DELETE FROM import_changes");
    if (rc != BF_OK) {
        import_changes_fail(changes, rc, err);
        import_changes_close(changes);
        return rc;
    }
    if (import_history_new(batch, changed_at, &changes->history) != BF_OK) {
        import_changes_close(changes);
        return bf_error_set(err, BF_ENOMEM, NULL);
    }
    *out = changes;
    return BF_OK;
}

/* Copies value (NULL or "" for empty) into the text; *offset receives where. */
static int import_changes_text(import_changes *changes, const char *value, size_t *offset)
{
    if (value == NULL || value[0] == '\0') {
        *offset = IMPORT_CHANGES_NO_VALUE;
        return BF_OK;
    }
    return text_pool_add(&changes->text, value, offset);
}

static const char *import_changes_value(const import_changes *changes, size_t offset)
{
    return offset == IMPORT_CHANGES_NO_VALUE ? NULL : text_pool_at(&changes->text, offset);
}

int import_changes_add(import_changes *changes, const person *old, const person *updated,
                       unsigned changed, int64_t place)
{
    if (changes->count == changes->capacity) {
        int capacity = changes->capacity > 0 ? changes->capacity * 2 : PERSON_LOAD_MANY_MAX;
        import_changes_row *rows = realloc(changes->rows, (size_t)capacity * sizeof *rows);
        if (rows == NULL)
            return BF_ENOMEM;
        changes->rows = rows;
        changes->capacity = capacity;
    }
    import_changes_row *row = &changes->rows[changes->count];
    int rc = import_changes_text(changes, updated->id_number, &row->id_number);
    row->changed = changed;
    for (int f = 0; rc == BF_OK && f < PERSON_FIELD_COUNT; f++) {
        row->value[f] = IMPORT_CHANGES_NO_VALUE;
        if (changed & (1u << f))
            rc = import_changes_text(changes, updated->values[f], &row->value[f]);
    }
    if (rc == BF_OK)
        rc = import_history_add(changes->history, old, updated, changed);
    if (rc == BF_OK) {
        row->place = place;
        changes->out_of_order += place < 0 || place < changes->last_place;
        changes->last_place = place;
        changes->changed |= row->changed;
        changes->count++;
    }
    return rc;
}

/* Ends a bulk load, keeping it when rc is BF_OK; returns the first failure. */
static int import_changes_end(store_bulk *bulk, int rc)
{
    int ended = store_bulk_end(bulk, rc == BF_OK);
    return rc == BF_OK ? ended : rc;
}

/*
 * Writes the new values of every kept change to import_changes: the ID number, the fields some
 * of these people changed, which ones each changed, and the place (the other columns stay
 * NULL: a re-import changing one field sends 4 values a person instead of 23, and the server
 * parses as many).
 */
static int import_changes_write(import_changes *changes, bf_error *err)
{
    const char *columns[IMPORT_CHANGES_COLUMNS], *values[IMPORT_CHANGES_COLUMNS];
    int fields[PERSON_FIELD_COUNT];
    char mask[16], place[24];
    store_bulk *bulk = NULL;
    unsigned changed = 0;
    int count = 0, field_count = 0;
    if (changes->count == 0)
        return BF_OK;
    for (int r = 0; r < changes->count; r++)
        changed |= changes->rows[r].changed;
    columns[count++] = changes->columns[0];
    for (int f = 0; f < PERSON_FIELD_COUNT; f++)
        if (changed & (1u << f)) {
            fields[field_count++] = f;
            columns[count++] = changes->columns[f + 1];
        }
    columns[count++] = changes->columns[IMPORT_CHANGES_MASK_COLUMN];
    columns[count++] = changes->columns[IMPORT_CHANGES_PLACE_COLUMN];
    int rc = store_bulk_begin(changes->st, "import_changes", columns, count, &bulk);
    for (int r = 0; rc == BF_OK && r < changes->count; r++) {
        const import_changes_row *row = &changes->rows[r];
        values[0] = import_changes_value(changes, row->id_number);
        for (int i = 0; i < field_count; i++)
            values[i + 1] = import_changes_value(changes, row->value[fields[i]]);
        snprintf(mask, sizeof mask, "%u", row->changed);
        values[field_count + 1] = mask;
        snprintf(place, sizeof place, "%" PRId64, row->place);
        values[field_count + 2] = row->place >= 0 ? place : NULL;
        rc = store_bulk_row(bulk, values);
    }
    if (bulk != NULL)
        rc = import_changes_end(bulk, rc);
    if (rc != BF_OK)
        return import_changes_fail(changes, rc, err);
    changes->flushed += changes->count;
    changes->count = 0;
    text_pool_clear(&changes->text);
    return BF_OK;
}

int import_changes_flush(import_changes *changes, bf_error *err)
{
    return changes->count >= IMPORT_CHANGES_FLUSH_ROWS ? import_changes_write(changes, err) : BF_OK;
}

int import_changes_apply(import_changes *changes, bf_error *err)
{
    char sql[IMPORT_CHANGES_SQL_MAX];
    store_stmt *stmt = NULL;
    int rc = import_changes_write(changes, err);
    if (rc != BF_OK || changes->flushed == 0)
        return rc;
    /* Only the fields some person changed; a person's other fields keep their stored value. */
    size_t used = (size_t)snprintf(sql, sizeof sql, "UPDATE people SET ");
    for (int f = 0; f < PERSON_FIELD_COUNT && used < sizeof sql; f++) {
        const char *column = changes->columns[f + 1];
        if (changes->changed & (1u << f))
            used += (size_t)snprintf(sql + used, sizeof sql - used,
                                     "%s = CASE WHEN (c.changed_fields & %u) <> 0 THEN c.%s "
                                     "ELSE people.%s END, ",
                                     column, 1u << f, column, column);
    }
    /*
     * The people are updated in the order of the changes (the probe side of the join).  A file
     * in another order than the table's (a list sorted anew in Excel) then updated pages at
     * random, which the server's buffers do not hold at a million people (1M: 6.9 s against
     * 2.6 s); sorted by the table's order first, 3.2 s.  A file in the table's order is not
     * sorted (that costs 0.2 s).
     */
    int sort = changes->out_of_order * IMPORT_CHANGES_OUT_OF_ORDER > changes->flushed;
    if (used < sizeof sql)
        used += (size_t)snprintf(sql + used, sizeof sql - used,
                                 "updated_batch = ? FROM %s c WHERE people.id_number = c.id_number",
                                 sort ? "(SELECT * FROM import_changes ORDER BY place) AS"
                                      : "import_changes");
    if (used >= sizeof sql)
        return bf_error_set(err, BF_ETOOBIG, "import_changes: UPDATE longer than %d bytes",
                            IMPORT_CHANGES_SQL_MAX);
    rc = import_history_write(changes->history, changes->st);
    if (rc == BF_OK)
        rc = store_join_in_memory(changes->st);
    if (rc == BF_OK)
        rc = store_prepare(changes->st, sql, &stmt);
    if (rc == BF_OK)
        rc = store_bind_text(stmt, 1, changes->batch);
    if (rc == BF_OK)
        rc = store_step(stmt) == BF_DONE ? BF_OK : BF_ESTORE;
    store_finalize(stmt);
    /* The rows stay in the temporary table until the session ends or the next import
     * empties it (import_changes_open): deleting a million took a second. */
    if (rc != BF_OK)
        return import_changes_fail(changes, rc, err);
    return BF_OK;
}

void import_changes_close(import_changes *changes)
{
    if (changes == NULL)
        return;
    free(changes->rows);
    text_pool_free(&changes->text);
    import_history_free(changes->history);
    free(changes);
}
