/*
 * shared_library.h - a library opened when first needed (dlopen), not linked.
 *
 * libpq and libmicrohttpd bring 28 more libraries with them (Kerberos, LDAP, OpenSSL, GnuTLS
 * ...).  Linked, they were loaded at every start of bangfu, a SQLite import or a --help too:
 * about 18 ms of CPU on the virtual machines we run on (30 ms under ASan), more than the work
 * of many short commands.  Now only a PostgreSQL target loads libpq, and only `serve`
 * libmicrohttpd.
 *
 * A user lists the functions it calls once, as an X-macro FUNCTIONS(X, table) of X(table, name)
 * lines, includes the library's header (whose declarations give each pointer its type), declares
 * the table's type with SHARED_LIBRARY_FIELD, and defines the table and its loader with one
 * SHARED_LIBRARY_DEFINE (src/store/postgres_library.h and .c are an example).  The loader must be
 * called before the first call through the table.  The library is never closed.
 */
#ifndef BANGFU_CORE_SHARED_LIBRARY_H
#define BANGFU_CORE_SHARED_LIBRARY_H

#include "core/error.h"

#include <stddef.h>

/* One field of a table of functions: a pointer to the function name, of its declared type. */
#define SHARED_LIBRARY_FIELD(table, name) __typeof__(name) *name;
/* The name of a function, and where its address goes, for shared_library.names and .slots. */
#define SHARED_LIBRARY_NAME(table, name) #name,
#define SHARED_LIBRARY_SLOT(table, name) (void **)&table.name,

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

/*
 * Defines the table `type table;` of the functions FUNCTIONS lists, found in the file soname
 * (of the Debian package debian_package), and `int load(bf_error *err)`, which fills it once
 * (shared_library_load).
 */
#define SHARED_LIBRARY_DEFINE(type, table, FUNCTIONS, soname, debian_package, load)                \
    type table;                                                                                    \
    static const char *const table##_names[] = {FUNCTIONS(SHARED_LIBRARY_NAME, table)};            \
    static void **const table##_slots[] = {FUNCTIONS(SHARED_LIBRARY_SLOT, table)};                 \
    static shared_library table##_file = {                                                         \
        .file = soname,                                                                            \
        .package = debian_package,                                                                 \
        .names = table##_names,                                                                    \
        .slots = table##_slots,                                                                    \
        .count = sizeof table##_names / sizeof table##_names[0],                                   \
    };                                                                                             \
    int load(bf_error *err)                                                                        \
    {                                                                                              \
        return shared_library_load(&table##_file, err);                                            \
    }

#endif
