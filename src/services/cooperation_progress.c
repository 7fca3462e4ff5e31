/*
 * cooperation_progress.c - a target's progress from the stored spells and trainings (see the
 * header).  The records of the period are read once, filtered by the target's population in
 * memory, reduced to each person's first record, then counted by month.
 */
#include "services/cooperation_progress.h"

#include "policy/population.h"
#include "registry/category.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deepest chain of targets part_of one another that is followed. */
#define PROGRESS_PARTS_DEPTH_MAX 4
/* Longest record text of one person. */
#define PROGRESS_RECORD_MAX 160
/* How close an `about` target counts as met: within this share of its value. */
#define PROGRESS_ABOUT_SHARE 0.05

/* A record that counts a person. */
typedef struct progress_entry {
    char *id_number; /* owned, as the three below */
    char *name;
    char *record;
    int month; /* month index of the record's day */
} progress_entry;

typedef struct progress_list {
    progress_entry *entries;
    size_t count, capacity;
} progress_list;

static void progress_list_free(progress_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->entries[i].id_number);
        free(list->entries[i].name);
        free(list->entries[i].record);
    }
    free(list->entries);
}

static int progress_list_add(progress_list *list, const char *id_number, const char *name,
                             const char *record, int month)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity > 0 ? 2 * list->capacity : 256;
        progress_entry *entries = realloc(list->entries, capacity * sizeof *entries);
        if (entries == NULL)
            return BF_ENOMEM;
        list->entries = entries;
        list->capacity = capacity;
    }
    progress_entry *e = &list->entries[list->count];
    e->id_number = strdup(id_number);
    e->name = strdup(name != NULL ? name : "");
    e->record = strdup(record);
    e->month = month;
    list->count++;
    return e->id_number != NULL && e->name != NULL && e->record != NULL ? BF_OK : BF_ENOMEM;
}

/* The conditions of the population the registry can answer: category, hukou_within. */
static int progress_population_check(const policy_set *set, const policy_target *t, bf_error *err)
{
    for (int c = 0; c < t->population_count; c++) {
        policy_predicate p = t->population[c].predicate;
        if (p != POLICY_PRED_CATEGORY && p != POLICY_PRED_HUKOU_WITHIN)
            return bf_error_set(err, BF_EINVAL,
                                BF_TR("目标 %s（%s 第 %d 行）：人群条件 %s 无法从登记信息计算进度",
                                      "target %s (%s line %d): its population condition %s "
                                      "cannot be computed from the registry"),
                                t->id, t->document >= 0 ? set->documents[t->document].file : "?",
                                t->population[c].line, policy_predicate_name(p));
    }
    return BF_OK;
}

/* True when a person (categories as stored, hukou) is of the target's population. */
static int progress_in_population(const policy_target *t, const char *categories, int64_t hukou)
{
    category_set mine = 0;
    if (categories != NULL && category_parse(categories, &mine, NULL, 0) != BF_OK)
        mine = 0;
    for (int c = 0; c < t->population_count; c++) {
        const policy_condition *condition = &t->population[c];
        int holds = 0;
        for (int a = 0; a < condition->argc && !holds; a++) {
            if (condition->predicate == POLICY_PRED_CATEGORY) {
                int bit = category_index(condition->names[a]);
                holds = bit >= 0 && (mine & (1u << bit)) != 0;
            } else {
                holds = hukou != 0 && population_region_within(hukou, condition->ints[a]);
            }
        }
        if (!holds)
            return 0;
    }
    return 1;
}

/* The first and last day of t's period as ISO texts, the last cut at as_of. */
static void progress_period(const policy_target *t, bf_date as_of, bf_date *from, bf_date *to)
{
    if (t->year > 0) {
        *from = (bf_date){t->year, 1, 1};
        *to = (bf_date){t->year, 12, 31};
    } else {
        *from = date_from_days(t->from);
        *to = date_from_days(t->to);
    }
    if (date_to_days(as_of) < date_to_days(*to))
        *to = as_of;
}

