/* test_core.c - dates, ID numbers, 统一社会信用代码, region codes, the integer and string maps,
 * money. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/credit_code.h"
#include "core/date.h"
#include "core/decimal.h"
#include "core/error.h"
#include "core/idcard.h"
#include "core/int_map.h"
#include "core/money.h"
#include "core/region_code.h"
#include "core/shared_library.h"
#include "core/string_map.h"
#include "core/text_pool.h"

#include <math.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const bf_date today = {2026, 11, 25};

/* Dates as clerks write them in lists: each form, and what is refused. */
static void test_date_parse_written(void **state)
{
    (void)state;
    static const char *const good[] = {"2020-03-01", "2020-3-1", "2020/3/1",     "2020/03/01",
                                       "2020.3.1",   "20200301", "2020年3月1日", "2020年03月01日"};
    static const char *const bad[] = {"2020-02-30",  "2020/3-1",  "20-3-1",        "2020-3-1x",
                                      "2020年3月1",  "202003011", "2020301",       "",
                                      "2020-003-01", "2020/3/",   "2020年13月1日", "x2020-03-01"};
    bf_date d;
    char text[BF_DATE_TEXT_MAX];
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        assert_int_equal(date_parse_written(good[i], &d), BF_OK);
        date_format(d, text);
        assert_string_equal(text, "2020-03-01");
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(date_parse_written(bad[i], &d), BF_EINVAL);
    assert_int_equal(date_parse_written("2020-02-29", &d), BF_OK);
    assert_int_equal(date_parse_written("2021/2/29", &d), BF_EINVAL);
}

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
    /* written by hand: the same as the printf form it replaced, out-of-range fields too */
    unsigned seed = 27;
    for (int i = 0; i < 10000; i++) {
        bf_date d = {rand_r(&seed) % 30000 - 5000, rand_r(&seed) % 130, rand_r(&seed) % 130};
        char expected[32];
        snprintf(expected, sizeof expected, "%04u-%02u-%02u", (unsigned)d.year % 10000u,
                 (unsigned)d.month % 100u, (unsigned)d.day % 100u);
        date_format(d, text);
        assert_string_equal(text, expected);
    }
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

/*
 * Published codes, each passing both the GB 11714 and the GB 32100 check
 * (recomputed independently in Python while writing this test).  Kinds 91 (企业),
 * 92 (个体工商户), 12 (事业单位), 53 (基金会); national (100000) and local
 * registrations; letters in the organisation code, X as its check.
 */
static const char *const published_credit_codes[] = {
    "91100000100003962T", /* 中国工商银行股份有限公司 (registered nationally: 100000) */
    "91110000710926094P", /* 中国石油化工股份有限公司 */
    "9144030071526726XG", /* 腾讯科技（深圳）有限公司: organisation code check X */
    "914403001922038216", /* 华为技术有限公司: all digits */
    "91440300192317458F", /* 比亚迪股份有限公司 */
    "91520000214434146R", /* 贵州茅台酒股份有限公司 */
    "12100000400009127B", /* 北京理工大学 (事业单位) */
    "53100000500021676K", /* 北京理工大学教育基金会 (基金会, 民政部) */
    /* From the published list in python-stdnum tests/test_cn_uscc.doctest: */
    "91620105L015101280", /* organisation code starting with a letter */
    "9115220107837757XE", /* organisation code check X, letter check */
    "92340603MA2UK3DT5H", /* 个体工商户 with a post-2015 MA organisation code */
    "91340600MA2PBM9HXD",
    "91152201078382010M", /* organisation code check 0 (11 - 0 folded to 0) */
    "92340603MA2PBMCG0U",
};

static void test_credit_code_published(void **state)
{
    (void)state;
    credit_code_info info;
    for (size_t i = 0; i < sizeof published_credit_codes / sizeof *published_credit_codes; i++) {
        const char *code = published_credit_codes[i];
        assert_int_equal(credit_code_check(code, &info), CREDIT_CODE_OK);
        assert_string_equal(info.normalized, code);
        assert_int_equal(info.position, 0);
        assert_int_equal(credit_code_check_character(code), code[17]);
        assert_int_equal(credit_code_organization_check_character(code + 8), code[16]);
        assert_non_null(credit_code_kind_text(code));
    }
    /* Folding: lowercase and full-width forms are the same code. */
    assert_int_equal(credit_code_check("9144030071526726xg", &info), CREDIT_CODE_OK);
    assert_string_equal(info.normalized, "9144030071526726XG");
    assert_int_equal(credit_code_check("９１１０００００１００００３９６２Ｔ", &info),
                     CREDIT_CODE_OK);
    assert_string_equal(info.normalized, "91100000100003962T");
    assert_int_equal(credit_code_check("９１１０００００１００００３９６２ｔ", &info),
                     CREDIT_CODE_OK);
    assert_string_equal(credit_code_kind_text("91100000100003962T"),
                        BF_TR("工商/企业", "enterprise"));
    assert_string_equal(credit_code_kind_text("53100000500021676K"),
                        BF_TR("民政/基金会", "foundation"));
}

