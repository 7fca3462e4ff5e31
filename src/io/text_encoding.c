/*
 * text_encoding.c - encoding detection, UTF-8 validation, GB18030 conversion.
 *
 * See text_encoding.h.  The reader reads the file once to validate it as
 * UTF-8, then seeks back and streams it: UTF-8 bytes are handed out as read,
 * GB18030 bytes go through iconv with the unconverted tail of one chunk
 * carried to the next.
 */
#include "io/text_encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bytes read at once when counting lines for an error message. */
#define TEXT_ENCODING_LINE_SCAN 65536

struct text_encoding_reader {
    FILE *file;              /* the open file */
    char *path;              /* copy of the path, for messages */
    text_encoding_kind kind; /* what detection found */
    long long size;          /* file size in bytes at open */
    long long consumed;      /* bytes of the file handed out (converted) so far */
    iconv_t converter;       /* GB18030 to UTF-8, (iconv_t)-1 for UTF-8 files */
    char *raw;               /* TEXT_ENCODING_CHUNK bytes of GB18030 input (NULL for UTF-8) */
    size_t raw_start;        /* unconverted input is raw[raw_start .. raw_end) */
    size_t raw_end;          /* end of the bytes read into raw */
    long long raw_offset;    /* file offset of raw[0] */
    int at_end;              /* the file has been read to its end */
    long long utf8_invalid;  /* offset of the first byte that is not UTF-8, -1 when none... */
    int utf8_before_invalid; /* ...and 1 when valid multibyte UTF-8 comes before it */
};

const char *text_encoding_name(text_encoding_kind kind)
{
    switch (kind) {
    case TEXT_ENCODING_UTF8:
        return "UTF-8";
    case TEXT_ENCODING_UTF8_BOM:
        return "UTF-8 BOM";
    case TEXT_ENCODING_GB18030:
        return "GB18030";
    }
    return "UTF-8";
}

/*
 * UTF-8 validation after the Unicode standard's table 3-7 (well-formed byte
 * sequences).  Runs of ASCII are skipped 16 bytes at a time.
 */
size_t text_encoding_utf8_valid_length(const char *buffer, size_t length, int *truncated)
{
    const unsigned char *s = (const unsigned char *)buffer;
    size_t i = 0;

    *truncated = 0;
    while (i < length) {
        while (i + 16 <= length) {
            uint64_t a, b;
            memcpy(&a, s + i, 8);
            memcpy(&b, s + i + 8, 8);
            if ((a | b) & UINT64_C(0x8080808080808080))
                break;
            i += 16;
        }
        if (i >= length)
            break;
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        /* The common case in Chinese text: a three-byte character U+1000 .. U+CFFF or
         * U+E000 .. U+FFFF, whose continuation bytes need no range check. */
        if (((c >= 0xE1 && c <= 0xEC) || c >= 0xEE) && c <= 0xEF && i + 2 < length) {
            if ((s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
                return i;
            i += 3;
            continue;
        }
        size_t need;
        unsigned low = 0x80, high = 0xBF; /* range of the second byte */
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c == 0xE0) {
            need = 2;
            low = 0xA0;
        } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
            need = 2;
        } else if (c == 0xED) {
            need = 2;
            high = 0x9F;
        } else if (c == 0xF0) {
            need = 3;
            low = 0x90;
        } else if (c >= 0xF1 && c <= 0xF3) {
            need = 3;
        } else if (c == 0xF4) {
            need = 3;
            high = 0x8F;
        } else {
            return i;
        }
        if (i + 1 >= length) {
            *truncated = 1;
            return i;
        }
        if (s[i + 1] < low || s[i + 1] > high)
            return i;
        for (size_t k = 2; k <= need; k++) {
            if (i + k >= length) {
                *truncated = 1;
                return i;
            }
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
        }
        i += need + 1;
    }
    return length;
}

/* 1 + the number of line feeds in buffer[0 .. offset). */
static long text_encoding_line_in_buffer(const char *buffer, size_t offset)
{
    long line = 1;
    const char *p = buffer, *end = buffer + offset;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        line++;
        p++;
    }
    return line;
}

/*
 * 1 + the number of line feeds before offset in the file (for error
 * messages only).  A line feed is never part of a multibyte sequence in
 * UTF-8 or GB18030, so counting bytes is exact.  Returns 0 if unreadable.
 */
