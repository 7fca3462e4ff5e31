/*
 * report_summary.h - the skeleton of the 防止返贫就业攻坚行动阶段性总结 of the 2023 notice
 * (三(四), due 12月15日; report { } sd2023.summary; issue 16 item 2) with the year's figures
 * from the stored records: 一 the region's 附件1 row for the year (当年累计 to the end of the
 * year or --as-of), 二 every target { } measured over the year's period (its progress, value
 * and pace, services/report_targets.h), 三 the projects of 附件2 and the people on them, then
 * the sections the reporting office writes itself (存在问题, 下一步打算), left empty.
 *
 * Ownership: the options are the caller's; nothing is kept.
 */
#ifndef BANGFU_SERVICES_REPORT_SUMMARY_H
#define BANGFU_SERVICES_REPORT_SUMMARY_H

#include "services/report_common.h"

/* The id of the report { } this is the skeleton of. */
#define REPORT_SUMMARY_ID "sd2023.summary"

/* Writes the skeleton (options: region, year, as_of, set, out, format); *rows: its rows. */
int report_summary_write(store *st, const report_options *options, int *rows, bf_error *err);

#endif
