/*
 * fuzz_xlsx.c - the XLSX path of table_reader: the bytes as an .xlsx file
 * (libzip, the workbook and relationship parts, shared strings, the sheet).
 */
#include "core/error.h"
#include "io/table_reader.h"

#include "fuzz_file.h"

#include <assert.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bf_error err;
    int rc;
    const char *path = fuzz_file_write(data, size, ".xlsx");
    if (path == NULL)
        return 0;
    table_reader *reader = NULL;
    if (table_reader_open(path, &reader, &err) == BF_OK) {
        table_row row;
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
