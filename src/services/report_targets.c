/* report_targets.c - the table of the targets and their progress (see the header). */
#include "services/report_targets.h"

#include "core/date.h"
#include "policy/population.h"
#include "services/target_progress.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The comparator in the document's words. */
static const char *comparator_text(policy_comparator comparator)
{
    static const char *const texts[POLICY_COMPARATOR_COUNT] = {"不少于", "不超过", "左右", "等于"};
    return comparator < POLICY_COMPARATOR_COUNT ? texts[comparator] : "";
}

static void number_text(double value, char *out, size_t size)
{
    if (value == floor(value))
        snprintf(out, size, "%.0f", value);
    else
        snprintf(out, size, "%.1f", value);
}

/* The month a report reads: --month, else that of --as-of, else this month. */
static int report_month(const report_options *o)
{
    if (o->month >= 0)
        return o->month;
    return date_month_index(date_from_days(o->as_of != INT32_MAX ? o->as_of : o->filled_on));
}

/* Writes the rows of one target. */
static int target_rows(const report_options *o, const target_progress *p, int target,
                       report_form *form, bf_error *err)
{
    const policy_target *t = o->set->targets[target];
    int readable = target_progress_measured(p, target), rc = BF_OK, first, end;
    char value[32], own[REGION_CODE_TEXT_MAX];
    population_region_format(t->region, own);
    target_progress_months(p, target, &first, &end);
    if (end < first) /* not begun by as_of: the period's first month */
        end = first;
    int last = report_month(o);
    if (last > end)
        last = end;
    number_text(t->value, value, sizeof value);
    for (int m = o->by_month ? first : last; rc == BF_OK && m <= last; m++) {
        char month[BF_MONTH_TEXT_MAX];
        date_month_format(m, month);
        int rows = o->by_region ? target_progress_row_count(p, target) : 1;
        for (int r = 0; rc == BF_OK && r < rows; r++) {
            /* Row 0: the region itself; then each child, 本级 and 区划外 (when not empty). */
            const report_region *at = target_progress_row(p, target, r);
            target_row_kind kind = target_progress_row_kind(p, target, r);
            int64_t n = target_progress_count(p, target, r, m);
            if ((kind == TARGET_ROW_OWN || kind == TARGET_ROW_OUTSIDE) && n == 0)
                continue;
            target_pace pace;
            target_progress_pace(p, target, m, n, &pace);
            char progress[32] = "", gap[32] = "", expected[32] = "", region[256];
            snprintf(region, sizeof region, "%s%s%s%s", at->code, at->code[0] != '\0' ? " " : "",
                     at->name, kind == TARGET_ROW_OWN ? "本级" : "");
            if (readable)
                snprintf(progress, sizeof progress, "%" PRId64, n);
            /* The value, gap and pace belong to the target's own region. */
            int whole = r == 0 && strcmp(at->code, own) == 0;
            if (readable && whole) {
                number_text(pace.gap, gap, sizeof gap);
                number_text(ceil(pace.expected - 1e-9), expected, sizeof expected);
            }
            const char *cells[] = {t->id,
                                   t->clause,
                                   t->indicator,
                                   region,
                                   month,
                                   comparator_text(t->comparator),
                                   whole ? value : "",
                                   t->unit,
                                   progress,
                                   gap,
                                   expected,
                                   !readable || !whole ? ""
                                   : pace.on_track     ? "是"
                                                       : "否",
                                   target_progress_what(p, target)};
            rc = report_form_add_row(form, cells, err);
        }
    }
    return rc;
}

int report_targets_write(store *st, const report_options *o, int *rows, bf_error *err)
{
    static const char *const columns[] = {
        "编号", "条款",   "指标", "区划",         "月份",         "比较",    "目标值",
        "单位", "完成数", "差距", "按进度应完成", "是否达到进度", "统计口径"};
    report_form form = {0};
    target_progress *progress = NULL;
    target_progress_request request = {
        .set = o->set, .as_of = o->as_of, .stored_by = o->as_of, .region = o->region};
    *rows = 0;
    int rc = report_form_init(&form, BF_TR("政策文件目标完成情况", "Targets of the policy files"),
                              columns, sizeof columns / sizeof columns[0], err);
    if (rc == BF_OK)
        rc = target_progress_compute(st, &request, &progress, err);
    for (int t = 0; rc == BF_OK && t < o->set->target_count; t++)
        rc = target_rows(o, progress, t, &form, err);
    if (rc == BF_OK)
        rc = report_form_add_note(
            &form,
            BF_TR(
                "说明：完成数按登记记录计，统计口径为政策文件中目标的 measure，每人（岗位）计一次，"
                "自其期间内第一条记录开始之日计入，计在第一条记录所在的区划；"
                "按进度应完成 = 目标值 × 期间已过天数 / 期间天数（向上取整）",
                "Note: progress counts by the target's measure in the policy files, each "
                "person (post) once from the day its first record of the period begins, at "
                "the region of that record; the pace = value x days gone / days of the period "
                "(rounded up)"),
            err);
    if (rc == BF_OK) {
        *rows = form.row_count;
        rc = report_form_write(&form, o->out, o->format, NULL, err);
    }
    target_progress_free(progress);
    report_form_free(&form);
    return rc;
}
