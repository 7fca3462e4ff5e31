/*
 * policy_output.c - writing a calc result as JSON, amounts from fen.
 *
 * The output runs to gigabytes with --explain: it is gathered in 1 MiB blocks
 * by memcpy, what a rule writes the same way every time (its benefit, clause,
 * name, condition texts) is escaped once per rule into a pool of fragments,
 * and numbers, months and strings are formatted without printf.  A second
 * thread writes each full block to the file while the next one is made (the
 * kernel's copy of 700 MB for 1M people then costs no time of the formatting).
 */
#include "policy/policy_output.h"

#include "core/decimal.h"
#include "core/money.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Bytes gathered before one write to the file. */
#define OUTPUT_BLOCK (1u << 20)

/*
 * The thread writing full blocks to the file: the formatting hands a block
 * over (pending) and goes on in the spare one; at most one block waits.
 */
typedef struct output_writer {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed; /* signalled on every change below */
    FILE *file;
    char *pending; /* the block being written, NULL when idle */
    size_t pending_used;
    char *spare; /* owned: the block to format into next */
    int stop;    /* no more blocks come */
    int failed;  /* a write failed */
    int running; /* 1 once the thread runs; 0: blocks are written by the caller */
} output_writer;

/*
 * Output gathered in blocks of OUTPUT_BLOCK bytes written at once (file set),
 * or grown in memory (file NULL: the pool of per-rule fragments).
 */
typedef struct output {
    FILE *file;
    output_writer *writer; /* when set, full blocks go to its thread */
    char *data;            /* owned */
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
    fragment status_head;   /* {"status": .., "clause": .., "name": .., "unit": .., "row": */
    fragment *conditions;   /* explain: {"condition": .., "value":  per condition, or NULL */
} rule_fragments;

static void *output_writer_run(void *context)
{
    output_writer *w = context;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (w->pending == NULL && !w->stop)
            pthread_cond_wait(&w->changed, &w->lock);
        if (w->pending == NULL)
            break;
        char *block = w->pending;
        size_t used = w->pending_used;
        pthread_mutex_unlock(&w->lock);
        int failed = fwrite(block, 1, used, w->file) != used;
        pthread_mutex_lock(&w->lock);
        w->failed |= failed;
        w->spare = block;
        w->pending = NULL;
        pthread_cond_broadcast(&w->changed);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

/* Starts the writer of file; without a thread (or memory) the blocks are written in line. */
static void output_writer_start(output_writer *w, FILE *file)
{
    memset(w, 0, sizeof *w);
    w->file = file;
    w->spare = malloc(OUTPUT_BLOCK);
    if (w->spare == NULL)
        return;
    if (pthread_mutex_init(&w->lock, NULL) != 0)
        return;
    if (pthread_cond_init(&w->changed, NULL) != 0) {
        pthread_mutex_destroy(&w->lock);
        return;
    }
    w->running = pthread_create(&w->thread, NULL, output_writer_run, w) == 0;
    if (!w->running) {
        pthread_cond_destroy(&w->changed);
        pthread_mutex_destroy(&w->lock);
    }
}

/* Waits for the last block, ends the thread; 1 when every write succeeded. */
static int output_writer_finish(output_writer *w)
{
    if (w->running) {
        pthread_mutex_lock(&w->lock);
        w->stop = 1;
        pthread_cond_broadcast(&w->changed);
        pthread_mutex_unlock(&w->lock);
        pthread_join(w->thread, NULL);
        pthread_cond_destroy(&w->changed);
        pthread_mutex_destroy(&w->lock);
        w->running = 0;
    }
    free(w->spare);
    w->spare = NULL;
    return !w->failed;
}

/* Waits until the writer has written every block handed over (before writing past it). */
static void output_drain(output *o)
{
    output_writer *w = o->writer;
    if (w == NULL || !w->running)
        return;
    pthread_mutex_lock(&w->lock);
    while (w->pending != NULL)
        pthread_cond_wait(&w->changed, &w->lock);
    o->failed |= w->failed;
    pthread_mutex_unlock(&w->lock);
}

static void output_flush(output *o)
{
    if (o->used == 0)
        return;
    output_writer *w = o->writer;
    if (w == NULL || !w->running) {
        if (fwrite(o->data, 1, o->used, o->file) != o->used)
            o->failed = 1;
        o->used = 0;
        return;
    }
    /* Hands the block over once the previous one is written, and goes on in that one. */
    output_drain(o);
    pthread_mutex_lock(&w->lock);
    char *next = w->spare;
    w->pending = o->data;
    w->pending_used = o->used;
    w->spare = NULL;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->lock);
    o->data = next;
    o->used = 0;
}

