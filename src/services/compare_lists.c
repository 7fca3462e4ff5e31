/*
 * compare_lists.c - a list compared with the registry as a stored run (see
 * the header).
 */
#include "services/compare_lists.h"

#include "core/region_code.h"
#include "core/text_pool.h"
#include "io/table_writer.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest SQL built here. */
#define COMPARE_SQL_MAX 1024
/* Longest text of an integer, terminator included. */
#define COMPARE_INTEGER_TEXT_MAX 24
/* An absent text in a pool. */
#define COMPARE_NONE SIZE_MAX

/* The fields a list of people gives and the registry holds: column, Chinese, English. */
static const struct {
    const char *column, *zh, *en;
} compare_fields[] = {
    {"name", "姓名", "name"},
    {"hukou_region", "户籍地区划代码", "hukou region"},
    {"household_id", "户编号", "household"},
    {"relation", "与户主关系", "relation to the head"},
    {"categories", "帮扶类别", "categories"},
    {"phone", "联系电话", "phone"},
};
#define COMPARE_FIELD_COUNT ((int)(sizeof compare_fields / sizeof compare_fields[0]))

/* What an insurance list says of a person (entry flags). */
enum {
    COMPARE_PENSION_PAYING = 1, /* a pension line paying contributions */
    COMPARE_PENSIONER = 2       /* a pension line drawing benefits */
};

/* One person of the list: texts in the run's pool. */
typedef struct compare_entry {
    size_t id;
    size_t fields[COMPARE_FIELD_COUNT]; /* poverty: the fields; insurance: [0] its lines */
    unsigned flags;
} compare_entry;

/* One finding: texts in the run's pool, COMPARE_NONE when absent. */
typedef struct compare_row {
    compare_finding finding;
    int field; /* index of compare_fields, -1 for none */
    size_t id, name, region, registry_value, list_value;
} compare_row;

/* Everything one run holds. */
typedef struct compare_state {
    store *st;
    int insurance; /* 1: the insurance list, 0: the poverty list */
    bf_date as_of;
    const char *region;             /* canonical, or "" for the whole registry */
    char low[REGION_CODE_TEXT_MAX]; /* the region's codes: [low, high) */
    char high[REGION_CODE_TEXT_MAX];
    text_pool pool;
    compare_entry *entries;
    size_t entry_count, entry_capacity;
    compare_row *rows;
    size_t row_count, row_capacity;
    compare_result *result;
} compare_state;

static const char *const finding_codes[] = {
#define COMPARE_FINDING_CODE(id, code, zh, en) code,
    COMPARE_FINDINGS(COMPARE_FINDING_CODE)
#undef COMPARE_FINDING_CODE
};

const char *compare_finding_code(compare_finding finding)
{
    return finding_codes[finding];
}

const char *compare_finding_title(compare_finding finding)
{
    switch (finding) {
#define COMPARE_FINDING_TITLE(id, code, zh, en)                                                    \
    case id:                                                                                       \
        return BF_TR(zh, en);
        COMPARE_FINDINGS(COMPARE_FINDING_TITLE)
#undef COMPARE_FINDING_TITLE
    case COMPARE_FINDING_COUNT:
        break;
    }
    return "";
}

/* The finding of code, or -1. */
static int compare_finding_of(const char *code)
{
    for (int f = 0; code != NULL && f < COMPARE_FINDING_COUNT; f++)
        if (strcmp(finding_codes[f], code) == 0)
            return f;
    return -1;
}

int compare_list_known(const char *list)
{
    return strcmp(list, "insurance") == 0 || strcmp(list, "poverty") == 0;
}

/* Adds text (NULL: none) to the pool; *at receives its place. */
static int compare_keep(compare_state *s, const char *text, size_t *at)
{
    if (text == NULL) {
        *at = COMPARE_NONE;
        return BF_OK;
    }
    return text_pool_add(&s->pool, text, at);
}

static const char *compare_text(const compare_state *s, size_t at)
{
    return at == COMPARE_NONE ? NULL : text_pool_at(&s->pool, at);
}

/* Grows an array of count elements of size bytes to hold one more. */
static int compare_grow(void **array, size_t *capacity, size_t count, size_t size)
{
    if (count < *capacity)
        return BF_OK;
    size_t more = *capacity > 0 ? 2 * *capacity : 4096;
    void *grown = realloc(*array, more * size);
    if (grown == NULL)
        return BF_ENOMEM;
    *array = grown;
    *capacity = more;
    return BF_OK;
}

