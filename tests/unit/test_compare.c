/*
 * test_compare.c - the comparison of a list with the registry
 * (services/compare_lists.c) on SQLite and on PostgreSQL: a randomized
 * differential test.  Random registries, insurance lists and poverty office
 * lists (people in both or in one only, fields equal, different or not
 * given, pension lines of every status, ages around 16 and 60 on random
 * days) are compared run after run; each run's findings must be those a
 * plain model of the rules of compare_lists.h computes, and its new and
 * resolved counts those of the model's previous run of the same list.  After
 * each, a run of a random region must find exactly the whole run's findings
 * in that region, its changes counted against the last run of that region.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/error.h"
#include "core/region_code.h"
#include "services/compare_lists.h"
#include "test_directory.h"
#include "test_engines.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MODEL_PEOPLE     48
#define MODEL_LIST_EXTRA 8
#define MODEL_LINE_MAX   256
#define MODEL_FINDINGS   (4 * (MODEL_PEOPLE + MODEL_LIST_EXTRA) + 8 * MODEL_PEOPLE)
#define MODEL_SQL_MAX    512
#define MODEL_ROUNDS     8

/* The regions the people live in. */
#define SEED                                                                                       \
    "INSERT INTO regions VALUES ('370000000000', '山东省', 1, NULL);"                           \
    "INSERT INTO regions VALUES ('370800000000', '济宁市', 2, '370000000000');"                 \
    "INSERT INTO regions VALUES ('370811000000', '任城区', 3, '370800000000');"                 \
    "INSERT INTO regions VALUES ('500000000000', '重庆市', 1, NULL);"                           \
    "INSERT INTO regions VALUES ('500101000000', '万州区', 3, '500000000000');"

static int sqlite_setup(void **state)
{
    return engine_sqlite_setup(state, "compare.sqlite", SEED);
}

static int postgres_setup(void **state)
{
    return engine_postgres_setup(state, "bangfu_test_compare", SEED);
}

static unsigned next_random(unsigned *seed)
{
    unsigned x = *seed;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *seed = x;
    return x >> 8;
}

/* A registered person or a person of the poverty list: the compared fields, NULL for none. */
typedef struct model_person {
    char id[24];
    char birth[16];
    const char *fields[6]; /* name hukou_region household_id relation categories phone */
} model_person;

static const char *const field_columns[6] = {"name",     "hukou_region", "household_id",
                                             "relation", "categories",   "phone"};
static const char *const field_values[6][3] = {
    {"张伟", "李娜", "王强"},
    {"370811000000", "500101000000", "370800000000"},
    {"H1", "H2", "H3"},
    {"户主", "配偶", "子女"},
    {"建档立卡贫困人口", "脱贫享受政策人口", "建档立卡贫困人口；易地扶贫搬迁人口"},
    {"13853700001", "0537-2345678", "13912345678"}};

typedef struct model {
    model_person people[MODEL_PEOPLE];
    int registered[MODEL_PEOPLE + MODEL_LIST_EXTRA]; /* index < MODEL_PEOPLE: in people */
    model_person listed[MODEL_PEOPLE + MODEL_LIST_EXTRA];
    int listed_count;
    char lines[MODEL_PEOPLE + MODEL_LIST_EXTRA]
              [MODEL_LINE_MAX];                      /* insurance: "scheme:status;..." */
    unsigned flags[MODEL_PEOPLE + MODEL_LIST_EXTRA]; /* 1 paying, 2 pensioner */
    char *findings[MODEL_FINDINGS];
    int finding_count;
} model;

static int compare_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void model_add(model *m, const char *finding, const char *id, const char *field,
                      const char *name, const char *region, const char *registry_value,
                      const char *list_value)
{
    char line[MODEL_LINE_MAX * 2];
    snprintf(line, sizeof line, "%s|%s|%s|%s|%s|%s|%s", finding, id, field, name ? name : "",
             region ? region : "", registry_value ? registry_value : "",
             list_value ? list_value : "");
    assert_true(m->finding_count < MODEL_FINDINGS);
    m->findings[m->finding_count++] = strdup(line);
}

static void model_clear(model *m)
{
    for (int i = 0; i < m->finding_count; i++)
        free(m->findings[i]);
    m->finding_count = 0;
}

