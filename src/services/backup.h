/*
 * backup.h - whole-database backup and restore (bangfu backup, bangfu restore).
 *
 * SQLite: backup_write() copies the open database with the online backup API
 * (one consistent snapshot while imports go on) into FILE.partial-PID, then
 * renames it to FILE, so FILE is whole or absent; backup_restore() checks that
 * FILE is a bangfu database no newer than this binary and replaces the
 * database with it in one step.
 *
 * PostgreSQL: the server's own tools, pg_dump (custom format) and pg_restore,
 * of a major version at least the server's, found among the installed ones
 * (/usr/lib/postgresql/N/bin, then PATH).  They are run when the target holds
 * no password (a command line is visible to every user of the machine: use
 * ~/.pgpass); otherwise, or when no suitable tool is installed, nothing is
 * done and the command to run is given, password masked.
 *
 * A restore never replaces a database that holds data without force (the
 * caller checks an existing backup file: cli_refuse_existing()).
 */
#ifndef BANGFU_SERVICES_BACKUP_H
#define BANGFU_SERVICES_BACKUP_H

#include "core/error.h"
#include "store/store.h"

/* Longest command line reported. */
#define BACKUP_COMMAND_MAX 1024

/* What a backup or a restore did. */
typedef struct backup_result {
    char command[BACKUP_COMMAND_MAX]; /* PostgreSQL: the pg_dump/pg_restore command (password
                                         masked); empty for SQLite */
    int ran;                          /* 1 when the copy was made */
} backup_result;

/* Copies the database st (opened from target) into path, replacing a file there. */
int backup_write(store *st, const char *target, const char *path, backup_result *result,
                 bf_error *err);

/* Replaces the database target with the backup in path. */
int backup_restore(const char *target, const char *path, int force, backup_result *result,
                   bf_error *err);

#endif
