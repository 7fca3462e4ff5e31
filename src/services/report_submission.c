/* report_submission.c - 附件1 submitted upward, frozen, checked, sent back (see the header). */
#include "services/report_submission.h"

#include "core/date.h"
#include "services/report_annex1.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The value columns the rules compare (0-based, after the region column). */
enum {
    CHECK_WORKSHOP_POOR = 5,
    CHECK_WORK_RELIEF = 6,
    CHECK_WORK_RELIEF_POOR = 7,
};

/* The period text of options: 2023Q3. */
static void period_text(const report_options *o, char out[16])
{
    snprintf(out, 16, "%dQ%d", o->year, o->quarter);
}

/* The due day of the quarter by the report { }'s "quarter month M day D", else its date. */
static int due_day(const report_options *o, char out[16], bf_error *err)
{
    for (int r = 0; r < o->set->report_count; r++) {
        const policy_report *report = o->set->reports[r];
        if (strcmp(report->id, REPORT_ANNEX1_ID) != 0)
            continue;
        int month = 0, day = 0;
        if (sscanf(report->due, "quarter month %d day %d", &month, &day) == 2) {
            bf_date due = {o->year, (o->quarter - 1) * 3 + month, day};
            date_format(due, out);
            return BF_OK;
        }
        bf_date due;
        if (date_parse(report->due, &due) == BF_OK) {
            date_format(due, out);
            return BF_OK;
        }
    }
    return bf_error_set(err, BF_ENOTFOUND,
                        BF_TR("report %s 没有按季度的报送日", "report %s has no quarterly due day"),
                        REPORT_ANNEX1_ID);
}

static int64_t cell_value(const report_form *form, int row, int value)
{
    return strtoll(form->cells[(size_t)row * form->column_count + 1 + value], NULL, 10);
}

