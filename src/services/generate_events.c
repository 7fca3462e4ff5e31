/* generate_events.c - job fairs and organised outflow for generate facts (see the header). */
#include "services/generate_events.h"

#include "core/credit_code.h"
#include "core/int_map.h"
#include "core/region_code.h"
#include "io/table_writer.h"
#include "services/generate_people.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Fairs of each county besides those at relocation sites. */
#define EVENTS_FAIRS_PER_COUNTY 4
/* Employers at one fair, at most. */
#define EVENTS_FAIR_EMPLOYERS_MAX 6
/* Most counties and fairs kept (a province has about 140 counties). */
#define EVENTS_COUNTIES_MAX 4096
/* Most outflow batches (counties x counties x months). */
#define EVENTS_BATCHES_MAX 1000000
/* Length of a batch code: "SC" origin6 "-" destination4 "-" yyyymm and the terminator. */
#define EVENTS_BATCH_CODE_MAX 32

enum { FILE_FAIRS, FILE_FAIR_EMPLOYERS, FILE_FAIR_PEOPLE, FILE_OUTFLOWS, FILE_OUTFLOW_PEOPLE };

static const char *const fair_header[] = {
    "招聘会编号", "招聘会名称",     "招聘会类型", "举办形式",
    "举办日期",   "举办地区划代码", "举办地点",   "安置区统一社会信用代码",
    "主办单位"};
static const char *const fair_employer_header[] = {"招聘会编号", "单位统一社会信用代码",
                                                   "提供岗位数", "招聘人数"};
static const char *const fair_person_header[] = {"招聘会编号", "证件号码", "参会结果",
                                                 "录用单位统一社会信用代码"};
static const char *const outflow_header[] = {"批次编号",
                                             "出发日期",
                                             "输出地区划代码",
                                             "输入地区划代码",
                                             "输送方式",
                                             "组织机构统一社会信用代码",
                                             "备注"};
static const char *const outflow_person_header[] = {"批次编号", "证件号码"};

/* One fair: its code and employers (indexes into the orgs). */
typedef struct event_fair {
    char code[24];
    int employers[EVENTS_FAIR_EMPLOYERS_MAX];
    int employer_count;
} event_fair;

/* The fairs held in a county (first six digits of its code). */
typedef struct event_county {
    char code[7];
    int first_fair, fair_count;
} event_county;

typedef struct event_batch {
    char code[EVENTS_BATCH_CODE_MAX];
    char origin[REGION_CODE_TEXT_MAX], destination[REGION_CODE_TEXT_MAX];
    char agency[CREDIT_CODE_TEXT_MAX];
    const char *means;
    int32_t first_start;
} event_batch;

struct generate_events {
    uint64_t random;
    const generate_carrier_org *orgs; /* the caller's */
    table_writer *writers[GENERATE_EVENTS_FILES];
    int64_t rows[GENERATE_EVENTS_FILES];
    event_county *counties;
    int county_count;
    event_fair *fairs;
    int fair_count;
    event_batch *batches;
    int batch_count, batch_capacity;
    int_map batch_keys; /* origin, destination, month -> index in batches */
};

static int below(generate_events *e, int bound)
{
    return generate_random_below(&e->random, bound);
}

static int chance(generate_events *e, int percent)
{
    return below(e, 100) < percent;
}

/* The code of a weighted list: the first whose cumulated weight passes a draw of 100. */
static const char *weighted(generate_events *e, const char *const *codes, const int *weights,
                            int count)
{
    int draw = below(e, 100), sum = 0;
    for (int i = 0; i < count; i++) {
        sum += weights[i];
        if (draw < sum)
            return codes[i];
    }
    return codes[count - 1];
}

static int write_row(generate_events *e, int file, const char *const *cells, int count,
                     bf_error *err)
{
    e->rows[file]++;
    return table_writer_row(e->writers[file], cells, count, err);
}

