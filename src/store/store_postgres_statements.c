/*
 * store_postgres_statements.c - the PostgreSQL engine's prepared statements:
 * '?' rewritten to $n, server-side PREPARE, text parameters, results
 * streamed in single-row mode, suspension of a half-read SELECT when another
 * command needs the connection, and deferred DEALLOCATE; reads to the end
 * (store_rows) as a cursor fetched in batches (see store_postgres.c for the
 * whole engine).
 */
#include "store/store_postgres_private.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Frees the results a suspended statement still holds in its queue. */
static void postgres_clear_queue(postgres_stmt *stmt)
{
    for (size_t i = stmt->queue_head; i < stmt->queue_count; i++)
        postgres_libpq.PQclear(stmt->queue[i]);
    stmt->queue_head = 0;
    stmt->queue_count = 0;
    stmt->overflow = 0;
}

/*
 * Reads every remaining result of the active statement into its queue so the
 * connection is free for another command.  Past POSTGRES_QUEUE_MAX results
 * are dropped and the statement remembers it (its next steps fail).
 */
void postgres_suspend(postgres_store *st)
{
    postgres_stmt *stmt = st->active;
    PGresult *res;
    while ((res = postgres_libpq.PQgetResult(st->conn)) != NULL) {
        ExecStatusType status = postgres_libpq.PQresultStatus(res);
        if (postgres_is_copy_status(status)) { /* refused at prepare; never spin on it */
            postgres_libpq.PQclear(res);
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
            postgres_libpq.PQclear(res);
        else
            stmt->queue[stmt->queue_count++] = res;
    }
    st->active = NULL;
}

/* True when c may continue an identifier or a keyword (so E'...' and $tag$ are recognised). */
int postgres_is_word_char(char c)
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
    if (marks > POSTGRES_PARAMS_MAX) {
        *count = -1;
        return NULL;
    }
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
    postgres_libpq.PQclear(stmt->row);
    postgres_clear_queue(stmt);
    free(stmt->queue);
    free(stmt->cursor_select);
    for (int i = 0; stmt->buffers != NULL && i < stmt->param_count; i++)
        free(stmt->buffers[i]);
    free(stmt->buffers);
    free(stmt->capacities);
    free(stmt->params);
    free(stmt);
}

/* Prepares sql on the server, or keeps it as the SELECT of a cursor when rows is set. */
static int postgres_prepare_as(store *base, const char *sql, int rows, store_stmt **out)
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
    if (count < 0) {
        snprintf(st->base.error, sizeof st->base.error,
                 BF_TR("语句的参数超过 %d 个", "a statement has more than %d parameters"),
                 POSTGRES_PARAMS_MAX);
        rc = BF_ETOOBIG;
        goto out;
    }
    if (rewritten == NULL || stmt == NULL) {
        rc = store_out_of_memory(base);
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
            rc = store_out_of_memory(base);
            goto out;
        }
    }
    stmt->number = ++st->statements;
    snprintf(stmt->name, sizeof stmt->name, "bf_%lu", stmt->number);
    if (rows) {
        stmt->cursor_select = rewritten; /* its errors come with the DECLARE */
        rewritten = NULL;
        *out = &stmt->base;
        stmt = NULL;
        rc = BF_OK;
        goto out;
    }
    /* nParams with no types: the server infers each parameter's type from its use */
    res = postgres_libpq.PQprepare(st->conn, stmt->name, rewritten, count, NULL);
    if (postgres_libpq.PQresultStatus(res) != PGRES_COMMAND_OK) {
        rc = postgres_fail_result(st, res);
        goto out;
    }
    *out = &stmt->base;
    stmt = NULL;
    rc = BF_OK;
out:
    postgres_libpq.PQclear(res);
    free(rewritten);
    postgres_free_stmt(stmt);
    return rc;
}

int postgres_prepare(store *base, const char *sql, store_stmt **out)
{
    return postgres_prepare_as(base, sql, 0, out);
}

int postgres_prepare_rows(store *base, const char *sql, store_stmt **out)
{
    return postgres_prepare_as(base, sql, 1, out);
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
            return store_out_of_memory(stmt->base.owner);
        }
        stmt->buffers[i] = grown;
        stmt->capacities[i] = capacity;
    }
    memcpy(stmt->buffers[i], value, length + 1);
    stmt->params[i] = stmt->buffers[i];
    return BF_OK;
}

int postgres_bind_text(store_stmt *base, int index, const char *value)
{
    return postgres_bind((postgres_stmt *)base, index, value);
}

int postgres_bind_int64(store_stmt *base, int index, int64_t value)
{
    char text[32];
    snprintf(text, sizeof text, "%" PRId64, value);
    return postgres_bind((postgres_stmt *)base, index, text);
}

