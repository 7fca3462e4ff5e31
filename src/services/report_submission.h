/*
 * report_submission.h - submitting a region's quarterly 附件1 upward (issue 16 item 8; table
 * report_submissions, migration 0019): a frozen copy of the table as JSON with who and on
 * which day, checked first by the validation rules; the due day of the report { }
 * (sd2023.annex1: the 15th of the quarter's last month) says whether it came on time; an
 * upper level lists which of its children have submitted, on time or late, and the rate; a
 * submission can be sent back with a reason, and the region submits again (a new version).
 *
 * The rules (report_submission_check): in every row 吸纳脱贫人口数 of the workshops is not
 * above the people employed at them and 以工代赈's 吸纳脱贫人口数 not above its 就业人数; the
 * first row is the sum of the others; no value of the first row falls below the same value
 * of the region's latest standing submission of an earlier quarter of the same year (当年累计
 * never falls).
 *
 * Ownership: the options are the caller's; nothing is kept.
 */
#ifndef BANGFU_SERVICES_REPORT_SUBMISSION_H
#define BANGFU_SERVICES_REPORT_SUBMISSION_H

#include "services/report_common.h"

/* Longest list of broken rules, terminator included. */
#define REPORT_SUBMISSION_PROBLEMS_MAX 4096

/* Who submits and when: options->filled_on is the day it counts as submitted. */
typedef struct report_submission_result {
    int version;
    char due[16];
    int on_time;
} report_submission_result;

/*
 * Submits the region's 附件1 of options->year, ->quarter: BF_EINVAL with the rules broken
 * (err), BF_ECONFLICT when a submission stands (not sent back).
 */
int report_submission_submit(store *st, const report_options *options, const char *by,
                             report_submission_result *out, bf_error *err);

/* Sends the standing submission back with reason; BF_ENOTFOUND when none stands. */
int report_submission_return(store *st, const report_options *options, const char *by,
                             const char *reason, bf_error *err);

/* Writes the children of options->region: their submissions, on time or late, and the rate. */
int report_submission_list(store *st, const report_options *options, int *rows, bf_error *err);

/* Writes the frozen copy of the region's latest submission (its JSON as stored). */
int report_submission_frozen(store *st, const report_options *options, int *rows, bf_error *err);

/*
 * Checks the table of the region (extra as report_annex1_form() fills it) against the rules;
 * previous: the first row of an earlier standing submission, or NULL.  Writes the problems
 * into problems ("" when none).  Exposed for the tests.
 */
void report_submission_check(const report_form *form, json_t *extra, json_t *previous,
                             char problems[REPORT_SUBMISSION_PROBLEMS_MAX]);

#endif
