/* carrier_register.c - the 名录库 of carriers as a list (see the header). */
#include "services/carrier_register.h"

#include "core/date.h"
#include "core/region_code.h"
#include "core/string_map.h"
#include "io/table_writer.h"
#include "policy/policy_eval.h"
#include "policy/population.h"
#include "registry/vocabulary.h"
#include "services/certification.h"
#include "services/stored_population.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest code or short text of an entry, terminator included. */
#define REGISTER_CODE_MAX 64

static const char *const status_codes[CARRIER_STATUS_COUNT] = {"certified", "exited", "none"};

const char *carrier_status_code(carrier_status status)
{
    return (unsigned)status < CARRIER_STATUS_COUNT ? status_codes[status] : "";
}

int carrier_status_parse(const char *code)
{
    for (int s = 0; s < CARRIER_STATUS_COUNT; s++)
        if (strcmp(code, status_codes[s]) == 0)
            return s;
    return -1;
}

/* A stored organisation within the selection. */
typedef struct register_org {
    char code[REGISTER_CODE_MAX];
    char *name; /* owned */
    char kind[REGISTER_CODE_MAX];
    char region[REGISTER_CODE_MAX];
    char staff[24];   /* "" when not known */
    int64_t hires;    /* of 脱贫人口 on the day */
    uint32_t decided; /* bit k: decisions on it as carrier of org kind k are stored */
} register_org;

/* One decision of the group being read. */
typedef struct register_decision {
    int32_t day;
    certification_action action;
    char document[CERTIFICATION_TEXT_MAX];
    char exception[CERTIFICATION_TEXT_MAX];
} register_decision;

/* One line of the list: an organisation as one carrier kind. */
typedef struct register_entry {
    size_t org; /* index in orgs */
    char carrier[REGISTER_CODE_MAX];
    carrier_status status;
    char certified_on[BF_DATE_TEXT_MAX]; /* the last 认定 by the day, "" when none */
    char certified_by[CERTIFICATION_TEXT_MAX];
    char exception[CERTIFICATION_TEXT_MAX]; /* of that 认定 */
    char last_action[REGISTER_CODE_MAX];    /* the last decision by the day */
    char last_on[BF_DATE_TEXT_MAX];
    char last_document[CERTIFICATION_TEXT_MAX];
} register_entry;

typedef struct register_state {
    store *st;
    const carrier_register_options *options;
    bf_error *err;
    register_org *orgs;
    size_t org_count, org_capacity;
    string_map org_of; /* code (in orgs) -> index */
    register_entry *entries;
    size_t entry_count, entry_capacity;
    register_decision *group; /* the decisions of one (organisation, carrier) */
    size_t group_count;
} register_state;

/* Room for one more item of size in *items (count used of *capacity). */
static int reserve(void *items, size_t *capacity, size_t count, size_t size)
{
    void **pointer = items;
    if (count < *capacity)
        return BF_OK;
    size_t grown = *capacity > 0 ? 2 * *capacity : 64;
    void *bigger = realloc(*pointer, grown * size);
    if (bigger == NULL)
        return BF_ENOMEM;
    *pointer = bigger;
    *capacity = grown;
    return BF_OK;
}

static void copy_text(store_stmt *stmt, int column, char *out, size_t size)
{
    const char *text = store_column_text(stmt, column);
    snprintf(out, size, "%s", text != NULL ? text : "");
}

/* Reads the organisations lying within the region (all without one). */
static int read_orgs(register_state *s)
{
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    const char *params[2] = {low, high};
    const char *region = s->options->region;
    if (region != NULL)
        region_code_range(region, low, high);
    store_rows rows = {0};
    int rc = store_rows_open(s->st,
                             region != NULL
                                 ? "SELECT org_code, name, kind, region, staff FROM orgs WHERE "
                                   "region >= ? AND region < ? ORDER BY org_code"
                                 : "SELECT org_code, name, kind, region, staff FROM orgs ORDER BY "
                                   "org_code",
                             params, region != NULL ? 2 : 0, &rows, s->err),
        step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        if (reserve(&s->orgs, &s->org_capacity, s->org_count, sizeof *s->orgs) != BF_OK) {
            rc = bf_error_set(s->err, BF_ENOMEM, NULL);
            break;
        }
        register_org *o = &s->orgs[s->org_count];
        memset(o, 0, sizeof *o);
        copy_text(rows.stmt, 0, o->code, sizeof o->code);
        const char *name = store_column_text(rows.stmt, 1);
        o->name = strdup(name != NULL ? name : "");
        copy_text(rows.stmt, 2, o->kind, sizeof o->kind);
        copy_text(rows.stmt, 3, o->region, sizeof o->region);
        copy_text(rows.stmt, 4, o->staff, sizeof o->staff);
        if (o->name == NULL) {
            rc = bf_error_set(s->err, BF_ENOMEM, NULL);
            break;
        }
        s->org_count++;
    }
    store_rows_close(&rows);
    if (rc == BF_OK && step < 0)
        rc = step;
    /* The map points into orgs, which no longer moves. */
    for (size_t i = 0; rc == BF_OK && i < s->org_count; i++)
        if (string_map_insert(&s->org_of, s->orgs[i].code, (int64_t)i, NULL) == BF_ENOMEM)
            rc = bf_error_set(s->err, BF_ENOMEM, NULL);
    return rc;
}

