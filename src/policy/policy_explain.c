/*
 * policy_explain.c - compact decision records for `calc --explain`.
 *
 * For each (row, rule): the top-level conditions in evaluation order, each
 * with the value it looked at and whether it held, stopping at the first that
 * failed; then the outcome (granted, outside the window, excluded, ...).  The
 * conditions are run again on a one-row selection vector through the same
 * eval_filter, so the record cannot disagree with the evaluation.
 */
#include "policy/policy_eval_private.h"

#include "core/date.h"
#include "core/decimal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends formatted text to out (size bytes) at *used. */
static void append(char *out, size_t size, size_t *used, const char *format, ...)
    __attribute__((format(printf, 4, 5)));
static void append(char *out, size_t size, size_t *used, const char *format, ...)
{
    if (*used >= size)
        return;
    va_list args;
    va_start(args, format);
    if (strcmp(format, "%s") == 0) {
        /* most values: copied, not printed (--explain formats one per condition and row) */
        const char *text = va_arg(args, const char *);
        size_t length = strlen(text);
        if (length > size - 1 - *used)
            length = size - 1 - *used;
        memcpy(out + *used, text, length);
        *used += length;
        out[*used] = '\0';
        va_end(args);
        return;
    }
    if (strcmp(format, "%d") == 0) {
        char digits[DECIMAL_TEXT_MAX];
        decimal_format(va_arg(args, int), digits);
        va_end(args);
        append(out, size, used, "%s", digits);
        return;
    }
    int written = vsnprintf(out + *used, size - *used, format, args);
    va_end(args);
    if (written > 0)
        *used += (size_t)written;
    if (*used >= size)
        *used = size - 1;
}

void policy_condition_text(const policy_condition *items, int index, char *out, size_t size)
{
    const policy_condition *c = &items[index];
    size_t used = 0;
    out[0] = '\0';
    append(out, size, &used, "%s", policy_predicate_name(c->predicate));
    char text[POLICY_CONDITION_TEXT_MAX];
    policy_args args = policy_predicate_spec_of(c->predicate)->args;
    if (args == POLICY_ARGS_CONDITIONS || args == POLICY_ARGS_CONDITION) {
        append(out, size, &used, " (");
        for (int k = 0; k < c->child_count; k++) {
            policy_condition_text(items, c->children[k], text, sizeof text);
            append(out, size, &used, "%s%s",
                   k > 0 ? (c->predicate == POLICY_PRED_ANY ? " | " : " & ") : "", text);
        }
        append(out, size, &used, ")");
        return;
    }
    if (policy_condition_by_parameter(c)) {
        append(out, size, &used, " {parameter = %s}", c->names[0]);
        return;
    }
    for (int i = 0; i < c->argc; i++) {
        char region[16], date[BF_DATE_TEXT_MAX];
        switch (args) {
        case POLICY_ARGS_NAMES:
        case POLICY_ARGS_STATUS:
            append(out, size, &used, " %s", c->names[i]);
            break;
        case POLICY_ARGS_REGIONS:
            population_region_format(c->ints[i], region);
            append(out, size, &used, " %s", region);
            break;
        case POLICY_ARGS_LOCATIONS:
            append(out, size, &used, " %s", policy_location_name((policy_location)c->ints[i]));
            break;
        case POLICY_ARGS_JOB_KINDS:
            append(out, size, &used, " %s", population_job_kind_name((int)c->ints[i]));
            break;
        case POLICY_ARGS_ORG_KINDS:
            append(out, size, &used, " %s", population_org_kind_name((int)c->ints[i]));
            break;
        case POLICY_ARGS_TRAINING_KINDS:
            append(out, size, &used, " %s", population_training_kind_name((int)c->ints[i]));
            break;
        case POLICY_ARGS_SCHOOL_KINDS:
            append(out, size, &used, " %s", population_school_kind_name((int)c->ints[i]));
            break;
        case POLICY_ARGS_CERTIFICATES:
            append(out, size, &used, " %s",
                   c->ints[i] == 0 ? "any" : population_certificate_name((int)c->ints[i]));
            break;
        case POLICY_ARGS_DATE_PAIR:
            date_format(date_from_days(c->ints[i]), date);
            append(out, size, &used, " %s", date);
            break;
        case POLICY_ARGS_FRACTION:
            append(out, size, &used, " %.3f", (double)c->ints[i] / 1000.0);
            break;
        case POLICY_ARGS_PERCENT:
            append(out, size, &used, " %.2f%%", (double)c->ints[i] / 100.0);
            break;
        case POLICY_ARGS_NONE:
        case POLICY_ARGS_INT:
        case POLICY_ARGS_INT_PAIR:
        case POLICY_ARGS_INT_TRIPLE:
        case POLICY_ARGS_CONDITIONS:
        case POLICY_ARGS_CONDITION:
            append(out, size, &used, " %lld", (long long)c->ints[i]);
            break;
        }
    }
}