/* --- the list ----------------------------------------------------------------------------- */

/* The insurance line of a pension scheme (the residents' or the employees'). */
static int compare_pension_scheme(const char *scheme)
{
    return scheme != NULL &&
           (strcmp(scheme, "resident_pension") == 0 || strcmp(scheme, "employee_pension") == 0);
}

static int compare_out_of_order(const char *previous, const char *id, bf_error *err)
{
    return bf_error_set(err, BF_ESTORE,
                        BF_TR("数据库没有按证件号码顺序返回（%s 在 %s 之后），无法比对",
                              "the database did not return ID numbers in order (%s after %s)"),
                        id, previous);
}

/*
 * Reads the insurance list: one entry per person, its lines "scheme:status"
 * joined by ';' and what they say of the pension.
 */
static int compare_load_insurance(compare_state *s, bf_error *err)
{
    store_rows rows = {0};
    char lines[512];
    size_t used = 0;
    const char *range[] = {s->low, s->high};
    int scoped = s->region[0] != '\0';
    /* A region's run: the lines of its registered people (the list names no region). */
    int rc = store_rows_open(s->st,
                             scoped ? "SELECT id_number, scheme, status FROM insurance WHERE "
                                      "id_number IN (SELECT id_number FROM people WHERE "
                                      "hukou_region >= ? AND hukou_region < ?) ORDER BY "
                                      "id_number, scheme"
                                    : "SELECT id_number, scheme, status FROM insurance ORDER BY "
                                      "id_number, scheme",
                             range, scoped ? 2 : 0, &rows, err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK;
        const char *id = store_column_text(rows.stmt, 0);
        const char *scheme = store_column_text(rows.stmt, 1);
        const char *status = store_column_text(rows.stmt, 2);
        if (id == NULL)
            continue;
        compare_entry *last = s->entry_count > 0 ? &s->entries[s->entry_count - 1] : NULL;
        int order = last != NULL ? strcmp(id, compare_text(s, last->id)) : 1;
        if (order < 0) {
            rc = compare_out_of_order(compare_text(s, last->id), id, err);
            break;
        }
        if (order > 0) {
            if (last != NULL && (rc = compare_keep(s, lines, &last->fields[0])) != BF_OK)
                break;
            rc = compare_grow((void **)&s->entries, &s->entry_capacity, s->entry_count,
                              sizeof *s->entries);
            if (rc != BF_OK)
                break;
            last = &s->entries[s->entry_count++];
            memset(last, 0, sizeof *last);
            rc = compare_keep(s, id, &last->id);
            used = 0;
            lines[0] = '\0';
        }
        if (compare_pension_scheme(scheme) && status != NULL)
            last->flags |= strcmp(status, "paying") == 0      ? COMPARE_PENSION_PAYING
                           : strcmp(status, "pensioner") == 0 ? COMPARE_PENSIONER
                                                              : 0;
        if (used < sizeof lines) {
            int n = snprintf(lines + used, sizeof lines - used, "%s%s:%s", used > 0 ? ";" : "",
                             scheme != NULL ? scheme : "", status != NULL ? status : "");
            used = n < 0 ? sizeof lines : used + (size_t)n;
        }
    }
    if (rc == 0 && s->entry_count > 0)
        rc = compare_keep(s, lines, &s->entries[s->entry_count - 1].fields[0]);
    store_rows_close(&rows);
    return rc == 0 ? BF_OK : rc == BF_ENOMEM ? bf_error_set(err, rc, NULL) : rc;
}