static int decision_compare(const void *a, const void *b)
{
    const register_decision *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (int)x->action - (int)y->action;
}

/* Makes the entry of the group read (decisions of org as carrier), when it is selected. */
static int close_group(register_state *s, size_t org, const char *carrier)
{
    const carrier_register_options *o = s->options;
    register_entry e;
    memset(&e, 0, sizeof e);
    e.org = org;
    snprintf(e.carrier, sizeof e.carrier, "%s", carrier);
    if (s->group_count > 1) /* an undecided carrier has no group: qsort(NULL) is undefined */
        qsort(s->group, s->group_count, sizeof *s->group, decision_compare);
    int held = 0, ever = 0;
    for (size_t i = 0; i < s->group_count && s->group[i].day <= o->day; i++) {
        const register_decision *d = &s->group[i];
        if (d->action == CERTIFICATION_CERTIFY) {
            held = ever = 1;
            date_format(date_from_days(d->day), e.certified_on);
            snprintf(e.certified_by, sizeof e.certified_by, "%s", d->document);
            snprintf(e.exception, sizeof e.exception, "%s", d->exception);
        } else if (d->action == CERTIFICATION_EXIT) {
            held = 0;
        }
        snprintf(e.last_action, sizeof e.last_action, "%s", certification_action_text(d->action));
        date_format(date_from_days(d->day), e.last_on);
        snprintf(e.last_document, sizeof e.last_document, "%s", d->document);
    }
    e.status = held ? CARRIER_CERTIFIED : ever ? CARRIER_EXITED : CARRIER_NONE;
    int kind = population_org_kind_parse(carrier);
    if (s->group_count > 0 && kind >= 0)
        s->orgs[org].decided |= (uint32_t)1 << kind;
    s->group_count = 0;
    if ((o->carrier != NULL && strcmp(o->carrier, carrier) != 0) ||
        (o->status >= 0 && (int)e.status != o->status))
        return BF_OK;
    if (reserve(&s->entries, &s->entry_capacity, s->entry_count, sizeof *s->entries) != BF_OK)
        return bf_error_set(s->err, BF_ENOMEM, NULL);
    s->entries[s->entry_count++] = e;
    return BF_OK;
}

/* The entries of the decisions stored for the organisations read. */
static int read_decisions(register_state *s)
{
    char org_code[REGISTER_CODE_MAX] = "", carrier[REGISTER_CODE_MAX] = "";
    int64_t org = -1;
    size_t capacity = 0;
    store_rows rows = {0};
    int rc = store_rows_open(s->st,
                             "SELECT org_code, carrier, decided_on, action, document, exception "
                             "FROM certifications ORDER BY org_code, carrier",
                             NULL, 0, &rows, s->err),
        step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        const char *code = store_column_text(rows.stmt, 0);
        const char *kind = store_column_text(rows.stmt, 1);
        if (code == NULL || kind == NULL)
            continue;
        if (strcmp(code, org_code) != 0 || strcmp(kind, carrier) != 0) {
            if (org >= 0)
                rc = close_group(s, (size_t)org, carrier);
            snprintf(org_code, sizeof org_code, "%s", code);
            snprintf(carrier, sizeof carrier, "%s", kind);
            if (!string_map_find(&s->org_of, code, &org))
                org = -1;
        }
        if (rc != BF_OK || org < 0 || s->group_count >= CERTIFICATION_DECISIONS_MAX)
            continue;
        if (reserve(&s->group, &capacity, s->group_count, sizeof *s->group) != BF_OK) {
            rc = bf_error_set(s->err, BF_ENOMEM, NULL);
            break;
        }
        register_decision *d = &s->group[s->group_count];
        bf_date date;
        int action = certification_action_parse(store_column_text(rows.stmt, 3));
        const char *on = store_column_text(rows.stmt, 2);
        if (action < 0 || on == NULL || date_parse(on, &date) != BF_OK)
            continue; /* not a decision this version knows: the import never stores one */
        d->day = (int32_t)date_to_days(date);
        d->action = (certification_action)action;
        copy_text(rows.stmt, 4, d->document, sizeof d->document);
        copy_text(rows.stmt, 5, d->exception, sizeof d->exception);
        s->group_count++;
    }
    store_rows_close(&rows);
    if (rc == BF_OK && step < 0)
        rc = step;
    if (rc == BF_OK && org >= 0)
        rc = close_group(s, (size_t)org, carrier);
    return rc;
}

