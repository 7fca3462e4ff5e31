/*
 * route_ledger.c - the entitlement ledger (services/ledger.h) as far as the
 * user's region reaches: the runs (批次) with their lines counted by state,
 * the lines, a run of a month over the user's region (经办员), the review of
 * a run's pending lines (审核员; four eyes: ledger_review() refuses the one
 * who ran it, answered 409) and the lines as an XLSX or CSV download.
 *
 * A run is visible when it lies in the user's region or wrote lines there;
 * its lines elsewhere are never shown, counted or reviewed: another region's
 * run is answered as a missing one (404).  ID numbers of people are masked
 * unless ?full=1 by a role that may (as for people, audited view_full).
 */
#include "web/web_routes.h"
#include "web/web_util.h"

#include "core/money.h"
#include "io/table_writer.h"
#include "services/ledger.h"
#include "services/ledger_payment.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most lines one page answers, and the default; most lines one download holds. */
#define WEB_LEDGER_PAGE_MAX     500
#define WEB_LEDGER_PAGE_DEFAULT 100
#define WEB_LEDGER_EXPORT_MAX   200000
/* Most runs one list answers. */
#define WEB_LEDGER_RUNS_MAX 200
/* Longest filter text (a benefit id), bytes. */
#define WEB_LEDGER_FILTER_MAX 128

/* The columns of a line, in the order of WEB_LEDGER_LINE_SQL. */
#define WEB_LEDGER_LINE_COLUMNS(XX)                                                                \
    XX(id, 'i', "编号")                                                                            \
    XX(run, 'i', "批次")                                                                           \
    XX(month, 's', "月份")                                                                         \
    XX(benefit, 's', "待遇")                                                                       \
    XX(clause, 's', "条款")                                                                        \
    XX(document, 's', "文件")                                                                      \
    XX(kind, 's', "类别")                                                                          \
    XX(amount_fen, 'm', "金额（元）")                                                              \
    XX(funding, 's', "资金来源")                                                                   \
    XX(state, 's', "状态")                                                                         \
    XX(payee, 'p', "收款人")                                                                       \
    XX(payee_kind, 's', "收款人类型")                                                              \
    XX(person, 'p', "人员证件号码")                                                                \
    XX(person_name, 's', "姓名")                                                                   \
    XX(region, 's', "区划")

#define WEB_LEDGER_LINE_SQL                                                                        \
    "SELECT l.id, l.run_id, l.month, l.benefit, l.clause, l.document, l.kind, l.amount_fen, "      \
    "l.funding, l.state, l.payee, l.payee_kind, l.person, p.name, l.region FROM ledger_lines l "   \
    "LEFT JOIN people p ON p.id_number = l.person WHERE l.region >= ? AND l.region < ?"

enum web_ledger_column {
#define WEB_LEDGER_ENUM(name, type, header) WEB_LEDGER_##name,
    WEB_LEDGER_LINE_COLUMNS(WEB_LEDGER_ENUM)
#undef WEB_LEDGER_ENUM
        WEB_LEDGER_COLUMN_COUNT
};

static const struct {
    const char *name;
    char type; /* 'i' integer, 'm' money in fen, 's' text, 'p' an ID number (masked) */
    const char *header;
} web_ledger_columns[WEB_LEDGER_COLUMN_COUNT] = {
#define WEB_LEDGER_ENTRY(name, type, header) {#name, type, header},
    WEB_LEDGER_LINE_COLUMNS(WEB_LEDGER_ENTRY)
#undef WEB_LEDGER_ENTRY
};

/* The filters of a lines request, checked: 1, or 0 after a 400. */
typedef struct web_ledger_filter {
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    char run[24];
    char month[BF_MONTH_TEXT_MAX];
    const char *state, *benefit;
    int full;
} web_ledger_filter;

