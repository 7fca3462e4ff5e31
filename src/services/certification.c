/* certification.c - decisions on carriers and the check of the rule that applies (see the header).
 */
#include "services/certification.h"

#include "policy/policy_eval.h"
#include "policy/population.h"
#include "services/local_parameters.h"
#include "services/stored_population.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const action_codes[CERTIFICATION_ACTION_COUNT] = {"certify", "upgrade",
                                                                     "support", "adjust", "exit"};

const char *certification_action_text(certification_action action)
{
    static const char *const names[CERTIFICATION_ACTION_COUNT] = {"认定", "升级", "扶持", "调整",
                                                                  "退出"};
    return (unsigned)action < CERTIFICATION_ACTION_COUNT
               ? BF_TR(names[action], action_codes[action])
               : "";
}

const char *certification_action_code(certification_action action)
{
    return (unsigned)action < CERTIFICATION_ACTION_COUNT ? action_codes[action] : "";
}

int certification_action_parse(const char *code)
{
    for (int a = 0; a < CERTIFICATION_ACTION_COUNT; a++)
        if (code != NULL && strcmp(code, action_codes[a]) == 0)
            return a;
    return -1;
}

static int step_compare(const void *a, const void *b)
{
    const certification_step *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (int)x->action - (int)y->action;
}

int certification_sequence_check(certification_step *steps, size_t count)
{
    qsort(steps, count, sizeof *steps, step_compare);
    int held = 0;
    for (size_t i = 0; i < count; i++) {
        if ((steps[i].action == CERTIFICATION_CERTIFY) == held)
            return (int)i;
        held = steps[i].action != CERTIFICATION_EXIT;
    }
    return -1;
}

int certification_held_on(const certification_step *steps, size_t count, int32_t day)
{
    int held = 0;
    for (size_t i = 0; i < count && steps[i].day <= day; i++)
        if (steps[i].action == CERTIFICATION_CERTIFY)
            held = 1;
        else if (steps[i].action == CERTIFICATION_EXIT)
            held = 0;
    return held;
}

size_t certification_periods(const certification_step *steps, size_t count, int32_t (*periods)[2],
                             size_t max)
{
    size_t n = 0;
    int held = 0;
    for (size_t i = 0; i < count; i++) {
        if (steps[i].action == CERTIFICATION_CERTIFY && !held && n < max) {
            periods[n][0] = steps[i].day;
            periods[n++][1] = INT32_MAX;
            held = 1;
        } else if (steps[i].action == CERTIFICATION_EXIT && held) {
            /* an exit on the day of the certification leaves nothing held */
            if (steps[i].day <= periods[n - 1][0])
                n--;
            else
                periods[n - 1][1] = steps[i].day - 1;
            held = 0;
        }
    }
    return n;
}

/* Copies a column's text into out (size bytes), "" for NULL. */
static void column_copy(store_stmt *stmt, int column, char *out, size_t size)
{
    const char *text = store_column_text(stmt, column);
    snprintf(out, size, "%s", text != NULL ? text : "");
}

int certification_read(store *st, const char *org_code, const char *carrier,
                       certification_decision *decisions, size_t max, size_t *count, bf_error *err)
{
    store_stmt *stmt = NULL;
    *count = 0;
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT org_code, carrier, decided_on, action, document, body, reason, exception, "
             "rule FROM certifications WHERE org_code = ?%s ORDER BY carrier, decided_on",
             carrier != NULL ? " AND carrier = ?" : "");
    int rc = store_prepare(st, sql, &stmt);
    if (rc == BF_OK)
        rc = store_bind_text(stmt, 1, org_code);
    if (rc == BF_OK && carrier != NULL)
        rc = store_bind_text(stmt, 2, carrier);
    int step = rc == BF_OK ? store_step(stmt) : rc;
    for (; step == BF_ROW && *count < max; step = store_step(stmt)) {
        certification_decision *d = &decisions[(*count)++];
        column_copy(stmt, 0, d->org_code, sizeof d->org_code);
        column_copy(stmt, 1, d->carrier, sizeof d->carrier);
        column_copy(stmt, 2, d->decided_on, sizeof d->decided_on);
        int action = certification_action_parse(store_column_text(stmt, 3));
        d->action = action < 0 ? CERTIFICATION_ADJUST : (certification_action)action;
        column_copy(stmt, 4, d->document, sizeof d->document);
        column_copy(stmt, 5, d->body, sizeof d->body);
        column_copy(stmt, 6, d->reason, sizeof d->reason);
        column_copy(stmt, 7, d->exception, sizeof d->exception);
        column_copy(stmt, 8, d->rule, sizeof d->rule);
    }
    store_finalize(stmt);
    if (step == BF_ROW)
        return bf_error_set(
            err, BF_ETOOBIG,
            BF_TR("单位 %s 的认定决定超过 %d 条", "organisation %s has more than %d decisions"),
            org_code, CERTIFICATION_DECISIONS_MAX);
    if (step != BF_DONE)
        return store_error_set(st, step < 0 ? step : BF_ESTORE, err);
    return BF_OK;
}

