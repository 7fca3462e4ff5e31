/*
 * ledger_review.c - approving and rejecting ledger lines (four eyes), and the
 * applications (申领) of the benefits that need one (ledger.h).
 */
#include "services/ledger.h"

#include "core/credit_code.h"
#include "core/date.h"
#include "core/idcard.h"
#include "core/region_code.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Longest review statement. */
#define REVIEW_SQL_MAX 1024

static int query_count(store *st, const char *sql, const char *const *params, int count,
                       int64_t *value, bf_error *err)
{
    int rc = store_query_int64(st, sql, params, count, value);
    return rc == BF_OK ? BF_OK : store_error_set(st, rc, err);
}

/* One line by id: pending, known, not written by a run of the reviewer; then moved. */
static int review_one(store *st, const ledger_review_request *request, int64_t id,
                      const char *state, const char *at, bf_error *err)
{
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%" PRId64, id);
    store_rows rows = {0};
    const char *params[] = {id_text};
    int rc = store_rows_open(st,
                             "SELECT l.state, r.operator FROM ledger_lines l "
                             "JOIN ledger_runs r ON r.id = l.run_id WHERE l.id = ?",
                             params, 1, &rows, err);
    char current[32] = "", operator_name[LEDGER_NAME_MAX] = "";
    if (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        snprintf(current, sizeof current, "%s", store_column_text(rows.stmt, 0));
        snprintf(operator_name, sizeof operator_name, "%s", store_column_text(rows.stmt, 1));
        rc = BF_OK;
    } else if (rc == 0)
        rc = bf_error_set(err, BF_ENOTFOUND,
                          BF_TR("台账中没有第 %" PRId64 " 行", "no ledger line %" PRId64), id);
    store_rows_close(&rows);
    if (rc != BF_OK)
        return rc;
    if (strcmp(current, LEDGER_STATE_PENDING) != 0)
        return bf_error_set(err, BF_ECONFLICT,
                            BF_TR("第 %" PRId64 " 行的状态是%s，不是待审核",
                                  "line %" PRId64 " is %s, not pending review (待审核)"),
                            id, current);
    if (request->approve && strcmp(operator_name, request->reviewer) == 0)
        return bf_error_set(err, BF_ECONFLICT,
                            BF_TR("第 %" PRId64 " 行由 %s 运行生成，不能由同一人审核（双人复核）",
                                  "line %" PRId64 " was written by a run of %s, who may not "
                                  "approve it (four eyes)"),
                            id, operator_name);
    const char *insert[] = {id_text, state, request->reviewer, request->reason, at, id_text};
    rc = store_exec_params(st,
                           "INSERT INTO ledger_reviews (line_id, seq, state, reviewer, reason, at) "
                           "SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ? FROM ledger_reviews "
                           "WHERE line_id = ?",
                           insert, 6, err);
    const char *update[] = {state, id_text};
    if (rc == BF_OK)
        rc =
            store_exec_params(st, "UPDATE ledger_lines SET state = ? WHERE id = ?", update, 2, err);
    return rc;
}

