/*
 * route_people.c - the people of the registry, as far as the user's region
 * reaches: search, one person with their records and history, and edits of
 * the 四清 fields and the phone.
 *
 * A person outside the user's region is answered exactly as a person who
 * does not exist (404, same body).  The API never puts an ID number in a
 * URL: a person is named by a reference, the ID number sealed with the
 * server's key (crypto_secretbox, valid until the server restarts), so
 * that proxies' logs and browser histories hold no ID numbers.  ID numbers
 * and phones are masked unless the user asks (?full=1) and their role may
 * see them (WEB_ROLES_FULL_VIEW); such a view is audited as view_full.
 */
#include "web/web_routes.h"
#include "web/web_util.h"

#include "core/date.h"
#include "core/idcard.h"
#include "registry/people_counts.h"
#include "registry/person.h"
#include "registry/person_view.h"
#include "registry/phone.h"
#include "registry/vocabulary.h"
#include "services/import_batch.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most people one search answers, and the default. */
#define WEB_PEOPLE_PAGE_MAX     200
#define WEB_PEOPLE_PAGE_DEFAULT 50
/* Longest search text, bytes. */
#define WEB_SEARCH_MAX 64
/* Bytes of a sealed reference, and of its base64url text with the NUL. */
#define WEB_REF_BYTES (crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + IDCARD_TEXT_MAX)
_Static_assert(WEB_REF_SEED_BYTES == randombytes_SEEDBYTES,
               "a seed of randombytes_buf_deterministic");

/*
 * A fresh nonce into out: from the worker's seed when there is one (web_request.ref_seed, random
 * at the worker's start), by ChaCha20 with fast key erasure (each call's stream gives the nonce
 * and the next seed), else from the system.  A getrandom() call per reference was one system
 * call of every person read and fifty of a page of search results.
 */
static void web_ref_nonce(const web_request *req, unsigned char out[crypto_secretbox_NONCEBYTES])
{
    if (req->ref_seed == NULL) {
        randombytes_buf(out, crypto_secretbox_NONCEBYTES);
        return;
    }
    unsigned char stream[WEB_REF_SEED_BYTES + crypto_secretbox_NONCEBYTES];
    randombytes_buf_deterministic(stream, sizeof stream, req->ref_seed);
    memcpy(req->ref_seed, stream, WEB_REF_SEED_BYTES);
    memcpy(out, stream + WEB_REF_SEED_BYTES, crypto_secretbox_NONCEBYTES);
    sodium_memzero(stream, sizeof stream);
}

