/* test_web_audit.c - the audit writer of `bangfu serve` on a real SQLite file: its log is
 * copied into the database by the checkpointer, not by the writer between two commits, and
 * written from its start again now and then although commits follow each other without pause. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/error.h"
#include "store/migrate.h"
#include "store/store.h"
#include "web/web_audit.h"
#include "test_temp_store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static off_t file_size(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 ? info.st_size : -1;
}

/* The mkstemp() template of a test database: in memory (/dev/shm) where there is one. */
static void temp_template(char *path, size_t size)
{
    struct stat shm;
    snprintf(path, size, "%s/test_web_audit_XXXXXX",
             stat("/dev/shm", &shm) == 0 && S_ISDIR(shm.st_mode) ? "/dev/shm" : "/tmp");
}

/* Appends the audited view of /api/people/number, waiting for its commit. */
static int append_view(web_audit_queue *queue, int number, const char *detail, bf_error *err)
{
    char target[32];
    snprintf(target, sizeof target, "/api/people/%d", number);
    web_audit_entry entry = {.actor = "clerk",
                             .address = "127.0.0.1",
                             .action = "view",
                             .target = target,
                             .outcome = "ok",
                             .detail = detail};
    return web_audit_queue_append(queue, &entry, err);
}

/*
 * 120 entries, each committed on its own (web_audit_queue_append waits for its batch), a few
 * hundred pages of log: fewer than SQLite's automatic checkpoint waits for (1000), more batches
 * than the checkpointer's turn (100).  The database file grows only when a checkpoint copies
 * the log into it: it must, soon, and with the writer's own checkpoints off.
 */
static void test_checkpointer(void **state)
{
    (void)state;
    char path[64];
    temp_template(path, sizeof path);
    bf_error err;
    store_close(test_temp_store(path));
    off_t before = file_size(path);

    web_audit_queue *queue = NULL;
    assert_int_equal(web_audit_queue_start(path, &queue, &err), BF_OK);
    char detail[900];
    memset(detail, 'x', sizeof detail - 1);
    detail[sizeof detail - 1] = '\0';
    for (int i = 0; i < 120; i++)
        assert_int_equal(append_view(queue, i, detail, &err), BF_OK);
    off_t after = before;
    for (int tries = 0; tries < 500 && after == before; tries++) {
        usleep(10 * 1000);
        after = file_size(path);
    }
    web_audit_queue_stop(queue);
    assert_true(after > before);

    test_temp_store_remove(path);
}

/* A worker of the server: read transactions one after the other until told to stop. */
typedef struct reader_context {
    const char *path;
    atomic_int stop;
    int reads;
} reader_context;

static void *reader_main(void *context)
{
    reader_context *reader = context;
    store *st = NULL;
    bf_error err;
    if (store_open_mode(reader->path, STORE_MODE_WRITE, &st, &err) != BF_OK)
        return NULL;
    while (!atomic_load(&reader->stop)) {
        store_rows rows = {0};
        if (store_read_begin(st) != BF_OK)
            break;
        if (store_rows_open_few(st, "SELECT COUNT(*) FROM users", NULL, 0, &rows, &err) == BF_OK) {
            (void)store_rows_next(&rows);
            store_rows_close(&rows);
        }
        store_read_end(st);
        reader->reads++;
    }
    store_close(st);
    return NULL;
}

/* A client of the server: entries one after the other, each waiting for its commit. */
typedef struct appender_context {
    web_audit_queue *queue;
    int first, count, failed;
} appender_context;

static void *appender_main(void *context)
{
    appender_context *appender = context;
    char detail[200];
    memset(detail, 'x', sizeof detail - 1);
    detail[sizeof detail - 1] = '\0';
    for (int i = appender->first; i < appender->first + appender->count; i++) {
        bf_error err;
        if (append_view(appender->queue, i, detail, &err) != BF_OK)
            appender->failed++;
    }
    return NULL;
}

/* The big-endian 32-bit field of a WAL header at offset. */
static unsigned wal_header_field(const unsigned char *header, int offset)
{
    return (unsigned)header[offset] << 24 | (unsigned)header[offset + 1] << 16 |
           (unsigned)header[offset + 2] << 8 | header[offset + 3];
}

/*
 * 32,000 entries from 16 threads at once, so that the writer always finds its next batch
 * waiting, while another connection reads: SQLite starts a log over only at a write transaction
 * that begins with all of it copied, which the checkpointer's copy alone never gave when the
 * commits do not pause (here the log grew to 64-85 MB; 930 MB in 150 s of serve_bench.sh).  The
 * writer's restart after every few checkpoints kept it to 12-20 MB, 3,000-5,000 frames of 4 KiB
 * pages (the file's size is the most it ever held: SQLite does not shorten it).
 */
