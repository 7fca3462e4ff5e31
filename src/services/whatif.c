/*
 * whatif.c - before and after compared (whatif.h).
 */
#include "services/whatif.h"

#include "core/date.h"
#include "core/int_map.h"
#include "core/money.h"
#include "core/region_code.h"
#include "services/monitor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most regions one --set adds its value at (the provinces and those holding values). */
#define WHATIF_REGIONS_MAX 4096
/* Longest region or rule name kept, terminator included. */
#define WHATIF_NAME_MAX 256
/* Longest list of benefits in one cell, terminator included. */
#define WHATIF_RULES_TEXT_MAX 2048

/* Adds region (a number) to regions unless there. */
static int whatif_region_add(int64_t *regions, int *count, int64_t region)
{
    for (int r = 0; r < *count; r++)
        if (regions[r] == region)
            return BF_OK;
    if (*count == WHATIF_REGIONS_MAX)
        return BF_ETOOBIG;
    regions[(*count)++] = region;
    return BF_OK;
}

int whatif_set_parameter(store *st, policy_set *set, const char *region, const char *assignment,
                         bf_error *err)
{
    char name[WHATIF_SET_MAX];
    const char *equals = strchr(assignment, '=');
    if (equals == NULL || (size_t)(equals - assignment) >= sizeof name || equals == assignment)
        return bf_error_set(
            err, BF_EINVAL,
            BF_TR("--set 应为 参数=值（“%s”）", "--set takes PARAMETER=VALUE ('%s')"), assignment);
    memcpy(name, assignment, (size_t)(equals - assignment));
    name[equals - assignment] = '\0';
    const char *text = equals + 1;
    int index = policy_set_find_parameter(set, name);
    if (index < 0)
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("政策文件中没有参数“%s”", "no policy declares parameter '%s'"),
                            name);
    policy_parameter *parameter = &set->parameters[index];
    policy_parameter_value value = {
        .origin = POLICY_ORIGIN_SITUATION, .from = INT32_MIN / 2, .to = POLICY_DAY_MAX};
    if (parameter->unit == POLICY_PARAMETER_WINDOW) {
        const char *dots = strstr(text, "..");
        char first[BF_DATE_TEXT_MAX + 1];
        bf_date from, to;
        if (dots == NULL || (size_t)(dots - text) >= sizeof first ||
            (snprintf(first, sizeof first, "%.*s", (int)(dots - text), text), 0) ||
            date_parse(first, &from) != BF_OK || date_parse(dots + 2, &to) != BF_OK ||
            date_to_days(to) < date_to_days(from))
            return bf_error_set(err, BF_EINVAL,
                                BF_TR("%s 是期间参数：值应为 YYYY-MM-DD..YYYY-MM-DD（“%s”）",
                                      "%s is a window: its value is YYYY-MM-DD..YYYY-MM-DD ('%s')"),
                                name, text);
        value.from = (int32_t)date_to_days(from);
        value.to = (int32_t)date_to_days(to);
        value.fen = 0;
    } else if (money_parse_yuan(text, &value.fen) != BF_OK || value.fen < 0) {
        return bf_error_set(
            err, BF_EINVAL,
            BF_TR("%s 的值“%s”不是金额或数目", "%s: '%s' is not an amount or count"), name, text);
    }
    int64_t regions[WHATIF_REGIONS_MAX];
    int count = 0, rc = BF_OK;
    int64_t scope = region != NULL ? population_region_parse(region) : 0;
    if (region != NULL) {
        regions[count++] = scope;
    } else {
        store_rows rows = {0};
        rc = store_rows_open(st, "SELECT code FROM regions WHERE level = 1", NULL, 0, &rows, err);
        while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1)
            rc = whatif_region_add(regions, &count,
                                   population_region_parse(store_column_text(rows.stmt, 0)));
        store_rows_close(&rows);
        if (rc < 0)
            return rc == BF_ETOOBIG ? bf_error_set(err, rc, "%s", bf_strerror(rc)) : rc;
    }
    for (size_t v = 0; rc == BF_OK && v < parameter->value_count; v++)
        if (scope == 0 || population_region_within(parameter->values[v].region, scope))
            rc = whatif_region_add(regions, &count, parameter->values[v].region);
    for (int r = 0; rc == BF_OK && r < count; r++) {
        value.region = regions[r];
        rc = policy_parameter_add_value(parameter, &value, err);
    }
    if (rc == BF_ETOOBIG)
        bf_error_set(err, rc, "%s", bf_strerror(rc));
    return rc;
}

