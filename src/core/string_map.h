/*
 * string_map.h - an open-addressing hash map from strings to 64-bit values.
 *
 * Used to find a row by its id among a million without a linear search (the
 * people, jobs, trainings and orgs of a calc situation).  Keys are not
 * copied: each key must stay alive and unchanged as long as the map (the id
 * columns of a population are).  Keys are never removed.
 *
 * Ownership: the map is a value the caller owns; string_map_free() releases
 * its slots, not the keys.  A zeroed string_map is an empty map ready to use.
 */
#ifndef BANGFU_CORE_STRING_MAP_H
#define BANGFU_CORE_STRING_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct string_map {
    const char **keys; /* capacity slots, NULL = empty */
    uint64_t *hashes;  /* the hash of each occupied slot's key */
    int64_t *values;   /* the value of each occupied slot */
    size_t capacity;   /* a power of two, at least twice count */
    size_t count;      /* occupied slots */
} string_map;

/*
 * Inserts key with value unless key is present.  Returns BF_OK (inserted),
 * BF_ECONFLICT (already present; *existing, if not NULL, receives its value)
 * or BF_ENOMEM.
 */
int string_map_insert(string_map *map, const char *key, int64_t value, int64_t *existing);

/* True when key is present; *value (may be NULL) receives its value. */
int string_map_find(const string_map *map, const char *key, int64_t *value);

void string_map_free(string_map *map);

#endif
