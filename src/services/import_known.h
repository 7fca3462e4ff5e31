/*
 * import_known.h - the registry's people held in memory for an import that
 * holds about as many people as the registry, on engines where every look-up
 * is a round trip to a server (PostgreSQL).
 *
 * A re-import of a million people looked them up 2,048 at a time: 490
 * queries, 8-9 s of the server's single backend (an index descent per ID
 * number), the largest part of the re-import.  Reading the whole table once
 * in table order (one sequential scan, its rows streamed) costs a fraction
 * of that; the import then finds each row's stored person here.  Memory:
 * about the table's text, 200 MiB at a million people.
 *
 * Found here means what the look-up would find: the same ID number text.
 * A registry holding an ID number that is not 17 digits and a check
 * character, or two sharing their 17 digits, cannot be held (the map is keyed
 * by the digits): import_known_load then returns BF_ENOTFOUND and the
 * import looks its people up as before.
 *
 * Ownership: import_known_load() returns a table freed by import_known_free().
 * The values import_known_find() fills stay valid until then.
 */
#ifndef BANGFU_SERVICES_IMPORT_KNOWN_H
#define BANGFU_SERVICES_IMPORT_KNOWN_H

#include "core/error.h"
#include "registry/person.h"

typedef struct import_known import_known;

/* Reads every person of the registry through ps.  BF_ENOTFOUND (err untouched): the registry
 * cannot be held, look up instead.  expected: people the registry holds (a capacity hint). */
int import_known_load(person_store *ps, int64_t expected, import_known **out, bf_error *err);

/* 1 and *out filled when the registry held id_number, else 0. */
int import_known_find(const import_known *known, const char *id_number, person *out);

void import_known_free(import_known *known);

#endif
