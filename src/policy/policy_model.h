/*
 * policy_model.h - policy documents, benefits, statuses and parameters as C
 * structs, as loaded from the policies/ files (see docs/policy-format.md).
 *
 * A policy_set holds everything loaded from one or more files: documents,
 * parameter timelines, rules (statuses first is not required; a rule says
 * whether it is a status) and the cross references resolved to indexes.
 * Amounts are int64 fen; dates are day numbers (date_to_days); months are
 * month indexes (date_month_index); regions are canonical codes as numbers
 * (population_region_parse).
 *
 * Ownership: policy_set_create() returns a set freed by policy_set_free();
 * everything inside belongs to the set.
 */
#ifndef BANGFU_POLICY_POLICY_MODEL_H
#define BANGFU_POLICY_POLICY_MODEL_H

#include "core/error.h"
#include "core/int_map.h"
#include "policy/policy_predicates.h"

#include <stddef.h>
#include <stdint.h>

/* Longest benefit/status id, parameter name, clause, short name, terminator included. */
#define POLICY_ID_MAX              64
#define POLICY_CLAUSE_MAX          48
#define POLICY_NAME_MAX            192
#define POLICY_DOCUMENT_NUMBER_MAX 256
/* Longest path of a policy file. */
#define POLICY_PATH_MAX 1024
/* Arguments of one condition, and the longest text argument. */
#define POLICY_ARGS_MAX     8
#define POLICY_ARG_TEXT_MAX 96
/* Conditions of one rule (nested ones included). */
#define POLICY_CONDITIONS_MAX 32
/* not_with entries of one benefit. */
#define POLICY_NOT_WITH_MAX 8
/* Rules, documents, parameters of one set. */
#define POLICY_RULES_MAX      1024
#define POLICY_DOCUMENTS_MAX  64
#define POLICY_PARAMETERS_MAX 256
/* Values of one parameter timeline. */
#define POLICY_PARAMETER_VALUES_MAX 100000

/* The first and last representable days: an open window. */
#define POLICY_DAY_MIN INT32_MIN
#define POLICY_DAY_MAX (INT32_MAX - 1)

/* What one row of a rule's evaluation is. */
typedef enum policy_unit {
    POLICY_UNIT_PERSON,
    POLICY_UNIT_JOB,
    POLICY_UNIT_TRAINING,
    POLICY_UNIT_ORG,
    POLICY_UNIT_COUNT
} policy_unit;

/* Who is paid. */
typedef enum policy_payee {
    POLICY_PAYEE_PERSON,   /* the row's person */
    POLICY_PAYEE_EMPLOYER, /* the job's employer or the training's provider */
    POLICY_PAYEE_AGENCY,   /* the job's agency or broker */
    POLICY_PAYEE_ORG,      /* the org row itself */
    POLICY_PAYEE_COUNT
} policy_payee;

/* The predicates: POLICY_PRED_<ID> for each line of POLICY_PREDICATE_MAP (policy_predicates.h). */
typedef enum policy_predicate {
#define POLICY_PREDICATE_ENUM(id, name, args, units, cost, parameter, status) POLICY_PRED_##id,
    POLICY_PREDICATE_MAP(POLICY_PREDICATE_ENUM)
#undef POLICY_PREDICATE_ENUM
} policy_predicate;

/* Number of predicates (not an enum member, so that switches over them are checked complete). */
#define POLICY_PREDICATE_ONE(...) +1
#define POLICY_PRED_COUNT         (0 POLICY_PREDICATE_MAP(POLICY_PREDICATE_ONE))

/* Where a job is against the hukou; also the tier keys of `by = "job_location"`. */
typedef enum policy_location {
    POLICY_LOCATION_SAME_COUNTY,
    POLICY_LOCATION_SAME_PROVINCE,
    POLICY_LOCATION_OTHER_PROVINCE,
    POLICY_LOCATION_COUNT
} policy_location;

/*
 * One condition.  Arguments are held by meaning: ints[] for numbers, kinds,
 * regions (as numbers), days and fractions (in 1/1000); names[] for category
 * names and status ids.  any/not hold children (indexes into the rule's
 * conditions[] after the top-level ones).
 */
