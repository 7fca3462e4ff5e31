/*
 * route_org.c - organisations and the carriers among them (就业帮扶车间, 基地,
 * 劳务合作社, 安置区: services/carrier_register.h, services/certification.h)
 * as far as the user's region reaches: the 名录库 with each carrier's status
 * and hires of 脱贫人口 on a day, one organisation with its decisions, and a
 * new decision (经办员) taken as `bangfu org certify` takes it
 * (certification_decide: the sequence, then the rules where the organisation
 * lies; a 认定 the rules refuse needs the reason of an exception).
 *
 * An organisation outside the user's region is answered as a missing one
 * (404).  Organisations are no personal data: the routes are not audited as
 * views; a decision is audited as a write.
 */
#include "web/web_routes.h"
#include "web/web_util.h"

#include "core/credit_code.h"
#include "services/carrier_register.h"
#include "services/certification.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int web_org_row(void *context, const char *const *cells, bf_error *err)
{
    int rc = web_table_add(context, cells, CARRIER_REGISTER_COLUMNS);
    return rc == BF_OK ? BF_OK : bf_error_set(err, rc, "%s", bf_strerror(rc));
}

static int web_orgs_read(store *st, void *options, web_table *table, bf_error *err)
{
    int64_t rows = 0;
    int rc = web_table_add(table, carrier_register_headers, CARRIER_REGISTER_COLUMNS);
    return rc == BF_OK ? carrier_register_read(st, options, web_org_row, table, &rows, err)
                       : bf_error_set(err, rc, "%s", bf_strerror(rc));
}

int route_orgs_list(web_request *req, web_response *res)
{
    char carrier[CERTIFICATION_CODE_MAX], date[BF_DATE_TEXT_MAX];
    carrier_register_options o = {.region = req->user->region, .status = -1};
    web_table table;
    if (!web_table_open(req, res, &table) || !web_query_date(req, res, "date", date, &o.day) ||
        !web_word_code(res, "carrier_kind", "carrier", web_request_query(req, "carrier"), carrier,
                       sizeof carrier))
        return BF_OK;
    o.carrier = carrier[0] != '\0' ? carrier : NULL;
    const char *status = web_request_query(req, "status");
    if (status != NULL && status[0] != '\0' && (o.status = carrier_status_parse(status)) < 0)
        return web_reply_field(res, "status",
                               "status 应为 certified（已认定）、exited（已退出）或 none（未认定）",
                               "status must be certified, exited or none");
    if ((o.set = web_request_policies(req, res)) == NULL)
        return BF_OK;
    return web_table_answer(req, res, &table, web_orgs_read, &o, json_pack("{s:s}", "date", date));
}

/*
 * The organisation of the route's {code}, lying in the user's region, into code (folded) and
 * *org (its row, owned by the caller; NULL to skip): 1, or 0 after a 404 or 500.
 */
static int web_org_of_request(web_request *req, web_response *res, char code[CREDIT_CODE_TEXT_MAX],
                              json_t **org)
{
    credit_code_info info;
    snprintf(res->audit_target, sizeof res->audit_target, "org:%.64s", req->params[0]);
    if (credit_code_check(req->params[0], &info) != CREDIT_CODE_OK) {
        web_reply_error(res, 404, "not_found", "没有这个单位", "no such organisation");
        return 0;
    }
    snprintf(code, CREDIT_CODE_TEXT_MAX, "%s", info.normalized);
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    web_user_range(req, low, high);
    const char *texts[] = {code, low, high};
    store_rows rows = {0};
    bf_error err;
    int rc = store_rows_open(req->store,
                             "SELECT org_code, name, kind, region, staff, contact, phone FROM orgs "
                             "WHERE org_code = ? AND region >= ? AND region < ?",
                             texts, 3, &rows, &err);
    int found = 0;
    if (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        found = 1;
        store_stmt *s = rows.stmt;
        if (org != NULL)
            *org = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?}", "org_code",
                             store_column_text(s, 0), "name", store_column_text(s, 1), "kind",
                             store_column_text(s, 2), "region", store_column_text(s, 3), "staff",
                             store_column_is_null(s, 4) ? NULL : store_column_text(s, 4), "contact",
                             store_column_is_null(s, 5) ? NULL : store_column_text(s, 5), "phone",
                             store_column_is_null(s, 6) ? NULL : store_column_text(s, 6));
    }
    store_rows_close(&rows);
    snprintf(res->audit_target, sizeof res->audit_target, "org:%s", code);
    if (rc < 0)
        web_reply_internal(res, err.message);
    else if (!found)
        web_reply_error(res, 404, "not_found", "没有这个单位", "no such organisation");
    return found;
}

int route_org_show(web_request *req, web_response *res)
{
    char code[CREDIT_CODE_TEXT_MAX], date[BF_DATE_TEXT_MAX];
    int32_t day = 0;
    json_t *org = NULL;
    if (!web_query_date(req, res, "date", date, &day) || !web_org_of_request(req, res, code, &org))
        return BF_OK;
    certification_decision *decisions = calloc(CERTIFICATION_DECISIONS_MAX, sizeof *decisions);
    size_t count = 0;
    bf_error err;
    bf_error_clear(&err);
    if (decisions == NULL ||
        certification_read(req->store, code, NULL, decisions, CERTIFICATION_DECISIONS_MAX, &count,
                           &err) != BF_OK) {
        free(decisions);
        json_decref(org);
        return web_reply_internal(res, decisions == NULL ? "out of memory" : err.message);
    }
    json_t *status = json_object(), *list = json_array();
    for (size_t i = 0, first = 0; i < count; i++) {
        const certification_decision *d = &decisions[i];
        json_array_append_new(
            list,
            json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?}", "carrier", d->carrier,
                      "date", d->decided_on, "action", certification_action_code(d->action),
                      "action_text", certification_action_text(d->action), "document", d->document,
                      "body", d->body, "reason", d->reason[0] ? d->reason : NULL, "exception",
                      d->exception[0] ? d->exception : NULL, "rule", d->rule[0] ? d->rule : NULL));
        if (i + 1 == count || strcmp(decisions[i + 1].carrier, d->carrier) != 0) {
            int held = certification_decisions_hold(decisions + first, i + 1 - first, day);
            json_object_set_new(status, d->carrier,
                                json_string(held ? "certified" : "not_certified"));
            first = i + 1;
        }
    }
    free(decisions);
    json_object_set_new(org, "date", json_string(date));
    json_object_set_new(org, "status", status);
    json_object_set_new(org, "decisions", list);
    return web_reply_json(res, 200, org);
}

