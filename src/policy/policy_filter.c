/*
 * policy_filter.c - the conditions of a rule as filters over a selection
 * vector (eval_filter, one loop per predicate over the surviving rows), and
 * the counts some conditions need (hires, residents).  Split out of
 * policy_eval.c; the shared evaluation state is in policy_eval_private.h.
 */
#include "policy/policy_eval_private.h"

#include "core/date.h"
#include "core/money.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- conditions --------------------------------------------------------- */

/* Bits of the population's categories named by c. */
static uint64_t category_mask(const eval_context *ctx, const policy_condition *c)
{
    uint64_t mask = 0;
    for (int i = 0; i < c->argc; i++)
        for (int b = 0; b < ctx->pop->category_count; b++)
            if (strcmp(ctx->pop->category_names[b], c->names[i]) == 0)
                mask |= UINT64_C(1) << b;
    return mask;
}

/* Bit mask of the int arguments (kinds, locations, levels). */
static uint32_t argument_mask(const policy_condition *c)
{
    uint32_t mask = 0;
    for (int i = 0; i < c->argc; i++)
        mask |= UINT32_C(1) << (c->ints[i] & 31);
    return mask;
}

/* The region arguments of c as (ancestor / divisor, divisor) pairs, for fast "within". */
typedef struct region_set {
    int count;
    int64_t prefix[POLICY_ARGS_MAX];
    int64_t divisor[POLICY_ARGS_MAX];
} region_set;

static region_set region_set_of(const policy_condition *c)
{
    region_set set = {c->argc, {0}, {0}};
    for (int i = 0; i < c->argc; i++) {
        set.divisor[i] = population_region_divisor(c->ints[i]);
        set.prefix[i] = c->ints[i] / set.divisor[i];
    }
    return set;
}

static int region_in_set(int64_t code, const region_set *set)
{
    if (code == 0)
        return 0;
    for (int i = 0; i < set->count; i++)
        if (code / set->divisor[i] == set->prefix[i])
            return 1;
    return 0;
}

/* Where a job region is against a hukou region. */
policy_location eval_location_of(int64_t job, int64_t hukou)
{
    if (job / 1000000 == hukou / 1000000)
        return POLICY_LOCATION_SAME_COUNTY;
    if (job / 10000000000 == hukou / 10000000000)
        return POLICY_LOCATION_SAME_PROVINCE;
    return POLICY_LOCATION_OTHER_PROVINCE;
}

/* The day years after day (29 February becomes 28 February in other years). */
static int32_t add_years(int32_t day, int years)
{
    bf_date d = date_from_days(day);
    d.year += years;
    if (d.month == 2 && d.day == 29 && !date_is_valid(d.year, 2, 29))
        d.day = 28;
    return (int32_t)date_to_days(d);
}

/* First and last day someone born on birth is aged min .. max whole years (inclusive). */
static void age_span(int32_t birth, int min, int max, int32_t *first, int32_t *last)
{
    *first = add_years(birth, min);
    *last = add_years(birth, max + 1) - 1;
}

/*
 * A condition that holds for row r on days from .. to of its window only:
 * the window becomes that span and the day the row met its conditions moves
 * to met when later (done by the filters when apply_time).
 */
static void narrow_time(eval_context *ctx, uint32_t r, int32_t from, int32_t to, int32_t met)
{
    ctx->from[r] = from;
    ctx->to[r] = to;
    ctx->met[r] = eval_max32(ctx->met[r], met);
}

/* The employer (job) or provider (training) of a row. */
int32_t eval_employer_of(const eval_context *ctx, policy_unit unit, uint32_t row)
{
    if (unit == POLICY_UNIT_JOB)
        return ctx->pop->jobs.employer[row];
    if (unit == POLICY_UNIT_TRAINING)
        return ctx->pop->trainings.provider[row];
    return POPULATION_NONE;
}

