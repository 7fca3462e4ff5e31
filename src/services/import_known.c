/* import_known.c - see import_known.h. */
#include "services/import_known.h"

#include "core/int_map.h"
#include "core/text_pool.h"

#include <pthread.h>
#include <stdatomic.h>
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
    int64_t locator;
} import_known_person;

struct import_known {
    import_known_person *people;
    size_t count;
    size_t capacity;
    text_pool text;
    int_map by_key;         /* first 17 digits of the ID number -> index in people */
    int unusable;           /* an ID number the map cannot key */
    const atomic_int *stop; /* set by another thread: the read is no longer wanted, or NULL */
};

/* Keeps one person read from the registry. */
static int import_known_add(void *context, const person *p)
{
    import_known *known = context;
    uint64_t key = int_map_key_from_digits(p->id_number, IMPORT_KNOWN_KEY_DIGITS);
    if (known->stop != NULL && atomic_load_explicit(known->stop, memory_order_relaxed))
        return BF_ENOTFOUND; /* stops the read */
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
    kept->locator = p->locator;
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

/* import_known_load(), stopped (BF_ENOTFOUND) when stop becomes non-zero (stop may be NULL). */
static int import_known_read(person_store *ps, int64_t expected, const atomic_int *stop,
                             import_known **out, bf_error *err)
{
    *out = NULL;
    import_known *known = calloc(1, sizeof *known);
    if (known == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    known->stop = stop;
    int rc = expected > 0 ? int_map_reserve(&known->by_key, (size_t)expected) : BF_OK;
    if (rc == BF_OK)
        rc = person_store_each(ps, import_known_add, known, err);
    if (rc == BF_OK) {
        *out = known;
        return BF_OK;
    }
    if (known->unusable || (stop != NULL && atomic_load(stop)))
        rc = BF_ENOTFOUND;
    else if (rc == BF_ENOMEM)
        bf_error_set(err, rc, NULL);
    import_known_free(known);
    return rc;
}

int import_known_load(person_store *ps, int64_t expected, import_known **out, bf_error *err)
{
    return import_known_read(ps, expected, NULL, out, err);
}

int64_t import_known_index(const import_known *known, const char *id_number)
{
    int64_t index = -1;
    uint64_t key = int_map_key_from_digits(id_number, IMPORT_KNOWN_KEY_DIGITS);
    if (key == 0 || !int_map_find(&known->by_key, key, &index))
        return -1;
    if (strcmp(text_pool_at(&known->text, known->people[index].text), id_number) != 0)
        return -1; /* the same digits, another check character: not this person */
    return index;
}

void import_known_at(const import_known *known, int64_t index, person *out)
{
    const import_known_person *kept = &known->people[index];
    const char *text = text_pool_at(&known->text, kept->text);
    memcpy(out->id_number, text, strlen(text) + 1);
    for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
        text += strlen(text) + 1;
        out->values[f] = text[0] != '\0' ? text : NULL;
    }
    out->created_batch = kept->created_batch;
    out->updated_batch = kept->updated_batch;
    out->locator = kept->locator;
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

struct import_known_loader {
    store *connection; /* the second connection (owned; used by the thread only) */
    int64_t expected;
    pthread_t thread;
    int joined;          /* 1 once import_known_loader_wait has joined the thread */
    atomic_int done;     /* set by the thread as it ends: known is final */
    atomic_int stop;     /* set by import_known_loader_free: end the read early */
    import_known *known; /* the thread's outcome (owned), NULL when it could not read */
};

/* The loader's thread: reads the registry as committed, in one read transaction. */
static void *import_known_loader_run(void *context)
{
    import_known_loader *loader = context;
    person_store *people = NULL;
    bf_error ignored; /* a failure only means: look up instead */
    bf_error_clear(&ignored);
    /* One pass over the table: the pages need not stay. */
    int rc = store_keep_cache_small(loader->connection);
    if (rc == BF_OK)
        rc = store_begin_snapshot(loader->connection);
    if (rc == BF_OK)
        rc = person_store_open(loader->connection, &people, &ignored);
    if (rc == BF_OK)
        rc = import_known_read(people, loader->expected, &loader->stop, &loader->known, &ignored);
    person_store_close(people);
    store_rollback(loader->connection);
    store_close(loader->connection);
    loader->connection = NULL;
    atomic_store(&loader->done, 1);
    return NULL;
}

int import_known_load_beside(store *st, int64_t expected, import_known_loader **out)
{
    bf_error ignored;
    *out = NULL;
    import_known_loader *loader = calloc(1, sizeof *loader);
    if (loader == NULL)
        return BF_ENOMEM;
    loader->expected = expected;
    int rc = store_open_again(st, STORE_MODE_READ, &loader->connection, &ignored);
    if (rc == BF_OK && pthread_create(&loader->thread, NULL, import_known_loader_run, loader) != 0)
        rc = BF_ENOMEM;
    if (rc != BF_OK) {
        store_close(loader->connection);
        free(loader);
        return rc;
    }
    *out = loader;
    return BF_OK;
}

const import_known *import_known_loader_ready(import_known_loader *loader)
{
    /* The thread's writes to known come before its store to done (sequentially consistent). */
    return loader != NULL && atomic_load(&loader->done) ? loader->known : NULL;
}

void import_known_loader_wait(import_known_loader *loader)
{
    if (loader != NULL && !loader->joined) {
        pthread_join(loader->thread, NULL);
        loader->joined = 1;
    }
}

void import_known_loader_free(import_known_loader *loader)
{
    if (loader == NULL)
        return;
    atomic_store(&loader->stop, 1);
    import_known_loader_wait(loader);
    import_known_free(loader->known);
    free(loader);
}
