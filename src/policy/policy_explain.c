/*
 * policy_explain.c - what `calc --explain` says about each decision.
 *
 * --explain=full: for each (row, rule), the top-level conditions in
 * evaluation order, each with the value it looked at and whether it held,
 * stopping at the first that failed; then the outcome (granted, outside the
 * window, excluded, ...).  The conditions are run again on a one-row
 * selection vector through the same eval_filter, so the record cannot
 * disagree with the evaluation.
 *
 * --explain (short): the evaluation itself notes, per row, the first
 * condition that failed (the same one the full record ends with); one code
 * byte per (rule, row) is kept, and the value that condition saw is made
 * only when the writer reaches the person.  Also the amount rule's text.
 */
#include "policy/policy_eval_private.h"

#include "core/date.h"
#include "core/decimal.h"
#include "core/money.h"

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
    /* the format's characters tested, not strcmp: one call per condition and row */
    if (format[0] == '%' && format[1] == 's' && format[2] == '\0') {
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
    if (format[0] == '%' && format[1] == 'd' && format[2] == '\0') {
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

/* ---- short explanations (POLICY_EXPLAIN_SHORT) --------------------------- */

int explain_short_begin(eval_context *ctx, size_t rows, bf_error *err)
{
    int rules = ctx->set->rule_count;
    policy_explanation *x = calloc(1, sizeof *x);
    ctx->result->explanation = x;
    ctx->failed = malloc(rows > 0 ? rows : 1);
    if (x == NULL || ctx->failed == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    x->ctx.set = ctx->set; /* for explain_short_free before explain_short_finish */
    x->codes = calloc((size_t)rules + 1, sizeof *x->codes);
    x->org_values = calloc((size_t)rules + 1, sizeof *x->org_values);
    if (x->codes == NULL || x->org_values == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    return BF_OK;
}

/* The value of condition c of items for row; a nested condition's children's values joined. */
static void explain_nested_value(const eval_context *ctx, const policy_condition *items, int c,
                                 policy_unit unit, uint32_t row, char *out)
{
    policy_predicate predicate = items[c].predicate;
    /* provider_job's nested conditions are about jobs: its value is the provider, as in full */
    if (predicate != POLICY_PRED_ANY && predicate != POLICY_PRED_NOT &&
        predicate != POLICY_PRED_ALL) {
        explain_condition_value(ctx, &items[c], unit, row, out);
        return;
    }
    size_t used = 0;
    out[0] = '\0';
    for (int k = 0; k < items[c].child_count; k++) {
        char value[POLICY_VALUE_TEXT_MAX];
        explain_nested_value(ctx, items, items[c].children[k], unit, row, value);
        append(out, POLICY_VALUE_TEXT_MAX, &used, "%s%s", k > 0 ? "; " : "", value);
    }
}

int explain_short_rule(eval_context *ctx, int rule_index, bf_error *err)
{
    policy_explanation *x = ctx->result->explanation;
    const policy_rule *rule = ctx->set->rules[rule_index];
    size_t rows = eval_unit_rows(ctx, rule->unit);
    uint8_t *codes = malloc(rows > 0 ? rows : 1);
    x->codes[rule_index] = codes;
    if (codes == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    for (size_t row = 0; row < rows; row++)
        codes[row] = ctx->note[row] == POLICY_OUTCOME_NOT_ELIGIBLE
                         ? (uint8_t)(EXPLAIN_CODE_FAILED + ctx->failed[row])
                         : ctx->note[row];
    if (rule->unit != POLICY_UNIT_ORG)
        return BF_OK;
    /* hires and residents are counted per rule: an org row's value is made now (orgs are few) */
    char *values = calloc(rows > 0 ? rows : 1, POLICY_VALUE_TEXT_MAX);
    x->org_values[rule_index] = values;
    if (values == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    for (size_t row = 0; row < rows; row++)
        if (codes[row] >= EXPLAIN_CODE_FAILED)
            explain_nested_value(ctx, rule->conditions, codes[row] - EXPLAIN_CODE_FAILED,
                                 rule->unit, (uint32_t)row, values + row * POLICY_VALUE_TEXT_MAX);
    return BF_OK;
}

void explain_short_finish(eval_context *ctx)
{
    policy_explanation *x = ctx->result->explanation;
    x->ctx = *ctx;
    x->ctx.result = NULL;
    x->ctx.options = NULL;
    /* the scratch columns stay with the evaluation, which frees them */
    x->ctx.met = x->ctx.from = x->ctx.to = x->ctx.hires = x->ctx.hire_met = NULL;
    x->ctx.residents = NULL;
    x->ctx.note = x->ctx.failed = NULL;
    memset(x->ctx.provider_job_met, 0, sizeof x->ctx.provider_job_met);
    x->ctx.provider_job_items = NULL;
    ctx->status = NULL;
    ctx->job_offsets = ctx->job_rows = NULL;
    ctx->training_offsets = ctx->training_rows = NULL;
    ctx->enrolment_offsets = ctx->enrolment_rows = NULL;
}

void explain_short_free(policy_explanation *x)
{
    if (x == NULL)
        return;
    int rules = x->ctx.set != NULL ? x->ctx.set->rule_count : 0;
    for (int r = 0; r < rules && x->codes != NULL; r++) {
        free(x->codes[r]);
        free(x->org_values[r]);
        if (x->ctx.status != NULL)
            free(x->ctx.status[r]);
    }
    free(x->codes);
    free(x->org_values);
    free(x->ctx.status);
    free(x->ctx.job_offsets);
    free(x->ctx.job_rows);
    free(x->ctx.training_offsets);
    free(x->ctx.training_rows);
    free(x->ctx.enrolment_offsets);
    free(x->ctx.enrolment_rows);
    free(x);
}

policy_outcome policy_explain_outcome(const policy_result *result, int rule, int32_t row,
                                      int *failed)
{
    uint8_t code = result->explanation->codes[rule][row];
    *failed = code >= EXPLAIN_CODE_FAILED ? code - EXPLAIN_CODE_FAILED : -1;
    return code >= EXPLAIN_CODE_FAILED ? POLICY_OUTCOME_NOT_ELIGIBLE : (policy_outcome)code;
}

void policy_explain_value(const policy_result *result, int rule_index, int32_t row, int failed,
                          char *out)
{
    const policy_explanation *x = result->explanation;
    const char *made = x->org_values[rule_index];
    if (made != NULL) {
        memcpy(out, made + (size_t)row * POLICY_VALUE_TEXT_MAX, POLICY_VALUE_TEXT_MAX);
        return;
    }
    const policy_rule *rule = x->ctx.set->rules[rule_index];
    explain_nested_value(&x->ctx, rule->conditions, failed, rule->unit, (uint32_t)row, out);
}

int policy_explain_person_level(const policy_rule *rule, int failed)
{
    const policy_predicate_spec *spec =
        policy_predicate_spec_of(rule->conditions[failed].predicate);
    return spec->status_of == POLICY_STATUS_OF_PERSON ||
           ((spec->units & POLICY_UNITS_PERSON) && !(spec->units & POLICY_UNITS_ORG));
}

const int32_t *policy_explain_rows(const policy_result *result, policy_unit unit, int32_t person,
                                   int *count)
{
    const eval_context *ctx = &result->explanation->ctx;
    const int32_t *offsets = unit == POLICY_UNIT_JOB ? ctx->job_offsets : ctx->training_offsets;
    const int32_t *rows = unit == POLICY_UNIT_JOB ? ctx->job_rows : ctx->training_rows;
    *count = offsets[person + 1] - offsets[person];
    return rows + offsets[person];
}

/* Appends a value as written in a policy file: yuan, tiers, steps or a parameter. */
static void value_text(const policy_set *set, const policy_value *v, char *out, size_t size,
                       size_t *used)
{
    char yuan[MONEY_TEXT_MAX];
    switch (v->kind) {
    case POLICY_VALUE_FIXED:
        money_format(v->fen, yuan);
        append(out, size, used, "%s", yuan);
        return;
    case POLICY_VALUE_BY_LOCATION:
    case POLICY_VALUE_BY_CERTIFICATE: {
        int location = v->kind == POLICY_VALUE_BY_LOCATION;
        append(out, size, used, "{by = %s", location ? "job_location" : "certificate");
        for (int i = location ? 0 : 1; i < (location ? POLICY_LOCATION_COUNT : CERTIFICATE_COUNT);
             i++) {
            if (v->tiers[i] == POLICY_FEN_NONE)
                continue;
            money_format(v->tiers[i], yuan);
            append(out, size, used, ", %s = %s",
                   location ? policy_location_name((policy_location)i)
                            : population_certificate_name(i),
                   yuan);
        }
        append(out, size, used, "}");
        return;
    }
    case POLICY_VALUE_BY_HIRES:
        append(out, size, used, "{by = hires");
        for (int k = 0; k < v->step_count; k++) {
            append(out, size, used, ", {at_least = %d, ", (int)v->step_at_least[k]);
            if (v->step_parameter[k] >= 0) {
                append(out, size, used, "parameter = %s}", v->step_parameter_name[k]);
                continue;
            }
            money_format(v->step_fen[k], yuan);
            append(out, size, used, "value = %s}", yuan);
        }
        append(out, size, used, "}");
        return;
    case POLICY_VALUE_PARAMETER:
        append(out, size, used, "{parameter = %s", set->parameters[v->parameter].name);
        if (v->percent_hundredths != 10000)
            append(out, size, used, ", percent = %.2f", (double)v->percent_hundredths / 100.0);
        if (v->days_per_month_hundredths > 0)
            append(out, size, used, ", days_per_month = %.2f",
                   (double)v->days_per_month_hundredths / 100.0);
        append(out, size, used, "}");
        return;
    }
}

void policy_amount_text(const policy_set *set, const policy_rule *rule, char *out, size_t size)
{
    static const char *const rates[] = {"once",     "per_month", "per_day",
                                        "per_year", "per_hour",  "per_worked_month"};
    const policy_amount *a = &rule->amount;
    size_t used = 0;
    out[0] = '\0';
    if (!rule->has_amount) {
        append(out, size, &used, "%s", "service");
        return;
    }
    append(out, size, &used, "%s = ", rates[a->rate]);
    value_text(set, &a->value, out, size, &used);
    if (a->per_head)
        append(out, size, &used, "%s", ", per_head = true");
    if (a->has_at_most) {
        append(out, size, &used, "%s", ", at_most = ");
        value_text(set, &a->at_most, out, size, &used);
    }
    if (a->max_months_parameter >= 0)
        append(out, size, &used, ", max_months = {parameter = %s}", a->max_months_parameter_name);
    else if (a->max_months > 0)
        append(out, size, &used, ", max_months = %d", a->max_months);
    if (a->max_days > 0)
        append(out, size, &used, ", max_days = %d", a->max_days);
    if (a->up_to_cost != POLICY_COST_NONE)
        append(out, size, &used, ", up_to_cost = %s",
               a->up_to_cost == POLICY_COST_TRAVEL ? "travel_cost" : "cost");
    if (a->months_from >= 0 || a->months_to != INT32_MAX) {
        char from[BF_MONTH_TEXT_MAX] = "", to[BF_MONTH_TEXT_MAX] = "";
        if (a->months_from >= 0)
            date_month_format(a->months_from, from);
        if (a->months_to != INT32_MAX)
            date_month_format(a->months_to, to);
        append(out, size, &used, ", months = {from = %s, to = %s}", from, to);
    }
    if (a->max_per_year > 0)
        append(out, size, &used, ", max_per_year = %d", a->max_per_year);
    if (a->first_time)
        append(out, size, &used, ", first_time = %s",
               a->first_time == POLICY_FIRST_MATCHING ? "matching" : "true");
}

int policy_explain_numbers(const policy_result *result, int rule_index, int32_t row, int month,
                           char *out)
{
    const eval_context *ctx = &result->explanation->ctx;
    const policy_rule *rule = ctx->set->rules[rule_index];
    const population *pop = ctx->pop;
    out[0] = '\0';
    if (!rule->has_amount)
        return 0;
    switch (rule->amount.value.kind) {
    case POLICY_VALUE_BY_LOCATION: {
        int32_t person = eval_person_of(ctx, rule->unit, (uint32_t)row);
        snprintf(out, POLICY_VALUE_TEXT_MAX, "job_location = %s",
                 policy_location_name(
                     eval_location_of(pop->jobs.region[row], pop->people.hukou[person])));
        return 1;
    }
    case POLICY_VALUE_BY_CERTIFICATE:
        snprintf(out, POLICY_VALUE_TEXT_MAX, "certificate = %s",
                 population_certificate_name(pop->trainings.certificate[row]));
        return 1;
    case POLICY_VALUE_PARAMETER: {
        /* the region and day it is looked up at: per_day the training's start (as the
           evaluation), else the first paid month's first day */
        const policy_parameter *parameter = &ctx->set->parameters[rule->amount.value.parameter];
        int64_t region = eval_lookup_region(ctx, rule, (uint32_t)row), value = 0;
        int32_t day = rule->amount.rate == POLICY_RATE_PER_DAY
                          ? pop->trainings.start[row]
                          : (int32_t)date_to_days(date_month_first_day(month));
        char code[16], date[BF_DATE_TEXT_MAX], yuan[MONEY_TEXT_MAX];
        population_region_format(region, code);
        date_format(date_from_days(day), date);
        if (policy_parameter_lookup(parameter, region, day, &value) != BF_OK)
            return 0;
        money_format(value, yuan);
        snprintf(out, POLICY_VALUE_TEXT_MAX, "%s %s %s = %s", parameter->name, code, date, yuan);
        return 1;
    }
    case POLICY_VALUE_FIXED:
    case POLICY_VALUE_BY_HIRES: /* the hires are the grant's heads */
        return 0;
    }
    return 0;
}
