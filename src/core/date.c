/* date.c - proleptic Gregorian calendar arithmetic for ISO 8601 dates. */
#include "core/date.h"

#include "core/error.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

int date_is_valid(int year, int month, int day)
{
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= date_days_in_month(year, month);
}

/* Reads count decimal digits at text; -1 when one of them is not a digit. */
static int read_digits(const char *text, int count)
{
    int value = 0;
    for (int i = 0; i < count; i++) {
        if (text[i] < '0' || text[i] > '9')
            return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

int date_parse(const char *text, bf_date *out)
{
    if (text == NULL || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return BF_EINVAL;
    int year = read_digits(text, 4), month = read_digits(text + 5, 2),
        day = read_digits(text + 8, 2);
    if (year < 0 || month < 0 || day < 0 || !date_is_valid(year, month, day))
        return BF_EINVAL;
    *out = (bf_date){year, month, day};
    return BF_OK;
}

int date_parse_compact(const char *text, bf_date *out)
{
    /* the 8 digits are read only when the text has 8 characters (it may go on after them) */
    if (text == NULL || strnlen(text, 8) != 8)
        return BF_EINVAL;
    int year = read_digits(text, 4), month = read_digits(text + 4, 2),
        day = read_digits(text + 6, 2);
    if (year < 0 || month < 0 || day < 0 || !date_is_valid(year, month, day))
        return BF_EINVAL;
    *out = (bf_date){year, month, day};
    return BF_OK;
}

/* Reads 1..max ASCII digits at *p into *value, moving *p past them; 0 when there are none. */
static int read_digit_run(const char **p, int max, int *value)
{
    int n = 0, v = 0;
    while (n < max && **p >= '0' && **p <= '9') {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *value = v;
    return n > 0 && !(**p >= '0' && **p <= '9');
}

/* Moves *p past separator (a byte string) when it is there; 1 when it was. */
static int skip_text(const char **p, const char *separator)
{
    size_t n = strlen(separator);
    if (strncmp(*p, separator, n) != 0)
        return 0;
    *p += n;
    return 1;
}

int date_parse_written(const char *text, bf_date *out)
{
    static const char *const separators[] = {"-", "/", "."};
    if (text == NULL)
        return BF_EINVAL;
    if (strlen(text) == 8 && strspn(text, "0123456789") == 8)
        return date_parse_compact(text, out);
    const char *p = text;
    int year = 0, month = 0, day = 0;
    if (!read_digit_run(&p, 4, &year) || p - text != 4)
        return BF_EINVAL;
    if (skip_text(&p, "年")) {
        if (!read_digit_run(&p, 2, &month) || !skip_text(&p, "月") ||
            !read_digit_run(&p, 2, &day) || !skip_text(&p, "日"))
            return BF_EINVAL;
    } else {
        size_t s = 0;
        while (s < sizeof separators / sizeof separators[0] && !skip_text(&p, separators[s]))
            s++;
        if (s == sizeof separators / sizeof separators[0] || !read_digit_run(&p, 2, &month) ||
            !skip_text(&p, separators[s]) || !read_digit_run(&p, 2, &day))
            return BF_EINVAL;
    }
    if (*p != '\0' || !date_is_valid(year, month, day))
        return BF_EINVAL;
    *out = (bf_date){year, month, day};
    return BF_OK;
}

void date_format(bf_date date, char out[BF_DATE_TEXT_MAX])
{
    /* "%04u-%02u-%02u" by hand: calc --explain formats millions of dates */
    unsigned year = (unsigned)date.year % 10000u, month = (unsigned)date.month % 100u,
             day = (unsigned)date.day % 100u;
    out[0] = (char)('0' + year / 1000);
    out[1] = (char)('0' + year / 100 % 10);
    out[2] = (char)('0' + year / 10 % 10);
    out[3] = (char)('0' + year % 10);
    out[4] = '-';
    out[5] = (char)('0' + month / 10);
    out[6] = (char)('0' + month % 10);
    out[7] = '-';
    out[8] = (char)('0' + day / 10);
    out[9] = (char)('0' + day % 10);
    out[10] = '\0';
}

/* Howard Hinnant's days_from_civil: exact for every Gregorian date. */
int64_t date_to_days(bf_date date)
{
    int64_t y = date.year - (date.month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = (date.month + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bf_date date_from_days(int64_t days)
{
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    return (bf_date){(int)(y + (m <= 2)), m, d};
}

bf_date date_today(void)
{
    time_t now = time(NULL);
    return date_from_days((int64_t)(now / 86400));
}

int date_month_index(bf_date date)
{
    return date.year * 12 + date.month - 1;
}

int date_month_parse(const char *text, int *month_index)
{
    if (text == NULL || strlen(text) != 7 || text[4] != '-')
        return BF_EINVAL;
    int year = read_digits(text, 4), month = read_digits(text + 5, 2);
    if (year < 1 || month < 1 || month > 12)
        return BF_EINVAL;
    *month_index = year * 12 + month - 1;
    return BF_OK;
}

int date_month_parse_written(const char *text, int *month_index)
{
    char day[32];
    bf_date date;
    size_t length = text != NULL ? strlen(text) : 0;
    if (length == 0 || length > 16)
        return BF_EINVAL;
    if (date_parse_written(text, &date) != BF_OK) {
        /* The first day of the month written, in the form it was written in. */
        const char *suffix = length == 6 && strspn(text, "0123456789") == 6       ? "01"
                             : length > 3 && strcmp(text + length - 3, "月") == 0 ? "1日"
                             : strchr(text, '-') != NULL                          ? "-1"
                             : strchr(text, '/') != NULL                          ? "/1"
                             : strchr(text, '.') != NULL                          ? ".1"
                                                                                  : NULL;
        if (suffix == NULL)
            return BF_EINVAL;
        snprintf(day, sizeof day, "%s%s", text, suffix);
        if (date_parse_written(day, &date) != BF_OK)
            return BF_EINVAL;
    }
    *month_index = date_month_index(date);
    return BF_OK;
}

void date_month_format(int month_index, char out[BF_MONTH_TEXT_MAX])
{
    snprintf(out, BF_MONTH_TEXT_MAX, "%04u-%02u", (unsigned)(month_index / 12) % 10000u,
             (unsigned)(month_index % 12 + 1) % 100u);
}

bf_date date_month_first_day(int month_index)
{
    return (bf_date){month_index / 12, month_index % 12 + 1, 1};
}

bf_date date_month_last_day(int month_index)
{
    int year = month_index / 12, month = month_index % 12 + 1;
    return (bf_date){year, month, date_days_in_month(year, month)};
}

bf_date date_add_months(bf_date date, int months)
{
    bf_date moved = date_month_first_day(date_month_index(date) + months);
    int days = date_days_in_month(moved.year, moved.month);
    moved.day = date.day < days ? date.day : days;
    return moved;
}

void date_now_timestamp(char out[BF_TIMESTAMP_TEXT_MAX])
{
    time_t now = time(NULL);
    struct tm parts;
    gmtime_r(&now, &parts);
    strftime(out, BF_TIMESTAMP_TEXT_MAX, "%Y-%m-%dT%H:%M:%SZ", &parts);
}
