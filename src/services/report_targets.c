/* report_targets.c - the targets of the policy files and their progress (see the header). */
#include "services/report_targets.h"

#include "core/date.h"
#include "core/region_code.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How the stored records are read for an indicator. */
typedef enum target_measure {
    MEASURE_NONE,               /* no stored source */
    MEASURE_OUTFLOW,            /* spells outside the hukou county, at the hukou */
    MEASURE_INFLOW,             /* spells in the region of people of other provinces, at the job */
    MEASURE_RELOCATION,         /* people of relocation sites with a spell, at the site */
    MEASURE_POSTS,              /* public-welfare posts existing in the period, at the village */
    MEASURE_EMPLOYED,           /* people with a spell, at the hukou */
    MEASURE_EMPLOYED_IN_REGION, /* people with a spell in the target's region, at the job */
    MEASURE_TRAINED,            /* people with a training, at the hukou */
    MEASURE_EMPLOYED_OR_TRAINED /* either */
} target_measure;

/*
 * The measure of each target: id, measure, whom (the provinces whose people count for an
 * inflow, "" for any), 1 when only 脱贫人口 count (without population conditions), what is
 * counted in words.  中西部: the central and western provinces of the national statistics
 * (山西 安徽 江西 河南 湖北 湖南; 内蒙古 广西 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆).
 */
#define CENTRAL_WESTERN "14 34 36 41 42 43 15 45 50 51 52 53 54 61 62 63 64 65"
#define TARGET_MEASURES(X)                                                                         \
    X("sd2023.outflow_scale", MEASURE_OUTFLOW, "", 1,                                              \
      "户籍在本省的脱贫人口在户籍县以外务工的人数")                                                \
    X("sd2023.central_western_inflow", MEASURE_INFLOW, CENTRAL_WESTERN, 1,                         \
      "户籍在中西部省份的脱贫人口在本省务工的人数")                                                \
    X("sd2023.relocation_site_employment", MEASURE_RELOCATION, "", 1,                              \
      "居住在易地搬迁安置区、期间有就业记录的脱贫人口")                                            \
    X("sd2023.chongqing_gansu_employment", MEASURE_INFLOW, "50 62", 0,                             \
      "户籍在重庆、甘肃的劳动力在本省务工的人数（按省计，协作区县未单列）")                        \
    X("sd2023.chongqing_gansu_poverty_employment", MEASURE_INFLOW, "50 62", 1,                     \
      "户籍在重庆、甘肃的脱贫人口在本省务工的人数（按省计）")                                      \
    X("sd2023.rural_public_welfare_posts", MEASURE_POSTS, "", 0,                                   \
      "期间存续的乡村公益性岗位个数（按设岗日期计入）")                                            \
    X("jinan2018.employment_2018", MEASURE_EMPLOYED, "", 1, "期间有就业记录的人数")                \
    X("jining47.wanzhou_assistance", MEASURE_EMPLOYED_OR_TRAINED, "", 1,                           \
      "期间有就业或培训记录的人数")                                                                \
    X("jining47.transfer_to_jining", MEASURE_EMPLOYED_IN_REGION, "", 1, "在目标区划内务工的人数")  \
    X("jining47.local_employment", MEASURE_EMPLOYED_IN_REGION, "", 1, "在目标区划内务工的人数")    \
    X("jining47.training", MEASURE_TRAINED, "", 1, "期间参加培训的人数")

typedef struct measure_row {
    const char *id;
    target_measure measure;
    const char *provinces;
    int poor_only;
    const char *what;
} measure_row;

#define MEASURE_ROW(id, measure, provinces, poor, what) {id, measure, provinces, poor, what},
static const measure_row measures[] = {TARGET_MEASURES(MEASURE_ROW)};

static const measure_row *measure_of(const char *id)
{
    for (size_t m = 0; m < sizeof measures / sizeof measures[0]; m++)
        if (strcmp(measures[m].id, id) == 0)
            return &measures[m];
    return NULL;
}

