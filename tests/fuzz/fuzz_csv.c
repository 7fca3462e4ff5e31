/*
 * fuzz_csv.c - the CSV path of table_reader: the bytes as a .csv file
 * (encoding detection, GB18030 conversion, records, trimming), and the same
 * bytes through csv_reader_open_memory() and through csv_reader_open() fed in
 * pieces of 1 to 8 bytes (the first byte picks), which must give the same
 * records and the same result, whatever the chunk boundaries.
 */
#include "core/error.h"
#include "io/csv_reader.h"
#include "io/table_reader.h"

#include "fuzz_file.h"

#include <assert.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Input handed to csv_reader in small pieces. */
typedef struct fuzz_pieces {
    const uint8_t *data;
    size_t size;
    size_t position;
    size_t piece; /* bytes per fill */
} fuzz_pieces;

static int fuzz_pieces_fill(void *context, char *buffer, size_t capacity, size_t *length,
                            bf_error *err)
{
    fuzz_pieces *pieces = context;
    size_t n = pieces->size - pieces->position;
    (void)err;
    if (n > pieces->piece)
        n = pieces->piece;
    if (n > capacity)
        n = capacity;
    memcpy(buffer, pieces->data + pieces->position, n);
    pieces->position += n;
    *length = n;
    return BF_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bf_error err;
    int rc;

    csv_reader *csv = NULL, *streamed = NULL;
    fuzz_pieces pieces = {data, size, 0, size > 0 ? (size_t)data[0] % 8 + 1 : 1};
    if (csv_reader_open_memory((const char *)data, size, "fuzz.csv", &csv, &err) == BF_OK &&
        csv_reader_open(fuzz_pieces_fill, &pieces, "fuzz.csv", &streamed, &err) == BF_OK) {
        csv_record record, other;
        bf_error other_err;
        for (;;) {
            rc = csv_reader_next(csv, &record, &err);
            int other_rc = csv_reader_next(streamed, &other, &other_err);
            assert(rc == other_rc);
            if (rc != BF_ROW)
                break;
            assert(record.count >= 1 && record.count <= TABLE_COLUMNS_MAX);
            assert(record.line == other.line && record.count == other.count);
            assert(record.overflow.kind == other.overflow.kind &&
                   record.overflow.column == other.overflow.column &&
                   record.overflow.quote_line == other.overflow.quote_line);
            assert(record.overflow.kind == TABLE_OVERFLOW_NONE || record.overflow.column >= 1);
            for (int i = 0; i < record.count; i++) {
                assert(strlen(record.cells[i]) == record.lengths[i]);
                assert(record.lengths[i] == other.lengths[i]);
                assert(memcmp(record.cells[i], other.cells[i], record.lengths[i]) == 0);
            }
        }
        assert(rc == BF_DONE || rc < 0);
        /* after an error the reader only returns that error again */
        if (rc < 0)
            assert(csv_reader_next(csv, &record, &err) == rc);
    }
    csv_reader_close(csv);
    csv_reader_close(streamed);

    const char *path = fuzz_file_write(data, size, ".csv");
    if (path == NULL)
        return 0;
    table_reader *reader = NULL;
    if (table_reader_open(path, &reader, &err) == BF_OK) {
        table_row row;
        (void)table_reader_encoding(reader);
        while ((rc = table_reader_next(reader, &row, &err)) == BF_ROW) {
            double progress = table_reader_progress(reader);
            assert(progress >= 0.0 && progress <= 1.0);
            assert(row.count >= 1 && row.count <= TABLE_COLUMNS_MAX);
            for (int i = 0; i < row.count; i++)
                assert(strlen(row.cells[i]) <= TABLE_CELL_MAX);
            assert(row.overflow == NULL || strlen(row.overflow) < TABLE_OVERFLOW_TEXT_MAX);
        }
        assert(rc == BF_DONE || rc < 0);
    }
    table_reader_close(reader);
    return 0;
}
