/*
 * whatif.h - what a change of the policies would do to the stored population
 * (issue 16 item 7): the entitlements of calc over storage under the policy
 * set as it is (before) and as changed (after: a parameter value set
 * everywhere in the region, or one policy file replaced), compared by region
 * (head count entitled, money) and person by person (who gains or loses a
 * benefit, whose amount changes).
 *
 * The evaluation is the calc's own (policy_evaluate over the population that
 * services/stored_population reads); only kept grants count (not those a
 * not_with exclusion dropped).  Head counts are people with at least one
 * grant; money is the grants' fen, an organisation's counted where it lies.
 * With a region, people whose hukou and organisations that lie outside it
 * are left out of both tables (they were read for whole hires only).
 *
 * Ownership: the sets, population and results stay the caller's.
 */
#ifndef BANGFU_SERVICES_WHATIF_H
#define BANGFU_SERVICES_WHATIF_H

#include "core/error.h"
#include "io/table_output.h"
#include "policy/policy_eval.h"
#include "store/store.h"

/* Longest NAME=VALUE of --set. */
#define WHATIF_SET_MAX 256

/*
 * Sets assignment ("NAME=VALUE": yuan for amounts, whole persons or months, or
 * "YYYY-MM-DD..YYYY-MM-DD" for a window) in set as the value everywhere within
 * region (canonical, NULL: everywhere): at region (or every province) and at
 * every region within it holding a value, with the situation's origin, so it
 * wins over the files' and the database's.  BF_EINVAL / BF_ENOTFOUND saying why.
 */
int whatif_set_parameter(store *st, policy_set *set, const char *region, const char *assignment,
                         bf_error *err);

/* The two evaluations compared. */
typedef struct whatif_input {
    const policy_set *before_set, *after_set;
    const policy_result *before, *after;
    const population *pop;
    const char *region; /* canonical or NULL */
} whatif_input;

/* Figures of the whole region, for the caller's summary. */
typedef struct whatif_totals {
    int64_t people[2], fen[2];   /* [0] before, [1] after */
    int64_t gain, lose, changed; /* people gaining a benefit, losing one, whose money changed */
} whatif_totals;

/*
 * Writes the table by region (children of region, or provinces, and the
 * total) to out, and when people_out is not NULL the people whose
 * entitlements differ.
 */
int whatif_compare(store *st, const whatif_input *input, table_output_format format,
                   const char *out, const char *people_out, whatif_totals *totals, bf_error *err);

#endif
