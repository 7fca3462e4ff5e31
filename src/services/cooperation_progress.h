/*
 * cooperation_progress.h - the progress of a declared target (`target { }` of the policy files:
 * the labor-cooperation targets of 济人社字〔2020〕47号 一, the 2023 action plan's ...), computed
 * from the stored records, never typed in (issue 14 item 5; `bangfu cooperation targets`, and
 * `bangfu report targets` of the reports).
 *
 * What a target counts is its `measure = { count = ..., within = REGION }` (docs/policy-format.md):
 *   employed       people with an employment spell (jobs) starting in the target's year or
 *                  period, its work place within `within` when given;
 *   employed_away  people with a spell going on at some time of the period (a stock: 外出务工
 *                  规模) whose work place is outside their hukou county;
 *   trained        people with a training starting in the period, held within `within`;
 *   parts          the people its part_of targets count (by their populations), each once.
 * Each counts distinct people of the target's population (its `category` and `hukou_within`
 * conditions; another predicate there is an error naming it), in the month of their first
 * record that counts; records after as_of are not seen.  A target without a measure (or in %)
 * has measured 0.
 *
 * Ownership: the result is the caller's value; the person passed to the sink lives for the call.
 */
#ifndef BANGFU_SERVICES_COOPERATION_PROGRESS_H
#define BANGFU_SERVICES_COOPERATION_PROGRESS_H

#include "core/date.h"
#include "core/error.h"
#include "policy/policy_model.h"
#include "store/store.h"

#include <stdint.h>

/* Most months of a target's period that progress is given for (ten years). */
#define COOPERATION_MONTHS_MAX 120

/* One person behind a number: who, when first counted, and the record that counts them. */
typedef struct cooperation_person {
    const char *id_number;
    const char *name;
    const char *month;  /* "2020-03" */
    const char *record; /* "jobs 91370811MA3C00011L 2020-03-01 370811000000" */
} cooperation_person;

/* Receives the people counted, by month then ID number; a code other than BF_OK stops. */
typedef int (*cooperation_person_sink)(void *context, const cooperation_person *person,
                                       bf_error *err);

typedef struct cooperation_progress {
    int measured;    /* 0: the target declares no measure (nothing below is computed) */
    int first_month; /* month index (date_month_index) of the period's first month */
    int month_count; /* months given: from the first to the period's last or as_of's */
    int64_t new_in_month[COOPERATION_MONTHS_MAX]; /* people first counted in each month */
    int64_t to_month[COOPERATION_MONTHS_MAX];     /* people counted up to each month's end */
    int64_t count;                                /* people counted up to as_of */
    int met; /* count against the target's value by its comparator (about: within 5%) */
} cooperation_progress;

/*
 * Computes the progress of set->targets[target] on day as_of into *out; sink (NULL: none)
 * receives each person counted.  BF_OK, or a code with err saying why (a population
 * condition that cannot be computed from the registry, a store failure).
 */
int cooperation_progress_compute(store *st, const policy_set *set, int target, bf_date as_of,
                                 cooperation_progress *out, cooperation_person_sink sink,
                                 void *context, bf_error *err);

#endif
