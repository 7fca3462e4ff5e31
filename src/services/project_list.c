/* project_list.c - the 附件2 list of projects with the people employed on them (see the header). */
#include "services/project_list.h"

#include "core/date.h"
#include "core/region_code.h"
#include "core/string_map.h"
#include "io/table_writer.h"
#include "policy/population.h"
#include "registry/region.h"
#include "registry/vocabulary.h"
#include "services/carrier_register.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns of a project read, in the order of the query. */
enum {
    COLUMN_CODE,
    COLUMN_NAME,
    COLUMN_KIND,
    COLUMN_REGION,
    COLUMN_SUMMARY,
    COLUMN_JOBS,
    COLUMN_POOR,
    COLUMN_KEY_COUNTY,
    COLUMN_RELOCATION,
    COLUMN_YELLOW_RIVER,
    COLUMN_CONTACT,
    COLUMN_PHONE,
    COLUMN_NOTE,
    COLUMN_COUNT
};

/* Counts per project code: the people employed on it and the 脱贫人口 among them. */
typedef struct project_counts {
    string_map index; /* code (in codes) -> slot */
    char **codes;
    int64_t (*counts)[2];
    size_t count, capacity;
} project_counts;

static void counts_free(project_counts *c)
{
    for (size_t i = 0; i < c->count; i++)
        free(c->codes[i]);
    free(c->codes);
    free(c->counts);
    string_map_free(&c->index);
}

/* The slot of code, added when new; -1 without memory. */
static int64_t counts_slot(project_counts *c, const char *code)
{
    int64_t slot = 0;
    if (string_map_find(&c->index, code, &slot))
        return slot;
    if (c->count == c->capacity) {
        size_t capacity = c->capacity > 0 ? 2 * c->capacity : 64;
        char **codes = realloc(c->codes, capacity * sizeof *codes);
        if (codes != NULL)
            c->codes = codes;
        int64_t(*counts)[2] = realloc(c->counts, capacity * sizeof *counts);
        if (counts != NULL)
            c->counts = counts;
        if (codes == NULL || counts == NULL)
            return -1;
        c->capacity = capacity;
    }
    char *copy = strdup(code);
    if (copy == NULL || string_map_insert(&c->index, copy, (int64_t)c->count, NULL) != BF_OK) {
        free(copy);
        return -1;
    }
    c->codes[c->count] = copy;
    c->counts[c->count][0] = c->counts[c->count][1] = 0;
    return (int64_t)c->count++;
}

/*
 * Counts the people of the spells naming a project that began by the day (each person once a
 * project: the spells are read by project and person) and those holding the 脱贫人口 status.
 */
static int count_people(store *st, const project_list_options *o, project_counts *c, bf_error *err)
{
    population *pop = NULL;
    uint8_t *holds = NULL;
    string_map people = {0};
    char day[BF_DATE_TEXT_MAX], last_project[256] = "", last_person[32] = "";
    date_format(date_from_days(o->day), day);
    int rc = carrier_status_holders(st, o->set, NULL, o->region, o->day, &pop, &holds, err);
    for (size_t p = 0; rc == BF_OK && p < pop->people.count; p++)
        if (pop->people.id_number[p] != NULL &&
            string_map_insert(&people, pop->people.id_number[p], (int64_t)p, NULL) == BF_ENOMEM)
            rc = bf_error_set(err, BF_ENOMEM, NULL);
    store_rows rows = {0};
    const char *params[] = {day};
    if (rc == BF_OK)
        rc = store_rows_open(st,
                             "SELECT project, id_number FROM jobs WHERE project IS NOT NULL AND "
                             "project <> '' AND start_date <= ? ORDER BY project, id_number",
                             params, 1, &rows, err);
    int step = 0;
    while (rc == BF_OK && (step = store_rows_next(&rows)) == 1) {
        const char *project = store_column_text(rows.stmt, 0);
        const char *person = store_column_text(rows.stmt, 1);
        if (project == NULL || person == NULL ||
            (strcmp(project, last_project) == 0 && strcmp(person, last_person) == 0))
            continue;
        snprintf(last_project, sizeof last_project, "%s", project);
        snprintf(last_person, sizeof last_person, "%s", person);
        int64_t slot = counts_slot(c, project), row = -1;
        if (slot < 0) {
            rc = bf_error_set(err, BF_ENOMEM, NULL);
            break;
        }
        c->counts[slot][0]++;
        if (string_map_find(&people, person, &row) && holds[row])
            c->counts[slot][1]++;
    }
    store_rows_close(&rows);
    if (rc == BF_OK && step < 0)
        rc = step;
    string_map_free(&people);
    free(holds);
    population_free(pop);
    return rc;
}

/* The county's own name ("任城区") of a canonical code, or the code when not found. */
static void county_name(store *st, const char *region, char *out, size_t size)
{
    char county[REGION_CODE_TEXT_MAX], path[REGION_PATH_MAX];
    snprintf(county, sizeof county, "%.6s000000", region);
    if (region_path_name(st, county, path, sizeof path, NULL) != BF_OK) {
        snprintf(out, size, "%.6s", region);
        return;
    }
    const char *last = strrchr(path, '/');
    snprintf(out, size, "%s", last != NULL ? last + 2 : path);
}

