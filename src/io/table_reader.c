/*
 * table_reader.c - the .csv / .xlsx front of table_reader.h.
 *
 * A CSV file goes text_encoding_reader (encoding detection, GB18030 to
 * UTF-8) -> csv_reader (records); an .xlsx file goes through xlsx_reader.
 * Both give mutable cells, which are trimmed here in place; rows left with
 * only empty cells are skipped.
 */
#include "io/table_reader.h"

#include "io/csv_reader.h"
#include "io/text_encoding.h"
#include "io/xlsx_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Bytes read from the start of a .csv file to recognise a workbook saved under that name. */
#define TABLE_READER_SNIFF_BYTES 8

/* The file formats read. */
typedef enum table_format {
    TABLE_FORMAT_CSV, /* text_encoding_reader + csv_reader */
    TABLE_FORMAT_XLSX /* xlsx_reader */
} table_format;

struct table_reader {
    table_format format;                  /* chosen by the extension */
    text_encoding_reader *text;           /* CSV: the decoded file */
    csv_reader *csv;                      /* CSV: records from text */
    xlsx_reader *xlsx;                    /* XLSX: the first worksheet */
    int done;                             /* BF_DONE was returned */
    const char *cells[TABLE_COLUMNS_MAX]; /* the trimmed cells of the current row */
};

/* Hands the decoded bytes of the file to csv_reader. */
static int table_reader_fill(void *context, char *buffer, size_t capacity, size_t *length,
                             bf_error *err)
{
    return text_encoding_reader_read(context, buffer, capacity, length, err);
}

/* The extension of path (after the last '.' of the last path component), or "". */
static const char *table_reader_extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash != NULL ? slash : path, '.');
    return dot != NULL ? dot : "";
}

/*
 * Refuses a workbook saved under a .csv name (zip: an .xlsx; OLE2: an old
 * .xls) with a message saying so, rather than a confusing encoding error.
 * A file that cannot be opened passes: the CSV reader reports it.
 */
