/*
 * quality.h - how well the 四清 are kept (issue 16 item 6; 鲁人社字〔2020〕41号 五: 就业状态清、
 * 就业需求清、技能水平清、就业困难清): per village, the share of laborers whose 就业状态
 * (employment_status), 就业需求 (employment_wish), 技能水平 (skills) and 就业困难
 * (difficulties) are known (hold a value), and known recently (that value set or changed within
 * quality_recent_months before the day: the field's last change in person_history, else the day
 * the person was registered); the villages below quality_threshold_percent; per county a
 * ranking.
 *
 * As of a day: people registered after it are left out, and a field changed after it counts
 * with the value it had then (the old value of its first later change).  Laborers are the
 * people whose 劳动能力 is none of non_laborer_abilities (services/monitor_settings).
 *
 * How: one pass over the people of the region and one over the history of the four fields
 * (ordered by batch), kept as one hash entry per (person, field) changed.
 *
 * Ownership: nothing is kept between calls.
 */
#ifndef BANGFU_SERVICES_QUALITY_H
#define BANGFU_SERVICES_QUALITY_H

#include "core/date.h"
#include "core/error.h"
#include "io/table_output.h"
#include "services/monitor_settings.h"
#include "store/store.h"

#include <stdint.h>

/* What the table lists. */
typedef enum quality_view {
    QUALITY_VILLAGES,       /* every village */
    QUALITY_VILLAGES_BELOW, /* the villages below the threshold */
    QUALITY_COUNTIES        /* the counties ranked */
} quality_view;

int quality_table(store *st, const monitor_settings *settings, bf_date as_of, const char *region,
                  quality_view view, table_output_format format, const char *out, int64_t *rows,
                  bf_error *err);

#endif