static event_county *county_find(generate_events *e, const char *region)
{
    for (int c = 0; c < e->county_count; c++)
        if (strncmp(e->counties[c].code, region, 6) == 0)
            return &e->counties[c];
    return NULL;
}

/* A fair of county (index), its employers drawn from the county's employing orgs. */
static int add_fair(generate_events *e, const generate_carrier_org *orgs, const int *employers,
                    int employer_count, const event_county *county, const char *kind,
                    const generate_carrier_org *site, bf_error *err)
{
    static const char *const kinds_zh[][2] = {
        {"special", "专场招聘"}, {"general", "综合招聘会"}, {"relocation", "乐业搬迁专场招聘"}};
    static const char *const modes[] = {"现场", "线上"};
    static const int mode_weights[] = {70, 30};
    event_fair *fair = &e->fairs[e->fair_count];
    int number = e->fair_count - county->first_fair + 1;
    snprintf(fair->code, sizeof fair->code, "ZP%s-%03d", county->code, number);
    const char *label = "";
    for (int k = 0; k < COUNT_OF(kinds_zh); k++)
        if (strcmp(kinds_zh[k][0], kind) == 0)
            label = kinds_zh[k][1];
    /* 乐业搬迁 fairs are the 2023 notice's (附件1, by 2023Q3); the others 2019 to mid 2021. */
    bf_date held = site != NULL
                       ? date_from_days(date_to_days((bf_date){2023, 1, 1}) + below(e, 270))
                       : date_from_days(date_to_days((bf_date){2019, 1, 1}) + below(e, 910));
    char held_text[BF_DATE_TEXT_MAX], region[REGION_CODE_TEXT_MAX], name[128], place[64];
    date_format(held, held_text);
    snprintf(region, sizeof region, "%s000000", county->code);
    snprintf(name, sizeof name, "%d年%s第%d场", held.year, label, number);
    const char *mode = site != NULL ? "现场" : weighted(e, modes, mode_weights, 2);
    snprintf(place, sizeof place, "%s",
             site != NULL                ? "安置区广场"
             : strcmp(mode, "线上") == 0 ? "网络招聘平台"
                                         : "县人力资源市场");
    const char *cells[] = {fair->code,
                           name,
                           label,
                           mode,
                           held_text,
                           site != NULL ? site->region : region,
                           place,
                           site != NULL ? site->code : "",
                           "县人力资源和社会保障局"};
    int rc = write_row(e, FILE_FAIRS, cells, COUNT_OF(cells), err);
    fair->employer_count = 0;
    int wanted = 3 + below(e, EVENTS_FAIR_EMPLOYERS_MAX - 2);
    for (int tries = 0; rc == BF_OK && employer_count > 0 && fair->employer_count < wanted &&
                        tries < 4 * EVENTS_FAIR_EMPLOYERS_MAX;
         tries++) {
        int org = employers[below(e, employer_count)], seen = 0;
        for (int k = 0; k < fair->employer_count; k++)
            seen |= fair->employers[k] == org;
        if (seen)
            continue;
        fair->employers[fair->employer_count++] = org;
        char postings[16], openings[16];
        int offered = 1 + below(e, 5);
        snprintf(postings, sizeof postings, "%d", offered);
        snprintf(openings, sizeof openings, "%d", offered * (2 + below(e, 10)));
        const char *row[] = {fair->code, orgs[org].code, postings, openings};
        rc = write_row(e, FILE_FAIR_EMPLOYERS, row, COUNT_OF(row), err);
    }
    e->fair_count++;
    return rc;
}

