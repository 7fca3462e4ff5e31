/*
 * web_util.c - query parameters, policy files, downloads and masking for the
 * route files (web_util.h).
 */
#include "web/web_util.h"

#include "web/web_policies.h"
#include "registry/vocabulary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int web_query_int64(const web_request *req, web_response *res, const char *name, int64_t fallback,
                    int64_t low, int64_t high, int64_t *out)
{
    const char *text = web_request_query(req, name);
    *out = fallback;
    if (text == NULL || text[0] == '\0')
        return 1;
    char *end = NULL;
    long long value = strtoll(text, &end, 10);
    if (*end == '\0' && value >= low && value <= high) {
        *out = value;
        return 1;
    }
    char zh[160], en[160];
    snprintf(zh, sizeof zh, "参数 %s 应为 %lld 到 %lld 的整数", name, (long long)low,
             (long long)high);
    snprintf(en, sizeof en, "%s must be an integer from %lld to %lld", name, (long long)low,
             (long long)high);
    web_reply_field(res, name, zh, en);
    return 0;
}

int web_query_month(const web_request *req, web_response *res, const char *name, int required,
                    char out[BF_MONTH_TEXT_MAX])
{
    const char *text = web_request_query(req, name);
    int month = 0;
    out[0] = '\0';
    if ((text == NULL || text[0] == '\0') && !required)
        return 1;
    if (text != NULL && date_month_parse(text, &month) == BF_OK) {
        date_month_format(month, out);
        return 1;
    }
    char zh[160], en[160];
    snprintf(zh, sizeof zh, "参数 %s 应为月份 YYYY-MM", name);
    snprintf(en, sizeof en, "%s must be a month YYYY-MM", name);
    web_reply_field(res, name, zh, en);
    return 0;
}

int web_reply_field(web_response *res, const char *field, const char *zh, const char *en)
{
    return web_reply_json(res, 400,
                          json_pack("{s:s, s:s, s:s, s:s}", "error", "invalid", "field", field,
                                    "message", zh, "message_en", en));
}

int web_query_date(const web_request *req, web_response *res, const char *name,
                   char out[BF_DATE_TEXT_MAX], int32_t *day)
{
    const char *text = web_request_query(req, name);
    bf_date date = date_today();
    if (text != NULL && text[0] != '\0' && date_parse_written(text, &date) != BF_OK) {
        char zh[160], en[160];
        snprintf(zh, sizeof zh, "参数 %s 应为日期（如 2023-06-30）", name);
        snprintf(en, sizeof en, "%s must be a date (e.g. 2023-06-30)", name);
        web_reply_field(res, name, zh, en);
        return 0;
    }
    *day = (int32_t)date_to_days(date);
    date_format(date, out);
    return 1;
}

int web_word_code(web_response *res, const char *list, const char *field, const char *word,
                  char *out, size_t size)
{
    out[0] = '\0';
    if (word == NULL || word[0] == '\0')
        return 1;
    vocabulary words = {0};
    bf_error err;
    bf_error_clear(&err);
    if (vocabulary_load_list(&words, NULL, list, &err) != BF_OK) {
        vocabulary_free(&words);
        web_reply_internal(res, err.message);
        return 0;
    }
    int index = vocabulary_find(&words, word);
    if (index >= 0)
        snprintf(out, size, "%s", words.values[index].code);
    else {
        char zh[1024], en[1024];
        snprintf(zh, sizeof zh, "%.32s“%.64s”不在词表 %.32s 中，可填 %.800s", field, word, list,
                 words.accepted);
        snprintf(en, sizeof en, "%.32s '%.64s' is not in the list %.32s; accepted: %.800s", field,
                 word, list, words.accepted);
        web_reply_field(res, field, zh, en);
    }
    vocabulary_free(&words);
    return index >= 0;
}

int web_table_open(const web_request *req, web_response *res, web_table *table)
{
    memset(table, 0, sizeof *table);
    return web_query_int64(req, res, "limit", WEB_TABLE_PAGE_DEFAULT, 1, WEB_TABLE_PAGE_MAX,
                           &table->limit) &&
           web_query_int64(req, res, "offset", 0, 0, INT32_MAX, &table->offset);
}

int web_table_add(web_table *table, const char *const *cells, int count)
{
    json_t *row = json_array();
    if (row == NULL)
        return BF_ENOMEM;
    for (int i = 0; i < count; i++)
        json_array_append_new(row, json_string(cells[i] != NULL ? cells[i] : ""));
    if (table->json == NULL) {
        table->json = json_pack("{s:o, s:[]}", "columns", row, "rows");
        return table->json != NULL ? BF_OK : BF_ENOMEM;
    }
    int64_t index = table->seen++;
    if (index < table->offset || index >= table->offset + table->limit) {
        json_decref(row);
        return BF_OK;
    }
    return json_array_append_new(json_object_get(table->json, "rows"), row) == 0 ? BF_OK
                                                                                 : BF_ENOMEM;
}

