/*
 * import_facts_parse.c - checking one cell of a fact list against its column's
 * type (ID number, organisation code, region, date, money, word of a list...),
 * for import_facts.c.
 */
#include "services/import_facts_private.h"

#include "core/credit_code.h"
#include "core/date.h"
#include "core/halfwidth.h"
#include "core/idcard.h"
#include "core/int_map.h"
#include "core/money.h"
#include "core/region_code.h"
#include "registry/category.h"
#include "core/string_map.h"
#include "registry/phone.h"
#include "registry/region.h"
#include "registry/vocabulary.h"
#include "services/import_batch.h"
#include "services/import_errors.h"
#include "services/import_row.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- one cell ----------------------------------------------------------------------------- */

/* Reads digits[.fraction] with at most decimals fraction digits, scaled by 10^decimals. */
static int fact_parse_scaled(const char *text, int decimals, int64_t *out)
{
    int64_t value = 0;
    const char *p = text;
    if (*p < '0' || *p > '9')
        return BF_EINVAL;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (value > (INT64_MAX - 9) / 10)
            return BF_EINVAL;
        value = value * 10 + (*p - '0');
    }
    int given = 0;
    if (*p == '.' && decimals > 0)
        for (p++; *p >= '0' && *p <= '9' && given < decimals; p++, given++)
            value = value * 10 + (*p - '0');
    if (*p != '\0')
        return BF_EINVAL;
    for (; given < decimals; given++) {
        if (value > INT64_MAX / 10)
            return BF_EINVAL;
        value *= 10;
    }
    *out = value;
    return BF_OK;
}

/* True when text is a formula start to a spreadsheet (see import_row.h). */
static int fact_is_formula(const char *text)
{
    return text[0] != '\0' && strchr(TABLE_FORMULA_STARTS, text[0]) != NULL;
}

/* Reads a yes/no cell: 1, 0, or -1 when it is neither. */
static int fact_parse_yes_no(const char *text)
{
    static const char *const yes[] = {"是", "有", "y", "yes", "1", "true", "√"};
    static const char *const no[] = {"否", "无", "n", "no", "0", "false", "×"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcasecmp(text, yes[i]) == 0)
            return 1;
        if (strcasecmp(text, no[i]) == 0)
            return 0;
    }
    return -1;
}

/* Checks a region code cell into out (canonical); 1 when known, 0 rejected, < 0 store failure. */
static int fact_parse_region(fact_state *s, int c, const char *folded, const char *cell, char *out,
                             bf_error *err)
{
    if (region_code_normalize(folded, out) == REGION_LEVEL_INVALID) {
        fact_row_reject(s, c,
                        BF_TR("“%s”不是有效的区划代码（应为 6、9 或 12 位数字）",
                              "'%s' is not a valid region code (6, 9 or 12 digits)"),
                        cell);
        return 0;
    }
    if (!region_set_has_province(s->regions, out)) {
        int rc = region_set_load_province(s->st, s->regions, out, err);
        if (rc != BF_OK)
            return rc;
    }
    if (!region_set_contains(s->regions, out)) {
        fact_row_reject(s, c, BF_TR("区划代码 %s 不存在", "the region code %s does not exist"),
                        cell);
        return 0;
    }
    /* With a region limit, a record of no person lies where its first region column says
       (an org, a fair, an outflow's origin); a person's record is scoped by the person. */
    int scoped = s->options->within != NULL;
    for (int k = 0; scoped && k < s->kind->column_count; k++)
        if (s->kind->columns[k].type == FACT_PERSON ||
            (k < c && s->kind->columns[k].type == FACT_REGION))
            scoped = 0;
    if (scoped && !region_code_within(out, s->options->within)) {
        fact_row_reject(s, c, BF_TR("区划 %s 不在您的辖区内", "region %s is outside your region"),
                        cell);
        return 0;
    }
    return 1;
}

/*
 * Checks the cell of column c (NULL: the file has no such column) into
 * s->values[c]; returns what it asks for, or a store failure (< 0).
 */
