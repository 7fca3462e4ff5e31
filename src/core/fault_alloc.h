/*
 * fault_alloc.h - the allocation fault of the tests: every source file of
 * bangfu is compiled with this header forced in first (the Makefile's
 * -include), so that its malloc, calloc, realloc and strdup go through
 * fault_alloc_*().  With BANGFU_FAULT_ALLOC=N in the environment the Nth of
 * those calls fails once (returns NULL, as an allocator out of memory would),
 * so that a test can fail every allocation of a whole command in turn
 * (tests/cli/t0925-ledger-alloc-faults.sh); without it they are the C
 * library's.  Allocations inside the libraries (SQLite, libpq, Lua's own
 * realloc calls go through policy_sandbox.c's allocator and are counted) are
 * not counted.  Read once, at the first call, like BANGFU_FAULT_STORE_CALL
 * (store.c).
 *
 * Ownership: what the wrappers return is the caller's, freed with free().
 */
#ifndef BANGFU_CORE_FAULT_ALLOC_H
#define BANGFU_CORE_FAULT_ALLOC_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

void *fault_alloc_malloc(size_t size);
void *fault_alloc_calloc(size_t count, size_t size);
void *fault_alloc_realloc(void *pointer, size_t size);
char *fault_alloc_strdup(const char *text);

/*
 * The countdown behind each fault hook: fires once, at the Nth event, N read
 * from the environment variable at the first event (no variable or N <= 0:
 * never).  Atomic, so that events counted by several threads (calc's pump
 * and writer, import's reading thread, serve's workers) each take their own
 * number and exactly one fires.
 */
typedef struct fault_countdown {
    const char *variable;
    _Atomic long left; /* -2: not read yet; -1: off or fired; else events to go */
} fault_countdown;
int fault_countdown_fires(fault_countdown *countdown);

#ifndef FAULT_ALLOC_IMPLEMENTATION
#define malloc(size)           fault_alloc_malloc(size)
#define calloc(count, size)    fault_alloc_calloc(count, size)
#define realloc(pointer, size) fault_alloc_realloc(pointer, size)
#define strdup(text)           fault_alloc_strdup(text)
#endif

#endif