static int web_ledger_filter_read(web_request *req, web_response *res, web_ledger_filter *f)
{
    static const char *const states[] = {LEDGER_STATE_PENDING,  LEDGER_STATE_APPROVED,
                                         LEDGER_STATE_REJECTED, LEDGER_STATE_BATCHED,
                                         LEDGER_STATE_PAID,     LEDGER_STATE_FAILED};
    int64_t run = 0;
    memset(f, 0, sizeof *f);
    web_user_range(req, f->low, f->high);
    if (!web_query_int64(req, res, "run", 0, 1, INT64_MAX, &run) ||
        !web_query_month(req, res, "month", 0, f->month))
        return 0;
    if (run > 0)
        snprintf(f->run, sizeof f->run, "%" PRId64, run);
    f->state = web_request_query(req, "state");
    if (f->state != NULL && f->state[0] == '\0')
        f->state = NULL;
    int known = f->state == NULL;
    for (size_t i = 0; !known && i < sizeof states / sizeof states[0]; i++)
        known = strcmp(f->state, states[i]) == 0;
    if (!known) {
        web_reply_error(res, 400, "invalid", "参数 state 应为台账行的状态（如 待审核）",
                        "state must be a state of a ledger line (e.g. 待审核)");
        return 0;
    }
    f->benefit = web_request_query(req, "benefit");
    if (f->benefit != NULL && (f->benefit[0] == '\0' || strlen(f->benefit) > WEB_LEDGER_FILTER_MAX))
        f->benefit = NULL;
    const char *full = web_request_query(req, "full");
    f->full = full != NULL && strcmp(full, "1") == 0;
    if (f->full) {
        res->audit_action = "view_full";
        if (!(req->user->roles & WEB_ROLES_FULL_VIEW)) {
            web_reply_error(res, 403, "forbidden", "您的角色不能查看完整的证件号码",
                            "your roles may not see ID numbers in full");
            return 0;
        }
    }
    snprintf(res->audit_target, sizeof res->audit_target, "ledger:%s", req->user->region);
    json_t *detail = json_pack("{s:s, s:s, s:s?, s:s?}", "run", f->run, "month", f->month, "state",
                               f->state, "benefit", f->benefit);
    char *text = json_dumps(detail, JSON_COMPACT);
    snprintf(res->audit_detail, sizeof res->audit_detail, "%s", text != NULL ? text : "");
    free(text);
    json_decref(detail);
    return 1;
}

/* The lines of f prepared (with LIMIT limit OFFSET offset when limit > 0) into *out. */
static int web_ledger_lines_prepare(web_request *req, const web_ledger_filter *f, int64_t limit,
                                    int64_t offset, store_stmt **out)
{
    char sql[1024];
    const char *texts[6] = {f->low, f->high};
    int count = 2;
    size_t used = (size_t)snprintf(sql, sizeof sql, "%s", WEB_LEDGER_LINE_SQL);
    const struct {
        const char *value, *clause;
    } filters[] = {{f->run, " AND l.run_id = ?"},
                   {f->month, " AND l.month = ?"},
                   {f->state, " AND l.state = ?"},
                   {f->benefit, " AND l.benefit = ?"}};
    for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
        if (filters[i].value != NULL && filters[i].value[0] != '\0') {
            used += (size_t)snprintf(sql + used, sizeof sql - used, "%s", filters[i].clause);
            texts[count++] = filters[i].value;
        }
    snprintf(sql + used, sizeof sql - used, " ORDER BY l.id%s",
             limit > 0 ? " LIMIT ? OFFSET ?" : "");
    int rc = store_prepare(req->store, sql, out);
    for (int i = 0; rc == BF_OK && i < count; i++)
        rc = store_bind_text(*out, i + 1, texts[i]);
    if (rc == BF_OK && limit > 0)
        rc = store_bind_int64(*out, count + 1, limit);
    if (rc == BF_OK && limit > 0)
        rc = store_bind_int64(*out, count + 2, offset);
    return rc;
}

