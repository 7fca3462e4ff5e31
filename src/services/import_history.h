/*
 * import_history.h - the person_history rows of an import, kept in memory
 * (about 80 bytes each) and written at its end in the order of the history's
 * key (ID number, batch, field), on both engines.
 *
 * Written as each person was updated, a row went to a random leaf of the
 * key's b-tree, which neither SQLite's page cache nor PostgreSQL's buffers
 * hold at a million rows: a re-import of 1M people on SQLite spent 2 of its
 * 5.9 s on its history.  Sorted here, the rows sweep the b-tree once.
 *
 * Ownership: import_history_new() returns an object freed by
 * import_history_free(); values are copied.
 */
#ifndef BANGFU_SERVICES_IMPORT_HISTORY_H
#define BANGFU_SERVICES_IMPORT_HISTORY_H

#include "core/error.h"
#include "registry/person.h"
#include "store/store.h"

typedef struct import_history import_history;

/* Rows of batch, stamped changed_at (ISO 8601 UTC); BF_ENOMEM. */
int import_history_new(int64_t batch, const char *changed_at, import_history **out);

/* Keeps one row per field in which updated differs from old (same person): those of changed
 * (person_changed_fields); BF_ENOMEM. */
int import_history_add(import_history *history, const person *old, const person *updated,
                       unsigned changed);

/* Writes the rows kept into person_history in key order (one bulk load) and forgets them;
 * the store's code on failure (its message in the store). */
int import_history_write(import_history *history, store *st);

void import_history_free(import_history *history);

#endif
