/*
 * policy_resolve.c - a loaded set linked across files: status, parameter and
 * not_with names to indexes, statuses ordered by their dependencies, and the
 * checks that need the whole set (units of parameters, hires and residents
 * conditions present where counted).
 */
#include "policy/policy_load_private.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Resolves status names in conditions; returns problems found. */
static int resolve_conditions(policy_set *set, const policy_rule *rule, policy_condition *items,
                              int total, policy_diagnostics *diag)
{
    int problems = 0;
    const char *file = rule->document >= 0 ? set->documents[rule->document].file : "?";
    for (int i = 0; i < total; i++) {
        policy_condition *c = &items[i];
        if (policy_condition_by_parameter(c)) {
            policy_parameter_unit wanted =
                (policy_parameter_unit)policy_predicate_spec_of(c->predicate)->parameter_unit;
            int found = policy_set_find_parameter(set, c->names[0]);
            if (items != rule->conditions) {
                policy_diagnostic_add(
                    diag, file, c->line,
                    BF_TR("%s：{ parameter = … } 参数只能用在 conditions 中",
                          "%s: a { parameter = ... } argument goes in conditions only"),
                    rule->id);
                problems++;
            } else if (found < 0 || set->parameters[found].unit != wanted) {
                policy_diagnostic_add(
                    diag, file, c->line,
                    BF_TR("%s：条件 %s 的参数“%s”未声明或不是 unit = \"%s\"",
                          "%s: condition %s: parameter '%s' is undeclared or not unit = \"%s\""),
                    rule->id, policy_predicate_name(c->predicate), c->names[0],
                    policy_parameter_unit_name(wanted));
                problems++;
            } else
                c->parameter = found;
            continue;
        }
        policy_status_of status_of = policy_predicate_spec_of(c->predicate)->status_of;
        if (status_of == POLICY_STATUS_OF_NONE)
            continue;
        int found = policy_set_find_rule(set, c->names[0]);
        if (found < 0 || !set->rules[found]->is_status) {
            policy_diagnostic_add(diag, file, c->line,
                                  BF_TR("%s：未知状态“%s”", "%s: unknown status '%s'"), rule->id,
                                  c->names[0]);
            problems++;
            continue;
        }
        policy_unit wanted = status_of == POLICY_STATUS_OF_PERSON ? POLICY_UNIT_PERSON
                             : status_of == POLICY_STATUS_OF_ORG  ? POLICY_UNIT_ORG
                                                                  : rule->unit;
        /* The row's own status inside hires tests the job row; inside residents, the person. */
        if (status_of == POLICY_STATUS_OF_ROW && items == rule->hires)
            wanted = POLICY_UNIT_JOB;
        if (status_of == POLICY_STATUS_OF_ROW && items == rule->residents)
            wanted = POLICY_UNIT_PERSON;
        if (set->rules[found]->unit != wanted) {
            policy_diagnostic_add(diag, file, c->line,
                                  BF_TR("%s：状态 %s 的 unit 是 %s，这里需要 %s",
                                        "%s: status %s has unit %s, %s needed here"),
                                  rule->id, c->names[0], policy_unit_name(set->rules[found]->unit),
                                  policy_unit_name(wanted));
            problems++;
            continue;
        }
        c->status_rule = found;
    }
    return problems;
}

/* True when some condition of items[0 .. total) tests status rule. */
static int tests_status(const policy_condition *items, int total, int status)
{
    for (int i = 0; i < total; i++)
        if (items[i].status_rule == status)
            return 1;
    return 0;
}

/* True when rule a's conditions, hires or residents test status rule b. */
static int status_depends_on(const policy_rule *a, int b)
{
    return tests_status(a->conditions, a->condition_total, b) ||
           tests_status(a->hires, a->hire_total, b) ||
           tests_status(a->residents, a->resident_total, b);
}

