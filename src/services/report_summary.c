/* report_summary.c - the 阶段性总结 skeleton with the year's figures (see the header). */
#include "services/report_summary.h"

#include "core/date.h"
#include "services/project_list.h"
#include "services/report_annex1.h"
#include "services/target_progress.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Counts the projects of 附件2 and the people on them (project_list columns 12 and 13). */
typedef struct project_totals {
    int64_t projects, employed, poor;
} project_totals;

static int project_add(void *context, const char *region, const char *const *cells, bf_error *err)
{
    project_totals *t = context;
    (void)region;
    (void)err;
    t->projects++;
    t->employed += strtoll(cells[12], NULL, 10);
    t->poor += strtoll(cells[13], NULL, 10);
    return BF_OK;
}

static int summary_row(report_form *form, const char *part, const char *item, const char *value,
                       const char *note, bf_error *err)
{
    const char *cells[] = {part, item, value, note};
    return report_form_add_row(form, cells, err);
}

/* 二: the targets whose period meets the year, measured at its last month (or --as-of's). */
static int summary_targets(store *st, const report_options *o, report_form *form, bf_error *err)
{
    int rc = BF_OK, listed = 0;
    int last = date_month_index(date_from_days(o->as_of != INT32_MAX ? o->as_of : o->filled_on));
    if (last > o->year * 12 + 11)
        last = o->year * 12 + 11;
    target_progress *progress = NULL;
    target_progress_request request = {.set = o->set, .as_of = o->as_of, .stored_by = o->as_of};
    rc = target_progress_compute(st, &request, &progress, err);
    for (int i = 0; rc == BF_OK && i < o->set->target_count; i++) {
        const policy_target *t = o->set->targets[i];
        int first_year = t->year > 0 ? t->year : date_from_days(t->from).year;
        int last_year = t->year > 0 ? t->year : date_from_days(t->to).year;
        if (o->year < first_year || o->year > last_year)
            continue;
        char value[64], note[256];
        if (target_progress_measured(progress, i)) {
            int64_t n = target_progress_count(progress, i, 0, last);
            target_pace pace;
            target_progress_pace(progress, i, last, n, &pace);
            snprintf(value, sizeof value, "%" PRId64 " / %.0f", n, t->value);
            snprintf(note, sizeof note, "%s%s（按进度应完成 %.0f）", t->id,
                     pace.on_track ? "，达到进度" : "，未达进度", ceil(pace.expected - 1e-9));
        } else {
            snprintf(value, sizeof value, "— / %.0f", t->value);
            snprintf(note, sizeof note, "%s，无登记来源", t->id);
        }
        rc = summary_row(form, listed++ == 0 ? "二、目标任务完成情况" : "", t->indicator, value,
                         note, err);
    }
    target_progress_free(progress);
    if (rc == BF_OK && listed == 0)
        rc = summary_row(form, "二、目标任务完成情况", "（本年无目标）", "", "", err);
    return rc;
}

int report_summary_write(store *st, const report_options *o, int *rows, bf_error *err)
{
    static const char *const columns[] = {"部分", "事项", "数值", "说明"};
    report_options year = *o;
    report_form form = {0};
    report_regions regions = {0};
    int64_t totals[REPORT_ANNEX1_VALUES];
    const char *headers[REPORT_ANNEX1_VALUES];
    char title[512], part[256], value[32];
    *rows = 0;
    year.quarter = 4; /* 当年累计 to the end of the year, or to --as-of */
    year.cell_row = NULL;
    int rc = report_regions_load(st, o->region, &regions, err);
    const policy_report *declared = NULL;
    for (int r = 0; r < o->set->report_count; r++)
        if (strcmp(o->set->reports[r]->id, REPORT_SUMMARY_ID) == 0)
            declared = o->set->reports[r];
    snprintf(title, sizeof title, "%s%d年%s（提纲）", regions.self.name, o->year,
             declared != NULL ? declared->title : "防止返贫就业攻坚行动阶段性总结");
    if (rc == BF_OK)
        rc = report_form_init(&form, title, columns, 4, err);
    if (rc == BF_OK)
        rc = report_annex1_totals(st, &year, totals, headers, err);
    int32_t end = (int32_t)date_to_days((bf_date){o->year, 12, 31});
    char last[BF_DATE_TEXT_MAX];
    date_format(date_from_days(o->as_of < end ? o->as_of : end), last);
    snprintf(part, sizeof part, "一、主要工作进展（%d-01-01 至 %s 累计）", o->year, last);
    for (int c = 0; rc == BF_OK && c < REPORT_ANNEX1_VALUES; c++) {
        snprintf(value, sizeof value, "%" PRId64, totals[c]);
        rc = summary_row(&form, c == 0 ? part : "", headers[c], value, "附件1", err);
    }
    if (rc == BF_OK)
        rc = summary_targets(st, o, &form, err);
    project_totals projects = {0};
    int64_t batch = 0;
    char batch_text[24];
    if (rc == BF_OK)
        rc = report_as_of_batch(st, o->as_of, &batch, err);
    snprintf(batch_text, sizeof batch_text, "%" PRId64, batch);
    project_list_options list = {.region = o->region,
                                 .batch = o->as_of != INT32_MAX ? batch_text : NULL,
                                 .day = o->as_of < end ? o->as_of : end,
                                 .set = o->set};
    if (rc == BF_OK)
        rc = project_list_read(st, &list, project_add, &projects, err);
    const struct {
        const char *item;
        int64_t value;
    } project_rows[] = {{"就业帮扶项目个数", projects.projects},
                        {"带动就业人数", projects.employed},
                        {"其中带动脱贫人口就业人数", projects.poor}};
    for (int i = 0; rc == BF_OK && i < 3; i++) {
        snprintf(value, sizeof value, "%" PRId64, project_rows[i].value);
        rc = summary_row(&form, i == 0 ? "三、就业帮扶项目（附件2）" : "", project_rows[i].item,
                         value, "按登记的就业记录统计", err);
    }
    static const char *const written[] = {"四、典型经验做法", "五、存在的问题",
                                          "六、下一步工作打算"};
    for (int i = 0; rc == BF_OK && i < 3; i++)
        rc = summary_row(&form, written[i], "（由填报单位填写）", "", "", err);
    if (rc == BF_OK) {
        *rows = form.row_count;
        rc = report_form_write(&form, o->out, o->format, NULL, err);
    }
    report_form_free(&form);
    report_regions_free(&regions);
    return rc;
}
