/*
 * http_server.c - libmicrohttpd glue: listening, reading bodies within
 * their limits, the worker threads' store connections, and writing the
 * response with the security headers every answer carries.
 */
#include "web/http_server.h"

#include "registry/person.h"
#include "registry/region.h"
#include "web/web_audit.h"
#include "web/web_library.h"
#include "web/web_policies.h"
#include "web/web_routes.h"
#include "web/web_sessions.h"
#include "web/web_static.h"
#include "web/web_util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Memory a connection may use for its headers and buffers (larger headers get 431).
 * libmicrohttpd zeroes all of it before each request of a kept-alive connection: at 64 KiB that
 * was 7 % of the CPU of an audited person read.  16 KiB holds any header this API takes (one
 * session cookie); nginx in front refuses a header line over 8 KiB anyway. */
#define WEB_CONNECTION_MEMORY (16 * 1024)
/* Most connections at once. */
#define WEB_CONNECTIONS_MAX 4096

typedef struct web_upload web_upload;

struct web_server {
    web_settings settings;
    web_sessions *sessions;
    web_audit_queue *audit;
    web_policies *policies;
    struct MHD_Daemon *daemon;
    pthread_key_t store_key; /* each worker's web_worker, closed by the key's destructor */
    unsigned port;
    atomic_int stopping;  /* web_server_stop() began: no connection is suspended any more */
    atomic_int suspended; /* connections waiting for their audit entry or a long thread */
    /*
     * The threads that run the requests that may wait long: every write (an import waits up to
     * 30 s for the database's write lock, a login hashes a password) and the GETs of WEB_LONG
     * routes (a report or the dashboard over a large registry).  A worker of libmicrohttpd
     * serves every connection it accepted, and one blocked in a handler held all the others.
     * Each has its own store (store_key), opened on its first request.
     */
    pthread_t long_threads[WEB_THREADS_MAX];
    unsigned long_count;
    pthread_mutex_t long_lock;
    pthread_cond_t long_ready;
    web_upload *long_first, *long_last; /* waiting for a long thread, oldest first */
    int long_stopping;                  /* under long_lock: the long threads end when idle */
};

/* The state of one request between the calls libmicrohttpd makes for it. */
struct web_upload {
    char *body;
    size_t size;
    size_t capacity;
    int too_large;
    struct timespec started;
    /* While the writer commits the entry, the answer waits here and the connection is
     * suspended (its worker serves other connections); the writer resumes it. */
    int auditing;
    web_response res;
    web_audit_pending audit;
    web_server *server;
    struct MHD_Connection *connection;
    /* A request run by a long thread: its request, and whether its answer is ready (the
     * connection is suspended meanwhile, and resumed by the long thread). */
    web_request req;
    int answered;
    web_upload *next; /* in the long threads' queue */
    /* web_settled(): a call returned without an answer before the connection may be suspended,
     * and whether the answer is made and only its entry is left (made on that call). */
    int settled;
    int made;
};

/*
 * Every answer: no sniffing, no framing, no inline script or style, no
 * referrer; API answers are not cached (they hold personal data).
 */
static const char *const web_security_headers[][2] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
     "frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Cross-Origin-Resource-Policy", "same-origin"},
    {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
};

void web_log(const char *format, ...)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    va_list args;
    va_start(args, format);
    flockfile(stderr);
    fprintf(stderr, "%s bangfu serve: ", stamp);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    funlockfile(stderr);
    va_end(args);
}

/* A worker's (or long thread's) own connection, and the person_store kept open on it. */
typedef struct web_worker {
    store *st;
    person_store *people; /* NULL until a route keeps one (web_request.people) */
    unsigned char ref_seed[WEB_REF_SEED_BYTES]; /* web_request.ref_seed */
    region_paths *region_paths;                 /* web_request.region_paths */
} web_worker;

static void web_close_worker(void *value)
{
    web_worker *worker = value;
    person_store_close(worker->people);
    region_paths_free(worker->region_paths);
    store_close(worker->st);
    free(worker);
}

