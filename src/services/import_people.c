/* import_people.c - validating a list of people and storing it in one transaction (its parts:
 * import_people_private.h). */
#include "services/import_people_private.h"

#include "core/date.h"
#include "services/import_batch.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