/* True when the training's provider employs the person, and it started within months of hire. */
static int training_within_months_of_hire(const eval_context *ctx, uint32_t t, int months)
{
    const population *pop = ctx->pop;
    int32_t provider = pop->trainings.provider[t];
    int32_t person = pop->trainings.person[t];
    if (provider == POPULATION_NONE)
        return 0;
    for (int32_t k = ctx->job_offsets[person]; k < ctx->job_offsets[person + 1]; k++) {
        int32_t j = ctx->job_rows[k];
        if (pop->jobs.employer[j] != provider)
            continue;
        int32_t start = pop->jobs.start[j];
        if (pop->trainings.start[t] >= start &&
            pop->trainings.start[t] <= policy_months_end_day(start, months))
            return 1;
    }
    return 0;
}

/*
 * The person's last loss of a job inside the period: the ended job with the
 * latest end before the period's last day such that no other job of the
 * person covers the day after.  Returns its row (or -1) and the first day of
 * the next job after it in *next_start (POPULATION_DAY_OPEN when none).
 */
static int32_t last_loss(const eval_context *ctx, int32_t person, int32_t *next_start)
{
    const population_jobs *jobs = &ctx->pop->jobs;
    int32_t best = -1;
    for (int32_t k = ctx->job_offsets[person]; k < ctx->job_offsets[person + 1]; k++) {
        int32_t j = ctx->job_rows[k];
        if (jobs->end[j] == POPULATION_DAY_OPEN || jobs->end[j] >= ctx->period_to)
            continue;
        int covered = 0;
        for (int32_t m = ctx->job_offsets[person]; m < ctx->job_offsets[person + 1]; m++) {
            int32_t o = ctx->job_rows[m];
            if (o != j && jobs->start[o] <= jobs->end[j] + 1 && jobs->end[o] >= jobs->end[j] + 1)
                covered = 1;
        }
        if (!covered && (best < 0 || jobs->end[j] > jobs->end[best]))
            best = j;
    }
    *next_start = POPULATION_DAY_OPEN;
    if (best < 0)
        return -1;
    for (int32_t k = ctx->job_offsets[person]; k < ctx->job_offsets[person + 1]; k++) {
        int32_t j = ctx->job_rows[k];
        if (jobs->start[j] > jobs->end[best] && jobs->start[j] < *next_start)
            *next_start = jobs->start[j];
    }
    return best;
}

/*
 * Enrolments of person of the kinds in mask (full time only when asked)
 * overlapping the window [from, to]: returns 1 when there is one and narrows
 * the window to the span of those enrolments.
 */
static int enrolled_span(const eval_context *ctx, int32_t person, uint32_t mask, int full_time,
                         int32_t *from, int32_t *to)
{
    const population_enrolments *e = &ctx->pop->enrolments;
    int32_t first = INT32_MAX, last = INT32_MIN;
    for (int32_t k = ctx->enrolment_offsets[person]; k < ctx->enrolment_offsets[person + 1]; k++) {
        int32_t r = ctx->enrolment_rows[k];
        if (!(mask & (UINT32_C(1) << e->kind[r])) || (full_time && !e->full_time[r]))
            continue;
        if (e->start[r] > *to || e->end[r] < *from)
            continue;
        first = eval_min32(first, e->start[r]);
        last = eval_max32(last, e->end[r]);
    }
    if (first == INT32_MAX)
        return 0;
    *from = eval_max32(*from, first);
    *to = eval_min32(*to, last);
    return 1;
}

/* Keeps the rows r of sel for which expr holds. */
#define KEEP_IF(expr)                                                                              \
    do {                                                                                           \
        size_t kept_ = 0;                                                                          \
        for (size_t i_ = 0; i_ < n; i_++) {                                                        \
            uint32_t r = sel[i_];                                                                  \
            if (expr)                                                                              \
                sel[kept_++] = r;                                                                  \
        }                                                                                          \
        n = kept_;                                                                                 \
    } while (0)

