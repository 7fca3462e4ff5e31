/*
 * route_payment.c - payment batches (services/ledger_payment.h) as far as the
 * user's region reaches: the batches with the lines of the user's region
 * counted by the state of their payment; a batch of a month's approved lines
 * of the user's region (经办员: ledger_batch_create with the user's region,
 * as `bangfu ledger batch --region`); its approval (审核员, not the one who
 * made it: ledger_batch_approve, 409 otherwise); the bank file of an approved
 * batch (accounts in full: audited as export_full; its payments become
 * 待回盘); and the bank's return, which settles only the payments of the
 * batches of the user's region (ledger_return_import with the region).
 *
 * A batch the user may approve or export is one made for their region or a
 * region below it (payment_batches.region); any other (another county's, or
 * a whole-registry batch of the CLI) is answered as a missing one (404).
 */
#include "web/web_routes.h"
#include "web/web_upload.h"
#include "web/web_util.h"

#include "core/region_code.h"
#include "services/ledger.h"
#include "services/ledger_payment.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Most batches one list answers. */
#define WEB_BATCHES_MAX 200

int route_payment_batches(web_request *req, web_response *res)
{
    char month[BF_MONTH_TEXT_MAX], low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    char sql[1280];
    if (!web_query_month(req, res, "month", 0, month))
        return BF_OK;
    web_user_range(req, low, high);
    const char *texts[] = {low, high, month};
    snprintf(sql, sizeof sql,
             "SELECT b.id, b.month, b.created_by, b.created_at, COUNT(DISTINCT i.item), "
             "COUNT(l.id), COALESCE(SUM(l.amount_fen), 0), "
             "SUM(CASE WHEN i.state = '" LEDGER_STATE_PAID "' THEN 1 ELSE 0 END), "
             "SUM(CASE WHEN i.state = '" LEDGER_STATE_FAILED "' THEN 1 ELSE 0 END), "
             "b.region, b.approved_by, b.approved_at "
             "FROM payment_batches b JOIN payment_lines pl ON pl.batch_id = b.id "
             "JOIN payment_items i ON i.batch_id = pl.batch_id AND i.item = pl.item "
             "JOIN ledger_lines l ON l.id = pl.line_id WHERE l.region >= ? AND l.region < ?%s "
             "GROUP BY b.id, b.month, b.created_by, b.created_at, b.region, b.approved_by, "
             "b.approved_at ORDER BY b.id DESC LIMIT %d",
             month[0] != '\0' ? " AND b.month = ?" : "", WEB_BATCHES_MAX);
    json_t *batches = json_array();
    store_rows rows = {0};
    bf_error err;
    int rc = store_rows_open(req->store, sql, texts, month[0] != '\0' ? 3 : 2, &rows, &err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        store_stmt *s = rows.stmt;
        rc = BF_OK;
        const char *region = store_column_text(s, 9);
        json_array_append_new(
            batches,
            json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:s, s:s?, s:s?, s:b}", "id",
                      (json_int_t)store_column_int64(s, 0), "month", store_column_text(s, 1),
                      "created_by", store_column_text(s, 2), "created_at", store_column_text(s, 3),
                      "payments", (json_int_t)store_column_int64(s, 4), "lines",
                      (json_int_t)store_column_int64(s, 5), "amount_fen",
                      (json_int_t)store_column_int64(s, 6), "paid_lines",
                      (json_int_t)store_column_int64(s, 7), "failed_lines",
                      (json_int_t)store_column_int64(s, 8), "region", region, "approved_by",
                      store_column_is_null(s, 10) ? NULL : store_column_text(s, 10), "approved_at",
                      store_column_is_null(s, 11) ? NULL : store_column_text(s, 11), "mine",
                      region[0] != '\0' && region_code_within(region, req->user->region)));
    }
    store_rows_close(&rows);
    if (rc < 0) {
        json_decref(batches);
        return web_reply_internal(res, err.message);
    }
    return web_reply_json(res, 200, json_pack("{s:o}", "batches", batches));
}

/*
 * The batch of the route's {batch} made for the user's region or below into *batch and
 * *approved (1 when approved): 1, or 0 after answering 404 (missing and elsewhere alike).
 */
static int web_batch_of_request(web_request *req, web_response *res, int64_t *batch, int *approved)
{
    char *end = NULL, text[24], low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    long long id = strtoll(req->params[0], &end, 10);
    *batch = id > 0 && *end == '\0' ? (int64_t)id : 0;
    snprintf(text, sizeof text, "%" PRId64, *batch);
    snprintf(res->audit_target, sizeof res->audit_target, "payment_batch:%s", text);
    web_user_range(req, low, high);
    const char *params[] = {text, low, high};
    store_rows rows = {0};
    bf_error err;
    int rc = store_rows_open(req->store,
                             "SELECT approved_by FROM payment_batches WHERE id = ? AND region >= "
                             "? AND region < ?",
                             params, 3, &rows, &err);
    int found = rc == BF_OK ? store_rows_next(&rows) : rc;
    if (found == 1)
        *approved = !store_column_is_null(rows.stmt, 0);
    store_rows_close(&rows);
    if (found < 0) {
        web_reply_internal(res, rc != BF_OK ? err.message : store_error_message(req->store));
        return 0;
    }
    if (found == 0) {
        web_reply_error(res, 404, "not_found", "没有这个支付批次", "no such payment batch");
        return 0;
    }
    return 1;
}

