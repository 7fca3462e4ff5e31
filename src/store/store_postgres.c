/*
 * store_postgres.c - the PostgreSQL engine, over libpq.
 *
 * One connection per store.  Statements are server-side prepared statements
 * named "bf_<n>" (prepared once, executed many times: an import runs one
 * INSERT a million times).  '?' placeholders are rewritten to $1..$n and
 * every parameter travels as text.  A SELECT streams its rows in libpq's
 * single-row mode, so exporting a million rows never holds them all.
 *
 * One connection carries one command at a time, but callers (as with SQLite)
 * may leave a SELECT half-read and run another statement.  The engine then
 * reads the rest of the half-read SELECT into that statement's queue
 * ("suspends" it) before sending the new command; the suspended statement
 * goes on returning its rows from the queue.  A COPY (bulk load) in progress
 * owns the connection: other commands fail until bulk_end.
 *
 * Differences from SQLite a caller may notice: a failed statement inside a
 * transaction aborts the whole transaction (the caller must roll back; COMMIT
 * then fails instead of silently rolling back), and bulk_end(keep=0) aborts
 * the COPY, which also aborts the transaction.
 *
 * Ownership: the store owns the PGconn; a statement owns its copies of the
 * bound text and the PGresults it holds; a bulk load owns its send buffer.
 */
#include "store/store.h"

#include <ctype.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Most '?' placeholders in one statement (the protocol counts them in 16 bits). */
#define POSTGRES_PARAMS_MAX 65535
/* Longest text bound to one parameter. */
#define POSTGRES_PARAM_TEXT_MAX ((size_t)1 << 28)
/* Longest statement name, "bf_" and a counter. */
#define POSTGRES_NAME_MAX 32
/* Finalized statements whose DEALLOCATE is deferred and sent together. */
#define POSTGRES_PENDING_MAX 32
/* Most results a suspended statement keeps in its queue (one per row). */
#define POSTGRES_QUEUE_MAX ((size_t)1 << 24)
/* Longest COPY command built for a bulk load. */
#define POSTGRES_BULK_SQL_MAX 4096
/* A bulk load sends its buffer once it holds this many bytes. */
#define POSTGRES_COPY_CHUNK ((size_t)64 * 1024)
/* Largest bulk buffer, i.e. longest single row in COPY text format. */
#define POSTGRES_BULK_BUFFER_MAX ((size_t)1 << 28)
/* The advisory lock key of exclusive writers ("bangfu" in ASCII): one per database. */
#define POSTGRES_EXCLUSIVE_LOCK_KEY "108170603619957"
/* Longest "SET LOCAL lock_timeout" command. */
#define POSTGRES_LOCK_TIMEOUT_SQL_MAX 64

typedef struct postgres_stmt postgres_stmt;
typedef struct postgres_bulk postgres_bulk;

/* An open PostgreSQL store: the common part and the connection's state. */
typedef struct postgres_store {
    store base;
    PGconn *conn;                                /* the one connection, owned */
    unsigned long statements;                    /* counter that names prepared statements */
    postgres_stmt *active;                       /* statement whose results are arriving on conn */
    postgres_bulk *bulk;                         /* the COPY in progress, or NULL */
    unsigned long pending[POSTGRES_PENDING_MAX]; /* finalized statements not yet deallocated */
    int pending_count;                           /* entries used in pending */
} postgres_store;

/* Where a statement is between executions. */
enum postgres_stmt_state {
    POSTGRES_STMT_READY,   /* the next step executes it */
    POSTGRES_STMT_RUNNING, /* executed; results arrive on conn or wait in the queue */
    POSTGRES_STMT_DONE,    /* finished (or failed); the next step executes it again */
};

/* A prepared statement: its server-side name, its bound text and its results. */
struct postgres_stmt {
    store_stmt base;
    unsigned long number;           /* names it "bf_<number>" on the server */
    char name[POSTGRES_NAME_MAX];   /* "bf_<number>", for PQsendQueryPrepared */
    int param_count;                /* '?' placeholders, PQprepare's nParams */
    char **buffers;                 /* per parameter: owned copy of the bound text, or NULL */
    size_t *capacities;             /* per parameter: bytes allocated in buffers[i] */
    const char **params;            /* per parameter: buffers[i], or NULL for SQL NULL */
    enum postgres_stmt_state state; /* ready, running or done */
    PGresult *row;                  /* the current row (PGRES_SINGLE_TUPLE), or NULL */
    int columns;                    /* result columns, -1 until known */
    PGresult **queue;               /* results read ahead while suspended, owned */
    size_t queue_head;              /* next result to return from queue */
    size_t queue_count;             /* results stored in queue */
    size_t queue_capacity;          /* entries allocated in queue */
    int overflow; /* 1 when the queue hit POSTGRES_QUEUE_MAX and results were lost */
};

/* A COPY FROM STDIN in progress and the rows not yet sent. */
struct postgres_bulk {
    store_bulk base;
    int count;       /* values per row */
    char *buffer;    /* rows in COPY text format not yet sent, owned */
    size_t used;     /* bytes of buffer in use */
    size_t capacity; /* bytes allocated for buffer */
    int failed;      /* 1 once sending failed: the load can only be abandoned */
};

