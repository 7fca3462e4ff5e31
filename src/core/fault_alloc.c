/* fault_alloc.c - the allocation fault of the tests (fault_alloc.h). */
#undef malloc
#undef calloc
#undef realloc
#undef strdup
#define FAULT_ALLOC_IMPLEMENTATION
#include "core/fault_alloc.h"

/* -2: not read yet; -1: off; else the allocations left before the one that fails. */
static long fault_alloc_countdown = -2;

/* 1 when this allocation is the one to fail. */
static int fault_alloc_fails(void)
{
    if (fault_alloc_countdown == -2) {
        const char *text = getenv("BANGFU_FAULT_ALLOC");
        fault_alloc_countdown = text != NULL && atol(text) > 0 ? atol(text) : -1;
    }
    if (fault_alloc_countdown < 0 || --fault_alloc_countdown > 0)
        return 0;
    fault_alloc_countdown = -1;
    return 1;
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