int route_payment_batch_create(web_request *req, web_response *res)
{
    json_t *body = web_request_json(req, res);
    if (body == NULL)
        return BF_OK;
    const char *month_text = json_string_value(json_object_get(body, "month"));
    int month = 0;
    char month_out[BF_MONTH_TEXT_MAX];
    if (month_text == NULL || date_month_parse(month_text, &month) != BF_OK) {
        json_decref(body);
        return web_reply_field(res, "month", "月份应为 YYYY-MM", "month must be YYYY-MM");
    }
    json_decref(body);
    date_month_format(month, month_out);
    snprintf(res->audit_target, sizeof res->audit_target, "payment_batches:%s", req->user->region);
    const policy_set *set = web_request_policies(req, res);
    if (set == NULL)
        return BF_OK;
    ledger_batch_request request = {month_out, req->user->login, req->user->region};
    ledger_batch_counts counts;
    bf_error err;
    bf_error_clear(&err);
    int rc = ledger_batch_create(req->store, set, &request, NULL, &counts, &err);
    if (rc != BF_OK)
        return web_reply_internal(res, err.message);
    snprintf(res->audit_detail, sizeof res->audit_detail,
             "{\"batch\":%" PRId64 ",\"month\":\"%s\",\"payments\":%" PRId64 "}", counts.batch_id,
             month_out, counts.payments);
    return web_reply_json(
        res, 200,
        json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "batch",
                  (json_int_t)counts.batch_id, "month", month_out, "region", req->user->region,
                  "payments", (json_int_t)counts.payments, "lines", (json_int_t)counts.lines,
                  "total_fen", (json_int_t)counts.total_fen, "missing_bank",
                  (json_int_t)counts.missing_bank, "not_positive", (json_int_t)counts.not_positive,
                  "services", (json_int_t)counts.services));
}

int route_payment_batch_approve(web_request *req, web_response *res)
{
    int64_t batch = 0;
    int approved = 0;
    if (!web_batch_of_request(req, res, &batch, &approved))
        return BF_OK;
    bf_error err;
    bf_error_clear(&err);
    int rc = ledger_batch_approve(req->store, batch, req->user->login, req->user->region, &err);
    if (rc == BF_ECONFLICT)
        return web_reply_error(res, 409, approved ? "conflict" : "four_eyes", err.message,
                               err.message);
    if (rc == BF_ENOTFOUND)
        return web_reply_error(res, 404, "not_found", "没有这个支付批次", "no such payment batch");
    if (rc != BF_OK)
        return web_reply_internal(res, err.message);
    return web_reply_json(
        res, 200,
        json_pack("{s:I, s:s}", "batch", (json_int_t)batch, "approved_by", req->user->login));
}

int route_payment_bank_file(web_request *req, web_response *res)
{
    const char *format = web_request_query(req, "format");
    int csv = format != NULL && strcmp(format, "csv") == 0;
    if (format != NULL && !csv && strcmp(format, "xlsx") != 0)
        return web_reply_field(res, "format", "参数 format 应为 xlsx 或 csv",
                               "format must be xlsx or csv");
    int64_t batch = 0;
    int approved = 0;
    if (!web_batch_of_request(req, res, &batch, &approved))
        return BF_OK;
    res->audit_action = "export_full";
    if (!approved)
        return web_reply_error(res, 409, "not_approved", "批次尚未审核，不能生成银行代发文件",
                               "the batch is not approved: no bank file yet");
    char path[WEB_TEMP_PATH_MAX];
    int64_t payments = 0, total_fen = 0;
    bf_error err;
    bf_error_clear(&err);
    int rc = web_temp_file(csv ? "bank.csv" : "bank.xlsx", path, &err);
    if (rc != BF_OK)
        return web_reply_internal(res, err.message);
    rc = ledger_bank_export(req->store, batch, path, &payments, &total_fen, &err);
    if (rc != BF_OK) {
        web_temp_remove(path);
        return web_reply_internal(res, err.message);
    }
    snprintf(res->audit_detail, sizeof res->audit_detail,
             "{\"payments\":%" PRId64 ",\"total_fen\":%" PRId64 ",\"format\":\"%s\"}", payments,
             total_fen, csv ? "csv" : "xlsx");
    char name[64];
    snprintf(name, sizeof name, "银行代发文件_批次%" PRId64 ".%s", batch, csv ? "csv" : "xlsx");
    return web_reply_file(res, path, csv ? WEB_TYPE_CSV : WEB_TYPE_XLSX, name);
}

int route_payment_return(web_request *req, web_response *res)
{
    char path[WEB_TEMP_PATH_MAX], errors[WEB_TEMP_PATH_MAX + 16];
    const char *name = NULL;
    snprintf(res->audit_target, sizeof res->audit_target, "payment_return:%s", req->user->region);
    if (!web_upload_open(req, res, &name, path))
        return BF_OK;
    snprintf(errors, sizeof errors, "%s.errors.csv", path);
    ledger_return_counts counts;
    bf_error err;
    bf_error_clear(&err);
    int rc = ledger_return_import(req->store, path, errors, req->user->region, &counts, &err);
    if (rc != BF_OK)
        return web_upload_refused(res, rc, &err, path, errors);
    json_t *text = counts.errors > 0 ? web_upload_text(errors) : NULL;
    snprintf(res->audit_detail, sizeof res->audit_detail,
             "{\"read\":%" PRId64 ",\"paid\":%" PRId64 ",\"failed\":%" PRId64 ",\"errors\":%" PRId64
             "}",
             counts.read, counts.paid, counts.failed, counts.errors);
    web_reply_json(res, 200,
                   json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:o}", "name", name, "read",
                             (json_int_t)counts.read, "paid", (json_int_t)counts.paid, "failed",
                             (json_int_t)counts.failed, "already", (json_int_t)counts.already,
                             "errors", (json_int_t)counts.errors, "errors_csv",
                             text != NULL ? text : json_null()));
    unlink(errors);
    web_temp_remove(path);
    return BF_OK;
}