/* Depth-first walk of the status dependencies (white 0, on the path 1, placed 2). */
typedef struct status_walk {
    policy_set *set;
    policy_diagnostics *diag;
    uint8_t mark[POLICY_RULES_MAX];
    int path[POLICY_RULES_MAX]; /* statuses on the current path, outermost first */
    int depth;
    int problems;
} status_walk;

/* Reports the cycle path[from .. depth) closed by rule again. */
static void report_status_cycle(status_walk *w, int from)
{
    const policy_set *set = w->set;
    const policy_rule *first = set->rules[w->path[from]];
    char chain[POLICY_DIAGNOSTIC_MAX] = "";
    size_t used = 0;
    for (int k = from; k <= w->depth && used < sizeof chain; k++) {
        const policy_rule *r = set->rules[k < w->depth ? w->path[k] : w->path[from]];
        int written = snprintf(chain + used, sizeof chain - used, "%s%s (%s)",
                               k > from ? " -> " : "", r->id, r->clause);
        if (written < 0)
            break;
        used += (size_t)written;
    }
    policy_diagnostic_add(
        w->diag, first->document >= 0 ? set->documents[first->document].file : "?", first->line,
        BF_TR("状态之间循环依赖：%s", "statuses depend on each other in a cycle: %s"), chain);
    w->problems++;
}

/* Places status s after every status it tests (post-order). */
static void place_status(status_walk *w, int s)
{
    policy_set *set = w->set;
    w->mark[s] = 1;
    w->path[w->depth++] = s;
    for (int t = 0; t < set->rule_count; t++) {
        if (!set->rules[t]->is_status || !status_depends_on(set->rules[s], t))
            continue;
        if (w->mark[t] == 1) {
            int from = w->depth - 1;
            while (w->path[from] != t)
                from--;
            report_status_cycle(w, from);
        } else if (w->mark[t] == 0)
            place_status(w, t);
    }
    w->depth--;
    w->mark[s] = 2;
    set->status_order[set->status_order_count++] = s;
}

/*
 * Orders the statuses so that each is evaluated after the statuses it tests,
 * load order otherwise; a cycle is a problem naming its statuses and clauses.
 */
static int order_statuses(policy_set *set, policy_diagnostics *diag)
{
    status_walk *w = calloc(1, sizeof *w);
    if (w == NULL) {
        policy_diagnostic_add(diag, "?", 0, "%s", bf_strerror(BF_ENOMEM));
        return 1;
    }
    w->set = set;
    w->diag = diag;
    set->status_order_count = 0;
    for (int s = 0; s < set->rule_count; s++)
        if (set->rules[s]->is_status && w->mark[s] == 0)
            place_status(w, s);
    int problems = w->problems;
    free(w);
    return problems;
}