static const char *yes_no(int value)
{
    return value ? BF_TR("是", "yes") : BF_TR("否", "no");
}

/* Formats a day; "…" when open. */
static void day_text(int32_t day, char out[BF_DATE_TEXT_MAX])
{
    if (day == POPULATION_DAY_OPEN || day == POPULATION_DAY_UNKNOWN)
        snprintf(out, BF_DATE_TEXT_MAX, "%s", "…");
    else
        date_format(date_from_days(day), out);
}

void explain_condition_value(const eval_context *ctx, const policy_condition *c, policy_unit unit,
                             uint32_t row, char *out)
{
    const population *pop = ctx->pop;
    int32_t person = eval_person_of(ctx, unit, row);
    int32_t employer = unit == POLICY_UNIT_JOB        ? pop->jobs.employer[row]
                       : unit == POLICY_UNIT_TRAINING ? pop->trainings.provider[row]
                                                      : POPULATION_NONE;
    size_t used = 0;
    size_t size = POLICY_VALUE_TEXT_MAX;
    char region[16], a[BF_DATE_TEXT_MAX], b[BF_DATE_TEXT_MAX];
    out[0] = '\0';
    switch (c->predicate) {
    case POLICY_PRED_CATEGORY: {
        uint64_t bits = pop->people.categories[person];
        for (int i = 0; i < pop->category_count; i++)
            if (bits & (UINT64_C(1) << i))
                append(out, size, &used, "%s%s", used > 0 ? "、" : "", pop->category_names[i]);
        if (used == 0)
            append(out, size, &used, "%s", BF_TR("无", "none"));
        break;
    }
    case POLICY_PRED_HUKOU_WITHIN:
    case POLICY_PRED_HUKOU_OUTSIDE:
        population_region_format(pop->people.hukou[person], region);
        append(out, size, &used, "%s", region);
        break;
    case POLICY_PRED_THREE_NO:
        append(out, size, &used, "%s", yes_no(pop->people.three_no[person]));
        break;
    case POLICY_PRED_INSURED:
        append(out, size, &used, "%s", yes_no(pop->people.insured[person]));
        break;
    case POLICY_PRED_AGE_BETWEEN:
        day_text(pop->people.birth_day[person], a);
        append(out, size, &used, "%s %s", BF_TR("出生", "born"), a);
        break;
    case POLICY_PRED_WORKING_AGE:
        day_text(pop->people.birth_day[person], a);
        append(out, size, &used, "%s %s, %s", BF_TR("出生", "born"), a,
               pop->people.sex[person] == SEX_MALE     ? BF_TR("男", "male")
               : pop->people.sex[person] == SEX_FEMALE ? BF_TR("女", "female")
                                                       : BF_TR("性别未知", "sex unknown"));
        break;
    case POLICY_PRED_WANTS_JOB:
        append(out, size, &used, "%s", yes_no(pop->people.wants_job[person]));
        break;
    case POLICY_PRED_ENROLLED:
    case POLICY_PRED_ENROLLED_FULL_TIME:
    case POLICY_PRED_SCHOOL_WITHIN:
        for (int32_t k = ctx->enrolment_offsets[person]; k < ctx->enrolment_offsets[person + 1];
             k++) {
            int32_t r = ctx->enrolment_rows[k];
            population_region_format(pop->enrolments.region[r], region);
            day_text(pop->enrolments.start[r], a);
            day_text(pop->enrolments.end[r], b);
            append(out, size, &used, "%s%s%s %s %s..%s", used > 0 ? "; " : "",
                   population_school_kind_name(pop->enrolments.kind[r]),
                   pop->enrolments.full_time[r] ? BF_TR("（全日制）", " (full time)") : "", region,
                   a, b);
        }
        if (used == 0)
            append(out, size, &used, "%s", BF_TR("无就读记录", "no enrolment"));
        break;
    case POLICY_PRED_UNEMPLOYED_SINCE_BETWEEN:
    case POLICY_PRED_INSURED_BEFORE_LOSS:
        for (int32_t k = ctx->job_offsets[person]; k < ctx->job_offsets[person + 1]; k++) {
            int32_t j = ctx->job_rows[k];
            day_text(pop->jobs.start[j], a);
            day_text(pop->jobs.end[j], b);
            append(out, size, &used, "%s%s..%s", used > 0 ? "; " : "", a, b);
            if (c->predicate == POLICY_PRED_INSURED_BEFORE_LOSS)
                append(out, size, &used, " %s %d", BF_TR("参保月数", "insured months"),
                       pop->jobs.insurance_months[j]);
        }
        if (used == 0)
            append(out, size, &used, "%s", BF_TR("无工作记录", "no job"));
        break;
    case POLICY_PRED_JOB_WITHIN:
        population_region_format(pop->jobs.region[row], region);
        append(out, size, &used, "%s", region);
        break;
    case POLICY_PRED_JOB_LOCATION: {
        int64_t job = pop->jobs.region[row], hukou = pop->people.hukou[person];
        const char *where = job / 1000000 == hukou / 1000000           ? "same_county"
                            : job / 10000000000 == hukou / 10000000000 ? "same_province"
                                                                       : "other_province";
        append(out, size, &used, "%s", where);
        break;
    }
    case POLICY_PRED_JOB_KIND:
        append(out, size, &used, "%s", population_job_kind_name(pop->jobs.kind[row]));
        break;
    case POLICY_PRED_EMPLOYER_KIND:
        append(out, size, &used, "%s",
               employer == POPULATION_NONE ? BF_TR("无单位", "no org")
                                           : population_org_kind_name(pop->orgs.kind[employer]));
        break;
    case POLICY_PRED_EMPLOYER_FREE_PREMISES:
        append(out, size, &used, "%s",
               employer == POPULATION_NONE ? BF_TR("无单位", "no org")
                                           : yes_no(pop->orgs.free_premises[employer]));
        break;
    case POLICY_PRED_EMPLOYER_STATUS:
        append(out, size, &used, "%s",
               employer == POPULATION_NONE ? BF_TR("无单位", "no org")
                                           : yes_no(ctx->status[c->status_rule] != NULL &&
                                                    ctx->status[c->status_rule][employer]));
        break;
    case POLICY_PRED_AGENCY_KIND: {
        int32_t agency = pop->jobs.agency[row];
        append(out, size, &used, "%s",
               agency == POPULATION_NONE ? BF_TR("无中介", "no agency")
                                         : population_org_kind_name(pop->orgs.kind[agency]));
        break;
    }
    case POLICY_PRED_ORGANIZED:
        append(out, size, &used, "%s", yes_no(pop->jobs.organized[row]));
        break;
    case POLICY_PRED_JOB_MONTHS_AT_LEAST: {
        int32_t reached = policy_months_end_day(pop->jobs.start[row], (int)c->ints[0]);
        day_text(pop->jobs.start[row], a);
        day_text(pop->jobs.end[row], b);
        char c_text[BF_DATE_TEXT_MAX];
        day_text(reached, c_text);
        append(out, size, &used, "%s..%s, %s %s", a, b, BF_TR("满于", "reached"), c_text);
        break;
    }
    case POLICY_PRED_JOB_START_BETWEEN:
        day_text(pop->jobs.start[row], a);
        append(out, size, &used, "%s", a);
        break;
    case POLICY_PRED_CONTRACT_MONTHS_AT_LEAST:
    case POLICY_PRED_INSURANCE_MONTHS_AT_LEAST: {
        int32_t months = c->predicate == POLICY_PRED_CONTRACT_MONTHS_AT_LEAST
                             ? pop->jobs.contract_months[row]
                             : pop->jobs.insurance_months[row];
        if (months == POPULATION_COUNT_UNKNOWN)
            append(out, size, &used, "%s", BF_TR("未知", "unknown"));
        else
            append(out, size, &used, "%d", months);
        break;
    }
    case POLICY_PRED_TRAINING_KIND:
        append(out, size, &used, "%s", population_training_kind_name(pop->trainings.kind[row]));
        break;
    case POLICY_PRED_TRAINING_WITHIN:
        population_region_format(pop->trainings.region[row], region);
        append(out, size, &used, "%s", region);
        break;
    case POLICY_PRED_CERTIFICATE:
        append(out, size, &used, "%s",
               pop->trainings.certificate[row] == CERTIFICATE_NONE
                   ? BF_TR("无", "none")
                   : population_certificate_name(pop->trainings.certificate[row]));
        break;
    case POLICY_PRED_TRAINING_DAYS_AT_LEAST:
        append(out, size, &used, "%d", pop->trainings.days[row]);
        break;
    case POLICY_PRED_ONLINE_SHARE_AT_MOST:
        if (pop->trainings.online_hours[row] == POPULATION_COUNT_UNKNOWN)
            append(out, size, &used, "%s",
                   BF_TR("未填线上课时（按无线上部分）", "no online hours (no online part)"));
        else if (pop->trainings.total_hours[row] == POPULATION_COUNT_UNKNOWN)
            append(out, size, &used, BF_TR("线上 %.1f 小时，未填总课时", "online %.1f h, no total"),
                   pop->trainings.online_hours[row] / 10.0);
        else
            append(out, size, &used,
                   BF_TR("线上 %.1f / 总课时 %.1f 小时", "online %.1f of %.1f total hours"),
                   pop->trainings.online_hours[row] / 10.0, pop->trainings.total_hours[row] / 10.0);
        break;
    case POLICY_PRED_TRAINING_WITHIN_MONTHS_OF_HIRE:
        day_text(pop->trainings.start[row], a);
        append(out, size, &used, "%s %s", BF_TR("培训开始", "training starts"), a);
        for (int32_t k = ctx->job_offsets[person]; k < ctx->job_offsets[person + 1]; k++) {
            int32_t j = ctx->job_rows[k];
            if (pop->jobs.employer[j] == employer && employer != POPULATION_NONE) {
                day_text(pop->jobs.start[j], b);
                append(out, size, &used, ", %s %s", BF_TR("入职", "hired"), b);
            }
        }
        break;
    case POLICY_PRED_ORG_KIND:
        append(out, size, &used, "%s", population_org_kind_name(pop->orgs.kind[row]));
        break;
    case POLICY_PRED_ORG_WITHIN:
        population_region_format(pop->orgs.region[row], region);
        append(out, size, &used, "%s", region);
        break;
    case POLICY_PRED_ORG_FREE_PREMISES:
        append(out, size, &used, "%s", yes_no(pop->orgs.free_premises[row]));
        break;
    case POLICY_PRED_HIRES_AT_LEAST:
        append(out, size, &used, "%d", ctx->hires[row]);
        break;
    case POLICY_PRED_RESIDENTS_AT_LEAST:
        append(out, size, &used, "%d", ctx->residents[row]);
        break;
    case POLICY_PRED_RESIDENT_OF_STATUS: {
        int32_t site = pop->people.residence[person];
        append(out, size, &used, "%s",
               site == POPULATION_NONE ? BF_TR("无居住安置区", "no site")
                                       : yes_no(ctx->status[c->status_rule] != NULL &&
                                                ctx->status[c->status_rule][site]));
        break;
    }
    case POLICY_PRED_HIRES_SHARE_AT_LEAST:
        if (pop->orgs.staff[row] > 0)
            append(out, size, &used, "%d/%d", ctx->hires[row], pop->orgs.staff[row]);
        else
            append(out, size, &used, "%d/%s", ctx->hires[row],
                   BF_TR("职工数未知", "staff unknown"));
        break;
    case POLICY_PRED_STATUS:
        append(out, size, &used, "%s",
               yes_no(ctx->status[c->status_rule] != NULL && ctx->status[c->status_rule][row]));
        break;
    case POLICY_PRED_PERSON_STATUS:
        append(out, size, &used, "%s",
               yes_no(ctx->status[c->status_rule] != NULL && ctx->status[c->status_rule][person]));
        break;
    case POLICY_PRED_TRAINING_BETWEEN:
        day_text(pop->trainings.start[row], a);
        day_text(pop->trainings.end[row], b);
        append(out, size, &used, "%s..%s", a, b);
        break;
    case POLICY_PRED_EMPLOYED_AT_PERIOD_END:
        day_text(pop->jobs.start[row], a);
        day_text(pop->jobs.end[row], b);
        append(out, size, &used, "%s..%s", a, b);
        break;
    case POLICY_PRED_PROVIDER_JOB:
        append(out, size, &used, "%s",
               employer == POPULATION_NONE ? BF_TR("无培训单位", "no provider")
                                           : pop->orgs.id[employer]);
        break;
    case POLICY_PRED_AGENCY_WITHIN: {
        int32_t agency = pop->jobs.agency[row];
        if (agency == POPULATION_NONE)
            append(out, size, &used, "%s", BF_TR("无中介", "no agency"));
        else {
            population_region_format(pop->orgs.region[agency], region);
            append(out, size, &used, "%s", region);
        }
        break;
    }
    case POLICY_PRED_ANY:
    case POLICY_PRED_NOT:
    case POLICY_PRED_ALL:
        break; /* the nested conditions are explained one by one */
    }
}