typedef struct policy_condition {
    policy_predicate predicate;
    int line;                                         /* line in the policy file */
    int argc;                                         /* arguments used in ints[] or names[] */
    int64_t ints[POLICY_ARGS_MAX];                    /* numeric arguments */
    char names[POLICY_ARGS_MAX][POLICY_ARG_TEXT_MAX]; /* text arguments (categories, status id) */
    int status_rule;               /* resolved rule index for status predicates, else -1 */
    int parameter;                 /* { parameter = … } argument (name in names[0]): its
                                      index once resolved, else -1 */
    int child_count;               /* any/not: number of children */
    int children[POLICY_ARGS_MAX]; /* any/not: indexes in the rule's conditions[] */
} policy_condition;

/* How a value is given. */
typedef enum policy_value_kind {
    POLICY_VALUE_FIXED,          /* fen */
    POLICY_VALUE_BY_LOCATION,    /* tiers[policy_location] */
    POLICY_VALUE_BY_CERTIFICATE, /* tiers[population_certificate] */
    POLICY_VALUE_PARAMETER,      /* percent of a parameter */
    POLICY_VALUE_BY_HIRES        /* steps by the org's hires: steps[] */
} policy_value_kind;

/* Steps of a `by = "hires"` value. */
#define POLICY_STEPS_MAX 8

/* Fen meaning "no value for this tier". */
#define POLICY_FEN_NONE INT64_C(-1)

typedef struct policy_value {
    policy_value_kind kind;
    int64_t fen;                        /* FIXED */
    int64_t tiers[4];                   /* BY_*: fen per tier, POLICY_FEN_NONE when not given */
    int parameter;                      /* PARAMETER: index in set->parameters (resolved) */
    char parameter_name[POLICY_ID_MAX]; /* PARAMETER: its name as written */
    int64_t percent_hundredths;         /* PARAMETER: 6000 = 60%; 10000 by default */
    int64_t days_per_month_hundredths;  /* PARAMETER: 2175 = 21.75 (monthly to daily), 0 none */
    int step_count;                     /* BY_HIRES: steps in ascending at_least */
    int32_t step_at_least[POLICY_STEPS_MAX];
    int64_t step_fen[POLICY_STEPS_MAX];   /* the step's amount, or POLICY_FEN_NONE */
    int step_parameter[POLICY_STEPS_MAX]; /* or its parameter (resolved), -1 */
    char step_parameter_name[POLICY_STEPS_MAX][POLICY_ID_MAX];
} policy_value;

typedef enum policy_rate {
    POLICY_RATE_ONCE,
    POLICY_RATE_PER_MONTH,
    POLICY_RATE_PER_DAY,
    POLICY_RATE_PER_YEAR, /* once per calendar year in which the row counts on the year's first day
                           */
    POLICY_RATE_PER_HOUR, /* per counted month, times the job's hours_per_month */
    POLICY_RATE_PER_WORKED_MONTH /* per whole month worked, counted from the start day, paid in the
                                    month it ends */
} policy_rate;

/* first_time = "matching". */
#define POLICY_FIRST_MATCHING 2

/* Which actual cost `up_to_cost` compares with. */
typedef enum policy_cost {
    POLICY_COST_NONE,
    POLICY_COST_TRAVEL,  /* jobs.travel_cost */
    POLICY_COST_TRAINING /* trainings.cost */
} policy_cost;

typedef struct policy_amount {
    policy_rate rate;
    policy_value value;
    int max_months;                                /* 0: no cap */
    int max_months_parameter;                      /* or a months parameter (resolved), -1 */
    char max_months_parameter_name[POLICY_ID_MAX]; /* its name as written, "" when none */
    int max_days; /* 0: no cap; per person and payee over all rows */
    policy_cost up_to_cost;
    int months_from; /* payment window as month indexes; -1/INT32_MAX when open */
    int months_to;
    int per_head;         /* org unit: times the hires */
    int max_per_year;     /* 0: once per person and payee */
    int first_time;       /* only the person's first row of the unit; POLICY_FIRST_MATCHING: the
                             first row meeting the rule's job_kind / training_kind conditions */
    int has_at_most;      /* at_most given: the rate is capped by this value */
    policy_value at_most; /* FIXED or PARAMETER, same unit as the rate */
} policy_amount;

