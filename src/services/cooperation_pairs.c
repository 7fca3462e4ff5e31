/* cooperation_pairs.c - the labor-cooperation pairs and their progress (see the header). */
#include "services/cooperation_pairs.h"

#include "core/date.h"
#include "policy/population.h"
#include "registry/vocabulary.h"
#include "services/match.h"
#include "services/target_progress.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The people of hukou `from` working in `to` in the period, and of them 脱贫人口. */
typedef struct pair_flow {
    int64_t people, poor;
} pair_flow;

static int pair_flow_count(store *st, const char *from, const char *to, const char *first,
                           const char *last, const char *batch, const report_poverty *poverty,
                           pair_flow *out, bf_error *err)
{
    char from_low[REGION_CODE_TEXT_MAX], from_high[REGION_CODE_TEXT_MAX],
        to_low[REGION_CODE_TEXT_MAX], to_high[REGION_CODE_TEXT_MAX], previous[64] = "";
    region_code_range(from, from_low, from_high);
    region_code_range(to, to_low, to_high);
    const char *params[] = {from_low, from_high, to_low, to_high, batch, last, first};
    store_rows rows = {0};
    memset(out, 0, sizeof *out);
    int rc = store_rows_open(
        st,
        "SELECT j.id_number, p.categories FROM jobs j JOIN people p ON p.id_number = "
        "j.id_number WHERE p.hukou_region >= ? AND p.hukou_region < ? AND j.region >= ? AND "
        "j.region < ? AND j.created_batch <= CAST(? AS BIGINT) AND j.start_date <= ? AND "
        "(j.end_date IS NULL OR j.end_date >= ?) ORDER BY j.id_number",
        params, 7, &rows, err);
    int step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        const char *id = store_column_text(rows.stmt, 0);
        if (id == NULL || strcmp(id, previous) == 0)
            continue;
        snprintf(previous, sizeof previous, "%s", id);
        out->people++;
        out->poor += report_poverty_holds(poverty, store_column_text(rows.stmt, 1));
    }
    store_rows_close(&rows);
    return rc == BF_OK && step < 0 ? step : rc;
}

/* True when a region the target names lies within side. */
static int target_reaches(const policy_set *set, const policy_target *t, int64_t side)
{
    if (population_region_within(t->region, side) ||
        (t->measure_within != 0 && population_region_within(t->measure_within, side)) ||
        (t->document >= 0 && set->documents[t->document].region != 0 &&
         population_region_within(set->documents[t->document].region, side)))
        return 1;
    for (int c = 0; c < t->population_count; c++)
        for (int a = 0;
             t->population[c].predicate == POLICY_PRED_HUKOU_WITHIN && a < t->population[c].argc;
             a++)
            if (population_region_within(t->population[c].ints[a], side))
                return 1;
    return 0;
}

/* True when the target's year or period meets year. */
static int target_in_year(const policy_target *t, int year)
{
    if (t->year > 0)
        return t->year == year;
    return date_from_days(t->from).year <= year && date_from_days(t->to).year >= year;
}

/* The rows of one pair. */
static int pair_rows(store *st, const report_options *o, const match_pair *pair,
                     const target_progress *progress, const char *const flow_cells[4], int month,
                     report_form *form, bf_error *err)
{
    report_regions a = {0}, b = {0};
    char sides[2][256], year[8];
    int rc = report_regions_load(st, pair->a, &a, err);
    if (rc == BF_OK)
        rc = report_regions_load(st, pair->b, &b, err);
    if (rc == BF_OK) {
        snprintf(sides[0], sizeof sides[0], "%s %s", a.self.code, a.self.name);
        snprintf(sides[1], sizeof sides[1], "%s %s", b.self.code, b.self.name);
    }
    snprintf(year, sizeof year, "%d", o->year);
    int64_t side_a = population_region_parse(pair->a), side_b = population_region_parse(pair->b);
    int listed = 0;
    for (int k = 0; rc == BF_OK && k <= o->set->target_count; k++) {
        const policy_target *t = k < o->set->target_count ? o->set->targets[k] : NULL;
        if (t != NULL && (!target_in_year(t, o->year) || !target_reaches(o->set, t, side_a) ||
                          !target_reaches(o->set, t, side_b)))
            continue;
        if (t == NULL && listed > 0)
            break;
        char value[32] = "", count[32] = "", pace_text[32] = "";
        const char *on_track = "";
        if (t != NULL) {
            snprintf(value, sizeof value, "%.0f", t->value);
            if (target_progress_measured(progress, k)) {
                int64_t n = target_progress_count(progress, k, 0, month);
                target_pace pace;
                target_progress_pace(progress, k, month, n, &pace);
                snprintf(count, sizeof count, "%" PRId64, n);
                snprintf(pace_text, sizeof pace_text, "%.0f", ceil(pace.expected - 1e-9));
                on_track = pace.on_track ? "是" : "否";
            }
        }
        const char *cells[] = {sides[0],      sides[1],      pair->basis,
                               year,          flow_cells[0], flow_cells[1],
                               flow_cells[2], flow_cells[3], t != NULL ? t->id : "",
                               value,         count,         pace_text,
                               on_track};
        rc = report_form_add_row(form, cells, err);
        listed++;
    }
    report_regions_free(&a);
    report_regions_free(&b);
    return rc;
}

