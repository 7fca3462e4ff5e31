/*
 * population.h - the people the policy engine evaluates, held as columns.
 *
 * Four tables, each a struct of arrays indexed by row: people, jobs,
 * trainings and orgs (employers, workshops, bases, agencies).  Jobs and
 * trainings point at their person and orgs by row index.  Money is int64
 * fen, dates are day numbers (date_to_days), regions are canonical 12-digit
 * codes held as int64 numbers (so "within" is one division and compare).
 *
 * One interface fills it: population_add_person/_job/_training/_org.  A
 * situation JSON file fills it now (situation.h); the store will fill it
 * later; population_generate() fills it with a seeded synthetic population
 * for benchmarks.
 *
 * Ownership: population_create() returns a population the caller frees with
 * population_free(); every string passed to an add function is copied (into
 * blocks of the population's own, freed with it: a million people's ids cost
 * no million calls of malloc and free).
 */
#ifndef BANGFU_POLICY_POPULATION_H
#define BANGFU_POLICY_POPULATION_H

#include "core/error.h"

#include <stddef.h>
#include <stdint.h>

/* Longest row id (person, job, training, org), terminator included. */
#define POPULATION_ID_MAX 64
/* Distinct category names (建档立卡贫困人口, ...) one population may use. */
#define POPULATION_CATEGORIES_MAX 64
/* Longest category name, terminator included. */
#define POPULATION_CATEGORY_MAX 96
/* Most rows of any one table. */
#define POPULATION_ROWS_MAX 50000000u

/* A day that is not known (birth date missing). */
#define POPULATION_DAY_UNKNOWN INT32_MIN
/* The end day of a spell that is still going on. */
#define POPULATION_DAY_OPEN INT32_MAX
/* An amount (cost) that is not known. */
#define POPULATION_FEN_UNKNOWN INT64_C(-1)
/* A count (months, staff) that is not known. */
#define POPULATION_COUNT_UNKNOWN (-1)
/* No org (employer, agency, provider). */
#define POPULATION_NONE (-1)

typedef enum population_job_kind {
    JOB_ENTERPRISE,
    JOB_WORKSHOP,
    JOB_BASE,
    JOB_PUBLIC_WELFARE_POST,
    JOB_TEMPORARY_POST,
    JOB_AGRICULTURE,
    JOB_SELF_EMPLOYED,
    JOB_WORK_RELIEF, /* 以工代赈: on a project (2023 notice 二(一)) */
    JOB_KIND_COUNT
} population_job_kind;

typedef enum population_org_kind {
    ORG_ENTERPRISE,
    ORG_WORKSHOP,
    ORG_BASE,
    ORG_AGENCY,
    ORG_BROKER,
    ORG_COOPERATIVE,
    ORG_AGRI_ENTERPRISE,
    ORG_RELOCATION_SITE, /* 易地扶贫搬迁集中安置区 (people live there: person.residence) */
    ORG_TRAINING_INSTITUTION, /* 职业培训机构 */
    ORG_KIND_COUNT
} population_org_kind;

typedef enum population_training_kind {
    TRAINING_SKILL,
    TRAINING_ONLINE,
    TRAINING_WORK_AS_TRAINING,
    TRAINING_PRE_JOB,
    TRAINING_KIND_COUNT
} population_training_kind;

/* Schools of an enrolment. */
typedef enum population_school_kind {
    SCHOOL_TECHNICAL,            /* technical_school 技工院校 */
    SCHOOL_SECONDARY_VOCATIONAL, /* secondary_vocational 中等职业院校 */
    SCHOOL_HIGHER_VOCATIONAL,    /* higher_vocational 高等职业院校 */
    SCHOOL_KIND_COUNT
} population_school_kind;

/* Sex, from the ID number or the situation; SEX_UNKNOWN when neither says. */
typedef enum population_sex { SEX_UNKNOWN, SEX_MALE, SEX_FEMALE } population_sex;

