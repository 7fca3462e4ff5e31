/* report_form.c - a report as its paper form, to CSV, XLSX or JSON (see the header). */
#include "services/report_form.h"

#include "io/safe_file.h"
#include "io/table_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* "/proc/self/fd/N", the name libxlsxwriter writes the safe_file's descriptor through. */
#define REPORT_FORM_PROC_PATH_MAX 64
/* Widest column of the XLSX form, in characters. */
#define REPORT_FORM_WIDTH_MAX 40

static int form_strdup(char **slot, const char *text, bf_error *err)
{
    *slot = strdup(text != NULL ? text : "");
    return *slot != NULL ? BF_OK : bf_error_set(err, BF_ENOMEM, NULL);
}

int report_form_init(report_form *form, const char *title, const char *const *columns, int count,
                     bf_error *err)
{
    memset(form, 0, sizeof *form);
    if (count < 1 || count > REPORT_FORM_COLUMNS_MAX)
        return bf_error_set(
            err, BF_EINVAL,
            BF_TR("表式有 %d 列，应为 1 至 %d 列", "the form has %d columns, not 1 to %d"), count,
            REPORT_FORM_COLUMNS_MAX);
    int rc = form_strdup(&form->title, title, err);
    for (int c = 0; rc == BF_OK && c < count; c++) {
        const char *slash = strstr(columns[c], " / ");
        size_t head = slash != NULL ? (size_t)(slash - columns[c]) : strlen(columns[c]);
        form->column_count = c + 1;
        /* "header / sub" after "header" (or after another of its subs) joins the span. */
        int joins = slash != NULL && c > 0 && strncmp(columns[c - 1], columns[c], head) == 0 &&
                    (columns[c - 1][head] == '\0' || strncmp(columns[c - 1] + head, " / ", 3) == 0);
        if (!joins) {
            form->tops[c] = strndup(columns[c], head);
            if (form->tops[c] == NULL)
                rc = bf_error_set(err, BF_ENOMEM, NULL);
        }
        if (rc == BF_OK && slash != NULL) {
            rc = form_strdup(&form->subs[c], slash + 3, err);
            form->two_rows = 1;
        }
    }
    /* The first column of a span keeps an empty sub header, as the paper form does. */
    for (int c = 0; rc == BF_OK && form->two_rows && c < form->column_count; c++)
        if (form->subs[c] == NULL && c + 1 < form->column_count && form->tops[c + 1] == NULL)
            rc = form_strdup(&form->subs[c], "", err);
    if (rc != BF_OK)
        report_form_free(form);
    return rc;
}

int report_form_set_line(report_form *form, const char *left, const char *right, bf_error *err)
{
    free(form->left);
    free(form->right);
    form->left = form->right = NULL;
    int rc = form_strdup(&form->left, left, err);
    return rc == BF_OK ? form_strdup(&form->right, right, err) : rc;
}

int report_form_add_row(report_form *form, const char *const *cells, bf_error *err)
{
    if (form->row_count == form->row_capacity) {
        int capacity = form->row_capacity > 0 ? 2 * form->row_capacity : 32;
        char **grown =
            realloc(form->cells, (size_t)capacity * (size_t)form->column_count * sizeof *grown);
        if (grown == NULL)
            return bf_error_set(err, BF_ENOMEM, NULL);
        form->cells = grown;
        form->row_capacity = capacity;
    }
    char **row = form->cells + (size_t)form->row_count * (size_t)form->column_count;
    for (int c = 0; c < form->column_count; c++)
        row[c] = NULL;
    form->row_count++;
    for (int c = 0; c < form->column_count; c++)
        if (form_strdup(&row[c], cells[c], err) != BF_OK)
            return BF_ENOMEM;
    return BF_OK;
}

int report_form_add_note(report_form *form, const char *note, bf_error *err)
{
    if (form->note_count == REPORT_FORM_NOTES_MAX)
        return bf_error_set(err, BF_ETOOBIG,
                            BF_TR("表下说明多于 %d 行", "more than %d notes under the form"),
                            REPORT_FORM_NOTES_MAX);
    return form_strdup(&form->notes[form->note_count++], note, err);
}

