/*
 * test_parameters.c - local parameters in the database (services/
 * local_parameters.c) on SQLite and on PostgreSQL: values checked against the
 * declared unit, every refusal, who and when, the history with corrections,
 * the values in effect by date and region, and their use by the policy
 * engine's lookups (situation values still winning), with a randomized
 * differential test of set/list/apply against a small in-memory model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/error.h"
#include "policy/policy_load.h"
#include "policy/population.h"
#include "policy/situation.h"
#include "services/local_parameters.h"
#include "test_directory.h"
#include "test_engines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The regions the tests set values for: Shandong, Jining, two of its counties, a street, the next
   city (Tai'an, the first code after Jining's range), Shanxi. */
#define SEED_REGIONS                                                                               \
    "INSERT INTO regions VALUES ('370000000000', '山东省', 1, NULL);"                           \
    "INSERT INTO regions VALUES ('370800000000', '济宁市', 2, '370000000000');"                 \
    "INSERT INTO regions VALUES ('370811000000', '任城区', 3, '370800000000');"                 \
    "INSERT INTO regions VALUES ('370826000000', '微山县', 3, '370800000000');"                 \
    "INSERT INTO regions VALUES ('370811001000', '古槐街道', 4, '370811000000');"              \
    "INSERT INTO regions VALUES ('370900000000', '泰安市', 2, '370000000000');"                 \
    "INSERT INTO regions VALUES ('140000000000', '山西省', 1, NULL);"

/* Parameters of each kind of unit, as the policy files declare them. */
static const char policy_text[] =
    "document { number = \"测试〔2020〕1号\", title = \"t\", issuer = \"i\",\n"
    "  issued = \"2020-01-01\", region = \"370800\", valid = { from = \"2020-01-01\", to = "
    "\"2021-12-31\" } }\n"
    "parameter { name = \"min_wage\", title = \"最低工资\", unit = \"yuan_per_month\" }\n"
    "parameter { name = \"term_months\", title = \"规定期限\", unit = \"months\" }\n"
    "parameter { name = \"hires_needed\", title = \"达到规定要求\", unit = \"persons\" }\n"
    "parameter { name = \"epidemic_period\", title = \"疫情期间\", unit = \"window\" }\n";

static policy_set *load_policies(void)
{
    policy_set *set = NULL;
    policy_diagnostics *diag = calloc(1, sizeof *diag);
    bf_error err;
    assert_non_null(diag);
    assert_int_equal(policy_set_create(&set, &err), BF_OK);
    int rc = policy_load_buffer(set, "t.lua", policy_text, strlen(policy_text), diag, &err);
    if (rc == BF_OK)
        rc = policy_set_resolve(set, diag);
    for (int i = 0; i < diag->count; i++)
        print_message("%s:%d: %s\n", diag->items[i].file, diag->items[i].line,
                      diag->items[i].message);
    assert_int_equal(rc, BF_OK);
    free(diag);
    return set;
}

static int sqlite_setup(void **state)
{
    return engine_sqlite_setup(state, "parameters.sqlite", SEED_REGIONS);
}

static int postgres_setup(void **state)
{
    return engine_postgres_setup(state, "bangfu_test_parameters", SEED_REGIONS);
}

static int64_t count_rows(store *st)
{
    int64_t rows = -1;
    assert_int_equal(store_query_int64(st, "SELECT COUNT(*) FROM parameter_values", NULL, 0, &rows),
                     BF_OK);
    return rows;
}

/* The rows a read visits, collected. */
#define COLLECT_MAX 512
typedef struct collected {
    int count;
    local_parameter_row rows[COLLECT_MAX];
} collected;

static int collect(void *context, const local_parameter_row *row)
{
    collected *c = context;
    assert_true(c->count < COLLECT_MAX);
    c->rows[c->count++] = *row;
    return BF_OK;
}

static collected *read_rows(store *st, const char *name, const char *region, const char *at)
{
    collected *c = calloc(1, sizeof *c);
    assert_non_null(c);
    local_parameter_query query = {name, region, at};
    bf_error err;
    bf_error_clear(&err);
    assert_int_equal(local_parameters_read(st, &query, collect, c, &err), BF_OK);
    return c;
}

