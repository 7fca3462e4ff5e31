/* test_core.c - dates, ID numbers, region codes, the integer map. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/error.h"
#include "core/idcard.h"
#include "core/int_map.h"
#include "core/region_code.h"

#include <string.h>

static const bf_date today = {2026, 11, 25};

static void test_date_parse_and_days(void **state)
{
    (void)state;
    bf_date d;
    assert_int_equal(date_parse("2020-02-29", &d), BF_OK);
    assert_int_equal(date_parse("2021-02-29", &d), BF_EINVAL);
    assert_int_equal(date_parse("2020-13-01", &d), BF_EINVAL);
    assert_int_equal(date_parse("2020-1-01", &d), BF_EINVAL);
    assert_int_equal(date_parse("2020-01-01x", &d), BF_EINVAL);
    assert_int_equal(date_to_days((bf_date){1970, 1, 1}), 0);
    assert_int_equal(date_to_days((bf_date){2000, 3, 1}), 11017);
    for (int64_t day = -700000; day < 800000; day += 997) {
        bf_date back = date_from_days(day);
        assert_int_equal(date_to_days(back), day);
        assert_true(date_is_valid(back.year, back.month, back.day));
    }
    char text[BF_DATE_TEXT_MAX];
    date_format((bf_date){2020, 4, 27}, text);
    assert_string_equal(text, "2020-04-27");
}

static void test_date_months(void **state)
{
    (void)state;
    int m;
    assert_int_equal(date_month_parse("2020-02", &m), BF_OK);
    bf_date last = date_month_last_day(m);
    assert_int_equal(last.day, 29);
    char text[BF_MONTH_TEXT_MAX];
    date_month_format(m + 11, text);
    assert_string_equal(text, "2021-01");
    assert_int_equal(date_month_parse("2020-00", &m), BF_EINVAL);
}

static void test_idcard(void **state)
{
    (void)state;
    idcard_info info;
    /* 11010519491231002X is the example of GB 11643 itself. */
    assert_int_equal(idcard_check("11010519491231002X", today, &info), IDCARD_OK);
    assert_string_equal(info.normalized, "11010519491231002X");
    assert_int_equal(info.male, 0);
    assert_int_equal(info.birth_date.year, 1949);
    assert_int_equal(idcard_check("11010519491231002x", today, &info), IDCARD_OK);
    assert_string_equal(info.normalized, "11010519491231002X");
    assert_int_equal(idcard_check("110105194912310021", today, NULL), IDCARD_BAD_CHECK_DIGIT);
    assert_int_equal(idcard_check("11010519491231002", today, NULL), IDCARD_BAD_LENGTH);
    assert_int_equal(idcard_check("1101051949123100X2", today, NULL), IDCARD_BAD_CHARACTER);
    assert_int_equal(idcard_check("1.10105194912E+17", today, NULL), IDCARD_NUMBER_FORMAT);
    assert_int_equal(idcard_check("3.70811199E+17", today, NULL), IDCARD_NUMBER_FORMAT);
    assert_int_equal(idcard_check("11010519491231E+17", today, NULL), IDCARD_BAD_CHARACTER);
    /* 1990-02-30 does not exist: the date is refused before the check digit. */
    char bad[19] = "37081119900230001";
    bad[17] = idcard_check_character(bad);
    bad[18] = '\0';
    assert_int_equal(idcard_check(bad, today, NULL), IDCARD_BAD_BIRTH_DATE);
    char future[19] = "37081120301231001";
    future[17] = idcard_check_character(future);
    future[18] = '\0';
    assert_int_equal(idcard_check(future, today, NULL), IDCARD_BAD_BIRTH_DATE);
    char man[19] = "37081119900101001";
    man[17] = idcard_check_character(man);
    man[18] = '\0';
    assert_int_equal(idcard_check(man, today, &info), IDCARD_OK);
    assert_int_equal(info.male, 1);
}

static void test_region_code(void **state)
{
    (void)state;
    char code[REGION_CODE_TEXT_MAX], low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    assert_int_equal(region_code_normalize("37", code), REGION_LEVEL_PROVINCE);
    assert_string_equal(code, "370000000000");
    assert_int_equal(region_code_normalize("3708", code), REGION_LEVEL_CITY);
    assert_int_equal(region_code_normalize("370800", code), REGION_LEVEL_CITY);
    assert_string_equal(code, "370800000000");
    assert_int_equal(region_code_normalize(" 370811 ", code), REGION_LEVEL_COUNTY);
    assert_int_equal(region_code_normalize("370811001", code), REGION_LEVEL_TOWNSHIP);
    assert_int_equal(region_code_normalize("370811001001", code), REGION_LEVEL_VILLAGE);
    assert_int_equal(region_code_normalize("370811000000", code), REGION_LEVEL_COUNTY);
    assert_int_equal(region_code_normalize("37081", code), REGION_LEVEL_INVALID);
    assert_int_equal(region_code_normalize("3708a1", code), REGION_LEVEL_INVALID);
    assert_int_equal(region_code_normalize("", code), REGION_LEVEL_INVALID);
    assert_int_equal(region_code_normalize("000000", code), REGION_LEVEL_INVALID);
    region_code_normalize("3708", code);
    region_code_range(code, low, high);
    assert_string_equal(low, "370800000000");
    assert_string_equal(high, "370900000000");
    region_code_normalize("379999", code);
    region_code_range(code, low, high);
    assert_string_equal(high, "380000000000");
    region_code_normalize("370811", code);
    assert_true(region_code_within("370811001001", code));
    assert_false(region_code_within("370812001001", code));
    region_code_ancestor("370811001001", REGION_LEVEL_CITY, code);
    assert_string_equal(code, "370800000000");
}

static void test_int_map(void **state)
{
    (void)state;
    int_map map = {0};
    int64_t value = 0;
    for (uint64_t k = 1; k <= 100000; k++)
        assert_int_equal(int_map_insert(&map, k * 7919, (int64_t)k, NULL), BF_OK);
    assert_int_equal(int_map_insert(&map, 7919 * 5, 0, &value), BF_ECONFLICT);
    assert_int_equal(value, 5);
    assert_true(int_map_find(&map, 7919 * 100000, &value));
    assert_int_equal(value, 100000);
    assert_false(int_map_find(&map, 7918, NULL));
    assert_int_equal(int_map_insert(&map, 0, 0, NULL), BF_EINVAL);
    assert_int_equal(map.count, 100000);
    assert_int_equal(int_map_key_from_digits("370811", 6), 370811);
    assert_int_equal(int_map_key_from_digits("37x811", 6), 0);
    int_map_free(&map);
}

static void test_error_table(void **state)
{
    (void)state;
    bf_error err;
    assert_int_equal(bf_error_set(&err, BF_EINVAL, "field %s", "姓名"), BF_EINVAL);
    assert_string_equal(err.message, "field 姓名");
    assert_string_equal(bf_error_name(BF_ESTORE), "ESTORE");
    assert_true(strlen(bf_strerror(BF_ENOMEM)) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_parse_and_days),
        cmocka_unit_test(test_date_months),
        cmocka_unit_test(test_idcard),
        cmocka_unit_test(test_region_code),
        cmocka_unit_test(test_int_map),
        cmocka_unit_test(test_error_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
