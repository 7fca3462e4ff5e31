/*
 * table_writer.c - the .csv / .xlsx writer of table_writer.h.
 *
 * CSV goes through a FILE with a TABLE_WRITER_BUFFER byte buffer; XLSX
 * through libxlsxwriter in constant_memory mode (each row is flushed to a
 * temporary file in the output's directory as the next one starts, so a
 * million rows take no more memory than one), every cell a string so that
 * ID numbers and region codes keep all their digits and leading zeros.
 * Both write into io/safe_file's temporary; libxlsxwriter, which opens its
 * output by name, is given /proc/self/fd/N of that temporary, so it writes
 * the very file created with O_EXCL|O_NOFOLLOW and no name can be swapped
 * under it.
 */
#include "io/table_writer.h"

#include "io/safe_file.h"
#include "io/table_reader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* Bytes of the CSV output buffer. */
#define TABLE_WRITER_BUFFER (1 << 20)
/* Width of the XLSX columns, in characters (an 18-digit ID number fits). */
#define TABLE_WRITER_COLUMN_WIDTH 20
/* Longest name of a descriptor under /proc/self/fd/, terminator included. */
#define TABLE_WRITER_PROC_PATH_MAX 64

/* The file formats written. */
typedef enum table_writer_format {
    TABLE_WRITER_CSV, /* UTF-8 with BOM, CRLF */
    TABLE_WRITER_XLSX /* libxlsxwriter */
} table_writer_format;

struct table_writer {
    table_writer_format format; /* chosen by the extension of path */
    char *path;                 /* the final file name; "-" for standard output */
    safe_file output;           /* the temporary written (unused for standard output) */
    int to_file;                /* 1 when output is in use (not standard output) */
    char *directory;            /* directory of path, for libxlsxwriter's temporary files */
    FILE *file;                 /* CSV: the temporary file or stdout */
    char *buffer;               /* CSV: TABLE_WRITER_BUFFER bytes of stdio buffer */
    lxw_workbook *workbook;     /* XLSX: the workbook being written */
    lxw_worksheet *worksheet;   /* XLSX: the worksheet being filled */
    lxw_format *bold;           /* XLSX: format of the header row */
    long rows;                  /* rows written so far (all sheets, headers repeated not counted) */
    long sheet_rows;            /* XLSX: rows of the current worksheet, its header included */
    long rows_per_sheet;        /* XLSX: most rows of one worksheet (Excel's 1048576) */
    char **header;              /* XLSX: copy of the first row, repeated atop each new sheet */
    int header_count;           /* cells of header */
};

/* Frees writer and what it holds, without finishing any file. */
static void table_writer_free(table_writer *writer)
{
    if (writer == NULL)
        return;
    if (writer->file != NULL && writer->file != stdout)
        fclose(writer->file);
    if (writer->to_file)
        safe_file_discard(&writer->output);
    for (int i = 0; writer->header != NULL && i < writer->header_count; i++)
        free(writer->header[i]);
    free(writer->header);
    free(writer->buffer);
    free(writer->directory);
    free(writer->path);
    free(writer);
}

