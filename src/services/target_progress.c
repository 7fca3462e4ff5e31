/*
 * target_progress.c - every target's progress from the stored records (see the header).  The
 * records of all the targets' periods are read table by table, once: each row is tested
 * against every target that reads that table (its period, population, place) and kept as an
 * entry of each target it counts for.  Then each target's entries are placed in its rows,
 * reduced to each person's first, and counted by month.
 */
#include "services/target_progress.h"

#include "core/date.h"
#include "core/string_map.h"
#include "core/text_pool.h"
#include "policy/population.h"
#include "registry/category.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deepest chain of targets part_of one another that is followed. */
#define PROGRESS_PARTS_DEPTH_MAX 4
/* Longest record text of one person. */
#define PROGRESS_RECORD_MAX 160
/* Divisor of a 12-digit region number to its county (the first 6 digits). */
#define PROGRESS_COUNTY_DIVISOR INT64_C(1000000)

/* A record that counts a person (or post) for a target. */
typedef struct progress_entry {
    int32_t person;  /* index of its key in progress->keys */
    int32_t day;     /* counted from (the period's first day at the earliest) */
    int64_t place;   /* the region counted at (12 digits as a number), 0 when unknown */
    int64_t hukou;   /* the person's hukou (where the parts count them) */
    int64_t record;  /* offset of its text in progress->text, -1 without with_people */
    int32_t row;     /* its row once placed */
    int8_t at_hukou; /* placed at the hukou: kept as 区划外 outside the target's own region */
} progress_entry;

typedef struct target_state {
    const policy_target *t;
    int measured;
    int reads;         /* 1 when a table is read for it (not parts) */
    int32_t from, to;  /* the period, to cut at as_of */
    int32_t period_to; /* the period's end as declared (the pace) */
    int first_month;   /* month index of from */
    int month_count;   /* from the first month to that of to (0 when to < from) */
    progress_entry *entries;
    size_t count, capacity;
    report_regions regions;
    int own;                                   /* the rows' region is the target's own */
    int row_count;                             /* 1 + children + 本级 (+ 区划外 when own) */
    int64_t *new_in;                           /* [row * month_count + month] */
    category_set masks[POLICY_CONDITIONS_MAX]; /* of the population's conditions */
} target_state;

struct target_progress {
    target_progress_request request;
    int64_t batch;
    int count;
    target_state *targets;
    string_map keys;  /* key text -> index */
    char **key_texts; /* owned */
    int64_t *names;   /* offsets in text, -1 without with_people */
    size_t key_count, key_capacity;
    text_pool text;
};

static const report_region outside_row = {.code = "", .name = "区划外"};

/* The measures in words, for the 统计口径 column. */
static const char *measure_what(policy_measure measure)
{
    switch (measure) {
    case POLICY_MEASURE_EMPLOYED:
        return "期间开始就业（开始日期在期间内）的人数";
    case POLICY_MEASURE_WORKING:
        return "期间在岗务工（就业记录与期间有交集）的人数";
    case POLICY_MEASURE_EMPLOYED_AWAY:
        return "期间在户籍县以外务工的人数";
    case POLICY_MEASURE_RELOCATED:
        return "居住在易地搬迁安置区、期间有就业记录的人数";
    case POLICY_MEASURE_TRAINED:
        return "期间开始培训的人数";
    case POLICY_MEASURE_POSTS:
        return "期间存续的乡村公益性岗位个数（按设岗日期计入）";
    case POLICY_MEASURE_PARTS:
        return "各分项目标计入的人数（每人计一次）";
    case POLICY_MEASURE_NONE:
    case POLICY_MEASURE_COUNT:
        break;
    }
    return "";
}

