/*
 * test_predicates.c - the predicate map (policy_predicates.h) against what follows from it:
 * the documentation's predicate table, the names, and the loader's unit and argument checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "policy/policy_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The documentation of the policy format, read from the repository root (make unit). */
#define DOC_PATH "docs/policy-format.md"
#define DOC_MAX  (256 * 1024)

/* The units column of the documentation for a POLICY_UNITS_* mask. */
static const char *units_text(int units)
{
    switch (units) {
    case POLICY_UNITS_ALL:
        return "any";
    case POLICY_UNITS_HAS_PERSON:
        return "all but org";
    case POLICY_UNITS_JOB_TRAINING:
        return "job, training";
    case POLICY_UNITS_PERSON:
        return "person";
    case POLICY_UNITS_JOB:
        return "job";
    case POLICY_UNITS_TRAINING:
        return "training";
    case POLICY_UNITS_ORG:
        return "org";
    default:
        return "?";
    }
}

/* The documentation's table rows "| `name` | units | …" under "## Conditions". */
typedef struct doc_row {
    char name[64];
    char units[64];
} doc_row;

static int read_doc_rows(doc_row *rows, int max)
{
    FILE *file = fopen(DOC_PATH, "rb");
    assert_non_null(file);
    char *text = calloc(1, DOC_MAX + 1);
    assert_non_null(text);
    size_t length = fread(text, 1, DOC_MAX, file);
    fclose(file);
    assert_true(length > 0 && length < DOC_MAX);
    const char *section = strstr(text, "\n## Conditions\n");
    assert_non_null(section);
    const char *end = strstr(section + 1, "\n## ");
    int count = 0;
    for (const char *line = section; line != NULL && (end == NULL || line < end);) {
        line++;
        char name[64], units[64];
        if (sscanf(line, "| `%63[^`]` | %63[^|]|", name, units) == 2 && count < max) {
            size_t n = strlen(units);
            while (n > 0 && units[n - 1] == ' ')
                units[--n] = '\0';
            snprintf(rows[count].name, sizeof rows[count].name, "%s", name);
            snprintf(rows[count].units, sizeof rows[count].units, "%s", units);
            count++;
        }
        line = strchr(line, '\n');
    }
    free(text);
    return count;
}

/* Every predicate of the map has its row with the map's units, and every row is a predicate. */
static void test_documentation_follows_the_map(void **state)
{
    (void)state;
    doc_row rows[2 * POLICY_PRED_COUNT];
    int count = read_doc_rows(rows, 2 * POLICY_PRED_COUNT);
    for (int p = 0; p < POLICY_PRED_COUNT; p++) {
        const policy_predicate_spec *spec = policy_predicate_spec_of((policy_predicate)p);
        int found = -1;
        for (int i = 0; i < count; i++)
            if (strcmp(rows[i].name, spec->name) == 0)
                found = i;
        if (found < 0)
            fail_msg("predicate %s is not documented in %s", spec->name, DOC_PATH);
        if (strcmp(rows[found].units, units_text(spec->units)) != 0)
            fail_msg("%s: %s says units \"%s\", the map \"%s\"", spec->name, DOC_PATH,
                     rows[found].units, units_text(spec->units));
    }
    for (int i = 0; i < count; i++)
        if (policy_predicate_parse(rows[i].name) < 0)
            fail_msg("%s documents \"%s\", which is no predicate", DOC_PATH, rows[i].name);
}

/* Names parse back to their predicate; the columns agree with each other. */
static void test_map_is_consistent(void **state)
{
    (void)state;
    for (int p = 0; p < POLICY_PRED_COUNT; p++) {
        const policy_predicate_spec *spec = policy_predicate_spec_of((policy_predicate)p);
        assert_int_equal(policy_predicate_parse(spec->name), p);
        assert_string_equal(policy_predicate_name((policy_predicate)p), spec->name);
        assert_true(spec->units != 0 && (spec->units & ~POLICY_UNITS_ALL) == 0);
        assert_true(spec->cost >= 0 && spec->cost <= 4);
        assert_int_equal(spec->args == POLICY_ARGS_STATUS,
                         spec->status_of != POLICY_STATUS_OF_NONE);
        if (spec->parameter_unit != POLICY_PARAMETER_NONE)
            assert_true(spec->args == POLICY_ARGS_INT || spec->args == POLICY_ARGS_DATE_PAIR);
    }
    assert_int_equal(policy_predicate_parse("no_such_predicate"), -1);
}

