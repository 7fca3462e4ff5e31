/*
 * int_map.h - an open-addressing hash map from non-zero 64-bit keys to
 * 64-bit values.
 *
 * Used wherever a million keys must be checked without a query each: known
 * region codes (12 digits read as an integer), ID numbers seen earlier in one
 * import file (the first 17 digits, mapped to the line they were on), ID
 * numbers already generated, parameter values by region.  Keys are never
 * removed.
 *
 * Ownership: the map is a value the caller owns; int_map_free() releases its
 * slots.  A zeroed int_map is an empty map ready to use.
 */
#ifndef BANGFU_CORE_INT_MAP_H
#define BANGFU_CORE_INT_MAP_H

#include <stddef.h>
#include <stdint.h>

/* One slot: a key and its value side by side, so that a probe touches one cache line. */
typedef struct int_map_slot {
    uint64_t key; /* 0 = empty */
    int64_t value;
} int_map_slot;

typedef struct int_map {
    int_map_slot *slots; /* capacity slots */
    size_t capacity;     /* a power of two, at least twice count */
    size_t count;        /* occupied slots */
} int_map;

/* Makes room for count keys ahead of time (optional).  BF_OK or BF_ENOMEM. */
int int_map_reserve(int_map *map, size_t count);

/*
 * Inserts key with value unless key is present.  Returns BF_OK (inserted),
 * BF_ECONFLICT (already present; *existing, if not NULL, receives its value),
 * BF_EINVAL (key 0) or BF_ENOMEM.
 */
int int_map_insert(int_map *map, uint64_t key, int64_t value, int64_t *existing);

/* Inserts key with value, or gives a present key this value.  BF_OK, BF_EINVAL or BF_ENOMEM. */
int int_map_set(int_map *map, uint64_t key, int64_t value);

/* True when key is present; *value (may be NULL) receives its value. */
int int_map_find(const int_map *map, uint64_t key, int64_t *value);

void int_map_free(int_map *map);

/* Reads a string of 1..19 decimal digits as a key; 0 when it is not one. */
uint64_t int_map_key_from_digits(const char *digits, size_t length);

#endif