/* Reads the spells or trainings of the period that t counts into list. */
static int progress_collect_records(store *st, const policy_target *t, bf_date from, bf_date to,
                                    progress_list *list, bf_error *err)
{
    static const char *const spells =
        "SELECT j.id_number, p.name, p.categories, p.hukou_region, j.start_date, j.region, "
        "j.employer FROM jobs j JOIN people p ON p.id_number = j.id_number WHERE j.start_date "
        ">= ? AND j.start_date <= ?";
    /* 外出务工规模 is a stock: the spells going on at some time of the period. */
    static const char *const spells_during =
        "SELECT j.id_number, p.name, p.categories, p.hukou_region, j.start_date, j.region, "
        "j.employer FROM jobs j JOIN people p ON p.id_number = j.id_number WHERE j.start_date "
        "<= ? AND (j.end_date IS NULL OR j.end_date >= ?)";
    static const char *const trainings =
        "SELECT t.id_number, p.name, p.categories, p.hukou_region, t.start_date, t.region, "
        "t.provider || ' ' || t.kind FROM trainings t JOIN people p ON p.id_number = t.id_number "
        "WHERE t.start_date >= ? AND t.start_date <= ?";
    char first[BF_DATE_TEXT_MAX], last[BF_DATE_TEXT_MAX], record[PROGRESS_RECORD_MAX];
    date_format(from, first);
    date_format(to, last);
    int trained = t->measure == POLICY_MEASURE_TRAINED;
    int during = t->measure == POLICY_MEASURE_EMPLOYED_AWAY;
    const char *params[] = {during ? last : first, during ? first : last};
    store_rows rows = {0};
    int rc = store_rows_open(st,
                             trained  ? trainings
                             : during ? spells_during
                                      : spells,
                             params, 2, &rows, err);
    int next = rc == BF_OK ? store_rows_next(&rows) : rc;
    for (; next == 1 && rc == BF_OK; next = store_rows_next(&rows)) {
        const char *id = store_column_text(rows.stmt, 0);
        const char *start = store_column_text(rows.stmt, 4);
        const char *region_text = store_column_text(rows.stmt, 5);
        const char *detail = store_column_text(rows.stmt, 6);
        int64_t hukou = population_region_parse(store_column_text(rows.stmt, 3));
        int64_t region = region_text != NULL ? population_region_parse(region_text) : 0;
        bf_date day;
        if (id == NULL || start == NULL || date_parse(start, &day) != BF_OK ||
            !progress_in_population(t, store_column_text(rows.stmt, 2), hukou))
            continue;
        if (t->measure_within != 0 &&
            (region == 0 || !population_region_within(region, t->measure_within)))
            continue;
        /* 外出务工: the work place outside the hukou county (6 digits, 10^6 of 12). */
        if (t->measure == POLICY_MEASURE_EMPLOYED_AWAY &&
            (region == 0 || hukou == 0 || region / 1000000 == hukou / 1000000))
            continue;
        snprintf(record, sizeof record, "%s %s %s %s", trained ? "trainings" : "jobs",
                 detail != NULL ? detail : "", start, region_text != NULL ? region_text : "");
        int month = date_month_index(day), first_month = date_month_index(from);
        rc = progress_list_add(list, id, store_column_text(rows.stmt, 1), record,
                               month < first_month ? first_month : month);
        if (rc != BF_OK)
            bf_error_set(err, rc, NULL);
    }
    store_rows_close(&rows);
    return rc != BF_OK ? rc : next < 0 ? next : BF_OK;
}

/* The records of target (its parts' for parts) into list. */
static int progress_collect(store *st, const policy_set *set, int target, bf_date as_of, int depth,
                            progress_list *list, bf_error *err)
{
    const policy_target *t = set->targets[target];
    int rc = progress_population_check(set, t, err);
    if (rc != BF_OK)
        return rc;
    if (t->measure != POLICY_MEASURE_PARTS) {
        bf_date from, to;
        progress_period(t, as_of, &from, &to);
        if (date_to_days(to) < date_to_days(from))
            return BF_OK;
        return progress_collect_records(st, t, from, to, list, err);
    }
    if (depth >= PROGRESS_PARTS_DEPTH_MAX)
        return bf_error_set(err, BF_EINVAL,
                            BF_TR("目标 %s：part_of 嵌套超过 %d 层", "target %s: part_of nests "
                                                                     "more than %d deep"),
                            t->id, PROGRESS_PARTS_DEPTH_MAX);
    for (int k = 0; k < set->target_count && rc == BF_OK; k++) {
        if (set->targets[k]->part_of_target != target)
            continue;
        rc = progress_collect(st, set, k, as_of, depth + 1, list, err);
    }
    return rc;
}