/* Certificate levels; CERTIFICATE_NONE when the training gave none. */
typedef enum population_certificate {
    CERTIFICATE_NONE,
    CERTIFICATE_JUNIOR, /* 初级 */
    CERTIFICATE_MIDDLE, /* 中级 */
    CERTIFICATE_SENIOR, /* 高级 */
    CERTIFICATE_COUNT
} population_certificate;

/*
 * The columns of each table, in one list per table: X(type, name) for a column
 * `type *name` of count entries.  The struct, and growing, freeing and
 * reordering a table in population.c, all follow these lists, so a column is
 * added in one place.
 */
#define POPULATION_PEOPLE_COLUMNS(X)                                                               \
    X(char *, id)           /* caller's id, owned */                                               \
    X(char *, id_number)    /* 18-character ID number or NULL, owned */                            \
    X(int32_t, birth_day)   /* day number or POPULATION_DAY_UNKNOWN */                             \
    X(int64_t, hukou)       /* canonical region code as a number, 0 when unknown */                \
    X(uint64_t, categories) /* bit i set: the person has category_names[i] */                      \
    X(uint8_t, three_no)    /* 1: a "三无" laborer */                                            \
    X(uint8_t, insured)     /* 1: pays social insurance now */                                     \
    X(uint8_t, sex)         /* population_sex */                                                   \
    X(uint8_t, wants_job)   /* 1: has declared the wish to work (有就业意愿) */               \
    X(int32_t, residence)   /* row in orgs of the site the person lives at, or POPULATION_NONE */

/* The jobs table: one row per employment spell. */
#define POPULATION_JOBS_COLUMNS(X)                                                                 \
    X(char *, id)        /* owned */                                                               \
    X(int32_t, person)   /* row in people */                                                       \
    X(int32_t, employer) /* row in orgs or POPULATION_NONE */                                      \
    X(int32_t, agency)   /* row in orgs (the agency/broker that placed it) or POPULATION_NONE */   \
    X(int64_t, region)   /* canonical region code of the workplace as a number */                  \
    X(uint8_t, kind)     /* population_job_kind */                                                 \
    X(int32_t, start)    /* first day */                                                           \
    X(int32_t, end)      /* last day, or POPULATION_DAY_OPEN */                                    \
    X(int32_t, contract_months)  /* labour contract length, or POPULATION_COUNT_UNKNOWN */         \
    X(int32_t, insurance_months) /* social insurance months paid in this job, or unknown */        \
    X(uint8_t, organized)        /* 1: organised outflow (有组织) */                            \
    X(int64_t, travel_cost)      /* fen, or POPULATION_FEN_UNKNOWN */                              \
    X(int32_t, hours_tenths)     /* hours a month in 1/10 hour (hourly posts), or unknown */

#define POPULATION_TRAININGS_COLUMNS(X)                                                            \
    X(char *, id)            /* owned */                                                           \
    X(int32_t, person)       /* row in people */                                                   \
    X(int32_t, provider)     /* row in orgs or POPULATION_NONE */                                  \
    X(uint8_t, kind)         /* population_training_kind */                                        \
    X(int64_t, region)       /* canonical region code as a number, 0 when unknown */               \
    X(int32_t, start)        /* first day */                                                       \
    X(int32_t, end)          /* last day */                                                        \
    X(int32_t, days)         /* training days */                                                   \
    X(int32_t, total_hours)  /* 总课时 of the course in 1/10 hour, or unknown */                \
    X(int32_t, online_hours) /* hours taken online in 1/10 hour, or unknown (none) */              \
    X(uint8_t, certificate)  /* population_certificate */                                          \
    X(int64_t, cost)         /* actual cost in fen, or POPULATION_FEN_UNKNOWN */