/* The text of column c of the current row (masked as f says) into out; NULL for SQL NULL. */
static const char *web_ledger_cell(store_stmt *stmt, int c, int full, char *out, size_t size)
{
    if (store_column_is_null(stmt, c))
        return NULL;
    const char *text = store_column_text(stmt, c);
    if (web_ledger_columns[c].type == 'm') {
        char yuan[MONEY_TEXT_MAX];
        money_format(store_column_int64(stmt, c), yuan);
        snprintf(out, size, "%s", yuan);
        return out;
    }
    /* A payee that is an org (统一社会信用代码) is no personal data. */
    int person = c == WEB_LEDGER_person ||
                 strcmp(store_column_text(stmt, WEB_LEDGER_payee_kind), "person") == 0;
    if (web_ledger_columns[c].type == 'p' && !full && person && text[0] != '\0') {
        web_mask_id(text, out, size);
        return out;
    }
    return text;
}

int route_ledger_lines(web_request *req, web_response *res)
{
    web_ledger_filter f;
    int64_t limit = 0, offset = 0;
    if (!web_ledger_filter_read(req, res, &f) ||
        !web_query_int64(req, res, "limit", WEB_LEDGER_PAGE_DEFAULT, 1, WEB_LEDGER_PAGE_MAX,
                         &limit) ||
        !web_query_int64(req, res, "offset", 0, 0, INT32_MAX, &offset))
        return BF_OK;
    store_stmt *stmt = NULL;
    int rc = web_ledger_lines_prepare(req, &f, limit + 1, offset, &stmt);
    json_t *lines = json_array();
    int64_t seen = 0;
    while (rc == BF_OK && (rc = store_step(stmt)) == BF_ROW) {
        rc = BF_OK;
        if (++seen > limit)
            continue;
        json_t *line = json_object();
        for (int c = 0; c < WEB_LEDGER_COLUMN_COUNT; c++) {
            char text[64];
            json_t *value = json_null();
            if (store_column_is_null(stmt, c))
                ;
            else if (web_ledger_columns[c].type == 'i' || web_ledger_columns[c].type == 'm')
                value = json_integer(store_column_int64(stmt, c));
            else
                value = json_string(web_ledger_cell(stmt, c, f.full, text, sizeof text));
            json_object_set_new(line, web_ledger_columns[c].name, value);
        }
        const char *person = store_column_text(stmt, WEB_LEDGER_person);
        if (person != NULL && person[0] != '\0') {
            char ref[WEB_REF_TEXT_MAX];
            web_person_ref(req, person, ref);
            json_object_set_new(line, "person_ref", json_string(ref));
        }
        json_array_append_new(lines, line);
    }
    web_reply_page(req, res, stmt, rc, "lines", lines, seen, limit, offset);
    if (res->status == 200)
        json_object_set_new(res->json, "masked", json_boolean(!f.full));
    return BF_OK;
}

