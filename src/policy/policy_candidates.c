/*
 * policy_candidates.c - the candidate grants of one rule's surviving rows:
 * each row's amount in fen (values, parameters, per-region tables, per-day
 * and per-head amounts, caps by cost, with checked arithmetic), its payee and
 * its months, for the limit sweep of policy_eval.c.
 */
#include "policy/policy_eval_private.h"

#include "core/date.h"
#include "core/money.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- amounts ------------------------------------------------------------ */

/*
 * The error for an amount of rule for row that does not fit in int64 fen
 * (checked arithmetic: never a wrapped amount).
 */
int eval_overflow_error(const eval_context *ctx, int rule_index, uint32_t row, bf_error *err)
{
    const policy_rule *rule = ctx->set->rules[rule_index];
    int32_t person = eval_person_of(ctx, rule->unit, row);
    const char *who = person >= 0 ? ctx->pop->people.id[person] : ctx->pop->orgs.id[row];
    return bf_error_set(err, BF_EOVERFLOW,
                        BF_TR("%s（%s）：%s 的金额超出可计算的范围，不予计算",
                              "%s (%s): the amount for %s is out of the computable range"),
                        rule->id, rule->clause, who);
}

/* The region of a unit row itself (workplace, training place, org, hukou). */
int64_t eval_row_region(const eval_context *ctx, policy_unit unit, uint32_t row)
{
    switch (unit) {
    case POLICY_UNIT_JOB:
        return ctx->pop->jobs.region[row];
    case POLICY_UNIT_TRAINING:
        return ctx->pop->trainings.region[row];
    case POLICY_UNIT_ORG:
        return ctx->pop->orgs.region[row];
    default:
        return ctx->pop->people.hukou[row];
    }
}

/*
 * The region a rule's parameters are looked up at for a row: the first of
 * the row's own region, the paying org's region and the person's hukou that
 * lies within the document's region (the "local" standard is the one of the
 * place, inside the issuing authority's jurisdiction, the row is tied to);
 * when none does, the row's own region.
 */
int64_t eval_lookup_region(const eval_context *ctx, const policy_rule *rule, uint32_t row)
{
    const population *pop = ctx->pop;
    int64_t own = eval_row_region(ctx, rule->unit, row);
    if (rule->document < 0)
        return own;
    int64_t jurisdiction = ctx->set->documents[rule->document].region;
    int64_t candidates[3] = {own, 0, 0};
    int32_t org = POPULATION_NONE;
    if (rule->payee == POLICY_PAYEE_EMPLOYER)
        org = eval_employer_of(ctx, rule->unit, row);
    else if (rule->payee == POLICY_PAYEE_AGENCY)
        org = pop->jobs.agency[row];
    if (org != POPULATION_NONE)
        candidates[1] = pop->orgs.region[org];
    int32_t person = eval_person_of(ctx, rule->unit, row);
    if (person >= 0)
        candidates[2] = pop->people.hukou[person];
    for (int i = 0; i < 3; i++)
        if (candidates[i] != 0 && population_region_within(candidates[i], jurisdiction))
            return candidates[i];
    return own;
}

/*
 * The value of rule's amount for row at day (per day for per_day rules), in
 * fen.  Returns 1; 0 with a warning when it cannot be known; BF_EOVERFLOW
 * with err.
 */