/* The queries of the measures: (attribution region, key, first day, categories, hukou). */
static const char *measure_sql(target_measure measure, int trainings)
{
    if (trainings)
        return "SELECT p.hukou_region, t.id_number, t.start_date, p.categories, p.hukou_region "
               "FROM trainings t JOIN people p ON p.id_number = t.id_number WHERE "
               "p.hukou_region >= ? AND p.hukou_region < ? AND t.created_batch <= CAST(? AS "
               "BIGINT) AND t.start_date <= ? AND t.end_date >= ?";
    switch (measure) {
    case MEASURE_OUTFLOW:
        return "SELECT p.hukou_region, j.id_number, j.start_date, p.categories, p.hukou_region "
               "FROM jobs j JOIN people p ON p.id_number = j.id_number WHERE p.hukou_region >= ? "
               "AND p.hukou_region < ? AND j.created_batch <= CAST(? AS BIGINT) AND j.start_date "
               "<= ? AND (j.end_date IS NULL OR j.end_date >= ?) AND SUBSTR(j.region, 1, 6) <> "
               "SUBSTR(p.hukou_region, 1, 6)";
    case MEASURE_INFLOW:
    case MEASURE_EMPLOYED_IN_REGION:
        return "SELECT j.region, j.id_number, j.start_date, p.categories, p.hukou_region FROM "
               "jobs j JOIN people p ON p.id_number = j.id_number WHERE j.region >= ? AND "
               "j.region < ? AND j.created_batch <= CAST(? AS BIGINT) AND j.start_date <= ? AND "
               "(j.end_date IS NULL OR j.end_date >= ?)";
    case MEASURE_RELOCATION:
        return "SELECT o.region, r.id_number, j.start_date, p.categories, p.hukou_region FROM "
               "residences r JOIN orgs o ON o.org_code = r.site JOIN people p ON p.id_number = "
               "r.id_number JOIN jobs j ON j.id_number = r.id_number WHERE o.region >= ? AND "
               "o.region < ? AND j.created_batch <= CAST(? AS BIGINT) AND j.start_date <= ? AND "
               "(j.end_date IS NULL OR j.end_date >= ?)";
    case MEASURE_POSTS:
        return "SELECT village, post_code, COALESCE(start_date, '0000-01-01'), '', '' FROM posts "
               "WHERE job_kind = 'public_welfare_post' AND village >= ? AND village < ? AND "
               "created_batch <= CAST(? AS BIGINT) AND (start_date IS NULL OR start_date <= ?) "
               "AND (end_date IS NULL OR end_date >= ?)";
    case MEASURE_EMPLOYED:
    case MEASURE_EMPLOYED_OR_TRAINED:
        return "SELECT p.hukou_region, j.id_number, j.start_date, p.categories, p.hukou_region "
               "FROM jobs j JOIN people p ON p.id_number = j.id_number WHERE p.hukou_region >= ? "
               "AND p.hukou_region < ? AND j.created_batch <= CAST(? AS BIGINT) AND j.start_date "
               "<= ? AND (j.end_date IS NULL OR j.end_date >= ?)";
    case MEASURE_TRAINED:
    case MEASURE_NONE:
        break;
    }
    return NULL;
}

/* One person or post counted at a row from a day. */
typedef struct target_entry {
    int row;
    int32_t day;
    char key[40];
} target_entry;

typedef struct target_count {
    const policy_target *target;
    const measure_row *measure;
    const report_regions *regions;
    report_poverty poverty;
    int32_t from, to;
    target_entry *entries;
    size_t count, capacity;
} target_count;

/* Whether the person of categories and hukou belongs to the target's population. */
static int in_population(const target_count *c, const char *categories, const char *hukou)
{
    const policy_target *t = c->target;
    if (t->population_count == 0)
        return !c->measure->poor_only || report_poverty_holds(&c->poverty, categories);
    for (int i = 0; i < t->population_count; i++) {
        const policy_condition *condition = &t->population[i];
        int ok = 0;
        if (condition->predicate == POLICY_PRED_CATEGORY) {
            category_set set = 0, wanted = 0;
            for (int a = 0; a < condition->argc; a++) {
                int index = category_index(condition->names[a]);
                if (index >= 0)
                    wanted |= 1u << index;
            }
            ok = categories != NULL && category_parse(categories, &set, NULL, 0) == BF_OK &&
                 (set & wanted) != 0;
        } else if (condition->predicate == POLICY_PRED_HUKOU_WITHIN) {
            for (int a = 0; a < condition->argc && !ok; a++) {
                char code[REGION_CODE_TEXT_MAX + 8];
                snprintf(code, sizeof code, "%012" PRId64, condition->ints[a]);
                ok = hukou != NULL && region_code_within(hukou, code);
            }
        }
        if (!ok)
            return 0;
    }
    return 1;
}

