/* phone.c - mobile and landline numbers: validation and canonical form. */
#include "registry/phone.h"

#include "core/error.h"
#include "core/halfwidth.h"

#include <stdio.h>
#include <string.h>

/* Longest text looked at: a number with generous separators. */
#define PHONE_INPUT_MAX 64
/* Most digit groups in one number ("+86 0537 123 4567 801"). */
#define PHONE_GROUPS_MAX 8
/* Most digits in one number: a 4-digit area code, 8 digits, a 6-digit extension. */
#define PHONE_DIGITS_MAX 18

/* True for the characters written between digit groups. */
static int phone_is_separator(char c)
{
    return c == ' ' || c == '-' || c == '(' || c == ')';
}

int phone_normalize(const char *text, char out[PHONE_TEXT_MAX])
{
    char folded[PHONE_INPUT_MAX], digits[PHONE_DIGITS_MAX + 2];
    int group_length[PHONE_GROUPS_MAX], groups = 0, count = 0, international = 0;
    out[0] = '\0';
    if (text == NULL || halfwidth_fold(text, folded, sizeof folded) != BF_OK)
        return 0;
    const char *p = folded;
    while (*p == ' ')
        p++;
    if (strncmp(p, "+86", 3) == 0 || strncmp(p, "0086", 4) == 0) {
        p += *p == '+' ? 3 : 4;
        international = 1;
        /* "+86" alone, or glued to digits that are not a separate group: still fine. */
    }
    /* A leading 0 dropped after +86 comes back: room for it in front. */
    digits[0] = '0';
    char *d = digits + 1;
    while (*p != '\0') {
        if (phone_is_separator(*p)) {
            p++;
            continue;
        }
        if (*p < '0' || *p > '9' || groups == PHONE_GROUPS_MAX)
            return 0;
        int length = 0;
        while (*p >= '0' && *p <= '9') {
            if (count == PHONE_DIGITS_MAX)
                return 0;
            d[count++] = *p++;
            length++;
        }
        group_length[groups++] = length;
    }
    d[count] = '\0';
    if (count == 11 && d[0] == '1' && d[1] >= '3') {
        memcpy(out, d, 12);
        return 1;
    }
    if (international && d[0] != '0') {
        d = digits; /* the area code's 0, dropped in international notation */
        count++;
    }
    if (count == 0 || d[0] != '0')
        return 0;
    int area = d[1] == '2' || (d[1] == '1' && d[2] == '0') ? 3 : 4;
    int rest = count - area, extension = 0;
    /* An extension is a last group of 1-6 digits after the number written whole (7-8 digits). */
    int last = groups >= 2 ? group_length[groups - 1] : 0;
    int before = groups >= 2 ? group_length[groups - 2] : 0;
    if (last >= 1 && last <= 6 && before >= 7 && before <= 8 && rest - last >= 7 &&
        rest - last <= 8) {
        extension = last;
        rest -= last;
    }
    if (rest < 7 || rest > 8)
        return 0;
    if (extension > 0)
        snprintf(out, PHONE_TEXT_MAX, "%.*s-%.*s-%.*s", area, d, rest, d + area, extension,
                 d + area + rest);
    else
        snprintf(out, PHONE_TEXT_MAX, "%.*s-%.*s", area, d, rest, d + area);
    return 1;
}

int phone_is_valid(const char *text)
{
    char canonical[PHONE_TEXT_MAX];
    return phone_normalize(text, canonical);
}