/* A benefit (a payment or a service) or a status rule. */
typedef struct policy_rule {
    char id[POLICY_ID_MAX];
    char name[POLICY_NAME_MAX];
    char clause[POLICY_CLAUSE_MAX];
    char *text;    /* the clause's words, owned */
    char *target;  /* the target group in words, owned */
    char *service; /* service benefits: what is granted, owned or NULL */
    char *note;    /* owned or NULL */
    /* Money the ledger pays it from, as the document names it, and the clause naming it
       ("" when the document names none). */
    char funding[POLICY_NAME_MAX];
    char funding_clause[POLICY_CLAUSE_MAX];
    /* 1 when the person must apply (申领) before the ledger pays; the clause saying so. */
    int needs_application;
    char application_clause[POLICY_CLAUSE_MAX];
    int is_status;
    int is_service;
    policy_unit unit;
    policy_payee payee;
    int document;                 /* index in set->documents */
    int line;                     /* line of the declaration */
    int32_t valid_from, valid_to; /* days, inclusive */
    int valid_parameter;          /* a window parameter narrowing valid_from/to per region, or -1 */
    char valid_parameter_name[POLICY_ID_MAX];
    int condition_count; /* top-level conditions: conditions[0 .. condition_count) */
    int condition_total; /* with nested ones */
    int hire_count;      /* org unit: top-level hire conditions hires[0 .. hire_count) */
    int hire_total;
    int resident_count; /* org unit: person conditions counting its residents */
    int resident_total;
    int has_amount;
    policy_amount amount;
    int not_with_per_payee; /* not_with per (person, payee), the same hire, not per person */
    int not_with_count;
    char not_with[POLICY_NOT_WITH_MAX][POLICY_ID_MAX];
    int not_with_rule[POLICY_NOT_WITH_MAX]; /* resolved indexes */
    /* Status rules of unit org: bit k set when the rule is the one for certifying an
       organisation as carrier of org kind k where the document applies (`certifies`). */
    uint32_t certifies;
    /* Last, past POLICY_RULE_HEAD_SIZE: the condition slots, 86 KB of the rule's 89 KB, of
     * which a rule uses a few.  Only the slots below the totals above are ever written or read
     * (each is zeroed when the loader takes it), so a new rule zeroes only its head: zeroing
     * all of them faulted in 6.5 MB for the 73 rules, a third of every command that loads the
     * policies. */
    policy_condition conditions[POLICY_CONDITIONS_MAX];
    policy_condition hires[POLICY_CONDITIONS_MAX];
    policy_condition residents[POLICY_CONDITIONS_MAX];
} policy_rule;

/* The bytes of a rule before its condition slots (see policy_rule). */
#define POLICY_RULE_HEAD_SIZE offsetof(policy_rule, conditions)

typedef struct policy_document {
    char number[POLICY_DOCUMENT_NUMBER_MAX]; /* 文号, "" when the text received has none */
    char short_name[POLICY_NAME_MAX];        /* optional short name, "" when not given */
    char *title;                             /* owned */
    char *issuer;                            /* owned */
    int32_t issued;
    int64_t region;
    int32_t valid_from, valid_to;
    char file[POLICY_PATH_MAX];
} policy_document;

/*
 * Where a parameter value comes from.  At the same region a value of a later
 * origin wins over every value of an earlier one that has started: the calc
 * input over the database (`bangfu param set`) over the policy files.
 */
typedef enum policy_value_origin {
    POLICY_ORIGIN_FILE = 0,
    POLICY_ORIGIN_STORE = 1,
    POLICY_ORIGIN_SITUATION = 2
} policy_value_origin;

/* One value of a parameter timeline. */
typedef struct policy_parameter_value {
    int64_t region; /* canonical region as a number */
    int32_t from;   /* day the value starts */
    int64_t fen;    /* the value; POLICY_FEN_NONE ends the timeline there */
    int origin;     /* policy_value_origin */
    int32_t to;     /* window parameters: last day (POLICY_DAY_MAX when open); else unused */
} policy_parameter_value;

typedef enum policy_parameter_unit {
    POLICY_PARAMETER_YUAN,
    POLICY_PARAMETER_YUAN_PER_MONTH,
    POLICY_PARAMETER_YUAN_PER_DAY,
    POLICY_PARAMETER_YUAN_PER_HEAD,
    POLICY_PARAMETER_YUAN_PER_YEAR,
    POLICY_PARAMETER_WINDOW, /* a date window (from, to) by region, e.g. the epidemic period */
    POLICY_PARAMETER_YUAN_PER_HOUR,
    POLICY_PARAMETER_PERSONS, /* a head count (a threshold such as 达到规定要求), whole persons */
    POLICY_PARAMETER_MONTHS, /* a number of months (规定期限, 补贴期限), whole months */
    POLICY_PARAMETER_UNIT_COUNT
} policy_parameter_unit;

