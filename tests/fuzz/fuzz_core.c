/*
 * fuzz_core.c - the text checks of core/: idcard_check, credit_code_check,
 * region_code_normalize (and the region functions on its result), date_parse,
 * date_parse_compact and date_month_parse, each on the input as one
 * NUL-terminated string.
 */
#include "core/credit_code.h"
#include "core/date.h"
#include "core/error.h"
#include "core/idcard.h"
#include "core/region_code.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    bf_date today = {2026, 1, 1};
    idcard_info info;
    if (idcard_check(text, today, &info) == IDCARD_OK) {
        assert(strlen(info.normalized) == 18);
        assert(date_is_valid(info.birth_date.year, info.birth_date.month, info.birth_date.day));
        assert(idcard_check(info.normalized, today, NULL) == IDCARD_OK);
    }
    (void)idcard_problem_text(idcard_check(text, today, NULL));

    credit_code_info code;
    credit_code_problem problem = credit_code_check(text, &code);
    assert(strlen(code.normalized) == 0 || strlen(code.normalized) == 18);
    if (problem == CREDIT_CODE_OK) {
        assert(code.position == 0);
        assert(credit_code_check(code.normalized, NULL) == CREDIT_CODE_OK);
        assert(credit_code_check_character(code.normalized) == code.normalized[17]);
        assert(credit_code_kind_text(code.normalized) != NULL);
    } else {
        assert(code.position >= 0 && code.position <= 18);
    }
    (void)credit_code_problem_text(problem);

    char canonical[REGION_CODE_TEXT_MAX];
    region_level level = region_code_normalize(text, canonical);
    if (level != REGION_LEVEL_INVALID) {
        assert(strlen(canonical) == 12);
        assert(region_code_level(canonical) == level);
        (void)region_level_name(level);
        (void)region_level_digits(level);
        char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
        char ancestor[REGION_CODE_TEXT_MAX];
        region_code_range(canonical, low, high);
        assert(strcmp(low, high) < 0);
        for (int l = REGION_LEVEL_PROVINCE; l <= (int)level; l++) {
            region_code_ancestor(canonical, (region_level)l, ancestor);
            assert(region_code_within(canonical, ancestor));
        }
    }

    bf_date date;
    if (date_parse(text, &date) == BF_OK) {
        char back[BF_DATE_TEXT_MAX];
        date_format(date, back);
        assert(strcmp(back, text) == 0);
        bf_date again = date_from_days(date_to_days(date));
        assert(again.year == date.year && again.month == date.month && again.day == date.day);
        (void)date_month_last_day(date_month_index(date));
    }
    if (date_parse_compact(text, &date) == BF_OK)
        assert(date_is_valid(date.year, date.month, date.day));
    int month;
    if (date_month_parse(text, &month) == BF_OK) {
        char back[BF_MONTH_TEXT_MAX];
        date_month_format(month, back);
        (void)date_month_first_day(month);
    }
    free(text);
    return 0;
}
