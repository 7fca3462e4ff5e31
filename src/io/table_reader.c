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
    table_format format;                    /* chosen by the extension */
    text_encoding_reader *text;             /* CSV: the decoded file */
    csv_reader *csv;                        /* CSV: records from text */
    xlsx_reader *xlsx;                      /* XLSX: the workbook, at the worksheet read */
    int sheet;                              /* XLSX: index of the worksheet read */
    char separator;                         /* CSV: the separator used */
    int pending;                            /* 1: pending_row (the header) is the next row */
    table_row pending_row;                  /* the header found while opening */
    int done;                               /* BF_DONE was returned */
    long blank_run;                         /* empty rows skipped since the last row */
    char name[CSV_READER_NAME_MAX];         /* the path, for messages (cut if longer) */
    const char *cells[TABLE_COLUMNS_MAX];   /* the trimmed cells of the current row */
    char overflow[TABLE_OVERFLOW_TEXT_MAX]; /* the current row's overflow text */
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

size_t table_utf8_complete(const char *text, size_t length)
{
    /* The last lead byte among the last four bytes, and the length its character needs. */
    for (size_t back = 1; back <= 4 && back <= length; back++) {
        unsigned char c = (unsigned char)text[length - back];
        if ((c & 0xC0) == 0x80)
            continue;
        size_t needs = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return needs > back ? length - back : length;
    }
    return length;
}

/* Writes the spreadsheet letters of a 1-based column (1 -> A, 27 -> AA) into letters. */
static void table_reader_column_letters(int column, char letters[8])
{
    char reversed[8];
    int n = 0;
    for (; column > 0 && n < 7; column = (column - 1) / 26)
        reversed[n++] = (char)('A' + (column - 1) % 26);
    for (int i = 0; i < n; i++)
        letters[i] = reversed[n - 1 - i];
    letters[n] = '\0';
}

/* Words what a record lost (overflow) into reader->overflow; NULL when nothing was lost. */
static const char *table_reader_overflow_text(table_reader *reader, const table_overflow *overflow)
{
    char letters[8];
    table_reader_column_letters(overflow->column, letters);
    switch (overflow->kind) {
    case TABLE_OVERFLOW_NONE:
        return NULL;
    case TABLE_OVERFLOW_CELL:
        if (overflow->quote_line > 0)
            snprintf(
                reader->overflow, sizeof reader->overflow,
                BF_TR("第 %d 列（%s）超过 %d 字节，超出部分未读取（第 %ld 行的引号可能没有闭合）",
                      "column %d (%s) is longer than %d bytes; the rest was not read (the "
                      "quote opened on line %ld may not be closed)"),
                overflow->column, letters, TABLE_CELL_MAX, overflow->quote_line);
        else
            snprintf(reader->overflow, sizeof reader->overflow,
                     BF_TR("第 %d 列（%s）超过 %d 字节，超出部分未读取",
                           "column %d (%s) is longer than %d bytes; the rest was not read"),
                     overflow->column, letters, TABLE_CELL_MAX);
        return reader->overflow;
    case TABLE_OVERFLOW_COLUMNS:
        snprintf(reader->overflow, sizeof reader->overflow,
                 BF_TR("第 %d 列（%s）有内容，超过 %d 列的上限，第 %d 列以后未读取",
                       "column %d (%s) holds a value beyond the limit of %d columns; the "
                       "columns after %d were not read"),
                 overflow->column, letters, TABLE_COLUMNS_MAX, TABLE_COLUMNS_MAX);
        return reader->overflow;
    }
    return NULL;
}

/*
 * Trims a record's count cells (CSV or XLSX, read at line) into reader->cells;
 * when at least one is left non-empty (or something was cut: overflow),
 * fills row with them and returns 1.  CSV cells lose the quote table_writer
 * put before a formula character.
 */
static int table_reader_take(table_reader *reader, long line, char **cells, const size_t *lengths,
                             int count, const table_overflow *overflow, table_row *row)
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
    filled |= overflow->kind != TABLE_OVERFLOW_NONE;
    if (filled) {
        /* An XLSX row whose only values lay beyond the last column has no cell left. */
        if (count == 0)
            reader->cells[count++] = "";
        row->line = line;
        row->count = count;
        row->cells = reader->cells;
        row->overflow = table_reader_overflow_text(reader, overflow);
    }
    return filled;
}