int web_table_reply(web_response *res, web_table *table, json_t *extra)
{
    json_t *json = table->json;
    table->json = NULL;
    if (json == NULL) {
        json_decref(extra);
        return web_reply_internal(res, "a table without headers");
    }
    json_object_update(json, extra);
    json_decref(extra);
    json_object_set_new(json, "more", json_boolean(table->seen > table->offset + table->limit));
    json_object_set_new(json, "limit", json_integer(table->limit));
    json_object_set_new(json, "offset", json_integer(table->offset));
    return web_reply_json(res, 200, json);
}

int web_table_answer(web_request *req, web_response *res, web_table *table, web_table_reader read,
                     void *args, json_t *extra)
{
    bf_error err;
    bf_error_clear(&err);
    int rc = store_begin_snapshot(req->store);
    if (rc != BF_OK)
        store_error_set(req->store, rc, &err);
    else
        rc = read(req->store, args, table, &err);
    store_rollback(req->store);
    if (rc == BF_OK)
        return web_table_reply(res, table, extra);
    web_table_free(table);
    json_decref(extra);
    return web_reply_internal(res, err.message[0] != '\0' ? err.message : bf_strerror(rc));
}

void web_table_free(web_table *table)
{
    json_decref(table->json);
    table->json = NULL;
}

int web_reply_page(web_request *req, web_response *res, store_stmt *stmt, int rc, const char *key,
                   json_t *items, int64_t seen, int64_t limit, int64_t offset)
{
    if (rc != BF_DONE) {
        char message[STORE_ERROR_MAX];
        snprintf(message, sizeof message, "%s", store_error_message(req->store));
        store_finalize(stmt);
        json_decref(items);
        return web_reply_internal(res, message);
    }
    store_finalize(stmt);
    return web_reply_json(res, 200,
                          json_pack("{s:o, s:b, s:I, s:I}", key, items, "more", seen > limit,
                                    "limit", (json_int_t)limit, "offset", (json_int_t)offset));
}

void web_user_range(const web_request *req, char low[REGION_CODE_TEXT_MAX],
                    char high[REGION_CODE_TEXT_MAX])
{
    region_code_range(req->user->region, low, high);
}

const policy_set *web_request_policies(web_request *req, web_response *res)
{
    bf_error err;
    bf_error_clear(&err);
    if (req->policy_hold == NULL && req->policies != NULL)
        req->policy_hold = web_policies_hold(req->policies, &err);
    if (req->policy_hold != NULL)
        return web_policy_set(req->policy_hold);
    web_reply_internal(res, err.message[0] != '\0' ? err.message : "no policy set loaded");
    return NULL;
}

int web_request_policies_copy(web_request *req, web_response *res, policy_set **set)
{
    bf_error err;
    *set = NULL;
    const policy_set *shared = web_request_policies(req, res);
    if (shared == NULL)
        return BF_ENOTFOUND;
    int rc = policy_set_copy(shared, set, &err);
    if (rc != BF_OK)
        web_reply_internal(res, err.message);
    return rc;
}

int web_temp_file(const char *name, char out[WEB_TEMP_PATH_MAX], bf_error *err)
{
    const char *base = getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp";
    char dir[WEB_TEMP_PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s/bangfu-web-XXXXXX", base) >= (int)sizeof dir ||
        mkdtemp(dir) == NULL ||
        snprintf(out, WEB_TEMP_PATH_MAX, "%s/%s", dir, name) >= WEB_TEMP_PATH_MAX)
        return bf_error_set(err, BF_EIO, BF_TR("无法建立临时目录 %s", "cannot create %s"), dir);
    return BF_OK;
}

void web_temp_remove(const char *path)
{
    char other[WEB_TEMP_PATH_MAX + 8];
    unlink(path);
    snprintf(other, sizeof other, "%s.sha256", path);
    unlink(other);
    snprintf(other, sizeof other, "%s", path);
    char *slash = strrchr(other, '/');
    if (slash != NULL) {
        *slash = '\0';
        rmdir(other);
    }
}

int web_reply_file(web_response *res, const char *path, const char *type, const char *name)
{
    char *data = NULL;
    size_t size = 0;
    int rc = web_file_read(path, WEB_DOWNLOAD_MAX, &data, &size);
    web_temp_remove(path);
    if (rc != BF_OK)
        return web_reply_internal(res, "cannot read a file written for download");
    snprintf(res->download_name, sizeof res->download_name, "%s", name);
    return web_reply_bytes(res, 200, type, data, size);
}

int web_reply_json_text(web_response *res, int status, char *text, size_t length)
{
    return web_reply_bytes(res, status, "application/json; charset=utf-8", text, length);
}

void web_mask_id(const char *id, char *out, size_t size)
{
    size_t length = strlen(id);
    if (length < 10) {
        snprintf(out, size, "%s", "****");
        return;
    }
    snprintf(out, size, "%.6s%.*s%s", id, (int)(length - 10), "********************",
             id + length - 4);
}

void web_mask_phone(const char *phone, char *out, size_t size)
{
    size_t length = strlen(phone);
    const char *dash = strchr(phone, '-');
    if (length < 7)
        snprintf(out, size, "%s", "****");
    else if (dash != NULL)
        snprintf(out, size, "%.*s-****%s", (int)(dash - phone), phone, phone + length - 2);
    else
        snprintf(out, size, "%.3s****%s", phone, phone + length - 4);
}