int route_ledger_export(web_request *req, web_response *res)
{
    web_ledger_filter f;
    if (!web_ledger_filter_read(req, res, &f))
        return BF_OK;
    res->audit_action = f.full ? "export_full" : "export";
    const char *format = web_request_query(req, "format");
    int csv = format != NULL && strcmp(format, "csv") == 0;
    if (format != NULL && !csv && strcmp(format, "xlsx") != 0)
        return web_reply_error(res, 400, "invalid", "参数 format 应为 xlsx 或 csv",
                               "format must be xlsx or csv");
    char path[WEB_TEMP_PATH_MAX];
    bf_error err;
    bf_error_clear(&err);
    table_writer *writer = NULL;
    store_stmt *stmt = NULL;
    const char *cells[WEB_LEDGER_COLUMN_COUNT];
    char texts[WEB_LEDGER_COLUMN_COUNT][64];
    for (int c = 0; c < WEB_LEDGER_COLUMN_COUNT; c++)
        cells[c] = web_ledger_columns[c].header;
    int rc = web_temp_file(csv ? "ledger.csv" : "ledger.xlsx", path, &err);
    if (rc != BF_OK)
        return web_reply_internal(res, err.message);
    rc = table_writer_open(path, &writer, &err);
    if (rc == BF_OK)
        rc = table_writer_row(writer, cells, WEB_LEDGER_COLUMN_COUNT, &err);
    if (rc == BF_OK &&
        (rc = web_ledger_lines_prepare(req, &f, WEB_LEDGER_EXPORT_MAX + 1, 0, &stmt)) != BF_OK)
        rc = store_error_set(req->store, rc, &err);
    int64_t written = 0;
    while (rc == BF_OK && (rc = store_step(stmt)) == BF_ROW) {
        if (++written > WEB_LEDGER_EXPORT_MAX) {
            rc = bf_error_set(&err, BF_ETOOBIG, "%s", "too many lines for one download");
            break;
        }
        for (int c = 0; c < WEB_LEDGER_COLUMN_COUNT; c++)
            cells[c] = web_ledger_cell(stmt, c, f.full, texts[c], sizeof texts[c]);
        rc = table_writer_row(writer, cells, WEB_LEDGER_COLUMN_COUNT, &err);
    }
    if (rc == BF_DONE)
        rc = BF_OK;
    else if (rc < 0 && err.message[0] == '\0')
        store_error_set(req->store, rc, &err);
    store_finalize(stmt);
    int closed = table_writer_close(writer, rc == BF_OK, rc == BF_OK ? &err : NULL);
    if (rc == BF_OK)
        rc = closed;
    if (rc != BF_OK) {
        web_temp_remove(path);
        if (rc == BF_ETOOBIG)
            return web_reply_error(res, 400, "too_many",
                                   "行数超过一次下载的上限，请按月份或批次筛选",
                                   "too many lines for one download: filter by month or run");
        return web_reply_internal(res, err.message);
    }
    char name[64];
    snprintf(name, sizeof name, "台账%s%s.%s", f.run[0] != '\0' ? "_批次" : "", f.run,
             csv ? "csv" : "xlsx");
    return web_reply_file(res, path, csv ? WEB_TYPE_CSV : WEB_TYPE_XLSX, name);
}

#define WEB_LEDGER_RUN_SUMS                                                                        \
    "COUNT(l.id), SUM(CASE WHEN l.state = '" LEDGER_STATE_PENDING "' THEN 1 ELSE 0 END), "         \
    "SUM(CASE WHEN l.state = '" LEDGER_STATE_APPROVED "' THEN 1 ELSE 0 END), "                     \
    "SUM(CASE WHEN l.state = '" LEDGER_STATE_REJECTED "' THEN 1 ELSE 0 END), "                     \
    "COALESCE(SUM(l.amount_fen), 0)"

/* The runs visible to the user (one run when run is not ""), newest first, as JSON. */
static int web_ledger_runs_json(web_request *req, const char *month, const char *run, json_t **out)
{
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX], sql[1536];
    web_user_range(req, low, high);
    const char *texts[6] = {low, high};
    int count = 2;
    snprintf(sql, sizeof sql,
             "SELECT r.id, r.month, r.region, r.operator, r.started_at, " WEB_LEDGER_RUN_SUMS
             " FROM ledger_runs r LEFT JOIN ledger_lines l ON l.run_id = r.id AND l.region >= ? "
             "AND l.region < ? WHERE 1 = 1%s%s GROUP BY r.id, r.month, r.region, r.operator, "
             "r.started_at HAVING COUNT(l.id) > 0 OR (r.region >= ? AND r.region < ?) ORDER BY "
             "r.id DESC LIMIT %d",
             month[0] != '\0' ? " AND r.month = ?" : "", run[0] != '\0' ? " AND r.id = ?" : "",
             WEB_LEDGER_RUNS_MAX);
    if (month[0] != '\0')
        texts[count++] = month;
    if (run[0] != '\0')
        texts[count++] = run;
    texts[count++] = low;
    texts[count++] = high;
    *out = json_array();
    store_rows rows = {0};
    bf_error err;
    int rc = store_rows_open(req->store, sql, texts, count, &rows, &err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        store_stmt *s = rows.stmt;
        json_array_append_new(
            *out, json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "id",
                            (json_int_t)store_column_int64(s, 0), "month", store_column_text(s, 1),
                            "region", store_column_text(s, 2), "operator", store_column_text(s, 3),
                            "started_at", store_column_text(s, 4), "lines",
                            (json_int_t)store_column_int64(s, 5), "pending",
                            (json_int_t)store_column_int64(s, 6), "approved",
                            (json_int_t)store_column_int64(s, 7), "rejected",
                            (json_int_t)store_column_int64(s, 8), "amount_fen",
                            (json_int_t)store_column_int64(s, 9)));
        rc = BF_OK;
    }
    store_rows_close(&rows);
    return rc < 0 ? rc : BF_OK;
}

