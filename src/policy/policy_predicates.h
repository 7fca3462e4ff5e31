/*
 * policy_predicates.h - the one list of condition predicates.
 *
 * Each line of POLICY_PREDICATE_MAP gives a predicate's enum suffix, its
 * name in policy files, the shape of its arguments, the units it applies to,
 * its evaluation cost (cheap columns first), the parameter unit a
 * `{ parameter = "…" }` argument must have, and the unit of the status it
 * names.  The enum, the name table, the loader's argument checks, the
 * condition order of the evaluator, the argument text of explanations and the
 * reference resolution are all generated from it, and a unit test checks the
 * predicate table of docs/policy-format.md against it.  The evaluator and
 * `--explain` dispatch on the enum in switches without a default, so the
 * compiler (-Wswitch) names a predicate they do not handle.
 *
 * Adding a predicate: one line here, its case in eval_filter()
 * (policy_eval.c) and explain_condition_value() (policy_explain.c), its row
 * in docs/policy-format.md.
 */
#ifndef BANGFU_POLICY_POLICY_PREDICATES_H
#define BANGFU_POLICY_POLICY_PREDICATES_H

/*
 * X(ID, "name", ARGS, UNITS, cost, PARAMETER, STATUS)
 *   ARGS       POLICY_ARGS_<ARGS>: what the arguments are (see policy_args)
 *   UNITS      POLICY_UNITS_<UNITS>: the rule units it applies to
 *   cost       0 (a flag or code of the row) .. 4 (walks other tables); evaluation order
 *   PARAMETER  NONE, or the parameter unit (WINDOW, PERSONS, MONTHS) of a
 *              { parameter = "…" } argument given instead of the numbers
 *   STATUS     NONE, or whose status a status id names: ROW (the row itself),
 *              PERSON (the row's person), ORG (an org: employer, site)
 */
#define POLICY_PREDICATE_MAP(X)                                                                    \
    X(CATEGORY, "category", NAMES, HAS_PERSON, 0, NONE, NONE)                                      \
    X(HUKOU_WITHIN, "hukou_within", REGIONS, HAS_PERSON, 0, NONE, NONE)                            \
    X(HUKOU_OUTSIDE, "hukou_outside", REGIONS, HAS_PERSON, 0, NONE, NONE)                          \
    X(THREE_NO, "three_no", NONE, HAS_PERSON, 0, NONE, NONE)                                       \
    X(INSURED, "insured", NONE, HAS_PERSON, 0, NONE, NONE)                                         \
    X(AGE_BETWEEN, "age_between", INT_PAIR, HAS_PERSON, 3, NONE, NONE)                             \
    X(JOB_WITHIN, "job_within", REGIONS, JOB, 1, NONE, NONE)                                       \
    X(JOB_LOCATION, "job_location", LOCATIONS, JOB, 1, NONE, NONE)                                 \
    X(JOB_KIND, "job_kind", JOB_KINDS, JOB, 0, NONE, NONE)                                         \
    X(EMPLOYER_KIND, "employer_kind", ORG_KINDS, JOB_TRAINING, 2, NONE, NONE)                      \
    X(EMPLOYER_FREE_PREMISES, "employer_free_premises", NONE, JOB_TRAINING, 2, NONE, NONE)         \
    X(EMPLOYER_STATUS, "employer_status", STATUS, JOB_TRAINING, 2, NONE, ORG)                      \
    X(AGENCY_KIND, "agency_kind", ORG_KINDS, JOB, 2, NONE, NONE)                                   \
    X(ORGANIZED, "organized", NONE, JOB, 0, NONE, NONE)                                            \
    X(JOB_MONTHS_AT_LEAST, "job_months_at_least", INT, JOB, 3, NONE, NONE)                         \
    X(JOB_START_BETWEEN, "job_start_between", DATE_PAIR, JOB, 1, WINDOW, NONE)                     \
    X(CONTRACT_MONTHS_AT_LEAST, "contract_months_at_least", INT, JOB, 1, MONTHS, NONE)             \
    X(INSURANCE_MONTHS_AT_LEAST, "insurance_months_at_least", INT, JOB, 1, NONE, NONE)             \
    X(TRAINING_KIND, "training_kind", TRAINING_KINDS, TRAINING, 0, NONE, NONE)                     \
    X(TRAINING_WITHIN, "training_within", REGIONS, TRAINING, 1, NONE, NONE)                        \
    X(CERTIFICATE, "certificate", CERTIFICATES, TRAINING, 1, NONE, NONE)                           \
    X(TRAINING_DAYS_AT_LEAST, "training_days_at_least", INT, TRAINING, 1, NONE, NONE)              \
    X(ONLINE_SHARE_AT_MOST, "online_share_at_most", FRACTION, TRAINING, 1, NONE, NONE)             \
    X(TRAINING_WITHIN_MONTHS_OF_HIRE, "training_within_months_of_hire", INT, TRAINING, 4, NONE,    \
      NONE)                                                                                        \
    X(ORG_KIND, "org_kind", ORG_KINDS, ORG, 0, NONE, NONE)                                         \
    X(ORG_WITHIN, "org_within", REGIONS, ORG, 1, NONE, NONE)                                       \
    X(ORG_FREE_PREMISES, "org_free_premises", NONE, ORG, 1, NONE, NONE)                            \
    X(HIRES_AT_LEAST, "hires_at_least", INT, ORG, 1, PERSONS, NONE)                                \
    X(HIRES_SHARE_AT_LEAST, "hires_share_at_least", PERCENT, ORG, 1, NONE, NONE)                   \
    X(STATUS, "status", STATUS, ALL, 1, NONE, ROW)                                                 \
    X(ANY, "any", CONDITIONS, ALL, 4, NONE, NONE)                                                  \
    X(NOT, "not", CONDITION, ALL, 4, NONE, NONE)                                                   \
    X(ALL, "all", CONDITIONS, ALL, 4, NONE, NONE)                                                  \
    X(TRAINING_BETWEEN, "training_between", DATE_PAIR, TRAINING, 1, WINDOW, NONE)                  \
    X(PERSON_STATUS, "person_status", STATUS, JOB_TRAINING, 1, NONE, PERSON)                       \
    X(AGENCY_WITHIN, "agency_within", REGIONS, JOB, 2, NONE, NONE)                                 \
    X(WORKING_AGE, "working_age", INT_TRIPLE, HAS_PERSON, 3, NONE, NONE)                           \
    X(WANTS_JOB, "wants_job", NONE, HAS_PERSON, 0, NONE, NONE)                                     \
    X(ENROLLED, "enrolled", SCHOOL_KINDS, HAS_PERSON, 3, NONE, NONE)                               \
    X(ENROLLED_FULL_TIME, "enrolled_full_time", SCHOOL_KINDS, HAS_PERSON, 3, NONE, NONE)           \
    X(SCHOOL_WITHIN, "school_within", REGIONS, HAS_PERSON, 3, NONE, NONE)                          \
    X(UNEMPLOYED_SINCE_BETWEEN, "unemployed_since_between", DATE_PAIR, PERSON, 4, WINDOW, NONE)    \
    X(INSURED_BEFORE_LOSS, "insured_before_loss", INT, PERSON, 4, NONE, NONE)                      \
    X(RESIDENTS_AT_LEAST, "residents_at_least", INT, ORG, 1, PERSONS, NONE)                        \
    X(RESIDENT_OF_STATUS, "resident_of_status", STATUS, HAS_PERSON, 1, NONE, ORG)                  \
    X(EMPLOYED_AT_PERIOD_END, "employed_at_period_end", NONE, JOB, 1, NONE, NONE)                  \
    X(PROVIDER_JOB, "provider_job", CONDITIONS, TRAINING, 3, NONE, NONE)