/* This thread's worker, its store opened on its first request. */
static web_worker *web_worker_of(web_server *server, bf_error *err)
{
    web_worker *worker = pthread_getspecific(server->store_key);
    if (worker != NULL)
        return worker;
    worker = calloc(1, sizeof *worker);
    if (worker == NULL) {
        bf_error_set(err, BF_ENOMEM, NULL);
        return NULL;
    }
    randombytes_buf(worker->ref_seed, sizeof worker->ref_seed);
    if (region_paths_new(&worker->region_paths) != BF_OK) {
        free(worker);
        bf_error_set(err, BF_ENOMEM, NULL);
        return NULL;
    }
    if (store_open_mode(server->settings.target, STORE_MODE_WRITE, &worker->st, err) != BF_OK) {
        region_paths_free(worker->region_paths);
        free(worker);
        return NULL;
    }
    /* A worker runs the same few statements for every request: parse them once. */
    if (store_cache_statements(worker->st) != BF_OK ||
        pthread_setspecific(server->store_key, worker) != 0) {
        web_close_worker(worker);
        bf_error_set(err, BF_ENOMEM, NULL);
        return NULL;
    }
    return worker;
}

const char *web_request_query(const web_request *req, const char *name)
{
    return web_microhttpd.MHD_lookup_connection_value(req->connection, MHD_GET_ARGUMENT_KIND, name);
}

const char *web_request_header(const web_request *req, const char *name)
{
    return web_microhttpd.MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, name);
}

const char *web_request_cookie(const web_request *req, const char *name)
{
    return web_microhttpd.MHD_lookup_connection_value(req->connection, MHD_COOKIE_KIND, name);
}

static void web_client_address(struct MHD_Connection *connection, char out[WEB_ADDRESS_MAX])
{
    const union MHD_ConnectionInfo *info =
        web_microhttpd.MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, WEB_ADDRESS_MAX, "?");
    if (info == NULL || info->client_addr == NULL)
        return;
    char host[INET6_ADDRSTRLEN] = "";
    const struct sockaddr *sa = info->client_addr;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
        inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
        snprintf(out, WEB_ADDRESS_MAX, "%s:%u", host, ntohs(in->sin_port));
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
        inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
        snprintf(out, WEB_ADDRESS_MAX, "[%s]:%u", host, ntohs(in6->sin6_port));
    }
}

/* Bytes of a Content-Disposition header for a download_name of web_response. */
#define WEB_DISPOSITION_MAX (64 + 4 * sizeof((web_response *)0)->download_name)

/*
 * The Content-Disposition of a file to save as name (RFC 6266): its UTF-8 bytes percent-encoded
 * in filename* (RFC 8187), which browsers use, and for older clients filename with every
 * character that is not plain printable ASCII (or is a quote or backslash) as '_'.
 */
static void web_disposition(const char *name, char out[WEB_DISPOSITION_MAX])
{
    static const char hex[] = "0123456789ABCDEF";
    size_t used = (size_t)snprintf(out, WEB_DISPOSITION_MAX, "attachment; filename=\"");
    for (const unsigned char *c = (const unsigned char *)name; *c != '\0'; c++)
        if (*c < 0x80 || *c >= 0xc0) /* one '_' for a character of several bytes */
            out[used++] = *c >= 0x20 && *c < 0x7f && *c != '"' && *c != '\\' ? (char)*c : '_';
    used += (size_t)snprintf(out + used, WEB_DISPOSITION_MAX - used, "\"; filename*=UTF-8''");
    for (const unsigned char *c = (const unsigned char *)name; *c != '\0'; c++) {
        if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
            strchr("!#$&+-.^_`|~", *c) != NULL) {
            out[used++] = (char)*c;
        } else {
            out[used++] = '%';
            out[used++] = hex[*c >> 4];
            out[used++] = hex[*c & 15];
        }
    }
    out[used] = '\0';
}