int route_ledger_runs(web_request *req, web_response *res)
{
    char month[BF_MONTH_TEXT_MAX];
    if (!web_query_month(req, res, "month", 0, month))
        return BF_OK;
    json_t *runs = NULL;
    if (web_ledger_runs_json(req, month, "", &runs) != BF_OK) {
        json_decref(runs);
        return web_reply_internal(res, store_error_message(req->store));
    }
    return web_reply_json(res, 200, json_pack("{s:o}", "runs", runs));
}

int route_ledger_run(web_request *req, web_response *res)
{
    json_t *body = web_request_json(req, res);
    if (body == NULL)
        return BF_OK;
    const char *month_text = json_string_value(json_object_get(body, "month"));
    int month = 0;
    if (month_text == NULL || date_month_parse(month_text, &month) != BF_OK) {
        json_decref(body);
        return web_reply_field(res, "month", "月份应为 YYYY-MM", "month must be YYYY-MM");
    }
    json_decref(body);
    snprintf(res->audit_target, sizeof res->audit_target, "ledger:%s", req->user->region);
    policy_set *set = NULL;
    if (web_request_policies_copy(req, res, &set) != BF_OK) /* ledger_run adds to it */
        return BF_OK;
    ledger_run_request request = {month, req->user->region, req->user->login};
    ledger_run_counts counts;
    bf_error err;
    int rc = ledger_run(req->store, set, &request, &counts, &err);
    policy_set_free(set);
    if (rc != BF_OK)
        return web_reply_internal(res, err.message);
    char month_out[BF_MONTH_TEXT_MAX];
    date_month_format(month, month_out);
    snprintf(res->audit_detail, sizeof res->audit_detail, "{\"run\":%" PRId64 ",\"month\":\"%s\"}",
             counts.run_id, month_out);
    return web_reply_json(
        res, 200,
        json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "run",
                  (json_int_t)counts.run_id, "month", month_out, "due", (json_int_t)counts.due,
                  "more", (json_int_t)counts.more, "less", (json_int_t)counts.less, "recoveries",
                  (json_int_t)counts.recoveries, "unchanged", (json_int_t)counts.unchanged,
                  "unapplied", (json_int_t)counts.unapplied, "warnings",
                  (json_int_t)counts.warnings, "written_fen", (json_int_t)counts.written_fen));
}

/*
 * The pending lines of run in the user's region into ids (at most LEDGER_REVIEW_IDS_MAX), or,
 * when wanted is not NULL, those of its lines: a line not pending there or not of the run
 * makes *missing its id.
 */
static int web_ledger_pending(web_request *req, const char *run, json_t *wanted, int64_t *ids,
                              int *count, int64_t *missing)
{
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    web_user_range(req, low, high);
    const char *texts[] = {run, low, high};
    store_rows rows = {0};
    bf_error err;
    *count = 0;
    *missing = 0;
    int rc = store_rows_open(req->store,
                             "SELECT id FROM ledger_lines WHERE run_id = ? AND region >= ? AND "
                             "region < ? AND state = '" LEDGER_STATE_PENDING "' ORDER BY id",
                             texts, 3, &rows, &err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK;
        int64_t id = store_column_int64(rows.stmt, 0);
        int take = wanted == NULL;
        for (size_t i = 0; !take && i < json_array_size(wanted); i++)
            take = json_integer_value(json_array_get(wanted, i)) == id;
        if (take && *count < LEDGER_REVIEW_IDS_MAX)
            ids[(*count)++] = id;
    }
    store_rows_close(&rows);
    for (size_t i = 0; rc >= 0 && wanted != NULL && i < json_array_size(wanted); i++) {
        int64_t id = json_integer_value(json_array_get(wanted, i));
        int found = 0;
        for (int k = 0; k < *count && !found; k++)
            found = ids[k] == id;
        if (!found && *missing == 0)
            *missing = id > 0 ? id : -1;
    }
    return rc < 0 ? rc : BF_OK;
}

