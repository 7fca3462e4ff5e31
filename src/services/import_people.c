/* import_people.c - validating a list of people and storing it in one transaction. */
#include "services/import_people.h"

#include "core/date.h"
#include "core/idcard.h"
#include "core/int_map.h"
#include "core/text_pool.h"
#include "io/table_reader.h"
#include "registry/category.h"
#include "registry/people_counts.h"
#include "registry/person.h"
#include "registry/region.h"
#include "services/import_batch.h"
#include "services/import_changes.h"
#include "services/import_errors.h"
#include "services/import_history.h"
#include "services/import_row.h"
#include "services/import_known.h"
#include "services/import_sorted.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Rows between two progress calls. */
#define IMPORT_PROGRESS_EVERY 8192
/* Most ID numbers reserved ahead in the map of those seen (it grows past this if needed). */
#define IMPORT_RESERVE_MAX 16000000
/* Estimated rows from which the row-by-row path may build the indexes once at the end. */
#define IMPORT_REINDEX_MIN_ROWS 100000
/*
 * Longest wait, after the commit, for readers in people before its key is put
 * back (person_keys_restore): readers arriving meanwhile queue behind it.
 */
#define IMPORT_KEY_WAIT_MS 200
/* Most people of a registry read whole into memory (about 210 bytes each; import_known.h). */
#define IMPORT_KNOWN_PEOPLE_MAX 2000000
/* Bytes of input per row assumed when estimating the rows of a file. */
#define IMPORT_BYTES_PER_ROW 128
/*
 * Rows of an import into an empty SQLite registry kept by the reading thread
 * to be inserted in key order (import_stash_row; about 190 bytes each); a full
 * run goes to the storing thread, which inserts it while the reader keeps the
 * next one.  Each run sweeps the ID numbers' b-tree once, county by county,
 * and on two cores the writing overlaps the reading (1M people: one run of
 * 2^20 wrote only after the whole file was read).
 */
#define IMPORT_SORTED_ROWS_MAX (1u << 17)
/*
 * Rows of an import into a registry holding people kept by the reading thread
 * to be looked up and written in key order (about 190 bytes each).  A full
 * run goes to the storing thread, which writes it while the reader keeps the
 * next one: each run sweeps the table's pages once, in order, and on two
 * cores the writing overlaps the reading (1M people: one run of 2^20 was
 * written only after the whole file was read).
 */
#define IMPORT_STASH_ROWS_MAX (1u << 18)
/*
 * Rows of the first run of either kind: the storing thread has nothing to do until the reader
 * hands one over (0.4 s of reading for a run of 2^17 rows), so the runs start this small and
 * double up to their size.
 */
#define IMPORT_FIRST_RUN_ROWS (1u << 12)
/* Columns of the people table written per row by the bulk path: id, the fields, two batches. */
#define IMPORT_BULK_COLUMNS (PERSON_FIELD_COUNT + 3)

/* Valid rows looked up together (one query for the chunk, not one per row). */
#define IMPORT_CHUNK_ROWS PERSON_LOAD_MANY_MAX
/* Slots of the chunk's map from ID number to row: a power of two, four times the rows. */
#define IMPORT_CHUNK_SLOTS (4 * IMPORT_CHUNK_ROWS)
/* Offset standing for no value: an empty stored value, or a row's field to keep as stored. */
#define IMPORT_NO_VALUE ((size_t)-1)
/* Offset standing for a row's field to clear (import_row_clear). */
#define IMPORT_CLEAR_VALUE ((size_t)-2)

/* One valid row of a chunk; its values are offsets into the chunk's text. */
typedef struct import_pending {
    char id_number[IDCARD_TEXT_MAX];
    size_t value[PERSON_FIELD_COUNT]; /* the row's values, IMPORT_NO_VALUE to keep, _CLEAR_ */
    size_t old[PERSON_FIELD_COUNT];   /* the stored values, when found */
    int found;                        /* 1 when the person is already in the registry */
    int64_t created_batch;            /* of the stored person, when found */
    int64_t updated_batch;            /* of the stored person, when found */
    int64_t locator;                  /* of the stored person, when found (person.locator) */
} import_pending;

/* The valid rows waiting for their look-up, with the text of their values. */
typedef struct import_chunk {
    import_pending rows[IMPORT_CHUNK_ROWS];
    int count;      /* rows in use */
    text_pool text; /* every value of the chunk (grows, kept between chunks) */
    uint64_t slot_key[IMPORT_CHUNK_SLOTS]; /* first 17 digits of an ID number, 0 for a free slot */
    int slot_row[IMPORT_CHUNK_SLOTS];      /* the row of slot_key */
    import_sorted *run;      /* instead of rows: a run kept by the reader (owned), or NULL */
    import_sorted *prepared; /* with run: its known people to update (import_stash_prepared) */
    int64_t settled;         /* with run: its known people found unchanged (nothing to write) */
    int run_last;            /* 1 when run is the reader's last */
} import_chunk;

/*
 * Chunks in flight between the reading and the storing thread (about 650 kB
 * each): PostgreSQL's storer is the slower side (look-ups and COPY), so more
 * chunks only fill up (1M people: peak 90 -> 181 MiB with 64), and SQLite's
 * imports hand over whole runs, one chunk each.
 */
#define IMPORT_PIPELINE_CHUNKS 4

/*
 * The hand-over of chunks between the reading thread (reads, validates,
 * writes the error file, fills chunks) and the storing thread (the caller's,
 * the only one to touch the store), so that parsing and storing overlap.
 * Chunks travel from the free list to the reader, then in order through the
 * full queue to the storer, and back.
 */
typedef struct import_pipeline {
    pthread_mutex_t lock;
    pthread_cond_t changed;                       /* signalled on every change below */
    import_chunk *chunks[IMPORT_PIPELINE_CHUNKS]; /* all of them, for freeing */
    int chunk_count;                              /* chunks in use (allocated) */
    import_chunk *free[IMPORT_PIPELINE_CHUNKS];   /* empty chunks for the reader */
    int free_count;
    import_chunk *full[IMPORT_PIPELINE_CHUNKS]; /* ring of filled chunks for the storer */
    int full_head;
    int full_count;
    int runs_pending; /* runs handed to the storer and not yet written (at most one) */
    int done;         /* the reader has finished: no more chunks will come */
    int stopped;      /* the storer has failed: the reader should stop */
    int ready;        /* 1 once the lock and condition exist */
    /* A province the reader waits for (its first code met), loaded by the storer. */
    char province[REGION_CODE_TEXT_MAX];
    int province_wanted; /* 1 from the reader's request until the storer has served it */
    int province_rc;     /* the outcome, with its message in province_error */
    bf_error province_error;
} import_pipeline;