/* Age on day (YYYY-MM-DD) of a birth date, by the calendar. */
static int model_age(const char *birth, const char *day)
{
    int by, bm, bd, y, mo, d;
    sscanf(birth, "%d-%d-%d", &by, &bm, &bd);
    sscanf(day, "%d-%d-%d", &y, &mo, &d);
    return y - by - (mo * 100 + d < bm * 100 + bd);
}

/* The findings the rules give for list (insurance or poverty) on day. */
static void model_compare(model *m, int insurance, const char *day)
{
    model_clear(m);
    for (int l = 0; l < m->listed_count; l++)
        if (m->registered[l] < 0)
            model_add(
                m, "list_only", m->listed[l].id, "", insurance ? NULL : m->listed[l].fields[0],
                insurance ? NULL : m->listed[l].fields[1], NULL, insurance ? m->lines[l] : NULL);
    for (int p = 0; p < MODEL_PEOPLE; p++) {
        const model_person *person = &m->people[p];
        int l = -1;
        for (int i = 0; i < m->listed_count; i++)
            if (m->registered[i] == p)
                l = i;
        const char *name = person->fields[0], *region = person->fields[1];
        if (l < 0)
            model_add(m, "registry_only", person->id, "", name, region, NULL, NULL);
        if (insurance) {
            int age = model_age(person->birth, day);
            unsigned flags = l >= 0 ? m->flags[l] : 0;
            const char *lines = l >= 0 ? m->lines[l] : NULL;
            if (age >= 16 && age <= 59 && flags == 0)
                model_add(m, "uninsured", person->id, "", name, region, NULL, lines);
            if (age >= 60 && !(flags & 2))
                model_add(m, "no_pension", person->id, "", name, region, NULL, lines);
            continue;
        }
        for (int f = 0; l >= 0 && f < 6; f++) {
            const char *listed = m->listed[l].fields[f], *registered = person->fields[f];
            if (listed != NULL && (registered == NULL || strcmp(listed, registered) != 0))
                model_add(m, "differs", person->id, field_columns[f], name, region, registered,
                          listed);
        }
    }
    qsort(m->findings, (size_t)m->finding_count, sizeof m->findings[0], compare_text);
}

static void exec_ok(store *st, const char *sql)
{
    if (store_exec(st, sql) != BF_OK)
        fail_msg("%s: %s", sql, store_error_message(st));
}

/* Binds values (NULL: SQL NULL) and runs sql. */
static void insert_row(store *st, const char *sql, const char *const *values, int count)
{
    store_stmt *stmt = NULL;
    assert_int_equal(store_prepare(st, sql, &stmt), BF_OK);
    for (int i = 0; i < count; i++)
        assert_int_equal(values[i] != NULL ? store_bind_text(stmt, i + 1, values[i])
                                           : store_bind_null(stmt, i + 1),
                         BF_OK);
    assert_int_equal(store_step(stmt), BF_DONE);
    store_finalize(stmt);
}

/* A random registry (ages spread around 16 and 60 of the year 2020) written to people. */
static void random_registry(store *st, model *m, unsigned *seed)
{
    exec_ok(st, "DELETE FROM people");
    for (int p = 0; p < MODEL_PEOPLE; p++) {
        model_person *person = &m->people[p];
        unsigned r = next_random(seed);
        static const int years[] = {1950, 1959, 1960, 1961, 1980, 2003, 2004, 2005, 2012};
        snprintf(person->id, sizeof person->id, "3708111%03u%07u", (unsigned)p % 1000u,
                 r % 10000000u);
        snprintf(person->birth, sizeof person->birth, "%d-%02u-%02u", years[r % 9],
                 1 + next_random(seed) % 12, 1 + next_random(seed) % 28);
        for (int f = 0; f < 6; f++)
            person->fields[f] =
                f < 2 || next_random(seed) % 4 ? field_values[f][next_random(seed) % 3] : NULL;
        const char *values[] = {person->id,        person->fields[0], "男",
                                person->birth,     person->fields[5], person->fields[2],
                                person->fields[3], person->fields[1], person->fields[4]};
        if (values[8] == NULL)
            values[8] = "";
        insert_row(st,
                   "INSERT INTO people (id_number, name, sex, birth_date, phone, household_id, "
                   "relation, hukou_region, categories, created_batch, updated_batch) VALUES "
                   "(?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)",
                   values, 9);
        if (person->fields[4] != NULL && person->fields[4][0] == '\0')
            person->fields[4] = NULL;
    }
}

