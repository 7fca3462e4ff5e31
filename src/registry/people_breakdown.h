/*
 * people_breakdown.h - how many people have each value of a field, for
 * `bangfu status` (and later the web pages): per category (帮扶类别) and per
 * canonical value of the 四清 lists (registry/vocabulary.h).
 *
 * A person counts once in each value they have: a person in two categories
 * counts in both, a person with two 就业困难 in both (not per combination).
 * It reads the summary the writers keep (registry/people_counts.h: people per
 * stored text), never the people table, so it answers at once on a million
 * people.  A stored text that is another word of the list (a database
 * imported before the lists, see vocabulary_normalize_stored) counts under its
 * value and in synonyms; one the list does not know counts apart, as it is.
 *
 * Ownership: people_breakdown_read() fills a caller's struct; its unlisted
 * texts are owned and released by people_breakdown_free().
 */
#ifndef BANGFU_REGISTRY_PEOPLE_BREAKDOWN_H
#define BANGFU_REGISTRY_PEOPLE_BREAKDOWN_H

#include "core/error.h"
#include "registry/person.h"
#include "registry/vocabulary.h"
#include "store/store.h"

/* Stored texts not in the list kept one by one (the most common); the rest are summed. */
#define PEOPLE_BREAKDOWN_UNLISTED_MAX 20

/* A stored text the list does not know. */
typedef struct people_breakdown_unlisted {
    char *value; /* owned */
    int64_t people;
} people_breakdown_unlisted;

/* The people per value of one field. */
typedef struct people_breakdown {
    person_field field;
    const vocabulary *list;                /* the field's list, NULL for the categories */
    int count;                             /* values: CATEGORY_COUNT, or the list's */
    int64_t people[VOCABULARY_VALUES_MAX]; /* per value, in category or list order */
    int64_t empty;                         /* people with no value */
    int64_t synonyms;                      /* people stored with another word of a value */
    people_breakdown_unlisted unlisted[PEOPLE_BREAKDOWN_UNLISTED_MAX]; /* most people first */
    int unlisted_count;
    int64_t unlisted_more_values; /* further texts not in the list, beyond unlisted[] */
    int64_t unlisted_more_people; /* and their people */
} people_breakdown;

/*
 * Fills out for field (PERSON_CATEGORIES or a field of VOCABULARY_FIELDS)
 * from people_counts.  lists may be NULL (no list could be read): every
 * stored text of a 四清 field is then unlisted.
 */
int people_breakdown_read(store *st, const vocabulary_set *lists, person_field field,
                          people_breakdown *out, bf_error *err);

void people_breakdown_free(people_breakdown *b);

/* The label of value i: the category name, or the list value's Chinese label. */
const char *people_breakdown_label(const people_breakdown *b, int i);

#endif
