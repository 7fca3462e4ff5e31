/* report_annex1.c - 附件1 推进情况表 from the stored records (see the header). */
#include "services/report_annex1.h"

#include "core/date.h"
#include "core/region_code.h"
#include "core/string_map.h"
#include "services/certification.h"
#include "services/report_common.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The value columns of 附件1 as the policy file declares them (header or "header / sub"). */
#define ANNEX1_COLUMNS(X)                                                                          \
    X(ALLIANCES, "劳务协作联盟个数")                                                               \
    X(BRANDS, "特色劳务品牌个数")                                                                  \
    X(BASES, "乡村振兴劳务基地个数")                                                               \
    X(COOPERATIVES, "劳务合作社个数")                                                              \
    X(WORKSHOPS, "就业帮扶车间个数")                                                               \
    X(WORKSHOP_POOR, "就业帮扶车间个数 / 吸纳脱贫人口数")                                          \
    X(WORK_RELIEF, "以工代赈吸纳当地农村劳动力就业人数")                                           \
    X(WORK_RELIEF_POOR, "以工代赈吸纳当地农村劳动力就业人数 / 吸纳脱贫人口数")                     \
    X(POSTS, "乡村公益性岗位安置脱贫人口数")                                                       \
    X(TRAINED, "组织脱贫人口参加职业技能培训人数")                                                 \
    X(RELOCATED, "易地搬迁安置区脱贫人口就业人数")                                                 \
    X(FAIRS, "举办“乐业搬迁（迁建）”专场招聘活动次数")

#define ANNEX1_ENUM(id, header) ANNEX1_##id,
/* ANNEX1_WORKSHOP_WORKERS, after the form's columns: everyone employed at the workshops
   counted, which the check of a submission compares 吸纳脱贫人口数 with. */
enum {
    ANNEX1_COLUMNS(ANNEX1_ENUM) ANNEX1_COLUMN_COUNT,
    ANNEX1_WORKSHOP_WORKERS = ANNEX1_COLUMN_COUNT
};
_Static_assert(ANNEX1_COLUMN_COUNT == REPORT_ANNEX1_VALUES, "the value columns of 附件1");
#define ANNEX1_HEADER(id, header) header,
static const char *const annex1_headers[] = {ANNEX1_COLUMNS(ANNEX1_HEADER)};

/* The row of --cell meaning the whole region (the first row, ##市). */
#define ANNEX1_CELL_TOTAL (-2)
/* Longest label of a record behind a cell, terminator included. */
#define ANNEX1_LABEL_MAX 512

typedef struct annex1_state {
    store *st;
    const report_options *o;
    bf_error *err;
    report_regions regions;
    report_poverty poverty;
    int64_t (*counts)[ANNEX1_COLUMN_COUNT + 1]; /* children, then 本级; the hidden column */
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    char first[BF_DATE_TEXT_MAX], last[BF_DATE_TEXT_MAX]; /* the period */
    int32_t first_day, last_day;
    char batch[24];       /* the last batch read (--as-of) */
    string_map workshops; /* org codes of the workshops counted (keys in workshop_codes) */
    char **workshop_codes;
    size_t workshop_count;
    int cell_row;      /* -1: no --cell; ANNEX1_CELL_TOTAL; a child; count: 本级 */
    report_form cells; /* the records behind the cell */
} annex1_state;

/* Counts one record of column at region; with --cell on it, keeps it. */
static int annex1_add(annex1_state *s, int column, const char *region, const char *key,
                      const char *label)
{
    int row = report_regions_find(&s->regions, region);
    if (row < 0)
        return BF_OK;
    s->counts[row][column]++;
    if (s->cell_row == -1 || column != s->o->cell_column - 1 ||
        (s->cell_row != ANNEX1_CELL_TOTAL && s->cell_row != row))
        return BF_OK;
    const char *cells[] = {region, key, label};
    return report_form_add_row(&s->cells, cells, s->err);
}

/* The parameters most queries take: the region range, the last batch, the period's ends. */
#define ANNEX1_PARAMS(s)                                                                           \
    {                                                                                              \
        (s)->low, (s)->high, (s)->batch, (s)->last, (s)->first                                     \
    }

