/*
 * report_as_of.h - the stored facts as they were at the end of an --as-of day, so that a
 * report run later reproduces the report of that day (issue 16 item 9).
 *
 * report_as_of_open() makes, for each table of stored facts (people and the tables of every
 * import kind) that a later batch touched, a temporary table of the same name holding the
 * table as it was after the batch: the rows created later left out, each field changed later
 * set back to the value it had (the old value of its first later row of fact_history, or
 * person_history for people), the records deleted later (a whole list's) put back.  A
 * temporary table hides the stored one of its name on both engines (SQLite searches temp
 * first, PostgreSQL pg_temp), so every report's queries read the past unchanged.
 *
 * Ownership: the temporary tables belong to the connection and go with it; open it once,
 * on a connection that writes nothing else (the CLI's: `bangfu report ... --as-of`), and
 * before the report's snapshot (PostgreSQL refuses to create them in a read-only one).
 */
#ifndef BANGFU_SERVICES_REPORT_AS_OF_H
#define BANGFU_SERVICES_REPORT_AS_OF_H
#include "core/error.h"
#include "store/store.h"

#include <stdint.h>

/* The tables as they were after batch (report_as_of_batch); nothing when INT64_MAX. */
int report_as_of_open(store *st, int64_t batch, bf_error *err);

#endif