static enum MHD_Result web_send(struct MHD_Connection *connection, web_response *res)
{
    char *text = NULL;
    size_t size = 0;
    const char *type = res->content_type;
    if (res->json != NULL) {
        text = json_dumps(res->json, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (text == NULL)
            return MHD_NO;
        size = strlen(text);
        type = "application/json; charset=utf-8";
    } else {
        text = res->raw;
        size = res->raw_size;
        res->raw = NULL;
    }
    struct MHD_Response *response =
        text != NULL
            ? web_microhttpd.MHD_create_response_from_buffer(size, text, MHD_RESPMEM_MUST_FREE)
            : web_microhttpd.MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (response == NULL) {
        free(text);
        return MHD_NO;
    }
    for (size_t i = 0; i < sizeof web_security_headers / sizeof web_security_headers[0]; i++)
        web_microhttpd.MHD_add_response_header(response, web_security_headers[i][0],
                                               web_security_headers[i][1]);
    if (type != NULL)
        web_microhttpd.MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    web_microhttpd.MHD_add_response_header(response, MHD_HTTP_HEADER_CACHE_CONTROL,
                                           res->cacheable ? "no-cache" : "no-store");
    if (res->download_name[0] != '\0') {
        char disposition[WEB_DISPOSITION_MAX];
        web_disposition(res->download_name, disposition);
        web_microhttpd.MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_DISPOSITION,
                                               disposition);
    }
    if (res->set_cookie[0] != '\0')
        web_microhttpd.MHD_add_response_header(response, MHD_HTTP_HEADER_SET_COOKIE,
                                               res->set_cookie);
    enum MHD_Result result =
        web_microhttpd.MHD_queue_response(connection, (unsigned)res->status, response);
    web_microhttpd.MHD_destroy_response(response);
    return result;
}

static void web_response_free(web_response *res)
{
    json_decref(res->json);
    free(res->raw);
    res->json = NULL;
    res->raw = NULL;
}

static enum MHD_Result web_send_error(struct MHD_Connection *connection, int status,
                                      const char *code, const char *zh, const char *en)
{
    web_response res = {0};
    web_reply_error(&res, status, code, zh, en);
    enum MHD_Result result = web_send(connection, &res);
    web_response_free(&res);
    return result;
}

/*
 * Answers an error while the body is still arriving, then closes the connection (MHD_NO).
 * libmicrohttpd 0.9.75 takes a response only before the body or after all of it, and a body
 * too slow or too large must not be waited for: the answer is written to the socket here, with
 * the headers web_send() puts on every answer, and the connection closed after it.
 */
static enum MHD_Result web_send_closing(struct MHD_Connection *connection, int status,
                                        const char *reason, const char *code, const char *zh,
                                        const char *en)
{
    const union MHD_ConnectionInfo *info =
        web_microhttpd.MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    web_response res = {0};
    web_reply_error(&res, status, code, zh, en);
    char *body = json_dumps(res.json, JSON_COMPACT);
    web_response_free(&res);
    if (info == NULL || body == NULL) {
        free(body);
        return MHD_NO;
    }
    char head[2048];
    size_t used = (size_t)snprintf(head, sizeof head, "HTTP/1.1 %d %s\r\n", status, reason);
    for (size_t i = 0; i < sizeof web_security_headers / sizeof web_security_headers[0]; i++)
        used += (size_t)snprintf(head + used, sizeof head - used, "%s: %s\r\n",
                                 web_security_headers[i][0], web_security_headers[i][1]);
    snprintf(head + used, sizeof head - used,
             "Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n"
             "Connection: close\r\nContent-Length: %zu\r\n\r\n",
             strlen(body));
    /* Small enough for the socket's buffer; what does not fit is dropped with the connection. */
    if (send(info->connect_fd, head, strlen(head), MSG_NOSIGNAL | MSG_DONTWAIT) > 0)
        (void)send(info->connect_fd, body, strlen(body), MSG_NOSIGNAL | MSG_DONTWAIT);
    free(body);
    return MHD_NO;
}

static double web_seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Takes a chunk of the body: 1, or 0 when it goes past WEB_BODY_MAX (the rest is dropped). */
static int web_upload_append(web_upload *up, const char *data, size_t size)
{
    if (up->too_large || size > WEB_BODY_MAX - up->size) {
        up->too_large = 1;
        return 0;
    }
    if (up->size + size + 1 > up->capacity) {
        size_t capacity = up->capacity ? up->capacity : 4096;
        while (capacity < up->size + size + 1)
            capacity *= 2;
        char *grown = realloc(up->body, capacity);
        if (grown == NULL) {
            up->too_large = 1;
            return 0;
        }
        up->body = grown;
        up->capacity = capacity;
    }
    memcpy(up->body + up->size, data, size);
    up->size += size;
    up->body[up->size] = '\0';
    return 1;
}