/* Everything one import run holds. */
typedef struct import_state {
    store *st;
    const import_people_options *options;
    import_people_result *result;
    table_reader *reader;        /* the input */
    import_errors *errors;       /* the error file (written from the first rejection) */
    region_set *regions;         /* the known region codes of the provinces met */
    int_map seen;                /* first 17 digits of each ID number -> its line */
    import_row_rules rules;      /* what a row is checked against */
    vocabulary_set vocabularies; /* the 四清 lists, when options give none */
    import_row row;              /* the row being checked (reading thread) */
    import_pipeline pipeline;    /* chunks of valid rows from the reading to the storing thread */
    int read_rc;                 /* outcome of the reading thread */
    bf_error read_error;         /* its message when read_rc is not BF_OK */
    person_store *people;        /* statements for lookups, inserts, updates */
    people_counts_delta *counts; /* the summary's changes, written before the commit */
    import_changes *changes;     /* remote engines: updates written in bulk, applied at the end */
    import_history *history;     /* SQLite: the history of the updates, written at the end */
    import_known *known;         /* a file as large as the registry: its people (PostgreSQL) */
    import_known_loader *loader; /* SQLite: reads them beside the import (import_known.h) */
    store_bulk *bulk;            /* the insert-only path, when people was empty at the start */
    /* SQLite: the run of rows the reading thread keeps to be stored in key order (the key is
     * kept up: into an empty registry the rows are inserted in its order, else looked up). */
    import_sorted *stash;
    /* SQLite, once the registry is read (s->loader): the changed known people of the run, by
     * their place in it (import_stash_prepared), and the unchanged ones counted (reader). */
    import_sorted *prepared;
    int64_t unchanged_read; /* of the whole file */
    int64_t settled;        /* of the run kept now */
    int64_t stash_written;  /* rows of the runs written so far (storing thread) */
    size_t stash_rows;      /* rows of the next run of stash (from IMPORT_FIRST_RUN_ROWS up) */
    size_t stash_rows_max;  /* rows of a run: options, IMPORT_SORTED_ROWS_MAX or _STASH_ROWS_MAX */
    int bulk_started;       /* 1 on the insert-only path (bulk may be between two loads) */
    int indexes_dropped;    /* 1 when the secondary indexes of people wait to be built at the end */
    int copy_beside;        /* 1: the commit leaves its log to store_checkpoint_beside */
    int key_dropped;        /* 1 when the primary key of people waits to be built at the end */
    int64_t estimated_rows; /* rows the file probably holds (from its size), 0 when unknown */
    int64_t max_rows;       /* the caps of this run (options, settings or defaults) */
    int64_t max_rejected;
    /* The columns of people a bulk load writes, in the order of its values. */
    const char *bulk_columns[IMPORT_BULK_COLUMNS];
    int64_t batch;                   /* the batch of this run */
    char now[BF_TIMESTAMP_TEXT_MAX]; /* start of the run, stamped on batch and history */
    char batch_text[24];
} import_state;

/*
 * The header test of table_reader: a row with at least two cells naming
 * columns of person_columns[] (a title row above the header names none).
 */
static int import_header_usable(void *context, const table_row *row)
{
    (void)context;
    int known = 0;
    for (int i = 0; i < row->count; i++)
        known += person_column_find(row->cells[i]) >= 0;
    return known >= 2;
}

/* True when text holds a digit (ASCII or full-width ０-９, EF BC 90..99). */
static int import_has_digit(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
        if ((*p >= '0' && *p <= '9') ||
            (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99))
            return 1;
    return 0;
}

/*
 * A note below (or within) the list: "注：…", "填表人：张三 | 审核人：李四",
 * "合计：120人" hold no digit in the ID number and region cells and leave the
 * category empty.  Such a row describes no person: it is skipped (and
 * counted, and its line said), not rejected.
 */
static int import_is_note(const import_state *s, const table_row *row)
{
    int c_id = 1, c_region = 3, c_category = 6;
    const char *id = import_row_cell(&s->rules, row, c_id);
    const char *region = import_row_cell(&s->rules, row, c_region);
    const char *category = import_row_cell(&s->rules, row, c_category);
    return (id == NULL || !import_has_digit(id)) && (region == NULL || !import_has_digit(region)) &&
           (category == NULL || category[0] == '\0');
}

/*
 * Reads the header row and maps it onto person_columns[].  Unknown columns
 * are kept (they go back into the error file) but ignored.  Fails when the
 * file is empty, a column appears twice, or a required column is missing.
 */
static int import_read_header(import_state *s, bf_error *err)
{
    table_row row;
    const char *path = s->options->path;
    int rc = table_reader_next(s->reader, &row, err);
    if (rc == BF_DONE)
        return bf_error_set(err, BF_EPARSE,
                            BF_TR("%s：文件为空，没有表头", "%s: the file is empty, no header"),
                            path);
    if (rc != BF_ROW)
        return rc;
    for (int c = 0; c < PERSON_COLUMN_COUNT; c++)
        s->rules.column_of[c] = -1;
    rc = import_errors_open(path, s->options->errors_path, &row, &s->errors, err);
    if (rc != BF_OK)
        return rc;
    int known = 0;
    for (int i = 0; i < row.count; i++) {
        int c = person_column_find(row.cells[i]);
        if (c < 0)
            continue;
        if (s->rules.column_of[c] >= 0)
            return bf_error_set(err, BF_EPARSE,
                                BF_TR("%s 第 %ld 行：表头“%s”重复（第 %d 列与第 %d 列）",
                                      "%s line %ld: header '%s' appears twice (columns %d and %d)"),
                                path, row.line, person_columns[c].header, s->rules.column_of[c] + 1,
                                i + 1);
        s->rules.column_of[c] = i;
        known++;
    }
    if (known == 0)
        return bf_error_set(
            err, BF_EPARSE,
            BF_TR("%s 第 %ld 行：没有可识别的表头（应有 姓名、证件号码、户籍地区划代码、帮扶类别 "
                  "等列）",
                  "%s line %ld: no usable header (expected 姓名/name, 证件号码/id_number, "
                  "户籍地区划代码/hukou_region, 帮扶类别/category, ...)"),
            path, row.line);
    char missing[512] = "";
    size_t used = 0;
    for (int c = 0; c < PERSON_COLUMN_COUNT; c++)
        if (person_columns[c].required && s->rules.column_of[c] < 0 && used < sizeof missing)
            used += (size_t)snprintf(missing + used, sizeof missing - used, "%s%s/%s",
                                     used > 0 ? "、" : "", person_columns[c].header,
                                     person_columns[c].alias);
    if (used > 0)
        return bf_error_set(err, BF_EPARSE,
                            BF_TR("%s 第 %ld 行：表头缺少必需列 %s",
                                  "%s line %ld: the header lacks the required columns %s"),
                            path, row.line, missing);
    return BF_OK;
}

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

/* Finds the chunk's known people in the registry held in memory (instead of a look-up). */
static int import_chunk_find_known(const import_known *known, import_chunk *chunk, bf_error *err)
{
    for (int r = 0; r < chunk->count; r++) {
        person p;
        if (!import_known_find(known, chunk->rows[r].id_number, &p))
            continue;
        int rc = import_chunk_found(chunk, &p);
        if (rc != BF_OK)
            return bf_error_set(err, rc, NULL);
    }
    return BF_OK;
}

