/*
 * text_pool.h - an append-only pool of NUL-terminated strings, each addressed
 * by its offset (offsets stay valid when the pool grows; pointers into it do
 * not).  The import keeps the values of a chunk of rows in one, so a chunk
 * costs one allocation however many cells it holds.
 *
 * Ownership: the pool owns its text; text_pool_clear() empties it keeping the
 * memory for reuse, text_pool_free() releases it.  A zeroed pool is empty.
 */
#ifndef BANGFU_CORE_TEXT_POOL_H
#define BANGFU_CORE_TEXT_POOL_H

#include <stddef.h>

/* Bytes allocated at the first add; the pool doubles from there. */
#define TEXT_POOL_FIRST_CAPACITY 65536

typedef struct text_pool {
    char *text;      /* the strings, each with its terminator */
    size_t used;     /* bytes of text in use */
    size_t capacity; /* bytes allocated */
} text_pool;

/* Appends value with its terminator; *offset receives where.  BF_OK or BF_ENOMEM. */
int text_pool_add(text_pool *pool, const char *value, size_t *offset);

/* The string added at offset. */
static inline const char *text_pool_at(const text_pool *pool, size_t offset)
{
    return pool->text + offset;
}

/* Empties the pool; its memory stays allocated for the next adds. */
static inline void text_pool_clear(text_pool *pool)
{
    pool->used = 0;
}

void text_pool_free(text_pool *pool);

#endif