/* By person, then month, then record: each person's first record comes first. */
static int progress_by_person(const void *a, const void *b)
{
    const progress_entry *x = a, *y = b;
    int c = strcmp(x->id_number, y->id_number);
    if (c == 0)
        c = (x->month > y->month) - (x->month < y->month);
    return c != 0 ? c : strcmp(x->record, y->record);
}

/* By month, then person: the order people are given in. */
static int progress_by_month(const void *a, const void *b)
{
    const progress_entry *x = a, *y = b;
    int c = (x->month > y->month) - (x->month < y->month);
    return c != 0 ? c : strcmp(x->id_number, y->id_number);
}

/* Keeps each person's first entry (list sorted by person), freeing the others. */
static void progress_first_per_person(progress_list *list)
{
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        progress_entry *e = &list->entries[i];
        if (kept > 0 && strcmp(list->entries[kept - 1].id_number, e->id_number) == 0) {
            free(e->id_number);
            free(e->name);
            free(e->record);
            continue;
        }
        list->entries[kept++] = *e;
    }
    list->count = kept;
}

static int progress_met(const policy_target *t, int64_t count)
{
    double value = t->value, n = (double)count;
    switch (t->comparator) {
    case POLICY_COMPARATOR_AT_LEAST:
        return n >= value;
    case POLICY_COMPARATOR_AT_MOST:
        return n <= value;
    case POLICY_COMPARATOR_ABOUT:
        return fabs(n - value) <= value * PROGRESS_ABOUT_SHARE;
    case POLICY_COMPARATOR_EQUAL:
    case POLICY_COMPARATOR_COUNT:
        break;
    }
    return n == value;
}

int cooperation_progress_compute(store *st, const policy_set *set, int target, bf_date as_of,
                                 cooperation_progress *out, cooperation_person_sink sink,
                                 void *context, bf_error *err)
{
    memset(out, 0, sizeof *out);
    if (target < 0 || target >= set->target_count)
        return bf_error_set(err, BF_EINVAL, "target %d", target);
    const policy_target *t = set->targets[target];
    if (t->measure == POLICY_MEASURE_NONE || strcmp(t->unit, "%") == 0)
        return BF_OK;
    progress_list list = {0};
    int rc = progress_collect(st, set, target, as_of, 0, &list, err);
    if (rc != BF_OK)
        goto out;
    /* No records: entries is NULL, which qsort must not get (UBSan). */
    if (list.count > 1) {
        qsort(list.entries, list.count, sizeof *list.entries, progress_by_person);
        progress_first_per_person(&list);
        qsort(list.entries, list.count, sizeof *list.entries, progress_by_month);
    }
    out->measured = 1;
    bf_date from, to;
    progress_period(t, as_of, &from, &to);
    out->first_month = date_month_index(from);
    int last = date_month_index(to) - out->first_month + 1;
    out->month_count = last < 0 ? 0 : last > COOPERATION_MONTHS_MAX ? COOPERATION_MONTHS_MAX : last;
    for (size_t i = 0; i < list.count; i++) {
        int m = list.entries[i].month - out->first_month;
        if (m >= 0 && m < out->month_count)
            out->new_in_month[m]++;
    }
    for (int m = 0; m < out->month_count; m++)
        out->to_month[m] = (m > 0 ? out->to_month[m - 1] : 0) + out->new_in_month[m];
    out->count = (int64_t)list.count;
    out->met = progress_met(t, out->count);
    for (size_t i = 0; sink != NULL && i < list.count && rc == BF_OK; i++) {
        char month[BF_MONTH_TEXT_MAX];
        date_month_format(list.entries[i].month, month);
        cooperation_person person = {list.entries[i].id_number, list.entries[i].name, month,
                                     list.entries[i].record};
        rc = sink(context, &person, err);
    }
out:
    progress_list_free(&list);
    return rc;
}
