/*
 * import_known.h - the registry's people held in memory for an import that
 * holds about as many people as the registry.
 *
 * A re-import of a million people looked them up 2,048 at a time: on
 * PostgreSQL 490 queries, 8-9 s of the server's single backend (an index
 * descent per ID number), the largest part of the re-import; on SQLite 2.5 s
 * of the one thread that writes.  Reading the whole table once in table order
 * (one sequential scan, its rows streamed) costs a fraction of that; the
 * import then finds each row's stored person here (with its rowid on SQLite,
 * which the update goes to).  Memory: about the table's text, 200 MiB at a
 * million people.
 *
 * Found here means what the look-up would find: the same ID number text.
 * A registry holding an ID number that is not 17 digits and a check
 * character, or two sharing their 17 digits, cannot be held (the map is keyed
 * by the digits): import_known_load then returns BF_ENOTFOUND and the
 * import looks its people up as before.
 *
 * On SQLite the read runs beside the import (import_known_load_beside): on a
 * second connection and a thread of its own, while the import reads its file
 * and looks its first people up (1M people re-imported: 6.1-6.3 s looked up,
 * 5.4-5.6 s with the read beside); once read, the reading thread finds the
 * rows' people here itself (import_reading.c, import_stash_prepared).  Not on
 * PostgreSQL: its look-ups meanwhile cost the server what the read needs, and
 * waiting for the read stops the file's reading too (the chunks in flight fill
 * up); no gain was measured either way.  What it finds is what the import's own
 * look-ups find: the registry as committed before the import (which holds
 * the database's one write lock: nobody else commits people meanwhile), and
 * each ID number of a file is stored once, so no row needs what an earlier
 * row of the same import wrote.
 *
 * Ownership: import_known_load() returns a table freed by import_known_free();
 * import_known_loader_free() frees the loader and the table it read.  The
 * values import_known_at() fills stay valid until the table is freed.
 */
#ifndef BANGFU_SERVICES_IMPORT_KNOWN_H
#define BANGFU_SERVICES_IMPORT_KNOWN_H

#include "core/error.h"
#include "registry/person.h"
#include "store/store.h"

typedef struct import_known import_known;

/* Reads every person of the registry through ps.  BF_ENOTFOUND (err untouched): the registry
 * cannot be held, look up instead.  expected: people the registry holds (a capacity hint). */
int import_known_load(person_store *ps, int64_t expected, import_known **out, bf_error *err);

/* Where the registry holds id_number (0 .. people - 1, in table order), -1 when it does not. */
int64_t import_known_index(const import_known *known, const char *id_number);
/* Fills *out with the person at index (import_known_index). */
void import_known_at(const import_known *known, int64_t index, person *out);

void import_known_free(import_known *known);

typedef struct import_known_loader import_known_loader;

/*
 * Starts import_known_load() on a second connection to st's database (store_open_again), in
 * a thread of its own.  BF_OK, or why it could not start (the caller then reads or looks up
 * itself): BF_EUNSUPPORTED without a second connection (an in-memory database), a failed
 * connection, BF_ENOMEM.
 */
int import_known_load_beside(store *st, int64_t expected, import_known_loader **out);

/*
 * The registry once the loader has read it, NULL while it still reads or when it could not
 * (look up instead: that is final).  Any thread may ask and read the table (it no longer
 * changes); it stays the loader's.
 */
const import_known *import_known_loader_ready(import_known_loader *loader);

/* Waits for the loader's read to end (then import_known_loader_ready says how it went); one
 * thread at a time. */
void import_known_loader_wait(import_known_loader *loader);

/* Stops the loader's read if it still runs, waits for its thread and frees it with its table. */
void import_known_loader_free(import_known_loader *loader);

#endif