/* One benefit of one person on one side: its kept grants summed. */
typedef struct whatif_entry {
    int32_t person;
    const char *rule; /* the rule's id, in its set */
    const char *name; /* the rule's name */
    int64_t fen;
} whatif_entry;

static int whatif_entry_compare(const void *a, const void *b)
{
    const whatif_entry *x = a, *y = b;
    if (x->person != y->person)
        return x->person < y->person ? -1 : 1;
    return strcmp(x->rule, y->rule);
}

/* The kept grants of result summed by (person, rule) into *out (sorted), and money per org. */
static int whatif_entries(const policy_set *set, const policy_result *result, const population *pop,
                          whatif_entry **out, size_t *count, int64_t *org_fen)
{
    whatif_entry *entries = malloc((result->grant_count + 1) * sizeof *entries);
    if (entries == NULL)
        return BF_ENOMEM;
    size_t n = 0;
    for (size_t g = 0; g < result->grant_count; g++) {
        const policy_grant *grant = &result->grants[g];
        if (grant->excluded_by >= 0)
            continue;
        int64_t fen = grant->fen == POLICY_FEN_NONE ? 0 : grant->fen;
        const policy_rule *rule = set->rules[grant->rule];
        if (grant->person < 0) {
            if (rule->payee == POLICY_PAYEE_ORG && grant->payee >= 0 &&
                (size_t)grant->payee < pop->orgs.count)
                org_fen[grant->payee] += fen;
            continue;
        }
        entries[n++] = (whatif_entry){grant->person, rule->id, rule->name, fen};
    }
    qsort(entries, n, sizeof *entries, whatif_entry_compare);
    size_t kept = 0;
    for (size_t e = 0; e < n; e++) {
        if (kept > 0 && whatif_entry_compare(&entries[kept - 1], &entries[e]) == 0)
            entries[kept - 1].fen += entries[e].fen;
        else
            entries[kept++] = entries[e];
    }
    *out = entries;
    *count = kept;
    return BF_OK;
}

/* One row of the region table. */
typedef struct whatif_row {
    int64_t code;
    int64_t people[2], fen[2];
} whatif_row;

typedef struct whatif_rows {
    whatif_row *items;
    int count, capacity;
    int_map index;
} whatif_rows;

static whatif_row *whatif_row_of(whatif_rows *rows, int64_t code)
{
    int64_t at = 0;
    if (int_map_find(&rows->index, (uint64_t)code + 1, &at))
        return &rows->items[at];
    if (rows->count == rows->capacity) {
        int capacity = rows->capacity == 0 ? 64 : rows->capacity * 2;
        whatif_row *grown = realloc(rows->items, (size_t)capacity * sizeof *grown);
        if (grown == NULL)
            return NULL;
        rows->items = grown;
        rows->capacity = capacity;
    }
    if (int_map_set(&rows->index, (uint64_t)code + 1, rows->count) != BF_OK)
        return NULL;
    whatif_row *row = &rows->items[rows->count++];
    memset(row, 0, sizeof *row);
    row->code = code;
    return row;
}

static int whatif_row_compare(const void *a, const void *b)
{
    const whatif_row *x = a, *y = b;
    return x->code < y->code ? -1 : x->code > y->code;
}

/* Adds n people and fen on side to the total and the child row of code. */
static int whatif_count(whatif_rows *rows, int64_t divisor, int64_t code, int side, int64_t n,
                        int64_t fen)
{
    whatif_row *child = whatif_row_of(rows, code / divisor * divisor);
    if (child == NULL)
        return BF_ENOMEM;
    child->people[side] += n;
    child->fen[side] += fen;
    rows->items[0].people[side] += n;
    rows->items[0].fen[side] += fen;
    return BF_OK;
}