/* The reference of the person id_number into out. */
void web_person_ref(const web_request *req, const char *id_number, char out[WEB_REF_TEXT_MAX])
{
    unsigned char plain[IDCARD_TEXT_MAX] = {0}, sealed[WEB_REF_BYTES];
    snprintf((char *)plain, sizeof plain, "%s", id_number);
    web_ref_nonce(req, sealed);
    crypto_secretbox_easy(sealed + crypto_secretbox_NONCEBYTES, plain, sizeof plain, sealed,
                          req->settings->ref_key);
    sodium_bin2base64(out, WEB_REF_TEXT_MAX, sealed, sizeof sealed,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* The ID number a reference seals into out: 1, or 0 when ref is none of this server's. */
static int web_person_unref(const web_settings *settings, const char *ref,
                            char out[IDCARD_TEXT_MAX])
{
    unsigned char sealed[WEB_REF_BYTES], plain[IDCARD_TEXT_MAX];
    size_t length = 0;
    if (sodium_base642bin(sealed, sizeof sealed, ref, strlen(ref), NULL, &length, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        length != sizeof sealed ||
        crypto_secretbox_open_easy(plain, sealed + crypto_secretbox_NONCEBYTES,
                                   sizeof sealed - crypto_secretbox_NONCEBYTES, sealed,
                                   settings->ref_key) != 0)
        return 0;
    plain[IDCARD_TEXT_MAX - 1] = '\0';
    snprintf(out, IDCARD_TEXT_MAX, "%s", (const char *)plain);
    return 1;
}

/*
 * 1 when the person id_number exists within the user's region; 0 when not (missing and
 * elsewhere alike); a negative code on a store failure.
 */
static int web_person_visible(web_request *req, const char *id_number)
{
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    region_code_range(req->user->region, low, high);
    int64_t found = 0;
    const char *params[] = {id_number, low, high};
    int rc = store_query_int64(req->store,
                               "SELECT COUNT(*) FROM people WHERE id_number = ? AND hukou_region "
                               ">= ? AND hukou_region < ?",
                               params, 3, &found);
    return rc != BF_OK ? rc : found > 0;
}

static int web_person_missing(web_response *res)
{
    return web_reply_error(res, 404, "not_found", "没有这个人员", "no such person");
}

/* A query's rows for one person as objects: names[i] of type types[i] ('s' text, 'i' int). */
static int web_rows_write(json_writer *w, store *st, const char *sql, const char *id_number,
                          const char *const *names, const char *types, bf_error *err)
{
    store_rows rows = {0};
    const char *params[] = {id_number};
    int rc = store_rows_open_few(st, sql, params, 1, &rows, err);
    json_writer_array_open(w);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        json_writer_object_open(w);
        for (int i = 0; names[i] != NULL; i++) {
            json_writer_key(w, names[i]);
            if (store_column_is_null(rows.stmt, i))
                json_writer_null(w);
            else if (types[i] == 'i')
                json_writer_integer(w, store_column_int64(rows.stmt, i));
            else
                json_writer_string(w, store_column_text(rows.stmt, i));
        }
        json_writer_object_close(w);
        rc = BF_OK;
    }
    json_writer_array_close(w);
    store_rows_close(&rows);
    return rc < 0 ? rc : BF_OK;
}

/* The records of a person the page shows beside the 四清: spells, trainings, schooling, ... */
static const struct {
    const char *key;
    const char *sql;
    const char *names[9];
    const char *types;
} web_person_records[] = {
    {"jobs",
     "SELECT j.employer, o.name, j.kind, j.start_date, j.end_date, j.region, j.monthly_income, "
     "j.contract_months FROM jobs j LEFT JOIN orgs o ON o.org_code = j.employer WHERE j.id_number "
     "= ? ORDER BY j.start_date",
     {"employer", "employer_name", "kind", "start_date", "end_date", "region", "monthly_income_fen",
      "contract_months", NULL},
     "ssssssii"},
    {"trainings",
     "SELECT t.provider, o.name, t.kind, t.start_date, t.end_date, t.days, t.certificate FROM "
     "trainings t LEFT JOIN orgs o ON o.org_code = t.provider WHERE t.id_number = ? ORDER BY "
     "t.start_date",
     {"provider", "provider_name", "kind", "start_date", "end_date", "days", "certificate", NULL},
     "sssssis"},
    {"enrolments",
     "SELECT school_kind, school_name, start_date, end_date, full_time FROM enrolments WHERE "
     "id_number = ? ORDER BY start_date",
     {"school_kind", "school_name", "start_date", "end_date", "full_time", NULL},
     "ssssi"},
    {"insurance",
     "SELECT scheme, status, since FROM insurance WHERE id_number = ? ORDER BY scheme",
     {"scheme", "status", "since", NULL},
     "sss"},
    {"residence",
     "SELECT r.site, o.name, r.since FROM residences r LEFT JOIN orgs o ON o.org_code = r.site "
     "WHERE r.id_number = ?",
     {"site", "site_name", "since", NULL},
     "sss"},
};

/* 1 when the region code hukou lies within the user's region, as web_person_visible() asks. */
static int web_region_visible(const web_request *req, const char *hukou)
{
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    region_code_range(req->user->region, low, high);
    return hukou != NULL && strcmp(hukou, low) >= 0 && strcmp(hukou, high) < 0;
}

/*
 * The worker's person_store into *out, opened on its first use and kept (its statements and
 * 120 KiB of buffers made once, not per request); one of the request's own, which the caller
 * closes, inside a transaction (whose statements are not the cache's) or without a worker.
 */
static int web_person_store(web_request *req, person_store **out, bf_error *err)
{
    if (req->people != NULL && *req->people != NULL) {
        *out = *req->people;
        return BF_OK;
    }
    int rc = person_store_open(req->store, out, err);
    if (rc == BF_OK && req->people != NULL && !req->store->in_transaction)
        *req->people = *out;
    return rc;
}

/* The view's members after the person's own: the records, the reference, whether masked. */
static int web_person_write_rest(web_request *req, json_writer *w, const char *id_number, int full,
                                 bf_error *err)
{
    int rc = BF_OK;
    for (size_t i = 0; rc == BF_OK && i < sizeof web_person_records / sizeof web_person_records[0];
         i++) {
        json_writer_key(w, web_person_records[i].key);
        rc = web_rows_write(w, req->store, web_person_records[i].sql, id_number,
                            web_person_records[i].names, web_person_records[i].types, err);
    }
    char ref[WEB_REF_TEXT_MAX];
    web_person_ref(req, id_number, ref);
    json_writer_key(w, "ref");
    json_writer_string(w, ref);
    json_writer_key(w, "masked");
    json_writer_boolean(w, !full);
    return rc;
}

/*
 * The person's whole view (masked unless full) into a 200 answer, written as text without a
 * jansson tree; 404 when the person is missing or outside the user's region (checked on the
 * loaded person: no query of its own), 403 when full and the user's roles may not see it.
 */
static int web_person_answer(web_request *req, web_response *res, const char *id_number, int full)
{
    static const person_view_masks masks = {web_mask_id, web_mask_phone};
    person_store *ps = NULL;
    person p = {.created_batch = 0};
    json_writer w;
    char *text = NULL;
    size_t length = 0;
    bf_error err;
    bf_error_clear(&err);
    json_writer_begin(&w, PERSON_VIEW_TEXT_MAX);
    int rc = web_person_store(req, &ps, &err);
    if (rc == BF_OK)
        rc = person_store_load(ps, id_number, &p, &err);
    if (rc == BF_ENOTFOUND ||
        (rc == BF_OK && !web_region_visible(req, p.values[PERSON_HUKOU_REGION]))) {
        web_person_missing(res);
        goto out;
    }
    if (rc == BF_OK && full && !(req->user->roles & WEB_ROLES_FULL_VIEW)) {
        web_reply_error(res, 403, "forbidden", "您的角色不能查看完整的证件号码与电话",
                        "your roles may not see ID numbers and phones in full");
        goto out;
    }
    json_writer_object_open(&w);
    if (rc == BF_OK)
        rc = person_view_write(&w, req->store, NULL, &p, full ? NULL : &masks, req->region_paths,
                               &err);
    if (rc == BF_OK)
        rc = web_person_write_rest(req, &w, id_number, full, &err);
    json_writer_object_close(&w);
    if (rc != BF_OK) {
        web_reply_internal(res, err.message);
        goto out;
    }
    rc = json_writer_finish(&w, &text, &length);
    if (rc != BF_OK) {
        web_reply_internal(res, "the view of a person cannot be written as JSON");
        goto out;
    }
    web_reply_json_text(res, 200, text, length);
out:
    json_writer_free(&w);
    if (req->people == NULL || *req->people != ps)
        person_store_close(ps);
    return BF_OK;
}

/* The person a route's {ref} names, visible to the user, into id: 1, or 0 after answering. */
int web_person_of_request(web_request *req, web_response *res, char *id)
{
    if (!web_person_unref(req->settings, req->params[0], id)) {
        web_person_missing(res);
        return 0;
    }
    snprintf(res->audit_target, sizeof res->audit_target, "person:%s", id);
    int visible = web_person_visible(req, id);
    if (visible < 0)
        web_reply_internal(res, store_error_message(req->store));
    else if (!visible)
        web_person_missing(res);
    return visible > 0;
}

int route_person_show(web_request *req, web_response *res)
{
    char id[IDCARD_TEXT_MAX];
    const char *full_text = web_request_query(req, "full");
    int full = full_text != NULL && strcmp(full_text, "1") == 0;
    if (full)
        res->audit_action = "view_full";
    if (!web_person_unref(req->settings, req->params[0], id))
        return web_person_missing(res);
    snprintf(res->audit_target, sizeof res->audit_target, "person:%s", id);
    return web_person_answer(req, res, id, full);
}

/* Binds text params then int64 ones to a statement prepared from sql. */
static int web_search_rows(web_request *req, const char *sql, const char *const *texts, int count,
                           int64_t limit, int64_t offset, store_stmt **out)
{
    int rc = store_prepare(req->store, sql, out);
    for (int i = 0; rc == BF_OK && i < count; i++)
        rc = store_bind_text(*out, i + 1, texts[i]);
    if (rc == BF_OK)
        rc = store_bind_int64(*out, count + 1, limit);
    if (rc == BF_OK)
        rc = store_bind_int64(*out, count + 2, offset);
    return rc;
}

/* q as a LIKE pattern: %, _ and \ escaped; prefix 1 for 'q%', else '%q%'. */
static void web_like_pattern(const char *q, int prefix, char *out, size_t size)
{
    size_t used = 0;
    if (!prefix && used + 1 < size)
        out[used++] = '%';
    for (; *q != '\0' && used + 3 < size; q++) {
        if (*q == '%' || *q == '_' || *q == '\\')
            out[used++] = '\\';
        out[used++] = (*q == 'x') ? 'X' : *q;
    }
    out[used++] = '%';
    out[used] = '\0';
}

int route_people_search(web_request *req, web_response *res)
{
    const char *q = web_request_query(req, "q");
    const char *region_text = web_request_query(req, "region");
    const char *limit_text = web_request_query(req, "limit");
    const char *offset_text = web_request_query(req, "offset");
    int64_t limit = limit_text != NULL ? atoll(limit_text) : WEB_PEOPLE_PAGE_DEFAULT;
    int64_t offset = offset_text != NULL ? atoll(offset_text) : 0;
    if (limit < 1 || limit > WEB_PEOPLE_PAGE_MAX || offset < 0 || offset > 10000000)
        return web_reply_error(res, 400, "invalid", "limit 应为 1 到 200，offset 不小于 0",
                               "limit must be 1 to 200 and offset at least 0");
    if (q != NULL && strlen(q) > WEB_SEARCH_MAX)
        return web_reply_error(res, 400, "invalid", "搜索内容过长", "the search text is too long");
    char region[REGION_CODE_TEXT_MAX];
    snprintf(region, sizeof region, "%s", req->user->region);
    if (region_text != NULL && region_text[0] != '\0') {
        if (region_code_normalize(region_text, region) == REGION_LEVEL_INVALID ||
            !region_code_within(region, req->user->region))
            return web_reply_error(res, 404, "not_found", "没有这个区划", "no such region");
    }
    snprintf(res->audit_target, sizeof res->audit_target, "people:%s", region);
    json_t *detail = json_pack("{s:s}", "q", q != NULL ? q : "");
    char *detail_text = json_dumps(detail, JSON_COMPACT);
    snprintf(res->audit_detail, sizeof res->audit_detail, "%s", detail_text ? detail_text : "");
    free(detail_text);
    json_decref(detail);
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX], pattern[4 * WEB_SEARCH_MAX];
    region_code_range(region, low, high);
    const char *texts[3] = {low, high, pattern};
    int count = 2;
    const char *match = "";
    if (q != NULL && q[0] != '\0') {
        int by_id = strspn(q, "0123456789Xx") == strlen(q);
        web_like_pattern(q, by_id, pattern, sizeof pattern);
        match = by_id ? " AND p.id_number LIKE ? ESCAPE '\\'" : " AND p.name LIKE ? ESCAPE '\\'";
        count = 3;
    }
    char sql[768];
    snprintf(sql, sizeof sql,
             "SELECT p.id_number, p.name, p.sex, p.birth_date, p.hukou_region, r.name, "
             "p.categories, p.employment_status FROM people p LEFT JOIN regions r ON r.code = "
             "p.hukou_region WHERE p.hukou_region >= ? AND p.hukou_region < ?%s ORDER BY "
             "p.id_number LIMIT ? OFFSET ?",
             match);
    store_stmt *stmt = NULL;
    int rc = web_search_rows(req, sql, texts, count, limit + 1, offset, &stmt);
    json_t *people = json_array();
    int64_t seen = 0;
    while (rc == BF_OK && (rc = store_step(stmt)) == BF_ROW) {
        rc = BF_OK;
        if (++seen > limit)
            continue;
        char masked[IDCARD_TEXT_MAX + 8], ref[WEB_REF_TEXT_MAX];
        const char *id = store_column_text(stmt, 0);
        web_mask_id(id, masked, sizeof masked);
        web_person_ref(req, id, ref);
        json_t *item = json_pack(
            "{s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s}", "ref", ref, "id_number", masked,
            "name", store_column_text(stmt, 1), "sex", store_column_text(stmt, 2), "birth_date",
            store_column_text(stmt, 3), "hukou_region", store_column_text(stmt, 4), "region_name",
            store_column_text(stmt, 5), "categories", store_column_text(stmt, 6),
            "employment_status", store_column_text(stmt, 7) ? store_column_text(stmt, 7) : "");
        json_array_append_new(people, item);
    }
    return web_reply_page(req, res, stmt, rc, "people", people, seen, limit, offset);
}

/* The fields an edit may change: the 四清 and the phone. */
static const person_field web_editable[] = {
    PERSON_PHONE,         PERSON_LABOR_ABILITY, PERSON_EMPLOYMENT_STATUS, PERSON_EMPLOYMENT_WISH,
    PERSON_TRAINING_WISH, PERSON_SKILLS,        PERSON_DIFFICULTIES,
};

/* Checks body's fields into values (canonical texts, kept in storage); 1, or 0 after a 400. */
static int web_edit_values(json_t *body, const vocabulary_set *lists, web_response *res,
                           char storage[][VOCABULARY_JOINED_MAX], const char **values, int *given)
{
    const char *key;
    json_t *value;
    json_object_foreach(body, key, value)
    {
        int field = person_field_from_column(key);
        int editable = 0;
        for (size_t i = 0; i < sizeof web_editable / sizeof web_editable[0]; i++)
            editable |= field >= 0 && web_editable[i] == (person_field)field;
        char zh[VOCABULARY_ACCEPTED_MAX + 256], en[VOCABULARY_ACCEPTED_MAX + 256];
        if (!editable) {
            snprintf(zh, sizeof zh, "不能修改字段“%s”", key);
            snprintf(en, sizeof en, "field '%s' cannot be changed", key);
            web_reply_field(res, key, zh, en);
            return 0;
        }
        if (!json_is_string(value) && !json_is_null(value)) {
            web_reply_field(res, key, "取值应为文字或 null", "the value must be text or null");
            return 0;
        }
        const char *text = json_string_value(value);
        given[field] = 1;
        values[field] = NULL;
        if (text == NULL || text[0] == '\0')
            continue;
        if (field == PERSON_PHONE) {
            if (!phone_normalize(text, storage[field])) {
                snprintf(zh, sizeof zh, "“%s”不是电话号码（手机 11 位，或区号-号码）", text);
                snprintf(en, sizeof en, "'%s' is not a phone number", text);
                web_reply_field(res, key, zh, en);
                return 0;
            }
        } else {
            const vocabulary *v = vocabulary_of(lists, (person_field)field);
            char bad[VOCABULARY_TEXT_MAX];
            if (v == NULL ||
                vocabulary_canonical(v, text, storage[field], bad, sizeof bad) != BF_OK) {
                snprintf(zh, sizeof zh, "%s：“%s”不是可选的取值（可选：%s）",
                         person_field_label((person_field)field), v != NULL ? bad : text,
                         v != NULL ? v->accepted : "");
                snprintf(en, sizeof en, "%s: '%s' is not an accepted value (accepted: %s)", key,
                         v != NULL ? bad : text, v != NULL ? v->accepted : "");
                web_reply_field(res, key, zh, en);
                return 0;
            }
        }
        values[field] = storage[field][0] != '\0' ? storage[field] : NULL;
    }
    return 1;
}

int route_person_update(web_request *req, web_response *res)
{
    char id[IDCARD_TEXT_MAX];
    if (!web_person_of_request(req, res, id))
        return BF_OK;
    json_t *body = web_request_json(req, res);
    if (body == NULL)
        return BF_OK;
    vocabulary_set lists = {0};
    person_store *ps = NULL;
    people_counts_delta *delta = NULL;
    char storage[PERSON_FIELD_COUNT][VOCABULARY_JOINED_MAX];
    const char *values[PERSON_FIELD_COUNT] = {0};
    int given[PERSON_FIELD_COUNT] = {0};
    bf_error err;
    bf_error_clear(&err);
    int rc = vocabulary_set_load_default(&lists, &err);
    if (rc != BF_OK) {
        web_reply_internal(res, err.message);
        goto out;
    }
    if (!web_edit_values(body, &lists, res, storage, values, given))
        goto out;
    person old = {0}, updated; /* cppcheck (ctuuninitvar): load writes only some fields first */
    rc = person_store_open(req->store, &ps, &err);
    if (rc == BF_OK)
        rc = person_store_load(ps, id, &old, &err);
    if (rc != BF_OK) {
        web_reply_internal(res, err.message);
        goto out;
    }
    updated = old;
    json_t *fields = json_array();
    for (int f = 0; f < PERSON_FIELD_COUNT; f++)
        if (given[f]) {
            updated.values[f] = values[f];
            if (!person_value_equal(old.values[f], values[f]))
                json_array_append_new(fields, json_string(person_field_column((person_field)f)));
        }
    json_t *summary = json_pack("{s:o}", "fields", fields);
    char *detail = json_dumps(summary, JSON_COMPACT);
    json_decref(summary);
    snprintf(res->audit_detail, sizeof res->audit_detail, "%s", detail != NULL ? detail : "");
    free(detail);
    char now[BF_TIMESTAMP_TEXT_MAX];
    int64_t batch = 0;
    int changed = 0;
    date_now_timestamp(now);
    rc = import_batch_insert(req->store, "user", req->user->login, now, &batch, &err);
    if (rc == BF_OK)
        rc = person_store_update(ps, &old, &updated, batch, now, &changed, &err);
    if (rc == BF_OK)
        rc = people_counts_delta_new(&delta);
    if (rc == BF_OK) {
        people_counts_changed(delta, old.values, updated.values);
        rc = people_counts_apply(req->store, delta, &err);
    }
    if (rc != BF_OK) {
        web_reply_internal(res, err.message);
        goto out;
    }
    person_store_close(ps);
    ps = NULL;
    web_person_answer(req, res, id, 0);
out:
    people_counts_delta_free(delta);
    person_store_close(ps);
    vocabulary_set_free(&lists);
    json_decref(body);
    return BF_OK;
}
