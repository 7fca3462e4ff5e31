/*
 * monitor_changes.c - the stored snapshots read back (monitor.h): the scale
 * and income of a region and its children in month M, M-1 and M-12, their
 * changes, and the alerts with the people who left work.
 */
#include "services/monitor.h"

#include "core/date.h"
#include "core/money.h"
#include "core/region_code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most rows (a region and its children) one table holds. */
#define MONITOR_ROWS_MAX 100000
/* The months read: the month, the month before, the same month a year before. */
enum { MONITOR_NOW, MONITOR_MONTH_BEFORE, MONITOR_YEAR_BEFORE, MONITOR_MONTHS };
/* Longest region name kept, terminator included. */
#define MONITOR_NAME_MAX 256

static const char *const monitor_scopes[] = {"local", "province", "outside"};

typedef struct monitor_counts {
    int64_t scope[3];
    int64_t income_sum, income_count;
} monitor_counts;

typedef struct monitor_row {
    char code[REGION_CODE_TEXT_MAX]; /* "" for the whole database */
    monitor_counts months[MONITOR_MONTHS];
} monitor_row;

/* The rows of one table: [0] the region itself, then its children by code. */
typedef struct monitor_rows {
    monitor_row *rows;
    int count, capacity;
    int present[MONITOR_MONTHS]; /* 1 when that month's snapshot is stored */
    char months[MONITOR_MONTHS][BF_MONTH_TEXT_MAX];
} monitor_rows;

static int64_t monitor_total(const monitor_counts *c)
{
    return c->scope[0] + c->scope[1] + c->scope[2];
}

/* The row of code, added when missing; NULL when out of memory or rows. */
static monitor_row *monitor_row_of(monitor_rows *t, const char *code)
{
    for (int r = 1; r < t->count; r++)
        if (strcmp(t->rows[r].code, code) == 0)
            return &t->rows[r];
    if (t->count == t->capacity) {
        int capacity = t->capacity == 0 ? 64 : t->capacity * 2;
        if (capacity > MONITOR_ROWS_MAX)
            return NULL;
        monitor_row *grown = realloc(t->rows, (size_t)capacity * sizeof *grown);
        if (grown == NULL)
            return NULL;
        t->rows = grown;
        t->capacity = capacity;
    }
    monitor_row *row = &t->rows[t->count++];
    memset(row, 0, sizeof *row);
    snprintf(row->code, sizeof row->code, "%s", code);
    return row;
}

static int monitor_row_compare(const void *a, const void *b)
{
    return strcmp(((const monitor_row *)a)->code, ((const monitor_row *)b)->code);
}

void monitor_region_range(const char *region, char low[REGION_CODE_TEXT_MAX],
                          char high[REGION_CODE_TEXT_MAX])
{
    if (region == NULL) {
        low[0] = '\0';
        snprintf(high, REGION_CODE_TEXT_MAX, "A");
        return;
    }
    region_code_range(region, low, high);
}

/* Reads the three months of region and its children into t; BF_ENOTFOUND when the month
   itself was never taken. */
