/* test_policy.c - the policy loader (sandbox, diagnostics), parameters, evaluation, situations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <lauxlib.h>
#include <lua.h>

#include "core/date.h"
#include "core/error.h"
#include "core/money.h"
#include "core/region_code.h"
#include "policy/policy_eval.h"
#include "policy/policy_load.h"
#include "policy/policy_output.h"
#include "policy/population.h"
#include "policy/situation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A document declaration every test policy starts with. */
#define DOC                                                                                        \
    "document { number = \"测试〔2020〕1号\", title = \"t\", issuer = \"i\",\n"               \
    "  issued = \"2020-01-01\", region = \"370800\", valid = { from = \"2020-01-01\", to = "       \
    "\"2021-12-31\" } }\n"

/* The loader's state for one test: a set and its diagnostics. */
typedef struct loaded {
    policy_set *set;
    policy_diagnostics *diag;
    int rc;
} loaded;

static loaded load_text(const char *text)
{
    loaded l = {NULL, calloc(1, sizeof(policy_diagnostics)), BF_OK};
    bf_error err;
    assert_non_null(l.diag);
    assert_int_equal(policy_set_create(&l.set, &err), BF_OK);
    l.rc = policy_load_buffer(l.set, "test.lua", text, strlen(text), l.diag, &err);
    if (l.rc == BF_OK || l.rc == BF_EPOLICY)
        if (policy_set_resolve(l.set, l.diag) != BF_OK)
            l.rc = BF_EPOLICY;
    return l;
}

static void unload(loaded *l)
{
    policy_set_free(l->set);
    free(l->diag);
}

/* True when some diagnostic is at line (0: any line) and contains needle. */
static int has_problem(const loaded *l, int line, const char *needle)
{
    for (int i = 0; i < l->diag->count; i++)
        if ((line == 0 || l->diag->items[i].line == line) &&
            strstr(l->diag->items[i].message, needle) != NULL)
            return 1;
    return 0;
}

static void print_problems(const loaded *l)
{
    for (int i = 0; i < l->diag->count; i++)
        fprintf(stderr, "  %s:%d: %s\n", l->diag->items[i].file, l->diag->items[i].line,
                l->diag->items[i].message);
}

static const char *const good_benefit =
    DOC "parameter { name = \"min_wage\", title = \"最低工资\", unit = \"yuan_per_month\" }\n"
        "benefit {\n" /* line 4 */
        "  id = \"t.monthly\", name = \"月补\", clause = \"一\", text = \"x\", target = \"y\",\n"
        "  unit = \"job\", payee = \"person\",\n"
        "  conditions = {\n"
        "    { \"category\", \"建档立卡贫困人口\" },\n" /* line 8 */
        "    { \"job_within\", \"370800\" },\n"
        "  },\n"
        "  amount = { per_month = 1000, max_months = 3 },\n"
        "}\n"
        "benefit {\n"
        "  id = \"t.living\", name = \"生活补贴\", clause = \"二\", text = \"x\", target = \"y\",\n"
        "  unit = \"training\", payee = \"person\",\n"
        "  conditions = { { \"training_within\", \"370800\" } },\n"
        "  amount = { per_day = { parameter = \"min_wage\", percent = 60, days_per_month = 21.75 },"
        " max_days = 60 },\n"
        "}\n";

static void test_load_good(void **state)
{
    (void)state;
    loaded l = load_text(good_benefit);
    if (l.rc != BF_OK)
        print_problems(&l);
    assert_int_equal(l.rc, BF_OK);
    assert_int_equal(l.set->rule_count, 2);
    const policy_rule *r = l.set->rules[0];
    assert_string_equal(r->id, "t.monthly");
    assert_int_equal(r->line, 4);
    assert_int_equal(r->conditions[0].line, 8);
    assert_int_equal(r->amount.value.fen, 100000);
    assert_int_equal(r->amount.max_months, 3);
    assert_int_equal(l.set->rules[1]->amount.value.percent_hundredths, 6000);
    assert_int_equal(l.set->rules[1]->amount.value.days_per_month_hundredths, 2175);
    unload(&l);
}

static void test_load_real_policies(void **state)
{
    (void)state;
    policy_set *set = NULL;
    policy_diagnostics *diag = calloc(1, sizeof *diag);
    bf_error err;
    assert_int_equal(policy_set_create(&set, &err), BF_OK);
    char dir[POLICY_PATH_MAX];
    /* Unit tests run from the repository root (scripts/test.sh, make unit). */
    if (policy_find_dir(NULL, dir, sizeof dir, &err) == BF_OK) {
        int rc = policy_load_dir(set, dir, diag, &err);
        for (int i = 0; i < diag->count; i++)
            fprintf(stderr, "%s:%d: %s\n", diag->items[i].file, diag->items[i].line,
                    diag->items[i].message);
        assert_int_equal(rc, BF_OK);
        assert_true(policy_set_find_rule(set, "jining47.transport_meal") >= 0);
        assert_true(policy_set_find_rule(set, "shanxi127.referral") >= 0);
    }
    policy_set_free(set);
    free(diag);
}

static void test_load_syntax_error(void **state)
{
    (void)state;
    loaded l = load_text(DOC "benefit {\n  id = \"a\",\n  name = = 3\n}\n");
    assert_int_equal(l.rc, BF_EPOLICY);
    assert_int_equal(l.diag->count, 1);
    assert_int_equal(l.diag->items[0].line, 5);
    unload(&l);
}

static void test_load_missing_fields_and_types(void **state)
{
    (void)state;
    loaded l = load_text(DOC "benefit {\n"
                             "  id = \"t.a\", name = \"n\", text = \"x\", target = \"y\",\n"
                             "  unit = \"job\", payee = \"person\",\n"
                             "  conditions = { { \"job_months_at_least\", \"3\" } },\n"
                             "  amount = { once = \"1500\", colour = 1 },\n"
                             "}\n");
    assert_int_equal(l.rc, BF_EPOLICY);
    assert_true(has_problem(&l, 3, "clause"));
    assert_true(has_problem(&l, 6, "job_months_at_least"));
    assert_true(has_problem(&l, 7, "colour"));
    assert_true(has_problem(&l, 7, "once"));
    unload(&l);
}

/* Old-Mac (CR) and mixed line ends: problems are named at the lines Lua counts. */
static void test_load_line_numbers_with_cr_line_ends(void **state)
{
    (void)state;
    loaded l =
        load_text("document { number = \"测试〔2020〕1号\", title = \"t\", issuer = \"i\",\r"
                  "  issued = \"2020-01-01\", region = \"370800\", valid = { from = "
                  "\"2020-01-01\", to = \"2021-12-31\" } }\r\n"
                  "benefit {\n\r"
                  "  id = \"t.a\", name = \"n\", clause = \"一\", text = \"x\", target = \"y\",\r"
                  "  unit = \"person\", payee = \"person\",\r"
                  "  conditions = { { \"hukou_inn\", \"500101\" } },\r"
                  "  amount = { once = 1500 },\r"
                  "}\r");
    assert_int_equal(l.rc, BF_EPOLICY);
    if (!has_problem(&l, 6, "hukou_inn"))
        print_problems(&l);
    assert_true(has_problem(&l, 6, "hukou_inn"));
    unload(&l);
}

static void test_load_unknown_condition_and_unit_mismatch(void **state)
{
    (void)state;
    loaded l = load_text(
        DOC "benefit {\n"
            "  id = \"t.a\", name = \"n\", clause = \"一\", text = \"x\", target = \"y\",\n"
            "  unit = \"person\", payee = \"person\",\n"
            "  conditions = {\n"
            "    { \"hukou_inn\", \"500101\" },\n"
            "    { \"job_within\", \"370800\" },\n"
            "    { \"hukou_within\", \"12345\" },\n"
            "  },\n"
            "  amount = { once = 1500.001 },\n"
            "}\n");
    assert_int_equal(l.rc, BF_EPOLICY);
    assert_true(has_problem(&l, 7, "hukou_inn"));
    assert_true(has_problem(&l, 8, "job_within"));
    assert_true(has_problem(&l, 9, "12345"));
    assert_true(has_problem(&l, 11, "once"));
    unload(&l);
}

static void test_load_cross_references(void **state)
{
    (void)state;
    loaded l = load_text(
        DOC "parameter { name = \"p\", title = \"t\", unit = \"yuan_per_day\" }\n"
            "benefit { id = \"t.a\", name = \"n\", clause = \"一\", text = \"x\", target = \"y\",\n"
            "  unit = \"job\", payee = \"person\", conditions = { { \"employer_status\", "
            "\"t.nope\" } },\n"
            "  amount = { per_month = { parameter = \"p\" } }, not_with = { \"t.zzz\" } }\n"
            "benefit { id = \"t.a\", name = \"n\", clause = \"一\", text = \"x\", target = \"y\",\n"
            "  unit = \"job\", payee = \"person\", conditions = {},\n"
            "  amount = { once = { parameter = \"undeclared\" } } }\n");
    assert_int_equal(l.rc, BF_EPOLICY);
    assert_true(has_problem(&l, 0, "t.nope"));
    assert_true(has_problem(&l, 0, "t.zzz"));
    assert_true(has_problem(&l, 0, "yuan_per_day"));
    assert_true(has_problem(&l, 7, "t.a"));
    assert_true(has_problem(&l, 0, "undeclared"));
    unload(&l);
}

/* One way out of the sandbox, appended to a policy that is valid without it (good_benefit):
 * the file must be refused for that reason, named at the attempt's line. */
typedef struct sandbox_attempt {
    const char *text;    /* Lua appended as the file's last line */
    int at_attempt_line; /* 1: the diagnostic names that line; 0: any line (out of memory) */
    const char *reason;  /* a fragment of the diagnostic */
} sandbox_attempt;

/* The sandbox attempts take about a second; a runaway one (no instruction budget) would hang
 * the suite, so an alarm ends the process after this many seconds instead. */
#define SANDBOX_TEST_SECONDS_MAX 120

/* Bytes of a Lua chunk written by lua_dump. */
typedef struct dumped_chunk {
    char bytes[16384];
    size_t length;
} dumped_chunk;

static int dump_writer(lua_State *L, const void *part, size_t size, void *ud)
{
    (void)L;
    dumped_chunk *chunk = ud;
    if (size > sizeof chunk->bytes - chunk->length)
        return 1;
    memcpy(chunk->bytes + chunk->length, part, size);
    chunk->length += size;
    return 0;
}