/* libpq's notice processor: NOTICEs ("relation already exists, skipping") are not for users. */
static void postgres_ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Copies message into the store's error, without the trailing newline libpq adds. */
static void postgres_set_error(postgres_store *st, const char *message)
{
    snprintf(st->base.error, sizeof st->base.error, "%s",
             message != NULL && message[0] != '\0' ? message : "unknown PostgreSQL error");
    size_t length = strlen(st->base.error);
    while (length > 0 && isspace((unsigned char)st->base.error[length - 1]))
        st->base.error[--length] = '\0';
}

/* Records the connection's message and returns BF_ESTORE. */
static int postgres_fail(postgres_store *st)
{
    postgres_set_error(st, PQerrorMessage(st->conn));
    return BF_ESTORE;
}

/* Records the message of a failed result (or of the connection) and returns BF_ESTORE. */
static int postgres_fail_result(postgres_store *st, const PGresult *res)
{
    const char *message = res != NULL ? PQresultErrorMessage(res) : NULL;
    if (message == NULL || message[0] == '\0')
        message = PQerrorMessage(st->conn);
    postgres_set_error(st, message);
    return BF_ESTORE;
}

static int postgres_open(const char *target, store_mode mode, store **out, bf_error *err)
{
    *out = NULL;
    char shown[STORE_TARGET_SHOWN_MAX];
    postgres_store *st = calloc(1, sizeof *st);
    if (st == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    st->base.engine = &store_postgres_engine;
    /*
     * expand_dbname=1: target may be a URL or a key=value string.  Keywords
     * are applied in order, so the target may override the timeout and the
     * application name but never the client encoding: text is always UTF-8.
     */
    const char *const keywords[] = {"connect_timeout", "application_name", "dbname",
                                    "client_encoding", NULL};
    const char *const values[] = {"10", "bangfu", target, "UTF8", NULL};
    st->conn = PQconnectdbParams(keywords, values, 1);
    if (st->conn == NULL) {
        snprintf(st->base.error, sizeof st->base.error, "out of memory");
        goto fail;
    }
    if (PQstatus(st->conn) != CONNECTION_OK) {
        postgres_fail(st);
        goto fail;
    }
    PQsetNoticeProcessor(st->conn, postgres_ignore_notice, NULL);
    if (mode == STORE_MODE_READ) {
        /* Reading commands: the server refuses any write of this session. */
        PGresult *res = PQexec(st->conn, "SET default_transaction_read_only = on");
        int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
        if (!ok)
            postgres_fail_result(st, res);
        PQclear(res);
        if (!ok)
            goto fail;
    }
    *out = &st->base;
    return BF_OK;
fail:
    store_target_shown(target, shown, sizeof shown);
    bf_error_set(err, BF_ESTORE,
                 BF_TR("无法连接 PostgreSQL 数据库“%s”：%s",
                       "cannot connect to PostgreSQL database '%s': %s"),
                 shown, st->base.error);
    PQfinish(st->conn);
    free(st);
    return BF_ESTORE;
}

static int postgres_server_version(store *base)
{
    return PQserverVersion(((postgres_store *)base)->conn);
}

static void postgres_close(store *base)
{
    postgres_store *st = (postgres_store *)base;
    PQfinish(st->conn); /* ends the session: its prepared statements go with it */
    free(st);
}

/*
 * Ends a COPY the connection is in (status is the result that announced it)
 * so that the next PQgetResult gives the COPY's final result.  COPY data
 * belong to bulk loads: COPY IN is aborted, COPY OUT data are read and
 * dropped.  Returns 0 when the COPY cannot be ended (COPY BOTH, a broken
 * connection): the caller must stop reading results or it would spin.
 */
static int postgres_end_copy(postgres_store *st, ExecStatusType status)
{
    if (status == PGRES_COPY_IN)
        return PQputCopyEnd(st->conn, "COPY is only supported through bulk loads") == 1;
    if (status == PGRES_COPY_OUT) {
        char *data = NULL;
        int got;
        while ((got = PQgetCopyData(st->conn, &data, 0)) > 0) {
            PQfreemem(data);
            data = NULL;
        }
        return got == -1;
    }
    return 0;
}

/* True for the results that put the connection in a COPY. */
static int postgres_is_copy_status(ExecStatusType status)
{
    return status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH;
}

/* Reads and frees every remaining result of the command on the connection. */
static void postgres_discard_results(postgres_store *st)
{
    PGresult *res;
    while ((res = PQgetResult(st->conn)) != NULL) {
        ExecStatusType status = PQresultStatus(res);
        PQclear(res);
        if (postgres_is_copy_status(status) && !postgres_end_copy(st, status))
            break;
    }
}

/* Frees the results a suspended statement still holds in its queue. */
static void postgres_clear_queue(postgres_stmt *stmt)
{
    for (size_t i = stmt->queue_head; i < stmt->queue_count; i++)
        PQclear(stmt->queue[i]);
    stmt->queue_head = 0;
    stmt->queue_count = 0;
    stmt->overflow = 0;
}

/*
 * Reads every remaining result of the active statement into its queue so the
 * connection is free for another command.  Past POSTGRES_QUEUE_MAX results
 * are dropped and the statement remembers it (its next steps fail).
 */
static void postgres_suspend(postgres_store *st)
{
    postgres_stmt *stmt = st->active;
    PGresult *res;
    while ((res = PQgetResult(st->conn)) != NULL) {
        ExecStatusType status = PQresultStatus(res);
        if (postgres_is_copy_status(status)) { /* refused at prepare; never spin on it */
            PQclear(res);
            if (!postgres_end_copy(st, status))
                break;
            continue;
        }
        if (stmt->queue_count == stmt->queue_capacity && !stmt->overflow) {
            size_t capacity = stmt->queue_capacity ? stmt->queue_capacity * 2 : 64;
            PGresult **grown = NULL;
            if (capacity <= POSTGRES_QUEUE_MAX)
                grown = realloc(stmt->queue, capacity * sizeof *grown);
            if (grown == NULL) {
                stmt->overflow = 1;
            } else {
                stmt->queue = grown;
                stmt->queue_capacity = capacity;
            }
        }
        if (stmt->overflow)
            PQclear(res);
        else
            stmt->queue[stmt->queue_count++] = res;
    }
    st->active = NULL;
}

/*
 * Makes the connection ready for a new command: fails while a COPY owns it,
 * suspends a statement whose results are still arriving.
 */
static int postgres_claim(postgres_store *st)
{
    if (st->bulk != NULL) {
        snprintf(st->base.error, sizeof st->base.error, "%s",
                 BF_TR("批量载入进行中，须先结束", "a bulk load is in progress; end it first"));
        return BF_ESTORE;
    }
    if (st->active != NULL)
        postgres_suspend(st);
    return BF_OK;
}

/* Runs one command that returns no rows (BEGIN, COMMIT, ...) and keeps its result in *res. */
static int postgres_command(postgres_store *st, const char *sql, PGresult **res)
{
    *res = NULL;
    int rc = postgres_claim(st);
    if (rc != BF_OK)
        return rc;
    *res = PQexec(st->conn, sql);
    ExecStatusType status = PQresultStatus(*res);
    if (*res == NULL ||
        (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY))
        return postgres_fail_result(st, *res);
    return BF_OK;
}

/*
 * Ends a COPY that a plain exec started: COPY data belong to bulk_begin, so
 * it is refused, and the connection is brought back to idle.
 */
static void postgres_refuse_copy(postgres_store *st, const PGresult *res)
{
    if (postgres_end_copy(st, PQresultStatus(res)))
        postgres_discard_results(st);
    snprintf(
        st->base.error, sizeof st->base.error, "%s",
        BF_TR("exec 不支持 COPY，请用批量载入", "COPY is not supported by exec; use a bulk load"));
}

/* Runs sql (several statements allowed, no placeholders) in one round trip. */
static int postgres_exec(store *base, const char *sql)
{
    postgres_store *st = (postgres_store *)base;
    PGresult *res = NULL;
    int rc = postgres_claim(st);
    if (rc != BF_OK)
        goto out;
    res = PQexec(st->conn, sql);
    switch (PQresultStatus(res)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
        rc = BF_OK;
        break;
    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
    case PGRES_COPY_BOTH:
        postgres_refuse_copy(st, res);
        rc = BF_ESTORE;
        break;
    default:
        rc = postgres_fail_result(st, res);
        break;
    }
out:
    PQclear(res);
    return rc;
}

/* True when c may continue an identifier or a keyword (so E'...' and $tag$ are recognised). */
static int postgres_is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/*
 * Length of the dollar-quote tag starting at p ("$$" or "$tag$"), 0 when p
 * does not start one.
 */
static size_t postgres_dollar_tag(const char *p)
{
    size_t i = 1;
    if (isalpha((unsigned char)p[i]) || p[i] == '_' || (unsigned char)p[i] >= 0x80) {
        while (isalnum((unsigned char)p[i]) || p[i] == '_' || (unsigned char)p[i] >= 0x80)
            i++;
    }
    return p[i] == '$' ? i + 1 : 0;
}

/*
 * Returns a malloc'd copy of sql with each '?' placeholder replaced by $1,
 * $2, ... and its count in *count.  A '?' inside a string ('...', E'...',
 * $$...$$), a quoted identifier ("...") or a comment (-- and block) is left
 * alone.  NULL on allocation failure or too many placeholders.
 */
static char *postgres_rewrite_placeholders(const char *sql, int *count)
{
    size_t length = strlen(sql);
    size_t marks = 0;
    for (const char *p = sql; *p != '\0'; p++)
        marks += *p == '?';
    *count = 0;
    if (marks > POSTGRES_PARAMS_MAX)
        return NULL;
    char *rewritten = malloc(length + marks * 6 + 1); /* "?" -> at most "$65535" */
    if (rewritten == NULL)
        return NULL;
    char *out = rewritten;
    const char *p = sql;
    while (*p != '\0') {
        if (*p == '\'') {
            int backslash = p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
                            (p - 1 == sql || !postgres_is_word_char(p[-2]));
            *out++ = *p++;
            while (*p != '\0') {
                if (backslash && *p == '\\' && p[1] != '\0') {
                    *out++ = *p++;
                } else if (*p == '\'') {
                    if (p[1] != '\'')
                        break;
                    *out++ = *p++; /* '' inside a string */
                }
                *out++ = *p++;
            }
            if (*p == '\'')
                *out++ = *p++;
        } else if (*p == '"') {
            *out++ = *p++;
            while (*p != '\0' && *p != '"')
                *out++ = *p++;
            if (*p == '"')
                *out++ = *p++;
        } else if (p[0] == '-' && p[1] == '-') {
            while (*p != '\0' && *p != '\n')
                *out++ = *p++;
        } else if (p[0] == '/' && p[1] == '*') {
            int depth = 0; /* PostgreSQL block comments nest */
            do {
                if (p[0] == '/' && p[1] == '*') {
                    depth++;
                    *out++ = *p++;
                } else if (p[0] == '*' && p[1] == '/') {
                    depth--;
                    *out++ = *p++;
                }
                *out++ = *p++;
            } while (*p != '\0' && depth > 0);
        } else if (*p == '$' && (p == sql || !postgres_is_word_char(p[-1])) &&
                   postgres_dollar_tag(p) > 0) {
            size_t tag = postgres_dollar_tag(p);
            const char *open = p;
            memcpy(out, p, tag);
            out += tag;
            p += tag;
            while (*p != '\0' && strncmp(p, open, tag) != 0)
                *out++ = *p++;
            if (*p != '\0') {
                memcpy(out, p, tag);
                out += tag;
                p += tag;
            }
        } else if (*p == '?') {
            *count += 1;
            out += sprintf(out, "$%d", *count);
            p++;
        } else {
            *out++ = *p++;
        }
    }
    *out = '\0';
    return rewritten;
}

/*
 * True when sql is a COPY (its first word, after blanks, comments and
 * parentheses).  COPY goes through bulk_begin; as a statement its data would
 * have nowhere to go.
 */
static int postgres_is_copy(const char *sql)
{
    const char *p = sql;
    for (;;) {
        if (isspace((unsigned char)*p) || *p == '(') {
            p++;
        } else if (p[0] == '-' && p[1] == '-') {
            p += strcspn(p, "\n");
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            p = end != NULL ? end + 2 : p + strlen(p);
        } else {
            break;
        }
    }
    return strncasecmp(p, "copy", 4) == 0 && !postgres_is_word_char(p[4]);
}

/* Frees a statement's client-side parts (not the server-side prepared statement). */
static void postgres_free_stmt(postgres_stmt *stmt)
{
    if (stmt == NULL)
        return;
    PQclear(stmt->row);
    postgres_clear_queue(stmt);
    free(stmt->queue);
    for (int i = 0; stmt->buffers != NULL && i < stmt->param_count; i++)
        free(stmt->buffers[i]);
    free(stmt->buffers);
    free(stmt->capacities);
    free(stmt->params);
    free(stmt);
}

static int postgres_prepare(store *base, const char *sql, store_stmt **out)
{
    postgres_store *st = (postgres_store *)base;
    postgres_stmt *stmt = NULL;
    PGresult *res = NULL;
    char *rewritten = NULL;
    int count = 0;
    *out = NULL;
    int rc = postgres_claim(st);
    if (rc != BF_OK)
        goto out;
    if (postgres_is_copy(sql)) {
        snprintf(st->base.error, sizeof st->base.error, "%s",
                 BF_TR("COPY 须通过批量载入执行", "COPY is only supported through bulk loads"));
        rc = BF_EUNSUPPORTED;
        goto out;
    }
    rewritten = postgres_rewrite_placeholders(sql, &count);
    stmt = calloc(1, sizeof *stmt);
    if (rewritten == NULL || stmt == NULL) {
        snprintf(st->base.error, sizeof st->base.error, "%s",
                 BF_TR("内存不足或占位符过多", "out of memory or too many placeholders"));
        rc = BF_ENOMEM;
        goto out;
    }
    stmt->base.owner = base;
    stmt->columns = -1;
    stmt->param_count = count;
    if (count > 0) {
        stmt->buffers = calloc((size_t)count, sizeof *stmt->buffers);
        stmt->capacities = calloc((size_t)count, sizeof *stmt->capacities);
        stmt->params = calloc((size_t)count, sizeof *stmt->params);
        if (stmt->buffers == NULL || stmt->capacities == NULL || stmt->params == NULL) {
            snprintf(st->base.error, sizeof st->base.error, "out of memory");
            rc = BF_ENOMEM;
            goto out;
        }
    }
    stmt->number = ++st->statements;
    snprintf(stmt->name, sizeof stmt->name, "bf_%lu", stmt->number);
    /* nParams with no types: the server infers each parameter's type from its use */
    res = PQprepare(st->conn, stmt->name, rewritten, count, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        rc = postgres_fail_result(st, res);
        goto out;
    }
    *out = &stmt->base;
    stmt = NULL;
    rc = BF_OK;
out:
    PQclear(res);
    free(rewritten);
    postgres_free_stmt(stmt);
    return rc;
}

/* Checks a 1-based parameter index; records a message when it is out of range. */
static int postgres_check_index(postgres_stmt *stmt, int index)
{
    if (index >= 1 && index <= stmt->param_count)
        return BF_OK;
    postgres_store *st = (postgres_store *)stmt->base.owner;
    snprintf(st->base.error, sizeof st->base.error,
             BF_TR("参数序号 %d 超出范围（共 %d 个）",
                   "parameter index %d out of range (%d parameters)"),
             index, stmt->param_count);
    return BF_ESTORE;
}

/* Copies value (NULL: SQL NULL) into parameter index, reusing its buffer. */
static int postgres_bind(postgres_stmt *stmt, int index, const char *value)
{
    int rc = postgres_check_index(stmt, index);
    if (rc != BF_OK)
        return rc;
    int i = index - 1;
    if (value == NULL) {
        stmt->params[i] = NULL;
        return BF_OK;
    }
    size_t length = strlen(value);
    if (length >= POSTGRES_PARAM_TEXT_MAX) {
        postgres_store *st = (postgres_store *)stmt->base.owner;
        snprintf(st->base.error, sizeof st->base.error,
                 BF_TR("参数 %d 过长", "parameter %d is too long"), index);
        return BF_ETOOBIG;
    }
    if (length + 1 > stmt->capacities[i]) {
        size_t capacity = length + 1 < 32 ? 32 : length + 1;
        char *grown = realloc(stmt->buffers[i], capacity);
        if (grown == NULL) {
            postgres_store *st = (postgres_store *)stmt->base.owner;
            snprintf(st->base.error, sizeof st->base.error, "out of memory");
            return BF_ENOMEM;
        }
        stmt->buffers[i] = grown;
        stmt->capacities[i] = capacity;
    }
    memcpy(stmt->buffers[i], value, length + 1);
    stmt->params[i] = stmt->buffers[i];
    return BF_OK;
}

static int postgres_bind_text(store_stmt *base, int index, const char *value)
{
    return postgres_bind((postgres_stmt *)base, index, value);
}

static int postgres_bind_int64(store_stmt *base, int index, int64_t value)
{
    char text[32];
    snprintf(text, sizeof text, "%" PRId64, value);
    return postgres_bind((postgres_stmt *)base, index, text);
}

static int postgres_bind_null(store_stmt *base, int index)
{
    return postgres_bind((postgres_stmt *)base, index, NULL);
}

/*
 * Ends the statement's current execution: discards what is left of its
 * results (on the connection or in its queue) and its current row.
 */
static void postgres_finish(postgres_stmt *stmt)
{
    postgres_store *st = (postgres_store *)stmt->base.owner;
    PQclear(stmt->row);
    stmt->row = NULL;
    if (st->active == stmt) {
        postgres_discard_results(st);
        st->active = NULL;
    }
    postgres_clear_queue(stmt);
    stmt->state = POSTGRES_STMT_DONE;
}

/* Sends the statement with its bound parameters; its results then stream one row at a time. */
static int postgres_execute(postgres_stmt *stmt)
{
    postgres_store *st = (postgres_store *)stmt->base.owner;
    postgres_finish(stmt);
    int rc = postgres_claim(st);
    if (rc != BF_OK)
        return rc;
    if (!PQsendQueryPrepared(st->conn, stmt->name, stmt->param_count, stmt->params, NULL, NULL, 0))
        return postgres_fail(st);
    st->active = stmt;
    stmt->state = POSTGRES_STMT_RUNNING;
    if (!PQsetSingleRowMode(st->conn)) {
        postgres_finish(stmt);
        snprintf(st->base.error, sizeof st->base.error, "cannot stream rows (single-row mode)");
        return BF_ESTORE;
    }
    return BF_OK;
}

/* The statement's next result: from its queue when suspended, else from the connection. */
static PGresult *postgres_next_result(postgres_stmt *stmt)
{
    postgres_store *st = (postgres_store *)stmt->base.owner;
    if (stmt->queue_head < stmt->queue_count)
        return stmt->queue[stmt->queue_head++];
    if (st->active == stmt)
        return PQgetResult(st->conn);
    return NULL;
}

/*
 * Executes the statement when it is not running (the first step after
 * prepare, bind or reset, or after it finished, as SQLite does), then
 * returns its next row (BF_ROW), its end (BF_DONE) or its error.
 */
static int postgres_step(store_stmt *base)
{
    postgres_stmt *stmt = (postgres_stmt *)base;
    postgres_store *st = (postgres_store *)base->owner;
    PQclear(stmt->row);
    stmt->row = NULL;
    if (stmt->state != POSTGRES_STMT_RUNNING) {
        int rc = postgres_execute(stmt);
        if (rc != BF_OK)
            return rc;
    }
    PGresult *res = postgres_next_result(stmt);
    if (res == NULL) {
        int overflow = stmt->overflow;
        postgres_finish(stmt);
        if (overflow) {
            snprintf(
                st->base.error, sizeof st->base.error, "%s",
                BF_TR("未读完的查询结果过多", "too many unread rows held for a suspended query"));
            return BF_ESTORE;
        }
        return postgres_fail(st);
    }
    int rc;
    switch (PQresultStatus(res)) {
    case PGRES_SINGLE_TUPLE:
        stmt->row = res;
        stmt->columns = PQnfields(res);
        return BF_ROW;
    case PGRES_TUPLES_OK:
    case PGRES_COMMAND_OK:
    case PGRES_EMPTY_QUERY:
        stmt->columns = PQnfields(res);
        rc = BF_DONE;
        break;
    default:
        rc = postgres_fail_result(st, res);
        break;
    }
    PQclear(res);
    postgres_finish(stmt);
    return rc;
}

/* The number of result columns; asks the server once when no result has told it yet. */
static int postgres_column_count(store_stmt *base)
{
    postgres_stmt *stmt = (postgres_stmt *)base;
    postgres_store *st = (postgres_store *)base->owner;
    if (stmt->row != NULL)
        return PQnfields(stmt->row);
    if (stmt->columns >= 0)
        return stmt->columns;
    if (postgres_claim(st) != BF_OK)
        return 0;
    PGresult *res = PQdescribePrepared(st->conn, stmt->name);
    if (PQresultStatus(res) == PGRES_COMMAND_OK)
        stmt->columns = PQnfields(res);
    else
        postgres_fail_result(st, res);
    PQclear(res);
    return stmt->columns >= 0 ? stmt->columns : 0;
}

static const char *postgres_column_text(store_stmt *base, int column)
{
    const PGresult *row = ((postgres_stmt *)base)->row;
    if (row == NULL || column < 0 || column >= PQnfields(row) || PQgetisnull(row, 0, column))
        return NULL;
    return PQgetvalue(row, 0, column);
}

/* The column as an integer: 0 for NULL, 1/0 for booleans ('t'/'f'), else strtoll's reading. */
static int64_t postgres_column_int64(store_stmt *base, int column)
{
    const char *text = postgres_column_text(base, column);
    if (text == NULL)
        return 0;
    if (text[0] == 't' && text[1] == '\0')
        return 1;
    return (int64_t)strtoll(text, NULL, 10);
}

static int postgres_column_is_null(store_stmt *base, int column)
{
    return postgres_column_text(base, column) == NULL;
}

static int postgres_reset(store_stmt *base)
{
    postgres_stmt *stmt = (postgres_stmt *)base;
    postgres_finish(stmt);
    stmt->state = POSTGRES_STMT_READY;
    return BF_OK;
}

/*
 * Sends one DEALLOCATE for every deferred statement.  Skipped (the names are
 * forgotten; the server frees them when the session ends) when the
 * connection is busy with a COPY or the transaction has failed, where
 * DEALLOCATE is refused.
 */
static void postgres_flush_pending(postgres_store *st)
{
    char sql[POSTGRES_PENDING_MAX * (POSTGRES_NAME_MAX + 16)];
    size_t used = 0;
    int claimed = postgres_claim(st) == BF_OK; /* after it, the connection is not busy */
    PGTransactionStatusType status = PQtransactionStatus(st->conn);
    if (claimed && (status == PQTRANS_IDLE || status == PQTRANS_INTRANS)) {
        for (int i = 0; i < st->pending_count; i++)
            used += (size_t)snprintf(sql + used, sizeof sql - used, "DEALLOCATE bf_%lu;",
                                     st->pending[i]);
        PQclear(PQexec(st->conn, sql));
    }
    st->pending_count = 0;
}

/*
 * Frees the statement.  Its DEALLOCATE is deferred and sent with others
 * (one round trip per POSTGRES_PENDING_MAX statements instead of one each),
 * which keeps prepare-step-finalize helpers such as store_query_int64 cheap.
 */
static void postgres_finalize(store_stmt *base)
{
    postgres_stmt *stmt = (postgres_stmt *)base;
    postgres_store *st = (postgres_store *)base->owner;
    postgres_finish(stmt);
    if (st->pending_count == POSTGRES_PENDING_MAX)
        postgres_flush_pending(st);
    st->pending[st->pending_count++] = stmt->number;
    postgres_free_stmt(stmt);
}

static int postgres_begin(store *base)
{
    PGresult *res = NULL;
    int rc = postgres_command((postgres_store *)base, "BEGIN", &res);
    PQclear(res);
    return rc;
}

static int postgres_begin_snapshot(store *base)
{
    PGresult *res = NULL;
    int rc = postgres_command((postgres_store *)base,
                              "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", &res);
    PQclear(res);
    return rc;
}

/*
 * COMMIT of a transaction in which a statement failed rolls it back and
 * still "succeeds" (command tag ROLLBACK): that is reported as an error so
 * that a caller never believes lost work was saved.
 */
static int postgres_commit(store *base)
{
    postgres_store *st = (postgres_store *)base;
    PGresult *res = NULL;
    int rc = postgres_command(st, "COMMIT", &res);
    if (rc == BF_OK && strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
        snprintf(st->base.error, sizeof st->base.error, "%s",
                 BF_TR("事务中有语句失败，已回滚，未提交",
                       "the transaction was rolled back, not committed: a statement in it failed"));
        rc = BF_ESTORE;
    }
    PQclear(res);
    return rc;
}

static int postgres_rollback(store *base)
{
    PGresult *res = NULL;
    int rc = postgres_command((postgres_store *)base, "ROLLBACK", &res);
    PQclear(res);
    return rc;
}

/* Runs a one-row, one-column query and tells whether its value is true ('t'). */
static int postgres_query_true(postgres_store *st, const char *sql, int *value)
{
    PGresult *res = NULL;
    int rc = postgres_command(st, sql, &res);
    *value = rc == BF_OK && PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return rc;
}

/*
 * BEGIN, then the transaction-scoped advisory lock of exclusive writers:
 * tried first; when another import holds it, waiting is told and the lock
 * awaited (lock_timeout bounds the wait).  The lock goes with the
 * transaction (commit, rollback, a killed client).  Readers never take it.
 */
static int postgres_begin_exclusive(store *base, int64_t wait_ms, store_waiting waiting,
                                    void *context)
{
    postgres_store *st = (postgres_store *)base;
    char sql[POSTGRES_LOCK_TIMEOUT_SQL_MAX];
    PGresult *res = NULL;
    int locked = 0;
    int rc = postgres_command(st, "BEGIN", &res);
    PQclear(res);
    if (rc != BF_OK)
        return rc;
    rc = postgres_query_true(
        st, "SELECT pg_try_advisory_xact_lock(" POSTGRES_EXCLUSIVE_LOCK_KEY ")", &locked);
    if (rc == BF_OK && !locked && wait_ms != 0) {
        if (waiting != NULL)
            waiting(context);
        snprintf(sql, sizeof sql, "SET LOCAL lock_timeout = %" PRId64, wait_ms < 0 ? 0 : wait_ms);
        rc = postgres_command(st, sql, &res);
        PQclear(res);
        if (rc == BF_OK) {
            rc = postgres_command(
                st, "SELECT pg_advisory_xact_lock(" POSTGRES_EXCLUSIVE_LOCK_KEY ")", &res);
            /* 55P03 lock_not_available: the wait ran out */
            const char *state = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
            locked = rc == BF_OK;
            if (rc != BF_OK && state != NULL && strcmp(state, "55P03") == 0)
                rc = BF_OK;
            PQclear(res);
        }
        if (rc == BF_OK && locked) {
            rc = postgres_command(st, "SET LOCAL lock_timeout = DEFAULT", &res);
            PQclear(res);
        }
    }
    if (rc == BF_OK && locked)
        return BF_OK;
    if (rc == BF_OK) {
        snprintf(st->base.error, sizeof st->base.error, "%s",
                 BF_TR("另一个导入正在写入该数据库", "another import is writing to this database"));
        rc = BF_EBUSY;
    }
    char kept[STORE_ERROR_MAX];
    memcpy(kept, st->base.error, sizeof kept); /* the rollback must not hide why */
    postgres_rollback(base);
    memcpy(st->base.error, kept, sizeof kept);
    return rc;
}

/* Starts COPY table (columns) FROM STDIN in text format; rows then go into a local buffer. */
static int postgres_bulk_begin(store *base, const char *table, const char *const *columns,
                               int count, store_bulk **out)
{
    postgres_store *st = (postgres_store *)base;
    postgres_bulk *bulk = NULL;
    PGresult *res = NULL;
    char sql[POSTGRES_BULK_SQL_MAX];
    *out = NULL;
    int rc = postgres_claim(st);
    if (rc != BF_OK)
        goto out;
    size_t used = (size_t)snprintf(sql, sizeof sql, "COPY %s (", table);
    for (int i = 0; i < count && used < sizeof sql; i++)
        used += (size_t)snprintf(sql + used, sizeof sql - used, "%s%s", i ? "," : "", columns[i]);
    if (used < sizeof sql)
        used += (size_t)snprintf(sql + used, sizeof sql - used, ") FROM STDIN");
    if (count < 1 || used >= sizeof sql) {
        snprintf(st->base.error, sizeof st->base.error, "bulk load into %s: bad column list",
                 table);
        rc = BF_ETOOBIG;
        goto out;
    }
    bulk = calloc(1, sizeof *bulk);
    if (bulk != NULL)
        bulk->buffer = malloc(POSTGRES_COPY_CHUNK * 2);
    if (bulk == NULL || bulk->buffer == NULL) {
        snprintf(st->base.error, sizeof st->base.error, "out of memory");
        rc = BF_ENOMEM;
        goto out;
    }
    bulk->capacity = POSTGRES_COPY_CHUNK * 2;
    bulk->base.owner = base;
    bulk->count = count;
    res = PQexec(st->conn, sql);
    if (PQresultStatus(res) != PGRES_COPY_IN) {
        rc = postgres_fail_result(st, res);
        goto out;
    }
    st->bulk = bulk;
    *out = &bulk->base;
    bulk = NULL;
    rc = BF_OK;
out:
    PQclear(res);
    if (bulk != NULL)
        free(bulk->buffer);
    free(bulk);
    return rc;
}

/* Sends the buffered rows to the server. */
static int postgres_bulk_flush(postgres_bulk *bulk)
{
    postgres_store *st = (postgres_store *)bulk->base.owner;
    if (bulk->used == 0)
        return BF_OK;
    if (bulk->used > (size_t)INT32_MAX ||
        PQputCopyData(st->conn, bulk->buffer, (int)bulk->used) != 1) {
        bulk->failed = 1;
        return postgres_fail(st);
    }
    bulk->used = 0;
    return BF_OK;
}

/*
 * Appends one row in COPY text format: values separated by tabs, NULL as
 * \N, and backslash, tab, newline and carriage return escaped.
 */
static int postgres_bulk_row(store_bulk *base, const char *const *values)
{
    postgres_bulk *bulk = (postgres_bulk *)base;
    postgres_store *st = (postgres_store *)base->owner;
    if (bulk->failed) {
        snprintf(st->base.error, sizeof st->base.error, "%s",
                 BF_TR("批量载入已失败", "the bulk load has already failed"));
        return BF_ESTORE;
    }
    size_t needed = 0; /* worst case: every byte escaped */
    for (int i = 0; i < bulk->count; i++)
        needed += (values[i] != NULL ? 2 * strlen(values[i]) : 2) + 1;
    if (bulk->used + needed > bulk->capacity) {
        size_t capacity = bulk->capacity;
        while (capacity < bulk->used + needed && capacity <= POSTGRES_BULK_BUFFER_MAX)
            capacity *= 2;
        char *grown = capacity <= POSTGRES_BULK_BUFFER_MAX ? realloc(bulk->buffer, capacity) : NULL;
        if (grown == NULL) {
            snprintf(st->base.error, sizeof st->base.error, "%s",
                     BF_TR("批量载入的一行过长", "a row of the bulk load is too long"));
            return BF_ETOOBIG;
        }
        bulk->buffer = grown;
        bulk->capacity = capacity;
    }
    char *out = bulk->buffer + bulk->used;
    for (int i = 0; i < bulk->count; i++) {
        if (i > 0)
            *out++ = '\t';
        if (values[i] == NULL) {
            *out++ = '\\';
            *out++ = 'N';
            continue;
        }
        for (const char *p = values[i]; *p != '\0'; p++) {
            switch (*p) {
            case '\\':
                *out++ = '\\';
                *out++ = '\\';
                break;
            case '\t':
                *out++ = '\\';
                *out++ = 't';
                break;
            case '\n':
                *out++ = '\\';
                *out++ = 'n';
                break;
            case '\r':
                *out++ = '\\';
                *out++ = 'r';
                break;
            default:
                *out++ = *p;
                break;
            }
        }
    }
    *out++ = '\n';
    bulk->used = (size_t)(out - bulk->buffer);
    return bulk->used >= POSTGRES_COPY_CHUNK ? postgres_bulk_flush(bulk) : BF_OK;
}

/*
 * keep=1: sends the rest and ends the COPY; the server's verdict (a bad
 * value, a duplicate key) comes back here.  keep=0: aborts the COPY, so
 * nothing of it is stored (inside a transaction, the transaction is then
 * failed and the caller rolls back).  Always frees bulk.
 */
static int postgres_bulk_end(store_bulk *base, int keep)
{
    postgres_bulk *bulk = (postgres_bulk *)base;
    postgres_store *st = (postgres_store *)base->owner;
    int rc = BF_OK;
    if (keep)
        rc = bulk->failed ? BF_ESTORE : postgres_bulk_flush(bulk);
    int sent = keep && rc == BF_OK ? PQputCopyEnd(st->conn, NULL)
                                   : PQputCopyEnd(st->conn, "bulk load abandoned");
    if (sent != 1 && keep && rc == BF_OK)
        rc = postgres_fail(st);
    PGresult *res;
    while ((res = PQgetResult(st->conn)) != NULL) {
        ExecStatusType status = PQresultStatus(res);
        if (keep && rc == BF_OK && status != PGRES_COMMAND_OK)
            rc = postgres_fail_result(st, res);
        PQclear(res);
        if (postgres_is_copy_status(status))
            break; /* the copy could not be ended: the connection is broken */
    }
    st->bulk = NULL;
    free(bulk->buffer);
    free(bulk);
    return rc;
}

const store_engine store_postgres_engine = {
    .name = "postgresql",
    .open = postgres_open,
    .server_version = postgres_server_version,
    .close = postgres_close,
    .exec = postgres_exec,
    .prepare = postgres_prepare,
    .bind_text = postgres_bind_text,
    .bind_int64 = postgres_bind_int64,
    .bind_null = postgres_bind_null,
    .step = postgres_step,
    .column_count = postgres_column_count,
    .column_text = postgres_column_text,
    .column_int64 = postgres_column_int64,
    .column_is_null = postgres_column_is_null,
    .reset = postgres_reset,
    .finalize = postgres_finalize,
    .begin = postgres_begin,
    .begin_snapshot = postgres_begin_snapshot,
    .commit = postgres_commit,
    .rollback = postgres_rollback,
    .bulk_begin = postgres_bulk_begin,
    .bulk_row = postgres_bulk_row,
    .bulk_end = postgres_bulk_end,
    .begin_exclusive = postgres_begin_exclusive,
    .ddl_blocks_readers = 1,
    .remote = 1,
    .prefer_index_sql = "SET LOCAL enable_seqscan = off",
    .prefer_index_undo_sql = "SET LOCAL enable_seqscan = on",
};