/* The person column of a unit (NULL for person: the row is the person). */
static const int32_t *person_column(const eval_context *ctx, policy_unit unit)
{
    if (unit == POLICY_UNIT_JOB)
        return ctx->pop->jobs.person;
    if (unit == POLICY_UNIT_TRAINING)
        return ctx->pop->trainings.person;
    return NULL;
}

#define PERSON(r) (persons != NULL ? persons[r] : (int32_t)(r))

/*
 * The bounds of condition c for row r: its numbers, or, when its argument is
 * a parameter, the window [*first, *last] of the window parameter at the
 * row's parameter region (as for amounts: lookup_region), or the count (in
 * *first) of the persons or months parameter there on the period's last day.  Returns 0 when the
 * parameter has no value there, with a warning during the rule's own evaluation: the condition then
 * does not hold, never a guessed bound.
 */
static int condition_bounds(eval_context *ctx, const policy_condition *c, policy_unit unit,
                            const int32_t *persons, uint32_t r, int64_t *first, int64_t *last)
{
    if (!policy_condition_by_parameter(c)) {
        *first = c->ints[0];
        *last = c->ints[1];
        return 1;
    }
    if (c->parameter < 0)
        return 0;
    const policy_parameter *parameter = &ctx->set->parameters[c->parameter];
    const policy_rule *rule = ctx->set->rules[ctx->current_rule];
    int64_t region =
        unit == rule->unit ? eval_lookup_region(ctx, rule, r) : eval_row_region(ctx, unit, r);
    int found = 0;
    if (parameter->unit == POLICY_PARAMETER_WINDOW) {
        int32_t from = 0, to = 0;
        found = policy_parameter_window(parameter, region, &from, &to) == BF_OK;
        *first = from;
        *last = to;
    } else {
        int64_t fen = 0;
        found = policy_parameter_lookup(parameter, region, ctx->period_to, &fen) == BF_OK;
        *first = (fen + 99) / 100; /* whole persons or months */
        *last = 0;
    }
    if (!found && ctx->warn_rule >= 0) {
        const policy_rule *rule = ctx->set->rules[ctx->warn_rule];
        char code[16];
        population_region_format(region, code);
        eval_add_warning(
            ctx, ctx->warn_rule, unit == POLICY_UNIT_ORG ? -1 : PERSON(r),
            BF_TR(
                "条件 %s 的参数 %s（%s）在地区 %s 没有取值，%s（%s）不予计算",
                "condition %s: parameter %s (%s) has no value for region %s: %s (%s) not computed"),
            policy_predicate_name(c->predicate), parameter->name, parameter->title, code, rule->id,
            rule->clause);
    }
    return found;
}