int route_ledger_review(web_request *req, web_response *res)
{
    int64_t run = 0;
    char run_text[24], *end = NULL;
    run = strtoll(req->params[0], &end, 10);
    snprintf(run_text, sizeof run_text, "%" PRId64, run > 0 && *end == '\0' ? run : 0);
    snprintf(res->audit_target, sizeof res->audit_target, "ledger_run:%s", run_text);
    json_t *runs = NULL, *body = NULL;
    int64_t *ids = NULL;
    if (web_ledger_runs_json(req, "", run_text, &runs) != BF_OK) {
        web_reply_internal(res, store_error_message(req->store));
        goto out;
    }
    if (json_array_size(runs) == 0) {
        web_reply_error(res, 404, "not_found", "没有这个批次", "no such run");
        goto out;
    }
    if ((body = web_request_json(req, res)) == NULL)
        goto out;
    const char *decision = json_string_value(json_object_get(body, "decision"));
    const char *reason = json_string_value(json_object_get(body, "reason"));
    json_t *wanted = json_object_get(body, "lines");
    int approve = decision != NULL && strcmp(decision, "approve") == 0;
    if (!approve && (decision == NULL || strcmp(decision, "reject") != 0)) {
        web_reply_field(res, "decision", "decision 应为 approve（通过）或 reject（驳回）",
                        "decision must be approve or reject");
        goto out;
    }
    if (reason == NULL || reason[0] == '\0' || strlen(reason) >= LEDGER_REASON_MAX) {
        web_reply_field(res, "reason", "请填写审核意见", "a reason is needed");
        goto out;
    }
    if (wanted != NULL && (!json_is_array(wanted) || json_array_size(wanted) == 0 ||
                           json_array_size(wanted) > LEDGER_REVIEW_IDS_MAX)) {
        web_reply_field(res, "lines", "lines 应为台账行编号的列表",
                        "lines must be a list of line numbers");
        goto out;
    }
    int count = 0;
    int64_t missing = 0;
    ids = malloc(LEDGER_REVIEW_IDS_MAX * sizeof *ids);
    if (ids == NULL || web_ledger_pending(req, run_text, wanted, ids, &count, &missing) != BF_OK) {
        web_reply_internal(res, ids == NULL ? "out of memory" : store_error_message(req->store));
        goto out;
    }
    if (missing != 0) {
        char zh[160], en[160];
        snprintf(zh, sizeof zh, "批次中没有待审核的第 %" PRId64 " 行", missing);
        snprintf(en, sizeof en, "line %" PRId64 " is no pending line of this run", missing);
        web_reply_error(res, 404, "not_found", zh, en);
        goto out;
    }
    if (count == 0) {
        web_reply_error(res, 409, "conflict", "这个批次没有待审核的行",
                        "this run has no line pending review");
        goto out;
    }
    ledger_review_request request = {approve, req->user->login, reason, ids, count, NULL, NULL,
                                     NULL};
    int64_t reviewed = 0;
    bf_error err;
    int rc = ledger_review(req->store, &request, &reviewed, &err);
    snprintf(res->audit_detail, sizeof res->audit_detail, "{\"decision\":\"%s\",\"lines\":%d}",
             approve ? "approve" : "reject", count);
    if (rc == BF_ECONFLICT)
        web_reply_error(res, 409, "four_eyes", err.message, err.message);
    else if (rc != BF_OK)
        web_reply_internal(res, err.message);
    else
        web_reply_json(res, 200,
                       json_pack("{s:I, s:s}", "reviewed", (json_int_t)reviewed, "state",
                                 approve ? LEDGER_STATE_APPROVED : LEDGER_STATE_REJECTED));
out:
    free(ids);
    json_decref(body);
    json_decref(runs);
    return BF_OK;
}