static void test_load_sandbox(void **state)
{
    (void)state;
    static const sandbox_attempt attempts[] = {
        {"os.execute(\"touch /tmp/bangfu_pwned\")\n", 1, "global 'os'"},
        {"local f = io.open(\"/etc/passwd\")\n", 1, "global 'io'"},
        {"require(\"os\")\n", 1, "global 'require'"},
        {"load(\"return 1\")()\n", 1, "global 'load'"},
        {"dofile(\"/etc/passwd\")\n", 1, "global 'dofile'"},
        {"loadfile(\"/etc/passwd\")\n", 1, "global 'loadfile'"},
        {"print(\"hello\")\n", 1, "global 'print'"},
        {"setmetatable(_ENV, { __index = function() end })\n", 1, "global 'setmetatable'"},
        {"local m = getmetatable(\"\")\n", 1, "global 'getmetatable'"},
        {"rawset(_ENV, \"os\", 1)\n", 1, "global 'rawset'"},
        {"_G.os = 1\n", 1, "global '_G'"},
        /* Strings have no metatable: no method reaches the string library. */
        {"local s = (\"x\"):rep(100)\n", 1, "attempt to index a string value"},
        {"string.rep(\"x\", 1e9)\n", 1, "global 'string'"},
        {"debug.sethook()\n", 1, "global 'debug'"},
        {"collectgarbage(\"stop\")\n", 1, "global 'collectgarbage'"},
        /* No pcall: a stopped run cannot be caught and resumed. */
        {"pcall(function() while true do end end)\n", 1, "global 'pcall'"},
        {"coroutine.wrap(function() end)()\n", 1, "global 'coroutine'"},
        {"local n = #table.concat({})\n", 1, "global 'table'"},
        {"local n = math.huge\n", 1, "global 'math'"},
        {"while true do end\n", 1, "instruction budget exceeded"},
        {"local n = 0 for i = 1, 1e9 do n = n + i end\n", 1, "instruction budget exceeded"},
        {"local s = \"x\" while true do s = s .. s end\n", 0, "not enough memory"},
        {"local t = {} for i = 1, 1e8 do t[i] = {} end\n", 0, "not enough memory"},
        {"document(\"x\")\n", 1, "document takes one table"},
    };
    alarm(SANDBOX_TEST_SECONDS_MAX);
    int prefix_lines = 0;
    for (const char *c = good_benefit; *c != '\0'; c++)
        prefix_lines += *c == '\n';
    char text[4096];
    /* Without the attempt the file is valid, so a refusal below is the attempt's doing. */
    loaded control = load_text(good_benefit);
    assert_int_equal(control.rc, BF_OK);
    unload(&control);
    for (size_t i = 0; i < sizeof attempts / sizeof attempts[0]; i++) {
        snprintf(text, sizeof text, "%s%s", good_benefit, attempts[i].text);
        loaded l = load_text(text);
        int line = attempts[i].at_attempt_line ? prefix_lines + 1 : 0;
        if (l.rc != BF_EPOLICY || !has_problem(&l, line, attempts[i].reason)) {
            fprintf(stderr, "attempt %s refused with rc %d, expected line %d and \"%s\":\n",
                    attempts[i].text, l.rc, line, attempts[i].reason);
            print_problems(&l);
        }
        assert_int_equal(l.rc, BF_EPOLICY);
        assert_true(has_problem(&l, line, attempts[i].reason));
        unload(&l);
    }
    FILE *pwned = fopen("/tmp/bangfu_pwned", "r");
    assert_null(pwned);

    /* The same valid policy compiled to bytecode: refused because it is bytecode. */
    dumped_chunk chunk = {.length = 0};
    lua_State *L = luaL_newstate();
    assert_non_null(L);
    assert_int_equal(luaL_loadstring(L, good_benefit), LUA_OK);
    assert_int_equal(lua_dump(L, dump_writer, &chunk, 0), 0);
    lua_close(L);
    policy_set *set = NULL;
    policy_diagnostics *diag = calloc(1, sizeof *diag);
    bf_error err;
    assert_non_null(diag);
    assert_int_equal(policy_set_create(&set, &err), BF_OK);
    assert_int_equal(policy_load_buffer(set, "test.lua", chunk.bytes, chunk.length, diag, &err),
                     BF_EPOLICY);
    assert_true(diag->count >= 1);
    if (strstr(diag->items[0].message, "binary chunk") == NULL)
        fprintf(stderr, "bytecode refused with: %s\n", diag->items[0].message);
    assert_non_null(strstr(diag->items[0].message, "attempt to load a binary chunk"));
    policy_set_free(set);
    free(diag);
    alarm(0);
}

/* A file declares its document exactly once. */
static void test_load_document_once(void **state)
{
    (void)state;
    loaded empty = load_text("");
    assert_int_equal(empty.rc, BF_EPOLICY);
    assert_true(has_problem(&empty, 1, "the file has no document"));
    unload(&empty);
    loaded twice = load_text(DOC DOC);
    assert_int_equal(twice.rc, BF_EPOLICY);
    if (!has_problem(&twice, 3, "a file has one document"))
        print_problems(&twice);
    assert_true(has_problem(&twice, 3, "a file has one document"));
    unload(&twice);
}

static void test_load_runaway_names_budget(void **state)
{
    (void)state;
    loaded l = load_text(DOC "\nwhile true do end\n");
    assert_int_equal(l.rc, BF_EPOLICY);
    if (!has_problem(&l, 4, "instruction"))
        print_problems(&l);
    assert_true(has_problem(&l, 4, "instruction"));
    unload(&l);
}

static void test_load_deep_nesting(void **state)
{
    (void)state;
    /* 40 nested any: more conditions than POLICY_CONDITIONS_MAX, refused without a crash. */
    char text[8192];
    int used = snprintf(text, sizeof text,
                        "%sbenefit { id = \"t.a\", name = \"n\", clause = \"一\", text = \"x\", "
                        "target = \"y\", unit = \"job\", payee = \"person\", conditions = { ",
                        DOC);
    for (int i = 0; i < 40; i++)
        used += snprintf(text + used, sizeof text - (size_t)used, "{\"any\", ");
    used += snprintf(text + used, sizeof text - (size_t)used, "{\"organized\"}");
    for (int i = 0; i < 40; i++)
        used += snprintf(text + used, sizeof text - (size_t)used, "}");
    snprintf(text + used, sizeof text - (size_t)used, " }, amount = { once = 1 } }\n");
    loaded l = load_text(text);
    assert_int_equal(l.rc, BF_EPOLICY);
    assert_true(has_problem(&l, 0, "more than") || has_problem(&l, 0, "超过"));
    unload(&l);
}

/* The population's integer region helpers agree with core/region_code on levels and ancestry. */
static void test_region_numbers_agree_with_core(void **state)
{
    (void)state;
    static const char *const codes[] = {
        "37",           "3708",         "370800",       "370811",       "370811001",
        "370811001001", "370811001000", "370811000001", "370800000001", "370900",
        "99",           "999999999999", "110101",       "370801",       "370811101"};
    size_t count = sizeof codes / sizeof codes[0];
    for (size_t i = 0; i < count; i++) {
        char canonical[REGION_CODE_TEXT_MAX], formatted[REGION_CODE_TEXT_MAX];
        region_level level = region_code_normalize(codes[i], canonical);
        assert_int_not_equal(level, REGION_LEVEL_INVALID);
        int64_t number = population_region_parse(codes[i]);
        population_region_format(number, formatted);
        assert_string_equal(formatted, canonical);
        assert_int_equal(population_region_digits(number), region_level_digits(level));
        for (size_t j = 0; j < count; j++) {
            char ancestor[REGION_CODE_TEXT_MAX];
            region_code_normalize(codes[j], ancestor);
            assert_int_equal(population_region_within(number, population_region_parse(codes[j])),
                             region_code_within(canonical, ancestor));
        }
    }
    assert_int_equal(population_region_parse("00"), 0);
    assert_int_equal(population_region_parse("3708x"), 0);
}