static void test_log_starts_over(void **state)
{
    (void)state;
    char path[64], wal[80];
    temp_template(path, sizeof path);
    bf_error err;
    store_close(test_temp_store(path));
    snprintf(wal, sizeof wal, "%s-wal", path);

    reader_context reader = {.path = path};
    pthread_t thread, appenders[16];
    assert_int_equal(pthread_create(&thread, NULL, reader_main, &reader), 0);
    web_audit_queue *queue = NULL;
    assert_int_equal(web_audit_queue_start(path, &queue, &err), BF_OK);
    appender_context contexts[16];
    for (int i = 0; i < 16; i++) {
        contexts[i] = (appender_context){.queue = queue, .first = i * 2000, .count = 2000};
        assert_int_equal(pthread_create(&appenders[i], NULL, appender_main, &contexts[i]), 0);
    }
    for (int i = 0; i < 16; i++) {
        pthread_join(appenders[i], NULL);
        assert_int_equal(contexts[i].failed, 0);
    }
    off_t log_size = file_size(wal);
    /* The log's header counts the times it was started over (its checkpoint sequence number). */
    unsigned char header[16] = {0};
    FILE *file = fopen(wal, "rb");
    assert_non_null(file);
    assert_int_equal(fread(header, 1, sizeof header, file), sizeof header);
    fclose(file);
    unsigned started_over = wal_header_field(header, 12);
    int restarts = web_audit_queue_restarts(queue);
    atomic_store(&reader.stop, 1);
    pthread_join(thread, NULL);
    web_audit_queue_stop(queue);
    print_message("log file %lld bytes after 32,000 entries, started over %u times (%d by the "
                  "writer's restarts); %d reads meanwhile\n",
                  (long long)log_size, started_over, restarts, reader.reads);
    assert_true(reader.reads > 0);
    /* Every few checkpoints (the checkpointer's alone may start it over now and then, by luck:
     * when one ends between two of the writer's transactions). */
    assert_true(restarts >= 3);
    assert_true(started_over >= (unsigned)restarts);
    /* Bounded in frames, as SQLite's own automatic checkpoint is in pages: the same commits
     * write 4 times the bytes with 16 KiB pages (bytes 8-11 of the header) as with 4 KiB.  With
     * 16 KiB pages: 1,970-2,010 frames alone, 3,440-3,790 while the suite runs (31-62 MB);
     * without the writer's restarts 5,400-7,700 (88-126 MB), which restarts >= 3 catches first. */
    unsigned page_size = wal_header_field(header, 8);
    assert_true(page_size >= 512);
    long long frames = ((long long)log_size - 32) / (page_size + 24);
    print_message("%lld frames of %u bytes\n", frames, page_size);
    assert_true(log_size > 0 && frames < 6000);

    test_temp_store_remove(path);
}

/*
 * The syncs of main database files, counted by a VFS that is SQLite's own with xSync wrapped:
 * the file SQLite opens is the default VFS's, only its method table is a copy.
 */
static sqlite3_vfs counting_vfs;
static sqlite3_vfs *counting_real;
static sqlite3_io_methods counting_methods;
static const sqlite3_io_methods *counting_real_methods;
static atomic_int counting_database_syncs;

static int counting_sync(sqlite3_file *file, int flags)
{
    atomic_fetch_add(&counting_database_syncs, 1);
    return counting_real_methods->xSync(file, flags);
}

static int counting_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
                         int *out_flags)
{
    (void)vfs;
    int rc = counting_real->xOpen(counting_real, name, file, flags, out_flags);
    if (rc == SQLITE_OK && (flags & SQLITE_OPEN_MAIN_DB) && file->pMethods != NULL) {
        counting_real_methods = file->pMethods;
        counting_methods = *file->pMethods;
        counting_methods.xSync = counting_sync;
        file->pMethods = &counting_methods;
    }
    return rc;
}

/*
 * The checkpointer syncs the database file after its copy, also when it could not copy the
 * whole log (a reader still reading an older state): SQLite itself syncs the database only after
 * a whole copy, which under the writer's steady commits never happened, so all that the
 * checkpointer had copied was synced by the writer's restart, on the path of the answers waiting
 * for its next batch (5.2 ms a restart, p50, at 20,000 audited reads/s).
 */
static void test_checkpoint_syncs_database(void **state)
{
    (void)state;
    counting_real = sqlite3_vfs_find(NULL);
    counting_vfs = *counting_real;
    counting_vfs.zName = "counting";
    counting_vfs.xOpen = counting_open;
    assert_int_equal(sqlite3_vfs_register(&counting_vfs, 1), SQLITE_OK);

    char path[64];
    temp_template(path, sizeof path);
    bf_error err;
    store *writer = test_temp_store(path), *reader = NULL, *checkpointer = NULL;
    assert_int_equal(store_open_mode(path, STORE_MODE_WRITE, &reader, &err), BF_OK);
    assert_int_equal(store_open_mode(path, STORE_MODE_WRITE, &checkpointer, &err), BF_OK);
    int elsewhere = 0;
    assert_int_equal(store_checkpoint_elsewhere(writer, &elsewhere), BF_OK);
    assert_true(elsewhere);
    assert_int_equal(store_exec(writer, "CREATE TABLE probe (x TEXT)"), BF_OK);
    assert_int_equal(store_exec(writer, "INSERT INTO probe VALUES ('before the reader')"), BF_OK);
    int64_t count = 0;
    assert_int_equal(store_read_begin(reader), BF_OK);
    assert_int_equal(store_query_int64(reader, "SELECT COUNT(*) FROM probe", NULL, 0, &count),
                     BF_OK);
    assert_int_equal(count, 1);
    assert_int_equal(store_exec(writer, "INSERT INTO probe VALUES ('after the reader')"), BF_OK);

    atomic_store(&counting_database_syncs, 0);
    assert_int_equal(store_checkpoint(checkpointer), BF_OK);
    int syncs = atomic_load(&counting_database_syncs);
    print_message("database file synced %d times by a checkpoint that copied part of the log\n",
                  syncs);
    assert_true(syncs >= 1);

    store_read_end(reader);
    store_close(checkpointer);
    store_close(reader);
    store_close(writer);
    test_temp_store_remove(path);
    assert_int_equal(sqlite3_vfs_unregister(&counting_vfs), SQLITE_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checkpointer),
        cmocka_unit_test(test_log_starts_over),
        cmocka_unit_test(test_checkpoint_syncs_database),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