/* Alliances at their lead region and brands at theirs, working in the period; the
   乐业搬迁专场招聘 fairs (fairs of kind relocation, migration 0017) held in it. */
static int annex1_bodies(annex1_state *s)
{
    static const char *const sql[] = {
        "SELECT lead_region, name, founded FROM alliances WHERE lead_region >= ? AND lead_region "
        "< ? AND created_batch <= CAST(? AS BIGINT) AND founded <= ? AND (dissolved IS NULL OR "
        "dissolved >= ?) ORDER BY name",
        "SELECT region, name, trade FROM brands WHERE region >= ? AND region < ? AND "
        "created_batch <= CAST(? AS BIGINT) AND (recognised IS NULL OR recognised <= ?) AND "
        "(ended IS NULL OR ended >= ?) ORDER BY name, region",
        "SELECT region, fair_code, name FROM fairs WHERE region >= ? AND region < ? AND "
        "created_batch <= CAST(? AS BIGINT) AND held_on <= ? AND held_on >= ? AND kind = "
        "'relocation' ORDER BY fair_code"};
    static const int columns[] = {ANNEX1_ALLIANCES, ANNEX1_BRANDS, ANNEX1_FAIRS};
    const char *params[] = ANNEX1_PARAMS(s);
    int rc = BF_OK;
    for (int q = 0; rc == BF_OK && q < 3; q++) {
        store_rows rows = {0};
        rc = store_rows_open(s->st, sql[q], params, 5, &rows, s->err);
        int step = 0;
        while (rc == BF_OK && (step = store_rows_next(&rows)) == 1)
            rc = annex1_add(s, columns[q], store_column_text(rows.stmt, 0),
                            store_column_text(rows.stmt, 1), store_column_text(rows.stmt, 2));
        store_rows_close(&rows);
        if (rc == BF_OK && step < 0)
            rc = step;
    }
    return rc;
}

/* The column of a carrier kind, -1 for one 附件1 does not count. */
static int carrier_column(const char *carrier)
{
    static const struct {
        const char *kind;
        int column;
    } kinds[] = {{"base", ANNEX1_BASES},
                 {"cooperative", ANNEX1_COOPERATIVES},
                 {"workshop", ANNEX1_WORKSHOPS}};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (carrier != NULL && strcmp(carrier, kinds[k].kind) == 0)
            return kinds[k].column;
    return -1;
}

/* One organisation's decisions on one carrier kind, as read. */
typedef struct carrier_group {
    char org[CERTIFICATION_CODE_MAX], carrier[CERTIFICATION_CODE_MAX];
    char region[REGION_CODE_TEXT_MAX], name[ANNEX1_LABEL_MAX];
    certification_step steps[CERTIFICATION_DECISIONS_MAX];
    size_t count;
} carrier_group;

/* Keeps a workshop counted, so that its hires count. */
static int annex1_workshop(annex1_state *s, const char *org)
{
    if (s->workshop_count % 256 == 0) {
        char **grown = realloc(s->workshop_codes, (s->workshop_count + 256) * sizeof *grown);
        if (grown == NULL)
            return BF_ENOMEM;
        s->workshop_codes = grown;
    }
    char *copy = strdup(org);
    if (copy == NULL)
        return BF_ENOMEM;
    s->workshop_codes[s->workshop_count++] = copy;
    return string_map_insert(&s->workshops, copy, 1, NULL) == BF_ENOMEM ? BF_ENOMEM : BF_OK;
}

/* Counts the group when it held its carrier kind on some day of the period. */
static int carrier_group_end(annex1_state *s, carrier_group *g)
{
    int column = carrier_column(g->carrier);
    if (g->count == 0 || column < 0)
        return BF_OK;
    int32_t periods[CERTIFICATION_DECISIONS_MAX][2];
    certification_sequence_check(g->steps, g->count);
    size_t n = certification_periods(g->steps, g->count, periods, CERTIFICATION_DECISIONS_MAX);
    for (size_t p = 0; p < n; p++)
        if (periods[p][0] <= s->last_day && periods[p][1] >= s->first_day) {
            if (column == ANNEX1_WORKSHOPS && annex1_workshop(s, g->org) != BF_OK)
                return bf_error_set(s->err, BF_ENOMEM, NULL);
            return annex1_add(s, column, g->region, g->org, g->name);
        }
    return BF_OK;
}

