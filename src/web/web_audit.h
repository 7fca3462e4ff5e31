/*
 * web_audit.h - the audit log (table audit_log, migration 0021): who did
 * what, when, from where, with which outcome.  Every entry holds the hash of
 * the entry before it, so that an entry changed, inserted or removed breaks
 * the chain where it lies, which web_audit_verify() finds.  Entries are only
 * ever appended; nothing in bangfu updates or deletes them.
 *
 * What the chain cannot tell: someone able to write the database who
 * recomputes every hash after the change, or who removes entries at the
 * end.  `bangfu audit verify` prints the last sequence number and hash (the
 * head) so that a copy kept elsewhere (a printout, the syslog) shows both.
 *
 * Threads: appends from the threads of one process take turns (a mutex);
 * appends from another process (the CLI) that collide on the next sequence
 * number are retried.
 */
#ifndef BANGFU_WEB_WEB_AUDIT_H
#define BANGFU_WEB_WEB_AUDIT_H

#include "core/error.h"
#include "store/store.h"

#include <stdint.h>

/* Hex digits of an entry's hash (BLAKE2b-256), with the NUL. */
#define WEB_AUDIT_HASH_TEXT_MAX 65
/* Longest field of an entry kept (longer ones are cut at a character boundary). */
#define WEB_AUDIT_FIELD_MAX 2048

/* One event. Every field is text; NULL is stored as "". */
typedef struct web_audit_entry {
    const char *actor;   /* the login (or the one tried), cli:OSUSER */
    const char *address; /* the client's address, or "cli" */
    const char *action;  /* login, logout, view, view_full, write, denied, user_add, ... */
    const char *target;  /* what was seen or changed */
    const char *outcome; /* ok, failed, locked, denied, not_found, invalid, ... */
    const char *detail;  /* JSON text, or NULL */
} web_audit_entry;

/*
 * Appends entry.  Inside a transaction of the caller the entry is part of it
 * (a write and its entry commit together): the caller then holds the log
 * from before its transaction begins until it ends (web_audit_hold and
 * web_audit_release), so that no other thread of the process appends
 * meanwhile.  Else the entry is committed on its own.
 */
int web_audit_append(store *st, const web_audit_entry *entry, bf_error *err);
void web_audit_hold(void);
void web_audit_release(void);

/*
 * The server's audit writer: one thread with its own connection that writes
 * the entries handed to it in batches, one transaction (one sync to disk)
 * per batch.  A request's answer leaves only once its entry is committed
 * (nothing unaudited leaves the server): http_server.c suspends the
 * connection meanwhile, so that its worker serves other connections and the
 * entries of every request at once share one commit.  (A write's entry is
 * part of the write's own transaction instead: web_audit_append.)
 * web_audit_queue_stop() writes what was handed in, then frees the queue.
 */
typedef struct web_audit_queue web_audit_queue;
/* Most entries one transaction of the writer takes; the rest wait for the next. */
#define WEB_AUDIT_BATCH_MAX 1024
/* The longest actor, address, action and outcome, and target and detail, an entry handed over
 * keeps. */
#define WEB_AUDIT_PENDING_SHORT_MAX 128
#define WEB_AUDIT_PENDING_LONG_MAX  1024

/* An entry handed to the writer: its own copies of the fields, and then what became of it. */
typedef struct web_audit_pending web_audit_pending;
/* Called from the writer's thread once the entry is committed or failed (pending->rc). */
typedef void (*web_audit_written)(web_audit_pending *pending, void *context);
struct web_audit_pending {
    web_audit_entry entry; /* points into the buffers below */
    char actor[WEB_AUDIT_PENDING_SHORT_MAX], address[WEB_AUDIT_PENDING_SHORT_MAX];
    char action[WEB_AUDIT_PENDING_SHORT_MAX], outcome[WEB_AUDIT_PENDING_SHORT_MAX];
    char target[WEB_AUDIT_PENDING_LONG_MAX], detail[WEB_AUDIT_PENDING_LONG_MAX];
    int filled; /* 1 once web_audit_pending_fill() ran */
    int rc;     /* BF_OK when committed, else why not (message) */
    char message[BF_ERROR_MESSAGE_MAX];
    web_audit_written written; /* NULL: web_audit_queue_append() waits for it */
    void *context;
    int finished;
    web_audit_pending *next; /* the queue's */
};

int web_audit_queue_start(const char *target, web_audit_queue **out, bf_error *err);
void web_audit_queue_stop(web_audit_queue *queue);
/* Copies entry's fields into pending (longer ones cut at a character boundary). */
void web_audit_pending_fill(web_audit_pending *pending, const web_audit_entry *entry);
/* Hands a filled pending entry to the writer, which calls its written() once it is done. */
void web_audit_queue_submit(web_audit_queue *queue, web_audit_pending *pending);
/* Hands entry to the writer and waits until it is committed: BF_OK, or why it was not. */
int web_audit_queue_append(web_audit_queue *queue, const web_audit_entry *entry, bf_error *err);
/* How many times the writer has started its log over (SQLite; 0 on PostgreSQL), for tests. */
int web_audit_queue_restarts(web_audit_queue *queue);

/* What web_audit_verify() found. */
typedef struct web_audit_report {
    int64_t entries;  /* entries read */
    int64_t last_seq; /* the head: its sequence number and hash */
    char last_hash[WEB_AUDIT_HASH_TEXT_MAX];
    int64_t bad_seq;   /* 0 when the chain holds, else the first entry wrong */
    char problem[512]; /* why, in the user's language */
} web_audit_report;

/* Reads the whole log in order and checks every link: BF_OK (see report->bad_seq) or an error. */
int web_audit_verify(store *st, web_audit_report *report, bf_error *err);

/* "cli:OSUSER" into out, the actor of commands run on the server's console. */
void web_audit_cli_actor(char *out, size_t size);

#endif
