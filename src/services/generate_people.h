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
 */
#ifndef BANGFU_SERVICES_GENERATE_PEOPLE_H
#define BANGFU_SERVICES_GENERATE_PEOPLE_H

#include "registry/vocabulary.h"
#include "store/store.h"

#include <stdint.h>

typedef struct generate_people_options {
    int64_t count;      /* people to write */
    uint64_t seed;      /* same seed, same file */
    const char *region; /* canonical code; villages within it are used */
    const char *out;    /* .csv or .xlsx path, or "-" for standard output */

    /* The 四清 lists; NULL: read from the vocabulary directory. */
    const vocabulary_set *vocabularies;
} generate_people_options;

/* Writes the list; errors name the region or the output file. */
int generate_people(store *st, const generate_people_options *options, bf_error *err);

#endif
