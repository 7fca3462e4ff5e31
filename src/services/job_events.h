/*
 * job_events.h - what the stored job fairs and organised outflow batches (issue 14 item 4,
 * services/import_facts_fairs.c) answer:
 *  - the fairs with their counts (employers, postings offered, openings, people attending and
 *    hired), for `bangfu fair list`;
 *  - the number of 乐业搬迁专场招聘 held within a region in a year (附件1 of the 2023 action
 *    plan: “举办‘乐业搬迁（迁建）’专场招聘活动次数”), for the reports;
 *  - the people carried by a batch who have no employment spell at its destination some days
 *    after departure (`bangfu outflow followup`): the days are the setting
 *    outflow.followup_days, JOB_EVENTS_FOLLOWUP_DAYS (30, issue 14 item 4) when not set.
 *
 * Ownership: rows passed to a sink live for the call; the caller owns the rest.
 */
#ifndef BANGFU_SERVICES_JOB_EVENTS_H
#define BANGFU_SERVICES_JOB_EVENTS_H

#include "core/date.h"
#include "core/error.h"
#include "store/store.h"

#include <stdint.h>

/* Days after departure a carried person without a spell at the destination is followed up. */
#define JOB_EVENTS_FOLLOWUP_DAYS 30
/* The setting that changes them per database. */
#define JOB_EVENTS_FOLLOWUP_SETTING "outflow.followup_days"
/* Most days a follow-up may wait (ten years). */
#define JOB_EVENTS_FOLLOWUP_DAYS_MAX 3660

/* One fair and its counts. */
typedef struct job_fair_row {
    const char *fair_code, *name, *kind, *mode, *held_on, *region, *place, *site, *organisers;
    int64_t employers, postings, openings, attending, hired;
} job_fair_row;

typedef int (*job_fair_sink)(void *context, const job_fair_row *row, bf_error *err);

/*
 * Gives sink the fairs held in year (0: any) within region (canonical, NULL: all) of kind (a
 * code of fair_kind.tsv, NULL: any), by day and code.
 */
int job_fairs_list(store *st, int year, const char *region, const char *kind, job_fair_sink sink,
                   void *context, bf_error *err);

/*
 * The number of 乐业搬迁专场招聘 (fairs of kind relocation) held in year within region
 * (canonical 12 digits; NULL: everywhere) into *count: 附件1's count per region and year.
 */
int job_fairs_relocation_count(store *st, const char *region, int year, int64_t *count,
                               bf_error *err);

/* One person to follow up: the batch, the person, the days since departure. */
typedef struct outflow_followup_row {
    const char *outflow_code, *departed_on, *destination, *id_number, *name, *phone;
    int64_t days;
} outflow_followup_row;

typedef int (*outflow_followup_sink)(void *context, const outflow_followup_row *row, bf_error *err);

/* The follow-up days of st: the setting, else JOB_EVENTS_FOLLOWUP_DAYS. */
int outflow_followup_days(store *st, int64_t *days, bf_error *err);

/*
 * Gives sink, by batch and ID number, each person carried by a batch that departed at least
 * days before as_of who on as_of has no spell whose work place lies within the batch's
 * destination, begun by then and not ended before the departure.
 */
int outflow_followup(store *st, bf_date as_of, int64_t days, outflow_followup_sink sink,
                     void *context, bf_error *err);

#endif
