/*
 * route_param.c - the local parameters (当地最低工资, 规定期限 ...: services/
 * local_parameters.h) as far as the user's region reaches: the values in
 * effect on a day or the whole history (`bangfu param list|history --json`,
 * the same rows: those of the user's region, of the regions above it whose
 * values apply there too, and of the regions within it), and a new value
 * (经办员) for the user's region or one within it, checked by
 * local_parameters_set against the unit the policy files declare and written
 * with the user's login as its setter.
 */
#include "web/web_routes.h"
#include "web/web_util.h"

#include "services/local_parameters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int route_parameters_list(web_request *req, web_response *res)
{
    char at[BF_DATE_TEXT_MAX];
    int32_t day = 0;
    const char *history = web_request_query(req, "history");
    local_parameter_query query = {.region = req->user->region};
    query.name = web_request_query(req, "name");
    if (query.name != NULL && query.name[0] == '\0')
        query.name = NULL;
    if (history == NULL || strcmp(history, "1") != 0) {
        if (!web_query_date(req, res, "at", at, &day))
            return BF_OK;
        query.at = at;
    }
    json_t *rows = NULL;
    bf_error err;
    bf_error_clear(&err);
    if (local_parameters_read_json(req->store, &query, &rows, &err) != BF_OK)
        return web_reply_internal(res, err.message);
    return web_reply_json(res, 200, json_pack("{s:s?, s:o}", "at", query.at, "parameters", rows));
}

/* The body's field name as a text, NULL when absent, or 0 after a 400. */
static int web_param_text(web_response *res, json_t *body, const char *field, const char **out)
{
    json_t *value = json_object_get(body, field);
    *out = json_string_value(value);
    if (value == NULL || json_is_null(value) || (*out != NULL && (*out)[0] == '\0')) {
        *out = NULL;
        return 1;
    }
    if (*out != NULL)
        return 1;
    char zh[128], en[128];
    snprintf(zh, sizeof zh, "%s 应为文本", field);
    snprintf(en, sizeof en, "%s must be a text", field);
    web_reply_field(res, field, zh, en);
    return 0;
}

/* The field a message of local_parameters_set() is about: the option it names. */
static const char *web_param_field(const char *message, int rc)
{
    static const char *const fields[] = {"region", "from", "value", "to", "end", "source"};
    const char *first = NULL, *field = rc == BF_ENOTFOUND ? "name" : "value";
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        char option[16];
        snprintf(option, sizeof option, "--%s", fields[i]);
        const char *at = strstr(message, option);
        if (at != NULL && (first == NULL || at < first)) {
            first = at;
            field = fields[i];
        }
    }
    return field;
}

int route_parameter_set(web_request *req, web_response *res)
{
    json_t *body = web_request_json(req, res);
    const policy_set *set = NULL;
    if (body == NULL)
        return BF_OK;
    local_parameter_request request = {.by = req->user->login};
    json_t *ends = json_object_get(body, "ends");
    if (!web_param_text(res, body, "name", &request.name) ||
        !web_param_text(res, body, "region", &request.region) ||
        !web_param_text(res, body, "from", &request.from) ||
        !web_param_text(res, body, "value", &request.value) ||
        !web_param_text(res, body, "to", &request.to) ||
        !web_param_text(res, body, "source", &request.source))
        goto out;
    if (ends != NULL && !json_is_boolean(ends)) {
        web_reply_field(res, "ends", "ends 应为 true 或 false", "ends must be true or false");
        goto out;
    }
    request.ends = json_is_true(ends);
    static const struct {
        const char *field, *zh;
    } required[] = {{"name", "参数名称"}, {"region", "区划代码"}, {"from", "起始日期"}};
    const char *values[] = {request.name, request.region, request.from};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (values[i] == NULL) {
            char zh[128], en[128];
            snprintf(zh, sizeof zh, "请填写%s（%s）", required[i].zh, required[i].field);
            snprintf(en, sizeof en, "%s is missing", required[i].field);
            web_reply_field(res, required[i].field, zh, en);
            goto out;
        }
    char region[REGION_CODE_TEXT_MAX], low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    web_user_range(req, low, high);
    if (region_code_normalize(request.region, region) != REGION_LEVEL_INVALID &&
        (strcmp(region, low) < 0 || strcmp(region, high) >= 0)) {
        /* Another region is answered as one that does not exist. */
        web_reply_json(res, 404,
                       json_pack("{s:s, s:s, s:s, s:s}", "error", "not_found", "field", "region",
                                 "message", "本人辖区内没有这个区划（region）", "message_en",
                                 "no such region within yours"));
        goto out;
    }
    if ((set = web_request_policies(req, res)) == NULL)
        goto out;
    local_parameter_row row;
    bf_error err;
    bf_error_clear(&err);
    int rc = local_parameters_set(req->store, set, &request, &row, &err);
    snprintf(res->audit_target, sizeof res->audit_target, "parameter:%.64s", request.name);
    if (rc == BF_EINVAL || rc == BF_ENOTFOUND) {
        web_reply_field(res, web_param_field(err.message, rc), err.message, err.message);
        goto out;
    }
    if (rc != BF_OK) {
        web_reply_internal(res, err.message);
        goto out;
    }
    snprintf(res->audit_detail, sizeof res->audit_detail,
             "{\"id\":%lld,\"region\":\"%s\",\"from\":\"%s\"}", (long long)row.id, row.region,
             row.from);
    json_t *written = local_parameters_row_json(req->store, &row);
    if (written != NULL)
        web_reply_json(res, 200, written);
    else
        web_reply_internal(res, "out of memory");
out:
    json_decref(body);
    return BF_OK;
}