/* Reads the poverty office's list: one entry per person with the compared fields. */
static int compare_load_poverty(compare_state *s, bf_error *err)
{
    char sql[COMPARE_SQL_MAX];
    size_t used = (size_t)snprintf(sql, sizeof sql, "SELECT l.id_number");
    for (int f = 0; f < COMPARE_FIELD_COUNT; f++)
        used += (size_t)snprintf(sql + used, sizeof sql - used, ", l.%s", compare_fields[f].column);
    int scoped = s->region[0] != '\0';
    /* A region's run: the listed registered there, and the unregistered listed there. */
    snprintf(sql + used, sizeof sql - used, " FROM poverty_list l%s ORDER BY l.id_number",
             scoped ? " WHERE EXISTS (SELECT 1 FROM people p WHERE p.id_number = l.id_number AND "
                      "p.hukou_region >= ? AND p.hukou_region < ?) OR (l.hukou_region >= ? AND "
                      "l.hukou_region < ? AND NOT EXISTS (SELECT 1 FROM people p WHERE "
                      "p.id_number = l.id_number))"
                    : "");
    const char *range[] = {s->low, s->high, s->low, s->high};
    store_rows rows = {0};
    int rc = store_rows_open(s->st, sql, range, scoped ? 4 : 0, &rows, err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        const char *id = store_column_text(rows.stmt, 0);
        rc = BF_OK;
        if (id == NULL)
            continue;
        if (s->entry_count > 0 &&
            strcmp(id, compare_text(s, s->entries[s->entry_count - 1].id)) <= 0) {
            rc = compare_out_of_order(compare_text(s, s->entries[s->entry_count - 1].id), id, err);
            break;
        }
        rc = compare_grow((void **)&s->entries, &s->entry_capacity, s->entry_count,
                          sizeof *s->entries);
        if (rc != BF_OK)
            break;
        compare_entry *entry = &s->entries[s->entry_count++];
        memset(entry, 0, sizeof *entry);
        rc = compare_keep(s, id, &entry->id);
        for (int f = 0; f < COMPARE_FIELD_COUNT && rc == BF_OK; f++) {
            const char *value = store_column_text(rows.stmt, 1 + f);
            rc = compare_keep(s, value != NULL && value[0] != '\0' ? value : NULL,
                              &entry->fields[f]);
        }
    }
    store_rows_close(&rows);
    return rc == 0 ? BF_OK : rc == BF_ENOMEM ? bf_error_set(err, rc, NULL) : rc;
}

/* --- the walk ----------------------------------------------------------------------------- */

/* Records a finding; texts are copied. */
static int compare_add(compare_state *s, compare_finding finding, int field, const char *id,
                       const char *name, const char *region, const char *registry_value,
                       const char *list_value)
{
    int rc = compare_grow((void **)&s->rows, &s->row_capacity, s->row_count, sizeof *s->rows);
    if (rc != BF_OK)
        return rc;
    compare_row *row = &s->rows[s->row_count];
    row->finding = finding;
    row->field = field;
    rc = compare_keep(s, id, &row->id);
    if (rc == BF_OK)
        rc = compare_keep(s, name, &row->name);
    if (rc == BF_OK)
        rc = compare_keep(s, region, &row->region);
    if (rc == BF_OK)
        rc = compare_keep(s, registry_value, &row->registry_value);
    if (rc == BF_OK)
        rc = compare_keep(s, list_value, &row->list_value);
    if (rc == BF_OK) {
        s->row_count++;
        s->result->counts[finding]++;
    }
    return rc;
}

/* A person of the list no registered person matched. */
static int compare_list_only(compare_state *s, const compare_entry *entry)
{
    const char *id = compare_text(s, entry->id);
    if (s->insurance)
        return compare_add(s, COMPARE_LIST_ONLY, -1, id, NULL, NULL, NULL,
                           compare_text(s, entry->fields[0]));
    return compare_add(s, COMPARE_LIST_ONLY, -1, id, compare_text(s, entry->fields[0]),
                       compare_text(s, entry->fields[1]), NULL, NULL);
}

/* Age in whole years on the day as_of of someone born on birth (ISO text); -1 when unreadable. */
static int compare_age(const char *birth, bf_date as_of)
{
    bf_date born;
    if (birth == NULL || date_parse(birth, &born) != BF_OK)
        return -1;
    int age = as_of.year - born.year;
    if (as_of.month < born.month || (as_of.month == born.month && as_of.day < born.day))
        age--;
    return age;
}