/* output_bytes() when the block is full: writes it out, or grows the pool. */
static void output_bytes_slow(output *o, const void *bytes, size_t length)
{
    if (o->file != NULL) {
        output_flush(o);
        if (length > o->capacity) {
            output_drain(o);
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

/* The 7 characters of a month index, YYYY-MM, as date_month_format() writes them. */
static void month_digits(int month_index, char out[7])
{
    unsigned year = (unsigned)(month_index / 12) % 10000u;
    unsigned month = (unsigned)(month_index % 12 + 1) % 100u;
    char text[7] = {(char)('0' + year / 1000),
                    (char)('0' + year / 100 % 10),
                    (char)('0' + year / 10 % 10),
                    (char)('0' + year % 10),
                    '-',
                    (char)('0' + month / 10),
                    (char)('0' + month % 10)};
    memcpy(out, text, sizeof text);
}

/* Writes a month index as the JSON string "YYYY-MM". */
static void write_month(output *o, int month_index)
{
    char text[9] = {'"'};
    month_digits(month_index, text + 1);
    text[8] = '"';
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
        start = pool->used;
        OUTPUT_LITERAL(pool, "{\"status\": ");
        write_string(pool, rule->id);
        OUTPUT_LITERAL(pool, ", \"clause\": ");
        write_string(pool, rule->clause);
        OUTPUT_LITERAL(pool, ", \"name\": ");
        write_string(pool, rule->name);
        OUTPUT_LITERAL(pool, ", \"unit\": ");
        write_string(pool, policy_unit_name(rule->unit));
        OUTPUT_LITERAL(pool, ", \"row\": ");
        f->status_head = fragment_since(pool, start);
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

/* ---- short explanations (--explain) --------------------------------------- */

/* What a (rule, row) of the entity explained comes to. */
typedef enum explain_kind {
    EXPLAIN_PAID,     /* kept grants */
    EXPLAIN_NOT_PAID, /* conditions held, nothing paid (window, cap, excluded, ...) */
    EXPLAIN_HOLDS,    /* a status that holds */
    EXPLAIN_FAILED    /* a condition failed */
} explain_kind;

typedef struct explain_entry {
    int32_t rule, row;
    explain_kind kind;
    policy_outcome outcome;
    int failed;          /* EXPLAIN_FAILED: the condition */
    int32_t excluded_by; /* EXPLAIN_NOT_PAID by not_with: the rule kept */
} explain_entry;

/* Failed rules grouped by (condition text, row when the value is the row's, value). */
typedef struct explain_group {
    uint64_t hash;
    int text;          /* interned condition text */
    int32_t row;       /* -1: the person's value (the same for all their rows) */
    size_t value;      /* offset in values */
    int first, last;   /* its rules: a list through explain_state.links */
    int32_t last_rule; /* to list a rule failing on several rows once */
} explain_group;

typedef struct explain_link {
    int32_t rule;
    int next;
} explain_link;

/* The writer's state, reused from one person to the next (sizes grow only). */
typedef struct explain_state {
    explain_entry *entries;
    size_t entry_count, entry_capacity;
    explain_group *groups;
    size_t group_count, group_capacity;
    explain_link *links;
    size_t link_count, link_capacity;
    output values; /* the failed values of the person, terminated */
    int **text_of; /* per rule, per condition: its interned text */
    fragment *texts;
    int text_count;
    fragment *amounts; /* per rule: , "amount": "…" */
    fragment *ids;     /* per rule: its id as a JSON string */
    fragment *heads;   /* per rule: {"benefit" (or "status"): "…", "clause": "…" */
    int failed;        /* out of memory */
} explain_state;

/* Grows *items to hold count + 1 elements of size bytes; 0 when out of memory. */
static int explain_grow(void *items_pointer, size_t *capacity, size_t count, size_t size)
{
    void **items = items_pointer;
    if (count < *capacity)
        return 1;
    size_t grown_capacity = *capacity == 0 ? 64 : *capacity * 2;
    void *grown = realloc(*items, grown_capacity * size);
    if (grown == NULL)
        return 0;
    *items = grown;
    *capacity = grown_capacity;
    return 1;
}

static void explain_state_free(explain_state *x, const policy_set *set)
{
    if (x->text_of != NULL)
        for (int r = 0; r < set->rule_count; r++)
            free(x->text_of[r]);
    free(x->text_of);
    free(x->texts);
    free(x->amounts);
    free(x->ids);
    free(x->heads);
    free(x->entries);
    free(x->groups);
    free(x->links);
    free(x->values.data);
}

/*
 * The fragments of a short explanation: each distinct condition text once
 * ({"condition": "…", "value": ), each rule's amount text; 0 on failure.
 */
static int explain_state_init(explain_state *x, output *pool, const policy_set *set)
{
    char amount[POLICY_AMOUNT_TEXT_MAX];
    size_t conditions = 0;
    for (int r = 0; r < set->rule_count; r++)
        conditions += (size_t)set->rules[r]->condition_total;
    x->text_of = calloc((size_t)set->rule_count + 1, sizeof *x->text_of);
    x->texts = calloc(conditions + 1, sizeof *x->texts);
    x->amounts = calloc((size_t)set->rule_count + 1, sizeof *x->amounts);
    x->ids = calloc((size_t)set->rule_count + 1, sizeof *x->ids);
    x->heads = calloc((size_t)set->rule_count + 1, sizeof *x->heads);
    /* every condition's text, to give the same text in several rules one number */
    char(*text)[POLICY_CONDITION_TEXT_MAX] = malloc((conditions + 1) * sizeof *text);
    int ok = x->text_of != NULL && x->texts != NULL && x->amounts != NULL && x->ids != NULL &&
             x->heads != NULL && text != NULL;
    for (int r = 0; ok && r < set->rule_count; r++) {
        const policy_rule *rule = set->rules[r];
        size_t start = pool->used;
        policy_amount_text(set, rule, amount, sizeof amount);
        OUTPUT_LITERAL(pool, ", \"amount\": ");
        write_string(pool, amount);
        x->amounts[r] = fragment_since(pool, start);
        start = pool->used;
        write_string(pool, rule->id);
        x->ids[r] = fragment_since(pool, start);
        start = pool->used;
        if (rule->is_status)
            OUTPUT_LITERAL(pool, "{\"status\": ");
        else
            OUTPUT_LITERAL(pool, "{\"benefit\": ");
        write_string(pool, rule->id);
        OUTPUT_LITERAL(pool, ", \"clause\": ");
        write_string(pool, rule->clause);
        x->heads[r] = fragment_since(pool, start);
        x->text_of[r] = calloc((size_t)rule->condition_total + 1, sizeof **x->text_of);
        ok = x->text_of[r] != NULL;
        for (int c = 0; ok && c < rule->condition_total; c++) {
            policy_condition_text(rule->conditions, c, text[x->text_count], sizeof *text);
            int found = 0;
            while (strcmp(text[found], text[x->text_count]) != 0)
                found++;
            if (found == x->text_count) {
                x->text_count++;
                start = pool->used;
                OUTPUT_LITERAL(pool, "{\"condition\": ");
                write_string(pool, text[found]);
                OUTPUT_LITERAL(pool, ", \"value\": ");
                x->texts[found] = fragment_since(pool, start);
            }
            x->text_of[r][c] = found;
        }
    }
    free(text);
    return ok && !pool->failed;
}

static uint64_t explain_hash(const char *text, uint64_t seed)
{
    uint64_t h = seed ^ UINT64_C(14695981039346656037);
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
        h = (h ^ *p) * UINT64_C(1099511628211);
    return h;
}

/* Adds the failed rule of entry e to its group (made when new). */
static void explain_group_add(explain_state *x, const policy_set *set, const policy_result *result,
                              const explain_entry *e)
{
    const policy_rule *rule = set->rules[e->rule];
    char value[POLICY_VALUE_TEXT_MAX];
    policy_explain_value(result, e->rule, e->row, e->failed, value);
    int text = x->text_of[e->rule][e->failed];
    int32_t row = rule->unit == POLICY_UNIT_PERSON || rule->unit == POLICY_UNIT_ORG ||
                          policy_explain_person_level(rule, e->failed)
                      ? -1
                      : e->row;
    uint64_t hash = explain_hash(value, ((uint64_t)(uint32_t)text << 32) ^ (uint32_t)row);
    explain_group *g = NULL;
    for (size_t i = 0; i < x->group_count; i++) {
        explain_group *c = &x->groups[i];
        if (c->hash == hash && c->text == text && c->row == row &&
            strcmp(x->values.data + c->value, value) == 0) {
            g = c;
            break;
        }
    }
    if (g == NULL) {
        if (!explain_grow(&x->groups, &x->group_capacity, x->group_count, sizeof *x->groups)) {
            x->failed = 1;
            return;
        }
        g = &x->groups[x->group_count++];
        *g = (explain_group){hash, text, row, x->values.used, -1, -1, -1};
        output_bytes(&x->values, value, strlen(value) + 1);
    } else if (g->last_rule == e->rule)
        return;
    if (!explain_grow(&x->links, &x->link_capacity, x->link_count, sizeof *x->links)) {
        x->failed = 1;
        return;
    }
    int link = (int)x->link_count++;
    x->links[link] = (explain_link){e->rule, -1};
    if (g->last >= 0)
        x->links[g->last].next = link;
    else
        g->first = link;
    g->last = link;
    g->last_rule = e->rule;
}

/* Adds (rule, row) to the entity's entries, classified. */
static void explain_add(explain_state *x, const policy_result *result, const policy_grant *grants,
                        size_t begin, size_t end, int32_t rule, int32_t row)
{
    if (!explain_grow(&x->entries, &x->entry_capacity, x->entry_count, sizeof *x->entries)) {
        x->failed = 1;
        return;
    }
    explain_entry *e = &x->entries[x->entry_count++];
    *e = (explain_entry){.rule = rule, .row = row, .excluded_by = -1};
    e->outcome = policy_explain_outcome(result, rule, row, &e->failed);
    if (e->outcome == POLICY_OUTCOME_NOT_ELIGIBLE) {
        e->kind = EXPLAIN_FAILED;
        return;
    }
    if (e->outcome == POLICY_OUTCOME_HOLDS) {
        e->kind = EXPLAIN_HOLDS;
        return;
    }
    e->kind = EXPLAIN_NOT_PAID;
    if (e->outcome != POLICY_OUTCOME_GRANTED)
        return;
    for (size_t i = begin; i < end; i++) {
        if (grants[i].rule != rule || grants[i].row != row)
            continue;
        if (grants[i].excluded_by < 0) {
            e->kind = EXPLAIN_PAID;
            return;
        }
        e->excluded_by = grants[i].excluded_by;
    }
    if (e->excluded_by >= 0) /* every grant of the row gave way to a higher benefit */
        e->outcome = POLICY_OUTCOME_EXCLUDED;
}

/* The "benefit" (or "status"), "clause" and, for a job or training, "row" of an entry. */
static void explain_write_head(output *o, const output *pool, const explain_state *x,
                               const policy_set *set, const population *pop, const explain_entry *e)
{
    const policy_rule *rule = set->rules[e->rule];
    output_fragment(o, pool, x->heads[e->rule]);
    if (rule->unit == POLICY_UNIT_JOB || rule->unit == POLICY_UNIT_TRAINING) {
        OUTPUT_LITERAL(o, ", \"row\": ");
        write_string(o, row_id(pop, rule->unit, e->row));
    }
}

/* A paid entry: the amount rule, the months, and the numbers the grants used. */
static void explain_write_paid(output *o, const output *pool, const explain_state *x,
                               const policy_set *set, const population *pop,
                               const policy_result *result, const policy_grant *grants,
                               size_t begin, size_t end, const explain_entry *e)
{
    const policy_rule *rule = set->rules[e->rule];
    explain_write_head(o, pool, x, set, pop, e);
    output_fragment(o, pool, x->amounts[e->rule]);
    int first = INT32_MAX, last = -1, payments = 0, same = 1;
    int64_t total = 0, each = POLICY_FEN_NONE, count = 0;
    int32_t payee = -1;
    for (size_t i = begin; i < end; i++) {
        const policy_grant *g = &grants[i];
        if (g->rule != e->rule || g->row != e->row || g->excluded_by >= 0)
            continue;
        first = g->month < first ? g->month : first;
        last = g->month > last ? g->month : last;
        if (payments++ == 0) {
            each = g->fen;
            payee = g->payee;
        } else if (g->fen != each)
            same = 0;
        if (g->fen != POLICY_FEN_NONE)
            total += g->fen; /* fits: the grand total was checked */
        count += g->count;
    }
    if (payee >= 0 && rule->payee != POLICY_PAYEE_PERSON) {
        OUTPUT_LITERAL(o, ", \"payee\": ");
        write_string(o, payee_id(pop, rule, payee));
    }
    OUTPUT_LITERAL(o, ", \"months\": ");
    if (last != first) {
        char months[18] = {'"'};
        month_digits(first, months + 1);
        memcpy(months + 8, "..", 2);
        month_digits(last, months + 10);
        months[17] = '"';
        output_bytes(o, months, sizeof months);
    } else
        write_month(o, first);
    OUTPUT_LITERAL(o, ", \"payments\": ");
    write_integer(o, payments);
    if (rule->has_amount && rule->amount.per_head) {
        OUTPUT_LITERAL(o, ", \"heads\": ");
        write_integer(o, count);
    }
    if (rule->has_amount && rule->amount.rate == POLICY_RATE_PER_DAY) {
        OUTPUT_LITERAL(o, ", \"days\": ");
        write_integer(o, count);
    }
    if (rule->has_amount && rule->amount.rate == POLICY_RATE_PER_HOUR) {
        OUTPUT_LITERAL(o, ", \"hours\": ");
        write_integer(o, count / 10);
        OUTPUT_LITERAL(o, ".");
        write_integer(o, count % 10);
    }
    char numbers[POLICY_VALUE_TEXT_MAX];
    if (policy_explain_numbers(result, e->rule, e->row, first, numbers)) {
        OUTPUT_LITERAL(o, ", \"by\": ");
        write_string(o, numbers);
    }
    if (each != POLICY_FEN_NONE) {
        if (same && payments > 1) {
            OUTPUT_LITERAL(o, ", \"each\": ");
            write_yuan(o, each);
        }
        OUTPUT_LITERAL(o, ", \"total\": ");
        write_yuan(o, total);
    }
    OUTPUT_LITERAL(o, "}");
}

/* Writes the explanation of one person (person >= 0) or org from the entries gathered. */
static void explain_write_entity(output *o, const output *pool, explain_state *x,
                                 const policy_set *set, const population *pop,
                                 const policy_result *result, const policy_grant *grants,
                                 size_t begin, size_t end, int32_t person, int32_t org)
{
    if (person >= 0) {
        OUTPUT_LITERAL(o, "{\"person\": ");
        write_string(o, pop->people.id[person]);
    } else {
        OUTPUT_LITERAL(o, "{\"org\": ");
        write_string(o, pop->orgs.id[org]);
    }
    static const char *const lists[] = {", \"paid\": [", "], \"not_paid\": [",
                                        "], \"statuses\": ["};
    for (explain_kind kind = EXPLAIN_PAID; kind <= EXPLAIN_HOLDS; kind++) {
        output_bytes(o, lists[kind], strlen(lists[kind]));
        int n = 0;
        for (size_t i = 0; i < x->entry_count; i++) {
            const explain_entry *e = &x->entries[i];
            if (e->kind != kind)
                continue;
            if (n++ > 0)
                OUTPUT_LITERAL(o, ", ");
            if (kind == EXPLAIN_PAID) {
                explain_write_paid(o, pool, x, set, pop, result, grants, begin, end, e);
                continue;
            }
            explain_write_head(o, pool, x, set, pop, e);
            if (kind == EXPLAIN_NOT_PAID) {
                OUTPUT_LITERAL(o, ", \"outcome\": ");
                write_string(o, policy_outcome_text(e->outcome));
                if (e->excluded_by >= 0) {
                    OUTPUT_LITERAL(o, ", \"excluded_by\": ");
                    output_fragment(o, pool, x->ids[e->excluded_by]);
                }
            }
            OUTPUT_LITERAL(o, "}");
        }
    }
    OUTPUT_LITERAL(o, "], \"failed\": [");
    x->group_count = x->link_count = 0;
    x->values.used = 0;
    for (size_t i = 0; i < x->entry_count; i++)
        if (x->entries[i].kind == EXPLAIN_FAILED)
            explain_group_add(x, set, result, &x->entries[i]);
    for (size_t i = 0; i < x->group_count; i++) {
        const explain_group *g = &x->groups[i];
        if (i > 0)
            OUTPUT_LITERAL(o, ", ");
        output_fragment(o, pool, x->texts[g->text]);
        write_string(o, x->values.data + g->value);
        if (g->row >= 0) {
            OUTPUT_LITERAL(o, ", \"row\": ");
            write_string(o, row_id(pop, set->rules[x->links[g->first].rule]->unit, g->row));
        }
        OUTPUT_LITERAL(o, ", \"rules\": [");
        for (int k = g->first; k >= 0; k = x->links[k].next) {
            if (k != g->first)
                OUTPUT_LITERAL(o, ", ");
            output_fragment(o, pool, x->ids[x->links[k].rule]);
        }
        OUTPUT_LITERAL(o, "]}");
    }
    OUTPUT_LITERAL(o, "]}");
}

/*
 * The short explanation: one line per person (input order), then per org,
 * each made from the evaluation's codes and written before the next is
 * looked at, so memory does not grow with the population.
 */
static int write_explain_short(output *o, output *pool, const policy_set *set,
                               const population *pop, const policy_result *result)
{
    explain_state x = {0};
    int ok = explain_state_init(&x, pool, set);
    const policy_grant *grants = result->grants;
    size_t cursor = 0, count = result->grant_count;
    OUTPUT_LITERAL(o, ",\n\"explain\": [");
    size_t written = 0;
    for (size_t p = 0; ok && p < pop->people.count + pop->orgs.count; p++) {
        int32_t person = p < pop->people.count ? (int32_t)p : -1;
        int32_t org = person >= 0 ? -1 : (int32_t)(p - pop->people.count);
        /* grants are sorted by rank: the person's row, or the people count + the org's */
        while (cursor < count && grants[cursor].rank < (int64_t)p)
            cursor++;
        size_t end = cursor;
        while (end < count && grants[end].rank == (int64_t)p)
            end++;
        x.entry_count = 0;
        for (int r = 0; r < set->rule_count; r++) {
            policy_unit unit = set->rules[r]->unit;
            if ((unit == POLICY_UNIT_ORG) != (person < 0))
                continue;
            if (unit == POLICY_UNIT_PERSON || unit == POLICY_UNIT_ORG) {
                explain_add(&x, result, grants, cursor, end, r, person >= 0 ? person : org);
                continue;
            }
            int n = 0;
            const int32_t *rows = policy_explain_rows(result, unit, person, &n);
            for (int k = 0; k < n; k++)
                explain_add(&x, result, grants, cursor, end, r, rows[k]);
        }
        if (x.entry_count == 0)
            continue;
        write_item_start(o, written++ == 0);
        explain_write_entity(o, pool, &x, set, pop, result, grants, cursor, end, person, org);
        ok = !x.failed && !x.values.failed;
    }
    if (written == 0)
        OUTPUT_LITERAL(o, "]");
    else
        OUTPUT_LITERAL(o, "\n]");
    explain_state_free(&x, set);
    return ok;
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
    output_writer writer;
    output_writer_start(&writer, out);
    output o = {.file = out, .writer = &writer, .capacity = OUTPUT_BLOCK};
    rule_fragments *fragments =
        build_fragments(&pool, set, options->explain == POLICY_EXPLAIN_FULL);
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
        output_fragment(&o, &pool, fragments[s->rule].status_head);
        write_string(&o, row_id(pop, rule->unit, s->row));
        OUTPUT_LITERAL(&o, "}");
    }
    write_list_end(&o, result->status_count == 0);
    OUTPUT_LITERAL(&o, "\"total\": ");
    write_yuan(&o, total);
    if (options->explain == POLICY_EXPLAIN_FULL)
        write_explain(&o, &pool, fragments, set, pop, result);
    if (options->explain == POLICY_EXPLAIN_SHORT &&
        !write_explain_short(&o, &pool, set, pop, result)) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    OUTPUT_LITERAL(&o, "}\n");
    output_flush(&o);
    if (!output_writer_finish(&writer) || o.failed || ferror(out))
        rc = bf_error_set(err, BF_EIO, BF_TR("写出结果失败", "cannot write the result"));
out:
    output_writer_finish(&writer);
    free_fragments(fragments, set);
    free(pool.data);
    free(o.data);
    return rc;
}
