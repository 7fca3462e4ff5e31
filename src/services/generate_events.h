/*
 * generate_events.h - job fairs and organised outflow for `bangfu generate facts` (issue 14
 * item 4), in the import formats of services/import_facts_fairs.c:
 *  - fairs.csv: in every county with employers, four fairs in 2019..2021-06 (专场招聘 60%,
 *    综合招聘会 20% ... as vocabularies/fair_kind.tsv weighs them; the rest 乐业搬迁 at a
 *    relocation site), on site 70%, online 30%; and one 乐业搬迁专场招聘 at each relocation
 *    site (二(六) of the 2023 notice);
 *  - fair_employers.csv: 3 to 6 employers of the county at each fair, with postings and openings;
 *  - fair_people.csv: three in ten of the unemployed of working age and three in a hundred of
 *    the others attend a fair of their county; a fifth of them are hired (录用, by one of the
 *    fair's employers);
 *  - outflows.csv and outflow_people.csv: every spell taken through an agency in another city
 *    (点对点, 万州区 to 济宁) is a passenger of the batch of its month from the hukou county to
 *    the work city (专车 70%, 专列 20%, 包机 10%), leaving two days before the
 *    month's first start (those starting more than 30 days later are in the follow-up list
 *    of `bangfu outflow followup`).
 * The same seed gives the same files.
 *
 * Ownership: generate_events_open() returns a writer that generate_events_close() frees; the
 * orgs passed stay the caller's for the writer's life.
 */
#ifndef BANGFU_SERVICES_GENERATE_EVENTS_H
#define BANGFU_SERVICES_GENERATE_EVENTS_H

#include "core/date.h"
#include "core/error.h"
#include "services/generate_carriers.h"

#include <stdint.h>

/* fairs, fair_employers, fair_people, outflows, outflow_people: the files, in this order. */
#define GENERATE_EVENTS_FILES 5

typedef struct generate_events generate_events;

/* Opens the files and writes the fairs and their employers. */
int generate_events_open(const char *const paths[GENERATE_EVENTS_FILES], uint64_t seed,
                         const generate_carrier_org *orgs, int org_count, generate_events **out,
                         bf_error *err);

/* A person of hukou village aged age; seeking: not working, or wishing to work. */
int generate_events_person(generate_events *e, const char *id_number, const char *village, int age,
                           int seeking, bf_error *err);

/* A spell through an agency (hukou county to the city of work): the person is carried. */
int generate_events_outflow(generate_events *e, const char *id_number, const char *hukou,
                            const char *work_region, const char *agency, bf_date start,
                            bf_error *err);

/* Writes the batches and closes the files (ok 0: removes them); rows[] the rows of each. */
int generate_events_close(generate_events *e, int ok, int64_t rows[GENERATE_EVENTS_FILES],
                          bf_error *err);

#endif
