/*
 * fuzz_text_encoding.c - UTF-8 validation, GB18030 conversion in memory, and
 * the streaming reader over the bytes as a file, read in pieces whose size
 * the first input byte picks (so characters are split across reads).  The
 * two conversions must agree: a GB18030 file read to its end gives the same
 * bytes as text_encoding_gb18030_to_utf8(), a UTF-8 file gives itself.
 */
#include "core/error.h"
#include "io/text_encoding.h"

#include "fuzz_file.h"

#include <assert.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bf_error err;
    int truncated = 0;
    size_t valid = text_encoding_utf8_valid_length((const char *)data, size, &truncated);
    assert(valid <= size);
    assert(!truncated || valid < size);

    char *converted = NULL;
    size_t converted_length = 0;
    int converted_rc = text_encoding_gb18030_to_utf8((const char *)data, size, "fuzz", &converted,
                                                     &converted_length, &err);
    if (converted_rc == BF_OK)
        assert(strlen(converted) <= converted_length);

    size_t capacity = TEXT_ENCODING_READ_MIN + (size > 0 ? data[0] % 64 : 0);
    const char *path = fuzz_file_write(data, size, ".txt");
    text_encoding_reader *reader = NULL;
    /* UTF-8 output is at most 2 bytes per GB18030 byte, plus room for one more read */
    size_t streamed_max = 2 * size + TEXT_ENCODING_READ_MIN + 64;
    char *streamed = malloc(streamed_max);
    if (path != NULL && streamed != NULL &&
        text_encoding_reader_open(path, &reader, &err) == BF_OK) {
        text_encoding_kind kind = text_encoding_reader_kind(reader);
        (void)text_encoding_name(kind);
        size_t length, total = 0;
        int rc;
        while ((rc = text_encoding_reader_read(reader, streamed + total, capacity, &length,
                                               &err)) == BF_OK &&
               length > 0) {
            assert(length <= capacity);
            total += length;
            assert(total + capacity <= streamed_max);
            double progress = text_encoding_reader_progress(reader);
            assert(progress >= 0.0 && progress <= 1.0);
        }
        if (rc == BF_OK && kind == TEXT_ENCODING_GB18030) {
            assert(converted_rc == BF_OK);
            assert(total == converted_length && memcmp(streamed, converted, total) == 0);
        } else if (rc == BF_OK) {
            size_t skip = kind == TEXT_ENCODING_UTF8_BOM ? 3 : 0;
            assert(total == size - skip && memcmp(streamed, data + skip, total) == 0);
        }
    }
    text_encoding_reader_close(reader);
    free(streamed);
    free(converted);
    return 0;
}
