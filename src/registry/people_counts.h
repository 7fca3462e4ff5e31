/*
 * people_counts.h - the summary of the registry that its writers keep up to
 * date (table people_counts, migrations/0004_people_counts.sql), so that
 * `bangfu status` reads a few rows instead of grouping a million people.
 *
 * Rows (field, value, people):
 *   ('people', '', n)          the number of people;
 *   ('households', '', n)      the number of distinct non-empty household numbers;
 *   (column, value, n)         for each field of PEOPLE_COUNTS_FIELDS, the people per
 *                              stored value ('' for empty): categories (the stored
 *                              combination), labor_ability, employment_status, ...
 * Rows reaching 0 are deleted.
 *
 * A writer of people collects its changes in a people_counts_delta
 * (people_counts_added / people_counts_changed, in memory, cheap per row) and
 * writes them with people_counts_apply() inside its own transaction, so the
 * summary commits or rolls back with the people.  The households count is
 * recounted there (one index scan) when a household number was written, or,
 * when the writer filled an empty registry, counted in memory as the people
 * were added (people_counts_count_households).  A
 * field with more distinct values than PEOPLE_COUNTS_VALUES_MAX in one delta
 * is recounted from people instead.
 *
 * Ownership: people_counts_delta_new() returns a delta freed with
 * people_counts_delta_free(); it copies the values it is given.
 */
#ifndef BANGFU_REGISTRY_PEOPLE_COUNTS_H
#define BANGFU_REGISTRY_PEOPLE_COUNTS_H

#include "core/error.h"
#include "registry/person.h"
#include "store/store.h"

/* The fields counted per value (the 四清 answers and the categories). */
#define PEOPLE_COUNTS_FIELDS(XX)                                                                   \
    XX(PERSON_CATEGORIES)                                                                          \
    XX(PERSON_LABOR_ABILITY)                                                                       \
    XX(PERSON_EMPLOYMENT_STATUS)                                                                   \
    XX(PERSON_EMPLOYMENT_WISH)                                                                     \
    XX(PERSON_TRAINING_WISH)                                                                       \
    XX(PERSON_DIFFICULTIES)

/* Most distinct values of one field a delta keeps (a power of two; past half, it recounts). */
#define PEOPLE_COUNTS_VALUES_MAX 1024

typedef struct people_counts_delta people_counts_delta;

int people_counts_delta_new(people_counts_delta **out);
void people_counts_delta_free(people_counts_delta *delta);

/*
 * The registry was empty when the writer's transaction began and it only adds
 * people: the delta then keeps their distinct household numbers, and
 * people_counts_apply writes their number instead of recounting people (a
 * GROUP BY over a million people took 1-3 s of the PostgreSQL server).  A
 * change or a lack of memory falls back to the recount.
 */
void people_counts_count_households(people_counts_delta *delta);

/*
 * Sorts the household numbers counted so far and drops their repeats, which
 * people_counts_apply() does otherwise: a thread that added the people calls it
 * when done, off the writer's serial end (a million people: 0.1 s).
 */
void people_counts_households_finish(people_counts_delta *delta);

/* A person with these values (PERSON_FIELD_COUNT, NULL or "" for empty) was added. */
void people_counts_added(people_counts_delta *delta, const char *const *values);

/* A person's values changed from old to updated (each PERSON_FIELD_COUNT long). */
void people_counts_changed(people_counts_delta *delta, const char *const *old,
                           const char *const *updated);

/* count people of field had their value rewritten from from to to (a bulk update). */
void people_counts_moved(people_counts_delta *delta, person_field field, const char *from,
                         const char *to, int64_t count);

/* Writes the delta into people_counts, inside the caller's transaction. */
int people_counts_apply(store *st, people_counts_delta *delta, bf_error *err);

/* The count of (field, value), 0 when there is no such row. */
int people_counts_get(store *st, const char *field, const char *value, int64_t *count);

#endif