static int64_t set_value(store *st, const policy_set *set, local_parameter_request request)
{
    local_parameter_row row;
    bf_error err;
    bf_error_clear(&err);
    int rc = local_parameters_set(st, set, &request, &row, &err);
    if (rc != BF_OK)
        fail_msg("%s", err.message);
    return row.id;
}

/* Clears the table between tests (both engines share one database per group). */
static void clear_values(store *st)
{
    assert_int_equal(store_exec(st, "DELETE FROM parameter_values"), BF_OK);
}

static void test_set_history_and_list(void **state)
{
    engine_fixture *f = engine_of(state);
    policy_set *set = load_policies();
    clear_values(f->st);
    local_parameter_row row;
    bf_error err;
    bf_error_clear(&err);
    local_parameter_request first = {.name = "min_wage",
                                     .region = "370800",
                                     .from = "2020-01-01",
                                     .value = "1730",
                                     .source = "鲁政字〔2019〕1号"};
    assert_int_equal(local_parameters_set(f->st, set, &first, &row, &err), BF_OK);
    /* Who (the OS user when not given) and when (UTC, second precision). */
    assert_true(row.set_by[0] != '\0');
    assert_int_equal(strlen(row.set_at), 20);
    assert_int_equal(row.set_at[10], 'T');
    assert_int_equal(row.set_at[19], 'Z');
    assert_string_equal(row.region, "370800000000");
    assert_int_equal(row.amount, 173000);
    int64_t later = set_value(f->st, set,
                              (local_parameter_request){.name = "min_wage",
                                                        .region = "3708",
                                                        .from = "2021-10-01",
                                                        .value = "1900.5",
                                                        .by = "张三"});
    int64_t corrected = set_value(f->st, set,
                                  (local_parameter_request){.name = "min_wage",
                                                            .region = "370800000000",
                                                            .from = "2021-10-01",
                                                            .value = "1910",
                                                            .by = "李四"});
    int64_t county = set_value(
        f->st, set,
        (local_parameter_request){
            .name = "min_wage", .region = "370811", .from = "2020-07-01", .value = "1800"});
    int64_t shanxi =
        set_value(f->st, set,
                  (local_parameter_request){
                      .name = "min_wage", .region = "14", .from = "2020-01-01", .value = "1700"});
    int64_t months =
        set_value(f->st, set,
                  (local_parameter_request){
                      .name = "term_months", .region = "37", .from = "2020-01-01", .value = "6"});
    int64_t window = set_value(
        f->st, set,
        (local_parameter_request){
            .name = "epidemic_period", .region = "37", .from = "2020-01-24", .to = "2020-06-30"});
    int64_t ended =
        set_value(f->st, set,
                  (local_parameter_request){
                      .name = "term_months", .region = "37", .from = "2022-01-01", .ends = 1});
    assert_int_equal(count_rows(f->st), 8);

    /* The history: every row, the corrected one pointing at its correction. */
    collected *c = read_rows(f->st, "min_wage", NULL, NULL);
    assert_int_equal(c->count, 5);
    assert_int_equal(c->rows[0].id, shanxi); /* 140000000000 sorts first */
    assert_int_equal(c->rows[1].id, row.id);
    assert_string_equal(c->rows[1].source, "鲁政字〔2019〕1号");
    assert_int_equal(c->rows[2].id, later);
    assert_int_equal(c->rows[2].corrected_by, corrected);
    assert_string_equal(c->rows[2].set_by, "张三");
    assert_int_equal(c->rows[2].amount, 190050);
    assert_int_equal(c->rows[3].id, corrected);
    assert_int_equal(c->rows[3].corrected_by, 0);
    assert_int_equal(c->rows[4].id, county);
    free(c);

    /* In effect on a day, for a region: its ancestors' and its own, not other provinces'. */
    c = read_rows(f->st, NULL, "370811000000", "2021-12-31");
    assert_int_equal(c->count, 4);
    assert_int_equal(c->rows[0].id, window);
    assert_string_equal(c->rows[0].to, "2020-06-30");
    assert_int_equal(c->rows[1].id, corrected);
    assert_int_equal(c->rows[2].id, county);
    assert_int_equal(c->rows[3].id, months);
    assert_int_equal(c->rows[3].amount, 600);
    free(c);
    c = read_rows(f->st, "term_months", "370811000000", "2022-01-01");
    assert_int_equal(c->count, 1);
    assert_int_equal(c->rows[0].id, ended);
    assert_true(c->rows[0].ends);
    free(c);
    /* Before the first value nothing is in effect; a city sees its own values and those within
       it, not the next city's (the first code after its range); a province sees all. */
    c = read_rows(f->st, "min_wage", NULL, "2019-12-31");
    assert_int_equal(c->count, 0);
    free(c);
    int64_t next_city = set_value(
        f->st, set,
        (local_parameter_request){
            .name = "min_wage", .region = "370900", .from = "2020-01-01", .value = "1600"});
    c = read_rows(f->st, "min_wage", "370800000000", "2020-08-01");
    assert_int_equal(c->count, 2);
    assert_int_equal(c->rows[0].id, row.id);
    assert_int_equal(c->rows[1].id, county);
    free(c);
    c = read_rows(f->st, "min_wage", "370000000000", "2020-08-01");
    assert_int_equal(c->count, 3);
    assert_int_equal(c->rows[0].id, row.id);
    assert_int_equal(c->rows[1].id, county);
    assert_int_equal(c->rows[2].id, next_city);
    free(c);

    char text[96];
    local_parameters_value_text(&row, text, sizeof text);
    assert_string_equal(text, BF_TR("1730.00 元/月", "1730.00 yuan/month"));
    policy_set_free(set);
}