/* Empties the chunk for reuse (its text buffer stays allocated). */
static void import_chunk_clear(import_chunk *chunk)
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
static int import_check_within(const import_state *s, const person *stored, bf_error *err)
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
    if (rc == BF_OK && *changed > 0 && import_history_add(s->history, old, updated) != BF_OK)
        rc = bf_error_set(err, BF_ENOMEM, NULL);
    return rc;
}

/* Counts an updated person in the summary. */
static void import_counted_update(import_state *s, const person *old, const person *updated)
{
    people_counts_changed(s->counts, old->values, updated->values);
    s->result->updated++;
}

/*
 * Stores the chunk's rows and empties it.  Into an empty registry they go
 * to the bulk load; otherwise one look-up finds the known ones, the new
 * people go in one bulk load, and the known ones are updated field by field
 * (or left unchanged).
 */
static int import_chunk_flush(import_state *s, import_chunk *chunk, bf_error *err)
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
        rc = import_chunk_find_known(known, chunk, err);
    else
        rc = person_store_load_many(s->people, ids, chunk->count, import_chunk_found, chunk, err);
    if (rc != BF_OK)
        goto out;
    for (int r = 0; r < chunk->count; r++)
        fresh += !chunk->rows[r].found;
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
        person updated = {.created_batch = row->created_batch, .updated_batch = s->batch};
        memcpy(old.id_number, row->id_number, sizeof old.id_number);
        memcpy(updated.id_number, row->id_number, sizeof updated.id_number);
        /* A field the row leaves empty (or whose column is absent) keeps its stored value. */
        for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
            old.values[f] = import_chunk_value(chunk, row->old[f]);
            updated.values[f] = row->value[f] == IMPORT_NO_VALUE
                                    ? old.values[f]
                                    : import_chunk_value(chunk, row->value[f]);
        }
        rc = import_check_within(s, &old, err);
        if (rc != BF_OK)
            goto out;
        int changed = 0;
        if (s->changes != NULL) {
            for (int f = 0; f < PERSON_FIELD_COUNT; f++)
                changed += !person_value_equal(old.values[f], updated.values[f]);
            rc = changed > 0 ? import_changes_add(s->changes, &old, &updated) : BF_OK;
            if (rc != BF_OK)
                bf_error_set(err, rc, NULL);
        } else {
            rc = import_update(s, &old, &updated, &changed, err);
        }
        if (rc != BF_OK)
            goto out;
        if (changed > 0) {
            import_counted_update(s, &old, &updated);
        } else {
            s->result->unchanged++;
        }
    }
    if (s->changes != NULL)
        rc = import_changes_flush(s->changes, err);
out:
    import_chunk_clear(chunk);
    return rc;
}

/* Adds a valid row to the chunk (which has room), copying its values. */
static int import_chunk_add(import_chunk *chunk, const person *p)
{
    import_pending *row = &chunk->rows[chunk->count];
    uint64_t key = int_map_key_from_digits(p->id_number, 17);
    size_t slot = import_chunk_slot(chunk, key);
    memcpy(row->id_number, p->id_number, sizeof row->id_number);
    row->found = 0;
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
static void import_written(const import_state *s, int64_t total)
{
    progress_update(s->options->progress, PROGRESS_WRITING, s->stash_written,
                    total > 0 ? (double)s->stash_written / (double)total : -1.0);
}

/*
 * Looks up and writes a run of rows the reader kept, in key order.  The total
 * is known from the last run on (until then the fraction is unknown: 0).
 */
static int import_replay_sorted(import_state *s, import_sorted *run, int64_t total, bf_error *err)
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
    if (changed > 0)
        import_counted_update(s, &old, &updated);
    else
        s->result->unchanged++; /* cannot happen: the reader compared them */
    if (++replay->done % IMPORT_PROGRESS_EVERY == 0)
        progress_update(s->options->progress, PROGRESS_WRITING, replay->done,
                        replay->total > 0 ? (double)replay->done / (double)replay->total : -1.0);
    return BF_OK;
}

/* Writes the changed known people of a run (after the run's other rows), in the registry's
 * order; total as import_replay_sorted. */
static int import_prepared_run(import_state *s, import_sorted *prepared, int64_t total,
                               bf_error *err)
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
static int import_bulk_run(import_state *s, import_sorted *run, int last, bf_error *err)
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

/* Takes a free chunk for the reader; NULL when the storer has stopped. */
static import_chunk *import_pipeline_take_free(import_pipeline *pipeline)
{
    import_chunk *chunk = NULL;
    pthread_mutex_lock(&pipeline->lock);
    while (pipeline->free_count == 0 && !pipeline->stopped)
        pthread_cond_wait(&pipeline->changed, &pipeline->lock);
    if (!pipeline->stopped)
        chunk = pipeline->free[--pipeline->free_count];
    pthread_mutex_unlock(&pipeline->lock);
    return chunk;
}

/* Queues a filled chunk for the storer. */
static void import_pipeline_give_full(import_pipeline *pipeline, import_chunk *chunk)
{
    pthread_mutex_lock(&pipeline->lock);
    pipeline->full[(pipeline->full_head + pipeline->full_count) % IMPORT_PIPELINE_CHUNKS] = chunk;
    pipeline->full_count++;
    pthread_cond_broadcast(&pipeline->changed);
    pthread_mutex_unlock(&pipeline->lock);
}

/*
 * Storing thread: loads the province the reader asked for.  A COPY in
 * progress owns the connection (PostgreSQL), so the bulk load of an empty
 * registry is ended and begun again around the query.
 */
static int import_serve_province(import_state *s, const char *canonical, bf_error *err)
{
    int rc = BF_OK;
    if (s->bulk != NULL) {
        store_bulk *bulk = s->bulk;
        s->bulk = NULL;
        rc = store_bulk_end(bulk, 1);
    }
    if (rc == BF_OK)
        rc = region_set_load_province(s->st, s->regions, canonical, err);
    else
        store_error_set(s->st, rc, err);
    if (rc == BF_OK && s->bulk_started) {
        rc = store_bulk_begin(s->st, "people", s->bulk_columns, IMPORT_BULK_COLUMNS, &s->bulk);
        if (rc != BF_OK)
            store_error_set(s->st, rc, err);
    }
    return rc;
}

/*
 * Takes the next filled chunk for the storer; NULL when the reader is done
 * and none is left.  Serves the reader's request for a province meanwhile.
 */
static import_chunk *import_pipeline_take_full(import_state *s)
{
    import_pipeline *pipeline = &s->pipeline;
    import_chunk *chunk = NULL;
    pthread_mutex_lock(&pipeline->lock);
    while (pipeline->full_count == 0 && !pipeline->done) {
        if (pipeline->province_wanted && !pipeline->stopped) {
            char canonical[REGION_CODE_TEXT_MAX];
            bf_error error;
            memcpy(canonical, pipeline->province, sizeof canonical);
            pthread_mutex_unlock(&pipeline->lock);
            bf_error_clear(&error);
            int rc = import_serve_province(s, canonical, &error);
            pthread_mutex_lock(&pipeline->lock);
            pipeline->province_rc = rc;
            pipeline->province_error = error;
            pipeline->province_wanted = 0;
            pthread_cond_broadcast(&pipeline->changed);
            continue;
        }
        pthread_cond_wait(&pipeline->changed, &pipeline->lock);
    }
    if (pipeline->full_count > 0) {
        chunk = pipeline->full[pipeline->full_head];
        pipeline->full_head = (pipeline->full_head + 1) % IMPORT_PIPELINE_CHUNKS;
        pipeline->full_count--;
    }
    pthread_mutex_unlock(&pipeline->lock);
    return chunk;
}

