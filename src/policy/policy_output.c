/* policy_output.c - writing a calc result as JSON, amounts from fen. */
#include "policy/policy_output.h"

#include "core/date.h"
#include "core/money.h"

#include <stdlib.h>
#include <string.h>

/* Writes text as a JSON string (UTF-8 passes through; controls are escaped). */
static void write_string(FILE *out, const char *text)
{
    putc_unlocked('"', out);
    const unsigned char *p = (const unsigned char *)text;
    for (;;) {
        /* The run of characters that need no escape, written at once. */
        const unsigned char *run = p;
        while (*p >= 0x20 && *p != '"' && *p != '\\')
            p++;
        if (p > run)
            fwrite_unlocked(run, 1, (size_t)(p - run), out);
        if (*p == '\0')
            break;
        switch (*p) {
        case '"':
            fputs_unlocked("\\\"", out);
            break;
        case '\\':
            fputs_unlocked("\\\\", out);
            break;
        case '\n':
            fputs_unlocked("\\n", out);
            break;
        case '\t':
            fputs_unlocked("\\t", out);
            break;
        default:
            fprintf(out, "\\u%04x", *p);
        }
        p++;
    }
    putc_unlocked('"', out);
}

/* Writes fen as yuan with two decimals (a JSON number). */
static void write_yuan(FILE *out, int64_t fen)
{
    char text[MONEY_TEXT_MAX];
    money_format(fen, text);
    fputs_unlocked(text, out);
}

static const char *payee_id(const population *pop, const policy_rule *rule, int32_t payee)
{
    if (rule->payee == POLICY_PAYEE_PERSON)
        return pop->people.id[payee];
    return pop->orgs.id[payee];
}

/* The id of a unit row. */
static const char *row_id(const population *pop, policy_unit unit, int32_t row)
{
    switch (unit) {
    case POLICY_UNIT_PERSON:
        return pop->people.id[row];
    case POLICY_UNIT_JOB:
        return pop->jobs.id[row];
    case POLICY_UNIT_TRAINING:
        return pop->trainings.id[row];
    default:
        return pop->orgs.id[row];
    }
}

static void write_grant(FILE *out, const policy_set *set, const population *pop,
                        const policy_grant *g)
{
    const policy_rule *rule = set->rules[g->rule];
    char month[BF_MONTH_TEXT_MAX];
    date_month_format(g->month, month);
    fputs_unlocked("{\"benefit\": ", out);
    write_string(out, rule->id);
    fputs_unlocked(", \"document\": ", out);
    write_string(out,
                 rule->document >= 0 ? policy_document_label(&set->documents[rule->document]) : "");
    fputs_unlocked(", \"clause\": ", out);
    write_string(out, rule->clause);
    fputs_unlocked(", \"name\": ", out);
    write_string(out, rule->name);
    fputs_unlocked(", \"payee\": ", out);
    write_string(out, payee_id(pop, rule, g->payee));
    fputs_unlocked(", \"payee_kind\": ", out);
    write_string(out, policy_payee_name(rule->payee));
    fputs_unlocked(", \"person\": ", out);
    if (g->person >= 0)
        write_string(out, pop->people.id[g->person]);
    else
        fputs_unlocked("null", out);
    fputs_unlocked(", \"month\": ", out);
    write_string(out, month);
    fputs_unlocked(", \"amount\": ", out);
    if (g->fen == POLICY_FEN_NONE)
        fputs_unlocked("null", out);
    else
        write_yuan(out, g->fen);
    if (rule->has_amount && rule->amount.per_head)
        fprintf(out, ", \"heads\": %d", g->count);
    if (rule->has_amount && rule->amount.rate == POLICY_RATE_PER_DAY)
        fprintf(out, ", \"days\": %d", g->count);
    if (rule->has_amount && rule->amount.rate == POLICY_RATE_PER_HOUR)
        fprintf(out, ", \"hours\": %d.%d", g->count / 10, g->count % 10);
    if (rule->is_service) {
        fputs_unlocked(", \"kind\": \"service\", \"service\": ", out);
        write_string(out, rule->service != NULL ? rule->service : "");
    }
    fputs_unlocked(", \"source\": ", out);
    write_string(out, row_id(pop, rule->unit, g->row));
}