/* The writer's call once the entry of up is committed (or failed): the answer may leave. */
static void web_audit_written_resume(web_audit_pending *pending, void *context)
{
    (void)pending;
    web_upload *up = context;
    web_server *server = up->server;
    web_microhttpd.MHD_resume_connection(up->connection);
    atomic_fetch_sub(&server->suspended, 1);
}

/*
 * Hands the request's entry to the writer and suspends the connection (unless it is already, by
 * a long thread) until it is committed: 1, or 0 when the server is stopping (the entry was then
 * committed here, waiting).
 */
static int web_audit_later(web_server *server, web_upload *up, int already_suspended)
{
    atomic_fetch_add(&server->suspended, 1); /* before looking at stopping: see web_server_stop */
    if (atomic_load(&server->stopping)) {
        atomic_fetch_sub(&server->suspended, 1);
        bf_error err;
        if (web_audit_queue_append(server->audit, &up->audit.entry, &err) != BF_OK) {
            web_response_free(&up->res);
            memset(&up->res, 0, sizeof up->res);
            web_reply_internal(&up->res, err.message);
        }
        return 0;
    }
    up->auditing = 1;
    up->server = server;
    up->audit.written = web_audit_written_resume;
    up->audit.context = up;
    if (!already_suspended)
        web_microhttpd.MHD_suspend_connection(up->connection);
    web_audit_queue_submit(server->audit, &up->audit);
    return 1;
}

/* Sends the answer whose entry the writer has handled: as it was, or 500 when not committed. */
static enum MHD_Result web_send_audited(struct MHD_Connection *connection, web_upload *up)
{
    up->auditing = 0;
    if (up->audit.rc != BF_OK) { /* nothing unaudited leaves */
        web_response_free(&up->res);
        memset(&up->res, 0, sizeof up->res);
        web_reply_internal(&up->res, up->audit.message);
    }
    return web_send(connection, &up->res);
}

/*
 * Whether the connection may be suspended on this call (else the caller returns MHD_YES without
 * an answer, and libmicrohttpd calls again at once).  libmicrohttpd 0.9.75 in poll mode leaves a
 * suspended connection's poll interest as it was last updated, which for a request whose end came
 * in on the call that suspends it is "reading"; on resume it then reads before it answers, and a
 * client that shut its sending side after the request (shutdown(SHUT_WR): the fuzz harnesses,
 * `nc -N`) has its end of input read there and its connection closed unanswered.  Once a call
 * returned without an answer, the interest is updated to "blocked" (a whole request waiting for
 * its answer), kept through the suspension: the answer leaves on resume, then the end is read.
 */
static int web_settled(web_upload *up)
{
    if (up->settled)
        return 1;
    up->settled = 1;
    return 0;
}

/* Sends the answer made in up, once its entry is committed when it has one. */
static enum MHD_Result web_audit_then_send(web_server *server, struct MHD_Connection *connection,
                                           web_upload *up)
{
    if (up->audit.filled && web_audit_later(server, up, 0))
        return MHD_YES; /* answered once the writer resumes the connection */
    return web_send(connection, &up->res);
}

/* An /api/ request on this thread's store. */
static void web_api_answer(web_server *server, web_request *req, web_response *res)
{
    bf_error err;
    bf_error_clear(&err);
    web_worker *worker = web_worker_of(server, &err);
    req->store = worker != NULL ? worker->st : NULL;
    req->people = worker != NULL ? &worker->people : NULL;
    req->ref_seed = worker != NULL ? worker->ref_seed : NULL;
    req->region_paths = worker != NULL ? worker->region_paths : NULL;
    if (req->store == NULL) {
        web_log("cannot open the database: %s", err.message);
        web_reply_error(res, 503, "unavailable", "数据库暂不可用", "the database is unavailable");
        return;
    }
    web_dispatch(req, res);
    web_policy_release(req->policy_hold);
}

/*
 * Hands the request to the long threads and suspends its connection until its answer is ready:
 * 1, or 0 when the server is stopping (the caller then answers it itself).
 */