static long text_encoding_line_in_file(FILE *file, long long offset)
{
    char buffer[TEXT_ENCODING_LINE_SCAN];
    long line = 1;
    long long position = 0;
    int fd = fileno(file);

    while (position < offset) {
        size_t want = sizeof buffer;
        if ((long long)want > offset - position)
            want = (size_t)(offset - position);
        ssize_t n = pread(fd, buffer, want, (off_t)position);
        if (n <= 0)
            return 0;
        line += text_encoding_line_in_buffer(buffer, (size_t)n) - 1;
        position += n;
    }
    return line;
}

int text_encoding_gb18030_to_utf8(const char *input, size_t length, const char *name, char **out,
                                  size_t *out_length, bf_error *err)
{
    int rc = BF_OK;
    iconv_t converter = iconv_open("UTF-8", "GB18030");
    /* A GB18030 character of n bytes is at most 2n UTF-8 bytes (a two-byte one gives up to 4:
     * FE51 is U+20087). */
    size_t capacity = length * 2 + 16;
    char *result = NULL;

    *out = NULL;
    *out_length = 0;
    if (converter == (iconv_t)-1) {
        rc = bf_error_set(
            err, BF_EUNSUPPORTED, "%s",
            BF_TR("系统不支持 GB18030 编码转换", "GB18030 conversion is not available"));
        goto out;
    }
    result = malloc(capacity + 1);
    if (result == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    char *in = (char *)input, *o = result;
    size_t in_left = length, out_left = capacity;
    if (iconv(converter, &in, &in_left, &o, &out_left) == (size_t)-1) {
        size_t offset = (size_t)(in - input);
        rc = bf_error_set(
            err, BF_EPARSE,
            BF_TR("%s 第 %ld 行（第 %zu 字节处）：既不是有效的 UTF-8 也不是有效的 GB18030 编码",
                  "%s line %ld (at byte offset %zu): neither valid UTF-8 nor valid GB18030"),
            name, text_encoding_line_in_buffer(input, offset), offset);
        goto out;
    }
    *o = '\0';
    *out_length = (size_t)(o - result);
    *out = result;
    result = NULL;
out:
    free(result);
    if (converter != (iconv_t)-1)
        iconv_close(converter);
    return rc;
}

/*
 * Reads the whole file once: sets *kind to UTF8_BOM, UTF8 or GB18030.
 * A BOM file that is not valid UTF-8 is a BF_EPARSE naming the offset and line.
 */
static int text_encoding_detect(text_encoding_reader *reader, char *buffer, bf_error *err)
{
    size_t have = 0;    /* bytes in buffer, the first ones carried from the last chunk */
    long long base = 0; /* file offset of buffer[0] */
    long long bad = -1; /* offset of the first invalid byte, -1 when none */
    int first = 1, bom = 0;

    for (;;) {
        size_t n = fread(buffer + have, 1, TEXT_ENCODING_CHUNK - have, reader->file);
        if (n == 0) {
            if (ferror(reader->file))
                return bf_error_set(err, BF_EIO, BF_TR("无法读取 %s：%s", "cannot read %s: %s"),
                                    reader->path, strerror(errno));
            if (have > 0)
                bad = base; /* a sequence cut by the end of the file */
            break;
        }
        have += n;
        if (first) {
            bom = have >= 3 && memcmp(buffer, "\xEF\xBB\xBF", 3) == 0;
            first = 0;
            if (have >= 2 &&
                (memcmp(buffer, "\xFF\xFE", 2) == 0 || memcmp(buffer, "\xFE\xFF", 2) == 0))
                return bf_error_set(err, BF_EUNSUPPORTED,
                                    BF_TR("%s 是 UTF-16 编码（Excel 的“Unicode 文本”），不支持；"
                                          "请另存为“CSV UTF-8（逗号分隔）”",
                                          "%s is UTF-16 (Excel's \"Unicode Text\"), which is not "
                                          "supported; save it as \"CSV UTF-8 (Comma delimited)\""),
                                    reader->path);
        }
        int truncated;
        size_t valid = text_encoding_utf8_valid_length(buffer, have, &truncated);
        for (size_t i = 0; i < valid && !reader->utf8_before_invalid; i++)
            reader->utf8_before_invalid = (unsigned char)buffer[i] >= 0x80;
        if (valid < have && !truncated) {
            bad = base + (long long)valid;
            break;
        }
        memmove(buffer, buffer + valid, have - valid);
        base += (long long)valid;
        have -= valid;
    }
    if (bad >= 0 && bom)
        return bf_error_set(
            err, BF_EPARSE,
            BF_TR("%s 第 %ld 行（第 %lld 字节处）：文件标明为 UTF-8 但含有无效的 UTF-8 字节",
                  "%s line %ld (at byte offset %lld): the file is marked UTF-8 but holds "
                  "invalid UTF-8"),
            reader->path, text_encoding_line_in_file(reader->file, bad), bad);
    reader->utf8_invalid = bad;
    reader->kind = bom        ? TEXT_ENCODING_UTF8_BOM
                   : bad >= 0 ? TEXT_ENCODING_GB18030
                              : TEXT_ENCODING_UTF8;
    reader->consumed = bom ? 3 : 0;
    if (fseeko(reader->file, (off_t)reader->consumed, SEEK_SET) != 0)
        return bf_error_set(err, BF_EIO, BF_TR("无法读取 %s：%s", "cannot read %s: %s"),
                            reader->path, strerror(errno));
    return BF_OK;
}

int text_encoding_reader_open(const char *path, text_encoding_reader **out, bf_error *err)
{
    int rc = BF_OK;
    text_encoding_reader *reader = calloc(1, sizeof *reader);
    char *buffer = NULL;
    struct stat st;

    *out = NULL;
    if (reader == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    reader->converter = (iconv_t)-1;
    reader->path = strdup(path);
    if (reader->path == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    reader->file = fopen(path, "rb");
    if (reader->file == NULL) {
        if (errno == ENOENT)
            rc =
                bf_error_set(err, BF_ENOTFOUND, BF_TR("找不到文件 %s", "file not found: %s"), path);
        else
            rc = bf_error_set(err, BF_EIO, BF_TR("无法打开 %s：%s", "cannot open %s: %s"), path,
                              strerror(errno));
        goto out;
    }
    if (fstat(fileno(reader->file), &st) != 0) {
        rc = bf_error_set(err, BF_EIO, BF_TR("无法读取 %s：%s", "cannot read %s: %s"), path,
                          strerror(errno));
        goto out;
    }
    if (S_ISDIR(st.st_mode)) {
        rc = bf_error_set(err, BF_EIO, BF_TR("无法读取 %s：%s", "cannot read %s: %s"), path,
                          strerror(EISDIR));
        goto out;
    }
    reader->size = (long long)st.st_size;
    buffer = malloc(TEXT_ENCODING_CHUNK);
    if (buffer == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    rc = text_encoding_detect(reader, buffer, err);
    if (rc < 0)
        goto out;
    if (reader->kind == TEXT_ENCODING_GB18030) {
        reader->converter = iconv_open("UTF-8", "GB18030");
        if (reader->converter == (iconv_t)-1) {
            rc = bf_error_set(
                err, BF_EUNSUPPORTED, "%s",
                BF_TR("系统不支持 GB18030 编码转换", "GB18030 conversion is not available"));
            goto out;
        }
        reader->raw = buffer;
        buffer = NULL;
    }
    *out = reader;
    reader = NULL;
out:
    free(buffer);
    text_encoding_reader_close(reader);
    return rc;
}

/*
 * The file is neither UTF-8 nor GB18030.  When valid multibyte UTF-8 came
 * before its first invalid UTF-8 byte, it is UTF-8 text with a damaged byte:
 * the GB18030 reading, tried because of that byte, fails elsewhere, so the
 * message names the damaged byte's line.  Otherwise the GB18030 failure's
 * (at_end: a character cut by the end of the file).
 */
static int text_encoding_neither(const text_encoding_reader *reader, int at_end, bf_error *err)
{
    if (reader->utf8_invalid >= 0 && reader->utf8_before_invalid)
        return bf_error_set(
            err, BF_EPARSE,
            BF_TR("%s 第 %ld 行（第 %lld 字节处）：不是有效的 UTF-8 编码（按 GB18030 也读不通）",
                  "%s line %ld (at byte offset %lld): invalid UTF-8 (and not valid GB18030 "
                  "either)"),
            reader->path, text_encoding_line_in_file(reader->file, reader->utf8_invalid),
            reader->utf8_invalid);
    if (at_end)
        return bf_error_set(err, BF_EPARSE,
                            BF_TR("%s 第 %ld 行（第 %lld 字节处）：文件末尾的字符不完整",
                                  "%s line %ld (at byte offset %lld): incomplete character at the "
                                  "end of the file"),
                            reader->path,
                            text_encoding_line_in_file(reader->file, reader->consumed),
                            reader->consumed);
    return bf_error_set(
        err, BF_EPARSE,
        BF_TR("%s 第 %ld 行（第 %lld 字节处）：既不是有效的 UTF-8 也不是有效的 GB18030 编码",
              "%s line %ld (at byte offset %lld): neither valid UTF-8 nor valid GB18030"),
        reader->path, text_encoding_line_in_file(reader->file, reader->consumed), reader->consumed);
}

/*
 * Converts GB18030 from reader->raw into buffer, reading more of the file
 * when the raw bytes run out or end inside a character.  Stops when buffer is
 * full or some output is ready; *length 0 means the end of the file.
 */
static int text_encoding_read_gb18030(text_encoding_reader *reader, char *buffer, size_t capacity,
                                      size_t *length, bf_error *err)
{
    char *o = buffer;
    size_t out_left = capacity;

    for (;;) {
        if (reader->raw_start < reader->raw_end) {
            char *in = reader->raw + reader->raw_start;
            size_t in_left = reader->raw_end - reader->raw_start;
            size_t converted = iconv(reader->converter, &in, &in_left, &o, &out_left);
            int error = errno;
            reader->raw_start = (size_t)(in - reader->raw);
            reader->consumed = reader->raw_offset + (long long)reader->raw_start;
            if (converted == (size_t)-1 && error == EILSEQ)
                return text_encoding_neither(reader, 0, err);
            if (converted == (size_t)-1 && error == E2BIG && o != buffer)
                break;
        }
        if (o != buffer)
            break;
        if (reader->at_end) {
            if (reader->raw_start < reader->raw_end)
                return text_encoding_neither(reader, 1, err);
            break;
        }
        /* Keep the unconverted tail (a split character) and read after it. */
        size_t tail = reader->raw_end - reader->raw_start;
        memmove(reader->raw, reader->raw + reader->raw_start, tail);
        reader->raw_offset += (long long)reader->raw_start;
        reader->raw_start = 0;
        reader->raw_end = tail;
        size_t n = fread(reader->raw + tail, 1, TEXT_ENCODING_CHUNK - tail, reader->file);
        if (n == 0) {
            if (ferror(reader->file))
                return bf_error_set(err, BF_EIO, BF_TR("无法读取 %s：%s", "cannot read %s: %s"),
                                    reader->path, strerror(errno));
            reader->at_end = 1;
        }
        reader->raw_end += n;
    }
    *length = (size_t)(o - buffer);
    return BF_OK;
}

int text_encoding_reader_read(text_encoding_reader *reader, char *buffer, size_t capacity,
                              size_t *length, bf_error *err)
{
    *length = 0;
    if (capacity < TEXT_ENCODING_READ_MIN)
        return bf_error_set(err, BF_EINVAL, "text_encoding_reader_read: buffer of %zu bytes",
                            capacity);
    if (reader->kind == TEXT_ENCODING_GB18030)
        return text_encoding_read_gb18030(reader, buffer, capacity, length, err);
    size_t n = fread(buffer, 1, capacity, reader->file);
    if (n == 0 && ferror(reader->file))
        return bf_error_set(err, BF_EIO, BF_TR("无法读取 %s：%s", "cannot read %s: %s"),
                            reader->path, strerror(errno));
    reader->consumed += (long long)n;
    *length = n;
    return BF_OK;
}

text_encoding_kind text_encoding_reader_kind(const text_encoding_reader *reader)
{
    return reader->kind;
}

double text_encoding_reader_progress(const text_encoding_reader *reader)
{
    if (reader->size <= 0 || reader->consumed >= reader->size)
        return 1.0;
    return (double)reader->consumed / (double)reader->size;
}

void text_encoding_reader_close(text_encoding_reader *reader)
{
    if (reader == NULL)
        return;
    if (reader->file != NULL)
        fclose(reader->file);
    if (reader->converter != (iconv_t)-1)
        iconv_close(reader->converter);
    free(reader->raw);
    free(reader->path);
    free(reader);
}
