/*
 * route_compare.c - what other offices' lists and the bank say, as far as
 * the user's region reaches: the comparisons (`bangfu compare`, services/
 * compare_lists.h: the poverty office's and the social insurance agency's
 * lists against the registry) with their findings counted by kind, a run's
 * findings (people: ID numbers and phones masked unless ?full=1 by a role that
 * may, audited as views), and the payment batches (services/ledger_payment.h)
 * with the lines of the user's region counted by the state of their payment.
 *
 * A run or a batch covers the whole registry: only the findings and lines of
 * the user's region (by hukou, by the line's region) are counted or shown, so
 * the registry-wide figures of a run (registry_people, list_people) are not
 * answered.  Running a comparison or making a batch stays with the CLI: both
 * take the whole registry at once, beyond any one officer's region.
 */
#include "web/web_routes.h"
#include "web/web_util.h"

#include "services/compare_lists.h"
#include "services/ledger.h"
#include "services/ledger_payment.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most runs or batches one list answers. */
#define WEB_COMPARE_RUNS_MAX 200
/* Most findings one page answers, and the default. */
#define WEB_FINDINGS_PAGE_MAX     500
#define WEB_FINDINGS_PAGE_DEFAULT 100

/* The runs (one when run is not "") with their findings in the user's region counted by kind. */
static int web_compare_runs(web_request *req, const char *run, json_t **out)
{
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX], sql[768];
    web_user_range(req, low, high);
    const char *texts[] = {low, high, run};
    snprintf(sql, sizeof sql,
             "SELECT r.id, r.list, r.as_of, r.started_at, f.finding, COUNT(f.id_number) FROM "
             "compare_runs r LEFT JOIN compare_findings f ON f.run_id = r.id AND f.hukou_region "
             ">= ? AND f.hukou_region < ?%s GROUP BY r.id, r.list, r.as_of, r.started_at, "
             "f.finding ORDER BY r.id DESC, f.finding",
             run[0] != '\0' ? " WHERE r.id = ?" : "");
    *out = json_array();
    store_rows rows = {0};
    bf_error err;
    json_t *current = NULL;
    int rc = store_rows_open(req->store, sql, texts, run[0] != '\0' ? 3 : 2, &rows, &err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        store_stmt *s = rows.stmt;
        rc = BF_OK;
        json_int_t id = (json_int_t)store_column_int64(s, 0);
        if (current == NULL || json_integer_value(json_object_get(current, "id")) != id) {
            if (json_array_size(*out) >= WEB_COMPARE_RUNS_MAX)
                break;
            current = json_pack("{s:I, s:s, s:s, s:s, s:{}}", "id", id, "list",
                                store_column_text(s, 1), "as_of", store_column_text(s, 2),
                                "started_at", store_column_text(s, 3), "findings");
            json_array_append_new(*out, current);
        }
        if (!store_column_is_null(s, 4))
            json_object_set_new(json_object_get(current, "findings"), store_column_text(s, 4),
                                json_integer(store_column_int64(s, 5)));
    }
    store_rows_close(&rows);
    return rc < 0 ? rc : BF_OK;
}

int route_comparisons_list(web_request *req, web_response *res)
{
    json_t *runs = NULL;
    if (web_compare_runs(req, "", &runs) != BF_OK) {
        json_decref(runs);
        return web_reply_internal(res, store_error_message(req->store));
    }
    return web_reply_json(res, 200, json_pack("{s:o}", "runs", runs));
}

