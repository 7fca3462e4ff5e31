/*
 * route_dashboard.c - the figures of the dashboard's charts for the user's
 * region and a year: employment by child region and by where the work is
 * (the same county, elsewhere in the province, another province: the
 * spells running at the end of the year, or today in the current year),
 * the ledger's subsidies by month and benefit (net of adjustments, rejected
 * lines left out) and the targets against their progress
 * (services/report_targets.c, as `bangfu report targets --region` counts
 * them).  Counts and sums only: no personal data.
 */
#include "web/web_routes.h"
#include "web/web_util.h"

#include "services/ledger.h"
#include "services/report_common.h"
#include "services/report_targets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a spell's work is, seen from the person's hukou. */
enum { WEB_WHERE_COUNTY, WEB_WHERE_PROVINCE, WEB_WHERE_OUTSIDE, WEB_WHERE_COUNT };

/* Employment by child region and where, into *out. */
static int web_dashboard_employment(web_request *req, const char *day, json_t **out, bf_error *err)
{
    report_regions regions = {0};
    int64_t(*counts)[WEB_WHERE_COUNT] = NULL;
    store_rows rows = {0};
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    web_user_range(req, low, high);
    int rc = report_regions_load(req->store, req->user->region, &regions, err);
    if (rc == BF_OK && (counts = calloc((size_t)regions.count + 1, sizeof *counts)) == NULL)
        rc = bf_error_set(err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    const char *params[] = {low, high, day, day};
    if (rc == BF_OK)
        rc = store_rows_open(req->store,
                             "SELECT DISTINCT p.id_number, p.hukou_region, j.region FROM jobs j "
                             "JOIN people p ON p.id_number = j.id_number WHERE p.hukou_region >= "
                             "? AND p.hukou_region < ? AND j.start_date <= ? AND (j.end_date IS "
                             "NULL OR j.end_date >= ?)",
                             params, 4, &rows, err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK;
        const char *hukou = store_column_text(rows.stmt, 1);
        const char *work = store_column_text(rows.stmt, 2);
        int row = report_regions_find(&regions, hukou);
        if (row < 0 || work == NULL)
            continue;
        int where = strncmp(hukou, work, 6) == 0   ? WEB_WHERE_COUNTY
                    : strncmp(hukou, work, 2) == 0 ? WEB_WHERE_PROVINCE
                                                   : WEB_WHERE_OUTSIDE;
        counts[row][where]++;
    }
    store_rows_close(&rows);
    *out = json_array();
    for (int r = 0; rc == BF_OK && r <= regions.count; r++) {
        const report_region *region = r < regions.count ? &regions.children[r] : &regions.self;
        if (r == regions.count && counts[r][0] + counts[r][1] + counts[r][2] == 0)
            continue; /* no one in the region's own row (本级) */
        char name[REPORT_REGION_NAME_MAX + 8];
        snprintf(name, sizeof name, "%s%s", region->name, r == regions.count ? "本级" : "");
        json_array_append_new(*out,
                              json_pack("{s:s, s:s, s:I, s:I, s:I}", "code", region->code, "name",
                                        name, "county", (json_int_t)counts[r][WEB_WHERE_COUNTY],
                                        "province", (json_int_t)counts[r][WEB_WHERE_PROVINCE],
                                        "outside", (json_int_t)counts[r][WEB_WHERE_OUTSIDE]));
    }
    free(counts);
    report_regions_free(&regions);
    return rc < 0 ? rc : BF_OK;
}

/* The ledger's subsidies of the year by month and benefit, into *out. */
static int web_dashboard_subsidies(web_request *req, const policy_set *set, int year, json_t **out,
                                   bf_error *err)
{
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX], first[16], last[16];
    web_user_range(req, low, high);
    snprintf(first, sizeof first, "%04d-01", year);
    snprintf(last, sizeof last, "%04d-12", year);
    const char *params[] = {low, high, first, last};
    store_rows rows = {0};
    json_t *benefits = json_object();
    int rc = store_rows_open(req->store,
                             "SELECT benefit, month, SUM(amount_fen) FROM ledger_lines WHERE "
                             "region >= ? AND region < ? AND month >= ? AND month <= ? AND state "
                             "<> '" LEDGER_STATE_REJECTED "' GROUP BY benefit, month ORDER BY "
                             "benefit, month",
                             params, 4, &rows, err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK;
        const char *id = store_column_text(rows.stmt, 0);
        const char *month = store_column_text(rows.stmt, 1);
        json_t *benefit = json_object_get(benefits, id);
        if (benefit == NULL) {
            int rule = policy_set_find_rule(set, id);
            benefit = json_pack("{s:s, s:s, s:[iiiiiiiiiiii]}", "id", id, "name",
                                rule >= 0 ? set->rules[rule]->name : id, "fen", 0, 0, 0, 0, 0, 0, 0,
                                0, 0, 0, 0, 0);
            json_object_set_new(benefits, id, benefit);
        }
        int m = atoi(month + 5);
        if (m >= 1 && m <= 12)
            json_array_set_new(json_object_get(benefit, "fen"), (size_t)m - 1,
                               json_integer(store_column_int64(rows.stmt, 2)));
    }
    store_rows_close(&rows);
    *out = json_array();
    const char *key;
    json_t *value;
    json_object_foreach(benefits, key, value)
    {
        json_array_append(*out, value);
    }
    json_decref(benefits);
    return rc < 0 ? rc : BF_OK;
}