static void test_months_end_day(void **state)
{
    (void)state;
    char text[BF_DATE_TEXT_MAX];
    struct {
        bf_date start;
        int months;
        const char *end;
    } cases[] = {
        {{2020, 3, 1}, 3, "2020-05-31"},  {{2020, 3, 15}, 3, "2020-06-14"},
        {{2020, 1, 31}, 1, "2020-02-29"}, {{2021, 1, 31}, 1, "2021-02-28"},
        {{2020, 1, 30}, 1, "2020-02-29"}, {{2020, 1, 29}, 1, "2020-02-28"},
        {{2020, 12, 1}, 6, "2021-05-31"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int32_t end = policy_months_end_day((int32_t)date_to_days(cases[i].start), cases[i].months);
        date_format(date_from_days(end), text);
        assert_string_equal(text, cases[i].end);
    }
}

static void test_parameter_timeline(void **state)
{
    (void)state;
    policy_parameter p = {0};
    bf_error err;
    int64_t fen = 0;
    int32_t d2020 = (int32_t)date_to_days((bf_date){2020, 1, 1});
    int32_t d2021 = (int32_t)date_to_days((bf_date){2021, 1, 1});
    int32_t d2022 = (int32_t)date_to_days((bf_date){2022, 1, 1});
    policy_parameter_value province = {.region = 370000000000, .from = d2020, .fen = 150000};
    policy_parameter_value city = {.region = 370800000000, .from = d2020, .fen = 173000};
    policy_parameter_value city_2021 = {.region = 370800000000, .from = d2021, .fen = 190000};
    policy_parameter_value city_end = {
        .region = 370800000000, .from = d2022, .fen = POLICY_FEN_NONE};
    assert_int_equal(policy_parameter_add_value(&p, &province, &err), BF_OK);
    assert_int_equal(policy_parameter_add_value(&p, &city, &err), BF_OK);
    assert_int_equal(policy_parameter_add_value(&p, &city_2021, &err), BF_OK);
    assert_int_equal(policy_parameter_add_value(&p, &city_end, &err), BF_OK);
    assert_int_equal(policy_parameter_lookup(&p, 370811000000, d2020 + 100, &fen), BF_OK);
    assert_int_equal(fen, 173000);
    assert_int_equal(policy_parameter_lookup(&p, 370811000000, d2021 + 1, &fen), BF_OK);
    assert_int_equal(fen, 190000);
    assert_int_equal(policy_parameter_lookup(&p, 370102000000, d2021, &fen), BF_OK);
    assert_int_equal(fen, 150000);
    /* Ended, and no value before the first: no value, never a zero. */
    assert_int_equal(policy_parameter_lookup(&p, 370811000000, d2022 + 5, &fen), BF_ENOTFOUND);
    assert_int_equal(policy_parameter_lookup(&p, 370811000000, d2020 - 1, &fen), BF_ENOTFOUND);
    assert_int_equal(policy_parameter_lookup(&p, 500101000000, d2021, &fen), BF_ENOTFOUND);
    free(p.values);
    free(p.earlier);
    int_map_free(&p.by_region);
}

/* Evaluates good_benefit over a small population built through the add functions. */
static void test_evaluate_columns(void **state)
{
    (void)state;
    loaded l = load_text(good_benefit);
    assert_int_equal(l.rc, BF_OK);
    population *pop = NULL;
    bf_error err;
    assert_int_equal(population_create(&pop, &err), BF_OK);
    int poor = population_category_bit(pop, "建档立卡贫困人口", 1);
    int32_t p0 = 0, p1 = 0;
    population_person_input a = {
        "a",         NULL, POPULATION_DAY_UNKNOWN, 500101000000, UINT64_C(1) << poor, 0, 1,
        SEX_UNKNOWN, 0,    POPULATION_NONE};
    population_person_input b = {"b",         NULL, POPULATION_DAY_UNKNOWN, 500101000000, 0, 0, 1,
                                 SEX_UNKNOWN, 0,    POPULATION_NONE};
    assert_int_equal(population_add_person(pop, &a, &p0, &err), BF_OK);
    assert_int_equal(population_add_person(pop, &b, &p1, &err), BF_OK);
    int32_t start = (int32_t)date_to_days((bf_date){2020, 3, 15});
    population_job_input job = {"j",
                                p0,
                                POPULATION_NONE,
                                POPULATION_NONE,
                                370811000000,
                                JOB_ENTERPRISE,
                                start,
                                POPULATION_DAY_OPEN,
                                12,
                                6,
                                0,
                                POPULATION_FEN_UNKNOWN,
                                POPULATION_COUNT_UNKNOWN};
    assert_int_equal(population_add_job(pop, &job, NULL, &err), BF_OK);
    job.id = "k";
    job.person = p1;
    assert_int_equal(population_add_job(pop, &job, NULL, &err), BF_OK);
    population_training_input t = {"t",
                                   p0,
                                   POPULATION_NONE,
                                   TRAINING_SKILL,
                                   370811000000,
                                   start,
                                   start + 74,
                                   75,
                                   POPULATION_COUNT_UNKNOWN,
                                   POPULATION_COUNT_UNKNOWN,
                                   CERTIFICATE_NONE,
                                   POPULATION_FEN_UNKNOWN};
    assert_int_equal(population_add_training(pop, &t, NULL, &err), BF_OK);
    policy_parameter_value wage = {.region = 370800000000,
                                   .from = (int32_t)date_to_days((bf_date){2020, 1, 1}),
                                   .fen = 173000,
                                   .origin = POLICY_ORIGIN_SITUATION};
    assert_int_equal(policy_parameter_add_value(&l.set->parameters[0], &wage, &err), BF_OK);
    int from = 0, to = 0;
    date_month_parse("2020-01", &from);
    date_month_parse("2021-12", &to);
    policy_eval_options options = {from, to, POLICY_EXPLAIN_FULL};
    policy_result *result = NULL;
    assert_int_equal(policy_evaluate(l.set, pop, &options, &result, &err), BF_OK);
    policy_result_sort(result);
    /* Three whole months from April (March is not whole), capped at 3; then the training. */
    assert_int_equal(result->grant_count, 4);
    assert_int_equal(result->grants[0].month, from + 3);
    assert_int_equal(result->grants[0].fen, 100000);
    /* Sorted by person, month, rule: April, May (monthly), May (the training), June. */
    assert_int_equal(result->grants[1].month, from + 4);
    assert_int_equal(result->grants[3].month, from + 5);
    assert_int_equal(result->grants[3].rule, 0);
    /* 1730 × 60% ÷ 21.75 = 47.7241… → 47.72 a day, 60 days at most. */
    assert_int_equal(result->grants[2].rule, 1);
    assert_int_equal(result->grants[2].fen, 4772 * 60);
    assert_int_equal(result->grants[2].count, 60);
    /* Person b is not poor: a decision record says which condition failed. */
    int found = 0;
    for (size_t i = 0; i < result->decision_count; i++) {
        const policy_decision *d = &result->decisions[i];
        if (d->person == p1 && d->rule == 0) {
            found = 1;
            assert_int_equal(d->outcome, POLICY_OUTCOME_NOT_ELIGIBLE);
            assert_int_equal(result->items[d->item_first + (size_t)d->item_count - 1].result, 0);
        }
    }
    assert_true(found);
    policy_result_free(result);
    /* The short form keeps the same outcome and the condition that failed first. */
    options.explain = POLICY_EXPLAIN_SHORT;
    assert_int_equal(policy_evaluate(l.set, pop, &options, &result, &err), BF_OK);
    int failed = -1;
    assert_int_equal(policy_explain_outcome(result, 0, p1, &failed), POLICY_OUTCOME_NOT_ELIGIBLE);
    assert_int_equal(l.set->rules[0]->conditions[failed].predicate, POLICY_PRED_CATEGORY);
    char value[POLICY_VALUE_TEXT_MAX];
    policy_explain_value(result, 0, p1, failed, value);
    assert_string_equal(value, BF_TR("无", "none")); /* b has no category */
    assert_int_equal(policy_explain_outcome(result, 0, 0, &failed), POLICY_OUTCOME_GRANTED);
    assert_int_equal(failed, -1);
    policy_result_free(result);
    population_free(pop);
    unload(&l);
}

static void test_evaluate_exclusion_and_org(void **state)
{
    (void)state;
    loaded l = load_text(
        DOC
        "benefit { id = \"t.a\", name = \"甲\", clause = \"一\", text = \"x\", target = \"y\",\n"
        "  unit = \"training\", payee = \"person\", conditions = { { \"training_kind\", \"skill\" "
        "} },\n"
        "  amount = { once = 1000 }, not_with = { \"t.b\" } }\n"
        "benefit { id = \"t.b\", name = \"乙\", clause = \"二\", text = \"x\", target = \"y\",\n"
        "  unit = \"training\", payee = \"person\", conditions = { { \"training_kind\", \"skill\" "
        "} },\n"
        "  amount = { once = { by = \"certificate\", [\"初级\"] = 800, [\"高级\"] = 2000 } } }\n"
        "benefit { id = \"t.c\", name = \"丙\", clause = \"三\", text = \"x\", target = \"y\",\n"
        "  unit = \"org\", payee = \"org\", hires = { { \"job_kind\", \"workshop\" } },\n"
        "  conditions = { { \"any\", { \"hires_at_least\", 10 }, { \"hires_share_at_least\", 20 } "
        "} },\n"
        "  amount = { once = 3000, per_head = true } }\n");
    if (l.rc != BF_OK)
        print_problems(&l);
    assert_int_equal(l.rc, BF_OK);
    population *pop = NULL;
    bf_error err;
    assert_int_equal(population_create(&pop, &err), BF_OK);
    population_org_input org = {"w", ORG_WORKSHOP, 370811000000, 10, 1};
    int32_t w = 0;
    assert_int_equal(population_add_org(pop, &org, &w, &err), BF_OK);
    int32_t day = (int32_t)date_to_days((bf_date){2020, 5, 1});
    for (int i = 0; i < 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "p%d", i);
        population_person_input p = {
            id,          NULL, POPULATION_DAY_UNKNOWN, 370811000000, 0, 0, 0,
            SEX_UNKNOWN, 0,    POPULATION_NONE};
        int32_t row = 0;
        assert_int_equal(population_add_person(pop, &p, &row, &err), BF_OK);
        population_job_input j = {id,
                                  row,
                                  w,
                                  POPULATION_NONE,
                                  370811000000,
                                  JOB_WORKSHOP,
                                  day,
                                  POPULATION_DAY_OPEN,
                                  12,
                                  0,
                                  0,
                                  POPULATION_FEN_UNKNOWN,
                                  POPULATION_COUNT_UNKNOWN};
        assert_int_equal(population_add_job(pop, &j, NULL, &err), BF_OK);
        /* p0: 初级 800 < 1000 keeps t.a; p1: 高级 2000 keeps t.b; p2: no certificate, t.b has no
         * tier. */
        population_training_input t = {id,
                                       row,
                                       w,
                                       TRAINING_SKILL,
                                       370811000000,
                                       day,
                                       day + 9,
                                       10,
                                       POPULATION_COUNT_UNKNOWN,
                                       POPULATION_COUNT_UNKNOWN,
                                       i == 0   ? CERTIFICATE_JUNIOR
                                       : i == 1 ? CERTIFICATE_SENIOR
                                                : CERTIFICATE_NONE,
                                       POPULATION_FEN_UNKNOWN};
        assert_int_equal(population_add_training(pop, &t, NULL, &err), BF_OK);
    }
    int from = 0, to = 0;
    date_month_parse("2020-01", &from);
    date_month_parse("2020-12", &to);
    policy_eval_options options = {from, to, 0};
    policy_result *result = NULL;
    assert_int_equal(policy_evaluate(l.set, pop, &options, &result, &err), BF_OK);
    int64_t kept[3] = {0, 0, 0}, excluded = 0, org_total = 0;
    for (size_t i = 0; i < result->grant_count; i++) {
        const policy_grant *g = &result->grants[i];
        if (g->person < 0) {
            org_total += g->fen;
            assert_int_equal(g->count, 3);
        } else if (g->excluded_by >= 0)
            excluded += g->fen;
        else
            kept[g->person] += g->fen;
    }
    assert_int_equal(kept[0], 100000);
    assert_int_equal(kept[1], 200000);
    assert_int_equal(kept[2], 100000);
    assert_int_equal(excluded, 80000 + 100000);
    /* 3 hires of 10 staff = 30% ≥ 20%. */
    assert_int_equal(org_total, 3 * 300000);
    /* p2's certificate tier is missing: a warning, not a zero. */
    assert_true(result->warning_count >= 1);
    policy_result_free(result);
    population_free(pop);
    unload(&l);
}

/* Parses text as a situation; returns the code and leaves the message in err. */
static int parse(const char *text, bf_error *err)
{
    situation *s = NULL;
    int rc = situation_parse_text(text, strlen(text), &s, err);
    situation_free(s);
    return rc;
}

