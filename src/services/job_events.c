/* job_events.c - job fairs and organised outflow as stored (see the header). */
#include "services/job_events.h"

#include "core/region_code.h"
#include "services/import_batch.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest SQL built here. */
#define JOB_EVENTS_SQL_MAX 2048
/* Longest text of a number or a year bound. */
#define JOB_EVENTS_NUMBER_MAX 24

/* The day bounds of year ("2023-01-01", "2023-12-31"); year 0: every day. */
static void job_events_year(int year, char first[BF_DATE_TEXT_MAX], char last[BF_DATE_TEXT_MAX])
{
    if (year <= 0) {
        snprintf(first, BF_DATE_TEXT_MAX, "0000-01-01");
        snprintf(last, BF_DATE_TEXT_MAX, "9999-12-31");
        return;
    }
    date_format((bf_date){year, 1, 1}, first);
    date_format((bf_date){year, 12, 31}, last);
}

/* The code bounds of region (NULL: all codes). */
static void job_events_region(const char *region, char low[REGION_CODE_TEXT_MAX],
                              char high[REGION_CODE_TEXT_MAX])
{
    if (region == NULL) {
        snprintf(low, REGION_CODE_TEXT_MAX, "0");
        snprintf(high, REGION_CODE_TEXT_MAX, "A");
        return;
    }
    region_code_range(region, low, high);
}

int job_fairs_list(store *st, int year, const char *region, const char *kind, job_fair_sink sink,
                   void *context, bf_error *err)
{
    static const char *const sql =
        "SELECT f.fair_code, f.name, f.kind, f.mode, f.held_on, f.region, f.place, f.site, "
        "f.organisers, (SELECT COUNT(*) FROM fair_employers e WHERE e.fair_code = f.fair_code), "
        "(SELECT COALESCE(SUM(e.postings), 0) FROM fair_employers e WHERE e.fair_code = "
        "f.fair_code), (SELECT COALESCE(SUM(e.openings), 0) FROM fair_employers e WHERE "
        "e.fair_code = f.fair_code), (SELECT COUNT(*) FROM fair_people p WHERE p.fair_code = "
        "f.fair_code), (SELECT COUNT(*) FROM fair_people p WHERE p.fair_code = f.fair_code AND "
        "p.outcome = 'hired') FROM fairs f WHERE f.held_on >= ? AND f.held_on <= ? AND f.region "
        ">= ? AND f.region < ? AND f.kind LIKE ? ORDER BY f.held_on, f.fair_code";
    char first[BF_DATE_TEXT_MAX], last[BF_DATE_TEXT_MAX];
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    job_events_year(year, first, last);
    job_events_region(region, low, high);
    const char *params[] = {first, last, low, high, kind != NULL ? kind : "%"};
    store_rows rows = {0};
    int rc = store_rows_open(st, sql, params, 5, &rows, err);
    int next = rc == BF_OK ? store_rows_next(&rows) : rc;
    for (; next == 1 && rc == BF_OK; next = store_rows_next(&rows)) {
        const char *texts[9];
        for (int c = 0; c < 9; c++)
            texts[c] = store_column_text(rows.stmt, c);
        job_fair_row row = {texts[0],
                            texts[1],
                            texts[2],
                            texts[3],
                            texts[4],
                            texts[5],
                            texts[6],
                            texts[7],
                            texts[8],
                            store_column_int64(rows.stmt, 9),
                            store_column_int64(rows.stmt, 10),
                            store_column_int64(rows.stmt, 11),
                            store_column_int64(rows.stmt, 12),
                            store_column_int64(rows.stmt, 13)};
        rc = sink(context, &row, err);
    }
    store_rows_close(&rows);
    return rc != BF_OK ? rc : next < 0 ? next : BF_OK;
}

int job_fairs_relocation_count(store *st, const char *region, int year, int64_t *count,
                               bf_error *err)
{
    char first[BF_DATE_TEXT_MAX], last[BF_DATE_TEXT_MAX];
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    job_events_year(year, first, last);
    job_events_region(region, low, high);
    const char *params[] = {first, last, low, high};
    int rc = store_query_int64(st,
                               "SELECT COUNT(*) FROM fairs WHERE kind = 'relocation' AND held_on "
                               ">= ? AND held_on <= ? AND region >= ? AND region < ?",
                               params, 4, count);
    return rc == BF_OK ? BF_OK : store_error_set(st, rc, err);
}

