/*
 * target_progress.h - the progress of every target { } of the policy files, computed in one
 * place from the stored records, never typed in (issue 16 item 3, issue 14 item 5): by region
 * and month, the gap to the value, the number the linear pace asks for by a day and whether
 * the progress keeps it.  `bangfu report targets`, `bangfu cooperation targets`, `bangfu
 * cooperation pairs` and the 阶段性总结 read it.
 *
 * What a target counts is its measure (policy_model.h POLICY_MEASURE_MAP, docs/policy-format.md):
 *   employed       people with a spell starting in the period, its work place within `within`;
 *   working        people with a spell going on at some time of the period, within `within`;
 *   employed_away  people with a spell going on in the period outside their hukou county;
 *   relocated      people living at a relocation site with a spell going on in the period;
 *   trained        people with a training starting in the period, held within `within`;
 *   posts          public-welfare posts existing in the period (posts, not people);
 *   parts          the people its part_of targets count, each once.
 * People of the target's population (its `category`, `hukou_within` and `status` conditions,
 * the status one of categories as sd2023.poverty_population, with `any` and `not`; another
 * predicate there is an error naming it) count once, from the day their first record of the
 * period that counts begins (the period's first day for a record begun before).  A target with
 * no measure, or in %, is not measured (无登记来源).
 *
 * Where a person counts (the rows by region): at the work or training place when the measure
 * says `within`, at the site for relocated, at the village for posts, else at the hukou; parts
 * at the hukou.  Rows: 0 the region itself, then each child region, then 本级 (in the region,
 * in no child), then 区划外: people placed at a hukou outside the region, kept only when the
 * region is the target's own (the people of 重庆 helped by 山东); a record placed at a work
 * place, site or village outside the region never counts.  Each person counts in one row only
 * (that of the first record), so the rows sum to row 0.
 *
 * One pass over each table serves every target: the jobs are read once for all the
 * spell-based targets, the trainings once, the relocation sites once, the posts once.
 *
 * As of a day: records beginning after it are not counted and the months end there; stored
 * by a day (report --as-of: both): records of batches begun after that day are not seen, so a
 * report of that day reads the same later.
 *
 * Ownership: target_progress_compute() returns a result freed by target_progress_free(); the
 * policy set and the region text stay the caller's and must outlive the result.
 */
#ifndef BANGFU_SERVICES_TARGET_PROGRESS_H
#define BANGFU_SERVICES_TARGET_PROGRESS_H

#include "core/error.h"
#include "policy/policy_model.h"
#include "services/report_common.h"
#include "store/store.h"

#include <stdint.h>

/* Most months of a target's period that progress is given for (ten years). */
#define TARGET_PROGRESS_MONTHS_MAX 120
/* Most records counted for one target (a province's 40.6万 and more, with their spells). */
#define TARGET_PROGRESS_ENTRIES_MAX 50000000
/* How close an `about` target counts as met: within this share of its value. */
#define TARGET_PROGRESS_ABOUT_SHARE 0.05

typedef struct target_progress_request {
    const policy_set *set;
    int32_t as_of;      /* the day measured (date_to_days): later records are not counted */
    int32_t stored_by;  /* the records as stored by the end of this day; INT32_MAX: now */
    const char *region; /* canonical: rows of this region; NULL: each target's own region */
    int with_people;    /* keep the names and records target_progress_people gives */
} target_progress_request;

typedef struct target_progress target_progress;

/* Computes every target of request->set; BF_OK or a code with err saying why. */
int target_progress_compute(store *st, const target_progress_request *request,
                            target_progress **out, bf_error *err);
void target_progress_free(target_progress *p);

/* 1 when target's progress is computed from the stored records, 0 for 无登记来源. */
int target_progress_measured(const target_progress *p, int target);

/* What is counted, in words (for the 统计口径 column). */
const char *target_progress_what(const target_progress *p, int target);

/* The rows of target (see the header): count and each. */
int target_progress_row_count(const target_progress *p, int target);
const report_region *target_progress_row(const target_progress *p, int target, int row);
/* What a row is. */
typedef enum target_row_kind {
    TARGET_ROW_REGION,  /* row 0: the region itself, every row summed */
    TARGET_ROW_CHILD,   /* a child region */
    TARGET_ROW_OWN,     /* 本级: in the region, in no child */
    TARGET_ROW_OUTSIDE, /* 区划外 */
} target_row_kind;
target_row_kind target_progress_row_kind(const target_progress *p, int target, int row);

/* The period's first and last month (date_month_index), the last cut at as_of. */
void target_progress_months(const target_progress *p, int target, int *first, int *last);

/* People (posts) of row counted by the end of month, and those first counted in it. */
int64_t target_progress_count(const target_progress *p, int target, int row, int month);
int64_t target_progress_new(const target_progress *p, int target, int row, int month);

/* How a count stands at the end of a month against the target's value. */
typedef struct target_pace {
    double expected; /* the linear pace's number: value x share of the period gone */
    double gap;      /* value - count, 0 when reached (at_most: 0) */
    int on_track;    /* count keeps the pace (at_most: not above the value) */
    int met;         /* count against the value by the comparator (about: within 5%) */
} target_pace;

/* The pace of target at the end of month (or at as_of, or the period's end, if earlier). */
void target_progress_pace(const target_progress *p, int target, int month, int64_t count,
                          target_pace *out);

/* One person (post) behind a number: who, when first counted, the record that counts them. */
typedef struct target_person {
    const char *key;    /* ID number (post code for posts) */
    const char *name;   /* "" without with_people */
    const char *month;  /* "2020-03" */
    const char *record; /* "jobs 91370811MA3C00011L 2020-03-01 370811000000" */
    const char *region; /* the region counted at, 12 digits */
} target_person;

typedef int (*target_person_sink)(void *context, const target_person *person, bf_error *err);

/* Gives the people of target (all rows) by month then key; a code other than BF_OK stops. */
int target_progress_people(const target_progress *p, int target, target_person_sink sink,
                           void *context, bf_error *err);

#endif
