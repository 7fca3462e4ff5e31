/*
 * policy_eval.c - column-wise evaluation of benefits and statuses.
 *
 * Per rule: a selection vector of all rows of its unit; conditions filter it
 * cheapest first (each predicate is one loop over the surviving rows, the
 * switch outside the loop); survivors get their amount in fen; candidates
 * are then sorted by (person, payee, month) and the once / max_months /
 * max_per_year limits applied in one sweep.  not_with exclusions run last,
 * per person, over the finished grants.
 */
#include "policy/policy_eval_private.h"

#include "core/date.h"
#include "core/money.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many recent warnings are compared to drop a repeat. */
#define EVAL_WARNING_DEDUP 16

/* ---- result buffers ----------------------------------------------------- */

/* Grows *items (element size bytes) to hold one more; BF_ENOMEM/BF_ETOOBIG on failure. */
int eval_reserve(void *items_pointer, size_t *capacity, size_t count, size_t size, size_t max,
                 bf_error *err)
{
    void **items = items_pointer;
    if (count < *capacity)
        return BF_OK;
    if (*capacity >= max)
        return bf_error_set(err, BF_ETOOBIG,
                            BF_TR("计算结果超过上限 %zu 条", "more than %zu results"), max);
    size_t next = *capacity == 0 ? 256 : *capacity * 2;
    if (next > max)
        next = max;
    void *grown = realloc(*items, next * size);
    if (grown == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    *items = grown;
    *capacity = next;
    return BF_OK;
}

void eval_add_warning(eval_context *ctx, int32_t rule, int32_t person, const char *format, ...)
{
    policy_result *r = ctx->result;
    bf_error ignored;
    if (r->warning_count >= POLICY_WARNINGS_MAX ||
        eval_reserve(&r->warnings, &r->warning_capacity, r->warning_count, sizeof *r->warnings,
                     POLICY_WARNINGS_MAX, &ignored) != BF_OK) {
        r->warnings_dropped++;
        return;
    }
    policy_warning *w = &r->warnings[r->warning_count];
    w->rule = rule;
    w->person = person;
    va_list args;
    va_start(args, format);
    vsnprintf(w->message, sizeof w->message, format, args);
    va_end(args);
    /* The same warning for the same rule and person once only (among the last few). */
    for (size_t i = r->warning_count, seen = 0; i-- > 0 && seen < EVAL_WARNING_DEDUP; seen++) {
        const policy_warning *o = &r->warnings[i];
        if (o->rule != rule)
            break;
        if (o->person == person && strcmp(o->message, w->message) == 0)
            return;
    }
    r->warning_count++;
}

void policy_result_free(policy_result *result)
{
    if (result == NULL)
        return;
    free(result->grants);
    free(result->warnings);
    free(result->decisions);
    free(result->items);
    free(result->texts);
    free(result->statuses);
    explain_short_free(result->explanation);
    free(result);
}

const char *policy_outcome_text(policy_outcome outcome)
{
    static const char *const zh[POLICY_OUTCOME_COUNT] = {"不符合条件",
                                                         "享受",
                                                         "不在有效期或发放期内",
                                                         "无法计算金额（见警告）",
                                                         "已享受（一次性）",
                                                         "已达上限",
                                                         "非首次",
                                                         "不重复享受，已取较高者",
                                                         "成立"};
    static const char *const en[POLICY_OUTCOME_COUNT] = {
        "not eligible",
        "granted",
        "outside the validity or payment window",
        "no amount (see warnings)",
        "already granted (one-off)",
        "cap reached",
        "not the first time",
        "excluded: not together with a higher benefit",
        "holds"};
    if ((unsigned)outcome >= POLICY_OUTCOME_COUNT)
        return "?";
    return BF_TR(zh[outcome], en[outcome]);
}

/* ---- rows --------------------------------------------------------------- */

size_t eval_unit_rows(const eval_context *ctx, policy_unit unit)
{
    switch (unit) {
    case POLICY_UNIT_PERSON:
        return ctx->pop->people.count;
    case POLICY_UNIT_JOB:
        return ctx->pop->jobs.count;
    case POLICY_UNIT_TRAINING:
        return ctx->pop->trainings.count;
    default:
        return ctx->pop->orgs.count;
    }
}

int32_t eval_person_of(const eval_context *ctx, policy_unit unit, uint32_t row)
{
    switch (unit) {
    case POLICY_UNIT_PERSON:
        return (int32_t)row;
    case POLICY_UNIT_JOB:
        return ctx->pop->jobs.person[row];
    case POLICY_UNIT_TRAINING:
        return ctx->pop->trainings.person[row];
    default:
        return -1;
    }
}

void eval_init_rows(eval_context *ctx, policy_unit unit, const uint32_t *sel, size_t n)
{
    const population *pop = ctx->pop;
    for (size_t i = 0; i < n; i++) {
        uint32_t r = sel[i];
        switch (unit) {
        case POLICY_UNIT_JOB:
            ctx->met[r] = pop->jobs.start[r];
            ctx->from[r] = pop->jobs.start[r];
            ctx->to[r] = eval_min32(pop->jobs.end[r], ctx->period_to);
            break;
        case POLICY_UNIT_TRAINING:
            /* A training's one-offs are due when it ends (the certificate is obtained). */
            ctx->met[r] = pop->trainings.end[r];
            ctx->from[r] = pop->trainings.start[r];
            ctx->to[r] = pop->trainings.end[r];
            break;
        case POLICY_UNIT_ORG:
            ctx->met[r] = ctx->hire_met[r] != INT32_MIN ? ctx->hire_met[r] : ctx->period_from;
            ctx->from[r] = ctx->period_from;
            ctx->to[r] = ctx->period_to;
            break;
        default:
            ctx->met[r] = ctx->period_from;
            ctx->from[r] = ctx->period_from;
            ctx->to[r] = ctx->period_to;
            break;
        }
    }
}

/* Order of candidates for the limit sweep. */
static int compare_candidates(const void *a, const void *b)
{
    const policy_grant *x = a, *y = b;
    if (x->person != y->person)
        return x->person < y->person ? -1 : 1;
    if (x->payee != y->payee)
        return x->payee < y->payee ? -1 : 1;
    if (x->month != y->month)
        return x->month < y->month ? -1 : 1;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return 0;
}

/* Marks a dropped candidate's row unless another candidate of it was kept. */
static void drop_note(eval_context *ctx, const policy_grant *g, policy_outcome why)
{
    if (ctx->note[g->row] != POLICY_OUTCOME_GRANTED || why == POLICY_OUTCOME_GRANTED)
        ctx->note[g->row] = (uint8_t)why;
}

/*
 * per_day with max_days: at most max_days days per (person, payee) over all
 * rows, the earliest first; a row crossing the cap is paid for the days left
 * (its amount scaled by days left / days, exact when no cost cap applied).
 * grants[begin, end) are sorted; returns the new end.
 */
static size_t cap_days(eval_context *ctx, const policy_rule *rule, size_t begin, size_t end)
{
    policy_grant *g = ctx->result->grants;
    int max_days = rule->amount.max_days;
    if (max_days <= 0)
        return end;
    size_t out = begin;
    int used = 0;
    int32_t person = -1, payee = -1;
    for (size_t i = begin; i < end; i++) {
        policy_grant candidate = g[i];
        if (i == begin || candidate.person != person || candidate.payee != payee)
            used = 0;
        person = candidate.person;
        payee = candidate.payee;
        int left = max_days - used;
        if (left <= 0) {
            drop_note(ctx, &candidate, POLICY_OUTCOME_CAP);
            continue;
        }
        if (candidate.count > left) {
            /* left < count: the scaled amount is below fen, so it fits. */
            money_scale_round(candidate.fen, left, candidate.count, &candidate.fen);
            candidate.count = left;
        }
        used += candidate.count;
        g[out++] = candidate;
    }
    return out;
}

/*
 * Applies the per (person, payee) limits to the candidates at
 * grants[begin, end) in place; returns the new end.
 */
static size_t apply_limits(eval_context *ctx, const policy_rule *rule, size_t begin, size_t end)
{
    policy_grant *g = ctx->result->grants;
    size_t count = end - begin;
    int sorted = 1;
    for (size_t i = begin + 1; i < end && sorted; i++)
        if (compare_candidates(&g[i - 1], &g[i]) > 0)
            sorted = 0;
    if (!sorted && count > 1)
        qsort(g + begin, count, sizeof *g, compare_candidates);
    policy_rate rate = rule->has_amount ? rule->amount.rate : POLICY_RATE_ONCE;
    if (rate == POLICY_RATE_PER_DAY)
        return cap_days(ctx, rule, begin, end);
    /* Every row that produced a candidate first counts as dropped, kept ones win below. */
    for (size_t i = begin; i < end; i++)
        ctx->note[g[i].row] = POLICY_OUTCOME_ALREADY;
    size_t out = begin;
    size_t group = begin;
    while (group < end) {
        size_t next = group;
        while (next < end && g[next].person == g[group].person && g[next].payee == g[group].payee)
            next++;
        int kept = 0, year = -1, in_year = 0, last_month = -1, max_months = 0;
        if (rule->has_amount &&
            !eval_months_cap(ctx, (int)g[group].rule, (uint32_t)g[group].row, 0, &max_months))
            max_months = 0; /* not reached: rows without the parameter gave no candidates */
        for (size_t i = group; i < next; i++) {
            policy_grant candidate = g[i];
            int keep = 0;
            policy_outcome why = POLICY_OUTCOME_ALREADY;
            if (rate == POLICY_RATE_PER_MONTH || rate == POLICY_RATE_PER_YEAR ||
                rate == POLICY_RATE_PER_HOUR || rate == POLICY_RATE_PER_WORKED_MONTH) {
                if (candidate.month == last_month)
                    why = POLICY_OUTCOME_ALREADY;
                else if (max_months > 0 && kept >= max_months)
                    why = POLICY_OUTCOME_CAP;
                else
                    keep = 1;
            } else if (rule->has_amount && rule->amount.max_per_year > 0) {
                int this_year = candidate.month / 12;
                if (this_year != year) {
                    year = this_year;
                    in_year = 0;
                }
                if (in_year < rule->amount.max_per_year) {
                    keep = 1;
                    in_year++;
                } else
                    why = POLICY_OUTCOME_CAP;
            } else {
                keep = kept == 0;
            }
            if (keep) {
                kept++;
                last_month = candidate.month;
                ctx->note[candidate.row] = POLICY_OUTCOME_GRANTED;
                g[out++] = candidate;
            } else
                drop_note(ctx, &candidate, why);
        }
        group = next;
    }
    return out;
}

/*
 * first_time: keeps only rows that are their person's first (earliest start)
 * of the unit; with POLICY_FIRST_MATCHING, the first among the rows that meet
 * the rule's job_kind / training_kind conditions.  Returns the new count, or
 * (size_t)-1 when out of memory.
 */
static size_t keep_first_time(eval_context *ctx, const policy_rule *rule, uint32_t *sel, size_t n)
{
    const population *pop = ctx->pop;
    policy_unit unit = rule->unit;
    size_t kept = 0;
    uint8_t *matching = NULL;
    if (rule->amount.first_time == POLICY_FIRST_MATCHING) {
        size_t rows = eval_unit_rows(ctx, unit);
        uint32_t *all = malloc((rows > 0 ? rows : 1) * sizeof *all);
        matching = calloc(rows > 0 ? rows : 1, 1);
        if (all == NULL || matching == NULL) {
            free(all);
            free(matching);
            return (size_t)-1;
        }
        size_t m = rows;
        for (size_t i = 0; i < rows; i++)
            all[i] = (uint32_t)i;
        for (int c = 0; c < rule->condition_count; c++)
            if (rule->conditions[c].predicate == POLICY_PRED_JOB_KIND ||
                rule->conditions[c].predicate == POLICY_PRED_TRAINING_KIND)
                m = eval_filter(ctx, rule->conditions, c, unit, all, m, 0);
        for (size_t i = 0; i < m; i++)
            matching[all[i]] = 1;
        free(all);
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t r = sel[i];
        int32_t person = eval_person_of(ctx, unit, r);
        int first = 1;
        if (unit == POLICY_UNIT_JOB) {
            for (int32_t k = ctx->job_offsets[person]; k < ctx->job_offsets[person + 1]; k++) {
                int32_t j = ctx->job_rows[k];
                if (matching != NULL && !matching[j])
                    continue;
                if (pop->jobs.start[j] < pop->jobs.start[r] ||
                    (j < (int32_t)r && pop->jobs.start[j] == pop->jobs.start[r]))
                    first = 0;
            }
        } else if (unit == POLICY_UNIT_TRAINING) {
            for (int32_t k = ctx->training_offsets[person]; k < ctx->training_offsets[person + 1];
                 k++) {
                int32_t t = ctx->training_rows[k];
                if (matching != NULL && !matching[t])
                    continue;
                if (pop->trainings.start[t] < pop->trainings.start[r] ||
                    (t < (int32_t)r && pop->trainings.start[t] == pop->trainings.start[r]))
                    first = 0;
            }
        }
        if (first)
            sel[kept++] = r;
        else
            ctx->note[r] = POLICY_OUTCOME_NOT_FIRST;
    }
    free(matching);
    return kept;
}

/* Adds a status holding to the result. */
static int add_status(eval_context *ctx, int32_t rule, int32_t row, bf_error *err)
{
    policy_result *r = ctx->result;
    int rc = eval_reserve(&r->statuses, &r->status_capacity, r->status_count, sizeof *r->statuses,
                          POLICY_GRANTS_MAX, err);
    if (rc != BF_OK)
        return rc;
    r->statuses[r->status_count++] = (policy_status_holding){rule, row};
    return BF_OK;
}

/* Frees the provider_job columns of the previous rule. */
static void free_provider_jobs(eval_context *ctx)
{
    for (int i = 0; i < POLICY_CONDITIONS_MAX; i++) {
        free(ctx->provider_job_met[i]);
        ctx->provider_job_met[i] = NULL;
    }
    ctx->provider_job_items = NULL;
}

/*
 * For each provider_job condition of rule: its nested job conditions over all
 * jobs, time applied (job_months_at_least by the period's end), giving per
 * job the day they are all met (INT32_MIN: they do not hold).  Runs before
 * the rule's own rows are initialised, as the hires count does, since it
 * uses the same met/from/to columns.
 */
static int eval_provider_jobs(eval_context *ctx, const policy_rule *rule, uint32_t *sel,
                              bf_error *err)
{
    free_provider_jobs(ctx);
    ctx->provider_job_items = rule->conditions;
    size_t jobs = ctx->pop->jobs.count;
    for (int c = 0; c < rule->condition_total; c++) {
        const policy_condition *condition = &rule->conditions[c];
        if (condition->predicate != POLICY_PRED_PROVIDER_JOB)
            continue;
        int32_t *met = malloc((jobs > 0 ? jobs : 1) * sizeof *met);
        if (met == NULL)
            return bf_error_set(err, BF_ENOMEM, NULL);
        ctx->provider_job_met[c] = met;
        size_t n = jobs;
        for (size_t j = 0; j < jobs; j++) {
            sel[j] = (uint32_t)j;
            met[j] = INT32_MIN;
        }
        eval_init_rows(ctx, POLICY_UNIT_JOB, sel, n);
        for (int k = 0; k < condition->child_count && n > 0; k++)
            n = eval_filter(ctx, rule->conditions, condition->children[k], POLICY_UNIT_JOB, sel, n,
                            1);
        for (size_t i = 0; i < n; i++)
            met[sel[i]] = ctx->met[sel[i]];
    }
    return BF_OK;
}

/*
 * A status certifying carriers (rule->certifies): an org lying where the rule's document
 * applies and holding certifications of those kinds holds the status exactly when one of them
 * covers the period's last day, whatever the conditions say (the decision taken, exceptions
 * included, is what counts once it is recorded); other orgs keep the conditions' result.
 */
static int apply_certifications(eval_context *ctx, const policy_rule *rule, uint8_t *holds,
                                bf_error *err)
{
    enum { UNDECIDED, DECIDED, HELD };
    const population_certifications *c = &ctx->pop->certifications;
    const population_orgs *orgs = &ctx->pop->orgs;
    int64_t region = rule->document >= 0 ? ctx->set->documents[rule->document].region : 0;
    uint8_t *decided = calloc(orgs->count > 0 ? orgs->count : 1, 1);
    if (decided == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    for (size_t i = 0; i < c->count; i++) {
        int32_t o = c->org[i];
        if (!(rule->certifies & ((uint32_t)1 << c->kind[i])) ||
            !population_region_within(orgs->region[o], region))
            continue;
        if (c->from[i] <= ctx->period_to && ctx->period_to <= c->to[i])
            decided[o] = HELD;
        else if (decided[o] == UNDECIDED)
            decided[o] = DECIDED;
    }
    for (size_t o = 0; o < orgs->count; o++)
        if (decided[o] != UNDECIDED)
            holds[o] = decided[o] == HELD;
    free(decided);
    return BF_OK;
}

/* Evaluates one rule over its unit; sel is scratch of the largest table's size. */
static int evaluate_rule(eval_context *ctx, int rule_index, uint32_t *sel, size_t *range_begin,
                         size_t *range_end, bf_error *err)
{
    const policy_rule *rule = ctx->set->rules[rule_index];
    size_t rows = eval_unit_rows(ctx, rule->unit);
    int rc = BF_OK;
    ctx->current_rule = rule_index;
    if (rule->unit == POLICY_UNIT_ORG) {
        rc = eval_count_hires(ctx, rule, err);
        if (rc == BF_OK)
            rc = eval_count_residents(ctx, rule, err);
        if (rc != BF_OK)
            return rc;
    }
    rc = eval_provider_jobs(ctx, rule, sel, err);
    if (rc != BF_OK)
        return rc;
    size_t n = rows;
    for (size_t i = 0; i < rows; i++) {
        sel[i] = (uint32_t)i;
        ctx->note[i] = POLICY_OUTCOME_NOT_ELIGIBLE;
    }
    eval_init_rows(ctx, rule->unit, sel, n);
    int order[POLICY_CONDITIONS_MAX];
    int count = eval_condition_order(rule, order);
    ctx->warn_rule = rule_index;
    for (int k = 0; k < count && n > 0; k++) {
        if (ctx->failed != NULL) /* the rows this condition drops failed it first */
            for (size_t i = 0; i < n; i++)
                ctx->failed[sel[i]] = (uint8_t)order[k];
        n = eval_filter(ctx, rule->conditions, order[k], rule->unit, sel, n, 1);
    }
    ctx->warn_rule = -1;
    if (rule->is_status) {
        uint8_t *holds = calloc(rows > 0 ? rows : 1, 1);
        if (holds == NULL)
            return bf_error_set(err, BF_ENOMEM, NULL);
        ctx->status[rule_index] = holds;
        for (size_t i = 0; i < n; i++)
            holds[sel[i]] = 1;
        if (rule->certifies != 0 && (rc = apply_certifications(ctx, rule, holds, err)) != BF_OK)
            return rc;
        for (size_t row = 0; row < rows; row++) {
            if (!holds[row])
                continue;
            ctx->note[row] = POLICY_OUTCOME_HOLDS;
            rc = add_status(ctx, rule_index, (int32_t)row, err);
            if (rc != BF_OK)
                return rc;
        }
        return BF_OK;
    }
    if (rule->has_amount && rule->amount.first_time) {
        n = keep_first_time(ctx, rule, sel, n);
        if (n == (size_t)-1)
            return bf_error_set(err, BF_ENOMEM, NULL);
    }
    size_t begin = ctx->result->grant_count;
    for (size_t i = 0; i < n; i++) {
        rc = eval_row_candidates(ctx, rule_index, sel[i], err);
        if (rc != BF_OK)
            return rc;
    }
    size_t end = apply_limits(ctx, rule, begin, ctx->result->grant_count);
    ctx->result->grant_count = end;
    *range_begin = begin;
    *range_end = end;
    return BF_OK;
}

/* Order of (person, payee) keys; payee -1 stands for any payee (not_with per person). */
static int key_before(int32_t person, int32_t payee, const policy_grant *g)
{
    return g->person < person || (g->person == person && payee >= 0 && g->payee < payee);
}
static int key_equal(int32_t person, int32_t payee, const policy_grant *g)
{
    return g->person == person && (payee < 0 || g->payee == payee);
}

/*
 * Sum of the non-excluded grants of a person (and payee, unless -1) in
 * grants[from, to) (sorted by person, then payee) into *total; BF_EOVERFLOW
 * when it does not fit.
 */
static int person_total(const policy_grant *g, size_t *cursor, size_t to, int32_t person,
                        int32_t payee, size_t *first, size_t *last, int64_t *total)
{
    while (*cursor < to && key_before(person, payee, &g[*cursor]))
        (*cursor)++;
    *first = *cursor;
    int rc = BF_OK;
    *total = 0;
    while (*cursor < to && key_equal(person, payee, &g[*cursor])) {
        if (rc == BF_OK && g[*cursor].excluded_by < 0 && g[*cursor].fen > 0)
            rc = money_add(*total, g[*cursor].fen, total);
        (*cursor)++;
    }
    *last = *cursor;
    return rc;
}

/*
 * not_with: for each pair of benefits and each person (with
 * not_with_per_payee: each person and payee, the same hire) who has grants
 * of both, the one with the lower total is excluded (on a tie, the one
 * loaded later).  ranges[] holds each rule's [begin, end) in the grants,
 * sorted by person, then payee.  BF_EOVERFLOW with err when a total does
 * not fit.
 */
static int apply_exclusions(eval_context *ctx, const size_t (*ranges)[2], bf_error *err)
{
    const policy_set *set = ctx->set;
    policy_grant *g = ctx->result->grants;
    for (int a = 0; a < set->rule_count; a++) {
        const policy_rule *rule = set->rules[a];
        for (int k = 0; k < rule->not_with_count; k++) {
            int b = rule->not_with_rule[k];
            if (b < 0)
                continue;
            size_t ca = ranges[a][0], cb = ranges[b][0];
            while (ca < ranges[a][1]) {
                int32_t person = g[ca].person;
                int32_t payee = rule->not_with_per_payee ? g[ca].payee : -1;
                size_t fa, la, fb, lb;
                int64_t ta = 0, tb = 0;
                if (person_total(g, &ca, ranges[a][1], person, payee, &fa, &la, &ta) != BF_OK)
                    return eval_overflow_error(ctx, a, (uint32_t)g[fa].row, err);
                if (person_total(g, &cb, ranges[b][1], person, payee, &fb, &lb, &tb) != BF_OK)
                    return eval_overflow_error(ctx, b, (uint32_t)g[fb].row, err);
                if (person < 0 || la == fa || lb == fb || ta <= 0 || tb <= 0)
                    continue;
                int a_wins = ta > tb || (ta == tb && a < b);
                size_t from = a_wins ? fb : fa, to = a_wins ? lb : la;
                for (size_t i = from; i < to; i++)
                    if (g[i].excluded_by < 0)
                        g[i].excluded_by = a_wins ? a : b;
            }
        }
    }
    return BF_OK;
}

/*
 * Groups the rows of a table by person (a counting sort): rows of person p
 * are rows[offsets[p] .. offsets[p + 1]).  Both arrays are allocated here.
 */
static int index_by_person(const int32_t *person_of_row, size_t count, size_t people,
                           int32_t **offsets_out, int32_t **rows_out, bf_error *err)
{
    int32_t *offsets = calloc(people + 1, sizeof *offsets);
    int32_t *rows = malloc((count > 0 ? count : 1) * sizeof *rows);
    int32_t *fill = malloc((people + 1) * sizeof *fill);
    *offsets_out = offsets;
    *rows_out = rows;
    if (offsets == NULL || rows == NULL || fill == NULL) {
        free(fill);
        return bf_error_set(err, BF_ENOMEM, NULL);
    }
    for (size_t j = 0; j < count; j++)
        offsets[person_of_row[j] + 1]++;
    for (size_t p = 0; p < people; p++)
        offsets[p + 1] += offsets[p];
    memcpy(fill, offsets, (people + 1) * sizeof *fill);
    for (size_t j = 0; j < count; j++)
        rows[fill[person_of_row[j]]++] = (int32_t)j;
    free(fill);
    return BF_OK;
}

int policy_evaluate(const policy_set *set, const population *pop,
                    const policy_eval_options *options, policy_result **out, bf_error *err)
{
    return policy_evaluate_until(set, pop, options, 0, out, err);
}

int policy_evaluate_until(const policy_set *set, const population *pop,
                          const policy_eval_options *options, int32_t day_to, policy_result **out,
                          bf_error *err)
{
    int rc = BF_OK;
    uint32_t *sel = NULL;
    size_t(*ranges)[2] = NULL;
    if (set->status_order_count < 0)
        return bf_error_set(err, BF_EINVAL,
                            BF_TR("政策集尚未解析（policy_set_resolve）",
                                  "the policy set is not resolved (policy_set_resolve)"));
    eval_context ctx = {.set = set, .pop = pop, .options = options, .warn_rule = -1};
    ctx.result = calloc(1, sizeof *ctx.result);
    size_t rows = pop->people.count;
    if (pop->jobs.count > rows)
        rows = pop->jobs.count;
    if (pop->trainings.count > rows)
        rows = pop->trainings.count;
    if (pop->orgs.count > rows)
        rows = pop->orgs.count;
    if (rows == 0)
        rows = 1;
    size_t orgs = pop->orgs.count > 0 ? pop->orgs.count : 1;
    sel = malloc(rows * sizeof *sel);
    ctx.met = malloc(rows * sizeof *ctx.met);
    ctx.from = malloc(rows * sizeof *ctx.from);
    ctx.to = malloc(rows * sizeof *ctx.to);
    ctx.note = malloc(rows);
    ctx.hires = calloc(orgs, sizeof *ctx.hires);
    ctx.hire_met = malloc(orgs * sizeof *ctx.hire_met);
    ctx.residents = calloc(orgs, sizeof *ctx.residents);
    ctx.status = calloc((size_t)set->rule_count + 1, sizeof *ctx.status);
    ranges = calloc((size_t)set->rule_count + 1, sizeof *ranges);
    if (ctx.result == NULL || sel == NULL || ctx.met == NULL || ctx.from == NULL ||
        ctx.to == NULL || ctx.note == NULL || ctx.hires == NULL || ctx.hire_met == NULL ||
        ctx.residents == NULL || ctx.status == NULL || ranges == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    for (size_t o = 0; o < orgs; o++)
        ctx.hire_met[o] = INT32_MIN;
    ctx.period_from = (int32_t)date_to_days(date_month_first_day(options->month_from));
    ctx.period_to = (int32_t)date_to_days(date_month_last_day(options->month_to));
    if (day_to != 0 && day_to < ctx.period_to && day_to >= ctx.period_from)
        ctx.period_to = day_to;
    rc = index_by_person(pop->jobs.person, pop->jobs.count, pop->people.count, &ctx.job_offsets,
                         &ctx.job_rows, err);
    if (rc == BF_OK)
        rc = index_by_person(pop->trainings.person, pop->trainings.count, pop->people.count,
                             &ctx.training_offsets, &ctx.training_rows, err);
    if (rc == BF_OK)
        rc = index_by_person(pop->enrolments.person, pop->enrolments.count, pop->people.count,
                             &ctx.enrolment_offsets, &ctx.enrolment_rows, err);
    if (rc == BF_OK && options->explain == POLICY_EXPLAIN_SHORT)
        rc = explain_short_begin(&ctx, rows, err);
    if (rc != BF_OK)
        goto out;
    /* Statuses first, each after those it tests (benefits may test any), then benefits in
       load order. */
    for (int k = 0; k < set->status_order_count + set->rule_count; k++) {
        int r = k < set->status_order_count ? set->status_order[k] : k - set->status_order_count;
        if (k >= set->status_order_count && set->rules[r]->is_status)
            continue;
        rc = evaluate_rule(&ctx, r, sel, &ranges[r][0], &ranges[r][1], err);
        if (rc == BF_OK && options->explain == POLICY_EXPLAIN_FULL)
            rc = explain_rule(&ctx, r, err);
        if (rc == BF_OK && options->explain == POLICY_EXPLAIN_SHORT)
            rc = explain_short_rule(&ctx, r, err);
        if (rc != BF_OK)
            goto out;
    }
    rc = apply_exclusions(&ctx, (const size_t(*)[2])ranges, err);
    if (rc != BF_OK)
        goto out;
    if (options->explain == POLICY_EXPLAIN_FULL) {
        rc = explain_outcomes(&ctx, err);
        if (rc != BF_OK)
            goto out;
    }
    if (options->explain == POLICY_EXPLAIN_SHORT)
        explain_short_finish(&ctx);
    *out = ctx.result;
    ctx.result = NULL;
out:
    free_provider_jobs(&ctx);
    policy_result_free(ctx.result);
    if (ctx.status != NULL)
        for (int r = 0; r < set->rule_count; r++)
            free(ctx.status[r]);
    free(ctx.status);
    free(ranges);
    free(sel);
    free(ctx.met);
    free(ctx.from);
    free(ctx.to);
    free(ctx.note);
    free(ctx.failed);
    free(ctx.hires);
    free(ctx.hire_met);
    free(ctx.residents);
    free(ctx.job_offsets);
    free(ctx.job_rows);
    free(ctx.training_offsets);
    free(ctx.training_rows);
    free(ctx.enrolment_offsets);
    free(ctx.enrolment_rows);
    return rc;
}

static int compare_output(const void *a, const void *b)
{
    const policy_grant *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->month != y->month)
        return x->month < y->month ? -1 : 1;
    if (x->rule != y->rule)
        return x->rule < y->rule ? -1 : 1;
    if (x->payee != y->payee)
        return x->payee < y->payee ? -1 : 1;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return 0;
}

/*
 * Sorts grants[0, count) by rank with a counting sort into spare (count
 * grants), then each rank's few grants by compare_output with an insertion
 * sort: linear, where qsort of a million grants took a tenth of calc's time.
 * 0 when the ranks spread too far for their counts (the caller qsorts).
 */
static int sort_by_rank(policy_grant *grants, size_t count, policy_grant *spare)
{
    int64_t max_rank = 0;
    for (size_t i = 0; i < count; i++) {
        if (grants[i].rank < 0)
            return 0;
        if (grants[i].rank > max_rank)
            max_rank = grants[i].rank;
    }
    if ((uint64_t)max_rank > (uint64_t)count * 4 + 1024)
        return 0;
    size_t *starts = calloc((size_t)max_rank + 2, sizeof *starts);
    if (starts == NULL)
        return 0;
    for (size_t i = 0; i < count; i++)
        starts[grants[i].rank + 1]++;
    for (int64_t r = 0; r <= max_rank; r++)
        starts[r + 1] += starts[r];
    for (size_t i = 0; i < count; i++)
        spare[starts[grants[i].rank]++] = grants[i];
    free(starts);
    for (size_t i = 1; i < count; i++) {
        policy_grant g = spare[i];
        size_t j = i;
        for (; j > 0 && spare[j - 1].rank == g.rank && compare_output(&spare[j - 1], &g) > 0; j--)
            spare[j] = spare[j - 1];
        spare[j] = g;
    }
    memcpy(grants, spare, count * sizeof *grants);
    return 1;
}

void policy_result_sort(policy_result *result)
{
    if (result->grant_count <= 1)
        return;
    policy_grant *spare = malloc(result->grant_count * sizeof *spare);
    if (spare == NULL || !sort_by_rank(result->grants, result->grant_count, spare))
        qsort(result->grants, result->grant_count, sizeof *result->grants, compare_output);
    free(spare);
}

/* Keeps the grants, decisions and warnings of person (a row of people) only. */
void policy_result_keep_person(policy_result *result, int32_t person)
{
    size_t kept = 0;
    for (size_t i = 0; i < result->grant_count; i++)
        if (result->grants[i].person == person)
            result->grants[kept++] = result->grants[i];
    result->grant_count = kept;
    kept = 0;
    for (size_t i = 0; i < result->decision_count; i++)
        if (result->decisions[i].person == person)
            result->decisions[kept++] = result->decisions[i];
    result->decision_count = kept;
    kept = 0;
    for (size_t i = 0; i < result->warning_count; i++)
        if (result->warnings[i].person == person)
            result->warnings[kept++] = result->warnings[i];
    result->warning_count = kept;
}