static int monitor_rows_read(store *st, int month, const char *region, monitor_rows *t,
                             bf_error *err)
{
    memset(t, 0, sizeof *t);
    const int offsets[MONITOR_MONTHS] = {0, 1, 12};
    region_level level = region != NULL ? region_code_level(region) : 0;
    int digits = level == REGION_LEVEL_VILLAGE ? 12 : region_level_digits(level + 1);
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX], sql[512];
    monitor_region_range(region, low, high);
    monitor_row *self = monitor_row_of(t, region != NULL ? region : "");
    if (self == NULL)
        return bf_error_set(err, BF_ENOMEM, "%s", bf_strerror(BF_ENOMEM));
    snprintf(sql, sizeof sql,
             "SELECT substr(hukou_region, 1, %d), scope, COUNT(*), SUM(monthly_income), "
             "COUNT(monthly_income) FROM monitor_workers WHERE month = ? AND hukou_region >= ? AND "
             "hukou_region < ? GROUP BY substr(hukou_region, 1, %d), scope",
             digits, digits);
    int rc = BF_OK;
    for (int m = 0; m < MONITOR_MONTHS && rc == BF_OK; m++) {
        date_month_format(month - offsets[m], t->months[m]);
        const char *key[] = {t->months[m], low, high};
        int64_t present = 0;
        rc = store_query_int64(st, "SELECT COUNT(*) FROM monitor_snapshots WHERE month = ?", key, 1,
                               &present);
        if (rc != BF_OK)
            return store_error_set(st, rc, err);
        t->present[m] = present > 0;
        store_rows rows = {0};
        rc = store_rows_open(st, sql, key, 3, &rows, err);
        while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
            rc = BF_OK;
            char code[REGION_CODE_TEXT_MAX];
            snprintf(code, sizeof code, "%s000000000000", store_column_text(rows.stmt, 0));
            monitor_row *row = level == REGION_LEVEL_VILLAGE ? NULL : monitor_row_of(t, code);
            if (row == NULL && level != REGION_LEVEL_VILLAGE) {
                rc = bf_error_set(err, BF_ETOOBIG,
                                  BF_TR("下级区划超过 %d 个", "more than %d regions below"),
                                  MONITOR_ROWS_MAX);
                break;
            }
            const char *scope = store_column_text(rows.stmt, 1);
            for (int s = 0; s < 3; s++) {
                if (strcmp(scope, monitor_scopes[s]) != 0)
                    continue;
                int64_t n = store_column_int64(rows.stmt, 2),
                        sum = store_column_int64(rows.stmt, 3),
                        known = store_column_int64(rows.stmt, 4);
                monitor_row *targets[] = {&t->rows[0], row};
                for (int k = 0; k < 2; k++) {
                    if (targets[k] == NULL)
                        continue;
                    targets[k]->months[m].scope[s] += n;
                    targets[k]->months[m].income_sum += sum;
                    targets[k]->months[m].income_count += known;
                }
            }
        }
        store_rows_close(&rows);
    }
    if (rc == BF_OK && t->count > 2)
        qsort(t->rows + 1, (size_t)t->count - 1, sizeof *t->rows, monitor_row_compare);
    if (rc == BF_OK && !t->present[MONITOR_NOW])
        rc = bf_error_set(err, BF_ENOTFOUND,
                          BF_TR("没有 %s 的快照（先运行 bangfu monitor snapshot --month %s）",
                                "no snapshot of %s (run bangfu monitor snapshot --month %s first)"),
                          t->months[0], t->months[0]);
    return rc < 0 ? rc : BF_OK;
}

void monitor_region_name(store *st, const char *code, char *out, size_t size)
{
    snprintf(out, size, "%s", code[0] == '\0' ? BF_TR("全部", "all") : "");
    if (code[0] == '\0')
        return;
    store_rows rows = {0};
    bf_error ignored;
    const char *key[] = {code};
    if (store_rows_open(st, "SELECT name FROM regions WHERE code = ?", key, 1, &rows, &ignored) ==
            BF_OK &&
        store_rows_next(&rows) == 1)
        snprintf(out, size, "%s", store_column_text(rows.stmt, 0));
    store_rows_close(&rows);
}

/* The average income of c in yuan, "" when none is known. */
static void monitor_average(const monitor_counts *c, char out[MONEY_TEXT_MAX])
{
    out[0] = '\0';
    if (c->income_count > 0)
        money_format((c->income_sum * 2 + c->income_count) / (c->income_count * 2), out);
}

/* The change from before to now in percent, one decimal; "" without a base. */
static void monitor_percent(double before, double now, char *out, size_t size)
{
    out[0] = '\0';
    if (before > 0)
        snprintf(out, size, "%.1f", (now - before) * 100.0 / before);
}

