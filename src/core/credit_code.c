/* credit_code.c - GB 32100 统一社会信用代码 validation (with its GB 11714 organisation code). */
#include "core/credit_code.h"

#include "core/error.h"
#include "core/excel_number.h"
#include "core/halfwidth.h"

#include <string.h>

/* The code's 31 characters in the order of their values 0..30. */
static const char code_characters[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* The value of a code character, or -1 outside the set. */
static int code_value(char c)
{
    const char *found = c == '\0' ? NULL : strchr(code_characters, c);
    return found == NULL ? -1 : (int)(found - code_characters);
}

int credit_code_is_code_character(char c)
{
    return code_value(c) >= 0;
}

char credit_code_check_character(const char *code17)
{
    /* 3^i mod 31: every weight is coprime to 31, so any one changed character changes the sum. */
    static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += code_value(code17[i]) * weights[i];
    return code_characters[(31 - sum % 31) % 31];
}

char credit_code_organization_check_character(const char *body8)
{
    static const int weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 8; i++) {
        char c = body8[i];
        /* GB 11714 values letters A..Z as 10..35, whichever the USCC set excludes. */
        int value = c >= '0' && c <= '9' ? c - '0' : c - 'A' + 10;
        sum += value * weights[i];
    }
    int check = 11 - sum % 11;
    return check == 10 ? 'X' : check == 11 ? '0' : (char)('0' + check);
}

static int kind_is_known(char authority, char kind)
{
#define CREDIT_CODE_KIND_MATCH(a, k, authority_zh, kind_zh, kind_en)                               \
    if (authority == (a) && kind == (k))                                                           \
        return 1;
    CREDIT_CODE_KIND_MAP(CREDIT_CODE_KIND_MATCH)
#undef CREDIT_CODE_KIND_MATCH
    return 0;
}

static int authority_is_known(char authority)
{
#define CREDIT_CODE_AUTHORITY_MATCH(a, k, authority_zh, kind_zh, kind_en)                          \
    if (authority == (a))                                                                          \
        return 1;
    CREDIT_CODE_KIND_MAP(CREDIT_CODE_AUTHORITY_MATCH)
#undef CREDIT_CODE_AUTHORITY_MATCH
    return 0;
}

const char *credit_code_kind_text(const char *code)
{
    if (code == NULL || code[0] == '\0')
        return NULL;
#define CREDIT_CODE_KIND_TEXT(a, k, authority_zh, kind_zh, kind_en)                                \
    if (code[0] == (a) && code[1] == (k))                                                          \
        return BF_TR(authority_zh "/" kind_zh, kind_en);
    CREDIT_CODE_KIND_MAP(CREDIT_CODE_KIND_TEXT)
#undef CREDIT_CODE_KIND_TEXT
    return NULL;
}

static credit_code_problem fail(credit_code_info *info, credit_code_problem problem, int position)
{
    if (info != NULL)
        info->position = position;
    return problem;
}

credit_code_problem credit_code_check(const char *text, credit_code_info *info)
{
    if (info != NULL) {
        info->normalized[0] = '\0';
        info->position = 0;
    }
    if (text == NULL)
        return CREDIT_CODE_BAD_LENGTH;
    if (excel_number_notation(text))
        return CREDIT_CODE_NUMBER_FORMAT;
    char folded[CREDIT_CODE_INPUT_MAX];
    if (halfwidth_fold(text, folded, sizeof folded) != BF_OK || strlen(folded) != 18)
        return CREDIT_CODE_BAD_LENGTH;
    for (int i = 0; i < 18; i++)
        if (folded[i] >= 'a' && folded[i] <= 'z')
            folded[i] = (char)(folded[i] - 'a' + 'A');
    if (info != NULL)
        memcpy(info->normalized, folded, CREDIT_CODE_TEXT_MAX);
    for (int i = 0; i < 18; i++)
        if (!credit_code_is_code_character(folded[i]))
            return fail(info, CREDIT_CODE_BAD_CHARACTER, i + 1);
    if (!authority_is_known(folded[0]))
        return fail(info, CREDIT_CODE_BAD_AUTHORITY, 1);
    if (!kind_is_known(folded[0], folded[1]))
        return fail(info, CREDIT_CODE_BAD_KIND, 2);
    for (int i = 2; i < 8; i++)
        if (folded[i] < '0' || folded[i] > '9')
            return fail(info, CREDIT_CODE_BAD_REGION, i + 1);
    if (credit_code_organization_check_character(folded + 8) != folded[16])
        return fail(info, CREDIT_CODE_BAD_ORGANIZATION, 17);
    if (credit_code_check_character(folded) != folded[17])
        return fail(info, CREDIT_CODE_BAD_CHECK, 18);
    return CREDIT_CODE_OK;
}

const char *credit_code_problem_text(credit_code_problem problem)
{
    switch (problem) {
    case CREDIT_CODE_OK:
        return BF_TR("有效", "valid");
    case CREDIT_CODE_NUMBER_FORMAT:
        return BF_TR(
            "被 Excel 存成了数字（科学计数法），后几位已丢失：请把该列设为“文本”后重新录入",
            "stored by Excel as a number (scientific notation), its last digits are "
            "lost: format the column as text and enter the codes again");
    case CREDIT_CODE_BAD_LENGTH:
        return BF_TR("长度应为18位", "must be 18 characters long");
    case CREDIT_CODE_BAD_CHARACTER:
        return BF_TR("含有代码字符集以外的字符（只用数字和除I、O、Z、S、V以外的大写字母）",
                     "has a character outside the code's set (digits and the uppercase "
                     "letters other than I, O, Z, S, V)");
    case CREDIT_CODE_BAD_AUTHORITY:
        return BF_TR("第1位登记管理部门代码不存在",
                     "character 1 is no registration authority code");
    case CREDIT_CODE_BAD_KIND:
        return BF_TR("第2位机构类别代码不属于该登记管理部门",
                     "character 2 is no organisation kind of that registration authority");
    case CREDIT_CODE_BAD_REGION:
        return BF_TR("第3至8位登记管理机关行政区划码应为6位数字",
                     "characters 3 to 8 (the registering region) must be 6 digits");
    case CREDIT_CODE_BAD_ORGANIZATION:
        return BF_TR("第9至17位组织机构代码的校验位错误（GB 11714）",
                     "wrong check character of the organisation code in characters 9 to 17 "
                     "(GB 11714)");
    case CREDIT_CODE_BAD_CHECK:
        return BF_TR("第18位校验码错误", "wrong check character (character 18)");
    }
    return BF_TR("无效", "invalid");
}
