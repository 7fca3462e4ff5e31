/*
 * web_routes.h - the one list of the routes of the HTTP API.
 *
 * WEB_ROUTE_MAP gives each route its handler, method, path (with {name}
 * parameters), the roles that may call it, its flags and the statuses it
 * answers; web_routes.c dispatches by it and route_openapi.c writes
 * /api/openapi.json from it, so a route cannot exist undocumented.  A new
 * route is one line here and its handler route_<id> in the resource's
 * route_*.c.
 *
 * Flags: WEB_PUBLIC needs no session (roles ignored); WEB_WRITE changes
 * data: it needs the session's CSRF token (header X-CSRF-Token) and is
 * audited as a write; WEB_PERSONAL answers with personal data and is
 * audited as a view.
 */
#ifndef BANGFU_WEB_WEB_ROUTES_H
#define BANGFU_WEB_WEB_ROUTES_H

#include "web/web.h"

#define WEB_PUBLIC   0x1
#define WEB_WRITE    0x2
#define WEB_PERSONAL 0x4

/* XX(id, method, path, roles, flags, statuses, summary_zh, summary_en) */
#define WEB_ROUTE_MAP(XX)                                                                          \
    XX(health, "GET", "/api/health", 0, WEB_PUBLIC, "200", "服务状态", "server status")            \
    XX(openapi, "GET", "/api/openapi.json", 0, WEB_PUBLIC, "200", "本 API 的 OpenAPI 3 描述",      \
       "the OpenAPI 3 description of this API")

/* The index of each route in web_routes[]. */
enum web_route_id {
#define WEB_ROUTE_ENUM(id, method, path, roles, flags, statuses, zh, en) WEB_ROUTE_##id,
    WEB_ROUTE_MAP(WEB_ROUTE_ENUM)
#undef WEB_ROUTE_ENUM
        WEB_ROUTE_COUNT
};

typedef int (*web_handler)(web_request *req, web_response *res);

/* One route of WEB_ROUTE_MAP. */
typedef struct web_route {
    const char *id;
    const char *method;
    const char *path;
    int roles;
    int flags;
    const char *statuses; /* the statuses it answers besides the common ones, e.g. "200,404" */
    const char *summary_zh;
    const char *summary_en;
    web_handler handler;
} web_route;

extern const web_route web_routes[WEB_ROUTE_COUNT];

#define WEB_ROUTE_DECLARE(id, method, path, roles, flags, statuses, zh, en)                        \
    int route_##id(web_request *req, web_response *res);
WEB_ROUTE_MAP(WEB_ROUTE_DECLARE)
#undef WEB_ROUTE_DECLARE

/*
 * Answers one API request (a path under /api/): finds its route (404 or 405
 * in JSON when none), checks the session, the roles and the CSRF token the
 * route needs, calls the handler and writes the audit entry.  res is filled
 * in every case.
 */
void web_dispatch(web_request *req, web_response *res);

#endif
