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

/* X(name): every libmicrohttpd function the server calls. */
#define WEB_LIBRARY_FUNCTIONS(X)                                                                   \
    X(MHD_add_response_header)                                                                     \
    X(MHD_create_response_from_buffer)                                                             \
    X(MHD_destroy_response)                                                                        \
    X(MHD_get_connection_info)                                                                     \
    X(MHD_get_daemon_info)                                                                         \
    X(MHD_lookup_connection_value)                                                                 \
    X(MHD_queue_response)                                                                          \
    X(MHD_resume_connection)                                                                       \
    X(MHD_start_daemon)                                                                            \
    X(MHD_stop_daemon)                                                                             \
    X(MHD_suspend_connection)

typedef struct web_library {
    WEB_LIBRARY_FUNCTIONS(SHARED_LIBRARY_FIELD)
} web_library;

/* The functions, once web_library_load() has returned BF_OK. */
extern web_library web_microhttpd;

/* Opens libmicrohttpd (libmicrohttpd.so.12) once: BF_OK, or BF_EUNSUPPORTED saying what is
 * missing. */
int web_library_load(bf_error *err);

#endif
