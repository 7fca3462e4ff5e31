/*
 * web.h - what the parts of `bangfu serve` share: the server's settings,
 * one request as a route handler sees it, and the response it fills.
 *
 * http_server.c speaks HTTP (libmicrohttpd, a pool of worker threads, each
 * with its own store connection), web_routes.c finds the route of a request
 * in WEB_ROUTE_MAP (web_routes.h), checks the session, the role, the region
 * and the CSRF token the route needs, and calls its handler, one file per
 * resource (route_*.c).  A handler reads the request and fills the
 * response: a JSON body (web_reply_json) or an error in Chinese and English
 * (web_reply_error).
 *
 * Ownership: web_request and web_response live for one request in
 * http_server.c; the response owns its JSON body (json_decref'd after it is
 * sent) and its raw body (free'd).  A handler never keeps pointers into the
 * request after it returns.
 */
#ifndef BANGFU_WEB_WEB_H
#define BANGFU_WEB_WEB_H

#include "core/error.h"
#include "core/region_code.h"
#include "store/store.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* Largest request body accepted (JSON edits), bytes; larger ones get 413 unread. */
#define WEB_BODY_MAX (256 * 1024)
/* Longest request path (without the query), bytes. */
#define WEB_PATH_MAX 512
/* Most {parameters} in one route's path. */
#define WEB_PATH_PARAMS_MAX 2
/* Longest value of one path parameter. */
#define WEB_PATH_PARAM_MAX 128
/* Longest client address shown in the audit log ("[::ffff:127.0.0.1]:54321"). */
#define WEB_ADDRESS_MAX 64
/* Longest login name, and the longest display name of a user. */
#define WEB_LOGIN_MAX     64
#define WEB_USER_NAME_MAX 128
/* Longest listen address given with --listen (host:port). */
#define WEB_LISTEN_MAX 128

/* XX(enum suffix, bit, Chinese name, English name): the roles of a user (issue 17). */
#define WEB_ROLE_MAP(XX)                                                                           \
    XX(ADMIN, 0x1, "系统管理员", "admin")                                                          \
    XX(CLERK, 0x2, "经办员", "clerk")                                                              \
    XX(REVIEWER, 0x4, "审核员", "reviewer")                                                        \
    XX(VIEWER, 0x8, "查看员", "viewer")                                                            \
    XX(VILLAGE, 0x10, "村级帮扶员", "village_helper")

enum web_role {
#define WEB_ROLE_ENUM(id, bit, zh, en) WEB_ROLE_##id = bit,
    WEB_ROLE_MAP(WEB_ROLE_ENUM)
#undef WEB_ROLE_ENUM
};
#define WEB_ROLES_ALL                                                                              \
    (WEB_ROLE_ADMIN | WEB_ROLE_CLERK | WEB_ROLE_REVIEWER | WEB_ROLE_VIEWER | WEB_ROLE_VILLAGE)
/* The roles that may see ID numbers, phones and bank accounts in full (each view audited). */
#define WEB_ROLES_FULL_VIEW (WEB_ROLE_CLERK | WEB_ROLE_REVIEWER | WEB_ROLE_VILLAGE)
/* Longest roles text: every role name joined by ','. */
#define WEB_ROLES_TEXT_MAX 128

/* The role mask of text (names in Chinese or English joined by ',' or '，'), or -1. */
int web_roles_parse(const char *text);
/* The Chinese names of the roles of mask joined by ',' into out. */
void web_roles_text(int mask, char out[WEB_ROLES_TEXT_MAX]);

/* The settings of one server, fixed at start-up. */
typedef struct web_settings {
    const char *target;         /* the database target, each worker opens its own */
    char static_dir[1024];      /* web/ */
    char vendor_dir[1024];      /* node_modules/ (ECharts), "" when none */
    int behind_tls;             /* 1: a TLS proxy in front: cookie __Host- with Secure */
    int64_t idle_timeout_s;     /* a session unused this long ends (30 min) */
    int64_t session_lifetime_s; /* a session ends this long after login whatever (12 h) */
    unsigned request_timeout_s; /* a body slower than this gets 408; an idle connection closes */
    unsigned connections_per_address; /* most connections from one address at once (0: any) */
    unsigned char ref_key[32]; /* seals the person references of the API (random per start) */
} web_settings;

typedef struct web_sessions web_sessions;
typedef struct web_audit_queue web_audit_queue;
typedef struct web_audit_pending web_audit_pending;
typedef struct web_policies web_policies;
typedef struct web_policy_hold web_policy_hold;

