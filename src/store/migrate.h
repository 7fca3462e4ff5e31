/*
 * migrate.h - versioned schema migrations.
 *
 * The files migrations/NNNN_name.sql are compiled into store_migrations[]
 * (scripts/embed_migrations.sh).  store_migrate() applies, in order, each
 * one whose version is not yet in schema_migrations, each in its own
 * transaction, so running it again is harmless and a failed migration leaves
 * the schema at the previous version.  An engine may add statements of its
 * own to a migration (store_engine.migration_steps: what portable SQL cannot
 * say, such as PostgreSQL's collations); they run after the file's SQL in its
 * transaction, so a fresh database and an upgraded one get them alike.
 */
#ifndef BANGFU_STORE_MIGRATE_H
#define BANGFU_STORE_MIGRATE_H

#include "store/store.h"

/* One migration file. */
typedef struct store_migration {
    int version;      /* NNNN from the file name; 0 ends the table */
    const char *name; /* the file name without .sql */
    const char *sql;  /* its text */
} store_migration;

/* All migrations, ascending, ended by {0, NULL, NULL}. */
extern const store_migration store_migrations[];

/* Applies missing migrations; *applied (may be NULL) receives how many ran. */
int store_migrate(store *st, int *applied, bf_error *err);

/* The version of the last migration this binary holds. */
int store_schema_latest(void);

/* The highest applied version, 0 for an empty database. */
int store_schema_version(store *st, int *version);

#endif
