/* import_storing.c - the storing thread of a people import: the rows it is handed looked up,
 * inserted and updated (import_people_private.h). */
#include "services/import_people_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies value (NULL or "" for empty) into the chunk's text; returns its offset. */
static int import_chunk_text(import_chunk *chunk, const char *value, size_t *offset)
{
    if (value == NULL || value[0] == '\0' || value == import_row_clear) {
        *offset = value == import_row_clear ? IMPORT_CLEAR_VALUE : IMPORT_NO_VALUE;
        return BF_OK;
    }
    return text_pool_add(&chunk->text, value, offset);
}

/* The value at offset in the chunk's text, NULL for IMPORT_NO_VALUE and IMPORT_CLEAR_VALUE. */
static const char *import_chunk_value(const import_chunk *chunk, size_t offset)
{
    return offset == IMPORT_NO_VALUE || offset == IMPORT_CLEAR_VALUE
               ? NULL
               : text_pool_at(&chunk->text, offset);
}

/* The slot of the chunk's map holding (or free for) the ID number with key. */
static size_t import_chunk_slot(const import_chunk *chunk, uint64_t key)
{
    size_t slot = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 40) & (IMPORT_CHUNK_SLOTS - 1);
    while (chunk->slot_key[slot] != 0 && chunk->slot_key[slot] != key)
        slot = (slot + 1) & (IMPORT_CHUNK_SLOTS - 1);
    return slot;
}

/* Receives a person found by the chunk's look-up: keeps their stored values. */
static int import_chunk_found(void *context, const person *p)
{
    import_chunk *chunk = context;
    uint64_t key = int_map_key_from_digits(p->id_number, 17);
    size_t slot = import_chunk_slot(chunk, key);
    if (key == 0 || chunk->slot_key[slot] != key)
        return BF_OK; /* not asked for (cannot happen) */
    import_pending *row = &chunk->rows[chunk->slot_row[slot]];
    row->found = 1;
    row->created_batch = p->created_batch;
    row->updated_batch = p->updated_batch;
    row->locator = p->locator;
    for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
        int rc = import_chunk_text(chunk, p->values[f], &row->old[f]);
        if (rc != BF_OK)
            return rc;
    }
    return BF_OK;
}

/*
 * Finds the chunk's known people in the registry held in memory (instead of a look-up); their
 * stored values stay there (import_chunk_flush reads them by place), not copied.
 */
static void import_chunk_find_known(const import_known *known, import_chunk *chunk)
{
    for (int r = 0; r < chunk->count; r++)
        chunk->rows[r].place = import_known_index(known, chunk->rows[r].id_number);
}

/* Empties the chunk for reuse (its text buffer stays allocated). */
void import_chunk_clear(import_chunk *chunk)
{
    chunk->count = 0;
    text_pool_clear(&chunk->text);
    memset(chunk->slot_key, 0, sizeof chunk->slot_key);
}

/*
 * Fills values with a new person's row of a bulk load (ID number, fields,
 * the two batches) and counts the person in the summary.
 */
static void import_new_person(import_state *s, const import_chunk *chunk, const import_pending *row,
                              const char **values)
{
    values[0] = row->id_number;
    for (int f = 0; f < PERSON_FIELD_COUNT; f++)
        values[f + 1] = import_chunk_value(chunk, row->value[f]);
    values[PERSON_FIELD_COUNT + 1] = s->batch_text;
    values[PERSON_FIELD_COUNT + 2] = s->batch_text;
    people_counts_added(s->counts, values + 1);
}

/* The failure rc of the bulk load at the person id_number, into err. */
static int import_bulk_failed(import_state *s, int rc, const char *id_number, bf_error *err)
{
    return bf_error_set(err, rc,
                        BF_TR("数据库错误（证件号码 %s）：%s", "database error (ID number %s): %s"),
                        id_number, store_error_message(s->st));
}

/* Appends the chunk's rows to the bulk load of an empty registry (no look-ups). */
static int import_chunk_bulk(import_state *s, import_chunk *chunk, bf_error *err)
{
    const char *values[IMPORT_BULK_COLUMNS];
    for (int r = 0; r < chunk->count; r++) {
        const import_pending *row = &chunk->rows[r];
        import_new_person(s, chunk, row, values);
        int rc = store_bulk_row(s->bulk, values);
        if (rc != BF_OK)
            return import_bulk_failed(s, rc, row->id_number, err);
    }
    s->result->inserted += chunk->count;
    return BF_OK;
}