/* The index of key, added (with name) when new; -1 with err on failure. */
static int32_t progress_intern(target_progress *p, const char *key, const char *name, bf_error *err)
{
    int64_t found;
    if (string_map_find(&p->keys, key, &found))
        return (int32_t)found;
    if (p->key_count == p->key_capacity) {
        size_t capacity = p->key_capacity > 0 ? 2 * p->key_capacity : 1024;
        if (capacity > INT32_MAX) {
            bf_error_set(err, BF_ETOOBIG, BF_TR("计入的人数过多", "too many people counted"));
            return -1;
        }
        char **texts = realloc(p->key_texts, capacity * sizeof *texts);
        if (texts != NULL)
            p->key_texts = texts;
        int64_t *names = realloc(p->names, capacity * sizeof *names);
        if (names != NULL)
            p->names = names;
        if (texts == NULL || names == NULL) {
            bf_error_set(err, BF_ENOMEM, NULL);
            return -1;
        }
        p->key_capacity = capacity;
    }
    char *copy = strdup(key);
    if (copy == NULL) {
        bf_error_set(err, BF_ENOMEM, NULL);
        return -1;
    }
    size_t offset = 0;
    if (p->request.with_people &&
        text_pool_add(&p->text, name != NULL ? name : "", &offset) != BF_OK) {
        free(copy);
        bf_error_set(err, BF_ENOMEM, NULL);
        return -1;
    }
    if (string_map_insert(&p->keys, copy, (int64_t)p->key_count, NULL) != BF_OK) {
        free(copy);
        bf_error_set(err, BF_ENOMEM, NULL);
        return -1;
    }
    p->key_texts[p->key_count] = copy;
    p->names[p->key_count] = p->request.with_people ? (int64_t)offset : -1;
    return (int32_t)p->key_count++;
}

static int entry_add(target_state *s, const progress_entry *entry, bf_error *err)
{
    if (s->count == s->capacity) {
        if (s->capacity >= TARGET_PROGRESS_ENTRIES_MAX)
            return bf_error_set(
                err, BF_ETOOBIG,
                BF_TR("目标 %s 计入的记录多于 %d 条", "target %s counts more than %d records"),
                s->t->id, TARGET_PROGRESS_ENTRIES_MAX);
        size_t capacity = s->capacity > 0 ? 2 * s->capacity : 256;
        progress_entry *grown = realloc(s->entries, capacity * sizeof *grown);
        if (grown == NULL)
            return bf_error_set(err, BF_ENOMEM, NULL);
        s->entries = grown;
        s->capacity = capacity;
    }
    s->entries[s->count++] = *entry;
    return BF_OK;
}

/*
 * The conditions the registry answers: category, a person status made of one category
 * condition (sd2023.poverty_population: 脱贫人口 with the register's own names for them),
 * hukou_within, any and not of them; another is an error.  Fills masks: the categories of each
 * category or status condition.
 */
static int population_check(const policy_set *set, const policy_target *t,
                            category_set masks[POLICY_CONDITIONS_MAX], bf_error *err)
{
    const char *file = t->document >= 0 ? set->documents[t->document].file : "?";
    for (int c = 0; c < t->population_total; c++) {
        const policy_condition *condition = &t->population[c];
        const policy_condition *categories = condition;
        masks[c] = 0;
        if (condition->predicate == POLICY_PRED_STATUS) {
            int index = policy_set_find_rule(set, condition->names[0]);
            const policy_rule *rule = index >= 0 ? set->rules[index] : NULL;
            if (rule == NULL || !rule->is_status || rule->unit != POLICY_UNIT_PERSON ||
                rule->condition_count != 1 || rule->conditions[0].predicate != POLICY_PRED_CATEGORY)
                return bf_error_set(
                    err, BF_EINVAL,
                    BF_TR("目标 %s（%s 第 %d 行）：状态 %s 不是由一个帮扶类别条件构成的人员状态，"
                          "无法从登记信息计算进度",
                          "target %s (%s line %d): status %s is not a person status of one "
                          "category condition; its progress cannot be computed"),
                    t->id, file, condition->line, condition->names[0]);
            categories = &rule->conditions[0];
        } else if (condition->predicate != POLICY_PRED_CATEGORY &&
                   condition->predicate != POLICY_PRED_HUKOU_WITHIN &&
                   condition->predicate != POLICY_PRED_ANY &&
                   condition->predicate != POLICY_PRED_NOT) {
            return bf_error_set(err, BF_EINVAL,
                                BF_TR("目标 %s（%s 第 %d 行）：人群条件 %s 无法从登记信息计算进度",
                                      "target %s (%s line %d): its population condition %s "
                                      "cannot be computed from the registry"),
                                t->id, file, condition->line,
                                policy_predicate_name(condition->predicate));
        }
        if (categories->predicate != POLICY_PRED_CATEGORY)
            continue;
        for (int a = 0; a < categories->argc; a++) {
            int bit = category_index(categories->names[a]);
            if (bit >= 0)
                masks[c] |= 1u << bit;
        }
    }
    return BF_OK;
}

