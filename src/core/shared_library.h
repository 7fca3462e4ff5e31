/*
 * shared_library.h - a library opened when first needed (dlopen), not linked.
 *
 * libpq and libmicrohttpd bring 28 more libraries with them (Kerberos, LDAP, OpenSSL, GnuTLS
 * ...).  Linked, they were loaded at every start of bangfu, a SQLite import or a --help too:
 * about 18 ms of CPU on the virtual machines we run on (30 ms under ASan), more than the work
 * of many short commands.  Now only a PostgreSQL target loads libpq, and only `serve`
 * libmicrohttpd.
 *
 * A user lists the functions it calls once, as an X-macro of X(name), includes the library's
 * header (whose declarations give each pointer its type), makes a table of pointers with
 * SHARED_LIBRARY_FIELD and a shared_library naming the table's slots, and calls
 * shared_library_load() before the first call through the table (src/store/postgres_library.h
 * and .c are an example).  The library is never closed.
 */
#ifndef BANGFU_CORE_SHARED_LIBRARY_H
#define BANGFU_CORE_SHARED_LIBRARY_H

#include "core/error.h"

#include <stddef.h>

/* One field of a table of functions: a pointer to the function name, of its declared type. */
#define SHARED_LIBRARY_FIELD(name) __typeof__(name) *name;
/* The name of a function, for shared_library.names. */
#define SHARED_LIBRARY_NAME(name) #name,

typedef struct shared_library {
    const char *file;         /* what dlopen() is given: the soname, e.g. "libpq.so.5" */
    const char *package;      /* the Debian package holding it, for the message */
    const char *const *names; /* the functions, in the order of slots */
    void **const *slots;      /* where the address of each function goes */
    size_t count;             /* entries of names and of slots */
    int loaded;               /* 1 once every slot is filled (under the module's lock) */
} shared_library;

/*
 * Opens library->file and fills every slot, once: BF_OK, or BF_EUNSUPPORTED with a message
 * naming the file, its package and dlerror()'s reason (a missing library or function).
 * Safe from several threads at once.
 */
int shared_library_load(shared_library *library, bf_error *err);

#endif