/* Valid arguments of each shape, as Lua text after the predicate name. */
static const char *sample_arguments(policy_args args)
{
    switch (args) {
    case POLICY_ARGS_NONE:
        return "";
    case POLICY_ARGS_REGIONS:
        return ", \"370800\", \"37\"";
    case POLICY_ARGS_NAMES:
        return ", \"建档立卡贫困人口\"";
    case POLICY_ARGS_JOB_KINDS:
        return ", \"enterprise\", \"workshop\"";
    case POLICY_ARGS_ORG_KINDS:
        return ", \"enterprise\"";
    case POLICY_ARGS_TRAINING_KINDS:
        return ", \"skill\"";
    case POLICY_ARGS_LOCATIONS:
        return ", \"same_county\"";
    case POLICY_ARGS_CERTIFICATES:
        return ", \"any\"";
    case POLICY_ARGS_INT:
        return ", 3";
    case POLICY_ARGS_INT_PAIR:
        return ", 16, 60";
    case POLICY_ARGS_DATE_PAIR:
        return ", \"2020-01-01\", \"2020-12-31\"";
    case POLICY_ARGS_FRACTION:
        return ", 0.3";
    case POLICY_ARGS_PERCENT:
        return ", 20";
    case POLICY_ARGS_STATUS:
        return ", \"t.other\"";
    case POLICY_ARGS_CONDITIONS:
    case POLICY_ARGS_CONDITION:
        return ", { \"status\", \"t.other\" }";
    case POLICY_ARGS_INT_TRIPLE:
        return ", 16, 59, 49";
    case POLICY_ARGS_SCHOOL_KINDS:
        return ", \"technical_school\"";
    }
    return "";
}

/* Loads one status of unit with one condition; BF_OK or BF_EPOLICY. */
static int load_condition(const char *unit, const char *predicate, const char *arguments)
{
    char text[1024];
    snprintf(text, sizeof text,
             "document { number = \"测试〔2020〕1号\", title = \"t\", issuer = \"i\",\n"
             "  issued = \"2020-01-01\", region = \"370800\", valid = { from = \"2020-01-01\" } }\n"
             "status { id = \"t.s\", name = \"n\", clause = \"1\", text = \"t\", target = \"t\",\n"
             "  unit = \"%s\", conditions = { { \"%s\"%s } } }\n",
             unit, predicate, arguments);
    policy_set *set = NULL;
    policy_diagnostics *diag = calloc(1, sizeof *diag);
    bf_error err;
    assert_non_null(diag);
    assert_int_equal(policy_set_create(&set, &err), BF_OK);
    int rc = policy_load_buffer(set, "t.lua", text, strlen(text), diag, &err);
    policy_set_free(set);
    free(diag);
    return rc;
}

/*
 * The loader accepts each predicate, with arguments of its shape, exactly on
 * the units of its map line; with one argument too many it refuses it.
 */
static void test_loader_follows_the_map(void **state)
{
    (void)state;
    for (int p = 0; p < POLICY_PRED_COUNT; p++) {
        const policy_predicate_spec *spec = policy_predicate_spec_of((policy_predicate)p);
        const char *arguments = sample_arguments(spec->args);
        for (int unit = 0; unit < POLICY_UNIT_COUNT; unit++) {
            int applies = (spec->units >> unit) & 1;
            int rc = load_condition(policy_unit_name((policy_unit)unit), spec->name, arguments);
            if (rc != (applies ? BF_OK : BF_EPOLICY))
                fail_msg("%s on unit %s: loader says %d, the map %s", spec->name,
                         policy_unit_name((policy_unit)unit), rc,
                         applies ? "applies" : "does not apply");
        }
        /* Shapes with a fixed count of arguments; lists take 1 to POLICY_ARGS_MAX. */
        int fixed = spec->args == POLICY_ARGS_NONE || spec->args == POLICY_ARGS_INT ||
                    spec->args == POLICY_ARGS_INT_PAIR || spec->args == POLICY_ARGS_INT_TRIPLE ||
                    spec->args == POLICY_ARGS_DATE_PAIR || spec->args == POLICY_ARGS_FRACTION ||
                    spec->args == POLICY_ARGS_PERCENT || spec->args == POLICY_ARGS_STATUS ||
                    spec->args == POLICY_ARGS_CONDITION;
        if (fixed) {
            char more[256];
            /* One more argument of the same kind as the first. */
            const char *extra = spec->args == POLICY_ARGS_NONE ? ", 1" : arguments;
            snprintf(more, sizeof more, "%s%s", arguments, extra);
            int first = 0;
            while (!((spec->units >> first) & 1))
                first++;
            if (load_condition(policy_unit_name((policy_unit)first), spec->name, more) !=
                BF_EPOLICY)
                fail_msg("%s accepts an argument too many", spec->name);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_documentation_follows_the_map),
        cmocka_unit_test(test_map_is_consistent),
        cmocka_unit_test(test_loader_follows_the_map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