/* The fairs of every county with employers, and one at each relocation site. */
static int make_fairs(generate_events *e, const generate_carrier_org *orgs, int org_count,
                      bf_error *err)
{
    static const char *const kinds[] = {"special", "general"};
    static const int kind_weights[] = {75, 25}; /* 60 : 20 of fair_kind.tsv */
    int *employers = malloc((size_t)(org_count > 0 ? org_count : 1) * sizeof *employers);
    e->counties = calloc(EVENTS_COUNTIES_MAX, sizeof *e->counties);
    if (employers == NULL || e->counties == NULL) {
        free(employers);
        return bf_error_set(err, BF_ENOMEM, NULL);
    }
    int rc = BF_OK;
    for (int i = 0; i < org_count && rc == BF_OK; i++) {
        if (county_find(e, orgs[i].region) != NULL)
            continue;
        if (e->county_count == EVENTS_COUNTIES_MAX)
            break;
        event_county *county = &e->counties[e->county_count++];
        snprintf(county->code, sizeof county->code, "%.6s", orgs[i].region);
        int employer_count = 0, sites = 0;
        for (int k = 0; k < org_count; k++) {
            if (strncmp(orgs[k].region, county->code, 6) != 0)
                continue;
            if (strcmp(orgs[k].kind, "enterprise") == 0 || strcmp(orgs[k].kind, "workshop") == 0)
                employers[employer_count++] = k;
            sites += strcmp(orgs[k].kind, "relocation_site") == 0;
        }
        if (employer_count == 0)
            continue;
        event_fair *grown = realloc(
            e->fairs, (size_t)(e->fair_count + EVENTS_FAIRS_PER_COUNTY + sites) * sizeof *grown);
        if (grown == NULL) {
            rc = bf_error_set(err, BF_ENOMEM, NULL);
            break;
        }
        e->fairs = grown;
        county->first_fair = e->fair_count;
        for (int f = 0; f < EVENTS_FAIRS_PER_COUNTY && rc == BF_OK; f++)
            rc = add_fair(e, orgs, employers, employer_count, county,
                          weighted(e, kinds, kind_weights, 2), NULL, err);
        for (int k = 0; k < org_count && rc == BF_OK; k++)
            if (strncmp(orgs[k].region, county->code, 6) == 0 &&
                strcmp(orgs[k].kind, "relocation_site") == 0)
                rc = add_fair(e, orgs, employers, employer_count, county, "relocation", &orgs[k],
                              err);
        county->fair_count = e->fair_count - county->first_fair;
    }
    free(employers);
    return rc;
}