int fact_parse_cell(fact_state *s, int c, const char *cell, bf_error *err)
{
    const fact_column *column = &s->kind->columns[c];
    char folded[TABLE_CELL_MAX + 1];
    char *out = s->values[c];
    int required = (column->flags & FACT_REQUIRED) ||
                   ((column->flags & FACT_KEY) && !(column->flags & FACT_EMPTY_KEY));
    if (column->flags & FACT_DERIVED)
        return FACT_CELL_KEEP; /* filled from the record referred to (fact_apply_row) */
    if (cell == NULL || cell[0] == '\0') {
        if (required) {
            fact_row_reject(s, c, "%s", BF_TR("必填", "required"));
            return FACT_CELL_BAD;
        }
        return cell != NULL && s->options->clear_empty && !(column->flags & FACT_KEY)
                   ? FACT_CELL_CLEAR
                   : FACT_CELL_KEEP;
    }
    if (import_row_is_clear_marker(cell)) {
        if (required || (column->flags & FACT_KEY)) {
            fact_row_reject(s, c, "%s", BF_TR("必填，不能清空", "required: it cannot be cleared"));
            return FACT_CELL_BAD;
        }
        return FACT_CELL_CLEAR;
    }
    halfwidth_fold(cell, folded, sizeof folded);
    int64_t number = 0;
    bf_date date;
    switch (column->type) {
    case FACT_TEXT:
        if (fact_is_formula(cell)) {
            fact_row_reject(s, c,
                            BF_TR("“%s”以 = + - @ 开头，表格软件会当作公式执行",
                                  "'%s' begins with = + - @: a spreadsheet would run it as a "
                                  "formula"),
                            cell);
            return FACT_CELL_BAD;
        }
        snprintf(out, FACT_VALUE_MAX, "%s", cell);
        return FACT_CELL_VALUE;
    case FACT_PHONE: {
        char phone[PHONE_TEXT_MAX];
        if (!phone_normalize(cell, phone)) {
            fact_row_reject(s, c, BF_TR("格式不正确（%s）", "not a phone number (%s)"), cell);
            return FACT_CELL_BAD;
        }
        snprintf(out, FACT_VALUE_MAX, "%s", phone);
        return FACT_CELL_VALUE;
    }
    case FACT_DATE:
        if (date_parse_written(folded, &date) != BF_OK) {
            fact_row_reject(s, c,
                            BF_TR("“%s”不是日期（应如 2020-03-01、2020/3/1、2020年3月1日 或 "
                                  "20200301）",
                                  "'%s' is not a date (write 2020-03-01, 2020/3/1, 2020年3月1日 "
                                  "or 20200301)"),
                            cell);
            return FACT_CELL_BAD;
        }
        date_format(date, out);
        return FACT_CELL_VALUE;
    case FACT_INTEGER:
    case FACT_MONEY:
    case FACT_HOURS: {
        int decimals = column->type == FACT_MONEY ? 2 : column->type == FACT_HOURS ? 1 : 0;
        if (fact_parse_scaled(folded, decimals, &number) != BF_OK) {
            fact_row_reject(s, c, "%s",
                            column->type == FACT_MONEY
                                ? BF_TR("不是金额（元，不为负，最多两位小数）",
                                        "not an amount (yuan, not negative, at most two decimals)")
                            : column->type == FACT_HOURS
                                ? BF_TR("不是小时数（不为负，最多一位小数）",
                                        "not a number of hours (not negative, at most one decimal)")
                                : BF_TR("不是非负整数", "not a whole number (0 or more)"));
            return FACT_CELL_BAD;
        }
        if (column->max > 0 && number > column->max) {
            fact_row_reject(s, c, BF_TR("“%s”超过上限", "'%s' is over the limit"), cell);
            return FACT_CELL_BAD;
        }
        snprintf(out, FACT_VALUE_MAX, "%" PRId64, number);
        return FACT_CELL_VALUE;
    }
    case FACT_YES_NO: {
        int yes = fact_parse_yes_no(folded);
        if (yes < 0) {
            fact_row_reject(s, c, BF_TR("“%s”应为 是 或 否", "'%s' must be 是 or 否 (yes or no)"),
                            cell);
            return FACT_CELL_BAD;
        }
        snprintf(out, FACT_VALUE_MAX, "%d", yes);
        return FACT_CELL_VALUE;
    }
    case FACT_WORD: {
        const vocabulary *list = &s->lists[c];
        int index = vocabulary_find(list, cell);
        if (index < 0) {
            fact_row_reject(s, c,
                            BF_TR("“%s”不在词表 %s.tsv 中，可填 %s",
                                  "'%s' is not in the list %s.tsv; accepted: %s"),
                            cell, column->vocabulary, list->accepted);
            return FACT_CELL_BAD;
        }
        /* Not snprintf "%s": GCC's -Wrestrict (sanitizer build, -O1) cannot tell out from the
           lists of the same state apart. */
        const char *code = list->values[index].code;
        size_t length = strnlen(code, FACT_VALUE_MAX - 1);
        memcpy(out, code, length);
        out[length] = '\0';
        return FACT_CELL_VALUE;
    }
    case FACT_CREDIT_CODE:
    case FACT_ORG: {
        credit_code_info info;
        credit_code_problem problem = credit_code_check(cell, &info);
        if (problem != CREDIT_CODE_OK) {
            fact_row_reject(s, c, BF_TR("“%s”：%s", "'%s': %s"), cell,
                            credit_code_problem_text(problem));
            return FACT_CELL_BAD;
        }
        int64_t org = 0;
        if (column->type == FACT_ORG && !string_map_find(&s->orgs, info.normalized, &org)) {
            fact_row_reject(s, c,
                            BF_TR("单位 %s 不在单位名单中（请先用 bangfu import orgs 导入）",
                                  "no organisation %s is stored (import it first with bangfu "
                                  "import orgs)"),
                            info.normalized);
            return FACT_CELL_BAD;
        }
        if (column->type == FACT_ORG && column->vocabulary != NULL &&
            !(org & ((int64_t)1 << (1 + c)))) {
            fact_row_reject(s, c,
                            BF_TR("单位 %s 的单位类型不是 %s（org_kind.tsv 的代码）",
                                  "organisation %s is not of kind %s (a code of org_kind.tsv)"),
                            info.normalized, column->vocabulary);
            return FACT_CELL_BAD;
        }
        snprintf(out, FACT_VALUE_MAX, "%s", info.normalized);
        return FACT_CELL_VALUE;
    }
    case FACT_PERSON:
    case FACT_ID_NUMBER: {
        idcard_info info;
        idcard_problem problem = idcard_check(folded, s->today, &info);
        if (problem != IDCARD_OK) {
            fact_row_reject(s, c, "%s", idcard_problem_text(problem));
            return FACT_CELL_BAD;
        }
        if (column->type == FACT_PERSON &&
            !int_map_find(&s->people, int_map_key_from_digits(info.normalized, 17), NULL)) {
            fact_row_reject(s, c,
                            BF_TR("%s 不在人员登记中（请先用 bangfu import people 导入）",
                                  "%s is not registered (import the person first with bangfu "
                                  "import people)"),
                            info.normalized);
            return FACT_CELL_BAD;
        }
        snprintf(out, FACT_VALUE_MAX, "%s", info.normalized);
        return FACT_CELL_VALUE;
    }
    case FACT_REGION: {
        int rc = fact_parse_region(s, c, folded, cell, out, err);
        return rc < 0 ? rc : rc == 1 ? FACT_CELL_VALUE : FACT_CELL_BAD;
    }
    case FACT_MONTH: {
        int month = 0;
        if (date_month_parse_written(folded, &month) != BF_OK) {
            fact_row_reject(s, c,
                            BF_TR("“%s”不是月份（应如 2020-03、2020年3月 或 202003）",
                                  "'%s' is not a month (write 2020-03, 2020年3月 or 202003)"),
                            cell);
            return FACT_CELL_BAD;
        }
        date_month_format(month, out);
        return FACT_CELL_VALUE;
    }
    case FACT_CATEGORIES: {
        category_set set = 0;
        char bad[CATEGORY_ITEM_MAX], names[CATEGORY_TEXT_MAX];
        if (category_parse(cell, &set, bad, sizeof bad) != BF_OK) {
            category_all_names(names);
            fact_row_reject(
                s, c, BF_TR("“%s”不是帮扶类别，可填 %s", "'%s' is not a category; accepted: %s"),
                bad, names);
            return FACT_CELL_BAD;
        }
        category_join(set, names);
        snprintf(out, FACT_VALUE_MAX, "%s", names);
        return FACT_CELL_VALUE;
    }
    case FACT_RECORD: {
        const char *target = column->vocabulary;
        if (!string_map_find(&s->references, cell, &s->reference_index) &&
            !string_map_find(&s->references, folded, &s->reference_index)) {
            int table = (int)strcspn(target, ".");
            fact_row_reject(s, c,
                            BF_TR("“%s”不在已导入的 %.*s 中（请先用 bangfu import %.*s 导入）",
                                  "'%s' is not among the stored %.*s (import it first with "
                                  "bangfu import %.*s)"),
                            cell, table, target, table, target);
            return FACT_CELL_BAD;
        }
        snprintf(out, FACT_VALUE_MAX, "%s", s->reference_keys.texts[s->reference_index]);
        return FACT_CELL_VALUE;
    }
    }
    return FACT_CELL_BAD;
}

/* --- one row ------------------------------------------------------------------------------ */