/* One line of POLICY_PREDICATE_MAP. */
typedef struct policy_predicate_spec {
    const char *name;           /* as written in policy files */
    policy_args args;           /* argument shape */
    int units;                  /* POLICY_UNITS_* mask of the units it applies to */
    int cost;                   /* 0 cheapest .. 4; conditions are evaluated cheapest first */
    int parameter_unit;         /* policy_parameter_unit of a { parameter = … } argument, or
                                   POLICY_PARAMETER_NONE */
    policy_status_of status_of; /* whose status a status argument names */
} policy_predicate_spec;

typedef struct policy_parameter {
    char name[POLICY_ID_MAX];
    char title[POLICY_NAME_MAX];
    policy_parameter_unit unit;
    int line;
    int document;
    size_t value_count;
    size_t value_capacity;
    policy_parameter_value *values; /* owned */
    /* The values by region, so that a lookup reads only those of the region's ancestors: region
       + 1 -> its latest value's index; earlier[i] is the index of the value of the same region
       added before values[i], or -1.  Owned, kept by policy_parameter_add_value(). */
    int_map by_region;
    int32_t *earlier;
} policy_parameter;

/* Targets and reports of one set; columns, header and footer lines of one report. */
#define POLICY_TARGETS_MAX      256
#define POLICY_REPORTS_MAX      128
#define POLICY_COLUMNS_MAX      64
#define POLICY_REPORT_LINES_MAX 8

typedef enum policy_comparator {
    POLICY_COMPARATOR_AT_LEAST, /* 不低于 / 不少于 */
    POLICY_COMPARATOR_AT_MOST,  /* 不超过 */
    POLICY_COMPARATOR_ABOUT,    /* 左右 */
    POLICY_COMPARATOR_EQUAL,
    POLICY_COMPARATOR_COUNT
} policy_comparator;

/*
 * What the progress of a target counts (measure = { count = ... }; services/target_progress.h):
 * XX(id, name in the policy files).  The one list the enum, the names and the loader follow.
 */
#define POLICY_MEASURE_MAP(XX)                                                                        \
    XX(NONE, "")                       /* not said: no progress is computed */                        \
    XX(EMPLOYED, "employed")           /* people with a spell starting in the period */               \
    XX(EMPLOYED_AWAY, "employed_away") /* people working outside their hukou county (外出务工) */ \
    XX(TRAINED, "trained")             /* people with a training starting in the period */            \
    XX(PARTS, "parts")                 /* the people of the targets part_of it, each once */          \
    XX(WORKING, "working")             /* people with a spell going on in the period (a stock) */     \
    XX(RELOCATED, "relocated")         /* residents of relocation sites with a spell going on */      \
    XX(POSTS, "posts")                 /* public-welfare posts existing in the period (posts) */

typedef enum policy_measure {
#define POLICY_MEASURE_ENUM(id, name) POLICY_MEASURE_##id,
    POLICY_MEASURE_MAP(POLICY_MEASURE_ENUM)
#undef POLICY_MEASURE_ENUM
        POLICY_MEASURE_COUNT
} policy_measure;

/* A declared objective (target { }): a number the document sets, not a payment. */
typedef struct policy_target {
    char id[POLICY_ID_MAX];
    char clause[POLICY_CLAUSE_MAX];
    char *text;      /* owned */
    char *indicator; /* owned: what is measured, in the document's words */
    char *note;      /* owned or NULL */
    policy_comparator comparator;
    double value;                /* a count or a percent, never yuan */
    char unit[16];               /* 人 个 次 % */
    int year;                    /* the year measured, or 0 when a period is given */
    int32_t from, to;            /* the period (days), when year is 0 */
    int64_t region;              /* where it is measured (the document's region by default) */
    char part_of[POLICY_ID_MAX]; /* "" or the target this is a part of */
    int part_of_target;          /* resolved index, -1 when none */
    int population_count;        /* person-unit conditions selecting whom it counts */
    int population_total;
    policy_condition population[POLICY_CONDITIONS_MAX];
    policy_measure measure; /* what progress counts */
    int64_t measure_within; /* where the spell or training is (within), 0: anywhere */
    int document;
    int line;
} policy_target;

