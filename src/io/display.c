/* display.c - text and times as they are shown on a terminal; see display.h. */
#include "io/display.h"

#include "io/text_encoding.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Length of the UTF-8 sequence starting at p (1..4), 0 when it is not valid UTF-8. */
static size_t utf8_sequence(const unsigned char *p)
{
    size_t length = p[0] < 0x80 ? 1 : (p[0] & 0xE0) == 0xC0 ? 2 : (p[0] & 0xF0) == 0xE0 ? 3 : 4;
    int truncated = 0;
    /* the validator of the readers: a prefix of length bytes is valid or the sequence is not */
    return text_encoding_utf8_valid_length((const char *)p, strnlen((const char *)p, length),
                                           &truncated) == length
               ? length
               : 0;
}

/* The code point of a valid sequence of length bytes at p. */
static unsigned code_point(const unsigned char *p, size_t length)
{
    static const unsigned char lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    unsigned value = p[0] & lead_mask[length];
    for (size_t i = 1; i < length; i++)
        value = (value << 6) | (p[i] & 0x3F);
    return value;
}

/* True for the controls that reorder the text shown after them. */
static int is_bidi_control(unsigned c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

void display_write(FILE *file, const char *text)
{
    if (text == NULL)
        return;
    const unsigned char *p = (const unsigned char *)text;
    while (*p != '\0') {
        size_t length = utf8_sequence(p);
        unsigned c = length > 0 ? code_point(p, length) : 0;
        if (length == 0 || c < 0x20 || c == 0x7F) {
            fprintf(file, "\\x%02X", *p);
            p++;
        } else if ((c >= 0x80 && c <= 0x9F) || is_bidi_control(c)) {
            fprintf(file, "\\u%04X", c);
            p += length;
        } else {
            fwrite(p, 1, length, file);
            p += length;
        }
    }
}

void display_time_init(void)
{
    const char *tz = getenv("TZ");
    if (tz != NULL && tz[0] != '\0')
        return;
    /* China has kept UTC+8 without summer time since 1991: CST-8 when tzdata is missing */
    setenv("TZ", access("/usr/share/zoneinfo/Asia/Shanghai", R_OK) == 0 ? "Asia/Shanghai" : "CST-8",
           1);
    tzset();
}

void display_time(const char *utc, char out[DISPLAY_TIME_TEXT_MAX])
{
    struct tm parts;
    memset(&parts, 0, sizeof parts);
    const char *end = utc != NULL ? strptime(utc, "%Y-%m-%dT%H:%M:%S", &parts) : NULL;
    if (end == NULL || strcmp(end, "Z") != 0) {
        snprintf(out, DISPLAY_TIME_TEXT_MAX, "%s", utc != NULL ? utc : "");
        return;
    }
    time_t when = timegm(&parts);
    struct tm local;
    char offset[8]; /* strftime's "+0800", written "+08:00" as ISO 8601 does */
    if (localtime_r(&when, &local) == NULL ||
        strftime(out, DISPLAY_TIME_TEXT_MAX, "%Y-%m-%d %H:%M:%S", &local) == 0 ||
        strftime(offset, sizeof offset, "%z", &local) != 5) {
        snprintf(out, DISPLAY_TIME_TEXT_MAX, "%s", utc);
        return;
    }
    size_t used = strlen(out);
    snprintf(out + used, DISPLAY_TIME_TEXT_MAX - used, " %.3s:%.2s", offset, offset + 3);
}