/* Bases, cooperatives and workshops: the decisions on each organisation and kind. */
static int annex1_carriers(annex1_state *s)
{
    carrier_group *g = calloc(1, sizeof *g);
    if (g == NULL)
        return bf_error_set(s->err, BF_ENOMEM, NULL);
    store_rows rows = {0};
    const char *params[] = ANNEX1_PARAMS(s);
    int rc = store_rows_open(
        s->st,
        "SELECT c.org_code, c.carrier, c.decided_on, c.action, o.region, o.name FROM "
        "certifications c JOIN orgs o ON o.org_code = c.org_code WHERE o.region >= ? AND o.region "
        "< ? AND c.created_batch <= CAST(? AS BIGINT) AND c.decided_on <= ? AND c.carrier IN "
        "('base', 'cooperative', 'workshop') ORDER BY c.org_code, c.carrier",
        params, 4, &rows, s->err);
    int step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        const char *org = store_column_text(rows.stmt, 0),
                   *carrier = store_column_text(rows.stmt, 1);
        bf_date on;
        int action = certification_action_parse(store_column_text(rows.stmt, 3));
        if (org == NULL || carrier == NULL || action < 0 ||
            date_parse(store_column_text(rows.stmt, 2), &on) != BF_OK)
            continue;
        if (strcmp(org, g->org) != 0 || strcmp(carrier, g->carrier) != 0) {
            rc = carrier_group_end(s, g);
            g->count = 0;
            snprintf(g->org, sizeof g->org, "%s", org);
            snprintf(g->carrier, sizeof g->carrier, "%s", carrier);
            const char *region = store_column_text(rows.stmt, 4),
                       *name = store_column_text(rows.stmt, 5);
            snprintf(g->region, sizeof g->region, "%s", region != NULL ? region : "");
            snprintf(g->name, sizeof g->name, "%s", name != NULL ? name : "");
        }
        if (g->count < CERTIFICATION_DECISIONS_MAX)
            g->steps[g->count++] =
                (certification_step){(int32_t)date_to_days(on), (certification_action)action};
    }
    store_rows_close(&rows);
    if (rc == BF_OK && step < 0)
        rc = step;
    if (rc == BF_OK)
        rc = carrier_group_end(s, g);
    free(g);
    return rc;
}

/*
 * The people columns: each query gives (region, group, person, categories, person's name,
 * what), ordered so that a group's person comes in a run; a person counts once a run, in
 * column all (when not -1) and, when 脱贫人口, in column poor; workshops: only the groups
 * that are workshops counted.
 */
static int annex1_people(annex1_state *s, const char *sql, const char *const *params, int count,
                         int all, int poor, int workshops)
{
    store_rows rows = {0};
    int rc = store_rows_open(s->st, sql, params, count, &rows, s->err);
    int step = 0;
    char last_group[256] = "", last_person[32] = "";
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        const char *region = store_column_text(rows.stmt, 0),
                   *group = store_column_text(rows.stmt, 1),
                   *person = store_column_text(rows.stmt, 2);
        if (region == NULL || group == NULL || person == NULL ||
            (strcmp(group, last_group) == 0 && strcmp(person, last_person) == 0))
            continue;
        snprintf(last_group, sizeof last_group, "%s", group);
        snprintf(last_person, sizeof last_person, "%s", person);
        if (workshops && !string_map_find(&s->workshops, group, NULL))
            continue;
        char label[ANNEX1_LABEL_MAX];
        const char *name = store_column_text(rows.stmt, 4), *what = store_column_text(rows.stmt, 5);
        snprintf(label, sizeof label, "%s %s %s", name != NULL ? name : "", group,
                 what != NULL ? what : "");
        if (all >= 0)
            rc = annex1_add(s, all, region, person, label);
        if (rc == BF_OK && report_poverty_holds(&s->poverty, store_column_text(rows.stmt, 3)))
            rc = annex1_add(s, poor, region, person, label);
    }
    store_rows_close(&rows);
    if (rc == BF_OK && step < 0)
        rc = step;
    return rc;
}