int monitor_table(store *st, int month, const char *region, table_output_format format,
                  const char *out, int64_t *written, bf_error *err)
{
    monitor_rows t;
    table_output *output = NULL;
    *written = 0;
    int rc = monitor_rows_read(st, month, region, &t, err);
    static const char *const header[] = {
        "区划代码",           "区划名称",         "月份",
        "务工人数",           "县内务工",         "省内县外务工",
        "省外务工",           "月均收入（元）",   "上月务工人数",
        "环比（%）",          "上年同月务工人数", "同比（%）",
        "上月月均收入（元）", "收入环比（%）",    "上年同月月均收入（元）",
        "收入同比（%）"};
    if (rc == BF_OK)
        rc = table_output_open(out, format, header, 16, &output, err);
    for (int r = 0; rc == BF_OK && r < t.count; r++) {
        const monitor_row *row = &t.rows[r];
        char name[MONITOR_NAME_MAX], numbers[8][24], averages[3][MONEY_TEXT_MAX], changes[4][16];
        monitor_region_name(st, row->code, name, sizeof name);
        const monitor_counts *now = &row->months[MONITOR_NOW];
        snprintf(numbers[0], 24, "%lld", (long long)monitor_total(now));
        for (int s = 0; s < 3; s++)
            snprintf(numbers[1 + s], 24, "%lld", (long long)now->scope[s]);
        for (int m = 0; m < MONITOR_MONTHS; m++)
            monitor_average(&row->months[m], averages[m]);
        for (int m = 1; m < MONITOR_MONTHS; m++) {
            const monitor_counts *before = &row->months[m];
            numbers[3 + m][0] = '\0';
            changes[m - 1][0] = changes[m + 1][0] = '\0';
            if (!t.present[m]) {
                averages[m][0] = '\0';
                continue;
            }
            snprintf(numbers[3 + m], 24, "%lld", (long long)monitor_total(before));
            monitor_percent((double)monitor_total(before), (double)monitor_total(now),
                            changes[m - 1], sizeof changes[m - 1]);
            if (before->income_count > 0 && now->income_count > 0)
                monitor_percent((double)before->income_sum / (double)before->income_count,
                                (double)now->income_sum / (double)now->income_count, changes[m + 1],
                                sizeof changes[m + 1]);
        }
        const char *cells[] = {row->code,   name,       t.months[0], numbers[0],
                               numbers[1],  numbers[2], numbers[3],  averages[0],
                               numbers[4],  changes[0], numbers[5],  changes[1],
                               averages[1], changes[2], averages[2], changes[3]};
        rc = table_output_row(output, cells, err);
        (*written)++;
    }
    int closed = table_output_close(output, rc == BF_OK, rc == BF_OK ? err : NULL);
    free(t.rows);
    return rc != BF_OK ? rc : closed;
}

/* Writes the alert rows of one fall: one per person who left work (at least one row). */
static int monitor_alert_people(store *st, table_output *output, const char *const *alert,
                                const char *code, const char *before, const char *now,
                                int64_t *written, bf_error *err)
{
    char low[REGION_CODE_TEXT_MAX], high[REGION_CODE_TEXT_MAX];
    monitor_region_range(code[0] != '\0' ? code : NULL, low, high);
    const char *params[] = {before, low, high, now};
    store_rows rows = {0};
    int rc = store_rows_open(
        st,
        "SELECT w.id_number, p.name, w.work_region, w.monthly_income FROM monitor_workers w LEFT "
        "JOIN people p ON p.id_number = w.id_number WHERE w.month = ? AND w.hukou_region >= ? AND "
        "w.hukou_region < ? AND NOT EXISTS (SELECT 1 FROM monitor_workers c WHERE c.month = ? AND "
        "c.id_number = w.id_number) ORDER BY w.id_number",
        params, 4, &rows, err);
    int64_t people = 0;
    while (rc == BF_OK && (rc = store_rows_next(&rows)) == 1) {
        char income[MONEY_TEXT_MAX] = "";
        if (!store_column_is_null(rows.stmt, 3))
            money_format(store_column_int64(rows.stmt, 3), income);
        const char *cells[] = {alert[0],
                               alert[1],
                               alert[2],
                               alert[3],
                               alert[4],
                               alert[5],
                               alert[6],
                               alert[7],
                               store_column_text(rows.stmt, 0),
                               store_column_text(rows.stmt, 1),
                               store_column_text(rows.stmt, 2),
                               income};
        rc = table_output_row(output, cells, err);
        people++;
        (*written)++;
    }
    store_rows_close(&rows);
    if (rc == 0 && people == 0) {
        const char *cells[12] = {alert[0], alert[1], alert[2], alert[3],
                                 alert[4], alert[5], alert[6], alert[7]};
        rc = table_output_row(output, cells, err);
        (*written)++;
    }
    return rc < 0 ? rc : BF_OK;
}