int policy_output_write(FILE *out, const policy_set *set, const population *pop,
                        const policy_result *result, const policy_eval_options *options,
                        bf_error *err)
{
    int rc = BF_OK;
    /* Per rule: its conditions' texts, POLICY_CONDITION_TEXT_MAX bytes each. */
    char **condition_texts = NULL;
    /* The total first, so that an overflow writes nothing. */
    int64_t total = 0;
    for (size_t i = 0; i < result->grant_count; i++) {
        const policy_grant *g = &result->grants[i];
        if (g->excluded_by < 0 && g->fen > 0 && money_add(total, g->fen, &total) != BF_OK)
            return bf_error_set(err, BF_EOVERFLOW,
                                BF_TR("加上 %s（%s）给 %s 的金额后，合计超出可计算的范围",
                                      "the total is out of the computable range once %s (%s) "
                                      "for %s is added"),
                                set->rules[g->rule]->id, set->rules[g->rule]->clause,
                                g->person >= 0 ? pop->people.id[g->person]
                                               : pop->orgs.id[g->payee]);
    }
    char from[BF_MONTH_TEXT_MAX], to[BF_MONTH_TEXT_MAX];
    date_month_format(options->month_from, from);
    date_month_format(options->month_to, to);
    fprintf(out, "{\"period\": {\"from\": \"%s\", \"to\": \"%s\"},\n", from, to);
    fputs_unlocked("\"entitlements\": [", out);
    int first = 1;
    for (size_t i = 0; i < result->grant_count; i++) {
        const policy_grant *g = &result->grants[i];
        if (g->excluded_by >= 0)
            continue;
        fputs_unlocked(first ? "\n  " : ",\n  ", out);
        first = 0;
        write_grant(out, set, pop, g);
        fputs_unlocked("}", out);
    }
    fputs_unlocked(first ? "],\n" : "\n],\n", out);
    fputs_unlocked("\"excluded\": [", out);
    first = 1;
    for (size_t i = 0; i < result->grant_count; i++) {
        const policy_grant *g = &result->grants[i];
        if (g->excluded_by < 0)
            continue;
        const policy_rule *winner = set->rules[g->excluded_by];
        fputs_unlocked(first ? "\n  " : ",\n  ", out);
        first = 0;
        write_grant(out, set, pop, g);
        char reason[POLICY_WARNING_MAX];
        snprintf(reason, sizeof reason,
                 BF_TR("与 %s（%s %s）不重复享受，已取金额较高者",
                       "not together with %s (%s %s): the higher was kept"),
                 winner->id, winner->clause, winner->name);
        fputs_unlocked(", \"reason\": ", out);
        write_string(out, reason);
        fputs_unlocked(", \"excluded_by\": ", out);
        write_string(out, winner->id);
        fputs_unlocked("}", out);
    }
    fputs_unlocked(first ? "],\n" : "\n],\n", out);
    fputs_unlocked("\"warnings\": [", out);
    for (size_t i = 0; i < result->warning_count; i++) {
        const policy_warning *w = &result->warnings[i];
        fputs_unlocked(i == 0 ? "\n  " : ",\n  ", out);
        const policy_rule *rule = w->rule >= 0 ? set->rules[w->rule] : NULL;
        fputs_unlocked("{\"benefit\": ", out);
        write_string(out, rule != NULL ? rule->id : "");
        fputs_unlocked(", \"clause\": ", out);
        write_string(out, rule != NULL ? rule->clause : "");
        fputs_unlocked(", \"person\": ", out);
        if (w->person >= 0)
            write_string(out, pop->people.id[w->person]);
        else
            fputs_unlocked("null", out);
        fputs_unlocked(", \"message\": ", out);
        write_string(out, w->message);
        fputs_unlocked("}", out);
    }
    fputs_unlocked(result->warning_count == 0 ? "],\n" : "\n],\n", out);
    fputs_unlocked("\"statuses\": [", out);
    for (size_t i = 0; i < result->status_count; i++) {
        const policy_status_holding *s = &result->statuses[i];
        const policy_rule *rule = set->rules[s->rule];
        fputs_unlocked(i == 0 ? "\n  " : ",\n  ", out);
        fputs_unlocked("{\"status\": ", out);
        write_string(out, rule->id);
        fputs_unlocked(", \"clause\": ", out);
        write_string(out, rule->clause);
        fputs_unlocked(", \"name\": ", out);
        write_string(out, rule->name);
        fputs_unlocked(", \"unit\": ", out);
        write_string(out, policy_unit_name(rule->unit));
        fputs_unlocked(", \"row\": ", out);
        write_string(out, row_id(pop, rule->unit, s->row));
        fputs_unlocked("}", out);
    }
    fputs_unlocked(result->status_count == 0 ? "],\n" : "\n],\n", out);
    fputs_unlocked("\"total\": ", out);
    write_yuan(out, total);
    if (options->explain) {
        /* Condition texts, written once per rule and condition, not once per decision. */
        condition_texts = calloc((size_t)set->rule_count + 1, sizeof *condition_texts);
        if (condition_texts == NULL)
            return bf_error_set(err, BF_ENOMEM, NULL);
        fputs_unlocked(",\n\"explain\": [", out);
        for (size_t i = 0; i < result->decision_count; i++) {
            const policy_decision *d = &result->decisions[i];
            const policy_rule *rule = set->rules[d->rule];
            fputs_unlocked(i == 0 ? "\n  " : ",\n  ", out);
            fputs_unlocked("{\"benefit\": ", out);
            write_string(out, rule->id);
            fputs_unlocked(", \"clause\": ", out);
            write_string(out, rule->clause);
            fputs_unlocked(", \"unit\": ", out);
            write_string(out, policy_unit_name(rule->unit));
            fputs_unlocked(", \"row\": ", out);
            write_string(out, row_id(pop, rule->unit, d->row));
            fputs_unlocked(", \"person\": ", out);
            if (d->person >= 0)
                write_string(out, pop->people.id[d->person]);
            else
                fputs_unlocked("null", out);
            fputs_unlocked(", \"conditions\": [", out);
            for (int k = 0; k < d->item_count; k++) {
                const policy_decision_item *item = &result->items[d->item_first + (size_t)k];
                if (condition_texts[d->rule] == NULL) {
                    condition_texts[d->rule] =
                        malloc(POLICY_CONDITIONS_MAX * POLICY_CONDITION_TEXT_MAX);
                    if (condition_texts[d->rule] == NULL) {
                        rc = bf_error_set(err, BF_ENOMEM, NULL);
                        goto out;
                    }
                    for (int c = 0; c < rule->condition_total; c++)
                        policy_condition_text(rule->conditions, c,
                                              condition_texts[d->rule] +
                                                  (size_t)c * POLICY_CONDITION_TEXT_MAX,
                                              POLICY_CONDITION_TEXT_MAX);
                }
                const char *text = item->condition >= 0
                                       ? condition_texts[d->rule] +
                                             (size_t)item->condition * POLICY_CONDITION_TEXT_MAX
                                       : "";
                fputs_unlocked(k == 0 ? "{\"condition\": " : ", {\"condition\": ", out);
                write_string(out, text);
                fputs_unlocked(", \"value\": ", out);
                write_string(out, result->texts + item->value);
                fprintf(out, ", \"result\": %s}", item->result ? "true" : "false");
            }
            fputs_unlocked("], \"outcome\": ", out);
            write_string(out, policy_outcome_text(d->outcome));
            fputs_unlocked("}", out);
        }
        fputs_unlocked(result->decision_count == 0 ? "]" : "\n]", out);
    }
    fputs_unlocked("}\n", out);
    if (ferror(out))
        rc = bf_error_set(err, BF_EIO, BF_TR("写出结果失败", "cannot write the result"));
out:
    if (condition_texts != NULL)
        for (int r = 0; r < set->rule_count; r++)
            free(condition_texts[r]);
    free(condition_texts);
    return rc;
}
