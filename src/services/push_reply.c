/*
 * push_reply.c - the replies to a push run (回复名单, `bangfu import replies`, issue 14 item
 * 3): what a laborer answered to a posting pushed to them, keyed by the push run (推送批次 of
 * calls.xlsx), the person and the posting.  Beyond its table (services/import_facts.h, hooks):
 *  - a reply names a posting that run pushed to that person, else the row is refused;
 *  - a hire (已录用) takes an opening of the posting: a hire of a posting closed or with no
 *    opening left (openings minus the hires stored and earlier in the file) is refused naming it;
 *  - a hire becomes an employment spell of jobs (employer and work place the posting's, start
 *    the 到岗日期, kind from the employer's: workshop, base, else enterprise), its fields in
 *    fact_history; a spell already stored with that key is kept as it is (a rerun adds nothing);
 *  - a stored hire cannot become another reply nor move its start (the spell is keyed by it);
 *  - a posting whose openings are all hired becomes filled (岗位状态, with its history).
 *
 * Ownership: the hooks' context is allocated by reply_open and freed by reply_close.
 */
#include "services/import_facts.h"

#include "core/string_map.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    REPLY_PUSH_BATCH,
    REPLY_ID_NUMBER,
    REPLY_POSTING,
    REPLY_EMPLOYER,
    REPLY_REGION,
    REPLY_ANSWER,
    REPLY_REASON,
    REPLY_REPLIED_ON,
    REPLY_START,
    REPLY_MONTHLY_INCOME,
    REPLY_COLUMN_COUNT
};

/* Largest push batch number a list may give. */
#define REPLY_BATCH_MAX INT64_C(1000000000000)

static const fact_column reply_columns[REPLY_COLUMN_COUNT] = {
    [REPLY_PUSH_BATCH] = {"推送批次", "push_batch", "push_batch", FACT_INTEGER, FACT_KEY, NULL,
                          NULL, REPLY_BATCH_MAX, "12", NULL},
    [REPLY_ID_NUMBER] = {"证件号码", "id_number", "id_number", FACT_PERSON, FACT_KEY, NULL, NULL, 0,
                         "37081119800101001X", NULL},
    [REPLY_POSTING] = {"岗位编号", "posting_code", "posting_code", FACT_RECORD, FACT_KEY,
                       "postings.posting_code", NULL, 0, "JN2020-0001", NULL},
    /* The posting's, when the reply was stored: where a hire works. */
    [REPLY_EMPLOYER] = {"用工单位", "employer", "employer", FACT_TEXT, FACT_DERIVED, "employer",
                        NULL, 0, "", NULL},
    [REPLY_REGION] = {"工作地区划代码", "region", "region", FACT_TEXT, FACT_DERIVED, "region", NULL,
                      0, "", NULL},
    [REPLY_ANSWER] = {"回复", "reply", "reply", FACT_WORD, FACT_REQUIRED, "push_reply", NULL, 0,
                      "已录用", NULL},
    [REPLY_REASON] = {"原因", "reason", "reason", FACT_TEXT, 0, NULL, NULL, 0, "", NULL},
    [REPLY_REPLIED_ON] = {"回复日期", "replied_on", "replied_on", FACT_DATE, 0, NULL, NULL, 0,
                          "2020-04-20", NULL},
    [REPLY_START] = {"到岗日期", "start", "start_date", FACT_DATE, 0, NULL, NULL, 0, "2020-05-01",
                     NULL},
    [REPLY_MONTHLY_INCOME] = {"月收入（元）", "monthly_income", "monthly_income", FACT_MONEY, 0,
                              NULL, NULL, INT64_C(100000000000), "3500", NULL},
};

/* A decline says why; a hire says when the work starts. */
static void reply_check(const fact_record_view *record)
{
    const char *answer = record->values[REPLY_ANSWER];
    if (answer != NULL && strcmp(answer, "declined") == 0 &&
        !fact_given(record->values[REPLY_REASON]))
        fact_reject(record, REPLY_REASON, "%s",
                    BF_TR("不愿意时必填", "required when the laborer declined"));
    if (answer != NULL && strcmp(answer, "hired") == 0 && !fact_given(record->values[REPLY_START]))
        fact_reject(record, REPLY_START, "%s",
                    BF_TR("已录用时必填（就业记录的开始日期）",
                          "required for a hire (the start of the employment spell)"));
}

/* A hire accepted from the file: the spell to write. */
typedef struct reply_hire {
    char *id_number, *employer, *start, *region, *income, *posting; /* owned */
} reply_hire;

