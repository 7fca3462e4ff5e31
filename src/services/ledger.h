/*
 * ledger.h - the entitlement ledger (issue 15, migration 0010): what the
 * stored-facts calc says is owed, written month by month as lines that are
 * never changed or deleted, then reviewed.
 *
 * ledger_run() evaluates every policy over the stored population (everyone,
 * or the people of a region) from the first month a paying benefit is valid
 * to the month asked, so that once / max_months / per-year limits see the
 * earlier months, and keeps that month's money grants.  Per key (benefit,
 * payee, person, month) the grants are summed; the lines already written for
 * the key are summed too; when the two differ it appends one line of the
 * difference: 应发 (the first line, seq 0), 补发 (more), 调减 (less, nothing
 * of the key approved yet) or 追回 (less, some of it approved or paid).  The
 * lines of a key therefore always sum to its current entitlement, and a rerun
 * with the same facts writes nothing.  A key whose person (or, for an award
 * to an org, the org) lies in the region run but has no grant any more is
 * taken back the same way.  A benefit whose policy says application = {...}
 * pays only people who applied (ledger_applications); the others are written
 * to ledger_unapplied for the month.  One run is one exclusive transaction
 * (store_begin_exclusive): two runs at once are one after the other, and the
 * unique key (benefit, payee, person, month, seq) refuses a duplicate on both
 * engines whatever happens.
 *
 * Review (ledger_review): a pending line (待审核) is approved (已审核) or
 * rejected (已驳回) with reviewer and reason, each move recorded in
 * ledger_reviews; the one who ran the run that wrote a line may not approve
 * it (four eyes).  A bulk review is one transaction: all lines or none.
 *
 * Ownership: callers pass the store and the loaded policy set; nothing is
 * kept after a call returns.
 */
#ifndef BANGFU_SERVICES_LEDGER_H
#define BANGFU_SERVICES_LEDGER_H

#include "core/error.h"
#include "policy/policy_model.h"
#include "store/store.h"

#include <stdint.h>

/* The states of a line. */
#define LEDGER_STATE_PENDING  "待审核"
#define LEDGER_STATE_APPROVED "已审核"
#define LEDGER_STATE_REJECTED "已驳回"
/* The states in which a line counts as granted: a decrease after one is a 追回. */
#define LEDGER_STATES_SETTLED "'已审核', '已入批', '已支付', '支付失败'"

/* The kinds of a line. */
#define LEDGER_KIND_DUE      "应发"
#define LEDGER_KIND_MORE     "补发"
#define LEDGER_KIND_LESS     "调减"
#define LEDGER_KIND_RECOVERY "追回"

/* The funding of a benefit whose document names none. */
#define LEDGER_FUNDING_UNNAMED "未载明"

/* Longest operator or reviewer name, and reason, in bytes with the terminator. */
#define LEDGER_NAME_MAX   128
#define LEDGER_REASON_MAX 1024
/* Most line ids one review names. */
#define LEDGER_REVIEW_IDS_MAX 10000

/* What a run is asked to do. */
typedef struct ledger_run_request {
    int month;                 /* month index (date_month_parse) */
    const char *region;        /* canonical 12 digits, or NULL for every region */
    const char *operator_name; /* who runs it */
} ledger_run_request;

/* What a run did. */
typedef struct ledger_run_counts {
    int64_t run_id;
    int64_t due;        /* new 应发 lines */
    int64_t more;       /* 补发 lines */
    int64_t less;       /* 调减 lines */
    int64_t recoveries; /* 追回 lines */
    int64_t unchanged;  /* keys whose lines already sum to their entitlement */
    int64_t unapplied;  /* grants held back: no application */
    int64_t unknown;    /* keys of benefits no policy file declares any more: left alone */
    int64_t warnings;   /* calc warnings (a parameter without a value, ...) */
    int64_t written_fen;
} ledger_run_counts;

/* set receives the stored parameters (local_parameters_apply). */
int ledger_run(store *st, policy_set *set, const ledger_run_request *request,
               ledger_run_counts *counts, bf_error *err);

/* A review: the lines by id, or every pending line of a month (and benefit, region). */
typedef struct ledger_review_request {
    int approve;          /* 1 approve, 0 reject */
    const char *reviewer; /* who decides */
    const char *reason;   /* why */
    const int64_t *ids;   /* the lines, or NULL to select by month */
    int id_count;
    const char *month;   /* YYYY-MM, with ids NULL */
    const char *benefit; /* NULL: every benefit */
    const char *region;  /* canonical 12 digits or NULL */
} ledger_review_request;

/*
 * Moves the lines from 待审核 to 已审核 or 已驳回 in one transaction: a line
 * that is not pending, unknown, or written by a run of the reviewer fails the
 * whole review with a message naming it.  *reviewed receives the count.
 */
int ledger_review(store *st, const ledger_review_request *request, int64_t *reviewed,
                  bf_error *err);

/* An application (申领) as given. */
typedef struct ledger_application {
    const char *benefit, *applicant, *applied_on, *documents, *recorded_by;
} ledger_application;

/*
 * Records an application of a benefit that needs one (its policy says
 * application = {...}); recording the same again changes nothing (*created
 * 0), a different one for the same benefit and applicant is BF_ECONFLICT.
 */
int ledger_apply(store *st, const policy_set *set, const ledger_application *application,
                 int *created, bf_error *err);

#endif