static void problem(char *problems, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void problem(char *problems, const char *format, ...)
{
    size_t used = strlen(problems);
    if (used + 2 >= REPORT_SUBMISSION_PROBLEMS_MAX)
        return;
    if (used > 0)
        problems[used++] = '\n', problems[used] = '\0';
    va_list args;
    va_start(args, format);
    vsnprintf(problems + used, REPORT_SUBMISSION_PROBLEMS_MAX - used, format, args);
    va_end(args);
}

void report_submission_check(const report_form *form, json_t *extra, json_t *previous,
                             char problems[REPORT_SUBMISSION_PROBLEMS_MAX])
{
    json_t *workers = json_object_get(extra, "workshop_workers");
    int values = form->column_count - 1;
    problems[0] = '\0';
    for (int r = 0; r < form->row_count; r++) {
        const char *name = form->cells[(size_t)r * form->column_count];
        int64_t poor = cell_value(form, r, CHECK_WORKSHOP_POOR);
        int64_t employed = json_integer_value(json_array_get(workers, (size_t)r));
        if (poor > employed)
            problem(problems,
                    BF_TR("%s：就业帮扶车间吸纳脱贫人口数 %" PRId64 " 多于车间在岗人数 %" PRId64,
                          "%s: workshops' 吸纳脱贫人口数 %" PRId64 " above their %" PRId64
                          " employed"),
                    name, poor, employed);
        if (cell_value(form, r, CHECK_WORK_RELIEF_POOR) > cell_value(form, r, CHECK_WORK_RELIEF))
            problem(problems,
                    BF_TR("%s：以工代赈吸纳脱贫人口数多于以工代赈就业人数",
                          "%s: 以工代赈's 吸纳脱贫人口数 above its 就业人数"),
                    name);
    }
    for (int c = 0; c < values && form->row_count > 0; c++) {
        int64_t sum = 0;
        for (int r = 1; r < form->row_count; r++)
            sum += cell_value(form, r, c);
        if (sum != cell_value(form, 0, c))
            problem(problems,
                    BF_TR("第 %d 列：合计 %" PRId64 " 不等于各行之和 %" PRId64,
                          "column %d: the total %" PRId64 " is not the rows' sum %" PRId64),
                    c + 2, cell_value(form, 0, c), sum);
        json_t *before = json_array_get(previous, (size_t)c + 1);
        int64_t was = before != NULL ? strtoll(json_string_value(before), NULL, 10) : 0;
        if (before != NULL && cell_value(form, 0, c) < was)
            problem(problems,
                    BF_TR("“%s”：当年累计 %" PRId64 " 低于上一季度报送的 %" PRId64,
                          "'%s': the year to date %" PRId64 " is below the %" PRId64
                          " submitted for an earlier quarter"),
                    json_string_value(
                        json_array_get(json_object_get(extra, "columns"), (size_t)c + 1)) != NULL
                        ? json_string_value(
                              json_array_get(json_object_get(extra, "columns"), (size_t)c + 1))
                        : "",
                    cell_value(form, 0, c), was);
    }
}

/* The latest submission of the region: its version and state (0 and "" when none). */
static int latest(store *st, const char *region, const char *period, int *version, char *state,
                  size_t size, bf_error *err)
{
    const char *params[] = {REPORT_ANNEX1_ID, region, period};
    store_rows rows = {0};
    *version = 0;
    state[0] = '\0';
    int rc = store_rows_open(st,
                             "SELECT version, state FROM report_submissions WHERE report = ? AND "
                             "region = ? AND period = ? ORDER BY version DESC",
                             params, 3, &rows, err);
    int step = rc == BF_OK ? store_rows_next(&rows) : 0;
    if (step == 1) {
        *version = (int)store_column_int64(rows.stmt, 0);
        const char *text = store_column_text(rows.stmt, 1);
        snprintf(state, size, "%s", text != NULL ? text : "");
    }
    store_rows_close(&rows);
    return rc == BF_OK && step < 0 ? step : rc;
}

/* The first row of the region's standing submission of the latest earlier quarter, or NULL. */
static int previous_row(store *st, const report_options *o, json_t **row, bf_error *err)
{
    *row = NULL;
    int rc = BF_OK;
    for (int q = o->quarter - 1; rc == BF_OK && q >= 1 && *row == NULL; q--) {
        char period[16];
        snprintf(period, sizeof period, "%dQ%d", o->year, q);
        const char *params[] = {REPORT_ANNEX1_ID, o->region, period};
        store_rows rows = {0};
        rc = store_rows_open(st,
                             "SELECT content FROM report_submissions WHERE report = ? AND region "
                             "= ? AND period = ? AND state = 'submitted' ORDER BY version DESC",
                             params, 3, &rows, err);
        int step = rc == BF_OK ? store_rows_next(&rows) : 0;
        if (step == 1) {
            json_t *all = json_loads(store_column_text(rows.stmt, 0), 0, NULL);
            *row = json_incref(json_array_get(json_object_get(all, "rows"), 0));
            json_decref(all);
        }
        store_rows_close(&rows);
        if (rc == BF_OK && step < 0)
            rc = step;
    }
    return rc;
}

/* Ends the transaction begun by the caller: commits when rc is BF_OK, else rolls back. */
static int finish_transaction(store *st, int rc, bf_error *err)
{
    if (rc != BF_OK) {
        store_rollback(st);
        return rc;
    }
    rc = store_commit(st);
    if (rc != BF_OK)
        store_error_set(st, rc, err);
    return rc;
}

int report_submission_submit(store *st, const report_options *o, const char *by,
                             report_submission_result *out, bf_error *err)
{
    report_form form = {0};
    json_t *extra = json_object(), *previous = NULL;
    char period[16], state[16], problems[REPORT_SUBMISSION_PROBLEMS_MAX], on[BF_DATE_TEXT_MAX],
        now[BF_TIMESTAMP_TEXT_MAX], version[16];
    char *content = NULL;
    period_text(o, period);
    date_format(date_from_days(o->filled_on), on);
    date_now_timestamp(now);
    memset(out, 0, sizeof *out);
    int rc = due_day(o, out->due, err);
    if (rc == BF_OK) {
        rc = store_begin_exclusive(st, -1, NULL, NULL);
        if (rc != BF_OK) {
            store_error_set(st, rc, err);
            goto out;
        }
    } else
        goto out;
    rc = latest(st, o->region, period, &out->version, state, sizeof state, err);
    if (rc == BF_OK && strcmp(state, "submitted") == 0)
        rc = bf_error_set(err, BF_ECONFLICT,
                          BF_TR("%s 的 %s 附件1 已报送（第 %d 版），退回后才能再报",
                                "%s has submitted 附件1 of %s (version %d); it can submit again "
                                "once sent back"),
                          o->region, period, out->version);
    if (rc == BF_OK)
        rc = report_annex1_form(st, o, &form, extra, err);
    if (rc == BF_OK)
        rc = previous_row(st, o, &previous, err);
    if (rc == BF_OK) {
        json_t *all = report_form_json(&form, extra);
        json_object_set(extra, "columns", json_object_get(all, "columns"));
        report_submission_check(&form, extra, previous, problems);
        if (problems[0] != '\0')
            rc = bf_error_set(err, BF_EINVAL,
                              BF_TR("附件1 未通过校验，不报送：\n%s",
                                    "附件1 fails its checks; not submitted:\n%s"),
                              problems);
        json_object_set_new(all, "submitted_by", json_string(by));
        json_object_set_new(all, "submitted_on", json_string(on));
        content = json_dumps(all, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(all);
        if (rc == BF_OK && content == NULL)
            rc = bf_error_set(err, BF_ENOMEM, NULL);
    }
    out->version++;
    out->on_time = strcmp(on, out->due) <= 0;
    snprintf(version, sizeof version, "%d", out->version);
    const char *texts[] = {REPORT_ANNEX1_ID, o->region, period, version, by, on, now,
                           out->due,         content};
    if (rc == BF_OK)
        rc = store_exec_params(
            st,
            "INSERT INTO report_submissions (report, region, period, version, "
            "state, submitted_by, submitted_on, submitted_at, due, content) VALUES "
            "(?, ?, ?, CAST(? AS INTEGER), 'submitted', ?, ?, ?, ?, ?)",
            texts, 9, err);
    rc = finish_transaction(st, rc, err);
out:
    free(content);
    json_decref(previous);
    json_decref(extra);
    report_form_free(&form);
    return rc;
}

int report_submission_return(store *st, const report_options *o, const char *by, const char *reason,
                             bf_error *err)
{
    char period[16], state[16], version[16], now[BF_TIMESTAMP_TEXT_MAX];
    int current = 0;
    period_text(o, period);
    date_now_timestamp(now);
    int rc = store_begin_exclusive(st, -1, NULL, NULL);
    if (rc != BF_OK)
        return store_error_set(st, rc, err);
    rc = latest(st, o->region, period, &current, state, sizeof state, err);
    if (rc == BF_OK && strcmp(state, "submitted") != 0)
        rc = bf_error_set(
            err, BF_ENOTFOUND,
            BF_TR("%s 没有待审的 %s 附件1 可退回", "%s has no standing 附件1 of %s to send back"),
            o->region, period);
    snprintf(version, sizeof version, "%d", current);
    const char *texts[] = {by, now, reason, REPORT_ANNEX1_ID, o->region, period, version};
    if (rc == BF_OK)
        rc = store_exec_params(st,
                               "UPDATE report_submissions SET state = 'returned', returned_by = ?, "
                               "returned_at = ?, return_reason = ? WHERE report = ? AND region = ? "
                               "AND period = ? AND version = CAST(? AS INTEGER)",
                               texts, 7, err);
    return finish_transaction(st, rc, err);
}

int report_submission_list(store *st, const report_options *o, int *rows, bf_error *err)
{
    static const char *const columns[] = {"区划代码", "区划",     "状态",     "版本",    "报送人",
                                          "报送日期", "应报日期", "是否按时", "退回原因"};
    report_regions regions = {0};
    report_form form = {0};
    char period[16], due[16], title[256], today[BF_DATE_TEXT_MAX], rate[128];
    int submitted = 0;
    *rows = 0;
    period_text(o, period);
    date_format(date_from_days(o->filled_on), today);
    int rc = due_day(o, due, err);
    if (rc == BF_OK)
        rc = report_regions_load(st, o->region, &regions, err);
    snprintf(title, sizeof title, "%s %s 附件1 报送情况", regions.self.name, period);
    if (rc == BF_OK)
        rc = report_form_init(&form, title, columns, 9, err);
    for (int c = 0; rc == BF_OK && c < regions.count; c++) {
        const report_region *child = &regions.children[c];
        const char *params[] = {REPORT_ANNEX1_ID, child->code, period};
        store_rows list = {0};
        rc = store_rows_open(st,
                             "SELECT version, state, submitted_by, submitted_on, return_reason "
                             "FROM report_submissions WHERE report = ? AND region = ? AND period "
                             "= ? ORDER BY version DESC",
                             params, 3, &list, err);
        int step = rc == BF_OK ? store_rows_next(&list) : 0;
        char version[16] = "", who[256] = "", on[32] = "", reason[512] = "", state[32];
        const char *timely = strcmp(today, due) > 0 ? "逾期未报" : "未报";
        snprintf(state, sizeof state, "未报送");
        if (step == 1) {
            const char *s = store_column_text(list.stmt, 1);
            int standing = s != NULL && strcmp(s, "submitted") == 0;
            snprintf(version, sizeof version, "%" PRId64, store_column_int64(list.stmt, 0));
            snprintf(who, sizeof who, "%s", store_column_text(list.stmt, 2));
            snprintf(on, sizeof on, "%s", store_column_text(list.stmt, 3));
            const char *why = store_column_text(list.stmt, 4);
            snprintf(reason, sizeof reason, "%s", why != NULL ? why : "");
            snprintf(state, sizeof state, "%s", standing ? "已报送" : "已退回");
            timely = strcmp(on, due) <= 0 ? "按时" : "逾期";
            submitted += standing;
        }
        store_rows_close(&list);
        if (rc == BF_OK && step < 0)
            rc = step;
        const char *cells[] = {child->code, child->name, state,  version, who,
                               on,          due,         timely, reason};
        if (rc == BF_OK)
            rc = report_form_add_row(&form, cells, err);
    }
    snprintf(rate, sizeof rate, BF_TR("报送率：%d / %d", "submitted: %d of %d"), submitted,
             regions.count);
    if (rc == BF_OK)
        rc = report_form_add_note(&form, rate, err);
    if (rc == BF_OK) {
        *rows = form.row_count;
        rc = report_form_write(&form, o->out, o->format, NULL, err);
    }
    report_form_free(&form);
    report_regions_free(&regions);
    return rc;
}

int report_submission_frozen(store *st, const report_options *o, int *rows, bf_error *err)
{
    char period[16];
    period_text(o, period);
    const char *params[] = {REPORT_ANNEX1_ID, o->region, period};
    store_rows list = {0};
    *rows = 0;
    int rc = store_rows_open(st,
                             "SELECT content FROM report_submissions WHERE report = ? AND region "
                             "= ? AND period = ? ORDER BY version DESC",
                             params, 3, &list, err);
    int step = rc == BF_OK ? store_rows_next(&list) : 0;
    if (step == 1) {
        const char *content = store_column_text(list.stmt, 0);
        FILE *file = strcmp(o->out, "-") == 0 ? stdout : NULL;
        if (file == NULL)
            rc = bf_error_set(
                err, BF_EINVAL, "%s",
                BF_TR("冻结副本只写到标准输出", "the frozen copy goes to standard output"));
        else if (fputs(content, file) == EOF || fputc('\n', file) == EOF)
            rc = bf_error_set(err, BF_EIO, "%s", BF_TR("无法写标准输出", "cannot write output"));
        *rows = 1;
    } else if (rc == BF_OK && step == 0)
        rc = bf_error_set(err, BF_ENOTFOUND,
                          BF_TR("%s 没有报送过 %s 附件1", "%s has not submitted 附件1 of %s"),
                          o->region, period);
    store_rows_close(&list);
    return rc == BF_OK && step < 0 ? step : rc;
}
