/* store_postgres.c - the PostgreSQL engine (being written). */
#include "store/store.h"

static int postgres_open(const char *target, store **out, bf_error *err)
{
    (void)target;
    *out = NULL;
    return bf_error_set(err, BF_EUNSUPPORTED, "postgresql engine not yet built");
}

const store_engine store_postgres_engine = {.name = "postgresql", .open = postgres_open};