static int web_long_submit(web_server *server, web_upload *up, const web_request *req)
{
    atomic_fetch_add(&server->suspended, 1); /* before looking at stopping: see web_server_stop */
    if (atomic_load(&server->stopping)) {
        atomic_fetch_sub(&server->suspended, 1);
        return 0;
    }
    up->req = *req;
    up->next = NULL;
    web_microhttpd.MHD_suspend_connection(up->connection);
    pthread_mutex_lock(&server->long_lock);
    if (server->long_last != NULL)
        server->long_last->next = up;
    else
        server->long_first = up;
    server->long_last = up;
    pthread_cond_signal(&server->long_ready);
    pthread_mutex_unlock(&server->long_lock);
    return 1;
}

/* A long thread: runs the requests handed over, then resumes their connections. */
static void *web_long_main(void *context)
{
    web_server *server = context;
    pthread_mutex_lock(&server->long_lock);
    for (;;) {
        while (server->long_first == NULL && !server->long_stopping)
            pthread_cond_wait(&server->long_ready, &server->long_lock);
        web_upload *up = server->long_first;
        if (up == NULL)
            break;
        server->long_first = up->next;
        if (server->long_first == NULL)
            server->long_last = NULL;
        pthread_mutex_unlock(&server->long_lock);
        web_api_answer(server, &up->req, &up->res);
        /* Once resumed, up may be answered and freed by the worker at any moment. */
        if (!(up->audit.filled && web_audit_later(server, up, 1))) {
            up->answered = 1;
            web_microhttpd.MHD_resume_connection(up->connection);
        }
        atomic_fetch_sub(&server->suspended, 1);
        pthread_mutex_lock(&server->long_lock);
    }
    pthread_mutex_unlock(&server->long_lock);
    return NULL; /* the key's destructor closes this thread's store */
}

/* Ends the long threads (idle: nothing waits for them any more). */
static void web_long_stop(web_server *server)
{
    pthread_mutex_lock(&server->long_lock);
    server->long_stopping = 1;
    pthread_cond_broadcast(&server->long_ready);
    pthread_mutex_unlock(&server->long_lock);
    for (unsigned i = 0; i < server->long_count; i++)
        pthread_join(server->long_threads[i], NULL);
    server->long_count = 0;
}

static enum MHD_Result web_answer(void *cls, struct MHD_Connection *connection, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **state)
{
    (void)version;
    web_server *server = cls;
    web_upload *up = *state;
    if (up == NULL) {
        up = calloc(1, sizeof *up);
        if (up == NULL)
            return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &up->started);
        up->connection = connection;
        *state = up;
        const char *length = web_microhttpd.MHD_lookup_connection_value(
            connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (length != NULL && strtoull(length, NULL, 10) > WEB_BODY_MAX) {
            up->too_large = 1;
            return web_send_error(connection, 413, "too_large", "请求体超过上限",
                                  "the request body exceeds its limit");
        }
        return MHD_YES;
    }
    if (up->answered) /* resumed by a long thread: the answer is ready */
        return web_send(connection, &up->res);
    if (up->auditing) /* resumed by the writer: the entry is committed, or failed */
        return web_send_audited(connection, up);
    if (up->made) /* made on the call before, which returned to settle (web_settled) */
        return web_audit_then_send(server, connection, up);
    if (*upload_data_size > 0) {
        /* A body too slow or too large is answered at once; the rest of it is not read. */
        size_t size = *upload_data_size;
        *upload_data_size = 0;
        if (web_seconds_since(&up->started) > server->settings.request_timeout_s)
            return web_send_closing(connection, 408, "Request Timeout", "timeout",
                                    "请求体未在时限内传完",
                                    "the request body did not arrive within the time limit");
        if (!web_upload_append(up, upload_data, size))
            return web_send_closing(connection, 413, "Content Too Large", "too_large",
                                    "请求体超过上限", "the request body exceeds its limit");
        return MHD_YES;
    }
    if (strlen(url) >= WEB_PATH_MAX)
        return web_send_error(connection, 414, "uri_too_long", "请求路径过长",
                              "the request path is too long");
    web_request req = {.settings = &server->settings,
                       .sessions = server->sessions,
                       .audit = server->audit,
                       .audit_later = &up->audit,
                       .policies = server->policies,
                       .connection = connection,
                       .method = method,
                       .path = url,
                       .body = up->body != NULL ? up->body : "",
                       .body_size = up->size};
    web_response *res = &up->res;
    res->status = 500;
    web_client_address(connection, req.address);
    if (strncmp(url, "/api/", 5) != 0)
        web_static_answer(&server->settings, method, url, res);
    else if (!web_route_runs_long(method, url))
        web_api_answer(server, &req, res);
    else if (!web_settled(up))
        return MHD_YES; /* called again at once */
    else if (web_long_submit(server, up, &req))
        return MHD_YES; /* answered once a long thread resumes the connection */
    else
        web_api_answer(server, &req, res);
    if (up->audit.filled && !web_settled(up)) {
        up->made = 1;
        return MHD_YES; /* called again at once: the entry is handed over then */
    }
    return web_audit_then_send(server, connection, up);
}