/* A spell in the period (parameters: the last day, then the first). */
#define SPELL_IN_PERIOD "j.start_date <= ? AND (j.end_date IS NULL OR j.end_date >= ?)"

static int annex1_count(annex1_state *s)
{
    const char *params[] = ANNEX1_PARAMS(s);
    const char *training[] = {s->batch, s->last, s->first, s->low, s->high};
    const char *relocation[] = {s->low, s->high, s->batch, s->last, s->batch, s->last, s->first};
    int rc = annex1_bodies(s);
    if (rc == BF_OK)
        rc = annex1_carriers(s);
    if (rc == BF_OK)
        rc = annex1_people(
            s,
            "SELECT o.region, j.employer, j.id_number, p.categories, p.name, o.name FROM jobs j "
            "JOIN orgs o ON o.org_code = j.employer JOIN people p ON p.id_number = j.id_number "
            "WHERE o.region >= ? AND o.region < ? AND j.created_batch <= CAST(? AS BIGINT) AND "
            "o.org_code IN (SELECT org_code FROM certifications WHERE carrier = 'workshop') "
            "AND " SPELL_IN_PERIOD " ORDER BY j.employer, j.id_number",
            params, 5, ANNEX1_WORKSHOP_WORKERS, ANNEX1_WORKSHOP_POOR, 1);
    if (rc == BF_OK)
        rc = annex1_people(
            s,
            "SELECT pr.region, pr.project_code, j.id_number, p.categories, p.name, pr.name FROM "
            "jobs j JOIN projects pr ON pr.project_code = j.project JOIN people p ON p.id_number "
            "= j.id_number WHERE pr.region >= ? AND pr.region < ? AND j.created_batch <= CAST(? "
            "AS BIGINT) AND pr.kind = 'work_relief' AND " SPELL_IN_PERIOD
            " ORDER BY pr.project_code, j.id_number",
            params, 5, ANNEX1_WORK_RELIEF, ANNEX1_WORK_RELIEF_POOR, 0);
    if (rc == BF_OK)
        rc = annex1_people(
            s,
            "SELECT po.village, po.village, j.id_number, p.categories, p.name, po.post_code FROM "
            "jobs j JOIN posts po ON po.post_code = j.post JOIN people p ON p.id_number = "
            "j.id_number WHERE po.village >= ? AND po.village < ? AND j.created_batch <= CAST(? "
            "AS BIGINT) AND po.job_kind = 'public_welfare_post' AND " SPELL_IN_PERIOD
            " ORDER BY po.village, j.id_number",
            params, 5, -1, ANNEX1_POSTS, 0);
    if (rc == BF_OK)
        rc = annex1_people(
            s,
            "SELECT r, r, id_number, categories, name, kind FROM (SELECT COALESCE(t.region, "
            "p.hukou_region) AS r, t.id_number, p.categories, p.name, t.kind FROM trainings t "
            "JOIN people p ON p.id_number = t.id_number WHERE t.created_batch <= CAST(? AS "
            "BIGINT) AND t.start_date <= ? AND t.end_date >= ?) x WHERE r >= ? AND r < ? "
            "ORDER BY r, id_number",
            training, 5, -1, ANNEX1_TRAINED, 0);
    if (rc == BF_OK)
        rc = annex1_people(
            s,
            "SELECT o.region, r.site, r.id_number, p.categories, p.name, o.name FROM residences "
            "r JOIN orgs o ON o.org_code = r.site JOIN people p ON p.id_number = r.id_number "
            "WHERE o.region >= ? AND o.region < ? AND r.created_batch <= CAST(? AS BIGINT) AND "
            "(r.since IS NULL OR r.since <= ?) AND EXISTS (SELECT 1 FROM jobs j WHERE "
            "j.id_number = r.id_number AND j.created_batch <= CAST(? AS BIGINT) "
            "AND " SPELL_IN_PERIOD ") ORDER BY r.site, r.id_number",
            relocation, 7, -1, ANNEX1_RELOCATED, 0);
    return rc;
}