static int table_reader_sniff_csv(const char *path, bf_error *err)
{
    unsigned char head[TABLE_READER_SNIFF_BYTES] = {0};
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return BF_OK;
    size_t n = fread(head, 1, sizeof head, file);
    fclose(file);
    if (n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0)
        return bf_error_set(
            err, BF_EPARSE,
            BF_TR("%s 实际上是 .xlsx 工作簿（只是扩展名为 .csv），请把扩展名改为 .xlsx",
                  "%s is an .xlsx workbook with a .csv name; rename it to .xlsx"),
            path);
    if (n >= 8 && memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return bf_error_set(
            err, BF_EPARSE,
            BF_TR("%s 实际上是旧版 .xls 工作簿，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV",
                  "%s is an old .xls workbook; save it as .xlsx or CSV in Excel or "
                  "WPS"),
            path);
    return BF_OK;
}

int table_reader_open(const char *path, table_reader **out, bf_error *err)
{
    int rc = BF_OK;
    table_reader *reader = NULL;
    const char *extension = table_reader_extension(path);

    *out = NULL;
    if (strcasecmp(extension, ".xls") == 0) {
        rc = bf_error_set(err, BF_EUNSUPPORTED,
                          BF_TR("%s：不支持旧版 .xls 格式，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV",
                                "%s: the old .xls format is not supported; save it as .xlsx or "
                                "CSV in Excel or WPS"),
                          path);
        goto out;
    }
    if (strcasecmp(extension, ".csv") != 0 && strcasecmp(extension, ".xlsx") != 0) {
        rc = bf_error_set(err, BF_EUNSUPPORTED,
                          BF_TR("%s：不支持的文件类型，只能读取 .csv 或 .xlsx",
                                "%s: unsupported file type; only .csv and .xlsx can be read"),
                          path);
        goto out;
    }
    reader = calloc(1, sizeof *reader);
    if (reader == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    if (strcasecmp(extension, ".csv") == 0) {
        rc = table_reader_sniff_csv(path, err);
        if (rc < 0)
            goto out;
    }
    if (strcasecmp(extension, ".xlsx") == 0) {
        reader->format = TABLE_FORMAT_XLSX;
        rc = xlsx_reader_open(path, &reader->xlsx, err);
        if (rc < 0)
            goto out;
    } else {
        reader->format = TABLE_FORMAT_CSV;
        rc = text_encoding_reader_open(path, &reader->text, err);
        if (rc < 0)
            goto out;
        rc = csv_reader_open(table_reader_fill, reader->text, path, &reader->csv, err);
        if (rc < 0)
            goto out;
    }
    *out = reader;
    reader = NULL;
out:
    table_reader_close(reader);
    return rc;
}

/* True for the ASCII blanks trimmed: space, tab, CR, LF, VT, FF. */
static int table_reader_is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/*
 * Trims ASCII blanks and U+3000 (E3 80 80, the ideographic space Chinese
 * input methods type) from both ends of cell (length bytes): writes a new
 * terminator and returns the new start.
 */
static char *table_reader_trim(char *cell, size_t length)
{
    char *start = cell, *end = cell + length;

    for (;;) {
        if (start < end && table_reader_is_blank(*start))
            start++;
        else if (end - start >= 3 && memcmp(start, "\xE3\x80\x80", 3) == 0)
            start += 3;
        else
            break;
    }
    for (;;) {
        if (end > start && table_reader_is_blank(end[-1]))
            end--;
        else if (end - start >= 3 && memcmp(end - 3, "\xE3\x80\x80", 3) == 0)
            end -= 3;
        else
            break;
    }
    *end = '\0';
    return start;
}

/*
 * Trims a record's count cells (CSV or XLSX, read at line) into reader->cells;
 * when at least one is left non-empty, fills row with them and returns 1.
 * CSV cells lose the quote table_writer put before a formula character.
 */
static int table_reader_take(table_reader *reader, long line, char **cells, const size_t *lengths,
                             int count, table_row *row)
{
    int filled = 0;
    for (int i = 0; i < count; i++) {
        char *cell = table_reader_trim(cells[i], lengths[i]);
        if (reader->format == TABLE_FORMAT_CSV && cell[0] == '\'' && cell[1] != '\0' &&
            strchr(TABLE_FORMULA_STARTS, cell[1]) != NULL)
            cell = table_reader_trim(cell + 1, strlen(cell + 1));
        reader->cells[i] = cell;
        filled |= cell[0] != '\0';
    }
    if (filled) {
        row->line = line;
        row->count = count;
        row->cells = reader->cells;
    }
    return filled;
}

int table_reader_next(table_reader *reader, table_row *row, bf_error *err)
{
    for (;;) {
        int rc;
        if (reader->format == TABLE_FORMAT_CSV) {
            csv_record record;
            rc = csv_reader_next(reader->csv, &record, err);
            if (rc == BF_ROW && table_reader_take(reader, record.line, record.cells, record.lengths,
                                                  record.count, row))
                return BF_ROW;
        } else {
            xlsx_record record;
            rc = xlsx_reader_next(reader->xlsx, &record, err);
            if (rc == BF_ROW && table_reader_take(reader, record.line, record.cells, record.lengths,
                                                  record.count, row))
                return BF_ROW;
        }
        if (rc == BF_DONE)
            reader->done = 1;
        if (rc != BF_ROW)
            return rc;
    }
}

const char *table_reader_encoding(const table_reader *reader)
{
    if (reader->format == TABLE_FORMAT_XLSX)
        return "XLSX";
    return text_encoding_name(text_encoding_reader_kind(reader->text));
}

double table_reader_progress(const table_reader *reader)
{
    if (reader->done)
        return 1.0;
    if (reader->format == TABLE_FORMAT_XLSX)
        return xlsx_reader_progress(reader->xlsx);
    return text_encoding_reader_progress(reader->text);
}

void table_reader_close(table_reader *reader)
{
    if (reader == NULL)
        return;
    csv_reader_close(reader->csv);
    text_encoding_reader_close(reader->text);
    xlsx_reader_close(reader->xlsx);
    free(reader);
}
