/* phone.c - mobile and landline number validation. */
#include "registry/phone.h"

#include <string.h>

/* Number of ASCII digits at the start of text. */
static int phone_digit_run(const char *text)
{
    int count = 0;
    while (text[count] >= '0' && text[count] <= '9')
        count++;
    return count;
}

/* True when text is exactly a mobile number 1[3-9]\d{9}. */
static int phone_is_mobile(const char *text)
{
    return phone_digit_run(text) == 11 && text[11] == '\0' && text[0] == '1' && text[1] >= '3';
}

/*
 * True when text is a landline: area code (with its leading 0 unless
 * zero_optional allows it to be absent, then 1-3 more digits), optional '-',
 * 7-8 digits, optional '-' extension of 1-6 digits.  Without the '-' the
 * area code and number run together, so every split of the run is tried.
 */
static int phone_is_landline(const char *text, int zero_optional)
{
    const char *p = text;
    int has_zero = *p == '0';
    if (!has_zero && !zero_optional)
        return 0;
    int run = phone_digit_run(p);
    const char *after = p + run;
    int area_min = has_zero ? 3 : 2, area_max = has_zero ? 4 : 3;
    if (*after == '-' && run >= area_min && run <= area_max) {
        /* area code, '-', number */
        const char *number = after + 1;
        int digits = phone_digit_run(number);
        if (digits < 7 || digits > 8)
            return 0;
        after = number + digits;
    } else {
        /* area code and number in one run of digits */
        if (run < area_min + 7 || run > area_max + 8)
            return 0;
    }
    if (*after == '\0')
        return 1;
    if (*after != '-')
        return 0;
    int extension = phone_digit_run(after + 1);
    return extension >= 1 && extension <= 6 && after[1 + extension] == '\0';
}

int phone_is_valid(const char *text)
{
    if (text == NULL || *text == '\0')
        return 0;
    if (strncmp(text, "+86", 3) == 0) {
        const char *rest = text + 3;
        if (*rest == ' ' || *rest == '-')
            rest++;
        return phone_is_mobile(rest) || phone_is_landline(rest, 1);
    }
    return phone_is_mobile(text) || phone_is_landline(text, 0);
}