static int value_of(eval_context *ctx, int rule_index, const policy_value *v, uint32_t row,
                    int32_t day, int64_t *fen, bf_error *err)
{
    const policy_rule *rule = ctx->set->rules[rule_index];
    const population *pop = ctx->pop;
    int32_t person = eval_person_of(ctx, rule->unit, row);
    switch (v->kind) {
    case POLICY_VALUE_FIXED:
        *fen = v->fen;
        return 1;
    case POLICY_VALUE_BY_LOCATION: {
        policy_location where = eval_location_of(pop->jobs.region[row], pop->people.hukou[person]);
        *fen = v->tiers[where];
        if (*fen == POLICY_FEN_NONE) {
            eval_add_warning(
                ctx, rule_index, person,
                BF_TR("%s（%s）没有“%s”这一档的金额，不计金额", "%s (%s) gives no amount for '%s'"),
                rule->id, rule->clause, policy_location_name(where));
            return 0;
        }
        return 1;
    }
    case POLICY_VALUE_BY_CERTIFICATE: {
        int level = pop->trainings.certificate[row];
        *fen = v->tiers[level];
        if (*fen == POLICY_FEN_NONE) {
            eval_add_warning(ctx, rule_index, person,
                             BF_TR("%s（%s）没有证书等级“%s”的金额，不计金额",
                                   "%s (%s) gives no amount for certificate level '%s'"),
                             rule->id, rule->clause, population_certificate_name(level));
            return 0;
        }
        return 1;
    }
    case POLICY_VALUE_BY_HIRES: {
        int32_t hires = ctx->hires[row];
        int step = -1;
        for (int k = 0; k < v->step_count; k++)
            if (hires >= v->step_at_least[k])
                step = k;
        if (step < 0) {
            eval_add_warning(ctx, rule_index, person,
                             BF_TR("%s（%s）：吸纳 %d 人，低于最低一档，不计金额",
                                   "%s (%s): %d hires, below the lowest step: no amount"),
                             rule->id, rule->clause, hires);
            return 0;
        }
        if (v->step_parameter[step] < 0) {
            *fen = v->step_fen[step];
            return 1;
        }
        const policy_parameter *parameter = &ctx->set->parameters[v->step_parameter[step]];
        int64_t region = eval_lookup_region(ctx, rule, row);
        if (policy_parameter_lookup(parameter, region, day, fen) != BF_OK) {
            char code[16], date[BF_DATE_TEXT_MAX];
            population_region_format(region, code);
            date_format(date_from_days(day), date);
            eval_add_warning(
                ctx, rule_index, person,
                BF_TR("参数 %s（%s）在地区 %s、日期 %s 没有取值，%s（%s）不计金额",
                      "parameter %s (%s) has no value for region %s on %s: no amount for %s (%s)"),
                parameter->name, parameter->title, code, date, rule->id, rule->clause);
            return 0;
        }
        return 1;
    }
    case POLICY_VALUE_PARAMETER: {
        const policy_parameter *parameter = &ctx->set->parameters[v->parameter];
        int64_t region = eval_lookup_region(ctx, rule, row);
        int64_t base = 0;
        if (policy_parameter_lookup(parameter, region, day, &base) != BF_OK) {
            char code[16], date[BF_DATE_TEXT_MAX];
            population_region_format(region, code);
            date_format(date_from_days(day), date);
            eval_add_warning(
                ctx, rule_index, person,
                BF_TR("参数 %s（%s）在地区 %s、日期 %s 没有取值，%s（%s）不计金额",
                      "parameter %s (%s) has no value for region %s on %s: no amount for %s (%s)"),
                parameter->name, parameter->title, code, date, rule->id, rule->clause);
            return 0;
        }
        int64_t per = v->days_per_month_hundredths > 0 ? 100 * v->days_per_month_hundredths : 10000;
        if (money_scale_round(base, v->percent_hundredths, per, fen) != BF_OK)
            return eval_overflow_error(ctx, rule_index, row, err);
        return 1;
    }
    }
    return 0;
}

/*
 * The rate of rule's amount for row at day, capped by at_most: 1; 0 (with a
 * warning) when unknown; BF_EOVERFLOW with err.
 */
static int value_fen(eval_context *ctx, int rule_index, uint32_t row, int32_t day, int64_t *fen,
                     bf_error *err)
{
    const policy_amount *a = &ctx->set->rules[rule_index]->amount;
    int got = value_of(ctx, rule_index, &a->value, row, day, fen, err);
    if (got <= 0)
        return got;
    if (a->has_at_most) {
        int64_t cap = 0;
        got = value_of(ctx, rule_index, &a->at_most, row, day, &cap, err);
        if (got <= 0)
            return got;
        if (cap < *fen)
            *fen = cap;
    }
    return 1;
}

/* Applies up_to_cost; 0 with a warning when the cost is not known. */
static int cap_by_cost(eval_context *ctx, int rule_index, uint32_t row, int64_t *fen)
{
    const policy_rule *rule = ctx->set->rules[rule_index];
    if (rule->amount.up_to_cost == POLICY_COST_NONE)
        return 1;
    int64_t cost = rule->amount.up_to_cost == POLICY_COST_TRAVEL ? ctx->pop->jobs.travel_cost[row]
                                                                 : ctx->pop->trainings.cost[row];
    if (cost == POPULATION_FEN_UNKNOWN) {
        eval_add_warning(
            ctx, rule_index, eval_person_of(ctx, rule->unit, row),
            BF_TR("%s（%s）按实际费用封顶，但缺少实际费用（%s），不计金额",
                  "%s (%s) is capped at the actual cost, which is missing (%s): no amount"),
            rule->id, rule->clause,
            rule->amount.up_to_cost == POLICY_COST_TRAVEL ? "travel_cost" : "cost");
        return 0;
    }
    if (cost < *fen)
        *fen = cost;
    return 1;
}