/*
 * Reading thread (import_row_rules.load_province): asks the storing thread,
 * the only one to use the store, to load the province of canonical and
 * waits.  A failure's message goes to s->read_error.
 */
static int import_request_province(void *context, const char *canonical)
{
    import_state *s = context;
    import_pipeline *pipeline = &s->pipeline;
    pthread_mutex_lock(&pipeline->lock);
    snprintf(pipeline->province, sizeof pipeline->province, "%s", canonical);
    pipeline->province_wanted = 1;
    pthread_cond_broadcast(&pipeline->changed);
    while (pipeline->province_wanted && !pipeline->stopped)
        pthread_cond_wait(&pipeline->changed, &pipeline->lock);
    int rc = pipeline->province_wanted ? BF_ESTORE : pipeline->province_rc;
    if (!pipeline->province_wanted && rc != BF_OK)
        s->read_error = pipeline->province_error;
    pipeline->province_wanted = 0;
    pthread_mutex_unlock(&pipeline->lock);
    return rc;
}

/* Gives a stored (emptied) chunk back to the reader. */
static void import_pipeline_give_free(import_pipeline *pipeline, import_chunk *chunk)
{
    pthread_mutex_lock(&pipeline->lock);
    pipeline->free[pipeline->free_count++] = chunk;
    pthread_cond_broadcast(&pipeline->changed);
    pthread_mutex_unlock(&pipeline->lock);
}

/* Sets done (the reader) or stopped (the storer) and wakes the other side. */
static void import_pipeline_finish(import_pipeline *pipeline, int reader)
{
    pthread_mutex_lock(&pipeline->lock);
    if (reader)
        pipeline->done = 1;
    else
        pipeline->stopped = 1;
    pthread_cond_broadcast(&pipeline->changed);
    pthread_mutex_unlock(&pipeline->lock);
}

/* Allocates count chunks (at most IMPORT_PIPELINE_CHUNKS) and the lock; BF_OK or BF_ENOMEM. */
static int import_pipeline_init(import_pipeline *pipeline, int count)
{
    memset(pipeline, 0, sizeof *pipeline);
    pipeline->chunk_count = count;
    for (int i = 0; i < count; i++) {
        pipeline->chunks[i] = calloc(1, sizeof *pipeline->chunks[i]);
        if (pipeline->chunks[i] == NULL)
            return BF_ENOMEM;
        pipeline->free[pipeline->free_count++] = pipeline->chunks[i];
    }
    if (pthread_mutex_init(&pipeline->lock, NULL) != 0)
        return BF_ENOMEM;
    if (pthread_cond_init(&pipeline->changed, NULL) != 0) {
        pthread_mutex_destroy(&pipeline->lock);
        return BF_ENOMEM;
    }
    pipeline->ready = 1;
    return BF_OK;
}

static void import_pipeline_free(import_pipeline *pipeline)
{
    for (int i = 0; i < pipeline->chunk_count; i++) {
        if (pipeline->chunks[i] != NULL) {
            text_pool_free(&pipeline->chunks[i]->text);
            import_sorted_free(pipeline->chunks[i]->run);
        }
        free(pipeline->chunks[i]);
    }
    if (pipeline->ready) {
        pthread_cond_destroy(&pipeline->changed);
        pthread_mutex_destroy(&pipeline->lock);
    }
}

/*
 * Reading thread: hands the run kept so far (SQLite, people stored) to the
 * storing thread once it has written the previous one, and starts the next
 * run unless last.  Returns BF_OK, BF_DONE when the storer has stopped (it
 * says why), or BF_ENOMEM (in s->read_error).
 */
static int import_stash_hand_over(import_state *s, int last)
{
    import_pipeline *pipeline = &s->pipeline;
    import_sorted *next = NULL;
    if (!last && import_sorted_new(PERSON_FIELD_COUNT + 1, &next) != BF_OK)
        return bf_error_set(&s->read_error, BF_ENOMEM, NULL);
    import_chunk *chunk = import_pipeline_take_free(pipeline);
    pthread_mutex_lock(&pipeline->lock);
    while (chunk != NULL && pipeline->runs_pending > 0 && !pipeline->stopped)
        pthread_cond_wait(&pipeline->changed, &pipeline->lock);
    int stopped = pipeline->stopped;
    if (!stopped)
        pipeline->runs_pending++;
    pthread_mutex_unlock(&pipeline->lock);
    if (chunk == NULL || stopped) {
        import_sorted_free(next);
        if (chunk != NULL)
            import_pipeline_give_free(pipeline, chunk);
        return BF_DONE;
    }
    chunk->run = s->stash;
    chunk->prepared = s->prepared;
    chunk->settled = s->settled;
    chunk->run_last = last;
    s->stash = next;
    s->prepared = NULL; /* the next one made by import_stash_prepared */
    s->settled = 0;
    import_pipeline_give_full(pipeline, chunk);
    return BF_OK;
}

/* Storing thread: a run handed over is written (or dropped); the reader may hand the next. */
static void import_pipeline_run_done(import_pipeline *pipeline, import_chunk *chunk)
{
    import_sorted_free(chunk->run);
    import_sorted_free(chunk->prepared);
    chunk->run = NULL;
    chunk->prepared = NULL;
    chunk->settled = 0;
    pthread_mutex_lock(&pipeline->lock);
    pipeline->runs_pending--;
    pthread_cond_broadcast(&pipeline->changed);
    pthread_mutex_unlock(&pipeline->lock);
}

/* The key of a row kept in a run (import_stash_row says why): its village, else its ID number. */
static uint64_t import_stash_key(const person *p)
{
    const char *region = p->values[PERSON_HUKOU_REGION];
    size_t length = region != NULL && region != import_row_clear ? strlen(region) : 0;
    uint64_t key = length > 0 && length <= 12 ? int_map_key_from_digits(region, length) : 0;
    if (key == 0)
        return int_map_key_from_digits(p->id_number, 17); /* from 10^16: after every village */
    while (length++ < 12)
        key *= 10; /* a county's 370811 is 370811000000, before its towns and villages */
    return key;
}

/* Rows of the run the reading thread keeps: looked up or not. */
static size_t import_run_rows(const import_state *s)
{
    return import_sorted_count(s->stash) + (size_t)s->settled +
           (s->prepared != NULL ? import_sorted_count(s->prepared) : 0);
}

