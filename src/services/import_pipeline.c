/* import_pipeline.c - the hand-over of chunks and runs between the reading and the storing
 * thread of a people import (import_people_private.h). */
#include "services/import_people_private.h"

#include <stdlib.h>
#include <string.h>

/* Takes a free chunk for the reader; NULL when the storer has stopped. */
import_chunk *import_pipeline_take_free(import_pipeline *pipeline)
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
void import_pipeline_give_full(import_pipeline *pipeline, import_chunk *chunk)
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
import_chunk *import_pipeline_take_full(import_state *s)
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
int import_request_province(void *context, const char *canonical)
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
void import_pipeline_give_free(import_pipeline *pipeline, import_chunk *chunk)
{
    pthread_mutex_lock(&pipeline->lock);
    pipeline->free[pipeline->free_count++] = chunk;
    pthread_cond_broadcast(&pipeline->changed);
    pthread_mutex_unlock(&pipeline->lock);
}

/* Sets done (the reader) or stopped (the storer) and wakes the other side. */
void import_pipeline_finish(import_pipeline *pipeline, int reader)
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
int import_pipeline_init(import_pipeline *pipeline, int count)
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

void import_pipeline_free(import_pipeline *pipeline)
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
int import_stash_hand_over(import_state *s, int last)
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
void import_pipeline_run_done(import_pipeline *pipeline, import_chunk *chunk)
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