/* The payee row of a grant, or -1 (with a warning) when there is none. */
static int32_t payee_of(eval_context *ctx, int rule_index, uint32_t row)
{
    const policy_rule *rule = ctx->set->rules[rule_index];
    int32_t payee = -1;
    switch (rule->payee) {
    case POLICY_PAYEE_PERSON:
        payee = eval_person_of(ctx, rule->unit, row);
        break;
    case POLICY_PAYEE_EMPLOYER:
        payee = eval_employer_of(ctx, rule->unit, row);
        break;
    case POLICY_PAYEE_AGENCY:
        payee = ctx->pop->jobs.agency[row];
        break;
    case POLICY_PAYEE_ORG:
        payee = (int32_t)row;
        break;
    default:
        break;
    }
    if (payee < 0)
        eval_add_warning(ctx, rule_index, eval_person_of(ctx, rule->unit, row),
                         BF_TR("%s（%s）的领取单位（%s）未填写，不计金额",
                               "%s (%s): the payee (%s) is not given: no amount"),
                         rule->id, rule->clause, policy_payee_name(rule->payee));
    return payee;
}

/* Appends a candidate grant. */
static int add_grant(eval_context *ctx, const policy_grant *grant, bf_error *err)
{
    policy_result *r = ctx->result;
    int rc = eval_reserve(&r->grants, &r->grant_capacity, r->grant_count, sizeof *r->grants,
                          POLICY_GRANTS_MAX, err);
    if (rc != BF_OK)
        return rc;
    r->grants[r->grant_count++] = *grant;
    return BF_OK;
}

/*
 * One grant of row in month at the rate on day (per_hour: times the job's
 * hours a month).  Returns 1 when added; BF_OK (0) when the rate is not
 * known (the row's note says so, warned; no further month is tried); an
 * error code.
 */
static int add_month_grant(eval_context *ctx, int rule_index, uint32_t row, policy_grant *grant,
                           int32_t day, int month, bf_error *err)
{
    int64_t fen = POLICY_FEN_NONE;
    int got = value_fen(ctx, rule_index, row, day, &fen, err);
    if (got <= 0) {
        ctx->note[row] = POLICY_OUTCOME_NO_AMOUNT;
        return got;
    }
    if (ctx->set->rules[rule_index]->amount.rate == POLICY_RATE_PER_HOUR) {
        /* rate × hours a month, hours in tenths, rounded half up to the fen */
        if (money_scale_round(fen, ctx->pop->jobs.hours_tenths[row], 10, &fen) != BF_OK)
            return eval_overflow_error(ctx, rule_index, row, err);
        grant->count = ctx->pop->jobs.hours_tenths[row];
    }
    grant->month = month;
    grant->fen = fen;
    int rc = add_grant(ctx, grant, err);
    if (rc != BF_OK)
        return rc;
    ctx->note[row] = POLICY_OUTCOME_GRANTED;
    return 1;
}

/*
 * The months cap of rule for row: max_months, or its months parameter at the
 * row's parameter region on the row's first day; 0 (with a warning when
 * warn) when the parameter has no value there.
 */
int eval_months_cap(eval_context *ctx, int rule_index, uint32_t row, int warn, int *cap)
{
    const policy_rule *rule = ctx->set->rules[rule_index];
    *cap = rule->amount.max_months;
    if (rule->amount.max_months_parameter < 0)
        return 1;
    const policy_parameter *parameter = &ctx->set->parameters[rule->amount.max_months_parameter];
    int64_t region = eval_lookup_region(ctx, rule, row), value = 0;
    if (policy_parameter_lookup(parameter, region, ctx->from[row], &value) != BF_OK) {
        if (warn) {
            char code[16], date[BF_DATE_TEXT_MAX];
            population_region_format(region, code);
            date_format(date_from_days(ctx->from[row]), date);
            eval_add_warning(ctx, rule_index, eval_person_of(ctx, rule->unit, row),
                             BF_TR("期限参数 %s（%s）在地区 %s、日期 %s 没有取值，%s（%s）不计金额",
                                   "months parameter %s (%s) has no value for region %s on %s: no "
                                   "amount for %s (%s)"),
                             parameter->name, parameter->title, code, date, rule->id, rule->clause);
        }
        return 0;
    }
    *cap = (int)((value + 99) / 100); /* whole months */
    return 1;
}

/*
 * The candidates of one row: one for once/per_day, one per counted month for
 * per_month.  Sets ctx->note[row].
 */
