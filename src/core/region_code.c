/* region_code.c - normalising and comparing division codes. */
#include "core/region_code.h"

#include "core/error.h"

#include <ctype.h>
#include <string.h>

int region_level_digits(region_level level)
{
    static const int digits[] = {0, 2, 4, 6, 9, 12};
    return level >= REGION_LEVEL_PROVINCE && level <= REGION_LEVEL_VILLAGE ? digits[level] : 0;
}

const char *region_level_name(region_level level)
{
    static const char *const names_zh[] = {"无效", "省级", "地级", "县级", "乡级", "村级"};
    static const char *const names_en[] = {"invalid", "province", "prefecture",
                                           "county",  "township", "village"};
    int index = level >= REGION_LEVEL_PROVINCE && level <= REGION_LEVEL_VILLAGE ? (int)level : 0;
    return BF_TR(names_zh[index], names_en[index]);
}

region_level region_code_level(const char *canonical)
{
    for (int level = REGION_LEVEL_VILLAGE; level > REGION_LEVEL_PROVINCE; level--) {
        int from = region_level_digits((region_level)(level - 1));
        int to = region_level_digits((region_level)level);
        for (int i = from; i < to; i++)
            if (canonical[i] != '0')
                return (region_level)level;
    }
    return REGION_LEVEL_PROVINCE;
}

region_level region_code_normalize(const char *text, char out[REGION_CODE_TEXT_MAX])
{
    if (text == NULL)
        return REGION_LEVEL_INVALID;
    while (isspace((unsigned char)*text))
        text++;
    size_t length = 0;
    while (text[length] >= '0' && text[length] <= '9')
        length++;
    for (size_t i = length; text[i] != '\0'; i++)
        if (!isspace((unsigned char)text[i]))
            return REGION_LEVEL_INVALID;
    if (length != 2 && length != 4 && length != 6 && length != 9 && length != 12)
        return REGION_LEVEL_INVALID;
    if (text[0] == '0' && text[1] == '0')
        return REGION_LEVEL_INVALID;
    char code[REGION_CODE_TEXT_MAX];
    memcpy(code, text, length);
    memset(code + length, '0', 12 - length);
    code[12] = '\0';
    memcpy(out, code, REGION_CODE_TEXT_MAX);
    return region_code_level(code);
}

void region_code_ancestor(const char *canonical, region_level level, char out[REGION_CODE_TEXT_MAX])
{
    int digits = region_level_digits(level);
    memcpy(out, canonical, (size_t)digits);
    memset(out + digits, '0', (size_t)(12 - digits));
    out[12] = '\0';
}

void region_code_range(const char *canonical, char low[REGION_CODE_TEXT_MAX],
                       char high[REGION_CODE_TEXT_MAX])
{
    int digits = region_level_digits(region_code_level(canonical));
    memcpy(low, canonical, REGION_CODE_TEXT_MAX);
    memcpy(high, canonical, REGION_CODE_TEXT_MAX);
    /* Increment the significant prefix as a decimal number. */
    int i = digits - 1;
    while (i >= 0 && high[i] == '9')
        high[i--] = '0';
    if (i < 0) {
        high[0] = 'A'; /* sorts after every digit string */
        high[1] = '\0';
        return;
    }
    high[i]++;
}

int region_code_within(const char *code, const char *ancestor)
{
    int digits = region_level_digits(region_code_level(ancestor));
    return strncmp(code, ancestor, (size_t)digits) == 0;
}