/*
 * Reading thread, once the registry is in memory (import_known_loader_ready): finds the row's
 * person there and keeps only what the storing thread must write.  An unchanged person is
 * counted here; a changed one is kept in s->prepared under their place in the registry (its
 * table order, which the updates then follow) with the fields that changed, its stored
 * values staying in the registry's copy: the storing thread, the import's bottleneck, no
 * longer looks them up, nor copies them (1M people re-imported: 5.6 -> 5.3 s).  Each ID
 * number comes once in a file, so what the registry held before the import is what the
 * person holds when the row is written.  *kept: 1 when kept or counted, 0 for a person the
 * registry does not hold (a new one: the run's other rows).  Returns BF_OK, or the failure
 * that stops the import (in s->read_error).
 */
static int import_stash_prepared(import_state *s, const import_known *known, const person *p,
                                 int *kept)
{
    const char *values[PERSON_FIELD_COUNT + 1];
    char mask_text[16];
    unsigned mask = 0;
    int64_t index = import_known_index(known, p->id_number);
    *kept = index >= 0;
    if (index < 0)
        return BF_OK;
    person old;
    import_known_at(known, index, &old);
    int rc = import_check_within(s, &old, &s->read_error);
    if (rc != BF_OK)
        return rc;
    for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
        const char *value = p->values[f];
        values[f + 1] = NULL;
        if (value == NULL || (value != import_row_clear && value[0] == '\0'))
            continue; /* kept as stored */
        if (value == import_row_clear)
            value = NULL;
        if (person_value_equal(old.values[f], value))
            continue;
        mask |= 1u << f;
        values[f + 1] = value;
    }
    if (mask == 0) {
        s->unchanged_read++;
        s->settled++;
        return BF_OK;
    }
    snprintf(mask_text, sizeof mask_text, "%u", mask);
    values[0] = mask_text;
    if ((s->prepared == NULL && import_sorted_new(PERSON_FIELD_COUNT + 1, &s->prepared) != BF_OK) ||
        import_sorted_add(s->prepared, (uint64_t)index, values) != BF_OK)
        return bf_error_set(&s->read_error, BF_ENOMEM, NULL);
    return BF_OK;
}

/*
 * Reading thread: keeps a valid row (SQLite) in the run of rows to be
 * inserted, or looked up and written, in the order of its key: the person's
 * village (户籍地区划代码; a row without one by ID number, after the others).
 * - The inserts into the ID numbers' b-tree come county by county (an ID
 *   number's first six digits are mostly the county of its hukou), each
 *   county's pages in the page cache while they are written.  In file order a
 *   million inserts, look-ups and updates land on random pages of b-trees the
 *   page cache does not hold.
 * - The people table is stored village by village: the builds of its two
 *   secondary indexes (village, household) read rows already in their order
 *   (1M people: 2.1 s -> 1.2 s, and the storing thread's CPU 7.0 s -> 5.8 s,
 *   against ID number order), and a village's people sit on adjacent pages.
 * A value to clear is kept as the marker's text (a new
 * person's, into an empty registry, as none).  Into an empty registry every
 * row is a new person, counted here in the summary, off the storing thread
 * (which touches the counts only once this one has ended).  Returns as
 * import_stash_hand_over().
 */
static int import_stash_row(import_state *s, const person *p)
{
    const char *values[PERSON_FIELD_COUNT + 1];
    const import_known *known = s->bulk_started ? NULL : import_known_loader_ready(s->loader);
    int kept = 0;
    if (known != NULL) {
        int rc = import_stash_prepared(s, known, p, &kept);
        if (rc != BF_OK)
            return rc;
        if (kept)
            goto kept;
    }
    values[0] = p->id_number;
    for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
        const char *value = p->values[f];
        values[f + 1] = value == import_row_clear   ? (s->bulk_started ? NULL : import_row_clear)
                        : value != NULL && value[0] ? value
                                                    : NULL;
    }
    if (import_sorted_add(s->stash, import_stash_key(p), values) != BF_OK)
        return bf_error_set(&s->read_error, BF_ENOMEM, NULL);
    if (s->bulk_started)
        people_counts_added(s->counts, values + 1);
kept:
    if (import_run_rows(s) < s->stash_rows)
        return BF_OK;
    s->stash_rows = s->stash_rows * 2 < s->stash_rows_max ? s->stash_rows * 2 : s->stash_rows_max;
    return import_stash_hand_over(s, 0);
}

/*
 * The reading thread: reads and validates every row, writes the rejected
 * ones to the error file and hands the valid ones over in chunks.  Its
 * outcome is s->read_rc and s->read_error.
 */
static void *import_read_rows(void *context)
{
    import_state *s = context;
    import_pipeline *pipeline = &s->pipeline;
    import_chunk *chunk = NULL;
    table_row row;
    int rc;
    int counted_here = s->bulk_started && s->stash != NULL; /* import_stash_row counts */
    /* Asked to read the registry: every known person's row then goes that way (the tests
     * know which way they test); otherwise rows do not wait for it. */
    if (s->options->read_registry > 0)
        import_known_loader_wait(s->loader);
    while ((rc = table_reader_next(s->reader, &row, &s->read_error)) == BF_ROW) {
        if (row.overflow == NULL && import_is_note(s, &row)) {
            if (s->result->notes++ == 0)
                s->result->first_note_line = row.line;
            continue;
        }
        if (++s->result->rows > s->max_rows) {
            rc = bf_error_set(&s->read_error, BF_ETOOBIG,
                              BF_TR("%s：超过单次导入的上限 %" PRId64
                                    " 行（设置 import.max_rows），未导入任何数据",
                                    "%s: more than the %" PRId64
                                    " rows one import takes (setting import.max_rows); nothing "
                                    "was imported"),
                              s->options->path, s->max_rows);
            break;
        }
        int valid = import_row_check(&s->rules, &row, &s->row);
        if (valid < 0) {
            rc = s->read_error.code != BF_OK ? valid : bf_error_set(&s->read_error, valid, NULL);
            break;
        }
        if (valid == 0) {
            if (++s->result->rejected > s->max_rejected) {
                rc = bf_error_set(
                    &s->read_error, BF_ETOOBIG,
                    BF_TR("%s：被拒绝的行超过上限 %" PRId64
                          " 行（设置 import.max_rejected），导入已停止，未导入任何数据；"
                          "请检查文件是否选对、表头是否正确",
                          "%s: more than %" PRId64
                          " rows rejected (setting import.max_rejected); the import "
                          "stopped and nothing was imported: is it the right file, "
                          "with the right header?"),
                    s->options->path, s->max_rejected);
                break;
            }
            rc = import_errors_add(s->errors, &row, s->row.reason, &s->read_error);
            if (rc != BF_OK)
                break;
        } else if (s->stash != NULL) {
            rc = import_stash_row(s, &s->row.person);
            if (rc != BF_OK)
                break; /* BF_DONE: the storer failed and says why */
        } else {
            if (chunk == NULL && (chunk = import_pipeline_take_free(pipeline)) == NULL) {
                rc = BF_OK; /* the storer failed and says why */
                break;
            }
            rc = import_chunk_add(chunk, &s->row.person);
            if (rc != BF_OK) {
                bf_error_set(&s->read_error, rc, NULL);
                break;
            }
            if (chunk->count == IMPORT_CHUNK_ROWS) {
                import_pipeline_give_full(pipeline, chunk);
                chunk = NULL;
            }
        }
        if (s->result->rows % IMPORT_PROGRESS_EVERY == 0)
            progress_update(s->options->progress, PROGRESS_READING, s->result->rows,
                            table_reader_progress(s->reader));
    }
    if (rc == BF_DONE)
        rc = BF_OK;
    if (rc == BF_OK && s->stash != NULL && import_run_rows(s) > 0)
        import_stash_hand_over(s, 1); /* BF_DONE: the storer failed and says why */
    /* Counted here (import_stash_row): sorted while the storer writes the last run. */
    if (rc == BF_OK && counted_here)
        people_counts_households_finish(s->counts);
    if (chunk != NULL) {
        if (rc == BF_OK)
            import_pipeline_give_full(pipeline, chunk);
        else
            import_pipeline_give_free(pipeline, chunk);
    }
    s->read_rc = rc;
    import_pipeline_finish(pipeline, 1);
    return NULL;
}