int monitor_alerts(store *st, const monitor_settings *settings, int month, const char *region,
                   table_output_format format, const char *out, int64_t *written, bf_error *err)
{
    monitor_rows t;
    table_output *output = NULL;
    *written = 0;
    int rc = monitor_rows_read(st, month, region, &t, err);
    static const char *const header[] = {
        "预警", "比较",      "区划代码", "区划名称", "比较月份",         "之前",
        "之后", "变化（%）", "证件号码", "姓名",     "原工作地区划代码", "原月收入（元）"};
    if (rc == BF_OK)
        rc = table_output_open(out, format, header, 12, &output, err);
    int64_t threshold = settings->values[MONITOR_scale_fall_percent];
    for (int r = 0; rc == BF_OK && r < t.count; r++) {
        const monitor_row *row = &t.rows[r];
        const monitor_counts *now = &row->months[MONITOR_NOW];
        char name[MONITOR_NAME_MAX];
        monitor_region_name(st, row->code, name, sizeof name);
        for (int m = 1; rc == BF_OK && m < MONITOR_MONTHS; m++) {
            const monitor_counts *before = &row->months[m];
            const char *compare = m == MONITOR_MONTH_BEFORE ? "环比" : "同比";
            if (!t.present[m])
                continue;
            int64_t was = monitor_total(before), is = monitor_total(now);
            if (was > 0 && (was - is) * 100 > threshold * was) {
                char before_text[24], now_text[24], change[16];
                snprintf(before_text, sizeof before_text, "%lld", (long long)was);
                snprintf(now_text, sizeof now_text, "%lld", (long long)is);
                monitor_percent((double)was, (double)is, change, sizeof change);
                const char *alert[] = {"务工规模下降", compare,     row->code, name,
                                       t.months[m],    before_text, now_text,  change};
                rc = monitor_alert_people(st, output, alert, row->code, t.months[m], t.months[0],
                                          written, err);
            }
            /* income fell: now's average below before's, compared without division */
            if (rc == BF_OK && before->income_count > 0 && now->income_count > 0 &&
                (double)now->income_sum * (double)before->income_count <
                    (double)before->income_sum * (double)now->income_count) {
                char averages[2][MONEY_TEXT_MAX], change[16];
                monitor_average(before, averages[0]);
                monitor_average(now, averages[1]);
                monitor_percent((double)before->income_sum / (double)before->income_count,
                                (double)now->income_sum / (double)now->income_count, change,
                                sizeof change);
                const char *cells[12] = {"务工收入下降", compare,     row->code,   name,
                                         t.months[m],    averages[0], averages[1], change};
                rc = table_output_row(output, cells, err);
                (*written)++;
            }
        }
    }
    int closed = table_output_close(output, rc == BF_OK, rc == BF_OK ? err : NULL);
    free(t.rows);
    return rc != BF_OK ? rc : closed;
}