static void web_request_done(void *cls, struct MHD_Connection *connection, void **state,
                             enum MHD_RequestTerminationCode code)
{
    (void)cls;
    (void)connection;
    (void)code;
    web_upload *up = *state;
    if (up != NULL) {
        web_response_free(&up->res);
        free(up->body);
        free(up);
        *state = NULL;
    }
}

static void web_mhd_log(void *cls, const char *format, va_list args)
{
    (void)cls;
    char text[512];
    vsnprintf(text, sizeof text, format, args);
    size_t length = strlen(text);
    while (length > 0 && text[length - 1] == '\n')
        text[--length] = '\0';
    web_log("%s", text);
}

/* Parses "HOST:PORT" or "[HOST6]:PORT" into address; *loopback says whether it is one. */
static int web_parse_listen(const char *listen, struct sockaddr_storage *address, int *loopback,
                            bf_error *err)
{
    char host[WEB_LISTEN_MAX];
    const char *colon = strrchr(listen, ':');
    size_t length = colon != NULL ? (size_t)(colon - listen) : 0;
    char *end = NULL;
    long port = colon != NULL ? strtol(colon + 1, &end, 10) : -1;
    if (colon == NULL || length == 0 || length >= sizeof host || end == colon + 1 || *end != '\0' ||
        port < 0 || port > 65535)
        goto bad;
    memcpy(host, listen, length);
    host[length] = '\0';
    memset(address, 0, sizeof *address);
    if (host[0] == '[' && host[length - 1] == ']') {
        host[length - 1] = '\0';
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)address;
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host + 1, &in6->sin6_addr) != 1)
            goto bad;
        *loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
        return BF_OK;
    }
    struct sockaddr_in *in = (struct sockaddr_in *)address;
    in->sin_family = AF_INET;
    in->sin_port = htons((uint16_t)port);
    if (strcmp(host, "localhost") == 0)
        snprintf(host, sizeof host, "127.0.0.1");
    if (inet_pton(AF_INET, host, &in->sin_addr) != 1)
        goto bad;
    *loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    return BF_OK;
bad:
    return bf_error_set(err, BF_EUSAGE,
                        BF_TR("监听地址“%s”无效：应为 IP:端口，如 127.0.0.1:8080 或 [::1]:8080",
                              "invalid listen address '%s': IP:PORT, e.g. 127.0.0.1:8080 or "
                              "[::1]:8080"),
                        listen);
}

