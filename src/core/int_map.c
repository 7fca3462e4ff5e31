/* int_map.c - linear probing over a power-of-two table. */
#include "core/int_map.h"

#include "core/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

/* Tables from this size on ask for huge pages (see int_map_slots_new). */
#define INT_MAP_HUGE_BYTES ((size_t)4 << 20)
#define INT_MAP_HUGE_PAGE  ((uintptr_t)2 << 20)

/*
 * count zeroed slots.  A large table is probed at random, one slot per key: on 4 KiB pages
 * its first touches are one page fault each (8,192 for the 2M slots of a million-row import,
 * the reading thread's main cost in its first second) and its probes miss the TLB.  calloc
 * maps such a block fresh and untouched, so huge pages asked for before the first touch
 * serve it (2 MiB each, where the system allows them: transparent_hugepage "madvise").
 */
static int_map_slot *int_map_slots_new(size_t count)
{
    int_map_slot *slots = calloc(count, sizeof *slots);
    size_t bytes = count * sizeof *slots;
    if (slots != NULL && bytes >= INT_MAP_HUGE_BYTES) {
        uintptr_t start = ((uintptr_t)slots + INT_MAP_HUGE_PAGE - 1) & ~(INT_MAP_HUGE_PAGE - 1);
        uintptr_t end = ((uintptr_t)slots + bytes) & ~(INT_MAP_HUGE_PAGE - 1);
        if (end > start)
            (void)madvise((void *)start, end - start, MADV_HUGEPAGE); /* a hint: may fail */
    }
    return slots;
}

/* The 64-bit finaliser of MurmurHash3: spreads nearby codes over the table. */
static size_t slot_of(uint64_t key, size_t capacity)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    key *= 0xc4ceb9fe1a85ec53ULL;
    key ^= key >> 33;
    return (size_t)key & (capacity - 1);
}

/* Moves every key into a table of new_capacity slots. */
static int grow(int_map *map, size_t new_capacity)
{
    int_map_slot *slots = int_map_slots_new(new_capacity);
    if (slots == NULL)
        return BF_ENOMEM;
    for (size_t i = 0; i < map->capacity; i++) {
        if (map->slots[i].key == 0)
            continue;
        size_t s = slot_of(map->slots[i].key, new_capacity);
        while (slots[s].key != 0)
            s = (s + 1) & (new_capacity - 1);
        slots[s] = map->slots[i];
    }
    free(map->slots);
    map->slots = slots;
    map->capacity = new_capacity;
    return BF_OK;
}

int int_map_reserve(int_map *map, size_t count)
{
    size_t capacity = map->capacity ? map->capacity : 1024;
    while (capacity < count * 2)
        capacity *= 2;
    return capacity == map->capacity ? BF_OK : grow(map, capacity);
}

int int_map_insert(int_map *map, uint64_t key, int64_t value, int64_t *existing)
{
    if (key == 0)
        return BF_EINVAL;
    if ((map->count + 1) * 2 > map->capacity) {
        int rc = grow(map, map->capacity ? map->capacity * 2 : 1024);
        if (rc != BF_OK)
            return rc;
    }
    size_t s = slot_of(key, map->capacity);
    while (map->slots[s].key != 0) {
        if (map->slots[s].key == key) {
            if (existing != NULL)
                *existing = map->slots[s].value;
            return BF_ECONFLICT;
        }
        s = (s + 1) & (map->capacity - 1);
    }
    map->slots[s] = (int_map_slot){key, value};
    map->count++;
    return BF_OK;
}

int int_map_find(const int_map *map, uint64_t key, int64_t *value)
{
    if (key == 0 || map->capacity == 0)
        return 0;
    size_t s = slot_of(key, map->capacity);
    while (map->slots[s].key != 0) {
        if (map->slots[s].key == key) {
            if (value != NULL)
                *value = map->slots[s].value;
            return 1;
        }
        s = (s + 1) & (map->capacity - 1);
    }
    return 0;
}

int int_map_set(int_map *map, uint64_t key, int64_t value)
{
    int64_t *slot = NULL;
    if (key != 0 && map->capacity != 0)
        for (size_t s = slot_of(key, map->capacity); map->slots[s].key != 0;
             s = (s + 1) & (map->capacity - 1))
            if (map->slots[s].key == key) {
                slot = &map->slots[s].value;
                break;
            }
    if (slot == NULL)
        return int_map_insert(map, key, value, NULL);
    *slot = value;
    return BF_OK;
}

void int_map_free(int_map *map)
{
    free(map->slots);
    *map = (int_map){0};
}

uint64_t int_map_key_from_digits(const char *digits, size_t length)
{
    if (length == 0 || length > 19)
        return 0;
    uint64_t key = 0;
    for (size_t i = 0; i < length; i++) {
        if (digits[i] < '0' || digits[i] > '9')
            return 0;
        key = key * 10 + (uint64_t)(digits[i] - '0');
    }
    return key;
}