int route_comparison_findings(web_request *req, web_response *res)
{
    char *end = NULL, run[24];
    long long id = strtoll(req->params[0], &end, 10);
    snprintf(run, sizeof run, "%lld", id > 0 && *end == '\0' ? id : 0);
    snprintf(res->audit_target, sizeof res->audit_target, "comparison:%s", run);
    int64_t limit = 0, offset = 0;
    const char *full_text = web_request_query(req, "full");
    const char *finding = web_request_query(req, "finding");
    int full = full_text != NULL && strcmp(full_text, "1") == 0;
    if (full)
        res->audit_action = "view_full";
    if (!web_query_int64(req, res, "limit", WEB_FINDINGS_PAGE_DEFAULT, 1, WEB_FINDINGS_PAGE_MAX,
                         &limit) ||
        !web_query_int64(req, res, "offset", 0, 0, INT32_MAX, &offset))
        return BF_OK;
    int known = finding == NULL || finding[0] == '\0';
    for (int k = 0; !known && k < COMPARE_FINDING_COUNT; k++)
        known = strcmp(finding, compare_finding_code((compare_finding)k)) == 0;
    if (!known)
        return web_reply_field(res, "finding",
                               "finding 应为 uninsured、no_pension、registry_only、list_only 或 "
                               "differs",
                               "finding must be uninsured, no_pension, registry_only, list_only "
                               "or differs");
    if (full && !(req->user->roles & WEB_ROLES_FULL_VIEW))
        return web_reply_error(res, 403, "forbidden", "您的角色不能查看完整的证件号码与电话",
                               "your roles may not see ID numbers and phones in full");
    json_t *runs = NULL;
    if (web_compare_runs(req, run, &runs) != BF_OK) {
        json_decref(runs);
        return web_reply_internal(res, store_error_message(req->store));
    }
    if (json_array_size(runs) == 0) {
        json_decref(runs);
        return web_reply_error(res, 404, "not_found", "没有这次比对", "no such comparison");
    }
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    web_user_range(req, low, high);
    int filtered = finding != NULL && finding[0] != '\0';
    store_stmt *stmt = NULL;
    int rc = store_prepare(
        req->store,
        filtered ? "SELECT finding, id_number, name, hukou_region, field, registry_value, "
                   "list_value FROM compare_findings WHERE run_id = ? AND hukou_region >= ? AND "
                   "hukou_region < ? AND finding = ? ORDER BY finding, id_number, field LIMIT ? "
                   "OFFSET ?"
                 : "SELECT finding, id_number, name, hukou_region, field, registry_value, "
                   "list_value FROM compare_findings WHERE run_id = ? AND hukou_region >= ? AND "
                   "hukou_region < ? ORDER BY finding, id_number, field LIMIT ? OFFSET ?",
        &stmt);
    const char *texts[] = {run, low, high, finding};
    int count = filtered ? 4 : 3;
    for (int i = 0; rc == BF_OK && i < count; i++)
        rc = store_bind_text(stmt, i + 1, texts[i]);
    if (rc == BF_OK)
        rc = store_bind_int64(stmt, count + 1, limit + 1);
    if (rc == BF_OK)
        rc = store_bind_int64(stmt, count + 2, offset);
    json_t *findings = json_array();
    int64_t seen = 0;
    while (rc == BF_OK && (rc = store_step(stmt)) == BF_ROW) {
        rc = BF_OK;
        if (++seen > limit)
            continue;
        const char *values[7];
        for (int c = 0; c < 7; c++)
            values[c] = store_column_is_null(stmt, c) ? NULL : store_column_text(stmt, c);
        char id_text[64], registry[64], list[64];
        if (!full) {
            web_mask_id(values[1], id_text, sizeof id_text);
            values[1] = id_text;
        }
        /* A phone differing is shown as the phones are elsewhere: masked. */
        if (!full && values[4] != NULL && strcmp(values[4], "phone") == 0) {
            if (values[5] != NULL) {
                web_mask_phone(values[5], registry, sizeof registry);
                values[5] = registry;
            }
            if (values[6] != NULL) {
                web_mask_phone(values[6], list, sizeof list);
                values[6] = list;
            }
        }
        int kind = -1;
        for (int k = 0; k < COMPARE_FINDING_COUNT && kind < 0; k++)
            if (strcmp(values[0], compare_finding_code((compare_finding)k)) == 0)
                kind = k;
        json_array_append_new(
            findings,
            json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?}", "finding", values[0],
                      "title", kind >= 0 ? compare_finding_title((compare_finding)kind) : values[0],
                      "id_number", values[1], "name", values[2], "hukou_region", values[3], "field",
                      values[4] != NULL && values[4][0] != '\0' ? values[4] : NULL,
                      "registry_value", values[5], "list_value", values[6]));
    }
    snprintf(res->audit_detail, sizeof res->audit_detail,
             "{\"finding\":\"%s\",\"offset\":%" PRId64 "}", filtered ? finding : "", offset);
    json_t *first = json_incref(json_array_get(runs, 0));
    json_decref(runs);
    web_reply_page(req, res, stmt, rc, "findings", findings, seen, limit, offset);
    if (res->status == 200) {
        json_object_set_new(res->json, "run", first);
        json_object_set_new(res->json, "masked", json_boolean(!full));
    } else
        json_decref(first);
    return BF_OK;
}

int route_payment_batches(web_request *req, web_response *res)
{
    char month[BF_MONTH_TEXT_MAX], low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    char sql[1024];
    if (!web_query_month(req, res, "month", 0, month))
        return BF_OK;
    web_user_range(req, low, high);
    const char *texts[] = {low, high, month};
    snprintf(sql, sizeof sql,
             "SELECT b.id, b.month, b.created_by, b.created_at, COUNT(DISTINCT i.item), "
             "COUNT(l.id), COALESCE(SUM(l.amount_fen), 0), "
             "SUM(CASE WHEN i.state = '" LEDGER_STATE_PAID "' THEN 1 ELSE 0 END), "
             "SUM(CASE WHEN i.state = '" LEDGER_STATE_FAILED "' THEN 1 ELSE 0 END) "
             "FROM payment_batches b JOIN payment_lines pl ON pl.batch_id = b.id "
             "JOIN payment_items i ON i.batch_id = pl.batch_id AND i.item = pl.item "
             "JOIN ledger_lines l ON l.id = pl.line_id WHERE l.region >= ? AND l.region < ?%s "
             "GROUP BY b.id, b.month, b.created_by, b.created_at ORDER BY b.id DESC LIMIT %d",
             month[0] != '\0' ? " AND b.month = ?" : "", WEB_COMPARE_RUNS_MAX);
    json_t *batches = json_array();
    store_rows rows = {0};
    bf_error err;
    int rc = store_rows_open(req->store, sql, texts, month[0] != '\0' ? 3 : 2, &rows, &err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        store_stmt *s = rows.stmt;
        rc = BF_OK;
        json_array_append_new(
            batches,
            json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "id",
                      (json_int_t)store_column_int64(s, 0), "month", store_column_text(s, 1),
                      "created_by", store_column_text(s, 2), "created_at", store_column_text(s, 3),
                      "payments", (json_int_t)store_column_int64(s, 4), "lines",
                      (json_int_t)store_column_int64(s, 5), "amount_fen",
                      (json_int_t)store_column_int64(s, 6), "paid_lines",
                      (json_int_t)store_column_int64(s, 7), "failed_lines",
                      (json_int_t)store_column_int64(s, 8)));
    }
    store_rows_close(&rows);
    if (rc < 0) {
        json_decref(batches);
        return web_reply_internal(res, err.message);
    }
    return web_reply_json(res, 200, json_pack("{s:o}", "batches", batches));
}
