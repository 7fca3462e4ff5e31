/*
 * display.h - text and times as they are shown on a terminal.
 *
 * display_write() prints text from the data (names, sources, notes) so that
 * it cannot act on the terminal: control characters (C0, DEL, C1) become
 * \xNN, the bidirectional controls that reorder what follows (U+061C,
 * U+200E/F, U+202A..U+202E, U+2066..U+2069) become \uNNNN, and bytes that are
 * not UTF-8 become \xNN.  A backslash is left as it is.
 *
 * On a GBK/GB18030 terminal the text output is converted from UTF-8
 * (display_convert_to_gb()).
 *
 * Times are stored in UTC (ISO 8601 with Z, date_now_timestamp()) and shown in
 * local time with its offset: TZ, or Asia/Shanghai when TZ is not set
 * (display_time_init() at start-up).
 */
#ifndef BANGFU_IO_DISPLAY_H
#define BANGFU_IO_DISPLAY_H

#include "core/error.h"

#include <stdio.h>

/* Longest local time text, "YYYY-MM-DD HH:MM:SS +HH:MM" and a terminator. */
#define DISPLAY_TIME_TEXT_MAX 27

/* Writes text (NULL writes nothing) with its control characters escaped. */
void display_write(FILE *file, const char *text);

/* Sets TZ to Asia/Shanghai (CST-8 without tzdata) when it is not set; call once at start-up. */
void display_time_init(void);

/*
 * Writes the stored UTC timestamp utc ("2026-11-25T12:00:00Z") as local time
 * with its offset from UTC, "2026-11-25 20:00:00 +08:00", into out; text that
 * is not such a timestamp is copied (cut to the buffer).
 */
void display_time(const char *utc, char out[DISPLAY_TIME_TEXT_MAX]);

/*
 * True when the locale's character set (LC_ALL, LC_CTYPE or LANG; read with
 * setlocale(LC_CTYPE, "") and nl_langinfo(CODESET)) is GBK, GB18030 or
 * GB2312: a Chinese Windows-era terminal that shows UTF-8 as mojibake.
 */
int display_locale_is_gb(void);

/*
 * Replaces *stream (stdout or stderr, before anything was written to it) by
 * a stream that converts the UTF-8 text written to it into GB18030 and writes
 * it to the same file descriptor; bytes that are not UTF-8 are written as
 * '?'.  Text output only: JSON and data files stay UTF-8.  Returns BF_OK, or
 * an error code with *stream unchanged.
 */
int display_convert_to_gb(FILE **stream);

/* The file descriptor stream writes to (that of the original for a converted stream), or -1. */
int display_stream_fd(FILE *stream);

#endif