/* The findings of one registered person (the registry row) against entry (NULL: not listed). */
static int compare_person(compare_state *s, store_stmt *person, const compare_entry *entry)
{
    const char *id = store_column_text(person, 0);
    const char *name = store_column_text(person, 2), *region = store_column_text(person, 3);
    int rc = BF_OK;
    if (entry == NULL)
        rc = compare_add(s, COMPARE_REGISTRY_ONLY, -1, id, name, region, NULL, NULL);
    if (rc != BF_OK)
        return rc;
    if (s->insurance) {
        int age = compare_age(store_column_text(person, 1), s->as_of);
        unsigned flags = entry != NULL ? entry->flags : 0;
        const char *lines = entry != NULL ? compare_text(s, entry->fields[0]) : NULL;
        if (age >= COMPARE_CONTRIBUTION_AGE_MIN && age < COMPARE_PENSION_AGE &&
            !(flags & (COMPARE_PENSION_PAYING | COMPARE_PENSIONER)))
            rc = compare_add(s, COMPARE_UNINSURED, -1, id, name, region, NULL, lines);
        else if (age >= COMPARE_PENSION_AGE && !(flags & COMPARE_PENSIONER))
            rc = compare_add(s, COMPARE_NO_PENSION, -1, id, name, region, NULL, lines);
        return rc;
    }
    for (int f = 0; entry != NULL && f < COMPARE_FIELD_COUNT && rc == BF_OK; f++) {
        const char *listed = compare_text(s, entry->fields[f]);
        const char *registered = store_column_text(person, 2 + f);
        if (listed != NULL && (registered == NULL || strcmp(listed, registered) != 0))
            rc = compare_add(s, COMPARE_DIFFERS, f, id, name, region,
                             registered != NULL && registered[0] != '\0' ? registered : NULL,
                             listed);
    }
    return rc;
}

/* Streams the registry in ID number order alongside the list's entries. */
static int compare_walk(compare_state *s, bf_error *err)
{
    char sql[COMPARE_SQL_MAX], previous[64] = "";
    size_t used = (size_t)snprintf(sql, sizeof sql, "SELECT id_number, birth_date");
    for (int f = 0; f < COMPARE_FIELD_COUNT; f++)
        used += (size_t)snprintf(sql + used, sizeof sql - used, ", %s", compare_fields[f].column);
    int scoped = s->region[0] != '\0';
    snprintf(sql + used, sizeof sql - used, " FROM people%s ORDER BY id_number",
             scoped ? " WHERE hukou_region >= ? AND hukou_region < ?" : "");
    const char *range[] = {s->low, s->high};
    store_rows rows = {0};
    size_t next = 0;
    int rc = store_rows_open(s->st, sql, range, scoped ? 2 : 0, &rows, err);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK;
        const char *id = store_column_text(rows.stmt, 0);
        if (id == NULL)
            continue;
        if (previous[0] != '\0' && strcmp(id, previous) <= 0) {
            rc = compare_out_of_order(previous, id, err);
            break;
        }
        snprintf(previous, sizeof previous, "%s", id);
        s->result->registry_people++;
        int order = -1;
        while (next < s->entry_count &&
               (order = strcmp(compare_text(s, s->entries[next].id), id)) < 0 && rc == BF_OK)
            rc = compare_list_only(s, &s->entries[next++]);
        const compare_entry *entry =
            next < s->entry_count && order == 0 ? &s->entries[next++] : NULL;
        if (rc == BF_OK)
            rc = compare_person(s, rows.stmt, entry);
    }
    store_rows_close(&rows);
    while (rc == 0 && next < s->entry_count)
        rc = compare_list_only(s, &s->entries[next++]);
    return rc == 0 ? BF_OK : rc == BF_ENOMEM ? bf_error_set(err, rc, NULL) : rc;
}

/* --- storing ------------------------------------------------------------------------------ */