int postgres_bind_null(store_stmt *base, int index)
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
    postgres_libpq.PQclear(stmt->row);
    stmt->row = NULL;
    stmt->row_index = 0;
    if (stmt->cursor_open && postgres_claim(st) == BF_OK &&
        postgres_libpq.PQtransactionStatus(st->conn) != PQTRANS_INERROR) {
        char sql[POSTGRES_CURSOR_SQL_MAX];
        snprintf(sql, sizeof sql, "CLOSE %s", stmt->name);
        postgres_libpq.PQclear(postgres_libpq.PQexec(st->conn, sql));
    }
    stmt->cursor_open = 0;
    stmt->cursor_ahead = 0;
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
    if (!postgres_libpq.PQsendQueryPrepared(st->conn, stmt->name, stmt->param_count, stmt->params,
                                            NULL, NULL, 0))
        return postgres_fail(st);
    st->active = stmt;
    stmt->state = POSTGRES_STMT_RUNNING;
    if (!postgres_libpq.PQsetSingleRowMode(st->conn)) {
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
        return postgres_libpq.PQgetResult(st->conn);
    return NULL;
}

/*
 * The result of the FETCH sent ahead (postgres_cursor_ahead): from the
 * statement's queue when another command suspended it, else from the
 * connection, which is then read to its end.  NULL when none came.
 */
static PGresult *postgres_cursor_take(postgres_stmt *stmt)
{
    postgres_store *st = (postgres_store *)stmt->base.owner;
    PGresult *res = postgres_next_result(stmt);
    if (st->active == stmt) {
        postgres_discard_results(st);
        st->active = NULL;
    }
    postgres_clear_queue(stmt);
    stmt->cursor_ahead = 0;
    return res;
}

/*
 * Sends the cursor's next FETCH without waiting for it; postgres_cursor_take
 * then gets its rows.  Sent as soon as a full FETCH arrives, the server reads
 * the next rows while the caller works through these (1M people read whole:
 * 2.9 s of FETCHes and 2.3 s of the client's work one after the other).  The
 * statement is then the connection's active one: a command sent meanwhile
 * first suspends it (its rows wait in the queue).
 */
static int postgres_cursor_ahead(postgres_stmt *stmt)
{
    postgres_store *st = (postgres_store *)stmt->base.owner;
    char sql[POSTGRES_CURSOR_SQL_MAX];
    snprintf(sql, sizeof sql, "FETCH %d FROM %s", POSTGRES_FETCH_ROWS, stmt->name);
    int rc = postgres_claim(st);
    if (rc != BF_OK)
        return rc;
    if (!postgres_libpq.PQsendQuery(st->conn, sql))
        return postgres_fail(st);
    st->active = stmt;
    stmt->cursor_ahead = 1;
    return BF_OK;
}

/*
 * The next row of a read to the end: DECLARE its cursor on the first step (WITH
 * HOLD outside a transaction, where a cursor would end with its DECLARE), then
 * the rows of one FETCH after the other, the next one sent as soon as a full
 * one arrives; CLOSE once a FETCH brings none.
 */
static int postgres_cursor_step(postgres_stmt *stmt)
{
    postgres_store *st = (postgres_store *)stmt->base.owner;
    PGresult *res = NULL;
    if (stmt->row != NULL && stmt->row_index + 1 < postgres_libpq.PQntuples(stmt->row)) {
        stmt->row_index++;
        return BF_ROW;
    }
    int rc = BF_OK;
    if (stmt->state != POSTGRES_STMT_RUNNING) {
        postgres_finish(stmt);
        if ((rc = postgres_claim(st)) != BF_OK)
            return rc;
        int held = postgres_libpq.PQtransactionStatus(st->conn) == PQTRANS_IDLE;
        size_t length = strlen(stmt->cursor_select) + 64;
        char *declare = malloc(length);
        if (declare == NULL) {
            return store_out_of_memory(&st->base);
        }
        snprintf(declare, length, "DECLARE %s NO SCROLL CURSOR%s FOR %s", stmt->name,
                 held ? " WITH HOLD" : "", stmt->cursor_select);
        res = postgres_libpq.PQexecParams(st->conn, declare, stmt->param_count, NULL, stmt->params,
                                          NULL, NULL, 0);
        free(declare);
        if (postgres_libpq.PQresultStatus(res) != PGRES_COMMAND_OK) {
            rc = postgres_fail_result(st, res);
            postgres_libpq.PQclear(res);
            stmt->state = POSTGRES_STMT_DONE;
            return rc;
        }
        postgres_libpq.PQclear(res);
        stmt->cursor_open = 1;
        stmt->state = POSTGRES_STMT_RUNNING;
    }
    postgres_libpq.PQclear(stmt->row);
    stmt->row = NULL;
    stmt->row_index = 0;
    if (!stmt->cursor_ahead && (rc = postgres_cursor_ahead(stmt)) != BF_OK) {
        postgres_finish(stmt);
        return rc;
    }
    res = postgres_cursor_take(stmt);
    if (postgres_libpq.PQresultStatus(res) != PGRES_TUPLES_OK) {
        rc = res != NULL ? postgres_fail_result(st, res) : postgres_fail(st);
        postgres_libpq.PQclear(res);
        postgres_finish(stmt);
        return rc;
    }
    stmt->columns = postgres_libpq.PQnfields(res);
    int rows = postgres_libpq.PQntuples(res);
    if (rows > 0) {
        stmt->row = res;
        /* A shorter one was the last.  One not sent now is sent by the next step. */
        if (rows == POSTGRES_FETCH_ROWS)
            (void)postgres_cursor_ahead(stmt);
        return BF_ROW;
    }
    postgres_libpq.PQclear(res);
    postgres_finish(stmt);
    return BF_DONE;
}