/* The day of an ISO date text, or INT32_MIN. */
static int32_t day_of(const char *text)
{
    bf_date date;
    return date_parse(text, &date) == BF_OK ? (int32_t)date_to_days(date) : INT32_MIN;
}

int certification_allowed(store *st, const certification_decision *decision, bf_error *err)
{
    size_t count = 0;
    int rc = BF_ENOMEM;
    certification_decision *stored = calloc(CERTIFICATION_DECISIONS_MAX, sizeof *stored);
    certification_step *steps = calloc(CERTIFICATION_DECISIONS_MAX + 1, sizeof *steps);
    if (stored == NULL || steps == NULL) {
        bf_error_set(err, rc, NULL);
        goto out;
    }
    rc = certification_read(st, decision->org_code, decision->carrier, stored,
                            CERTIFICATION_DECISIONS_MAX, &count, err);
    if (rc != BF_OK)
        goto out;
    for (size_t i = 0; i < count; i++) {
        if (stored[i].action == decision->action &&
            strcmp(stored[i].decided_on, decision->decided_on) == 0) {
            rc = bf_error_set(err, BF_ECONFLICT,
                              BF_TR("单位 %s 已有 %s 的%s决定（%s）",
                                    "organisation %s already has a decision %s of %s (%s)"),
                              decision->org_code, decision->decided_on,
                              certification_action_text(decision->action), stored[i].document);
            goto out;
        }
        steps[i] = (certification_step){day_of(stored[i].decided_on), stored[i].action};
    }
    steps[count] = (certification_step){day_of(decision->decided_on), decision->action};
    int bad = certification_sequence_check(steps, count + 1);
    if (bad >= 0) {
        char date[BF_DATE_TEXT_MAX];
        date_format(date_from_days(steps[bad].day), date);
        int held_before = certification_held_on(steps, (size_t)bad, steps[bad].day);
        rc = bf_error_set(
            err, BF_EINVAL,
            held_before ? BF_TR("单位 %s 在 %s 已认定为 %s，不能再次%s（先退出）",
                                "organisation %s is certified on %s as %s already: no second %s "
                                "(exit first)")
                        : BF_TR("单位 %s 在 %s 未认定为 %s，不能%s（先认定）",
                                "organisation %s is not certified on %s as %s: no %s before a "
                                "certification"),
            decision->org_code, date, decision->carrier,
            certification_action_text(steps[bad].action));
        goto out;
    }
    rc = BF_OK;
out:
    free(stored);
    free(steps);
    return rc;
}

/* text, or NULL (stored as SQL NULL) when it is empty. */
static const char *text_or_null(const char *text)
{
    return text[0] != '\0' ? text : NULL;
}

int certification_record(store *st, const certification_decision *decision, int64_t *batch,
                         bf_error *err)
{
    char now[BF_TIMESTAMP_TEXT_MAX], batch_text[24];
    date_now_timestamp(now);
    int rc = store_begin_exclusive(st, -1, NULL, NULL);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    rc = certification_allowed(st, decision, err);
    if (rc == BF_OK)
        rc = store_next_id(st, "batches", batch);
    if (rc == BF_OK) {
        snprintf(batch_text, sizeof batch_text, "%lld", (long long)*batch);
        const char *params[] = {batch_text, decision->document, now};
        rc = store_exec_params(st,
                               "INSERT INTO batches (id, kind, source, started_at, rows_read, "
                               "inserted, updated, unchanged, rejected) "
                               "VALUES (CAST(? AS BIGINT), 'certify', ?, ?, 1, 1, 0, 0, 0)",
                               params, 3, err);
    }
    if (rc == BF_OK) {
        const char *params[] = {decision->org_code,
                                decision->carrier,
                                decision->decided_on,
                                certification_action_code(decision->action),
                                text_or_null(decision->document),
                                text_or_null(decision->body),
                                text_or_null(decision->reason),
                                text_or_null(decision->exception),
                                text_or_null(decision->rule),
                                batch_text,
                                batch_text};
        rc = store_exec_params(
            st,
            "INSERT INTO certifications (org_code, carrier, decided_on, action, document, body, "
            "reason, exception, rule, created_batch, updated_batch) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS BIGINT), CAST(? AS BIGINT))",
            params, 11, err);
    }
    if (rc == BF_OK && (rc = store_commit(st)) != BF_OK)
        store_error_set(st, rc, err);
    if (rc != BF_OK)
        store_rollback(st);
    return rc;
}