int report_quarter_parse(const char *text, int *year, int *quarter)
{
    char q = 0, rest = 0;
    if (text == NULL || sscanf(text, "%4d%c%d%c", year, &q, quarter, &rest) != 3 ||
        (q != 'Q' && q != 'q') || *year < 1990 || *year > 9999 || *quarter < 1 || *quarter > 4)
        return BF_EINVAL;
    return BF_OK;
}

/* The report { } of 附件1, whose columns must be those this file fills, in order. */
static int annex1_declaration(const policy_set *set, const policy_report **out, bf_error *err)
{
    for (int r = 0; r < set->report_count; r++) {
        const policy_report *report = set->reports[r];
        if (strcmp(report->id, REPORT_ANNEX1_ID) != 0)
            continue;
        if (report->column_count != ANNEX1_COLUMN_COUNT + 1)
            break;
        for (int c = 0; c < ANNEX1_COLUMN_COUNT; c++)
            if (strcmp(report->columns[c + 1], annex1_headers[c]) != 0)
                return bf_error_set(err, BF_EINVAL,
                                    BF_TR("report %s 第 %d 列为“%s”，本程序填的是“%s”",
                                          "report %s: column %d is '%s', this program fills '%s'"),
                                    REPORT_ANNEX1_ID, c + 2, report->columns[c + 1],
                                    annex1_headers[c]);
        *out = report;
        return BF_OK;
    }
    return bf_error_set(err, BF_ENOTFOUND,
                        BF_TR("政策文件中没有 %d 列的 report %s（附件1）",
                              "the policy files have no report of %d columns %s (附件1)"),
                        ANNEX1_COLUMN_COUNT + 1, REPORT_ANNEX1_ID);
}

/* The --cell row: ANNEX1_CELL_TOTAL, a child's index or count (本级); -1 when none matches. */
static int annex1_cell_row(const report_regions *regions, const char *text)
{
    char code[REGION_CODE_TEXT_MAX];
    if (strcmp(text, "本级") == 0)
        return regions->count;
    if (region_code_normalize(text, code) == REGION_LEVEL_INVALID)
        return -1;
    if (strcmp(code, regions->self.code) == 0)
        return ANNEX1_CELL_TOTAL;
    for (int c = 0; c < regions->count; c++)
        if (strcmp(code, regions->children[c].code) == 0)
            return c;
    return -1;
}

/* One row of the table: its name and the values of counts. */
static int annex1_row(report_form *form, const char *name, const int64_t *counts, bf_error *err)
{
    char values[ANNEX1_COLUMN_COUNT][24];
    const char *cells[ANNEX1_COLUMN_COUNT + 1] = {name};
    for (int c = 0; c < ANNEX1_COLUMN_COUNT; c++) {
        snprintf(values[c], sizeof values[c], "%" PRId64, counts[c]);
        cells[c + 1] = values[c];
    }
    return report_form_add_row(form, cells, err);
}

