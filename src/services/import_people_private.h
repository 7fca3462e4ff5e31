/*
 * import_people_private.h - what the parts of the people import share: the
 * state of one run, the chunks and runs that travel between its two threads,
 * and the functions each part gives the others.
 *   import_people.c    the run: its steps, one transaction, the two threads
 *   import_reading.c   the reading thread: header, rows checked, runs kept
 *   import_pipeline.c  the hand-over between the reading and the storing thread
 *   import_storing.c   the storing thread: look-ups, inserts, updates
 * Ownership: the import_state is import_people()'s; each chunk and run is the
 * reading thread's until handed over, then the storing thread's.
 */
#ifndef BANGFU_SERVICES_IMPORT_PEOPLE_PRIVATE_H
#define BANGFU_SERVICES_IMPORT_PEOPLE_PRIVATE_H

#include "core/int_map.h"
#include "core/text_pool.h"
#include "io/table_reader.h"
#include "registry/people_counts.h"
#include "registry/person.h"
#include "registry/region.h"
#include "registry/vocabulary.h"
#include "services/import_changes.h"
#include "services/import_errors.h"
#include "services/import_history.h"
#include "services/import_known.h"
#include "services/import_people.h"
#include "services/import_row.h"
#include "services/import_sorted.h"
#include "store/store.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

/* Rows between two progress calls. */
#define IMPORT_PROGRESS_EVERY 8192

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
    int64_t place; /* where the registry's copy holds the person (import_known_index), or -1 */
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

/* import_reading.c */
int import_header_usable(void *context, const table_row *row);
int import_read_header(import_state *s, bf_error *err);
void *import_read_rows(void *context);

/* import_pipeline.c */
void import_pipeline_finish(import_pipeline *pipeline, int reader);
void import_pipeline_free(import_pipeline *pipeline);
void import_pipeline_give_free(import_pipeline *pipeline, import_chunk *chunk);
void import_pipeline_give_full(import_pipeline *pipeline, import_chunk *chunk);
int import_pipeline_init(import_pipeline *pipeline, int count);
void import_pipeline_run_done(import_pipeline *pipeline, import_chunk *chunk);
import_chunk *import_pipeline_take_free(import_pipeline *pipeline);
import_chunk *import_pipeline_take_full(import_state *s);
int import_request_province(void *context, const char *canonical);
int import_stash_hand_over(import_state *s, int last);

/* import_storing.c */
int import_bulk_run(import_state *s, import_sorted *run, int last, bf_error *err);
int import_check_within(const import_state *s, const person *stored, bf_error *err);
int import_chunk_add(import_chunk *chunk, const person *p);
void import_chunk_clear(import_chunk *chunk);
int import_chunk_flush(import_state *s, import_chunk *chunk, bf_error *err);
int import_prepared_run(import_state *s, import_sorted *prepared, int64_t total, bf_error *err);
int import_replay_sorted(import_state *s, import_sorted *run, int64_t total, bf_error *err);
void import_written(const import_state *s, int64_t total);

#endif