/*
 * A person stored outside the importer's region is not theirs to change: the whole import is
 * refused (a batch is one transaction), naming the row's ID number.
 */
int import_check_within(const import_state *s, const person *stored, bf_error *err)
{
    const char *stored_region = stored->values[PERSON_HUKOU_REGION];
    if (s->rules.within == NULL ||
        (stored_region != NULL && region_code_within(stored_region, s->rules.within)))
        return BF_OK;
    return bf_error_set(err, BF_EINVAL,
                        BF_TR("证件号码 %s 的人员不在您的辖区内，未导入任何一行",
                              "the person %s is outside your region; nothing imported"),
                        stored->id_number);
}

/* Writes the fields of updated that differ from old (*changed of them); its history is kept
 * for the end. */
static int import_update(import_state *s, const person *old, const person *updated, int *changed,
                         bf_error *err)
{
    int rc = person_store_update(s->people, old, updated, s->batch, NULL, changed, err);
    if (rc == BF_OK && *changed > 0 &&
        import_history_add(s->history, old, updated, person_changed_fields(old, updated)) != BF_OK)
        rc = bf_error_set(err, BF_ENOMEM, NULL);
    return rc;
}

/* Counts a known person in the summary: updated when changed fields were written, else
 * unchanged. */
static void import_counted_update(import_state *s, const person *old, const person *updated,
                                  int changed)
{
    if (changed == 0) {
        s->result->unchanged++;
        return;
    }
    people_counts_changed(s->counts, old->values, updated->values);
    s->result->updated++;
}

/*
 * Stores the chunk's rows and empties it.  Into an empty registry they go
 * to the bulk load; otherwise one look-up finds the known ones, the new
 * people go in one bulk load, and the known ones are updated field by field
 * (or left unchanged).
 */
int import_chunk_flush(import_state *s, import_chunk *chunk, bf_error *err)
{
    const char *ids[IMPORT_CHUNK_ROWS];
    const char *values[IMPORT_BULK_COLUMNS];
    store_bulk *bulk = NULL;
    int rc = BF_OK, fresh = 0;
    if (chunk->count == 0)
        goto out;
    if (s->bulk_started) {
        rc = import_chunk_bulk(s, chunk, err);
        goto out;
    }
    for (int r = 0; r < chunk->count; r++)
        ids[r] = chunk->rows[r].id_number;
    const import_known *known = s->known != NULL ? s->known : import_known_loader_ready(s->loader);
    if (known != NULL)
        import_chunk_find_known(known, chunk);
    else
        rc = person_store_load_many(s->people, ids, chunk->count, import_chunk_found, chunk, err);
    if (rc != BF_OK)
        goto out;
    for (int r = 0; r < chunk->count; r++) {
        chunk->rows[r].found |= chunk->rows[r].place >= 0;
        fresh += !chunk->rows[r].found;
    }
    if (fresh > 0) {
        rc = store_bulk_begin(s->st, "people", s->bulk_columns, IMPORT_BULK_COLUMNS, &bulk);
        for (int r = 0; rc == BF_OK && r < chunk->count; r++) {
            const import_pending *row = &chunk->rows[r];
            if (row->found)
                continue;
            import_new_person(s, chunk, row, values);
            rc = store_bulk_row(bulk, values);
        }
        if (bulk != NULL) {
            int ended = store_bulk_end(bulk, rc == BF_OK);
            rc = rc == BF_OK ? ended : rc;
        }
        if (rc != BF_OK) {
            store_error_set(s->st, rc, err);
            goto out;
        }
        s->result->inserted += fresh;
    }
    for (int r = 0; r < chunk->count; r++) {
        const import_pending *row = &chunk->rows[r];
        if (!row->found)
            continue;
        person old = {.created_batch = row->created_batch,
                      .updated_batch = row->updated_batch,
                      .locator = row->locator};
        if (row->place >= 0) {
            import_known_at(known, row->place, &old);
        } else {
            memcpy(old.id_number, row->id_number, sizeof old.id_number);
            for (int f = 0; f < PERSON_FIELD_COUNT; f++)
                old.values[f] = import_chunk_value(chunk, row->old[f]);
        }
        person updated = {.created_batch = old.created_batch, .updated_batch = s->batch};
        memcpy(updated.id_number, row->id_number, sizeof updated.id_number);
        /* A field the row leaves empty (or whose column is absent) keeps its stored value. */
        for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
            updated.values[f] = row->value[f] == IMPORT_NO_VALUE
                                    ? old.values[f]
                                    : import_chunk_value(chunk, row->value[f]);
        }
        rc = import_check_within(s, &old, err);
        if (rc != BF_OK)
            goto out;
        int changed = 0;
        if (s->changes != NULL) {
            unsigned fields = person_changed_fields(&old, &updated);
            changed = __builtin_popcount(fields);
            rc = changed > 0 ? import_changes_add(s->changes, &old, &updated, fields, row->place)
                             : BF_OK;
            if (rc != BF_OK)
                bf_error_set(err, rc, NULL);
        } else {
            rc = import_update(s, &old, &updated, &changed, err);
        }
        if (rc != BF_OK)
            goto out;
        import_counted_update(s, &old, &updated, changed);
    }
    if (s->changes != NULL)
        rc = import_changes_flush(s->changes, err);
