/* import_row.c - checking and normalising one row of a list of people. */
#include "services/import_row.h"

#include "core/error.h"
#include "core/halfwidth.h"
#include "core/idcard.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char import_row_clear[] = "（清空）";

/* The name of format column c in reasons: its Chinese header, or its English alias. */
static const char *import_row_column_name(int c)
{
    return BF_TR(person_columns[c].header, person_columns[c].alias);
}

/*
 * Appends "column：message" (column: a person_columns[] index, or -1 for the
 * message alone) to the row's reasons, separated by "；" ("; " in English).
 */
static void import_row_reject(import_row *r, int column, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void import_row_reject(import_row *r, int column, const char *format, ...)
{
    size_t size = sizeof r->reason;
    if (r->reason_used + 1 >= size)
        return;
    int n = snprintf(r->reason + r->reason_used, size - r->reason_used, "%s%s%s",
                     r->reason_used > 0 ? BF_TR("；", "; ") : "",
                     column >= 0 ? import_row_column_name(column) : "",
                     column >= 0 ? BF_TR("：", ": ") : "");
    if (n < 0 || (size_t)n >= size - r->reason_used) {
        r->reason_used = size - 1;
        return;
    }
    r->reason_used += (size_t)n;
    va_list args;
    va_start(args, format);
    n = vsnprintf(r->reason + r->reason_used, size - r->reason_used, format, args);
    va_end(args);
    r->reason_used =
        n < 0 || (size_t)n >= size - r->reason_used ? size - 1 : r->reason_used + (size_t)n;
}

int import_row_is_clear_marker(const char *cell)
{
    return cell != NULL && (strcmp(cell, "（清空）") == 0 || strcmp(cell, "(清空)") == 0);
}

/* The reason of a cell refused as a formula (a format with one %s, the cell; a macro so that
 * the format is checked). */
#define IMPORT_ROW_FORMULA_TEXT                                                                    \
    BF_TR("“%s”以 = + - @ 开头，表格软件会当作公式执行",                                           \
          "'%s' begins with = + - @: a spreadsheet would run it as a formula")

/* True when a spreadsheet would take text for a formula (CSV injection). */
static int import_row_is_formula(const char *text)
{
    return text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
           text[0] == '\t' || text[0] == '\r';
}

/*
 * Reads a sex cell: 1 for a man (男, 男性, M, male), 0 for a woman (女, 女性,
 * F, female), -1 for anything else.
 */
static int import_row_parse_sex(const char *text)
{
    if (strcmp(text, "男") == 0 || strcmp(text, "男性") == 0 || strcasecmp(text, "M") == 0 ||
        strcasecmp(text, "male") == 0)
        return 1;
    if (strcmp(text, "女") == 0 || strcmp(text, "女性") == 0 || strcasecmp(text, "F") == 0 ||
        strcasecmp(text, "female") == 0)
        return 0;
    return -1;
}

const char *import_row_cell(const import_row_rules *rules, const table_row *row, int c)
{
    int index = rules->column_of[c];
    if (index < 0)
        return NULL;
    return index < row->count ? row->cells[index] : "";
}

/*
 * What an optional field's cell asks for: NULL (keep) for an absent column
 * or an empty cell, import_row_clear for the marker (or an empty cell under
 * clear_empty), else the cell itself (*given = 1: check it).
 */
static const char *import_row_optional(const import_row_rules *rules, const char *cell, int *given)
{
    *given = 0;
    if (cell == NULL)
        return NULL;
    if (cell[0] == '\0')
        return rules->clear_empty ? import_row_clear : NULL;
    if (import_row_is_clear_marker(cell))
        return import_row_clear;
    *given = 1;
    return cell;
}

/* A required cell (of format column c): rejected when empty or the clear marker; else 1. */
static int import_row_required(import_row *r, int column, const char *cell)
{
    if (cell == NULL || cell[0] == '\0') {
        import_row_reject(r, column, "%s", BF_TR("必填", "required"));
        return 0;
    }
    if (import_row_is_clear_marker(cell)) {
        import_row_reject(r, column, "%s",
                          BF_TR("必填，不能清空", "required: it cannot be cleared"));
        return 0;
    }
    return 1;
}

/* Checks the ID number cell; fills info and records it as seen.  1 when it is a valid number. */
static int import_row_id_number(const import_row_rules *rules, const table_row *row, import_row *r,
                                idcard_info *info)
{
    char folded[TABLE_CELL_MAX + 1];
    enum { c_id = 1 };
    const char *cell = import_row_cell(rules, row, c_id);
    if (!import_row_required(r, c_id, cell))
        return 0;
    halfwidth_fold(cell, folded, sizeof folded);
    idcard_problem problem = idcard_check(folded, rules->today, info);
    if (problem != IDCARD_OK) {
        import_row_reject(r, c_id, "%s", idcard_problem_text(problem));
        return 0;
    }
    /* The first 17 digits determine the check character: they are the key. */
    uint64_t key = int_map_key_from_digits(info->normalized, 17);
    int64_t earlier = 0;
    int added = key != 0 ? int_map_insert(rules->seen, key, row->line, &earlier) : BF_OK;
    if (added == BF_ECONFLICT)
        import_row_reject(r, c_id, BF_TR("与第 %" PRId64 " 行重复", "the same as line %" PRId64),
                          earlier);
    else if (added != BF_OK)
        return added;
    return 1; /* a repeat is still a valid number: the sex is checked against it */
}

/*
 * Replaces the value of v's field in r by its canonical text (a label of the
 * list, or several joined), or rejects the row naming the accepted values.  A
 * cell of blanks or separators only is an empty cell.
 */
static void import_row_listed(const import_row_rules *rules, import_row *r, const vocabulary *v,
                              int column)
{
    vocabulary_values values = 0;
    char bad[VOCABULARY_TEXT_MAX];
    const char **value = &r->person.values[v->field];
    if (vocabulary_parse(v, *value, &values, bad, sizeof bad) != BF_OK) {
        import_row_reject(r, column,
                          BF_TR("“%s”不在词表 %s.tsv 中，可填 %s",
                                "'%s' is not in the list %s.tsv; accepted: %s"),
                          bad, person_field_column(v->field), v->accepted);
        return;
    }
    if (values == 0) {
        *value = rules->clear_empty ? import_row_clear : NULL;
        return;
    }
    char *listed = r->listed[v - rules->vocabularies->fields];
    vocabulary_join(v, values, listed);
    *value = listed;
}

int import_row_check(const import_row_rules *rules, const table_row *row, import_row *out)
{
    enum { c_name = 0, c_sex = 2, c_region = 3, c_household = 4, c_category = 6, c_phone = 7 };
    char folded[TABLE_CELL_MAX + 1];
    person *p = &out->person;
    idcard_info info = {.male = 0};
    int given = 0, loaded = BF_OK;
    out->reason_used = 0;
    out->reason[0] = '\0';
    memset(p, 0, sizeof *p);
    if (row->overflow != NULL) /* cut by the reader: rejected, and checked on for more reasons */
        import_row_reject(out, -1, "%s", row->overflow);

    const char *cell = import_row_cell(rules, row, c_name);
    if (import_row_required(out, c_name, cell)) {
        if (import_row_is_formula(cell))
            import_row_reject(out, c_name, IMPORT_ROW_FORMULA_TEXT, cell);
        p->values[PERSON_NAME] = cell;
    }

    int id_valid = import_row_id_number(rules, row, out, &info);
    if (id_valid < 0)
        return id_valid;

    cell = import_row_cell(rules, row, c_sex);
    if (cell != NULL && cell[0] != '\0' && !import_row_is_clear_marker(cell)) {
        int male = import_row_parse_sex(cell);
        if (male < 0)
            import_row_reject(out, c_sex,
                              BF_TR("“%s”应为 男 或 女", "'%s' must be 男 or 女 (M or F)"), cell);
        else if (id_valid && male != info.male)
            import_row_reject(out, c_sex, "%s",
                              info.male ? BF_TR("与证件号码不符（证件号码为男性）",
                                                "does not match the ID number (of a man)")
                                        : BF_TR("与证件号码不符（证件号码为女性）",
                                                "does not match the ID number (of a woman)"));
    }

    cell = import_row_cell(rules, row, c_region);
    if (import_row_required(out, c_region, cell)) {
        halfwidth_fold(cell, folded, sizeof folded);
        if (region_code_normalize(folded, out->region) == REGION_LEVEL_INVALID)
            import_row_reject(out, c_region,
                              BF_TR("“%s”不是有效的区划代码（应为 6、9 或 12 位数字）",
                                    "'%s' is not a valid region code (6, 9 or 12 digits)"),
                              cell);
        else if (!region_set_has_province(rules->regions, out->region) &&
                 rules->load_province != NULL &&
                 (loaded = rules->load_province(rules->load_context, out->region)) != BF_OK)
            return loaded;
        else if (!region_set_contains(rules->regions, out->region))
            import_row_reject(out, c_region,
                              BF_TR("区划代码 %s 不存在", "the region code %s does not exist"),
                              cell);
        else if (rules->within != NULL && !region_code_within(out->region, rules->within))
            import_row_reject(out, c_region,
                              BF_TR("区划 %s 不在您的辖区内", "region %s is outside your region"),
                              cell);
    }

    cell = import_row_cell(rules, row, c_category);
    if (import_row_required(out, c_category, cell)) {
        category_set set = 0;
        char bad[CATEGORY_ITEM_MAX];
        if (category_parse(cell, &set, bad, sizeof bad) != BF_OK) {
            char names[CATEGORY_TEXT_MAX];
            category_all_names(names);
            import_row_reject(
                out, c_category,
                BF_TR("“%s”不是有效类别（应为 %s）", "'%s' is not a valid category (one of %s)"),
                bad, names);
        } else if (set == 0)
            import_row_reject(out, c_category, "%s", BF_TR("必填", "required"));
        else
            category_join(set, out->categories);
    }

    cell = import_row_optional(rules, import_row_cell(rules, row, c_phone), &given);
    p->values[PERSON_PHONE] = cell;
    if (given) {
        if (phone_normalize(cell, out->phone))
            p->values[PERSON_PHONE] = out->phone;
        else
            import_row_reject(out, c_phone, BF_TR("格式不正确（%s）", "not a phone number (%s)"),
                              cell);
    }

    cell = import_row_optional(rules, import_row_cell(rules, row, c_household), &given);
    p->values[PERSON_HOUSEHOLD_ID] = cell;
    if (given) {
        if (import_row_is_formula(cell))
            import_row_reject(out, c_household, IMPORT_ROW_FORMULA_TEXT, cell);
        else if (halfwidth_fold(cell, out->household_id, sizeof out->household_id) != BF_OK)
            import_row_reject(out, c_household,
                              BF_TR("过长（最多 %d 字节）", "too long (at most %d bytes)"),
                              IMPORT_ROW_CODE_MAX - 1);
        else
            p->values[PERSON_HOUSEHOLD_ID] = out->household_id;
    }

    /* The other fields: the 四清 answers from their lists, flags 是/否, the rest as written. */
    for (int c = 0; c < PERSON_COLUMN_COUNT; c++) {
        if (person_columns[c].kind != PERSON_COLUMN_FIELD || c == c_name || c == c_sex ||
            c == c_region || c == c_household || c == c_category || c == c_phone)
            continue;
        person_field field = person_columns[c].field;
        p->values[field] = import_row_optional(rules, import_row_cell(rules, row, c), &given);
        const vocabulary *v = vocabulary_of(rules->vocabularies, field);
        if (given && v != NULL)
            import_row_listed(rules, out, v, c);
        else if (given && person_field_is_flag(field)) {
            const char *cell = p->values[field];
            if ((p->values[field] = person_flag_parse(cell)) == NULL)
                import_row_reject(
                    out, c, BF_TR("“%s”应为 是 或 否", "'%s' must be 是 or 否 (yes or no)"), cell);
        }
    }

    if (out->reason_used > 0)
        return 0;
    memcpy(p->id_number, info.normalized, sizeof p->id_number);
    date_format(info.birth_date, out->birth_date);
    p->values[PERSON_SEX] = info.male ? "男" : "女";
    p->values[PERSON_BIRTH_DATE] = out->birth_date;
    p->values[PERSON_HUKOU_REGION] = out->region;
    p->values[PERSON_CATEGORIES] = out->categories;
    return 1;
}
