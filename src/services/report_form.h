/*
 * report_form.h - a report laid out as its paper form (issue 16 items 1-3, 9): the label above
 * the title (附件1), a title, the
 * line under it (单位（公章）：… on the left, 填表日期：… on the right), one or two rows of
 * column headers where a header may span the columns of its group (就业帮扶车间个数 over 个数
 * and 吸纳脱贫人口数), the rows of cells, and the notes under the table (注：…, 填表人：).
 *
 * Written as CSV (the lines as rows, through io/table_writer), XLSX (the form itself: title
 * merged over the table, merged header cells, borders, column widths; libxlsxwriter) or JSON
 * (annex label, title, header lines, columns as "header / sub", rows, notes and the caller's extra
 * fields). A file is written to a temporary and renamed when complete (io/safe_file); "-" is
 * standard output (CSV or JSON).
 *
 * Ownership: the form owns every text added to it (copied); report_form_free() frees them.
 * The extra JSON object given to report_form_write() stays the caller's.
 */
#ifndef BANGFU_SERVICES_REPORT_FORM_H
#define BANGFU_SERVICES_REPORT_FORM_H

#include "core/error.h"

#include <jansson.h>

/* Most columns and note lines of a form; the policy files declare fewer. */
#define REPORT_FORM_COLUMNS_MAX 64
#define REPORT_FORM_NOTES_MAX   32

typedef enum report_format { REPORT_CSV, REPORT_XLSX, REPORT_JSON } report_format;

typedef struct report_form {
    char *label; /* above the title, as the document prints it ("附件1"); NULL when none */
    char *title;
    char *left, *right; /* the line under the title; NULL when none */
    int column_count;
    char *tops[REPORT_FORM_COLUMNS_MAX]; /* top header; NULL: within the previous one's span */
    char *subs[REPORT_FORM_COLUMNS_MAX]; /* second header row; NULL for all when one row */
    int two_rows;                        /* 1 when any column has a sub header */
    int row_count, row_capacity;
    char **cells; /* row_count * column_count texts */
    int note_count;
    char *notes[REPORT_FORM_NOTES_MAX];
} report_form;

/*
 * Starts a form of title with columns given as the policy files declare them: "header" or
 * "header / sub"; a "header / sub" right after "header" joins its span (the first column of
 * the span keeps no sub header), as a merged header of the paper form.
 */
int report_form_init(report_form *form, const char *title, const char *const *columns, int count,
                     bf_error *err);

/* The label above the title ("附件1"); an empty or NULL label prints none. */
int report_form_set_label(report_form *form, const char *label, bf_error *err);
/* The line under the title. */
int report_form_set_line(report_form *form, const char *left, const char *right, bf_error *err);

/* Appends a row of column_count cells (NULL cells empty). */
int report_form_add_row(report_form *form, const char *const *cells, bf_error *err);

/* Appends a note line under the table. */
int report_form_add_note(report_form *form, const char *note, bf_error *err);

void report_form_free(report_form *form);

/*
 * The format of --format TEXT (csv, xlsx, json) or, when text is NULL, of the extension of
 * path (csv for "-"); BF_EINVAL naming what is wrong.
 */
int report_format_pick(const char *text, const char *path, report_format *format, bf_error *err);

/* The form as the JSON object report_form_write() writes (a new reference; NULL without memory). */
json_t *report_form_json(const report_form *form, json_t *extra);

/* Writes the form to path ("-": standard output, not XLSX); extra (may be NULL) joins the JSON. */
int report_form_write(const report_form *form, const char *path, report_format format,
                      json_t *extra, bf_error *err);

#endif
