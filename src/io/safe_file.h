/*
 * safe_file.h - files that hold personal data (exports, error files, the
 * SQLite database), created so that nobody else can read them or redirect
 * them, and so that they appear only when complete.
 *
 *  - A file being written is a unique temporary "PATH.bangfu-PID-XXXXXX.tmp"
 *    in the target's directory, created with O_CREAT|O_EXCL|O_NOFOLLOW: a
 *    symlink planted at a guessable name (the old "PATH.tmp") is never
 *    followed.  It is renamed over PATH when finished (rename replaces a
 *    symlink at PATH, never writes through it).
 *  - Files are created mode 0600 whatever the umask, or 0640 when the
 *    environment sets BANGFU_GROUP_READ=1 (a county where a group of
 *    officers shares the machine).
 *  - SIGINT, SIGTERM, SIGHUP and SIGQUIT remove the temporaries in progress
 *    before the process dies; for SIGKILL, the next run writing the same PATH
 *    removes temporaries whose process (the PID in the name) is gone.
 *
 * The list of temporaries in progress is the one process-wide state (the
 * signal handler needs it); it holds at most SAFE_FILE_LIVE_MAX names.
 *
 * Ownership: a safe_file lives in the caller's memory; safe_file_create()
 * fills it, safe_file_commit() or safe_file_discard() ends it (both close
 * its descriptor unless the caller took it, setting fd to -1).
 */
#ifndef BANGFU_IO_SAFE_FILE_H
#define BANGFU_IO_SAFE_FILE_H

#include "core/error.h"

#include <sys/types.h>

/* Longest file name handled, terminator included. */
#define SAFE_FILE_PATH_MAX 4096
/* Most temporaries in progress at once in one process. */
#define SAFE_FILE_LIVE_MAX 16

/* A file being written under a temporary name. */
typedef struct safe_file {
    int fd;                             /* open for writing, -1 once taken or closed */
    int slot;                           /* its entry in the list of temporaries, -1 none */
    char path[SAFE_FILE_PATH_MAX];      /* the final name */
    char temporary[SAFE_FILE_PATH_MAX]; /* where it is written */
} safe_file;

/* The mode of files created: 0600, or 0640 with BANGFU_GROUP_READ=1. */
mode_t safe_file_mode(void);

/*
 * Creates the temporary of path (after removing stale ones of dead runs)
 * and opens it for writing.  Errors (BF_EIO) name path and the reason.
 */
int safe_file_create(safe_file *file, const char *path, bf_error *err);

/*
 * Removes the temporaries "BASE.bangfu-PID-*.tmp" of path whose process is
 * gone (killed with SIGKILL, or the machine stopped).  Best effort;
 * safe_file_create() does it too.
 */
void safe_file_remove_stale(const char *path);

/* Closes the file (flushed to disk) and renames it over its final name. */
int safe_file_commit(safe_file *file, bf_error *err);

/* Closes and removes the temporary (a safe_file never created is fine). */
void safe_file_discard(safe_file *file);

/*
 * Creates path empty with safe_file_mode() when it does not exist (never
 * through a symlink), so that a program creating it next (SQLite, which
 * gives its -wal and -shm files the database's mode) keeps that mode.
 * An existing file is left as it is.
 */
int safe_file_create_private(const char *path, bf_error *err);

#endif