/* --- the rule ----------------------------------------------------------------------------- */

/* The stored organisation as a population row input; BF_ENOTFOUND when not stored. */
static int read_org(store *st, const char *org_code, population_org_input *in, char *region,
                    size_t size, bf_error *err)
{
    store_stmt *stmt = NULL;
    int rc = store_prepare(
        st, "SELECT kind, region, staff, free_premises FROM orgs WHERE org_code = ?", &stmt);
    if (rc == BF_OK)
        rc = store_bind_text(stmt, 1, org_code);
    int step = rc == BF_OK ? store_step(stmt) : rc;
    if (step == BF_ROW) {
        int kind = population_org_kind_parse(
            store_column_text(stmt, 0) != NULL ? store_column_text(stmt, 0) : "");
        column_copy(stmt, 1, region, size);
        in->id = org_code;
        in->kind = kind < 0 ? ORG_ENTERPRISE : (population_org_kind)kind;
        in->region = population_region_parse(region);
        in->staff = store_column_is_null(stmt, 2) ? POPULATION_COUNT_UNKNOWN
                                                  : (int32_t)store_column_int64(stmt, 2);
        in->free_premises = store_column_int64(stmt, 3) != 0;
    }
    store_finalize(stmt);
    if (step == BF_DONE)
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("单位 %s 不在单位名单中（请先用 bangfu import orgs 导入）",
                                  "no organisation %s is stored (import it first with bangfu "
                                  "import orgs)"),
                            org_code);
    if (step != BF_ROW)
        return store_error_set(st, step < 0 ? step : BF_ESTORE, err);
    return BF_OK;
}

/* Appends text to out (size bytes) at *used. */
static void reason_append(char *out, size_t size, size_t *used, const char *text)
{
    if (*used + 1 >= size)
        return;
    int n = snprintf(out + *used, size - *used, "%s", text);
    *used = n < 0 || (size_t)n >= size - *used ? size - 1 : *used + (size_t)n;
}

/* The rules certifying kind that apply to an org of region on day. */
static void applicable_rules(const policy_set *set, int kind, int64_t region, int32_t day,
                             certification_check *out)
{
    for (int r = 0; r < set->rule_count && out->rule_count < CERTIFICATION_RULES_MAX; r++) {
        const policy_rule *rule = set->rules[r];
        if (!rule->is_status || !(rule->certifies & ((uint32_t)1 << kind)) || rule->document < 0)
            continue;
        const policy_document *document = &set->documents[rule->document];
        if (!population_region_within(region, document->region) || day < rule->valid_from ||
            day > rule->valid_to)
            continue;
        out->rules[out->rule_count++] = r;
    }
}

