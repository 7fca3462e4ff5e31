/* import_known.c - see import_known.h. */
#include "services/import_known.h"

#include "core/int_map.h"
#include "core/text_pool.h"

#include <stdlib.h>
#include <string.h>

/* Digits of an ID number that key it (the 18th is the check character). */
#define IMPORT_KNOWN_KEY_DIGITS 17

/* One stored person: where its ID number and then its fields (one after the other, each
 * terminated, empty for none) start in the text, and its batches. */
typedef struct import_known_person {
    size_t text;
    int64_t created_batch;
    int64_t updated_batch;
} import_known_person;

struct import_known {
    import_known_person *people;
    size_t count;
    size_t capacity;
    text_pool text;
    int_map by_key; /* first 17 digits of the ID number -> index in people */
    int unusable;   /* an ID number the map cannot key */
};

/* Keeps one person read from the registry. */
static int import_known_add(void *context, const person *p)
{
    import_known *known = context;
    uint64_t key = int_map_key_from_digits(p->id_number, IMPORT_KNOWN_KEY_DIGITS);
    if (key == 0 || strlen(p->id_number) != IMPORT_KNOWN_KEY_DIGITS + 1) {
        known->unusable = 1;
        return BF_ENOTFOUND; /* stops the read */
    }
    if (known->count == known->capacity) {
        size_t capacity = known->capacity > 0 ? known->capacity * 2 : 1024;
        import_known_person *people = realloc(known->people, capacity * sizeof *people);
        if (people == NULL)
            return BF_ENOMEM;
        known->people = people;
        known->capacity = capacity;
    }
    int rc = int_map_insert(&known->by_key, key, (int64_t)known->count, NULL);
    if (rc == BF_ECONFLICT) {
        known->unusable = 1; /* two ID numbers sharing their digits */
        return BF_ENOTFOUND;
    }
    if (rc != BF_OK)
        return rc;
    import_known_person *kept = &known->people[known->count];
    kept->created_batch = p->created_batch;
    kept->updated_batch = p->updated_batch;
    /* Each text_pool_add appends right after the previous one: the fields follow the ID. */
    rc = text_pool_add(&known->text, p->id_number, &kept->text);
    for (int f = 0; rc == BF_OK && f < PERSON_FIELD_COUNT; f++) {
        size_t ignored;
        rc = text_pool_add(&known->text, p->values[f] != NULL ? p->values[f] : "", &ignored);
    }
    if (rc == BF_OK)
        known->count++;
    return rc;
}

int import_known_load(person_store *ps, int64_t expected, import_known **out, bf_error *err)
{
    *out = NULL;
    import_known *known = calloc(1, sizeof *known);
    if (known == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    int rc = expected > 0 ? int_map_reserve(&known->by_key, (size_t)expected) : BF_OK;
    if (rc == BF_OK)
        rc = person_store_each(ps, import_known_add, known, err);
    if (rc == BF_OK) {
        *out = known;
        return BF_OK;
    }
    if (known->unusable)
        rc = BF_ENOTFOUND;
    else if (rc == BF_ENOMEM)
        bf_error_set(err, rc, NULL);
    import_known_free(known);
    return rc;
}

int import_known_find(const import_known *known, const char *id_number, person *out)
{
    int64_t index = -1;
    uint64_t key = int_map_key_from_digits(id_number, IMPORT_KNOWN_KEY_DIGITS);
    if (key == 0 || !int_map_find(&known->by_key, key, &index))
        return 0;
    const import_known_person *kept = &known->people[index];
    const char *text = text_pool_at(&known->text, kept->text);
    if (strcmp(text, id_number) != 0)
        return 0; /* the same digits, another check character: not this person */
    memcpy(out->id_number, text, strlen(text) + 1);
    for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
        text += strlen(text) + 1;
        out->values[f] = text[0] != '\0' ? text : NULL;
    }
    out->created_batch = kept->created_batch;
    out->updated_batch = kept->updated_batch;
    out->locator = 0; /* read whole on an engine without locators (import_read_registry) */
    return 1;
}

void import_known_free(import_known *known)
{
    if (known == NULL)
        return;
    free(known->people);
    text_pool_free(&known->text);
    int_map_free(&known->by_key);
    free(known);
}
