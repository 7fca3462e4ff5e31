/* import_batch.c - the exclusive transaction, caps and batch row of a list import. */
#include "services/import_batch.h"

#include <stddef.h>
#include <stdio.h>

int import_batch_begin(store *st, const import_people_options *options, bf_error *err)
{
    int rc = store_begin_exclusive(st, options->wait_limited ? options->wait_ms : -1,
                                   options->waiting, options->waiting_context);
    if (rc == BF_EBUSY && options->wait_ms > 0)
        return bf_error_set(
            err, rc,
            BF_TR("另一个导入正在写入该数据库，等待 %.1f 秒后仍未结束；请稍后再试或加大 --wait",
                  "another import is still writing to this database after %.1f s of waiting; "
                  "try again later or give a longer --wait"),
            (double)options->wait_ms / 1000.0);
    if (rc == BF_EBUSY)
        return bf_error_set(err, rc,
                            BF_TR("另一个导入正在写入该数据库，未等待（--wait 秒数 可等待其结束）",
                                  "another import is writing to this database; not waiting for "
                                  "it (--wait SECONDS waits for it)"));
    if (rc != BF_OK)
        store_error_set(st, rc, err);
    return rc;
}

int import_batch_cap(store *st, int64_t given, const char *key, int64_t fallback, int64_t *out,
                     bf_error *err)
{
    int64_t setting = 0;
    *out = given > 0 ? given : fallback;
    if (given > 0)
        return BF_OK;
    int rc = store_query_int64(
        st, "SELECT COALESCE(MAX(CAST(value AS BIGINT)), 0) FROM settings WHERE key = ?", &key, 1,
        &setting);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    if (setting > 0)
        *out = setting;
    return BF_OK;
}

/* Runs the prepared and bound stmt when rc is BF_OK, finalizes it, names a failure. */
static int import_batch_step(store *st, store_stmt *stmt, int rc, bf_error *err)
{
    if (rc == BF_OK)
        rc = store_step(stmt) == BF_DONE ? BF_OK : BF_ESTORE;
    store_finalize(stmt);
    if (rc != BF_OK)
        bf_error_set(err, rc, BF_TR("无法登记导入批次：%s", "cannot record the import batch: %s"),
                     store_error_message(st));
    return rc;
}

int import_batch_insert(store *st, const char *kind, const char *source, const char *started_at,
                        int64_t *batch, bf_error *err)
{
    store_stmt *stmt = NULL;
    int rc = store_next_id(st, "batches", batch);
    if (rc == BF_OK)
        rc = store_prepare(
            st, "INSERT INTO batches (id, kind, source, started_at) VALUES (?, ?, ?, ?)", &stmt);
    if (rc == BF_OK)
        rc = store_bind_int64(stmt, 1, *batch);
    if (rc == BF_OK)
        rc = store_bind_text(stmt, 2, kind);
    if (rc == BF_OK)
        rc = store_bind_text(stmt, 3, source);
    if (rc == BF_OK)
        rc = store_bind_text(stmt, 4, started_at);
    return import_batch_step(st, stmt, rc, err);
}

int import_batch_finish(store *st, int64_t batch, const import_people_result *result, bf_error *err)
{
    store_stmt *stmt = NULL;
    int rc = store_prepare(st,
                           "UPDATE batches SET rows_read = ?, inserted = ?, updated = ?, "
                           "unchanged = ?, rejected = ? WHERE id = ?",
                           &stmt);
    const int64_t values[] = {result->rows,      result->inserted, result->updated,
                              result->unchanged, result->rejected, batch};
    for (size_t i = 0; rc == BF_OK && i < sizeof values / sizeof values[0]; i++)
        rc = store_bind_int64(stmt, (int)i + 1, values[i]);
    return import_batch_step(st, stmt, rc, err);
}

int import_batch_end(store *st, int64_t batch, import_errors *errors, progress *progress,
                     import_people_result *result, bf_error *err)
{
    int rc = import_batch_finish(st, batch, result, err);
    if (rc == BF_OK)
        rc = import_errors_finish(errors, err);
    if (rc != BF_OK)
        return rc;
    snprintf(result->errors_path, sizeof result->errors_path, "%s", import_errors_written(errors));
    result->errors_elsewhere = import_errors_elsewhere(errors);
    progress_update(progress, PROGRESS_COMMITTING, -1, -1.0);
    rc = store_commit(st);
    if (rc != BF_OK)
        return bf_error_set(err, rc, BF_TR("提交失败：%s", "commit failed: %s"),
                            store_error_message(st));
    result->batch = batch;
    return BF_OK;
}