/* Appends the value text of a decision item to result->texts; its offset in *offset. */
static int keep_text(policy_result *result, const char *text, size_t *offset, bf_error *err)
{
    size_t length = strlen(text) + 1;
    if (result->text_length + length > result->text_capacity) {
        size_t capacity = result->text_capacity == 0 ? 65536 : result->text_capacity * 2;
        char *grown = realloc(result->texts, capacity);
        if (grown == NULL)
            return bf_error_set(err, BF_ENOMEM, NULL);
        result->texts = grown;
        result->text_capacity = capacity;
    }
    memcpy(result->texts + result->text_length, text, length);
    *offset = result->text_length;
    result->text_length += length;
    return BF_OK;
}

int explain_rule(eval_context *ctx, int rule_index, bf_error *err)
{
    const policy_rule *rule = ctx->set->rules[rule_index];
    policy_result *result = ctx->result;
    size_t rows = eval_unit_rows(ctx, rule->unit);
    int order[POLICY_CONDITIONS_MAX];
    int count = eval_condition_order(rule, order);
    for (size_t row = 0; row < rows; row++) {
        if (result->decision_count >= POLICY_DECISIONS_MAX)
            return bf_error_set(
                err, BF_ETOOBIG,
                BF_TR("说明记录超过 %u 条（--explain 只用于小的情形）",
                      "more than %u decision records (--explain is for small situations)"),
                POLICY_DECISIONS_MAX);
        int rc =
            eval_reserve(&result->decisions, &result->decision_capacity, result->decision_count,
                         sizeof *result->decisions, POLICY_DECISIONS_MAX, err);
        if (rc != BF_OK)
            return rc;
        policy_decision *d = &result->decisions[result->decision_count++];
        d->rule = rule_index;
        d->row = (int32_t)row;
        d->person = eval_person_of(ctx, rule->unit, (uint32_t)row);
        d->outcome = (policy_outcome)ctx->note[row];
        d->item_count = 0;
        d->item_first = result->item_count;
        uint32_t one = (uint32_t)row;
        eval_init_rows(ctx, rule->unit, &one, 1);
        for (int k = 0; k < count; k++) {
            rc = eval_reserve(&result->items, &result->item_capacity, result->item_count,
                              sizeof *result->items, (size_t)POLICY_DECISIONS_MAX * 4, err);
            char value[POLICY_VALUE_TEXT_MAX];
            policy_decision_item *item = &result->items[result->item_count];
            explain_condition_value(ctx, &rule->conditions[order[k]], rule->unit, one, value);
            if (rc == BF_OK)
                rc = keep_text(result, value, &item->value, err);
            if (rc != BF_OK)
                return rc;
            item->condition = (int16_t)order[k];
            item->result =
                (int8_t)eval_filter(ctx, rule->conditions, order[k], rule->unit, &one, 1, 1);
            result->item_count++;
            d->item_count++;
            if (!item->result)
                break;
        }
    }
    return BF_OK;
}

