/*
 * policy_eval_private.h - what policy_eval.c shares with policy_explain.c:
 * the evaluation context and the column-wise condition filter.  Not for use
 * outside src/policy/.
 */
#ifndef BANGFU_POLICY_POLICY_EVAL_PRIVATE_H
#define BANGFU_POLICY_POLICY_EVAL_PRIVATE_H

#include "policy/policy_eval.h"

/* Everything one evaluation needs; scratch columns are sized for the largest table. */
typedef struct eval_context {
    const policy_set *set;
    const population *pop;
    const policy_eval_options *options;
    policy_result *result;
    int32_t period_from;  /* first day of the period */
    int32_t period_to;    /* last day of the period */
    uint8_t **status;     /* per rule: per row 1 when the status holds (status rules only) */
    int32_t *met;         /* per row: day the conditions are first all met */
    int32_t *from;        /* per row: first day the row counts for months */
    int32_t *to;          /* per row: last day the row counts for months */
    int32_t *hires;       /* per org row: hires counted for the current rule */
    int32_t *hire_met;    /* per org row: latest met day among those hires */
    int32_t *residents;   /* per org row: residents counted for the current rule */
    uint8_t *note;        /* per row: policy_outcome of the amount stage */
    uint8_t *failed;      /* short explain: per row the first condition that failed, else NULL */
    int32_t *job_offsets; /* people row -> first index in job_rows (count + 1 entries) */
    int32_t *job_rows;    /* job rows grouped by person */
    int32_t *training_offsets;  /* people row -> first index in training_rows */
    int32_t *training_rows;     /* training rows grouped by person */
    int32_t *enrolment_offsets; /* people row -> first index in enrolment_rows */
    int32_t *enrolment_rows;    /* enrolment rows grouped by person */
    int warn_rule;    /* the rule whose conditions are being evaluated (warnings), else -1 */
    int current_rule; /* the rule being evaluated or explained */
    /* per condition of the current rule: for provider_job, per job row the day its nested
       conditions are all met, or INT32_MIN when they do not hold; NULL otherwise */
    int32_t *provider_job_met[POLICY_CONDITIONS_MAX];
    const policy_condition *provider_job_items; /* the conditions those arrays belong to */
} eval_context;

/*
 * Grows *items (count used, element size bytes, at most max) to hold one
 * more; BF_ENOMEM or BF_ETOOBIG with err on failure.
 */
int eval_reserve(void *items_pointer, size_t *capacity, size_t count, size_t size, size_t max,
                 bf_error *err);

/* Rows of a unit. */
size_t eval_unit_rows(const eval_context *ctx, policy_unit unit);

/* Sets met/from/to of the rows in sel to their unit's starting values. */
void eval_init_rows(eval_context *ctx, policy_unit unit, const uint32_t *sel, size_t n);

/*
 * Keeps in sel (n rows) those for which condition c (of list items, a
 * rule's conditions or hires) holds; returns the new count.  With
 * apply_time, time conditions also move met/from/to.
 */
size_t eval_filter(eval_context *ctx, const policy_condition *items, int c, policy_unit unit,
                   uint32_t *sel, size_t n, int apply_time);

/* Counts each org's hires for rule (rule->hires over all jobs) into ctx->hires/hire_met. */
int eval_count_hires(eval_context *ctx, const policy_rule *rule, bf_error *err);

/* The top-level conditions of rule in evaluation order (cheapest first); returns the count. */
int eval_condition_order(const policy_rule *rule, int order[POLICY_CONDITIONS_MAX]);

/* The person of a row of unit, or -1 for orgs. */
int32_t eval_person_of(const eval_context *ctx, policy_unit unit, uint32_t row);

static inline int32_t eval_min32(int32_t a, int32_t b)
{
    return a < b ? a : b;
}
static inline int32_t eval_max32(int32_t a, int32_t b)
{
    return a > b ? a : b;
}

/* Adds a warning (silently counted as dropped beyond POLICY_WARNINGS_MAX). */
void eval_add_warning(eval_context *ctx, int32_t rule, int32_t person, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

/* Where a job is from a person's hukou (same county, province, or outside). */
policy_location eval_location_of(int64_t job, int64_t hukou);

/* The employing org of a job or training row, or -1. */
int32_t eval_employer_of(const eval_context *ctx, policy_unit unit, uint32_t row);

/* Counts the residents of each org's site for rule (sites holding relocated people). */
int eval_count_residents(eval_context *ctx, const policy_rule *rule, bf_error *err);

/* The region of a row of unit, and the region a rule's parameters are looked up at. */
int64_t eval_row_region(const eval_context *ctx, policy_unit unit, uint32_t row);
int64_t eval_lookup_region(const eval_context *ctx, const policy_rule *rule, uint32_t row);

/*
 * A short explanation's state (POLICY_EXPLAIN_SHORT), kept in the result for
 * the writer: the evaluation context with the statuses and the rows of each
 * person moved in (the scratch columns NULL), and per rule one code per row
 * of its unit: a policy_outcome, or EXPLAIN_CODE_FAILED + the index of the
 * first condition that failed.  Org-unit rules keep the failed value text
 * itself, made while the rule's hires and residents counts were current.
 */
struct policy_explanation {
    eval_context ctx;
    uint8_t **codes;   /* per rule, owned */
    char **org_values; /* per org-unit rule: rows * POLICY_VALUE_TEXT_MAX bytes, owned */
};

/* Codes from this one up: a condition failed (POLICY_CONDITIONS_MAX of them). */
#define EXPLAIN_CODE_FAILED 64

/* Starts a short explanation (ctx->result->explanation, ctx->failed); BF_ENOMEM with err. */
int explain_short_begin(eval_context *ctx, size_t rows, bf_error *err);

/* Keeps the codes of rule_index's rows, once it is evaluated; BF_ENOMEM with err. */
int explain_short_rule(eval_context *ctx, int rule_index, bf_error *err);

/* Moves the statuses and the rows of each person from ctx into the explanation. */
void explain_short_finish(eval_context *ctx);

void explain_short_free(policy_explanation *explanation);

/* Writes the value condition c looks at for row into out (POLICY_VALUE_TEXT_MAX bytes). */
void explain_condition_value(const eval_context *ctx, const policy_condition *c, policy_unit unit,
                             uint32_t row, char *out);

/* Records the decisions for every row of rule (explain mode); outcomes are filled later. */
int explain_rule(eval_context *ctx, int rule_index, bf_error *err);

/*
 * Fills each decision's outcome from ctx->note and the grants (after
 * exclusions), in one pass over each.  BF_ENOMEM with err.
 */
int explain_outcomes(eval_context *ctx, bf_error *err);

/* policy_candidates.c: */

/* The error for an amount of rule for row that does not fit in int64 fen. */
int eval_overflow_error(const eval_context *ctx, int rule_index, uint32_t row, bf_error *err);

/*
 * The months cap of rule for row: max_months, or its months parameter at the
 * row's parameter region on the row's first day; 0 (with a warning when
 * warn) when the parameter has no value there.
 */
int eval_months_cap(eval_context *ctx, int rule_index, uint32_t row, int warn, int *cap);

/*
 * The candidates of one row: one for once/per_day, one per counted month for
 * per_month.  Sets ctx->note[row].
 */
int eval_row_candidates(eval_context *ctx, int rule_index, uint32_t row, bf_error *err);

#endif