int web_server_start(const web_settings *settings, const char *listen, unsigned threads,
                     web_server **out, bf_error *err)
{
    *out = NULL;
    struct sockaddr_storage address;
    int loopback = 0;
    int rc = web_parse_listen(listen, &address, &loopback, err);
    if (rc != BF_OK)
        return rc;
    if (!loopback && !settings->behind_tls)
        return bf_error_set(
            err, BF_EUSAGE,
            BF_TR("不在本机回环地址上监听明文 HTTP（%s）：请放在带 TLS 的反向代理之后并给出 "
                  "--behind-tls（见 docs/deploy.md）",
                  "plain HTTP is served on a loopback address only (%s): put a TLS proxy in "
                  "front and give --behind-tls (docs/deploy.md)"),
            listen);
    if (threads < 1 || threads > WEB_THREADS_MAX)
        return bf_error_set(err, BF_EUSAGE,
                            BF_TR("线程数应在 1 到 %d 之间", "threads must be 1 to %d"),
                            WEB_THREADS_MAX);
    if ((rc = web_library_load(err)) != BF_OK)
        return rc;
    web_server *server = calloc(1, sizeof *server);
    if (server == NULL)
        return bf_error_set(err, BF_ENOMEM, NULL);
    server->settings = *settings;
    if (pthread_key_create(&server->store_key, web_close_worker) != 0) {
        free(server);
        return bf_error_set(err, BF_ENOMEM, NULL);
    }
    pthread_mutex_init(&server->long_lock, NULL);
    pthread_cond_init(&server->long_ready, NULL);
    for (; server->long_count < threads; server->long_count++)
        if (pthread_create(&server->long_threads[server->long_count], NULL, web_long_main,
                           server) != 0) {
            rc = bf_error_set(err, BF_ENOMEM, NULL);
            goto fail;
        }
    rc = web_sessions_new(&server->sessions, err);
    if (rc == BF_OK)
        rc = web_audit_queue_start(settings->target, &server->audit, err);
    bf_error policies_err;
    bf_error_clear(&policies_err);
    if (rc == BF_OK && (rc = web_policies_new(&server->policies, &policies_err)) != BF_OK)
        *err = policies_err;
    if (rc != BF_OK)
        goto fail;
    if (policies_err.code != BF_OK)
        web_log("the policy files did not load, calc and the routes using them answer 500 until "
                "a reload (SIGHUP) loads them: %s",
                policies_err.message);
    /* poll(), not epoll: two epoll_ctl() and a recv() less per suspended answer.  A suspension
     * in poll mode needs web_settled(). */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ERROR_LOG |
                     MHD_ALLOW_SUSPEND_RESUME;
    if (address.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;

    server->daemon = web_microhttpd.MHD_start_daemon(
        flags, 0, NULL, NULL, web_answer, server, MHD_OPTION_EXTERNAL_LOGGER, web_mhd_log, server,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&address, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, settings->request_timeout_s,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)WEB_CONNECTION_MEMORY,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)WEB_CONNECTIONS_MAX,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, settings->connections_per_address,
        MHD_OPTION_NOTIFY_COMPLETED, web_request_done, server, MHD_OPTION_END);
    if (server->daemon == NULL) {
        rc = bf_error_set(err, BF_EIO,
                          BF_TR("无法在 %s 上监听（端口已被占用或无权限）",
                                "cannot listen on %s (port in use or not permitted)"),
                          listen);
        goto fail;
    }
    const union MHD_DaemonInfo *info =
        web_microhttpd.MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_BIND_PORT);
    server->port = info != NULL ? info->port : 0;
    *out = server;
    return BF_OK;
fail:
    web_long_stop(server);
    web_policies_free(server->policies);
    web_audit_queue_stop(server->audit);
    web_sessions_free(server->sessions);
    pthread_key_delete(server->store_key);
    pthread_cond_destroy(&server->long_ready);
    pthread_mutex_destroy(&server->long_lock);
    free(server);
    return rc;
}

unsigned web_server_port(const web_server *server)
{
    return server->port;
}

int web_server_reload_policies(web_server *server, bf_error *err)
{
    char summary[POLICY_PATH_MAX + 128];
    int rc = web_policies_reload(server->policies, summary, sizeof summary, err);
    if (rc == BF_OK)
        web_log("policy files reloaded: %s", summary);
    else
        web_log("policy files not reloaded, the previous ones stay in force: %s", err->message);
    return rc;
}

void web_server_stop(web_server *server)
{
    if (server == NULL)
        return;
    /* No connection may stay suspended when the daemon stops: from now on a request waits for
     * its entry itself, and the ones already handed over are resumed by the writer. */
    atomic_store(&server->stopping, 1);
    while (atomic_load(&server->suspended) > 0)
        usleep(1000);
    web_long_stop(server);
    /* The workers end here; the key's destructor closes each one's store as it exits. */
    web_microhttpd.MHD_stop_daemon(server->daemon);
    web_audit_queue_stop(server->audit); /* after the workers: it writes what they handed in */
    web_policies_free(server->policies);
    pthread_key_delete(server->store_key);
    pthread_cond_destroy(&server->long_ready);
    pthread_mutex_destroy(&server->long_lock);
    web_sessions_free(server->sessions);
    free(server);
}
