/*
 * postgres_library.h - libpq, opened by the PostgreSQL engine when it first connects
 * (core/shared_library.h says why it is not linked).  Calls go through the table:
 * postgres_libpq.PQexec(conn, sql).  A function the engine starts to use is one more line of
 * POSTGRES_LIBRARY_FUNCTIONS.
 */
#ifndef BANGFU_STORE_POSTGRES_LIBRARY_H
#define BANGFU_STORE_POSTGRES_LIBRARY_H

#include "core/shared_library.h"

#include <libpq-fe.h>

/* X(table, name): every libpq function the engine calls. */
#define POSTGRES_LIBRARY_FUNCTIONS(X, table)                                                       \
    X(table, PQclear)                                                                              \
    X(table, PQcmdStatus)                                                                          \
    X(table, PQconnectdbParams)                                                                    \
    X(table, PQdescribePrepared)                                                                   \
    X(table, PQerrorMessage)                                                                       \
    X(table, PQexec)                                                                               \
    X(table, PQexecParams)                                                                         \
    X(table, PQfinish)                                                                             \
    X(table, PQfreemem)                                                                            \
    X(table, PQgetCopyData)                                                                        \
    X(table, PQgetResult)                                                                          \
    X(table, PQgetisnull)                                                                          \
    X(table, PQgetvalue)                                                                           \
    X(table, PQnfields)                                                                            \
    X(table, PQntuples)                                                                            \
    X(table, PQprepare)                                                                            \
    X(table, PQputCopyData)                                                                        \
    X(table, PQputCopyEnd)                                                                         \
    X(table, PQresultErrorField)                                                                   \
    X(table, PQresultErrorMessage)                                                                 \
    X(table, PQresultStatus)                                                                       \
    X(table, PQsendQuery)                                                                          \
    X(table, PQsendQueryPrepared)                                                                  \
    X(table, PQserverVersion)                                                                      \
    X(table, PQsetNoticeProcessor)                                                                 \
    X(table, PQsetSingleRowMode)                                                                   \
    X(table, PQstatus)                                                                             \
    X(table, PQtransactionStatus)

typedef struct postgres_library {
    POSTGRES_LIBRARY_FUNCTIONS(SHARED_LIBRARY_FIELD, )
} postgres_library;

/* The functions, once postgres_library_load() has returned BF_OK. */
extern postgres_library postgres_libpq;

/* Opens libpq (libpq.so.5) once: BF_OK, or BF_EUNSUPPORTED saying what is missing. */
int postgres_library_load(bf_error *err);

#endif
