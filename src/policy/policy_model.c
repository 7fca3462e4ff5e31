/* policy_model.c - the policy set: names, look-ups, parameter timelines. */
#include "policy/policy_model.h"

#include "core/date.h"
#include "policy/name_table.h"
#include "policy/population.h"

#include <stdlib.h>
#include <string.h>

static const char *const unit_names[POLICY_UNIT_COUNT] = {"person", "job", "training", "org"};
static const char *const payee_names[POLICY_PAYEE_COUNT] = {"person", "employer", "agency", "org"};
static const policy_predicate_spec predicate_specs[POLICY_PRED_COUNT] = {
#define POLICY_PREDICATE_SPEC(id, name, args, units, cost, parameter, status)                      \
    [POLICY_PRED_##id] = {name, POLICY_ARGS_##args,           POLICY_UNITS_##units,                \
                          cost, POLICY_PARAMETER_##parameter, POLICY_STATUS_OF_##status},
    POLICY_PREDICATE_MAP(POLICY_PREDICATE_SPEC)
#undef POLICY_PREDICATE_SPEC
};
static const char *const location_names[POLICY_LOCATION_COUNT] = {"same_county", "same_province",
                                                                  "other_province"};
static const char *const parameter_unit_names[POLICY_PARAMETER_UNIT_COUNT] = {
    "yuan",   "yuan_per_month", "yuan_per_day", "yuan_per_head", "yuan_per_year",
    "window", "yuan_per_hour",  "persons",      "months"};

static const char *const comparator_names[POLICY_COMPARATOR_COUNT] = {"at_least", "at_most",
                                                                      "about", "equal"};
static const char *const measure_names[POLICY_MEASURE_COUNT] = {
#define POLICY_MEASURE_NAME(id, name) name,
    POLICY_MEASURE_MAP(POLICY_MEASURE_NAME)
#undef POLICY_MEASURE_NAME
};

const char *policy_unit_name(policy_unit unit)
{
    return (unsigned)unit < POLICY_UNIT_COUNT ? unit_names[unit] : "?";
}
const char *policy_payee_name(policy_payee payee)
{
    return (unsigned)payee < POLICY_PAYEE_COUNT ? payee_names[payee] : "?";
}
const char *policy_predicate_name(policy_predicate predicate)
{
    return (unsigned)predicate < POLICY_PRED_COUNT ? predicate_specs[predicate].name : "?";
}
const char *policy_location_name(policy_location location)
{
    return (unsigned)location < POLICY_LOCATION_COUNT ? location_names[location] : "?";
}
const char *policy_parameter_unit_name(policy_parameter_unit unit)
{
    return (unsigned)unit < POLICY_PARAMETER_UNIT_COUNT ? parameter_unit_names[unit] : "?";
}
const char *policy_comparator_name(policy_comparator comparator)
{
    return (unsigned)comparator < POLICY_COMPARATOR_COUNT ? comparator_names[comparator] : "?";
}
int policy_comparator_parse(const char *text)
{
    return name_table_find(comparator_names, POLICY_COMPARATOR_COUNT, text);
}
const char *policy_measure_name(policy_measure measure)
{
    return (unsigned)measure < POLICY_MEASURE_COUNT ? measure_names[measure] : "?";
}
int policy_measure_parse(const char *text)
{
    int found = name_table_find(measure_names, POLICY_MEASURE_COUNT, text);
    return found > 0 ? found : -1;
}
int policy_unit_parse(const char *text)
{
    return name_table_find(unit_names, POLICY_UNIT_COUNT, text);
}
int policy_payee_parse(const char *text)
{
    return name_table_find(payee_names, POLICY_PAYEE_COUNT, text);
}
int policy_predicate_parse(const char *text)
{
    for (int i = 0; text != NULL && i < POLICY_PRED_COUNT; i++)
        if (strcmp(predicate_specs[i].name, text) == 0)
            return i;
    return -1;
}
int policy_location_parse(const char *text)
{
    return name_table_find(location_names, POLICY_LOCATION_COUNT, text);
}
int policy_parameter_unit_parse(const char *text)
{
    return name_table_find(parameter_unit_names, POLICY_PARAMETER_UNIT_COUNT, text);
}

int policy_set_create(policy_set **out, bf_error *err)
{
    policy_set *set = calloc(1, sizeof *set);
    if (set == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    set->status_order_count = -1;
    *out = set;
    return BF_OK;
}

void policy_set_free(policy_set *set)
{
    if (set == NULL)
        return;
    for (int i = 0; i < set->rule_count; i++) {
        policy_rule *rule = set->rules[i];
        free(rule->text);
        free(rule->target);
        free(rule->service);
        free(rule->note);
        free(rule);
    }
    for (int i = 0; i < set->document_count; i++) {
        free(set->documents[i].title);
        free(set->documents[i].issuer);
    }
    for (int i = 0; i < set->parameter_count; i++) {
        free(set->parameters[i].values);
        free(set->parameters[i].earlier);
        int_map_free(&set->parameters[i].by_region);
    }
    for (int i = 0; i < set->target_count; i++) {
        policy_target *t = set->targets[i];
        free(t->text);
        free(t->indicator);
        free(t->note);
        free(t);
    }
    for (int i = 0; i < set->report_count; i++) {
        policy_report *r = set->reports[i];
        free(r->title);
        free(r->text);
        free(r->from);
        free(r->to);
        free(r->note);
        free(r->indicators);
        free(r->compare);
        for (int k = 0; k < r->column_count; k++)
            free(r->columns[k]);
        for (int k = 0; k < r->header_count; k++)
            free(r->header[k]);
        for (int k = 0; k < r->footer_count; k++)
            free(r->footer[k]);
        free(r);
    }
    free(set);
}

/* Replaces *text, a pointer into another set, by a copy of its own: 1, or 0 (and NULL) when
 * memory runs out.  Called on every field of a part, so none is left pointing into the source. */
static int policy_text_own(char **text)
{
    if (*text == NULL)
        return 1;
    *text = strdup(*text);
    return *text != NULL;
}

/*
 * The parts are copied in the order policy_set_free() frees them, each counted in the copy only
 * once its own pointers are its own (a copy that fails half-way frees what it owns and nothing
 * of set).  A field owned here must be copied here as policy_set_free() frees it there.
 */
int policy_set_copy(const policy_set *set, policy_set **out, bf_error *err)
{
    *out = NULL;
    policy_set *copy = malloc(sizeof *copy);
    if (copy == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    memcpy(copy, set, sizeof *copy);
    copy->rule_count = copy->document_count = copy->parameter_count = 0;
    copy->target_count = copy->report_count = 0;
    int ok = 1;
    for (int i = 0; ok && i < set->rule_count; i++) {
        policy_rule *rule = malloc(sizeof *rule);
        if ((ok = rule != NULL) == 0)
            break;
        const policy_rule *from = set->rules[i]; /* its head and the slots it uses */
        memcpy(rule, from, POLICY_RULE_HEAD_SIZE);
        memcpy(rule->conditions, from->conditions,
               (size_t)from->condition_total * sizeof from->conditions[0]);
        memcpy(rule->hires, from->hires, (size_t)from->hire_total * sizeof from->hires[0]);
        memcpy(rule->residents, from->residents,
               (size_t)from->resident_total * sizeof from->residents[0]);
        copy->rules[copy->rule_count++] = rule;
        ok = policy_text_own(&rule->text) & policy_text_own(&rule->target) &
             policy_text_own(&rule->service) & policy_text_own(&rule->note);
    }
    for (int i = 0; ok && i < set->document_count; i++) {
        policy_document *document = &copy->documents[copy->document_count++];
        ok = policy_text_own(&document->title) & policy_text_own(&document->issuer);
    }
    for (int i = 0; ok && i < set->parameter_count; i++) {
        policy_parameter *parameter = &copy->parameters[copy->parameter_count++];
        parameter->values = NULL;
        parameter->earlier = NULL;
        parameter->value_count = parameter->value_capacity = 0;
        parameter->by_region = (int_map){0};
        /* Added again in their order: the same timeline, by_region and earlier as set's. */
        for (size_t k = 0; ok && k < set->parameters[i].value_count; k++)
            ok = policy_parameter_add_value(parameter, &set->parameters[i].values[k], err) == BF_OK;
    }
    for (int i = 0; ok && i < set->target_count; i++) {
        policy_target *target = malloc(sizeof *target);
        if ((ok = target != NULL) == 0)
            break;
        *target = *set->targets[i];
        copy->targets[copy->target_count++] = target;
        ok = policy_text_own(&target->text) & policy_text_own(&target->indicator) &
             policy_text_own(&target->note);
    }
    for (int i = 0; ok && i < set->report_count; i++) {
        policy_report *report = malloc(sizeof *report);
        if ((ok = report != NULL) == 0)
            break;
        *report = *set->reports[i];
        copy->reports[copy->report_count++] = report;
        ok = policy_text_own(&report->title) & policy_text_own(&report->text) &
             policy_text_own(&report->from) & policy_text_own(&report->to) &
             policy_text_own(&report->note) & policy_text_own(&report->indicators) &
             policy_text_own(&report->compare);
        for (int k = 0; k < report->column_count; k++)
            ok &= policy_text_own(&report->columns[k]);
        for (int k = 0; k < report->header_count; k++)
            ok &= policy_text_own(&report->header[k]);
        for (int k = 0; k < report->footer_count; k++)
            ok &= policy_text_own(&report->footer[k]);
    }
    if (!ok) {
        policy_set_free(copy);
        /* Memory is all a copy can lack: set's timelines fit their limits already. */
        return bf_error_set(err, BF_ENOMEM, NULL);
    }
    *out = copy;
    return BF_OK;
}

const char *policy_document_label(const policy_document *document)
{
    if (document->number[0] != '\0')
        return document->number;
    if (document->short_name[0] != '\0')
        return document->short_name;
    return document->title != NULL ? document->title : "";
}

int policy_set_find_rule(const policy_set *set, const char *id)
{
    for (int i = 0; i < set->rule_count; i++)
        if (strcmp(set->rules[i]->id, id) == 0)
            return i;
    return -1;
}

int policy_set_find_parameter(const policy_set *set, const char *name)
{
    for (int i = 0; i < set->parameter_count; i++)
        if (strcmp(set->parameters[i].name, name) == 0)
            return i;
    return -1;
}

int policy_parameter_add_value(policy_parameter *parameter, const policy_parameter_value *value,
                               bf_error *err)
{
    if (parameter->value_count == parameter->value_capacity) {
        if (parameter->value_capacity >= POLICY_PARAMETER_VALUES_MAX)
            return bf_error_set(
                err, BF_ETOOBIG,
                BF_TR("参数 %s 的取值超过 %d 条", "parameter %s has more than %d values"),
                parameter->name, POLICY_PARAMETER_VALUES_MAX);
        size_t capacity = parameter->value_capacity == 0 ? 8 : parameter->value_capacity * 2;
        policy_parameter_value *grown =
            realloc(parameter->values, capacity * sizeof *parameter->values);
        if (grown == NULL)
            return bf_error_set(err, BF_ENOMEM, NULL);
        parameter->values = grown;
        int32_t *earlier = realloc(parameter->earlier, capacity * sizeof *parameter->earlier);
        if (earlier == NULL)
            return bf_error_set(err, BF_ENOMEM, NULL);
        parameter->earlier = earlier;
        parameter->value_capacity = capacity;
    }
    int32_t index = (int32_t)parameter->value_count;
    int64_t latest = -1;
    uint64_t key = (uint64_t)value->region + 1;
    int_map_find(&parameter->by_region, key, &latest);
    int rc = int_map_set(&parameter->by_region, key, index);
    if (rc != BF_OK)
        return bf_error_set(err, rc, NULL);
    parameter->earlier[index] = (int32_t)latest;
    parameter->values[parameter->value_count++] = *value;
    return BF_OK;
}

/*
 * The value of parameter that applies in region among those starting on or
 * before day (INT32_MAX: every start): the most specific region wins; within
 * it, a later origin beats an earlier one (policy_value_origin), and the
 * latest start wins.  NULL when none applies.
 */
static const policy_parameter_value *parameter_value_choose(const policy_parameter *parameter,
                                                            int64_t region, int32_t day)
{
    /* The region's ancestors, most specific first: the first holding a value that applies wins
       (more digits, a more specific region). */
    static const int64_t divisors[] = {1, 1000, 1000000, 100000000, 10000000000};
    int64_t previous = -1;
    for (int level = 0; level < 5; level++) {
        int64_t ancestor = region / divisors[level] * divisors[level];
        if (ancestor == previous)
            continue;
        previous = ancestor;
        int64_t index = -1;
        if (!int_map_find(&parameter->by_region, (uint64_t)ancestor + 1, &index))
            continue;
        /* Newest first, so that of two equal values the later added wins. */
        const policy_parameter_value *best = NULL;
        for (; index >= 0; index = parameter->earlier[index]) {
            const policy_parameter_value *v = &parameter->values[index];
            if (v->from > day)
                continue;
            if (best != NULL &&
                (v->origin < best->origin || (v->origin == best->origin && v->from <= best->from)))
                continue;
            best = v;
        }
        if (best != NULL)
            return best;
    }
    return NULL;
}

/*
 * The value chosen by parameter_value_choose() on day.  A value of
 * POLICY_FEN_NONE that wins means the timeline has ended: not found.
 */
int policy_parameter_lookup(const policy_parameter *parameter, int64_t region, int32_t day,
                            int64_t *fen)
{
    const policy_parameter_value *best = parameter_value_choose(parameter, region, day);
    if (best == NULL || best->fen == POLICY_FEN_NONE)
        return BF_ENOTFOUND;
    *fen = best->fen;
    return BF_OK;
}

int policy_parameter_window(const policy_parameter *parameter, int64_t region, int32_t *from,
                            int32_t *to)
{
    const policy_parameter_value *best = parameter_value_choose(parameter, region, INT32_MAX);
    if (best == NULL || best->fen == POLICY_FEN_NONE)
        return BF_ENOTFOUND;
    *from = best->from;
    *to = best->to;
    return BF_OK;
}

int32_t policy_months_end_day(int32_t start, int months)
{
    bf_date s = date_from_days(start);
    int index = s.year * 12 + s.month - 1 + months;
    int year = index / 12, month = index % 12 + 1;
    int last = date_days_in_month(year, month);
    if (s.day > last)
        return (int32_t)date_to_days((bf_date){year, month, last});
    return (int32_t)date_to_days((bf_date){year, month, s.day}) - 1;
}

const policy_predicate_spec *policy_predicate_spec_of(policy_predicate predicate)
{
    return &predicate_specs[predicate];
}

int policy_condition_by_parameter(const policy_condition *c)
{
    return predicate_specs[c->predicate].parameter_unit != POLICY_PARAMETER_NONE && c->argc == 0 &&
           c->names[0][0] != '\0';
}