/* A reporting duty (report { }) with its table. */
typedef struct policy_report {
    char id[POLICY_ID_MAX];
    char clause[POLICY_CLAUSE_MAX];
    char annex[POLICY_CLAUSE_MAX]; /* "" or 附件N */
    char *title;                   /* owned */
    char *text;                    /* owned */
    char *from;                    /* owned or NULL: who reports */
    char *to;                      /* owned or NULL: to whom */
    char *note;                    /* owned or NULL */
    char due[POLICY_NAME_MAX]; /* rendered: "2023-10-25", "quarter month 3 day 15", "continuous" */
    char rows[16];             /* region, project, person or "" */
    char values[16];           /* period (default) or year_to_date */
    int has_table;             /* 0 when columns is absent (no form given) */
    int column_count;
    char *columns[POLICY_COLUMNS_MAX]; /* owned; a merged header's sub-column as "header / sub" */
    int header_count, footer_count;
    char *header[POLICY_REPORT_LINES_MAX]; /* owned */
    char *footer[POLICY_REPORT_LINES_MAX]; /* owned */
    char *indicators;                      /* owned or NULL: joined with "、" */
    char *compare;                         /* owned or NULL: "同比、环比" or "with insured" */
    char alert[16];                        /* "" or decrease / increase / change */
    int compare_population_count;          /* compare = { population = {...}, with = ... } */
    int compare_population_total;
    policy_condition compare_population[POLICY_CONDITIONS_MAX];
    int document;
    int line;
} policy_report;

typedef struct policy_set {
    int document_count;
    policy_document documents[POLICY_DOCUMENTS_MAX];
    int rule_count;
    policy_rule *rules[POLICY_RULES_MAX]; /* owned; in load order */
    /* Status rules in evaluation order: each after the statuses its conditions test (filled
       by policy_set_resolve(); status_order_count is -1 until then). */
    int status_order_count;
    int status_order[POLICY_RULES_MAX];
    int parameter_count;
    policy_parameter parameters[POLICY_PARAMETERS_MAX];
    int target_count;
    policy_target *targets[POLICY_TARGETS_MAX]; /* owned */
    int report_count;
    policy_report *reports[POLICY_REPORTS_MAX]; /* owned */
} policy_set;

int policy_set_create(policy_set **out, bf_error *err);
void policy_set_free(policy_set *set);
/* A copy of set owning all its parts (*out, freed by policy_set_free()), for a caller that adds
 * to it (stored parameters) while others read set.  BF_OK or BF_ENOMEM. */
int policy_set_copy(const policy_set *set, policy_set **out, bf_error *err);

/* How a document is named in lists and output: its number, else its short name, else its title. */
const char *policy_document_label(const policy_document *document);

/* Index of the rule or parameter with this id/name, or -1. */
int policy_set_find_rule(const policy_set *set, const char *id);
int policy_set_find_parameter(const policy_set *set, const char *name);

/* Adds a value to a parameter's timeline. */
int policy_parameter_add_value(policy_parameter *parameter, const policy_parameter_value *value,
                               bf_error *err);

/*
 * The value of parameter at region and day: the latest value starting on or
 * before day among those set for the most specific region containing region
 * (a later origin first: policy_value_origin).  BF_OK with *fen, or
 * BF_ENOTFOUND.
 */
int policy_parameter_lookup(const policy_parameter *parameter, int64_t region, int32_t day,
                            int64_t *fen);

/*
 * The window of a window parameter at region: the value of the most specific
 * region containing it (a later origin first, then the latest start).
 * BF_OK with the window in from and to, or BF_ENOTFOUND.
 */
int policy_parameter_window(const policy_parameter *parameter, int64_t region, int32_t *from,
                            int32_t *to);

/* Names for printing and parsing. */
const char *policy_unit_name(policy_unit unit);
const char *policy_payee_name(policy_payee payee);
const char *policy_predicate_name(policy_predicate predicate);
/* The map line of predicate (which must be valid). */
const policy_predicate_spec *policy_predicate_spec_of(policy_predicate predicate);
const char *policy_location_name(policy_location location);
const char *policy_parameter_unit_name(policy_parameter_unit unit);
const char *policy_comparator_name(policy_comparator comparator);
int policy_comparator_parse(const char *text);
const char *policy_measure_name(policy_measure measure);
int policy_measure_parse(const char *text);
int policy_unit_parse(const char *text);
int policy_payee_parse(const char *text);
int policy_predicate_parse(const char *text);
int policy_location_parse(const char *text);
int policy_parameter_unit_parse(const char *text);

/*
 * 1 when condition c takes a parameter instead of numbers: a date pair given
 * as a window parameter, a head-count threshold given as a persons
 * parameter, or a contract term given as a months parameter (the name in
 * names[0], the index in parameter once resolved).
 */
int policy_condition_by_parameter(const policy_condition *c);

/* N whole months from start end on this day (docs/policy-format.md, rounding declared there). */
int32_t policy_months_end_day(int32_t start, int months);

#endif