/* Builds the table: the region's row (the sum), each child, then 本级 when not empty. */
static int annex1_table(annex1_state *s, const policy_report *report, report_form *form,
                        json_t *extra)
{
    const report_options *o = s->o;
    int rows = s->regions.count + 1,
        rc = report_form_init(form, report->title, (const char *const *)report->columns,
                              report->column_count, s->err);
    char unit[256], filled[64];
    bf_date on = date_from_days(o->filled_on);
    snprintf(unit, sizeof unit, "%s%s", report->header_count > 0 ? report->header[0] : "",
             s->regions.self.name);
    snprintf(filled, sizeof filled, "填表日期：%d年%d月%d日", on.year, on.month, on.day);
    if (rc == BF_OK)
        rc = report_form_set_line(form, unit, filled, s->err);
    if (rc == BF_OK)
        rc = report_form_set_label(form, report->annex, s->err);
    int64_t total[ANNEX1_COLUMN_COUNT] = {0}, own = 0;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < ANNEX1_COLUMN_COUNT; c++)
            total[c] += s->counts[r][c];
    for (int c = 0; c < ANNEX1_COLUMN_COUNT; c++)
        own += s->counts[s->regions.count][c];
    json_t *codes = json_array();
    json_array_append_new(codes, json_string(s->regions.self.code));
    if (rc == BF_OK)
        rc = annex1_row(form, s->regions.self.name, total, s->err);
    for (int r = 0; rc == BF_OK && r < s->regions.count; r++) {
        rc = annex1_row(form, s->regions.children[r].name, s->counts[r], s->err);
        json_array_append_new(codes, json_string(s->regions.children[r].code));
    }
    if (rc == BF_OK && own > 0) {
        char name[REPORT_REGION_NAME_MAX + 16];
        snprintf(name, sizeof name, "%s本级", s->regions.self.name);
        rc = annex1_row(form, name, s->counts[s->regions.count], s->err);
        json_array_append_new(codes, json_string("本级"));
    }
    /* The form's own notes: 注：…, then 填表人 and 电话 on one line as printed. */
    char line[512] = "";
    for (int f = 0; f < report->footer_count; f++) {
        if (f == 0 && strncmp(report->footer[f], "注", strlen("注")) == 0) {
            rc = rc == BF_OK ? report_form_add_note(form, report->footer[f], s->err) : rc;
            continue;
        }
        strncat(line, report->footer[f], sizeof line - strlen(line) - 1);
        strncat(line, "            ", sizeof line - strlen(line) - 1);
    }
    char period[256];
    snprintf(
        period, sizeof period,
        BF_TR("说明：%d年第%d季度，当年累计 %s 至 %s%s", "Note: %d Q%d, year to date %s to %s%s"),
        o->year, o->quarter, s->first, s->last,
        o->as_of != INT32_MAX ? BF_TR("（按该日已录入的记录）", " (records stored by then)") : "");
    if (rc == BF_OK && line[0] != '\0')
        rc = report_form_add_note(form, line, s->err);
    if (rc == BF_OK)
        rc = report_form_add_note(form, period, s->err);

    json_object_set_new(extra, "report", json_string(REPORT_ANNEX1_ID));
    json_object_set_new(extra, "region", json_string(s->regions.self.code));
    char quarter[16];
    snprintf(quarter, sizeof quarter, "%dQ%d", o->year, o->quarter);
    json_object_set_new(extra, "quarter", json_string(quarter));
    json_object_set_new(extra, "from", json_string(s->first));
    json_object_set_new(extra, "to", json_string(s->last));
    json_object_set_new(extra, "row_regions", codes);
    json_t *workers = json_array();
    int64_t all = 0;
    for (int r = 0; r <= s->regions.count; r++)
        all += s->counts[r][ANNEX1_WORKSHOP_WORKERS];
    json_array_append_new(workers, json_integer(all));
    for (int r = 0; r < s->regions.count; r++)
        json_array_append_new(workers, json_integer(s->counts[r][ANNEX1_WORKSHOP_WORKERS]));
    if (own > 0)
        json_array_append_new(workers,
                              json_integer(s->counts[s->regions.count][ANNEX1_WORKSHOP_WORKERS]));
    json_object_set_new(extra, "workshop_workers", workers);
    return rc;
}