/* The targets' table for the user's region at month (report_targets_write's JSON). */
static int web_dashboard_targets(web_request *req, const policy_set *set, int month, json_t **out,
                                 bf_error *err)
{
    char path[WEB_TEMP_PATH_MAX];
    int rows = 0;
    report_options o = {.region = req->user->region,
                        .month = month,
                        .as_of = INT32_MAX,
                        .set = set,
                        .format = REPORT_JSON};
    o.filled_on = (int32_t)date_to_days(date_today());
    int rc = web_temp_file("targets.json", path, err);
    if (rc != BF_OK)
        return rc;
    o.out = path;
    rc = report_targets_write(req->store, &o, &rows, err);
    json_error_t parse_error;
    if (rc == BF_OK && (*out = json_load_file(path, 0, &parse_error)) == NULL)
        rc = bf_error_set(err, BF_EPARSE, "%s", parse_error.text);
    web_temp_remove(path);
    return rc;
}

int route_dashboard(web_request *req, web_response *res)
{
    bf_date today = date_today();
    int64_t year = 0;
    if (!web_query_int64(req, res, "year", today.year, 2000, 2100, &year))
        return BF_OK;
    char day[BF_DATE_TEXT_MAX];
    int month = 0;
    if (year < today.year) {
        snprintf(day, sizeof day, "%04d-12-31", (int)year);
        month = date_month_index((bf_date){.year = (int)year, .month = 12, .day = 1});
    } else {
        date_format(today, day);
        month = date_month_index(today);
    }
    const policy_set *set = web_request_policies(req, res);
    if (set == NULL)
        return BF_OK;
    json_t *employment = NULL, *subsidies = NULL, *targets = NULL;
    bf_error err;
    bf_error_clear(&err);
    int rc = store_begin_snapshot(req->store);
    if (rc != BF_OK)
        store_error_set(req->store, rc, &err);
    if (rc == BF_OK)
        rc = web_dashboard_employment(req, day, &employment, &err);
    if (rc == BF_OK)
        rc = web_dashboard_subsidies(req, set, (int)year, &subsidies, &err);
    if (rc == BF_OK)
        rc = web_dashboard_targets(req, set, month, &targets, &err);
    store_rollback(req->store);
    if (rc != BF_OK) {
        json_decref(employment);
        json_decref(subsidies);
        json_decref(targets);
        return web_reply_internal(res, err.message);
    }
    return web_reply_json(res, 200,
                          json_pack("{s:I, s:s, s:o, s:o, s:o}", "year", (json_int_t)year, "day",
                                    day, "employment", employment, "subsidies", subsidies,
                                    "targets", targets));
}
