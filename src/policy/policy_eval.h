/*
 * policy_eval.h - evaluating a policy_set over a population for a period.
 *
 * For each status rule, then each benefit, in load order: the rows of its
 * unit (people, jobs, trainings or orgs) start as one selection vector; each
 * condition, cheapest first, filters it column-wise; amounts are computed in
 * int64 fen on the survivors only; then one-off / max_months / max_per_year
 * limits are applied per (person, payee), and finally not_with exclusions
 * between benefits per person.
 *
 * Explanations (calc --explain): POLICY_EXPLAIN_SHORT keeps one byte per
 * (rule, row) - the outcome, or the first condition that failed - and the
 * state the value texts need (statuses, the rows of each person); the
 * writer explains one person at a time from them (policy_explain_*), so
 * nothing grows with the text.  POLICY_EXPLAIN_FULL keeps a decision record
 * for every (row, rule): each condition with its value and result, and the
 * outcome, for the whole population.
 *
 * Ownership: policy_evaluate() returns a result freed by policy_result_free().
 */
#ifndef BANGFU_POLICY_POLICY_EVAL_H
#define BANGFU_POLICY_POLICY_EVAL_H

#include "policy/policy_model.h"
#include "policy/population.h"

/* Longest warning message, and longest value text in a decision record. */
#define POLICY_WARNING_MAX    384
#define POLICY_VALUE_TEXT_MAX 96
/* Most grants and warnings one evaluation may produce. */
#define POLICY_GRANTS_MAX   500000000u
#define POLICY_WARNINGS_MAX 10000u
/* Most decision records kept with explain (each about 40 bytes, with its conditions). */
#define POLICY_DECISIONS_MAX 100000000u

/* What calc --explain says. */
typedef enum policy_explain_mode {
    POLICY_EXPLAIN_NONE,
    POLICY_EXPLAIN_SHORT, /* per person: what paid and why, the first failed condition */
    POLICY_EXPLAIN_FULL   /* every (rule, row): every condition tested, in memory */
} policy_explain_mode;

typedef struct policy_eval_options {
    int month_from; /* period, month indexes, inclusive */
    int month_to;
    policy_explain_mode explain;
} policy_eval_options;

/* One amount (or service) due: a benefit, a payee, a person, a month. */
typedef struct policy_grant {
    int32_t rule;        /* index in set->rules */
    int32_t person;      /* row in people; -1 for org-unit benefits */
    int32_t payee;       /* row in people (payee person) or in orgs */
    int32_t month;       /* month index */
    int32_t row;         /* the unit row it comes from */
    int32_t count;       /* per_head: hires; per_day: days; else 0 */
    int64_t fen;         /* amount, or POLICY_FEN_NONE for a service with no amount */
    int32_t excluded_by; /* rule index that was kept instead, or -1 */
    int64_t rank;        /* output order: person row, or people count + org row */
} policy_grant;

typedef struct policy_warning {
    int32_t rule;
    int32_t person; /* row in people or -1 */
    char message[POLICY_WARNING_MAX];
} policy_warning;

/* One condition in a decision record. */
typedef struct policy_decision_item {
    int16_t condition; /* index in the rule's conditions[], or -1 for the hires count */
    int8_t result;     /* 1 holds, 0 does not */
    size_t value;      /* offset of the value it looked at in result->texts (terminated) */
} policy_decision_item;

/* Why a row that met the conditions got no grant, or that it got one. */
typedef enum policy_outcome {
    POLICY_OUTCOME_NOT_ELIGIBLE, /* a condition failed */
    POLICY_OUTCOME_GRANTED,
    POLICY_OUTCOME_OUTSIDE_WINDOW, /* no day or month inside the validity/payment window */
    POLICY_OUTCOME_NO_AMOUNT,      /* a parameter or cost is missing (see warnings) */
    POLICY_OUTCOME_ALREADY,        /* once per person/payee: granted by another row */
    POLICY_OUTCOME_CAP,            /* max_months / max_per_year reached */
    POLICY_OUTCOME_NOT_FIRST,      /* first_time: not the person's first */
    POLICY_OUTCOME_EXCLUDED,       /* not_with: the other benefit was kept */
    POLICY_OUTCOME_HOLDS,          /* status rules: the status holds */
    POLICY_OUTCOME_COUNT
} policy_outcome;