/* Whether condition c of t's population holds for a person (categories parsed, hukou). */
static int condition_holds(const policy_target *t, const category_set *masks, int c,
                           category_set mine, int64_t hukou)
{
    const policy_condition *condition = &t->population[c];
    int holds = 0;
    switch (condition->predicate) {
    case POLICY_PRED_ANY:
    case POLICY_PRED_NOT:
        for (int k = 0; k < condition->child_count && !holds; k++)
            holds = condition_holds(t, masks, condition->children[k], mine, hukou);
        return condition->predicate == POLICY_PRED_ANY ? holds : !holds;
    case POLICY_PRED_CATEGORY:
    case POLICY_PRED_STATUS:
        return (mine & masks[c]) != 0;
    case POLICY_PRED_HUKOU_WITHIN:
        for (int a = 0; a < condition->argc && !holds; a++)
            holds = hukou != 0 && population_region_within(hukou, condition->ints[a]);
        return holds;
    default: /* refused by population_check() */
        return 0;
    }
}

/* One row of a table read: the columns every query gives, in this order. */
typedef struct progress_row {
    const char *key, *name, *categories, *detail, *place_text;
    int64_t hukou, place;
    int32_t start, end; /* end INT32_MAX while going on */
    category_set mine;
} progress_row;

/* Which tables a measure reads. */
typedef enum progress_table {
    TABLE_NONE,
    TABLE_JOBS,
    TABLE_TRAININGS,
    TABLE_RELOCATION,
    TABLE_POSTS
} progress_table;

static progress_table measure_table(policy_measure measure)
{
    switch (measure) {
    case POLICY_MEASURE_EMPLOYED:
    case POLICY_MEASURE_WORKING:
    case POLICY_MEASURE_EMPLOYED_AWAY:
        return TABLE_JOBS;
    case POLICY_MEASURE_TRAINED:
        return TABLE_TRAININGS;
    case POLICY_MEASURE_RELOCATED:
        return TABLE_RELOCATION;
    case POLICY_MEASURE_POSTS:
        return TABLE_POSTS;
    case POLICY_MEASURE_NONE:
    case POLICY_MEASURE_PARTS:
    case POLICY_MEASURE_COUNT:
        break;
    }
    return TABLE_NONE;
}

/*
 * The queries: key, name, categories, hukou, start, end, place, detail; parameters the last
 * batch, the last day of the periods, their first day.
 */
static const char *table_sql(progress_table table)
{
    switch (table) {
    case TABLE_JOBS:
        return "SELECT j.id_number, p.name, p.categories, p.hukou_region, j.start_date, "
               "j.end_date, j.region, j.employer FROM jobs j JOIN people p ON p.id_number = "
               "j.id_number WHERE j.created_batch <= CAST(? AS BIGINT) AND j.start_date <= ? AND "
               "(j.end_date IS NULL OR j.end_date >= ?)";
    case TABLE_TRAININGS:
        return "SELECT t.id_number, p.name, p.categories, p.hukou_region, t.start_date, "
               "t.end_date, t.region, t.provider || ' ' || t.kind FROM trainings t JOIN people p "
               "ON p.id_number = t.id_number WHERE t.created_batch <= CAST(? AS BIGINT) AND "
               "t.start_date <= ? AND t.start_date >= ?";
    case TABLE_RELOCATION:
        return "SELECT r.id_number, p.name, p.categories, p.hukou_region, j.start_date, "
               "j.end_date, o.region, o.org_code FROM residences r JOIN orgs o ON o.org_code = "
               "r.site JOIN people p ON p.id_number = r.id_number JOIN jobs j ON j.id_number = "
               "r.id_number WHERE j.created_batch <= CAST(? AS BIGINT) AND r.created_batch <= "
               "CAST(? AS BIGINT) AND j.start_date <= ? AND (j.end_date IS NULL OR j.end_date >= "
               "?)";
    case TABLE_POSTS:
        return "SELECT post_code, name, '', '', COALESCE(start_date, '0000-01-01'), end_date, "
               "village, duty FROM posts WHERE job_kind = 'public_welfare_post' AND created_batch "
               "<= CAST(? AS BIGINT) AND (start_date IS NULL OR start_date <= ?) AND (end_date IS "
               "NULL OR end_date >= ?)";
    case TABLE_NONE:
        break;
    }
    return NULL;
}

static const char *table_name(progress_table table)
{
    static const char *const names[] = {"", "jobs", "trainings", "residences", "posts"};
    return names[table];
}

