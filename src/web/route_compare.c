/*
 * route_compare.c - what other offices' lists say, as far as the user's
 * region reaches: the comparisons (`bangfu compare`, services/
 * compare_lists.h: the poverty office's and the social insurance agency's
 * lists against the registry) with their findings counted by kind, a run's
 * findings (people: ID numbers and phones masked unless ?full=1 by a role that
 * may, audited as views), each marked new or still against the previous run
 * of the same list and region (?changes=resolved: those of the previous run
 * gone since), and a run over the user's region (经办员: compare_run with
 * the user's region, as `bangfu compare --region`).
 *
 * A run of the whole registry (the CLI's) or of a region above the user's
 * shows only the findings of the user's region (by hukou), so the run-wide
 * figures (registry_people, list_people) are not answered; a run of another
 * region is answered as a missing one (404).
 */
#include "web/web_routes.h"
#include "web/web_util.h"

#include "core/region_code.h"
#include "services/compare_lists.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most runs one list answers. */
#define WEB_COMPARE_RUNS_MAX 200
/* Most findings one page answers, and the default. */
#define WEB_FINDINGS_PAGE_MAX     500
#define WEB_FINDINGS_PAGE_DEFAULT 100

/* A run of region ("": the whole registry) overlaps the user's region. */
static int web_compare_visible(const web_request *req, const char *region)
{
    return region[0] == '\0' || region_code_within(region, req->user->region) ||
           region_code_within(req->user->region, region);
}

/*
 * The runs visible to the user (one when run is not "") with their findings in the user's region
 * counted by kind.
 */
static int web_compare_runs(web_request *req, const char *run, json_t **out)
{
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX], sql[768];
    web_user_range(req, low, high);
    const char *texts[] = {low, high, run};
    snprintf(sql, sizeof sql,
             "SELECT r.id, r.list, r.as_of, r.started_at, f.finding, COUNT(f.id_number), "
             "r.region FROM compare_runs r LEFT JOIN compare_findings f ON f.run_id = r.id AND "
             "f.hukou_region >= ? AND f.hukou_region < ?%s GROUP BY r.id, r.list, r.as_of, "
             "r.started_at, f.finding, r.region ORDER BY r.id DESC, f.finding",
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
        if (!web_compare_visible(req, store_column_text(s, 6)))
            continue;
        if (current == NULL || json_integer_value(json_object_get(current, "id")) != id) {
            if (json_array_size(*out) >= WEB_COMPARE_RUNS_MAX)
                break;
            current = json_pack("{s:I, s:s, s:s, s:s, s:s, s:{}}", "id", id, "list",
                                store_column_text(s, 1), "region", store_column_text(s, 6), "as_of",
                                store_column_text(s, 2), "started_at", store_column_text(s, 3),
                                "findings");
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

/* The kind of finding of code, or -1. */
static int web_compare_kind(const char *code)
{
    for (int k = 0; code != NULL && k < COMPARE_FINDING_COUNT; k++)
        if (strcmp(code, compare_finding_code((compare_finding)k)) == 0)
            return k;
    return -1;
}

/* One finding of a row of WEB_FINDING_SQL as JSON, masked unless full. */
static json_t *web_compare_finding(store_stmt *stmt, int full, const char *change)
{
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
    int kind = web_compare_kind(values[0]);
    return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?}", "finding", values[0],
                     "title", kind >= 0 ? compare_finding_title((compare_finding)kind) : values[0],
                     "change", change, "id_number", values[1], "name", values[2], "hukou_region",
                     values[3], "field",
                     values[4] != NULL && values[4][0] != '\0' ? values[4] : NULL, "registry_value",
                     values[5], "list_value", values[6]);
}

/*
 * The findings of run f.run_id in the user's region, and whether run g.run_id (the other run)
 * has the same finding (kind, person, field).
 */
#define WEB_FINDING_SQL                                                                            \
    "SELECT f.finding, f.id_number, f.name, f.hukou_region, f.field, f.registry_value, "           \
    "f.list_value, CASE WHEN EXISTS (SELECT 1 FROM compare_findings g WHERE g.run_id = ? AND "     \
    "g.finding = f.finding AND g.id_number = f.id_number AND g.field = f.field) THEN 1 ELSE 0 "    \
    "END FROM compare_findings f WHERE f.run_id = ? AND f.hukou_region >= ? AND f.hukou_region "   \
    "< ?"
#define WEB_FINDING_GONE                                                                           \
    " AND NOT EXISTS (SELECT 1 FROM compare_findings g WHERE g.run_id = ? AND g.finding = "        \
    "f.finding AND g.id_number = f.id_number AND g.field = f.field)"