/* The benefits of entries[from..to) not in other[ofrom..oto), by name, joined by "、". */
static void whatif_missing(const whatif_entry *entries, size_t from, size_t to,
                           const whatif_entry *other, size_t ofrom, size_t oto, char *out,
                           size_t size, int *any)
{
    size_t used = 0;
    out[0] = '\0';
    *any = 0;
    for (size_t e = from; e < to; e++) {
        int found = 0;
        for (size_t o = ofrom; o < oto && !found; o++)
            found = strcmp(entries[e].rule, other[o].rule) == 0;
        if (found)
            continue;
        int n = snprintf(out + used, size - used, "%s%s", *any ? "、" : "", entries[e].name);
        if (n > 0 && (size_t)n < size - used)
            used += (size_t)n;
        *any = 1;
    }
}

/* Money text of fen. */
static const char *whatif_money(int64_t fen, char out[MONEY_TEXT_MAX])
{
    money_format(fen, out);
    return out;
}

int whatif_compare(store *st, const whatif_input *input, table_output_format format,
                   const char *out, const char *people_out, whatif_totals *totals, bf_error *err)
{
    const population *pop = input->pop;
    whatif_entry *entries[2] = {NULL, NULL};
    size_t counts[2] = {0, 0};
    int64_t *org_fen = calloc(pop->orgs.count * 2 + 1, sizeof *org_fen);
    whatif_rows rows = {0};
    table_output *output = NULL, *people = NULL;
    store_stmt *name_lookup = NULL;
    memset(totals, 0, sizeof *totals);
    int rc = org_fen != NULL ? BF_OK : BF_ENOMEM;
    const policy_set *sets[2] = {input->before_set, input->after_set};
    const policy_result *results[2] = {input->before, input->after};
    for (int side = 0; rc == BF_OK && side < 2; side++)
        rc = whatif_entries(sets[side], results[side], pop, &entries[side], &counts[side],
                            org_fen + side * pop->orgs.count);
    int64_t scope = input->region != NULL ? population_region_parse(input->region) : 0;
    int digits = input->region == NULL ? 2
                 : region_code_level(input->region) == REGION_LEVEL_VILLAGE
                     ? 12
                     : region_level_digits(region_code_level(input->region) + 1);
    int64_t divisor = 1;
    for (int d = digits; d < 12; d++)
        divisor *= 10;
    if (rc == BF_OK && whatif_row_of(&rows, scope) == NULL)
        rc = BF_ENOMEM;
    static const char *const people_header[] = {
        "证件号码",       "姓名",           "户籍地区划代码", "变化",      "金额（前，元）",
        "金额（后，元）", "金额变化（元）", "获得的政策",     "失去的政策"};
    if (rc == BF_OK && people_out != NULL) {
        rc = table_output_open(people_out, format, people_header, 9, &people, err);
        if (rc == BF_OK)
            rc = store_prepare(st, "SELECT name FROM people WHERE id_number = ?", &name_lookup);
        if (rc != BF_OK && !err->message[0])
            store_error_set(st, rc, err);
    }
    /* people, merged over both sides by person */
    size_t at[2] = {0, 0};
    while (rc == BF_OK && (at[0] < counts[0] || at[1] < counts[1])) {
        int32_t person = INT32_MAX;
        for (int side = 0; side < 2; side++)
            if (at[side] < counts[side] && entries[side][at[side]].person < person)
                person = entries[side][at[side]].person;
        size_t end[2];
        int64_t fen[2] = {0, 0};
        for (int side = 0; side < 2; side++) {
            end[side] = at[side];
            while (end[side] < counts[side] && entries[side][end[side]].person == person)
                fen[side] += entries[side][end[side]++].fen;
        }
        int64_t hukou = pop->people.hukou[person];
        if (scope == 0 || population_region_within(hukou, scope)) {
            for (int side = 0; rc == BF_OK && side < 2; side++)
                if (end[side] > at[side]) {
                    rc = whatif_count(&rows, divisor, hukou, side, 1, fen[side]);
                    totals->people[side]++;
                    totals->fen[side] += fen[side];
                }
            char gained[WHATIF_RULES_TEXT_MAX], lost[WHATIF_RULES_TEXT_MAX];
            int gains = 0, losses = 0;
            whatif_missing(entries[1], at[1], end[1], entries[0], at[0], end[0], gained,
                           sizeof gained, &gains);
            whatif_missing(entries[0], at[0], end[0], entries[1], at[1], end[1], lost, sizeof lost,
                           &losses);
            totals->gain += gains;
            totals->lose += losses;
            totals->changed += fen[0] != fen[1];
            if (rc == BF_OK && people != NULL && (gains || losses || fen[0] != fen[1])) {
                const char *id = pop->people.id_number[person] != NULL
                                     ? pop->people.id_number[person]
                                     : pop->people.id[person];
                char name[WHATIF_NAME_MAX] = "", region[REGION_CODE_TEXT_MAX];
                char money[3][MONEY_TEXT_MAX];
                population_region_format(hukou, region);
                if (store_reset(name_lookup) == BF_OK &&
                    store_bind_text(name_lookup, 1, id) == BF_OK &&
                    store_step(name_lookup) == BF_ROW)
                    snprintf(name, sizeof name, "%s", store_column_text(name_lookup, 0));
                const char *change = gains && losses ? "获得与失去"
                                     : gains         ? "获得"
                                     : losses        ? "失去"
                                                     : "金额变化";
                const char *cells[] = {id,
                                       name,
                                       region,
                                       change,
                                       whatif_money(fen[0], money[0]),
                                       whatif_money(fen[1], money[1]),
                                       whatif_money(fen[1] - fen[0], money[2]),
                                       gained,
                                       lost};
                rc = table_output_row(people, cells, err);
            }
        }
        at[0] = end[0];
        at[1] = end[1];
    }
    /* organisations' money where they lie */
    for (size_t o = 0; rc == BF_OK && o < pop->orgs.count; o++) {
        int64_t code = pop->orgs.region[o];
        if (scope != 0 && !population_region_within(code, scope))
            continue;
        for (int side = 0; rc == BF_OK && side < 2; side++)
            if (org_fen[side * pop->orgs.count + o] != 0) {
                rc = whatif_count(&rows, divisor, code, side, 0,
                                  org_fen[side * pop->orgs.count + o]);
                totals->fen[side] += org_fen[side * pop->orgs.count + o];
            }
    }
    if (rc == BF_ENOMEM && !err->message[0])
        bf_error_set(err, rc, "%s", bf_strerror(rc));
    if (rc == BF_OK && rows.count > 2)
        qsort(rows.items + 1, (size_t)rows.count - 1, sizeof *rows.items, whatif_row_compare);
    static const char *const header[] = {"区划代码",       "区划名称",      "享受人数（前）",
                                         "享受人数（后）", "人数变化",      "金额（前，元）",
                                         "金额（后，元）", "金额变化（元）"};
    if (rc == BF_OK)
        rc = table_output_open(out, format, header, 8, &output, err);
    for (int r = 0; rc == BF_OK && r < rows.count; r++) {
        const whatif_row *row = &rows.items[r];
        if (r > 0 && row->code == scope)
            continue; /* people registered at the region itself: in its total only */
        char code[REGION_CODE_TEXT_MAX] = "", name[WHATIF_NAME_MAX], numbers[3][24],
             money[3][MONEY_TEXT_MAX];
        if (row->code != 0)
            population_region_format(row->code, code);
        monitor_region_name(st, code, name, sizeof name);
        snprintf(numbers[0], 24, "%lld", (long long)row->people[0]);
        snprintf(numbers[1], 24, "%lld", (long long)row->people[1]);
        snprintf(numbers[2], 24, "%lld", (long long)(row->people[1] - row->people[0]));
        const char *cells[] = {code,
                               name,
                               numbers[0],
                               numbers[1],
                               numbers[2],
                               whatif_money(row->fen[0], money[0]),
                               whatif_money(row->fen[1], money[1]),
                               whatif_money(row->fen[1] - row->fen[0], money[2])};
        rc = table_output_row(output, cells, err);
    }
    int closed = table_output_close(output, rc == BF_OK, rc == BF_OK ? err : NULL);
    int people_closed = table_output_close(people, rc == BF_OK, rc == BF_OK ? err : NULL);
    store_finalize(name_lookup);
    free(entries[0]);
    free(entries[1]);
    free(org_fen);
    free(rows.items);
    int_map_free(&rows.index);
    return rc != BF_OK ? rc : closed != BF_OK ? closed : people_closed;
}
