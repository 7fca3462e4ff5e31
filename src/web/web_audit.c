/*
 * web_audit.c - appending to the audit log and verifying its hash chain.
 *
 * The hash of an entry is BLAKE2b-256 over a versioned, length-prefixed
 * text of its fields and the previous hash, so that no two different
 * entries hash the same text (a field cannot end early and the next begin).
 */
#include "web/web_audit.h"

#include "core/date.h"

#include <pthread.h>
#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Tries of an append whose next sequence number another process took meanwhile. */
#define WEB_AUDIT_APPEND_TRIES 20

static const char web_audit_first_prev[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* The workers of this process append one at a time (the only lock, never state). */
static pthread_mutex_t web_audit_lock = PTHREAD_MUTEX_INITIALIZER;

static void web_audit_hash_field(crypto_generichash_state *state, const char *value)
{
    char length[32];
    value = value != NULL ? value : "";
    snprintf(length, sizeof length, "%zu:", strlen(value));
    crypto_generichash_update(state, (const unsigned char *)length, strlen(length));
    crypto_generichash_update(state, (const unsigned char *)value, strlen(value));
    crypto_generichash_update(state, (const unsigned char *)"\n", 1);
}

/* The hash of an entry's fields (in table order) and prev into out. */
static void web_audit_hash(const char *const fields[8], const char *prev,
                           char out[WEB_AUDIT_HASH_TEXT_MAX])
{
    unsigned char digest[32];
    crypto_generichash_state state;
    crypto_generichash_init(&state, NULL, 0, sizeof digest);
    web_audit_hash_field(&state, "bangfu-audit-1");
    for (int i = 0; i < 8; i++)
        web_audit_hash_field(&state, fields[i]);
    web_audit_hash_field(&state, prev);
    crypto_generichash_final(&state, digest, sizeof digest);
    sodium_bin2hex(out, WEB_AUDIT_HASH_TEXT_MAX, digest, sizeof digest);
}

/* value cut to WEB_AUDIT_FIELD_MAX - 1 bytes at a UTF-8 character boundary into out. */
static const char *web_audit_cut(const char *value, char out[WEB_AUDIT_FIELD_MAX])
{
    value = value != NULL ? value : "";
    size_t length = strlen(value);
    if (length < WEB_AUDIT_FIELD_MAX)
        return value;
    length = WEB_AUDIT_FIELD_MAX - 1;
    while (length > 0 && ((unsigned char)value[length] & 0xC0) == 0x80)
        length--;
    memcpy(out, value, length);
    out[length] = '\0';
    return out;
}

/* The head of the log (its last seq, 0 when empty, and hash) into *seq and prev. */
static int web_audit_head(store *st, int64_t *seq, char prev[WEB_AUDIT_HASH_TEXT_MAX],
                          bf_error *err)
{
    store_rows rows = {0};
    int rc = store_rows_open_few(st, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                                 NULL, 0, &rows, err);
    if (rc != BF_OK)
        return rc;
    *seq = 0;
    snprintf(prev, WEB_AUDIT_HASH_TEXT_MAX, "%s", web_audit_first_prev);
    rc = store_rows_next(&rows);
    if (rc == 1) {
        *seq = store_column_int64(rows.stmt, 0);
        snprintf(prev, WEB_AUDIT_HASH_TEXT_MAX, "%s", store_column_text(rows.stmt, 1));
    }
    store_rows_close(&rows);
    return rc < 0 ? rc : BF_OK;
}

/* Inserts entry as seq after prev (then its hash) with the prepared insert. */
static int web_audit_insert(store *st, store_stmt *insert, const web_audit_entry *entry,
                            int64_t seq, char prev[WEB_AUDIT_HASH_TEXT_MAX], bf_error *err)
{
    char seq_text[24], at[BF_TIMESTAMP_TEXT_MAX], hash[WEB_AUDIT_HASH_TEXT_MAX];
    char cut[6][WEB_AUDIT_FIELD_MAX];
    snprintf(seq_text, sizeof seq_text, "%lld", (long long)seq);
    date_now_timestamp(at);
    const char *fields[8] = {seq_text,
                             at,
                             web_audit_cut(entry->actor, cut[0]),
                             web_audit_cut(entry->address, cut[1]),
                             web_audit_cut(entry->action, cut[2]),
                             web_audit_cut(entry->target, cut[3]),
                             web_audit_cut(entry->outcome, cut[4]),
                             web_audit_cut(entry->detail, cut[5])};
    web_audit_hash(fields, prev, hash);
    int rc = store_reset(insert);
    if (rc == BF_OK)
        rc = store_bind_int64(insert, 1, seq);
    for (int i = 1; rc == BF_OK && i < 8; i++)
        rc = store_bind_text(insert, i + 1, fields[i]);
    if (rc == BF_OK)
        rc = store_bind_text(insert, 9, prev);
    if (rc == BF_OK)
        rc = store_bind_text(insert, 10, hash);
    if (rc == BF_OK)
        rc = store_step(insert) == BF_DONE ? BF_OK : BF_ESTORE;
    if (rc != BF_OK)
        return store_error_set(st, BF_ESTORE, err);
    memcpy(prev, hash, WEB_AUDIT_HASH_TEXT_MAX);
    return BF_OK;
}

/* Reads the head once and chains count entries after it, inside the transaction of st. */
static int web_audit_insert_all(store *st, const web_audit_entry *const *entries, int count,
                                bf_error *err)
{
    int64_t seq = 0;
    char prev[WEB_AUDIT_HASH_TEXT_MAX];
    int rc = web_audit_head(st, &seq, prev, err);
    if (rc != BF_OK)
        return rc;
    store_stmt *insert = NULL;
    if (store_prepare(st,
                      "INSERT INTO audit_log (seq, at, actor, address, action, target, outcome, "
                      "detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      &insert) != BF_OK)
        return store_error_set(st, BF_ESTORE, err);
    for (int i = 0; rc == BF_OK && i < count; i++)
        rc = web_audit_insert(st, insert, entries[i], ++seq, prev, err);
    store_finalize(insert);
    return rc;
}

/*
 * Inside the caller's transaction: another process (the CLI beside the server) may append the
 * same seq meanwhile; on PostgreSQL the second insert then fails and would abort the caller's
 * whole transaction, so each try runs under a savepoint and is tried again after the head.
 */
static int web_audit_write_within(store *st, const web_audit_entry *const *entries, int count,
                                  bf_error *err)
{
    int rc = BF_ESTORE;
    for (int attempt = 0; attempt < WEB_AUDIT_APPEND_TRIES; attempt++) {
        if (attempt > 0)
            usleep(1000u << (attempt < 6 ? attempt : 6));
        if (store_exec(st, "SAVEPOINT bf_audit") != BF_OK)
            return store_error_set(st, BF_ESTORE, err);
        rc = web_audit_insert_all(st, entries, count, err);
        if (rc == BF_OK)
            return store_exec(st, "RELEASE SAVEPOINT bf_audit") == BF_OK
                       ? BF_OK
                       : store_error_set(st, BF_ESTORE, err);
        if (store_exec(st, "ROLLBACK TO SAVEPOINT bf_audit") != BF_OK)
            return rc;
    }
    return rc;
}

/*
 * Writes count entries in order: inside the caller's transaction as part of it, else in one
 * transaction of their own (one commit, one sync, for the lot), retried when another process
 * took the next sequence number meanwhile.
 */
static int web_audit_write(store *st, const web_audit_entry *const *entries, int count,
                           bf_error *err)
{
    if (st->in_transaction) /* the caller's, who holds the log (web_audit_hold) */
        return web_audit_write_within(st, entries, count, err);
    int rc = BF_ESTORE;
    for (int attempt = 0; attempt < WEB_AUDIT_APPEND_TRIES; attempt++) {
        if (attempt > 0)
            usleep(1000u << (attempt < 6 ? attempt : 6));
        pthread_mutex_lock(&web_audit_lock);
        if (store_begin(st) != BF_OK) {
            rc = store_error_set(st, BF_ESTORE, err);
            pthread_mutex_unlock(&web_audit_lock);
            continue;
        }
        rc = web_audit_insert_all(st, entries, count, err);
        if (rc == BF_OK && store_commit(st) != BF_OK)
            rc = store_error_set(st, BF_ESTORE, err);
        if (rc != BF_OK)
            store_rollback(st);
        pthread_mutex_unlock(&web_audit_lock);
        if (rc == BF_OK)
            break;
    }
    return rc;
}

void web_audit_hold(void)
{
    pthread_mutex_lock(&web_audit_lock);
}

void web_audit_release(void)
{
    pthread_mutex_unlock(&web_audit_lock);
}

int web_audit_append(store *st, const web_audit_entry *entry, bf_error *err)
{
    return web_audit_write(st, &entry, 1, err);
}

/* The writer's batches, or entries, after which the checkpointer copies the log into the
 * database (about SQLite's automatic checkpoint, 1000 pages of log, either way). */
#define WEB_AUDIT_CHECKPOINT_BATCHES 100
#define WEB_AUDIT_CHECKPOINT_ENTRIES 4000

/*
 * Why the writer starts its log over now and then: SQLite writes its log from the start again
 * only when a write transaction begins with the whole log copied into the database and no
 * reader still reading from it.  The checkpointer's copy takes milliseconds, during which the
 * writer commits more batches, so under a steady load the log was never wholly copied when the
 * writer began: it grew without end (930 MB in 150 s of serve_bench.sh, and the server's memory
 * with it: each 4,096 pages of log map another 32 KiB of its index), and each sync of it extended
 * the file, which costs the file system a journal commit (commits of the writer p50 6.0 ms
 * against 2.1 ms with the log reused, same load).  So after every WEB_AUDIT_RESTART_CHECKPOINTS
 * checkpoints the writer copies what it appended meanwhile (a few pages) and waits up to
 * WEB_AUDIT_RESTART_WAIT_MS for the readers of the log, on its own connection before its next
 * batch (store_checkpoint_restart), which then writes the log from its start.  Each costs that
 * batch a sync of the database file (of the pages copied since the checkpointer's, which syncs
 * what it copies: store_checkpoint), hence not after every checkpoint.  The wait for readers is
 * per lock the checkpoint needs, so a restart blocked by a long reader costs a few ms.
 */
#define WEB_AUDIT_RESTART_CHECKPOINTS 4
#define WEB_AUDIT_RESTART_WAIT_MS     2

struct web_audit_queue {
    pthread_mutex_t lock;
    pthread_cond_t wake;      /* the writer: entries are waiting, or stop */
    pthread_cond_t finished;  /* web_audit_queue_append: a batch is written */
    web_audit_pending *first; /* waiting, oldest first */
    web_audit_pending *last;
    int stopping;
    store *st; /* the writer's own connection */
    pthread_t thread;
    /* SQLite: the checkpoints of the writer's log, on a connection and thread of their own, so
     * that no answer waits for one (store_checkpoint_elsewhere); NULL on PostgreSQL. */
    store *checkpointer;
    pthread_t checkpoint_thread;
    pthread_cond_t checkpoint_wake; /* the checkpointer: one is due, or stop */
    int batches, entries;           /* written since the last checkpoint was due */
    int checkpoint_due;
    int checkpoints; /* done since a restart was last due */
    int restart_due; /* the writer starts the log over before its next batch */
    int restarts;    /* done since the start */
};

/* value cut at a character boundary into out (size bytes). */
static const char *web_audit_copy(const char *value, char *out, size_t size)
{
    value = value != NULL ? value : "";
    size_t length = strlen(value);
    if (length >= size) {
        length = size - 1;
        while (length > 0 && ((unsigned char)value[length] & 0xC0) == 0x80)
            length--;
    }
    memcpy(out, value, length);
    out[length] = '\0';
    return out;
}

void web_audit_pending_fill(web_audit_pending *pending, const web_audit_entry *entry)
{
    web_audit_entry *copy = &pending->entry;
    copy->actor = web_audit_copy(entry->actor, pending->actor, sizeof pending->actor);
    copy->address = web_audit_copy(entry->address, pending->address, sizeof pending->address);
    copy->action = web_audit_copy(entry->action, pending->action, sizeof pending->action);
    copy->target = web_audit_copy(entry->target, pending->target, sizeof pending->target);
    copy->outcome = web_audit_copy(entry->outcome, pending->outcome, sizeof pending->outcome);
    copy->detail = web_audit_copy(entry->detail, pending->detail, sizeof pending->detail);
    pending->filled = 1;
}

static void *web_audit_writer(void *context)
{
    web_audit_queue *queue = context;
    web_audit_pending *batch[WEB_AUDIT_BATCH_MAX];
    const web_audit_entry *entries[WEB_AUDIT_BATCH_MAX];
    pthread_mutex_lock(&queue->lock);
    for (;;) {
        while (queue->first == NULL && !queue->stopping)
            pthread_cond_wait(&queue->wake, &queue->lock);
        if (queue->first == NULL)
            break;
        int count = 0;
        while (queue->first != NULL && count < WEB_AUDIT_BATCH_MAX) {
            batch[count++] = queue->first;
            queue->first = queue->first->next;
        }
        if (queue->first == NULL)
            queue->last = NULL;
        int restart = queue->restart_due;
        queue->restart_due = 0;
        pthread_mutex_unlock(&queue->lock);
        /* When it fails (a reader held on), it is tried again WEB_AUDIT_RESTART_CHECKPOINTS
         * checkpoints later: a report reading for seconds costs the writer one wait of a few ms
         * per restart, not one per checkpoint. */
        int restarted =
            restart && store_checkpoint_restart(queue->st, WEB_AUDIT_RESTART_WAIT_MS) == BF_OK;
        for (int i = 0; i < count; i++)
            entries[i] = &batch[i]->entry;
        bf_error err;
        bf_error_clear(&err);
        int rc = web_audit_write(queue->st, entries, count, &err);
        /* A waiter of web_audit_queue_append() may return (its entry gone) once finished is set:
         * the callbacks are taken before. */
        web_audit_written written[WEB_AUDIT_BATCH_MAX];
        void *contexts[WEB_AUDIT_BATCH_MAX];
        for (int i = 0; i < count; i++) {
            written[i] = batch[i]->written;
            contexts[i] = batch[i]->context;
            batch[i]->rc = rc;
            snprintf(batch[i]->message, sizeof batch[i]->message, "%s", err.message);
        }
        pthread_mutex_lock(&queue->lock);
        for (int i = 0; i < count; i++)
            batch[i]->finished = 1;
        pthread_cond_broadcast(&queue->finished);
        queue->batches++;
        queue->entries += count;
        queue->restarts += restarted;
        if (queue->checkpointer != NULL && (queue->batches >= WEB_AUDIT_CHECKPOINT_BATCHES ||
                                            queue->entries >= WEB_AUDIT_CHECKPOINT_ENTRIES)) {
            queue->batches = queue->entries = 0;
            queue->checkpoint_due = 1;
            pthread_cond_signal(&queue->checkpoint_wake);
        }
        pthread_mutex_unlock(&queue->lock);
        for (int i = 0; i < count; i++)
            if (written[i] != NULL)
                written[i](batch[i], contexts[i]);
        pthread_mutex_lock(&queue->lock);
    }
    pthread_mutex_unlock(&queue->lock);
    return NULL;
}

/* The checkpointer: a passive checkpoint whenever the writer says one is due (a failed one is
 * tried again at the next: meanwhile the log only grows). */
static void *web_audit_checkpointer(void *context)
{
    web_audit_queue *queue = context;
    pthread_mutex_lock(&queue->lock);
    for (;;) {
        while (!queue->checkpoint_due && !queue->stopping)
            pthread_cond_wait(&queue->checkpoint_wake, &queue->lock);
        if (!queue->checkpoint_due)
            break;
        queue->checkpoint_due = 0;
        pthread_mutex_unlock(&queue->lock);
        (void)store_checkpoint(queue->checkpointer);
        pthread_mutex_lock(&queue->lock);
        if (++queue->checkpoints >= WEB_AUDIT_RESTART_CHECKPOINTS) {
            queue->checkpoints = 0;
            queue->restart_due = 1;
        }
    }
    pthread_mutex_unlock(&queue->lock);
    return NULL;
}

/* Ends the checkpointer (queue->stopping set) and closes its connection. */
static void web_audit_checkpointer_stop(web_audit_queue *queue)
{
    if (queue->checkpointer == NULL)
        return;
    pthread_mutex_lock(&queue->lock);
    queue->stopping = 1;
    queue->checkpoint_due = 0;
    pthread_cond_signal(&queue->checkpoint_wake);
    pthread_mutex_unlock(&queue->lock);
    pthread_join(queue->checkpoint_thread, NULL);
    store_close(queue->checkpointer);
    queue->checkpointer = NULL;
}

int web_audit_queue_start(const char *target, web_audit_queue **out, bf_error *err)
{
    *out = NULL;
    web_audit_queue *queue = calloc(1, sizeof *queue);
    if (queue == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    int elsewhere = 0;
    int rc = store_open_mode(target, STORE_MODE_WRITE, &queue->st, err);
    /* Each batch is a transaction of the same statements: the head, the insert. */
    if (rc == BF_OK && store_cache_statements_always(queue->st) != BF_OK)
        rc = bf_error_set(err, BF_ENOMEM, NULL);
    if (rc == BF_OK && (rc = store_keep_cache_small(queue->st)) != BF_OK)
        store_error_set(queue->st, rc, err);
    if (rc == BF_OK && (rc = store_checkpoint_elsewhere(queue->st, &elsewhere)) != BF_OK)
        store_error_set(queue->st, rc, err);
    if (rc == BF_OK && elsewhere &&
        (rc = store_open_mode(target, STORE_MODE_WRITE, &queue->checkpointer, err)) == BF_OK &&
        (rc = store_keep_cache_small(queue->checkpointer)) != BF_OK)
        store_error_set(queue->checkpointer, rc, err);
    if (rc != BF_OK) {
        store_close(queue->checkpointer);
        store_close(queue->st);
        free(queue);
        return rc;
    }
    pthread_mutex_init(&queue->lock, NULL);
    pthread_cond_init(&queue->wake, NULL);
    pthread_cond_init(&queue->finished, NULL);
    pthread_cond_init(&queue->checkpoint_wake, NULL);
    if (queue->checkpointer != NULL &&
        pthread_create(&queue->checkpoint_thread, NULL, web_audit_checkpointer, queue) != 0) {
        store_close(queue->checkpointer);
        queue->checkpointer = NULL;
        rc = bf_error_set(err, BF_ENOMEM, NULL);
    }
    if (rc == BF_OK && pthread_create(&queue->thread, NULL, web_audit_writer, queue) != 0)
        rc = bf_error_set(err, BF_ENOMEM, NULL);
    if (rc != BF_OK) {
        web_audit_checkpointer_stop(queue);
        store_close(queue->st);
        free(queue);
        return rc;
    }
    *out = queue;
    return BF_OK;
}

void web_audit_queue_stop(web_audit_queue *queue)
{
    if (queue == NULL)
        return;
    pthread_mutex_lock(&queue->lock);
    queue->stopping = 1;
    pthread_cond_signal(&queue->wake);
    pthread_mutex_unlock(&queue->lock);
    pthread_join(queue->thread, NULL);
    web_audit_checkpointer_stop(queue);
    store_close(queue->st);
    pthread_cond_destroy(&queue->wake);
    pthread_cond_destroy(&queue->finished);
    pthread_cond_destroy(&queue->checkpoint_wake);
    pthread_mutex_destroy(&queue->lock);
    free(queue);
}

void web_audit_queue_submit(web_audit_queue *queue, web_audit_pending *pending)
{
    pending->next = NULL;
    pending->finished = 0;
    pthread_mutex_lock(&queue->lock);
    if (queue->last != NULL)
        queue->last->next = pending;
    else
        queue->first = pending;
    queue->last = pending;
    pthread_cond_signal(&queue->wake);
    pthread_mutex_unlock(&queue->lock);
}

int web_audit_queue_append(web_audit_queue *queue, const web_audit_entry *entry, bf_error *err)
{
    web_audit_pending pending = {.written = NULL};
    web_audit_pending_fill(&pending, entry);
    web_audit_queue_submit(queue, &pending);
    pthread_mutex_lock(&queue->lock);
    while (!pending.finished)
        pthread_cond_wait(&queue->finished, &queue->lock);
    pthread_mutex_unlock(&queue->lock);
    if (pending.rc != BF_OK)
        return bf_error_set(err, pending.rc, "%s", pending.message);
    return BF_OK;
}

int web_audit_queue_restarts(web_audit_queue *queue)
{
    pthread_mutex_lock(&queue->lock);
    int restarts = queue->restarts;
    pthread_mutex_unlock(&queue->lock);
    return restarts;
}

int web_audit_verify(store *st, web_audit_report *report, bf_error *err)
{
    memset(report, 0, sizeof *report);
    store_rows rows = {0};
    int rc = store_rows_open(st,
                             "SELECT seq, at, actor, address, action, target, outcome, detail, "
                             "prev_hash, hash FROM audit_log ORDER BY seq",
                             NULL, 0, &rows, err);
    if (rc != BF_OK)
        return rc;
    char prev[WEB_AUDIT_HASH_TEXT_MAX];
    snprintf(prev, sizeof prev, "%s", web_audit_first_prev);
    int64_t expected = 1;
    while ((rc = store_rows_next(&rows)) == 1) {
        const char *fields[8];
        for (int i = 0; i < 8; i++)
            fields[i] = store_column_text(rows.stmt, i);
        int64_t seq = store_column_int64(rows.stmt, 0);
        const char *stored_prev = store_column_text(rows.stmt, 8);
        const char *stored_hash = store_column_text(rows.stmt, 9);
        char hash[WEB_AUDIT_HASH_TEXT_MAX];
        web_audit_hash(fields, stored_prev != NULL ? stored_prev : "", hash);
        report->entries++;
        const char *problem = NULL;
        if (seq != expected)
            problem = seq > expected ? BF_TR("此前的条目被删除（序号不连续）",
                                             "entries before it were removed (a gap in seq)")
                                     : BF_TR("序号重复或倒退", "seq repeated or going back");
        else if (stored_prev == NULL || strcmp(stored_prev, prev) != 0)
            problem = BF_TR("与前一条的哈希链断开（前一条被改动、删除，或此条是插入的）",
                            "the chain to the entry before is broken (that one changed or "
                            "removed, or this one inserted)");
        else if (stored_hash == NULL || strcmp(stored_hash, hash) != 0)
            problem = BF_TR("内容与其哈希不符（条目被改动或插入）",
                            "its content does not match its hash (changed or inserted)");
        if (problem != NULL) {
            report->bad_seq = seq > 0 ? seq : -1;
            snprintf(report->problem, sizeof report->problem, "%s", problem);
            break;
        }
        report->last_seq = seq;
        snprintf(report->last_hash, sizeof report->last_hash, "%s", stored_hash);
        snprintf(prev, sizeof prev, "%s", stored_hash);
        expected = seq + 1;
    }
    store_rows_close(&rows);
    return rc < 0 ? rc : BF_OK;
}

void web_audit_cli_actor(char *out, size_t size)
{
    struct passwd entry, *found = NULL;
    char buffer[1024];
    if (getpwuid_r(geteuid(), &entry, buffer, sizeof buffer, &found) == 0 && found != NULL)
        snprintf(out, size, "cli:%s", found->pw_name);
    else
        snprintf(out, size, "cli:%u", (unsigned)geteuid());
}