/* Every refusal leaves the table as it was and says which option and why. */
static void test_refusals(void **state)
{
    engine_fixture *f = engine_of(state);
    policy_set *set = load_policies();
    clear_values(f->st);
    char long_text[LOCAL_PARAMETER_TEXT_MAX + 1];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    static const struct {
        local_parameter_request request;
        int code;
        const char *message;
    } cases[] = {
        {{.name = "min_wag", .region = "370800", .from = "2020-01-01", .value = "1"},
         BF_ENOTFOUND,
         "min_wag"},
        {{.name = "min_wage", .region = "37080", .from = "2020-01-01", .value = "1"},
         BF_EINVAL,
         "--region"},
        {{.name = "min_wage", .region = "379900", .from = "2020-01-01", .value = "1"},
         BF_ENOTFOUND,
         "379900"},
        {{.name = "min_wage", .region = NULL, .from = "2020-01-01", .value = "1"},
         BF_EINVAL,
         "--region"},
        {{.name = "min_wage", .region = "370800", .from = "2020-02-30", .value = "1"},
         BF_EINVAL,
         "--from"},
        {{.name = "min_wage", .region = "370800", .from = NULL, .value = "1"}, BF_EINVAL, "--from"},
        {{.name = "min_wage", .region = "370800", .from = "2020-01-01", .value = "-1"},
         BF_EINVAL,
         "--value"},
        {{.name = "min_wage", .region = "370800", .from = "2020-01-01", .value = "1.234"},
         BF_EINVAL,
         "--value"},
        {{.name = "min_wage", .region = "370800", .from = "2020-01-01", .value = "１７３０"},
         BF_EINVAL,
         "--value"},
        {{.name = "min_wage", .region = "370800", .from = "2020-01-01"}, BF_EINVAL, "--value"},
        {{.name = "min_wage", .region = "370800", .from = "2020-01-01", .to = "2020-02-01"},
         BF_EINVAL,
         "--to"},
        {{.name = "min_wage", .region = "370800", .from = "2020-01-01", .value = "1", .ends = 1},
         BF_EINVAL,
         "--end"},
        {{.name = "term_months", .region = "370800", .from = "2020-01-01", .value = "6.5"},
         BF_EINVAL,
         "months"},
        {{.name = "hires_needed", .region = "370800", .from = "2020-01-01", .value = "1000001"},
         BF_EINVAL,
         "persons"},
        {{.name = "epidemic_period", .region = "37", .from = "2020-01-24", .value = "3"},
         BF_EINVAL,
         "--value"},
        {{.name = "epidemic_period", .region = "37", .from = "2020-01-24", .to = "2020-01-23"},
         BF_EINVAL,
         "--to"},
        {{.name = "epidemic_period", .region = "37", .from = "2020-01-24", .to = "2020-13-01"},
         BF_EINVAL,
         "--to"},
        {{.name = "epidemic_period",
          .region = "37",
          .from = "2020-01-24",
          .to = "2020-02-01",
          .ends = 1},
         BF_EINVAL,
         "--end"},
        {{.name = "min_wage", .region = "370800", .from = "2020-01-01", .value = "1", .by = ""},
         BF_EINVAL,
         "--by"},
        {{.name = "min_wage", .region = "370800", .from = "2020-01-01", .value = "1", .by = "a\nb"},
         BF_EINVAL,
         "--by"},
        {{.name = "min_wage",
          .region = "370800",
          .from = "2020-01-01",
          .value = "1",
          .source = "x\x1b[31m"},
         BF_EINVAL,
         "--source"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bf_error err;
        bf_error_clear(&err);
        int rc = local_parameters_set(f->st, set, &cases[i].request, NULL, &err);
        if (rc != cases[i].code || strstr(err.message, cases[i].message) == NULL)
            fail_msg("case %zu: code %d, message '%s'", i, rc, err.message);
    }
    local_parameter_request too_long = {
        .name = "min_wage", .region = "370800", .from = "2020-01-01", .value = "1"};
    too_long.source = long_text;
    bf_error err;
    assert_int_equal(local_parameters_set(f->st, set, &too_long, NULL, &err), BF_EINVAL);
    assert_non_null(strstr(err.message, "--source"));
    assert_int_equal(count_rows(f->st), 0);
    /* The edges that are accepted: zero, two decimals, a whole count, an open window. */
    set_value(f->st, set,
              (local_parameter_request){
                  .name = "min_wage", .region = "370800", .from = "2020-01-01", .value = "0"});
    set_value(f->st, set,
              (local_parameter_request){
                  .name = "min_wage", .region = "370800", .from = "2020-01-01", .value = "0.01"});
    set_value(f->st, set,
              (local_parameter_request){.name = "hires_needed",
                                        .region = "370811001",
                                        .from = "2020-01-01",
                                        .value = "1000000"});
    set_value(
        f->st, set,
        (local_parameter_request){.name = "epidemic_period", .region = "37", .from = "2020-01-24"});
    set_value(f->st, set,
              (local_parameter_request){
                  .name = "epidemic_period", .region = "37", .from = "2020-07-01", .ends = 1});
    assert_int_equal(count_rows(f->st), 5);
    policy_set_free(set);
}

/*
 * The stored values written as a situation file's parameters and read back
 * give the engine the same lookups as local_parameters_apply(): every
 * parameter and region of the model at every day, and windows.
 */
static void check_situation_equivalence(store *st, const policy_set *applied,
                                        const char *const *regions, int region_count,
                                        const char *const *days, int day_count)
{
    bf_error err;
    bf_error_clear(&err);
    json_t *parameters = NULL;
    assert_int_equal(local_parameters_situation_json(st, applied, &parameters, &err), BF_OK);
    json_t *root = json_pack("{s:{s:s,s:s},s:o}", "period", "from", "2020-01", "to", "2020-12",
                             "parameters", parameters);
    assert_non_null(root);
    char *text = json_dumps(root, 0);
    json_decref(root);
    assert_non_null(text);
    situation *s = NULL;
    if (situation_parse_text(text, strlen(text), &s, &err) != BF_OK)
        fail_msg("%s in %s", err.message, text);
    free(text);
    policy_set *from_file = load_policies();
    if (situation_apply_parameters(s, from_file, &err) != BF_OK)
        fail_msg("%s", err.message);
    for (int p = 0; p < applied->parameter_count; p++) {
        const policy_parameter *a = &applied->parameters[p];
        const policy_parameter *b = &from_file->parameters[p];
        for (int r = 0; r < region_count; r++) {
            int64_t region = population_region_parse(regions[r]);
            if (a->unit == POLICY_PARAMETER_WINDOW) {
                int32_t from_a = 0, to_a = 0, from_b = 0, to_b = 0;
                int rc = policy_parameter_window(a, region, &from_a, &to_a);
                assert_int_equal(policy_parameter_window(b, region, &from_b, &to_b), rc);
                assert_int_equal(from_a, from_b);
                assert_int_equal(to_a, to_b);
                continue;
            }
            for (int d = 0; d < day_count; d++) {
                bf_date day;
                assert_int_equal(date_parse(days[d], &day), BF_OK);
                int64_t fen_a = -1, fen_b = -1;
                int rc = policy_parameter_lookup(a, region, (int32_t)date_to_days(day), &fen_a);
                assert_int_equal(
                    policy_parameter_lookup(b, region, (int32_t)date_to_days(day), &fen_b), rc);
                assert_int_equal(fen_a, fen_b);
            }
        }
    }
    situation_free(s);
    policy_set_free(from_file);
}

/* The stored values in the engine's timelines: lookups, corrections, ends, windows, skips. */
static void test_apply(void **state)
{
    engine_fixture *f = engine_of(state);
    policy_set *set = load_policies();
    clear_values(f->st);
    set_value(f->st, set,
              (local_parameter_request){
                  .name = "min_wage", .region = "370800", .from = "2020-01-01", .value = "1730"});
    set_value(f->st, set,
              (local_parameter_request){
                  .name = "min_wage", .region = "370800", .from = "2021-10-01", .value = "1900"});
    set_value(f->st, set,
              (local_parameter_request){
                  .name = "min_wage", .region = "370800", .from = "2021-10-01", .value = "1910"});
    set_value(f->st, set,
              (local_parameter_request){
                  .name = "min_wage", .region = "370800", .from = "2023-01-01", .ends = 1});
    set_value(
        f->st, set,
        (local_parameter_request){
            .name = "epidemic_period", .region = "37", .from = "2020-01-24", .to = "2020-06-30"});
    /* A row of a parameter the policies no longer declare, and one declared now with another
       unit: not used, counted. */
    assert_int_equal(
        store_exec(
            f->st,
            "INSERT INTO parameter_values (id, name, unit, region, valid_from, amount, ends, "
            "set_by, set_at) VALUES (900, 'retired_parameter', 'yuan', '370800000000', "
            "'2020-01-01', 100, 0, 'x', '2020-01-01T00:00:00Z'), (901, 'term_months', "
            "'yuan', '370800000000', '2020-01-01', 100, 0, 'x', '2020-01-01T00:00:00Z')"),
        BF_OK);
    int64_t skipped = -1;
    bf_error err;
    bf_error_clear(&err);
    assert_int_equal(local_parameters_apply(f->st, set, &skipped, &err), BF_OK);
    assert_int_equal(skipped, 2);
    static const char *const regions[] = {"370811001000", "370800000000", "370000000000",
                                          "140000000000"};
    static const char *const days[] = {"2019-12-31", "2020-01-01", "2021-09-30",
                                       "2021-10-01", "2022-12-31", "2023-01-01"};
    check_situation_equivalence(f->st, set, regions, 4, days, 6);
    const policy_parameter *wage = &set->parameters[policy_set_find_parameter(set, "min_wage")];
    const int64_t street = population_region_parse("370811001000");
    int64_t fen = 0;
    int32_t day = (int32_t)date_to_days((bf_date){2019, 12, 31});
    assert_int_equal(policy_parameter_lookup(wage, street, day, &fen), BF_ENOTFOUND);
    day = (int32_t)date_to_days((bf_date){2020, 6, 1});
    assert_int_equal(policy_parameter_lookup(wage, street, day, &fen), BF_OK);
    assert_int_equal(fen, 173000);
    day = (int32_t)date_to_days((bf_date){2021, 10, 1});
    assert_int_equal(policy_parameter_lookup(wage, street, day, &fen), BF_OK);
    assert_int_equal(fen, 191000); /* the correction */
    day = (int32_t)date_to_days((bf_date){2023, 1, 1});
    assert_int_equal(policy_parameter_lookup(wage, street, day, &fen), BF_ENOTFOUND);
    assert_int_equal(policy_parameter_lookup(wage, population_region_parse("140000000000"),
                                             (int32_t)date_to_days((bf_date){2021, 1, 1}), &fen),
                     BF_ENOTFOUND);
    const policy_parameter *period =
        &set->parameters[policy_set_find_parameter(set, "epidemic_period")];
    int32_t from = 0, to = 0;
    assert_int_equal(policy_parameter_window(period, street, &from, &to), BF_OK);
    assert_int_equal(from, date_to_days((bf_date){2020, 1, 24}));
    assert_int_equal(to, date_to_days((bf_date){2020, 6, 30}));
    /* A stored value wins over a policy file's at the same region, even one starting later. */
    policy_parameter_value file_value = {.region = population_region_parse("370800000000"),
                                         .from = (int32_t)date_to_days((bf_date){2021, 1, 1}),
                                         .fen = 200000,
                                         .origin = POLICY_ORIGIN_FILE,
                                         .to = POLICY_DAY_MAX};
    assert_int_equal(
        policy_parameter_add_value(&set->parameters[policy_set_find_parameter(set, "min_wage")],
                                   &file_value, &err),
        BF_OK);
    day = (int32_t)date_to_days((bf_date){2021, 6, 1});
    assert_int_equal(policy_parameter_lookup(wage, street, day, &fen), BF_OK);
    assert_int_equal(fen, 173000);
    /* A situation's value wins over the stored ones at the same region. */
    policy_parameter_value situation = {.region = population_region_parse("370800000000"),
                                        .from = (int32_t)date_to_days((bf_date){2020, 1, 1}),
                                        .fen = 150000,
                                        .origin = POLICY_ORIGIN_SITUATION,
                                        .to = POLICY_DAY_MAX};
    assert_int_equal(
        policy_parameter_add_value(&set->parameters[policy_set_find_parameter(set, "min_wage")],
                                   &situation, &err),
        BF_OK);
    day = (int32_t)date_to_days((bf_date){2021, 11, 1});
    assert_int_equal(policy_parameter_lookup(wage, street, day, &fen), BF_OK);
    assert_int_equal(fen, 150000);
    policy_set_free(set);
}

/* The model of the differential test: the rows set, in order. */
#define MODEL_ROWS 120
typedef struct model_row {
    int64_t id;
    int name;   /* index in model_names */
    int region; /* index in model_regions */
    int from;   /* index in model_days */
    int ends;
    int64_t amount;
} model_row;

static const char *const model_names[] = {"min_wage", "term_months"};
static const char *const model_regions[] = {"370000000000", "370800000000", "370811000000",
                                            "370826000000", "370811001000", "140000000000"};
static const char *const model_days[] = {"2020-01-01", "2020-03-15", "2020-07-01",
                                         "2021-01-01", "2021-06-30", "2022-01-01"};
#define MODEL_REGION_COUNT (int)(sizeof model_regions / sizeof *model_regions)
#define MODEL_DAY_COUNT    (int)(sizeof model_days / sizeof *model_days)

/* 1 when region a lies within region b (or is b). */
static int model_within(int a, int b)
{
    return region_code_within(model_regions[a], model_regions[b]);
}

/* The row in effect for (name, region) on day, or NULL: the latest start, then the highest id. */
static const model_row *model_effective(const model_row *rows, int count, int name, int region,
                                        const char *day)
{
    const model_row *best = NULL;
    for (int i = 0; i < count; i++) {
        const model_row *r = &rows[i];
        if (r->name != name || r->region != region || strcmp(model_days[r->from], day) > 0)
            continue;
        if (best == NULL || r->from > best->from || (r->from == best->from && r->id > best->id))
            best = r;
    }
    return best;
}

static uint64_t next_random(uint64_t *seed)
{
    *seed = *seed * 6364136223846793005u + 1442695040888963407u;
    return *seed >> 33;
}

/*
 * Randomized: values set in any order (corrections, ends, every region level)
 * against the model: `list` at every day and region, and the engine's lookup
 * after apply at every day and region.
 */
static void test_differential(void **state)
{
    engine_fixture *f = engine_of(state);
    policy_set *set = load_policies();
    static model_row rows[MODEL_ROWS];
    uint64_t seed = 20201;
    for (int round = 0; round < 4; round++) {
        clear_values(f->st);
        int count = 10 + round * 30;
        for (int i = 0; i < count; i++) {
            model_row *r = &rows[i];
            r->name = (int)(next_random(&seed) % 2);
            r->region = (int)(next_random(&seed) % MODEL_REGION_COUNT);
            r->from = (int)(next_random(&seed) % MODEL_DAY_COUNT);
            r->ends = next_random(&seed) % 5 == 0;
            r->amount = r->name == 0 ? (int64_t)(next_random(&seed) % 300000)
                                     : (int64_t)(next_random(&seed) % 48) * 100;
            char value[32];
            snprintf(value, sizeof value, "%lld.%02lld", (long long)(r->amount / 100),
                     (long long)(r->amount % 100));
            if (r->name == 1)
                snprintf(value, sizeof value, "%lld", (long long)(r->amount / 100));
            r->id = set_value(f->st, set,
                              (local_parameter_request){.name = model_names[r->name],
                                                        .region = model_regions[r->region],
                                                        .from = model_days[r->from],
                                                        .value = r->ends ? NULL : value,
                                                        .ends = r->ends});
        }
        /* list --region R --at D: the effective row of every timeline touching R. */
        for (int region = 0; region < MODEL_REGION_COUNT; region++)
            for (int d = 0; d < MODEL_DAY_COUNT; d++) {
                collected *c = read_rows(f->st, NULL, model_regions[region], model_days[d]);
                int expected = 0;
                for (int name = 0; name < 2; name++)
                    for (int other = 0; other < MODEL_REGION_COUNT; other++) {
                        if (!model_within(region, other) && !model_within(other, region))
                            continue;
                        const model_row *want =
                            model_effective(rows, count, name, other, model_days[d]);
                        if (want == NULL)
                            continue;
                        int found = 0;
                        for (int k = 0; k < c->count; k++)
                            found |= c->rows[k].id == want->id;
                        if (!found)
                            fail_msg("round %d: row #%lld missing from list --region %s --at %s",
                                     round, (long long)want->id, model_regions[region],
                                     model_days[d]);
                        expected++;
                    }
                assert_int_equal(c->count, expected);
                free(c);
            }
        /* apply, then the engine's lookup: the most specific region with an effective row. */
        policy_set *applied = load_policies();
        bf_error err;
        assert_int_equal(local_parameters_apply(f->st, applied, NULL, &err), BF_OK);
        for (int name = 0; name < 2; name++) {
            const policy_parameter *parameter =
                &applied->parameters[policy_set_find_parameter(applied, model_names[name])];
            for (int region = 0; region < MODEL_REGION_COUNT; region++)
                for (int d = 0; d < MODEL_DAY_COUNT; d++) {
                    const model_row *want = NULL;
                    int want_digits = -1;
                    for (int other = 0; other < MODEL_REGION_COUNT; other++) {
                        if (!model_within(region, other))
                            continue;
                        const model_row *r =
                            model_effective(rows, count, name, other, model_days[d]);
                        int digits = region_level_digits(region_code_level(model_regions[other]));
                        if (r != NULL && digits > want_digits) {
                            want = r;
                            want_digits = digits;
                        }
                    }
                    bf_date day;
                    date_parse(model_days[d], &day);
                    int64_t fen = -1;
                    int rc = policy_parameter_lookup(parameter,
                                                     population_region_parse(model_regions[region]),
                                                     (int32_t)date_to_days(day), &fen);
                    if (want == NULL || want->ends)
                        assert_int_equal(rc, BF_ENOTFOUND);
                    else {
                        assert_int_equal(rc, BF_OK);
                        assert_int_equal(fen, want->amount);
                    }
                }
        }
        check_situation_equivalence(f->st, applied, model_regions, MODEL_REGION_COUNT, model_days,
                                    MODEL_DAY_COUNT);
        policy_set_free(applied);
        /* The history holds every row set, each correction pointing forward. */
        collected *c = read_rows(f->st, NULL, NULL, NULL);
        assert_int_equal(c->count, count);
        for (int k = 0; k < c->count; k++) {
            const local_parameter_row *r = &c->rows[k];
            int64_t expect = 0;
            const model_row *m = NULL;
            for (int i = 0; i < count; i++)
                if (rows[i].id == r->id)
                    m = &rows[i];
            assert_non_null(m);
            for (int i = 0; i < count; i++)
                if (rows[i].name == m->name && rows[i].region == m->region &&
                    rows[i].from == m->from && rows[i].id > m->id &&
                    (expect == 0 || rows[i].id < expect))
                    expect = rows[i].id;
            assert_int_equal(r->corrected_by, expect);
        }
        free(c);
    }
    policy_set_free(set);
}

int main(void)
{
    bf_locale_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_history_and_list),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_apply),
        cmocka_unit_test(test_differential),
    };
    int failed =
        cmocka_run_group_tests_name("parameters on sqlite", tests, sqlite_setup, engine_teardown);
    failed += cmocka_run_group_tests_name("parameters on postgresql", tests, postgres_setup,
                                          engine_teardown);
    return failed;
}
