/* text_pool.c - see text_pool.h. */
#include "core/text_pool.h"

#include "core/error.h"

#include <stdlib.h>
#include <string.h>

int text_pool_add(text_pool *pool, const char *value, size_t *offset)
{
    size_t length = strlen(value) + 1;
    if (pool->used + length > pool->capacity) {
        size_t capacity = pool->capacity > 0 ? pool->capacity : TEXT_POOL_FIRST_CAPACITY;
        while (pool->used + length > capacity)
            capacity *= 2;
        char *text = realloc(pool->text, capacity);
        if (text == NULL)
            return BF_ENOMEM;
        pool->text = text;
        pool->capacity = capacity;
    }
    memcpy(pool->text + pool->used, value, length);
    *offset = pool->used;
    pool->used += length;
    return BF_OK;
}

void text_pool_free(text_pool *pool)
{
    free(pool->text);
    pool->text = NULL;
    pool->used = 0;
    pool->capacity = 0;
}