out:
    import_chunk_clear(chunk);
    return rc;
}

/* Adds a valid row to the chunk (which has room), copying its values. */
int import_chunk_add(import_chunk *chunk, const person *p)
{
    import_pending *row = &chunk->rows[chunk->count];
    uint64_t key = int_map_key_from_digits(p->id_number, 17);
    size_t slot = import_chunk_slot(chunk, key);
    memcpy(row->id_number, p->id_number, sizeof row->id_number);
    row->found = 0;
    row->place = -1;
    for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
        int rc = import_chunk_text(chunk, p->values[f], &row->value[f]);
        if (rc != BF_OK)
            return rc;
    }
    chunk->slot_key[slot] = key;
    chunk->slot_row[slot] = chunk->count;
    chunk->count++;
    return BF_OK;
}

/* What import_replay_row fills: the chunk of rows in key order and where errors go. */
typedef struct import_replay {
    import_state *s;
    import_chunk *chunk;
    bf_error *err;
    int64_t done, total; /* rows stored so far, of those kept */
} import_replay;

/* One kept row back into the replay's chunk; a full chunk is stored. */
static int import_replay_row(void *context, uint64_t key, const char *const *values)
{
    (void)key;
    import_replay *replay = context;
    person p;
    memset(&p, 0, sizeof p);
    snprintf(p.id_number, sizeof p.id_number, "%s", values[0]);
    for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
        const char *value = values[f + 1];
        p.values[f] =
            value != NULL && strcmp(value, import_row_clear) == 0 ? import_row_clear : value;
    }
    int rc = import_chunk_add(replay->chunk, &p);
    if (rc != BF_OK)
        return bf_error_set(replay->err, rc, NULL);
    if (replay->chunk->count < IMPORT_CHUNK_ROWS)
        return BF_OK;
    replay->done += replay->chunk->count;
    progress_update(replay->s->options->progress, PROGRESS_WRITING, replay->done,
                    replay->total > 0 ? (double)replay->done / (double)replay->total : -1.0);
    return import_chunk_flush(replay->s, replay->chunk, replay->err);
}

/* Reports the rows of the runs written so far, of total (0: not known yet). */
void import_written(const import_state *s, int64_t total)
{
    progress_update(s->options->progress, PROGRESS_WRITING, s->stash_written,
                    total > 0 ? (double)s->stash_written / (double)total : -1.0);
}

/*
 * Looks up and writes a run of rows the reader kept, in key order.  The total
 * is known from the last run on (until then the fraction is unknown: 0).
 */