/* Argument shapes: how the loader reads the arguments and explanations print them. */
typedef enum policy_args {
    POLICY_ARGS_NONE,
    POLICY_ARGS_REGIONS,        /* region codes…, in ints[] */
    POLICY_ARGS_NAMES,          /* category names…, in names[] */
    POLICY_ARGS_JOB_KINDS,      /* population job kinds… */
    POLICY_ARGS_ORG_KINDS,      /* population org kinds… */
    POLICY_ARGS_TRAINING_KINDS, /* population training kinds… */
    POLICY_ARGS_LOCATIONS,      /* policy_location… */
    POLICY_ARGS_CERTIFICATES,   /* certificate levels…, 0 = "any" */
    POLICY_ARGS_INT,            /* N (0..100000) */
    POLICY_ARGS_INT_PAIR,       /* min, max */
    POLICY_ARGS_DATE_PAIR,      /* two days */
    POLICY_ARGS_FRACTION,       /* 0..1, in 1/1000 */
    POLICY_ARGS_PERCENT,        /* 0..100, in 1/100 */
    POLICY_ARGS_STATUS,         /* a status id, in names[0] */
    POLICY_ARGS_CONDITIONS,     /* nested conditions… */
    POLICY_ARGS_CONDITION,      /* one nested condition */
    POLICY_ARGS_INT_TRIPLE,     /* min, male max, female max */
    POLICY_ARGS_SCHOOL_KINDS    /* population school kinds… */
} policy_args;

/* Unit masks (bit policy_unit). */
#define POLICY_UNITS_PERSON       (1 << POLICY_UNIT_PERSON)
#define POLICY_UNITS_JOB          (1 << POLICY_UNIT_JOB)
#define POLICY_UNITS_TRAINING     (1 << POLICY_UNIT_TRAINING)
#define POLICY_UNITS_ORG          (1 << POLICY_UNIT_ORG)
#define POLICY_UNITS_JOB_TRAINING (POLICY_UNITS_JOB | POLICY_UNITS_TRAINING)
#define POLICY_UNITS_HAS_PERSON   (POLICY_UNITS_PERSON | POLICY_UNITS_JOB_TRAINING)
#define POLICY_UNITS_ALL          (POLICY_UNITS_HAS_PERSON | POLICY_UNITS_ORG)

/* No { parameter = "…" } argument. */
#define POLICY_PARAMETER_NONE (-1)

/* Whose status a status argument names. */
typedef enum policy_status_of {
    POLICY_STATUS_OF_NONE,
    POLICY_STATUS_OF_ROW,    /* the row itself (inside hires a job, inside residents a person) */
    POLICY_STATUS_OF_PERSON, /* the row's person */
    POLICY_STATUS_OF_ORG     /* an org */
} policy_status_of;

#endif