/* A random list: most registered people, some others; its rows written to its table. */
static void random_list(store *st, model *m, int insurance, unsigned *seed)
{
    static const char *const schemes[] = {"employee_pension", "medical", "resident_pension",
                                          "unemployment"};
    static const char *const statuses[] = {"paying", "suspended", "pensioner", "ended"};
    exec_ok(st, insurance ? "DELETE FROM insurance" : "DELETE FROM poverty_list");
    m->listed_count = 0;
    for (int i = 0; i < MODEL_PEOPLE + MODEL_LIST_EXTRA; i++) {
        if (i < MODEL_PEOPLE && next_random(seed) % 10 < 3)
            continue;
        int l = m->listed_count++;
        model_person *listed = &m->listed[l];
        m->registered[l] = i < MODEL_PEOPLE ? i : -1;
        if (i < MODEL_PEOPLE)
            *listed = m->people[i];
        else
            snprintf(listed->id, sizeof listed->id, "5001011%03u%07u", (unsigned)i % 1000u,
                     next_random(seed) % 10000000u);
        for (int f = 0; f < 6; f++) {
            unsigned r = next_random(seed) % 6;
            listed->fields[f] = r < 2                       ? NULL
                                : r < 4 && i < MODEL_PEOPLE ? m->people[i].fields[f]
                                                            : field_values[f][r % 3];
        }
        if (listed->fields[0] == NULL)
            listed->fields[0] = "某人"; /* 姓名 is required in the list */
        m->lines[l][0] = '\0';
        m->flags[l] = 0;
        if (!insurance) {
            const char *values[] = {listed->id,        listed->fields[0], listed->fields[1],
                                    listed->fields[2], listed->fields[3], listed->fields[4],
                                    listed->fields[5]};
            insert_row(st,
                       "INSERT INTO poverty_list (id_number, name, hukou_region, household_id, "
                       "relation, categories, phone, created_batch, updated_batch) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, 0, 0)",
                       values, 7);
            continue;
        }
        size_t used = 0;
        unsigned mask = 1 + next_random(seed) % 15; /* the schemes of this person, in order */
        for (int s = 0; s < 4; s++) {
            if (!(mask & (1u << s)))
                continue;
            const char *status = statuses[next_random(seed) % 4];
            const char *values[] = {listed->id, schemes[s], status};
            insert_row(st,
                       "INSERT INTO insurance (id_number, scheme, status, created_batch, "
                       "updated_batch) VALUES (?, ?, ?, 0, 0)",
                       values, 3);
            used += (size_t)snprintf(m->lines[l] + used, MODEL_LINE_MAX - used, "%s%s:%s",
                                     used > 0 ? ";" : "", schemes[s], status);
            if (strstr(schemes[s], "pension") != NULL)
                m->flags[l] |= strcmp(status, "paying") == 0      ? 1u
                               : strcmp(status, "pensioner") == 0 ? 2u
                                                                  : 0u;
        }
    }
    /* The model walks in ID order as the comparison does. */
}

/*
 * The findings stored for run (those whose hukou_region lies in the region when region is not
 * NULL), as the model writes them, sorted.
 */
static int stored_findings_in(store *st, int64_t run, const char *region, char **out, int max)
{
    char id[32], low[REGION_CODE_TEXT_MAX] = "", high[REGION_CODE_TEXT_MAX] = "";
    snprintf(id, sizeof id, "%" PRId64, run);
    if (region != NULL)
        region_code_range(region, low, high);
    const char *params[] = {id, low, high};
    store_rows rows = {0};
    bf_error err;
    bf_error_clear(&err);
    int count = 0;
    assert_int_equal(store_rows_open(st,
                                     region != NULL
                                         ? "SELECT finding, id_number, field, name, hukou_region, "
                                           "registry_value, list_value FROM compare_findings "
                                           "WHERE run_id = ? AND hukou_region >= ? AND "
                                           "hukou_region < ?"
                                         : "SELECT finding, id_number, field, name, hukou_region, "
                                           "registry_value, list_value FROM compare_findings "
                                           "WHERE run_id = ?",
                                     params, region != NULL ? 3 : 1, &rows, &err),
                     BF_OK);
    while (store_rows_next(&rows) == 1) {
        char line[MODEL_LINE_MAX * 2];
        const char *v[7];
        for (int c = 0; c < 7; c++) {
            v[c] = store_column_text(rows.stmt, c);
            v[c] = v[c] != NULL ? v[c] : "";
        }
        snprintf(line, sizeof line, "%s|%s|%s|%s|%s|%s|%s", v[0], v[1], v[2], v[3], v[4], v[5],
                 v[6]);
        assert_true(count < max);
        out[count++] = strdup(line);
    }
    store_rows_close(&rows);
    qsort(out, (size_t)count, sizeof out[0], compare_text);
    return count;
}