int eval_row_candidates(eval_context *ctx, int rule_index, uint32_t row, bf_error *err)
{
    const policy_rule *rule = ctx->set->rules[rule_index];
    const policy_amount *a = &rule->amount;
    int32_t valid_from = rule->valid_from, valid_to = rule->valid_to; /* without the period */
    int32_t window_from = eval_max32(rule->valid_from, ctx->period_from);
    int32_t window_to = eval_min32(rule->valid_to, ctx->period_to);
    int month_from = date_month_index(date_from_days(window_from));
    int month_to = date_month_index(date_from_days(window_to));
    if (rule->has_amount) {
        if (a->months_from > month_from)
            month_from = a->months_from;
        if (a->months_to < month_to)
            month_to = a->months_to;
    }
    policy_grant grant = {.rule = rule_index,
                          .person = eval_person_of(ctx, rule->unit, row),
                          .row = (int32_t)row,
                          .excluded_by = -1};
    if (rule->valid_parameter >= 0) {
        /* The window is a parameter by region (e.g. the epidemic period): no value, no grant. */
        const policy_parameter *parameter = &ctx->set->parameters[rule->valid_parameter];
        int64_t region = eval_lookup_region(ctx, rule, row);
        int32_t from = 0, to = 0;
        if (policy_parameter_window(parameter, region, &from, &to) != BF_OK) {
            char code[16];
            population_region_format(region, code);
            eval_add_warning(
                ctx, rule_index, grant.person,
                BF_TR("期间参数 %s（%s）在地区 %s 没有取值，%s（%s）不予计算",
                      "window parameter %s (%s) has no value for region %s: %s (%s) not computed"),
                parameter->name, parameter->title, code, rule->id, rule->clause);
            ctx->note[row] = POLICY_OUTCOME_NO_AMOUNT;
            return BF_OK;
        }
        window_from = eval_max32(window_from, from);
        window_to = eval_min32(window_to, to);
        valid_from = eval_max32(valid_from, from);
        valid_to = eval_min32(valid_to, to);
        month_from = eval_max32(month_from, date_month_index(date_from_days(window_from)));
        month_to = eval_min32(month_to, date_month_index(date_from_days(window_to)));
    }
    ctx->note[row] = POLICY_OUTCOME_OUTSIDE_WINDOW;
    if (month_from > month_to || window_from > window_to)
        return BF_OK;
    int32_t payee = payee_of(ctx, rule_index, row);
    if (payee < 0) {
        ctx->note[row] = POLICY_OUTCOME_NO_AMOUNT;
        return BF_OK;
    }
    grant.payee = payee;
    grant.rank = grant.person >= 0 ? grant.person : (int64_t)ctx->pop->people.count + payee;
    if (rule->has_amount && a->rate == POLICY_RATE_PER_HOUR &&
        ctx->pop->jobs.hours_tenths[row] == POPULATION_COUNT_UNKNOWN) {
        eval_add_warning(
            ctx, rule_index, grant.person,
            BF_TR("%s（%s）按小时计，但工作未填每月小时数（hours_per_month），不计金额",
                  "%s (%s) is paid by the hour but the job has no hours_per_month: no amount"),
            rule->id, rule->clause);
        ctx->note[row] = POLICY_OUTCOME_NO_AMOUNT;
        return BF_OK;
    }
    if (rule->has_amount && a->max_months_parameter >= 0) {
        int cap = 0;
        if (!eval_months_cap(ctx, rule_index, row, 1, &cap)) {
            ctx->note[row] = POLICY_OUTCOME_NO_AMOUNT;
            return BF_OK;
        }
    }
    if (rule->has_amount && a->rate == POLICY_RATE_PER_WORKED_MONTH) {
        /*
         * Whole months worked, counted from the row's first day (or the window's, when later),
         * each lying inside the validity and payment windows and the row, paid in the month it
         * ends when that month is in the period.
         */
        if (a->months_from >= 0)
            valid_from =
                eval_max32(valid_from, (int32_t)date_to_days(date_month_first_day(a->months_from)));
        if (a->months_to != INT32_MAX)
            valid_to =
                eval_min32(valid_to, (int32_t)date_to_days(date_month_last_day(a->months_to)));
        int32_t anchor = eval_max32(ctx->from[row], valid_from);
        int32_t last = eval_min32(ctx->to[row], valid_to);
        bf_date first_day = date_from_days(anchor), period_day = date_from_days(ctx->period_from);
        int skip = (period_day.year - first_day.year) * 12 + period_day.month - first_day.month - 1;
        for (int k = skip > 1 ? skip : 1;; k++) {
            int32_t end = policy_months_end_day(anchor, k);
            if (end > last)
                break;
            if (end < ctx->period_from)
                continue;
            int32_t start = k == 1 ? anchor : policy_months_end_day(anchor, k - 1) + 1;
            int got = add_month_grant(ctx, rule_index, row, &grant, start,
                                      date_month_index(date_from_days(end)), err);
            if (got <= 0)
                return got;
        }
        return BF_OK;
    }
    if (rule->has_amount && (a->rate == POLICY_RATE_PER_MONTH || a->rate == POLICY_RATE_PER_HOUR)) {
        for (int m = month_from; m <= month_to; m++) {
            int32_t first = (int32_t)date_to_days(date_month_first_day(m));
            int32_t last = (int32_t)date_to_days(date_month_last_day(m));
            if (ctx->from[row] > first || ctx->to[row] < last)
                continue;
            int got = add_month_grant(ctx, rule_index, row, &grant, first, m, err);
            if (got <= 0)
                return got;
        }
        return BF_OK;
    }
    if (rule->has_amount && a->rate == POLICY_RATE_PER_YEAR) {
        /* One grant per calendar year in which the row counts on the year's first day in the
         * windows. */
        int32_t window_first =
            eval_max32(window_from, (int32_t)date_to_days(date_month_first_day(month_from)));
        int32_t window_last =
            eval_min32(window_to, (int32_t)date_to_days(date_month_last_day(month_to)));
        for (int year = month_from / 12; year <= month_to / 12; year++) {
            int32_t check = eval_max32((int32_t)date_to_days((bf_date){year, 1, 1}), window_first);
            if (check > window_last || ctx->from[row] > check || ctx->to[row] < check ||
                ctx->met[row] > check)
                continue;
            int got = add_month_grant(ctx, rule_index, row, &grant, check,
                                      date_month_index(date_from_days(check)), err);
            if (got <= 0)
                return got;
        }
        return BF_OK;
    }
    /* once, per_day, or a service without amount: due when first all met, inside the windows. */
    int32_t due = eval_max32(ctx->met[row], window_from);
    int32_t limit = eval_min32(ctx->to[row], window_to);
    int32_t month_first = (int32_t)date_to_days(date_month_first_day(month_from));
    int32_t month_last = (int32_t)date_to_days(date_month_last_day(month_to));
    due = eval_max32(due, month_first);
    limit = eval_min32(limit, month_last);
    if (rule->unit == POLICY_UNIT_PERSON || rule->unit == POLICY_UNIT_ORG)
        limit = eval_min32(window_to, month_last);
    /* A training that ended before the validity window gives nothing, even when due later. */
    if (due > limit ||
        (rule->unit == POLICY_UNIT_TRAINING && ctx->pop->trainings.end[row] < valid_from))
        return BF_OK;
    grant.month = date_month_index(date_from_days(due));
    grant.fen = POLICY_FEN_NONE;
    if (rule->has_amount) {
        int64_t fen = 0;
        int32_t day = due;
        if (a->rate == POLICY_RATE_PER_DAY)
            day = ctx->pop->trainings.start[row];
        int got = value_fen(ctx, rule_index, row, day, &fen, err);
        if (got <= 0) {
            ctx->note[row] = POLICY_OUTCOME_NO_AMOUNT;
            return got < 0 ? got : BF_OK;
        }
        if (a->rate == POLICY_RATE_PER_DAY) {
            /* No day before the validity window counts (max_days is applied per person later). */
            int32_t days = ctx->pop->trainings.days[row];
            int32_t end = ctx->pop->trainings.end[row];
            if (ctx->pop->trainings.start[row] < valid_from && end - valid_from + 1 < days)
                days = end - valid_from + 1;
            if (money_multiply(fen, days, &fen) != BF_OK)
                return eval_overflow_error(ctx, rule_index, row, err);
            grant.count = days;
        }
        if (a->per_head) {
            if (money_multiply(fen, ctx->hires[row], &fen) != BF_OK)
                return eval_overflow_error(ctx, rule_index, row, err);
            grant.count = ctx->hires[row];
        }
        if (!cap_by_cost(ctx, rule_index, row, &fen)) {
            ctx->note[row] = POLICY_OUTCOME_NO_AMOUNT;
            return BF_OK;
        }
        grant.fen = fen;
    }
    ctx->note[row] = POLICY_OUTCOME_GRANTED;
    return add_grant(ctx, &grant, err);
}
