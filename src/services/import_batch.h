/*
 * import_batch.h - what every list import does around its rows: taking the
 * database for itself (one import at a time, waiting as told), reading its
 * caps, and the batch row that stamps what it writes.
 *
 * Used by services/import_facts.c (orgs, jobs, ...); the messages are those
 * of `import people`.  Nothing is allocated.
 */
#ifndef BANGFU_SERVICES_IMPORT_BATCH_H
#define BANGFU_SERVICES_IMPORT_BATCH_H

#include "core/error.h"
#include "services/import_errors.h"
#include "services/import_people.h"
#include "store/store.h"

#include <stdint.h>

/*
 * Begins the import's exclusive transaction as options say (wait_limited,
 * wait_ms, waiting); BF_EBUSY with a message saying to retry or wait longer.
 */
int import_batch_begin(store *st, const import_people_options *options, bf_error *err);

/*
 * A cap of the run into *out: given when positive, else the setting key
 * (import.max_rows, import.max_rejected) when set, else fallback.
 */
int import_batch_cap(store *st, int64_t given, const char *key, int64_t fallback, int64_t *out,
                     bf_error *err);

/* Inserts the batch row (id from the "batches" counter into *batch) inside the transaction. */
int import_batch_insert(store *st, const char *kind, const char *source, const char *started_at,
                        int64_t *batch, bf_error *err);

/*
 * Ends a list import whose rows are written: the counts into the batch row,
 * the error file closed (its path and place into result), then the commit
 * (progress told); result->batch set once committed.  The caller rolls back
 * on failure.
 */
int import_batch_end(store *st, int64_t batch, import_errors *errors, progress *progress,
                     import_people_result *result, bf_error *err);

/* Writes the counts of result into the batch row. */
int import_batch_finish(store *st, int64_t batch, const import_people_result *result,
                        bf_error *err);

#endif