int certification_check_rule(store *st, const policy_set *set, const char *org_code,
                             const char *carrier, int32_t day, certification_check *out,
                             bf_error *err)
{
    char region[CERTIFICATION_CODE_MAX];
    population_org_input org;
    population *pop = NULL;
    policy_result *result = NULL;
    size_t used = 0;
    memset(out, 0, sizeof *out);
    int kind = population_org_kind_parse(carrier);
    if (kind < 0)
        return bf_error_set(err, BF_EINVAL, BF_TR("“%s”不是单位类型", "'%s' is not an org kind"),
                            carrier);
    int rc = read_org(st, org_code, &org, region, sizeof region, err);
    if (rc != BF_OK)
        return rc;
    applicable_rules(set, kind, org.region, day, out);
    char date[BF_DATE_TEXT_MAX];
    date_format(date_from_days(day), date);
    if (out->rule_count == 0) {
        snprintf(out->reason, sizeof out->reason,
                 BF_TR("政策文件中没有在 %s 适用于 %s（所在地 %s）认定为 %s 的规则",
                       "on %s no rule of the policy files certifies %s (in %s) as %s"),
                 date, org_code, region, carrier);
        return BF_OK;
    }
    /* Everyone whose hukou, job, training or organisation lies in the org's region: its hires
       are whole (stored_population.h). */
    stored_selection selection = {region, NULL};
    rc = stored_population_read(st, &selection, &pop, err);
    if (rc == BF_ENOTFOUND) { /* no one there: the organisation alone, with no hires */
        bf_error_clear(err);
        rc = population_create(&pop, err);
        if (rc == BF_OK)
            rc = population_add_org(pop, &org, NULL, err);
    }
    if (rc != BF_OK)
        goto out;
    int32_t row = -1;
    for (size_t i = 0; i < pop->orgs.count && row < 0; i++)
        if (strcmp(pop->orgs.id[i], org_code) == 0)
            row = (int32_t)i;
    if (row < 0) {
        rc = bf_error_set(err, BF_ENOTFOUND, "%s: not read", org_code);
        goto out;
    }
    bf_date on = date_from_days(day);
    policy_eval_options options = {date_month_index(on), date_month_index(on),
                                   POLICY_EXPLAIN_SHORT};
    rc = policy_evaluate_until(set, pop, &options, day, &result, err);
    if (rc != BF_OK)
        goto out;
    out->all_hold = 1;
    for (int k = 0; k < out->rule_count; k++) {
        const policy_rule *rule = set->rules[out->rules[k]];
        for (size_t i = 0; i < result->status_count; i++)
            if (result->statuses[i].rule == out->rules[k] && result->statuses[i].row == row)
                out->holds[k] = 1;
        out->all_hold &= out->holds[k];
        char text[CERTIFICATION_REASON_MAX];
        const policy_document *document = &set->documents[rule->document];
        if (out->holds[k]) {
            snprintf(text, sizeof text, BF_TR("%s%s %s（%s）成立", "%s%s %s (%s) holds"),
                     used > 0 ? BF_TR("；", "; ") : "", document->number, rule->clause, rule->id);
        } else {
            int failed = -1;
            char condition[POLICY_CONDITION_TEXT_MAX] = "", value[POLICY_VALUE_TEXT_MAX] = "";
            policy_explain_outcome(result, out->rules[k], row, &failed);
            if (failed >= 0) {
                policy_condition_text(rule->conditions, failed, condition, sizeof condition);
                policy_explain_value(result, out->rules[k], row, failed, value);
            }
            snprintf(text, sizeof text,
                     BF_TR("%s不符合 %s %s（%s）：条件 %s 不成立（实际：%s）",
                           "%sdoes not meet %s %s (%s): %s does not hold (found: %s)"),
                     used > 0 ? BF_TR("；", "; ") : "", document->number, rule->clause, rule->id,
                     condition, value);
        }
        reason_append(out->reason, sizeof out->reason, &used, text);
    }
out:
    policy_result_free(result);
    population_free(pop);
    return rc;
}

int certification_decide(store *st, const policy_set *set, certification_decision *decision,
                         int32_t day, certification_check *check, int64_t *batch, bf_error *err)
{
    memset(check, 0, sizeof *check);
    decision->rule[0] = '\0';
    int rc = certification_allowed(st, decision, err);
    if (rc != BF_OK)
        return rc;
    if (decision->action != CERTIFICATION_CERTIFY) {
        decision->exception[0] = '\0';
        return certification_record(st, decision, batch, err);
    }
    rc = certification_check_rule(st, set, decision->org_code, decision->carrier, day, check, err);
    size_t used = 0;
    for (int k = 0; rc == BF_OK && k < check->rule_count && used < sizeof decision->rule; k++)
        used += (size_t)snprintf(decision->rule + used, sizeof decision->rule - used, "%s%s",
                                 k > 0 ? "," : "", set->rules[check->rules[k]]->id);
    if (rc != BF_OK)
        return rc;
    if (!check->all_hold && decision->exception[0] == '\0') {
        check->refused = 1;
        return bf_error_set(err, BF_EINVAL, BF_TR("不予认定：%s", "not certified: %s"),
                            check->reason);
    }
    if (check->all_hold)
        decision->exception[0] = '\0'; /* the rule holds: no exception to record */
    return certification_record(st, decision, batch, err);
}

int certification_decisions_hold(const certification_decision *decisions, size_t count, int32_t day)
{
    certification_step steps[CERTIFICATION_DECISIONS_MAX];
    size_t n = 0;
    for (size_t i = 0; i < count && n < CERTIFICATION_DECISIONS_MAX; i++) {
        bf_date date;
        if (date_parse(decisions[i].decided_on, &date) == BF_OK)
            steps[n++] = (certification_step){(int32_t)date_to_days(date), decisions[i].action};
    }
    if (n == 0)
        return 0;
    certification_sequence_check(steps, n); /* sorts; an imported odd sequence still reads */
    return certification_held_on(steps, n, day);
}
