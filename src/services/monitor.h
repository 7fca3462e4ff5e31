/*
 * monitor.h - monitoring of the employment scale and income of 脱贫人口
 * (issue 16 item 4; 关于开展防止返贫就业攻坚行动的通知 2023 三(二): 务工规模和务工收入
 * 同比、环比, 出现下降的及时通报).
 *
 * A snapshot of month M (monitor_snapshot_take) stores each worker of the
 * poverty population (services/monitor_settings: poverty_categories) with a
 * spell of jobs overlapping M: the spell started last, its work region against
 * the hukou (local: same county; province: same province, other county;
 * outside: other province) and its monthly income (migration 0018).  A
 * month is taken once and never again, so it reads the same later.
 *
 * monitor_table() reads the stored months M, M-1 and M-12 for a region and
 * its children (all provinces when no region is given): the scale by scope,
 * the average monthly income, month-on-month and year-on-year change;
 * monitor_alerts() lists the falls (scale more than scale_fall_percent, any
 * fall of the income) with the people who left work.  Both write through
 * io/table_output (CSV, XLSX, JSON).
 *
 * Ownership: nothing is kept between calls.
 */
#ifndef BANGFU_SERVICES_MONITOR_H
#define BANGFU_SERVICES_MONITOR_H

#include "core/error.h"
#include "core/region_code.h"
#include "io/table_output.h"
#include "services/monitor_settings.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* What a snapshot said. */
typedef struct monitor_snapshot_result {
    char taken_at[32];
    int64_t workers;
    int taken; /* 1: taken now; 0: the month was already stored (unchanged) */
} monitor_snapshot_result;

/* Takes (or finds) the snapshot of month (a date_month_index). */
int monitor_snapshot_take(store *st, const monitor_settings *settings, int month,
                          monitor_snapshot_result *result, bf_error *err);

/* region: canonical, or NULL for the whole database (rows per province). */
int monitor_table(store *st, int month, const char *region, table_output_format format,
                  const char *out, int64_t *rows, bf_error *err);
int monitor_alerts(store *st, const monitor_settings *settings, int month, const char *region,
                   table_output_format format, const char *out, int64_t *rows, bf_error *err);

/* The range [low, high) of the canonical codes within region; everything when region is NULL. */
void monitor_region_range(const char *region, char low[REGION_CODE_TEXT_MAX],
                          char high[REGION_CODE_TEXT_MAX]);

/* The name of the region code (canonical) from the region table; "全部" for ""; "" unknown. */
void monitor_region_name(store *st, const char *code, char *out, size_t size);

#endif