/* Writes the run row and its findings (bulk). */
static int compare_store(compare_state *s, const char *list, const char *started_at, bf_error *err)
{
    static const char *const columns[] = {"run_id", "finding",      "id_number",      "field",
                                          "name",   "hukou_region", "registry_value", "list_value"};
    char run[COMPARE_INTEGER_TEXT_MAX], day[BF_DATE_TEXT_MAX];
    store_stmt *insert = NULL;
    store_bulk *bulk = NULL;
    snprintf(run, sizeof run, "%" PRId64, s->result->run);
    date_format(s->as_of, day);
    int rc =
        store_prepare(s->st,
                      "INSERT INTO compare_runs (id, list, as_of, started_at, registry_people, "
                      "list_people, findings, region) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      &insert);
    if (rc == BF_OK)
        rc = store_bind_int64(insert, 1, s->result->run);
    if (rc == BF_OK)
        rc = store_bind_text(insert, 2, list);
    if (rc == BF_OK)
        rc = store_bind_text(insert, 3, day);
    if (rc == BF_OK)
        rc = store_bind_text(insert, 4, started_at);
    if (rc == BF_OK)
        rc = store_bind_int64(insert, 5, s->result->registry_people);
    if (rc == BF_OK)
        rc = store_bind_int64(insert, 6, s->result->list_people);
    if (rc == BF_OK)
        rc = store_bind_int64(insert, 7, (int64_t)s->row_count);
    if (rc == BF_OK)
        rc = store_bind_text(insert, 8, s->region);
    if (rc == BF_OK)
        rc = store_step(insert) == BF_DONE ? BF_OK : BF_ESTORE;
    store_finalize(insert);
    if (rc == BF_OK)
        rc = store_bulk_begin(s->st, "compare_findings", columns, 8, &bulk);
    for (size_t r = 0; rc == BF_OK && r < s->row_count; r++) {
        const compare_row *row = &s->rows[r];
        const char *values[] = {run,
                                finding_codes[row->finding],
                                compare_text(s, row->id),
                                row->field >= 0 ? compare_fields[row->field].column : "",
                                compare_text(s, row->name),
                                compare_text(s, row->region),
                                compare_text(s, row->registry_value),
                                compare_text(s, row->list_value)};
        rc = store_bulk_row(bulk, values);
    }
    if (bulk != NULL) {
        int end = store_bulk_end(bulk, rc == BF_OK);
        if (rc == BF_OK)
            rc = end;
    }
    return rc == BF_OK ? BF_OK : store_error_set(s->st, rc, err);
}

/*
 * The findings of run a that run b does not have, counted per kind into
 * counts (b 0: every finding of a).
 */
static int compare_count_missing(store *st, int64_t a, int64_t b,
                                 int64_t counts[COMPARE_FINDING_COUNT], bf_error *err)
{
    char first[COMPARE_INTEGER_TEXT_MAX], second[COMPARE_INTEGER_TEXT_MAX];
    snprintf(first, sizeof first, "%" PRId64, a);
    snprintf(second, sizeof second, "%" PRId64, b);
    const char *params[] = {first, second};
    store_rows rows = {0};
    int rc = store_rows_open(
        st,
        "SELECT f.finding, COUNT(*) FROM compare_findings f WHERE f.run_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM compare_findings g WHERE g.run_id = ? AND g.finding = f.finding AND "
        "g.id_number = f.id_number AND g.field = f.field) GROUP BY f.finding",
        params, 2, &rows, err);
    memset(counts, 0, COMPARE_FINDING_COUNT * sizeof counts[0]);
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        rc = BF_OK;
        int finding = compare_finding_of(store_column_text(rows.stmt, 0));
        if (finding >= 0)
            counts[finding] = store_column_int64(rows.stmt, 1);
    }
    store_rows_close(&rows);
    return rc == 0 ? BF_OK : rc;
}

/* The previous run of list and region before run (0: none) and the changes since it. */
static int compare_changes(store *st, const char *list, const char *region, compare_result *result,
                           bf_error *err)
{
    char run[COMPARE_INTEGER_TEXT_MAX];
    snprintf(run, sizeof run, "%" PRId64, result->run);
    const char *params[] = {list, region, run};
    int rc = store_query_int64(
        st, "SELECT MAX(id) FROM compare_runs WHERE list = ? AND region = ? AND id < ?", params, 3,
        &result->previous);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    rc = compare_count_missing(st, result->run, result->previous, result->added, err);
    if (rc == BF_OK && result->previous > 0)
        rc = compare_count_missing(st, result->previous, result->run, result->resolved, err);
    return rc;
}

int compare_previous(store *st, int64_t run, int64_t *previous, bf_error *err)
{
    char id[COMPARE_INTEGER_TEXT_MAX];
    snprintf(id, sizeof id, "%" PRId64, run);
    const char *params[] = {id, id};
    int rc = store_query_int64(st,
                               "SELECT MAX(p.id) FROM compare_runs p JOIN compare_runs r ON "
                               "r.list = p.list AND r.region = p.region WHERE r.id = ? AND p.id "
                               "< ?",
                               params, 2, previous);
    return rc == BF_OK ? BF_OK : store_error_set(st, rc, err);
}