/* Whether row counts for target s (read from table) and where; 1 and *place when it does. */
static int row_counts(const target_state *s, const progress_row *r, progress_entry *e)
{
    const policy_target *t = s->t;
    switch (t->measure) {
    case POLICY_MEASURE_EMPLOYED:
    case POLICY_MEASURE_TRAINED:
        if (r->start < s->from || r->start > s->to)
            return 0;
        break;
    case POLICY_MEASURE_WORKING:
    case POLICY_MEASURE_EMPLOYED_AWAY:
    case POLICY_MEASURE_RELOCATED:
    case POLICY_MEASURE_POSTS:
        if (r->start > s->to || r->end < s->from)
            return 0;
        break;
    case POLICY_MEASURE_NONE:
    case POLICY_MEASURE_PARTS:
    case POLICY_MEASURE_COUNT:
        return 0;
    }
    if (t->measure_within != 0 &&
        (r->place == 0 || !population_region_within(r->place, t->measure_within)))
        return 0;
    /* 外出务工: the work place outside the hukou county. */
    if (t->measure == POLICY_MEASURE_EMPLOYED_AWAY &&
        (r->place == 0 || r->hukou == 0 ||
         r->place / PROGRESS_COUNTY_DIVISOR == r->hukou / PROGRESS_COUNTY_DIVISOR))
        return 0;
    for (int c = 0; t->measure != POLICY_MEASURE_POSTS && c < t->population_count; c++)
        if (!condition_holds(t, s->masks, c, r->mine, r->hukou))
            return 0;
    int at_place = t->measure == POLICY_MEASURE_RELOCATED || t->measure == POLICY_MEASURE_POSTS ||
                   t->measure_within != 0;
    e->place = at_place ? r->place : r->hukou;
    e->at_hukou = !at_place;
    return 1;
}

/* Reads table once for every target that reads it, over the union of their periods. */
static int progress_read_table(store *st, target_progress *p, progress_table table, bf_error *err)
{
    int32_t first = INT32_MAX, last = INT32_MIN;
    for (int k = 0; k < p->count; k++) {
        const target_state *s = &p->targets[k];
        if (!s->reads || measure_table(s->t->measure) != table || s->to < s->from)
            continue;
        first = s->from < first ? s->from : first;
        last = s->to > last ? s->to : last;
    }
    if (first > last)
        return BF_OK;
    char batch[24], from[BF_DATE_TEXT_MAX], to[BF_DATE_TEXT_MAX], record[PROGRESS_RECORD_MAX];
    snprintf(batch, sizeof batch, "%" PRId64, p->batch);
    date_format(date_from_days(first), from);
    date_format(date_from_days(last), to);
    const char *params[] = {batch, to, from};
    const char *relocation_params[] = {batch, batch, to, from};
    store_rows rows = {0};
    int rc = table == TABLE_RELOCATION
                 ? store_rows_open(st, table_sql(table), relocation_params, 4, &rows, err)
                 : store_rows_open(st, table_sql(table), params, 3, &rows, err);
    int step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        progress_row r = {0};
        const char *start = store_column_text(rows.stmt, 4), *end = store_column_text(rows.stmt, 5);
        bf_date day;
        r.key = store_column_text(rows.stmt, 0);
        if (r.key == NULL || start == NULL || date_parse(start, &day) != BF_OK)
            continue;
        r.start = (int32_t)date_to_days(day);
        r.end =
            end != NULL && date_parse(end, &day) == BF_OK ? (int32_t)date_to_days(day) : INT32_MAX;
        r.name = store_column_text(rows.stmt, 1);
        r.categories = store_column_text(rows.stmt, 2);
        const char *hukou = store_column_text(rows.stmt, 3);
        r.hukou = hukou != NULL && hukou[0] != '\0' ? population_region_parse(hukou) : 0;
        r.place_text = store_column_text(rows.stmt, 6);
        r.place = r.place_text != NULL ? population_region_parse(r.place_text) : 0;
        r.detail = store_column_text(rows.stmt, 7);
        if (r.categories == NULL || category_parse(r.categories, &r.mine, NULL, 0) != BF_OK)
            r.mine = 0;
        int32_t person = -1;
        int64_t text = -1;
        for (int k = 0; rc == BF_OK && k < p->count; k++) {
            target_state *s = &p->targets[k];
            progress_entry e = {0};
            if (!s->reads || measure_table(s->t->measure) != table || !row_counts(s, &r, &e))
                continue;
            if (person < 0 && (person = progress_intern(p, r.key, r.name, err)) < 0) {
                rc = err->code;
                break;
            }
            if (text < 0 && p->request.with_people) {
                size_t offset;
                snprintf(record, sizeof record, "%s %s %s %s", table_name(table),
                         r.detail != NULL ? r.detail : "", start,
                         r.place_text != NULL ? r.place_text : "");
                if (text_pool_add(&p->text, record, &offset) != BF_OK) {
                    rc = bf_error_set(err, BF_ENOMEM, NULL);
                    break;
                }
                text = (int64_t)offset;
            }
            e.person = person;
            e.hukou = r.hukou;
            e.day = r.start < s->from ? s->from : r.start;
            e.record = text;
            rc = entry_add(s, &e, err);
        }
    }
    store_rows_close(&rows);
    return rc == BF_OK && step < 0 ? step : rc;
}