const char *const project_list_headers[PROJECT_LIST_COLUMNS] = {
    "县（市、区）",
    "序号",
    "项目编号",
    "项目名称",
    "项目类型",
    "项目简介",
    "带动就业人数",
    "带动脱贫人口就业人数",
    "项目所在地是否属于：①省乡村振兴重点帮扶县②易地搬迁安置区③黄河滩区居民迁建安置区",
    "项目联系人",
    "联系电话",
    "备注",
    "登记就业人数",
    "其中脱贫人口"};

int project_list_read(store *st, const project_list_options *options, project_list_sink sink,
                      void *context, bf_error *err)
{
    project_counts counts = {0};
    store_rows list = {0};
    char low[REGION_CODE_TEXT_MAX] = "", high[REGION_CODE_TEXT_MAX] = "A";
    const char *params[3] = {low, high, options->batch != NULL ? options->batch : "0"};
    int64_t rows = 0;
    if (options->region != NULL)
        region_code_range(options->region, low, high);
    vocabulary kinds = {0};
    int rc = vocabulary_load_list(&kinds, NULL, "project_kind", err);
    if (rc == BF_OK)
        rc = count_people(st, options, &counts, err);
    if (rc == BF_OK)
        rc = store_rows_open(
            st,
            options->batch != NULL
                ? "SELECT project_code, name, kind, region, summary, jobs_declared, poor_declared, "
                  "key_county, relocation_area, yellow_river_area, contact, phone, note FROM "
                  "projects WHERE region >= ? AND region < ? AND created_batch <= CAST(? AS "
                  "BIGINT) ORDER BY region, project_code"
                : "SELECT project_code, name, kind, region, summary, jobs_declared, poor_declared, "
                  "key_county, relocation_area, yellow_river_area, contact, phone, note FROM "
                  "projects WHERE region >= ? AND region < ? ORDER BY region, project_code",
            params, options->batch != NULL ? 3 : 2, &list, err);
    int step = 0;
    while (rc == BF_OK && (step = store_rows_next(&list)) == 1) {
        const char *v[COLUMN_COUNT];
        for (int c = 0; c < COLUMN_COUNT; c++) {
            v[c] = store_column_text(list.stmt, c);
            if (v[c] == NULL)
                v[c] = "";
        }
        char county[REGION_PATH_MAX], number[24], areas[32] = "", employed[24] = "0",
                                                  poor[24] = "0";
        county_name(st, v[COLUMN_REGION], county, sizeof county);
        snprintf(number, sizeof number, "%" PRId64, ++rows);
        static const char *const marks[] = {"①", "②", "③"};
        for (int a = 0; a < 3; a++)
            if (strcmp(v[COLUMN_KEY_COUNTY + a], "1") == 0)
                strncat(areas, marks[a], sizeof areas - strlen(areas) - 1);
        int64_t slot = 0;
        if (string_map_find(&counts.index, v[COLUMN_CODE], &slot)) {
            snprintf(employed, sizeof employed, "%" PRId64, counts.counts[slot][0]);
            snprintf(poor, sizeof poor, "%" PRId64, counts.counts[slot][1]);
        }
        const char *kind = v[COLUMN_KIND]; /* the label of project_kind.tsv when known */
        for (int k = 0; k < kinds.count; k++)
            if (strcmp(kinds.values[k].code, kind) == 0)
                kind = kinds.values[k].label;
        const char *cells[PROJECT_LIST_COLUMNS] = {county,
                                                   number,
                                                   v[COLUMN_CODE],
                                                   v[COLUMN_NAME],
                                                   kind,
                                                   v[COLUMN_SUMMARY],
                                                   v[COLUMN_JOBS],
                                                   v[COLUMN_POOR],
                                                   areas[0] != '\0' ? areas : "否",
                                                   v[COLUMN_CONTACT],
                                                   v[COLUMN_PHONE],
                                                   v[COLUMN_NOTE],
                                                   employed,
                                                   poor};
        rc = sink(context, v[COLUMN_REGION], cells, err);
    }
    store_rows_close(&list);
    if (rc == BF_OK && step < 0)
        rc = step;
    counts_free(&counts);
    if (kinds.word_texts != NULL)
        vocabulary_free(&kinds);
    return rc;
}

/* The sink of project_list_write: one row of the table a project. */
typedef struct list_writer {
    table_writer *writer;
    int64_t rows;
} list_writer;

static int list_row(void *context, const char *region, const char *const *cells, bf_error *err)
{
    list_writer *w = context;
    (void)region;
    w->rows++;
    return table_writer_row(w->writer, cells, PROJECT_LIST_COLUMNS, err);
}

int project_list_write(store *st, const project_list_options *options, int64_t *rows, bf_error *err)
{
    list_writer w = {0};
    int rc = table_writer_open(options->out, &w.writer, err);
    if (rc == BF_OK)
        rc = table_writer_row(w.writer, project_list_headers, PROJECT_LIST_COLUMNS, err);
    if (rc == BF_OK)
        rc = project_list_read(st, options, list_row, &w, err);
    int closed = table_writer_close(w.writer, rc == BF_OK, rc == BF_OK ? err : NULL);
    if (rc == BF_OK)
        rc = closed;
    *rows = w.rows;
    return rc;
}
