/*
 * generate_people.h - realistic synthetic lists of poor and formerly poor
 * laborers, for the demo county of `make run` and for benchmarks.
 *
 * People come in households of one to six living in real villages of the
 * chosen region (read from the regions table), with valid GB 11643 ID numbers
 * (address code of the hukou county, a birth date consistent with the
 * relation to the head, sex parity, check digit), plausible categories,
 * skills and mobile numbers, and 四清 answers (labor ability, employment
 * status, wishes, difficulties) drawn from the lists the import checks
 * against (registry/vocabulary.h), in the proportions their files give.  The same seed gives the
 * same file.  The output is in the import format, so `bangfu import people` takes it as it is.
 *
 * Several regions may be given: their villages are pooled, so each region gets people in
 * proportion to its villages.  A visitor (generate_facts) sees each person as it is written and
 * may add cells of its own after the import columns; it draws from its own random state, so the
 * people's columns stay those of `generate people` with the same seed, count and regions.
 */
#ifndef BANGFU_SERVICES_GENERATE_PEOPLE_H
#define BANGFU_SERVICES_GENERATE_PEOPLE_H

#include "core/date.h"
#include "core/region_code.h"
#include "registry/vocabulary.h"
#include "store/store.h"

#include <stdint.h>

/* Most regions one list is drawn from. */
#define GENERATE_REGIONS_MAX 16
/* Most cells a visitor adds after the import columns. */
#define GENERATE_EXTRA_COLUMNS_MAX 4

/* One person as generated, for a visitor; the texts live until the visitor returns. */
typedef struct generated_person {
    const char *id_number;
    const char *name;
    const char *household; /* 户编号 */
    const char *relation;  /* 与户主关系 */
    const char *phone;     /* "" when none */
    const char *village;   /* hukou region, a canonical village code */
    const char *category;  /* 帮扶类别 as written, categories joined by '；' */
    bf_date birth;
    int age; /* whole years on the day of generation */
    int male;
    /* The codes of the 四清 answers (the vocabularies/ files), e.g. "migrant_job". */
    const char *labor_ability;
    const char *employment_status;
    const char *employment_wish;
    const char *training_wish;
    vocabulary_values difficulties;
} generated_person;

/*
 * Called once per person before the row is written: fills extra[0..n) (n the
 * options' extra_column_count) with texts that live until the next call.
 */
typedef int (*generate_people_visitor)(void *context, const generated_person *person,
                                       const char **extra, bf_error *err);

typedef struct generate_people_options {
    int64_t count;                             /* people to write */
    uint64_t seed;                             /* same seed, same file */
    const char *regions[GENERATE_REGIONS_MAX]; /* canonical codes; their villages are used */
    int region_count;                          /* 1..GENERATE_REGIONS_MAX */
    const char *out;                           /* .csv or .xlsx path, or "-" for standard output */

    /* The 四清 lists; NULL: read from the vocabulary directory. */
    const vocabulary_set *vocabularies;

    /* Optional: a visitor of every person and the headers of the cells it adds. */
    generate_people_visitor visitor;
    void *visitor_context;
    const char *extra_headers[GENERATE_EXTRA_COLUMNS_MAX];
    int extra_column_count;
} generate_people_options;

/* Region codes of a level (4 towns, 5 villages) within some regions, in code order per region. */
typedef struct generate_region_list {
    char (*codes)[REGION_CODE_TEXT_MAX];
    size_t count;
} generate_region_list;

/*
 * Appends the codes of level within each of regions to list (owned by the
 * caller, freed with free(list->codes)); an error names a region without any.
 */
int generate_load_regions(store *st, const char *const *regions, int region_count, int level,
                          generate_region_list *list, bf_error *err);

/* splitmix64 step: the generators' seedable random numbers, state kept by the caller. */
uint64_t generate_random(uint64_t *state);
/* A number in [0, bound), bound > 0. */
int generate_random_below(uint64_t *state, int bound);

/* Writes the list; errors name the region or the output file. */
int generate_people(store *st, const generate_people_options *options, bf_error *err);

#endif