/* Whether the target's population uses predicates in_population() does not know. */
static int population_readable(const policy_target *t)
{
    for (int i = 0; i < t->population_count; i++)
        if (t->population[i].predicate != POLICY_PRED_CATEGORY &&
            t->population[i].predicate != POLICY_PRED_HUKOU_WITHIN)
            return 0;
    return 1;
}

static int entry_add(target_count *c, int row, const char *key, int32_t day, bf_error *err)
{
    if (c->count == c->capacity) {
        if (c->capacity >= REPORT_TARGETS_ENTRIES_MAX)
            return bf_error_set(
                err, BF_ETOOBIG,
                BF_TR("目标 %s 计入的记录多于 %d 条", "target %s counts more than %d records"),
                c->target->id, REPORT_TARGETS_ENTRIES_MAX);
        size_t capacity = c->capacity > 0 ? 2 * c->capacity : 1024;
        target_entry *grown = realloc(c->entries, capacity * sizeof *grown);
        if (grown == NULL)
            return bf_error_set(err, BF_ENOMEM, NULL);
        c->entries = grown;
        c->capacity = capacity;
    }
    target_entry *e = &c->entries[c->count++];
    e->row = row;
    e->day = day < c->from ? c->from : day;
    snprintf(e->key, sizeof e->key, "%s", key);
    return BF_OK;
}

/* Reads one query of the measure into entries. */
static int target_read(store *st, target_count *c, const char *sql, const char *batch,
                       bf_error *err)
{
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX], region[REGION_CODE_TEXT_MAX + 8],
        from[BF_DATE_TEXT_MAX], to[BF_DATE_TEXT_MAX];
    snprintf(region, sizeof region, "%012" PRId64, c->target->region);
    region_code_range(region, low, high);
    date_format(date_from_days(c->from), from);
    date_format(date_from_days(c->to), to);
    const char *params[] = {low, high, batch, to, from};
    store_rows rows = {0};
    int rc = store_rows_open(st, sql, params, 5, &rows, err), step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        const char *at = store_column_text(rows.stmt, 0), *key = store_column_text(rows.stmt, 1);
        const char *hukou = store_column_text(rows.stmt, 4);
        bf_date day;
        int row = report_regions_find(c->regions, at);
        if (row < 0 || key == NULL || date_parse(store_column_text(rows.stmt, 2), &day) != BF_OK)
            continue;
        if (c->measure->measure == MEASURE_INFLOW &&
            (hukou == NULL || strlen(hukou) < 2 || strncmp(hukou, region, 2) == 0 ||
             strstr(c->measure->provinces, (char[]){hukou[0], hukou[1], '\0'}) == NULL))
            continue;
        if (c->measure->measure != MEASURE_POSTS &&
            !in_population(c, store_column_text(rows.stmt, 3), hukou))
            continue;
        rc = entry_add(c, row, key, (int32_t)date_to_days(day), err);
    }
    store_rows_close(&rows);
    return rc == BF_OK && step < 0 ? step : rc;
}

static int entry_order(const void *a, const void *b)
{
    const target_entry *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    int by_key = strcmp(x->key, y->key);
    if (by_key != 0)
        return by_key;
    return (x->day > y->day) - (x->day < y->day);
}