/* The enrolments table: a person at a school. */
#define POPULATION_ENROLMENTS_COLUMNS(X)                                                           \
    X(char *, id)         /* owned */                                                              \
    X(int32_t, person)    /* row in people */                                                      \
    X(uint8_t, kind)      /* population_school_kind */                                             \
    X(uint8_t, full_time) /* 1: full-time (全日制) */                                           \
    X(int64_t, region)    /* canonical region code of the school as a number, 0 when unknown */    \
    X(int32_t, start)     /* first day */                                                          \
    X(int32_t, end)       /* last day, or POPULATION_DAY_OPEN */

#define POPULATION_ORGS_COLUMNS(X)                                                                 \
    X(char *, id)             /* owned */                                                          \
    X(uint8_t, kind)          /* population_org_kind */                                            \
    X(int64_t, region)        /* canonical region code as a number, 0 when unknown */              \
    X(int32_t, staff)         /* total staff, or POPULATION_COUNT_UNKNOWN */                       \
    X(uint8_t, free_premises) /* 1: premises provided free by the government */

/*
 * Certifications of orgs as carriers (扶贫车间, 基地, ...: the decisions on carriers), one row
 * per time held.  A status declaring `certifies` holds for an org with rows of its kinds
 * exactly when one of them covers the period's last day (policy_eval.h).
 */
#define POPULATION_CERTIFICATIONS_COLUMNS(X)                                                       \
    X(int32_t, org)  /* row in orgs */                                                             \
    X(uint8_t, kind) /* population_org_kind of the carrier */                                      \
    X(int32_t, from) /* first day held */                                                          \
    X(int32_t, to)   /* last day held, or POPULATION_DAY_OPEN */

#define POPULATION_COLUMN_FIELD(type, name) type *name;

typedef struct population_people {
    size_t count;
    size_t capacity;
    POPULATION_PEOPLE_COLUMNS(POPULATION_COLUMN_FIELD)
} population_people;

typedef struct population_jobs {
    size_t count;
    size_t capacity;
    POPULATION_JOBS_COLUMNS(POPULATION_COLUMN_FIELD)
} population_jobs;

typedef struct population_trainings {
    size_t count;
    size_t capacity;
    POPULATION_TRAININGS_COLUMNS(POPULATION_COLUMN_FIELD)
} population_trainings;

typedef struct population_enrolments {
    size_t count;
    size_t capacity;
    POPULATION_ENROLMENTS_COLUMNS(POPULATION_COLUMN_FIELD)
} population_enrolments;

typedef struct population_orgs {
    size_t count;
    size_t capacity;
    POPULATION_ORGS_COLUMNS(POPULATION_COLUMN_FIELD)
} population_orgs;

typedef struct population_certifications {
    size_t count;
    size_t capacity;
    POPULATION_CERTIFICATIONS_COLUMNS(POPULATION_COLUMN_FIELD)
} population_certifications;

/* Where the population's strings live (population.c): freed together, not one by one. */
typedef struct population_text_block population_text_block;

/* A whole population. */
typedef struct population {
    population_people people;
    population_jobs jobs;
    population_trainings trainings;
    population_orgs orgs;
    population_enrolments enrolments;
    population_certifications certifications;
    int category_count; /* used entries of category_names */
    char category_names[POPULATION_CATEGORIES_MAX][POPULATION_CATEGORY_MAX]; /* bit i's name */
    population_text_block *texts; /* the copies of the ids, owned */
} population;

/* One person as the add function takes it. */
typedef struct population_person_input {
    const char *id;
    const char *id_number; /* may be NULL */
    int32_t birth_day;
    int64_t hukou;
    uint64_t categories;
    int three_no;
    int insured;
    population_sex sex;
    int wants_job;
    int32_t residence; /* org row or POPULATION_NONE */
} population_person_input;

typedef struct population_job_input {
    const char *id;
    int32_t person, employer, agency;
    int64_t region;
    population_job_kind kind;
    int32_t start, end;
    int32_t contract_months, insurance_months;
    int organized;
    int64_t travel_cost;
    int32_t hours_tenths; /* POPULATION_COUNT_UNKNOWN when not given */
} population_job_input;

