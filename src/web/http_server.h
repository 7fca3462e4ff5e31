/*
 * http_server.h - the HTTP server of `bangfu serve` (libmicrohttpd).
 *
 * A pool of worker threads answers the connections; each worker opens its
 * own store connection on its first request and closes it when the pool
 * stops (a store serves one thread at a time, store.h).  Requests under
 * /api/ go to web_dispatch(), the others are static files of web/.  An
 * answer that needs an audit entry waits with its connection suspended
 * until the audit writer has committed it (web_audit.h).
 *
 * Limits, each answered in JSON where HTTP allows: a body over WEB_BODY_MAX
 * gets 413 (unread when Content-Length announces it, else as it passes the
 * limit), a body still arriving request_timeout_s after the request began
 * gets 408, headers past WEB_CONNECTION_MEMORY get libmicrohttpd's 431, a
 * path of WEB_PATH_MAX bytes or more 414; a connection idle
 * request_timeout_s is closed, and one past connections_per_address from
 * the same address is closed unanswered.
 *
 * Ownership: web_server_start() returns a server freed by web_server_stop(),
 * which waits for the requests under way and closes the workers' stores.
 */
#ifndef BANGFU_WEB_HTTP_SERVER_H
#define BANGFU_WEB_HTTP_SERVER_H

#include "web/web.h"

typedef struct web_server web_server;

/* Most worker threads. */
#define WEB_THREADS_MAX 64

/*
 * Starts listening on listen ("HOST:PORT", "[::1]:PORT"; port 0 picks a
 * free one) with threads workers.  Plain HTTP only on a loopback address
 * unless settings->behind_tls (a TLS proxy in front, docs/deploy.md).
 */
int web_server_start(const web_settings *settings, const char *listen, unsigned threads,
                     web_server **out, bf_error *err);
/* The port the server listens on. */
unsigned web_server_port(const web_server *server);
/*
 * Loads the policy files anew and puts them in force for the requests that begin after it
 * (web_policies.h); when they do not load the previous set stays and err names the file and
 * line.  Either way the server's log says so.
 */
int web_server_reload_policies(web_server *server, bf_error *err);
/* Stops listening, waits for the requests under way, frees everything. */
void web_server_stop(web_server *server);

#endif