int table_reader_next(table_reader *reader, table_row *row, bf_error *err)
{
    if (reader->pending) {
        reader->pending = 0;
        *row = reader->pending_row;
        return BF_ROW;
    }
    for (;;) {
        int rc;
        if (reader->format == TABLE_FORMAT_CSV) {
            csv_record record;
            rc = csv_reader_next(reader->csv, &record, err);
            if (rc == BF_ROW && table_reader_take(reader, record.line, record.cells, record.lengths,
                                                  record.count, &record.overflow, row))
                break;
        } else {
            xlsx_record record;
            rc = xlsx_reader_next(reader->xlsx, &record, err);
            if (rc == BF_ROW && table_reader_take(reader, record.line, record.cells, record.lengths,
                                                  record.count, &record.overflow, row))
                break;
        }
        if (rc == BF_DONE)
            reader->done = 1;
        if (rc != BF_ROW)
            return rc;
        if (++reader->blank_run > TABLE_BLANK_RUN_MAX)
            return bf_error_set(err, BF_ETOOBIG,
                                BF_TR("%s：连续超过 %ld 个空行，文件已损坏或不是名单，停止读取",
                                      "%s: more than %ld empty rows in a row; the file is broken "
                                      "or not a list, reading stopped"),
                                reader->name, TABLE_BLANK_RUN_MAX);
    }
    reader->blank_run = 0;
    return BF_ROW;
}

/* The separators tried, in order, when none is named. */
static const char table_reader_separators[] = {',', '\t', ';'};

/* The name of a separator in messages. */
static const char *table_reader_separator_name(char separator)
{
    switch (separator) {
    case '\t':
        return BF_TR("制表符", "tab");
    case ';':
        return BF_TR("分号", "semicolon");
    default:
        return BF_TR("逗号", "comma");
    }
}

/* (Re)opens the CSV input from its start, fields split at separator. */
static int table_reader_open_csv(table_reader *reader, const char *path, char separator,
                                 bf_error *err)
{
    csv_reader_close(reader->csv);
    text_encoding_reader_close(reader->text);
    reader->csv = NULL;
    reader->text = NULL;
    reader->pending = reader->done = 0;
    int rc = text_encoding_reader_open(path, &reader->text, err);
    if (rc < 0)
        return rc;
    rc = csv_reader_open(table_reader_fill, reader->text, path, &reader->csv, err);
    if (rc < 0)
        return rc;
    csv_reader_set_separator(reader->csv, separator);
    reader->separator = separator;
    return BF_OK;
}

/*
 * Looks for the header among the first TABLE_HEADER_SEARCH_ROWS non-empty
 * rows of what reader is at.  Returns 1 with the header kept pending (and
 * *first_count the cells of the first non-empty row), 0 when none was found,
 * or an error.  A header over the limits is an error: every row would be
 * read against a cut header.
 */
static int table_reader_find_header(table_reader *reader, const char *path,
                                    const table_reader_options *options, int *first_count,
                                    bf_error *err)
{
    table_row row;
    *first_count = 0;
    for (int n = 0; n < TABLE_HEADER_SEARCH_ROWS; n++) {
        int rc = table_reader_next(reader, &row, err);
        if (rc == BF_DONE)
            return 0;
        if (rc != BF_ROW)
            return rc;
        if (n == 0)
            *first_count = row.count;
        if (options->header_usable == NULL ||
            options->header_usable(options->header_context, &row)) {
            if (row.overflow != NULL)
                return bf_error_set(
                    err, BF_ETOOBIG,
                    BF_TR("%s 第 %ld 行（表头）：%s", "%s line %ld (the header): %s"), path,
                    row.line, row.overflow);
            reader->pending = 1;
            reader->pending_row = row;
            return 1;
        }
    }
    return 0;
}

/* The message of a file in which no header was found, with what was tried and the hint. */
static int table_reader_no_header(const char *path, const table_reader_options *options,
                                  const char *tried, bf_error *err)
{
    const char *hint = options->header_hint != NULL ? options->header_hint : "";
    return bf_error_set(err, BF_EPARSE,
                        BF_TR("%s：前 %d 行中没有可识别的表头（%s）%s",
                              "%s: no usable header in the first %d rows (%s)%s"),
                        path, TABLE_HEADER_SEARCH_ROWS, tried, hint);
}

/*
 * CSV: the named separator, or the first of , TAB ; with which a header is
 * found (without a header test: with which the first row has several cells).
 */
static int table_reader_start_csv(table_reader *reader, const char *path,
                                  const table_reader_options *options, bf_error *err)
{
    char tried[256] = "";
    size_t used = 0;
    int candidates = options->separator != 0 ? 1 : (int)sizeof table_reader_separators;
    for (int i = 0; i < candidates; i++) {
        char separator = options->separator != 0 ? options->separator : table_reader_separators[i];
        int first_count = 0;
        int rc = table_reader_open_csv(reader, path, separator, err);
        if (rc < 0)
            return rc;
        rc = table_reader_find_header(reader, path, options, &first_count, err);
        if (rc < 0 && (candidates == 1 || i == 0))
            return rc; /* a malformed file (the comma reading is the reference) */
        if (rc == 1 && options->header_usable != NULL)
            return BF_OK;
        /* No header test: the separator named, or the one that splits the first row. */
        if (rc >= 0 && options->header_usable == NULL && (candidates == 1 || first_count > 1))
            return BF_OK;
        used += (size_t)snprintf(tried + used, sizeof tried - used, "%s%s", used > 0 ? "、" : "",
                                 table_reader_separator_name(separator));
    }
    if (options->header_usable == NULL) /* one column (or none) whatever the separator: commas */
        return table_reader_start_csv(reader, path, &(table_reader_options){.separator = ','}, err);
    char what[320];
    snprintf(what, sizeof what,
             options->separator != 0 ? BF_TR("以%s分隔；可用 --separator 指定其他分隔符",
                                             "separated by %s; name another with --separator")
                                     : BF_TR("已试以%s分隔；可用 --separator 指定",
                                             "tried %s; name one with --separator"),
             tried);
    return table_reader_no_header(path, options, what, err);
}

