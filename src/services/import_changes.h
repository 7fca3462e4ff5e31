/*
 * import_changes.h - the updates of an import written in bulk, for engines
 * where every statement is a round trip to a server (PostgreSQL).
 *
 * Row by row, an update of a known person costs an UPDATE and one INSERT per
 * changed field, each a round trip: 50,000 changed people took 15 s.  Here
 * the changed people are collected (import_changes_add), their new values
 * written every 8,192 people with one bulk load (COPY) into the temporary
 * table import_changes of this session (no shared table is altered, so
 * readers never wait), their history rows kept in memory (import_history.h);
 * at the end the history goes into person_history by one COPY in key
 * order and one UPDATE ... FROM import_changes writes them all
 * (import_changes_apply).  The history rule is
 * person_store_update's: one row per changed field with old and new value, batch and time.
 *
 * Ownership: import_changes_open() returns an object freed by
 * import_changes_close(); it copies what it is given.  Everything runs inside
 * the caller's transaction.
 */
#ifndef BANGFU_SERVICES_IMPORT_CHANGES_H
#define BANGFU_SERVICES_IMPORT_CHANGES_H

#include "core/error.h"
#include "registry/person.h"
#include "store/store.h"

typedef struct import_changes import_changes;

/* Creates (or empties) the session's import_changes table; batch and changed_at stamp history. */
int import_changes_open(store *st, int64_t batch, const char *changed_at, import_changes **out,
                        bf_error *err);

/*
 * Keeps the change of one person from old to updated (same ID number) in the fields of changed
 * (person_changed_fields, not 0); place: where the person is in the table's order
 * (import_known_index), -1 when not known.
 */
int import_changes_add(import_changes *changes, const person *old, const person *updated,
                       unsigned changed, int64_t place);

/* Writes the new values kept so far to import_changes when they are many. */
int import_changes_flush(import_changes *changes, bf_error *err);

/* Flushes, then writes the history into person_history and every collected person's new
 * values into people in one UPDATE. */
int import_changes_apply(import_changes *changes, bf_error *err);

void import_changes_close(import_changes *changes);

#endif