/* Adds an entry with status none for each organisation of a carrier kind with no decision as it. */
static int add_undecided(register_state *s)
{
    vocabulary kinds = {0};
    int rc = vocabulary_load_list(&kinds, NULL, "carrier_kind", s->err);
    if (rc != BF_OK)
        return rc;
    for (size_t i = 0; i < s->org_count && rc == BF_OK; i++) {
        const register_org *o = &s->orgs[i];
        int carrier = 0;
        for (int v = 0; v < kinds.count && !carrier; v++)
            carrier = strcmp(kinds.values[v].code, o->kind) == 0;
        if (!carrier)
            continue;
        int kind = population_org_kind_parse(o->kind);
        if (kind < 0 || (o->decided & ((uint32_t)1 << kind)))
            continue;
        s->group_count = 0;
        rc = close_group(s, i, o->kind);
    }
    vocabulary_free(&kinds);
    return rc;
}

int carrier_status_holders(store *st, const policy_set *set, const char *status, const char *region,
                           int32_t day, population **pop, uint8_t **holds, bf_error *err)
{
    const char *id = status != NULL ? status : CARRIER_REGISTER_HIRES_STATUS;
    int rule = policy_set_find_rule(set, id);
    *pop = NULL;
    *holds = NULL;
    if (rule < 0 || !set->rules[rule]->is_status || set->rules[rule]->unit != POLICY_UNIT_PERSON)
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("政策文件中没有人员状态 %s（计算脱贫人口人数）",
                                  "the policy files have no person status %s (脱贫人口 counted)"),
                            id);
    policy_result *result = NULL;
    stored_selection selection = {region, NULL};
    int rc = stored_population_read(st, &selection, pop, err);
    if (rc == BF_ENOTFOUND) { /* no one stored there: an empty population */
        bf_error_clear(err);
        rc = population_create(pop, err);
    }
    bf_date on = date_from_days(day);
    policy_eval_options eval = {date_month_index(on), date_month_index(on), POLICY_EXPLAIN_NONE};
    if (rc == BF_OK)
        rc = policy_evaluate_until(set, *pop, &eval, day, &result, err);
    if (rc == BF_OK) {
        *holds = calloc((*pop)->people.count > 0 ? (*pop)->people.count : 1, 1);
        if (*holds == NULL)
            rc = bf_error_set(err, BF_ENOMEM, NULL);
    }
    for (size_t i = 0; rc == BF_OK && i < result->status_count; i++)
        if (result->statuses[i].rule == rule)
            (*holds)[result->statuses[i].row] = 1;
    policy_result_free(result);
    if (rc != BF_OK) {
        population_free(*pop);
        *pop = NULL;
    }
    return rc;
}