int compare_run(store *st, const char *list, const char *region, bf_date as_of,
                compare_result *result, bf_error *err)
{
    compare_state s = {
        .st = st, .as_of = as_of, .region = region != NULL ? region : "", .result = result};
    char started_at[BF_TIMESTAMP_TEXT_MAX];
    int rc, began = 0;
    memset(result, 0, sizeof *result);
    if (!compare_list_known(list))
        return bf_error_set(err, BF_EINVAL,
                            BF_TR("未知的名单“%s”（可比对 insurance、poverty）",
                                  "unknown list '%s' (insurance or poverty)"),
                            list);
    if (s.region[0] != '\0') {
        char canonical[REGION_CODE_TEXT_MAX];
        if (region_code_normalize(s.region, canonical) == REGION_LEVEL_INVALID ||
            strcmp(canonical, s.region) != 0)
            return bf_error_set(err, BF_EINVAL,
                                BF_TR("区划代码“%s”不是 12 位规范代码",
                                      "region '%s' is no canonical 12-digit code"),
                                s.region);
        region_code_range(s.region, s.low, s.high);
    }
    s.insurance = strcmp(list, "insurance") == 0;
    date_now_timestamp(started_at);
    rc = store_begin(st);
    if (rc != BF_OK) {
        rc = store_error_set(st, rc, err);
        goto out;
    }
    began = 1;
    rc = s.insurance ? compare_load_insurance(&s, err) : compare_load_poverty(&s, err);
    result->list_people = (int64_t)s.entry_count;
    if (rc == BF_OK)
        rc = compare_walk(&s, err);
    if (rc == BF_OK && (rc = store_next_id(st, "compare_runs", &result->run)) != BF_OK)
        rc = store_error_set(st, rc, err);
    if (rc == BF_OK)
        rc = compare_store(&s, list, started_at, err);
    if (rc == BF_OK)
        rc = compare_changes(st, list, s.region, result, err);
    if (rc == BF_OK && (rc = store_commit(st)) != BF_OK)
        rc = store_error_set(st, rc, err);
    began = rc != BF_OK;
out:
    if (began)
        store_rollback(st);
    text_pool_free(&s.pool);
    free(s.entries);
    free(s.rows);
    if (rc != BF_OK && err != NULL && err->code == BF_OK)
        bf_error_set(err, rc, "%s", bf_strerror(rc));
    return rc;
}

int compare_load(store *st, int64_t run, char list[COMPARE_LIST_NAME_MAX],
                 char as_of[BF_DATE_TEXT_MAX], compare_result *result, bf_error *err)
{
    char id[COMPARE_INTEGER_TEXT_MAX], region[REGION_CODE_TEXT_MAX] = "";
    const char *params[] = {id};
    store_rows rows = {0};
    memset(result, 0, sizeof *result);
    snprintf(id, sizeof id, "%" PRId64, run);
    int rc = store_rows_open(st,
                             "SELECT list, as_of, registry_people, list_people, region FROM "
                             "compare_runs WHERE id = ?",
                             params, 1, &rows, err);
    int found = rc == BF_OK ? store_rows_next(&rows) : rc;
    if (found == 1) {
        snprintf(list, COMPARE_LIST_NAME_MAX, "%s", store_column_text(rows.stmt, 0));
        snprintf(as_of, BF_DATE_TEXT_MAX, "%s", store_column_text(rows.stmt, 1));
        result->registry_people = store_column_int64(rows.stmt, 2);
        result->list_people = store_column_int64(rows.stmt, 3);
        snprintf(region, sizeof region, "%s", store_column_text(rows.stmt, 4));
    }
    store_rows_close(&rows);
    if (found < 0)
        return found;
    if (found == 0)
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("没有第 %" PRId64 " 次比对（bangfu compare list 列出各次）",
                                  "no comparison run %" PRId64 " (bangfu compare list lists them)"),
                            run);
    result->run = run;
    rc = compare_count_missing(st, run, 0, result->counts, err);
    if (rc == BF_OK)
        rc = compare_changes(st, list, region, result, err);
    return rc;
}

/* --- export ------------------------------------------------------------------------------- */

/* The Chinese (or English) name of a field column, the column itself when unknown. */
static const char *compare_field_title(const char *column)
{
    for (int f = 0; column != NULL && f < COMPARE_FIELD_COUNT; f++)
        if (strcmp(compare_fields[f].column, column) == 0)
            return BF_TR(compare_fields[f].zh, compare_fields[f].en);
    return column != NULL ? column : "";
}

/*
 * Writes the findings of run a of kind finding (-1: every kind) that run b
 * has (kept = 1) or has not, with state as their 状态; *rows counts them.
 */
