/*
 * fuzz_text_encoding.c - UTF-8 validation, GB18030 conversion in memory, and
 * the streaming reader over the bytes as a file, read in pieces whose size
 * the first input byte picks (so characters are split across reads).
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
    if (text_encoding_gb18030_to_utf8((const char *)data, size, "fuzz", &converted,
                                      &converted_length, &err) == BF_OK) {
        assert(strlen(converted) <= converted_length);
        int t;
        (void)text_encoding_utf8_valid_length(converted, converted_length, &t);
    }
    free(converted);

    size_t capacity = TEXT_ENCODING_READ_MIN + (size > 0 ? data[0] % 64 : 0);
    const char *path = fuzz_file_write(data, size, ".txt");
    if (path == NULL)
        return 0;
    text_encoding_reader *reader = NULL;
    if (text_encoding_reader_open(path, &reader, &err) == BF_OK) {
        text_encoding_kind kind = text_encoding_reader_kind(reader);
        (void)text_encoding_name(kind);
        char buffer[TEXT_ENCODING_READ_MIN + 64];
        size_t length, total = 0;
        int rc;
        while ((rc = text_encoding_reader_read(reader, buffer, capacity, &length, &err)) ==
                   BF_OK &&
               length > 0) {
            assert(length <= capacity);
            total += length;
            double progress = text_encoding_reader_progress(reader);
            assert(progress >= 0.0 && progress <= 1.0);
            if (total > 8 * size + 64) /* UTF-8 is at most 4 bytes per GB18030 byte */
                abort();
        }
    }
    text_encoding_reader_close(reader);
    return 0;
}