/* Reads the entries of the target, each (row, key) once at its first day. */
static int target_collect(store *st, const report_options *o, target_count *c, bf_error *err)
{
    int64_t batch = 0;
    char batch_text[24];
    int rc = report_as_of_batch(st, o->as_of, &batch, err);
    snprintf(batch_text, sizeof batch_text, "%" PRId64, batch);
    target_measure m = c->measure->measure;
    if (rc == BF_OK && m != MEASURE_TRAINED)
        rc = target_read(st, c, measure_sql(m, 0), batch_text, err);
    if (rc == BF_OK && (m == MEASURE_TRAINED || m == MEASURE_EMPLOYED_OR_TRAINED))
        rc = target_read(st, c, measure_sql(m, 1), batch_text, err);
    if (rc != BF_OK)
        return rc;
    if (c->count > 1)
        qsort(c->entries, c->count, sizeof *c->entries, entry_order);
    size_t kept = 0;
    for (size_t i = 0; i < c->count; i++)
        if (kept == 0 || c->entries[kept - 1].row != c->entries[i].row ||
            strcmp(c->entries[kept - 1].key, c->entries[i].key) != 0)
            c->entries[kept++] = c->entries[i];
    c->count = kept;
    return BF_OK;
}

/* People or posts of row counted by the end of day. */
static int64_t progress_at(const target_count *c, int row, int32_t day)
{
    int64_t n = 0;
    for (size_t i = 0; i < c->count; i++)
        n += c->entries[i].row == row && c->entries[i].day <= day;
    return n;
}

/* The target's period in days. */
static void target_period(const policy_target *t, int32_t *from, int32_t *to)
{
    if (t->year > 0) {
        *from = (int32_t)date_to_days((bf_date){t->year, 1, 1});
        *to = (int32_t)date_to_days((bf_date){t->year, 12, 31});
    } else {
        *from = t->from;
        *to = t->to;
    }
}

/* The pace's number at day and whether progress keeps it. */
static void target_pace(const policy_target *t, int32_t from, int32_t to, int32_t day,
                        int64_t progress, report_target_progress *out)
{
    double share = to > from ? (double)(day - from + 1) / (double)(to - from + 1) : 1.0;
    if (share > 1.0)
        share = 1.0;
    if (share < 0.0)
        share = 0.0;
    out->progress = progress;
    out->expected = t->value * share;
    if (t->comparator == POLICY_COMPARATOR_AT_MOST)
        out->on_track = (double)progress <= t->value;
    else
        out->on_track = (double)progress >= ceil(out->expected - 1e-9);
}

/* The comparator in the document's words. */
static const char *comparator_text(policy_comparator comparator)
{
    static const char *const texts[POLICY_COMPARATOR_COUNT] = {"不少于", "不超过", "左右", "等于"};
    return comparator < POLICY_COMPARATOR_COUNT ? texts[comparator] : "";
}

static void number_text(double value, char *out, size_t size)
{
    if (value == floor(value))
        snprintf(out, size, "%.0f", value);
    else
        snprintf(out, size, "%.1f", value);
}

/* The month a report reads: --month, else that of --as-of, else this month. */
static int report_month(const report_options *o)
{
    if (o->month >= 0)
        return o->month;
    return date_month_index(date_from_days(o->as_of != INT32_MAX ? o->as_of : o->filled_on));
}

int report_targets_progress(store *st, const report_options *o, int target, int month,
                            report_target_progress *out, bf_error *err)
{
    const policy_target *t = o->set->targets[target];
    target_count c = {.target = t, .measure = measure_of(t->id)};
    report_regions regions = {0};
    char region[REGION_CODE_TEXT_MAX + 8];
    memset(out, 0, sizeof *out);
    if (c.measure == NULL || !population_readable(t))
        return BF_OK;
    snprintf(region, sizeof region, "%012" PRId64, t->region);
    target_period(t, &c.from, &c.to);
    int rc = report_poverty_load(o->set, &c.poverty, err);
    if (rc == BF_OK)
        rc = report_regions_load(st, region, &regions, err);
    c.regions = &regions;
    if (rc == BF_OK)
        rc = target_collect(st, o, &c, err);
    if (rc == BF_OK) {
        int32_t day = (int32_t)date_to_days(date_month_last_day(month));
        if (day > c.to)
            day = c.to;
        int64_t n = 0;
        for (int r = 0; r <= regions.count; r++)
            n += progress_at(&c, r, day);
        out->measured = 1;
        target_pace(t, c.from, c.to, day, n, out);
    }
    free(c.entries);
    report_regions_free(&regions);
    return rc;
}