/*
 * Reads the file in a second thread while this one stores what it hands
 * over.  Returns the first failure of either side.
 */
static int import_rows(import_state *s, bf_error *err)
{
    pthread_t reader;
    int rc = BF_OK;
    /* Reading comes first, also when the storer reports writing the first run before the
     * reader's first report. */
    progress_update(s->options->progress, PROGRESS_READING, 0, 0.0);
    if (pthread_create(&reader, NULL, import_read_rows, s) != 0)
        return bf_error_set(err, BF_ENOMEM,
                            BF_TR("无法启动读取线程", "cannot start the reading thread"));
    import_chunk *chunk;
    while ((chunk = import_pipeline_take_full(s)) != NULL) {
        /* The rows of the runs from the last one on: written so far, this run's, the changed
         * known people kept with it and those found unchanged (written, as it were). */
        int64_t total = 0;
        if (chunk->run != NULL && chunk->run_last)
            total = s->stash_written + chunk->settled + (int64_t)import_sorted_count(chunk->run) +
                    (chunk->prepared != NULL ? (int64_t)import_sorted_count(chunk->prepared) : 0);
        s->stash_written += chunk->settled;
        if (rc == BF_OK && chunk->run != NULL)
            rc = s->bulk_started ? import_bulk_run(s, chunk->run, chunk->run_last, err)
                                 : import_replay_sorted(s, chunk->run, total, err);
        if (rc == BF_OK && chunk->prepared != NULL)
            rc = import_prepared_run(s, chunk->prepared, total, err);
        if (rc == BF_OK && chunk->run != NULL && !s->bulk_started)
            import_written(s, total);
        else if (rc == BF_OK)
            rc = import_chunk_flush(s, chunk, err);
        else
            import_chunk_clear(chunk);
        if (chunk->run != NULL)
            import_pipeline_run_done(&s->pipeline, chunk);
        if (rc != BF_OK)
            import_pipeline_finish(&s->pipeline, 0);
        import_pipeline_give_free(&s->pipeline, chunk);
    }
    pthread_join(reader, NULL);
    s->result->unchanged += s->unchanged_read;
    if (rc == BF_OK && s->read_rc != BF_OK) {
        rc = s->read_rc;
        if (err != NULL)
            *err = s->read_error;
    }
    return rc;
}

/* Creates this run's batch row (inside the transaction) and sets s->batch. */
static int import_begin_batch(import_state *s, bf_error *err)
{
    const char *kind = s->options->kind != NULL ? s->options->kind : "import";
    const char *source = s->options->source != NULL ? s->options->source : s->options->path;
    int rc = import_batch_insert(s->st, kind, source, s->now, &s->batch, err);
    snprintf(s->batch_text, sizeof s->batch_text, "%" PRId64, s->batch);
    return rc;
}

/*
 * SQLite: the secondary indexes of people, dropped for a large import, are built after its
 * commit in a transaction of their own, while a second connection copies what the commit wrote
 * to the log into the database file and syncs it (store_checkpoint_beside): for a million
 * people the copy and sync took 1.0 s that otherwise came before the index builds, on one core
 * while the other idled.  The people are stored either way; readers meanwhile find them
 * without the two indexes, by scans.  Whatever stops the builds (another import took the write
 * lock, a kill, a full disk) leaves them to the next import (person_keys_build).
 */
static void import_indexes_after_commit(import_state *s)
{
    store_checkpointer *checkpointer = NULL;
    bf_error ignored;
    bf_error_clear(&ignored);
    (void)store_checkpoint_beside(s->st, &checkpointer); /* without it, the commit below copies */
    progress_update(s->options->progress, PROGRESS_INDEXING, -1, -1.0);
    int rc = store_begin_exclusive(s->st, 0, NULL, NULL);
    if (rc == BF_OK) {
        rc = person_indexes_create(s->st, &ignored);
        if (rc == BF_OK)
            rc = store_commit(s->st);
        if (rc != BF_OK)
            store_rollback(s->st);
    }
    (void)store_checkpoint_beside_join(checkpointer); /* a copy failed is made by the close */
}

/*
 * Where dropping an index makes readers wait until the commit (PostgreSQL),
 * an empty people table has its primary key and secondary indexes taken off
 * in a short transaction of its own (readers wait the milliseconds it lasts,
 * never the import), so that the bulk load appends to a bare table and the
 * import builds them once at its end: a million people spent most of their
 * import in the key's b-tree.  The table also keeps room in its pages for
 * the updates of a re-import (store_leave_room_for_updates).  A failed or
 * killed import leaves the table
 * empty and bare; the next import builds them (import_start_bulk, or
 * person_keys_build if someone stored people meanwhile).  When they cannot
 * be taken off (another object depends on the key), the import keeps them.
 */
static int import_take_keys_off(import_state *s, bf_error *err)
{
    int64_t any = 0;
    if (!store_ddl_blocks_readers(s->st) || !store_can_drop_key(s->st))
        return BF_OK;
    int rc = import_batch_begin(s->st, s->options, err);
    if (rc != BF_OK)
        return rc;
    rc = store_query_int64(s->st, "SELECT 1 FROM people LIMIT 1", NULL, 0, &any);
    if (rc == BF_OK && any == 0)
        rc = person_indexes_drop(s->st, err);
    if (rc == BF_OK && any == 0)
        rc = store_key_drop(s->st, "people", PERSON_KEY_NAME);
    /* The re-import of the same people then updates them beside their old versions. */
    if (rc == BF_OK && any == 0)
        rc = store_leave_room_for_updates(s->st, "people");
    if (rc == BF_OK)
        rc = store_commit(s->st);
    if (rc != BF_OK)
        store_rollback(s->st);
    bf_error_clear(err);
    return BF_OK;
}

/*
 * Starts the insert-only bulk path when the people table is empty: no
 * look-ups, the people table's secondary indexes dropped (inside the
 * transaction, so a failure or a kill brings them back) unless that would
 * lock readers out (import_take_keys_off has then taken them off).
 */