static int compare_write_rows(store *st, table_writer *writer, int64_t a, int64_t b, int finding,
                              const char *state_new, const char *state_kept, int64_t *rows,
                              bf_error *err)
{
    char first[COMPARE_INTEGER_TEXT_MAX], second[COMPARE_INTEGER_TEXT_MAX], sql[COMPARE_SQL_MAX];
    snprintf(first, sizeof first, "%" PRId64, a);
    snprintf(second, sizeof second, "%" PRId64, b);
    const char *params[] = {second, first, finding >= 0 ? finding_codes[finding] : ""};
    snprintf(sql, sizeof sql,
             "SELECT f.finding, CASE WHEN EXISTS (SELECT 1 FROM compare_findings g WHERE "
             "g.run_id = ? AND g.finding = f.finding AND g.id_number = f.id_number AND g.field = "
             "f.field) THEN 1 ELSE 0 END, f.id_number, f.name, f.hukou_region, f.field, "
             "f.registry_value, f.list_value FROM compare_findings f WHERE f.run_id = ?%s "
             "ORDER BY f.finding, f.id_number, f.field",
             finding >= 0 ? " AND f.finding = ?" : "");
    store_rows cursor = {0};
    int rc = store_rows_open(st, sql, params, finding >= 0 ? 3 : 2, &cursor, err);
    while (rc == BF_OK && (rc = store_rows_next(&cursor)) == 1) {
        int kind = compare_finding_of(store_column_text(cursor.stmt, 0));
        int kept = store_column_int64(cursor.stmt, 1) != 0;
        const char *state = kept ? state_kept : state_new;
        rc = BF_OK;
        if (state == NULL)
            continue;
        const char *cells[] = {kind >= 0 ? compare_finding_title((compare_finding)kind) : "",
                               state,
                               store_column_text(cursor.stmt, 2),
                               store_column_text(cursor.stmt, 3),
                               store_column_text(cursor.stmt, 4),
                               compare_field_title(store_column_text(cursor.stmt, 5)),
                               store_column_text(cursor.stmt, 6),
                               store_column_text(cursor.stmt, 7)};
        rc = table_writer_row(writer, cells, 8, err);
        (*rows)++;
    }
    store_rows_close(&cursor);
    return rc == 0 ? BF_OK : rc;
}

int compare_export(store *st, int64_t run, const char *path, int64_t *rows, bf_error *err)
{
    const char *header[] = {BF_TR("发现", "finding"),
                            BF_TR("状态", "state"),
                            BF_TR("证件号码", "ID number"),
                            BF_TR("姓名", "name"),
                            BF_TR("户籍地区划代码", "hukou region"),
                            BF_TR("项目", "field"),
                            BF_TR("登记中的值", "in the registry"),
                            BF_TR("名单中的值", "in the list")};
    const char *state_new = BF_TR("新增", "new"), *state_kept = BF_TR("持续", "still");
    char list[COMPARE_LIST_NAME_MAX], as_of[BF_DATE_TEXT_MAX];
    compare_result result;
    table_writer *writer = NULL;
    *rows = 0;
    int rc = compare_load(st, run, list, as_of, &result, err);
    if (rc == BF_OK)
        rc = table_writer_open(path, &writer, err);
    for (int f = 0, headed = 0; rc == BF_OK && f <= COMPARE_FINDING_COUNT; f++) {
        /* The kinds of this list, then the findings of the previous run now resolved; the
           header is written once and table_writer repeats it atop each worksheet. */
        if (f < COMPARE_FINDING_COUNT && result.counts[f] == 0 &&
            (strcmp(list, "insurance") == 0 ? f == COMPARE_DIFFERS
                                            : f == COMPARE_UNINSURED || f == COMPARE_NO_PENSION))
            continue;
        rc =
            table_writer_sheet(writer,
                               f < COMPARE_FINDING_COUNT ? compare_finding_title((compare_finding)f)
                                                         : BF_TR("已解决", "resolved"),
                               err);
        if (rc == BF_OK && !headed)
            rc = table_writer_row(writer, header, 8, err);
        headed = 1;
        if (rc == BF_OK && f < COMPARE_FINDING_COUNT)
            rc = compare_write_rows(st, writer, run, result.previous, f, state_new, state_kept,
                                    rows, err);
        else if (rc == BF_OK && result.previous > 0)
            rc = compare_write_rows(st, writer, result.previous, run, -1,
                                    BF_TR("已解决", "resolved"), NULL, rows, err);
    }
    int closed = table_writer_close(writer, rc == BF_OK, rc == BF_OK ? err : NULL);
    return rc == BF_OK ? closed : rc;
}