int import_replay_sorted(import_state *s, import_sorted *run, int64_t total, bf_error *err)
{
    int64_t count = (int64_t)import_sorted_count(run);
    if (count == 0)
        return BF_OK;
    import_replay replay = {s, calloc(1, sizeof(import_chunk)), err, s->stash_written, total};
    if (replay.chunk == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    import_written(s, total);
    const char *failed = NULL;
    int rc = import_sorted_each(run, import_replay_row, &replay, &failed);
    s->stash_written += count;
    if (rc == BF_OK)
        rc = import_chunk_flush(s, replay.chunk, err);
    else if (failed == NULL)
        bf_error_set(err, rc, NULL);
    text_pool_free(&replay.chunk->text);
    free(replay.chunk);
    return rc;
}

/* What import_prepared_row receives: the state, the registry, and the rows written so far. */
typedef struct import_prepared_replay {
    import_state *s;
    const import_known *known;
    bf_error *err;
    int64_t done, total;
} import_prepared_replay;

/*
 * One changed known person the reader kept (import_stash_prepared): the stored person from the
 * registry in memory, the changed fields from the row.
 */
static int import_prepared_row(void *context, uint64_t key, const char *const *values)
{
    import_prepared_replay *replay = context;
    import_state *s = replay->s;
    person old, updated;
    int changed = 0;
    import_known_at(replay->known, (int64_t)key, &old);
    updated = old;
    updated.updated_batch = s->batch;
    unsigned mask = (unsigned)strtoul(values[0], NULL, 10);
    for (int f = 0; f < PERSON_FIELD_COUNT; f++)
        if (mask & (1u << f))
            updated.values[f] = values[f + 1];
    int rc = import_update(s, &old, &updated, &changed, replay->err);
    if (rc != BF_OK)
        return rc;
    import_counted_update(s, &old, &updated, changed);
    if (++replay->done % IMPORT_PROGRESS_EVERY == 0)
        progress_update(s->options->progress, PROGRESS_WRITING, replay->done,
                        replay->total > 0 ? (double)replay->done / (double)replay->total : -1.0);
    return BF_OK;
}

/* Writes the changed known people of a run (after the run's other rows), in the registry's
 * order; total as import_replay_sorted. */
int import_prepared_run(import_state *s, import_sorted *prepared, int64_t total, bf_error *err)
{
    int64_t count = (int64_t)import_sorted_count(prepared);
    import_prepared_replay replay = {s, import_known_loader_ready(s->loader), err, s->stash_written,
                                     total};
    const char *failed = NULL;
    int rc = import_sorted_each(prepared, import_prepared_row, &replay, &failed);
    s->stash_written += count;
    if (rc != BF_OK && failed == NULL)
        bf_error_set(err, rc, NULL);
    return rc;
}

/* What import_bulk_row receives: the state, and the rows inserted so far of those kept. */
typedef struct import_bulk_replay {
    import_state *s;
    int64_t done, total;
} import_bulk_replay;

/* One kept row of a new person into the bulk load. */
static int import_bulk_row(void *context, uint64_t key, const char *const *kept)
{
    (void)key;
    import_bulk_replay *replay = context;
    import_state *s = replay->s;
    const char *values[IMPORT_BULK_COLUMNS];
    memcpy(values, kept, (PERSON_FIELD_COUNT + 1) * sizeof *values);
    values[PERSON_FIELD_COUNT + 1] = s->batch_text;
    values[PERSON_FIELD_COUNT + 2] = s->batch_text;
    if (++replay->done % IMPORT_PROGRESS_EVERY == 0)
        progress_update(s->options->progress, PROGRESS_WRITING, replay->done,
                        replay->total > 0 ? (double)replay->done / (double)replay->total : -1.0);
    return store_bulk_row(s->bulk, values);
}

/*
 * Inserts a run of new people the reader kept (an empty registry), in key order.  The total
 * is known from the last run on (until then the fraction is unknown).
 */
int import_bulk_run(import_state *s, import_sorted *run, int last, bf_error *err)
{
    int64_t count = (int64_t)import_sorted_count(run);
    import_bulk_replay replay = {s, s->result->inserted, last ? s->result->inserted + count : 0};
    const char *failed = NULL;
    int rc = import_sorted_each(run, import_bulk_row, &replay, &failed);
    if (rc == BF_OK) {
        s->result->inserted += count;
        return BF_OK;
    }
    return failed != NULL ? import_bulk_failed(s, rc, failed, err) : bf_error_set(err, rc, NULL);
}