size_t eval_filter(eval_context *ctx, const policy_condition *items, int index, policy_unit unit,
                   uint32_t *sel, size_t n, int apply_time)
{
    const policy_condition *c = &items[index];
    const population *pop = ctx->pop;
    const population_people *people = &pop->people;
    const population_jobs *jobs = &pop->jobs;
    const population_trainings *trainings = &pop->trainings;
    const population_orgs *orgs = &pop->orgs;
    const int32_t *persons = person_column(ctx, unit);
    switch (c->predicate) {
    case POLICY_PRED_CATEGORY: {
        uint64_t mask = category_mask(ctx, c);
        KEEP_IF(people->categories[PERSON(r)] & mask);
        break;
    }
    case POLICY_PRED_HUKOU_WITHIN: {
        region_set set = region_set_of(c);
        if (set.count == 1) {
            int64_t divisor = set.divisor[0], prefix = set.prefix[0];
            KEEP_IF(people->hukou[PERSON(r)] / divisor == prefix);
        } else
            KEEP_IF(region_in_set(people->hukou[PERSON(r)], &set));
        break;
    }
    case POLICY_PRED_HUKOU_OUTSIDE: {
        region_set set = region_set_of(c);
        KEEP_IF(people->hukou[PERSON(r)] != 0 && !region_in_set(people->hukou[PERSON(r)], &set));
        break;
    }
    case POLICY_PRED_THREE_NO:
        KEEP_IF(people->three_no[PERSON(r)]);
        break;
    case POLICY_PRED_INSURED:
        KEEP_IF(people->insured[PERSON(r)]);
        break;
    case POLICY_PRED_AGE_BETWEEN: {
        int min = (int)c->ints[0], max = (int)c->ints[1];
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = sel[i];
            int32_t birth = people->birth_day[PERSON(r)];
            if (birth == POPULATION_DAY_UNKNOWN)
                continue;
            int32_t first = 0, last = 0;
            age_span(birth, min, max, &first, &last);
            int32_t from = eval_max32(ctx->from[r], first), to = eval_min32(ctx->to[r], last);
            if (from > to)
                continue;
            if (apply_time)
                narrow_time(ctx, r, from, to, first);
            sel[kept++] = r;
        }
        n = kept;
        break;
    }
    case POLICY_PRED_JOB_WITHIN: {
        region_set set = region_set_of(c);
        KEEP_IF(region_in_set(jobs->region[r], &set));
        break;
    }
    case POLICY_PRED_JOB_LOCATION: {
        uint32_t mask = argument_mask(c);
        KEEP_IF(mask &
                (UINT32_C(1) << eval_location_of(jobs->region[r], people->hukou[jobs->person[r]])));
        break;
    }
    case POLICY_PRED_JOB_KIND: {
        uint32_t mask = argument_mask(c);
        KEEP_IF(mask & (UINT32_C(1) << jobs->kind[r]));
        break;
    }
    case POLICY_PRED_EMPLOYER_KIND: {
        uint32_t mask = argument_mask(c);
        KEEP_IF(eval_employer_of(ctx, unit, r) != POPULATION_NONE &&
                (mask & (UINT32_C(1) << orgs->kind[eval_employer_of(ctx, unit, r)])));
        break;
    }
    case POLICY_PRED_EMPLOYER_FREE_PREMISES:
        KEEP_IF(eval_employer_of(ctx, unit, r) != POPULATION_NONE &&
                orgs->free_premises[eval_employer_of(ctx, unit, r)]);
        break;
    case POLICY_PRED_EMPLOYER_STATUS: {
        const uint8_t *holds = ctx->status[c->status_rule];
        KEEP_IF(holds != NULL && eval_employer_of(ctx, unit, r) != POPULATION_NONE &&
                holds[eval_employer_of(ctx, unit, r)]);
        break;
    }
    case POLICY_PRED_AGENCY_KIND: {
        uint32_t mask = argument_mask(c);
        KEEP_IF(jobs->agency[r] != POPULATION_NONE &&
                (mask & (UINT32_C(1) << orgs->kind[jobs->agency[r]])));
        break;
    }
    case POLICY_PRED_ORGANIZED:
        KEEP_IF(jobs->organized[r]);
        break;
    case POLICY_PRED_JOB_MONTHS_AT_LEAST: {
        int months = (int)c->ints[0];
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = sel[i];
            int32_t reached = policy_months_end_day(jobs->start[r], months);
            if (reached > eval_min32(jobs->end[r], ctx->period_to))
                continue;
            if (apply_time)
                ctx->met[r] = eval_max32(ctx->met[r], reached);
            sel[kept++] = r;
        }
        n = kept;
        break;
    }
    case POLICY_PRED_JOB_START_BETWEEN: {
        int64_t first = 0, last = 0;
        KEEP_IF(condition_bounds(ctx, c, unit, persons, r, &first, &last) &&
                jobs->start[r] >= first && jobs->start[r] <= last);
        break;
    }
    case POLICY_PRED_CONTRACT_MONTHS_AT_LEAST: {
        int64_t months = 0, unused = 0;
        KEEP_IF(jobs->contract_months[r] != POPULATION_COUNT_UNKNOWN &&
                condition_bounds(ctx, c, unit, persons, r, &months, &unused) &&
                jobs->contract_months[r] >= months);
        break;
    }
    case POLICY_PRED_INSURANCE_MONTHS_AT_LEAST: {
        int32_t months = (int32_t)c->ints[0];
        KEEP_IF(jobs->insurance_months[r] != POPULATION_COUNT_UNKNOWN &&
                jobs->insurance_months[r] >= months);
        break;
    }
    case POLICY_PRED_TRAINING_KIND: {
        uint32_t mask = argument_mask(c);
        KEEP_IF(mask & (UINT32_C(1) << trainings->kind[r]));
        break;
    }
    case POLICY_PRED_TRAINING_WITHIN: {
        region_set set = region_set_of(c);
        KEEP_IF(region_in_set(trainings->region[r], &set));
        break;
    }
    case POLICY_PRED_CERTIFICATE: {
        uint32_t mask = argument_mask(c);
        int any = (mask & 1u) != 0;
        KEEP_IF(trainings->certificate[r] != CERTIFICATE_NONE &&
                (any || (mask & (UINT32_C(1) << trainings->certificate[r]))));
        break;
    }
    case POLICY_PRED_TRAINING_DAYS_AT_LEAST: {
        int32_t days = (int32_t)c->ints[0];
        KEEP_IF(trainings->days[r] >= days);
        break;
    }
    case POLICY_PRED_ONLINE_SHARE_AT_MOST: {
        /* Online hours against the course's total hours (总课时); none given: no online part. */
        int64_t permille = c->ints[0];
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = sel[i];
            int64_t online = trainings->online_hours[r], total = trainings->total_hours[r];
            if (online == POPULATION_COUNT_UNKNOWN || online == 0) {
                sel[kept++] = r;
                continue;
            }
            if (total == POPULATION_COUNT_UNKNOWN) {
                if (ctx->warn_rule >= 0)
                    eval_add_warning(
                        ctx, ctx->warn_rule, PERSON(r),
                        BF_TR("培训有线上课时但未填总课时（total_hours），%s（%s）不予计算",
                              "the training has online hours but no total_hours: %s (%s) "
                              "not computed"),
                        ctx->set->rules[ctx->warn_rule]->id,
                        ctx->set->rules[ctx->warn_rule]->clause);
                continue;
            }
            if (online * 1000 <= permille * total)
                sel[kept++] = r;
        }
        n = kept;
        break;
    }
    case POLICY_PRED_TRAINING_WITHIN_MONTHS_OF_HIRE: {
        int months = (int)c->ints[0];
        KEEP_IF(training_within_months_of_hire(ctx, r, months));
        break;
    }
    case POLICY_PRED_ORG_KIND: {
        uint32_t mask = argument_mask(c);
        KEEP_IF(mask & (UINT32_C(1) << orgs->kind[r]));
        break;
    }
    case POLICY_PRED_ORG_WITHIN: {
        region_set set = region_set_of(c);
        KEEP_IF(region_in_set(orgs->region[r], &set));
        break;
    }
    case POLICY_PRED_ORG_FREE_PREMISES:
        KEEP_IF(orgs->free_premises[r]);
        break;
    case POLICY_PRED_HIRES_AT_LEAST: {
        int64_t at_least = 0, unused = 0;
        KEEP_IF(condition_bounds(ctx, c, unit, persons, r, &at_least, &unused) &&
                ctx->hires[r] >= at_least);
        break;
    }
    case POLICY_PRED_HIRES_SHARE_AT_LEAST: {
        int64_t hundredths = c->ints[0];
        KEEP_IF(orgs->staff[r] > 0 &&
                (int64_t)ctx->hires[r] * 10000 >= hundredths * orgs->staff[r]);
        break;
    }
    case POLICY_PRED_STATUS: {
        const uint8_t *holds = ctx->status[c->status_rule];
        KEEP_IF(holds != NULL && holds[r]);
        break;
    }
    case POLICY_PRED_TRAINING_BETWEEN: {
        int64_t first = 0, last = 0;
        KEEP_IF(condition_bounds(ctx, c, unit, persons, r, &first, &last) &&
                trainings->start[r] >= first && trainings->end[r] <= last);
        break;
    }
    case POLICY_PRED_PERSON_STATUS: {
        const uint8_t *holds = ctx->status[c->status_rule];
        KEEP_IF(holds != NULL && holds[PERSON(r)]);
        break;
    }
    case POLICY_PRED_AGENCY_WITHIN: {
        region_set set = region_set_of(c);
        KEEP_IF(jobs->agency[r] != POPULATION_NONE &&
                region_in_set(orgs->region[jobs->agency[r]], &set));
        break;
    }
    case POLICY_PRED_WORKING_AGE: {
        /* Ages min .. male max / female max inclusive, by sex; unknown sex does not hold. */
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = sel[i];
            int32_t person = PERSON(r);
            int32_t birth = people->birth_day[person];
            int sex = people->sex[person];
            if (birth == POPULATION_DAY_UNKNOWN || sex == SEX_UNKNOWN)
                continue;
            int max = (int)(sex == SEX_MALE ? c->ints[1] : c->ints[2]);
            int32_t first = 0, last = 0;
            age_span(birth, (int)c->ints[0], max, &first, &last);
            int32_t from = eval_max32(ctx->from[r], first), to = eval_min32(ctx->to[r], last);
            if (from > to)
                continue;
            if (apply_time)
                narrow_time(ctx, r, from, to, first);
            sel[kept++] = r;
        }
        n = kept;
        break;
    }
    case POLICY_PRED_WANTS_JOB:
        KEEP_IF(people->wants_job[PERSON(r)]);
        break;
    case POLICY_PRED_ENROLLED:
    case POLICY_PRED_ENROLLED_FULL_TIME: {
        uint32_t mask = argument_mask(c);
        int full_time = c->predicate == POLICY_PRED_ENROLLED_FULL_TIME;
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = sel[i];
            int32_t from = ctx->from[r], to = ctx->to[r];
            if (!enrolled_span(ctx, PERSON(r), mask, full_time, &from, &to))
                continue;
            if (apply_time)
                narrow_time(ctx, r, from, to, from);
            sel[kept++] = r;
        }
        n = kept;
        break;
    }
    case POLICY_PRED_SCHOOL_WITHIN: {
        region_set set = region_set_of(c);
        const population_enrolments *e = &pop->enrolments;
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = sel[i];
            int32_t person = PERSON(r);
            int found = 0;
            for (int32_t k = ctx->enrolment_offsets[person]; k < ctx->enrolment_offsets[person + 1];
                 k++)
                if (region_in_set(e->region[ctx->enrolment_rows[k]], &set))
                    found = 1;
            if (found)
                sel[kept++] = r;
        }
        n = kept;
        break;
    }
    case POLICY_PRED_UNEMPLOYED_SINCE_BETWEEN: {
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = sel[i];
            int32_t next = 0;
            int64_t first = 0, last = 0;
            if (!condition_bounds(ctx, c, unit, persons, r, &first, &last))
                continue;
            int32_t lost = last_loss(ctx, (int32_t)r, &next);
            if (lost < 0 || jobs->end[lost] < first || jobs->end[lost] > last)
                continue;
            int32_t from = eval_max32(ctx->from[r], jobs->end[lost] + 1);
            int32_t to =
                next == POPULATION_DAY_OPEN ? ctx->to[r] : eval_min32(ctx->to[r], next - 1);
            if (from > to)
                continue;
            if (apply_time)
                narrow_time(ctx, r, from, to, from);
            sel[kept++] = r;
        }
        n = kept;
        break;
    }
    case POLICY_PRED_INSURED_BEFORE_LOSS: {
        int32_t months = (int32_t)c->ints[0];
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = sel[i];
            int32_t next = 0;
            int32_t lost = last_loss(ctx, (int32_t)r, &next);
            if (lost >= 0 && jobs->insurance_months[lost] != POPULATION_COUNT_UNKNOWN &&
                jobs->insurance_months[lost] >= months)
                sel[kept++] = r;
        }
        n = kept;
        break;
    }
    case POLICY_PRED_RESIDENTS_AT_LEAST: {
        int64_t at_least = 0, unused = 0;
        KEEP_IF(condition_bounds(ctx, c, unit, persons, r, &at_least, &unused) &&
                ctx->residents[r] >= at_least);
        break;
    }
    case POLICY_PRED_RESIDENT_OF_STATUS: {
        const uint8_t *holds = ctx->status[c->status_rule];
        KEEP_IF(holds != NULL && people->residence[PERSON(r)] != POPULATION_NONE &&
                holds[people->residence[PERSON(r)]]);
        break;
    }
    case POLICY_PRED_EMPLOYED_AT_PERIOD_END:
        KEEP_IF(jobs->start[r] <= ctx->period_to && jobs->end[r] >= ctx->period_to);
        break;
    case POLICY_PRED_PROVIDER_JOB: {
        /* A job of the person with the training's provider meets the nested conditions. */
        const int32_t *job_met =
            items == ctx->provider_job_items ? ctx->provider_job_met[index] : NULL;
        size_t kept = 0;
        for (size_t i = 0; i < n && job_met != NULL; i++) {
            uint32_t r = sel[i];
            int32_t provider = trainings->provider[r], person = trainings->person[r];
            int32_t met = INT32_MAX;
            for (int32_t k = ctx->job_offsets[person]; k < ctx->job_offsets[person + 1]; k++) {
                int32_t j = ctx->job_rows[k];
                if (provider != POPULATION_NONE && jobs->employer[j] == provider &&
                    job_met[j] != INT32_MIN)
                    met = eval_min32(met, job_met[j]);
            }
            if (met == INT32_MAX)
                continue;
            if (apply_time) {
                /* Due once the job meets them too, which may be after the training ends. */
                ctx->met[r] = eval_max32(ctx->met[r], met);
                ctx->to[r] = eval_max32(ctx->to[r], met);
            }
            sel[kept++] = r;
        }
        n = kept;
        break;
    }
    case POLICY_PRED_ALL:
    case POLICY_PRED_ANY:
    case POLICY_PRED_NOT: {
        /*
         * Children run on copies without moving time.  sel is always in
         * ascending row order (filters keep order), so a child's output is a
         * subsequence of sel and is marked by one merge walk.
         */
        uint32_t *copy = malloc((n > 0 ? n : 1) * sizeof *copy);
        uint8_t *hit = calloc(n > 0 ? n : 1, 1);
        if (copy == NULL || hit == NULL) {
            free(copy);
            free(hit);
            n = 0;
            eval_add_warning(ctx, -1, -1, "%s", bf_strerror(BF_ENOMEM));
            break;
        }
        if (c->predicate == POLICY_PRED_ALL) {
            memcpy(copy, sel, n * sizeof *copy);
            size_t m = n;
            for (int k = 0; k < c->child_count && m > 0; k++)
                m = eval_filter(ctx, items, c->children[k], unit, copy, m, 0);
            memcpy(sel, copy, m * sizeof *copy);
            n = m;
        } else {
            for (int k = 0; k < c->child_count; k++) {
                memcpy(copy, sel, n * sizeof *copy);
                size_t m = eval_filter(ctx, items, c->children[k], unit, copy, n, 0);
                for (size_t i = 0, at = 0; i < m; i++) {
                    while (at < n && sel[at] != copy[i])
                        at++;
                    if (at < n)
                        hit[at] = 1;
                }
            }
            uint8_t want = c->predicate == POLICY_PRED_ANY;
            size_t kept = 0;
            for (size_t i = 0; i < n; i++)
                if (hit[i] == want)
                    sel[kept++] = sel[i];
            n = kept;
        }
        free(copy);
        free(hit);
        break;
    }
    }
    return n;
}