/* The logged-in user of a request. */
typedef struct web_user {
    char login[WEB_LOGIN_MAX];
    char name[WEB_USER_NAME_MAX];
    char region[REGION_CODE_TEXT_MAX]; /* canonical: the user sees this region and below */
    int roles;                         /* WEB_ROLE_* mask */
} web_user;

/* One request as a handler sees it. */
typedef struct web_request {
    const web_settings *settings;
    web_sessions *sessions;
    web_audit_queue *audit; /* the server's audit writer (web_audit.h) */
    /* Where the request's entry waits to be handed to the writer once the answer is ready (the
     * answer leaves when it is committed), or NULL: web_audit_request_entry waits itself. */
    web_audit_pending *audit_later;
    web_policies *policies; /* the server's policy set (web_policies.h) */
    /* The set this request reads, held from its first use (web_request_policies) to its end. */
    web_policy_hold *policy_hold;
    void *connection; /* the libmicrohttpd connection (web_request_query, web_request_header) */
    const char *method;
    const char *path;
    const char *body; /* NUL-terminated, body_size bytes, "" without a body */
    size_t body_size;
    char address[WEB_ADDRESS_MAX];
    char params[WEB_PATH_PARAMS_MAX][WEB_PATH_PARAM_MAX]; /* the route's {parameters} in order */
    store *store;                                         /* this worker thread's connection */
    /* Where this worker keeps a person_store open on store between requests (NULL: none). */
    struct person_store **people;
    /* This worker's seed of the nonces of person references (web_person_ref), or NULL: each
     * nonce is then read from the system's random source. */
    unsigned char *ref_seed;
    struct region_paths *region_paths; /* this worker's region paths kept (NULL: none) */
    const web_user *user;              /* NULL on a public route */
    int route;                         /* the index of the route in web_routes[] */
    const char *session_token;         /* the session cookie's value, NULL on a public route */
} web_request;

/* What a handler answers. */
typedef struct web_response {
    int status;   /* HTTP status */
    json_t *json; /* a JSON body (owned), or NULL */
    char *raw;    /* or a raw body (owned, malloc'd), raw_size bytes */
    size_t raw_size;
    const char *content_type; /* of the raw body */
    char set_cookie[512];     /* a Set-Cookie header, "" for none */
    int cacheable;            /* 1 for static files: no Cache-Control: no-store */
    char download_name[128];  /* a file to save (Content-Disposition: attachment), "" for none */
    /* The audit entry web_dispatch() writes for WEB_WRITE and WEB_PERSONAL routes: */
    const char *audit_action; /* NULL: "write" or "view" */
    char audit_target[256];   /* "": the request path */
    char audit_detail[512];   /* JSON, "" for none */
} web_response;

/* A query parameter (?name=value, decoded), or NULL. */
const char *web_request_query(const web_request *req, const char *name);
/* A request header, or NULL. */
const char *web_request_header(const web_request *req, const char *name);
/* A cookie of the request, or NULL. */
const char *web_request_cookie(const web_request *req, const char *name);

/* Sets status and body (taking the reference of body); returns BF_OK. */
int web_reply_json(web_response *res, int status, json_t *body);
/*
 * Sets status and the error body {"error": code, "message": zh, "message_en": en}, both
 * languages whatever the server's locale (the page picks one); returns BF_OK.
 */
int web_reply_error(web_response *res, int status, const char *code, const char *zh,
                    const char *en);
/* 500 for a failure of the store or the server: the detail goes to the log, not to the client. */
int web_reply_internal(web_response *res, const char *detail);
/*
 * Sets status and a body of bytes already made (taking data, malloc'd, size bytes) of the
 * content type (a static string), in place of any body set before; returns BF_OK.
 */
int web_reply_bytes(web_response *res, int status, const char *type, char *data, size_t size);
/*
 * The regular file path, whole, into *data (malloc'd, the caller's) and *size: BF_OK,
 * BF_ENOTFOUND (missing, not a regular file or larger than max bytes) or BF_EIO.
 */
int web_file_read(const char *path, size_t max, char **data, size_t *size);

/* The body of req as a JSON object into *out (owned by the caller), or a 400 reply and NULL. */
json_t *web_request_json(const web_request *req, web_response *res);

/* The name of the session cookie: __Host-bangfu behind TLS, bangfu on plain loopback HTTP. */
const char *web_session_cookie(const web_settings *settings);

/* Where `bangfu serve` logs: one line on stderr, with the time. */
void web_log(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
