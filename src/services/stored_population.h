/*
 * stored_population.h - the population of `bangfu calc` and `bangfu
 * situation` read from the stored facts (migration 0007) instead of a
 * situation file.
 *
 * Who is read (stored_selection):
 *   - everyone stored, when neither region nor person is given;
 *   - with a region: everyone whose hukou, a job, a training or an
 *     organisation (employer, agency, training provider, relocation site)
 *     lies in it -- so an organisation inside the region comes with every
 *     person who works, trains or lives there and its hires are whole;
 *   - with a person: that person alone.
 * and the organisations they refer to (with a region also those lying in it).
 *
 * Ids are the ones payees are named by: a person's is the ID number, an
 * organisation's the 统一社会信用代码; a job, training or enrolment is the
 * person's ID number, "/j", "/t" or "/e" and its place among the person's
 * records of that kind (1, 2, ... in start order).
 *
 * How: one query per table (the same SQL and code on SQLite and
 * PostgreSQL), read in the table's own order (a scan, not a walk of the key
 * index) by a second thread (services/row_pump.h: the engine's stepping and
 * the decoding below run on two cores) and decoded straight into the
 * population's columns.  The store is the pump's until the reading ends.  The people are
 * then sorted by ID number in memory and their categories numbered in that
 * order; records find their person by galloping through the sorted ids
 * (they mostly come in key order) and their organisations through one hash
 * map of codes, and a kind's records are sorted by its key before they are
 * added.  So the population, and the output, are the same whatever order
 * the rows are stored in.
 * insured: the person has an insurance row whose status is the code
 * PERSON_FACT_INSURED_STATUS (paying, as `import insurance` stores 参保缴费
 * and its synonyms); three_no and wants_job by person_fact_resolve() (the
 * stated column, else derived from 就业困难 / 就业意愿 by the vocabularies
 * found; nothing derived when none can be read).
 *
 * Ownership: *out is a new population the caller frees with population_free().
 */
#ifndef BANGFU_SERVICES_STORED_POPULATION_H
#define BANGFU_SERVICES_STORED_POPULATION_H

#include "core/error.h"
#include "policy/population.h"
#include "registry/person_facts.h"
#include "store/store.h"

/* The insurance statuses (参保状态 codes) that make a person insured, as an SQL list. */
#define STORED_INSURED_STATUSES "'" PERSON_FACT_INSURED_STATUS "'"

/* Which people are read. */
typedef struct stored_selection {
    const char *region;    /* canonical 12 digits; NULL: no limit */
    const char *id_number; /* one person; NULL: no limit (not together with region) */
} stored_selection;

/*
 * Reads the selected population.  An empty selection is BF_ENOTFOUND (a
 * person not stored, or no one in the region) with a message saying so;
 * a stored value the population cannot hold (an unknown kind, a bad date)
 * is BF_EPARSE naming the table, the record and the field.
 */
int stored_population_read(store *st, const stored_selection *selection, population **out,
                           bf_error *err);

#endif