int explain_outcomes(eval_context *ctx, bf_error *err)
{
    policy_result *result = ctx->result;
    const policy_set *set = ctx->set;
    /* The decisions of a rule are consecutive, one per row in row order (explain_rule). */
    size_t *first = malloc(((size_t)set->rule_count + 1) * sizeof *first);
    uint8_t *seen = calloc(result->decision_count + 1, 1); /* bit 0 kept, bit 1 excluded */
    if (first == NULL || seen == NULL) {
        free(first);
        free(seen);
        return bf_error_set(err, BF_ENOMEM, NULL);
    }
    for (int r = 0; r < set->rule_count; r++)
        first[r] = SIZE_MAX;
    for (size_t i = result->decision_count; i-- > 0;)
        first[result->decisions[i].rule] = i;
    for (size_t g = 0; g < result->grant_count; g++) {
        const policy_grant *grant = &result->grants[g];
        if (first[grant->rule] == SIZE_MAX)
            continue;
        seen[first[grant->rule] + (size_t)grant->row] |= grant->excluded_by >= 0 ? 2 : 1;
    }
    /* A granted row whose grants were all excluded by not_with reads "excluded". */
    for (size_t i = 0; i < result->decision_count; i++)
        if (result->decisions[i].outcome == POLICY_OUTCOME_GRANTED && seen[i] == 2)
            result->decisions[i].outcome = POLICY_OUTCOME_EXCLUDED;
    free(first);
    free(seen);
    return BF_OK;
}
