/* idcard.c - GB 11643 identity number validation. */
#include "core/idcard.h"

#include "core/error.h"
#include "core/excel_number.h"

#include <string.h>

char idcard_check_character(const char *digits17)
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (digits17[i] - '0') * weights[i];
    return check[sum % 11];
}

idcard_problem idcard_check(const char *text, bf_date today, idcard_info *info)
{
    if (text != NULL && excel_number_notation(text))
        return IDCARD_NUMBER_FORMAT;
    if (text == NULL || strlen(text) != 18)
        return IDCARD_BAD_LENGTH;
    for (int i = 0; i < 17; i++)
        if (text[i] < '0' || text[i] > '9')
            return IDCARD_BAD_CHARACTER;
    char last = text[17] == 'x' ? 'X' : text[17];
    if (!(last == 'X' || (last >= '0' && last <= '9')))
        return IDCARD_BAD_CHARACTER;
    bf_date birth;
    if (date_parse_compact(text + 6, &birth) != 0 || birth.year < 1900 ||
        date_to_days(birth) > date_to_days(today))
        return IDCARD_BAD_BIRTH_DATE;
    if (idcard_check_character(text) != last)
        return IDCARD_BAD_CHECK_DIGIT;
    if (info != NULL) {
        memcpy(info->normalized, text, 17);
        info->normalized[17] = last;
        info->normalized[18] = '\0';
        info->birth_date = birth;
        info->male = (text[16] - '0') % 2 == 1;
    }
    return IDCARD_OK;
}

const char *idcard_problem_text(idcard_problem problem)
{
    switch (problem) {
    case IDCARD_OK:
        return BF_TR("有效", "valid");
    case IDCARD_BAD_LENGTH:
        return BF_TR("长度应为18位", "must be 18 characters long");
    case IDCARD_BAD_CHARACTER:
        return BF_TR("前17位应为数字，末位应为数字或X",
                     "the first 17 characters must be digits, the last a digit or X");
    case IDCARD_BAD_BIRTH_DATE:
        return BF_TR("出生日期不存在", "the birth date does not exist");
    case IDCARD_BAD_CHECK_DIGIT:
        return BF_TR("校验位错误", "wrong check character");
    case IDCARD_NUMBER_FORMAT:
        return BF_TR(
            "被 Excel 存成了数字（科学计数法），后几位已丢失：请把该列设为“文本”后重新录入",
            "stored by Excel as a number (scientific notation), its last digits are "
            "lost: format the column as text and enter the numbers again");
    }
    return BF_TR("无效", "invalid");
}