/* The index of the worksheet named or numbered by sheet, or an error listing the worksheets. */
static int table_reader_sheet_index(table_reader *reader, const char *path, const char *sheet,
                                    int *index, bf_error *err)
{
    int count = xlsx_reader_sheet_count(reader->xlsx);
    char *end;
    long number = strtol(sheet, &end, 10);
    if (sheet[0] != '\0' && *end == '\0' && number >= 1 && number <= count) {
        *index = (int)number - 1;
        return BF_OK;
    }
    for (int i = 0; i < count; i++)
        if (strcmp(xlsx_reader_sheet_name(reader->xlsx, i), sheet) == 0) {
            *index = i;
            return BF_OK;
        }
    char names[1024] = "";
    size_t used = 0;
    for (int i = 0; i < count && used < sizeof names; i++)
        used += (size_t)snprintf(names + used, sizeof names - used, "%s%d “%s”", i > 0 ? "、" : "",
                                 i + 1, xlsx_reader_sheet_name(reader->xlsx, i));
    return bf_error_set(
        err, BF_ENOTFOUND,
        BF_TR("%s：没有工作表“%s”（工作表有：%s）", "%s: no worksheet '%s' (the worksheets: %s)"),
        path, sheet, names);
}

/* XLSX: the named worksheet, or the first in which a header is found. */
static int table_reader_start_xlsx(table_reader *reader, const char *path,
                                   const table_reader_options *options, bf_error *err)
{
    int first = 0, last = xlsx_reader_sheet_count(reader->xlsx) - 1;
    char tried[1024] = "";
    size_t used = 0;
    if (options->sheet != NULL) {
        int rc = table_reader_sheet_index(reader, path, options->sheet, &first, err);
        if (rc < 0)
            return rc;
        last = first;
    }
    for (int i = first; i <= last; i++) {
        int first_count;
        reader->pending = reader->done = 0;
        int rc = xlsx_reader_select(reader->xlsx, i, err);
        if (rc < 0)
            return rc;
        reader->sheet = i;
        rc = table_reader_find_header(reader, path, options, &first_count, err);
        if (rc < 0)
            return rc;
        if (rc == 1)
            return BF_OK;
        if (used < sizeof tried)
            used += (size_t)snprintf(tried + used, sizeof tried - used, "%s“%s”",
                                     used > 0 ? "、" : "", xlsx_reader_sheet_name(reader->xlsx, i));
    }
    char what[1200];
    snprintf(what, sizeof what,
             options->sheet != NULL ? BF_TR("工作表 %s", "worksheet %s")
                                    : BF_TR("已试工作表 %s；可用 --sheet 指定",
                                            "tried the worksheets %s; name one with --sheet"),
             tried);
    return table_reader_no_header(path, options, what, err);
}

int table_reader_open_with(const char *path, const table_reader_options *options,
                           table_reader **out, bf_error *err)
{
    static const table_reader_options defaults = {0};
    int rc = BF_OK;
    table_reader *reader = NULL;
    const char *extension = table_reader_extension(path);

    *out = NULL;
    if (options == NULL)
        options = &defaults;
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
    snprintf(reader->name, sizeof reader->name, "%s", path);
    if (strcasecmp(extension, ".xlsx") == 0) {
        reader->format = TABLE_FORMAT_XLSX;
        rc = xlsx_reader_open(path, &reader->xlsx, err);
        if (rc == BF_OK)
            rc = table_reader_start_xlsx(reader, path, options, err);
    } else {
        reader->format = TABLE_FORMAT_CSV;
        rc = table_reader_sniff_csv(path, err);
        if (rc == BF_OK)
            rc = table_reader_start_csv(reader, path, options, err);
    }
    if (rc < 0)
        goto out;
    *out = reader;
    reader = NULL;
out:
    table_reader_close(reader);
    return rc;
}

int table_reader_open(const char *path, table_reader **out, bf_error *err)
{
    return table_reader_open_with(path, NULL, out, err);
}

const char *table_reader_sheet(const table_reader *reader)
{
    return reader->format == TABLE_FORMAT_XLSX ? xlsx_reader_sheet_name(reader->xlsx, reader->sheet)
                                               : "";
}

char table_reader_separator(const table_reader *reader)
{
    return reader->format == TABLE_FORMAT_CSV ? reader->separator : 0;
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