/* Opens the CSV output (stdout for "-") and writes the BOM to files. */
static int table_writer_open_csv(table_writer *writer, bf_error *err)
{
    if (!writer->to_file) {
        writer->file = stdout;
        return BF_OK;
    }
    writer->file = fdopen(writer->output.fd, "wb");
    if (writer->file == NULL)
        return bf_error_set(err, BF_EIO, BF_TR("无法创建 %s：%s", "cannot create %s: %s"),
                            writer->path, strerror(errno));
    writer->output.fd = -1; /* the FILE owns it now */
    writer->buffer = malloc(TABLE_WRITER_BUFFER);
    if (writer->buffer == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    setvbuf(writer->file, writer->buffer, _IOFBF, TABLE_WRITER_BUFFER);
    fputs("\xEF\xBB\xBF", writer->file);
    return BF_OK;
}

/*
 * Creates the workbook, writing into the temporary safe_file_create() made
 * (so a directory that cannot be written fails now, not after a million
 * rows).
 */
static int table_writer_open_xlsx(table_writer *writer, bf_error *err)
{
    char output[TABLE_WRITER_PROC_PATH_MAX];
    snprintf(output, sizeof output, "/proc/self/fd/%d", writer->output.fd);
    lxw_workbook_options options = {
        .constant_memory = LXW_TRUE, .tmpdir = writer->directory, .use_zip64 = LXW_FALSE};
    writer->rows_per_sheet = LXW_ROW_MAX;
    writer->workbook = workbook_new_opt(output, &options);
    if (writer->workbook == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    /* The first worksheet is added with the first row or table_writer_sheet(). */
    writer->bold = workbook_add_format(writer->workbook);
    if (writer->bold == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    format_set_bold(writer->bold);
    return BF_OK;
}

int table_writer_open(const char *path, table_writer **out, bf_error *err)
{
    int rc = BF_OK;
    table_writer *writer = calloc(1, sizeof *writer);
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash != NULL ? slash : path, '.');

    *out = NULL;
    if (writer == NULL || (writer->path = strdup(path)) == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    if (strcmp(path, "-") == 0) {
        writer->format = TABLE_WRITER_CSV;
    } else if (dot != NULL && strcasecmp(dot, ".csv") == 0) {
        writer->format = TABLE_WRITER_CSV;
    } else if (dot != NULL && strcasecmp(dot, ".xlsx") == 0) {
        writer->format = TABLE_WRITER_XLSX;
    } else {
        rc = bf_error_set(err, BF_EUNSUPPORTED,
                          BF_TR("%s：不支持的文件类型，只能写 .csv 或 .xlsx",
                                "%s: unsupported file type; only .csv and .xlsx can be written"),
                          path);
        goto out;
    }
    if (strcmp(path, "-") != 0) {
        writer->directory = slash != NULL ? strndup(path, (size_t)(slash - path) + 1) : strdup(".");
        if (writer->directory == NULL) {
            rc = bf_error_set(err, BF_ENOMEM, NULL);
            goto out;
        }
        rc = safe_file_create(&writer->output, path, err);
        if (rc != BF_OK)
            goto out;
        writer->to_file = 1;
    }
    if (writer->format == TABLE_WRITER_CSV)
        rc = table_writer_open_csv(writer, err);
    else
        rc = table_writer_open_xlsx(writer, err);
    if (rc < 0)
        goto out;
    *out = writer;
    writer = NULL;
out:
    if (writer != NULL) {
        if (writer->workbook != NULL)
            workbook_close(writer->workbook);
        table_writer_free(writer);
    }
    return rc;
}

/*
 * True when Excel would take the cell for a formula (CSV injection:
 * "=cmd|' /C calc'!A0"); such a cell is written with a leading "'", which
 * spreadsheets show as text and never evaluate.
 */
static int table_writer_is_formula(const char *cell)
{
    if (cell[0] == '\0' || strchr(TABLE_FORMULA_STARTS, cell[0]) == NULL)
        return 0;
    /* A plain negative amount ("-1500.00", a 追回 line of the ledger) is a number, not a
       formula: kept as written. */
    const char *p = cell + (cell[0] == '-');
    int digits = 0, point = 0;
    for (; *p != '\0'; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p == '.' && !point && digits > 0)
            point = 1;
        else
            return 1;
    }
    return cell[0] != '-' || digits == 0 || p[-1] == '.';
}

/*
 * Writes one CSV field, neutralised when it would be a formula, quoted when
 * it holds a comma, quote or line break.
 */
static void table_writer_csv_field(FILE *file, const char *cell)
{
    const char *prefix = table_writer_is_formula(cell) ? "'" : "";
    if (strpbrk(cell, ",\"\r\n") == NULL) {
        fputs(prefix, file);
        fputs(cell, file);
        return;
    }
    putc('"', file);
    fputs(prefix, file);
    for (const char *quote; (quote = strchr(cell, '"')) != NULL; cell = quote + 1) {
        fwrite(cell, 1, (size_t)(quote - cell) + 1, file);
        putc('"', file);
    }
    fputs(cell, file);
    putc('"', file);
}

static int table_writer_xlsx_cells(table_writer *writer, const char *const *cells, int count,
                                   lxw_format *format, bf_error *err);

int table_writer_sheet(table_writer *writer, const char *name, bf_error *err)
{
    if (writer->format != TABLE_WRITER_XLSX)
        return BF_OK;
    writer->worksheet = workbook_add_worksheet(writer->workbook, name);
    if (writer->worksheet == NULL)
        return bf_error_set(
            err, BF_EINVAL,
            BF_TR("%s：工作表名“%s”无效或重复", "%s: worksheet name '%s' invalid or repeated"),
            writer->path, name);
    writer->sheet_rows = 0;
    if (writer->rows == 0)
        return BF_OK;
    return table_writer_xlsx_cells(writer, (const char *const *)writer->header,
                                   writer->header_count, writer->bold, err);
}

void table_writer_set_sheet_rows(table_writer *writer, long rows)
{
    if (writer->format == TABLE_WRITER_XLSX && rows >= 2 && rows <= LXW_ROW_MAX)
        writer->rows_per_sheet = rows;
}

/* Writes count cells as row r of the current worksheet, all as strings (never formulas). */
static int table_writer_xlsx_cells(table_writer *writer, const char *const *cells, int count,
                                   lxw_format *format, bf_error *err)
{
    lxw_row_t r = (lxw_row_t)writer->sheet_rows;
    if (r == 0 && count > 0)
        worksheet_set_column(writer->worksheet, 0, (lxw_col_t)(count - 1),
                             TABLE_WRITER_COLUMN_WIDTH, NULL);
    for (int i = 0; i < count; i++) {
        if (cells[i] == NULL || cells[i][0] == '\0')
            continue;
        lxw_error error =
            worksheet_write_string(writer->worksheet, r, (lxw_col_t)i, cells[i], format);
        if (error != LXW_NO_ERROR)
            return bf_error_set(err,
                                error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ? BF_ETOOBIG : BF_EIO,
                                BF_TR("%s 第 %ld 行第 %d 列：%s", "%s row %ld column %d: %s"),
                                writer->path, writer->rows + 1, i + 1, lxw_strerror(error));
    }
    writer->sheet_rows++;
    return BF_OK;
}

/* Keeps a copy of the header row, to repeat it atop each further worksheet. */
static int table_writer_keep_header(table_writer *writer, const char *const *cells, int count,
                                    bf_error *err)
{
    writer->header = calloc((size_t)count + 1, sizeof *writer->header);
    if (writer->header == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    writer->header_count = count;
    for (int i = 0; i < count; i++)
        if ((writer->header[i] = strdup(cells[i] != NULL ? cells[i] : "")) == NULL)
            return bf_error_set(err, BF_ENOMEM, NULL);
    return BF_OK;
}

/*
 * Writes one XLSX row; the first row is the header, in bold.  A full
 * worksheet (Excel's 1048576 rows) continues on a new one that starts with
 * the header again, so a large export is never refused after the work.
 */
static int table_writer_xlsx_row(table_writer *writer, const char *const *cells, int count,
                                 bf_error *err)
{
    int rc;
    if (writer->worksheet == NULL &&
        (writer->worksheet = workbook_add_worksheet(writer->workbook, NULL)) == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    if (writer->rows == 0) {
        rc = table_writer_keep_header(writer, cells, count, err);
        if (rc != BF_OK)
            return rc;
        return table_writer_xlsx_cells(writer, cells, count, writer->bold, err);
    }
    if (writer->sheet_rows >= writer->rows_per_sheet) {
        writer->worksheet = workbook_add_worksheet(writer->workbook, NULL);
        if (writer->worksheet == NULL)
            return bf_error_set(err, BF_ENOMEM, NULL);
        writer->sheet_rows = 0;
        rc = table_writer_xlsx_cells(writer, (const char *const *)writer->header,
                                     writer->header_count, writer->bold, err);
        if (rc != BF_OK)
            return rc;
    }
    return table_writer_xlsx_cells(writer, cells, count, NULL, err);
}

int table_writer_row(table_writer *writer, const char *const *cells, int count, bf_error *err)
{
    if (count < 0 || count > TABLE_WRITER_COLUMNS_MAX)
        return bf_error_set(err, BF_ETOOBIG,
                            BF_TR("%s：一行最多 %d 列", "%s: at most %d columns in a row"),
                            writer->path, TABLE_WRITER_COLUMNS_MAX);
    if (writer->format == TABLE_WRITER_XLSX) {
        int rc = table_writer_xlsx_row(writer, cells, count, err);
        if (rc < 0)
            return rc;
    } else {
        for (int i = 0; i < count; i++) {
            if (i > 0)
                putc(',', writer->file);
            if (cells[i] != NULL)
                table_writer_csv_field(writer->file, cells[i]);
        }
        fputs("\r\n", writer->file);
        if (ferror(writer->file))
            return bf_error_set(err, BF_EIO, BF_TR("无法写入 %s：%s", "cannot write %s: %s"),
                                writer->path, strerror(errno));
    }
    writer->rows++;
    return BF_OK;
}

/* Flushes and closes the CSV output; returns an error if anything failed to be written. */
static int table_writer_finish_csv(table_writer *writer, bf_error *err)
{
    int failed = fflush(writer->file) != 0 || ferror(writer->file);
    int error = errno;
    if (writer->file != stdout) {
        if (!failed && fsync(fileno(writer->file)) != 0 && errno != EINVAL) {
            failed = 1;
            error = errno;
        }
        if (fclose(writer->file) != 0 && !failed) {
            failed = 1;
            error = errno;
        }
    }
    writer->file = NULL;
    if (failed)
        return bf_error_set(err, BF_EIO, BF_TR("无法写入 %s：%s", "cannot write %s: %s"),
                            writer->path, strerror(error));
    return BF_OK;
}

int table_writer_close(table_writer *writer, int keep, bf_error *err)
{
    int rc = BF_OK;

    if (writer == NULL)
        return BF_OK;
    if (writer->format == TABLE_WRITER_XLSX) {
        if (writer->worksheet == NULL) /* no row: the workbook still needs a worksheet */
            workbook_add_worksheet(writer->workbook, NULL);
        lxw_error error = workbook_close(writer->workbook);
        writer->workbook = NULL;
        if (error != LXW_NO_ERROR && keep)
            rc = bf_error_set(err, BF_EIO, BF_TR("无法写入 %s：%s", "cannot write %s: %s"),
                              writer->path, lxw_strerror(error));
    } else {
        int finished = table_writer_finish_csv(writer, keep ? err : NULL);
        if (keep)
            rc = finished;
    }
    if (writer->to_file && keep && rc == BF_OK)
        rc = safe_file_commit(&writer->output, err);
    table_writer_free(writer); /* discards the temporary when not committed */
    return rc;
}
