/* test_schema.c - the field value forms shared by the policy loader and the situation parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/error.h"
#include "policy/schema.h"

#include <string.h>

static void test_key_known(void **state)
{
    (void)state;
    static const char *const keys[] = {"from", "to", NULL};
    assert_true(schema_key_known(keys, "from"));
    assert_true(schema_key_known(keys, "to"));
    assert_false(schema_key_known(keys, "From"));
    assert_false(schema_key_known(keys, ""));
}

static void test_path_join(void **state)
{
    (void)state;
    char out[16];
    schema_path_join(out, sizeof out, "", "people");
    assert_string_equal(out, "people");
    schema_path_join(out, sizeof out, "people[3]", "id");
    assert_string_equal(out, "people[3].id");
    schema_path_join(out, sizeof out, "people[3].jobs[12]", "employer");
    assert_int_equal(strlen(out), sizeof out - 1); /* truncated, terminated */
    assert_memory_equal(out, "people[3].jobs[", 15);
}

static void test_day(void **state)
{
    (void)state;
    int32_t day = -7;
    assert_int_equal(schema_day("2020-02-29", &day), BF_OK);
    assert_int_equal(day, (int32_t)date_to_days((bf_date){2020, 2, 29}));
    day = -7;
    assert_int_equal(schema_day("2021-02-29", &day), BF_EINVAL);
    assert_int_equal(schema_day("2020-2-1", &day), BF_EINVAL);
    assert_int_equal(schema_day(NULL, &day), BF_EINVAL);
    assert_int_equal(day, -7); /* untouched when refused */
}

static void test_region(void **state)
{
    (void)state;
    int64_t code = -1;
    assert_int_equal(schema_region("370800", &code), BF_OK);
    assert_int_equal(code, INT64_C(370800000000));
    assert_int_equal(schema_region("37", &code), BF_OK);
    assert_int_equal(code, INT64_C(370000000000));
    code = -1;
    assert_int_equal(schema_region("37x800", &code), BF_EINVAL);
    assert_int_equal(schema_region(NULL, &code), BF_EINVAL);
    assert_int_equal(code, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_known),
        cmocka_unit_test(test_path_join),
        cmocka_unit_test(test_day),
        cmocka_unit_test(test_region),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
