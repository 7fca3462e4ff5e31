/* test_web_audit.c - the audit writer of `bangfu serve` on a real SQLite file: its log is
 * copied into the database by the checkpointer, not by the writer between two commits. */
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

/*
 * 120 entries, each committed on its own (web_audit_queue_append waits for its batch), a few
 * hundred pages of log: fewer than SQLite's automatic checkpoint waits for (1000), more batches
 * than the checkpointer's turn (100).  The database file grows only when a checkpoint copies
 * the log into it: it must, soon, and with the writer's own checkpoints off.
 */
static void test_checkpointer(void **state)
{
    (void)state;
    struct stat shm;
    char path[64];
    snprintf(path, sizeof path, "%s/test_web_audit_XXXXXX",
             stat("/dev/shm", &shm) == 0 && S_ISDIR(shm.st_mode) ? "/dev/shm" : "/tmp");
    bf_error err;
    store_close(test_temp_store(path));
    off_t before = file_size(path);

    web_audit_queue *queue = NULL;
    assert_int_equal(web_audit_queue_start(path, &queue, &err), BF_OK);
    char detail[900];
    memset(detail, 'x', sizeof detail - 1);
    detail[sizeof detail - 1] = '\0';
    for (int i = 0; i < 120; i++) {
        char target[32];
        snprintf(target, sizeof target, "/api/people/%d", i);
        web_audit_entry entry = {.actor = "clerk",
                                 .address = "127.0.0.1",
                                 .action = "view",
                                 .target = target,
                                 .outcome = "ok",
                                 .detail = detail};
        assert_int_equal(web_audit_queue_append(queue, &entry, &err), BF_OK);
    }
    off_t after = before;
    for (int tries = 0; tries < 500 && after == before; tries++) {
        usleep(10 * 1000);
        after = file_size(path);
    }
    web_audit_queue_stop(queue);
    assert_true(after > before);

    test_temp_store_remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checkpointer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