typedef struct policy_decision {
    int32_t rule;
    int32_t row;    /* unit row */
    int32_t person; /* row in people or -1 */
    policy_outcome outcome;
    int item_count; /* its conditions: result->items[item_first .. + item_count) */
    size_t item_first;
} policy_decision;

/* The state a short explanation reads (policy_eval_private.h). */
typedef struct policy_explanation policy_explanation;

/* A status that holds for a row. */
typedef struct policy_status_holding {
    int32_t rule;
    int32_t row;
} policy_status_holding;

typedef struct policy_result {
    size_t grant_count, grant_capacity;
    policy_grant *grants;
    size_t warning_count, warning_capacity;
    policy_warning *warnings;
    size_t warnings_dropped;
    size_t decision_count, decision_capacity;
    policy_decision *decisions;
    size_t item_count, item_capacity; /* the conditions of all decisions */
    policy_decision_item *items;
    size_t text_length, text_capacity; /* their value texts, one after the other */
    char *texts;
    size_t status_count, status_capacity;
    policy_status_holding *statuses;
    policy_explanation *explanation; /* POLICY_EXPLAIN_SHORT, owned */
} policy_result;

int policy_evaluate(const policy_set *set, const population *pop,
                    const policy_eval_options *options, policy_result **out, bf_error *err);

/*
 * policy_evaluate() for a period ending on day_to (a day number within month_to), not on the
 * last day of month_to: a count taken on a given day (bangfu org certify --date).
 */
int policy_evaluate_until(const policy_set *set, const population *pop,
                          const policy_eval_options *options, int32_t day_to, policy_result **out,
                          bf_error *err);
void policy_result_free(policy_result *result);

/* Sorts the grants for output: by person (input order), month, benefit, payee. */
void policy_result_sort(policy_result *result);

/* Keeps the grants, decisions and warnings of person (a row of people) only. */
void policy_result_keep_person(policy_result *result, int32_t person);

/* Longest condition text ("hukou_within 500101000000 ..."). */
#define POLICY_CONDITION_TEXT_MAX 256

/* Writes condition c of items as its name and arguments, e.g. "job_months_at_least 3". */
void policy_condition_text(const policy_condition *items, int c, char *out, size_t size);

/* Text of an outcome in the user's language. */
const char *policy_outcome_text(policy_outcome outcome);

/* Longest amount rule text ("per_day = {parameter = min_wage, ...}, max_days = 60"). */
#define POLICY_AMOUNT_TEXT_MAX 512

/* Writes rule's amount as written in a policy file, e.g. "per_month = 1000.00, max_months = 6". */
void policy_amount_text(const policy_set *set, const policy_rule *rule, char *out, size_t size);

/*
 * A short explanation of row of rule (POLICY_EXPLAIN_SHORT): the outcome, and
 * when it is POLICY_OUTCOME_NOT_ELIGIBLE the index in rule->conditions of the
 * first condition that failed in *failed (else -1).  Excluded rows read
 * POLICY_OUTCOME_GRANTED: the writer sees their grants.
 */
policy_outcome policy_explain_outcome(const policy_result *result, int rule, int32_t row,
                                      int *failed);

/* The value condition failed saw for row of rule (POLICY_VALUE_TEXT_MAX bytes). */
void policy_explain_value(const policy_result *result, int rule, int32_t row, int failed,
                          char *out);

/* Whether the value condition failed looks at is the row's person's (the same for all rows). */
int policy_explain_person_level(const policy_rule *rule, int failed);

/*
 * The numbers row's amount was taken from, 0 when the amount rule says them
 * all: its tier ("job_location = same_province", "certificate = 中级") or
 * its parameter with the region and day looked up at ("min_wage 370811000000
 * 2020-04-01 = 1730.00"; per_day the training's start, else the first day of
 * month, the first paid).  POLICY_VALUE_TEXT_MAX bytes.
 */
int policy_explain_numbers(const policy_result *result, int rule, int32_t row, int month,
                           char *out);

/* The rows of a person in unit (job/training): rows[0 .. *count). */
const int32_t *policy_explain_rows(const policy_result *result, policy_unit unit, int32_t person,
                                   int *count);

#endif
