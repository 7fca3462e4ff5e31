/*
 * policy_output.c - writing a calc result as JSON, amounts from fen.
 *
 * The output runs to gigabytes with --explain: it is gathered in 1 MiB blocks
 * by memcpy, what a rule writes the same way every time (its benefit, clause,
 * name, condition texts) is escaped once per rule into a pool of fragments,
 * and numbers, months and strings are formatted without printf.
 */
#include "policy/policy_output.h"

#include "core/decimal.h"
#include "core/money.h"

#include <stdlib.h>
#include <string.h>

/* Bytes gathered before one write to the file. */
#define OUTPUT_BLOCK (1u << 20)

/*
 * Output gathered in blocks of OUTPUT_BLOCK bytes written at once (file set),
 * or grown in memory (file NULL: the pool of per-rule fragments).
 */
typedef struct output {
    FILE *file;
    char *data; /* owned */
    size_t used, capacity;
    int failed; /* a write or an allocation failed */
} output;

/* A piece of the fragment pool: the JSON a rule writes the same way every time. */
typedef struct fragment {
    size_t offset, length;
} fragment;

/* The fragments of one rule. */
typedef struct rule_fragments {
    fragment grant_head;    /* {"benefit": .., "document": .., "clause": .., "name": .., "payee": */
    fragment grant_kind;    /* , "payee_kind": .., "person": */
    fragment decision_head; /* {"benefit": .., "clause": .., "unit": .., "row": */
    fragment *conditions;   /* explain: {"condition": .., "value":  per condition, or NULL */
} rule_fragments;

static void output_flush(output *o)
{
    if (o->used > 0 && fwrite(o->data, 1, o->used, o->file) != o->used)
        o->failed = 1;
    o->used = 0;
}

/* output_bytes() when the block is full: writes it out, or grows the pool. */
static void output_bytes_slow(output *o, const void *bytes, size_t length)
{
    if (o->file != NULL) {
        output_flush(o);
        if (length > o->capacity) {
            if (fwrite(bytes, 1, length, o->file) != length)
                o->failed = 1;
            return;
        }
    } else {
        size_t capacity = o->capacity == 0 ? 4096 : o->capacity;
        while (capacity - o->used < length)
            capacity *= 2;
        char *grown = realloc(o->data, capacity);
        if (grown == NULL) {
            o->failed = 1;
            return;
        }
        o->data = grown;
        o->capacity = capacity;
    }
    memcpy(o->data + o->used, bytes, length);
    o->used += length;
}

static inline void output_bytes(output *o, const void *bytes, size_t length)
{
    if (o->capacity - o->used < length) {
        output_bytes_slow(o, bytes, length);
        return;
    }
    memcpy(o->data + o->used, bytes, length);
    o->used += length;
}

/* A string literal's bytes. */
#define OUTPUT_LITERAL(o, text) output_bytes((o), (text), sizeof(text) - 1)

static void output_fragment(output *o, const output *pool, fragment f)
{
    output_bytes(o, pool->data + f.offset, f.length);
}

/* What the pool gained since start. */
static fragment fragment_since(const output *pool, size_t start)
{
    fragment f = {start, pool->used - start};
    return f;
}

/* Writes an integer as printf's %lld does. */
static void write_integer(output *o, long long value)
{
    char digits[DECIMAL_TEXT_MAX];
    output_bytes(o, digits, decimal_format(value, digits));
}