/* The raw entries of the parts of target into its own list (their place: the hukou). */
static int progress_collect_parts(target_progress *p, target_state *into, int target, int depth,
                                  bf_error *err)
{
    if (depth >= PROGRESS_PARTS_DEPTH_MAX)
        return bf_error_set(
            err, BF_EINVAL,
            BF_TR("目标 %s：part_of 嵌套超过 %d 层", "target %s: part_of nests more than %d deep"),
            p->targets[target].t->id, PROGRESS_PARTS_DEPTH_MAX);
    int rc = BF_OK;
    for (int k = 0; k < p->count && rc == BF_OK; k++) {
        const target_state *part = &p->targets[k];
        if (part->t->part_of_target != target || !part->measured)
            continue;
        if (part->t->measure == POLICY_MEASURE_PARTS) {
            rc = progress_collect_parts(p, into, k, depth + 1, err);
            continue;
        }
        for (size_t i = 0; i < part->count && rc == BF_OK; i++) {
            progress_entry e = part->entries[i];
            e.place = e.hukou;
            e.at_hukou = 1;
            rc = entry_add(into, &e, err);
        }
    }
    return rc;
}

/* By person, then day, then record: each person's first entry comes first. */
static int entry_by_person(const void *a, const void *b)
{
    const progress_entry *x = a, *y = b;
    if (x->person != y->person)
        return x->person < y->person ? -1 : 1;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (x->record > y->record) - (x->record < y->record);
}

/* The rows' region of target s and the row of each entry; drops entries in no row. */
static int progress_place(store *st, const target_progress *p, target_state *s, bf_error *err)
{
    char own[REGION_CODE_TEXT_MAX], code[REGION_CODE_TEXT_MAX];
    population_region_format(s->t->region, own);
    const char *region = p->request.region != NULL ? p->request.region : own;
    s->own = strcmp(region, own) == 0;
    int rc = report_regions_load(st, region, &s->regions, err);
    if (rc != BF_OK)
        return rc;
    s->row_count = s->regions.count + 2 + s->own;
    size_t kept = 0;
    for (size_t i = 0; i < s->count; i++) {
        progress_entry *e = &s->entries[i];
        int found = -1;
        if (e->place != 0) {
            population_region_format(e->place, code);
            found = report_regions_find(&s->regions, code);
        }
        /* Outside: a person of the population placed at the hukou counts for the target's own
           region (the people of 重庆 helped by 山东); a record placed elsewhere does not. */
        if (found < 0 && (!s->own || !e->at_hukou))
            continue;
        e->row = found < 0 ? s->regions.count + 2 : found + 1;
        s->entries[kept++] = *e;
    }
    s->count = kept;
    return BF_OK;
}

