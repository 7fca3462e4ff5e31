/*
 * fuzz_xlsx.c - the XLSX path of table_reader: the bytes as an .xlsx file
 * (libzip, the workbook and relationship parts, shared strings, the sheet).
 *
 * An input that does not start like a zip ("PK") is the text of the parts
 * separated by NUL bytes: the worksheet, the shared strings, the workbook and
 * its relationships (empty or missing ones are left out).  They are stored
 * uncompressed into a fresh workbook, so that mutations reach the XML parsing
 * instead of breaking the zip's checksums.
 */
#include "core/error.h"
#include "io/table_reader.h"

#include "fuzz_file.h"

#include <assert.h>
#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Zip names of the parts of a NUL-separated input, in its order. */
static const char *const fuzz_xlsx_parts[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                              "xl/workbook.xml", "xl/_rels/workbook.xml.rels"};

/* Writes the parts of data into a stored zip at path; 0 when done. */
static int fuzz_xlsx_build(const char *path, const uint8_t *data, size_t size)
{
    int code = 0;
    zip_t *archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (archive == NULL)
        return -1;
    size_t start = 0;
    for (size_t part = 0; part < sizeof fuzz_xlsx_parts / sizeof *fuzz_xlsx_parts; part++) {
        if (start >= size)
            break;
        const uint8_t *end = memchr(data + start, '\0', size - start);
        size_t length = end != NULL ? (size_t)(end - (data + start)) : size - start;
        if (length > 0) {
            zip_source_t *source = zip_source_buffer(archive, data + start, length, 0);
            zip_int64_t index = source != NULL ? zip_file_add(archive, fuzz_xlsx_parts[part],
                                                              source, ZIP_FL_OVERWRITE)
                                               : -1;
            if (index < 0) {
                zip_source_free(source);
                zip_discard(archive);
                return -1;
            }
            zip_set_file_compression(archive, (zip_uint64_t)index, ZIP_CM_STORE, 0);
        }
        start += length + 1;
    }
    if (zip_close(archive) != 0) {
        zip_discard(archive);
        return -1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bf_error err;
    int rc;
    int is_zip = size >= 2 && data[0] == 'P' && data[1] == 'K';
    const char *path = fuzz_file_write(data, is_zip ? size : 0, ".xlsx");
    if (path == NULL)
        return 0;
    if (!is_zip && fuzz_xlsx_build(path, data, size) != 0)
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
            assert(row.overflow == NULL || strlen(row.overflow) < TABLE_OVERFLOW_TEXT_MAX);
        }
        assert(rc == BF_DONE || rc < 0);
    }
    table_reader_close(reader);
    return 0;
}
