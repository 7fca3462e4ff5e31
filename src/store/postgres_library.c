/*
 * postgres_library.c - see postgres_library.h.
 */
#include "store/postgres_library.h"

postgres_library postgres_libpq;

#define POSTGRES_LIBRARY_SLOT(name) (void **)&postgres_libpq.name,
static const char *const postgres_library_names[] = {
    POSTGRES_LIBRARY_FUNCTIONS(SHARED_LIBRARY_NAME)};
static void **const postgres_library_slots[] = {POSTGRES_LIBRARY_FUNCTIONS(POSTGRES_LIBRARY_SLOT)};

static shared_library postgres_library_file = {
    .file = "libpq.so.5",
    .package = "libpq5",
    .names = postgres_library_names,
    .slots = postgres_library_slots,
    .count = sizeof postgres_library_names / sizeof postgres_library_names[0],
};

int postgres_library_load(bf_error *err)
{
    return shared_library_load(&postgres_library_file, err);
}