int policy_set_resolve(policy_set *set, policy_diagnostics *diag)
{
    int problems = 0;
    for (int r = 0; r < set->rule_count; r++) {
        policy_rule *rule = set->rules[r];
        const char *file = rule->document >= 0 ? set->documents[rule->document].file : "?";
        problems += resolve_conditions(set, rule, rule->conditions, rule->condition_total, diag);
        problems += resolve_conditions(set, rule, rule->hires, rule->hire_total, diag);
        problems += resolve_conditions(set, rule, rule->residents, rule->resident_total, diag);
        for (int i = 0; i < rule->not_with_count; i++) {
            int found = policy_set_find_rule(set, rule->not_with[i]);
            if (found < 0 || set->rules[found]->is_status || found == r) {
                policy_diagnostic_add(diag, file, rule->line,
                                      BF_TR("%s：not_with 中的“%s”不是另一项待遇",
                                            "%s: '%s' in not_with is not another benefit"),
                                      rule->id, rule->not_with[i]);
                problems++;
            }
            rule->not_with_rule[i] = found;
        }
        if (rule->valid_parameter_name[0] != '\0') {
            rule->valid_parameter = policy_set_find_parameter(set, rule->valid_parameter_name);
            if (rule->valid_parameter < 0 ||
                set->parameters[rule->valid_parameter].unit != POLICY_PARAMETER_WINDOW) {
                policy_diagnostic_add(
                    diag, file, rule->line,
                    BF_TR("%s：valid 的参数“%s”未声明或不是 unit = \"window\"",
                          "%s: valid parameter '%s' is undeclared or not unit = \"window\""),
                    rule->id, rule->valid_parameter_name);
                problems++;
                rule->valid_parameter = -1;
            }
        }
        int uses_hires = 0;
        for (int i = 0; i < rule->condition_total; i++)
            if (rule->conditions[i].predicate == POLICY_PRED_HIRES_AT_LEAST ||
                rule->conditions[i].predicate == POLICY_PRED_HIRES_SHARE_AT_LEAST)
                uses_hires = 1;
        int uses_residents = 0;
        for (int i = 0; i < rule->condition_total; i++)
            if (rule->conditions[i].predicate == POLICY_PRED_RESIDENTS_AT_LEAST)
                uses_residents = 1;
        if (uses_residents && rule->resident_count == 0) {
            policy_diagnostic_add(diag, file, rule->line,
                                  BF_TR("%s：用到居住人数，但没有 residents 条件",
                                        "%s: counts residents but has no residents conditions"),
                                  rule->id);
            problems++;
        }
        if ((uses_hires || (rule->has_amount && rule->amount.per_head)) && rule->hire_count == 0) {
            policy_diagnostic_add(diag, file, rule->line,
                                  BF_TR("%s：用到吸纳人数，但没有 hires 条件",
                                        "%s: counts hires but has no hires conditions"),
                                  rule->id);
            problems++;
        }
        if (rule->has_amount && rule->amount.has_at_most &&
            rule->amount.at_most.kind == POLICY_VALUE_PARAMETER) {
            policy_value *cap = &rule->amount.at_most;
            cap->parameter = policy_set_find_parameter(set, cap->parameter_name);
            if (cap->parameter < 0) {
                policy_diagnostic_add(diag, file, rule->line,
                                      BF_TR("%s：at_most 用到未声明的参数“%s”",
                                            "%s: at_most uses undeclared parameter '%s'"),
                                      rule->id, cap->parameter_name);
                problems++;
            } else if (rule->amount.value.kind == POLICY_VALUE_PARAMETER &&
                       rule->amount.value.parameter_name[0] != '\0') {
                int rate = policy_set_find_parameter(set, rule->amount.value.parameter_name);
                if (rate >= 0 &&
                    set->parameters[rate].unit != set->parameters[cap->parameter].unit &&
                    cap->days_per_month_hundredths == 0) {
                    policy_diagnostic_add(
                        diag, file, rule->line,
                        BF_TR("%s：at_most 参数 %s 的单位与金额参数不同",
                              "%s: at_most parameter %s has another unit than the rate"),
                        rule->id, cap->parameter_name);
                    problems++;
                }
            }
        }
        if (rule->has_amount && rule->amount.max_months_parameter_name[0] != '\0') {
            int found = policy_set_find_parameter(set, rule->amount.max_months_parameter_name);
            if (found < 0 || set->parameters[found].unit != POLICY_PARAMETER_MONTHS) {
                policy_diagnostic_add(
                    diag, file, rule->line,
                    BF_TR("%s：max_months 的参数“%s”未声明或不是 unit = \"months\"",
                          "%s: max_months parameter '%s' is undeclared or not unit = \"months\""),
                    rule->id, rule->amount.max_months_parameter_name);
                problems++;
            }
            rule->amount.max_months_parameter = found;
        }
        if (rule->has_amount && rule->amount.value.kind == POLICY_VALUE_BY_HIRES) {
            policy_value *v = &rule->amount.value;
            for (int k = 0; k < v->step_count; k++) {
                if (v->step_parameter_name[k][0] == '\0')
                    continue;
                v->step_parameter[k] = policy_set_find_parameter(set, v->step_parameter_name[k]);
                policy_parameter_unit wanted =
                    rule->amount.per_head ? POLICY_PARAMETER_YUAN_PER_HEAD : POLICY_PARAMETER_YUAN;
                if (v->step_parameter[k] < 0 ||
                    (set->parameters[v->step_parameter[k]].unit != wanted &&
                     set->parameters[v->step_parameter[k]].unit != POLICY_PARAMETER_YUAN)) {
                    policy_diagnostic_add(
                        diag, file, rule->line,
                        BF_TR("%s：分档参数“%s”未声明或单位不符",
                              "%s: step parameter '%s' is undeclared or of another unit"),
                        rule->id, v->step_parameter_name[k]);
                    problems++;
                    v->step_parameter[k] = -1;
                }
            }
        }
        if (!rule->has_amount || rule->amount.value.kind != POLICY_VALUE_PARAMETER)
            continue;
        policy_value *value = &rule->amount.value;
        value->parameter = policy_set_find_parameter(set, value->parameter_name);
        if (value->parameter < 0) {
            policy_diagnostic_add(
                diag, file, rule->line,
                BF_TR("%s：未声明的参数“%s”（用 parameter { } 声明）",
                      "%s: undeclared parameter '%s' (declare it with parameter { })"),
                rule->id, value->parameter_name);
            problems++;
            continue;
        }
        policy_parameter_unit unit = set->parameters[value->parameter].unit;
        int fits = 0;
        switch (rule->amount.rate) {
        case POLICY_RATE_ONCE:
            fits = unit == POLICY_PARAMETER_YUAN ||
                   (unit == POLICY_PARAMETER_YUAN_PER_HEAD && rule->amount.per_head);
            break;
        case POLICY_RATE_PER_MONTH:
        case POLICY_RATE_PER_WORKED_MONTH:
            fits = unit == POLICY_PARAMETER_YUAN_PER_MONTH;
            break;
        case POLICY_RATE_PER_YEAR:
            fits = unit == POLICY_PARAMETER_YUAN_PER_YEAR;
            break;
        case POLICY_RATE_PER_HOUR:
            fits = unit == POLICY_PARAMETER_YUAN_PER_HOUR;
            break;
        case POLICY_RATE_PER_DAY:
            fits =
                unit == POLICY_PARAMETER_YUAN_PER_DAY ||
                (unit == POLICY_PARAMETER_YUAN_PER_MONTH && value->days_per_month_hundredths > 0);
            break;
        }
        if (!fits ||
            (value->days_per_month_hundredths > 0 && unit != POLICY_PARAMETER_YUAN_PER_MONTH)) {
            policy_diagnostic_add(
                diag, file, rule->line,
                BF_TR("%s：参数 %s 的单位 %s 与金额规则不符",
                      "%s: parameter %s has unit %s, which does not fit the amount rule"),
                rule->id, value->parameter_name, policy_parameter_unit_name(unit));
            problems++;
        }
    }
    for (int i = 0; i < set->target_count; i++) {
        policy_target *t = set->targets[i];
        if (t->part_of[0] == '\0')
            continue;
        for (int k = 0; k < set->target_count; k++)
            if (k != i && strcmp(set->targets[k]->id, t->part_of) == 0)
                t->part_of_target = k;
        if (t->part_of_target < 0) {
            policy_diagnostic_add(diag, t->document >= 0 ? set->documents[t->document].file : "?",
                                  t->line,
                                  BF_TR("%s：part_of“%s”不是已声明的目标",
                                        "%s: part_of '%s' is not a declared target"),
                                  t->id, t->part_of);
            problems++;
        }
    }
    problems += order_statuses(set, diag);
    return problems > 0 ? BF_EPOLICY : BF_OK;
}