/* Fills the table (or the cell's records) and writes it; with totals, only sums the rows. */
static int annex1_run(store *st, const report_options *o, int *rows, int64_t *totals,
                      report_form *keep, json_t *keep_extra, bf_error *err)
{
    annex1_state s = {.st = st, .o = o, .err = err, .cell_row = -1};
    const policy_report *report = NULL;
    report_form form = {0};
    json_t *extra = json_object();
    int64_t batch = 0;
    *rows = 0;
    int rc = annex1_declaration(o->set, &report, err);
    if (rc == BF_OK)
        rc = report_poverty_load(o->set, &s.poverty, err);
    if (rc == BF_OK)
        rc = report_regions_load(st, o->region, &s.regions, err);
    if (rc == BF_OK)
        rc = report_as_of_batch(st, o->as_of, &batch, err);
    if (rc != BF_OK)
        goto out;
    snprintf(s.batch, sizeof s.batch, "%" PRId64, batch);
    snprintf(s.low, sizeof s.low, "%s", s.regions.self.low);
    snprintf(s.high, sizeof s.high, "%s", s.regions.self.high);
    s.first_day = (int32_t)date_to_days((bf_date){o->year, 1, 1});
    s.last_day = (int32_t)date_to_days(date_month_last_day(o->year * 12 + o->quarter * 3 - 1));
    if (o->as_of < s.last_day)
        s.last_day = o->as_of;
    date_format(date_from_days(s.first_day), s.first);
    date_format(date_from_days(s.last_day), s.last);
    if (s.last_day < s.first_day) {
        rc = bf_error_set(err, BF_EINVAL,
                          BF_TR("--as-of %s 早于 %d 年", "--as-of %s is before the year %d"),
                          s.last, o->year);
        goto out;
    }
    if (o->cell_row != NULL) {
        s.cell_row = annex1_cell_row(&s.regions, o->cell_row);
        if (s.cell_row == -1 || o->cell_column < 1 || o->cell_column > ANNEX1_COLUMN_COUNT) {
            rc = bf_error_set(
                err, BF_EINVAL,
                BF_TR("--cell %s,%d：行应为 %s、其下级区划代码或“本级”，列应为 1 至 %d",
                      "--cell %s,%d: the row is %s, the code of a child region or "
                      "本级, the column 1 to %d"),
                o->cell_row, o->cell_column, s.regions.self.code, ANNEX1_COLUMN_COUNT);
            goto out;
        }
        char title[512];
        snprintf(title, sizeof title, "%s：%s %s", report->title, o->cell_row,
                 annex1_headers[o->cell_column - 1]);
        static const char *const columns[] = {"区划代码", "记录", "说明"};
        rc = report_form_init(&s.cells, title, columns, 3, err);
        if (rc != BF_OK)
            goto out;
    }
    s.counts = calloc((size_t)s.regions.count + 1, sizeof *s.counts);
    if (s.counts == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    rc = annex1_count(&s);
    if (rc == BF_OK && totals != NULL) {
        for (int c = 0; c < ANNEX1_COLUMN_COUNT; c++) {
            totals[c] = 0;
            for (int r = 0; r <= s.regions.count; r++)
                totals[c] += s.counts[r][c];
        }
    } else if (rc == BF_OK && o->cell_row != NULL) {
        *rows = s.cells.row_count;
        rc = report_form_write(&s.cells, o->out, o->format, NULL, err);
    } else if (rc == BF_OK && keep != NULL) {
        rc = annex1_table(&s, report, keep, keep_extra);
        *rows = keep->row_count;
    } else if (rc == BF_OK) {
        rc = annex1_table(&s, report, &form, extra);
        *rows = form.row_count;
        if (rc == BF_OK)
            rc = report_form_write(&form, o->out, o->format, extra, err);
    }
out:
    json_decref(extra);
    report_form_free(&form);
    if (o->cell_row != NULL)
        report_form_free(&s.cells);
    string_map_free(&s.workshops);
    for (size_t w = 0; w < s.workshop_count; w++)
        free(s.workshop_codes[w]);
    free(s.workshop_codes);
    free(s.counts);
    report_regions_free(&s.regions);
    return rc;
}

int report_annex1_write(store *st, const report_options *o, int *rows, bf_error *err)
{
    return annex1_run(st, o, rows, NULL, NULL, NULL, err);
}

int report_annex1_totals(store *st, const report_options *o, int64_t totals[REPORT_ANNEX1_VALUES],
                         const char *headers[REPORT_ANNEX1_VALUES], bf_error *err)
{
    int rows = 0;
    for (int c = 0; c < ANNEX1_COLUMN_COUNT; c++)
        headers[c] = annex1_headers[c];
    return annex1_run(st, o, &rows, totals, NULL, NULL, err);
}

int report_annex1_form(store *st, const report_options *o, report_form *form, json_t *extra,
                       bf_error *err)
{
    int rows = 0;
    return annex1_run(st, o, &rows, NULL, form, extra, err);
}
