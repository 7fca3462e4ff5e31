/*
 * store_postgres_bulk.c - bulk loads of the PostgreSQL engine: COPY FROM
 * STDIN in text format, rows escaped into a local buffer sent in chunks; the
 * COPY owns the connection until bulk_end (see store_postgres.c).  And reads
 * in bulk (store_each_row): COPY (query) TO STDOUT, each line unescaped in
 * place.
 */
#include "store/store_postgres_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Starts COPY table (columns) FROM STDIN in text format; rows then go into a local buffer. */
int postgres_bulk_begin(store *base, const char *table, const char *const *columns, int count,
                        store_bulk **out)
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
        rc = store_out_of_memory(base);
        goto out;
    }
    bulk->capacity = POSTGRES_COPY_CHUNK * 2;
    bulk->base.owner = base;
    bulk->count = count;
    res = postgres_libpq.PQexec(st->conn, sql);
    if (postgres_libpq.PQresultStatus(res) != PGRES_COPY_IN) {
        rc = postgres_fail_result(st, res);
        goto out;
    }
    st->bulk = bulk;
    *out = &bulk->base;
    bulk = NULL;
    rc = BF_OK;
out:
    postgres_libpq.PQclear(res);
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
        postgres_libpq.PQputCopyData(st->conn, bulk->buffer, (int)bulk->used) != 1) {
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
int postgres_bulk_row(store_bulk *base, const char *const *values)
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
        /* Runs of bytes that need no escape are copied whole (most values are one run). */
        for (const char *p = values[i];;) {
            size_t run = strcspn(p, "\\\t\n\r");
            memcpy(out, p, run);
            out += run;
            p += run;
            if (*p == '\0')
                break;
            *out++ = '\\';
            *out++ = *p == '\\' ? '\\' : *p == '\t' ? 't' : *p == '\n' ? 'n' : 'r';
            p++;
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
int postgres_bulk_end(store_bulk *base, int keep)
{
    postgres_bulk *bulk = (postgres_bulk *)base;
    postgres_store *st = (postgres_store *)base->owner;
    int rc = BF_OK;
    if (keep)
        rc = bulk->failed ? BF_ESTORE : postgres_bulk_flush(bulk);
    int sent = keep && rc == BF_OK ? postgres_libpq.PQputCopyEnd(st->conn, NULL)
                                   : postgres_libpq.PQputCopyEnd(st->conn, "bulk load abandoned");
    if (sent != 1 && keep && rc == BF_OK)
        rc = postgres_fail(st);
    PGresult *res;
    while ((res = postgres_libpq.PQgetResult(st->conn)) != NULL) {
        ExecStatusType status = postgres_libpq.PQresultStatus(res);
        if (keep && rc == BF_OK && status != PGRES_COMMAND_OK)
            rc = postgres_fail_result(st, res);
        postgres_libpq.PQclear(res);
        if (postgres_is_copy_status(status))
            break; /* the copy could not be ended: the connection is broken */
    }
    st->bulk = NULL;
    free(bulk->buffer);
    free(bulk);
    return rc;
}

/* Longest SQL of a read in bulk around its query. */
#define POSTGRES_COPY_OUT_WRAP 64

/* The value of an escape's letter in COPY's text format (b f n r t v), else the letter. */
static char postgres_copy_unescaped(char letter)
{
    switch (letter) {
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    case 'v':
        return '\v';
    default:
        return letter; /* "\\" and any other: the character itself */
    }
}

/*
 * Splits one line of COPY's text format (length bytes, ending in a newline) into values,
 * unescaping each in place and ending it with NUL; "\N" is NULL.  Returns the count, or -1
 * when the line has more than max.  COPY writes no octal or hexadecimal escapes.  A value
 * without a backslash (nearly all) is only found (memchr) and ended, not copied.
 */
static int postgres_copy_split(char *line, int length, const char **values, int max)
{
    int count = 0;
    char *end = line + length;
    if (end > line && end[-1] == '\n')
        end--;
    char *read = line;
    for (;;) {
        if (count == max)
            return -1;
        char *tab = memchr(read, '\t', (size_t)(end - read));
        char *stop = tab != NULL ? tab : end;
        char *escape = memchr(read, '\\', (size_t)(stop - read));
        const char *value = read;
        if (stop - read == 2 && read[0] == '\\' && read[1] == 'N') {
            value = NULL;
        } else if (escape != NULL) {
            char *write = escape;
            for (read = escape; read < stop; read++)
                *write++ =
                    *read == '\\' && read + 1 < stop ? postgres_copy_unescaped(*++read) : *read;
            *write = '\0';
        }
        *stop = '\0'; /* the tab, the newline or the NUL after the line */
        values[count++] = value;
        if (tab == NULL)
            return count;
        read = tab + 1;
    }
}

int postgres_copy_out(store *base, const char *sql, store_row_found row, void *context)
{
    postgres_store *st = (postgres_store *)base;
    const char *values[STORE_EACH_ROW_COLUMNS_MAX];
    size_t length = strlen(sql) + POSTGRES_COPY_OUT_WRAP;
    char *copy = malloc(length);
    if (copy == NULL)
        return store_out_of_memory(base);
    int rc = postgres_claim(st);
    if (rc != BF_OK) {
        free(copy);
        return rc;
    }
    snprintf(copy, length, "COPY (%s) TO STDOUT", sql);
    PGresult *res = postgres_libpq.PQexec(st->conn, copy);
    free(copy);
    if (postgres_libpq.PQresultStatus(res) != PGRES_COPY_OUT) {
        rc = postgres_fail_result(st, res);
        postgres_libpq.PQclear(res);
        return rc;
    }
    postgres_libpq.PQclear(res);
    char *line = NULL;
    int got;
    /* After a refusal (rc set) the rest is read and dropped: the connection must leave the COPY. */
    while ((got = postgres_libpq.PQgetCopyData(st->conn, &line, 0)) > 0) {
        if (rc == BF_OK) {
            int count = postgres_copy_split(line, got, values, STORE_EACH_ROW_COLUMNS_MAX);
            rc = count < 0 ? store_too_many_columns(base) : row(context, values, count);
        }
        postgres_libpq.PQfreemem(line);
        line = NULL;
    }
    if (got == -2 && rc == BF_OK)
        rc = postgres_fail(st);
    while ((res = postgres_libpq.PQgetResult(st->conn)) != NULL) {
        if (rc == BF_OK && postgres_libpq.PQresultStatus(res) != PGRES_COMMAND_OK)
            rc = postgres_fail_result(st, res);
        postgres_libpq.PQclear(res);
    }
    return rc;
}