int cooperation_pairs_write(store *st, const report_options *o, int *rows, bf_error *err)
{
    static const char *const columns[] = {
        "协作地区甲",   "协作地区乙",         "依据",         "年度", "甲户籍在乙务工人数",
        "其中脱贫人口", "乙户籍在甲务工人数", "其中脱贫人口", "目标", "目标值",
        "完成数",       "按进度应完成",       "是否达到进度"};
    report_options year_options = *o;
    report_form form = {0};
    vocabulary_set lists = {0};
    match_weights *weights = calloc(1, sizeof *weights);
    target_progress *progress = NULL;
    report_poverty poverty;
    *rows = 0;
    if (weights == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    int32_t today = o->as_of != INT32_MAX ? o->as_of : o->filled_on;
    if (year_options.year == 0)
        year_options.year = date_from_days(today).year;
    int32_t first = (int32_t)date_to_days((bf_date){year_options.year, 1, 1});
    int32_t last = (int32_t)date_to_days((bf_date){year_options.year, 12, 31});
    if (last > today)
        last = today;
    char first_text[BF_DATE_TEXT_MAX], last_text[BF_DATE_TEXT_MAX], batch_text[24], title[128];
    date_format(date_from_days(first), first_text);
    date_format(date_from_days(last), last_text);
    int64_t batch = 0;
    int rc = report_as_of_batch(st, o->as_of, &batch, err);
    snprintf(batch_text, sizeof batch_text, "%" PRId64, batch);
    if (rc == BF_OK)
        rc = report_poverty_load(o->set, &poverty, err);
    if (rc == BF_OK)
        rc = vocabulary_set_load_default(&lists, err);
    if (rc == BF_OK)
        rc = match_weights_load(NULL, &lists, weights, err);
    target_progress_request request = {
        .set = o->set, .as_of = last, .stored_by = o->as_of, .region = NULL};
    if (rc == BF_OK)
        rc = target_progress_compute(st, &request, &progress, err);
    snprintf(title, sizeof title, "%d年劳务协作结对情况", year_options.year);
    if (rc == BF_OK)
        rc = report_form_init(&form, title, columns, sizeof columns / sizeof columns[0], err);
    int month = date_month_index(date_from_days(last));
    for (int p = 0; rc == BF_OK && p < weights->pair_count; p++) {
        const match_pair *pair = &weights->pairs[p];
        pair_flow there = {0}, back = {0};
        rc = pair_flow_count(st, pair->a, pair->b, first_text, last_text, batch_text, &poverty,
                             &there, err);
        if (rc == BF_OK)
            rc = pair_flow_count(st, pair->b, pair->a, first_text, last_text, batch_text, &poverty,
                                 &back, err);
        char flows[4][24];
        const char *flow_cells[4] = {flows[0], flows[1], flows[2], flows[3]};
        snprintf(flows[0], sizeof flows[0], "%" PRId64, there.people);
        snprintf(flows[1], sizeof flows[1], "%" PRId64, there.poor);
        snprintf(flows[2], sizeof flows[2], "%" PRId64, back.people);
        snprintf(flows[3], sizeof flows[3], "%" PRId64, back.poor);
        if (rc == BF_OK)
            rc = pair_rows(st, &year_options, pair, progress, flow_cells, month, &form, err);
    }
    char note[256];
    snprintf(note, sizeof note,
             BF_TR("说明：务工人数按 %s 至 %s 有在岗就业记录的人数计，每人计一次；目标完成数同 "
                   "report targets",
                   "Note: people with a spell going on from %s to %s, each once; targets as "
                   "report targets"),
             first_text, last_text);
    if (rc == BF_OK)
        rc = report_form_add_note(&form, note, err);
    if (rc == BF_OK) {
        *rows = form.row_count;
        rc = report_form_write(&form, o->out, o->format, NULL, err);
    }
    report_form_free(&form);
    target_progress_free(progress);
    vocabulary_set_free(&lists);
    free(weights);
    return rc;
}
