/*
 * date.h - calendar dates and months as plain integers.
 *
 * A date is held as its parts (year, month, day) and as a day number counted
 * from 1970-01-01 (negative before), so comparisons and differences are
 * integer arithmetic.  A month is held as year * 12 + (month - 1), which makes
 * "the next month" an increment.  Text is always ISO 8601: YYYY-MM-DD and
 * YYYY-MM.
 */
#ifndef BANGFU_CORE_DATE_H
#define BANGFU_CORE_DATE_H

#include <stdint.h>

/* One calendar date. */
typedef struct bf_date {
    int year;  /* 1..9999 */
    int month; /* 1..12 */
    int day;   /* 1..days in that month */
} bf_date;

/* Length of "YYYY-MM-DD" plus its terminator. */
#define BF_DATE_TEXT_MAX 11
/* Length of "YYYY-MM" plus its terminator. */
#define BF_MONTH_TEXT_MAX 8

/* True when year/month/day name a real day of the Gregorian calendar. */
int date_is_valid(int year, int month, int day);

/* Days in month (1..12) of year. */
int date_days_in_month(int year, int month);

/* Parses exactly "YYYY-MM-DD"; BF_OK or BF_EINVAL (bad form or impossible day). */
int date_parse(const char *text, bf_date *out);

/* Parses exactly "YYYYMMDD" (as inside an ID number); BF_OK or BF_EINVAL. */
int date_parse_compact(const char *text, bf_date *out);

/*
 * Parses a date as clerks write it in lists: "2020-03-01", "2020-3-1",
 * "2020/3/1", "2020.3.1", "2020年3月1日" or "20200301" (ASCII digits: fold
 * full-width ones first).  BF_OK or BF_EINVAL (another form, or no such day).
 */
int date_parse_written(const char *text, bf_date *out);
/* Writes "YYYY-MM-DD" into out (BF_DATE_TEXT_MAX bytes). */
void date_format(bf_date date, char out[BF_DATE_TEXT_MAX]);

/* Days since 1970-01-01 (negative before) and back. */
int64_t date_to_days(bf_date date);
bf_date date_from_days(int64_t days);

/* Today's date in UTC. */
bf_date date_today(void);

/* Month index year * 12 + month - 1, and its text form "YYYY-MM". */
int date_month_index(bf_date date);
int date_month_parse(const char *text, int *month_index);
/*
 * Parses a month as pay sheets write it: "2020-03", "2020-3", "2020/3",
 * "2020.3", "2020年3月", "202003", or any day of it in a form of
 * date_parse_written.  BF_OK or BF_EINVAL.
 */
int date_month_parse_written(const char *text, int *month_index);
void date_month_format(int month_index, char out[BF_MONTH_TEXT_MAX]);
/* First and last day of the month with this index. */
bf_date date_month_first_day(int month_index);
bf_date date_month_last_day(int month_index);
/* The same day months later (earlier when negative), the last of its month when it has fewer days.
 */
bf_date date_add_months(bf_date date, int months);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (21 bytes with the terminator). */
#define BF_TIMESTAMP_TEXT_MAX 21
void date_now_timestamp(char out[BF_TIMESTAMP_TEXT_MAX]);

#endif
