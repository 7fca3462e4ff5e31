/* report_annex2.c - 附件2 项目清单 as its form (see the header). */
#include "services/report_annex2.h"

#include "core/date.h"
#include "services/project_list.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* The columns of project_list each column of the form takes, in the form's order. */
static const int annex2_sources[] = {0, 1, 3, 5, 12, 13, 8, 9, 10, 11};
enum { ANNEX2_COLUMNS = sizeof annex2_sources / sizeof annex2_sources[0] };

/* The report { } of 附件2: its columns must be as many as this fills. */
static int annex2_declaration(const policy_set *set, const policy_report **out, bf_error *err)
{
    for (int r = 0; r < set->report_count; r++)
        if (strcmp(set->reports[r]->id, REPORT_ANNEX2_ID) == 0 &&
            set->reports[r]->column_count == ANNEX2_COLUMNS) {
            *out = set->reports[r];
            return BF_OK;
        }
    return bf_error_set(err, BF_ENOTFOUND,
                        BF_TR("政策文件中没有 %d 列的 report %s（附件2）",
                              "the policy files have no report of %d columns %s (附件2)"),
                        ANNEX2_COLUMNS, REPORT_ANNEX2_ID);
}

static int annex2_row(void *context, const char *region, const char *const *cells, bf_error *err)
{
    const char *row[ANNEX2_COLUMNS];
    (void)region;
    for (int c = 0; c < ANNEX2_COLUMNS; c++)
        row[c] = cells[annex2_sources[c]];
    return report_form_add_row(context, row, err);
}

int report_annex2_write(store *st, const report_options *o, int *rows, bf_error *err)
{
    const policy_report *report = NULL;
    report_form form = {0};
    report_regions regions = {0};
    int64_t batch = 0;
    char batch_text[24], filled[64];
    *rows = 0;
    int rc = annex2_declaration(o->set, &report, err);
    if (rc == BF_OK)
        rc = report_regions_load(st, o->region, &regions, err);
    if (rc == BF_OK)
        rc = report_as_of_batch(st, o->as_of, &batch, err);
    if (rc == BF_OK)
        rc = report_form_init(&form, report->title, (const char *const *)report->columns,
                              report->column_count, err);
    bf_date on = date_from_days(o->filled_on);
    snprintf(filled, sizeof filled, "填表日期：%d年%d月%d日", on.year, on.month, on.day);
    if (rc == BF_OK)
        rc = report_form_set_line(&form, regions.self.name, filled, err);
    if (rc == BF_OK)
        rc = report_form_set_label(&form, report->annex, err);
    snprintf(batch_text, sizeof batch_text, "%" PRId64, batch);
    project_list_options list = {.region = o->region,
                                 .batch = o->as_of != INT32_MAX ? batch_text : NULL,
                                 .day = o->as_of != INT32_MAX ? o->as_of : o->filled_on,
                                 .set = o->set};
    if (rc == BF_OK)
        rc = project_list_read(st, &list, annex2_row, &form, err);
    char line[512] = "";
    for (int f = 0; rc == BF_OK && f < report->footer_count; f++) {
        strncat(line, report->footer[f], sizeof line - strlen(line) - 1);
        strncat(line, "            ", sizeof line - strlen(line) - 1);
    }
    if (rc == BF_OK && line[0] != '\0')
        rc = report_form_add_note(&form, line, err);
    if (rc == BF_OK)
        rc = report_form_add_note(
            &form,
            BF_TR("说明：带动就业人数与带动脱贫人口就业人数按登记的就业记录（项目编号）统计，"
                  "项目申报数见 bangfu project list",
                  "Note: the people employed and the 脱贫人口 among them are counted from the "
                  "stored spells naming the project; the declared numbers are in bangfu "
                  "project list"),
            err);
    json_t *extra = json_object();
    json_object_set_new(extra, "report", json_string(REPORT_ANNEX2_ID));
    json_object_set_new(extra, "region", json_string(o->region));
    if (rc == BF_OK) {
        *rows = form.row_count;
        rc = report_form_write(&form, o->out, o->format, extra, err);
    }
    json_decref(extra);
    report_form_free(&form);
    report_regions_free(&regions);
    return rc;
}