int route_comparison_findings(web_request *req, web_response *res)
{
    char *end = NULL, run[24], previous_text[24];
    long long id = strtoll(req->params[0], &end, 10);
    snprintf(run, sizeof run, "%lld", id > 0 && *end == '\0' ? id : 0);
    snprintf(res->audit_target, sizeof res->audit_target, "comparison:%s", run);
    int64_t limit = 0, offset = 0, previous = 0;
    const char *full_text = web_request_query(req, "full");
    const char *finding = web_request_query(req, "finding");
    const char *changes = web_request_query(req, "changes");
    int full = full_text != NULL && strcmp(full_text, "1") == 0;
    int resolved = changes != NULL && strcmp(changes, "resolved") == 0;
    if (full)
        res->audit_action = "view_full";
    if (!web_query_int64(req, res, "limit", WEB_FINDINGS_PAGE_DEFAULT, 1, WEB_FINDINGS_PAGE_MAX,
                         &limit) ||
        !web_query_int64(req, res, "offset", 0, 0, INT32_MAX, &offset))
        return BF_OK;
    if (finding != NULL && finding[0] != '\0' && web_compare_kind(finding) < 0)
        return web_reply_field(res, "finding",
                               "finding 应为 uninsured、no_pension、registry_only、list_only 或 "
                               "differs",
                               "finding must be uninsured, no_pension, registry_only, list_only "
                               "or differs");
    if (changes != NULL && !resolved && strcmp(changes, "current") != 0)
        return web_reply_field(
            res, "changes", "changes 应为 current（本次的发现）或 resolved（上次有、本次已解决）",
            "changes must be current or resolved");
    if (full && !(req->user->roles & WEB_ROLES_FULL_VIEW))
        return web_reply_error(res, 403, "forbidden", "您的角色不能查看完整的证件号码与电话",
                               "your roles may not see ID numbers and phones in full");
    json_t *runs = NULL;
    bf_error err;
    if (web_compare_runs(req, run, &runs) != BF_OK ||
        compare_previous(req->store, id > 0 ? id : 0, &previous, &err) != BF_OK) {
        json_decref(runs);
        return web_reply_internal(res, store_error_message(req->store));
    }
    if (json_array_size(runs) == 0) {
        json_decref(runs);
        return web_reply_error(res, 404, "not_found", "没有这次比对", "no such comparison");
    }
    snprintf(previous_text, sizeof previous_text, "%" PRId64, previous);
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX], sql[1536];
    web_user_range(req, low, high);
    int filtered = finding != NULL && finding[0] != '\0';
    snprintf(sql, sizeof sql, "%s%s%s ORDER BY f.finding, f.id_number, f.field LIMIT ? OFFSET ?",
             WEB_FINDING_SQL, resolved ? WEB_FINDING_GONE : "",
             filtered ? " AND f.finding = ?" : "");
    /* Resolved: the previous run's findings this run has not; else this run's, new or not. */
    const char *texts[6] = {resolved ? run : previous_text, resolved ? previous_text : run, low,
                            high};
    int count = 4;
    if (resolved)
        texts[count++] = run;
    if (filtered)
        texts[count++] = finding;
    store_stmt *stmt = NULL;
    int rc = store_prepare(req->store, sql, &stmt);
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
        const char *change = resolved                           ? "resolved"
                             : store_column_int64(stmt, 7) != 0 ? "still"
                                                                : "new";
        json_array_append_new(findings, web_compare_finding(stmt, full, change));
    }
    snprintf(res->audit_detail, sizeof res->audit_detail,
             "{\"finding\":\"%s\",\"changes\":\"%s\",\"offset\":%" PRId64 "}",
             filtered ? finding : "", resolved ? "resolved" : "current", offset);
    json_t *first = json_incref(json_array_get(runs, 0));
    json_decref(runs);
    json_object_set_new(first, "previous", json_integer(previous));
    web_reply_page(req, res, stmt, rc, "findings", findings, seen, limit, offset);
    if (res->status == 200) {
        json_object_set_new(res->json, "run", first);
        json_object_set_new(res->json, "masked", json_boolean(!full));
    } else
        json_decref(first);
    return BF_OK;
}

int route_comparison_run(web_request *req, web_response *res)
{
    json_t *body = web_request_json(req, res);
    if (body == NULL)
        return BF_OK;
    const char *list = json_string_value(json_object_get(body, "list"));
    json_t *date = json_object_get(body, "date");
    bf_date as_of = date_today();
    char day[BF_DATE_TEXT_MAX];
    snprintf(res->audit_target, sizeof res->audit_target, "comparison:%s", req->user->region);
    if (list == NULL || !compare_list_known(list)) {
        json_decref(body);
        return web_reply_field(res, "list",
                               "list 应为 insurance（社保名单）或 poverty（扶贫办名单）",
                               "list must be insurance or poverty");
    }
    if (date != NULL && !json_is_null(date) &&
        (!json_is_string(date) || date_parse(json_string_value(date), &as_of) != BF_OK)) {
        json_decref(body);
        return web_reply_field(res, "date", "比对日应为 YYYY-MM-DD", "date must be YYYY-MM-DD");
    }
    char list_name[COMPARE_LIST_NAME_MAX];
    snprintf(list_name, sizeof list_name, "%s", list);
    json_decref(body);
    date_format(as_of, day);
    compare_result result;
    bf_error err;
    bf_error_clear(&err);
    if (compare_run(req->store, list_name, req->user->region, as_of, &result, &err) != BF_OK)
        return web_reply_internal(res, err.message);
    json_t *counts = json_object(), *added = json_object(), *gone = json_object();
    for (int k = 0; k < COMPARE_FINDING_COUNT; k++) {
        const char *code = compare_finding_code((compare_finding)k);
        json_object_set_new(counts, code, json_integer(result.counts[k]));
        json_object_set_new(added, code, json_integer(result.added[k]));
        json_object_set_new(gone, code, json_integer(result.resolved[k]));
    }
    snprintf(res->audit_detail, sizeof res->audit_detail,
             "{\"run\":%" PRId64 ",\"list\":\"%s\",\"as_of\":\"%s\"}", result.run, list_name, day);
    return web_reply_json(
        res, 200,
        json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:I, s:o, s:o, s:o}", "run",
                  (json_int_t)result.run, "list", list_name, "region", req->user->region, "as_of",
                  day, "registry_people", (json_int_t)result.registry_people, "list_people",
                  (json_int_t)result.list_people, "previous", (json_int_t)result.previous,
                  "findings", counts, "new", added, "resolved", gone));
}
