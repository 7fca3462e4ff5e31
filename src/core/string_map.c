/* string_map.c - linear probing over a power-of-two table, FNV-1a hashes kept per slot. */
#include "core/string_map.h"

#include "core/error.h"

#include <stdlib.h>
#include <string.h>

/* Smallest table allocated. */
#define STRING_MAP_MIN_CAPACITY 64

static uint64_t hash_of(const char *key)
{
    uint64_t hash = 14695981039346656037u;
    for (const unsigned char *p = (const unsigned char *)key; *p != '\0'; p++) {
        hash ^= *p;
        hash *= 1099511628211u;
    }
    /* FNV-1a leaves the low bits weak for short keys that differ at the end: mix them. */
    hash ^= hash >> 29;
    hash *= 0xbf58476d1ce4e5b9u;
    hash ^= hash >> 32;
    return hash;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t slot_of(const string_map *map, const char *key, uint64_t hash)
{
    size_t mask = map->capacity - 1;
    size_t slot = (size_t)hash & mask;
    while (map->keys[slot] != NULL &&
           (map->hashes[slot] != hash || strcmp(map->keys[slot], key) != 0))
        slot = (slot + 1) & mask;
    return slot;
}

static int grow(string_map *map)
{
    size_t capacity = map->capacity == 0 ? STRING_MAP_MIN_CAPACITY : map->capacity * 2;
    string_map bigger = {calloc(capacity, sizeof *bigger.keys),
                         malloc(capacity * sizeof *bigger.hashes),
                         malloc(capacity * sizeof *bigger.values), capacity, map->count};
    if (bigger.keys == NULL || bigger.hashes == NULL || bigger.values == NULL) {
        string_map_free(&bigger);
        return BF_ENOMEM;
    }
    for (size_t i = 0; i < map->capacity; i++) {
        if (map->keys[i] == NULL)
            continue;
        size_t slot = (size_t)map->hashes[i] & (capacity - 1);
        while (bigger.keys[slot] != NULL)
            slot = (slot + 1) & (capacity - 1);
        bigger.keys[slot] = map->keys[i];
        bigger.hashes[slot] = map->hashes[i];
        bigger.values[slot] = map->values[i];
    }
    string_map_free(map);
    *map = bigger;
    return BF_OK;
}

int string_map_insert(string_map *map, const char *key, int64_t value, int64_t *existing)
{
    if ((map->count + 1) * 2 > map->capacity && grow(map) != BF_OK)
        return BF_ENOMEM;
    uint64_t hash = hash_of(key);
    size_t slot = slot_of(map, key, hash);
    if (map->keys[slot] != NULL) {
        if (existing != NULL)
            *existing = map->values[slot];
        return BF_ECONFLICT;
    }
    map->keys[slot] = key;
    map->hashes[slot] = hash;
    map->values[slot] = value;
    map->count++;
    return BF_OK;
}

int string_map_find(const string_map *map, const char *key, int64_t *value)
{
    if (map->count == 0)
        return 0;
    size_t slot = slot_of(map, key, hash_of(key));
    if (map->keys[slot] == NULL)
        return 0;
    if (value != NULL)
        *value = map->values[slot];
    return 1;
}

void string_map_free(string_map *map)
{
    free(map->keys);
    free(map->hashes);
    free(map->values);
    map->keys = NULL;
    map->hashes = NULL;
    map->values = NULL;
    map->capacity = 0;
    map->count = 0;
}