int report_form_set_label(report_form *form, const char *label, bf_error *err)
{
    free(form->label);
    form->label = NULL;
    return label != NULL && label[0] != '\0' ? form_strdup(&form->label, label, err) : BF_OK;
}

void report_form_free(report_form *form)
{
    free(form->label);
    free(form->title);
    free(form->left);
    free(form->right);
    for (int c = 0; c < REPORT_FORM_COLUMNS_MAX; c++) {
        free(form->tops[c]);
        free(form->subs[c]);
    }
    for (size_t i = 0; form->cells != NULL && i < (size_t)form->row_count * form->column_count; i++)
        free(form->cells[i]);
    free(form->cells);
    for (int n = 0; n < form->note_count; n++)
        free(form->notes[n]);
    memset(form, 0, sizeof *form);
}

int report_format_pick(const char *text, const char *path, report_format *format, bf_error *err)
{
    static const char *const names[] = {"csv", "xlsx", "json"};
    const char *name = text;
    if (name == NULL) {
        const char *slash = strrchr(path, '/');
        const char *dot =
            strcmp(path, "-") != 0 ? strrchr(slash != NULL ? slash : path, '.') : NULL;
        name = dot != NULL ? dot + 1 : "csv";
    }
    for (int f = 0; f < 3; f++)
        if (strcasecmp(name, names[f]) == 0) {
            *format = (report_format)f;
            if (*format == REPORT_XLSX && strcmp(path, "-") == 0)
                return bf_error_set(err, BF_EINVAL, "%s",
                                    BF_TR("XLSX 须用 --out 写到文件",
                                          "XLSX needs --out FILE, not standard output"));
            return BF_OK;
        }
    return bf_error_set(err, BF_EINVAL,
                        BF_TR("格式“%s”不支持，应为 csv、xlsx 或 json",
                              "format '%s' is not supported: csv, xlsx or json"),
                        name);
}

/* Writes the CSV rows: label, title, the line, the header rows, the cells, the notes. */
static int write_csv(const report_form *f, const char *path, bf_error *err)
{
    table_writer *w = NULL;
    const char *line[REPORT_FORM_COLUMNS_MAX] = {0};
    int n = f->column_count, rc = table_writer_open(path, &w, err);
    line[0] = f->label;
    if (rc == BF_OK && f->label != NULL)
        rc = table_writer_row(w, line, 1, err);
    line[0] = f->title;
    if (rc == BF_OK)
        rc = table_writer_row(w, line, 1, err);
    if (rc == BF_OK && (f->left != NULL || f->right != NULL)) {
        line[0] = f->left;
        line[n - 1 > 0 ? n - 1 : 1] = f->right;
        rc = table_writer_row(w, line, n > 1 ? n : 2, err);
    }
    for (int c = 0; c < n; c++)
        line[c] = f->tops[c];
    if (rc == BF_OK)
        rc = table_writer_row(w, line, n, err);
    if (rc == BF_OK && f->two_rows)
        rc = table_writer_row(w, (const char *const *)f->subs, n, err);
    for (int r = 0; rc == BF_OK && r < f->row_count; r++)
        rc = table_writer_row(w, (const char *const *)f->cells + (size_t)r * n, n, err);
    for (int i = 0; rc == BF_OK && i < f->note_count; i++)
        rc = table_writer_row(w, (const char *const *)&f->notes[i], 1, err);
    int closed = table_writer_close(w, rc == BF_OK, rc == BF_OK ? err : NULL);
    return rc == BF_OK ? closed : rc;
}

/* Display width of UTF-8 text: two for each CJK character, one for the rest. */
static int text_width(const char *text)
{
    int width = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
        if ((*p & 0xC0) != 0x80)
            width += *p >= 0xE0 ? 2 : 1;
    return width;
}

/* Writes the form as the paper form: label, title, line, merged headers, bordered cells,
   widths. */
