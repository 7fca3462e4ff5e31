/* migrate.c - applying store_migrations[] once each. */
#include "store/migrate.h"

#include "core/date.h"

#include <stdio.h>

int store_schema_latest(void)
{
    int latest = 0;
    for (const store_migration *m = store_migrations; m->version != 0; m++)
        latest = m->version;
    return latest;
}

int store_schema_version(store *st, int *version)
{
    int64_t value = 0;
    int exists = 0;
    /* No table is version 0 (never initialised); any other failure is the caller's to report. */
    int rc = store_table_exists(st, "schema_migrations", &exists);
    if (rc == BF_OK && exists)
        rc = store_query_int64(st, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", NULL,
                               0, &value);
    *version = (int)value;
    return rc;
}

/* The engine's own statements of migration version, if any (store_engine_step). */
static int migrate_engine_step(store *st, int version)
{
    const store_engine_step *step = st->engine->migration_steps;
    for (; step != NULL && step->version != 0; step++)
        if (step->version == version)
            return store_exec(st, step->sql);
    return BF_OK;
}

int store_migrate(store *st, int *applied, bf_error *err)
{
    int count = 0, current = 0, rc;
    store_stmt *record = NULL;
    rc = store_exec(st,
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    if (rc != BF_OK)
        goto out;
    rc = store_schema_version(st, &current);
    if (rc != BF_OK)
        goto out;
    for (const store_migration *m = store_migrations; m->version != 0; m++) {
        if (m->version <= current)
            continue;
        char now[BF_TIMESTAMP_TEXT_MAX];
        date_now_timestamp(now);
        rc = store_begin(st);
        if (rc == BF_OK)
            rc = store_exec(st, m->sql);
        if (rc == BF_OK)
            rc = migrate_engine_step(st, m->version);
        if (rc == BF_OK)
            rc = store_prepare(st,
                               "INSERT INTO schema_migrations (version, name, applied_at) "
                               "VALUES (?, ?, ?)",
                               &record);
        if (rc == BF_OK)
            rc = store_bind_int64(record, 1, m->version);
        if (rc == BF_OK)
            rc = store_bind_text(record, 2, m->name);
        if (rc == BF_OK)
            rc = store_bind_text(record, 3, now);
        if (rc == BF_OK)
            rc = store_step(record) == BF_DONE ? BF_OK : BF_ESTORE;
        store_finalize(record);
        record = NULL;
        if (rc == BF_OK)
            rc = store_commit(st);
        if (rc != BF_OK) {
            bf_error_set(err, rc, BF_TR("迁移 %s 失败：%s", "migration %s failed: %s"), m->name,
                         store_error_message(st));
            store_rollback(st);
            goto out;
        }
        count++;
    }
out:
    if (rc != BF_OK && err != NULL && err->code == BF_OK)
        bf_error_set(err, rc, BF_TR("数据库迁移失败：%s", "schema migration failed: %s"),
                     store_error_message(st));
    if (applied != NULL)
        *applied = count;
    return rc;
}
