/*
 * postgres_library.c - see postgres_library.h.
 */
#include "store/postgres_library.h"

SHARED_LIBRARY_DEFINE(postgres_library, postgres_libpq, POSTGRES_LIBRARY_FUNCTIONS, "libpq.so.5",
                      "libpq5", postgres_library_load)