int generate_events_open(const char *const paths[GENERATE_EVENTS_FILES], uint64_t seed,
                         const generate_carrier_org *orgs, int org_count, generate_events **out,
                         bf_error *err)
{
    static const char *const *const headers[GENERATE_EVENTS_FILES] = {
        fair_header, fair_employer_header, fair_person_header, outflow_header,
        outflow_person_header};
    static const int columns[GENERATE_EVENTS_FILES] = {
        COUNT_OF(fair_header), COUNT_OF(fair_employer_header), COUNT_OF(fair_person_header),
        COUNT_OF(outflow_header), COUNT_OF(outflow_person_header)};
    *out = NULL;
    generate_events *e = calloc(1, sizeof *e);
    if (e == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    e->random = seed ^ 0x3c6ef372fe94f82bULL; /* apart from the people's and the facts' */
    e->orgs = orgs;
    int rc = BF_OK;
    for (int f = 0; f < GENERATE_EVENTS_FILES && rc == BF_OK; f++) {
        rc = table_writer_open(paths[f], &e->writers[f], err);
        if (rc == BF_OK)
            rc = table_writer_row(e->writers[f], headers[f], columns[f], err);
    }
    if (rc == BF_OK)
        rc = make_fairs(e, orgs, org_count, err);
    if (rc != BF_OK) {
        generate_events_close(e, 0, NULL, NULL);
        return rc;
    }
    *out = e;
    return BF_OK;
}

int generate_events_person(generate_events *e, const char *id_number, const char *village, int age,
                           int seeking, bf_error *err)
{
    if (age < 16 || age >= 60 || !chance(e, seeking ? 30 : 3))
        return BF_OK;
    const event_county *county = county_find(e, village);
    if (county == NULL || county->fair_count == 0)
        return BF_OK;
    const event_fair *fair = &e->fairs[county->first_fair + below(e, county->fair_count)];
    int hired = fair->employer_count > 0 && chance(e, 20);
    const char *cells[] = {fair->code, id_number, hired ? "录用" : "参会",
                           hired ? e->orgs[fair->employers[below(e, fair->employer_count)]].code
                                 : ""};
    return write_row(e, FILE_FAIR_PEOPLE, cells, COUNT_OF(cells), err);
}

int generate_events_outflow(generate_events *e, const char *id_number, const char *hukou,
                            const char *work_region, const char *agency, bf_date start,
                            bf_error *err)
{
    static const char *const means[] = {"专车", "专列", "包机"};
    static const int means_weights[] = {70, 20, 10};
    if (strncmp(hukou, work_region, 4) == 0)
        return BF_OK; /* 点对点 outflow leaves the city */
    char key_text[24];
    snprintf(key_text, sizeof key_text, "%.6s%.4s%04d%02d", hukou, work_region, start.year,
             start.month);
    uint64_t key = int_map_key_from_digits(key_text, strlen(key_text));
    int64_t found = -1;
    if (key == 0)
        return BF_OK;
    int32_t day = (int32_t)date_to_days(start);
    if (!int_map_find(&e->batch_keys, key, &found)) {
        if (e->batch_count == EVENTS_BATCHES_MAX)
            return BF_OK;
        if (e->batch_count == e->batch_capacity) {
            int capacity = e->batch_capacity > 0 ? 2 * e->batch_capacity : 64;
            event_batch *grown = realloc(e->batches, (size_t)capacity * sizeof *grown);
            if (grown == NULL)
                return bf_error_set(err, BF_ENOMEM, NULL);
            e->batches = grown;
            e->batch_capacity = capacity;
        }
        event_batch *b = &e->batches[e->batch_count];
        snprintf(b->code, sizeof b->code, "SC%.6s-%.4s-%04d%02d", hukou, work_region, start.year,
                 start.month);
        snprintf(b->origin, sizeof b->origin, "%.6s000000", hukou);
        snprintf(b->destination, sizeof b->destination, "%.4s00000000", work_region);
        snprintf(b->agency, sizeof b->agency, "%s", agency);
        b->means = weighted(e, means, means_weights, COUNT_OF(means));
        b->first_start = day;
        found = e->batch_count++;
        if (int_map_insert(&e->batch_keys, key, found, NULL) != BF_OK)
            return bf_error_set(err, BF_ENOMEM, NULL);
    }
    event_batch *b = &e->batches[found];
    if (day < b->first_start)
        b->first_start = day;
    const char *cells[] = {b->code, id_number};
    return write_row(e, FILE_OUTFLOW_PEOPLE, cells, COUNT_OF(cells), err);
}

int generate_events_close(generate_events *e, int ok, int64_t rows[GENERATE_EVENTS_FILES],
                          bf_error *err)
{
    if (e == NULL)
        return BF_OK;
    int rc = BF_OK;
    for (int i = 0; ok && rc == BF_OK && i < e->batch_count; i++) {
        const event_batch *b = &e->batches[i];
        char departed[BF_DATE_TEXT_MAX];
        date_format(date_from_days((int64_t)b->first_start - 2), departed);
        const char *cells[] = {b->code,  departed,  b->origin,   b->destination,
                               b->means, b->agency, "点对点输送"};
        rc = write_row(e, FILE_OUTFLOWS, cells, COUNT_OF(cells), err);
    }
    for (int f = 0; f < GENERATE_EVENTS_FILES; f++) {
        int closed =
            table_writer_close(e->writers[f], ok && rc == BF_OK, ok && rc == BF_OK ? err : NULL);
        if (rc == BF_OK)
            rc = closed;
    }
    if (rows != NULL)
        memcpy(rows, e->rows, sizeof e->rows);
    int_map_free(&e->batch_keys);
    free(e->batches);
    free(e->fairs);
    free(e->counties);
    free(e);
    return ok ? rc : BF_OK;
}