/* A text field of body into out: 1, or 0 after a 400 naming it (missing when required). */
static int web_org_text(web_response *res, json_t *body, const char *field, int required,
                        const char *zh, char *out, size_t size)
{
    json_t *value = json_object_get(body, field);
    const char *text = json_string_value(value);
    out[0] = '\0';
    if (value == NULL && !required)
        return 1;
    char message_zh[256], message_en[256];
    if (text == NULL || (required && text[0] == '\0')) {
        snprintf(message_zh, sizeof message_zh, "请填写%s（%s）", zh, field);
        snprintf(message_en, sizeof message_en, "%s is missing (a text)", field);
        web_reply_field(res, field, message_zh, message_en);
        return 0;
    }
    if (strlen(text) >= size) {
        snprintf(message_zh, sizeof message_zh, "%s（%s）太长，至多 %zu 字节", zh, field, size - 1);
        snprintf(message_en, sizeof message_en, "%s is too long: at most %zu bytes", field,
                 size - 1);
        web_reply_field(res, field, message_zh, message_en);
        return 0;
    }
    snprintf(out, size, "%s", text);
    return 1;
}

int route_org_decide(web_request *req, web_response *res)
{
    certification_decision d;
    certification_check check;
    char action[CERTIFICATION_CODE_MAX], word[CERTIFICATION_CODE_MAX], date[BF_DATE_TEXT_MAX];
    memset(&d, 0, sizeof d);
    if (!web_org_of_request(req, res, d.org_code, NULL))
        return BF_OK;
    json_t *body = web_request_json(req, res);
    const policy_set *set = NULL;
    if (body == NULL)
        return BF_OK;
    bf_date on;
    if (!web_org_text(res, body, "carrier", 1, "载体类型", word, sizeof word) ||
        !web_word_code(res, "carrier_kind", "carrier", word, d.carrier, sizeof d.carrier) ||
        !web_org_text(res, body, "action", 0, "决定", word, sizeof word) ||
        !web_word_code(res, "carrier_action", "action", word[0] ? word : "certify", action,
                       sizeof action) ||
        !web_org_text(res, body, "date", 1, "决定日期", date, sizeof date))
        goto out;
    if (date_parse_written(date, &on) != BF_OK) {
        web_reply_field(res, "date", "决定日期（date）应为日期，如 2023-06-30",
                        "date must be a date, e.g. 2023-06-30");
        goto out;
    }
    date_format(on, d.decided_on);
    if (!web_org_text(res, body, "document", 1, "文号", d.document, sizeof d.document) ||
        !web_org_text(res, body, "body", 1, "决定机关", d.body, sizeof d.body) ||
        !web_org_text(res, body, "reason", 0, "理由", d.reason, sizeof d.reason) ||
        !web_org_text(res, body, "exception", 0, "例外理由", d.exception, sizeof d.exception))
        goto out;
    d.action = (certification_action)certification_action_parse(action);
    if (d.action == CERTIFICATION_CERTIFY && (set = web_request_policies(req, res)) == NULL)
        goto out;
    int64_t batch = 0;
    bf_error err;
    bf_error_clear(&err);
    int rc =
        certification_decide(req->store, set, &d, (int32_t)date_to_days(on), &check, &batch, &err);
    snprintf(res->audit_detail, sizeof res->audit_detail,
             "{\"carrier\":\"%s\",\"action\":\"%s\",\"date\":\"%s\",\"batch\":%" PRId64 "}",
             d.carrier, action, d.decided_on, batch);
    if (rc == BF_OK)
        web_reply_json(
            res, 200,
            json_pack("{s:s, s:s, s:s, s:s, s:s?, s:o?, s:s?, s:I}", "org_code", d.org_code,
                      "carrier", d.carrier, "date", d.decided_on, "action", action, "rule",
                      d.rule[0] != '\0' ? d.rule : NULL, "rule_holds",
                      d.action == CERTIFICATION_CERTIFY ? json_boolean(check.all_hold) : NULL,
                      "exception", d.exception[0] != '\0' ? d.exception : NULL, "batch",
                      (json_int_t)batch));
    else if (check.refused) {
        char zh[BF_ERROR_MESSAGE_MAX + 128], en[BF_ERROR_MESSAGE_MAX + 128];
        snprintf(zh, sizeof zh, "不予认定：%s（确属例外的，请填写例外理由 exception）",
                 check.reason);
        snprintf(en, sizeof en, "not certified: %s (to record an exception, give its reason)",
                 check.reason);
        web_reply_json(res, 409,
                       json_pack("{s:s, s:s, s:s, s:s}", "error", "refused", "field", "exception",
                                 "message", zh, "message_en", en));
    } else if (rc == BF_EINVAL || rc == BF_ECONFLICT)
        web_reply_error(res, 409, "conflict", err.message, err.message);
    else
        web_reply_internal(res, err.message);
out:
    json_decref(body);
    return BF_OK;
}