/* Counts each organisation's hires of 脱贫人口 on the day (register_org.hires). */
static int count_hires(register_state *s)
{
    const carrier_register_options *o = s->options;
    population *pop = NULL;
    uint8_t *holds = NULL;
    int rc = carrier_status_holders(s->st, o->set, o->hires_status, o->region, o->day, &pop, &holds,
                                    s->err);
    if (rc != BF_OK)
        return rc;
    int32_t *last = malloc((pop->orgs.count > 0 ? pop->orgs.count : 1) * sizeof *last);
    if (last == NULL) {
        rc = bf_error_set(s->err, BF_ENOMEM, NULL);
        goto out;
    }
    for (size_t i = 0; i < pop->orgs.count; i++)
        last[i] = -1;
    const population_jobs *jobs = &pop->jobs;
    for (size_t j = 0; j < jobs->count; j++) {
        int32_t org = jobs->employer[j], person = jobs->person[j];
        int64_t index = 0;
        if (org == POPULATION_NONE || !holds[person] || last[org] == person ||
            jobs->start[j] > o->day || jobs->end[j] < o->day ||
            !string_map_find(&s->org_of, pop->orgs.id[org], &index))
            continue;
        last[org] = person; /* a person's spells are read together: counted once */
        s->orgs[index].hires++;
    }
out:
    free(holds);
    free(last);
    population_free(pop);
    return rc;
}

static int entry_compare(const void *a, const void *b, void *context)
{
    const register_entry *x = a, *y = b;
    const register_org *orgs = context;
    int c = strcmp(orgs[x->org].region, orgs[y->org].region);
    if (c == 0)
        c = strcmp(orgs[x->org].code, orgs[y->org].code);
    return c != 0 ? c : strcmp(x->carrier, y->carrier);
}

const char *const carrier_register_headers[CARRIER_REGISTER_COLUMNS] = {
    "所在地区划代码", "统一社会信用代码", "单位名称", "单位类型",        "载体类型",
    "认定状态",       "认定日期",         "认定文号", "例外理由",        "最近决定",
    "最近决定日期",   "最近决定文号",     "职工人数", "脱贫人口在岗人数"};

/* Gives the entries to sink, in the order of region, code and carrier kind. */
static int give_entries(register_state *s, carrier_register_sink sink, void *context)
{
    static const char *const status_texts[CARRIER_STATUS_COUNT] = {"已认定", "已退出", "未认定"};
    if (s->entry_count > 1)
        qsort_r(s->entries, s->entry_count, sizeof *s->entries, entry_compare, s->orgs);
    int rc = BF_OK;
    for (size_t i = 0; rc == BF_OK && i < s->entry_count; i++) {
        const register_entry *e = &s->entries[i];
        const register_org *o = &s->orgs[e->org];
        char hires[24];
        snprintf(hires, sizeof hires, "%" PRId64, o->hires);
        const char *cells[CARRIER_REGISTER_COLUMNS] = {o->region,       o->code,
                                                       o->name,         o->kind,
                                                       e->carrier,      status_texts[e->status],
                                                       e->certified_on, e->certified_by,
                                                       e->exception,    e->last_action,
                                                       e->last_on,      e->last_document,
                                                       o->staff,        hires};
        rc = sink(context, cells, s->err);
    }
    return rc;
}

int carrier_register_read(store *st, const carrier_register_options *options,
                          carrier_register_sink sink, void *context, int64_t *rows, bf_error *err)
{
    register_state s;
    memset(&s, 0, sizeof s);
    s.st = st;
    s.options = options;
    s.err = err;
    *rows = 0;
    int rc = read_orgs(&s);
    if (rc == BF_OK)
        rc = read_decisions(&s);
    if (rc == BF_OK)
        rc = add_undecided(&s);
    if (rc == BF_OK)
        rc = count_hires(&s);
    if (rc == BF_OK)
        rc = give_entries(&s, sink, context);
    if (rc == BF_OK)
        *rows = (int64_t)s.entry_count;
    for (size_t i = 0; i < s.org_count; i++)
        free(s.orgs[i].name);
    free(s.orgs);
    free(s.entries);
    free(s.group);
    string_map_free(&s.org_of);
    return rc;
}

static int write_entry(void *context, const char *const *cells, bf_error *err)
{
    return table_writer_row(context, cells, CARRIER_REGISTER_COLUMNS, err);
}

int carrier_register_write(store *st, const carrier_register_options *options, int64_t *rows,
                           bf_error *err)
{
    table_writer *writer = NULL;
    *rows = 0;
    int rc = table_writer_open(options->out, &writer, err);
    if (rc == BF_OK)
        rc = table_writer_row(writer, carrier_register_headers, CARRIER_REGISTER_COLUMNS, err);
    if (rc == BF_OK)
        rc = carrier_register_read(st, options, write_entry, writer, rows, err);
    int closed = table_writer_close(writer, rc == BF_OK, rc == BF_OK ? err : NULL);
    return rc == BF_OK ? closed : rc;
}