static void test_situation_errors(void **state)
{
    (void)state;
    bf_error err;
    const char *head = "{\"period\": {\"from\": \"2020-01\", \"to\": \"2020-12\"}, ";
    char text[2048];
    struct {
        const char *body;
        const char *path;
    } cases[] = {
        {"\"people\": [{\"id\": \"p\", \"hukou_region\": \"500101\", \"jobs\": [{\"id\": \"a\", "
         "\"region\": \"370811\", \"kind\": \"enterprise\", \"start\": \"2020-01-01\"}, {\"id\": "
         "\"b\", \"region\": \"370811\", \"kind\": \"enterprise\", \"start\": \"2020-02-30\"}]}]}",
         "people[0].jobs[1].start"},
        {"\"people\": [{\"id\": \"p\", \"hukou_region\": \"5001\", \"hukuo\": 1}]}",
         "people[0].hukuo"},
        {"\"people\": [{\"id\": \"p\", \"hukou_region\": \"50010\"}]}", "people[0].hukou_region"},
        {"\"people\": [{\"id\": \"p\", \"hukou_region\": \"500101\", \"jobs\": [{\"id\": \"a\", "
         "\"region\": \"370811\", \"kind\": \"factory\", \"start\": \"2020-01-01\"}]}]}",
         "people[0].jobs[0].kind"},
        {"\"people\": [{\"id\": \"p\", \"hukou_region\": \"500101\", \"jobs\": [{\"id\": \"a\", "
         "\"region\": \"370811\", \"kind\": \"enterprise\", \"start\": \"2020-01-01\", "
         "\"employer\": \"nobody\"}]}]}",
         "people[0].jobs[0].employer"},
        {"\"people\": [{\"id\": \"p\", \"hukou_region\": \"500101\", \"insured\": \"yes\"}]}",
         "people[0].insured"},
        {"\"people\": [{\"id\": \"p\", \"hukou_region\": \"500101\", \"trainings\": [{\"id\": "
         "\"t\", "
         "\"kind\": \"skill\", \"start\": \"2020-01-01\", \"end\": \"2020-01-05\", \"cost\": "
         "1.234}]}]}",
         "people[0].trainings[0].cost"},
        {"\"parameters\": {\"min_wage\": [{\"region\": \"370800\", \"from\": \"2020-01-01\"}]}}",
         "parameters.min_wage[0].value"},
        {"\"orgs\": [{\"id\": \"e\", \"kind\": \"enterprise\"}, {\"id\": \"e\", \"kind\": "
         "\"agency\"}]}",
         "orgs[1].id"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(text, sizeof text, "%s%s", head, cases[i].body);
        assert_int_equal(parse(text, &err), BF_EINVAL);
        if (strncmp(err.message, cases[i].path, strlen(cases[i].path)) != 0)
            fail_msg("case %zu: expected path %s, got %s", i, cases[i].path, err.message);
    }
    assert_int_equal(parse("{\"period\": ", &err), BF_EINVAL);
    assert_non_null(strstr(err.message, "$"));
    assert_int_equal(parse("[]", &err), BF_EINVAL);
    assert_int_equal(parse("{\"people\": []}", &err), BF_EINVAL);
    assert_non_null(strstr(err.message, "period"));
}

static void test_generate_deterministic(void **state)
{
    (void)state;
    bf_error err;
    population *a = NULL, *b = NULL;
    population_generate_options options = {1000, 42, 2020};
    assert_int_equal(population_create(&a, &err), BF_OK);
    assert_int_equal(population_create(&b, &err), BF_OK);
    assert_int_equal(population_generate(a, &options, &err), BF_OK);
    assert_int_equal(population_generate(b, &options, &err), BF_OK);
    assert_int_equal(a->people.count, 1000);
    assert_int_equal(a->jobs.count, b->jobs.count);
    assert_int_equal(a->trainings.count, b->trainings.count);
    assert_memory_equal(a->jobs.start, b->jobs.start, a->jobs.count * sizeof *a->jobs.start);
    population_free(a);
    population_free(b);
}

/* per_year, at_most, a window parameter, training_between, person_status, agency_within, number =
 * false. */
static void test_vocabulary_extensions(void **state)
{
    (void)state;
    loaded l = load_text(
        "document { number = false, short = \"测试方案\", title = \"t\", issuer = \"i\",\n"
        "  issued = \"2020-01-01\", region = \"37\", valid = { from = \"2020-01-01\" } }\n"
        "parameter { name = \"pension\", title = \"代缴\", unit = \"yuan_per_year\" }\n"
        "parameter { name = \"epidemic_period\", title = \"疫情期间\", unit = \"window\",\n"
        "  values = { { region = \"37\", from = \"2020-02-01\", to = \"2020-06-30\" } } }\n"
        "parameter { name = \"cap\", title = \"上限\", unit = \"yuan_per_month\" }\n"
        "status { id = \"t.poor\", name = \"贫困\", clause = \"零\", text = \"x\", target = "
        "\"y\",\n"
        "  unit = \"person\", conditions = { { \"category\", \"建档立卡贫困人口\" } } }\n"
        "benefit { id = \"t.pension\", name = \"代缴\", clause = \"一\", text = \"x\", target = "
        "\"y\",\n"
        "  unit = \"person\", payee = \"person\", conditions = { { \"age_between\", 16, 59 } },\n"
        "  amount = { per_year = { parameter = \"pension\" } } }\n"
        "benefit { id = \"t.epidemic\", name = \"疫情\", clause = \"二\", text = \"x\", target = "
        "\"y\",\n"
        "  unit = \"job\", payee = \"person\", valid = { parameter = \"epidemic_period\" },\n"
        "  conditions = { { \"person_status\", \"t.poor\" }, { \"agency_within\", \"3708\" } },\n"
        "  amount = { per_month = 500, at_most = { parameter = \"cap\" } } }\n"
        "benefit { id = \"t.online\", name = \"线上\", clause = \"三\", text = \"x\", target = "
        "\"y\",\n"
        "  unit = \"training\", payee = \"person\",\n"
        "  conditions = { { \"training_between\", \"2020-03-21\", \"2020-06-30\" } },\n"
        "  amount = { per_day = 30 } }\n");
    if (l.rc != BF_OK)
        print_problems(&l);
    assert_int_equal(l.rc, BF_OK);
    assert_string_equal(policy_document_label(&l.set->documents[0]), "测试方案");
    population *pop = NULL;
    bf_error err;
    assert_int_equal(population_create(&pop, &err), BF_OK);
    int poor = population_category_bit(pop, "建档立卡贫困人口", 1);
    int32_t agency = 0, person = 0;
    population_org_input a = {"a", ORG_AGENCY, 370811000000, 5, 0};
    assert_int_equal(population_add_org(pop, &a, &agency, &err), BF_OK);
    /* Turns 16 on 2021-03-01: not 16 on 1 January 2021, so 2022 is the first year. */
    population_person_input p = {"p",
                                 NULL,
                                 (int32_t)date_to_days((bf_date){2005, 3, 1}),
                                 370811000000,
                                 UINT64_C(1) << poor,
                                 0,
                                 0,
                                 SEX_FEMALE,
                                 1,
                                 POPULATION_NONE};
    assert_int_equal(population_add_person(pop, &p, &person, &err), BF_OK);
    population_job_input j = {"j",
                              person,
                              POPULATION_NONE,
                              agency,
                              370811000000,
                              JOB_ENTERPRISE,
                              (int32_t)date_to_days((bf_date){2020, 1, 1}),
                              POPULATION_DAY_OPEN,
                              12,
                              0,
                              1,
                              POPULATION_FEN_UNKNOWN,
                              POPULATION_COUNT_UNKNOWN};
    assert_int_equal(population_add_job(pop, &j, NULL, &err), BF_OK);
    population_training_input t1 = {"t1",
                                    person,
                                    POPULATION_NONE,
                                    TRAINING_ONLINE,
                                    370811000000,
                                    (int32_t)date_to_days((bf_date){2020, 3, 10}),
                                    (int32_t)date_to_days((bf_date){2020, 3, 25}),
                                    16,
                                    POPULATION_COUNT_UNKNOWN,
                                    POPULATION_COUNT_UNKNOWN,
                                    CERTIFICATE_NONE,
                                    POPULATION_FEN_UNKNOWN};
    population_training_input t2 = t1;
    t2.id = "t2";
    t2.start = (int32_t)date_to_days((bf_date){2020, 4, 1});
    t2.end = t2.start + 9;
    t2.days = 10;
    assert_int_equal(population_add_training(pop, &t1, NULL, &err), BF_OK);
    assert_int_equal(population_add_training(pop, &t2, NULL, &err), BF_OK);
    policy_parameter_value pension = {
        .region = 370000000000, .from = (int32_t)date_to_days((bf_date){2019, 1, 1}), .fen = 18000};
    policy_parameter_value cap = {
        .region = 370000000000, .from = (int32_t)date_to_days((bf_date){2019, 1, 1}), .fen = 45000};
    assert_int_equal(policy_parameter_add_value(&l.set->parameters[0], &pension, &err), BF_OK);
    assert_int_equal(policy_parameter_add_value(&l.set->parameters[2], &cap, &err), BF_OK);
    int from = 0, to = 0;
    date_month_parse("2020-01", &from);
    date_month_parse("2023-12", &to);
    policy_eval_options options = {from, to, 0};
    policy_result *result = NULL;
    assert_int_equal(policy_evaluate(l.set, pop, &options, &result, &err), BF_OK);
    int pension_years = 0, epidemic_months = 0, online = 0;
    for (size_t i = 0; i < result->grant_count; i++) {
        const policy_grant *g = &result->grants[i];
        const char *id = l.set->rules[g->rule]->id;
        if (strcmp(id, "t.pension") == 0) {
            assert_int_equal(g->fen, 18000);
            assert_true(g->month == from + 24 || g->month == from + 36);
            pension_years++;
        } else if (strcmp(id, "t.epidemic") == 0) {
            assert_int_equal(g->fen, 45000); /* 500 capped at 450 */
            assert_true(g->month >= from + 1 && g->month <= from + 5);
            epidemic_months++;
        } else if (strcmp(id, "t.online") == 0) {
            assert_int_equal(g->fen, 30000); /* only t2 lies inside the window */
            online++;
        }
    }
    assert_int_equal(pension_years, 2);
    assert_int_equal(epidemic_months, 5);
    assert_int_equal(online, 1);
    policy_result_free(result);
    population_free(pop);
    unload(&l);
}

/* target { } and report { } declarations: the shapes of docs/policy-vocabulary-requests.md A1/A2.
 */
static void test_targets_and_reports(void **state)
{
    (void)state;
    loaded l = load_text(
        DOC
        "target { id = \"t.outflow\", clause = \"一\", text = \"x\", indicator = "
        "\"外出务工规模\",\n"
        "  comparator = \"at_least\", value = 406000, unit = \"人\", year = 2023, region = \"37\" "
        "}\n"
        "target { id = \"t.part\", clause = \"一\", text = \"x\", indicator = \"y\", comparator = "
        "\"about\",\n"
        "  value = 10000, unit = \"人\", period = { from = \"2021-01-01\", to = \"2025-12-31\" },\n"
        "  part_of = \"t.outflow\", population = { { \"category\", \"脱贫人口\" } },\n"
        "  measure = { count = \"employed\", within = \"370800\" } }\n"
        "report { id = \"t.annex1\", clause = \"三(四)\", annex = \"附件1\", title = "
        "\"推进情况表\", text = \"x\",\n"
        "  due = { every = \"quarter\", month_of_quarter = 3, day = 15 }, rows = \"region\",\n"
        "  values = \"year_to_date\", header = { \"单位（公章）\" }, footer = { \"填表人\" },\n"
        "  columns = { \"市、县（市、区）\", { \"就业帮扶车间个数\", sub = { \"\", "
        "\"吸纳脱贫人口数\" } } } }\n"
        "report { id = \"t.compare\", clause = \"八(二)\", title = \"比对\", text = \"x\", due = { "
        "every = \"quarter\" },\n"
        "  compare = { population = { { \"category\", \"建档立卡贫困人口\" } }, with = \"insured\" "
        "} }\n"
        "report { id = \"t.monitor\", clause = \"三(二)\", title = \"监测\", text = \"x\", due = { "
        "every = \"continuous\" },\n"
        "  indicators = { \"务工规模\", \"务工收入\" }, compare = { \"同比\", \"环比\" }, alert = "
        "\"decrease\" }\n");
    if (l.rc != BF_OK)
        print_problems(&l);
    assert_int_equal(l.rc, BF_OK);
    assert_int_equal(l.set->target_count, 2);
    assert_int_equal(l.set->targets[1]->part_of_target, 0);
    assert_int_equal(l.set->targets[1]->population_count, 1);
    assert_int_equal(l.set->targets[0]->measure, POLICY_MEASURE_NONE);
    assert_int_equal(l.set->targets[1]->measure, POLICY_MEASURE_EMPLOYED);
    assert_true(l.set->targets[1]->measure_within == INT64_C(370800000000));
    assert_int_equal(l.set->report_count, 3);
    const policy_report *r = l.set->reports[0];
    assert_int_equal(r->column_count, 3);
    assert_string_equal(r->columns[2], "就业帮扶车间个数 / 吸纳脱贫人口数");
    assert_string_equal(r->due, "quarter month 3 day 15");
    assert_string_equal(l.set->reports[2]->compare, "同比、环比");
    assert_string_equal(l.set->reports[1]->compare, "with insured");
    unload(&l);

    loaded bad =
        load_text(DOC "target { id = \"t.a\", clause = \"一\", text = \"x\", indicator = \"y\",\n"
                      "  comparator = \"more\", value = 1, unit = \"元\", year = 2023, period = { "
                      "from = \"2021-01-01\" },\n"
                      "  part_of = \"t.none\", measure = { count = \"hired\", where = 1 } }\n"
                      "report { id = \"t.a\", clause = \"一\", title = \"x\", text = \"x\", due = "
                      "{ every = \"week\" },\n"
                      "  columns = { 3 } }\n");
    assert_int_equal(bad.rc, BF_EPOLICY);
    assert_true(has_problem(&bad, 4, "comparator"));
    assert_true(has_problem(&bad, 4, "unit"));
    assert_true(has_problem(&bad, 0, "year"));
    assert_true(has_problem(&bad, 0, "t.none"));
    assert_true(has_problem(&bad, 0, "t.a"));
    assert_true(has_problem(&bad, 0, "every"));
    assert_true(has_problem(&bad, 0, "columns"));
    assert_true(has_problem(&bad, 0, "employed_away"));
    assert_true(has_problem(&bad, 0, "where"));
    unload(&bad);
}

/* working_age by sex, enrolments, unemployment after a job loss, through a situation file. */
static void test_person_facts(void **state)
{
    (void)state;
    loaded l = load_text(
        DOC "benefit { id = \"t.age\", name = \"劳动年龄\", clause = \"一\", text = \"x\", target "
            "= \"y\",\n"
            "  unit = \"person\", payee = \"person\", kind = \"service\", service = \"登记\",\n"
            "  conditions = { { \"working_age\", 16, 59, 49 }, { \"wants_job\" } } }\n"
            "benefit { id = \"t.school\", name = \"五免一享\", clause = \"二\", text = \"x\", "
            "target = \"y\",\n"
            "  unit = \"person\", payee = \"person\", conditions = { { \"enrolled_full_time\", "
            "\"technical_school\" },\n"
            "  { \"school_within\", \"3701\" } }, amount = { per_month = 100 } }\n"
            "benefit { id = \"t.loss\", name = \"失业补助金\", clause = \"三\", text = \"x\", "
            "target = \"y\",\n"
            "  unit = \"person\", payee = \"person\", conditions = {\n"
            "  { \"unemployed_since_between\", \"2020-01-24\", \"2020-06-30\" }, { "
            "\"insured_before_loss\", 12 } },\n"
            "  amount = { per_month = 1000 } }\n");
    if (l.rc != BF_OK)
        print_problems(&l);
    assert_int_equal(l.rc, BF_OK);
    static const char *text =
        "{\"period\": {\"from\": \"2020-01\", \"to\": \"2020-12\"},"
        " \"people\": ["
        "  {\"id\": \"w\", \"id_number\": \"11010519491231002X\", \"hukou_region\": \"370102\", "
        "\"wants_job\": true},"
        "  {\"id\": \"m\", \"birth_date\": \"1970-06-15\", \"sex\": \"男\", \"hukou_region\": "
        "\"370102\", \"wants_job\": true},"
        "  {\"id\": \"s\", \"birth_date\": \"2004-01-01\", \"sex\": \"女\", \"hukou_region\": "
        "\"370102\","
        "   \"enrolments\": [{\"id\": \"e\", \"kind\": \"technical_school\", \"full_time\": true,"
        "                    \"region\": \"370102\", \"start\": \"2019-09-01\", \"end\": "
        "\"2020-06-30\"}]},"
        "  {\"id\": \"u\", \"birth_date\": \"1980-01-01\", \"hukou_region\": \"370102\","
        "   \"jobs\": [{\"id\": \"j1\", \"region\": \"370102\", \"kind\": \"enterprise\", "
        "\"start\": \"2018-01-01\","
        "              \"end\": \"2020-02-15\", \"social_insurance_months\": 25},"
        "             {\"id\": \"j2\", \"region\": \"370102\", \"kind\": \"enterprise\", "
        "\"start\": \"2020-07-01\"}]}"
        " ]}";
    situation *s = NULL;
    bf_error err;
    assert_int_equal(situation_parse_text(text, strlen(text), &s, &err), BF_OK);
    assert_int_equal(s->pop->people.sex[0], SEX_FEMALE); /* from the ID number */
    policy_eval_options options = {s->month_from, s->month_to, 0};
    policy_result *result = NULL;
    assert_int_equal(policy_evaluate(l.set, s->pop, &options, &result, &err), BF_OK);
    int age[4] = {0}, school = 0, loss = 0;
    for (size_t i = 0; i < result->grant_count; i++) {
        const policy_grant *g = &result->grants[i];
        const char *id = l.set->rules[g->rule]->id;
        if (strcmp(id, "t.age") == 0)
            age[g->person]++;
        else if (strcmp(id, "t.school") == 0) {
            assert_int_equal(g->person, 2);
            school++;
        } else if (strcmp(id, "t.loss") == 0) {
            assert_int_equal(g->person, 3);
            /* Lost the job on 2020-02-15: March to June, before the next job in July. */
            assert_true(g->month >= s->month_from + 2 && g->month <= s->month_from + 5);
            loss++;
        }
    }
    assert_int_equal(age[0], 0); /* a woman born 1949: past 49 */
    assert_int_equal(age[1], 1); /* a man born 1970: 49 to 50 in 2020 */
    assert_int_equal(school, 6); /* January to June 2020 */
    assert_int_equal(loss, 4);
    policy_result_free(result);
    situation_free(s);
    unload(&l);
    /* A sex that contradicts the ID number is refused with its path. */
    static const char *bad =
        "{\"period\": {\"from\": \"2020-01\", \"to\": \"2020-12\"}, \"people\": [{\"id\": \"w\","
        " \"id_number\": \"11010519491231002X\", \"sex\": \"男\", \"hukou_region\": \"370102\"}]}";
    assert_int_equal(situation_parse_text(bad, strlen(bad), &s, &err), BF_EINVAL);
    assert_non_null(strstr(err.message, "people[0].sex"));
}

/* Sites: residents counted per relocation site, a site status, a person living there (request B4).
 */
static void test_sites(void **state)
{
    (void)state;
    loaded l = load_text(
        DOC "status { id = \"t.large_site\", name = \"超800人安置区\", clause = \"一\", text = "
            "\"x\", target = \"y\",\n"
            "  unit = \"org\", residents = { { \"category\", \"易地扶贫搬迁人口\" } },\n"
            "  conditions = { { \"org_kind\", \"relocation_site\" }, { \"residents_at_least\", 3 } "
            "} }\n"
            "benefit { id = \"t.support\", name = \"专项帮扶\", clause = \"二\", text = \"x\", "
            "target = \"y\",\n"
            "  unit = \"person\", payee = \"person\", kind = \"service\", service = \"专项帮扶\",\n"
            "  conditions = { { \"resident_of_status\", \"t.large_site\" } } }\n");
    if (l.rc != BF_OK)
        print_problems(&l);
    assert_int_equal(l.rc, BF_OK);
    static const char *text =
        "{\"period\": {\"from\": \"2020-01\", \"to\": \"2020-12\"},"
        " \"orgs\": [{\"id\": \"big\", \"kind\": \"relocation_site\", \"region\": \"370102\"},"
        "            {\"id\": \"small\", \"kind\": \"relocation_site\", \"region\": \"370102\"}],"
        " \"people\": ["
        "  {\"id\": \"a\", \"hukou_region\": \"370102\", \"categories\": [\"易地扶贫搬迁人口\"], "
        "\"residence\": \"big\"},"
        "  {\"id\": \"b\", \"hukou_region\": \"370102\", \"categories\": [\"易地扶贫搬迁人口\"], "
        "\"residence\": \"big\"},"
        "  {\"id\": \"c\", \"hukou_region\": \"370102\", \"categories\": [\"易地扶贫搬迁人口\"], "
        "\"residence\": \"big\"},"
        "  {\"id\": \"d\", \"hukou_region\": \"370102\", \"residence\": \"big\"},"
        "  {\"id\": \"e\", \"hukou_region\": \"370102\", \"categories\": [\"易地扶贫搬迁人口\"], "
        "\"residence\": \"small\"},"
        "  {\"id\": \"f\", \"hukou_region\": \"370102\"}]}";
    situation *s = NULL;
    bf_error err;
    assert_int_equal(situation_parse_text(text, strlen(text), &s, &err), BF_OK);
    policy_eval_options options = {s->month_from, s->month_to, 0};
    policy_result *result = NULL;
    assert_int_equal(policy_evaluate(l.set, s->pop, &options, &result, &err), BF_OK);
    assert_int_equal(result->status_count, 1);
    assert_int_equal(result->statuses[0].row, 0);
    int served[6] = {0};
    for (size_t i = 0; i < result->grant_count; i++)
        served[result->grants[i].person]++;
    assert_int_equal(served[0] + served[1] + served[2] + served[3],
                     4); /* everyone living at "big" */
    assert_int_equal(served[4] + served[5], 0);
    policy_result_free(result);
    situation_free(s);
    unload(&l);
}

/* per_hour on hourly posts and amounts in steps by the number of hires (request C2). */
static void test_hourly_and_steps(void **state)
{
    (void)state;
    loaded l = load_text(
        DOC "parameter { name = \"big\", title = \"大车间奖补\", unit = \"yuan\" }\n"
            "benefit { id = \"t.hourly\", name = \"小时制岗位\", clause = \"一\", text = \"x\", "
            "target = \"y\",\n"
            "  unit = \"job\", payee = \"person\", conditions = { { \"job_kind\", "
            "\"public_welfare_post\" } },\n"
            "  amount = { per_hour = 12.5, max_months = 2 } }\n"
            "benefit { id = \"t.steps\", name = \"梯次奖补\", clause = \"二\", text = \"x\", "
            "target = \"y\",\n"
            "  unit = \"org\", payee = \"org\", hires = { { \"job_kind\", \"workshop\" } },\n"
            "  conditions = { { \"org_kind\", \"workshop\" } },\n"
            "  amount = { once = { by = \"hires\", { at_least = 2, value = 5000 }, { at_least = 3, "
            "parameter = \"big\" } } } }\n");
    if (l.rc != BF_OK)
        print_problems(&l);
    assert_int_equal(l.rc, BF_OK);
    static const char *text =
        "{\"period\": {\"from\": \"2020-01\", \"to\": \"2020-12\"},"
        " \"parameters\": {\"big\": [{\"region\": \"370800\", \"from\": \"2020-01-01\", \"value\": "
        "8000}]},"
        " \"orgs\": [{\"id\": \"w1\", \"kind\": \"workshop\", \"region\": \"370811\"},"
        "            {\"id\": \"w2\", \"kind\": \"workshop\", \"region\": \"370811\"},"
        "            {\"id\": \"w3\", \"kind\": \"workshop\", \"region\": \"370811\"}],"
        " \"people\": ["
        "  {\"id\": \"h\", \"hukou_region\": \"370811\", \"jobs\": [{\"id\": \"p\", \"region\": "
        "\"370811\","
        "   \"kind\": \"public_welfare_post\", \"start\": \"2020-03-01\", \"hours_per_month\": "
        "40.5},"
        "   {\"id\": \"q\", \"region\": \"370811\", \"kind\": \"workshop\", \"employer\": \"w1\", "
        "\"start\": \"2020-03-01\"}]},"
        "  {\"id\": \"a\", \"hukou_region\": \"370811\", \"jobs\": [{\"id\": \"a1\", \"region\": "
        "\"370811\", \"kind\": \"workshop\", \"employer\": \"w1\", \"start\": \"2020-03-01\"}]},"
        "  {\"id\": \"b\", \"hukou_region\": \"370811\", \"jobs\": [{\"id\": \"b1\", \"region\": "
        "\"370811\", \"kind\": \"workshop\", \"employer\": \"w1\", \"start\": \"2020-03-01\"},"
        "                                                  {\"id\": \"b2\", \"region\": "
        "\"370811\", \"kind\": \"workshop\", \"employer\": \"w2\", \"start\": \"2020-03-01\"}]},"
        "  {\"id\": \"c\", \"hukou_region\": \"370811\", \"jobs\": [{\"id\": \"c1\", \"region\": "
        "\"370811\", \"kind\": \"workshop\", \"employer\": \"w2\", \"start\": \"2020-03-01\"}]},"
        "  {\"id\": \"d\", \"hukou_region\": \"370811\", \"jobs\": [{\"id\": \"d1\", \"region\": "
        "\"370811\", \"kind\": \"workshop\", \"employer\": \"w3\", \"start\": \"2020-03-01\"}]}"
        " ]}";
    situation *s = NULL;
    bf_error err;
    assert_int_equal(situation_parse_text(text, strlen(text), &s, &err), BF_OK);
    assert_int_equal(situation_apply_parameters(s, l.set, &err), BF_OK);
    policy_eval_options options = {s->month_from, s->month_to, 0};
    policy_result *result = NULL;
    assert_int_equal(policy_evaluate(l.set, s->pop, &options, &result, &err), BF_OK);
    int hourly = 0;
    int64_t award[3] = {0, 0, 0};
    for (size_t i = 0; i < result->grant_count; i++) {
        const policy_grant *g = &result->grants[i];
        if (g->rule == 0) {
            assert_int_equal(g->fen, 50625); /* 12.50 × 40.5 h = 506.25 */
            hourly++;
        } else
            award[g->payee] = g->fen;
    }
    assert_int_equal(hourly, 2);
    assert_int_equal(award[0], 800000); /* w1: 3 hires, the parameter step */
    assert_int_equal(award[1], 500000); /* w2: 2 hires */
    assert_int_equal(award[2], 0);      /* w3: 1 hire, below the lowest step: a warning */
    assert_true(result->warning_count >= 1);
    policy_result_free(result);
    situation_free(s);
    unload(&l);
}

/*
 * A { parameter = … } argument: a window parameter for a date pair (the loss
 * falls in the epidemic period; the job starts in it) and a persons parameter
 * for a hires threshold (达到规定要求).  No value for the row's region: the
 * condition does not hold and a warning names the parameter.
 */
static void test_parameter_arguments(void **state)
{
    (void)state;
    loaded l = load_text(
        DOC "parameter { name = \"ep\", title = \"疫情期间\", unit = \"window\",\n"
            "  values = { { region = \"37\", from = \"2020-01-24\", to = \"2020-06-30\" } } }\n"
            "parameter { name = \"need\", title = \"规定要求人数\", unit = \"persons\",\n"
            "  values = { { region = \"14\", from = \"2020-01-01\", value = 2 } } }\n"
            "benefit { id = \"t.loss\", name = \"失业补助金\", clause = \"一\", text = \"x\", "
            "target = \"y\",\n"
            "  unit = \"person\", payee = \"person\", conditions = {\n"
            "  { \"unemployed_since_between\", { parameter = \"ep\" } }, { "
            "\"insured_before_loss\", 1 } },\n"
            "  amount = { per_month = 100 } }\n"
            "benefit { id = \"t.hire\", name = \"吸纳补贴\", clause = \"二\", text = \"x\", target "
            "= \"y\",\n"
            "  unit = \"job\", payee = \"person\", conditions = { { \"job_start_between\", { "
            "parameter = \"ep\" } } },\n"
            "  amount = { once = 500 } }\n"
            "status { id = \"t.base\", name = \"基地\", clause = \"三\", text = \"x\", target = "
            "\"y\",\n"
            "  unit = \"org\", hires = { { \"job_kind\", \"base\" } },\n"
            "  conditions = { { \"org_kind\", \"base\" }, { \"hires_at_least\", { parameter = "
            "\"need\" } } } }\n");
    if (l.rc != BF_OK)
        print_problems(&l);
    assert_int_equal(l.rc, BF_OK);
    static const char *text =
        "{\"period\": {\"from\": \"2020-01\", \"to\": \"2020-06\"},"
        " \"orgs\": [{\"id\": \"b1\", \"kind\": \"base\", \"region\": \"140121\"},"
        "            {\"id\": \"b2\", \"kind\": \"base\", \"region\": \"370102\"}],"
        " \"people\": ["
        "  {\"id\": \"u\", \"birth_date\": \"1980-01-01\", \"hukou_region\": \"370102\","
        "   \"jobs\": [{\"id\": \"j1\", \"region\": \"370102\", \"kind\": \"enterprise\", "
        "\"start\": \"2018-01-01\","
        "              \"end\": \"2020-03-15\", \"social_insurance_months\": 25}]},"
        "  {\"id\": \"v\", \"birth_date\": \"1980-01-01\", \"hukou_region\": \"140121\","
        "   \"jobs\": [{\"id\": \"j2\", \"region\": \"140121\", \"kind\": \"enterprise\", "
        "\"start\": \"2018-01-01\","
        "              \"end\": \"2020-03-15\", \"social_insurance_months\": 25}]},"
        "  {\"id\": \"h\", \"birth_date\": \"1980-01-01\", \"hukou_region\": \"370102\","
        "   \"jobs\": [{\"id\": \"j3\", \"region\": \"370811\", \"kind\": \"base\", \"employer\": "
        "\"b2\","
        "              \"start\": \"2020-02-01\"}]},"
        "  {\"id\": \"k\", \"birth_date\": \"1980-01-01\", \"hukou_region\": \"140121\","
        "   \"jobs\": [{\"id\": \"j4\", \"region\": \"140121\", \"kind\": \"base\", \"employer\": "
        "\"b1\","
        "              \"start\": \"2019-02-01\"}]},"
        "  {\"id\": \"m\", \"birth_date\": \"1980-01-01\", \"hukou_region\": \"140121\","
        "   \"jobs\": [{\"id\": \"j5\", \"region\": \"140121\", \"kind\": \"base\", \"employer\": "
        "\"b1\","
        "              \"start\": \"2019-03-01\"}]}"
        " ]}";
    situation *s = NULL;
    bf_error err;
    assert_int_equal(situation_parse_text(text, strlen(text), &s, &err), BF_OK);
    policy_eval_options options = {s->month_from, s->month_to, 0};
    policy_result *result = NULL;
    assert_int_equal(policy_evaluate(l.set, s->pop, &options, &result, &err), BF_OK);
    int loss[5] = {0}, hire[5] = {0};
    for (size_t i = 0; i < result->grant_count; i++) {
        const policy_grant *g = &result->grants[i];
        const char *id = l.set->rules[g->rule]->id;
        if (strcmp(id, "t.loss") == 0)
            loss[g->person]++;
        else if (strcmp(id, "t.hire") == 0)
            hire[g->person]++;
    }
    assert_int_equal(loss[0], 3);           /* lost 2020-03-15 in the window: April to June */
    assert_int_equal(loss[1], 0);           /* Shanxi hukou: ep has no value there */
    assert_int_equal(hire[2], 1);           /* started 2020-02-01 in Jining, inside ep */
    assert_int_equal(hire[3] + hire[4], 0); /* started 2019 in Shanxi: no ep value there */
    /* b1 (Shanxi, need = 2) has 2 hires and holds; b2 (Shandong) has no value for need. */
    assert_int_equal(result->status_count, 1);
    assert_int_equal(result->statuses[0].row, 0);
    int ep_warnings = 0, need_warnings = 0;
    for (size_t i = 0; i < result->warning_count; i++) {
        if (strstr(result->warnings[i].message, "ep (") != NULL &&
            strstr(result->warnings[i].message, "1401") != NULL)
            ep_warnings++;
        if (strstr(result->warnings[i].message, "need") != NULL &&
            strstr(result->warnings[i].message, "3701") != NULL)
            need_warnings++;
    }
    /* Parameter conditions run last: only v (t.loss; k and m lost no job) and j2, j4, j5 (t.hire).
     */
    assert_int_equal(ep_warnings, 4);
    assert_int_equal(need_warnings, 1); /* b2 */
    policy_result_free(result);
    situation_free(s);
    unload(&l);
    /* A parameter of the wrong unit, an undeclared one, one inside hires are refused. */
    loaded bad =
        load_text(DOC "parameter { name = \"ep\", title = \"疫情期间\", unit = \"window\" }\n"
                      "status { id = \"t.wrong\", name = \"x\", clause = \"一\", text = \"x\", "
                      "target = \"y\", unit = \"org\",\n"
                      "  hires = { { \"job_kind\", \"base\" } }, conditions = { { "
                      "\"hires_at_least\", { parameter = \"ep\" } } } }\n"
                      "benefit { id = \"t.none\", name = \"x\", clause = \"二\", text = \"x\", "
                      "target = \"y\", unit = \"job\",\n"
                      "  payee = \"person\", conditions = { { \"job_start_between\", { parameter = "
                      "\"nowhere\" } } },\n"
                      "  amount = { once = 1 } }\n"
                      "status { id = \"t.inner\", name = \"x\", clause = \"三\", text = \"x\", "
                      "target = \"y\", unit = \"org\",\n"
                      "  hires = { { \"job_start_between\", { parameter = \"ep\" } } }, conditions "
                      "= { { \"hires_at_least\", 1 } } }\n"
                      "benefit { id = \"t.key\", name = \"x\", clause = \"四\", text = \"x\", "
                      "target = \"y\", unit = \"job\",\n"
                      "  payee = \"person\", conditions = { { \"job_start_between\", { name = "
                      "\"ep\" } } }, amount = { once = 1 } }\n");
    assert_int_equal(bad.rc, BF_EPOLICY);
    assert_true(has_problem(&bad, 0, "t.wrong"));
    assert_true(has_problem(&bad, 0, "nowhere"));
    assert_true(has_problem(&bad, 0, "t.inner"));
    assert_true(has_problem(&bad, 0, "name"));
    unload(&bad);
}

/* Loads the fixture policy directory dir (from the repository root) into l. */
static loaded load_fixture(const char *dir)
{
    loaded l = {NULL, calloc(1, sizeof(policy_diagnostics)), BF_OK};
    bf_error err;
    assert_non_null(l.diag);
    assert_int_equal(policy_set_create(&l.set, &err), BF_OK);
    l.rc = policy_load_dir(l.set, dir, l.diag, &err);
    return l;
}

/* A status testing a status declared after it holds (issue 10 item 9). */
static void test_status_dependency_order(void **state)
{
    (void)state;
    loaded l = load_fixture("tests/data/policy_status_order");
    print_problems(&l);
    assert_int_equal(l.rc, BF_OK);
    int bonus = policy_set_find_rule(l.set, "order.bonus");
    int recognised = policy_set_find_rule(l.set, "order.recognised");
    int poor = policy_set_find_rule(l.set, "order.poor");
    assert_true(recognised < poor);
    assert_int_equal(l.set->status_order_count, 2);
    assert_int_equal(l.set->status_order[0], poor);
    assert_int_equal(l.set->status_order[1], recognised);
    const char *text =
        "{\"period\": {\"from\": \"2020-01\", \"to\": \"2020-12\"}, \"people\": ["
        "{\"id\": \"p1\", \"hukou_region\": \"370811\", \"categories\": [\"建档立卡贫困人口\"]},"
        "{\"id\": \"p2\", \"hukou_region\": \"500101\", \"categories\": [\"建档立卡贫困人口\"]},"
        "{\"id\": \"p3\", \"hukou_region\": \"370811\"}]}";
    situation *s = NULL;
    bf_error err;
    assert_int_equal(situation_parse_text(text, strlen(text), &s, &err), BF_OK);
    policy_eval_options options = {s->month_from, s->month_to, 0};
    policy_result *result = NULL;
    assert_int_equal(policy_evaluate(l.set, s->pop, &options, &result, &err), BF_OK);
    /* Only p1 is poor and in 济宁: one grant, and the status holds for p1 only. */
    assert_int_equal(result->grant_count, 1);
    assert_int_equal(result->grants[0].rule, bonus);
    assert_int_equal(result->grants[0].person, 0);
    assert_int_equal(result->grants[0].fen, 50000);
    size_t recognised_rows = 0;
    for (size_t i = 0; i < result->status_count; i++)
        if (result->statuses[i].rule == recognised) {
            recognised_rows++;
            assert_int_equal(result->statuses[i].row, 0);
        }
    assert_int_equal(recognised_rows, 1);
    policy_result_free(result);
    situation_free(s);
    unload(&l);
}

/* Statuses that test each other are refused, naming each with its clause. */
static void test_status_dependency_cycle(void **state)
{
    (void)state;
    loaded l = load_fixture("tests/data/policy_status_cycle");
    assert_int_equal(l.rc, BF_EPOLICY);
    assert_true(has_problem(&l, 7, "cycle.first (一) -> cycle.second (二) -> cycle.first (一)"));
    unload(&l);
    /* A status testing itself. */
    l = load_text(DOC "status { id = \"t.self\", name = \"x\", clause = \"五\", text = \"x\", "
                      "target = \"y\", unit = \"person\",\n"
                      "  conditions = { { \"status\", \"t.self\" } } }\n");
    assert_int_equal(l.rc, BF_EPOLICY);
    assert_true(has_problem(&l, 3, "t.self (五) -> t.self (五)"));
    unload(&l);
}

/* A trillion yuan, the largest amount a policy file or a situation may give. */
#define TRILLION "1000000000000"

/* Loads text, evaluates it on pop over 2020 and expects an overflow naming benefit and who. */
static void expect_overflow(const char *text, const population *pop, const char *benefit,
                            const char *who)
{
    loaded l = load_text(text);
    print_problems(&l);
    assert_int_equal(l.rc, BF_OK);
    policy_eval_options options = {0, 0, 0};
    date_month_parse("2020-01", &options.month_from);
    date_month_parse("2020-12", &options.month_to);
    policy_result *result = NULL;
    bf_error err;
    assert_int_equal(policy_evaluate(l.set, pop, &options, &result, &err), BF_EOVERFLOW);
    assert_null(result);
    if (strstr(err.message, benefit) == NULL || strstr(err.message, who) == NULL)
        fail_msg("message \"%s\" does not name %s and %s", err.message, benefit, who);
    unload(&l);
}

/*
 * Amounts inside the validation limits whose product does not fit in int64
 * fen: an error naming the benefit and the person or org, never a wrapped
 * amount (issue 10 item 10; UBSan saw signed overflow in each).
 */
/* 1 when a comes after b in the output order (rank, month, rule, payee, row). */
static int grant_after(const policy_grant *a, const policy_grant *b)
{
    int64_t ka[5] = {a->rank, a->month, a->rule, a->payee, a->row};
    int64_t kb[5] = {b->rank, b->month, b->rule, b->payee, b->row};
    for (int i = 0; i < 5; i++)
        if (ka[i] != kb[i])
            return ka[i] > kb[i];
    return 0;
}

/* policy_result_sort against the order it must give, ranks close (counting sort) and far (qsort).
 */
static void test_result_sort(void **state)
{
    (void)state;
    unsigned seed = 42;
    for (int round = 0; round < 200; round++) {
        policy_result result = {0};
        result.grant_count = (size_t)(rand_r(&seed) % 3000);
        result.grants = calloc(result.grant_count + 1, sizeof *result.grants);
        assert_non_null(result.grants);
        int64_t spread = round % 4 == 0 ? INT64_C(1) << 40 : (int64_t)result.grant_count + 1;
        int64_t checksum = 0;
        for (size_t i = 0; i < result.grant_count; i++) {
            policy_grant *g = &result.grants[i];
            g->rank = ((int64_t)rand_r(&seed) * 65536 + rand_r(&seed)) % spread;
            g->month = rand_r(&seed) % 24;
            g->rule = rand_r(&seed) % 5;
            g->payee = rand_r(&seed) % 3;
            g->row = (int32_t)i;
            g->fen = (int64_t)i;
            checksum += g->fen;
        }
        policy_result_sort(&result);
        for (size_t i = 0; i < result.grant_count; i++) {
            checksum -= result.grants[i].fen;
            if (i > 0 && grant_after(&result.grants[i - 1], &result.grants[i]))
                fail_msg("round %d: grant %zu out of order", round, i);
        }
        assert_int_equal(checksum, 0); /* each grant once */
        free(result.grants);
    }
}

static void test_amount_overflow(void **state)
{
    (void)state;
    bf_error err;
    population *pop = NULL;
    assert_int_equal(population_create(&pop, &err), BF_OK);
    population_person_input person = {
        "p1", NULL, POPULATION_DAY_UNKNOWN, 370811000000, 0, 0, 1, SEX_UNKNOWN, 0, POPULATION_NONE};
    int32_t p1 = 0;
    assert_int_equal(population_add_person(pop, &person, &p1, &err), BF_OK);
    int32_t start = (int32_t)date_to_days((bf_date){2020, 3, 1});
    population_training_input training = {.id = "t1",
                                          .person = p1,
                                          .provider = POPULATION_NONE,
                                          .kind = TRAINING_SKILL,
                                          .region = 370811000000,
                                          .start = start,
                                          .end = start + 10,
                                          .days = 36600,
                                          .total_hours = POPULATION_COUNT_UNKNOWN,
                                          .online_hours = POPULATION_COUNT_UNKNOWN,
                                          .certificate = CERTIFICATE_NONE,
                                          .cost = POPULATION_FEN_UNKNOWN};
    assert_int_equal(population_add_training(pop, &training, NULL, &err), BF_OK);

    policy_eval_options options = {0, 0, 0};
    date_month_parse("2020-01", &options.month_from);
    date_month_parse("2020-12", &options.month_to);
    policy_result *result = NULL;
    /* A trillion yuan at 1000 percent: the product overflowed in scale_round (UBSan); the
       amount, ten trillion yuan, fits and is exact. */
    loaded l = load_text(
        DOC "parameter { name = \"big\", title = \"大\", unit = \"yuan\", "
            "values = { { region = \"37\", from = \"2020-01-01\", value = " TRILLION " } } }\n"
            "benefit { id = \"t.percent\", name = \"x\", clause = \"一\", text = "
            "\"x\", target = \"y\", unit = \"person\", payee = \"person\",\n"
            "  conditions = {}, amount = { once = { parameter = \"big\", "
            "percent = 1000 } } }\n");
    assert_int_equal(l.rc, BF_OK);
    assert_int_equal(policy_evaluate(l.set, pop, &options, &result, &err), BF_OK);
    assert_int_equal(result->grant_count, 1);
    assert_true(result->grants[0].fen == MONEY_FEN_MAX * 10);
    policy_result_free(result);
    unload(&l);

    /* Three trillion yuan a day for 36,600 training days (fen *= days). */
    expect_overflow(
        DOC "parameter { name = \"daily\", title = \"日\", unit = \"yuan_per_day\", "
            "values = { { region = \"37\", from = \"2020-01-01\", value = " TRILLION " } } }\n"
            "benefit { id = \"t.daily\", name = \"x\", clause = \"二\", text = \"x\", "
            "target = \"y\", unit = \"training\", payee = \"person\",\n"
            "  conditions = {}, amount = { per_day = { parameter = \"daily\", percent = "
            "300 } } }\n",
        pop, "t.daily", "p1");

    /* A trillion yuan a head for 92,234 hires (fen *= hires). */
    population_org_input org = {"w1", ORG_WORKSHOP, 370811000000, POPULATION_COUNT_UNKNOWN, 0};
    int32_t w1 = 0;
    assert_int_equal(population_add_org(pop, &org, &w1, &err), BF_OK);
    for (int i = 0; i < 92234; i++) {
        char id[32];
        snprintf(id, sizeof id, "h%d", i);
        person.id = id;
        int32_t row = 0;
        assert_int_equal(population_add_person(pop, &person, &row, &err), BF_OK);
        population_job_input job = {id,
                                    row,
                                    w1,
                                    POPULATION_NONE,
                                    370811000000,
                                    JOB_WORKSHOP,
                                    start,
                                    POPULATION_DAY_OPEN,
                                    POPULATION_COUNT_UNKNOWN,
                                    POPULATION_COUNT_UNKNOWN,
                                    0,
                                    POPULATION_FEN_UNKNOWN,
                                    POPULATION_COUNT_UNKNOWN};
        assert_int_equal(population_add_job(pop, &job, NULL, &err), BF_OK);
    }
    expect_overflow(DOC "benefit { id = \"t.head\", name = \"x\", clause = \"三\", text = \"x\", "
                        "target = \"y\", unit = \"org\", payee = \"org\",\n"
                        "  hires = { { \"job_kind\", \"workshop\" } }, conditions = { { "
                        "\"hires_at_least\", 1 } },\n"
                        "  amount = { once = " TRILLION ", per_head = true } }\n",
                    pop, "t.head", "w1");

    /* 92,235 people at a trillion yuan each: every grant fits, their total does not. */
    l = load_text(DOC "benefit { id = \"t.each\", name = \"x\", clause = \"四\", text = \"x\", "
                      "target = \"y\", unit = \"person\", payee = \"person\",\n"
                      "  conditions = {}, amount = { once = " TRILLION " } }\n");
    assert_int_equal(l.rc, BF_OK);
    assert_int_equal(policy_evaluate(l.set, pop, &options, &result, &err), BF_OK);
    assert_int_equal(result->grant_count, 92235);
    FILE *sink = fopen("/dev/null", "w");
    assert_non_null(sink);
    assert_int_equal(policy_output_write(sink, l.set, pop, result, &options, &err), BF_EOVERFLOW);
    fclose(sink);
    policy_result_free(result);
    unload(&l);
    population_free(pop);
}

/* The old linear choice of a parameter value: the model the indexed lookup must agree with. */
static const policy_parameter_value *model_choose(const policy_parameter *parameter, int64_t region,
                                                  int32_t day)
{
    const policy_parameter_value *best = NULL;
    int best_digits = -1;
    for (size_t i = 0; i < parameter->value_count; i++) {
        const policy_parameter_value *v = &parameter->values[i];
        if (v->from > day || !population_region_within(region, v->region))
            continue;
        int digits = population_region_digits(v->region);
        if (best != NULL &&
            (digits < best_digits ||
             (digits == best_digits &&
              (v->origin < best->origin || (v->origin == best->origin && v->from < best->from)))))
            continue;
        best = v;
        best_digits = digits;
    }
    return best;
}

/* Randomized: parameter lookups through the region index against the linear model. */
static void test_parameter_lookup_model(void **state)
{
    (void)state;
    static const int64_t regions[] = {370000000000, 370800000000, 370811000000, 370811001000,
                                      370811001001, 370826000000, 140000000000, 140922000000,
                                      500101000000, 500000000000};
    enum { REGIONS = sizeof regions / sizeof regions[0] };
    uint64_t seed = 7;
    bf_error err;
    for (int round = 0; round < 200; round++) {
        policy_set *set = NULL;
        assert_int_equal(policy_set_create(&set, &err), BF_OK);
        policy_parameter *parameter = &set->parameters[0];
        set->parameter_count = 1;
        int values = 1 + round % 40;
        for (int i = 0; i < values; i++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            policy_parameter_value v = {.region = regions[(seed >> 33) % REGIONS],
                                        .from = 18000 + (int32_t)((seed >> 20) % 8) * 30,
                                        .fen = (seed >> 40) % 5 == 0 ? POLICY_FEN_NONE
                                                                     : (int64_t)(seed >> 45),
                                        .origin = (int)((seed >> 17) % 3),
                                        .to = POLICY_DAY_MAX};
            assert_int_equal(policy_parameter_add_value(parameter, &v, &err), BF_OK);
        }
        for (int q = 0; q < 200; q++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            int64_t region = regions[(seed >> 33) % REGIONS];
            int32_t day = 17990 + (int32_t)((seed >> 20) % 260);
            const policy_parameter_value *want = model_choose(parameter, region, day);
            int64_t fen = -7;
            int rc = policy_parameter_lookup(parameter, region, day, &fen);
            if (want == NULL || want->fen == POLICY_FEN_NONE)
                assert_int_equal(rc, BF_ENOTFOUND);
            else {
                assert_int_equal(rc, BF_OK);
                assert_true(fen == want->fen);
            }
            int32_t from = 0, to = 0;
            want = model_choose(parameter, region, INT32_MAX);
            rc = policy_parameter_window(parameter, region, &from, &to);
            if (want == NULL || want->fen == POLICY_FEN_NONE)
                assert_int_equal(rc, BF_ENOTFOUND);
            else {
                assert_int_equal(rc, BF_OK);
                assert_int_equal(from, want->from);
            }
        }
        policy_set_free(set);
    }
}

/* Two strings equal and apart (NULL both, or two copies). */
static void assert_text_copied(const char *copy, const char *original)
{
    assert_true((copy == NULL) == (original == NULL));
    if (copy != NULL) {
        assert_string_equal(copy, original);
        assert_ptr_not_equal(copy, original);
    }
}

/*
 * policy_set_copy() (serve's calc adds the stored parameters to a copy of its shared set): a
 * copy of the real policies equals a second load of them after the copied set is freed (ASan
 * sees a part still pointing into it), and a value added to the copy is not in the set.
 */
static void test_set_copy(void **state)
{
    (void)state;
    char dir[POLICY_PATH_MAX];
    bf_error err;
    if (policy_find_dir(NULL, dir, sizeof dir, &err) != BF_OK)
        return;
    loaded a = load_fixture(dir), b = load_fixture(dir);
    assert_int_equal(a.rc, BF_OK);
    assert_int_equal(b.rc, BF_OK);
    policy_set *copy = NULL;
    assert_int_equal(policy_set_copy(a.set, &copy, &err), BF_OK);
    for (int i = 0; i < a.set->rule_count; i++)
        assert_text_copied(copy->rules[i]->note, a.set->rules[i]->note);
    for (int i = 0; i < a.set->report_count; i++)
        assert_text_copied(copy->reports[i]->title, a.set->reports[i]->title);
    unload(&a);
    const policy_set *set = b.set;
    assert_int_equal(copy->rule_count, set->rule_count);
    assert_int_equal(copy->document_count, set->document_count);
    assert_int_equal(copy->parameter_count, set->parameter_count);
    assert_int_equal(copy->target_count, set->target_count);
    assert_int_equal(copy->report_count, set->report_count);
    assert_int_equal(copy->status_order_count, set->status_order_count);
    for (int i = 0; i < set->rule_count; i++) {
        const policy_rule *r = copy->rules[i], *s = set->rules[i];
        assert_string_equal(r->id, s->id);
        assert_text_copied(r->text, s->text);
        assert_text_copied(r->target, s->target);
        assert_text_copied(r->service, s->service);
        assert_text_copied(r->note, s->note);
        assert_int_equal(r->condition_total, s->condition_total);
        assert_int_equal(r->amount.value.fen, s->amount.value.fen);
    }
    for (int i = 0; i < set->document_count; i++) {
        assert_text_copied(copy->documents[i].title, set->documents[i].title);
        assert_text_copied(copy->documents[i].issuer, set->documents[i].issuer);
    }
    for (int i = 0; i < set->target_count; i++) {
        assert_text_copied(copy->targets[i]->text, set->targets[i]->text);
        assert_text_copied(copy->targets[i]->indicator, set->targets[i]->indicator);
        assert_text_copied(copy->targets[i]->note, set->targets[i]->note);
    }
    for (int i = 0; i < set->report_count; i++) {
        const policy_report *r = copy->reports[i], *s = set->reports[i];
        const char *const texts[][2] = {{r->title, s->title},    {r->text, s->text},
                                        {r->from, s->from},      {r->to, s->to},
                                        {r->note, s->note},      {r->indicators, s->indicators},
                                        {r->compare, s->compare}};
        for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
            assert_text_copied(texts[k][0], texts[k][1]);
        assert_int_equal(r->column_count, s->column_count);
        for (int k = 0; k < s->column_count; k++)
            assert_text_copied(r->columns[k], s->columns[k]);
        for (int k = 0; k < s->header_count; k++)
            assert_text_copied(r->header[k], s->header[k]);
        for (int k = 0; k < s->footer_count; k++)
            assert_text_copied(r->footer[k], s->footer[k]);
    }
    int64_t jining = population_region_parse("370811");
    int32_t day = (int32_t)date_to_days((bf_date){2021, 6, 1});
    for (int i = 0; i < set->parameter_count; i++) {
        const policy_parameter *p = &copy->parameters[i], *s = &set->parameters[i];
        assert_int_equal(p->value_count, s->value_count);
        int64_t fen_copy = -1, fen_set = -1;
        assert_int_equal(policy_parameter_lookup(p, jining, day, &fen_copy),
                         policy_parameter_lookup(s, jining, day, &fen_set));
        assert_true(fen_copy == fen_set);
    }
    /* A stored value added to the copy stays there. */
    int min_wage = policy_set_find_parameter(copy, "min_wage");
    assert_true(min_wage >= 0);
    policy_parameter_value value = {.region = jining,
                                    .from = day,
                                    .fen = 123400,
                                    .origin = POLICY_ORIGIN_STORE,
                                    .to = POLICY_DAY_MAX};
    assert_int_equal(policy_parameter_add_value(&copy->parameters[min_wage], &value, &err), BF_OK);
    int64_t fen = 0;
    assert_int_equal(policy_parameter_lookup(&copy->parameters[min_wage], jining, day, &fen),
                     BF_OK);
    assert_int_equal(fen, 123400);
    assert_int_equal(copy->parameters[min_wage].value_count,
                     set->parameters[min_wage].value_count + 1);
    policy_set_free(copy);
    unload(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_good),
        cmocka_unit_test(test_load_real_policies),
        cmocka_unit_test(test_set_copy),
        cmocka_unit_test(test_load_syntax_error),
        cmocka_unit_test(test_load_missing_fields_and_types),
        cmocka_unit_test(test_load_line_numbers_with_cr_line_ends),
        cmocka_unit_test(test_load_unknown_condition_and_unit_mismatch),
        cmocka_unit_test(test_load_cross_references),
        cmocka_unit_test(test_load_sandbox),
        cmocka_unit_test(test_load_document_once),
        cmocka_unit_test(test_load_runaway_names_budget),
        cmocka_unit_test(test_load_deep_nesting),
        cmocka_unit_test(test_region_numbers_agree_with_core),
        cmocka_unit_test(test_months_end_day),
        cmocka_unit_test(test_parameter_timeline),
        cmocka_unit_test(test_evaluate_columns),
        cmocka_unit_test(test_evaluate_exclusion_and_org),
        cmocka_unit_test(test_situation_errors),
        cmocka_unit_test(test_result_sort),
        cmocka_unit_test(test_generate_deterministic),
        cmocka_unit_test(test_vocabulary_extensions),
        cmocka_unit_test(test_targets_and_reports),
        cmocka_unit_test(test_person_facts),
        cmocka_unit_test(test_sites),
        cmocka_unit_test(test_hourly_and_steps),
        cmocka_unit_test(test_parameter_arguments),
        cmocka_unit_test(test_status_dependency_order),
        cmocka_unit_test(test_status_dependency_cycle),
        cmocka_unit_test(test_amount_overflow),
        cmocka_unit_test(test_parameter_lookup_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
