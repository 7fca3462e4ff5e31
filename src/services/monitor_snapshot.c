/*
 * monitor_snapshot.c - taking the stored snapshot of a month (monitor.h).
 *
 * One INSERT ... SELECT over the spells overlapping the month joined to
 * their person (the same SQL on both engines, no row leaving the database):
 * per person the spell started last is counted (ROW_NUMBER), people of the
 * poverty categories only.  Inside the exclusive writer's transaction, so a
 * snapshot is there whole or not at all.
 */
#include "services/monitor.h"

#include "core/date.h"

#include <stdio.h>
#include <string.h>

/* Most categories in poverty_categories. */
#define MONITOR_CATEGORY_COUNT_MAX 32
/* Room for the statement with that many category tests. */
#define MONITOR_SNAPSHOT_SQL_MAX 4096

/* Copies text (NULL as "") into out of size bytes. */
static void monitor_copy(char *out, size_t size, const char *text)
{
    snprintf(out, size, "%s", text != NULL ? text : "");
}

int monitor_snapshot_take(store *st, const monitor_settings *settings, int month,
                          monitor_snapshot_result *result, bf_error *err)
{
    memset(result, 0, sizeof *result);
    char month_text[BF_MONTH_TEXT_MAX], first[BF_DATE_TEXT_MAX], last[BF_DATE_TEXT_MAX];
    date_month_format(month, month_text);
    date_format(date_month_first_day(month), first);
    date_format(date_month_last_day(month), last);
    store_rows rows = {0};
    int rc = store_begin_exclusive(st, -1, NULL, NULL);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    const char *key[] = {month_text};
    rc = store_rows_open(st, "SELECT taken_at, workers FROM monitor_snapshots WHERE month = ?", key,
                         1, &rows, err);
    if (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        monitor_copy(result->taken_at, sizeof result->taken_at, store_column_text(rows.stmt, 0));
        result->workers = store_column_int64(rows.stmt, 1);
        store_rows_close(&rows);
        store_rollback(st);
        return BF_OK;
    }
    store_rows_close(&rows);
    if (rc < 0)
        goto out;
    /* The categories as LIKE patterns on '；' + categories + '；' (whole names only). */
    char patterns[MONITOR_CATEGORY_COUNT_MAX][MONITOR_CATEGORIES_MAX + 16];
    const char *params[MONITOR_CATEGORY_COUNT_MAX + 3] = {month_text, last, first};
    char sql[MONITOR_SNAPSHOT_SQL_MAX];
    int n = 0, length = snprintf(
                   sql, sizeof sql,
                   "INSERT INTO monitor_workers (month, id_number, hukou_region, scope, "
                   "work_region, monthly_income) SELECT ?, id_number, hukou_region, CASE WHEN "
                   "substr(hukou_region, 1, 6) = substr(region, 1, 6) THEN 'local' WHEN "
                   "substr(hukou_region, 1, 2) = substr(region, 1, 2) THEN 'province' ELSE "
                   "'outside' END, region, monthly_income FROM (SELECT j.id_number, "
                   "p.hukou_region, j.region, j.monthly_income, ROW_NUMBER() OVER (PARTITION BY "
                   "j.id_number ORDER BY j.start_date DESC, j.employer) AS latest FROM jobs j JOIN "
                   "people p ON p.id_number = j.id_number WHERE j.start_date <= ? AND (j.end_date "
                   "IS NULL OR j.end_date >= ?) AND (");
    for (const char *at = settings->texts[MONITOR_TEXT_poverty_categories];
         *at != '\0' && n < MONITOR_CATEGORY_COUNT_MAX;) {
        size_t item = strcspn(at, "|");
        snprintf(patterns[n], sizeof patterns[n], "%%；%.*s；%%", (int)item, at);
        params[n + 3] = patterns[n];
        length += snprintf(sql + length, sizeof sql - (size_t)length,
                           "%s('；' || p.categories || '；') LIKE ?", n > 0 ? " OR " : "");
        n++;
        at += item;
        if (*at == '|')
            at++;
    }
    snprintf(sql + length, sizeof sql - (size_t)length, ")) spells WHERE latest = 1");
    int64_t workers = 0;
    rc = store_query_int64(st, sql, params, n + 3, &workers);
    if (rc == BF_OK)
        rc = store_query_int64(st, "SELECT COUNT(*) FROM monitor_workers WHERE month = ?", key, 1,
                               &workers);
    if (rc != BF_OK) {
        store_error_set(st, rc, err);
        goto out;
    }
    date_now_timestamp(result->taken_at);
    char count[24];
    snprintf(count, sizeof count, "%lld", (long long)workers);
    const char *header[] = {month_text, result->taken_at, count};
    int64_t ignored = 0;
    rc = store_query_int64(
        st, "INSERT INTO monitor_snapshots (month, taken_at, workers) VALUES (?, ?, ?)", header, 3,
        &ignored);
    if (rc == BF_OK)
        rc = store_commit(st);
    if (rc != BF_OK) {
        store_error_set(st, rc, err);
        goto out;
    }
    result->workers = workers;
    result->taken = 1;
out:
    if (rc != BF_OK)
        store_rollback(st);
    return rc;
}
