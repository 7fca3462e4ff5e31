/*
 * import_sorted.h - rows of a bulk load kept in memory and written in the
 * order of a numeric key (a village code, or an ID number's first 17 digits).
 *
 * SQLite keeps the primary key of people up during an import: rows inserted
 * in file order land at random places of its b-tree (a million took 3.0 s of
 * CPU that way and 1.1 s in key order, and at that size the page cache no
 * longer holds the index, so pages are written out and read back).  The rows
 * of an import are therefore kept here in runs as they are read (every value
 * copied, about 150 bytes a person) and handed to the storing thread sorted
 * by key (the person's village: import_stash_row says why), so that a run's
 * inserts, look-ups and updates walk the b-trees' pages in order.
 *
 * Ownership: import_sorted_new() returns an object freed by
 * import_sorted_free(); values are copied.
 */
#ifndef BANGFU_SERVICES_IMPORT_SORTED_H
#define BANGFU_SERVICES_IMPORT_SORTED_H

#include "core/error.h"

#include <stddef.h>
#include <stdint.h>

/* Most values of one row. */
#define IMPORT_SORTED_COLUMNS_MAX 64

typedef struct import_sorted import_sorted;

/* A holder of rows of columns values each (1 .. IMPORT_SORTED_COLUMNS_MAX); BF_ENOMEM. */
int import_sorted_new(int columns, import_sorted **out);

/* Keeps a copy of the row (a value may be NULL) under key; BF_ENOMEM. */
int import_sorted_add(import_sorted *sorted, uint64_t key, const char *const *values);

/* Rows kept so far. */
size_t import_sorted_count(const import_sorted *sorted);

/* What receives the rows in key order, with their key: BF_OK to go on, or a failure that
 * stops. */
typedef int (*import_sorted_row)(void *context, uint64_t key, const char *const *values);

/*
 * Hands every row kept to row() in increasing key order (rows of equal key in
 * the order they were added) and forgets them.  On a failure returns its code
 * with *failed_first the failing row's first value (valid until
 * import_sorted_free), NULL when the sort itself lacked memory.
 */
int import_sorted_each(import_sorted *sorted, import_sorted_row row, void *context,
                       const char **failed_first);

void import_sorted_free(import_sorted *sorted);

#endif
