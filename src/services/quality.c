/*
 * quality.c - the 四清 quality table (quality.h).
 */
#include "services/quality.h"

#include "core/int_map.h"
#include "core/region_code.h"
#include "services/monitor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The four fields of the 四清, as columns of people and field names of person_history. */
#define QUALITY_FIELD_COUNT 4
static const char *const quality_fields[QUALITY_FIELD_COUNT] = {
    "employment_status", "employment_wish", "skills", "difficulties"};
/* Most villages (hukou codes) one table holds. */
#define QUALITY_PLACES_MAX 2000000
/* Longest region name kept, terminator included. */
#define QUALITY_NAME_MAX 256

typedef struct quality_place {
    char code[REGION_CODE_TEXT_MAX];
    int64_t laborers, known[QUALITY_FIELD_COUNT], all_known, all_recent;
    int64_t villages, villages_below; /* counties only */
    double recent_share, known_share; /* counties only, for the ranking */
} quality_place;

typedef struct quality_places {
    quality_place *items;
    int count, capacity;
    int_map index; /* the code's digits -> its place */
} quality_places;

/* The place of code, added when missing; NULL when out of memory or places. */
static quality_place *quality_place_of(quality_places *p, const char *code)
{
    uint64_t key = int_map_key_from_digits(code, strlen(code));
    int64_t at = 0;
    if (key != 0 && int_map_find(&p->index, key, &at))
        return &p->items[at];
    if (p->count == p->capacity) {
        int capacity = p->capacity == 0 ? 256 : p->capacity * 2;
        quality_place *grown = capacity <= QUALITY_PLACES_MAX
                                   ? realloc(p->items, (size_t)capacity * sizeof *grown)
                                   : NULL;
        if (grown == NULL)
            return NULL;
        p->items = grown;
        p->capacity = capacity;
    }
    if (key != 0 && int_map_set(&p->index, key, p->count) != BF_OK)
        return NULL;
    quality_place *place = &p->items[p->count++];
    memset(place, 0, sizeof *place);
    snprintf(place->code, sizeof place->code, "%s", code);
    return place;
}

/* The hash key of (person, field) (FNV-1a; non-zero as int_map wants). */
static uint64_t quality_key(const char *id, int field)
{
    uint64_t hash = 14695981039346656037ULL;
    for (const unsigned char *c = (const unsigned char *)id; *c; c++)
        hash = (hash ^ *c) * 1099511628211ULL;
    hash = (hash ^ (uint64_t)(field + 1)) * 1099511628211ULL;
    return hash != 0 ? hash : 1;
}

/* Packed history of one (person, field): the last change on or before the day (days + 1, 0
   none), and whether it changed after the day and, if so, whether its value then was known. */
#define QUALITY_CHANGED_AFTER 2
#define QUALITY_KNOWN_THEN    1

/* The day of an ISO timestamp or date ("2026-12-01T..."), as days; -1 when unreadable. */
static int64_t quality_day(const char *text)
{
    char day[BF_DATE_TEXT_MAX];
    bf_date date;
    snprintf(day, sizeof day, "%.10s", text != NULL ? text : "");
    return date_parse(day, &date) == BF_OK ? date_to_days(date) : -1;
}

static int quality_field_of(const char *name)
{
    for (int f = 0; f < QUALITY_FIELD_COUNT; f++)
        if (strcmp(name, quality_fields[f]) == 0)
            return f;
    return -1;
}