/* Every pending line of a month (and benefit, region) at once, set-based. */
static int review_month(store *st, const ledger_review_request *request, const char *state,
                        const char *at, int64_t *reviewed, bf_error *err)
{
    char where[REVIEW_SQL_MAX], sql[REVIEW_SQL_MAX * 2];
    const char *params[8];
    int count = 0;
    char prefix[REGION_CODE_TEXT_MAX + 1];
    snprintf(where, sizeof where, "l.month = ? AND l.state = '%s'", LEDGER_STATE_PENDING);
    params[count++] = request->month;
    if (request->benefit != NULL) {
        strcat(where, " AND l.benefit = ?");
        params[count++] = request->benefit;
    }
    if (request->region != NULL) {
        int digits = region_level_digits(region_code_level(request->region));
        snprintf(prefix, sizeof prefix, "%.*s%%", digits, request->region);
        strcat(where, " AND l.region LIKE ?");
        params[count++] = prefix;
    }
    if (request->approve) {
        int64_t own = 0;
        snprintf(sql, sizeof sql,
                 "SELECT COUNT(*) FROM ledger_lines l JOIN ledger_runs r ON r.id = l.run_id "
                 "WHERE %s AND r.operator = ?",
                 where);
        params[count] = request->reviewer;
        int rc = query_count(st, sql, params, count + 1, &own, err);
        if (rc != BF_OK)
            return rc;
        if (own > 0)
            return bf_error_set(err, BF_ECONFLICT,
                                BF_TR("其中 %" PRId64
                                      " 行由 %s 运行生成，不能由同一人审核（双人复核）；"
                                      "没有审核任何一行",
                                      "%" PRId64 " of the lines were written by a run of %s, who "
                                      "may not approve them (four eyes); nothing approved"),
                                own, request->reviewer);
    }
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM ledger_lines l WHERE %s", where);
    int rc = query_count(st, sql, params, count, reviewed, err);
    if (rc != BF_OK || *reviewed == 0)
        return rc;
    const char *insert[11] = {state, request->reviewer, request->reason, at};
    for (int i = 0; i < count; i++)
        insert[4 + i] = params[i];
    snprintf(sql, sizeof sql,
             "INSERT INTO ledger_reviews (line_id, seq, state, reviewer, reason, at) "
             "SELECT l.id, (SELECT COALESCE(MAX(x.seq), 0) + 1 FROM ledger_reviews x "
             "WHERE x.line_id = l.id), ?, ?, ?, ? FROM ledger_lines l WHERE %s",
             where);
    rc = store_exec_params(st, sql, insert, 4 + count, err);
    if (rc != BF_OK)
        return rc;
    /* The same selection without the alias (UPDATE takes none on SQLite). */
    const char *update[9] = {state};
    for (int i = 0; i < count; i++)
        update[1 + i] = params[i];
    snprintf(sql, sizeof sql,
             "UPDATE ledger_lines SET state = ? WHERE id IN (SELECT l.id FROM ledger_lines l "
             "WHERE %s)",
             where);
    return store_exec_params(st, sql, update, 1 + count, err);
}

int ledger_review(store *st, const ledger_review_request *request, int64_t *reviewed, bf_error *err)
{
    *reviewed = 0;
    if (request->reviewer == NULL || request->reviewer[0] == '\0' ||
        strlen(request->reviewer) >= LEDGER_NAME_MAX)
        return bf_error_set(err, BF_EINVAL,
                            BF_TR("需要审核人（--reviewer，至多 %d 字节）",
                                  "a reviewer is needed (--reviewer, at most %d bytes)"),
                            LEDGER_NAME_MAX - 1);
    if (request->reason == NULL || request->reason[0] == '\0' ||
        strlen(request->reason) >= LEDGER_REASON_MAX)
        return bf_error_set(err, BF_EINVAL,
                            BF_TR("需要审核意见（--reason，至多 %d 字节）",
                                  "a reason is needed (--reason, at most %d bytes)"),
                            LEDGER_REASON_MAX - 1);
    const char *state = request->approve ? LEDGER_STATE_APPROVED : LEDGER_STATE_REJECTED;
    char at[BF_TIMESTAMP_TEXT_MAX];
    date_now_timestamp(at);
    /* Exclusive, like a run: a run never sees half a review, a review never half a run. */
    int rc = store_begin_exclusive(st, -1, NULL, NULL);
    /* Each line's next review seq is found by the reviews' key while the statement adds
       reviews: PostgreSQL's plan, made when the table was small, scanned all of them per line
       (approving 100k lines took 70 s of server CPU, 10k 0.75 s). */
    if (rc == BF_OK && (rc = store_prefer_index(st, 1)) != BF_OK)
        store_rollback(st);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    if (request->ids != NULL) {
        for (int i = 0; rc == BF_OK && i < request->id_count; i++)
            rc = review_one(st, request, request->ids[i], state, at, err);
        if (rc == BF_OK)
            *reviewed = request->id_count;
    } else
        rc = review_month(st, request, state, at, reviewed, err);
    if (rc == BF_OK && (rc = store_commit(st)) != BF_OK)
        rc = store_error_set(st, rc, err);
    if (rc != BF_OK) {
        store_rollback(st);
        *reviewed = 0;
    }
    return rc;
}

