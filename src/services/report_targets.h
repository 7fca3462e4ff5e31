/*
 * report_targets.h - `bangfu report targets` (issue 16 item 3): every target { } of the
 * policy files with its progress (services/target_progress.h: the one computation of it), by
 * region and month, the gap to the target, the number the linear pace asks for by that month
 * and whether the progress keeps that pace; a target the stored records do not measure (a
 * share of people insured, experts sent) is listed with 无登记来源.
 *
 * Rows: the target's region, or --region (its progress alone: the value, gap and pace belong
 * to the first row); with --by region also each child of it, 本级 and 区划外 when they hold
 * someone; with --by month every month of the period up to the month (--month, else that of
 * --as-of or today).
 *
 * Ownership: the options are the caller's; nothing is kept.
 */
#ifndef BANGFU_SERVICES_REPORT_TARGETS_H
#define BANGFU_SERVICES_REPORT_TARGETS_H

#include "services/report_common.h"

/*
 * Writes the table of every target (options: region — NULL for each target's own — by_region,
 * by_month, month, as_of, set, out, format); *rows receives the rows written.
 */
int report_targets_write(store *st, const report_options *options, int *rows, bf_error *err);

#endif