/* Writes text as a JSON string (UTF-8 passes through; controls are escaped). */
static void write_string(output *o, const char *text)
{
    static const char hex[] = "0123456789abcdef";
    OUTPUT_LITERAL(o, "\"");
    const unsigned char *p = (const unsigned char *)text;
    for (;;) {
        /* The run of characters that need no escape, written at once. */
        const unsigned char *run = p;
        while (*p >= 0x20 && *p != '"' && *p != '\\')
            p++;
        if (p > run)
            output_bytes(o, run, (size_t)(p - run));
        if (*p == '\0')
            break;
        switch (*p) {
        case '"':
            OUTPUT_LITERAL(o, "\\\"");
            break;
        case '\\':
            OUTPUT_LITERAL(o, "\\\\");
            break;
        case '\n':
            OUTPUT_LITERAL(o, "\\n");
            break;
        case '\t':
            OUTPUT_LITERAL(o, "\\t");
            break;
        default: {
            char escape[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
            output_bytes(o, escape, sizeof escape);
        }
        }
        p++;
    }
    OUTPUT_LITERAL(o, "\"");
}

/* Writes fen as yuan with two decimals (a JSON number), as money_format() does. */
static void write_yuan(output *o, int64_t fen)
{
    uint64_t magnitude = fen < 0 ? 0 - (uint64_t)fen : (uint64_t)fen;
    if (fen < 0)
        OUTPUT_LITERAL(o, "-");
    write_integer(o, (long long)(magnitude / 100));
    char cents[3] = {'.', (char)('0' + magnitude % 100 / 10), (char)('0' + magnitude % 10)};
    output_bytes(o, cents, sizeof cents);
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

/* Writes a month index as "YYYY-MM", as date_month_format() does. */
static void write_month(output *o, int month_index)
{
    unsigned year = (unsigned)(month_index / 12) % 10000u;
    unsigned month = (unsigned)(month_index % 12 + 1) % 100u;
    char text[9] = {'"',
                    (char)('0' + year / 1000),
                    (char)('0' + year / 100 % 10),
                    (char)('0' + year / 10 % 10),
                    (char)('0' + year % 10),
                    '-',
                    (char)('0' + month / 10),
                    (char)('0' + month % 10),
                    '"'};
    output_bytes(o, text, sizeof text);
}

/* The person id as a JSON string, or null. */
static void write_person(output *o, const population *pop, int32_t person)
{
    if (person >= 0)
        write_string(o, pop->people.id[person]);
    else
        OUTPUT_LITERAL(o, "null");
}

/*
 * Builds into pool the fragments of every rule (and, when explain is set,
 * of every condition); NULL on failure (pool->failed or no memory).
 */
static rule_fragments *build_fragments(output *pool, const policy_set *set, int explain)
{
    rule_fragments *all = calloc((size_t)set->rule_count + 1, sizeof *all);
    if (all == NULL)
        return NULL;
    char text[POLICY_CONDITION_TEXT_MAX];
    for (int r = 0; r < set->rule_count; r++) {
        const policy_rule *rule = set->rules[r];
        rule_fragments *f = &all[r];
        size_t start = pool->used;
        OUTPUT_LITERAL(pool, "{\"benefit\": ");
        write_string(pool, rule->id);
        OUTPUT_LITERAL(pool, ", \"document\": ");
        write_string(pool, rule->document >= 0
                               ? policy_document_label(&set->documents[rule->document])
                               : "");
        OUTPUT_LITERAL(pool, ", \"clause\": ");
        write_string(pool, rule->clause);
        OUTPUT_LITERAL(pool, ", \"name\": ");
        write_string(pool, rule->name);
        OUTPUT_LITERAL(pool, ", \"payee\": ");
        f->grant_head = fragment_since(pool, start);
        start = pool->used;
        OUTPUT_LITERAL(pool, ", \"payee_kind\": ");
        write_string(pool, policy_payee_name(rule->payee));
        OUTPUT_LITERAL(pool, ", \"person\": ");
        f->grant_kind = fragment_since(pool, start);
        start = pool->used;
        OUTPUT_LITERAL(pool, "{\"benefit\": ");
        write_string(pool, rule->id);
        OUTPUT_LITERAL(pool, ", \"clause\": ");
        write_string(pool, rule->clause);
        OUTPUT_LITERAL(pool, ", \"unit\": ");
        write_string(pool, policy_unit_name(rule->unit));
        OUTPUT_LITERAL(pool, ", \"row\": ");
        f->decision_head = fragment_since(pool, start);
        if (!explain || rule->condition_total == 0)
            continue;
        f->conditions = calloc((size_t)rule->condition_total, sizeof *f->conditions);
        if (f->conditions == NULL) {
            pool->failed = 1;
            break;
        }
        for (int c = 0; c < rule->condition_total; c++) {
            start = pool->used;
            policy_condition_text(rule->conditions, c, text, sizeof text);
            OUTPUT_LITERAL(pool, "{\"condition\": ");
            write_string(pool, text);
            OUTPUT_LITERAL(pool, ", \"value\": ");
            f->conditions[c] = fragment_since(pool, start);
        }
    }
    return all;
}

static void free_fragments(rule_fragments *all, const policy_set *set)
{
    if (all == NULL)
        return;
    for (int r = 0; r < set->rule_count; r++)
        free(all[r].conditions);
    free(all);
}

static void write_grant(output *o, const output *pool, const rule_fragments *fragments,
                        const policy_set *set, const population *pop, const policy_grant *g)
{
    const policy_rule *rule = set->rules[g->rule];
    output_fragment(o, pool, fragments[g->rule].grant_head);
    write_string(o, payee_id(pop, rule, g->payee));
    output_fragment(o, pool, fragments[g->rule].grant_kind);
    write_person(o, pop, g->person);
    OUTPUT_LITERAL(o, ", \"month\": ");
    write_month(o, g->month);
    OUTPUT_LITERAL(o, ", \"amount\": ");
    if (g->fen == POLICY_FEN_NONE)
        OUTPUT_LITERAL(o, "null");
    else
        write_yuan(o, g->fen);
    if (rule->has_amount && rule->amount.per_head) {
        OUTPUT_LITERAL(o, ", \"heads\": ");
        write_integer(o, g->count);
    }
    if (rule->has_amount && rule->amount.rate == POLICY_RATE_PER_DAY) {
        OUTPUT_LITERAL(o, ", \"days\": ");
        write_integer(o, g->count);
    }
    if (rule->has_amount && rule->amount.rate == POLICY_RATE_PER_HOUR) {
        OUTPUT_LITERAL(o, ", \"hours\": ");
        write_integer(o, g->count / 10);
        OUTPUT_LITERAL(o, ".");
        write_integer(o, g->count % 10);
    }
    if (rule->is_service) {
        OUTPUT_LITERAL(o, ", \"kind\": \"service\", \"service\": ");
        write_string(o, rule->service != NULL ? rule->service : "");
    }
    OUTPUT_LITERAL(o, ", \"source\": ");
    write_string(o, row_id(pop, rule->unit, g->row));
}

/* The decision records of --explain. */
static void write_explain(output *o, const output *pool, const rule_fragments *fragments,
                          const policy_set *set, const population *pop, const policy_result *result)
{
    OUTPUT_LITERAL(o, ",\n\"explain\": [");
    for (size_t i = 0; i < result->decision_count; i++) {
        const policy_decision *d = &result->decisions[i];
        const policy_rule *rule = set->rules[d->rule];
        const rule_fragments *f = &fragments[d->rule];
        if (i == 0)
            OUTPUT_LITERAL(o, "\n  ");
        else
            OUTPUT_LITERAL(o, ",\n  ");
        output_fragment(o, pool, f->decision_head);
        write_string(o, row_id(pop, rule->unit, d->row));
        OUTPUT_LITERAL(o, ", \"person\": ");
        write_person(o, pop, d->person);
        OUTPUT_LITERAL(o, ", \"conditions\": [");
        for (int k = 0; k < d->item_count; k++) {
            const policy_decision_item *item = &result->items[d->item_first + (size_t)k];
            if (k > 0)
                OUTPUT_LITERAL(o, ", ");
            if (item->condition >= 0)
                output_fragment(o, pool, f->conditions[item->condition]);
            else
                OUTPUT_LITERAL(o, "{\"condition\": \"\", \"value\": ");
            write_string(o, result->texts + item->value);
            if (item->result)
                OUTPUT_LITERAL(o, ", \"result\": true}");
            else
                OUTPUT_LITERAL(o, ", \"result\": false}");
        }
        OUTPUT_LITERAL(o, "], \"outcome\": ");
        write_string(o, policy_outcome_text(d->outcome));
        OUTPUT_LITERAL(o, "}");
    }
    if (result->decision_count == 0)
        OUTPUT_LITERAL(o, "]");
    else
        OUTPUT_LITERAL(o, "\n]");
}

/* "],\n" after a list, with a newline before the bracket when it has items. */
static void write_list_end(output *o, int empty)
{
    if (empty)
        OUTPUT_LITERAL(o, "],\n");
    else
        OUTPUT_LITERAL(o, "\n],\n");
}

/* The separator before item i of a list. */
static void write_item_start(output *o, int first)
{
    if (first)
        OUTPUT_LITERAL(o, "\n  ");
    else
        OUTPUT_LITERAL(o, ",\n  ");
}

int policy_output_write(FILE *out, const policy_set *set, const population *pop,
                        const policy_result *result, const policy_eval_options *options,
                        bf_error *err)
{
    int rc = BF_OK;
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
    output pool = {0};
    output o = {.file = out, .capacity = OUTPUT_BLOCK};
    rule_fragments *fragments = build_fragments(&pool, set, options->explain);
    o.data = malloc(OUTPUT_BLOCK);
    if (fragments == NULL || pool.failed || o.data == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    OUTPUT_LITERAL(&o, "{\"period\": {\"from\": ");
    write_month(&o, options->month_from);
    OUTPUT_LITERAL(&o, ", \"to\": ");
    write_month(&o, options->month_to);
    OUTPUT_LITERAL(&o, "},\n\"entitlements\": [");
    int first = 1;
    for (size_t i = 0; i < result->grant_count; i++) {
        const policy_grant *g = &result->grants[i];
        if (g->excluded_by >= 0)
            continue;
        write_item_start(&o, first);
        first = 0;
        write_grant(&o, &pool, fragments, set, pop, g);
        OUTPUT_LITERAL(&o, "}");
    }
    write_list_end(&o, first);
    OUTPUT_LITERAL(&o, "\"excluded\": [");
    first = 1;
    for (size_t i = 0; i < result->grant_count; i++) {
        const policy_grant *g = &result->grants[i];
        if (g->excluded_by < 0)
            continue;
        const policy_rule *winner = set->rules[g->excluded_by];
        write_item_start(&o, first);
        first = 0;
        write_grant(&o, &pool, fragments, set, pop, g);
        char reason[POLICY_WARNING_MAX];
        snprintf(reason, sizeof reason,
                 BF_TR("与 %s（%s %s）不重复享受，已取金额较高者",
                       "not together with %s (%s %s): the higher was kept"),
                 winner->id, winner->clause, winner->name);
        OUTPUT_LITERAL(&o, ", \"reason\": ");
        write_string(&o, reason);
        OUTPUT_LITERAL(&o, ", \"excluded_by\": ");
        write_string(&o, winner->id);
        OUTPUT_LITERAL(&o, "}");
    }
    write_list_end(&o, first);
    OUTPUT_LITERAL(&o, "\"warnings\": [");
    for (size_t i = 0; i < result->warning_count; i++) {
        const policy_warning *w = &result->warnings[i];
        write_item_start(&o, i == 0);
        const policy_rule *rule = w->rule >= 0 ? set->rules[w->rule] : NULL;
        OUTPUT_LITERAL(&o, "{\"benefit\": ");
        write_string(&o, rule != NULL ? rule->id : "");
        OUTPUT_LITERAL(&o, ", \"clause\": ");
        write_string(&o, rule != NULL ? rule->clause : "");
        OUTPUT_LITERAL(&o, ", \"person\": ");
        write_person(&o, pop, w->person);
        OUTPUT_LITERAL(&o, ", \"message\": ");
        write_string(&o, w->message);
        OUTPUT_LITERAL(&o, "}");
    }
    write_list_end(&o, result->warning_count == 0);
    OUTPUT_LITERAL(&o, "\"statuses\": [");
    for (size_t i = 0; i < result->status_count; i++) {
        const policy_status_holding *s = &result->statuses[i];
        const policy_rule *rule = set->rules[s->rule];
        write_item_start(&o, i == 0);
        OUTPUT_LITERAL(&o, "{\"status\": ");
        write_string(&o, rule->id);
        OUTPUT_LITERAL(&o, ", \"clause\": ");
        write_string(&o, rule->clause);
        OUTPUT_LITERAL(&o, ", \"name\": ");
        write_string(&o, rule->name);
        OUTPUT_LITERAL(&o, ", \"unit\": ");
        write_string(&o, policy_unit_name(rule->unit));
        OUTPUT_LITERAL(&o, ", \"row\": ");
        write_string(&o, row_id(pop, rule->unit, s->row));
        OUTPUT_LITERAL(&o, "}");
    }
    write_list_end(&o, result->status_count == 0);
    OUTPUT_LITERAL(&o, "\"total\": ");
    write_yuan(&o, total);
    if (options->explain)
        write_explain(&o, &pool, fragments, set, pop, result);
    OUTPUT_LITERAL(&o, "}\n");
    output_flush(&o);
    if (o.failed || ferror(out))
        rc = bf_error_set(err, BF_EIO, BF_TR("写出结果失败", "cannot write the result"));
out:
    free_fragments(fragments, set);
    free(pool.data);
    free(o.data);
    return rc;
}
