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

/* X(name): every libpq function the engine calls. */
#define POSTGRES_LIBRARY_FUNCTIONS(X)                                                              \
    X(PQclear)                                                                                     \
    X(PQcmdStatus)                                                                                 \
    X(PQconnectdbParams)                                                                           \
    X(PQdescribePrepared)                                                                          \
    X(PQerrorMessage)                                                                              \
    X(PQexec)                                                                                      \
    X(PQexecParams)                                                                                \
    X(PQfinish)                                                                                    \
    X(PQfreemem)                                                                                   \
    X(PQgetCopyData)                                                                               \
    X(PQgetResult)                                                                                 \
    X(PQgetisnull)                                                                                 \
    X(PQgetvalue)                                                                                  \
    X(PQnfields)                                                                                   \
    X(PQntuples)                                                                                   \
    X(PQprepare)                                                                                   \
    X(PQputCopyData)                                                                               \
    X(PQputCopyEnd)                                                                                \
    X(PQresultErrorField)                                                                          \
    X(PQresultErrorMessage)                                                                        \
    X(PQresultStatus)                                                                              \
    X(PQsendQueryPrepared)                                                                         \
    X(PQserverVersion)                                                                             \
    X(PQsetNoticeProcessor)                                                                        \
    X(PQsetSingleRowMode)                                                                          \
    X(PQstatus)                                                                                    \
    X(PQtransactionStatus)

typedef struct postgres_library {
    POSTGRES_LIBRARY_FUNCTIONS(SHARED_LIBRARY_FIELD)
} postgres_library;

/* The functions, once postgres_library_load() has returned BF_OK. */
extern postgres_library postgres_libpq;

/* Opens libpq (libpq.so.5) once: BF_OK, or BF_EUNSUPPORTED saying what is missing. */
int postgres_library_load(bf_error *err);

#endif
