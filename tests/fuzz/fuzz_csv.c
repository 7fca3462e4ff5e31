/*
 * fuzz_csv.c - the CSV path of table_reader: the bytes as a .csv file
 * (encoding detection, GB18030 conversion, records, trimming), and the same
 * bytes through csv_reader_open_memory().
 */
#include "core/error.h"
#include "io/csv_reader.h"
#include "io/table_reader.h"

#include "fuzz_file.h"

#include <assert.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bf_error err;
    int rc;

    csv_reader *csv = NULL;
    if (csv_reader_open_memory((const char *)data, size, "fuzz.csv", &csv, &err) == BF_OK) {
        csv_record record;
        while ((rc = csv_reader_next(csv, &record, &err)) == BF_ROW) {
            assert(record.count >= 1 && record.count <= TABLE_COLUMNS_MAX);
            for (int i = 0; i < record.count; i++)
                assert(strlen(record.cells[i]) <= record.lengths[i]);
        }
        assert(rc == BF_DONE || rc < 0);
        /* after an error the reader only returns that error again */
        if (rc < 0)
            assert(csv_reader_next(csv, &record, &err) == rc);
    }
    csv_reader_close(csv);

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
        }
        assert(rc == BF_DONE || rc < 0);
    }
    table_reader_close(reader);
    return 0;
}