static int stored_findings(store *st, int64_t run, char **out, int max)
{
    return stored_findings_in(st, run, NULL, out, max);
}

static void free_findings(char **findings, int count)
{
    for (int i = 0; i < count; i++)
        free(findings[i]);
}

/* How many of a (sorted) are not in b (sorted), per finding code prefix. */
static int64_t missing_of_kind(char **a, int na, char **b, int nb, const char *code)
{
    int64_t missing = 0;
    size_t length = strlen(code);
    for (int i = 0; i < na; i++) {
        if (strncmp(a[i], code, length) != 0 || a[i][length] != '|')
            continue;
        /* The same finding: kind, person and field (the first three parts). */
        const char *end = a[i];
        for (int bars = 0; bars < 3 && end != NULL; bars++)
            end = strchr(end + (bars > 0), '|');
        size_t key = end != NULL ? (size_t)(end - a[i]) : strlen(a[i]);
        int found = 0;
        for (int j = 0; j < nb && !found; j++)
            found = strncmp(a[i], b[j], key) == 0 && (b[j][key] == '|' || b[j][key] == '\0');
        missing += !found;
    }
    return missing;
}

/* The regions a run of a region covers, and which of them a run of each list has had. */
static const char *const scoped_regions[] = {"370811000000", "370800000000", "500101000000",
                                             "370000000000"};
#define SCOPED_REGIONS ((int)(sizeof scoped_regions / sizeof scoped_regions[0]))

/*
 * A run of a region just after the whole run whole: its findings are exactly those of the
 * whole run whose hukou lies in the region (compare_lists.h), its previous run is the last run
 * of the same list and region (*previous_scoped, updated here) and its new and resolved
 * counts are taken against that run.
 */
static void check_scoped_run(engine_fixture *f, const char *list, int64_t whole, bf_date as_of,
                             unsigned *seed, int64_t *previous_scoped)
{
    int r = (int)(next_random(seed) % SCOPED_REGIONS);
    const char *region = scoped_regions[r];
    compare_result scoped;
    bf_error err;
    bf_error_clear(&err);
    if (compare_run(f->st, list, region, as_of, &scoped, &err) != BF_OK)
        fail_msg("compare_run %s %s: %s", list, region, err.message);
    static char *expected[MODEL_FINDINGS], *got[MODEL_FINDINGS], *before[MODEL_FINDINGS];
    int expected_count = stored_findings_in(f->st, whole, region, expected, MODEL_FINDINGS);
    int got_count = stored_findings(f->st, scoped.run, got, MODEL_FINDINGS);
    for (int i = 0; i < got_count && i < expected_count; i++)
        if (strcmp(got[i], expected[i]) != 0)
            fail_msg("%s of %s finding %d: stored [%s], whole run's [%s]", list, region, i, got[i],
                     expected[i]);
    assert_int_equal(got_count, expected_count);
    assert_int_equal(scoped.previous, previous_scoped[r]);
    int before_count = previous_scoped[r] > 0
                           ? stored_findings(f->st, previous_scoped[r], before, MODEL_FINDINGS)
                           : 0;
    for (int k = 0; k < COMPARE_FINDING_COUNT; k++) {
        const char *code = compare_finding_code((compare_finding)k);
        assert_int_equal(scoped.counts[k], missing_of_kind(got, got_count, NULL, 0, code));
        assert_int_equal(scoped.added[k],
                         missing_of_kind(got, got_count, before, before_count, code));
        assert_int_equal(scoped.resolved[k],
                         previous_scoped[r] > 0
                             ? missing_of_kind(before, before_count, got, got_count, code)
                             : 0);
    }
    previous_scoped[r] = scoped.run;
    free_findings(expected, expected_count);
    free_findings(got, got_count);
    free_findings(before, before_count);
}

