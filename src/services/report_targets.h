/*
 * report_targets.h - `bangfu report targets` (issue 16 item 3): every target { } of the
 * policy files with its progress counted from the stored records, by region and month, the
 * gap to the target, the number the linear pace asks for by that month (the target's value
 * times the share of its period gone) and whether the progress keeps that pace.
 *
 * What counts toward an indicator is a measure of this file (the table in report_targets.c,
 * by target id): a way of reading the stored records (the spells of people of a population,
 * the people living at relocation sites, the public-welfare posts of a period, ...), the
 * people or posts counted once each, from the day their first record in the period begins.
 * The target's own population conditions (category, hukou_within) select the people; without
 * them a measure counts 脱贫人口 (services/report_common.h) when the indicator says so.  A
 * target no measure reads (a share of people insured, experts sent) is listed with 无登记来源.
 *
 * Rows: the target's region, or --region (its progress alone: the value, gap and pace belong
 * to the target's region); with --by region also each child of it; with --by month every
 * month of the period up to the month (--month, else that of --as-of or today).
 *
 * Ownership: the options are the caller's; nothing is kept.
 */
#ifndef BANGFU_SERVICES_REPORT_TARGETS_H
#define BANGFU_SERVICES_REPORT_TARGETS_H

#include "services/report_common.h"

/* Most people or posts counted for one target and region (a province's 40.6万 and more). */
#define REPORT_TARGETS_ENTRIES_MAX 50000000

/* The progress of one target at one month for one region (report_targets_progress). */
typedef struct report_target_progress {
    int measured;     /* 0: no measure reads the stored records for it */
    int64_t progress; /* people or posts counted by the end of the month */
    double expected;  /* the linear pace's number for that month */
    int on_track;     /* progress keeps the pace (at_most: not above the value) */
} report_target_progress;

/*
 * Writes the table of every target (options: region — NULL for each target's own — by_region,
 * by_month, month, as_of, set, out, format); *rows receives the rows written.
 */
int report_targets_write(store *st, const report_options *options, int *rows, bf_error *err);

/*
 * The progress of target index of options->set at month (a month index) for its own region,
 * the records as stored by options->as_of.  For the summary.
 */
int report_targets_progress(store *st, const report_options *options, int target, int month,
                            report_target_progress *out, bf_error *err);

#endif