/* Writes the rows of one target. */
static int target_rows(store *st, const report_options *o, const policy_target *t,
                       report_form *form, bf_error *err)
{
    target_count c = {.target = t, .measure = measure_of(t->id)};
    report_regions regions = {0};
    char own[REGION_CODE_TEXT_MAX + 8], value[32];
    snprintf(own, sizeof own, "%012" PRId64, t->region);
    target_period(t, &c.from, &c.to);
    int readable = c.measure != NULL && population_readable(t);
    int rc = report_poverty_load(o->set, &c.poverty, err);
    if (rc == BF_OK)
        rc = report_regions_load(st, o->region != NULL ? o->region : own, &regions, err);
    c.regions = &regions;
    if (rc == BF_OK && readable)
        rc = target_collect(st, o, &c, err);
    int last = report_month(o), first = date_month_index(date_from_days(c.from));
    int end = date_month_index(date_from_days(c.to));
    if (last > end)
        last = end;
    number_text(t->value, value, sizeof value);
    for (int m = o->by_month ? first : last; rc == BF_OK && m <= last; m++) {
        char month[BF_MONTH_TEXT_MAX];
        date_month_format(m, month);
        int32_t day = (int32_t)date_to_days(date_month_last_day(m));
        if (day > c.to)
            day = c.to;
        int rows = o->by_region ? regions.count + 1 : 1;
        for (int r = 0; rc == BF_OK && r < rows; r++) {
            /* Row 0: the region itself (its children and own row summed); then each child. */
            const report_region *at = r == 0 ? &regions.self : &regions.children[r - 1];
            int64_t n = 0;
            if (r == 0)
                for (int k = 0; k <= regions.count; k++)
                    n += progress_at(&c, k, day);
            else
                n = progress_at(&c, r - 1, day);
            report_target_progress p = {0};
            target_pace(t, c.from, c.to, day, n, &p);
            int whole = strcmp(at->code, own) == 0;
            char progress[32] = "", gap[32] = "", expected[32] = "", region[256];
            snprintf(region, sizeof region, "%s %s", at->code, at->name);
            if (readable)
                snprintf(progress, sizeof progress, "%" PRId64, n);
            if (readable && whole) {
                number_text(t->value > (double)n ? t->value - (double)n : 0, gap, sizeof gap);
                number_text(ceil(p.expected - 1e-9), expected, sizeof expected);
            }
            const char *cells[] = {t->id,
                                   t->clause,
                                   t->indicator,
                                   region,
                                   month,
                                   comparator_text(t->comparator),
                                   whole ? value : "",
                                   t->unit,
                                   progress,
                                   gap,
                                   expected,
                                   !readable || !whole ? ""
                                   : p.on_track        ? "是"
                                                       : "否",
                                   readable ? c.measure->what
                                            : BF_TR("无登记来源（未统计）", "no stored source")};
            rc = report_form_add_row(form, cells, err);
        }
    }
    free(c.entries);
    report_regions_free(&regions);
    return rc;
}

int report_targets_write(store *st, const report_options *o, int *rows, bf_error *err)
{
    static const char *const columns[] = {
        "编号", "条款",   "指标", "区划",         "月份",         "比较",    "目标值",
        "单位", "完成数", "差距", "按进度应完成", "是否达到进度", "统计口径"};
    report_form form = {0};
    *rows = 0;
    int rc = report_form_init(&form, BF_TR("政策文件目标完成情况", "Targets of the policy files"),
                              columns, sizeof columns / sizeof columns[0], err);
    for (int t = 0; rc == BF_OK && t < o->set->target_count; t++)
        rc = target_rows(st, o, o->set->targets[t], &form, err);
    if (rc == BF_OK)
        rc = report_form_add_note(
            &form,
            BF_TR("说明：完成数按登记记录计，每人（岗位）计一次，自其期间内第一条记录开始之日计入；"
                  "按进度应完成 = 目标值 × 期间已过天数 / 期间天数（向上取整）",
                  "Note: progress counts each person (post) once from the day its first record "
                  "of the period begins; the pace = value x days gone / days of the period "
                  "(rounded up)"),
            err);
    if (rc == BF_OK) {
        *rows = form.row_count;
        rc = report_form_write(&form, o->out, o->format, NULL, err);
    }
    report_form_free(&form);
    return rc;
}