int ledger_apply(store *st, const policy_set *set, const ledger_application *application,
                 int *created, bf_error *err)
{
    *created = 0;
    int rule = policy_set_find_rule(set, application->benefit);
    if (rule < 0 || set->rules[rule]->is_status)
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("政策文件中没有待遇“%s”", "no benefit '%s' in the policy files"),
                            application->benefit);
    if (!set->rules[rule]->needs_application)
        return bf_error_set(err, BF_EINVAL,
                            BF_TR("待遇 %s（%s）无需申领，台账直接发放（即申即享）",
                                  "benefit %s (%s) needs no application: the ledger pays it "
                                  "directly"),
                            application->benefit, set->rules[rule]->clause);
    if (idcard_check(application->applicant, date_today(), NULL) != IDCARD_OK &&
        credit_code_check(application->applicant, NULL) != CREDIT_CODE_OK)
        return bf_error_set(
            err, BF_EINVAL,
            BF_TR("申领人“%s”不是有效的身份证号或统一社会信用代码",
                  "applicant '%s' is neither a valid ID number nor a 统一社会信用代码"),
            application->applicant);
    bf_date day;
    if (application->applied_on == NULL || date_parse(application->applied_on, &day) != BF_OK)
        return bf_error_set(
            err, BF_EINVAL,
            BF_TR("申领日期无效“%s”（YYYY-MM-DD）", "invalid application date '%s' (YYYY-MM-DD)"),
            application->applied_on ? application->applied_on : "");
    if (application->documents == NULL || application->documents[0] == '\0' ||
        application->recorded_by == NULL || application->recorded_by[0] == '\0')
        return bf_error_set(err, BF_EINVAL, "%s",
                            BF_TR("需要申领材料（--documents）与经办人（--by）",
                                  "the documents handed in (--documents) and who records it "
                                  "(--by) are needed"));
    char on[BF_DATE_TEXT_MAX], at[BF_TIMESTAMP_TEXT_MAX];
    date_format(day, on);
    date_now_timestamp(at);
    int rc = store_begin(st);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    const char *params[] = {application->benefit,   application->applicant,   on,
                            application->documents, application->recorded_by, at};
    int64_t before = 0, same = 0;
    const char *key[] = {application->benefit, application->applicant, on, application->documents};
    rc = query_count(st,
                     "SELECT COUNT(*) FROM ledger_applications WHERE benefit = ? AND applicant = ?",
                     key, 2, &before, err);
    if (rc == BF_OK && before == 0) {
        rc = store_exec_params(st,
                               "INSERT INTO ledger_applications (benefit, applicant, applied_on, "
                               "documents, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                               params, 6, err);
        *created = rc == BF_OK;
    } else if (rc == BF_OK) {
        rc = query_count(st,
                         "SELECT COUNT(*) FROM ledger_applications WHERE benefit = ? AND "
                         "applicant = ? AND applied_on = ? AND documents = ?",
                         key, 4, &same, err);
        if (rc == BF_OK && same == 0)
            rc = bf_error_set(err, BF_ECONFLICT,
                              BF_TR("%s 已登记过 %s 的另一份申领", "%s already has another "
                                                                   "application recorded for %s"),
                              application->applicant, application->benefit);
    }
    if (rc == BF_OK && (rc = store_commit(st)) != BF_OK)
        rc = store_error_set(st, rc, err);
    if (rc != BF_OK)
        store_rollback(st);
    return rc;
}
