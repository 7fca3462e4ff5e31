/* display.c - text and times as they are shown on a terminal; see display.h. */
#include "io/display.h"

#include "io/text_encoding.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* Bytes converted at once by a GB18030 stream. */
#define DISPLAY_GB_CHUNK 4096

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

int display_locale_is_gb(void)
{
    if (setlocale(LC_CTYPE, "") == NULL)
        return 0;
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL &&
           (strcasecmp(codeset, "GBK") == 0 || strcasecmp(codeset, "GB18030") == 0 ||
            strcasecmp(codeset, "GB2312") == 0 || strcasecmp(codeset, "EUC-CN") == 0);
}

/* The streams converted at start-up and the descriptors they write to (for isatty). */
#define DISPLAY_CONVERTED_MAX 2
static FILE *display_converted[DISPLAY_CONVERTED_MAX];
static int display_converted_fd[DISPLAY_CONVERTED_MAX];
static FILE *display_original[DISPLAY_CONVERTED_MAX]; /* the streams they replaced */

/*
 * At exit: the converted streams closed, so that their last bytes are written
 * and their state freed, and the original streams put back for whatever
 * writes after.
 */
static void display_close_converted(void)
{
    for (int i = 0; i < DISPLAY_CONVERTED_MAX; i++) {
        if (display_converted[i] == NULL)
            continue;
        if (stdout == display_converted[i])
            stdout = display_original[i];
        if (stderr == display_converted[i])
            stderr = display_original[i];
        fclose(display_converted[i]);
        display_converted[i] = NULL;
    }
}

int display_stream_fd(FILE *stream)
{
    for (int i = 0; i < DISPLAY_CONVERTED_MAX; i++)
        if (stream != NULL && display_converted[i] == stream)
            return display_converted_fd[i];
    return stream != NULL ? fileno(stream) : -1;
}

/* A stream converting UTF-8 to GB18030 onto a file descriptor. */
typedef struct display_gb_stream {
    int fd;                /* where the converted bytes go */
    iconv_t convert;       /* UTF-8 -> GB18030 */
    char pending[4];       /* the start of a character cut by the last write */
    size_t pending_length; /* its bytes */
} display_gb_stream;

/* Writes length bytes to fd, whatever the partial writes and interruptions. */
static int display_write_all(int fd, const char *data, size_t length)
{
    while (length > 0) {
        ssize_t n = write(fd, data, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        length -= (size_t)n;
    }
    return 0;
}

/*
 * Converts *in (*in_left bytes) until it is used up or ends in a cut
 * character (left in *in); bytes that are not UTF-8 become '?'.
 */
static int display_gb_convert(display_gb_stream *g, char **in, size_t *in_left)
{
    char out[DISPLAY_GB_CHUNK];
    while (*in_left > 0) {
        char *to = out;
        size_t to_left = sizeof out;
        size_t rc = iconv(g->convert, in, in_left, &to, &to_left);
        int problem = rc == (size_t)-1 ? errno : 0;
        if (display_write_all(g->fd, out, sizeof out - to_left) != 0)
            return -1;
        if (problem == EILSEQ) {
            (*in)++;
            (*in_left)--;
            if (display_write_all(g->fd, "?", 1) != 0)
                return -1;
        } else if (problem == EINVAL) {
            return 0; /* a character cut at the end: kept for the next write */
        } else if (problem != 0 && problem != E2BIG) {
            return -1;
        }
    }
    return 0;
}

static ssize_t display_gb_write(void *cookie, const char *data, size_t size)
{
    display_gb_stream *g = cookie;
    size_t used = 0;
    /* First the character the last write cut, completed byte by byte. */
    while (g->pending_length > 0 && used < size) {
        g->pending[g->pending_length++] = data[used++];
        char *in = g->pending;
        size_t left = g->pending_length;
        if (display_gb_convert(g, &in, &left) != 0)
            return -1;
        memmove(g->pending, in, left);
        g->pending_length = left < sizeof g->pending ? left : 0;
    }
    char *in = (char *)data + used;
    size_t left = size - used;
    if (display_gb_convert(g, &in, &left) != 0)
        return -1;
    memcpy(g->pending, in, left < sizeof g->pending ? left : 0);
    g->pending_length = left < sizeof g->pending ? left : 0;
    return (ssize_t)size;
}

static int display_gb_close(void *cookie)
{
    display_gb_stream *g = cookie;
    if (g->pending_length > 0)
        display_write_all(g->fd, "?", 1);
    iconv_close(g->convert);
    free(g);
    return 0;
}

int display_convert_to_gb(FILE **stream)
{
    display_gb_stream *g = calloc(1, sizeof *g);
    if (g == NULL)
        return BF_ENOMEM;
    g->fd = fileno(*stream);
    g->convert = iconv_open("GB18030", "UTF-8");
    if (g->fd < 0 || g->convert == (iconv_t)-1) {
        free(g);
        return BF_EUNSUPPORTED;
    }
    cookie_io_functions_t functions = {.write = display_gb_write, .close = display_gb_close};
    FILE *converted = fopencookie(g, "w", functions);
    if (converted == NULL) {
        iconv_close(g->convert);
        free(g);
        return BF_ENOMEM;
    }
    /* stderr unbuffered (progress lines end without a newline), stdout by line on a terminal */
    if (*stream == stderr)
        setvbuf(converted, NULL, _IONBF, 0);
    else if (isatty(g->fd))
        setvbuf(converted, NULL, _IOLBF, 0);
    if (display_converted[0] == NULL)
        atexit(display_close_converted);
    for (int i = 0; i < DISPLAY_CONVERTED_MAX; i++)
        if (display_converted[i] == NULL) {
            display_converted[i] = converted;
            display_converted_fd[i] = g->fd;
            display_original[i] = *stream;
            break;
        }
    *stream = converted;
    return BF_OK;
}
