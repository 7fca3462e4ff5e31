/* fault_alloc.c - the allocation fault of the tests (fault_alloc.h). */
#undef malloc
#undef calloc
#undef realloc
#undef strdup
#define FAULT_ALLOC_IMPLEMENTATION
#include "core/fault_alloc.h"

#include <stdatomic.h>

int fault_countdown_fires(fault_countdown *countdown)
{
    long left = atomic_load_explicit(&countdown->left, memory_order_relaxed);
    if (left == -2) {
        const char *text = getenv(countdown->variable);
        long first = text != NULL && atol(text) > 0 ? atol(text) : -1;
        /* Another thread may have read it first: then its value stands. */
        atomic_compare_exchange_strong(&countdown->left, &left, first);
        left = atomic_load(&countdown->left);
    }
    while (left > 0)
        if (atomic_compare_exchange_weak(&countdown->left, &left, left == 1 ? -1 : left - 1))
            return left == 1;
    return 0;
}

static fault_countdown fault_alloc_countdown = {"BANGFU_FAULT_ALLOC", -2};

/* 1 when this allocation is the one to fail. */
static int fault_alloc_fails(void)
{
    return fault_countdown_fires(&fault_alloc_countdown);
}

void *fault_alloc_malloc(size_t size)
{
    return fault_alloc_fails() ? NULL : malloc(size);
}

void *fault_alloc_calloc(size_t count, size_t size)
{
    return fault_alloc_fails() ? NULL : calloc(count, size);
}

void *fault_alloc_realloc(void *pointer, size_t size)
{
    return fault_alloc_fails() ? NULL : realloc(pointer, size);
}

char *fault_alloc_strdup(const char *text)
{
    return fault_alloc_fails() ? NULL : strdup(text);
}