static int write_xlsx_sheet(const report_form *f, lxw_workbook *book)
{
    lxw_worksheet *sheet = workbook_add_worksheet(book, NULL);
    lxw_format *title = workbook_add_format(book), *head = workbook_add_format(book),
               *cell = workbook_add_format(book), *plain = workbook_add_format(book),
               *right = workbook_add_format(book);
    if (sheet == NULL || title == NULL || head == NULL || cell == NULL || plain == NULL ||
        right == NULL)
        return BF_ENOMEM;
    format_set_bold(title);
    format_set_font_size(title, 16);
    format_set_align(title, LXW_ALIGN_CENTER);
    format_set_bold(head);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_text_wrap(head);
    format_set_align(head, LXW_ALIGN_CENTER);
    format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(cell, LXW_BORDER_THIN);
    format_set_align(cell, LXW_ALIGN_CENTER);
    format_set_align(right, LXW_ALIGN_RIGHT);
    int n = f->column_count;
    lxw_row_t row = 0;
    lxw_col_t last = (lxw_col_t)(n - 1);
    if (f->label != NULL) {
        lxw_format *label = workbook_add_format(book);
        if (label == NULL)
            return BF_ENOMEM;
        format_set_font_name(label, "黑体");
        format_set_font_size(label, 14);
        worksheet_write_string(sheet, row++, 0, f->label, label);
    }
    if (n > 1)
        worksheet_merge_range(sheet, row, 0, row, last, f->title, title);
    else
        worksheet_write_string(sheet, row, 0, f->title, title);
    worksheet_set_row(sheet, row++, 30, NULL);
    if (f->left != NULL || f->right != NULL) {
        worksheet_write_string(sheet, row, 0, f->left != NULL ? f->left : "", plain);
        if (n > 1)
            worksheet_write_string(sheet, row, last, f->right != NULL ? f->right : "", right);
        row++;
    }
    /* Header rows: a span merges over its columns; without a sub header a column's header
       merges over both rows. */
    lxw_row_t top = row, bottom = f->two_rows ? row + 1 : row;
    for (int c = 0; c < n; c++) {
        if (f->tops[c] == NULL)
            continue;
        int end = c;
        while (end + 1 < n && f->tops[end + 1] == NULL)
            end++;
        if (end > c)
            worksheet_merge_range(sheet, top, (lxw_col_t)c, top, (lxw_col_t)end, f->tops[c], head);
        else if (bottom > top && f->subs[c] == NULL)
            worksheet_merge_range(sheet, top, (lxw_col_t)c, bottom, (lxw_col_t)c, f->tops[c], head);
        else
            worksheet_write_string(sheet, top, (lxw_col_t)c, f->tops[c], head);
    }
    for (int c = 0; f->two_rows && c < n; c++)
        if (f->subs[c] != NULL)
            worksheet_write_string(sheet, bottom, (lxw_col_t)c, f->subs[c], head);
    worksheet_set_row(sheet, top, 45, NULL);
    row = bottom + 1;
    int widths[REPORT_FORM_COLUMNS_MAX];
    for (int c = 0; c < n; c++)
        widths[c] = 8;
    for (int r = 0; r < f->row_count; r++, row++)
        for (int c = 0; c < n; c++) {
            const char *text = f->cells[(size_t)r * n + c];
            worksheet_write_string(sheet, row, (lxw_col_t)c, text, cell);
            int w = text_width(text) + 2;
            if (w > widths[c])
                widths[c] = w < REPORT_FORM_WIDTH_MAX ? w : REPORT_FORM_WIDTH_MAX;
        }
    for (int c = 0; c < n; c++) {
        /* A header wraps: its width counts for half, so that long headers stay narrow. */
        const char *header = f->tops[c] != NULL ? f->tops[c] : f->subs[c];
        int w = header != NULL ? text_width(header) / 2 + 2 : 0;
        if (w > widths[c])
            widths[c] = w < REPORT_FORM_WIDTH_MAX ? w : REPORT_FORM_WIDTH_MAX;
        worksheet_set_column(sheet, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    }
    for (int i = 0; i < f->note_count; i++)
        worksheet_write_string(sheet, row++, 0, f->notes[i], plain);
    return BF_OK;
}

static int write_xlsx(const report_form *f, const char *path, bf_error *err)
{
    safe_file out;
    char proc[REPORT_FORM_PROC_PATH_MAX];
    int rc = safe_file_create(&out, path, err);
    if (rc != BF_OK)
        return rc;
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", out.fd);
    lxw_workbook *book = workbook_new(proc);
    if (book == NULL)
        rc = bf_error_set(err, BF_ENOMEM, NULL);
    if (rc == BF_OK && write_xlsx_sheet(f, book) != BF_OK)
        rc = bf_error_set(err, BF_ENOMEM, NULL);
    if (book != NULL) {
        lxw_error error = workbook_close(book);
        if (rc == BF_OK && error != LXW_NO_ERROR)
            rc = bf_error_set(err, BF_EIO, BF_TR("无法写入 %s：%s", "cannot write %s: %s"), path,
                              lxw_strerror(error));
    }
    if (rc == BF_OK)
        return safe_file_commit(&out, err);
    safe_file_discard(&out);
    return rc;
}

static json_t *json_texts(char *const *texts, int count)
{
    json_t *list = json_array();
    for (int i = 0; list != NULL && i < count; i++)
        json_array_append_new(list, json_string(texts[i] != NULL ? texts[i] : ""));
    return list;
}

json_t *report_form_json(const report_form *f, json_t *extra)
{
    json_t *all = json_object(), *columns = json_array(), *rows = json_array();
    const char *top = "";
    for (int c = 0; columns != NULL && c < f->column_count; c++) {
        char column[1024];
        top = f->tops[c] != NULL ? f->tops[c] : top;
        if (f->subs[c] != NULL && f->subs[c][0] != '\0')
            snprintf(column, sizeof column, "%s / %s", top, f->subs[c]);
        else
            snprintf(column, sizeof column, "%s", top);
        json_array_append_new(columns, json_string(column));
    }
    for (int r = 0; rows != NULL && r < f->row_count; r++)
        json_array_append_new(rows,
                              json_texts(f->cells + (size_t)r * f->column_count, f->column_count));
    if (f->label != NULL)
        json_object_set_new(all, "annex", json_string(f->label));
    json_object_set_new(all, "title", json_string(f->title));
    if (f->left != NULL)
        json_object_set_new(all, "unit", json_string(f->left));
    if (f->right != NULL)
        json_object_set_new(all, "date", json_string(f->right));
    if (extra != NULL)
        json_object_update(all, extra);
    json_object_set_new(all, "columns", columns);
    json_object_set_new(all, "rows", rows);
    json_object_set_new(all, "notes", json_texts(f->notes, f->note_count));
    return all;
}

static int write_json(const report_form *f, const char *path, json_t *extra, bf_error *err)
{
    json_t *all = report_form_json(f, extra);
    char *text = json_dumps(all, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(all);
    if (text == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    int rc = BF_OK;
    if (strcmp(path, "-") == 0) {
        if (puts(text) == EOF || fflush(stdout) != 0)
            rc = bf_error_set(err, BF_EIO, "%s", BF_TR("无法写标准输出", "cannot write output"));
    } else {
        safe_file out;
        rc = safe_file_create(&out, path, err);
        size_t length = strlen(text);
        if (rc == BF_OK &&
            (write(out.fd, text, length) != (ssize_t)length || write(out.fd, "\n", 1) != 1)) {
            rc = bf_error_set(err, BF_EIO, BF_TR("无法写入 %s", "cannot write %s"), path);
            safe_file_discard(&out);
        } else if (rc == BF_OK)
            rc = safe_file_commit(&out, err);
    }
    free(text);
    return rc;
}

int report_form_write(const report_form *form, const char *path, report_format format,
                      json_t *extra, bf_error *err)
{
    switch (format) {
    case REPORT_CSV:
        return write_csv(form, path, err);
    case REPORT_XLSX:
        return write_xlsx(form, path, err);
    case REPORT_JSON:
        return write_json(form, path, extra, err);
    }
    return bf_error_set(err, BF_EINVAL, "%s", BF_TR("未知格式", "unknown format"));
}