static int import_start_bulk(import_state *s, bf_error *err)
{
    int64_t any = 0;
    int rc = store_query_int64(s->st, "SELECT 1 FROM people LIMIT 1", NULL, 0, &any);
    if (rc != BF_OK || any != 0)
        goto out;
    /* The secondary indexes (and the key) are built once at the end (import_people() does). */
    if (!store_ddl_blocks_readers(s->st)) {
        rc = person_indexes_drop(s->st, err);
        if (rc != BF_OK)
            return rc;
    }
    s->indexes_dropped = 1;
    s->key_dropped = store_can_drop_key(s->st);
    /* The key stays up (SQLite): the reading thread keeps the rows in runs, inserted in order
     * of village (import_stash_row, import_bulk_run). */
    if (!s->key_dropped && import_sorted_new(PERSON_FIELD_COUNT + 1, &s->stash) != BF_OK)
        return bf_error_set(err, BF_ENOMEM, NULL);
    if (s->options->run_rows <= 0)
        s->stash_rows_max = IMPORT_SORTED_ROWS_MAX;
    rc = store_bulk_begin(s->st, "people", s->bulk_columns, IMPORT_BULK_COLUMNS, &s->bulk);
    s->bulk_started = rc == BF_OK;
out:
    if (rc != BF_OK)
        store_error_set(s->st, rc, err);
    return rc;
}

/*
 * On the row-by-row path, drops the secondary indexes of people (built again
 * at the end) when the file is large and holds about twice as many rows as
 * the registry or more (a first big list into a small registry): rebuilding
 * them once is then cheaper than keeping them up row by row.  A list of the
 * same people again keeps them.  Look-ups use the primary key, which stays.
 */
static int import_maybe_drop_indexes(import_state *s, bf_error *err)
{
    int64_t people = 0;
    if (s->estimated_rows < IMPORT_REINDEX_MIN_ROWS || store_ddl_blocks_readers(s->st))
        return BF_OK;
    int rc = store_query_int64(s->st, "SELECT COUNT(*) FROM people", NULL, 0, &people);
    if (rc != BF_OK)
        return store_error_set(s->st, rc, err);
    if (s->estimated_rows < 2 * people)
        return BF_OK;
    rc = person_indexes_drop(s->st, err);
    if (rc == BF_OK)
        s->indexes_dropped = 1;
    return rc;
}

/*
 * Reads the whole registry into memory when the file holds about half as
 * many people as it or more (options->read_registry: 1 always, -1 never): a
 * look-up costs an index descent per ID number (1M people on PostgreSQL: 490
 * queries, 8-9 s), one read of the table in its order a fraction of that.
 * On SQLite the read runs beside the import (import_known.h), which looks up
 * until it has the registry.  A registry the map cannot hold is looked up.
 * The look-ups' preference for indexes is off during the read: PostgreSQL
 * priced its scan as a disabled one and compiled it (JIT, with
 * optimisation): its first FETCH of 1M people took 244 ms, now 31 ms.
 */
static int import_read_registry(import_state *s, bf_error *err)
{
    int64_t people = 0;
    int wanted = s->options->read_registry;
    if (wanted < 0)
        return BF_OK;
    /* people_counts keeps the number of people: no count over the table. */
    if (people_counts_get(s->st, "people", "", &people) != BF_OK)
        people = 0;
    if (wanted == 0 &&
        (people == 0 || people > IMPORT_KNOWN_PEOPLE_MAX || s->estimated_rows * 2 < people))
        return BF_OK;
    if (import_known_load_beside(s->st, people, &s->loader) == BF_OK)
        return BF_OK;
    int rc = store_prefer_index(s->st, 0);
    if (rc != BF_OK)
        return store_error_set(s->st, rc, err);
    rc = import_known_load(s->people, people, &s->known, err);
    if (rc == BF_ENOTFOUND)
        rc = BF_OK;
    if (rc == BF_OK && (rc = store_prefer_index(s->st, 1)) != BF_OK)
        store_error_set(s->st, rc, err);
    return rc;
}

