/*
 * cooperation_pairs.h - `bangfu report pairs [--year YYYY] [--as-of DATE]` (issue 14 item 5):
 * the labor-cooperation pairs of data/labor_pairs.tsv (劳务协作: 济宁市 and 万州区 by
 * 济人社字〔2020〕47号, 山东 with 重庆 and 甘肃 by the 2023 notice 二(六)), each with its
 * progress in the year from the stored spells: the people of either side's hukou working (a
 * spell going on in the year up to as_of) on the other side, of them 脱贫人口 (the status
 * sd2023.poverty_population, services/report_common.h), and the targets of the policy files
 * that belong to the pair with their progress (services/target_progress.h) — a target
 * belongs to a pair when the regions it names (its region, its document's, its `within` and
 * its top-level hukou_within) reach both sides and its period meets the year.  One row per
 * pair and target (a pair without a target: one row).
 *
 * Ownership: the options are the caller's; nothing is kept.
 */
#ifndef BANGFU_SERVICES_COOPERATION_PAIRS_H
#define BANGFU_SERVICES_COOPERATION_PAIRS_H

#include "services/report_common.h"

/* Writes the table (options: year — 0 for that of as_of or today — as_of, set, out, format). */
int cooperation_pairs_write(store *st, const report_options *options, int *rows, bf_error *err);

#endif
