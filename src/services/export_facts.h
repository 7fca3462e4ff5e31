/*
 * export_facts.h - a kind of stored facts (orgs, jobs, trainings, posts, ...:
 * services/import_facts.h) written in its import format, so that exporting
 * and importing the file again changes nothing (issue 13 item 6: "every
 * record kind: import/export like people").
 *
 * The columns are the kind's own (not those copied from the record another
 * names), with their Chinese headers; values are written as the import reads
 * them: words of a list as their Chinese label, money as yuan with two
 * decimals, hours with one, yes/no as 是/否, dates ISO.  Rows are ordered by
 * the key columns.  With a region, only the records of people registered in
 * it (a kind with an ID number column) or lying in it (else its first region
 * column) are written.  The file is written through io/table_writer (CSV with
 * BOM or XLSX by the extension; "-" is CSV on standard output) and appears
 * only when complete.
 */
#ifndef BANGFU_SERVICES_EXPORT_FACTS_H
#define BANGFU_SERVICES_EXPORT_FACTS_H

#include "core/error.h"
#include "services/export_people.h"
#include "services/import_facts.h"
#include "store/store.h"

#include <stdint.h>

/* Receives the headers first, then each record's cells (count of them); non-BF_OK stops. */
typedef int (*export_facts_sink)(void *context, const char *const *cells, int count, bf_error *err);

/*
 * Gives the records of kind lying in region (NULL: all; as export_facts() chooses them) to
 * sink, in export_facts()'s columns and words; progress (may be NULL) is told the rows; *rows
 * (may be NULL) receives how many.
 */
int export_facts_read(store *st, const fact_kind *kind, const char *region, export_facts_sink sink,
                      void *context, progress *progress, int64_t *rows, bf_error *err);

/*
 * Writes the records of kind (options as for people); *rows (may be NULL)
 * receives the number written.  BF_EINVAL (err says why) for a region on a
 * kind that has neither an ID number nor a region column.
 */
int export_facts(store *st, const fact_kind *kind, const export_people_options *options,
                 int64_t *rows, bf_error *err);

#endif