int import_people(store *st, const import_people_options *options, import_people_result *result,
                  bf_error *err)
{
    import_state *s = calloc(1, sizeof *s);
    int rc = BF_OK;
    memset(result, 0, sizeof *result);
    if (s == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    s->st = st;
    s->options = options;
    s->bulk_columns[0] = "id_number";
    for (int f = 0; f < PERSON_FIELD_COUNT; f++)
        s->bulk_columns[f + 1] = person_field_column((person_field)f);
    s->bulk_columns[PERSON_FIELD_COUNT + 1] = "created_batch";
    s->bulk_columns[PERSON_FIELD_COUNT + 2] = "updated_batch";
    s->result = result;
    s->stash_rows_max = options->run_rows > 0 ? (size_t)options->run_rows : IMPORT_STASH_ROWS_MAX;
    s->stash_rows = options->run_rows > 0 ? (size_t)options->run_rows : IMPORT_FIRST_RUN_ROWS;
    s->rules.today = date_today();
    s->rules.seen = &s->seen;
    s->rules.clear_empty = options->clear_empty;
    s->rules.within = options->within;
    date_now_timestamp(s->now);

    table_reader_options find = {
        .sheet = options->sheet,
        .separator = options->separator,
        .header_usable = import_header_usable,
        .header_hint =
            BF_TR("：应有 姓名、证件号码、户籍地区划代码、帮扶类别 等列",
                  "; expected 姓名/name, 证件号码/id_number, 户籍地区划代码/hukou_region, "
                  "帮扶类别/category, ...")};
    rc = table_reader_open_with(options->path, &find, &s->reader, err);
    if (rc != BF_OK)
        goto out;
    rc = import_read_header(s, err);
    if (rc != BF_OK)
        goto out;
    /* Sizing the map of ID numbers once spares rehashing a million keys. */
    struct stat file_info;
    if (stat(options->path, &file_info) == 0 && file_info.st_size > 0) {
        off_t estimate = file_info.st_size / IMPORT_BYTES_PER_ROW;
        s->estimated_rows = estimate > IMPORT_RESERVE_MAX ? IMPORT_RESERVE_MAX : (int64_t)estimate;
        rc = int_map_reserve(&s->seen, (size_t)s->estimated_rows);
        if (rc != BF_OK) {
            bf_error_set(err, rc, NULL);
            goto out;
        }
    }
    s->rules.vocabularies = options->vocabularies;
    if (s->rules.vocabularies == NULL) {
        rc = vocabulary_set_load_default(&s->vocabularies, err);
        if (rc != BF_OK)
            goto out;
        s->rules.vocabularies = &s->vocabularies;
    }
    int64_t any_region = 0;
    if (region_set_new(&s->regions) != BF_OK) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    rc = store_query_int64(st, "SELECT 1 FROM regions LIMIT 1", NULL, 0, &any_region);
    if (rc != BF_OK) {
        store_error_set(st, rc, err);
        goto out;
    }
    if (any_region == 0) {
        /* Every row would be refused for its region: say what is missing instead. */
        rc = bf_error_set(err, BF_ENOTFOUND,
                          BF_TR("区划表为空，无法核对户籍地区划代码：请先运行 bangfu init",
                                "the region table is empty, hukou regions cannot be checked: run "
                                "bangfu init first"));
        goto out;
    }
    s->rules.regions = s->regions;
    s->rules.load_province = import_request_province;
    s->rules.load_context = s;
    rc = import_batch_cap(st, options->max_rows, "import.max_rows", IMPORT_ROWS_MAX, &s->max_rows,
                          err);
    if (rc == BF_OK)
        rc = import_batch_cap(st, options->max_rejected, "import.max_rejected", IMPORT_REJECTED_MAX,
                              &s->max_rejected, err);
    if (rc != BF_OK)
        goto out;
    rc = import_take_keys_off(s, err);
    if (rc == BF_OK)
        rc = import_batch_begin(st, options, err);
    if (rc != BF_OK)
        goto out;
    rc = import_begin_batch(s, err);
    if (rc == BF_OK)
        rc = import_start_bulk(s, err);
    /* A people table left bare by a killed import, in which people were stored since:
     * its indexes built now, for the look-ups; the key made after the commit. */
    if (rc == BF_OK && s->bulk == NULL)
        rc = person_keys_build(st, &s->key_dropped, err);
    if (rc == BF_OK && s->bulk == NULL)
        rc = import_maybe_drop_indexes(s, err);
    if (rc == BF_OK && s->bulk == NULL)
        rc = person_store_open(st, &s->people, err);
    /* The look-ups of known people by ID number: by the primary key, never a scan per chunk. */
    if (rc == BF_OK && s->bulk == NULL && (rc = store_prefer_index(st, 1)) != BF_OK)
        store_error_set(st, rc, err);
    if (rc == BF_OK && s->bulk == NULL && store_is_remote(st))
        rc = import_changes_open(st, s->batch, s->now, &s->changes, err);
    if (rc == BF_OK && s->bulk == NULL && s->changes == NULL &&
        import_history_new(s->batch, s->now, &s->history) != BF_OK)
        rc = bf_error_set(err, BF_ENOMEM, NULL);
    if (rc == BF_OK && s->people != NULL)
        rc = import_read_registry(s, err);
    if (rc == BF_OK && s->bulk == NULL && s->changes == NULL &&
        import_sorted_new(PERSON_FIELD_COUNT + 1, &s->stash) != BF_OK)
        rc = bf_error_set(err, BF_ENOMEM, NULL);
    if (rc == BF_OK && (import_pipeline_init(&s->pipeline, IMPORT_PIPELINE_CHUNKS) != BF_OK ||
                        people_counts_delta_new(&s->counts) != BF_OK))
        rc = bf_error_set(err, BF_ENOMEM, NULL);
    /* Into an empty registry the households are the distinct ones of the file. */
    if (rc == BF_OK && s->bulk_started)
        people_counts_count_households(s->counts);
    if (rc != BF_OK)
        goto out;
    rc = import_rows(s, err);
    /* Every row is looked up: the registry's copy goes before the history is sorted. */
    import_known_loader_free(s->loader);
    s->loader = NULL;
    import_known_free(s->known);
    s->known = NULL;
    if (rc == BF_OK && s->people != NULL && (rc = store_prefer_index(st, 0)) != BF_OK)
        store_error_set(st, rc, err); /* the writes in bulk below may scan */
    if (rc != BF_OK)
        goto out;
    progress_update(options->progress, PROGRESS_READING, result->rows, 1.0);
    if (s->bulk != NULL) {
        /* PostgreSQL answers for the whole COPY (a repeated ID number) as it ends. */
        progress_update(options->progress, PROGRESS_CHECKING, result->inserted, -1.0);
        store_bulk *bulk = s->bulk;
        s->bulk = NULL;
        rc = store_bulk_end(bulk, 1);
        if (rc != BF_OK) {
            store_error_set(st, rc, err);
            goto out;
        }
    }
    /* Where readers keep their snapshot (SQLite), after the commit (import_indexes_after_commit).
     */
    int indexes_after_commit = s->indexes_dropped && !store_ddl_blocks_readers(st);
    if (s->indexes_dropped && !indexes_after_commit) {
        progress_update(options->progress, PROGRESS_INDEXING, -1, -1.0);
        rc = person_indexes_create(st, err);
        if (rc != BF_OK)
            goto out;
    }
    if (s->changes != NULL) {
        progress_update(options->progress, PROGRESS_WRITING, result->updated, -1.0);
        rc = import_changes_apply(s->changes, err);
        if (rc != BF_OK)
            goto out;
    }
    if (s->history != NULL && (rc = import_history_write(s->history, st)) != BF_OK) {
        store_error_set(st, rc, err);
        goto out;
    }
    progress_update(options->progress, PROGRESS_SUMMING, -1, -1.0);
    rc = people_counts_apply(st, s->counts, err);
    if (rc != BF_OK)
        goto out;
    if (s->key_dropped) {
        /* The key's index; a repeated ID number fails the import here. */
        progress_update(options->progress, PROGRESS_INDEXING, -1, -1.0);
        int missing = 0;
        rc = store_key_index_build(st, "people", PERSON_KEY_NAME, "id_number", &missing);
        if (rc != BF_OK) {
            store_error_set(st, rc, err);
            goto out;
        }
    }
    if (indexes_after_commit && (rc = store_checkpoint_elsewhere(st, &s->copy_beside)) != BF_OK) {
        store_error_set(st, rc, err);
        goto out;
    }
    rc = import_batch_end(st, s->batch, s->errors, options->progress, result, err);
    if (rc == BF_OK && indexes_after_commit)
        import_indexes_after_commit(s);
    if (rc == BF_OK && s->key_dropped) {
        /* The people are stored; the key is put back for good order, and whatever
         * stops it (readers holding the table, a lost connection) leaves it to later. */
        bf_error ignored;
        int restored = 0;
        bf_error_clear(&ignored);
        person_keys_restore(st, IMPORT_KEY_WAIT_MS, &restored, &ignored);
    }
out:
    if (s->bulk != NULL)
        store_bulk_end(s->bulk, 0);
    if (s->copy_beside)
        (void)store_checkpoint_here(st); /* off, nothing is lost: the close copies the log */
    if (rc != BF_OK) {
        store_rollback(st);
        result->errors_path[0] = '\0';
    }
    import_errors_close(s->errors, rc == BF_OK);
    person_store_close(s->people);
    import_sorted_free(s->stash);
    import_sorted_free(s->prepared);
    import_known_loader_free(s->loader);
    import_known_free(s->known);
    people_counts_delta_free(s->counts);
    import_changes_close(s->changes);
    import_history_free(s->history);
    import_pipeline_free(&s->pipeline);
    region_set_free(s->regions);
    vocabulary_set_free(&s->vocabularies);
    int_map_free(&s->seen);
    if (s->reader != NULL)
        table_reader_close(s->reader);
    free(s);
    if (rc != BF_OK && err != NULL && err->code == BF_OK)
        bf_error_set(err, rc, "%s: %s", options->path, bf_strerror(rc));
    return rc;
}