static void test_compare_differential(void **state)
{
    engine_fixture *f = engine_of(state);
    static model m;
    char *previous[2][MODEL_FINDINGS];
    int previous_count[2] = {-1, -1};
    unsigned seed = f->postgres ? 0x5eed2u : 0x5eed1u;
    int64_t previous_scoped[2][SCOPED_REGIONS] = {{0}};
    random_registry(f->st, &m, &seed);
    for (int round = 0; round < MODEL_ROUNDS; round++) {
        int insurance = (int)(next_random(&seed) % 2);
        if (round > 0 && next_random(&seed) % 3 == 0)
            random_registry(f->st, &m, &seed);
        random_list(f->st, &m, insurance, &seed);
        char day[BF_DATE_TEXT_MAX];
        snprintf(day, sizeof day, "2020-%02u-%02u", 1 + next_random(&seed) % 12,
                 1 + next_random(&seed) % 28);
        bf_date as_of;
        assert_int_equal(date_parse(day, &as_of), BF_OK);
        model_compare(&m, insurance, day);

        compare_result result;
        bf_error err;
        bf_error_clear(&err);
        if (compare_run(f->st, insurance ? "insurance" : "poverty", NULL, as_of, &result, &err) !=
            BF_OK)
            fail_msg("compare_run: %s", err.message);
        char *stored[MODEL_FINDINGS];
        int count = stored_findings(f->st, result.run, stored, MODEL_FINDINGS);
        for (int i = 0; i < count && i < m.finding_count; i++)
            if (strcmp(stored[i], m.findings[i]) != 0)
                fail_msg("round %d (%s, %s) finding %d: stored [%s], model [%s]", round,
                         insurance ? "insurance" : "poverty", day, i, stored[i], m.findings[i]);
        assert_int_equal(count, m.finding_count);
        assert_int_equal(result.registry_people, MODEL_PEOPLE);
        assert_int_equal(result.list_people, m.listed_count);
        for (int k = 0; k < COMPARE_FINDING_COUNT; k++) {
            const char *code = compare_finding_code((compare_finding)k);
            char **before = previous[insurance];
            int before_count = previous_count[insurance];
            assert_int_equal(result.counts[k],
                             missing_of_kind(m.findings, m.finding_count, NULL, 0, code));
            assert_int_equal(result.added[k],
                             missing_of_kind(m.findings, m.finding_count, before,
                                             before_count < 0 ? 0 : before_count, code));
            assert_int_equal(result.resolved[k],
                             before_count < 0 ? 0
                                              : missing_of_kind(before, before_count, m.findings,
                                                                m.finding_count, code));
        }
        assert_int_equal(result.previous > 0, previous_count[insurance] >= 0);
        for (int i = 0; i < previous_count[insurance]; i++)
            free(previous[insurance][i]);
        for (int i = 0; i < m.finding_count; i++)
            previous[insurance][i] = strdup(m.findings[i]);
        previous_count[insurance] = m.finding_count;
        for (int i = 0; i < count; i++)
            free(stored[i]);
        /* compare_load reads the same counts back. */
        char list[COMPARE_LIST_NAME_MAX], as_of_text[BF_DATE_TEXT_MAX];
        compare_result loaded;
        assert_int_equal(compare_load(f->st, result.run, list, as_of_text, &loaded, &err), BF_OK);
        assert_string_equal(as_of_text, day);
        assert_memory_equal(loaded.counts, result.counts, sizeof loaded.counts);
        assert_memory_equal(loaded.added, result.added, sizeof loaded.added);
        assert_memory_equal(loaded.resolved, result.resolved, sizeof loaded.resolved);
        check_scoped_run(f, insurance ? "insurance" : "poverty", result.run, as_of, &seed,
                         previous_scoped[insurance]);
    }
    for (int l = 0; l < 2; l++)
        for (int i = 0; i < previous_count[l]; i++)
            free(previous[l][i]);
    model_clear(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compare_differential),
    };
    int failed =
        cmocka_run_group_tests_name("compare on sqlite", tests, sqlite_setup, engine_teardown);
    failed += cmocka_run_group_tests_name("compare on postgresql", tests, postgres_setup,
                                          engine_teardown);
    return failed;
}
