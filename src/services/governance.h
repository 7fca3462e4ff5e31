/*
 * governance.h - inspection of the 乡村公益性岗位 (issue 16 item 5; 关于开展防止返贫就业攻坚
 * 行动的通知 2023 二(三): 纠正查处优亲厚友、轮流坐庄、拖欠工资补贴) from the stored posts,
 * assignments (spells of jobs naming a post), post_pay and cadres (migration 0009).
 *
 * Flags, each with its evidence in words, as of a day:
 *   favoritism_cadre      优亲厚友: a holder on the day is a cadre of the post's village in
 *                         office, or of a cadre's household (户编号);
 *   favoritism_household  优亲厚友: one household holds two or more posts on the day;
 *   rotation_frequent     轮流坐庄: more than rotation_holders_max people held the post within
 *                         the rotation_window_months before the day;
 *   rotation_household    轮流坐庄: two or more members of one household held the post in turn;
 *   arrears               拖欠: months of a holder's spell up to arrears_grace_months before the
 *                         day's month without a pay record paying the amount due (the post's
 *                         月补贴标准 when no record), or a pay record paying less than due.
 * Listed by township, village, post, for inspection (io/table_output).
 *
 * Ownership: nothing is kept between calls.
 */
#ifndef BANGFU_SERVICES_GOVERNANCE_H
#define BANGFU_SERVICES_GOVERNANCE_H

#include "core/date.h"
#include "core/error.h"
#include "io/table_output.h"
#include "services/monitor_settings.h"
#include "store/store.h"

#include <stdint.h>

/* XX(code, 中文): the flags, in the order listed for each post. */
#define GOVERNANCE_FLAG_MAP(XX)                                                                    \
    XX(favoritism_cadre, "优亲厚友（村干部及其同户）")                                             \
    XX(favoritism_household, "优亲厚友（一户多岗）")                                               \
    XX(rotation_frequent, "轮流坐庄（频繁更换）")                                                  \
    XX(rotation_household, "轮流坐庄（一户轮流）")                                                 \
    XX(arrears, "拖欠")

typedef enum governance_flag {
#define GOVERNANCE_FLAG_ENUM(code, zh) GOVERNANCE_##code,
    GOVERNANCE_FLAG_MAP(GOVERNANCE_FLAG_ENUM) GOVERNANCE_FLAG_COUNT
} governance_flag;

/*
 * Writes the flags of the posts in region (canonical; NULL: all) as of the
 * day to out; *rows the flags written, counts[f] per flag (may be NULL).
 */
int governance_inspect(store *st, const monitor_settings *settings, bf_date as_of,
                       const char *region, table_output_format format, const char *out,
                       int64_t *rows, int64_t counts[GOVERNANCE_FLAG_COUNT], bf_error *err);

#endif
