/*
 * web_library.h - libmicrohttpd, opened by `bangfu serve` when it starts its server
 * (core/shared_library.h says why it is not linked).  Calls go through the table:
 * web_microhttpd.MHD_queue_response(...).  A function http_server.c starts to use is one more
 * line of WEB_LIBRARY_FUNCTIONS.
 */
#ifndef BANGFU_WEB_WEB_LIBRARY_H
#define BANGFU_WEB_WEB_LIBRARY_H

#include "core/shared_library.h"

#include <microhttpd.h>

/* X(table, name): every libmicrohttpd function the server calls. */
#define WEB_LIBRARY_FUNCTIONS(X, table)                                                            \
    X(table, MHD_add_response_header)                                                              \
    X(table, MHD_create_response_from_buffer)                                                      \
    X(table, MHD_destroy_response)                                                                 \
    X(table, MHD_get_connection_info)                                                              \
    X(table, MHD_get_daemon_info)                                                                  \
    X(table, MHD_lookup_connection_value)                                                          \
    X(table, MHD_queue_response)                                                                   \
    X(table, MHD_resume_connection)                                                                \
    X(table, MHD_start_daemon)                                                                     \
    X(table, MHD_stop_daemon)                                                                      \
    X(table, MHD_suspend_connection)

typedef struct web_library {
    WEB_LIBRARY_FUNCTIONS(SHARED_LIBRARY_FIELD, )
} web_library;

/* The functions, once web_library_load() has returned BF_OK. */
extern web_library web_microhttpd;

/* Opens libmicrohttpd (libmicrohttpd.so.12) once: BF_OK, or BF_EUNSUPPORTED saying what is
 * missing. */
int web_library_load(bf_error *err);

#endif