/* Every refusal, with the check that failed and where. */
static void test_credit_code_problems(void **state)
{
    (void)state;
    credit_code_info info;
    /* ICBC's code with the region of Beijing instead of 100000: only the final check fails. */
    assert_int_equal(credit_code_check("91110000100003962T", &info), CREDIT_CODE_BAD_CHECK);
    assert_int_equal(info.position, 18);
    assert_int_equal(credit_code_check("91100000100003962A", &info), CREDIT_CODE_BAD_CHECK);
    assert_int_equal(credit_code_check("9.11000001E+17", &info), CREDIT_CODE_NUMBER_FORMAT);
    assert_int_equal(credit_code_check("91100000100003962", &info), CREDIT_CODE_BAD_LENGTH);
    assert_int_equal(info.position, 0);
    assert_string_equal(info.normalized, "");
    assert_int_equal(credit_code_check("91100000100003962TT", &info), CREDIT_CODE_BAD_LENGTH);
    assert_int_equal(credit_code_check("", &info), CREDIT_CODE_BAD_LENGTH);
    assert_int_equal(credit_code_check(NULL, &info), CREDIT_CODE_BAD_LENGTH);
    /* 18 characters of which one is Chinese: more than 18 bytes, refused as a length. */
    assert_int_equal(credit_code_check("9110000010000396码", &info), CREDIT_CODE_BAD_LENGTH);
    char longer[200];
    memset(longer, '9', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(credit_code_check(longer, &info), CREDIT_CODE_BAD_LENGTH);
    /* I, O, Z, S, V are not in the set, nor punctuation; the position is the first bad one. */
    assert_int_equal(credit_code_check("9111000060003IOZSV", &info), CREDIT_CODE_BAD_CHARACTER);
    assert_int_equal(info.position, 14);
    assert_string_equal(info.normalized, "9111000060003IOZSV");
    assert_int_equal(credit_code_check("91100000100003962-", &info), CREDIT_CODE_BAD_CHARACTER);
    assert_int_equal(info.position, 18);
    assert_int_equal(credit_code_check("911000001000o3962T", &info), CREDIT_CODE_BAD_CHARACTER);
    assert_int_equal(info.position, 13);
    /* Codes whose final check is right (recomputed) but whose authority, kind, region or
       organisation code is wrong: the first failed check and its position are reported. */
    static const struct {
        const char *code17;
        credit_code_problem problem;
        int position;
    } recomputed[] = {
        {"B1100000100003962", CREDIT_CODE_BAD_AUTHORITY, 1},
        {"94100000100003962", CREDIT_CODE_BAD_KIND, 2},
        {"Y2100000100003962", CREDIT_CODE_BAD_KIND, 2},
        {"911000A0100003962", CREDIT_CODE_BAD_REGION, 7},
        /* the organisation code 10000396 with check 3 instead of 2 */
        {"91100000100003963", CREDIT_CODE_BAD_ORGANIZATION, 17},
    };
    for (size_t i = 0; i < sizeof recomputed / sizeof *recomputed; i++) {
        char code[CREDIT_CODE_TEXT_MAX];
        snprintf(code, sizeof code, "%s%c", recomputed[i].code17,
                 credit_code_check_character(recomputed[i].code17));
        assert_int_equal(credit_code_check(code, &info), recomputed[i].problem);
        assert_int_equal(info.position, recomputed[i].position);
    }
    /* Each problem has its text in both languages' table. */
    for (int p = CREDIT_CODE_OK; p <= CREDIT_CODE_BAD_CHECK; p++)
        assert_true(strlen(credit_code_problem_text((credit_code_problem)p)) > 0);
    assert_string_equal(credit_code_problem_text(CREDIT_CODE_BAD_ORGANIZATION),
                        BF_TR("第9至17位组织机构代码的校验位错误（GB 11714）",
                              "wrong check character of the organisation code in characters 9 "
                              "to 17 (GB 11714)"));
}

/*
 * Randomized round trip: valid codes built from random parts pass; changing
 * any one character to another, or swapping two different neighbours, fails
 * (every weight, and every difference of weights, is coprime to 31).
 */
static void test_credit_code_random(void **state)
{
    (void)state;
    static const char kinds[][3] = {"11", "12", "13", "19", "21", "29", "31", "32", "33",
                                    "34", "35", "39", "41", "49", "51", "52", "53", "59",
                                    "61", "62", "69", "71", "72", "79", "81", "89", "91",
                                    "92", "93", "A1", "A9", "N1", "N2", "N3", "N9", "Y1"};
    static const char set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    srand(20151001);
    for (int round = 0; round < 20000; round++) {
        char code[CREDIT_CODE_TEXT_MAX];
        memcpy(code, kinds[rand() % (int)(sizeof kinds / sizeof *kinds)], 2);
        for (int i = 2; i < 8; i++)
            code[i] = (char)('0' + rand() % 10);
        for (int i = 8; i < 16; i++)
            code[i] = set[rand() % 31];
        code[16] = credit_code_organization_check_character(code + 8);
        code[17] = credit_code_check_character(code);
        code[18] = '\0';
        credit_code_info info;
        assert_int_equal(credit_code_check(code, &info), CREDIT_CODE_OK);
        assert_string_equal(info.normalized, code);

        char mutated[CREDIT_CODE_TEXT_MAX];
        memcpy(mutated, code, sizeof mutated);
        int at = rand() % 18;
        char other;
        do
            other = set[rand() % 31];
        while (other == code[at]);
        mutated[at] = other;
        assert_int_not_equal(credit_code_check(mutated, NULL), CREDIT_CODE_OK);

        memcpy(mutated, code, sizeof mutated);
        at = rand() % 17;
        if (mutated[at] != mutated[at + 1]) {
            mutated[at] = code[at + 1];
            mutated[at + 1] = code[at];
            assert_int_not_equal(credit_code_check(mutated, NULL), CREDIT_CODE_OK);
        }
    }
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

static void test_money_text(void **state)
{
    (void)state;
    int64_t fen = -1;
    assert_int_equal(money_parse_yuan("0", &fen), BF_OK);
    assert_int_equal(fen, 0);
    assert_int_equal(money_parse_yuan("1234.56", &fen), BF_OK);
    assert_int_equal(fen, 123456);
    assert_int_equal(money_parse_yuan("1234.5", &fen), BF_OK);
    assert_int_equal(fen, 123450);
    assert_int_equal(money_parse_yuan("1000000000000", &fen), BF_OK);
    assert_int_equal(fen, MONEY_FEN_MAX);
    const char *bad[] = {"",
                         ".5",
                         "1.",
                         "1.234",
                         "-1",
                         "+1",
                         "1e3",
                         " 1",
                         "1 ",
                         "1,000",
                         "1000000000000.01",
                         "99999999999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (money_parse_yuan(bad[i], &fen) != BF_EINVAL)
            fail_msg("\"%s\" was accepted", bad[i]);
    char text[MONEY_TEXT_MAX];
    money_format(0, text);
    assert_string_equal(text, "0.00");
    money_format(-5, text);
    assert_string_equal(text, "-0.05");
    money_format(123456, text);
    assert_string_equal(text, "1234.56");
    money_format(INT64_MAX, text);
    assert_string_equal(text, "92233720368547758.07");
    money_format(INT64_MIN, text);
    assert_string_equal(text, "-92233720368547758.08");
}

/* Yuan numbers as JSON and Lua give them (doubles) against the exact decimal they were written as.
 */
static void test_money_numbers(void **state)
{
    (void)state;
    int64_t fen = -1;
    assert_int_equal(money_from_yuan_number(19.99, &fen), BF_OK);
    assert_int_equal(fen, 1999);
    assert_int_equal(money_from_yuan_number(0.1 + 0.2, &fen), BF_OK);
    assert_int_equal(fen, 30);
    /* 155806375979.58 × 100 is 15580637597957.998 in double: refused before money.c. */
    assert_int_equal(money_from_yuan_number(155806375979.58, &fen), BF_OK);
    assert_int_equal(fen, INT64_C(15580637597958));
    assert_int_equal(money_from_yuan_number(1e12, &fen), BF_OK);
    assert_int_equal(fen, MONEY_FEN_MAX);
    const double bad[] = {1.234, -0.01, 1e-5, 1e12 + 0.01, 1e13, NAN, INFINITY};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (money_from_yuan_number(bad[i], &fen) != BF_EINVAL)
            fail_msg("%.17g was accepted", bad[i]);
    assert_int_equal(money_from_yuan_integer(MONEY_YUAN_MAX, &fen), BF_OK);
    assert_int_equal(money_from_yuan_integer(MONEY_YUAN_MAX + 1, &fen), BF_EINVAL);
    assert_int_equal(money_from_yuan_integer(-1, &fen), BF_EINVAL);
    /* Differential: any amount written with two decimals, read back as a double, is that fen;
       formatted, it parses back. */
    uint64_t seed = 12345;
    for (int i = 0; i < 200000; i++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        int64_t want = (int64_t)((seed >> 11) % (uint64_t)(MONEY_FEN_MAX + 1));
        if (i % 3 == 0)
            want %= 1000000; /* small amounts too */
        char text[MONEY_TEXT_MAX];
        money_format(want, text);
        double yuan = strtod(text, NULL);
        if (money_from_yuan_number(yuan, &fen) != BF_OK || fen != want)
            fail_msg("%s read as %.17g gave %lld", text, yuan, (long long)fen);
        if (money_parse_yuan(text, &fen) != BF_OK || fen != want)
            fail_msg("%s parsed as %lld", text, (long long)fen);
    }
}

/* Checked arithmetic against 128-bit arithmetic. */
static void test_money_arithmetic(void **state)
{
    (void)state;
    int64_t out = 7;
    assert_int_equal(money_add(INT64_MAX, 1, &out), BF_EOVERFLOW);
    assert_int_equal(out, 7);
    assert_int_equal(money_multiply(MONEY_FEN_MAX, 92233, &out), BF_OK);
    assert_int_equal(money_multiply(MONEY_FEN_MAX, 92234, &out), BF_EOVERFLOW);
    /* The product does not fit in int64, the result does. */
    assert_int_equal(money_scale_round(MONEY_FEN_MAX, 100000, 10000, &out), BF_OK);
    assert_true(out == MONEY_FEN_MAX * 10);
    assert_int_equal(money_scale_round(INT64_MAX, 3, 2, &out), BF_EOVERFLOW);
    /* 1730 yuan × 60% ÷ 21.75 days = 47.7241… → 47.72 */
    assert_int_equal(money_scale_round(173000, 6000, 217500, &out), BF_OK);
    assert_int_equal(out, 4772);
    assert_int_equal(money_scale_round(1, 1, 2, &out), BF_OK);
    assert_int_equal(out, 1);
    assert_int_equal(money_scale_round(-1, 1, 2, &out), BF_EINVAL);
    assert_int_equal(money_scale_round(1, 1, 0, &out), BF_EINVAL);
    uint64_t seed = 99;
    for (int i = 0; i < 200000; i++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        int64_t a = (int64_t)(seed >> (1 + seed % 40));
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        int64_t b = (int64_t)(seed >> (1 + seed % 40));
        __int128 product = (__int128)a * b, sum = (__int128)a + b;
        int fits = product <= INT64_MAX;
        assert_int_equal(money_multiply(a, b, &out), fits ? BF_OK : BF_EOVERFLOW);
        if (fits)
            assert_true(out == (int64_t)product);
        fits = sum <= INT64_MAX;
        assert_int_equal(money_add(a, b, &out), fits ? BF_OK : BF_EOVERFLOW);
        if (fits)
            assert_true(out == (int64_t)sum);
        int64_t c = 1 + (int64_t)(seed % 1000000);
        __int128 scaled = (product + c / 2) / c;
        fits = scaled <= INT64_MAX;
        assert_int_equal(money_scale_round(a, b, c, &out), fits ? BF_OK : BF_EOVERFLOW);
        if (fits)
            assert_true(out == (int64_t)scaled);
    }
}

/* The string map against a linear search over the same keys (the model). */
static void test_string_map(void **state)
{
    (void)state;
    enum { KEYS = 20000 };
    static char keys[KEYS][16];
    string_map map = {0};
    int64_t value = -1;
    assert_false(string_map_find(&map, "p1", &value));
    for (int i = 0; i < KEYS; i++) {
        /* Short keys that differ only at the end, as row ids do. */
        snprintf(keys[i], sizeof keys[i], "p%d", i / 2);
        int64_t existing = -1;
        int rc = string_map_insert(&map, keys[i], i, &existing);
        if (i % 2 == 0)
            assert_int_equal(rc, BF_OK);
        else {
            assert_int_equal(rc, BF_ECONFLICT);
            assert_int_equal(existing, i - 1);
        }
    }
    assert_int_equal(map.count, KEYS / 2);
    for (int i = 0; i < KEYS; i += 2) {
        assert_true(string_map_find(&map, keys[i], &value));
        assert_int_equal(value, i);
    }
    assert_false(string_map_find(&map, "p", NULL));
    assert_false(string_map_find(&map, "p10000", NULL));
    assert_false(string_map_find(&map, "", NULL));
    assert_int_equal(string_map_insert(&map, "", 7, NULL), BF_OK);
    assert_true(string_map_find(&map, "", &value));
    assert_int_equal(value, 7);
    string_map_free(&map);
    assert_false(string_map_find(&map, "p1", NULL));
}

/* decimal_format writes what printf's %lld writes: the extremes and random values. */
static void test_decimal_format(void **state)
{
    (void)state;
    const long long fixed[] = {0, 1, -1, 9, 10, -10, 99, 100, LLONG_MAX, LLONG_MIN, INT_MIN};
    char ours[DECIMAL_TEXT_MAX], theirs[32];
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        size_t length = decimal_format(fixed[i], ours);
        snprintf(theirs, sizeof theirs, "%lld", fixed[i]);
        assert_string_equal(ours, theirs);
        assert_int_equal(length, strlen(theirs));
    }
    unsigned long long x = 88172645463325252ull;
    for (int i = 0; i < 100000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        long long value = (long long)(x >> (x % 64));
        if ((x & 1) && value != LLONG_MIN)
            value = -value;
        decimal_format(value, ours);
        snprintf(theirs, sizeof theirs, "%lld", value);
        assert_string_equal(ours, theirs);
    }
}

/* Strings added past the first capacity keep their offsets; clear reuses the memory. */
static void test_text_pool(void **state)
{
    (void)state;
    text_pool pool = {0};
    char value[32];
    size_t offsets[20000];
    for (int i = 0; i < 20000; i++) {
        snprintf(value, sizeof value, "值%d", i);
        assert_int_equal(text_pool_add(&pool, value, &offsets[i]), BF_OK);
    }
    assert_true(pool.capacity > TEXT_POOL_FIRST_CAPACITY);
    for (int i = 0; i < 20000; i += 997) {
        snprintf(value, sizeof value, "值%d", i);
        assert_string_equal(text_pool_at(&pool, offsets[i]), value);
    }
    size_t capacity = pool.capacity, offset = 1;
    text_pool_clear(&pool);
    assert_int_equal(text_pool_add(&pool, "", &offset), BF_OK);
    assert_int_equal(offset, 0);
    assert_string_equal(text_pool_at(&pool, 0), "");
    assert_int_equal(pool.capacity, capacity);
    text_pool_free(&pool);
    assert_null(pool.text);
}

/* A library opened when needed: its functions once loaded, and a message naming the file and
 * its package when it or one of its functions is missing. */
static void test_shared_library(void **state)
{
    (void)state;
    size_t (*length)(const char *) = NULL;
    int (*absent)(void) = NULL;
    const char *const names[] = {"strlen"};
    void **const slots[] = {(void **)&length};
    shared_library libc = {
        .file = "libc.so.6", .package = "libc6", .names = names, .slots = slots, .count = 1};
    bf_error err;
    assert_int_equal(shared_library_load(&libc, &err), BF_OK);
    assert_int_equal(length("bangfu"), 6);
    assert_int_equal(shared_library_load(&libc, &err), BF_OK); /* once */

    shared_library missing = {.file = "libbangfu-none.so.9",
                              .package = "bangfu-none",
                              .names = names,
                              .slots = slots,
                              .count = 1};
    assert_int_equal(shared_library_load(&missing, &err), BF_EUNSUPPORTED);
    assert_non_null(strstr(err.message, "libbangfu-none.so.9"));
    assert_non_null(strstr(err.message, "bangfu-none"));

    const char *const wrong[] = {"bangfu_no_such_function"};
    void **const wrong_slots[] = {(void **)&absent};
    shared_library old = {
        .file = "libc.so.6", .package = "libc6", .names = wrong, .slots = wrong_slots, .count = 1};
    assert_int_equal(shared_library_load(&old, &err), BF_EUNSUPPORTED);
    assert_non_null(strstr(err.message, "bangfu_no_such_function"));
    assert_null(absent);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_parse_and_days),
        cmocka_unit_test(test_date_parse_written),
        cmocka_unit_test(test_date_months),
        cmocka_unit_test(test_idcard),
        cmocka_unit_test(test_credit_code_published),
        cmocka_unit_test(test_credit_code_problems),
        cmocka_unit_test(test_credit_code_random),
        cmocka_unit_test(test_region_code),
        cmocka_unit_test(test_int_map),
        cmocka_unit_test(test_string_map),
        cmocka_unit_test(test_error_table),
        cmocka_unit_test(test_money_text),
        cmocka_unit_test(test_money_numbers),
        cmocka_unit_test(test_money_arithmetic),
        cmocka_unit_test(test_text_pool),
        cmocka_unit_test(test_decimal_format),
        cmocka_unit_test(test_shared_library),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