/* Keeps each person's first entry and counts them by row and month. */
static int progress_count(target_state *s, bf_error *err)
{
    if (s->count > 1) {
        qsort(s->entries, s->count, sizeof *s->entries, entry_by_person);
        size_t kept = 0;
        for (size_t i = 0; i < s->count; i++)
            if (kept == 0 || s->entries[kept - 1].person != s->entries[i].person)
                s->entries[kept++] = s->entries[i];
        s->count = kept;
    }
    size_t cells = (size_t)s->row_count * (size_t)(s->month_count > 0 ? s->month_count : 1);
    s->new_in = calloc(cells, sizeof *s->new_in);
    if (s->new_in == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    for (size_t i = 0; i < s->count; i++) {
        const progress_entry *e = &s->entries[i];
        int m = date_month_index(date_from_days(e->day)) - s->first_month;
        if (m < 0 || m >= s->month_count)
            continue;
        s->new_in[(size_t)e->row * (size_t)s->month_count + (size_t)m]++;
        s->new_in[m]++;
    }
    return BF_OK;
}

int target_progress_compute(store *st, const target_progress_request *request,
                            target_progress **out, bf_error *err)
{
    const policy_set *set = request->set;
    *out = NULL;
    target_progress *p = calloc(1, sizeof *p);
    if (p == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    p->request = *request;
    p->count = set->target_count;
    p->targets = calloc((size_t)(p->count > 0 ? p->count : 1), sizeof *p->targets);
    int rc = p->targets != NULL ? BF_OK : bf_error_set(err, BF_ENOMEM, NULL);
    if (rc == BF_OK)
        rc = report_as_of_batch(st, request->stored_by, &p->batch, err);
    for (int k = 0; rc == BF_OK && k < p->count; k++) {
        target_state *s = &p->targets[k];
        const policy_target *t = set->targets[k];
        s->t = t;
        s->measured = t->measure != POLICY_MEASURE_NONE && strcmp(t->unit, "%") != 0;
        if (t->year > 0) {
            s->from = (int32_t)date_to_days((bf_date){t->year, 1, 1});
            s->period_to = (int32_t)date_to_days((bf_date){t->year, 12, 31});
        } else {
            s->from = t->from;
            s->period_to = t->to;
        }
        s->to = request->as_of < s->period_to ? request->as_of : s->period_to;
        s->first_month = date_month_index(date_from_days(s->from));
        int months =
            s->to < s->from ? 0 : date_month_index(date_from_days(s->to)) - s->first_month + 1;
        s->month_count = months > TARGET_PROGRESS_MONTHS_MAX ? TARGET_PROGRESS_MONTHS_MAX : months;
        s->reads = s->measured && t->measure != POLICY_MEASURE_PARTS;
        if (s->measured)
            rc = population_check(set, t, s->masks, err);
    }
    static const progress_table tables[] = {TABLE_JOBS, TABLE_TRAININGS, TABLE_RELOCATION,
                                            TABLE_POSTS};
    for (size_t i = 0; rc == BF_OK && i < sizeof tables / sizeof tables[0]; i++)
        rc = progress_read_table(st, p, tables[i], err);
    for (int k = 0; rc == BF_OK && k < p->count; k++) {
        target_state *s = &p->targets[k];
        if (s->measured && s->t->measure == POLICY_MEASURE_PARTS)
            rc = progress_collect_parts(p, s, k, 0, err);
    }
    for (int k = 0; rc == BF_OK && k < p->count; k++) {
        target_state *s = &p->targets[k];
        rc = progress_place(st, p, s, err);
        if (rc == BF_OK)
            rc = progress_count(s, err);
    }
    if (rc != BF_OK) {
        target_progress_free(p);
        return rc;
    }
    *out = p;
    return BF_OK;
}

void target_progress_free(target_progress *p)
{
    if (p == NULL)
        return;
    for (int k = 0; p->targets != NULL && k < p->count; k++) {
        free(p->targets[k].entries);
        free(p->targets[k].new_in);
        report_regions_free(&p->targets[k].regions);
    }
    free(p->targets);
    for (size_t i = 0; i < p->key_count; i++)
        free(p->key_texts[i]);
    free(p->key_texts);
    free(p->names);
    string_map_free(&p->keys);
    text_pool_free(&p->text);
    free(p);
}

int target_progress_measured(const target_progress *p, int target)
{
    return p->targets[target].measured;
}

const char *target_progress_what(const target_progress *p, int target)
{
    return p->targets[target].measured ? measure_what(p->targets[target].t->measure)
                                       : BF_TR("无登记来源（未统计）", "no stored source");
}

int target_progress_row_count(const target_progress *p, int target)
{
    return p->targets[target].row_count;
}

const report_region *target_progress_row(const target_progress *p, int target, int row)
{
    const target_state *s = &p->targets[target];
    if (row == 0)
        return &s->regions.self;
    if (row <= s->regions.count)
        return &s->regions.children[row - 1];
    if (row == s->regions.count + 1)
        return &s->regions.self; /* 本级 */
    return &outside_row;
}

target_row_kind target_progress_row_kind(const target_progress *p, int target, int row)
{
    int children = p->targets[target].regions.count;
    return row == 0              ? TARGET_ROW_REGION
           : row <= children     ? TARGET_ROW_CHILD
           : row == children + 1 ? TARGET_ROW_OWN
                                 : TARGET_ROW_OUTSIDE;
}

void target_progress_months(const target_progress *p, int target, int *first, int *last)
{
    const target_state *s = &p->targets[target];
    *first = s->first_month;
    *last = s->first_month + s->month_count - 1;
}

int64_t target_progress_new(const target_progress *p, int target, int row, int month)
{
    const target_state *s = &p->targets[target];
    int m = month - s->first_month;
    if (s->new_in == NULL || row < 0 || row >= s->row_count || m < 0 || m >= s->month_count)
        return 0;
    return s->new_in[(size_t)row * (size_t)s->month_count + (size_t)m];
}

int64_t target_progress_count(const target_progress *p, int target, int row, int month)
{
    const target_state *s = &p->targets[target];
    int64_t n = 0;
    for (int m = s->first_month; m <= month && m < s->first_month + s->month_count; m++)
        n += target_progress_new(p, target, row, m);
    return n;
}

void target_progress_pace(const target_progress *p, int target, int month, int64_t count,
                          target_pace *out)
{
    const target_state *s = &p->targets[target];
    const policy_target *t = s->t;
    int32_t day = (int32_t)date_to_days(date_month_last_day(month));
    if (day > s->period_to)
        day = s->period_to;
    if (day > p->request.as_of)
        day = p->request.as_of;
    double share = s->period_to > s->from
                       ? (double)(day - s->from + 1) / (double)(s->period_to - s->from + 1)
                       : 1.0;
    share = share > 1.0 ? 1.0 : share < 0.0 ? 0.0 : share;
    double n = (double)count;
    out->expected = t->value * share;
    out->gap = t->comparator != POLICY_COMPARATOR_AT_MOST && t->value > n ? t->value - n : 0;
    if (t->comparator == POLICY_COMPARATOR_AT_MOST)
        out->on_track = n <= t->value;
    else
        out->on_track = n >= ceil(out->expected - 1e-9);
    switch (t->comparator) {
    case POLICY_COMPARATOR_AT_LEAST:
        out->met = n >= t->value;
        break;
    case POLICY_COMPARATOR_AT_MOST:
        out->met = n <= t->value;
        break;
    case POLICY_COMPARATOR_ABOUT:
        out->met = fabs(n - t->value) <= t->value * TARGET_PROGRESS_ABOUT_SHARE;
        break;
    case POLICY_COMPARATOR_EQUAL:
    case POLICY_COMPARATOR_COUNT:
        out->met = n == t->value;
        break;
    }
}

/* A person's entry in the listing order: month, then key. */
typedef struct listed {
    const progress_entry *entry;
    int month;
    const char *key;
} listed;

static int listed_order(const void *a, const void *b)
{
    const listed *x = a, *y = b;
    if (x->month != y->month)
        return x->month < y->month ? -1 : 1;
    return strcmp(x->key, y->key);
}

int target_progress_people(const target_progress *p, int target, target_person_sink sink,
                           void *context, bf_error *err)
{
    const target_state *s = &p->targets[target];
    if (s->count == 0)
        return BF_OK;
    listed *order = malloc(s->count * sizeof *order);
    if (order == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    for (size_t i = 0; i < s->count; i++)
        order[i] = (listed){&s->entries[i], date_month_index(date_from_days(s->entries[i].day)),
                            p->key_texts[s->entries[i].person]};
    qsort(order, s->count, sizeof *order, listed_order);
    int rc = BF_OK;
    for (size_t i = 0; i < s->count && rc == BF_OK; i++) {
        const progress_entry *e = order[i].entry;
        char month[BF_MONTH_TEXT_MAX], region[REGION_CODE_TEXT_MAX] = "";
        date_month_format(order[i].month, month);
        if (e->place != 0)
            population_region_format(e->place, region);
        int64_t name = p->names[e->person];
        target_person person = {
            order[i].key, name >= 0 ? text_pool_at(&p->text, (size_t)name) : "", month,
            e->record >= 0 ? text_pool_at(&p->text, (size_t)e->record) : "", region};
        rc = sink(context, &person, err);
    }
    free(order);
    return rc;
}