int eval_condition_order(const policy_rule *rule, int order[POLICY_CONDITIONS_MAX])
{
    int n = 0;
    /* Conditions with a parameter argument go last: only rows otherwise eligible warn. */
    for (int cost = 0; cost <= 5; cost++)
        for (int i = 0; i < rule->condition_count; i++)
            if ((policy_condition_by_parameter(&rule->conditions[i])
                     ? 5
                     : policy_predicate_spec_of(rule->conditions[i].predicate)->cost) == cost)
                order[n++] = i;
    return n;
}

int eval_count_hires(eval_context *ctx, const policy_rule *rule, bf_error *err)
{
    const population *pop = ctx->pop;
    size_t jobs = pop->jobs.count;
    for (size_t o = 0; o < pop->orgs.count; o++) {
        ctx->hires[o] = 0;
        ctx->hire_met[o] = INT32_MIN;
    }
    if (rule->hire_count == 0)
        return BF_OK;
    uint32_t *sel = calloc(jobs > 0 ? jobs : 1, sizeof *sel);
    if (sel == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    size_t n = jobs;
    for (size_t j = 0; j < jobs; j++)
        sel[j] = (uint32_t)j;
    eval_init_rows(ctx, POLICY_UNIT_JOB, sel, n);
    for (int c = 0; c < rule->hire_count && n > 0; c++)
        n = eval_filter(ctx, rule->hires, c, POLICY_UNIT_JOB, sel, n, 1);
    /* Hires are persons: a person with several qualifying jobs at one org is one hire, met on
       the earliest day one of those jobs is. */
    uint8_t *hit = calloc(jobs > 0 ? jobs : 1, 1);
    if (hit == NULL) {
        free(sel);
        return bf_error_set(err, BF_ENOMEM, NULL);
    }
    for (size_t i = 0; i < n; i++)
        hit[sel[i]] = 1;
    for (size_t p = 0; p < pop->people.count; p++)
        for (int32_t k = ctx->job_offsets[p]; k < ctx->job_offsets[p + 1]; k++) {
            int32_t j = ctx->job_rows[k], employer = pop->jobs.employer[j];
            if (!hit[j] || employer == POPULATION_NONE)
                continue;
            int32_t met = ctx->met[j];
            int seen = 0;
            for (int32_t m = ctx->job_offsets[p]; m < ctx->job_offsets[p + 1]; m++) {
                int32_t o = ctx->job_rows[m];
                if (o == j || !hit[o] || pop->jobs.employer[o] != employer)
                    continue;
                if (m < k)
                    seen = 1;
                met = eval_min32(met, ctx->met[o]);
            }
            if (seen)
                continue;
            ctx->hires[employer]++;
            ctx->hire_met[employer] = eval_max32(ctx->hire_met[employer], met);
        }
    free(hit);
    free(sel);
    return BF_OK;
}

/* Counts each org's residents for rule (rule->residents over all people) into ctx->residents. */
int eval_count_residents(eval_context *ctx, const policy_rule *rule, bf_error *err)
{
    const population *pop = ctx->pop;
    size_t people = pop->people.count;
    for (size_t o = 0; o < pop->orgs.count; o++)
        ctx->residents[o] = 0;
    if (rule->resident_count == 0)
        return BF_OK;
    uint32_t *sel = calloc(people > 0 ? people : 1, sizeof *sel);
    if (sel == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    size_t n = people;
    for (size_t p = 0; p < people; p++)
        sel[p] = (uint32_t)p;
    eval_init_rows(ctx, POLICY_UNIT_PERSON, sel, n);
    for (int c = 0; c < rule->resident_count && n > 0; c++)
        n = eval_filter(ctx, rule->residents, c, POLICY_UNIT_PERSON, sel, n, 1);
    for (size_t i = 0; i < n; i++)
        if (pop->people.residence[sel[i]] != POPULATION_NONE)
            ctx->residents[pop->people.residence[sel[i]]]++;
    free(sel);
    return BF_OK;
}