typedef struct reply_context {
    store *st;
    reply_hire *hires;
    size_t hire_count, hire_capacity;
    /* The postings hired this run: code (a hire's) -> slot of postings and posting_hires. */
    string_map run_hires;
    const char **postings;  /* per slot: the code */
    int64_t *posting_hires; /* per slot: hires of it in the file so far */
    size_t posting_count;
} reply_context;

static int reply_open(store *st, void **context, bf_error *err)
{
    reply_context *c = calloc(1, sizeof *c);
    if (c == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    c->st = st;
    *context = c;
    return BF_OK;
}

static void reply_close(void *context)
{
    reply_context *c = context;
    if (c == NULL)
        return;
    for (size_t h = 0; h < c->hire_count; h++) {
        reply_hire *hire = &c->hires[h];
        free(hire->id_number);
        free(hire->employer);
        free(hire->start);
        free(hire->region);
        free(hire->income);
        free(hire->posting);
    }
    free(c->hires);
    free(c->postings);
    free(c->posting_hires);
    string_map_free(&c->run_hires);
    free(c);
}

/* strdup of a stored value, NULL staying NULL; *failed set when memory ran out. */
static char *reply_copy(const char *value, int *failed)
{
    if (value == NULL)
        return NULL;
    char *copy = strdup(value);
    if (copy == NULL)
        *failed = 1;
    return copy;
}

/* Keeps the hire of record for reply_write and counts it against its posting. */
static int reply_keep_hire(reply_context *c, const char *const *v, bf_error *err)
{
    if (c->hire_count == c->hire_capacity) {
        size_t capacity = c->hire_capacity > 0 ? 2 * c->hire_capacity : 64;
        reply_hire *hires = realloc(c->hires, capacity * sizeof *hires);
        int64_t *counts = realloc(c->posting_hires, capacity * sizeof *counts);
        const char **postings = realloc(c->postings, capacity * sizeof *postings);
        if (hires != NULL)
            c->hires = hires;
        if (counts != NULL)
            c->posting_hires = counts;
        if (postings != NULL)
            c->postings = postings;
        if (hires == NULL || counts == NULL || postings == NULL)
            return bf_error_set(err, BF_ENOMEM, NULL);
        c->hire_capacity = capacity;
    }
    int failed = 0;
    reply_hire *hire = &c->hires[c->hire_count++];
    *hire = (reply_hire){.id_number = reply_copy(v[REPLY_ID_NUMBER], &failed),
                         .employer = reply_copy(v[REPLY_EMPLOYER], &failed),
                         .start = reply_copy(v[REPLY_START], &failed),
                         .region = reply_copy(v[REPLY_REGION], &failed),
                         .income = reply_copy(v[REPLY_MONTHLY_INCOME], &failed),
                         .posting = reply_copy(v[REPLY_POSTING], &failed)};
    if (failed)
        return bf_error_set(err, BF_ENOMEM, NULL);
    int64_t slot = 0;
    if (string_map_find(&c->run_hires, hire->posting, &slot)) {
        c->posting_hires[slot]++;
        return BF_OK;
    }
    /* The first hire of a posting: its code (kept by that hire) maps a new slot. */
    c->postings[c->posting_count] = hire->posting;
    c->posting_hires[c->posting_count] = 1;
    if (string_map_insert(&c->run_hires, hire->posting, (int64_t)c->posting_count, NULL) != BF_OK)
        return bf_error_set(err, BF_ENOMEM, NULL);
    c->posting_count++;
    return BF_OK;
}

/* The openings and state of posting, and its hires stored; BF_ENOTFOUND when it is not stored. */
static int reply_posting(reply_context *c, const char *posting, int64_t *openings, char *state,
                         size_t state_size, int64_t *hired, bf_error *err)
{
    store_rows rows = {0};
    const char *params[] = {posting};
    int rc = store_rows_open(c->st, "SELECT openings, state FROM postings WHERE posting_code = ?",
                             params, 1, &rows, err);
    int found = rc == BF_OK ? store_rows_next(&rows) : rc;
    if (found == 1) {
        *openings = store_column_int64(rows.stmt, 0);
        const char *text = store_column_text(rows.stmt, 1);
        snprintf(state, state_size, "%s", text != NULL ? text : "");
    }
    store_rows_close(&rows);
    if (found < 0)
        return found;
    if (found == 0)
        return BF_ENOTFOUND;
    rc = store_query_int64(c->st,
                           "SELECT COUNT(*) FROM push_replies WHERE posting_code = ? AND "
                           "reply = 'hired'",
                           params, 1, hired);
    return rc == BF_OK ? BF_OK : store_error_set(c->st, rc, err);
}

static int reply_row(void *context, const fact_record_view *record, const char *const *stored,
                     bf_error *err)
{
    reply_context *c = context;
    const char *const *v = record->values;
    int64_t pushed = 0;
    const char *push[] = {v[REPLY_PUSH_BATCH], v[REPLY_ID_NUMBER], v[REPLY_POSTING]};
    int rc = store_query_int64(c->st,
                               "SELECT COUNT(*) FROM pushes WHERE batch_id = ? AND id_number = ? "
                               "AND posting_code = ?",
                               push, 3, &pushed);
    if (rc != BF_OK)
        return store_error_set(c->st, rc, err);
    if (pushed == 0) {
        fact_reject(record, -1,
                    BF_TR("推送批次 %s 没有向 %s 推送岗位 %s",
                          "push run %s did not push to %s the posting %s"),
                    v[REPLY_PUSH_BATCH], v[REPLY_ID_NUMBER], v[REPLY_POSTING]);
        return BF_OK;
    }
    int hired = strcmp(v[REPLY_ANSWER], "hired") == 0;
    int was_hired = stored != NULL && stored[REPLY_ANSWER] != NULL &&
                    strcmp(stored[REPLY_ANSWER], "hired") == 0;
    if (was_hired && !hired) {
        fact_reject(record, REPLY_ANSWER, "%s",
                    BF_TR("已录用并记为就业记录，不能改为其他回复（离职请用 bangfu import jobs "
                          "填写结束日期）",
                          "already hired and recorded as a spell: it cannot become another reply "
                          "(a spell that ended gets its end date through bangfu import jobs)"));
        return BF_OK;
    }
    if (was_hired) {
        if (stored[REPLY_START] != NULL && strcmp(stored[REPLY_START], v[REPLY_START]) != 0)
            fact_reject(record, REPLY_START,
                        BF_TR("已录用，到岗日期 %s 是就业记录的开始日期，不能改",
                              "already hired: the start %s is the spell's, it cannot change"),
                        stored[REPLY_START]);
        return BF_OK;
    }
    if (!hired)
        return BF_OK;
    int64_t openings = 0, stored_hires = 0, earlier = 0, slot = 0;
    char state[32];
    rc = reply_posting(c, v[REPLY_POSTING], &openings, state, sizeof state, &stored_hires, err);
    if (rc != BF_OK)
        return rc == BF_ENOTFOUND ? bf_error_set(err, rc, "%s", v[REPLY_POSTING]) : rc;
    if (string_map_find(&c->run_hires, v[REPLY_POSTING], &slot))
        earlier = c->posting_hires[slot];
    if (strcmp(state, "closed") == 0) {
        fact_reject(record, REPLY_POSTING,
                    BF_TR("岗位 %s 已关闭，不能录用", "posting %s is closed: no hire"),
                    v[REPLY_POSTING]);
        return BF_OK;
    }
    if (stored_hires + earlier >= openings) {
        fact_reject(record, REPLY_POSTING,
                    BF_TR("岗位 %s 已无空缺（招聘 %" PRId64 " 人，已录用 %" PRId64 " 人）",
                          "posting %s has no opening left (%" PRId64 " openings, %" PRId64
                          " hired)"),
                    v[REPLY_POSTING], openings, stored_hires + earlier);
        return BF_OK;
    }
    return reply_keep_hire(c, v, err);
}

/* One fact_history row of batch: kind, key, field, old and new value (NULL: none). */
static int reply_history(store_stmt *history, const char *kind, const char *key, int64_t batch,
                         const char *field, const char *old, const char *now_value, const char *now)
{
    const char *before[] = {kind, key}, *after[] = {field, old, now_value, now};
    int rc = store_reset(history);
    for (int i = 0; i < 2 && rc == BF_OK; i++)
        rc = store_bind_text(history, 1 + i, before[i]);
    if (rc == BF_OK)
        rc = store_bind_int64(history, 3, batch);
    for (int i = 0; i < 4 && rc == BF_OK; i++)
        rc = after[i] != NULL ? store_bind_text(history, 4 + i, after[i])
                              : store_bind_null(history, 4 + i);
    if (rc == BF_OK)
        rc = store_step(history) == BF_DONE ? BF_OK : BF_ESTORE;
    return rc;
}

/* The kind of a spell at employer: its organisation's when that is a spell kind, else enterprise.
 */
static int reply_spell_kind(reply_context *c, const char *employer, const char **kind)
{
    int64_t special = 0;
    const char *params[] = {employer};
    int rc = store_query_int64(c->st,
                               "SELECT CASE kind WHEN 'workshop' THEN 1 WHEN 'base' THEN 2 ELSE 0 "
                               "END FROM orgs WHERE org_code = ?",
                               params, 1, &special);
    *kind = special == 1 ? "workshop" : special == 2 ? "base" : "enterprise";
    return rc;
}

/* Writes the spell of one hire (unless its key is stored) with its history. */
static int reply_write_spell(reply_context *c, store_stmt *insert, store_stmt *history,
                             const reply_hire *hire, int64_t batch, const char *now)
{
    static const char *const fields[] = {"id_number", "employer", "start_date",
                                         "region",    "kind",     "monthly_income"};
    const char *key_params[] = {hire->id_number, hire->employer, hire->start};
    int64_t exists = 0;
    const char *kind = NULL;
    int rc = store_query_int64(c->st,
                               "SELECT COUNT(*) FROM jobs WHERE id_number = ? AND employer = ? AND "
                               "start_date = ?",
                               key_params, 3, &exists);
    if (rc != BF_OK || exists > 0)
        return rc;
    rc = reply_spell_kind(c, hire->employer, &kind);
    const char *values[] = {hire->id_number, hire->employer, hire->start,
                            hire->region,    kind,           hire->income};
    if (rc == BF_OK)
        rc = store_reset(insert);
    for (int i = 0; i < 6 && rc == BF_OK; i++)
        rc = values[i] != NULL ? store_bind_text(insert, i + 1, values[i])
                               : store_bind_null(insert, i + 1);
    if (rc == BF_OK)
        rc = store_bind_int64(insert, 7, batch);
    if (rc == BF_OK)
        rc = store_bind_int64(insert, 8, batch);
    if (rc == BF_OK)
        rc = store_step(insert) == BF_DONE ? BF_OK : BF_ESTORE;
    char key[FACT_VALUE_MAX * 3];
    snprintf(key, sizeof key, "%s|%s|%s", hire->id_number, hire->employer, hire->start);
    for (int i = 0; i < 6 && rc == BF_OK; i++)
        if (values[i] != NULL)
            rc = reply_history(history, "jobs", key, batch, fields[i], NULL, values[i], now);
    return rc;
}

/* Marks posting filled when its openings are all hired. */
static int reply_fill_posting(reply_context *c, store_stmt *history, const char *posting,
                              int64_t batch, const char *now, bf_error *err)
{
    int64_t openings = 0, hired = 0;
    char state[32];
    int rc = reply_posting(c, posting, &openings, state, sizeof state, &hired, err);
    if (rc != BF_OK || hired < openings || strcmp(state, "open") != 0)
        return rc;
    store_stmt *update = NULL;
    rc = store_prepare(c->st,
                       "UPDATE postings SET state = 'filled', updated_batch = ? WHERE "
                       "posting_code = ?",
                       &update);
    if (rc == BF_OK)
        rc = store_bind_int64(update, 1, batch);
    if (rc == BF_OK)
        rc = store_bind_text(update, 2, posting);
    if (rc == BF_OK)
        rc = store_step(update) == BF_DONE ? BF_OK : BF_ESTORE;
    store_finalize(update);
    if (rc == BF_OK)
        rc = reply_history(history, "postings", posting, batch, "state", state, "filled", now);
    return rc == BF_OK ? BF_OK : store_error_set(c->st, rc, err);
}

static int reply_write(void *context, int64_t batch, const char *now, bf_error *err)
{
    reply_context *c = context;
    store_stmt *insert = NULL, *history = NULL;
    if (c->hire_count == 0)
        return BF_OK;
    int rc = store_prepare(c->st,
                           "INSERT INTO jobs (id_number, employer, start_date, region, kind, "
                           "monthly_income, created_batch, updated_batch) VALUES (?, ?, ?, ?, ?, "
                           "?, ?, ?)",
                           &insert);
    if (rc == BF_OK)
        rc = store_prepare(c->st,
                           "INSERT INTO fact_history (kind, record_key, batch_id, field, "
                           "old_value, new_value, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           &history);
    for (size_t h = 0; h < c->hire_count && rc == BF_OK; h++)
        rc = reply_write_spell(c, insert, history, &c->hires[h], batch, now);
    if (rc != BF_OK)
        rc = store_error_set(c->st, rc, err);
    for (size_t p = 0; p < c->posting_count && rc == BF_OK; p++)
        rc = reply_fill_posting(c, history, c->postings[p], batch, now, err);
    store_finalize(insert);
    store_finalize(history);
    return rc;
}

static const fact_kind_hooks reply_hooks = {
    .open = reply_open, .row = reply_row, .write = reply_write, .close = reply_close};

const fact_kind fact_kind_replies = {
    .name = "replies",
    .title_zh = "推送回复名单",
    .title_en = "list of replies to pushed postings",
    .columns = reply_columns,
    .column_count = REPLY_COLUMN_COUNT,
    .check = reply_check,
    .table = "push_replies",
    .hooks = &reply_hooks,
};