typedef struct population_training_input {
    const char *id;
    int32_t person, provider;
    population_training_kind kind;
    int64_t region;
    int32_t start, end, days;
    int32_t total_hours, online_hours; /* 1/10 hour, POPULATION_COUNT_UNKNOWN when not given */
    population_certificate certificate;
    int64_t cost;
} population_training_input;

typedef struct population_enrolment_input {
    const char *id;
    int32_t person;
    population_school_kind kind;
    int full_time;
    int64_t region;
    int32_t start, end;
} population_enrolment_input;

typedef struct population_org_input {
    const char *id;
    population_org_kind kind;
    int64_t region;
    int32_t staff;
    int free_premises;
} population_org_input;

int population_create(population **out, bf_error *err);
void population_free(population *pop);

/* Appends one row; *row (may be NULL) receives its index. */
int population_add_person(population *pop, const population_person_input *in, int32_t *row,
                          bf_error *err);
int population_add_job(population *pop, const population_job_input *in, int32_t *row,
                       bf_error *err);
int population_add_training(population *pop, const population_training_input *in, int32_t *row,
                            bf_error *err);
int population_add_org(population *pop, const population_org_input *in, int32_t *row,
                       bf_error *err);
int population_add_enrolment(population *pop, const population_enrolment_input *in, int32_t *row,
                             bf_error *err);
/* Appends that org (a row) held certification kind from from to to (POPULATION_DAY_OPEN). */
int population_add_certification(population *pop, int32_t org, population_org_kind kind,
                                 int32_t from, int32_t to, bf_error *err);

/*
 * Puts the people in the order given: row i becomes the old row order[i] (order
 * is a permutation of 0 .. people.count - 1).  Only before any job, training,
 * enrolment or residence points at a person row.
 */
int population_people_reorder(population *pop, const uint32_t *order, bf_error *err);

/*
 * The bit of category name, added when create is set and it is new.  Returns
 * the bit index, or -1 when absent (create unset) or the table is full.
 */
int population_category_bit(population *pop, const char *name, int create);

/* Kind names as in the situation JSON ("enterprise", ...) and back (-1 when unknown). */
const char *population_job_kind_name(int kind);
const char *population_org_kind_name(int kind);
const char *population_training_kind_name(int kind);
const char *population_certificate_name(int level); /* "初级", ... ; "" for none */
int population_job_kind_parse(const char *text);
int population_org_kind_parse(const char *text);
int population_training_kind_parse(const char *text);
int population_certificate_parse(const char *text); /* CERTIFICATE_NONE for NULL */
const char *population_school_kind_name(int kind);
int population_school_kind_parse(const char *text);

/* Canonical region text (any accepted form) as a number; 0 when invalid. */
int64_t population_region_parse(const char *text);
/* The number back as 12 digits (REGION_CODE_TEXT_MAX bytes). */
void population_region_format(int64_t code, char *out);
/* Number of significant digits of a region number (2, 4, 6, 9, 12). */
int population_region_digits(int64_t code);
/* True when code lies within ancestor (both numbers). */
int population_region_within(int64_t code, int64_t ancestor);
/*
 * The divisor d of ancestor's level (10^(12 - digits)): code lies within
 * ancestor when code / d == ancestor / d.  For loops that test one ancestor
 * against many codes.
 */
int64_t population_region_divisor(int64_t ancestor);

/* What population_generate() makes. */
typedef struct population_generate_options {
    size_t people;  /* number of people */
    uint64_t seed;  /* same seed, same population */
    int first_year; /* jobs and trainings start in this year and the next */
} population_generate_options;

/*
 * Fills an empty pop with a synthetic population: people with hukou in
 * 万州 (500101), Shanxi counties and Shandong, one or two jobs each in
 * 济宁, Shanxi, 万州 or elsewhere, some trainings, a few hundred orgs.
 * Deterministic for a seed.
 */
int population_generate(population *pop, const population_generate_options *options, bf_error *err);

#endif