/*
 * Executes the statement when it is not running (the first step after
 * prepare, bind or reset, or after it finished, as SQLite does), then
 * returns its next row (BF_ROW), its end (BF_DONE) or its error.
 */
int postgres_step(store_stmt *base)
{
    postgres_stmt *stmt = (postgres_stmt *)base;
    postgres_store *st = (postgres_store *)base->owner;
    if (stmt->cursor_select != NULL)
        return postgres_cursor_step(stmt);
    postgres_libpq.PQclear(stmt->row);
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
    switch (postgres_libpq.PQresultStatus(res)) {
    case PGRES_SINGLE_TUPLE:
        stmt->row = res;
        stmt->columns = postgres_libpq.PQnfields(res);
        return BF_ROW;
    case PGRES_TUPLES_OK:
    case PGRES_COMMAND_OK:
    case PGRES_EMPTY_QUERY:
        stmt->columns = postgres_libpq.PQnfields(res);
        rc = BF_DONE;
        break;
    default:
        rc = postgres_fail_result(st, res);
        break;
    }
    postgres_libpq.PQclear(res);
    postgres_finish(stmt);
    return rc;
}

/* The number of result columns; asks the server once when no result has told it yet. */
int postgres_column_count(store_stmt *base)
{
    postgres_stmt *stmt = (postgres_stmt *)base;
    postgres_store *st = (postgres_store *)base->owner;
    if (stmt->row != NULL)
        return postgres_libpq.PQnfields(stmt->row);
    if (stmt->columns >= 0)
        return stmt->columns;
    if (stmt->cursor_select != NULL || postgres_claim(st) != BF_OK)
        return 0;
    PGresult *res = postgres_libpq.PQdescribePrepared(st->conn, stmt->name);
    if (postgres_libpq.PQresultStatus(res) == PGRES_COMMAND_OK)
        stmt->columns = postgres_libpq.PQnfields(res);
    else
        postgres_fail_result(st, res);
    postgres_libpq.PQclear(res);
    return stmt->columns >= 0 ? stmt->columns : 0;
}

const char *postgres_column_text(store_stmt *base, int column)
{
    const postgres_stmt *stmt = (const postgres_stmt *)base;
    const PGresult *row = stmt->row;
    int index = stmt->row_index;
    if (row == NULL || column < 0 || column >= postgres_libpq.PQnfields(row) ||
        postgres_libpq.PQgetisnull(row, index, column))
        return NULL;
    return postgres_libpq.PQgetvalue(row, index, column);
}

/* The column as an integer: 0 for NULL, 1/0 for booleans ('t'/'f'), else strtoll's reading. */
int64_t postgres_column_int64(store_stmt *base, int column)
{
    const char *text = postgres_column_text(base, column);
    if (text == NULL)
        return 0;
    if (text[0] == 't' && text[1] == '\0')
        return 1;
    return (int64_t)strtoll(text, NULL, 10);
}

int postgres_column_is_null(store_stmt *base, int column)
{
    return postgres_column_text(base, column) == NULL;
}

int postgres_reset(store_stmt *base)
{
    postgres_stmt *stmt = (postgres_stmt *)base;
    postgres_finish(stmt);
    stmt->state = POSTGRES_STMT_READY;
    return BF_OK;
}

void postgres_clear_bindings(store_stmt *base)
{
    postgres_stmt *stmt = (postgres_stmt *)base;
    for (int i = 0; i < stmt->param_count; i++)
        stmt->params[i] = NULL;
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
    PGTransactionStatusType status = postgres_libpq.PQtransactionStatus(st->conn);
    if (claimed && (status == PQTRANS_IDLE || status == PQTRANS_INTRANS)) {
        for (int i = 0; i < st->pending_count; i++)
            used += (size_t)snprintf(sql + used, sizeof sql - used, "DEALLOCATE bf_%lu;",
                                     st->pending[i]);
        postgres_libpq.PQclear(postgres_libpq.PQexec(st->conn, sql));
    }
    st->pending_count = 0;
}

/*
 * Frees the statement.  Its DEALLOCATE is deferred and sent with others
 * (one round trip per POSTGRES_PENDING_MAX statements instead of one each),
 * which keeps prepare-step-finalize helpers such as store_query_int64 cheap.
 */
void postgres_finalize(store_stmt *base)
{
    postgres_stmt *stmt = (postgres_stmt *)base;
    postgres_store *st = (postgres_store *)base->owner;
    postgres_finish(stmt);
    if (stmt->cursor_select == NULL) { /* a cursor's statement was never prepared */
        if (st->pending_count == POSTGRES_PENDING_MAX)
            postgres_flush_pending(st);
        st->pending[st->pending_count++] = stmt->number;
    }
    postgres_free_stmt(stmt);
}