int outflow_followup_days(store *st, int64_t *days, bf_error *err)
{
    int rc =
        import_batch_cap(st, 0, JOB_EVENTS_FOLLOWUP_SETTING, JOB_EVENTS_FOLLOWUP_DAYS, days, err);
    if (rc == BF_OK && *days > JOB_EVENTS_FOLLOWUP_DAYS_MAX)
        rc = bf_error_set(err, BF_EINVAL,
                          BF_TR("设置 %s 为 %" PRId64 " 天，超过上限 %d",
                                "the setting %s is %" PRId64 " days, more than %d"),
                          JOB_EVENTS_FOLLOWUP_SETTING, *days, JOB_EVENTS_FOLLOWUP_DAYS_MAX);
    return rc;
}

/* Whether person has on as_of a spell within destination not ended before departed_on. */
static int outflow_has_spell(store *st, const char *id_number, const char *destination,
                             const char *departed_on, const char *as_of, int *has, bf_error *err)
{
    const char *params[] = {id_number, as_of, departed_on};
    store_rows rows = {0};
    *has = 0;
    int rc = store_rows_open(st,
                             "SELECT region FROM jobs WHERE id_number = ? AND start_date <= ? AND "
                             "(end_date IS NULL OR end_date >= ?)",
                             params, 3, &rows, err);
    int next = rc == BF_OK ? store_rows_next(&rows) : rc;
    for (; next == 1 && !*has; next = store_rows_next(&rows)) {
        const char *region = store_column_text(rows.stmt, 0);
        *has = region != NULL && region_code_within(region, destination);
    }
    store_rows_close(&rows);
    return next < 0 ? next : BF_OK;
}

int outflow_followup(store *st, bf_date as_of, int64_t days, outflow_followup_sink sink,
                     void *context, bf_error *err)
{
    char day[BF_DATE_TEXT_MAX], latest[BF_DATE_TEXT_MAX];
    date_format(as_of, day);
    date_format(date_from_days(date_to_days(as_of) - days), latest);
    const char *params[] = {latest};
    /* The carried read first, then each one's spells: two statements never interleave. */
    store_rows rows = {0};
    outflow_followup_row *carried = NULL;
    char **texts = NULL;
    size_t count = 0, capacity = 0;
    int rc = store_rows_open(st,
                             "SELECT o.outflow_code, o.departed_on, o.destination, c.id_number, "
                             "p.name, p.phone FROM outflow_people c JOIN outflows o ON "
                             "o.outflow_code = c.outflow_code JOIN people p ON p.id_number = "
                             "c.id_number WHERE o.departed_on <= ? ORDER BY o.outflow_code, "
                             "c.id_number",
                             params, 1, &rows, err);
    int next = rc == BF_OK ? store_rows_next(&rows) : rc;
    for (; next == 1 && rc == BF_OK; next = store_rows_next(&rows)) {
        if (count == capacity) {
            capacity = capacity > 0 ? 2 * capacity : 64;
            outflow_followup_row *grown = realloc(carried, capacity * sizeof *grown);
            char **more = realloc(texts, capacity * 6 * sizeof *more);
            if (grown != NULL)
                carried = grown;
            if (more != NULL)
                texts = more;
            if (grown == NULL || more == NULL) {
                rc = bf_error_set(err, BF_ENOMEM, NULL);
                break;
            }
        }
        char **mine = &texts[count * 6];
        for (int c = 0; c < 6; c++) {
            const char *text = store_column_text(rows.stmt, c);
            mine[c] = strdup(text != NULL ? text : "");
            if (mine[c] == NULL)
                rc = bf_error_set(err, BF_ENOMEM, NULL);
        }
        bf_date departed;
        int64_t since = date_parse(mine[1], &departed) == BF_OK
                            ? date_to_days(as_of) - date_to_days(departed)
                            : 0;
        carried[count++] =
            (outflow_followup_row){mine[0], mine[1], mine[2], mine[3], mine[4], mine[5], since};
    }
    store_rows_close(&rows);
    if (rc == BF_OK && next < 0)
        rc = next;
    for (size_t i = 0; i < count && rc == BF_OK; i++) {
        int has = 0;
        rc = outflow_has_spell(st, carried[i].id_number, carried[i].destination,
                               carried[i].departed_on, day, &has, err);
        if (rc == BF_OK && !has)
            rc = sink(context, &carried[i], err);
    }
    for (size_t i = 0; i < count * 6; i++)
        free(texts[i]);
    free(texts);
    free(carried);
    return rc;
}