/* Reads the history of the four fields into history. */
static int quality_read_history(store *st, int64_t as_of, int_map *history, bf_error *err)
{
    store_rows rows = {0};
    int rc = store_rows_open(st,
                             "SELECT id_number, field, changed_at, old_value FROM person_history "
                             "WHERE field IN ('employment_status', 'employment_wish', 'skills', "
                             "'difficulties') ORDER BY batch_id",
                             NULL, 0, &rows, err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK;
        int field = quality_field_of(store_column_text(rows.stmt, 1));
        int64_t day = quality_day(store_column_text(rows.stmt, 2));
        if (field < 0 || day < 0)
            continue;
        uint64_t key = quality_key(store_column_text(rows.stmt, 0), field);
        int64_t packed = 0;
        int_map_find(history, key, &packed);
        if (day <= as_of) {
            packed = ((day + 1) << 2) | (packed & 3);
        } else if (!(packed & QUALITY_CHANGED_AFTER)) {
            const char *old = store_column_text(rows.stmt, 3);
            packed |=
                QUALITY_CHANGED_AFTER | (old != NULL && old[0] != '\0' ? QUALITY_KNOWN_THEN : 0);
        } else {
            continue;
        }
        if (int_map_set(history, key, packed) != BF_OK)
            rc = bf_error_set(err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    }
    store_rows_close(&rows);
    return rc < 0 ? rc : BF_OK;
}

/* Counts the laborers of region into villages. */
static int quality_read_people(store *st, const monitor_settings *settings, int64_t as_of,
                               int64_t recent_from, const char *region, const int_map *history,
                               quality_places *villages, bf_error *err)
{
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    monitor_region_range(region, low, high);
    const char *range[] = {low, high};
    store_rows rows = {0};
    int rc = store_rows_open(st,
                             "SELECT p.id_number, p.hukou_region, p.labor_ability, "
                             "p.employment_status, p.employment_wish, p.skills, p.difficulties, "
                             "b.started_at FROM people p LEFT JOIN batches b ON b.id = "
                             "p.created_batch WHERE p.hukou_region >= ? AND p.hukou_region < ?",
                             range, 2, &rows, err);
    const char *excluded = settings->texts[MONITOR_TEXT_non_laborer_abilities];
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK;
        const char *ability = store_column_text(rows.stmt, 2);
        int64_t created = quality_day(store_column_text(rows.stmt, 7));
        if (created > as_of ||
            (ability != NULL && monitor_settings_list_has(excluded, ability, strlen(ability))))
            continue;
        quality_place *village = quality_place_of(villages, store_column_text(rows.stmt, 1));
        if (village == NULL) {
            rc = bf_error_set(err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
            break;
        }
        const char *id = store_column_text(rows.stmt, 0);
        int all_known = 1, all_recent = 1;
        for (int f = 0; f < QUALITY_FIELD_COUNT; f++) {
            const char *value = store_column_text(rows.stmt, 3 + f);
            int64_t packed = 0;
            int_map_find(history, quality_key(id, f), &packed);
            int known = packed & QUALITY_CHANGED_AFTER ? (packed & QUALITY_KNOWN_THEN) != 0
                                                       : value != NULL && value[0] != '\0';
            int64_t last = packed >> 2 ? (packed >> 2) - 1 : created;
            village->known[f] += known;
            all_known &= known;
            all_recent &= known && last >= recent_from;
        }
        village->laborers++;
        village->all_known += all_known;
        village->all_recent += all_recent;
    }
    store_rows_close(&rows);
    return rc < 0 ? rc : BF_OK;
}

static int quality_code_compare(const void *a, const void *b)
{
    return strcmp(((const quality_place *)a)->code, ((const quality_place *)b)->code);
}

static int quality_rank_compare(const void *a, const void *b)
{
    const quality_place *x = a, *y = b;
    if (x->recent_share != y->recent_share)
        return x->recent_share > y->recent_share ? -1 : 1;
    if (x->known_share != y->known_share)
        return x->known_share > y->known_share ? -1 : 1;
    return strcmp(x->code, y->code);
}

/* part of whole in percent with one decimal, "" when whole is 0. */
static void quality_percent(int64_t part, int64_t whole, char out[16])
{
    out[0] = '\0';
    if (whole > 0)
        snprintf(out, 16, "%.1f", (double)part * 100.0 / (double)whole);
}

static int quality_below(const quality_place *village, int64_t threshold)
{
    return village->laborers > 0 && village->all_recent * 100 < threshold * village->laborers;
}

int quality_table(store *st, const monitor_settings *settings, bf_date as_of, const char *region,
                  quality_view view, table_output_format format, const char *out, int64_t *written,
                  bf_error *err)
{
    int_map history = {0};
    quality_places villages = {0}, counties = {0};
    table_output *output = NULL;
    *written = 0;
    int64_t day = date_to_days(as_of);
    int64_t recent_from =
        date_to_days(date_add_months(as_of, -(int)settings->values[MONITOR_quality_recent_months]));
    int64_t threshold = settings->values[MONITOR_quality_threshold_percent];
    int rc = quality_read_history(st, day, &history, err);
    if (rc == BF_OK)
        rc = quality_read_people(st, settings, day, recent_from, region, &history, &villages, err);
    if (rc == BF_OK && villages.count > 1)
        qsort(villages.items, (size_t)villages.count, sizeof *villages.items, quality_code_compare);
    char as_of_text[BF_DATE_TEXT_MAX];
    date_format(as_of, as_of_text);
    if (rc == BF_OK && view != QUALITY_COUNTIES) {
        static const char *const header[] = {
            "区划代码",     "区划名称",     "劳动力人数", "就业状态已知", "就业需求已知",
            "技能水平已知", "就业困难已知", "四项均已知", "四清率（%）",  "近期四项均已知",
            "及时率（%）",  "低于阈值",     "统计日期"};
        rc = table_output_open(out, format, header, 13, &output, err);
        for (int v = 0; rc == BF_OK && v < villages.count; v++) {
            const quality_place *village = &villages.items[v];
            int below = quality_below(village, threshold);
            if (view == QUALITY_VILLAGES_BELOW && !below)
                continue;
            char name[QUALITY_NAME_MAX], numbers[7][24], shares[2][16];
            monitor_region_name(st, village->code, name, sizeof name);
            snprintf(numbers[0], 24, "%lld", (long long)village->laborers);
            for (int f = 0; f < QUALITY_FIELD_COUNT; f++)
                snprintf(numbers[1 + f], 24, "%lld", (long long)village->known[f]);
            snprintf(numbers[5], 24, "%lld", (long long)village->all_known);
            snprintf(numbers[6], 24, "%lld", (long long)village->all_recent);
            quality_percent(village->all_known, village->laborers, shares[0]);
            quality_percent(village->all_recent, village->laborers, shares[1]);
            const char *cells[] = {village->code, name,       numbers[0], numbers[1],
                                   numbers[2],    numbers[3], numbers[4], numbers[5],
                                   shares[0],     numbers[6], shares[1],  below ? "是" : "否",
                                   as_of_text};
            rc = table_output_row(output, cells, err);
            (*written)++;
        }
    } else if (rc == BF_OK) {
        for (int v = 0; rc == BF_OK && v < villages.count; v++) {
            const quality_place *village = &villages.items[v];
            char code[REGION_CODE_TEXT_MAX];
            if (region_code_level(village->code) >= REGION_LEVEL_COUNTY)
                region_code_ancestor(village->code, REGION_LEVEL_COUNTY, code);
            else
                snprintf(code, sizeof code, "%s", village->code);
            quality_place *county = quality_place_of(&counties, code);
            if (county == NULL) {
                rc = bf_error_set(err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
                break;
            }
            county->laborers += village->laborers;
            county->all_known += village->all_known;
            county->all_recent += village->all_recent;
            county->villages++;
            county->villages_below += quality_below(village, threshold);
        }
        for (int c = 0; c < counties.count; c++) {
            quality_place *county = &counties.items[c];
            county->recent_share =
                county->laborers > 0 ? (double)county->all_recent / (double)county->laborers : 0;
            county->known_share =
                county->laborers > 0 ? (double)county->all_known / (double)county->laborers : 0;
        }
        if (counties.count > 1)
            qsort(counties.items, (size_t)counties.count, sizeof *counties.items,
                  quality_rank_compare);
        static const char *const header[] = {"排名",        "区划代码",     "区划名称",
                                             "村数",        "低于阈值村数", "劳动力人数",
                                             "四项均已知",  "四清率（%）",  "近期四项均已知",
                                             "及时率（%）", "统计日期"};
        if (rc == BF_OK)
            rc = table_output_open(out, format, header, 11, &output, err);
        for (int c = 0; rc == BF_OK && c < counties.count; c++) {
            const quality_place *county = &counties.items[c];
            char name[QUALITY_NAME_MAX], numbers[6][24], shares[2][16];
            monitor_region_name(st, county->code, name, sizeof name);
            snprintf(numbers[0], 24, "%d", c + 1);
            snprintf(numbers[1], 24, "%lld", (long long)county->villages);
            snprintf(numbers[2], 24, "%lld", (long long)county->villages_below);
            snprintf(numbers[3], 24, "%lld", (long long)county->laborers);
            snprintf(numbers[4], 24, "%lld", (long long)county->all_known);
            snprintf(numbers[5], 24, "%lld", (long long)county->all_recent);
            quality_percent(county->all_known, county->laborers, shares[0]);
            quality_percent(county->all_recent, county->laborers, shares[1]);
            const char *cells[] = {numbers[0], county->code, name,       numbers[1],
                                   numbers[2], numbers[3],   numbers[4], shares[0],
                                   numbers[5], shares[1],    as_of_text};
            rc = table_output_row(output, cells, err);
            (*written)++;
        }
    }
    int closed = table_output_close(output, rc == BF_OK, rc == BF_OK ? err : NULL);
    int_map_free(&history);
    int_map_free(&villages.index);
    int_map_free(&counties.index);
    free(villages.items);
    free(counties.items);
    return rc != BF_OK ? rc : closed;
}
